"""Juror Assistant web app: `streamlit run app.py`.

Thin on purpose: pages live in `assistant/ui/`; settings, the model and the Assistant are built once
(`st.cache_resource`) and shared by every browser session.
"""

from pathlib import Path

from assistant.config import limit_malloc_arenas, quiet_third_parties

quiet_third_parties()
limit_malloc_arenas()  # one thread per session: without a cap, memory grows with the number of jurors

from assistant.ui.shell import main  # noqa: E402  (after quiet_third_parties: no telemetry, no hub)

main(corpus=Path(__file__).resolve().parent / "corpus")
