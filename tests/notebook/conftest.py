"""Fixtures of the notebook tests: a private copy of the sample library (the notebook writes its SQLite file into
the data folder, so never the shared read-only one), the real-regulation sets read at run time from ../shared
(skipped when absent)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.library import REALWORLD, make_settings
from support.notebook import FILMS_CSV

from assistant.answers.assistant import Assistant
from assistant.notebook.notebook import Notebook, notebook_for

REALWORLD_2 = REALWORLD.parent / "realworld-2"


@pytest.fixture(scope="session")
def nb_assistant(library_dir: Path, tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    """The real Assistant over a private copy of the sample library, shared by the notebook tests (each uses its own
    juror codes; a test that corrects the criteria puts them back)."""
    data = tmp_path_factory.mktemp("notebook-library") / "library"
    shutil.copytree(library_dir, data)
    return Assistant.from_settings(make_settings(data), embeddings=embeddings)


@pytest.fixture(scope="session")
def notebook(nb_assistant: Assistant) -> Notebook:
    """The notebook of the sample festival with its film list loaded."""
    nb = notebook_for(nb_assistant)
    nb.load_films(nb.festival(), FILMS_CSV, "competition-films.csv")
    return nb


@pytest.fixture(scope="session")
def realworld2_assistant(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    """The real Assistant over ../shared/realworld-2 (third-party rules, read at run time); skipped when absent."""
    from assistant.library.library import Library

    if not REALWORLD_2.is_dir() or not any(REALWORLD_2.glob("*.md")):
        pytest.skip(f"the second real-regulation set is not here ({REALWORLD_2})")
    data = tmp_path_factory.mktemp("realworld-2")
    report = Library(make_settings(data), embeddings).ingest([REALWORLD_2])
    assert report.ok, report.failed
    return Assistant.from_settings(make_settings(data), embeddings=embeddings)
