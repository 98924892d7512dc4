"""Study mode on the command line: brief, quiz (JSON and interactive), glossary."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assistant.cli import main
from assistant.study.sentences import normalise


# ------------------------------------------------------------ CLI
def test_cli_brief_quiz_json_and_glossary(library_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "briefing.md"
    result = runner.invoke(main, ["brief", "--data-dir", str(library_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# What you must know before day one")

    result = runner.invoke(main, ["quiz", "--data-dir", str(library_dir), "--json", "--count", "5", "--seed", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{") :])
    assert data["seed"] == 3 and len(data["questions"]) == 5
    for q in data["questions"]:
        assert q["answer"] in q["choices"] and normalise(q["key_fact"]) in normalise(q["citation"]["quote"])

    result = runner.invoke(main, ["glossary", "quorum", "--data-dir", str(library_dir)])
    assert result.exit_code == 0 and "Quorum" in result.output and "[" in result.output
    result = runner.invoke(main, ["glossary", "falconry", "--data-dir", str(library_dir)])
    assert result.exit_code == 1 and "not defined in the library" in result.output
    assert "Traceback" not in result.output


def test_cli_interactive_quiz_grades_and_reports_the_score(library_dir: Path, fresh_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["quiz", "--data-dir", str(library_dir), "--count", "2", "--seed", "4"], input="x\n1\n1\n1\n1\n1\n1\n"
    )
    assert result.exit_code == 0, result.output
    assert "Please answer with" in result.output
    assert ("Correct" in result.output) or ("Not quite" in result.output)
    assert "Rule [1]:" in result.output and "Score:" in result.output

    result = runner.invoke(main, ["brief", "--data-dir", str(fresh_dir)])
    assert result.exit_code == 1 and "library is empty" in result.output
