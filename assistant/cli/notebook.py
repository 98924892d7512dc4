"""The notebook on the command line: `films` (organisers: the competition's film list, the criteria) and `notebook`
(jurors: seen, note, conflict, check, export, forget; every command needs the juror's code and secret)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assistant.cli import data_dir_option, friendly, main, make_settings
from assistant.errors import NotebookError

if TYPE_CHECKING:
    from assistant.notebook.notebook import JurorSession, Notebook
    from assistant.study.festivals import Festival

SECRET_ENV = "JUROR_NOTEBOOK_SECRET"
FESTIVAL_HELP = "The festival: its name, words of it or its key (see `juror-assistant festivals`)."
EMPTY = "The library is empty: load the festival's rules first (juror-assistant ingest PATH)."


def _notebook(data_dir: Path | None) -> Notebook:
    from assistant.answers.assistant import Assistant
    from assistant.notebook.notebook import notebook_for

    assistant = Assistant.from_settings(make_settings(data_dir))
    if assistant.library.is_empty():
        click.secho(f"Error: {EMPTY}", fg="red", err=True)
        sys.exit(1)
    return notebook_for(assistant)


def festival_option(func: Any) -> Any:
    return click.option("--festival", help=FESTIVAL_HELP)(func)


def _where(c: Any) -> str:
    from assistant.study.sentences import where

    return str(where(c))


# ---------------------------------------------------------------- films (organisers)
@main.group()
def films() -> None:
    """The competition's films for jurors' notebooks (organisers): load a list, see it, correct the criteria.

    \b
    Examples:
      juror-assistant films load competition.csv --festival "lumen bay"
      juror-assistant films list --csv > films.csv
      juror-assistant films criteria --festival "lumen bay"
    """


@films.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@festival_option
@data_dir_option
@friendly
def films_load(file: Path, festival: str | None, data_dir: Path | None) -> None:
    """Load the film list of a festival from a CSV file (or a tab-separated table), replacing its earlier list.

    The first row names the columns: Title (required), Director, Section, Running time, Screenings (several
    screenings in one cell separated by ";", or one column each). Rows that cannot be used are listed, the others
    load.

    \b
    Example file:
      Title,Director,Section,Running time,Screenings
      Sunfall,Ana Reyes,International Feature Competition,95,2027-06-11 19:30 Harbour Hall; 2027-06-12 10:00
    """
    from assistant.organiser.logbook import Logbook, command_line_session

    notebook = _notebook(data_dir)
    chosen = notebook.festival(festival)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise NotebookError(f"{file} cannot be read ({exc.strerror or exc})") from None
    report = notebook.load_films(chosen, data, file.name)
    for note in report.notes:
        click.secho(f"note: {note}", fg="yellow")
    for message in report.messages:
        click.secho(f"{message.level}: {message}", fg="red" if message.level == "error" else "yellow")
    where = f" for {chosen.name}" if chosen is not None else ""
    click.echo(f"Loaded {len(report.films)} films{where} from {file.name} ({report.summary()}).")
    Logbook.in_folder(notebook.assistant.settings.data_dir).log_organiser(
        "film list", f"{file.name}{where}: {report.summary()}", command_line_session()
    )


@films.command("list")
@festival_option
@click.option(
    "--csv", "as_csv", is_flag=True, help="As CSV (cells that could run as spreadsheet formulas neutralised)."
)
@data_dir_option
@friendly
def films_list(festival: str | None, as_csv: bool, data_dir: Path | None) -> None:
    """The festival's film list, numbered as the notebook commands take them."""
    from assistant.notebook.films import films_csv

    notebook = _notebook(data_dir)
    chosen = notebook.festival(festival)
    found = notebook.films(chosen)
    if as_csv:
        click.echo(films_csv(found), nl=False)
        return
    if not found:
        click.echo("No film list is loaded for this festival: juror-assistant films load FILE --festival KEY")
        return
    for i, film in enumerate(found, 1):
        screenings = "; ".join(s.label for s in film.screenings)
        click.echo(f"{i:3d}. {film.label}" + (f"  [{screenings}]" if screenings else ""))


