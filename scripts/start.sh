#!/usr/bin/env bash
# Set up and start the Streamlit app on the embedded defaults (local Chroma in ./data, bundled model, no key).
# On first start with an empty library the sample festival library in corpus/ is loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS="${EXTRAS:-llm}" source scripts/setup.sh
exec .venv/bin/streamlit run app.py --server.headless true --browser.gatherUsageStats false "$@"
