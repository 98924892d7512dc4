"""Whole command-line processes, as testers and organisers run them: `juror-assistant ask` (a fresh process per
question on an existing library: interpreter start, imports, opening the library, the model's first use, the
answer) and `juror-assistant library`, each run N times; median wall time and peak RSS of the process.

The sample corpus is ingested first (not timed) into one data folder per backend, so that each backend asks a
library whose vectors it made itself; `ask` rows are shown for the default backend (onnx-int8), onnx (fp32) and
torch, side by side in the same run. One untimed run of each command comes first (it makes the ONNX file on a new
machine and warms the operating system's file cache), so "cold" means a new process, not a cold disk.

    .venv/bin/python bench/cli.py              # 7 runs of each command (default, onnx and torch `ask`)
    .venv/bin/python bench/cli.py --runs 5 --data-dir DIR   # ask and list an existing default-backend library

Targets (issue 13): `ask` median <= 2.0 s wall and <= 400 MB peak RSS; `library` <= 1.0 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402

CLI = Path(sys.executable).with_name("juror-assistant")
QUESTIONS = [  # one per run, so that no run answers the same question as the one before
    "Can I bring my dog to a screening?",
    "Can jurors take part in a vote by video link?",
    "Who breaks a tie in the final vote?",
    "May I accept a dinner invitation from a producer?",
    "How much is the per diem?",
    "Can I tell a journalist how we voted?",
    "What happens if I miss an official screening?",
]
TARGETS = {"ask": (2.0, 400.0), "library": (1.0, None)}
DEFAULT = str(Settings.model_fields["embedding_backend"].default)


def env_for(backend: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    env.update(JUROR_EMBEDDING_BACKEND=backend, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", NO_COLOR="1")
    return env


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen([str(CLI), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({proc.returncode}): {err.strip()[-500:]}")
    return wall, usage.ru_maxrss / 1024


def ingest(data: Path, backend: str) -> None:
    done = subprocess.run(
        [str(CLI), "ingest", str(ROOT / "corpus"), "--data-dir", str(data)],
        env=env_for(backend),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"ingesting the sample corpus with {backend} failed: {done.stderr.strip()[-500:]}")


def measure(label: str, make_args, env: dict[str, str], runs: int) -> tuple[str, list[float], list[float]]:
    timed(make_args(0), env)  # untimed: ONNX file made if missing, file cache warm
    walls, peaks = [], []
    for i in range(runs):
        wall, peak = timed(make_args(i), env)
        walls.append(wall)
        peaks.append(peak)
        print(f"  {label}: {wall:.2f} s, {peak:.0f} MB", file=sys.stderr)
    return label, walls, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="Timed runs of each command (default 7, at least 5).")
    parser.add_argument("--data-dir", type=Path, help="An existing library made by the default backend.")
    parser.add_argument(
        "--others", default="onnx,torch", help="Other backends whose `ask` is timed beside the default's."
    )
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5 (the targets are medians of 5 or more)")

    others = [b.strip() for b in args.others.split(",") if b.strip() and b.strip() != DEFAULT]
    with tempfile.TemporaryDirectory(prefix="juror-bench-cli-") as tmp:
        default_dir = args.data_dir
        if default_dir is None:
            default_dir = Path(tmp) / DEFAULT
            print(f"ingesting the sample corpus ({DEFAULT})...", file=sys.stderr)
            ingest(default_dir, DEFAULT)
        dirs = {DEFAULT: default_dir}
        for backend in others:
            print(f"ingesting the sample corpus ({backend})...", file=sys.stderr)
            dirs[backend] = Path(tmp) / backend
            ingest(dirs[backend], backend)

        def ask_in(data: Path):
            return lambda i: ["ask", QUESTIONS[i % len(QUESTIONS)], "--json", "--data-dir", str(data)]

        rows = [
            measure(
                f"`ask --json`, {backend}{' (default)' if backend == DEFAULT else ''}",
                ask_in(dirs[backend]),
                env_for(backend),
                args.runs,
            )
            for backend in dirs
        ]
        rows.append(
            measure("`library`", lambda i: ["library", "--data-dir", str(default_dir)], env_for(DEFAULT), args.runs)
        )

    print(f"\nWhole processes, {args.runs} runs each (after one untimed run)\n")
    print("| command | median wall s | min | max | median peak RSS MB | max peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, walls, peaks in rows:
        print(
            f"| {label} | {statistics.median(walls):.2f} | {min(walls):.2f} | {max(walls):.2f} | "
            f"{statistics.median(peaks):.0f} | {max(peaks):.0f} |"
        )
    ask_walls, ask_peaks = rows[0][1], rows[0][2]
    library_walls = rows[-1][1]
    wall_ok = statistics.median(ask_walls) <= TARGETS["ask"][0]
    rss_ok = statistics.median(ask_peaks) <= (TARGETS["ask"][1] or 0)
    library_ok = statistics.median(library_walls) <= TARGETS["library"][0]
    print(
        f"\nTargets: ask median <= 2.0 s: {'met' if wall_ok else 'NOT met'} ({statistics.median(ask_walls):.2f} s); "
        f"ask peak <= 400 MB: {'met' if rss_ok else 'NOT met'} ({statistics.median(ask_peaks):.0f} MB); "
        f"library <= 1.0 s: {'met' if library_ok else 'NOT met'} ({statistics.median(library_walls):.2f} s)."
    )
    load = os.getloadavg()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"1-minute load average at the end {load[0]:.1f}."
    )


if __name__ == "__main__":
    main()
