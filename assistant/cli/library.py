"""Organiser commands: ingest, reembed, library, remove."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assistant.cli import data_dir_option, friendly, main, make_settings
from assistant.config import Settings
from assistant.text import passages

if TYPE_CHECKING:
    from assistant.library.library import Library
    from assistant.library.reports import IngestReport


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@data_dir_option
@click.option("--kind", help="Document kind for these files (e.g. regulations, code-of-conduct, amendment).")
@click.option("--festival", help="Festival name for these files.")
@click.option("--edition", help="Edition (e.g. 2027) for these files.")
@click.option("--effective-date", help="Date the rules take effect (YYYY-MM-DD).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--check/--no-check",
    default=True,
    show_default=True,
    help="Afterwards, probe each section of the added or changed documents and list those the assistant may not "
    "find (the whole library: check-library).",
)
@friendly
def ingest(
    paths: tuple[Path, ...],
    data_dir: Path | None,
    kind: str | None,
    festival: str | None,
    edition: str | None,
    effective_date: str | None,
    quiet: bool,
    check: bool,
) -> None:
    """Load files or folders into the library (PDF, DOCX, HTML, Markdown, text).

    Unchanged files are skipped, changed files replace their old passages, and a bad file is
    reported without stopping the others. Exit status is 1 when any file failed.

    \b
    Examples:
      juror-assistant ingest corpus/
      juror-assistant ingest amendment-02.pdf --kind amendment --effective-date 2027-06-01
    """
    from assistant.library.library import Library

    settings = make_settings(data_dir)
    library = Library(settings)
    overrides = {
        k: v
        for k, v in {"kind": kind, "festival": festival, "edition": edition, "effective_date": effective_date}.items()
        if v
    }
    with _embedding_bar(quiet) as progress:
        report = library.ingest(list(paths), overrides=overrides or None, progress=progress)
    _tell_load(settings, library, report, "load")
    if check and report.changed:
        from assistant.answers.assistant import Assistant
        from assistant.quality.health import check_library

        assistant = Assistant(settings, library)
        health = check_library(library, assistant.retriever, sources=report.changed)
        for section in health.unreachable:
            click.secho(f"check: {section.source} § {section.section or '(no heading)'}: {section.reason}", fg="yellow")
        for note in health.notes:
            click.secho(f"check: {note}", fg="yellow")
        click.echo(f"Library check: {health.summary()}")
    if not report.ok:
        sys.exit(1)


@main.command()
@data_dir_option
@click.option("--quiet", is_flag=True, help="No progress bar.")
@friendly
def reembed(data_dir: Path | None, quiet: bool) -> None:
    """Embed the library again with the configured backend, from its stored passages (no files needed).

    Needed after changing JUROR_EMBEDDING_BACKEND, or after upgrading to a release with another default backend:
    until then answers carry a note that the library's vectors were made by another backend. Documents whose
    vectors already match are left alone.

    \b
    Examples:
      juror-assistant reembed
      JUROR_EMBEDDING_BACKEND=onnx juror-assistant reembed --data-dir ./data
    """
    from assistant.library.library import Library

    settings = make_settings(data_dir)
    library = Library(settings)
    with _embedding_bar(quiet) as progress:
        report = library.reembed(progress=progress)
    if not report.results:
        click.echo(f"Every document's vectors were already made by {library.embeddings.backend}; nothing to do.")
    _tell_load(settings, library, report, "re-embed")
    if not report.ok:
        sys.exit(1)


@contextmanager
def _embedding_bar(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on standard error for the embedding stage of a load (none for small loads or --quiet)."""
    bar: Any = None

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal bar
        if quiet or stage != "embed" or total < 50:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="chunk", desc="Embedding", file=sys.stderr)
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.close()


def _tell_load(settings: Settings, library: Library, report: IngestReport, action: str) -> None:
    """What a load did, a line per file that changed, on screen and in the organiser log."""
    from assistant.organiser.logbook import Logbook, command_line_session, load_summary

    for note in library.embeddings.notes:
        click.secho(f"note: {note}", fg="yellow", err=True)
    _tell_repairs(settings, report.repaired)
    if report.results:
        Logbook.in_folder(settings.data_dir).log_organiser(action, load_summary(report.results), command_line_session())
    for warning in report.warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    for result in report.results:
        if result.status == "failed":
            click.secho(f"failed: {result.source}: {result.message}", fg="red", err=True)
        elif result.status != "unchanged":
            extra = f" ({result.message})" if result.message else ""
            click.echo(f"{result.status}: {result.source} ({passages(result.chunks)}){extra}")
    click.echo(
        f"Summary: {report.summary()}; library: {len(library.documents())} documents, {library.store.count()} passages."
    )


@main.command("library")
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@friendly
def library_cmd(data_dir: Path | None, as_json: bool) -> None:
    """List the documents in the library with passage counts, kinds and dates."""
    import json

    from assistant.library.library import Library

    records = Library(make_settings(data_dir)).documents()
    if as_json:
        click.echo(json.dumps([r.metadata() for r in records], indent=2))
        return
    if not records:
        click.echo("The library is empty. Load documents with: juror-assistant ingest PATH")
        return
    from assistant.library.store import embedder_of

    width = max(len(r.source) for r in records)
    click.echo(f"{'DOCUMENT':<{width}}  {'KIND':<22} {'PASSAGES':>8}  {'EFFECTIVE':<10}  LOADED")
    for r in records:
        click.echo(f"{r.source:<{width}}  {r.kind:<22} {r.chunks:>8}  {r.effective_date or '-':<10}  {r.loaded_at}")
    made: dict[str, int] = {}
    for r in records:
        backend = embedder_of(r.pipeline).split("; ", 1)[-1] or "unknown"
        made[backend] = made.get(backend, 0) + 1
    click.echo("Vectors made by: " + ", ".join(f"{b} ({n} document{'s' * (n != 1)})" for b, n in sorted(made.items())))
    click.echo(f"{len(records)} documents, {sum(r.chunks for r in records)} passages.")


@main.command()
@click.argument("document")
@data_dir_option
@friendly
def remove(document: str, data_dir: Path | None) -> None:
    """Remove a document (by file name or title) and all its passages."""
    from assistant.library.library import Library
    from assistant.organiser.logbook import Logbook, command_line_session

    settings = make_settings(data_dir)
    library = Library(settings)
    _tell_repairs(settings, library.repair().actions)
    record = library.remove(document)
    click.echo(f"removed: {record.source} ({passages(record.chunks)})")
    Logbook.in_folder(settings.data_dir).log_organiser(
        "removal", f"{record.source} ({passages(record.chunks)})", command_line_session()
    )


def _tell_repairs(settings: Settings, actions: list[str]) -> None:
    """What an earlier, interrupted load or removal left and this run fixed: on screen and in the organiser log."""
    from assistant.organiser.logbook import Logbook, command_line_session

    for action in actions:
        click.secho(f"repaired: {action}", fg="yellow")
    if actions:
        Logbook.in_folder(settings.data_dir).log_organiser("repair", "; ".join(actions), command_line_session())
