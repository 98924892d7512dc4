"""Study mode speed: building the briefing and a 20-question quiz for the sample library, warm.

"Warm" means the model is loaded and the library has been opened and read once (as in the running app);
every measured run still builds everything from the library again: a new `Study` each time, so no
briefing, glossary or quiz cache is reused. Target: <= 5 s per briefing + 20-question quiz.

    .venv/bin/python bench/study.py                       # sample corpus, ingested into a temp folder
    .venv/bin/python bench/study.py --data-dir /tmp/lib   # an already-ingested library (re-used)
    .venv/bin/python bench/study.py --write               # also update "## Study mode" in docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from docs_section import write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADING = "## Study mode"
TARGET_S = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--data-dir", type=Path, default=None, help="library folder (default: a fresh temp folder)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--write", action="store_true", help="update the Study mode section of docs/benchmarks.md")
    args = parser.parse_args()

    from assistant.answers.assistant import Assistant
    from assistant.config import Settings, quiet_third_parties
    from assistant.study.study import Study

    quiet_third_parties()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="juror-study-bench-"))
    assistant = Assistant.from_settings(Settings(data_dir=data_dir))  # type: ignore[call-arg]
    report = assistant.library.ingest([args.corpus])
    if not report.ok:
        print(f"ingest failed: {report.failed}", file=sys.stderr)
        return 1
    assistant.warm_up()

    started = time.perf_counter()
    first = Study.of(assistant)
    first.briefing()
    first.quiz(count=args.questions, seed=0)
    first_s = time.perf_counter() - started

    brief_s, quiz_s, total_s = [], [], []
    items = questions = 0
    for run in range(args.runs):
        study = Study.of(assistant)
        t0 = time.perf_counter()
        briefing = study.briefing()
        t1 = time.perf_counter()
        quiz = study.quiz(count=args.questions, seed=run)
        t2 = time.perf_counter()
        brief_s.append(t1 - t0)
        quiz_s.append(t2 - t1)
        total_s.append(t2 - t0)
        items, questions = len(briefing.items()), len(quiz)

    docs = len(assistant.library.documents())
    passages = assistant.library.store.count()
    median, worst = statistics.median(total_s), max(total_s)
    verdict = "meets" if worst <= TARGET_S else "MISSES"
    lines = [
        f"Library: {docs} documents, {passages} passages; briefing of {items} cited rules, quiz of {questions} verified questions.",
        "",
        "| measure | median | worst |",
        "|---|---|---|",
        f"| briefing | {statistics.median(brief_s):.2f} s | {max(brief_s):.2f} s |",
        f"| glossary + distractor pools + {args.questions}-question quiz | {statistics.median(quiz_s):.2f} s | {max(quiz_s):.2f} s |",
        f"| **briefing + {args.questions}-question quiz (warm)** | **{median:.2f} s** | **{worst:.2f} s** |",
        "",
        f"First build after start-up (also embeds the fixed theme queries and builds the BM25 index): {first_s:.2f} s.",
        f"Target <= {TARGET_S:.0f} s warm: {verdict} it over {args.runs} runs. Each run uses a new `Study`, so nothing built is cached.",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, 2 shared cores. Command: `.venv/bin/python bench/study.py --write`.",
    ]
    print("\n".join(lines))
    if args.write:
        write_section(ROOT / "docs" / "benchmarks.md", HEADING, f"{HEADING}\n\n" + "\n".join(lines))
        print(f"\nwrote {HEADING!r} in docs/benchmarks.md")
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
