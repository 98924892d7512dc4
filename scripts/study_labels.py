"""Study mode's labelled check: the figures for docs/evaluation.md, a listing of rule items to label, and a repair of
labels whose sentence changed position.

    .venv/bin/python scripts/study_labels.py                      # sample + ../shared/realworld + ../shared/realworld-2
    .venv/bin/python scripts/study_labels.py --list corpus/       # rule items (document#position, fingerprint, text)
    .venv/bin/python scripts/study_labels.py --repair             # move labels to where their sentence is now

Labels live in tests/support/data/study_labels.jsonl (document#position and a fingerprint; never a third party's
words). Libraries are loaded into temporary folders, or into --cache DIR to be reused by the next run (and by
scripts/fit_study.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "tests" / "support" / "data" / "study_labels.jsonl"
LIBRARIES = {
    "sample": ROOT / "corpus",
    "realworld": ROOT.parent / "shared" / "realworld",
    "realworld-2": ROOT.parent / "shared" / "realworld-2",
}

if TYPE_CHECKING:
    from assistant.answers.assistant import Assistant


def load_library(folder: Path, cache: Path | None = None, name: str = "") -> Assistant:
    """An Assistant over `folder`'s documents, loaded into `cache/name` (reused) or a temporary folder."""
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings, quiet_third_parties

    quiet_third_parties()
    if cache is not None:
        data = cache / (name or folder.name)
        data.mkdir(parents=True, exist_ok=True)
    else:
        data = Path(tempfile.mkdtemp(prefix="juror-labels-"))
    assistant = Assistant.from_settings(Settings(data_dir=data))  # type: ignore[call-arg]
    report = assistant.library.ingest([folder])
    if not report.ok:
        raise SystemExit(f"could not load {folder}: {report.failed}")
    return assistant


def libraries(cache: Path | None = None) -> dict[str, Assistant]:
    """Every labelled library that is here, loaded."""
    out = {}
    for name, folder in LIBRARIES.items():
        if not folder.is_dir():
            print(f"skipped {name}: {folder} is not here", file=sys.stderr)
            continue
        out[name] = load_library(folder, cache, name)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", type=Path, help="print the rule items of this folder's documents, to label")
    parser.add_argument("--repair", action="store_true", help="rewrite labels whose sentence moved to its new place")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    parser.add_argument("--cache", type=Path, help="keep the loaded libraries in this folder and reuse them")
    args = parser.parse_args()

    from assistant.quality.study_labels import check_labels, load_labels, locate
    from assistant.study.rules import rule_items

    if args.list:
        assistant = load_library(args.list, args.cache)
        for item in rule_items(assistant.retriever.lexical().chunks):
            print(f"{item.ref}\t{item.fingerprint}\t{item.heading}\t{item.text}")
        return 0

    labels = load_labels(LABELS)
    loaded = libraries(args.cache)
    if args.repair:
        moves: dict[str, str] = {}
        for name, assistant in loaded.items():
            found, gone = locate([lb for lb in labels if lb.library == name], assistant.retriever.lexical().chunks)
            moves |= {old: new for old, new in found.items() if old != new}
            for missing in gone:
                print(
                    f"{name}: the sentence of {missing} is not in its document any more: label it again",
                    file=sys.stderr,
                )
        lines = []
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            data["item"] = moves.get(data["item"], data["item"])
            lines.append(json.dumps(data, ensure_ascii=False))
        LABELS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(moves)} labels moved to where their sentence is now")
        return 0

    results = {
        name: check_labels(assistant.library, assistant.retriever, [lb for lb in labels if lb.library == name])
        for name, assistant in loaded.items()
    }
    if not results:
        return 1
    total = next(iter(results.values()))
    for other in list(results.values())[1:]:
        total = total.add(other)
    results["all"] = total
    if args.json:
        print(json.dumps({k: v.to_dict() for k, v in results.items()}, indent=2))
        return 0
    print(
        "| library | labelled items | addressee agreement | juror-section items (labelled) | juror-addressed share "
        "| theme agreement (juror items) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(
            f"| {name} | {r.labelled} | {r.agreement:.1%} | {r.juror_section} | {r.juror_share:.1%} "
            f"| {r.theme_agreement:.1%} ({r.theme_agreed}/{r.theme_labelled}) |"
        )
    print()
    print("Confusion (label -> sorted as), all libraries:", dict(sorted(total.confusion.items())))
    if total.relocated:
        print(f"Labels whose sentence changed position ({len(total.relocated)}; --repair rewrites them)")
    if total.moved:
        print("Labels whose sentence is gone (label again):", total.moved)
    if total.not_shown:
        print("Labelled sentences the briefing does not show as rules:", total.not_shown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
