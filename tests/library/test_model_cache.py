"""The ONNX model cache: made once, trusted only whole, made again when damaged or half-written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.library.embedding import OnnxEmbeddings, bundled_model_path
from assistant.library.model_cache import (
    MANIFEST,
    cpu_flags,
    folder_for,
    onnx_file,
    prepare,
    problem_with,
    quantization_for,
)

QUANTIZATION = quantization_for(cpu_flags())


@pytest.fixture(scope="module")
def ready(int8_embeddings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's ready int8 folder (the session made it once), to damage."""
    model = int8_embeddings.onnx_model
    assert model is not None
    copy = tmp_path_factory.mktemp("cache") / model.folder.name
    shutil.copytree(model.folder, copy)
    assert problem_with(copy, model.variant) is None
    return copy


def damaged(ready: Path, tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / ready.name
    shutil.copytree(ready, folder)
    return folder, json.loads((folder / MANIFEST).read_text())["variant"]


def test_a_folder_without_its_manifest_is_half_written(ready: Path, tmp_path: Path):
    folder, variant = damaged(ready, tmp_path)
    (folder / MANIFEST).unlink()
    assert "half-written" in (problem_with(folder, variant) or "")


def test_a_truncated_model_file_is_noticed(ready: Path, tmp_path: Path):
    folder, variant = damaged(ready, tmp_path)
    onnx = folder / onnx_file(variant)
    onnx.write_bytes(onnx.read_bytes()[: onnx.stat().st_size // 2])
    assert "bytes, not" in (problem_with(folder, variant) or "")


def test_a_changed_byte_of_the_same_size_is_noticed(ready: Path, tmp_path: Path):
    folder, variant = damaged(ready, tmp_path)
    tokenizer = folder / "tokenizer.json"
    data = bytearray(tokenizer.read_bytes())
    data[100] ^= 0x01
    tokenizer.write_bytes(bytes(data))
    assert "checksum" in (problem_with(folder, variant) or "")


def test_a_missing_file_and_a_manifest_of_another_variant_are_noticed(ready: Path, tmp_path: Path):
    folder, variant = damaged(ready, tmp_path)
    (folder / onnx_file(variant)).unlink()
    assert "is missing" in (problem_with(folder, variant) or "")
    assert "another kind" in (problem_with(ready, "fp32") or "")


def test_a_damaged_cache_is_made_again_and_gives_the_same_vectors(int8_embeddings, tmp_path: Path):
    """The real thing end to end: a cache folder in the state a killed build or a bad disk leaves, then the
    backend's first question makes it again (in a child process) and says so."""
    cache = tmp_path / "models"
    model = int8_embeddings.onnx_model
    assert model is not None
    folder = folder_for(bundled_model_path(), cache, model.variant)
    shutil.copytree(model.folder, folder)
    onnx = folder / onnx_file(model.variant)
    onnx.write_bytes(onnx.read_bytes()[:1000])  # cut short
    (cache / f".{folder.name}.build-99999").mkdir()  # and what a killed builder left beside it

    again = OnnxEmbeddings(cache_dir=cache)
    assert again.identity == int8_embeddings.identity
    assert any("could not be trusted" in n and "made it again" in n for n in again.notes), again.notes
    assert problem_with(folder, model.variant) is None
    assert not (cache / f".{folder.name}.build-99999").exists()
    question = ["Who breaks a tie in the final vote?"]
    assert np.abs(again.encode(question) - int8_embeddings.encode(question)).max() <= 1e-6
    # Ready now: the next process finds it whole and makes nothing.
    assert prepare(bundled_model_path(), cache, QUANTIZATION).notes == ()
