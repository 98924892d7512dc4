"""The plain RAG pipeline a user would copy from the LangChain tutorial, scored beside ours.

RecursiveCharacterTextSplitter(1000, 200) over the same documents' text, dense top-5 from a throw-away
in-memory Chroma collection with the same embedding model, the answer is the top passage's first
sentences, and it never abstains. It exists so every report shows how far ahead (or not) we are.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from assistant.schema import Answer, Chunk, Citation, Passage
from assistant.text import split_sentences

if TYPE_CHECKING:
    from langchain_core.documents import Document

    from assistant.library.embedding import TextEmbeddings
    from assistant.library.library import Library
    from assistant.schema import ProgressFn

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 5
ANSWER_SENTENCES = 2


def library_texts(library: Library) -> list[tuple[str, str, str]]:
    """(source, title, full text) of each document: the original file re-read, else the stored passages."""
    from assistant.errors import LoadError
    from assistant.library.loading.files import load_file

    out = []
    chunks_by_source: dict[str, list[str]] | None = None
    for record in library.documents():
        path = library.original_file(record)
        text = ""
        if path is not None and path.is_file():
            try:
                text = load_file(path).text
            except LoadError:
                text = ""
        if not text:
            if chunks_by_source is None:
                chunks_by_source = {}
                for chunk in library.store.all_chunks():
                    chunks_by_source.setdefault(chunk.source, []).append(chunk.text)
            text = "\n".join(chunks_by_source.get(record.source, []))
        out.append((record.source, record.title, text))
    return out


class BaselinePipeline:
    """Tutorial RAG over an in-memory Chroma collection; `ask` mirrors `Assistant.ask`."""

    name = "LangChain tutorial RAG (1000/200 splits, dense top-5, no abstention)"

    def __init__(
        self, texts: list[tuple[str, str, str]], embeddings: TextEmbeddings, progress: ProgressFn | None = None
    ) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
        )
        docs = [
            Document(page_content=text, metadata={"source": source, "title": title})
            for source, title, text in texts
            if text.strip()
        ]
        self.splits = splitter.split_documents(docs)
        self._client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self._collection = f"baseline_{uuid.uuid4().hex[:12]}"
        self.store = Chroma(
            client=self._client,
            collection_name=self._collection,
            embedding_function=embeddings,
            collection_metadata={"hnsw:space": "cosine"},
        )
        batch = 64
        for start in range(0, len(self.splits), batch):
            part = self.splits[start : start + batch]
            self.store.add_documents(part, ids=[f"b{start + i:06d}" for i in range(len(part))])
            if progress:
                progress("baseline-index", min(start + batch, len(self.splits)), len(self.splits))

    @classmethod
    def from_library(cls, library: Library, progress: ProgressFn | None = None) -> BaselinePipeline:
        return cls(library_texts(library), library.embeddings, progress)

    def close(self) -> None:
        """Drop the throw-away collection."""
        with contextlib.suppress(Exception):  # already gone; nothing to clean
            self._client.delete_collection(self._collection)

    def ask(self, question: str, history: Any = None, *, log: bool = False) -> Answer:
        """The tutorial ignores history and never abstains: the top passage's first sentences, cited as [1]."""
        started = time.perf_counter()
        hits = self.store.similarity_search_with_score(question, k=TOP_K)
        passages = [self._passage(doc, 1.0 - float(distance), i) for i, (doc, distance) in enumerate(hits)]
        if not passages:
            return Answer(question, "No documents are loaded.", abstained=True, answerer="baseline")
        top = passages[0].chunk
        quote = " ".join(split_sentences(top.text)[:ANSWER_SENTENCES]).strip() or top.text.strip()
        citation = Citation(1, top.source, top.title, "", None, quote, passage_text=top.text, chunk_id=top.id)
        answer = Answer(
            question, f"{quote} [1]", abstained=False, citations=[citation], contexts=passages, answerer="baseline"
        )
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    @staticmethod
    def _passage(doc: Document, score: float, index: int) -> Passage:
        meta = doc.metadata
        chunk = Chunk(
            id=f"baseline-{meta.get('source', '')}-{meta.get('start_index', index)}",
            text=doc.page_content,
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            section="",
            page=None,
            kind="",
            doc_version="baseline",
            index=int(meta.get("start_index", index)),
        )
        return Passage(chunk=chunk, score=score, dense=score)


@contextlib.contextmanager
def baseline_pipeline(
    library: Library, wanted: bool = True, progress: ProgressFn | None = None
) -> Iterator[BaselinePipeline | None]:
    """The tutorial pipeline over this library for one evaluation (None when not `wanted`), dropped afterwards."""
    if not wanted:
        yield None
        return
    pipeline = BaselinePipeline.from_library(library, progress=progress)
    try:
        yield pipeline
    finally:
        pipeline.close()
