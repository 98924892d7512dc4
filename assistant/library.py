"""The organiser's view of the library: load, list, remove. Built once from settings."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from assistant.config import Settings
from assistant.embedding import SentenceEmbeddings
from assistant.errors import MetadataError
from assistant.ingestion import Ingestor, IngestReport, Progress, RepairReport
from assistant.store import DocumentRecord, LibraryStore


class Library:
    def __init__(self, settings: Settings, embeddings: SentenceEmbeddings | None = None) -> None:
        self.settings = settings
        self.embeddings = embeddings or SentenceEmbeddings(settings.embedding_model, settings.embedding_batch_size)

    @cached_property
    def store(self) -> LibraryStore:
        return LibraryStore(self.settings, self.embeddings)

    @cached_property
    def ingestor(self) -> Ingestor:
        return Ingestor(self.settings, self.store, self.embeddings)

    def ingest(
        self, paths: Iterable[Path], overrides: dict[str, str] | None = None, progress: Progress | None = None
    ) -> IngestReport:
        return self.ingestor.ingest_paths(paths, overrides=overrides, progress=progress)

    def ingest_upload(
        self, name: str, data: bytes, overrides: dict[str, str] | None = None, progress: Progress | None = None
    ) -> IngestReport:
        return self.ingestor.ingest_bytes(name, data, overrides=overrides, progress=progress)

    def remove(self, name: str) -> DocumentRecord:
        return self.ingestor.remove(name)

    def set_festival(
        self, name: str, festival: str, edition: str = "", progress: Progress | None = None
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
