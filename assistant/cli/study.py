"""Study commands: festivals, brief, quiz, glossary (each of one festival when the library holds several)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assistant.cli import data_dir_option, friendly, main, make_settings

if TYPE_CHECKING:
    from assistant.study.festivals import Festival
    from assistant.study.study import Study

EMPTY = "The library is empty: load the festival's rules first (juror-assistant ingest PATH)."
FESTIVAL_HELP = "The festival to study: its name, words of it or its key (see `juror-assistant festivals`)."


def _study(data_dir: Path | None) -> Study:
    from assistant.answers.assistant import Assistant
    from assistant.study.study import study_for

    assistant = Assistant.from_settings(make_settings(data_dir))
    if assistant.library.is_empty():
        click.secho(f"Error: {EMPTY}", fg="red", err=True)
        sys.exit(1)
    return study_for(assistant)


def _festival(study: Study, name: str | None) -> Festival | None:
    """The festival named, or the library's only one; several and none named is an error that lists them."""
    return study.require_festival(name)


@main.command()
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@friendly
def festivals(data_dir: Path | None, as_json: bool) -> None:
    """The festivals and bodies in the library, with their editions and documents (names for --festival)."""
    found = _study(data_dir).festivals()
    if as_json:
        click.echo(
            json.dumps(
                [
                    {"key": f.key, "name": f.name, "editions": list(f.editions), "documents": list(f.sources)}
                    for f in found
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for f in found:
        how = "" if f.explicit else " (named from what its documents say; set it with ingest --festival)"
        click.secho(f.label, bold=True, nl=False)
        click.echo(f"  [--festival {f.key}]{how}")
        for source in f.sources:
            click.echo(f"    {source}")


@main.command()
@data_dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html", "pdf", "json"]),
    default="markdown",
    show_default=True,
    help="Output format (html is a printable page; pdf needs -o).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of the terminal.",
)
@click.option("--key-only", is_flag=True, help="Only the key rules of each theme, without 'More rules like this'.")
@click.option("--festival", help=FESTIVAL_HELP)
@friendly
def brief(data_dir: Path | None, fmt: str, output: Path | None, key_only: bool, festival: str | None) -> None:
    """The briefing "What you must know before day one": your duties as a juror first, every rule cited.

    \b
    Examples:
      juror-assistant brief
      juror-assistant brief --festival "black nights" --format pdf -o briefing.pdf   # print it
    """
    study = _study(data_dir)
    briefing = study.briefing(_festival(study, festival))
    if fmt == "pdf":
        from assistant.study.printable import briefing_pdf

        if not output:
            click.secho("Error: a PDF needs a file: add -o briefing.pdf", fg="red", err=True)
            sys.exit(1)
        try:
            output.write_bytes(briefing_pdf(briefing, study.library.settings.pdf_font))
        except OSError as exc:
            click.secho(f"Error: cannot write {output}: {exc.strerror or exc}", fg="red", err=True)
            sys.exit(1)
        click.echo(f"Wrote the briefing ({len(briefing.items())} rules) to {output}")
        return
    if fmt == "json":
        text = json.dumps(briefing.to_dict(), indent=2, ensure_ascii=False)
    elif fmt == "html":
        text = briefing.to_html(more=not key_only)
    else:
        text = briefing.to_markdown(more=not key_only)
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            click.secho(f"Error: cannot write {output}: {exc.strerror or exc}", fg="red", err=True)
            sys.exit(1)
        click.echo(f"Wrote the briefing ({len(briefing.items())} rules) to {output}")
    else:
        click.echo(text)


@main.command()
@data_dir_option
@click.option("--count", "-n", type=click.IntRange(1, 200), default=10, show_default=True, help="Number of questions.")
@click.option("--seed", type=int, default=None, help="Same seed, same quiz (default: a new quiz each time).")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the questions with their answer keys as JSON (non-interactive)."
)
@click.option("--festival", help=FESTIVAL_HELP)
@click.option(
    "--juror",
    help="Your name or code: answers are saved in the library folder and the next quiz starts with what is due.",
)
@friendly
def quiz(
    data_dir: Path | None, count: int, seed: int | None, as_json: bool, festival: str | None, juror: str | None
) -> None:
    """A quiz on your duties as a juror: multiple choice, true/false and "May I ...?", graded with the cited rule.

    Missed questions come back later in the session; the score by theme says what to reread. With --juror, your
    answers are kept and tomorrow's quiz starts with the rules due for review.
    Answer with the number (or letter) of a choice, t/f or y/n, or q to stop.
    """
    import random

    from assistant.study.progress import Progress, juror_key
    from assistant.study.quiz.session import QuizSession

    study = _study(data_dir)
    chosen = _festival(study, festival)
    progress = None
    if juror:
        juror_key(juror)  # a bad code is reported before any work
        progress = Progress.in_folder(study.library.settings.data_dir)
    seed = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
    if progress is not None and juror:
        pool = study.quiz(count=None, seed=seed, festival=chosen)
        questions = progress.plan(juror, chosen.key if chosen else "", pool, count)
    else:
        questions = study.quiz(count=count, seed=seed, festival=chosen)
    note = "" if progress is not None and juror else study.quiz_note(questions, chosen)
    if as_json:
        click.echo(
            json.dumps(
                {"seed": seed, "count": len(questions), "note": note, "questions": [q.to_dict() for q in questions]},
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not questions:
        if progress is not None and juror:
            click.echo(f"Nothing is due for {juror} now: every rule studied so far is scheduled for a later day.")
        else:
            click.echo(note or "No question could be made from these rules (no juror's rule with a checkable fact).")
        return
    if note:
        click.secho(note, fg="yellow")
    session = QuizSession(questions)
    click.echo(
        f"{len(questions)} question{'s' * (len(questions) != 1)} (seed {seed}). Answer with a number, t/f, or q to stop.\n"
    )
    asked = 0
    while not session.done:
        q = session.current()
        assert q is not None
        asked += 1
        review = " (review)" if session.is_review(q) else ""
        click.secho(f"Q{asked}{review} · {q.theme_title}", bold=True)
        click.echo(q.prompt)
        for i, choice in enumerate(q.choices, start=1):
            click.echo(f"  {i}. {choice}")
        while True:
            raw = click.prompt("Your answer", default="", show_default=False).strip()
            if raw.lower() in ("q", "quit", "exit") or q.choice_index(raw) is not None:
                break
            hint = {"true_false": "t or f", "scenario": "y or n"}.get(q.kind, f"a number from 1 to {len(q.choices)}")
            click.echo(f"Please answer with {hint} (or q to stop).")
        if raw.lower() in ("q", "quit", "exit"):
            break
        grade = session.answer(raw)
        if progress is not None and juror:
            progress.record(juror, chosen.key if chosen else "", q, grade.correct)
        colour = "green" if grade.correct else "red"
        click.secho(grade.verdict + ("." if grade.correct else f": the answer is {q.answer}."), fg=colour)
        click.echo(f"Rule [{q.citation.n}]: {q.why}\n")
    right, total = session.score()
    click.secho(f"Score: {right}/{total} on first attempts.", bold=True)
    for score in session.score_by_theme().values():
        click.echo(f"  {score.title}: {score.correct}/{score.answered}")
    reread = session.reread()
    if reread:
        click.echo("Reread: " + ", ".join(reread) + " (juror-assistant brief).")
    if progress is not None and juror:
        mine = progress.progress(juror, chosen.key if chosen else "")
        click.echo(
            f"Saved for {juror}: {mine.answered} answers so far, {mine.mastered} of {mine.rules_seen} rules mastered, "
            f"{mine.due} due for review now."
        )


@main.command()
@click.argument("term", required=False)
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--festival", help=FESTIVAL_HELP)
@friendly
def glossary(term: str | None, data_dir: Path | None, as_json: bool, festival: str | None) -> None:
    """Terms the festival's documents define, alphabetical, each cited; give TERM to look one up."""
    study = _study(data_dir)
    gloss = study.glossary(_festival(study, festival))
    entries = gloss.entries
    if term:
        hit = gloss.lookup(term)
        entries = [hit] if hit else gloss.search(term)
        if not entries:
            click.secho(
                f"Error: {term!r} is not defined in the library; try `juror-assistant glossary` for the list.",
                fg="red",
                err=True,
            )
            sys.exit(1)
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in entries], indent=2, ensure_ascii=False))
        return
    if not entries:
        click.echo("The library defines no terms.")
        return
    from assistant.study.sentences import where

    for e in entries:
        click.secho(e.term, bold=True, nl=False)
        click.echo(f": {e.definition} [{e.citation.n}]")
        click.echo(f"    {where(e.citation)}")
