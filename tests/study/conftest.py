"""Fixtures shared by the study-mode tests."""

from __future__ import annotations

import pytest

from assistant.answers.assistant import Assistant
from assistant.study.study import Study


@pytest.fixture(scope="module")
def study(assistant: Assistant) -> Study:
    return Study.of(assistant)


@pytest.fixture(scope="module")
def chunk_texts(assistant: Assistant) -> dict[str, str]:
    """{passage id: text} of every passage of the sample library."""
    return {c.id: c.text for c in assistant.retriever.lexical().chunks}


@pytest.fixture(scope="session")
def real_shaped_2_assistant(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    """The real Assistant over tests/support/realshaped-2 (the held-out library's shapes), ingested once."""
    from support.library import REAL_SHAPED_2, make_settings

    from assistant.library.library import Library

    data = tmp_path_factory.mktemp("real-shaped-2")
    report = Library(make_settings(data), embeddings).ingest([REAL_SHAPED_2])
    assert report.ok, report.failed
    return Assistant.from_settings(make_settings(data), embeddings=embeddings)


@pytest.fixture(scope="session")
def realworld_2_assistant(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    """The real Assistant over ../shared/realworld-2 (third-party rules, read at run time); skipped when absent."""
    from support.library import REALWORLD_2, make_settings

    from assistant.library.library import Library

    if not REALWORLD_2.is_dir() or not any(REALWORLD_2.glob("*.md")):
        pytest.skip(f"the second real-regulation set is not here ({REALWORLD_2})")
    data = tmp_path_factory.mktemp("realworld-2")
    report = Library(make_settings(data), embeddings).ingest([REALWORLD_2])
    assert report.ok, report.failed
    return Assistant.from_settings(make_settings(data), embeddings=embeddings)
