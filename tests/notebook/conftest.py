"""Fixtures of the notebook tests: a private copy of the sample library (the notebook writes its SQLite file into
the data folder, so never the shared read-only one), the real-regulation sets read at run time from ../shared
(skipped when absent)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.library import make_settings
from support.notebook import FILMS_CSV

from assistant.answers.assistant import Assistant
from assistant.notebook.notebook import Notebook, notebook_for


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
