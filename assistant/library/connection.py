"""Chroma clients that follow the library while other processes change it.

A `Connector` hands out `SharedCollection`s: stand-ins for Chroma collections whose every call goes to the
client that is current *at that moment*. Embedded (a folder), each call holds the folder's `LibraryLock`
(shared for reads, exclusive for writes) and the client is reopened when another process committed since it
was opened, so no read goes through a stale vector index; one client per folder is shared by every store of
the process. On a Chroma server the server keeps clients consistent; a failed call reconnects.

Reads that fail anyway (a server restart, a file Chroma could not read) are retried on a fresh client a few
times, then become one `StoreError` with the reason; writes are never retried (the ingest order makes a
failed write harmless, and the organiser sees the message).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from assistant.config import Settings, quiet_third_parties
from assistant.errors import StoreError
from assistant.library.sharing import LibraryLock

if TYPE_CHECKING:
    import chromadb

log = logging.getLogger(__name__)

READS = frozenset({"get", "query", "count", "peek"})
WRITES = frozenset({"add", "upsert", "update", "delete"})
RETRY_PAUSES_S = (0.05, 0.25, 1.0)  # before the 2nd, 3rd and 4th attempt of a read
T = TypeVar("T")


@dataclass
class Connection:
    """One open client, the collection handles opened through it, and the generation it has seen."""

    client: Any
    system: Any  # the chromadb System behind an embedded client: stopped once retired and idle
    generation: str | None
    handles: dict[str, Any] = field(default_factory=dict)
    users: int = 0
    retired: bool = False


# One embedded connection per Chroma folder per process, shared by every store on that folder.
_EMBEDDED: dict[str, Connection] = {}
_REGISTRY = threading.RLock()


class Connector:
    """Opens, shares and reopens the Chroma client of one library (see the module docstring)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock: LibraryLock | None = None if settings.server_mode else LibraryLock.for_folder(settings.data_dir)
        self._server: Connection | None = None

    @property
    def path(self) -> str:
        """The Chroma folder, absolute: two spellings of one folder must share one connection."""
        return os.path.abspath(self.settings.data_dir / "chroma")

    # ------------------------------------------------------------ sections
    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """The current connection, which no commit can change until the block ends (embedded)."""
        if self.lock is None:
            yield self._server_connection()
            return
        with self.lock.shared() as generation, self._use(generation) as conn:
            yield conn

    @contextmanager
    def committing(self) -> Iterator[Connection]:
        """Exclusive for the block (embedded): other processes' readers wait, then reopen their clients."""
        if self.lock is None:
            yield self._server_connection()
            return
        with self.lock.exclusive() as (previous, current), self._use(previous) as conn:
            conn.generation = current  # our own writes keep our client current
            yield conn

    def state(self) -> tuple[int, str | None]:
        """Changes when the client is reopened or a commit is made: a key for caches of what was read."""
        with self.reading() as conn:
            return id(conn), conn.generation

    # ------------------------------------------------------------ handles
    def client(self) -> chromadb.ClientAPI:
        with self.reading() as conn:
            return conn.client

    def collection(self, name: str, metadata: dict[str, Any] | None = None) -> SharedCollection:
        return SharedCollection(self, name, metadata)

    def handle(self, conn: Connection, name: str, metadata: dict[str, Any] | None) -> Any:
        """The real Chroma collection on this connection (created on first use)."""
        with _REGISTRY:
            if name not in conn.handles:
                # embedding_function=None: Chroma must never fall back to its own downloaded default model.
                conn.handles[name] = conn.client.get_or_create_collection(
                    name, embedding_function=None, metadata=metadata
                )
            return conn.handles[name]

    def call(self, name: str, metadata: dict[str, Any] | None, method: str, *args: Any, **kwargs: Any) -> Any:
        if method in WRITES:
            with self.committing() as conn:
                try:
                    return getattr(self.handle(conn, name, metadata), method)(*args, **kwargs)
                except Exception as exc:
                    if not transient(exc):
                        raise
                    self._drop(conn)
                    raise StoreError(
                        f"could not write to the library ({type(exc).__name__}: {_short(exc)}); the documents "
                        "loaded before are unchanged: try again"
                    ) from exc
        return self.retrying(lambda conn: getattr(self.handle(conn, name, metadata), method)(*args, **kwargs))

    def retrying(self, read: Callable[[Connection], T]) -> T:
        """Run a read; on a transient failure reopen the client and try again (`RETRY_PAUSES_S`)."""
        failure: Exception | None = None
        for pause in (0.0, *RETRY_PAUSES_S):
            if pause:
                time.sleep(pause)
            with self.reading() as conn:
                try:
                    return read(conn)
                except Exception as exc:
                    if not transient(exc):
                        raise
                    failure = exc
                    log.warning("library read failed (%s: %s); reopening the client", type(exc).__name__, exc)
                    self._drop(conn)
        assert failure is not None
        raise StoreError(
            f"the library could not be read ({type(failure).__name__}: {_short(failure)}); "
            f"{self._where()} may be unavailable: try again in a moment"
        ) from failure

    # ------------------------------------------------------------ opening and reopening
    @contextmanager
    def _use(self, generation: str) -> Iterator[Connection]:
        """The folder's connection, reopened if it was opened before `generation`; counted as in use meanwhile
        (an old one is only stopped when its last user is done)."""
        with _REGISTRY:
            conn = _EMBEDDED.get(self.path)
            if conn is None or conn.generation != generation or conn.retired:
                if conn is not None:
                    _retire(conn)
                conn = self._open(generation)
                _EMBEDDED[self.path] = conn
            conn.users += 1
        try:
            yield conn
        finally:
            with _REGISTRY:
                conn.users -= 1
                if conn.retired and conn.users == 0:
                    _stop(conn)

    def _server_connection(self) -> Connection:
        with _REGISTRY:
            if self._server is None or self._server.retired:
                self._server = self._open(None)
            return self._server

    def _drop(self, conn: Connection) -> None:
        """Forget a connection that failed; the next call opens a new one."""
        with _REGISTRY:
            if _EMBEDDED.get(self.path) is conn:
                del _EMBEDDED[self.path]
            _retire(conn)

    def _open(self, generation: str | None) -> Connection:
        quiet_third_parties()
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if self.settings.chroma_host:
                client = chromadb.HttpClient(
                    host=self.settings.chroma_host, port=self.settings.chroma_port, settings=chroma_settings
                )
                client.heartbeat()
                return Connection(client, None, generation)
            path = self.path
            os.makedirs(path, exist_ok=True)
            # Chroma shares one System (and its in-memory indexes) per folder; a reopen needs a new one.
            SharedSystemClient._identifier_to_system.pop(path, None)
            SharedSystemClient._identifier_to_refcount.pop(path, None)
            client = chromadb.PersistentClient(path=path, settings=chroma_settings)
            return Connection(client, SharedSystemClient._identifier_to_system.get(path), generation)
        except StoreError:
            raise
        except Exception as exc:
            advice = (
                "check the setting or start the server"
                if self.settings.chroma_host
                else "check the setting; if the folder's store is damaged, load the documents again into a new data "
                "folder"
            )
            raise StoreError(
                f"cannot open the library at {self._where()} ({type(exc).__name__}: {exc}); {advice}"
            ) from exc

    def _where(self) -> str:
        if self.settings.chroma_host:
            return f"Chroma server {self.settings.chroma_host}:{self.settings.chroma_port}"
        return f"data folder {self.settings.data_dir}"


