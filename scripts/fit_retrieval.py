"""Fit the retrieval rerank's weights on the golden sets, held out festival by festival.

    .venv/bin/python scripts/fit_retrieval.py --realworld ../shared/realworld --realworld ../shared/realworld-2
        # report only: leave-one-festival-out figures of the evidence's rank, per golden set, beside the
        # weights in assistant/data/weights.json
    ... --write        # also write weights.json's "retrieval" section (fitted on every festival)

What is fitted: how much key-term coverage and the fused rank weigh beside semantic similarity (whose weight stays
as it is: only the ratios order passages, and the numbers bonus is on its scale), and how far a passage that only
repeats the terms matched above it is demoted. Each value of a grid is scored by the mean reciprocal rank of the
first passage that holds the evidence, over the answerable questions of the training festivals, each golden set
weighing the same; ties go to the value nearest the weights in use. Folds are festivals, as in
scripts/fit_weights.py. Run this first: quote choice and abstention are fitted on the passages retrieval gives.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fit_weights as fw

GRID = {
    "cover": [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.45],
    "rrf": [0.0, 0.1, 0.2, 0.3],
    "diversify": [0.05, 0.15, 0.25],
}


@dataclass
class Asked:
    """One answerable golden question, prepared as the answer path prepares it."""

    gset: str
    fold: str
    prepared: Any
    evidence: str
    source: str


def collect(gset: fw.GoldenSet) -> list[Asked]:
    from assistant.answers.guardrails import asks_to_decide

    a = gset.assistant
    out = []
    for g in gset.golden:
        if not g.answerable or not g.evidence:
            continue
        history = g.history_list() or None
        standalone = a.standalone(g.question, history)
        if asks_to_decide(standalone):
            continue
        prepared = a.prepare(g.question, standalone, history=history)
        out.append(Asked(gset.name, fw.festival_of(gset, [g.source]), prepared, g.evidence, g.source))
    return out


def ranks(gsets: dict[str, fw.GoldenSet], asked: list[Asked], point: dict[str, float]) -> list[int | None]:
    """The evidence's rank (1-based, None when not retrieved) of every question under these rerank weights."""
    from assistant.quality.metrics import evidence_rank

    for g in gsets.values():
        r = g.assistant.retriever
        r.w_cover, r.w_rrf, r.w_diversify = point["cover"], point["rrf"], point["diversify"]
    out = []
    for q in asked:
        a = gsets[q.gset].assistant
        contexts = [p.to_context() for p in a.passages(q.prepared).ranked]
        out.append(evidence_rank(q.evidence, q.source, contexts))
    return out


def score(asked: list[Asked], found: list[int | None], keep: set[str]) -> float:
    """Mean reciprocal rank over the questions of these folds, each golden set weighing the same."""
    from assistant.quality.metrics import reciprocal_rank

    per_set: dict[str, list[float]] = {}
    for q, rank in zip(asked, found, strict=True):
        if q.fold in keep:
            per_set.setdefault(q.gset, []).append(reciprocal_rank(rank))
    return statistics.mean(statistics.mean(v) for v in per_set.values()) if per_set else 0.0


def best_point(
    points: list[dict[str, float]], table: list[list[int | None]], asked: list[Asked], keep: set[str], now: dict
) -> int:
    def distance(i: int) -> float:
        return sum(abs(points[i][k] - now[k]) for k in GRID)

    return max(range(len(points)), key=lambda i: (round(score(asked, table[i], keep), 6), -distance(i)))


def summary(asked: list[Asked], found: list[int | None], name: str) -> dict[str, float]:
    from assistant.quality.metrics import hit_at, reciprocal_rank

    mine = [r for q, r in zip(asked, found, strict=True) if q.gset == name]
    return {
        "mrr": statistics.mean(reciprocal_rank(r) for r in mine),
        "hit_at_1": statistics.mean(hit_at(r, 1) for r in mine),
        "hit_at_5": statistics.mean(hit_at(r, 5) for r in mine),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realworld", type=Path, action="append", default=[], help="a folder with questions.jsonl")
    parser.add_argument("--write", action="store_true", help="write weights.json's retrieval section")
    parser.add_argument("--cache", type=Path, default=None, help="keep the ingested libraries here between runs")
    args = parser.parse_args()

    from assistant.config import quiet_third_parties
    from assistant.weights import DEFAULT_FILE, weights

    quiet_third_parties()
    base = args.cache or Path(tempfile.mkdtemp(prefix="juror-fit-"))
    sources = [("sample", fw.ROOT / "corpus", fw.ROOT / "corpus" / "golden.jsonl")]
    sources += [(f.name, f, f / "questions.jsonl") for f in args.realworld if (f / "questions.jsonl").is_file()]
    gsets = {name: fw.build(name, corpus, golden, base / name) for name, corpus, golden in sources}
    asked = [q for g in gsets.values() for q in collect(g)]
    folds = sorted({q.fold for q in asked})
    now = weights("retrieval")
    points = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    table = [ranks(gsets, asked, p) for p in points]
    current = ranks(gsets, asked, now)
    print(f"{len(asked)} answerable questions in {len(folds)} festival folds, {len(points)} grid points")

    held: list[int | None] = [None] * len(asked)
    for fold in folds:
        chosen = best_point(points, table, asked, {f for f in folds if f != fold}, now)
        for i, q in enumerate(asked):
            if q.fold == fold:
                held[i] = table[chosen][i]
    final = best_point(points, table, asked, set(folds), now)
    rows = [("mrr", "evidence MRR"), ("hit_at_1", "hit@1"), ("hit_at_5", "hit@5")]
    for title, found in (
        (f"weights in use {now}", current),
        ("leave-one-festival-out", held),
        (f"in-sample, fitted on every festival {points[final]}", table[final]),
    ):
        stats = {name: summary(asked, found, name) for name in gsets}
        print(f"\n{title}\n| metric | " + " | ".join(gsets) + " |\n" + "|---" * (len(gsets) + 1) + "|")
        for key, label in rows:
            print(f"| {label} | " + " | ".join(f"{stats[n][key]:.3f}" for n in gsets) + " |")
    if args.write:
        data = json.loads(DEFAULT_FILE.read_text())
        data["retrieval"] = {"dense": now["dense"]} | points[final]
        DEFAULT_FILE.write_text(json.dumps(data, indent=2) + "\n")
        print(f"\nwrote {DEFAULT_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
