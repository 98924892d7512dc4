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
