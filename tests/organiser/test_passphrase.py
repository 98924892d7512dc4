"""The organiser passphrase: salted scrypt hashes, the settings that configure it, and `juror-assistant
hash-passphrase` (reading the passphrase without echo)."""

from __future__ import annotations

import hashlib
import os
import pty
import select
import subprocess
import time

import pytest
from pydantic import SecretStr
from support.browsing import CLI, ROOT, clean_env

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.organiser.passphrase import HASH_SETTING, StoredHash, check_from_settings, hash_passphrase

PASSPHRASE = "lighthouse keeper 2027"


def settings(**kw: object) -> Settings:
    os.environ.pop("JUROR_CONFIG", None)
    return Settings(data_dir="unused", **kw)  # type: ignore[arg-type]


def test_a_hash_is_salted_slow_scrypt_and_checks_only_the_right_passphrase() -> None:
    first, second = hash_passphrase(PASSPHRASE), hash_passphrase(PASSPHRASE)
    assert first.startswith("scrypt$n=32768,r=8,p=1$") and first != second  # a fresh salt each time
    stored = StoredHash.parse(first)
    assert stored.matches(PASSPHRASE)
    assert not stored.matches(PASSPHRASE.upper()) and not stored.matches("")
    assert StoredHash.parse(second).matches(PASSPHRASE)


def test_each_configured_form_is_checked_and_the_old_sha256_warns_naming_the_new_setting() -> None:
    assert check_from_settings(settings()) is None
    by_hash = check_from_settings(settings(organiser_passphrase_hash=hash_passphrase(PASSPHRASE)))
    plain = check_from_settings(settings(organiser_passphrase=SecretStr(PASSPHRASE)))
    legacy = check_from_settings(
        settings(organiser_passphrase_sha256=hashlib.sha256(PASSPHRASE.encode()).hexdigest().upper())
    )
    for check in (by_hash, plain, legacy):
        assert check is not None and check.verify(PASSPHRASE) and not check.verify("lighthouse keeper 2026")
    assert by_hash is not None and plain is not None and by_hash.warning is None and plain.warning is None
    assert legacy is not None and legacy.warning is not None
    assert HASH_SETTING in legacy.warning and "juror-assistant hash-passphrase" in legacy.warning


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("organiser_passphrase_hash", "5f4dcc3b5aa765d61d8327deb882cf99", "is not a passphrase hash"),
        ("organiser_passphrase_hash", "scrypt$n=1000,r=8,p=1$AAAA$AAAA", "impossible scrypt costs"),
        ("organiser_passphrase_sha256", "not-a-digest", "is not a SHA-256 hex digest"),
    ],
)
def test_a_malformed_setting_is_one_clear_error_naming_it(field: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        check_from_settings(settings(**{field: value}))
    assert "JUROR_ORGANISER_PASSPHRASE" in str(caught.value) and "hash-passphrase" in str(caught.value)


def test_hash_passphrase_reads_piped_input_and_prints_only_the_hash() -> None:
    done = subprocess.run(
        [str(CLI), "hash-passphrase"], input=f"{PASSPHRASE}\n", capture_output=True, text=True, env=clean_env()
    )
    assert done.returncode == 0, done.stderr
    assert StoredHash.parse(done.stdout.strip()).matches(PASSPHRASE)
    assert HASH_SETTING in done.stderr and PASSPHRASE not in done.stdout + done.stderr


def test_hash_passphrase_refuses_a_short_passphrase_and_prints_nothing() -> None:
    done = subprocess.run(
        [str(CLI), "hash-passphrase"], input="kites\n", capture_output=True, text=True, env=clean_env()
    )
    assert done.returncode == 1 and done.stdout == ""
    assert "the passphrase has 5 characters; use at least 8" in done.stderr


def test_hash_passphrase_at_a_terminal_asks_twice_without_echo() -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [str(CLI), "hash-passphrase"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=clean_env(TERM="dumb"),
        start_new_session=True,
    )
    os.close(slave)
    seen = b""

    # poll, not select: late in the whole suite the process holds over 1,024 descriptors, which select cannot watch
    poller = select.poll()
    poller.register(master, select.POLLIN)

    def read_until(marker: bytes, timeout_s: float = 120) -> None:
        nonlocal seen
        deadline = time.monotonic() + timeout_s
        while marker not in seen:
            assert time.monotonic() < deadline, f"no {marker!r} in {seen!r}"
            ready = poller.poll(1000)
            if ready:
                try:
                    seen += os.read(master, 4096)
                except OSError:  # the process ended
                    break

    try:
        read_until(b"Organiser passphrase:")
        os.write(master, f"{PASSPHRASE}\n".encode())
        read_until(b"Repeat for confirmation:")
        os.write(master, f"{PASSPHRASE}\n".encode())
        read_until(b"restart the app")
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        os.close(master)
    text = seen.decode(errors="replace")
    assert PASSPHRASE not in text, "the passphrase was echoed"
    line = next(part for part in text.split() if part.startswith("scrypt$"))
    assert StoredHash.parse(line).matches(PASSPHRASE)
