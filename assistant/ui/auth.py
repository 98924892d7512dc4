"""The organiser login shared by the organiser-only pages (Library, Quality).

The passphrase comes from settings (JUROR_ORGANISER_PASSPHRASE or JUROR_ORGANISER_PASSPHRASE_SHA256) or from
Streamlit secrets (`organiser_passphrase` / `organiser_passphrase_sha256`); it is compared as a SHA-256 hash
in constant time. The login lasts for the browser session only.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st
from pydantic import SecretStr

from assistant.config import Settings

SESSION_KEY = "organiser"
_FAILS_KEY = "organiser_failed_attempts"

HOW_TO_SET = """No organiser passphrase is configured, so the organiser pages are locked for everyone.

To unlock them, set one of these before starting the app, then restart it:

- `JUROR_ORGANISER_PASSPHRASE_SHA256` = the SHA-256 of the passphrase (preferred: the passphrase itself is never stored), e.g.
  `python -c "import hashlib,getpass; print(hashlib.sha256(getpass.getpass().encode()).hexdigest())"`
- or `JUROR_ORGANISER_PASSPHRASE` = the passphrase,
- or `organiser_passphrase_sha256 = "…"` in `juror.toml` or `.streamlit/secrets.toml`.
"""


def _secret(name: str) -> str | None:
    try:
        value: Any = st.secrets.get(name)
    except Exception:  # no secrets.toml at all is the normal case
        return None
    return str(value) if value else None


def effective_settings(settings: Settings) -> Settings:
    """Settings with a passphrase from Streamlit secrets filled in when the environment gave none."""
    if settings.organiser_hash():
        return settings
    digest = _secret("organiser_passphrase_sha256") or _secret("JUROR_ORGANISER_PASSPHRASE_SHA256")
    if digest:
        return settings.model_copy(update={"organiser_passphrase_sha256": digest})
    plain = _secret("organiser_passphrase") or _secret("JUROR_ORGANISER_PASSPHRASE")
    if plain:
        return settings.model_copy(update={"organiser_passphrase": SecretStr(plain)})
    return settings


def passphrase_configured(settings: Settings) -> bool:
    return bool(effective_settings(settings).organiser_hash())


def is_organiser() -> bool:
    return bool(st.session_state.get(SESSION_KEY))


def log_out() -> None:
    st.session_state[SESSION_KEY] = False


def organiser_gate(settings: Settings) -> bool:
    """True when this session is logged in as organiser; otherwise draws the login (or set-up hint)."""
    if is_organiser():
        return True
    checked = effective_settings(settings)
    if not checked.organiser_hash():
        st.warning("Organisers only.", icon=":material/lock:")
        st.markdown(HOW_TO_SET)
        return False
    st.info("This page is for festival organisers. Enter the organiser passphrase to continue.", icon=":material/lock:")
    with st.form("organiser_login", clear_on_submit=True):
        attempt = st.text_input("Organiser passphrase", type="password", key="organiser_passphrase_input")
        submitted = st.form_submit_button("Log in")
    if not submitted:
        return False
    if attempt and checked.check_passphrase(attempt):
        st.session_state[SESSION_KEY] = True
        st.session_state[_FAILS_KEY] = 0
        st.rerun()
    fails = int(st.session_state.get(_FAILS_KEY, 0)) + 1
    st.session_state[_FAILS_KEY] = fails
    time.sleep(min(5.0, 0.5 * fails))  # slows guessing down
    st.error("Wrong passphrase.")
    return False
