"""The organiser's view of the library: load, list, remove. Built once from settings.

Listing and removing need no embedding model: the model, and the ingestion code that uses it, are imported
only when a load (or a question) needs them, so `juror-assistant library` and `remove` start fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.errors import MetadataError
from assistant.library.store import DocumentRecord, LibraryStore, backend_label, embedder_of
from assistant.schema import unit_id

if TYPE_CHECKING:
    import numpy as np

    from assistant.library.embedding import TextEmbeddings
    from assistant.library.ingestion import Ingestor
    from assistant.library.reports import IngestReport, RepairReport
    from assistant.schema import ProgressFn


class Library:
    def __init__(self, settings: Settings, embeddings: TextEmbeddings | None = None) -> None:
        self.settings = settings
        self._embeddings = embeddings

    @cached_property
    def embeddings(self) -> TextEmbeddings:
        """The configured backend (`embeddings_for`); nothing is loaded until the first text is embedded."""
        if self._embeddings is not None:
            return self._embeddings
        from assistant.library.embedding import embeddings_for

        return embeddings_for(self.settings)

    @cached_property
    def store(self) -> LibraryStore:
        return LibraryStore(self.settings, self._embeddings)

    @cached_property
    def ingestor(self) -> Ingestor:
        from assistant.library.ingestion import Ingestor

        return Ingestor(self.settings, self.store, lambda: self.embeddings)

    def ingest(
        self, paths: Iterable[Path], overrides: dict[str, str] | None = None, progress: ProgressFn | None = None
    ) -> IngestReport:
        return self.ingestor.ingest_paths(paths, overrides=overrides, progress=progress)

    def reembed(self, progress: ProgressFn | None = None) -> IngestReport:
        """Embed again, with this library's backend, every document whose vectors another model or backend made
        (after changing `JUROR_EMBEDDING_BACKEND`, or upgrading to a release with another default): from the stored
        passages, so no file is needed and nothing is parsed again. Does nothing when every vector matches."""
        return self.ingestor.ingest_items([], progress=progress)

    def ingest_upload(
        self, name: str, data: bytes, overrides: dict[str, str] | None = None, progress: ProgressFn | None = None
    ) -> IngestReport:
        return self.ingestor.ingest_bytes(name, data, overrides=overrides, progress=progress)

    def remove(self, name: str) -> DocumentRecord:
        return self.ingestor.remove(name)

    def set_festival(
        self, name: str, festival: str, edition: str = "", progress: ProgressFn | None = None
    ) -> IngestReport:
        """Say which festival (and edition) a loaded document belongs to: its kept original is loaded again with that
        setting (its kind, effective date and amendment target kept), so every passage carries it."""
        festival, edition = " ".join(festival.split()), " ".join(edition.split())
        if not festival:
            raise MetadataError(
                "no festival name given; type the festival's name (e.g. 'Harbour Lights Film Festival')"
            )
        record = self.find(name)
        path = self.original_file(record)
        if path is None:
            raise MetadataError(
                f"the original file of {record.source} is no longer in the library folder; "
                "load the file again with its festival set (Add or replace, or ingest --festival)"
            )
        overrides = {
            "festival": festival,
            "edition": edition,
            "kind": record.kind,
            "effective_date": record.effective_date,
            "amends": record.amends,
        }
        return self.ingest_upload(record.source, path.read_bytes(), overrides=overrides, progress=progress)

    def repair(self, wait_s: float | None = None) -> RepairReport:
        """Tidy what an interrupted load or removal left (see `Ingestor.repair`)."""
        return self.ingestor.repair() if wait_s is None else self.ingestor.repair(wait_s=wait_s)

    def find(self, name: str) -> DocumentRecord:
        return self.ingestor.find(name)

    def documents(self) -> list[DocumentRecord]:
        return self.store.documents()

    def original_file(self, record: DocumentRecord) -> Path | None:
        return self.ingestor.original_path(record)

    def is_empty(self) -> bool:
        return self.store.is_empty()

    def signature(self) -> str:
        return self.store.signature()

    def unit_vectors(self, units: Sequence[tuple[str, int, str]]) -> dict[str, np.ndarray]:
        """{unit id: vector} made at ingest by this process's backend for these (chunk id, position, text) units,
        leaving out a unit whose stored text differs (a library loaded by an older version): the caller encodes it."""
        wanted = {unit_id(chunk_id, position): text for chunk_id, position, text in units}
        ids = list(wanted)
        out: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), 500):
            stored = self.store.unit_vectors(ids[start : start + 500], self.embeddings.identity)
            out.update((uid, vector) for uid, (text, vector) in stored.items() if wanted[uid] == text)
        return out

    def embedders(self) -> dict[str, list[str]]:
        """{model and backend: documents whose vectors it made}, from the manifest (no model is loaded)."""
        out: dict[str, list[str]] = {}
        for record in self.documents():
            out.setdefault(embedder_of(record.pipeline) or "unknown", []).append(record.source)
        return out

    def mismatch(self) -> str | None:
        """A sentence for jurors and organisers when the library's vectors were made by another model or backend
        than the one that embeds questions here (answers would compare vectors that do not match)."""
        mine = self.embeddings.identity
        others = {e: docs for e, docs in self.embedders().items() if e not in (mine, "unknown")}
        if not others:
            return None
        made = ", ".join(f"{backend_label(e)} ({len(d)} document{'s' * (len(d) != 1)})" for e, d in others.items())
        return (
            f"The library's passages were embedded by {made}, but questions here are embedded by "
            f"{backend_label(mine)}, so retrieval may miss: an organiser should re-embed the library "
            "(`juror-assistant reembed`, or Re-embed on the Library page)."
        )
