"""End to end, in Debian's Chromium: a juror's question to a library holding several festivals' regulations gets one
or two sentences that answer it, quoted and cited, with the section in the citation and not in the answer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.browsing import SLOW, ask_and_read, open_citation, running_app, shoot
from support.library import make_settings
from support.several_festivals import write_documents

from assistant.answers.assistant import Assistant

pytestmark = [pytest.mark.browser, pytest.mark.server]

QUESTION = "Can a jury member publish a review of a competing film before the winners are announced?"


@pytest.fixture
def several_festivals(library_copy: Path, tmp_path: Path, embeddings) -> Path:
    """The sample festival's library with two more festivals' rules loaded beside it."""
    more = tmp_path / "more"
    more.mkdir()
    report = Assistant.from_settings(make_settings(library_copy), embeddings).library.ingest([write_documents(more)])
    assert report.ok, report.failed
    return library_copy


@pytest.fixture
def server(several_festivals: Path, tmp_path: Path) -> Iterator[str]:
    with running_app(several_festivals, tmp_path / "streamlit.log") as url:
        yield url


def test_a_question_gets_one_or_two_cited_sentences_and_the_section_stays_in_the_citation(
    server: str, browser, shots: Path
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(server)
    text = ask_and_read(page, QUESTION)
    answer = page.get_by_test_id("stChatMessage").nth(1)
    body = str(answer.get_by_test_id("stMarkdownContainer").first.inner_text())
    assert "must not publish reviews of competing films before the winners are announced" in body, body
    markers = re.findall(r"\[\d+\]", body)
    assert 1 <= len(markers) <= 2, f"one or two cited sentences: {body!r}"
    assert "International Competition" not in body, "the section belongs to the citation, not the answer"
    assert "withdrawn" not in body and "declare it" not in body, "not the whole section"
    cited = open_citation(page, "[1]")
    expect(cited).to_contain_text("International Competition", timeout=SLOW)
    expect(cited.get_by_test_id("stExpanderDetails")).to_contain_text("Jurors must not publish reviews")
    assert "Harbourside" in text
    shoot(page, shots / "05-ask-several-festivals.png")
    page.close()
