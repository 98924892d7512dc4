"""`juror-assistant films` and `juror-assistant notebook` in-process (click's runner), on a copy of the sample
library: an organiser loads a film list; a juror signs in with a secret from the environment or a file, keeps notes,
runs the check, exports and forgets; a wrong secret is refused and then slowed down."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.notebook import CONFLICT_NOTE, FORMULA_TITLE, OTHER_SECRET, SECRET, write_films

from assistant.cli import main


@pytest.fixture(scope="module")
def data(library_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    target = tmp_path_factory.mktemp("cli-notebook") / "library"
    shutil.copytree(library_dir, target)
    return target


def run(data: Path, *args: str, secret: str | None = SECRET, input: str | None = None, **env: str):
    environment = {"JUROR_NOTEBOOK_SECRET": secret} if secret else {"JUROR_NOTEBOOK_SECRET": ""}
    environment.update(env)
    result = CliRunner().invoke(main, [*args, "--data-dir", str(data)], env=environment, input=input)
    assert "Traceback" not in result.output
    return result


def test_an_organiser_loads_the_film_list_and_sees_it_numbered_and_its_criteria_cited(
    data: Path, tmp_path: Path
) -> None:
    films = write_films(tmp_path)
    films.write_text(films.read_text() + "Sunfall,Someone,Other,80,\n", encoding="utf-8")
    result = run(data, "films", "load", str(films))
    assert result.exit_code == 0, result.output
    assert "error: row 7: 'Sunfall' is already on row 2; the row was skipped" in result.output
    assert "Loaded 5 films for Lumen Bay International Film Festival from competition-films.csv" in result.output

    listed = run(data, "films", "list")
    assert "  1. Sunfall — Ana Reyes (International Feature Competition, 95 min)  [2027-06-11 19:30 Harbour Hall" in (
        listed.output
    )
    as_csv = list(csv.reader(io.StringIO(run(data, "films", "list", "--csv").output)))
    assert as_csv[5][0] == "'" + FORMULA_TITLE, "a formula in a cell is neutralised in the export"

    criteria = run(data, "films", "criteria")
    assert "Criteria — Feature Films:" in criteria.output and "  - Direction (30%) [1]" in criteria.output
    assert "Scale of a juror's own mark: 1–10 [" in criteria.output and "Sources:" in criteria.output
    notes_only = run(data, "films", "criteria", "--set-scale", "none")
    assert "Corrected by the organisers" in notes_only.output and "jurors keep notes only" in notes_only.output
    assert "Scale of a juror's own mark: 1–10" in run(data, "films", "criteria", "--reset").output
    bad = run(data, "films", "criteria", "--set-scale", "ten")
    assert bad.exit_code == 1 and "is not a range like 1-10" in bad.output


def test_a_juror_keeps_notes_runs_the_check_exports_and_forgets(data: Path, tmp_path: Path) -> None:
    write_films(tmp_path)
    assert run(data, "films", "load", str(tmp_path / "competition-films.csv")).exit_code == 0
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET + "\n", encoding="utf-8")

    started = run(data, "notebook", "start", "--juror", "cli-juror", "--secret-file", str(secret_file), secret=None)
    assert started.exit_code == 0 and "Notebook started for cli-juror" in started.output
    assert run(data, "notebook", "seen", "1", "--juror", "cli-juror", "--date", "2027-06-11").output == (
        "Sunfall: seen on 2027-06-11.\n"
    )
    assert run(data, "notebook", "seen", "tide", "--juror", "cli-juror", "--screener").exit_code == 0
    noted = run(
        data,
        "notebook",
        "note",
        "Sunfall",
        "Long takes.",
        "--criterion",
        "direction",
        "--mark",
        "8",
        "--juror",
        "cli-juror",
    )
    assert noted.exit_code == 0, noted.output
    wrong = run(data, "notebook", "note", "Sunfall", "x", "--criterion", "Vibes", "--juror", "cli-juror")
    assert wrong.exit_code == 1 and "no criterion 'Vibes' in the rules; use one of: Direction" in wrong.output
    off_scale = run(data, "notebook", "note", "Sunfall", "--mark", "12", "--juror", "cli-juror")
    assert off_scale.exit_code == 1 and "outside the rules' scale 1–10" in off_scale.output
    assert run(data, "notebook", "conflict", "salt road", CONFLICT_NOTE, "--juror", "cli-juror").exit_code == 0
    unknown = run(data, "notebook", "seen", "Nonexistent", "--juror", "cli-juror")
    assert (
        unknown.exit_code == 1 and "no film matches 'Nonexistent'" in unknown.output and "1. Sunfall" in unknown.output
    )

    check = run(data, "notebook", "check", "--juror", "cli-juror")
    assert check.exit_code == 0, check.output
    assert "Films you must see (to do)" in check.output and "Not marked seen yet (3 of 5)" in check.output
    assert "  - The Salt Road — Cleo Marr" in check.output and "  - Quiet Harbour — Dara Voss" in check.output
    assert f"The Salt Road: you noted “{CONFLICT_NOTE}”; the rule says “" in check.output
    assert "How the jury votes and breaks ties" in check.output and "Sources:" in check.output

    md, pdf = tmp_path / "notebook.md", tmp_path / "notebook.pdf"
    assert run(data, "notebook", "export", "--juror", "cli-juror", "-o", str(md)).exit_code == 0
    assert "- **Direction**: Long takes." in md.read_text(encoding="utf-8")
    assert run(data, "notebook", "export", "--juror", "cli-juror", "--format", "pdf", "-o", str(pdf)).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    shown = run(data, "notebook", "show", "--juror", "cli-juror")
    assert "My mark (mine alone): 8" in shown.output

    kept = run(data, "notebook", "forget", "--juror", "cli-juror", input="n\n")
    assert "Nothing deleted." in kept.output
    gone = run(data, "notebook", "forget", "--juror", "cli-juror", "--yes")
    assert gone.exit_code == 0 and "Deleted 5 saved changes and the notebook of cli-juror" in gone.output
    after = run(data, "notebook", "check", "--juror", "cli-juror")
    assert after.exit_code == 1 and "wrong juror code or secret" in after.output


def test_the_secret_can_be_typed_hidden_and_a_wrong_one_is_refused_then_slowed_down(data: Path) -> None:
    typed = run(data, "notebook", "start", "--juror", "typist", secret=None, input=f"{SECRET}\n{SECRET}\n")
    assert typed.exit_code == 0, typed.output
    assert SECRET not in typed.output, "the secret is never echoed"
    slow = {"JUROR_LOGIN_FREE_ATTEMPTS": "1", "JUROR_LOGIN_DELAY_S": "600"}
    wrong = run(data, "notebook", "check", "--juror", "typist", secret=OTHER_SECRET, **slow)
    assert wrong.exit_code == 1 and "Error: wrong juror code or secret for 'typist'" in wrong.output
    waits = run(data, "notebook", "check", "--juror", "typist", **slow)
    assert waits.exit_code == 1
    assert "too many wrong secrets: notebook sign-in for 'typist' waits 10 min" in waits.output


def test_asking_the_notebook_for_a_verdict_gets_the_refusal_with_the_jurys_rule(data: Path) -> None:
    for question in ("Which film should win?", "Rank my films"):
        result = run(data, "notebook", "ask", question, secret=None)
        assert result.exit_code == 0, result.output
        assert "that judgment belongs to you and your fellow jurors" in result.output
        assert "How the jury decides, in the rules:" in result.output and "[1]" in result.output
    answered = run(data, "notebook", "ask", "What happens if two films get the same number of votes?", secret=None)
    assert "secret ballot" in answered.output and "judgment belongs" not in answered.output


def test_help_texts_carry_examples() -> None:
    runner = CliRunner()
    assert "juror-assistant notebook seen Sunfall" in runner.invoke(main, ["notebook", "--help"]).output
    assert "juror-assistant films load competition.csv" in runner.invoke(main, ["films", "--help"]).output
    assert "JUROR_NOTEBOOK_SECRET" in runner.invoke(main, ["notebook", "check", "--help"]).output
