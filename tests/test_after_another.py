"""scripts/after_another.py: a golden set's first questions asked in a conversation, each after the one before."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.quality.golden import load_golden

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from after_another import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def test_each_first_question_is_asked_after_the_one_before_it_and_eval_reads_the_set(tmp_path: Path) -> None:
    golden = ROOT / "checksets" / "R" / "questions.jsonl"
    out = tmp_path / "after.jsonl"
    assert main([str(golden), str(out)]) == 0
    source = [json.loads(line) for line in golden.read_text(encoding="utf-8").splitlines() if line.strip()]
    firsts = [r for r in source if not r.get("history")]
    asked = load_golden(out)  # what `juror-assistant eval --golden` reads
    assert len(asked) == len(firsts) - 1
    for previous, record in zip(firsts, asked, strict=False):
        assert record.id.endswith("-h") and record.question in {r["question"] for r in firsts[1:]}
        assert record.history[0]["content"] == previous["question"]
    # the set's own follow-ups are left out: their history is their own
    assert not {r["question"] for r in source if r.get("history")} & {r.question for r in asked}
