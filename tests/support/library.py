"""Where the test libraries are, and settings for a library of the tests' own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Settings

if TYPE_CHECKING:
    from assistant.answers.assistant import Assistant

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
# Small documents written for the tests in the shapes real regulations come in: web copies with "Source:" and
# "Title:" lines, running headers and breadcrumbs, unmarked lists, clause numbers on their own lines, several
# festivals and a critics' body side by side.
REAL_SHAPED = Path(__file__).resolve().parent / "realshaped"
# Written for study mode in the shapes of a held-out library (issue 21): a critics' guild's code beside a national
# festival's two regulations that it mentions, a school district's student film festival beside a television
# academy's judging rules, a short film festival whose title names it only in words of the trade; scoring sheets,
# back-references and a cut excerpt.
REAL_SHAPED_2 = Path(__file__).resolve().parent / "realshaped-2"
REALWORLD = ROOT.parent / "shared" / "realworld"  # third-party texts, read at run time only (never copied)
REALWORLD_2 = ROOT.parent / "shared" / "realworld-2"
TEST_OUTPUT = ROOT / "test-output"


def make_settings(data_dir: Path, **kw: object) -> Settings:
    """Settings isolated from the developer's environment and juror.toml."""
    os.environ.pop("JUROR_CONFIG", None)
    return Settings(data_dir=data_dir, **kw)  # type: ignore[arg-type]


def library_of(tmp_path: Path, embeddings: object, documents: dict[str, str]) -> Assistant:
    """A library of these documents (file name → text), loaded with the session's embedding model."""
    from assistant.answers.assistant import Assistant

    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    assistant = Assistant.from_settings(make_settings(tmp_path / "lib"), embeddings)  # type: ignore[arg-type]
    report = assistant.library.ingest([folder])
    assert report.ok, report
    return assistant