class SharedCollection:
    """A Chroma collection that survives reopening: `get`, `query`, `count`, `peek` (reads) and `add`, `upsert`,
    `update`, `delete` (writes) go to the current client under the library lock; anything else is read from
    the current handle."""

    def __init__(self, connector: Connector, name: str, metadata: dict[str, Any] | None = None) -> None:
        self._connector = connector
        self.name = name
        self._metadata = metadata

    def __getattr__(self, attr: str) -> Any:
        if attr in READS or attr in WRITES:
            return functools.partial(self._connector.call, self.name, self._metadata, attr)
        if attr.startswith("__"):
            raise AttributeError(attr)
        with self._connector.reading() as conn:
            return getattr(self._connector.handle(conn, self.name, self._metadata), attr)


def transient(exc: BaseException) -> bool:
    """Failures a fresh client can cure: Chroma's internal/not-found errors (a stale index, a collection made
    again), and connection trouble with a server. Bad arguments are not retried."""
    from chromadb.errors import InternalError, NotFoundError

    if isinstance(exc, InternalError | NotFoundError | OSError | ConnectionError | TimeoutError):
        return True
    return type(exc).__module__.split(".")[0] in {"httpx", "httpcore"}


def _retire(conn: Connection) -> None:
    conn.retired = True
    if conn.users == 0:
        _stop(conn)


def _stop(conn: Connection) -> None:
    """Free an old client's memory (its vector indexes) once nobody uses it; Chroma would keep it otherwise."""
    system, conn.system = conn.system, None
    conn.handles.clear()
    if system is not None:
        try:
            system.stop()
        except Exception as exc:  # pragma: no cover - freeing memory must never fail a question
            log.warning("could not stop an old Chroma client: %s", exc)


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