@films.command("criteria")
@festival_option
@click.option("--set-criteria", help='Replace the criteria: "Direction; Screenplay" (add "Group: " for a rubric).')
@click.option("--set-awards", help='Replace the awards: "Golden Lantern; Best Director".')
@click.option("--set-scale", help='The scale of a juror\'s own mark: "1-10", or "none" for notes only.')
@click.option("--reset", is_flag=True, help="Drop the corrections: back to what the rules state.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@data_dir_option
@friendly
def films_criteria(
    festival: str | None,
    set_criteria: str | None,
    set_awards: str | None,
    set_scale: str | None,
    reset: bool,
    as_json: bool,
    data_dir: Path | None,
) -> None:
    """The judging criteria, awards and mark scale drawn from the rules, each cited; correct them when wrong.

    \b
    Examples:
      juror-assistant films criteria
      juror-assistant films criteria --set-criteria "Feature Films: Direction; Feature Films: Screenplay"
      juror-assistant films criteria --set-scale none
      juror-assistant films criteria --reset
    """
    notebook = _notebook(data_dir)
    chosen = notebook.festival(festival)
    key = notebook.key_of(chosen)
    if reset:
        notebook.correct(chosen, {})
    elif set_criteria or set_awards or set_scale:
        corrections = notebook.film_store.corrections(key)
        if set_criteria:
            entries = []
            for part in set_criteria.split(";"):
                group, _, name = part.rpartition(":")
                if name.strip():
                    entries.append({"group": group.strip(), "name": name.strip()})
            corrections["criteria"] = entries
        if set_awards:
            corrections["awards"] = [a.strip() for a in set_awards.split(";") if a.strip()]
        if set_scale:
            corrections["scale"] = _scale(set_scale)
        notebook.correct(chosen, corrections)
    if reset or set_criteria or set_awards or set_scale:
        from assistant.organiser.logbook import Logbook, command_line_session

        what = (
            "reset"
            if reset
            else ", ".join(
                n for n, v in (("criteria", set_criteria), ("awards", set_awards), ("scale", set_scale)) if v
            )
        )
        Logbook.in_folder(notebook.assistant.settings.data_dir).log_organiser(
            "criteria correction", f"{what}{f' for {chosen.name}' if chosen else ''}", command_line_session()
        )
    result = notebook.criteria(chosen)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    _print_criteria(result)


def _scale(text: str) -> dict[str, float] | None:
    if text.strip().lower() in ("none", "no", "-", ""):
        return None
    low, sep, high = text.replace("–", "-").replace(" to ", "-").partition("-")
    try:
        lo, hi = float(low), float(high)
    except ValueError:
        raise NotebookError(f"--set-scale {text!r} is not a range like 1-10 (or 'none')") from None
    if not sep or not lo < hi <= 1000:
        raise NotebookError(f"--set-scale {text!r} is not a range like 1-10 (or 'none')")
    return {"low": lo, "high": hi}


def _print_criteria(result: Any) -> None:
    from assistant.notebook.checks import Numbering

    numbering = Numbering()

    def ref(thing: Any) -> str:
        if thing.citation is None:
            return " (set by the organisers)"
        return f" [{numbering.cite(thing.citation)}]" + (" (corrected)" if thing.by_organiser else "")

    if result.corrected:
        click.secho("Corrected by the organisers (--reset goes back to the rules).", fg="yellow")
    if not result.criteria:
        click.echo("Criteria: the rules state none; jurors keep free notes.")
    for group in result.groups():
        click.secho(f"Criteria{f' — {group}' if group else ''}:", bold=True)
        for c in result.of_group(group):
            click.echo(f"  - {c.name}{f' ({c.weight})' if c.weight else ''}{ref(c)}")
    if result.awards:
        click.secho("Awards the jury gives:", bold=True)
        for a in result.awards:
            click.echo(f"  - {a.name}{ref(a)}")
    else:
        click.echo("Awards: the rules name none.")
    if result.scale is not None:
        click.echo(f"Scale of a juror's own mark: {result.scale.label}{ref(result.scale)}")
    else:
        click.echo("Scale: the rules give none; jurors keep notes only.")
    _sources(numbering.citations)


def _sources(citations: list[Any]) -> None:
    if citations:
        click.echo("\nSources:")
        for c in citations:
            click.echo(f"  [{c.n}] {_where(c)}")
            click.echo(f"      “{c.quote}”")


# ---------------------------------------------------------------- notebook (jurors)
def _secret(secret_file: Path | None, twice: bool = False) -> str:
    """The juror's secret: from --secret-file, from JUROR_NOTEBOOK_SECRET, else asked without showing it."""
    if secret_file is not None:
        try:
            return secret_file.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise NotebookError(f"the secret file {secret_file} cannot be read ({exc.strerror or exc})") from None
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    return str(click.prompt("Your notebook secret", hide_input=True, confirmation_prompt=twice))


def juror_options(func: Any) -> Any:
    func = click.option(
        "--secret-file",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Read the secret from this file (else {SECRET_ENV}, else it is asked without being shown).",
    )(func)
    func = click.option("--juror", "code", required=True, help="Your juror code (the one you chose: e.g. anna-k).")(
        func
    )
    func = festival_option(func)
    return data_dir_option(func)


def _open(
    data_dir: Path | None, code: str, secret_file: Path | None, festival: str | None
) -> tuple[Notebook, JurorSession, Festival | None]:
    from assistant.organiser.throttle import wait_text

    notebook = _notebook(data_dir)
    chosen = notebook.festival(festival)
    result, session = notebook.sign_in(code, _secret(secret_file))
    if session is None:
        if result.wait_s:
            who = "everyone" if result.paused_for_everyone else repr(code)
            raise NotebookError(f"too many wrong secrets: notebook sign-in for {who} waits {wait_text(result.wait_s)}")
        raise NotebookError(
            f"wrong juror code or secret for {code!r} (a new juror starts with `juror-assistant notebook start`)"
        )
    return notebook, session, chosen


@main.group()
def notebook() -> None:
    """Your private notebook as a juror: films seen, notes per criterion, conflicts, the check before deliberation.

    Only you can read it: every command needs your juror code and your secret (set JUROR_NOTEBOOK_SECRET, pass
    --secret-file, or type it when asked). The notebook never ranks films or suggests a winner.

    \b
    Examples:
      juror-assistant notebook start --juror anna-k
      juror-assistant notebook seen Sunfall --juror anna-k --date 2027-06-11
      juror-assistant notebook note Sunfall "Long takes, never showy." --criterion Direction --juror anna-k
      juror-assistant notebook conflict "Tide Pools" "I co-produced a film by this company" --juror anna-k
      juror-assistant notebook check --juror anna-k
      juror-assistant notebook export --juror anna-k --format pdf -o notebook.pdf
    """


@notebook.command("start")
@juror_options
@friendly
def nb_start(data_dir: Path | None, festival: str | None, code: str, secret_file: Path | None) -> None:
    """Start a notebook under a juror code of your choice, protected by a secret (at least 8 characters)."""
    nb = _notebook(data_dir)
    session = nb.create(code, _secret(secret_file, twice=True))
    click.echo(f"Notebook started for {session.juror}. Keep your secret: it cannot be recovered.")


@notebook.command("seen")
@click.argument("film")
@click.option("--date", default="", help="When you saw it (YYYY-MM-DD; default: today).")
@click.option("--screener", is_flag=True, help="Seen on a screener (default: at a screening).")
@click.option("--not", "unseen", is_flag=True, help="Mark the film not seen.")
@juror_options
@friendly
def nb_seen(
    film: str,
    date: str,
    screener: bool,
    unseen: bool,
    data_dir: Path | None,
    festival: str | None,
    code: str,
    secret_file: Path | None,
) -> None:
    """Mark a film seen (FILM: its number in `films list`, its title or words of it)."""
    from datetime import date as today

    from assistant.notebook.entries import seen_change

    nb, session, chosen = _open(data_dir, code, secret_file, festival)
    found = nb.find_film(chosen, film)
    when = date or today.today().isoformat()
    nb.write(session, chosen, [seen_change(found.key, not unseen, when, "screener" if screener else "screening")])
    click.echo(f"{found.title}: {'not seen' if unseen else f'seen on {when}'}.")


@notebook.command("note")
@click.argument("film")
@click.argument("text", required=False, default="")
@click.option("--criterion", default="", help="The criterion the note is about (default: free notes).")
@click.option("--mark", default=None, help="Your own mark on the rules' scale (only yours; empty clears it).")
@juror_options
@friendly
def nb_note(
    film: str,
    text: str,
    criterion: str,
    mark: str | None,
    data_dir: Path | None,
    festival: str | None,
    code: str,
    secret_file: Path | None,
) -> None:
    """Write your note on a film, per criterion or free (TEXT "-" reads it from standard input)."""
    from assistant.notebook.entries import mark_change, note_change

    nb, session, chosen = _open(data_dir, code, secret_file, festival)
    found = nb.find_film(chosen, film)
    changes = []
    if text == "-":
        text = sys.stdin.read()
    if text or criterion:
        if criterion:
            known = {c.key: c.name for c in nb.criteria(chosen).criteria}
            from assistant.notebook.criteria import criterion_key

            if known and criterion_key(criterion) not in known:
                raise NotebookError(
                    f"no criterion {criterion!r} in the rules; use one of: {', '.join(dict.fromkeys(known.values()))}"
                )
        changes.append(note_change(found.key, criterion, text))
    if mark is not None:
        changes.append(mark_change(found.key, mark, nb.criteria(chosen).scale))
    if not changes:
        raise NotebookError("nothing to write: give the note's TEXT, or --mark")
    nb.write(session, chosen, changes)
    click.echo(
        f"{found.title}: saved {'the note' if text else ''}{' and ' if text and mark is not None else ''}{'your mark' if mark is not None else ''}."
    )


@notebook.command("conflict")
@click.argument("film")
@click.argument("description", required=False, default="")
@click.option("--none", "clear", is_flag=True, help="Withdraw the declaration (no conflict).")
@juror_options
@friendly
def nb_conflict(
    film: str,
    description: str,
    clear: bool,
    data_dir: Path | None,
    festival: str | None,
    code: str,
    secret_file: Path | None,
) -> None:
    """Declare a conflict of interest with a film, in your words (the check quotes the rule that applies)."""
    from assistant.notebook.entries import conflict_change

    nb, session, chosen = _open(data_dir, code, secret_file, festival)
    found = nb.find_film(chosen, film)
    nb.write(session, chosen, [conflict_change(found.key, not clear, "" if clear else description)])
    click.echo(f"{found.title}: {'no conflict declared' if clear else 'conflict declared'}.")


@notebook.command("check")
@juror_options
@friendly
def nb_check(data_dir: Path | None, festival: str | None, code: str, secret_file: Path | None) -> None:
    """Before deliberation: what the rules require and where you stand (films to see, conflicts, confidentiality,
    contacts, how the jury votes), each rule quoted."""
    from assistant.notebook.checks import STATUS_LABEL

    nb, session, chosen = _open(data_dir, code, secret_file, festival)
    checklist = nb.checks(session, chosen)
    for item in checklist.items:
        colour = {"todo": "red", "attention": "yellow", "done": "green"}.get(item.status)
        click.secho(f"{item.title} ({STATUS_LABEL[item.status]})", bold=True, fg=colour)
        click.echo(f"  {item.summary}")
        for line in item.lines:
            click.echo(f"  - {line}")
        for rule in item.rules:
            click.echo(f"    “{rule.quote}” [{rule.n}]")
    _sources(checklist.citations)


@notebook.command("show")
@juror_options
@friendly
def nb_show(data_dir: Path | None, festival: str | None, code: str, secret_file: Path | None) -> None:
    """Your notebook as Markdown on the terminal."""
    nb, session, chosen = _open(data_dir, code, secret_file, festival)
    click.echo(nb.export_markdown(session, chosen))


@notebook.command("export")
@click.option("--format", "fmt", type=click.Choice(["markdown", "pdf"]), default="markdown", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write."
)
@juror_options
@friendly
def nb_export(
    fmt: str, output: Path, data_dir: Path | None, festival: str | None, code: str, secret_file: Path | None
) -> None:
    """Write your notebook to a file (Markdown or PDF): notes, criteria, the check, the sources."""
    nb, session, chosen = _open(data_dir, code, secret_file, festival)
    try:
        if fmt == "pdf":
            output.write_bytes(nb.export_pdf(session, chosen))
        else:
            output.write_text(nb.export_markdown(session, chosen), encoding="utf-8")
    except OSError as exc:
        raise NotebookError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"Wrote your notebook to {output}")


