"""End to end: `streamlit run app.py` on 127.0.0.1, driven in Debian's Chromium through Playwright.

A juror asks and opens a citation; an organiser logs in and uploads a rule; a juror's next question is
answered from it. Screenshots go to test-output/browser/.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.browsing import (
    ROOT,
    SLOW,
    ask,
    ask_and_read,
    open_citation,
    running_app,
    settle,
    shoot,
    start_streamlit,
    wait_healthy,
)
from support.processes import stop_process

pytestmark = [pytest.mark.browser, pytest.mark.server]

PASSPHRASE = "lumen bay organisers"

QUESTION = "What is the gift limit?"
FALCON_RULES = (
    "Falconry Rules for Jurors\n\n"
    "Article 1 - Falcons at screenings\n\n"
    "1.1 A juror may bring one trained falcon to press screenings, provided the falcon wears a leather hood at all times. "
    "Notes written like <script>window.__pwned = 1</script> are shown as plain text.\n"
)
FALCON_QUESTION = "May jurors bring a falcon to press screenings?"


@pytest.fixture
def server(library_copy: Path, tmp_path: Path) -> Iterator[str]:
    with running_app(library_copy, tmp_path / "streamlit.log", PASSPHRASE) as url:
        yield url


def test_juror_question_gets_an_answer_whose_citation_opens_the_right_passage(
    server: str, browser, shots: Path, assistant
) -> None:
    from playwright.sync_api import expect

    expected = assistant.ask(QUESTION, log=False).citations[0]  # same code, same library: what [1] must show
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(server)
    page.get_by_test_id("stChatInputTextArea").wait_for(timeout=SLOW)
    expect(page.get_by_role("button", name="What are my duties as a juror?")).to_be_visible()
    shoot(page, shots / "01-ask-empty.png")

    ask(page, QUESTION)
    cited = open_citation(page, "[1]")
    expect(cited.locator("summary")).to_contain_text(expected.title)
    first_words = " ".join(expected.quote.replace("…", " ").lstrip("> ").split()[:6])
    expect(cited.get_by_test_id("stExpanderDetails")).to_contain_text(first_words)
    download_button = cited.get_by_role("button", name=f"Download the original ({expected.source})")
    settle(page)  # a click while the page still redraws can land on a button about to be replaced
    with page.expect_download(timeout=60_000) as download:
        download_button.click()
    assert download.value.suggested_filename == expected.source
    saved = shots.parent / "browser-download"
    download.value.save_as(saved)
    assert saved.read_bytes() == (ROOT / "corpus" / expected.source).read_bytes(), "the original file, unchanged"
    saved.unlink()
    expect(page.get_by_test_id("stChatMessage").nth(1)).to_contain_text("[1]")
    shoot(page, shots / "02-ask-citation-open.png")
    page.close()


def test_a_follow_up_that_points_back_is_answered_about_what_it_points_at(server: str, browser, shots: Path) -> None:
    """ "How do I get there?" after the place of the final deliberation is asked about that place: the jury transport
    to the villa, quoted and cited, not the glossary's definition of the deliberation. (The asking guide's picture:
    refreshed in docs/images/ when UPDATE_DOC_SCREENSHOTS=1.)"""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(server)
    first = ask_and_read(page, "Where is the final deliberation held?")
    assert "Lighthouse Villa" in first
    second = ask_and_read(page, "How do I get there?")
    assert "Jury transport leaves" in second and "[1]" in second
    assert "Final deliberation means" not in second
    shoot(page, shots / "11-ask-follow-up.png")
    if os.environ.get("UPDATE_DOC_SCREENSHOTS") == "1":
        shutil.copyfile(shots / "11-ask-follow-up.png", ROOT / "docs" / "images" / "ask-follow-up.png")
    page.close()


def test_a_pdf_citation_shows_the_cited_page_as_an_image(server: str, browser, shots: Path, assistant) -> None:
    from playwright.sync_api import expect

    question = "Is it forbidden to reveal how other jurors voted?"
    expected = assistant.ask(question, log=False).citations[0]
    assert expected.source.endswith(".pdf") and expected.page
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(server)
    ask(page, question)
    cited = open_citation(page, "[1]")
    toggle = cited.get_by_text(f"Show page {expected.page} of the PDF, the quoted words marked")
    image = cited.get_by_role("img", name=f"Page {expected.page} of {expected.source}")
    switch = cited.locator("input[type=checkbox]")
    for _ in range(3):  # a click that lands during a rerun on a loaded machine is lost: click until it holds
        toggle.click()
        settle(page)
        if switch.is_checked():
            break
    expect(image).to_be_visible(timeout=SLOW)
    image.scroll_into_view_if_needed()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 500", arg=image.element_handle(), timeout=SLOW)
    shoot(page, shots / "02b-ask-pdf-page.png")
    page.close()


def test_organiser_upload_answers_the_next_juror_question(server: str, browser, shots: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    organiser = browser.new_page(viewport={"width": 1280, "height": 1000})
    organiser.goto(f"{server}/library")
    box = organiser.get_by_label("Organiser passphrase")
    box.wait_for(timeout=SLOW)
    shoot(organiser, shots / "03-library-login.png")
    box.fill("not the passphrase")
    organiser.get_by_role("button", name="Log in").click()
    expect(organiser.get_by_text("Wrong passphrase.")).to_be_visible(timeout=30_000)
    organiser.get_by_label("Organiser passphrase").fill(PASSPHRASE)
    organiser.get_by_role("button", name="Log in").click()
    expect(organiser.get_by_role("tab", name="Documents")).to_be_visible(timeout=30_000)
    shoot(organiser, shots / "04-library-documents.png")

    rule = tmp_path / "falconry-rules.txt"
    rule.write_text(FALCON_RULES, encoding="utf-8")
    organiser.get_by_role("tab", name="Add or replace").click()
    organiser.locator("input[type=file]").set_input_files(str(rule))
    load = organiser.get_by_role("button", name="Load into the library")
    expect(load).to_be_enabled(timeout=30_000)
    load.click()
    organiser.get_by_role("tab", name="Add or replace").click()
    expect(organiser.get_by_text("Jurors' next questions use the new library")).to_be_visible(timeout=SLOW)
    shoot(organiser, shots / "05-library-uploaded.png")
    organiser.close()

    juror = browser.new_page(viewport={"width": 1280, "height": 1000})  # a separate session: not logged in
    juror.goto(server)
    ask(juror, FALCON_QUESTION)
    cited = open_citation(juror, "Falconry")  # one of the citations is the uploaded rule
    details = cited.get_by_test_id("stExpanderDetails")
    expect(details).to_contain_text("leather hood")
    expect(details).to_contain_text("<script>window.__pwned = 1</script>")  # document markup shows as text
    assert juror.evaluate("window.__pwned") is None, "document text must never run as script"
    expect(juror.get_by_label("Organiser passphrase")).to_have_count(0)
    shoot(juror, shots / "06-juror-answer-from-upload.png")
    juror.close()


def test_juror_takes_one_quiz_question_end_to_end(server: str, browser, shots: Path) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{server}/study")
    quiz_tab = page.get_by_text("Quiz", exact=True).first
    quiz_tab.wait_for(timeout=SLOW)
    settle(page)
    quiz_tab.click()
    check = page.get_by_role("button", name="Check answer")
    check.wait_for(timeout=SLOW)
    settle(page)
    check.click()
    expect(page.get_by_text("Pick an answer first.")).to_be_visible(timeout=30_000)
    answers = page.get_by_role("radiogroup", name="Your answer")
    answers.locator("label").first.click()
    settle(page)
    page.get_by_role("button", name="Check answer").click()
    verdict = page.get_by_text(re.compile(r"^(Correct|Not quite)"))
    expect(verdict.first).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(r"The rule \[\d+\]"))).to_be_visible()
    expect(page.get_by_role("button", name="Next question")).to_be_visible()
    shoot(page, shots / "07-study-quiz-graded.png")
    page.close()


def test_a_conflict_of_interest_question_quotes_the_named_festivals_rule_among_several_festivals(
    real_shaped_assistant, browser, shots: Path, tmp_path: Path
) -> None:
    """A library holding two festivals' regulations and a critics' body's code: the juror names one festival and
    gets that festival's one-sentence rule, with the document it comes from, and nothing from the others."""
    import shutil

    from playwright.sync_api import expect

    data = tmp_path / "library"
    shutil.copytree(real_shaped_assistant.settings.data_dir, data)
    log_path = tmp_path / "streamlit.log"
    proc, url = start_streamlit(data, log_path)
    try:
        wait_healthy(proc, url, log_path)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(url)
        ask(page, "I have money in one of the Harbour Lights competition films; can I still be on the jury?")
        answer = page.get_by_test_id("stChatMessage").nth(1)
        rule = "A person who has a financial stake in a film selected for the Main Competition may not sit on its jury"
        expect(answer).to_contain_text(rule, timeout=SLOW)
        expect(answer).to_contain_text("From: Regulations — Harbour Lights Film Festival")
        for other in ("Northern Dunes", "Meridian Critics Circle", "No 3:"):
            expect(answer).not_to_contain_text(other)
        cited = open_citation(page, "[1]")
        expect(cited.locator("summary")).to_contain_text("1.2 Jury")
        expect(cited.get_by_test_id("stExpanderDetails")).to_contain_text("Harbour Lights Film Festival")
        shoot(page, shots / "06-conflict-of-interest-named-festival.png")
        page.close()
    finally:
        stop_process(proc)


