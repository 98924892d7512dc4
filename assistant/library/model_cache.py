"""ONNX files of the embedding model, made once, offline, from its own weights, and kept in a cache folder.

A *variant* is `fp32` (the model exported to ONNX) or `qint8_avx512_vnni` / `quint8_avx2` (that export quantised
to int8 with sentence-transformers' `export_dynamic_quantized_onnx_model`, in the configuration that suits the
CPU's instructions). Each variant lives in its own folder with the tokenizer and configs beside the ONNX file;
the folder is trusted only when its `MANIFEST.json`, written last, lists every file with its size and SHA-256
and they all match, so a half-written or damaged folder is noticed, moved aside and made again.

Making a variant needs the export packages (`optimum-onnx`, `onnx`) and runs in a child process, so the process
that asks never imports torch or transformers; using a ready folder needs only onnxruntime and tokenizers.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import ConfigError
from assistant.library.locking import file_lock

MANIFEST = "MANIFEST.json"
FORMAT = 1  # bump when the folder layout or the way files are made changes: older folders are made again
QUANTIZATIONS = ("avx512_vnni", "avx2")  # best first; the CPU's flags choose (see `quantization_for`)
EXPORT_PACKAGES = ("optimum-onnx", "onnx", "sentence-transformers")  # what `build` needs (torch comes with them)
BUILD_TIMEOUT_S = 1800
LOCK_WAIT_S = 1800

_VERIFIED: dict[str, float] = {}  # folder -> manifest mtime, verified in this process
_VERIFY_LOCK = threading.Lock()


class ExportUnavailable(ConfigError):
    """The packages that make the ONNX files are not installed (using ready files does not need them)."""


class BuildFailed(ConfigError):
    """Making the ONNX files failed; the message carries the child process's last lines."""


@dataclass(frozen=True)
class OnnxModel:
    """A ready variant: its folder, the ONNX file to run, and what was made."""

    folder: Path
    file: Path
    variant: str
    notes: tuple[str, ...] = field(default_factory=tuple)  # what happened on the way (a damaged cache made again)

    @property
    def quantization(self) -> str | None:
        return None if self.variant == "fp32" else self.variant.split("_", 1)[1]


# ---------------------------------------------------------------- choosing a variant


