"""The embedding backends: which one a setting gives, the fallback, and the ONNX vectors against
sentence-transformers' own ONNX backend and against torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from support.library import CORPUS, make_settings

from assistant.library.embedding import OnnxEmbeddings, SentenceEmbeddings, embeddings_for
from assistant.library.model_cache import cpu_flags, quantization_for

QUANTIZATION = quantization_for(cpu_flags())
LONG = " ".join(["The jury deliberates in private and no member may disclose how another member voted."] * 30)
TEXTS = [
    "Who breaks a tie?",
    "  Can I accept a dinner invitation from a producer?  ",  # spaces around, as a pasted question
    LONG,  # more than the model's 256 tokens: truncated the same way
    "Quorum",
    "Article 8.4 — Tie-breaks › If two films tie, the President of the jury has a casting vote.",
    "Jurors receive a per diem of EUR 60, paid in cash when they collect their accreditation.",
    "x",
]


def corpus_lines(n: int) -> list[str]:
    text = (CORPUS / "jury-regulations.md").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if len(line.strip()) > 30][:n]


def test_each_setting_gives_its_backend_and_the_default_is_int8_onnx(tmp_path: Path):
    default = embeddings_for(make_settings(tmp_path))
    assert isinstance(default, OnnxEmbeddings) and default.quantized
    assert default.identity == (f"model; onnx-int8 {QUANTIZATION}" if QUANTIZATION else "model; onnx")
    fp32 = embeddings_for(make_settings(tmp_path, embedding_backend="onnx"))
    assert isinstance(fp32, OnnxEmbeddings) and not fp32.quantized
    assert fp32.identity == "model; onnx"
    torch = embeddings_for(make_settings(tmp_path, embedding_backend="torch"))
    assert isinstance(torch, SentenceEmbeddings) and torch.identity == "model; torch"


def test_quantisation_follows_the_cpu_flags():
    assert quantization_for({"sse4_2", "avx2", "avx512f", "avx512_vnni"}) == "avx512_vnni"
    assert quantization_for({"sse4_2", "avx2", "fma"}) == "avx2"
    assert quantization_for({"neon", "asimd"}) is None  # no x86 int8 configuration: the fp32 ONNX model


def test_a_cpu_without_avx2_runs_the_fp32_onnx_model_and_says_so(embeddings):
    plain = OnnxEmbeddings(quantized=True, cache_dir=embeddings.cache_dir, quantization=None)
    assert plain.identity == "model; onnx"
    assert any("neither avx512_vnni nor avx2" in note for note in plain.notes)
    assert plain.encode(["Who breaks a tie?"]).shape == (1, 384)


@pytest.mark.parametrize("quantized", [True, False], ids=["int8", "fp32"])
def test_onnx_vectors_equal_sentence_transformers_onnx_backend(embeddings, quantized: bool):
    """Our question path (onnxruntime + tokenizers, no torch) against `SentenceTransformer(backend="onnx")` on the
    same file, alone and in batches (int8 activations are quantised per batch, so batches must match too)."""
    from sentence_transformers import SentenceTransformer

    ours = OnnxEmbeddings(quantized=quantized, cache_dir=embeddings.cache_dir, batch_size=4)
    model = ours.onnx_model
    assert model is not None and model.file.is_file()
    reference = SentenceTransformer(
        str(model.folder),
        backend="onnx",
        device="cpu",
        local_files_only=True,
        model_kwargs={"file_name": str(model.file.relative_to(model.folder))},
    )
    for text in TEXTS:
        alone = reference.encode([text], normalize_embeddings=True, convert_to_numpy=True)
        assert np.abs(ours.encode([text]) - alone).max() <= 1e-5, text
    texts = TEXTS + corpus_lines(10)
    batched = reference.encode(texts, batch_size=4, normalize_embeddings=True, convert_to_numpy=True)
    assert np.abs(ours.encode(texts) - batched).max() <= 1e-5


def test_int8_vectors_stay_close_to_torch_and_fp32_equal_them(fp32_embeddings, int8_embeddings, torch_embeddings):
    texts = corpus_lines(60)
    reference = torch_embeddings.encode(texts)
    cosines = (int8_embeddings.encode(texts) * reference).sum(axis=1)
    assert cosines.mean() > 0.98 and cosines.min() > 0.95
    assert np.abs(fp32_embeddings.encode(texts) - reference).max() <= 1e-4  # torch's vectors without torch


def test_without_the_export_packages_the_onnx_backend_falls_back_to_torch_and_says_why(
    tmp_path: Path, monkeypatch, torch_embeddings
):
    import assistant.library.model_cache as model_cache

    monkeypatch.setattr(model_cache, "missing_export_packages", lambda: ["optimum-onnx", "onnx"])
    fallback = OnnxEmbeddings(cache_dir=tmp_path / "empty-cache")
    assert fallback.identity == "model; torch"
    (note,) = fallback.notes
    assert "pip install optimum-onnx onnx" in note and "using torch instead" in note
    assert np.allclose(fallback.encode(TEXTS[:2]), torch_embeddings.encode(TEXTS[:2]), atol=1e-6)
    assert not list((tmp_path / "empty-cache").glob("*/MANIFEST.json"))  # nothing was made


def test_a_question_on_an_onnx_library_imports_no_torch_transformers_or_sentence_transformers(library_dir: Path):
    """A fresh process asks a question the whole way (retrieval, answer, abstention check) and lists what it loaded."""
    code = f"""
import json, sys
from assistant.answers.assistant import Assistant
from assistant.config import Settings
answer = Assistant.from_settings(Settings(data_dir={str(library_dir)!r})).ask("Can I bring my dog to a screening?", log=False)
assert answer.contexts
heavy = ("torch", "transformers", "sentence_transformers", "optimum", "sklearn")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
print(json.dumps("onnxruntime" in sys.modules and "tokenizers" in sys.modules))
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    heavy, used_onnx = (json.loads(line) for line in proc.stdout.strip().splitlines()[-2:])
    assert heavy == [] and used_onnx


def test_remembered_vectors_encode_each_text_once_and_alone_and_survive_forgetting() -> None:
    """Each text is encoded on its own (a batch would change an int8 vector) and once; when the memory is full it is
    emptied before new texts are added, so every text asked for is there to read (it used to be emptied after)."""
    import numpy as np

    from assistant.library.embedding import RememberedVectors

    calls: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

    memory = RememberedVectors(encode, limit=2)
    first = memory.vectors(["a", "bb", "a"])
    assert first.shape == (3, 2) and first[0][0] == 1.0 and first[1][0] == 2.0
    assert calls == [["a"], ["bb"]]
    memory.vectors(["ccc", "a"])  # three remembered: over the limit next time
    again = memory.vectors(["a", "dddd"])  # emptied first, then both encoded
    assert [v[0] for v in again] == [1.0, 4.0]
    assert calls[-2:] == [["a"], ["dddd"]]
