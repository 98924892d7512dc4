"""The organiser's view of the library: load, list, remove. Built once from settings."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from assistant.config import Settings
from assistant.embedding import SentenceEmbeddings
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
