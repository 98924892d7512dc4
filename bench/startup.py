"""Benchmark: cold start of the web app to a usable chat, and time to the first streamed words.

Each run launches a fresh `streamlit run app.py` (new process: nothing cached), polls it with headless
Chromium until the chat input is visible, asks a question at once (cold) and then a second one (warm),
and times the first streamed words and the complete answer with its citations.

    .venv/bin/python bench/startup.py [--runs 3] [--data-dir DIR] [--no-write]

Without --data-dir the sample library is ingested into a temporary folder first (not timed).
Writes the figures into docs/benchmarks.md under "## App start-up" (only that section).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docs_section import write_section

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## App start-up"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COLD_QUESTION = "What is the gift limit?"
WARM_QUESTION = "What happens if I miss a screening?"
TARGET_S = 10.0

# The n-th assistant message has visible answer text (not just the spinner).
_FIRST_WORDS_JS = """(n) => {
  const msgs = [...document.querySelectorAll('[data-testid="stChatMessage"]')].filter(m => !m.closest('[data-stale="true"]'));
  const assistant = msgs.filter((m, i) => i % 2 === 1)[n];
  if (!assistant) return false;
  return [...assistant.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .some(el => !el.closest('[data-testid="stSpinner"]') && el.innerText.trim().length > 0);
}"""
# The n-th answer is complete: drawn from session state with its sources (or as an abstention) and feedback.
_COMPLETE_JS = """(n) => {
  const msgs = [...document.querySelectorAll('[data-testid="stChatMessage"]')];
  const assistant = msgs.filter((m, i) => i % 2 === 1)[n];
  if (!assistant || document.querySelector('[data-stale="true"]')) return false;
  return !!assistant.querySelector('[data-testid="stExpander"], [data-testid="stAlertContainer"]');
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_library(target: Path) -> None:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    cmd = [
        str(ROOT / ".venv" / "bin" / "juror-assistant"),
        "ingest",
        str(ROOT / "corpus"),
        "--data-dir",
        str(target),
        "--quiet",
    ]
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def one_run(browser, data_dir: Path, log_path: Path) -> dict[str, float]:
    """One cold start; returns seconds for each milestone."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    env["JUROR_DATA_DIR"] = str(data_dir)
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    with log_path.open("wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while True:  # poll until the server answers
            if proc.poll() is not None:
                raise SystemExit(f"streamlit exited: see {log_path}")
            try:
                page.goto(url, timeout=5_000)
                break
            except Exception:
                time.sleep(0.1)
        box = page.get_by_test_id("stChatInputTextArea")
        box.wait_for(state="visible", timeout=300_000)
        out = {"chat": time.perf_counter() - started}
        for n, (name, question) in enumerate((("cold", COLD_QUESTION), ("warm", WARM_QUESTION))):
            box.fill(question)
            asked = time.perf_counter()
            box.press("Enter")
            page.wait_for_function(_FIRST_WORDS_JS, arg=n, timeout=300_000, polling=50)
            out[f"{name}_first"] = time.perf_counter() - asked
            page.wait_for_function(_COMPLETE_JS, arg=n, timeout=300_000, polling=50)
            out[f"{name}_done"] = time.perf_counter() - asked
        return out
    finally:
        page.close()
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def describe(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.1f} s"
    return f"{statistics.median(values):.1f} s (min {min(values):.1f}, max {max(values):.1f})"


def section(results: list[dict[str, float]], loads: list[float], command: str) -> str:
    def col(key: str) -> list[float]:
        return [r[key] for r in results]

    chat = col("chat")
    verdict = "meets" if statistics.median(chat) <= TARGET_S else "misses"
    return f"""{HEADING}

Cold start of the web app (fresh `streamlit run app.py` process, sample library already loaded) until the
chat input is visible in headless Chromium, then the time from pressing Enter to the first streamed words
and to the complete answer with its citations. The model and indexes load in a background thread, so the
chat is usable before they are ready; a question asked at once waits for them (the "cold" question).

Command: `{command}`

| Measure | Median of {len(results)} runs |
|---|---|
| Launch → usable chat (chat input visible) | {describe(chat)} |
| Launch → first answer words, asking as soon as the chat shows | {describe([r["chat"] + r["cold_first"] for r in results])} |
| Cold question: Enter → first streamed words | {describe(col("cold_first"))} |
| Cold question: Enter → complete answer with citations | {describe(col("cold_done"))} |
| Warm question: Enter → first streamed words | {describe(col("warm_first"))} |
| Warm question: Enter → complete answer with citations | {describe(col("warm_done"))} |

Target: usable chat ≤ {TARGET_S:.0f} s after launch: the median **{verdict}** it on this run.
Machine: {platform.machine()}, {os.cpu_count()} CPUs shared with other work (1-minute load average during the
runs: {min(loads):.1f}–{max(loads):.1f}); Python {platform.python_version()}; measured {time.strftime("%Y-%m-%d")}.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--data-dir", type=Path, help="an ingested library to copy for each run (default: ingest the sample)"
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="juror-bench-startup-"))
    try:
        source = args.data_dir
        if source is None:
            source = work / "library"
            print("Ingesting the sample library (not timed)…", flush=True)
            prepare_library(source)
        results: list[dict[str, float]] = []
        loads: list[float] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for run in range(args.runs):
                    data = work / f"run-{run}"
                    shutil.copytree(source, data)
                    loads.append(os.getloadavg()[0])
                    result = one_run(browser, data, work / f"run-{run}.log")
                    loads.append(os.getloadavg()[0])
                    results.append(result)
                    print(f"run {run + 1}: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.items()), flush=True)
            finally:
                browser.close()
        command = ".venv/bin/python bench/startup.py" + (f" --runs {args.runs}" if args.runs != 3 else "")
        text = section(results, loads, command)
        print(text)
        if not args.no_write:
            write_section(DOC, HEADING, text)
            print(f"Wrote the '{HEADING}' section of {DOC.relative_to(ROOT)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
