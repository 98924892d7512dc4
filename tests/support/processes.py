"""Local servers in tests: a free loopback port, a real `chroma run`, and stopping a server process without
leaving it behind."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    """A loopback port nothing listens on (also usable as a dead endpoint)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """Terminate, then kill if it does not exit in time."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)


def start_chroma(path: Path, log_path: Path, timeout_s: float = 90) -> tuple[subprocess.Popen[bytes], int]:
    """`chroma run` on 127.0.0.1 over `path`, answering its heartbeat; (process, port)."""
    if not CHROMA.exists():
        raise AssertionError(f"the chroma CLI is missing at {CHROMA}; it is installed with chromadb")
    port = free_port()
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False", CHROMA_TELEMETRY="False")
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2) as response:
                if response.status == 200:
                    return proc, port
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_process(proc)
            raise AssertionError(
                f"chroma run did not answer its heartbeat on port {port}: {log_path.read_text(errors='replace')[-2000:]}"
            )
        time.sleep(0.3)
