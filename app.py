"""Juror Assistant web app: `streamlit run app.py`.

Thin on purpose: pages live in `assistant/ui/`; settings, the model and the Assistant are built once
(`st.cache_resource`) and shared by every browser session.
"""

from pathlib import Path

from assistant.config import quiet_third_parties

quiet_third_parties()

from assistant.ui.shell import main  # noqa: E402  (after quiet_third_parties: no telemetry, no hub)

main(corpus=Path(__file__).resolve().parent / "corpus")
