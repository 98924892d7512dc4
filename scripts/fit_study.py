"""Fit study mode's addressee weights with leave-one-festival-out over every hand-labelled library in reach.

    .venv/bin/python scripts/fit_study.py                    # fit, report held-out and in-sample, write study.json
    .venv/bin/python scripts/fit_study.py --dry-run          # report only
    .venv/bin/python scripts/fit_study.py --cache /tmp/libs  # reuse loaded libraries (see scripts/study_labels.py)

The model (`assistant/study/addressee.py`) scores each addressee as a weighted sum of features that mean the same
in any document (the role of the sentence's subject, of a passive's agent, of its lead-in and heading; the festival
office as the subject; meaning similarity to general prototype sentences; the document's shares), one weight per
feature shared by the three addressees, plus a bias for the juror and the films. Weights are fitted by maximum
likelihood with a small L2 penalty. Held out by festival: each festival of each library (as `Study.festivals`
groups them) is classified by weights fitted on all the others; the juror margin (how far the juror's score must
lead for a rule to be the juror's) is chosen on the training festivals of each fold as the one that keeps the
juror section's precision highest without costing more than a point of agreement. The headline is the held-out
agreement and the held-out share of the juror section that is labelled juror; in-sample figures stand beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from study_labels import LABELS, libraries  # noqa: E402

STUDY_JSON = ROOT / "assistant" / "data" / "study.json"
L2 = 1.0
MARGINS = (-1.0, -0.5, 0.0, 0.25, 0.5, 0.75, 1.0, 1.5)


@dataclass
class Labelled:
    x: np.ndarray  # (n, 3, features)
    y: np.ndarray  # (n,) index into KINDS
    festival: np.ndarray  # (n,) "library:festival-key"
    library: np.ndarray
    ref: list[str]
    text: list[str]


def gather(cache: Path | None, labelled_only: bool = False) -> Labelled:
    """Features of every labelled rule item, computed with its whole document as the briefing does (or, with
    `labelled_only`, with only the labelled sentences of each document, as a check on labelled sentences alone
    would call the classifier)."""
    from assistant.quality.study_labels import load_labels, locate
    from assistant.study.addressee import KINDS, AddresseeClassifier, RuleText
    from assistant.study.build import _unit_vectors
    from assistant.study.rules import rule_items
    from assistant.study.study import Study

    labels = load_labels(LABELS)
    xs, ys, fest, libs, refs, texts = [], [], [], [], [], []
    for name, assistant in libraries(cache).items():
        chunks = assistant.retriever.lexical().chunks
        items = rule_items(chunks)
        festival_of = {s: f.key for f in Study.of(assistant).festivals() for s in f.sources}
        mine = [lb for lb in labels if lb.library == name]
        found, gone = locate(mine, chunks)
        if gone:
            print(f"{name}: labels whose sentence is gone (scripts/study_labels.py): {gone}", file=sys.stderr)
        wanted = {found[lb.item]: lb for lb in mine if lb.item in found}
        if labelled_only:
            items = [i for i in items if any(r in wanted for r in i.refs)]
        vectors = _unit_vectors(assistant.library, items)
        classifier = AddresseeClassifier(assistant.library.embeddings.encode)
        x = classifier.features([RuleText(i.text, i.unit.lead, i.heading, i.source) for i in items], vectors)
        for row, item in enumerate(items):
            label = next((wanted[r] for r in item.refs if r in wanted), None)
            if label is None:
                continue
            xs.append(x[row])
            ys.append(KINDS.index(label.addressee))
            fest.append(f"{name}:{festival_of[item.source]}")
            libs.append(name)
            refs.append(item.ref)
            texts.append(item.text)
    return Labelled(np.stack(xs), np.array(ys), np.array(fest), np.array(libs), refs, texts)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _design(x: np.ndarray) -> np.ndarray:
    """Features plus the juror's and the films' bias columns."""
    n = len(x)
    bias = np.zeros((n, 3, 2))
    bias[:, 0, 0] = 1.0
    bias[:, 1, 1] = 1.0
    return np.concatenate([x, bias], axis=2)


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, iters: int = 4000, lr: float = 0.5) -> np.ndarray:
    """Maximum-likelihood weights of the conditional logit (gradient descent; the problem is convex)."""
    d = _design(x)
    w = np.zeros(d.shape[2])
    target = np.eye(3)[y]
    for _ in range(iters):
        p = _softmax(np.einsum("nkd,d->nk", d, w))
        grad = np.einsum("nk,nkd->d", p - target, d) / len(y) + l2 * w / len(y)
        w -= lr * grad
    return w


def predict(x: np.ndarray, w: np.ndarray, margin: float) -> np.ndarray:
    from assistant.study.addressee import jurors

    scores = np.einsum("nkd,d->nk", _design(x), w)
    others = scores[:, 1:].max(axis=1)
    juror = jurors(scores[:, 0], others, margin)
    return np.where(juror, 0, 1 + scores[:, 1:].argmax(axis=1))


def figures(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, int]:
    """(agreement, share of the rules sorted juror that are labelled juror, rules sorted juror)."""
    chosen = pred == 0
    share = float((y[chosen] == 0).mean()) if chosen.any() else 0.0
    return float((pred == y).mean()), share, int(chosen.sum())


def choose_margin(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """The margin with the best juror precision among those within a point of the best agreement."""
    scored = [(m, *figures(predict(x, w, m), y)) for m in MARGINS]
    best = max(a for _, a, _, _ in scored)
    return max((s for s in scored if s[1] >= best - 0.01), key=lambda s: (s[2], s[1], -abs(s[0])))[0]


def held_out(data: Labelled) -> tuple[np.ndarray, dict[str, float]]:
    pred = np.zeros(len(data.y), dtype=int)
    margins = {}
    for festival in sorted(set(data.festival)):
        test = data.festival == festival
        w = fit(data.x[~test], data.y[~test])
        margin = choose_margin(data.x[~test], data.y[~test], w)
        pred[test] = predict(data.x[test], w, margin)
        margins[festival] = margin
    return pred, margins


def table(pred: np.ndarray, data: Labelled) -> list[dict[str, object]]:
    rows = []
    for name in [*dict.fromkeys(data.library), None]:
        keep = np.ones(len(data.y), dtype=bool) if name is None else data.library == name
        agreement, share, juror = figures(pred[keep], data.y[keep])
        rows.append(
            {
                "library": name or "all",
                "labelled": int(keep.sum()),
                "festivals": len(set(data.festival[keep])),
                "agreement": round(agreement, 4),
                "juror_section": juror,
                "juror_share": round(share, 4),
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dry-run", action="store_true", help="report only; leave assistant/data/study.json")
    parser.add_argument("--cache", type=Path, help="keep the loaded libraries in this folder and reuse them")
    parser.add_argument("--errors", action="store_true", help="list the held-out disagreements")
    parser.add_argument(
        "--labelled-only",
        action="store_true",
        help="classify only the labelled sentences of each document (a check as an outside labelled set would run it)",
    )
    args = parser.parse_args()

    from assistant.study.addressee import FEATURES, KINDS

    data = gather(args.cache, args.labelled_only)
    if len(set(data.festival)) < 2:  # (the real sets live beside the project, in ../shared/)
        print("fit_study: leave-one-festival-out needs labelled rules of two festivals or more; found", end=" ")
        print(f"{len(set(data.festival))}. Run it from the project folder with ../shared/ beside it.")
        return 1
    pred, margins = held_out(data)
    w = fit(data.x, data.y)
    margin = choose_margin(data.x, data.y, w)
    inside = predict(data.x, w, margin)
    out = table(pred, data)
    print("held out by festival (leave-one-festival-out):")
    for r in out:
        print(
            f"  {r['library']:12} {r['labelled']:4} labelled, {r['festivals']:2} festivals: agreement "
            f"{r['agreement']:.1%}, juror section {r['juror_section']} rules, {r['juror_share']:.1%} juror"
        )
    print("in sample:")
    for r in table(inside, data):
        print(f"  {r['library']:12} agreement {r['agreement']:.1%}, juror section {r['juror_share']:.1%}")
    print(
        "confusion held out (label -> sorted as):",
        dict(Counter((KINDS[a], KINDS[b]) for a, b in zip(data.y, pred, strict=True))),
    )
    weights = {f: round(float(v), 4) for f, v in zip(FEATURES, w[: len(FEATURES)], strict=True)}
    weights |= {"bias_juror": round(float(w[-2]), 4), "bias_film": round(float(w[-1]), 4), "juror_margin": margin}
    print("weights:", weights)
    if args.errors:
        for i in np.where(pred != data.y)[0]:
            print(f"  {KINDS[data.y[i]]:>7} -> {KINDS[pred[i]]:7} {data.ref[i]}  {data.text[i][:110]}")
    if args.dry_run:
        return 0
    study = json.loads(STUDY_JSON.read_text(encoding="utf-8"))
    study["addressee"] = weights
    study["addressee_fit"] = {
        "method": "conditional logit, one weight per feature shared by the addressees; L2 "
        f"{L2}; leave-one-festival-out over the labelled libraries (scripts/fit_study.py)",
        "held_out": out,
        "in_sample": table(inside, data),
    }
    STUDY_JSON.write_text(json.dumps(study, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {STUDY_JSON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
