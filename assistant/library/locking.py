"""A lock file held by one process at a time (POSIX `flock`), waited for up to a limit."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def file_lock(path: Path, wait_s: float, busy: Callable[[int], Exception], poll_s: float = 0.1) -> Iterator[int | None]:
    """Hold `path` exclusively; after `wait_s` raise `busy(fd)` (it may read what the holder wrote in the file).
    Yields the open file descriptor, or None where there is no cross-process lock (not POSIX)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no cross-process lock
        yield None
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise busy(fd) from None
                time.sleep(poll_s)
        try:
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
