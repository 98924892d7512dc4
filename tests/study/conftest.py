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