@notebook.command("forget")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@juror_options
@friendly
def nb_forget(yes: bool, data_dir: Path | None, festival: str | None, code: str, secret_file: Path | None) -> None:
    """Delete all your notes (every festival), your code and your secret. This cannot be undone."""
    nb, session, _ = _open(data_dir, code, secret_file, festival)
    if not yes and not click.confirm(f"Delete every note of {session.juror}? This cannot be undone", default=False):
        click.echo("Nothing deleted.")
        return
    gone = nb.forget(session)
    click.echo(f"Deleted {gone} saved changes and the notebook of {session.juror}.")


@notebook.command("ask")
@click.argument("question")
@festival_option
@data_dir_option
@friendly
def nb_ask(question: str, festival: str | None, data_dir: Path | None) -> None:
    """Ask the notebook about the rules; it never ranks films or picks a winner (it shows how the jury decides)."""
    from assistant.notebook.refusal import asks_for_verdict

    nb = _notebook(data_dir)
    chosen = nb.festival(festival)
    if asks_for_verdict(question):
        refused = nb.refusal(chosen)
        click.echo(refused.text)
        _sources(refused.citations)
        return
    answer = nb.assistant.ask(question, filters=chosen.filters() if chosen is not None else None)
    click.echo(answer.answer)
    _sources(answer.citations)
