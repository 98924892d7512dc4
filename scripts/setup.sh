#!/usr/bin/env bash
# Shared set-up: a virtual environment with the CPU build of torch first, then the package.
# Sourced by scripts/test.sh and scripts/start.sh. EXTRAS picks the optional dependencies.
set -euo pipefail
EXTRAS="${EXTRAS:-dev,llm,llm-server}"
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# torch first, pinned: an unpinned torch pulls a multi-GB CUDA build.
.venv/bin/python -m pip install -q "torch==2.13.0"
# llama-cpp-python (the llm-server extra, pinned in pyproject.toml) is built from source for a portable x86-64
# baseline, never for this machine's own CPU: a -march=native build has AMX kernels, which crash llama_decode on
# AMX Xeons (docs/configuration.md, "The local LLM server (tests)"). pip's own cache keys a built wheel by version
# alone and would hand back one built with other flags, so it is bypassed; the wheel is kept instead under a key of
# the version and flags (a portable wheel suits every CPU). It is installed before the package so that pip keeps it,
# and only when the venv's build is not this one (.venv/llama-cpp-python.build: version, flags, libraries' digest).
LLAMA_CPP_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_CPU_ALL_VARIANTS=OFF -DGGML_BACKEND_DL=OFF \
-DGGML_SSE42=ON -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_AVX_VNNI=OFF \
-DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF \
-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
llama_cpp_build() {  # check: is the installed build this one? | stamp: verify and record it | pin | key
  .venv/bin/python - "$1" "$LLAMA_CPP_CMAKE_ARGS" <<'PY'
import ctypes, hashlib, re, sys, tomllib
from importlib import metadata, util
from pathlib import Path

action, flags = sys.argv[1], " ".join(sys.argv[2].split())
extra = tomllib.loads(Path("pyproject.toml").read_text())["project"]["optional-dependencies"]["llm-server"]
pin = next(r.split("==")[1].strip() for r in extra if r.startswith("llama-cpp-python") and "==" in r)
if action == "pin":
    print(pin)
    sys.exit(0)
want, stamp = f"llama-cpp-python=={pin} CMAKE_ARGS={flags}", Path(".venv/llama-cpp-python.build")
if action == "key":
    print(f"{pin}-{hashlib.sha256(want.encode()).hexdigest()[:16]}")
    sys.exit(0)
spec = util.find_spec("llama_cpp")
libs = Path(spec.origin).parent / "lib" if spec and spec.origin else None
try:
    installed = metadata.version("llama-cpp-python") == pin and libs is not None
except metadata.PackageNotFoundError:
    installed = False
digest = hashlib.sha256()
for lib in sorted(libs.glob("*.so*")) if installed and libs else []:
    digest.update(lib.name.encode() + lib.read_bytes())
if action == "check":
    lines = stamp.read_text().splitlines() if stamp.exists() else []
    sys.exit(0 if installed and lines[:2] == [want, digest.hexdigest()] else 1)
if not (installed and libs):
    sys.exit(f"llama-cpp-python=={pin} is not installed")
# stamp: the CPU features compiled in, as llama.cpp reports them (through ctypes: its Python dependencies come later)
llama = ctypes.CDLL(str(libs / "libllama.so"))
llama.llama_print_system_info.restype = ctypes.c_char_p
info = llama.llama_print_system_info().decode().strip()
if re.search(r"\b(AMX|AVX512)\w* = 1", info):
    sys.exit(f"llama-cpp-python was built with AVX-512 or AMX despite CMAKE_ARGS={flags}:\n{info}")
stamp.write_text(f"{want}\n{digest.hexdigest()}\n{info}\n")
PY
}
if [[ ",${EXTRAS}," == *",llm-server,"* ]] && ! llama_cpp_build check; then
  LLAMA_CPP_VERSION="$(llama_cpp_build pin)"
  LLAMA_CPP_WHEELS="${XDG_CACHE_HOME:-$HOME/.cache}/juror-assistant/llama-cpp-python/$(llama_cpp_build key)"
  if ! compgen -G "${LLAMA_CPP_WHEELS}/llama_cpp_python-*.whl" >/dev/null; then
    echo "Building llama-cpp-python ${LLAMA_CPP_VERSION} from source (portable x86-64, no AMX; ~9 min on 2 cores)" >&2
    mkdir -p "$(dirname "$LLAMA_CPP_WHEELS")"
    rm -rf "${LLAMA_CPP_WHEELS}.$$"
    CMAKE_ARGS="$LLAMA_CPP_CMAKE_ARGS" FORCE_CMAKE=1 CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
      .venv/bin/python -m pip wheel -q --no-cache-dir --no-deps --no-binary llama-cpp-python \
      -w "${LLAMA_CPP_WHEELS}.$$" "llama-cpp-python==${LLAMA_CPP_VERSION}"
    mv -T "${LLAMA_CPP_WHEELS}.$$" "$LLAMA_CPP_WHEELS" 2>/dev/null || rm -rf "${LLAMA_CPP_WHEELS}.$$"  # lost a race
  fi
  .venv/bin/python -m pip install -q --force-reinstall --no-deps "$LLAMA_CPP_WHEELS"/llama_cpp_python-*.whl
  llama_cpp_build stamp || { rm -rf "$LLAMA_CPP_WHEELS"; false; }  # a bad wheel is built again next time
fi
.venv/bin/python -m pip install -q -e ".[${EXTRAS}]"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
