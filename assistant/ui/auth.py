"""The organiser login shared by the organiser-only pages (Library, Quality): the Streamlit edge only.

The passphrase comes from settings (JUROR_ORGANISER_PASSPHRASE_HASH, or a plain JUROR_ORGANISER_PASSPHRASE for
local use, or the deprecated JUROR_ORGANISER_PASSPHRASE_SHA256) or from Streamlit secrets; checking it is
`assistant.organiser.passphrase`, slowing down guessers across sessions is `assistant.organiser.throttle`. Every log-in, failed
log-in and log-out goes to the organiser log with the session it came from. A login lasts for the browser
session only.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import streamlit as st
from pydantic import SecretStr

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.organiser.logbook import Logbook
from assistant.organiser.passphrase import PassphraseCheck, check_from_settings
from assistant.organiser.throttle import LoginThrottle, wait_text

log = logging.getLogger(__name__)

SESSION_KEY = "organiser"
LOCAL_CLIENT = "this machine"

HOW_TO_SET = """No organiser passphrase is configured, so the organiser pages are locked for everyone.

To unlock them, set one of these before starting the app, then restart it:

- `JUROR_ORGANISER_PASSPHRASE_HASH` = a salted hash of the passphrase (preferred: the passphrase itself is never
  stored). Make it with `juror-assistant hash-passphrase`, which asks for the passphrase without showing it.
- or `JUROR_ORGANISER_PASSPHRASE` = the passphrase (for local use),
- or `organiser_passphrase_hash = "…"` in `juror.toml` or `.streamlit/secrets.toml`.
"""


def _secret(name: str) -> str | None:
    try:
        value: Any = st.secrets.get(name)
    except Exception:  # no secrets.toml at all is the normal case
        return None
    return str(value) if value else None


def effective_settings(settings: Settings) -> Settings:
    """Settings with a passphrase from Streamlit secrets filled in when the environment gave none."""
    if settings.organiser_passphrase_hash or settings.organiser_passphrase or settings.organiser_passphrase_sha256:
        return settings
    for key, field in (
        ("organiser_passphrase_hash", "organiser_passphrase_hash"),
        ("organiser_passphrase", "organiser_passphrase"),
        ("organiser_passphrase_sha256", "organiser_passphrase_sha256"),
    ):
        value = _secret(key) or _secret(f"JUROR_{key.upper()}")
        if value:
            return settings.model_copy(update={field: SecretStr(value) if field == "organiser_passphrase" else value})
    return settings


@st.cache_resource(show_spinner=False)
def _check(key: str, _settings: Settings) -> PassphraseCheck | None:
    check = check_from_settings(_settings)  # a plain passphrase is hashed here, once per process
    if check is not None and check.warning:
        log.warning(check.warning)
    return check


def passphrase_check(settings: Settings) -> PassphraseCheck | None:
    """The configured check (None: no passphrase); ConfigError for a malformed setting."""
    effective = effective_settings(settings)
    plain = effective.organiser_passphrase.get_secret_value() if effective.organiser_passphrase else ""
    key = "|".join(
        [
            effective.organiser_passphrase_hash or "",
            hashlib.sha256(plain.encode()).hexdigest() if plain else "",
            effective.organiser_passphrase_sha256 or "",
        ]
    )
    return _check(key, effective)


def client_address() -> str | None:
    """The browser's address as Streamlit sees it (None on this machine)."""
    try:
        address = st.context.ip_address
    except Exception:  # outside a browser session
        return None
    return address if isinstance(address, str) and address else None  # AppTest gives a stand-in object


def session_label() -> str:
    """'web session 1a2b3c4d (203.0.113.5)': how the organiser log names this browser session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    session = ctx.session_id[:8] if ctx is not None else "unknown"
    return f"web session {session} ({client_address() or LOCAL_CLIENT})"


def audit(settings: Settings, action: str, detail: str) -> None:
    """One line in the organiser log, from this session; a logbook failure never blocks the organiser."""
    try:
        Logbook.in_folder(settings.data_dir).log_organiser(action, detail, session_label())
    except Exception:
        log.exception("organiser log not written: %s %s", action, detail)


def is_organiser() -> bool:
    return bool(st.session_state.get(SESSION_KEY))


def log_out(settings: Settings) -> None:
    if is_organiser():
        audit(settings, "log-out", "")
    st.session_state[SESSION_KEY] = False


def organiser_gate(settings: Settings) -> bool:
    """True when this session is logged in as organiser; otherwise draws the login (or set-up hint)."""
    try:
        check = passphrase_check(settings)
    except ConfigError as exc:
        st.error(f"The organiser passphrase setting cannot be used: {exc}", icon=":material/lock:")
        return False
    if is_organiser():
        if check is not None and check.warning:
            st.warning(check.warning, icon=":material/key:")
        return True
    if check is None:
        st.warning("Organisers only.", icon=":material/lock:")
        st.markdown(HOW_TO_SET)
        return False
    st.info("This page is for festival organisers. Enter the organiser passphrase to continue.", icon=":material/lock:")
    with st.form("organiser_login", clear_on_submit=True):
        attempt = st.text_input("Organiser passphrase", type="password", key="organiser_passphrase_input")
        submitted = st.form_submit_button("Log in")
    if not submitted:
        return False
    address = client_address()
    result = LoginThrottle.for_settings(settings).attempt(address or "local", lambda: check.verify(attempt))
    if result.ok:
        st.session_state[SESSION_KEY] = True
        audit(settings, "log-in", f"from {address or LOCAL_CLIENT}")
        st.rerun()
    if result.wait_s:
        if result.paused_for_everyone:
            st.error(
                "Too many failed log-ins in the last hour, from anywhere: organiser log-in is paused for everyone "
                f"for {wait_text(result.wait_s)}. Documents can still be loaded with the `juror-assistant` command."
            )
        else:
            st.error(f"Too many failed log-ins from your address: try again in {wait_text(result.wait_s)}.")
        return False
    audit(settings, "failed log-in", f"wrong passphrase, from {address or LOCAL_CLIENT}")
    st.error("Wrong passphrase.")
    return False