def _quiz_page(context, server: str):
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{server}/study")
    quiz_tab = page.get_by_text("Quiz", exact=True).first
    quiz_tab.wait_for(timeout=SLOW)
    settle(page)
    quiz_tab.click()
    page.get_by_role("button", name="Check answer").wait_for(timeout=SLOW)
    settle(page)
    return page


def _give_code(page, code: str) -> None:
    box = page.get_by_label("Your name or code (optional: keeps your progress for another day)")
    box.fill(code)
    box.press("Enter")
    settle(page)


def _answer_one(page) -> None:
    from playwright.sync_api import expect

    page.get_by_role("radiogroup", name="Your answer").locator("label").first.click()
    settle(page)
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_text(re.compile(r"^(Correct|Not quite)")).first).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Next question").click()
    page.get_by_role("button", name="Check answer").wait_for(timeout=SLOW)
    settle(page)


def test_quiz_progress_persists_across_browsers_for_the_same_juror_code_and_shows_in_aggregate(
    server: str, browser, shots: Path
) -> None:
    from playwright.sync_api import expect

    first = browser.new_context()
    page = _quiz_page(first, server)
    _give_code(page, "juror-7")
    expect(page.get_by_text("Your answers are saved as “juror-7”")).to_be_visible(timeout=30_000)
    _answer_one(page)
    _answer_one(page)
    shoot(page, shots / "08-study-quiz-with-code.png")
    first.close()

    second = browser.new_context()  # another browser: no shared cookies or session
    page = _quiz_page(second, server)
    expect(page.get_by_text("Welcome back")).to_have_count(0)
    _give_code(page, "Juror-7")
    expect(page.get_by_text(re.compile(r"Welcome back, juror-7: 2 answers saved"))).to_be_visible(timeout=30_000)
    shoot(page, shots / "09-study-quiz-welcome-back.png")
    second.close()

    organiser = browser.new_context()
    page = organiser.new_page()
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{server}/quality")
    box = page.get_by_label("Organiser passphrase")
    box.wait_for(timeout=SLOW)
    box.fill(PASSPHRASE)
    page.get_by_role("button", name="Log in").click()
    tab = page.get_by_role("tab", name="Jurors' study")
    tab.wait_for(timeout=SLOW)
    settle(page)
    tab.click()
    metric = page.get_by_test_id("stMetric").filter(has_text="Jurors who studied")
    expect(metric).to_contain_text("1", timeout=30_000)
    expect(page.get_by_test_id("stMetric").filter(has_text="Quiz answers")).to_contain_text("2")
    expect(page.get_by_text("juror-7")).to_have_count(0)
    shoot(page, shots / "10-quality-jurors-study.png")
    organiser.close()
