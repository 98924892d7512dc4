#!/usr/bin/env python3
"""Fit the weights of quote choice and abstention on the golden sets, with leave-one-document-out figures.

    .venv/bin/python scripts/fit_weights.py                 # report only: held-out figures, current vs fitted
    .venv/bin/python scripts/fit_weights.py --write         # also write assistant/data/weights.json
    .venv/bin/python scripts/fit_weights.py --realworld ../shared/realworld   # add the real-regulation set
    .venv/bin/python scripts/fit_weights.py --realworld ../shared/realworld --backends onnx,onnx-int8 --write
                                                              # how the shipped weights are made

Data: every golden set given (the sample library's `corpus/golden.jsonl`, and `questions.jsonl` of each
`--realworld` folder, read at run time and never copied), each over its own freshly ingested library.

Quote choice: for each answerable question, the extractive answerer's candidate units and their features; a unit
is a positive when it comes from the expected document and holds at least half of the evidence's content words.
The weights minimise a listwise softmax loss (the positives' share of the question's candidates), L2-regularised.
Abstention: for each question, the abstention features (with the fitted quote weights); a logistic model, and a
threshold that keeps 96% of the answerable training questions answered. Questions about a festival the library
does not hold are decided by scope (`assistant.answers.scope`), not by this model, and are left out of its fit.

Backends: weights fitted on one backend's features settle that backend's near ties in its favour, so the shipped
weights pool the features of both ONNX backends (`--backends`; each question once per backend, in the same fold).

Leave-one-document-out: each fold holds out the questions of one document (unanswerable questions go with the
document they name, or into folds of their own) and is scored with weights fitted on all the others.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUOTE_FEATURES = [
    "sim",
    "cover",
    "context_cover",
    "passage",
    "numbers",
    "modal",
    "own_cover",
    "answer_kind",
    "position",
    "rank",
    "long",
    "item",
    "lead_only",
    "list_item",
]
ABSTENTION_FEATURES = ["dense", "coverage", "unknown", "scoped", "kind_missing", "sim_gap", "focus_unknown"]
POSITIVE_RECALL = 0.5
SYNONYMS = [0.55, 0.6, 0.65]
KEEP_ANSWERED = 0.97


@dataclass
class QuoteCase:
    qid: str
    fold: str
    x: np.ndarray
    y: np.ndarray
    cands: list = field(default_factory=list)  # the answerer's candidates, to compose answers again
    usable: list = field(default_factory=list)  # the passages they come from
    question: str = ""
    evidence: str = ""
    source: str = ""
    idf: dict = field(default_factory=dict)


@dataclass
class AbstentionCase:
    qid: str
    fold: str
    x: np.ndarray
    answerable: bool


@dataclass
class Dataset:
    quotes: list[QuoteCase] = field(default_factory=list)
    abstention: list[AbstentionCase] = field(default_factory=list)


def build(corpus: Path, golden_path: Path, data_dir: Path, backend: str | None = None):
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings
    from assistant.quality.golden import load_golden

    settings = (
        Settings(data_dir=data_dir) if backend is None else Settings(data_dir=data_dir, embedding_backend=backend)
    )
    assistant = Assistant.from_settings(settings)
    report = assistant.library.ingest([corpus])
    if not report.ok:
        raise SystemExit(f"ingest of {corpus} failed: {[r.message for r in report.failed]}")
    return assistant, load_golden(golden_path)


def prepared_questions(assistant, golden):
    """(golden record, prepared question) for each question the assistant decides on with its weights: not the
    requests to pick a winner (declined by the guardrail) nor questions outside the library (decided by scope)."""
    from assistant.answers.guardrails import asks_to_decide

    for g in golden:
        history = g.history_list() or None
        standalone = assistant.standalone(g.question, history)
        if asks_to_decide(standalone):
            continue
        prepared = assistant.prepare(g.question, standalone, history=history)
        if not prepared.outside:
            yield g, prepared


def collect_quotes(assistant, golden, prefix: str) -> list[QuoteCase]:
    from assistant.quality.metrics import same_source, term_recall

    idf = assistant.retriever.lexical().idf_table()
    cases = []
    for g, prepared in prepared_questions(assistant, [g for g in golden if g.answerable and g.evidence]):
        quotable = assistant.passages(prepared).quotable
        cands = assistant.extractive.candidates(prepared.topic, quotable, idf, own=prepared.own)
        usable = [p for p in quotable if not p.superseded_by][: assistant.extractive.max_passages]
        if not cands:
            continue
        x = np.array([[c.features[f] for f in QUOTE_FEATURES] for c in cands], dtype=float)
        y = np.array(
            [
                same_source(g.source, usable[c.passage_rank].chunk.source, usable[c.passage_rank].chunk.title)
                and term_recall(g.evidence, f"{c.unit.lead} {c.unit.text}") >= POSITIVE_RECALL
                for c in cands
            ],
            dtype=float,
        )
        cases.append(
            QuoteCase(g.id, f"{prefix}:{g.source}", x, y, cands, usable, prepared.topic, g.evidence, g.source, idf)
        )
    return cases


def collect_abstention(assistant, golden, prefix: str) -> list[AbstentionCase]:
    cases = []
    for i, (g, prepared) in enumerate(prepared_questions(assistant, golden)):
        passages = assistant.passages(prepared)
        conf = assistant.judge(prepared, passages, assistant.draft(prepared, passages)).confidence
        x = np.array([conf.features.get(f, 0.0) for f in ABSTENTION_FEATURES], dtype=float)
        if g.answerable:
            fold = f"{prefix}:{g.source}"
        elif prepared.scope.sources:
            fold = f"{prefix}:{prepared.scope.sources[0]}"
        else:
            fold = f"{prefix}:unanswerable-{i % 5}"
        cases.append(AbstentionCase(g.id, fold, x, g.answerable))
    return cases


# ---------------------------------------------------------------- quote choice: listwise softmax


def fit_quotes(cases: list[QuoteCase], l2: float = 0.005, start: np.ndarray | None = None) -> np.ndarray:
    usable = [c for c in cases if c.y.any()]
    d = len(QUOTE_FEATURES)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.0, np.zeros(d)
        for c in usable:
            s = c.x @ w
            s = s - s.max()
            p = np.exp(s)
            p /= p.sum()
            pos = float(p[c.y > 0].sum())
            total -= np.log(max(pos, 1e-12))
            q = np.where(c.y > 0, p / max(pos, 1e-12), 0.0)  # the posterior over positives
            grad -= c.x.T @ (q - p)
        total /= len(usable)
        grad /= len(usable)
        return total + l2 * float(w @ w), grad + 2 * l2 * w

    w0 = start if start is not None else np.zeros(d)
    return minimize(loss, w0, jac=True, method="L-BFGS-B").x


# Margins below the best quote's score (logit units) within which more quotes join an answer; answers stay short
# whatever the margins (at most three quotes and `answering.MAX_ANSWER_WORDS` words).
MARGINS = {
    "follow": [0.25, 0.5, 1.0],
    "follow_adjacent": [0.5, 1.0, 2.0, 3.0],
    "second_opinion": [-1.0, 0.5, 1.0, 1.5, 2.0],
    "listing": [3.0, 2.0, 1.0, 0.0],  # ties go to answering "which awards?" with the list
}


def cited_right(cases: list[QuoteCase], w: np.ndarray, margins: dict[str, float], answerer) -> list[bool]:
    """Compose each answer again with these weights and margins: do its quotes cover the evidence?"""
    from assistant.quality.metrics import citation_accurate

    answerer.follow, answerer.follow_adjacent, answerer.second_opinion, answerer.listing = (
        margins["follow"],
        margins["follow_adjacent"],
        margins["second_opinion"],
        margins.get("listing", 0.0),
    )
    out = []
    for c in cases:
        for cand, row in zip(c.cands, c.x, strict=True):
            cand.score = float(row @ w)
        draft = answerer.compose(c.question, list(c.cands), c.usable, c.idf)
        cites = [cit.to_dict() for cit in draft.citations]
        out.append(citation_accurate(c.evidence, c.source, cites)[1])
    return out


def fit_margins(cases: list[QuoteCase], w: np.ndarray, answerer) -> dict[str, float]:
    """The choice margins that cite the evidence most often, each golden set weighing the same."""
    import itertools

    best, best_value = {}, -1.0
    sets = sorted({c.fold.split(":")[0] for c in cases})
    for values in itertools.product(*MARGINS.values()):
        margins = dict(zip(MARGINS, values, strict=True))
        right = cited_right(cases, w, margins, answerer)
        value = float(
            np.mean(
                [np.mean([r for r, c in zip(right, cases, strict=True) if c.fold.startswith(f"{s}:")]) for s in sets]
            )
        )
        if value > best_value + 1e-9:
            best, best_value = margins, value
    return best


def top1(cases: list[QuoteCase], w: np.ndarray) -> tuple[int, int]:
    usable = [c for c in cases if c.y.any()]
    hits = sum(bool(c.y[int(np.argmax(c.x @ w))]) for c in usable)
    return hits, len(usable)


# ---------------------------------------------------------------- abstention: logistic model + threshold


def fit_abstention(cases: list[AbstentionCase], l2: float = 0.002) -> tuple[np.ndarray, float]:
    x = np.array([c.x for c in cases])
    y = np.array([1.0 if c.answerable else 0.0 for c in cases])
    d = x.shape[1]
    # Unanswerable questions are few: weigh the classes equally.
    weight = np.where(y > 0, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum()))

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:d], params[d]
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        eps = 1e-12
        total = -float(np.sum(weight * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))))
        g = weight * (p - y)
        grad = np.concatenate([x.T @ g + 2 * l2 * w, [g.sum()]])
        return total + l2 * float(w @ w), grad

    params = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B").x
    w, b = params[:d], params[d]
    # Threshold: the highest score cut that still answers KEEP_ANSWERED of the answerable questions.
    scores = np.sort(x[y > 0] @ w + b)
    k = int(np.floor((1 - KEEP_ANSWERED) * len(scores)))
    cut = float(scores[k] - 1e-6) if len(scores) else 0.0
    return w, b - cut


def abstention_rates(cases: list[AbstentionCase], w: np.ndarray, bias: float) -> tuple[float, float]:
    answered = [c.x @ w + bias >= 0 for c in cases]
    ans = [a for a, c in zip(answered, cases, strict=True) if c.answerable]
    una = [not a for a, c in zip(answered, cases, strict=True) if not c.answerable]
    return (sum(ans) / max(1, len(ans)), sum(una) / max(1, len(una)))


def held_out_abstention(cases: list[AbstentionCase]) -> tuple[float, float]:
    """(answered-when-answerable, abstention recall) over the leave-one-document-out folds."""
    outcomes = lodo(cases, fit_abstention, lambda test, m: [(c.answerable, bool(c.x @ m[0] + m[1] >= 0)) for c in test])
    pairs = [p for r in outcomes.values() for p in r]
    return (
        float(np.mean([a for ok, a in pairs if ok])) if any(ok for ok, _ in pairs) else 0.0,
        float(np.mean([not a for ok, a in pairs if not ok])) if any(not ok for ok, _ in pairs) else 0.0,
    )


def lodo(cases, fit, score):
    """Leave-one-document-out: fit without each fold, score the fold; returns the per-fold results."""
    folds = sorted({c.fold for c in cases})
    out = {}
    for fold in folds:
        train = [c for c in cases if c.fold != fold]
        test = [c for c in cases if c.fold == fold]
        out[fold] = score(test, fit(train))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realworld", type=Path, action="append", default=[], help="a folder with questions.jsonl")
    parser.add_argument("--write", action="store_true", help="write assistant/data/weights.json")
    parser.add_argument("--cache", type=Path, default=None, help="keep the ingested libraries here between runs")
    parser.add_argument(
        "--backends",
        default="",
        help="comma-separated embedding backends whose features are pooled (default: the configured one); each "
        "question then counts once per backend, in the same leave-one-document-out fold",
    )
    args = parser.parse_args()

    from assistant.config import quiet_third_parties
    from assistant.weights import DEFAULT_FILE, weights

    quiet_third_parties()
    sets = [("sample", ROOT / "corpus", ROOT / "corpus" / "golden.jsonl")]
    for folder in args.realworld:
        if (folder / "questions.jsonl").is_file():
            sets.append((folder.name, folder, folder / "questions.jsonl"))
    base = args.cache or Path(tempfile.mkdtemp(prefix="juror-fit-"))
    backends = [b.strip() for b in args.backends.split(",") if b.strip()] or [None]
    built = [
        (name, *build(corpus, golden, base / (name if b is None else f"{name}-{b}"), b))
        for b in backends
        for name, corpus, golden in sets
    ]

    # 1. Quote choice.
    quotes = [case for name, a, g in built for case in collect_quotes(a, g, name)]
    current = np.array([weights("quote").get(f, 0.0) for f in QUOTE_FEATURES])
    held = lodo(quotes, fit_quotes, top1)
    hits = sum(h for h, _ in held.values())
    n = sum(t for _, t in held.values())
    cur_hits, cur_n = top1(quotes, current)
    print(f"quote choice: {len(quotes)} questions, {n} with a positive unit among the candidates")
    print(f"  top-1 with the current weights (in-sample): {cur_hits}/{cur_n} = {cur_hits / max(1, cur_n):.3f}")
    print(f"  top-1 with fitted weights, leave-one-document-out: {hits}/{n} = {hits / max(1, n):.3f}")
    for name in dict.fromkeys(c.fold.split(":")[0] for c in quotes):
        h = sum(r[0] for f, r in held.items() if f.startswith(f"{name}:"))
        t = sum(r[1] for f, r in held.items() if f.startswith(f"{name}:"))
        print(f"    {name}: {h}/{t} = {h / max(1, t):.3f}")
    fitted = fit_quotes(quotes)
    print("  fitted weights: " + ", ".join(f"{f} {v:+.3f}" for f, v in zip(QUOTE_FEATURES, fitted, strict=True)))
    answerer = built[0][1].extractive
    current_margins = weights("quote_choice")
    now = cited_right(quotes, current, current_margins, answerer)
    print(f"  citation accuracy with the current weights and margins (in-sample): {np.mean(now):.3f}")

    def fit_all(train):
        w = fit_quotes(train)
        return w, fit_margins(train, w, answerer)

    held_c = lodo(quotes, fit_all, lambda test, model: cited_right(test, model[0], model[1], answerer))
    right = [r for rs in held_c.values() for r in rs]
    print(f"  citation accuracy with fitted weights and margins, leave-one-document-out: {np.mean(right):.3f}")
    for name in dict.fromkeys(c.fold.split(":")[0] for c in quotes):
        rs = [r for f, v in held_c.items() if f.startswith(f"{name}:") for r in v]
        print(f"    {name}: {np.mean(rs):.3f} over {len(rs)} answerable questions")
    margins = fit_margins(quotes, fitted, answerer)
    print("  fitted margins: " + ", ".join(f"{k} {v}" for k, v in margins.items()))
    fin = cited_right(quotes, fitted, margins, answerer)
    for name in dict.fromkeys(c.fold.split(":")[0] for c in quotes):
        rs = [r for r, c in zip(fin, quotes, strict=True) if c.fold.startswith(f"{name}:")]
        print(f"    in-sample {name}: {np.mean(rs):.3f}")

    # 2. Abstention, with the fitted quote weights in place (its features read the best quote's score).
    for _, assistant, _ in built:
        assistant.extractive.w = dict(zip(QUOTE_FEATURES, map(float, fitted), strict=True))
    # The synonym threshold shapes the "unknown" features themselves: each candidate value gets its own features,
    # model and held-out figure, and the best held-out balance of answered and abstained wins.
    best_synonym, abst, best_balance, held = SYNONYMS[0], [], -1.0, (0.0, 0.0)
    for value in SYNONYMS:  # each value through a weights file of its own (JUROR_WEIGHTS_FILE), as a user would
        data = json.loads(DEFAULT_FILE.read_text())
        data["synonyms"]["similarity"] = value
        path = base / f"weights-synonyms-{value}.json"
        path.write_text(json.dumps(data))
        os.environ["JUROR_WEIGHTS_FILE"] = str(path)
        cases = [case for name, a, g in built for case in collect_abstention(a, g, name)]
        answered_rate, recall = held_out_abstention(cases)
        balance = recall if answered_rate >= 0.95 else recall - 10 * (0.95 - answered_rate)
        print(
            f"  synonym similarity {value}: held-out answered-when-answerable {answered_rate:.3f}, recall {recall:.3f}"
        )
        if balance > best_balance + 1e-9:
            best_synonym, abst, best_balance, held = value, cases, balance, (answered_rate, recall)
    os.environ.pop("JUROR_WEIGHTS_FILE", None)
    print(f"  chosen synonym similarity: {best_synonym}")
    unanswerable = sum(not c.answerable for c in abst)
    print(f"abstention: {len(abst)} questions ({unanswerable} unanswerable, decided by the model)")
    print(f"  leave-one-document-out: answered-when-answerable {held[0]:.3f}, abstention recall {held[1]:.3f}")
    cw = weights("abstention")
    cur = abstention_rates(abst, np.array([cw.get(f, 0.0) for f in ABSTENTION_FEATURES]), cw.get("bias", 0.0))
    print(f"  current weights (in-sample): answered-when-answerable {cur[0]:.3f}, abstention recall {cur[1]:.3f}")
    w_a, b_a = fit_abstention(abst)
    print(
        "  fitted weights: "
        + ", ".join(f"{f} {v:+.3f}" for f, v in zip(ABSTENTION_FEATURES, w_a, strict=True))
        + f", bias {b_a:+.3f}"
    )

    if args.write:
        data = json.loads(DEFAULT_FILE.read_text())
        data["quote"] = {f: round(float(v), 4) for f, v in zip(QUOTE_FEATURES, fitted, strict=True)}
        data["quote_choice"] = margins
        data["abstention"] = {f: round(float(v), 4) for f, v in zip(ABSTENTION_FEATURES, w_a, strict=True)}
        data["abstention"]["bias"] = round(float(b_a), 4)
        data["synonyms"] = {"similarity": best_synonym, "spread": 0.2}
        data["fit"] = {
            "sets": [name for name, *_ in sets],
            "backends": [b or "configured" for b in backends],
            "quote_top1_lodo": round(hits / max(1, n), 4),
            "citation_accuracy_lodo": round(float(np.mean(right)), 4),
            "abstention_lodo": {
                "answered_when_answerable": round(held[0], 4),
                "abstention_recall": round(held[1], 4),
            },
        }
        DEFAULT_FILE.write_text(json.dumps(data, indent=2) + "\n")
        print(f"wrote {DEFAULT_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
