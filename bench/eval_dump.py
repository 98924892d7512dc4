#!/usr/bin/env python3
"""Print the evaluation summary, the quality gate and every failing question compactly, for iterating.

    .venv/bin/python bench/eval_dump.py                       # sample corpus, ingested into a temp folder
    .venv/bin/python bench/eval_dump.py --data-dir /tmp/lib   # an already-ingested library (re-used)
    .venv/bin/python bench/eval_dump.py --ids amd-tie-break,faq-hotel --json out.json

The library under --data-dir is (re)ingested from --corpus first; unchanged files are skipped, so a
second run starts at once. Prints the same metrics as `juror-assistant eval` and the gate lines.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--golden", type=Path, default=ROOT / "corpus" / "golden.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--data-dir", type=Path, default=None, help="library folder (default: a fresh temp folder)")
    parser.add_argument("--ids", default="", help="comma-separated ids: evaluate only these questions")
    parser.add_argument("--json", type=Path, default=None, help="also write the JSON report")
    parser.add_argument("--baseline", action="store_true", help="score the tutorial baseline too")
    args = parser.parse_args()

    from assistant.answers.assistant import Assistant
    from assistant.config import Settings, quiet_third_parties
    from assistant.quality.evaluation import evaluate_assistant, write_json
    from assistant.quality.golden import load_golden
    from assistant.quality.report_text import format_failures, format_summary, gate_failures

    quiet_third_parties()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="juror-eval-"))
    assistant = Assistant.from_settings(Settings.model_validate({"data_dir": data_dir}))
    started = time.perf_counter()
    report = assistant.library.ingest([args.corpus])
    if not report.ok:
        print(f"ingest failed: {report.failed}", file=sys.stderr)
        return 1
    print(f"library ready in {time.perf_counter() - started:.1f}s ({data_dir})")
    golden = load_golden(args.golden)
    if args.ids:
        wanted = {i.strip() for i in args.ids.split(",") if i.strip()}
        golden = [g for g in golden if g.id in wanted]
    started = time.perf_counter()
    result = evaluate_assistant(assistant, golden, args.golden.name, baseline=args.baseline)
    print(f"evaluated {len(golden)} questions in {time.perf_counter() - started:.1f}s\n")
    print(format_summary(result))
    problems = gate_failures(result["summary"])
    print("\nGATE: " + ("passed" if not problems else "FAILED — " + "; ".join(problems)))
    failures = format_failures(result)
    if failures:
        print("\n" + failures)
    if args.json:
        write_json(result, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
