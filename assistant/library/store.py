"""The library in Chroma: a chunk collection (vectors) and a document manifest beside it.

Embedded (`PersistentClient` in data_dir) by default; a Chroma server when `chroma_host` is set. The
manifest maps each document to its active version; readers only trust chunks of active versions, so an
interrupted write is never visible as a mix of two versions.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from assistant.config import Settings
from assistant.library.connection import Connector, SharedCollection
from assistant.schema import Chunk

if TYPE_CHECKING:
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

_PAGE = 5000
# Unit and word vectors stored before the backend was recorded with them: the bundled model on torch.
UNTAGGED_EMBEDDER = "model; torch"
SERVER_GRACE_S = 600
ACTIVE_TTL_S = 0.5
_VERSION = re.compile(r"[0-9a-f]{20,22}")


F = TypeVar("F", bound=Callable[..., Any])


def _one_reading(method: F) -> F:
    """A store method that reads several times sees one state of the library (no commit in between)."""

    @functools.wraps(method)
    def wrapper(self: LibraryStore, *args: Any, **kwargs: Any) -> Any:
        with self.reading():
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


# Units and words are read by id, never searched by similarity, yet Chroma gives every collection a vector index:
# a sparse one, cheaply built, is enough (it is most of what writing them costs at ingest). Applies to collections
# made from now on; older libraries keep the index they have.
LOOKUP_ONLY: dict[str, Any] = {"hnsw:space": "cosine", "hnsw:construction_ef": 16, "hnsw:M": 4}


@dataclass
class DocumentRecord:
    source: str
    title: str
    kind: str
    doc_version: str
    sha256: str
    chunks: int
    loaded_at: str
    effective_date: str = ""
    festival: str = ""
    edition: str = ""
    format: str = ""
    amends: str = ""
    fingerprint: str = ""  # content + metadata hash: equal fingerprints need no re-embedding
    pipeline: str = ""  # chunker version, chunk size and model: a change means re-chunk and re-embed
    renamed_from: str = ""  # set by a rename, so that a rename cut short can be finished
    url: str = ""  # where the document was published, when its first lines say so
    header: str = ""  # its front matter (running titles, dates, places): it names the festival and edition

    def metadata(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> DocumentRecord:
        values: dict[str, Any] = {
            k: meta.get(k) if meta.get(k) is not None else ("" if k != "chunks" else 0)
            for k in cls.__dataclass_fields__
        }
        return cls(**values)


def embedder_of(pipeline: str) -> str:
    """Which model and backend made a document's vectors, from its recorded pipeline ('model; onnx-int8 avx2').
    Pipelines recorded before backends were named end with the model alone: those vectors came from torch."""
    parts = pipeline.split("; ")
    if len(parts) < 4:
        return ""
    return "; ".join(parts[3:]) if len(parts) > 4 else f"{parts[3]}; torch"


def same_pipeline(recorded: str, current: str) -> bool:
    """Equal pipelines, reading one recorded before backends were named as made by torch."""
    return recorded == current or (recorded.count("; ") == 3 and f"{recorded}; torch" == current)


def backend_label(embedder: str) -> str:
    """'model; onnx-int8 avx512_vnni' -> 'the onnx-int8 avx512_vnni backend' (for messages)."""
    return f"the {embedder.split('; ', 1)[-1] or 'unknown'} backend"


def _made_by(meta: Any, embedder: str) -> bool:
    return str((meta or {}).get("embedder") or UNTAGGED_EMBEDDER) == embedder


def new_version(fingerprint: str) -> str:
    """A fresh id for one load of a document: fingerprint prefix, write time (hex seconds), random suffix."""
    return f"{fingerprint[:10]}{int(time.time()):08x}{secrets.token_hex(2)}"


def version_age(version: str) -> float:
    """Seconds since a version made by `new_version` was created; infinite for other ids."""
    try:
        return time.time() - int(version[10:18], 16) if len(version) == 22 else float("inf")
    except ValueError:
        return float("inf")


class LibraryStore:
    """Thin, typed access to the two Chroma collections; opened lazily."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.connector = Connector(settings)
        self._active: tuple[float, object, dict[str, str]] | None = None

    # ------------------------------------------------------------ connection
    @property
    def client(self) -> chromadb.ClientAPI:
        """The current client; it may be replaced when another process changes the library (use it briefly)."""
        return self.connector.client()

    def collection(self, name: str, metadata: dict[str, Any] | None = None) -> SharedCollection:
        """A collection of this library that follows reopening (see `assistant.library.connection`)."""
        return self.connector.collection(name, metadata)

    @property
    def chunks(self) -> Any:
        return self.collection(self.settings.collection, {"hnsw:space": "cosine"})

    @property
    def docs(self) -> Any:
        return self.collection(f"{self.settings.collection}__documents")

    def reading(self) -> AbstractContextManager[Any]:
        """Several reads that must see one state of the library (no commit of another process in between)."""
        return self.connector.reading()

    def committing(self) -> AbstractContextManager[Any]:
        """Several writes that readers must see at once (one document's chunks, its switch, its old chunks out)."""
        return self.connector.committing()

    @property
    def units(self) -> Any:
        """Vectors of each passage's quotable units (sentences, list items), made at ingest for the answerer."""
        return self.collection(f"{self.settings.collection}__units", LOOKUP_ONLY)

    @property
    def words(self) -> Any:
        """Vectors of the library's words (one record a word), made at ingest for the abstention's synonym check."""
        return self.collection(f"{self.settings.collection}__words", LOOKUP_ONLY)

    @property
    def vectorstore(self) -> Chroma:
        """The same chunk collection as a LangChain vector store (for `as_retriever()` users; it holds the
        client of the moment, so fetch it again after the library changed)."""
        from langchain_chroma import Chroma

        embeddings = self.embeddings
        if embeddings is None:
            from assistant.library.embedding import embeddings_for

            embeddings = embeddings_for(self.settings)
        return Chroma(
            client=self.client,
            collection_name=self.settings.collection,
            embedding_function=embeddings,
            collection_metadata={"hnsw:space": "cosine"},
        )

    # ------------------------------------------------------------ manifest
    def documents(self) -> list[DocumentRecord]:
        got = self.docs.get(include=["metadatas"])
        records = [DocumentRecord.from_meta(dict(m or {})) for m in got["metadatas"] or []]
        return sorted(records, key=lambda r: r.source.lower())

    def document(self, source: str) -> DocumentRecord | None:
        got = self.docs.get(ids=[source], include=["metadatas"])
        metas = got["metadatas"] or []
        return DocumentRecord.from_meta(dict(metas[0] or {})) if metas else None

    def set_document(self, record: DocumentRecord) -> None:
        """The atomic switch: one upsert makes a document's new version the one readers see."""
        self._active = None
        # The version leads the stored text so that readers can list active versions without the metadata.
        self.docs.upsert(
            ids=[record.source],
            embeddings=[[1.0]],
            documents=[f"{record.doc_version}\n{record.title}"],
            metadatas=[record.metadata()],
        )
        self._active = None  # again: a reader in another thread may have refilled it meanwhile

    def drop_document(self, source: str) -> None:
        self._active = None
        self.docs.delete(ids=[source])
        self._active = None

    def active_versions(self, fresh: bool = False) -> dict[str, str]:
        """{doc_version: source} of the documents readers see.

        Read several times per question, so a reading is reused for `ACTIVE_TTL_S` seconds unless `fresh`; this
        store's own writes, and (embedded) any other process's commit, clear it at once. On a shared server
        another machine's switch shows with the next fresh reading (`signature`, once per question) and never
        as a mix: a stale reading can only hide a just-replaced document for that moment.
        """
        now = time.monotonic()
        state = self.connector.state()  # another process's commit since the reading invalidates it at once
        if not fresh and self._active is not None and self._active[1] == state and now - self._active[0] < ACTIVE_TTL_S:
            return dict(self._active[2])
        got = self.docs.get(include=["documents"])
        versions: dict[str, str] = {}
        for source, text in zip(got["ids"], got["documents"] or [], strict=True):
            version = (text or "").split("\n", 1)[0]
            if not _VERSION.fullmatch(version):  # a manifest written before versions led the text
                versions = {r.doc_version: r.source for r in self.documents()}
                break
            versions[version] = source
        self._active = (now, state, versions)
        return dict(versions)

    def is_empty(self) -> bool:
        return int(self.docs.count()) == 0

    def repair_manifest(self) -> int:
        """Drop the old record of a rename cut short between writing the new record and dropping the old one,
        and rewrite entries stored in an older layout. Returns the number of entries changed."""
        records = self.documents()
        got = self.docs.get(include=["documents"])
        stored = dict(zip(got["ids"], got["documents"] or [], strict=True))
        dropped = {
            r.source
            for record in records
            for r in records
            if record.renamed_from and r.source == record.renamed_from and r.doc_version == record.doc_version
        }
        for source in dropped:
            self.drop_document(source)
        changed = len(dropped)
        for record in records:
            if record.source not in dropped and not (stored.get(record.source) or "").startswith(
                f"{record.doc_version}\n"
            ):
                self.set_document(record)
                changed += 1
        return changed

    def signature(self) -> str:
        """Changes whenever any document is added, replaced or removed (for caches such as BM25)."""
        # On a server nothing tells of another machine's change but the manifest itself: read it anew here
        # (once per question); embedded, the lock's generation already invalidates a stale reading.
        versions = sorted(self.active_versions(fresh=self.settings.server_mode))
        return hashlib.sha1("|".join(versions).encode()).hexdigest()

    # ------------------------------------------------------------ chunks
    def put_chunks(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        limit = max(1, min(_PAGE, int(getattr(self.client, "get_max_batch_size", lambda: _PAGE)())))
        for start in range(0, len(chunks), limit):
            part = chunks[start : start + limit]
            self.chunks.upsert(
                ids=[c.id for c in part],
                embeddings=np.asarray(vectors[start : start + limit], dtype=np.float32),
                documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part],
            )

    def delete_version(self, version: str) -> None:
        # Units first: a removal cut short leaves chunks, which the next sweep finds (and their units with them).
        self.units.delete(where={"doc_version": version})
        self.chunks.delete(where={"doc_version": version})

    # ------------------------------------------------------------ unit and word vectors
    def _batch_limit(self) -> int:
        return max(1, min(_PAGE, int(getattr(self.client, "get_max_batch_size", lambda: _PAGE)())))

    def put_units(self, records: Sequence[tuple[str, str, str]], vectors: np.ndarray, embedder: str) -> None:
        """(unit id "chunk-id:position", doc_version, text the vector was made from) with their vectors and the
        model and backend that made them. The text goes in the metadata, not in Chroma's documents, which it
        indexes for full-text search (units are only ever read by id): writing them costs half as much."""
        limit = self._batch_limit()
        for start in range(0, len(records), limit):
            part = records[start : start + limit]
            self.units.upsert(
                ids=[r[0] for r in part],
                embeddings=np.asarray(vectors[start : start + limit], dtype=np.float32),
                metadatas=[{"doc_version": r[1], "embedder": embedder, "text": r[2]} for r in part],
            )

    def unit_vectors(self, ids: Sequence[str], embedder: str) -> dict[str, tuple[str, np.ndarray]]:
        """{unit id: (the text it was made from, vector)} for the ids the library has vectors of, made by
        `embedder` (others cannot be compared with this process's question vectors)."""
        if not ids:
            return {}
        got = self.units.get(ids=list(ids), include=["embeddings", "documents", "metadatas"])
        return {
            uid: (str((meta or {}).get("text") or text or ""), np.asarray(vec, dtype=np.float32))
            for uid, text, vec, meta in zip(  # libraries written before 2026-12 keep the text as the document
                got["ids"], got["documents"] or [], got["embeddings"], got["metadatas"] or [], strict=True
            )
            if _made_by(meta, embedder)
        }

    def word_vectors(self, words: Sequence[str], embedder: str) -> dict[str, np.ndarray]:
        """Stored vectors of these words made by `embedder`."""
        if not words:
            return {}
        out: dict[str, np.ndarray] = {}
        limit = self._batch_limit()
        unique = list(dict.fromkeys(words))
        for start in range(0, len(unique), limit):
            got = self.words.get(ids=unique[start : start + limit], include=["embeddings", "metadatas"])
            out.update(
                (w, np.asarray(v, dtype=np.float32))
                for w, v, meta in zip(got["ids"], got["embeddings"], got["metadatas"] or [], strict=True)
                if _made_by(meta, embedder)
            )
        return out

    def known_words(self, words: Sequence[str], embedder: str) -> set[str]:
        """The words that already have a vector made by `embedder` (the others need one)."""
        if not words:
            return set()
        found: set[str] = set()
        limit = self._batch_limit()
        unique = list(dict.fromkeys(words))
        for start in range(0, len(unique), limit):
            got = self.words.get(ids=unique[start : start + limit], include=["metadatas"])
            found.update(
                w for w, meta in zip(got["ids"], got["metadatas"] or [], strict=True) if _made_by(meta, embedder)
            )
        return found

    def put_words(self, words: Sequence[str], vectors: np.ndarray, embedder: str) -> None:
        limit = self._batch_limit()
        for start in range(0, len(words), limit):
            part = list(words[start : start + limit])
            self.words.upsert(
                ids=part,
                embeddings=np.asarray(vectors[start : start + limit], dtype=np.float32),
                metadatas=[{"embedder": embedder} for _ in part],
            )

    def chunks_of(self, version: str) -> list[Chunk]:
        """The stored passages of one document version, in document order."""
        out = [
            Chunk.from_store(cid, text or "", meta)
            for ids, docs, metas in self._pages(include=["documents", "metadatas"], where={"doc_version": version})
            for cid, text, meta in zip(ids, docs, metas, strict=True)
        ]
        return sorted(out, key=lambda c: c.index)

    def rename_version(self, version: str, source: str) -> None:
        got = self.chunks.get(where={"doc_version": version}, include=["metadatas"])
        if got["ids"]:
            metas = [dict(m or {}, source=source) for m in got["metadatas"]]
            self.chunks.update(ids=got["ids"], metadatas=metas)

    @_one_reading
    def chunk_versions(self) -> set[str]:
        versions: set[str] = set()
        for _ids, _docs, metas in self._pages(include=["metadatas"]):
            versions.update(str(m.get("doc_version", "")) for m in metas)
        return versions

    @_one_reading
    def stray_chunks(self) -> dict[str, tuple[str, int]]:
        """{version: (file name, chunk count)} of chunks no active document points to, as `collect_garbage`
        would delete them now (so that a repair can say what it removed)."""
        active = set(self.active_versions())
        found: dict[str, tuple[str, int]] = {}
        for _ids, _docs, metas in self._pages(include=["metadatas"]):
            for meta in metas:
                version = str(meta.get("doc_version", ""))
                if version not in active:
                    source, n = found.get(version, (str(meta.get("source", "")), 0))
                    found[version] = (source, n + 1)
        if self.settings.server_mode:
            found = {v: got for v, got in found.items() if version_age(v) > SERVER_GRACE_S}
        return found

    def collect_garbage(self) -> int:
        """Delete chunks no active document points to (left by an interrupted ingest or removal).

        On a shared server another organiser's ingest may be between writing its chunks and switching the
        manifest; chunks written in the last `SERVER_GRACE_S` seconds are left for a later sweep there.
        """
        active = set(self.active_versions())
        stale = self.chunk_versions() - active
        if self.settings.server_mode:
            stale = {v for v in stale if version_age(v) > SERVER_GRACE_S}
        for version in stale:
            self.delete_version(version)
        return len(stale)

    def _pages(
        self, include: list[str], where: dict[str, Any] | None = None
    ) -> Iterator[tuple[list[str], list[str], list[dict[str, Any]]]]:
        offset = 0
        while True:
            got = self.chunks.get(include=include, limit=_PAGE, offset=offset, where=where)
            ids = got["ids"]
            if not ids:
                return
            docs = got.get("documents") or [""] * len(ids)
            metas = [dict(m or {}) for m in (got.get("metadatas") or [{}] * len(ids))]
            yield ids, docs, metas
            if len(ids) < _PAGE:
                return
            offset += _PAGE

    @_one_reading
    def all_chunks(self) -> list[Chunk]:
        """Chunks of active document versions, in document order (the file name comes from the manifest)."""
        active = self.active_versions()
        out = []
        for ids, docs, metas in self._pages(include=["documents", "metadatas"]):
            for cid, text, meta in zip(ids, docs, metas, strict=True):
                version = meta.get("doc_version")
                if version in active:
                    out.append(Chunk.from_store(cid, text or "", meta | {"source": active[version]}))
        out.sort(key=lambda c: (c.source.lower(), c.index))
        return out

    @_one_reading
    def chunk_vectors(self, ids: Sequence[str]) -> np.ndarray:
        """The stored vectors of these chunks, one row each in their order (zeros for a chunk without one)."""
        rows: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), _PAGE):
            got = self.chunks.get(ids=list(ids[start : start + _PAGE]), include=["embeddings"])
            vectors = got.get("embeddings")
            rows.update(
                zip(got["ids"], np.asarray(vectors if vectors is not None else [], dtype=np.float32), strict=True)
            )
        width = len(next(iter(rows.values()))) if rows else 0
        out = np.zeros((len(ids), width), dtype=np.float32)
        for i, cid in enumerate(ids):
            if cid in rows:
                out[i] = rows[cid]
        return out

    def count(self) -> int:
        return int(self.chunks.count())
