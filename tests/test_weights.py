"""The data files that hold fitted weights: a broken one is named, with what to do, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.weights import read_data_file


def test_a_broken_or_incomplete_data_file_is_named_with_the_fix(tmp_path: Path) -> None:
    broken = tmp_path / "weights.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cannot read the weights file .*weights\.json.*re-run"):
        read_data_file(str(broken), ("quote",), "weights file", "re-run scripts/fit_weights.py")
    broken.write_text('{"quote": {"sim": 1.0}}', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"has no 'abstention' section; re-run"):
        read_data_file(str(broken), ("quote", "abstention"), "weights file", "re-run scripts/fit_weights.py")
    assert read_data_file(str(broken), ("quote",), "weights file", "")["quote"] == {"sim": 1.0}


def test_the_assistant_with_a_broken_weights_file_says_which_file(library_copy: Path, tmp_path: Path) -> None:
    from support.browsing import run_cli

    broken = tmp_path / "weights.json"
    broken.write_text("[]", encoding="utf-8")
    proc = run_cli(
        "ask",
        "Can I talk to the press?",
        "--data-dir",
        str(library_copy),
        env={"JUROR_WEIGHTS_FILE": str(broken)},
    )
    assert proc.returncode != 0
    assert str(broken) in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    broken.write_text(
        '{"quote": {}, "quote_choice": {}, "abstention": {}, "synonyms": {}, "retrieval": {}}', encoding="utf-8"
    )
    proc = run_cli(
        "ask", "Can I talk to the press?", "--data-dir", str(library_copy), env={"JUROR_WEIGHTS_FILE": str(broken)}
    )
    assert proc.returncode != 0 and "lacks quote." in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
