"""The organiser passphrase: stored as a salted, slow scrypt hash, compared in constant time.

A stored hash reads `scrypt$n=32768,r=8,p=1$<salt>$<key>` (salt and key in base64), made by
`juror-assistant hash-passphrase`; the cost parameters travel with it, so stronger ones later need no new
setting. A plain passphrase from the environment (for local use) is hashed with a fresh salt when the app
starts. The old unsalted SHA-256 setting still works, with a warning naming the new one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from assistant.config import Settings
from assistant.errors import ConfigError

SCHEME = "scrypt"
# 32 MiB and about 0.1 s per check on a small server: cheap for one organiser, costly for a guesser.
COST_N = 2**15
COST_R = 8
COST_P = 1
MIN_LENGTH = 8
HASH_SETTING = "JUROR_ORGANISER_PASSPHRASE_HASH"
LEGACY_SETTING = "JUROR_ORGANISER_PASSPHRASE_SHA256"
_FORMAT = re.compile(r"^scrypt\$n=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)


def hash_passphrase(passphrase: str, n: int = COST_N, r: int = COST_R, p: int = COST_P) -> str:
    """A new salted hash of the passphrase, in the stored format."""
    salt = secrets.token_bytes(16)
    key = _scrypt(passphrase, salt, n, r, p)
    return f"{SCHEME}$n={n},r={r},p={p}${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"


def too_weak(passphrase: str) -> str | None:
    """Why a new passphrase is refused, or None."""
    if not passphrase.strip():
        return "the passphrase is empty"
    if len(passphrase) < MIN_LENGTH:
        return (
            f"the passphrase has {len(passphrase)} characters; use at least {MIN_LENGTH} (a few words are easy to "
            "remember and hard to guess)"
        )
    return None


@dataclass(frozen=True)
class StoredHash:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes

    @classmethod
    def parse(cls, text: str, setting: str = HASH_SETTING) -> StoredHash:
        found = _FORMAT.match(text.strip())
        if not found:
            shown = text.strip()[:12] + ("…" if len(text.strip()) > 12 else "")
            raise ConfigError(
                f"{setting} is not a passphrase hash (got {shown!r}; expected 'scrypt$n=…,r=…,p=…$salt$key'): "
                "make one with `juror-assistant hash-passphrase`"
            )
        n, r, p = (int(found.group(i)) for i in (1, 2, 3))
        if n < 2 or n & (n - 1) or r < 1 or p < 1 or n * r * 128 > 256 * 1024 * 1024:
            raise ConfigError(
                f"{setting} has impossible scrypt costs (n={n}, r={r}, p={p}): make a new hash with "
                "`juror-assistant hash-passphrase`"
            )
        try:
            salt, key = base64.b64decode(found.group(4), validate=True), base64.b64decode(found.group(5), validate=True)
        except ValueError:
            raise ConfigError(
                f"{setting} is damaged (its salt or key is not base64): make a new hash with "
                "`juror-assistant hash-passphrase`"
            ) from None
        return cls(n, r, p, salt, key)

    def matches(self, attempt: str) -> bool:
        return hmac.compare_digest(_scrypt(attempt, self.salt, self.n, self.r, self.p), self.key)


@dataclass(frozen=True)
class PassphraseCheck:
    """Checks log-in attempts against what the settings configure; `warning` names a setting to replace."""

    stored: StoredHash | None = None
    legacy_sha256: str | None = None
    warning: str | None = None

    def verify(self, attempt: str) -> bool:
        if not attempt:
            return False
        if self.stored is not None:
            return self.stored.matches(attempt)
        if self.legacy_sha256 is not None:
            digest = hashlib.sha256(attempt.encode("utf-8")).hexdigest()
            return hmac.compare_digest(digest, self.legacy_sha256)
        return False


def check_from_settings(settings: Settings) -> PassphraseCheck | None:
    """The configured check, or None when no passphrase is set (organiser pages stay locked).

    Precedence: the salted hash, then a plain passphrase (hashed here with a fresh salt), then the old
    unsalted SHA-256 digest (accepted, with a warning).
    """
    if settings.organiser_passphrase_hash:
        return PassphraseCheck(stored=StoredHash.parse(settings.organiser_passphrase_hash))
    if settings.organiser_passphrase is not None and settings.organiser_passphrase.get_secret_value():
        plain = settings.organiser_passphrase.get_secret_value()
        return PassphraseCheck(stored=StoredHash.parse(hash_passphrase(plain), "JUROR_ORGANISER_PASSPHRASE"))
    if settings.organiser_passphrase_sha256:
        digest = settings.organiser_passphrase_sha256.strip().lower()
        if not _SHA256.match(digest):
            raise ConfigError(
                f"{LEGACY_SETTING} is not a SHA-256 hex digest (64 hex characters): replace it with "
                f"{HASH_SETTING} made by `juror-assistant hash-passphrase`"
            )
        return PassphraseCheck(
            legacy_sha256=digest,
            warning=(
                f"{LEGACY_SETTING} (an unsalted SHA-256) is deprecated: run `juror-assistant hash-passphrase`, "
                f"set the result as {HASH_SETTING}, remove {LEGACY_SETTING} and restart the app."
            ),
        )
    return None
