"""Shared fixtures: one real index of the sample library per session, real model, no outbound network.

Outbound network is blocked by pytest-socket (see pyproject addopts): only loopback is allowed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.library import CORPUS, REAL_SHAPED, REALWORLD, REALWORLD_2, TEST_OUTPUT, make_settings

from assistant.config import Settings, quiet_third_parties

quiet_third_parties()


@pytest.fixture(scope="session")
def embeddings(tmp_path_factory: pytest.TempPathFactory):
    """The default backend (int8 ONNX), as the CLI and app processes that tests start use it: one library made
    by the fixture and read by a `juror-assistant` process must not look like another backend's."""
    from assistant.library.embedding import embeddings_for

    return embeddings_for(make_settings(tmp_path_factory.mktemp("embeddings")))


@pytest.fixture(scope="session")
def int8_embeddings(tmp_path_factory: pytest.TempPathFactory):
    """The int8 ONNX backend (its configuration chosen from this CPU's flags)."""
    from assistant.library.embedding import embeddings_for

    return embeddings_for(make_settings(tmp_path_factory.mktemp("embeddings"), embedding_backend="onnx-int8"))


@pytest.fixture(scope="session")
def fp32_embeddings(tmp_path_factory: pytest.TempPathFactory):
    """The fp32 ONNX backend (torch's vectors without torch)."""
    from assistant.library.embedding import embeddings_for

    return embeddings_for(make_settings(tmp_path_factory.mktemp("embeddings"), embedding_backend="onnx"))


@pytest.fixture(scope="session")
def torch_embeddings():
    """The torch backend (sentence-transformers), for tests that compare or switch backends."""
    from assistant.library.embedding import SentenceEmbeddings

    return SentenceEmbeddings()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def library_dir(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Path:
    """A data folder holding the whole sample library, ingested once. Treat as read-only."""
    from assistant.library.library import Library

    data = tmp_path_factory.mktemp("library")
    report = Library(make_settings(data), embeddings).ingest([CORPUS])
    assert report.ok, report.failed
    return data


@pytest.fixture(scope="session")
def library_settings(library_dir: Path) -> Settings:
    return make_settings(library_dir)


@pytest.fixture(scope="session")
def assistant(library_settings: Settings, embeddings):
    """The real Assistant over the sample library (extractive answerer)."""
    from assistant.answers.assistant import Assistant

    return Assistant.from_settings(library_settings, embeddings=embeddings)


@pytest.fixture(scope="session")
def real_shaped_assistant(tmp_path_factory: pytest.TempPathFactory, embeddings):
    """The real Assistant over the real-shaped multi-festival library, ingested once. Treat as read-only."""
    from assistant.answers.assistant import Assistant
    from assistant.library.library import Library

    data = tmp_path_factory.mktemp("real-shaped")
    report = Library(make_settings(data), embeddings).ingest([REAL_SHAPED])
    assert report.ok, report.failed
    return Assistant.from_settings(make_settings(data), embeddings=embeddings)


def _real_set(folder: Path, what: str, tmp_path_factory: pytest.TempPathFactory, embeddings):
    """The real Assistant over a folder of ../shared (third-party regulations, read at run time), ingested once;
    the test is skipped when the folder is absent."""
    from assistant.answers.assistant import Assistant
    from assistant.library.library import Library

    if not folder.is_dir() or not any(folder.glob("*.md")):
        pytest.skip(f"{what} is not here ({folder})")
    data = tmp_path_factory.mktemp(folder.name)
    report = Library(make_settings(data), embeddings).ingest([folder])
    assert report.ok, report.failed
    return Assistant.from_settings(make_settings(data), embeddings=embeddings)


@pytest.fixture(scope="session")
def realworld_assistant(tmp_path_factory: pytest.TempPathFactory, embeddings):
    """The real Assistant over ../shared/realworld; skipped when absent. Treat as read-only."""
    return _real_set(REALWORLD, "the real-regulation set", tmp_path_factory, embeddings)


@pytest.fixture(scope="session")
def realworld_2_assistant(tmp_path_factory: pytest.TempPathFactory, embeddings):
    """The real Assistant over ../shared/realworld-2; skipped when absent. Treat as read-only."""
    return _real_set(REALWORLD_2, "the second real-regulation set", tmp_path_factory, embeddings)


@pytest.fixture
def fresh_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def library_copy(library_dir: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the ingested sample library (for tests that change it)."""
    target = tmp_path / "library"
    shutil.copytree(library_dir, target)
    (target / "logbook.sqlite3").unlink(missing_ok=True)  # a fresh library has no questions logged yet
    return target


@pytest.fixture(scope="session")
def test_output() -> Iterator[Path]:
    TEST_OUTPUT.mkdir(exist_ok=True)
    yield TEST_OUTPUT


@pytest.fixture
def browser():
    """Debian's headless Chromium through Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright
    from support.browsing import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def shots(test_output: Path) -> Path:
    """Where browser tests save their screenshots."""
    folder = test_output / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
