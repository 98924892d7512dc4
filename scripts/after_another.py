#!/usr/bin/env python3
"""A golden set's first questions asked again in a conversation, each after the question before it.

    .venv/bin/python scripts/after_another.py checksets/R/questions.jsonl /tmp/R-after.jsonl
    juror-assistant eval --golden /tmp/R-after.jsonl --data-dir /tmp/check-R --compare report-R.json

In the app every question but the first has a history, and most golden questions are asked without one. A question
read as a follow-up of an unrelated one borrows its words and its festival, so the same question can pass alone and
fail in a conversation. Each question here (ids suffixed "-h") carries the previous question of the set and its
golden answer as history; follow-ups of the set, which lean on their own history, are left out. Compare the report
with the one of the set asked alone: a question that passes alone and fails here was taken for a follow-up.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from assistant.quality.golden import GoldenRecord, dump_golden, load_golden

DECLINED = "The library does not answer this."


def after_another(records: list[GoldenRecord]) -> list[GoldenRecord]:
    """Each first question but the first, with the one before it (and its golden answer) as its history."""
    firsts = [r for r in records if not r.history]
    return [
        replace(
            record,
            id=f"{record.id}-h",
            history=(
                {"role": "user", "content": previous.question},
                {"role": "assistant", "content": previous.answer or DECLINED},
            ),
        )
        for previous, record in zip(firsts, firsts[1:], strict=False)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("golden", type=Path, help="a golden set (JSON lines)")
    parser.add_argument("out", type=Path, help="where to write the set asked in a conversation")
    args = parser.parse_args(argv)
    asked = after_another(load_golden(args.golden))
    args.out.write_text(dump_golden(asked), encoding="utf-8")
    print(f"{len(asked)} questions, each asked after the one before it: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
