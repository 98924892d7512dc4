#!/usr/bin/env python3
"""Does the format a festival publishes in change the answers? Score one golden set's library as given and
rendered as Word, web page and PDF (`tests/support/published.py`: lists numbered outside the text, unstyled headings,
wrapped lines, running titles, page numbers), side by side.

    .venv/bin/python scripts/eval_formats.py ../shared/realworld            # folder with questions.jsonl
    .venv/bin/python scripts/eval_formats.py corpus --golden corpus/golden.jsonl

Only `.md` and `.txt` files are rendered (others are loaded as they are in every column). The texts are read at
run time and written to a temporary folder only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

METRICS = ["hit_at_1", "hit_at_5", "mrr", "citation_accuracy", "key_fact_coverage", "abstention_recall"]
METRICS += ["answered_when_answerable"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--golden", type=Path, help="Golden set (default: FOLDER/questions.jsonl).")
    args = parser.parse_args()

    from support.published import as_docx, as_html, as_pdf

    from assistant.answers.assistant import Assistant
    from assistant.config import Settings, quiet_third_parties
    from assistant.quality.evaluation import evaluate
    from assistant.quality.golden import load_golden

    quiet_third_parties()
    golden = load_golden(args.golden or args.folder / "questions.jsonl")
    renderers = {
        "as given": None,
        "docx": as_docx,
        "html": as_html,
        "pdf": lambda text: as_pdf(text, text.splitlines()[0][:60]),
    }
    rows: dict[str, dict[str, float]] = {}
    embeddings = None
    with tempfile.TemporaryDirectory() as tmp:
        for name, render in renderers.items():
            files = Path(tmp, name.replace(" ", "-"))
            files.mkdir()
            for path in sorted(args.folder.iterdir()):
                if path.name.lower() == "readme.md" or path.suffix not in (".md", ".txt", ".pdf", ".docx", ".html"):
                    continue
                if render is None or path.suffix not in (".md", ".txt"):
                    (files / path.name).write_bytes(path.read_bytes())
                else:
                    suffix = ".pdf" if name == "pdf" else f".{name}"
                    (files / path.with_suffix(suffix).name).write_bytes(render(path.read_text(encoding="utf-8")))
            settings = Settings(data_dir=Path(tmp, f"library-{files.name}"))  # type: ignore[call-arg]
            assistant = Assistant.from_settings(settings, embeddings=embeddings)
            embeddings = assistant.library.embeddings
            assistant.library.ingest([files])
            # The golden set names `.md` files: compare by file name without its extension.
            renamed = [g if render is None else replace(g, source=Path(g.source).stem) for g in golden]
            summary = evaluate(
                assistant,
                renamed,
                documents=assistant.library.documents(),
                golden_name=str(args.golden or "questions.jsonl"),
            )["summary"]
            rows[name] = {m: summary[m]["value"] for m in METRICS}
    print("| metric | " + " | ".join(rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for m in METRICS:
        print(f"| {m} | " + " | ".join(f"{rows[r][m]:.3f}" for r in rows) + " |")


if __name__ == "__main__":
    main()
