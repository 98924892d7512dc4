"""Running the real Streamlit app under AppTest, isolated from the developer's environment (shared by UI tests)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
ORGANISER_PASSPHRASE = "quality check 2027"


def open_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path, passphrase: str | None = None, timeout: float = 600
) -> AppTest:
    """The app over data_dir (not yet run): no JUROR_* variables leak in, no stray juror.toml or secrets."""
    for key in list(os.environ):
        if key.startswith("JUROR_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("JUROR_DATA_DIR", str(data_dir))
    if passphrase:
        monkeypatch.setenv("JUROR_ORGANISER_PASSPHRASE", passphrase)
    monkeypatch.chdir(tmp_path)
    return AppTest.from_file(str(APP), default_timeout=timeout)


def quality_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path) -> AppTest:
    """The app over data_dir, logged in as organiser, on the Quality page."""
    at = open_app(monkeypatch, tmp_path, data_dir, ORGANISER_PASSPHRASE).run()
    at.switch_page("app_pages/quality.py").run()
    at.text_input(key="organiser_passphrase_input").input(ORGANISER_PASSPHRASE)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at
