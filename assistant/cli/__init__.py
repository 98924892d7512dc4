"""`juror-assistant`: a thin click layer; every command builds settings, calls the package, prints.

Each area registers its commands from its own module; errors become one readable line, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from assistant.config import Settings, load_settings, quiet_third_parties
from assistant.errors import JurorError

F = TypeVar("F", bound=Callable[..., Any])


def data_dir_option(func: F) -> F:
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Library folder (default: JUROR_DATA_DIR or ./data).",
    )(func)


def make_settings(data_dir: Path | None = None, **overrides: Any) -> Settings:
    quiet_third_parties()
    values = {k: v for k, v in overrides.items() if v is not None}
    if data_dir is not None:
        values["data_dir"] = data_dir
    return load_settings(**values)


def friendly(func: F) -> F:
    """Turn our errors (and a Ctrl-C) into one line on stderr with exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except JurorError as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.secho("Interrupted; the library is left consistent (re-run to finish).", fg="yellow", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="juror-assistant")
def main() -> None:
    """Juror Assistant: cited answers for film-festival jurors from the festival's own rules.

    \b
    Quick start:
      juror-assistant ingest corpus/
      juror-assistant ask "Can I tell a journalist how we voted?"
    """


def _register() -> None:
    import importlib

    for name in ("library", "ask", "evaluate", "study", "passphrase", "notebook"):
        try:
            importlib.import_module(f"assistant.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"assistant.cli.{name}":
                raise


_register()
