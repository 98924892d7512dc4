"""Organiser passphrase: `juror-assistant hash-passphrase` prints the salted hash to put in the settings."""

from __future__ import annotations

import sys

import click

from assistant.cli import friendly, main
from assistant.errors import ConfigError


@main.command("hash-passphrase")
@friendly
def hash_passphrase_cmd() -> None:
    """Ask for the organiser passphrase (not shown) and print its salted hash.

    \b
    Set the printed line as JUROR_ORGANISER_PASSPHRASE_HASH (or organiser_passphrase_hash in juror.toml or
    .streamlit/secrets.toml) and restart the app; the passphrase itself is stored nowhere. Piped input is
    read as one line, e.g. for a deployment script:
      export JUROR_ORGANISER_PASSPHRASE_HASH="$(juror-assistant hash-passphrase)"
    """
    from assistant.organiser.passphrase import HASH_SETTING, hash_passphrase, too_weak

    if sys.stdin.isatty():
        passphrase = click.prompt("Organiser passphrase", hide_input=True, confirmation_prompt=True, err=True)
    else:
        passphrase = sys.stdin.readline().rstrip("\r\n")
    problem = too_weak(passphrase)
    if problem:
        raise ConfigError(f"{problem}; nothing was printed")
    click.echo(hash_passphrase(passphrase))
    click.echo(f"Set this as {HASH_SETTING} and restart the app.", err=True)
