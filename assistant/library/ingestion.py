"""Incremental, idempotent ingestion: unchanged files embed nothing, changed files replace their chunks.

Order of writes per document (crash-safe): new chunks in, manifest switched (one upsert), old chunks out.
An interrupted run leaves each document at its old or new version; the next run sweeps stray chunks.
One writer at a time per library folder (a lock file): the sweep would otherwise take a concurrent run's
not-yet-switched chunks for strays.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.config import Settings
from assistant.errors import DocumentNotFound, LoadError
from assistant.library.chunking import CHUNKER_VERSION, chunk_document, document_version, embedding_text
from assistant.library.loading.document import LoadedDocument
from assistant.library.loading.files import (
    discover,
    file_sha256,
    load_bytes,
    safe_filename,
    too_big,
    unsupported_in_folders,
)
from assistant.library.locking import LOCK_WAIT_S, exclusive_writer
from assistant.library.reports import FileResult, IngestReport, RepairReport, Status
from assistant.library.store import DocumentRecord, LibraryStore, backend_label, embedder_of, new_version, same_pipeline
from assistant.library.units import UNITS_VERSION, units
from assistant.schema import Chunk, ProgressFn, unit_id
from assistant.text import now_iso, vocabulary

if TYPE_CHECKING:
    from assistant.library.embedding import TextEmbeddings
_GROUP_CHUNKS = 2048


def unit_records_of(chunk: Chunk) -> list[tuple[str, str, str]]:
    """(unit id, document version, the text its vector is made from) for each quotable unit of a passage."""
    heading = chunk.heading
    return [(unit_id(chunk.id, u.position), chunk.doc_version, u.context) for u in units(chunk.text, heading)]


@dataclass
class _Pending:
    doc: LoadedDocument
    data: bytes | None  # None: a document already in the library whose vectors are made again (its copy is kept)
    chunks: list[Chunk]
    previous: DocumentRecord | None
    fingerprint: str
    note: str = ""  # said in the load report (why its vectors were made again)
    status: Status = "added"


class Ingestor:
    def __init__(
        self, settings: Settings, store: LibraryStore, embeddings: TextEmbeddings | Callable[[], TextEmbeddings]
    ) -> None:
        self.settings = settings
        self.store = store
        self._embeddings = embeddings  # or how to get them: removing and repairing need no model

    @cached_property
    def embeddings(self) -> TextEmbeddings:
        return self._embeddings() if callable(self._embeddings) else self._embeddings

    @property
    def files_dir(self) -> Path:
        return self.settings.data_dir / "files"

    def original_path(self, record: DocumentRecord) -> Path | None:
        """Where the copy of a loaded file is kept (for 'open the original')."""
        path = self.files_dir / f"{record.sha256}{Path(record.source).suffix.lower()}"
        return path if path.is_file() else None

    # ------------------------------------------------------------ public API
    def ingest_paths(
        self, paths: Iterable[Path], overrides: dict[str, str] | None = None, progress: ProgressFn | None = None
    ) -> IngestReport:
        paths = list(paths)
        items: list[tuple[str, bytes | LoadError]] = []
        max_bytes = int(self.settings.max_file_mb * 1024 * 1024)
        for path in discover(list(paths)):
            name = safe_filename(path.name)
            if not path.exists():
                items.append((str(path), LoadError(str(path), "no such file or folder")))
                continue
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    raise LoadError(name, too_big(size, max_bytes))
                items.append((name, path.read_bytes()))
            except LoadError as exc:
                items.append((name, exc))
            except OSError as exc:
                items.append((name, LoadError(name, f"cannot read the file ({exc.strerror or exc})")))
        report = self.ingest_items(items, overrides=overrides, progress=progress)
        named = {p.resolve() for p in paths if not p.is_dir()}
        for path in unsupported_in_folders(paths):
            if path.resolve() not in named:
                report.warnings.append(
                    f"{path.name}: skipped, unsupported file type {path.suffix.lower() or '(no extension)'!r}"
                )
        return report

    def ingest_bytes(
        self, name: str, data: bytes, overrides: dict[str, str] | None = None, progress: ProgressFn | None = None
    ) -> IngestReport:
        """For uploads: the name is sanitised; a changed name is reported as a warning."""
        safe = safe_filename(name)
        report = self.ingest_items([(safe, data)], overrides=overrides, progress=progress)
        if safe != name:
            report.warnings.insert(0, f"{name!r}: unsafe file name; stored as {safe!r}")
        return report

    def ingest_items(
        self,
        items: list[tuple[str, bytes | LoadError]],
        overrides: dict[str, str] | None = None,
        progress: ProgressFn | None = None,
    ) -> IngestReport:
        with exclusive_writer(self.settings.data_dir):
            return self._ingest_items(items, overrides, progress)

    def _ingest_items(
        self,
        items: list[tuple[str, bytes | LoadError]],
        overrides: dict[str, str] | None,
        progress: ProgressFn | None,
    ) -> IngestReport:
        report = IngestReport()
        repair = self._repair()
        report.swept, report.repaired = repair.swept, repair.actions
        existing = {r.source: r for r in self.store.documents()}
        by_sha = {r.sha256: r for r in existing.values()}
        batch_names = {name for name, _ in items}
        seen: set[str] = set()
        max_bytes = int(self.settings.max_file_mb * 1024 * 1024)
        pipeline = self.pipeline
        pending: list[_Pending] = []
        total = len(items)
        for done, (name, data) in enumerate(items, 1):
            if progress:
                progress("read", done, total)
            if isinstance(data, LoadError):
                report.results.append(FileResult(data.source, "failed", message=data.problem))
                continue
            if name in seen:
                report.results.append(
                    FileResult(
                        name, "failed", message="another file with the same name is in this batch; rename one of them"
                    )
                )
                continue
            seen.add(name)
            sha = file_sha256(data)
            previous = existing.get(name)
            try:
                if previous and previous.sha256 == sha and same_pipeline(previous.pipeline, pipeline) and not overrides:
                    report.results.append(FileResult(name, "unchanged", previous.chunks))
                    continue
                twin = by_sha.get(sha)
                if (
                    previous is None
                    and twin is not None
                    and same_pipeline(twin.pipeline, pipeline)
                    and twin.source not in batch_names
                    and not overrides
                ):
                    by_sha[sha] = self._rename(twin, name)
                    existing.pop(twin.source, None)
                    report.results.append(FileResult(name, "renamed", twin.chunks, f"same content as {twin.source}"))
                    continue
                doc = load_bytes(data, name, max_bytes=max_bytes, overrides=overrides)
                report.warnings.extend(doc.warnings)
                fingerprint = document_version(doc)
                if (
                    previous
                    and same_pipeline(previous.pipeline, pipeline)
                    and (previous.fingerprint or previous.doc_version) == fingerprint
                ):
                    report.results.append(FileResult(name, "unchanged", previous.chunks))
                    continue
                # Every load gets fresh chunk ids, so an interrupted write can never overwrite live chunks.
                chunks = chunk_document(doc, self.settings.chunk_chars, version=new_version(fingerprint))
                if not chunks:
                    raise LoadError(name, "no extractable text (nothing to cite after parsing)")
                pending.append(
                    _Pending(
                        doc,
                        data,
                        chunks,
                        previous,
                        fingerprint,
                        self._reembed_note(previous),
                        "updated" if previous else "added",
                    )
                )
            except LoadError as exc:
                report.results.append(FileResult(exc.source, "failed", message=exc.problem))
            except Exception as exc:  # a parser bug on one odd file must not cost the organiser the whole batch
                report.results.append(
                    FileResult(name, "failed", message=f"could not be read ({type(exc).__name__}: {str(exc)[:160]})")
                )
        pending += self._others_to_reembed({p.doc.source for p in pending})
        self._write(pending, report, progress)
        return report

    @property
    def embedder(self) -> str:
        """Which model and backend make this load's vectors ('model; onnx-int8 avx512_vnni')."""
        identity = getattr(self.embeddings, "identity", None)
        if identity:
            return str(identity)
        model = Path(getattr(self.embeddings, "model_path", "") or "default").name
        return f"{model}; torch"

    @property
    def pipeline(self) -> str:
        """What the stored vectors depend on besides the file: chunker and unit versions, chunk size, model and
        backend (vectors of two backends must never meet in one library)."""
        return f"chunker {CHUNKER_VERSION}; units {UNITS_VERSION}; {self.settings.chunk_chars} chars; {self.embedder}"

    def _reembed_note(self, previous: DocumentRecord | None) -> str:
        if previous is None:
            return ""
        made_by = embedder_of(previous.pipeline)
        if not made_by or made_by == self.embedder:
            return ""
        return f"its vectors were made by {backend_label(made_by)}; re-embedded with {backend_label(self.embedder)}"

    def _others_to_reembed(self, written: set[str]) -> list[_Pending]:
        """The library's other documents whose vectors another model or backend made: their stored passages
        are embedded again, as a new version (the usual crash-safe order), so that one library never mixes
        vectors that questions cannot compare."""
        out = []
        for record in self.store.documents():
            note = self._reembed_note(record)
            if record.source in written or not note:
                continue
            stored = self.store.chunks_of(record.doc_version)
            if not stored:
                continue
            version = new_version(record.fingerprint or record.doc_version)
            chunks = [
                replace(c, id=f"{version}-{c.index:05d}", doc_version=version, source=record.source) for c in stored
            ]
            doc = LoadedDocument(
                source=record.source,
                title=record.title,
                kind=record.kind,
                blocks=[],
                sha256=record.sha256,
                festival=record.festival,
                edition=record.edition,
                effective_date=record.effective_date,
                amends=record.amends,
                format=record.format,
                url=record.url,
                header=record.header,
            )
            out.append(_Pending(doc, None, chunks, record, record.fingerprint, note, "re-embedded"))
        return out

    def remove(self, name: str) -> DocumentRecord:
        with exclusive_writer(self.settings.data_dir):
            return self._remove(name)

    def repair(self, wait_s: float = LOCK_WAIT_S) -> RepairReport:
        """Finish or undo what a killed load or removal left: cut-short renames, passages of versions no
        document points to, copies of files no document uses. LibraryBusy if another writer is running (it
        repairs as it starts anyway)."""
        with exclusive_writer(self.settings.data_dir, wait_s=wait_s):
            return self._repair()

    def _repair(self) -> RepairReport:
        report = RepairReport()
        fixed = self.store.repair_manifest()
        if fixed:
            report.actions.append(f"finished {fixed} library entr{'y' if fixed == 1 else 'ies'} (a rename cut short)")
        strays = self.store.stray_chunks()
        report.swept = self.store.collect_garbage()
        for source, n in sorted(strays.values()):
            what = f"of {source}" if source else "of an unnamed document"
            report.actions.append(
                f"removed {n} leftover passage{'s' * (n != 1)} {what}, left by an interrupted load or removal"
            )
        report.actions.extend(self._sweep_files())
        return report

    def _sweep_files(self) -> list[str]:
        """Copies of loaded files that no document uses any more, and unfinished copies (`.part`)."""
        if not self.files_dir.is_dir():
            return []
        used = {r.sha256 for r in self.store.documents()}
        actions = []
        for path in sorted(self.files_dir.iterdir()):
            if not path.is_file():
                continue
            if path.name.endswith(".part"):
                path.unlink(missing_ok=True)
                actions.append(f"deleted an unfinished copy of a loaded file ({path.name})")
            elif path.name.split(".", 1)[0] not in used:
                path.unlink(missing_ok=True)
                actions.append(f"deleted the stored copy of a file no document uses ({path.name})")
        return actions

    def _remove(self, name: str) -> DocumentRecord:
        record = self.find(name)
        with self.store.committing():
            self.store.drop_document(record.source)  # readers stop seeing it at once
            others = self.store.documents()
            if not any(r.doc_version == record.doc_version for r in others):
                self.store.delete_version(record.doc_version)
        if not any(r.sha256 == record.sha256 for r in others):
            for path in self.files_dir.glob(f"{record.sha256}.*"):
                path.unlink(missing_ok=True)
        return record

    def find(self, name: str) -> DocumentRecord:
        """A document by file name, title (case-insensitive) or unique prefix."""
        records = self.store.documents()
        key = name.strip().lower()
        for match in (
            lambda r: r.source.lower() == key,
            lambda r: r.title.lower() == key,
            lambda r: Path(r.source).stem.lower() == key,
        ):
            found = [r for r in records if match(r)]
            if len(found) == 1:
                return found[0]
        found = [r for r in records if r.source.lower().startswith(key) or r.title.lower().startswith(key)]
        if len(found) == 1:
            return found[0]
        names = ", ".join(r.source for r in records[:20]) or "(the library is empty)"
        if found:
            raise DocumentNotFound(
                f"{name!r} matches several documents ({', '.join(r.source for r in found)}); give the full file name"
            )
        raise DocumentNotFound(f"no document {name!r} in the library; documents: {names}")

    # ------------------------------------------------------------ internals
    def _rename(self, twin: DocumentRecord, name: str) -> DocumentRecord:
        """Same chunks, new name. Readers take the name from the manifest, so a cut-short rename shows one name;
        the next run drops the old record (`repair_manifest`)."""
        record = DocumentRecord(
            **{**twin.metadata(), "source": name, "loaded_at": now_iso(), "renamed_from": twin.source}
        )
        with self.store.committing():
            self.store.rename_version(twin.doc_version, name)
            self.store.set_document(record)
            self.store.drop_document(twin.source)
        return record

    def _write(self, pending: list[_Pending], report: IngestReport, progress: ProgressFn | None) -> None:
        total = sum(len(p.chunks) for p in pending)
        done = 0
        group: list[_Pending] = []
        size = 0
        for item in [*pending, None]:
            if item is not None:
                group.append(item)
                size += len(item.chunks)
            if group and (item is None or size >= _GROUP_CHUNKS):
                # One encode per group: the passages, their quotable units (the answerer's candidates) and the
                # words the library has not seen yet (the abstention's synonym check), so that no question has
                # to encode a passage's sentences or words.
                texts = [embedding_text(c) for p in group for c in p.chunks]
                unit_records = [[r for c in p.chunks for r in unit_records_of(c)] for p in group]
                vocab = sorted({w for p in group for c in p.chunks for w in vocabulary(f"{c.section} {c.text}")})
                embedder = self.embedder
                known = self.store.known_words(vocab, embedder)
                new_words = [w for w in vocab if w not in known]
                n_texts = len(texts)
                texts += [r[2] for records in unit_records for r in records] + new_words
                vectors = self._embed(texts, done, total, progress, n_texts)
                unit_vectors = vectors[n_texts : len(texts) - len(new_words)]
                self.store.put_words(new_words, vectors[len(texts) - len(new_words) :], embedder)
                offset = unit_offset = 0
                for p, records in zip(group, unit_records, strict=True):
                    n = len(p.chunks)
                    with self.store.committing():  # readers elsewhere see this document's change at once
                        self._commit(
                            p,
                            vectors[offset : offset + n],
                            records,
                            unit_vectors[unit_offset : unit_offset + len(records)],
                        )
                    offset += n
                    unit_offset += len(records)
                    done += n
                    report.results.append(FileResult(p.doc.source, p.status, n, p.note))
                group, size = [], 0

    def _embed(
        self, texts: list[str], done: int, total: int, progress: ProgressFn | None, passages: int | None = None
    ) -> np.ndarray:
        """Texts sorted by length across the whole group (less padding per batch), in slices between progress
        reports (counted in passages: `passages` of the texts are passages); vectors come back in the original
        order."""
        scale = (passages if passages is not None else len(texts)) / max(1, len(texts))
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        step = self.embeddings.batch_size * 8
        # A backend whose vectors depend on their batch (int8) embeds each text on its own, as a question is, so
        # that a document's vectors do not depend on the documents loaded with it; one text per core at a time.
        alone = bool(getattr(self.embeddings, "batch_dependent", False))
        pool = ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) if alone else None
        vectors: np.ndarray | None = None
        try:
            for start in range(0, len(order), step):
                idx = order[start : start + step]
                if pool is not None:
                    part = np.concatenate(list(pool.map(lambda i: self.embeddings.encode([texts[i]]), idx)))
                else:
                    part = self.embeddings.encode([texts[i] for i in idx])
                if vectors is None:
                    vectors = np.zeros((len(texts), part.shape[1]), dtype=np.float32)
                vectors[idx] = part
                if progress:
                    progress("embed", done + round(min(len(texts), start + step) * scale), total)
        finally:
            if pool is not None:
                pool.shutdown()
        return vectors if vectors is not None else np.zeros((0, 0), dtype=np.float32)

    def _commit(
        self, p: _Pending, vectors: object, unit_records: list[tuple[str, str, str]], unit_vectors: np.ndarray
    ) -> None:
        doc = p.doc
        version = p.chunks[0].doc_version
        self.store.put_chunks(p.chunks, vectors)  # type: ignore[arg-type]
        self.store.put_units(unit_records, unit_vectors, self.embedder)
        self.files_dir.mkdir(parents=True, exist_ok=True)
        copy = self.files_dir / f"{doc.sha256}{Path(doc.source).suffix.lower()}"
        if p.data is not None and not copy.exists():
            tmp = copy.with_suffix(copy.suffix + ".part")
            tmp.write_bytes(p.data)
            shutil.move(str(tmp), copy)
        if p.status == "re-embedded" and p.previous is not None:
            # Chunked as before (its pipeline keeps the chunker that made the passages); units and vectors anew.
            chunker, _units, size = (p.previous.pipeline.split("; ") + ["", "", ""])[:3]
            pipeline = f"{chunker}; units {UNITS_VERSION}; {size}; {self.embedder}"
            self.store.set_document(replace(p.previous, doc_version=version, pipeline=pipeline))
        else:
            self.store.set_document(self._record(p, version))
        if p.previous and p.previous.doc_version != version:
            self.store.delete_version(p.previous.doc_version)

    def _record(self, p: _Pending, version: str) -> DocumentRecord:
        doc = p.doc
        return DocumentRecord(
            source=doc.source,
            title=doc.title,
            kind=doc.kind,
            doc_version=version,
            sha256=doc.sha256,
            chunks=len(p.chunks),
            loaded_at=now_iso(),
            effective_date=doc.effective_date,
            festival=doc.festival,
            edition=doc.edition,
            format=doc.format,
            amends=doc.amends,
            fingerprint=p.fingerprint,
            pipeline=self.pipeline,
            url=doc.url,
            header=doc.header[:1000],
        )
