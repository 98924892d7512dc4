"""Study mode's labelled check: the figures for docs/evaluation.md, and a listing of rule items to label.

    .venv/bin/python scripts/study_labels.py                      # sample + ../shared/realworld, ingested into temp folders
    .venv/bin/python scripts/study_labels.py --list corpus/       # rule items (document#position, fingerprint, text) to label

Labels live in tests/support/data/study_labels.jsonl (document#position and a fingerprint; never a third party's words).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "tests" / "support" / "data" / "study_labels.jsonl"
LIBRARIES = {"sample": ROOT / "corpus", "realworld": ROOT.parent / "shared" / "realworld"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", type=Path, help="print the rule items of this folder's documents, to label")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    args = parser.parse_args()

    from assistant.answers.assistant import Assistant
    from assistant.config import Settings, quiet_third_parties
    from assistant.quality.study_labels import check_labels, load_labels
    from assistant.study.rules import rule_items

    quiet_third_parties()

    def library(folder: Path) -> Assistant:
        data = Path(tempfile.mkdtemp(prefix="juror-labels-"))
        assistant = Assistant.from_settings(Settings(data_dir=data))  # type: ignore[call-arg]
        report = assistant.library.ingest([folder])
        if not report.ok:
            raise SystemExit(f"could not load {folder}: {report.failed}")
        return assistant

    if args.list:
        assistant = library(args.list)
        for item in rule_items(assistant.retriever.lexical().chunks):
            print(f"{item.ref}\t{item.fingerprint}\t{item.heading}\t{item.text}")
        return 0

    labels = load_labels(LABELS)
    results = {}
    for name, folder in LIBRARIES.items():
        if not folder.is_dir():
            print(f"skipped {name}: {folder} is not here", file=sys.stderr)
            continue
        loaded = library(folder)
        results[name] = check_labels(loaded.library, loaded.retriever, [lb for lb in labels if lb.library == name])
    if not results:
        return 1
    total = next(iter(results.values()))
    for other in list(results.values())[1:]:
        total = total.add(other)
    results["both"] = total
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
    print("Confusion (label -> sorted as), both libraries:", dict(sorted(total.confusion.items())))
    if total.moved:
        print("Labels whose item moved:", total.moved)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
