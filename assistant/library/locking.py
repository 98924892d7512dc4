"""A lock file held by one process at a time (POSIX `flock`), waited for up to a limit; and the library folder's
writer lock built on it (one load or removal at a time)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import LibraryBusy


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


LOCK_FILE = "writer.lock"
LOCK_WAIT_S = 3.0


@contextmanager
def exclusive_writer(data_dir: Path, wait_s: float = LOCK_WAIT_S) -> Iterator[None]:
    """Hold the library folder's writer lock; LibraryBusy (nothing changed) if another writer keeps it."""

    def busy(fd: int) -> Exception:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
        return LibraryBusy(
            f"another load or removal is running on the library in {data_dir} ({holder}); nothing was "
            "changed: try again when it has finished"
        )

    data_dir.mkdir(parents=True, exist_ok=True)
    with file_lock(data_dir / LOCK_FILE, wait_s, busy) as fd:
        if fd is None:
            yield
            return
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, since {time.strftime('%H:%M:%S')}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
