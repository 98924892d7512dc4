"""One embedded library folder used by several processes at once (the app, the CLI, a second app).

Embedded Chroma does not coordinate processes. Each process keeps a collection's vector index in memory and
writes it back to its files in place, so after another process writes, a reader's index no longer matches
the stored ids (Chroma: "Error finding id"), and a process loading the index while another writes it could
read a half-written file. This module coordinates them with one lock file, `library.lock`, in the data folder:

- a *commit* (one burst of Chroma writes: a document's chunks in, its manifest switch, its old chunks out)
  holds the lock exclusively, and first writes a new *generation* into the lock file;
- every Chroma read holds the lock shared; the store reopens its client when the generation differs from
  the one it last saw (see `LibraryStore`), so it never reads through a stale index.

The slow part of a load (reading, parsing, embedding) happens outside commits, so a reader waits at most for
one commit. Readers pass a turnstile (`library.turnstile`) that a waiting commit closes, so a steady stream of
readers cannot starve it. A process killed inside a commit releases the lock with it, and the generation it
wrote on entry makes every reader reopen. On a Chroma server the server coordinates its clients and no lock
is used (a file lock would not reach other machines anyway).
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import StoreError

LOCK_FILE = "library.lock"
TURNSTILE_FILE = "library.turnstile"
WAIT_S = 300.0  # a commit writes one document: even a huge one takes seconds, not minutes
_POLL_S = (0.002, 0.005, 0.01, 0.02, 0.05)


@dataclass
class _Held:
    mode: str  # "shared" or "exclusive"
    generation: str
    depth: int = 1


class LibraryLock:
    """The read/commit lock of one library folder; one instance per folder per process (`for_folder`).

    Re-entrant per thread: a read inside a commit, or a commit inside a commit, takes nothing more. A commit
    may not start inside a read of the same thread (it would wait for itself); that raises at once.
    """

    _instances: dict[Path, LibraryLock] = {}
    _instances_lock = threading.Lock()

    def __init__(self, folder: Path, wait_s: float = WAIT_S) -> None:
        self.folder = folder
        self.wait_s = wait_s
        self._local = threading.local()

    @classmethod
    def for_folder(cls, folder: Path) -> LibraryLock:
        key = Path(os.path.abspath(folder))
        with cls._instances_lock:
            if key not in cls._instances:
                cls._instances[key] = cls(key)
            return cls._instances[key]

    # ------------------------------------------------------------ public
    def generation(self) -> str:
        """The current generation (taking the lock shared for the moment it is read)."""
        with self.shared() as generation:
            return generation

    @contextmanager
    def shared(self) -> Iterator[str]:
        """Hold the lock for reading; yields the generation, which cannot change until the block ends."""
        held: _Held | None = getattr(self._local, "held", None)
        if held is not None:
            held.depth += 1
            try:
                yield held.generation
            finally:
                held.depth -= 1
            return
        import fcntl

        self._pass_turnstile()
        fd = self._open(LOCK_FILE)
        try:
            self._acquire(fd, fcntl.LOCK_SH, "read")
            held = _Held("shared", _read_generation(fd))
            self._local.held = held
            try:
                yield held.generation
            finally:
                self._local.held = None
        finally:
            os.close(fd)  # releases the lock

    @contextmanager
    def exclusive(self) -> Iterator[tuple[str, str]]:
        """Hold the lock for a commit; yields (generation before, generation now).

        The new generation is written on entry, before anything changes: a reader that comes after this
        commit (or after the process died in it) always sees a generation it has not read through.
        """
        held: _Held | None = getattr(self._local, "held", None)
        if held is not None:
            if held.mode != "exclusive":
                raise RuntimeError("a commit cannot start inside a read of the same thread")
            held.depth += 1
            try:
                yield held.generation, held.generation
            finally:
                held.depth -= 1
            return
        import fcntl

        turnstile = self._open(TURNSTILE_FILE)
        fd = -1
        try:
            self._acquire(turnstile, fcntl.LOCK_EX, "commit")  # new readers wait from here on
            fd = self._open(LOCK_FILE)
            self._acquire(fd, fcntl.LOCK_EX, "commit")  # readers already inside finish first
        except BaseException:
            if fd >= 0:
                os.close(fd)
            raise
        finally:
            os.close(turnstile)
        try:
            previous = _read_generation(fd)
            current = _next_generation(previous)
            os.ftruncate(fd, 0)
            os.pwrite(fd, current.encode(), 0)
            held = _Held("exclusive", current)
            self._local.held = held
            try:
                yield previous, current
            finally:
                self._local.held = None
        finally:
            os.close(fd)

    # ------------------------------------------------------------ internals
    def _open(self, name: str) -> int:
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreError(
                f"the data folder {self.folder} is a file, not a folder: set --data-dir or JUROR_DATA_DIR to a folder"
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            return os.open(self.folder / name, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(
                f"cannot use the lock file {self.folder / name} ({exc.strerror or exc}): the data folder must be "
                "writable by every process that uses the library"
            ) from exc

    def _pass_turnstile(self) -> None:
        import fcntl

        fd = self._open(TURNSTILE_FILE)
        try:
            self._acquire(fd, fcntl.LOCK_SH, "read")
        finally:
            os.close(fd)

    def _acquire(self, fd: int, mode: int, purpose: str) -> None:
        import fcntl

        deadline = time.monotonic() + self.wait_s
        tries = 0
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"the library in {self.folder} has been busy for over {self.wait_s:.0f} s (another process "
                        f"is committing a change and does not finish; {purpose} abandoned): check for a stuck "
                        "`juror-assistant` or app process"
                    ) from None
                time.sleep(_POLL_S[min(tries, len(_POLL_S) - 1)])
                tries += 1


def _read_generation(fd: int) -> str:
    return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()


def _next_generation(previous: str) -> str:
    """A counter (readable in the file) plus who wrote it and a random part (unique even after a reset)."""
    try:
        count = int(previous.split()[0]) + 1
    except (ValueError, IndexError):
        count = 1
    return f"{count} pid {os.getpid()} {secrets.token_hex(4)}"
