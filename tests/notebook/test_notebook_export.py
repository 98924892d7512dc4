"""A juror's export: Markdown and PDF with their notes, the criteria and checks cited, in the film list's order (never
by mark); values a juror or an organiser typed are made safe (formulas neutralised, markup shown as text)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from support.notebook import FORMULA_TITLE, SECRET

from assistant.notebook.entries import conflict_change, mark_change, note_change, seen_change
from assistant.notebook.notebook import JurorSession, Notebook

WHEN = datetime(2027, 6, 15, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def exporter(notebook: Notebook) -> JurorSession:
    festival = notebook.festival()
    session = notebook.create("exporter", SECRET)
    scale = notebook.criteria(festival).scale
    notebook.write(
        session,
        festival,
        [
            seen_change("quiet harbour", True, "2027-06-13"),
            note_change("quiet harbour", "Direction", "Quiet and sure <script>alert(1)</script> [see](javascript:x)"),
            mark_change("quiet harbour", "10", scale),
            mark_change("sunfall", "2", scale),
            note_change("sunfall", "", "=1+1 free thought"),
            conflict_change("tide pools", True, "My cousin edited it"),
            note_change("a film since withdrawn", "", "Notes kept after the organisers changed the list"),
        ],
    )
    return session


def test_the_markdown_export_holds_the_notes_criteria_check_and_sources(
    notebook: Notebook, exporter: JurorSession
) -> None:
    text = notebook.export_markdown(exporter, notebook.festival(), WHEN)
    assert text.startswith("# My notebook — Lumen Bay International Film Festival")
    assert "Private notes of exporter, exported 2027-06-15 09:30 UTC" in text
    assert "- Feature Films: Direction (30%) [1]" in text
    assert "on the rules' scale 1–10 [" in text
    assert "- **Direction**: Quiet and sure &lt;script&gt;alert(1)&lt;/script&gt; [see]\\(javascript:x)" in text
    assert "- **Notes**: '=1\\+1 free thought" in text or "- **Notes**: '=1+1 free thought" in text
    assert "- Conflict of interest: declared: My cousin edited it" in text
    assert "## Before deliberation" in text and "### Films you must see (to do)" in text
    assert "## Sources" in text and "1. Judging Criteria and Scoring Rubrics (judging-criteria.docx)" in text
    assert "### a film since withdrawn (no longer on the film list)" in text
    assert "<script>" not in text


def test_the_export_follows_the_film_list_never_the_marks(notebook: Notebook, exporter: JurorSession) -> None:
    text = notebook.export_markdown(exporter, notebook.festival(), WHEN)
    order = [text.index(f"### {t}") for t in ("Sunfall", "The Salt Road", "Tide Pools", "Quiet Harbour")]
    assert order == sorted(order), "Sunfall (marked 2) stays before Quiet Harbour (marked 10)"
    assert "My mark (mine alone): 10" in text and "My mark (mine alone): 2" in text
    films = text[text.index("## Films") : text.index("## Before deliberation")]
    assert not re.search(r"\b(?:average|mean|total|rank\w*|best)\b", films, re.I), "no sum, mean or order of the marks"


def test_a_title_that_would_run_as_a_spreadsheet_formula_is_neutralised_in_both_exports(
    notebook: Notebook, exporter: JurorSession
) -> None:
    from pypdf import PdfReader

    text = notebook.export_markdown(exporter, notebook.festival(), WHEN)
    assert f"### '{FORMULA_TITLE}" in text.replace("\\", "")
    assert f"\n### {FORMULA_TITLE}" not in text
    pdf = notebook.export_pdf(exporter, notebook.festival(), WHEN)
    assert pdf.startswith(b"%PDF")
    pages = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(pages.split())
    assert "Quiet and sure <script>alert(1)</script>" in flat
    assert "'=HYPERLINK(" in flat and "'=1+1 free thought" in flat
    assert "Films you must see" in flat and "[1] Judging Criteria and Scoring Rubrics" in flat
