"""The notebook end to end: `streamlit run app.py` on 127.0.0.1 in Debian's Chromium through Playwright.

An organiser loads the competition's film list; a juror starts a notebook, marks two films seen, writes notes per
criterion, declares a conflict, runs the check (the unseen films, the conflict rule quoted) and downloads an export;
a second juror in another browser context sees none of it. Screenshots go to test-output/browser/, and to
docs/images/ (the juror guide's) when UPDATE_DOC_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.browsing import ROOT, SLOW, running_app, settle, shoot
from support.notebook import CONFLICT_NOTE, OTHER_SECRET, PLAIN_FILMS_CSV, SECRET, write_films

pytestmark = [pytest.mark.browser, pytest.mark.server]

PASSPHRASE = "lumen bay organisers"
DIRECTION = "Long takes that never show off; the last shot earns the ending."
SCREENPLAY = "Tight first act; the middle drifts."
DOCS_IMAGES = ROOT / "docs" / "images"


@pytest.fixture
def server(library_copy: Path, tmp_path: Path) -> Iterator[str]:
    with running_app(library_copy, tmp_path / "streamlit.log", PASSPHRASE) as url:
        yield url


def keep(page, path: Path, height: int = 1700) -> None:
    """A screenshot the juror guide shows: the page from its top in a tall window (refreshed in docs/images/ on
    request)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 1280, "height": height})
    page.evaluate("() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    settle(page)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    settle(page)
    if os.environ.get("UPDATE_DOC_SCREENSHOTS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_IMAGES / path.name.split("-", 1)[1])


def start_notebook(page, url: str, code: str, secret: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{url}/notebook")
    page.get_by_role("tab", name="Start a notebook").click(timeout=SLOW)
    page.get_by_label("Juror code").last.fill(code)
    page.get_by_label("Secret", exact=True).last.fill(secret)
    page.get_by_label("Secret, again").fill(secret)
    page.get_by_role("button", name="Start my notebook").click()
    expect(page.get_by_text(f"Signed in as {code}")).to_be_visible(timeout=SLOW)
    settle(page)


def tick(page, label: str) -> None:
    page.get_by_text(label, exact=True).click()
    settle(page)


def write(page, label: str, text: str) -> None:
    from playwright.sync_api import expect

    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    box.press("Control+Enter" if box.evaluate("e => e.tagName") == "TEXTAREA" else "Enter")
    expect(page.get_by_text("Saved at")).to_be_visible(timeout=SLOW)
    settle(page)


def choose(page, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label, exact=True)
    item = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):  # a rerun that lands just after the click closes the list: open it again
        settle(page)
        box.click()
        try:
            item.wait_for(timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    item.click()
    settle(page)
    assert box.input_value() == option


def show(page, view: str) -> None:
    page.get_by_role("radiogroup").get_by_text(view, exact=True).click()
    settle(page)


def test_a_juror_keeps_private_notes_runs_the_check_and_exports_and_another_sees_none(
    server: str, browser, shots: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    organiser = browser.new_page(viewport={"width": 1280, "height": 1000})
    organiser.goto(f"{server}/library")
    organiser.get_by_label("Organiser passphrase").fill(PASSPHRASE)
    organiser.get_by_role("button", name="Log in").click()
    organiser.get_by_role("tab", name="Films").click(timeout=SLOW)
    films = organiser.get_by_role("tabpanel", name="Films")
    films.get_by_text("a CSV file", exact=True).click()
    settle(organiser)
    films.locator("input[type=file]").set_input_files(str(write_films(tmp_path, text=PLAIN_FILMS_CSV)))
    settle(organiser)
    films.get_by_role("button", name="Load the film list").click()
    expect(organiser.get_by_text("Film list loaded: 5 films read")).to_be_visible(timeout=SLOW)
    shoot(organiser, shots / "40-library-films-loaded.png")
    organiser.close()

    first = browser.new_context(viewport={"width": 1280, "height": 1100})
    page = first.new_page()
    start_notebook(page, server, "anna-k", SECRET)
    tick(page, "I have seen this film")  # the first film of the list: Sunfall
    write(page, "Direction (30%)", DIRECTION)
    write(page, "Screenplay (20%)", SCREENPLAY)
    write(page, "My own mark (1–10), for me alone", "8")
    keep(page, shots / "41-notebook.png", height=1900)
    choose(page, "Film", "4. Quiet Harbour")
    tick(page, "I have seen this film")
    choose(page, "Film", "2. The Salt Road")
    write(page, "What is it? (in your words; the check quotes the rule that applies)", CONFLICT_NOTE)
    tick(page, "I declare a conflict of interest with this film")

    show(page, "Check")
    expect(page.get_by_text("Not marked seen yet (3 of 5):")).to_be_visible(timeout=SLOW)
    for unseen in ("The Salt Road — Cleo Marr", "Tide Pools — Ben Ong"):
        expect(page.get_by_text(re.compile(re.escape(unseen))).first).to_be_visible()
    expect(page.get_by_text(re.compile(r"Every juror must attend every competition screening")).first).to_be_visible()
    conflict = page.get_by_text(re.compile(rf"The Salt Road: you noted “{re.escape(CONFLICT_NOTE)}”; the rule says “"))
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text(re.compile(r"conflict of interest.*\[\d+\]"))
    keep(page, shots / "42-notebook-check.png")

    show(page, "Export")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download my notebook (Markdown)").click()
    assert download.value.suggested_filename.startswith("notebook-anna-k")
    exported = Path(str(download.value.path())).read_text(encoding="utf-8")
    assert f"- **Direction**: {DIRECTION}" in exported and "declared: " + CONFLICT_NOTE in exported
    assert "## Before deliberation" in exported and "## Sources" in exported
    first.close()

    second = browser.new_context(viewport={"width": 1280, "height": 1000})  # another juror, another browser
    page = second.new_page()
    page.goto(f"{server}/notebook")
    expect(page.get_by_role("button", name="Open my notebook")).to_be_visible(timeout=SLOW)
    expect(page.get_by_text(DIRECTION)).to_have_count(0)
    start_notebook(page, server, "bo-2", OTHER_SECRET)
    expect(page.get_by_role("textbox", name="Direction (30%)")).to_have_value("")
    show(page, "Check")
    expect(page.get_by_text("Not marked seen yet (5 of 5):")).to_be_visible(timeout=SLOW)
    for private in (DIRECTION, SCREENPLAY, CONFLICT_NOTE):
        expect(page.get_by_text(private)).to_have_count(0)
    shoot(page, shots / "43-notebook-second-juror.png")
    second.close()