def cpu_flags() -> frozenset[str]:
    """The CPU's instruction-set flags (Linux /proc/cpuinfo); empty where they cannot be read."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith(("flags", "Features")):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def quantization_for(flags: frozenset[str] | set[str]) -> str | None:
    """avx512_vnni where the CPU has it (int8 dot products in one instruction), else avx2, else None (fp32)."""
    if "avx512_vnni" in flags or "avx512vnni" in flags:
        return "avx512_vnni"
    if "avx2" in flags:
        return "avx2"
    return None


def variant_name(quantization: str | None) -> str:
    """The file-name suffix sentence-transformers gives each configuration (`model_<variant>.onnx`)."""
    if quantization is None:
        return "fp32"
    if quantization not in QUANTIZATIONS:
        raise ConfigError(f"unknown quantisation {quantization!r}; known: {', '.join(QUANTIZATIONS)}")
    return f"{'qint8' if quantization == 'avx512_vnni' else 'quint8'}_{quantization}"


def onnx_file(variant: str) -> str:
    return "onnx/model.onnx" if variant == "fp32" else f"onnx/model_{variant}.onnx"


def missing_export_packages() -> list[str]:
    """Packages needed to make ONNX files that are not installed (empty when making is possible)."""
    from importlib.metadata import PackageNotFoundError, distribution

    missing = []
    for package in EXPORT_PACKAGES:  # installed distributions, read without importing anything
        try:
            distribution(package)
        except PackageNotFoundError:
            missing.append(package)
    return missing


# ---------------------------------------------------------------- the cache folder


def folder_for(model_path: Path, cache: Path, variant: str) -> Path:
    """One folder per model weights and variant: a changed or moved model gets a new folder."""
    weights = next(
        (model_path / n for n in ("model.safetensors", "pytorch_model.bin") if (model_path / n).is_file()), None
    )
    stat = weights.stat() if weights is not None else None
    key = f"{FORMAT}|{model_path.resolve()}|{stat.st_size if stat else 0}|{stat.st_mtime_ns if stat else 0}|{variant}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    name = model_path.resolve().name
    if name == "model":  # the bundled package keeps its files in a folder called "model"
        name = model_path.resolve().parent.name
    return cache / f"{name}-{variant}-{digest}"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def problem_with(folder: Path, variant: str) -> str | None:
    """Why a folder cannot be trusted (None when it can): no manifest (half-written), or a file missing,
    of another size or with another checksum than the manifest says (damaged)."""
    manifest = folder / MANIFEST
    if not folder.is_dir():
        return "not made yet"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        files = dict(data["files"])
    except FileNotFoundError:
        return f"{MANIFEST} is missing (the folder was left half-written)"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"{MANIFEST} cannot be read ({type(exc).__name__})"
    if data.get("format") != FORMAT or data.get("variant") != variant or onnx_file(variant) not in files:
        return f"{MANIFEST} describes another kind of folder"
    key = str(folder)
    stamp = manifest.stat().st_mtime
    with _VERIFY_LOCK:
        if _VERIFIED.get(key) == stamp:
            return None
    for rel, expected in files.items():
        path = folder / rel
        try:
            size = path.stat().st_size
        except OSError:
            return f"{rel} is missing"
        if size != expected.get("size"):
            return f"{rel} has {size} bytes, not {expected.get('size')}"
        if sha256_of(path) != expected.get("sha256"):
            return f"{rel} does not match its checksum"
    with _VERIFY_LOCK:
        _VERIFIED[key] = stamp
    return None


def write_manifest(folder: Path, variant: str, made_with: dict[str, str]) -> None:
    """List every file with its size and checksum; written last, through a rename, so it marks a whole folder."""
    files = {
        str(p.relative_to(folder)): {"size": p.stat().st_size, "sha256": sha256_of(p)}
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }
    data = {"format": FORMAT, "variant": variant, "made": time.strftime("%Y-%m-%dT%H:%M:%S"), "made_with": made_with}
    data["files"] = files
    tmp = folder / f"{MANIFEST}.part"
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, folder / MANIFEST)


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """One builder per folder across processes (the app and a CLI run may both want the model)."""

    def busy(_fd: int) -> Exception:
        return BuildFailed(f"another process has been making the ONNX model in {path.parent} for too long")

    with file_lock(path, LOCK_WAIT_S, busy, poll_s=0.2):
        yield


def prepare(model_path: Path, cache: Path, quantization: str | None) -> OnnxModel:
    """The ready folder for this model and quantisation, made (or made again, when damaged) if needed."""
    variant = variant_name(quantization)
    folder = folder_for(model_path, cache, variant)
    if problem_with(folder, variant) is None:
        return OnnxModel(folder, folder / onnx_file(variant), variant)
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"cannot create the model cache folder {cache} ({exc.strerror or exc}); set JUROR_MODEL_CACHE_DIR to a "
            "writable folder"
        ) from exc
    notes: list[str] = []
    with _build_lock(cache / f".{folder.name}.lock"):
        problem = problem_with(folder, variant)  # another process may have made it while we waited
        if problem is None:
            return OnnxModel(folder, folder / onnx_file(variant), variant)
        missing = missing_export_packages()
        if missing:
            raise ExportUnavailable(
                f"making the {variant} ONNX model once needs the packages {', '.join(missing)}: pip install "
                f"{' '.join(missing)}"
            )
        for left in cache.glob(f".{folder.name}.*-*"):  # what a killed builder left (we hold the lock)
            shutil.rmtree(left, ignore_errors=True)
        if folder.exists():
            notes.append(f"the cached ONNX model in {folder} could not be trusted ({problem}); made it again")
            aside = folder.with_name(f".{folder.name}.broken-{os.getpid()}")
            os.replace(folder, aside)
            shutil.rmtree(aside, ignore_errors=True)
        build = folder.with_name(f".{folder.name}.build-{os.getpid()}")
        try:
            made_with = _build_in_child(model_path, build, quantization)
            write_manifest(build, variant, made_with)
            os.replace(build, folder)
        finally:
            shutil.rmtree(build, ignore_errors=True)
    problem = problem_with(folder, variant)
    if problem is not None:  # pragma: no cover - only if the disk fails under us
        raise BuildFailed(f"the ONNX model made in {folder} cannot be trusted: {problem}")
    return OnnxModel(folder, folder / onnx_file(variant), variant, tuple(notes))


def _build_in_child(model_path: Path, out: Path, quantization: str | None) -> dict[str, str]:
    """Run `build` in a child process: the export imports torch, transformers and optimum, which the asking
    process never needs (and would keep in memory)."""
    cmd = [sys.executable, "-m", "assistant.library.model_cache", str(model_path), str(out), quantization or "fp32"]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=BUILD_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise BuildFailed(f"making the ONNX model took more than {BUILD_TIMEOUT_S} s and was stopped") from exc
    if done.returncode != 0:
        tail = " | ".join(line for line in done.stderr.strip().splitlines()[-3:] if line.strip())
        raise BuildFailed(f"making the ONNX model from {model_path} failed: {tail[-400:] or 'no message'}")
    try:
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    except (IndexError, ValueError):
        return {}


def build(model_path: Path, out: Path, quantization: str | None) -> dict[str, str]:
    """Export the model to ONNX into `out` (and quantise it); returns the versions that made it.

    Keeps the tokenizer and configs that sentence-transformers saves beside the ONNX file (so the folder loads
    with `SentenceTransformer(out, backend="onnx")` too) and drops the fp32 file from an int8 folder.
    """
    import logging
    import warnings

    from sentence_transformers import SentenceTransformer
    from sentence_transformers import __version__ as st_version

    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    model = SentenceTransformer(str(model_path), backend="onnx", device="cpu", local_files_only=True)
    model.save_pretrained(str(out))
    if quantization is not None:
        from sentence_transformers import export_dynamic_quantized_onnx_model

        export_dynamic_quantized_onnx_model(model, quantization, str(out))
        (out / "onnx" / "model.onnx").unlink(missing_ok=True)
    import onnxruntime

    versions = {"sentence_transformers": st_version, "onnxruntime": onnxruntime.__version__}
    try:
        from importlib.metadata import version

        versions["optimum_onnx"] = version("optimum-onnx")
    except Exception:  # pragma: no cover - informational only
        pass
    return versions


if __name__ == "__main__":  # the child process of `_build_in_child`
    source, target, which = sys.argv[1], sys.argv[2], sys.argv[3]
    print(json.dumps(build(Path(source), Path(target), None if which == "fp32" else which)))
