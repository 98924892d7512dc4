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
.venv/bin/python -m pip install -q -e ".[${EXTRAS}]"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
