#!/usr/bin/env python3
"""Each component of the answer path switched off in turn, and its held-out effect on every golden set.

    .venv/bin/python scripts/ablation.py --realworld ../shared/realworld --realworld ../shared/realworld-2 \
        --out ablation            # writes ablation/ablation.md (and one JSON per component)

For every component the whole leave-one-festival-out run of scripts/fit_weights.py is made again with the component
switched off (weights refitted without it, each festival answered by weights fitted on the others), in a process of
its own; a component of the reader is switched off before the libraries are loaded again. The table gives, for each
set, the change of each metric against the run with everything on: a component earns its place when switching it
off costs something on festivals other than the one it was written for.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _no_parts() -> None:
    from assistant.answers import asks, assistant, extractive

    def whole(question: str) -> list[tuple[str, str]]:
        return [(question, question)]

    asks.ask_parts = assistant.ask_parts = whole
    extractive.split_asks = lambda q: [q]  # type: ignore[assignment]


def _no_lists() -> None:
    from assistant.answers.extractive import ExtractiveAnswerer

    ExtractiveAnswerer._list_answer = lambda self, question, cands: []  # type: ignore[method-assign]


def _no_references_back() -> None:
    from assistant.answers import extractive

    extractive.refers_back = extractive.ends_on_pointer = lambda text: False


def _no_faq_headings() -> None:
    from assistant.library.loading import lines

    lines._next_text = lambda prepared, i: ""  # type: ignore[assignment]


def _no_numbered_runs() -> None:
    from assistant.library.loading import lines

    lines._numbered_runs = lambda prepared: set()  # type: ignore[assignment]


def _no_announcing_lead_ins() -> None:
    import re

    from assistant.answers import extractive
    from assistant.library import units

    # Matches nothing: only a colon makes a lead-in, in the reader and in the answer's list.
    units.ANNOUNCES = extractive.ANNOUNCES = re.compile(r"(?!)")


def _no_acronyms() -> None:
    from assistant.answers import names, scope

    names.acronym = scope.acronym = lambda name: ""


def _no_part_judging() -> None:
    from assistant.answers import assistant
    from assistant.answers.assistant import Assistant
    from assistant.answers.draft import Draft

    # every part counts as answered, and none adds a quote of its own
    Assistant._part_draft = lambda self, prepared, part, idf, known, within, whole: Draft("")  # type: ignore[method-assign]
    assistant.says_first = lambda draft, other: True


def _drop(kind: str, name: str) -> Callable[[], None]:
    def patch() -> None:
        import fit_weights as fw

        if kind == "quote":
            fw.QUOTE_FEATURES = [f for f in fw.QUOTE_FEATURES if f != name]
        else:
            fw.ABSTENTION_FEATURES = [f for f in fw.ABSTENTION_FEATURES if f != name]

    return patch


# name -> (what is switched off, the patch, whether the reader changes: the libraries are loaded again)
COMPONENTS: dict[str, tuple[str, Callable[[], None], bool]] = {
    "parts": ("a question of several parts answered part by part", _no_parts, False),
    "part-judging": ("each part judged on its own (uncovered parts named)", _no_part_judging, False),
    "lists": ("a list answers 'which X?' and a lead-in brings its items", _no_lists, False),
    "references-back": ("a sentence that refers back comes with the one before", _no_references_back, False),
    "faq-headings": ("an FAQ question after a blank line heads its answer", _no_faq_headings, True),
    "numbered-runs": ("lines numbered in sequence are list items, not headings", _no_numbered_runs, True),
    "announcing-lead-ins": ("a sentence that announces a list is its lead-in", _no_announcing_lead_ins, True),
    "acronyms": ("a festival named by its initials", _no_acronyms, False),
    "q:heading_sim": ("quote feature: the heading's similarity to the question", _drop("quote", "heading_sim"), False),
    "q:juror_subject": (
        "quote feature: a rule about jurors for a juror's question",
        _drop("quote", "juror_subject"),
        False,
    ),
    "q:near_cover": (
        "quote feature: a rule says the question's words in other words",
        _drop("quote", "near_cover"),
        False,
    ),
    "q:time_side": (
        "quote feature: speaks of the side of an event asked about (after, before)",
        _drop("quote", "time_side"),
        False,
    ),
    "q:answer_kind": (
        "quote feature: holds what is asked for (a number, a date...)",
        _drop("quote", "answer_kind"),
        False,
    ),
    "a:focus_unknown": ("abstention: the thing asked about is unknown", _drop("abstention", "focus_unknown"), False),
    "a:kind_missing": ("abstention: the quotes lack what is asked for", _drop("abstention", "kind_missing"), False),
}
METRICS = [
    ("citation_accuracy", "cite"),
    ("abstention_recall", "abst. recall"),
    ("abstention_precision", "abst. precision"),
    ("answered_when_answerable", "answered"),
    ("quote_precision", "quote precision"),
    ("answer_words_median", "words"),
]


def run_one(name: str, realworld: list[Path], cache: Path, out: Path) -> None:
    """The held-out run with one component off (`name` "none": everything on); writes out/NAME.json."""
    import fit_weights as fw

    from assistant.config import quiet_third_parties

    quiet_third_parties()
    if name != "none":
        COMPONENTS[name][1]()
    reingest = name != "none" and COMPONENTS[name][2]
    base = cache / name if reingest else cache / "shared"
    sources = [("sample", ROOT / "corpus", ROOT / "corpus" / "golden.jsonl")]
    sources += [(f.name, f, f / "questions.jsonl") for f in realworld if (f / "questions.jsonl").is_file()]
    gsets = {n: fw.build(n, corpus, golden, base / n) for n, corpus, golden in sources}
    for g in gsets.values():
        fw.collect(g)
    work = cache / f"work-{name}"
    work.mkdir(parents=True, exist_ok=True)
    reports = {n: fw.with_juror_metrics(r) for n, r in fw.held_out(gsets, work).items()}
    summary = {n: {k: r["summary"].get(k, {}).get("value") for k, _ in METRICS} for n, r in reports.items()}
    (out / f"{name}.json").write_text(json.dumps(summary, indent=1))


def table(out: Path, names: list[str]) -> str:
    base = json.loads((out / "none.json").read_text())
    sets = list(base)
    head = "| switched off | " + " | ".join(f"{s}: {label}" for s in sets for _, label in METRICS) + " |"
    lines = [head, "|---" * (1 + len(sets) * len(METRICS)) + "|"]
    cells = [f"{base[s][k]:.0f}" if "words" in k else f"{base[s][k]:.2f}" for s in sets for k, _ in METRICS]
    lines.append("| nothing (held-out figures) | " + " | ".join(cells) + " |")
    for name in names:
        path = out / f"{name}.json"
        if not path.is_file():
            continue
        got = json.loads(path.read_text())
        row = []
        for s in sets:
            for k, _ in METRICS:
                a, b = base[s][k], got[s][k]
                if a is None or b is None:
                    row.append("—")
                else:
                    d = b - a
                    row.append(f"{d:+.0f}" if "words" in k else ("0" if abs(d) < 0.005 else f"{d:+.2f}"))
        lines.append(f"| {COMPONENTS[name][0]} (`{name}`) | " + " | ".join(row) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realworld", type=Path, action="append", default=[])
    parser.add_argument("--out", type=Path, default=Path("ablation"))
    parser.add_argument("--cache", type=Path, default=None, help="keep the ingested libraries here between runs")
    parser.add_argument("--only", default="", help="comma-separated components (default: all)")
    parser.add_argument("--one", default="", help=argparse.SUPPRESS)  # run one component in this process
    args = parser.parse_args()
    cache = args.cache or args.out / "cache"
    args.out.mkdir(parents=True, exist_ok=True)
    if args.one:
        run_one(args.one, args.realworld, cache, args.out)
        return 0
    names = [n for n in (args.only.split(",") if args.only else COMPONENTS) if n]
    flags = [f"--realworld={p}" for p in args.realworld] + [f"--out={args.out}", f"--cache={cache}"]
    for name in ["none", *names]:
        if (args.out / f"{name}.json").is_file():
            continue
        print(f"running with {name} switched off", file=sys.stderr)
        subprocess.run([sys.executable, __file__, f"--one={name}", *flags], check=True)
    result = table(args.out, names)
    (args.out / "ablation.md").write_text(result + "\n")
    print(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
