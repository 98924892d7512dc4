"""Loaders on the real sample files (PDF, DOCX, HTML, Markdown, text) and on each kind of bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.bad_inputs import (
    FOREIGN_RULES,
    SCANNED_MESSAGE,
    corrupt_pdf_bytes,
    legacy_text_bytes,
    scanned_pdf_bytes,
    small_docx_bytes,
    write_zip_bomb_docx,
)

from assistant.errors import LoadError
from assistant.library.loading.files import discover, load_bytes, load_file, safe_filename
from assistant.ui.pdf_page import pdf_page_png

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def block_starting(doc, prefix: str):
    found = [b for b in doc.blocks if b.text.startswith(prefix)]
    assert found, f"no block starting {prefix!r} in {doc.source}"
    return found[0]


def test_pdf_keeps_page_numbers_and_drops_page_furniture():
    doc = load_file(CORPUS / "code-of-conduct.pdf")
    assert doc.format == "pdf" and doc.title == "Juror Code of Conduct"
    pages = [b.page or 0 for b in doc.blocks]
    assert 0 not in pages and min(pages) == 1 and max(pages) >= 4
    # Clauses keep the page they are printed on, in reading order.
    assert block_starting(doc, "1.1 Purpose").page == 1
    assert block_starting(doc, "6.5 Declaration within 48 hours").page == 4
    assert pages == sorted(pages)
    # Bare page numbers ("3", "Page 3 of 5") are furniture, not content.
    assert not any(b.text.strip().isdigit() or b.text.lower().startswith("page ") for b in doc.blocks)


def test_pdf_article_headings_are_found_and_wrapped_lines_are_not_headings():
    doc = load_file(CORPUS / "code-of-conduct.pdf")
    headings = [b.text for b in doc.blocks if b.level]
    assert "Article 2 - Confidentiality" in headings
    assert "Article 6 - Conflicts of interest" in headings
    # A sentence wrapped so that a line begins with "Article 2 and ..." continues its paragraph.
    assert all(not h.endswith(".") for h in headings), headings
    assert doc.festival == "Lumen Bay International Film Festival" and doc.edition == "2027"


def test_docx_headings_and_table_rows():
    doc = load_file(CORPUS / "judging-criteria.docx")
    assert doc.format == "docx" and doc.title == "Judging Criteria and Scoring Rubrics"
    headings = {b.text: b.level for b in doc.blocks if b.level}
    assert headings["Section 5 — Short Films"] == 2
    rows = [b.text for b in doc.blocks if b.table]
    assert len(rows) >= 10
    # A table row stands alone when quoted: each cell carries its column header.
    concision = next(r for r in rows if r.startswith("Criterion: Concision"))
    assert "Weight: 25%" in concision


def test_html_keeps_main_text_without_navigation_scripts_or_footer():
    doc = load_file(CORPUS / "deliberation-timeline.html")
    text = doc.text
    assert doc.format == "html" and doc.title == "Deliberation Timeline"
    assert "7.3 The results are embargoed until the awards ceremony." in text
    for chrome in (
        "Jury Portal",
        "Programme",
        "lbiffAnalytics",
        "page_view",
        "All rights reserved",
        "uses cookies",
        "font-family",
    ):
        assert chrome not in text, chrome
    assert doc.effective_date == "2027-01-15" and doc.kind == "timeline"
    assert any(b.table and b.text.startswith("Date: Saturday 19 June 2027") for b in doc.blocks)


def test_markdown_front_matter_sets_document_metadata():
    doc = load_file(CORPUS / "amendment-01.md")
    assert doc.format == "markdown"
    assert doc.title == "Amendment No. 1 to the Jury Regulations and the Juror Code of Conduct"
    assert (doc.kind, doc.effective_date, doc.edition) == ("amendment", "2027-05-01", "2027")
    assert doc.festival == "Lumen Bay International Film Festival"
    assert doc.amends == "jury-regulations.md, code-of-conduct.pdf"
    assert "title:" not in doc.text and "---" not in doc.text


def test_the_body_a_front_matter_names_as_publisher_is_read_with_the_documents_name(tmp_path: Path):
    """A judges' code titled "Lamplight Awards – Judges' Code" whose front matter names its publisher, "The
    Television Writers' Guild of Calverna", was a festival of its own beside the guild's rules (written check set
    CR, first sight): the publisher or organiser a front matter names is read with the document's own name, never
    quoted."""
    path = tmp_path / "judges_code.md"
    path.write_text(
        "---\ntitle: \"Lamplight Awards – Judges' Code\"\npublisher: The Television Writers' Guild of Calverna\n"
        "version: 2026.1\n---\n\n# The Lamplight Awards: Judges' Code\n\n## Watching\n\n"
        "Watch every episode in full, at normal playback speed, with sound.\n",
        encoding="utf-8",
    )
    doc = load_file(path)
    assert "The Television Writers' Guild of Calverna" in doc.header
    assert "Guild" not in doc.text and "publisher" not in doc.text


def test_markdown_footnotes_are_read_where_they_are_cited(tmp_path: Path):
    """A note finishes the rule that cites it ("... still in contention.[^3]" and "[^3]: In such a case, the vote is
    not replaced"): quoted apart, the answer showed "contention.[^3]" and the note's own line (written check set AG)."""
    path = tmp_path / "prize-regulations.md"
    path.write_text(
        "# Prize Regulations\n\n## 4. Voting\n\n"
        "- A member with a link to a nominated work does not vote in any ballot on that work.[^3]\n"
        "- The final decisions are taken by secret ballot.[^9]\n\n"
        "## 5. Contact\n\nPrize Office, 9 Harbour Road.\n\n"
        "[^3]: In such a case, the member's vote is not replaced and the majority is calculated on the votes cast.\n"
        "    Abstentions count as votes cast.\n",
        encoding="utf-8",
    )
    doc = load_file(path)
    item = block_starting(doc, "- A member with a link")
    assert item.text.endswith(
        "that work. In such a case, the member's vote is not replaced and the majority is calculated on the votes "
        "cast. Abstentions count as votes cast."
    )
    assert "[^" not in doc.text and "secret ballot." in doc.text  # a marker with no note is dropped
    assert not any(b.text.startswith("In such a case") for b in doc.blocks)


def test_a_markdown_checklist_s_boxes_are_no_part_of_its_items(tmp_path: Path):
    """ "- [ ] Keep your receipts for taxis …": the box is a place to tick, and "[ ] Keep your receipts …" was quoted
    as the answer (written check set AI)."""
    path = tmp_path / "jury-checklist.md"
    path.write_text(
        "# Jury Checklist\n\n## During the Week\n\n"
        "- [ ] Keep your receipts for taxis; they are refunded at the Jury Office.\n"
        "- [x] Collect your badge at the Jury Desk.\n"
        "1. [ ] Sign the declaration of independence.\n",
        encoding="utf-8",
    )
    doc = load_file(path)
    assert block_starting(doc, "- Keep your receipts").text.endswith("refunded at the Jury Office.")
    assert "[ ]" not in doc.text and "[x]" not in doc.text
    assert "Collect your badge at the Jury Desk." in doc.text and "Sign the declaration" in doc.text


def test_a_web_copys_footer_with_its_address_and_page_mark_is_furniture(tmp_path: Path):
    """ "Lantern Coast Documentary Foundation · 22 Quayside Rope Walk, … · Page 1 of 1 (web version)" closing a
    Markdown copy of the jury rules was quoted as when jurors must be in town (written check set CJ, first sight)."""
    path = tmp_path / "jury-rules-2026.md"
    path.write_text(
        "# Jury Rules 2026\n\n## 5. Attendance\n\n5.2 Jurors shall be present from 6 May 2026 to 15 May 2026.\n\n"
        "---\n\n<small>Lantern Coast Documentary Foundation · 22 Quayside Rope Walk, Port Averell PA3 9TN · "
        "Regulation LCDF/JR/2026 · Page 1 of 1 (web version)</small>\n",
        encoding="utf-8",
    )
    doc = load_file(path)
    assert "Page 1 of 1" not in doc.text and "Quayside Rope Walk" not in doc.text
    assert "Jurors shall be present from 6 May 2026 to 15 May 2026." in doc.text


def test_plain_text_letter_loads_with_effective_date_from_the_text():
    doc = load_file(CORPUS / "welcome-letter.txt")
    assert doc.format == "text" and doc.kind == "letter"
    assert doc.effective_date == "2027-01-15"
    # The running title, the issuing line and the salutation are the letter's front matter, not quotable text.
    assert "Dear Juror," in doc.header and "Dear Juror," not in doc.text
    assert doc.text.startswith("On behalf of the Lumen Bay Film Foundation")


def test_organiser_overrides_win_over_what_the_file_says():
    doc = load_file(
        CORPUS / "glossary.md", overrides={"kind": "regulations", "effective_date": "2030-02-01", "festival": ""}
    )
    assert (doc.kind, doc.effective_date) == ("regulations", "2030-02-01")
    assert doc.festival == "Lumen Bay International Film Festival"  # empty override ignored


def test_folder_discovery_skips_readme_hidden_and_unsupported(tmp_path: Path):
    (tmp_path / "README.md").write_text("# About\n\nNot a rule.")
    (tmp_path / ".draft.md").write_text("# Draft")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "rules.md").write_text("# Rules")
    (tmp_path / "notes.xlsx").write_bytes(b"x")
    assert [p.name for p in discover([tmp_path])] == ["rules.md"]


# ---------------------------------------------------------------- bad input, one clear problem each


def problem(data: bytes, name: str, **kw) -> str:
    with pytest.raises(LoadError) as info:
        load_bytes(data, name, **kw)
    assert info.value.source == name
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return info.value.problem


def test_empty_file():
    assert problem(b"", "empty.md") == "the file is empty"
    assert problem(b"  \n\n ", "blank.txt") == "the file is empty"


def test_corrupt_pdf():
    assert "not a readable PDF" in problem(corrupt_pdf_bytes(), "corrupt.pdf")
    truncated = (CORPUS / "code-of-conduct.pdf").read_bytes()[:4000]
    assert "not a readable PDF" in problem(truncated, "truncated.pdf")


def test_scanned_pdf_without_text_layer():
    assert SCANNED_MESSAGE in problem(scanned_pdf_bytes(), "scanned.pdf")


def test_unsupported_extension():
    message = problem(b"col1,col2", "scores.xlsx")
    assert "unsupported file type '.xlsx'" in message and ".pdf" in message
    assert "no extension" in problem(b"text", "README")


def test_file_over_the_size_limit(tmp_path: Path):
    path = tmp_path / "big.md"
    path.write_bytes(b"# Rules\n\n" + b"Jurors must attend. " * 2000)
    with pytest.raises(LoadError) as info:
        load_file(path, max_bytes=10 * 1024)
    assert "over the 10 KB limit" in info.value.problem


def test_legacy_encoding_loads_with_a_warning():
    doc = load_bytes(legacy_text_bytes(), "frais.txt")
    assert "25 € par jour" in doc.text and "reçus" in doc.text and "cérémonie" in doc.text
    assert doc.warnings == ["frais.txt: not UTF-8; read as Windows-1252 (legacy encoding)"]


@pytest.mark.parametrize("name", sorted(FOREIGN_RULES))
def test_rules_in_another_language_load_with_a_warning_that_names_it(name: str):
    text, language = FOREIGN_RULES[name]
    doc = load_bytes(text.encode(), name)
    assert "Giuria" in doc.text or "Jurado" in doc.text  # loaded and citable all the same
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith(f"{name}: reads as {language}")
    assert "questions asked in English will seldom find its rules" in doc.warnings[0]


def test_english_rules_and_a_prize_table_load_without_a_language_warning_and_another_script_with_one():
    english = load_bytes((CORPUS / "jury-regulations.md").read_bytes(), "jury-regulations.md")
    assert not english.warnings
    russian = "# Положение\n\n" + "Жюри состоит из пяти членов и принимает решение большинством голосов. " * 12
    assert (
        load_bytes(russian.encode(), "polozhenie.md")
        .warnings[0]
        .startswith("polozhenie.md: is not written in the Latin alphabet")
    )
    table = "# Prizes\n\n" + "\n".join(
        f"- Golden Lantern {i}: EUR {i * 1000}, Harbour Hall, Riverbend" for i in range(30)
    )
    assert not load_bytes(table.encode(), "prizes.md").warnings


def test_utf16_and_bom_text_load_without_warning():
    text = "Article 1. Jurors must keep the deliberations confidential (€, é)."
    for data in (text.encode("utf-16"), text.encode("utf-8-sig")):
        doc = load_bytes(data, "rules.txt")
        assert doc.text == text and not doc.warnings


def test_docx_zip_bomb_is_refused_without_unpacking(tmp_path: Path):
    path = tmp_path / "bomb.docx"
    write_zip_bomb_docx(path)
    assert path.stat().st_size < 3 * 1024 * 1024
    with pytest.raises(LoadError) as info:
        load_file(path)
    assert "ZIP bomb" in info.value.problem


def test_docx_that_is_not_a_zip_or_lacks_its_document():
    assert "not a ZIP archive" in problem(b"just text named .docx", "fake.docx")
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "no word/document.xml" in problem(out.getvalue(), "hollow.docx")


def test_small_docx_without_headings_loads():
    doc = load_bytes(
        small_docx_bytes(["Article 1 — Scope", "1.1 These rules apply to every juror of the festival."]), "mini.docx"
    )
    assert "1.1 These rules apply" in doc.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.md", "passwd.md"),
        ("..\\..\\windows\\system32\\rules.pdf", "rules.pdf"),
        ("/abs/path/.hidden.md", "hidden.md"),
        ("rules\x00.md", "rules.md"),
        ("a\nb<script>.md", "a_b_script_.md"),
        ("../..", "unnamed"),
    ],
)
def test_safe_filename_strips_path_tricks(name: str, expected: str):
    safe = safe_filename(name)
    assert safe == expected
    assert "/" not in safe and "\\" not in safe and not safe.startswith(".")


def test_a_cited_pdf_page_renders_as_an_image_and_a_bad_page_is_named(tmp_path: Path):
    import io

    from PIL import Image

    pdf = CORPUS / "code-of-conduct.pdf"
    image = Image.open(io.BytesIO(pdf_page_png(pdf, 2, width_px=600)))
    assert image.format == "PNG" and image.width == 600 and image.height > image.width  # a portrait page
    colours = image.convert("L").getextrema()
    assert colours[0] < 100 < colours[1], "the page shows dark text on a light background"
    quote = "The confidentiality of votes and of the positions taken by individual jurors lasts for life."
    marked = Image.open(io.BytesIO(pdf_page_png(pdf, 1, width_px=600, highlight=quote))).convert("RGB")
    plain = Image.open(io.BytesIO(pdf_page_png(pdf, 1, width_px=600))).convert("RGB")
    yellow = [y for y in range(marked.height) for x in range(0, 600, 4) if _is_marker(marked.getpixel((x, y)))]
    assert yellow and not any(_is_marker(plain.getpixel((x, y))) for y in yellow for x in range(0, 600, 4))
    assert 10 < max(yellow) - min(yellow) < 60, "two lines of text marked, not the page"
    elsewhere = pdf_page_png(pdf, 1, width_px=600, highlight="Words that are nowhere on this page at all.")
    assert Image.open(io.BytesIO(elsewhere)).convert("RGB").tobytes() == plain.tobytes()
    with pytest.raises(LoadError, match=r"there is no page 99 \(the PDF has \d+ pages\)"):
        pdf_page_png(pdf, 99)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(corrupt_pdf_bytes())
    with pytest.raises(LoadError, match="the PDF cannot be opened"):
        pdf_page_png(broken, 1)


def _is_marker(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    return r > 240 and 200 < g < 245 and b < 190


# ---------------------------------------------------------------- real-shaped regulations

REAL_SHAPED = Path(__file__).resolve().parents[1] / "support" / "realshaped"


def test_source_and_title_lines_running_headers_and_web_furniture_are_metadata_not_text():
    doc = load_file(REAL_SHAPED / "harbour-lights-regulations-2024.md")
    assert doc.title.startswith("Regulations — Harbour Lights Film Festival, 9th edition")
    assert doc.url == "https://harbourlights.example.org/en/about/regulations"
    text = doc.text
    for furniture in ("Source:", "Title:", "2024-01-15", "Home > About", "More info soon", "FOLLOW US"):
        assert furniture not in text, furniture
    # the running title and the dates under it name the festival and its edition: they stay as the header
    assert "3–11 May 2024, Port Ellery" in doc.header
    assert not any(b.text == "Harbour Lights Film Festival Regulations" for b in doc.blocks)


def test_lines_after_a_lead_in_are_list_items_not_one_run_on_sentence():
    doc = load_file(REAL_SHAPED / "harbour-lights-regulations-2024.md")
    texts = [b.text for b in doc.blocks]
    lead = texts.index("Awards presented:")
    assert texts[lead + 1 : lead + 5] == [
        "- Golden Beacon for the Best Film (Grant of 8,000 Euros, shared by the Director and Producer)",
        "- Best Director (Grant of 3000 Euros)",
        "- Best Performance",
        "- Best Screenplay",
    ]
    assert texts[lead + 5] == "A film in the Main Competition may receive no more than two awards."
    # numbered titles are headings: they name the section a quote is cited from
    assert ("1.2 Jury", 3) in [(b.text, b.level) for b in doc.blocks]


def test_hard_wrapped_text_with_article_labels_lettered_items_and_a_faq():
    doc = load_file(REAL_SHAPED / "northern-dunes-festival-rules-2023.txt")
    headings = [b.text for b in doc.blocks if b.level]
    assert headings[:3] == ["Article 1. Competition", "Article 2. Jury", "Article 3. Prizes"]
    texts = [b.text for b in doc.blocks if not b.level]
    assert texts[0] == (
        "Films submitted to the short film competition must not exceed 25 minutes, including credits. Films longer "
        "than 25 minutes are shown out of competition."
    )
    assert "b) the Prize for the best animation;" in texts
    assert "When are the winners announced?" in headings  # a question heads its answer
    assert "The winners are announced at the closing night on 14 October 2023." in texts
    # the page mark is furniture; the title printed again is the title; the running header stays a header
    assert "Page 1 of 3" not in doc.text and "NORTHERN DUNES" not in doc.text
    assert doc.header == "RULES OF THE 2023 EDITION"


def test_words_printed_one_per_line_and_clause_numbers_cut_off_are_mended():
    text = (
        "1.2.\nLegal\nbody\nof\nthe\nAwards\nis\nthe\nFilm\nAcademy e.V.\n"
        "The Board consists of the Chairman and up to 15 members.\n"
        "Article 6.\n6.1.\n6.2.\nSubmission.\nEach school may submit a programme of at most 40 minutes.\n"
    )
    blocks = [b.text for b in load_bytes(text.encode(), "rules.txt").blocks]
    assert blocks[0].startswith("1.2. Legal body of the Awards is the Film Academy e.V.")
    assert "6.1." not in " ".join(blocks) and "6.2." not in " ".join(blocks)
    assert any(b.startswith("Each school may submit a programme") for b in blocks)


def test_an_address_block_is_one_paragraph_not_a_run_of_headings():
    text = (
        "All entries should be sent to the following address:\n"
        "Festival Office\nHarbour Street 3\n12345 Port Ellery\nTel.: +00 555 0100\nE-mail: office@example.org\n\n"
        "Entries arriving late are not accepted.\n"
    )
    doc = load_bytes(text.encode(), "address.txt")
    assert [b.level for b in doc.blocks] == [0, 0, 0]
    assert "Harbour Street 3" in doc.blocks[1].text and "office@example.org" in doc.blocks[1].text


# ---------------------------------------------------------------- one regulation, every way it is published

REAL_SHAPED = Path(__file__).resolve().parents[1] / "support" / "realshaped"
HARBOUR_TEXT = (REAL_SHAPED / "harbour-lights-regulations-2024.md").read_text(encoding="utf-8")


def _published(fmt: str) -> bytes:
    from support.published import DEJAVU, as_docx, as_html, as_pdf

    if fmt == "pdf" and not DEJAVU.exists():
        pytest.skip("the PDF rendering needs the DejaVu font (Debian fonts-dejavu-core)")
    return (
        {"docx": as_docx, "html": as_html}[fmt](HARBOUR_TEXT)
        if fmt != "pdf"
        else as_pdf(HARBOUR_TEXT, "Harbour Lights Film Festival · Regulations 2024")
    )


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_lists_headings_and_paragraphs_survive_every_format(fmt: str) -> None:
    """Word and web lists keep their numbers outside the text and a PDF has no blank lines: each still reads as the
    text file does (items marked, numbered clause headings found, the running title and page numbers dropped)."""
    doc = load_bytes(_published(fmt), f"harbour.{fmt}")
    texts = [b.text for b in doc.blocks]
    headings = [b.text for b in doc.blocks if b.level]
    assert {"1.2 Jury", "1.3 Eligibility"} <= set(headings), headings
    assert "- Best Director (Grant of 3000 Euros)" in texts, texts  # an item after "Awards presented:"
    assert "Awards presented:" in texts  # the lead-in is its own block, not the end of the paragraph before
    assert not any("Page 1 of" in t or t == "Harbour Lights Film Festival · Regulations 2024" for t in texts)
    jury = texts[texts.index("1.2 Jury") + 1 :]
    assert jury[0].startswith("The Main Competition jury consists of five members"), jury[:2]


@pytest.fixture(scope="module")
def published_answers(tmp_path_factory: pytest.TempPathFactory, embeddings):
    """The Harbour Lights regulations loaded alone, once per format, and asked the same questions."""
    from support.library import make_settings

    from assistant.answers.assistant import Assistant
    from assistant.library.library import Library

    questions = [
        "I have money in one of the competition films; can I still be on the jury?",
        "What's the shortest running time allowed in the Main Competition?",
        "How many awards can one film win?",
        "How does the jury decide if the vote is split?",
    ]
    answers: dict[str, list] = {}
    for fmt in ["md", "docx", "html", "pdf"]:
        data = tmp_path_factory.mktemp(f"published-{fmt}")
        raw = HARBOUR_TEXT.encode() if fmt == "md" else _published(fmt)
        Library(make_settings(data), embeddings).ingest_upload(f"harbour-lights-regulations-2024.{fmt}", raw)
        assistant = Assistant.from_settings(make_settings(data), embeddings=embeddings)
        answers[fmt] = [assistant.ask(q, log=False) for q in questions]
    return answers


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_the_same_regulations_give_the_same_answers_in_every_format(published_answers, fmt: str) -> None:
    expected = [
        "may not sit on its jury",
        "under 70 minutes",
        "no more than two awards",
        "simple majority",
    ]
    for text_answer, answer, rule in zip(published_answers["md"], published_answers[fmt], expected, strict=True):
        assert not answer.abstained and answer.citations, answer.answer
        assert rule in answer.citations[0].quote, (fmt, answer.answer)
        assert [c.quote for c in answer.citations] == [c.quote for c in text_answer.citations], fmt
        assert answer.citations[0].section == text_answer.citations[0].section, fmt


def test_a_reference_that_wrapped_onto_a_line_of_its_own_ends_its_sentence() -> None:
    """ "... for the purposes of" / "clause 5.2." is the end of the sentence, not a clause number to drop."""
    from assistant.library.loading.lines import read_plain

    text = (
        "5.6 Welcome pack. The welcome pack given to every juror is not a gift for the purposes of\n"
        "clause 5.2.\n\n5.7 Register of gifts. A juror who receives a gift must tell the coordinator.\n\n"
        "1.2.\nLegal body of the awards is the Academy."
    )
    texts = [b.text for b in read_plain(text)]
    assert texts[0].endswith("is not a gift for the purposes of clause 5.2."), texts
    assert "1.2. Legal body of the awards is the Academy." in texts
    # in brackets, and after "see": "section 6)." was a heading over the next clause (written check set AB)
    text = (
        "4.2  The Panel watches all submitted films and chooses the program of\n"
        "     the Showcase. The Panel also gives the Elders' Honour (see\n"
        "     section 6).\n\n"
        "4.3  The Panel works by consensus. When consensus cannot be reached\n"
        "     after two sittings, the Panel decides by a vote of five of its seven members.\n\n"
        "Section 6\n\n6.1 The Elders' Honour is given to one film."
    )
    blocks = read_plain(text)
    assert blocks[0].text.endswith("gives the Elders' Honour (see section 6).")
    assert [b.text for b in blocks if b.level] == ["Section 6"]


def test_the_next_number_of_a_list_starts_an_item_after_an_item_without_a_full_stop() -> None:
    """An item that ends on an address ("... through link@festival.example") does not swallow the next item."""
    from assistant.library.loading.lines import read_plain

    text = (
        "ENTRY REQUIREMENTS\n\n"
        "6. Final output should be in MP4 file (H.264)\n"
        "7. Entries can be submitted on a USB stick at Room 103 or through entries@festival.example\n"
        "8. Entries should be passed before April 7, 2023.\n\n"
        "9. Any film submitted after the deadline is refused, as stated in section\n"
        "10 of these rules."
    )
    texts = [b.text for b in read_plain(text)]
    assert "7. Entries can be submitted on a USB stick at Room 103 or through entries@festival.example" in texts
    assert "8. Entries should be passed before April 7, 2023." in texts
    assert "9. Any film submitted after the deadline is refused, as stated in section 10 of these rules." in texts


COMPETITION_TEXT = (
    "Regulations : Competition\n\nPeriod\nOctober 18th to October 26th\nFOREWORD\n"
    "The festival's regulations follow the regulations of the federation of producers.\n"
    "ARTICLE 1: Eligibility\n"
    "All films invited to the Competition must meet the following conditions:\n"
    "(1)Must be feature films completed after July 1st, 2007.\n"
    "(2)Documentary films are not eligible.\n"
    "ARTICLE 2: Prizes\n"
    "The festival will award the following prizes on the decision of the Jury:\n"
    "- Grand Prix (cash prize of 100,000 US dollar)\n"
    "- Award for Best Director (cash prize of 5,000 US dollar)\n"
    "Venue: Roppongi Hills, Tokyo\n"
    "Rule 9: Entrants must not contact the jury\n"
    "Section 4: The jury shall meet every day\n"
    "The festival office keeps the minutes.\n"
    "Article 3: Composition of the jury\n"
    "The jury has five members.\n"
)


def test_an_article_heading_with_a_colon_heads_its_article_and_a_field_stays_text() -> None:
    """ "ARTICLE 2: Prizes" has the shape of a "Date: 19 June" field, but it is where the prizes' citation points."""
    from assistant.library.chunking import chunk_document

    text = COMPETITION_TEXT
    doc = load_bytes(text.encode(), "competition-regulations.md")
    sections = {c.section for c in chunk_document(doc) if "Best Director" in c.text or "Documentary" in c.text}
    assert any(s.endswith("ARTICLE 2: Prizes") for s in sections), sections
    assert any(s.endswith("ARTICLE 1: Eligibility") for s in sections), sections
    jury = {c.section for c in chunk_document(doc) if "five members" in c.text}
    assert any(s.endswith("Article 3: Composition of the jury") for s in jury), jury
    assert not any(b.level for b in doc.blocks if b.text.startswith(("Venue", "Rule 9", "Section 4"))), (
        "a field, a rule or a statement is text"
    )


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_an_article_heading_with_a_colon_heads_its_article_in_every_format(fmt: str) -> None:
    from support.published import DEJAVU, as_docx, as_html, as_pdf

    if fmt == "pdf" and not DEJAVU.exists():
        pytest.skip("the PDF rendering needs the DejaVu font (Debian fonts-dejavu-core)")
    data = {"docx": as_docx, "html": as_html}[fmt](COMPETITION_TEXT) if fmt != "pdf" else as_pdf(COMPETITION_TEXT, "")
    headings = [b.text for b in load_bytes(data, f"competition.{fmt}").blocks if b.level]
    for title in ("ARTICLE 1: Eligibility", "ARTICLE 2: Prizes", "Article 3: Composition of the jury"):
        assert title in headings, headings
    assert not any(h.startswith(("Venue", "Rule 9", "Section 4")) for h in headings), headings


@pytest.mark.parametrize("name", ["handbook.md", "handbook.txt"])
def test_a_table_flattened_to_lines_with_bars_keeps_every_row(name: str) -> None:
    """ "17 March, 23:59 | Deadline for submitting score sheets" under "Date | What happens": read as paragraphs, the
    short rows passed for headings with nothing under them and the deadline was in no passage (written check set S).
    Each row is now an item of one list, the row of column names first."""
    text = (
        "Jury Handbook\n\n2. Judging timetable\n\nKey dates for jurors:\n"
        "Date | What happens\n3 March | Screening links sent to all jurors\n"
        "17 March, 23:59 | Deadline for submitting score sheets\n28 March | Awards ceremony\n\n"
        "Score sheets received after the deadline can only be counted if the Jury Chair agrees.\n\n"
        "3. Entry fees\n\nA | Years 6 and below | £10\nB | Open entry | £20\n\n"
        "Accessibility | Privacy | Cookies\n"
    )
    doc = load_bytes(text.encode(), name)
    rows = [b.text for b in doc.blocks if b.table]
    assert rows[:2] == ["- Date | What happens", "- 3 March | Screening links sent to all jurors"]
    assert "- 17 March, 23:59 | Deadline for submitting score sheets" in rows
    assert "- A | Years 6 and below | £10" in rows and "- B | Open entry | £20" in rows
    assert not any(b.level and "|" in b.text for b in doc.blocks)  # no row is a heading
    assert any("Jury Chair agrees" in b.text and not b.table for b in doc.blocks)


def test_a_pdf_copied_to_text_loses_its_running_titles_and_its_articles_stay_siblings() -> None:
    """Regulations copied from a PDF to text repeat their title with the page mark on every page ("… – Regulations
    Page 2 of 6"), and head their articles "Art. 2 – …": the running title was kept as a line of clause 2.3, and
    each "Art." heading nested under the one before ("Art. 1 › Art. 2 › Art. 3 …": written check set U)."""
    text = (
        "Lindholm Short Film Festival 2026 – Regulations                Page 1 of 3\n\n"
        "Art. 1 – Organisation\n1.1 The Festival is organised by the Lindholm Film Foundation.\n"
        "1.2 Only the English version of these Regulations is binding.\n\n"
        "Lindholm Short Film Festival 2026 – Regulations                Page 2 of 3\n\n"
        "Art. 2 – Juries\n2.1 Each jury shall award one prize only.\n"
        "2.2 The final deadline is 15 March 2026. Late entries are not accepted.\n"
        "Lindholm Short Film Festival 2026 – Regulations – Page 3 of 3\n"
        "2.3 A jury may decide not to award its prize. See the schedule on page 3.\n"
    )
    doc = load_bytes(text.encode(), "lindholm-regulations.txt")
    assert "Page 2 of 3" not in doc.text and "Page 3 of 3" not in doc.text
    assert "See the schedule on page 3." in doc.text  # a sentence that names a page is text
    assert [(b.text, b.level) for b in doc.blocks if b.level] == [
        ("Art. 1 – Organisation", 2),
        ("Art. 2 – Juries", 2),
    ]


CHARTER_TEXT = """# KESTREL POINT INTERNATIONAL FESTIVAL OF WILD CINEMA
Jury Charter
3rd Edition - Kestrel Point, 4-9 May 2026
Adopted by the Board of the Kestrel Point Film Society on 2 February 2026. This Charter applies to every member of the Wild Cinema Jury and should be read together with the Festival Regulations.

## Article 1 - Duties
1.1 Jurors shall attend every screening of the competition in person.
1.2 A juror who misses a screening shall tell the Jury Secretary the same day.
1.3 Jurors shall not discuss the films in competition with the press before the awards ceremony.

## Article 2 - Conflicts of interest
2.1 A juror who took part in making a film in competition, or whose close relative did, shall not serve on the Jury.
2.2 A juror who discovers such a connection after appointment shall inform the Festival Director at once.

## Article 3 - Deliberation
3.1 The Jury deliberates in private on the last day of the Festival, and its deliberations are confidential.
3.2 Awards are decided by a simple majority of the jurors present; in the event of a tie the President has the casting vote.
3.3 The Jury may give one special mention, which carries no prize money.

## Article 4 - Expenses
4.1 The Festival covers each juror's travel in economy class and six nights in a hotel in Kestrel Point.
4.2 Jurors receive a daily allowance of 40 euros for meals.
"""


def test_a_title_block_printed_over_several_lines_is_the_title_and_header_not_a_list() -> None:
    """The capitals of a printed title wrap onto a second line and are followed by short lines (what the document
    is, the edition): they were read as a list of four items, the opening paragraph as a fifth, and the document
    was titled by its file name, so its festival was grouped with nothing (written check set AC)."""
    from support.published import DEJAVU, as_pdf

    if not DEJAVU.exists():
        pytest.skip("needs the DejaVu font")
    doc = load_bytes(as_pdf(CHARTER_TEXT, "KPIFWC Jury Charter 2026"), "kestrel_jury_charter_2026.pdf")
    assert doc.title == "Kestrel Point International Festival of Wild Cinema"
    assert "KESTREL POINT INTERNATIONAL FESTIVAL OF WILD CINEMA" in doc.header
    opening = next(b for b in doc.blocks if "Adopted by the Board" in b.text)
    assert opening.text.endswith("read together with the Festival Regulations.")
    assert not [b.text for b in doc.blocks if b.text.startswith("- ")]
    # a numbered clause wrapped after a capitalised word is one sentence, not a heading and a stray line
    assert "1.2 A juror who misses a screening shall tell the Jury Secretary the same day." in doc.text


def test_initials_in_brackets_keep_their_capitals_when_a_title_in_capitals_is_written_as_a_name() -> None:
    """ "KESTREL LANTERN CHILDREN'S FILM FESTIVAL (KLCFF)" was titled "… Film Festival (klcff)" in every citation
    (written check set BT, first sight): the initials the festival goes by stay as they are printed."""
    text = (
        "KESTREL LANTERN CHILDREN'S FILM FESTIVAL (KLCFF)\n14th edition - Brindlemoor, 18-24 October 2025\n\n"
        "1. SCOPE\n1.1 These rules apply to every adult who accompanies the Young Jury during the jury week.\n"
    )
    assert load_bytes(text.encode(), "kestrel_rules.txt").title == "Kestrel Lantern Children's Film Festival (KLCFF)"


def test_a_ruler_drawn_with_one_character_separates_and_is_no_part_of_the_title() -> None:
    text = (
        "======================================================\n"
        "FENNICK VALLEY YOUTH CINEMA SHOWCASE\n"
        "5th Showcase | 5 to 9 November 2026 | Fennick\n"
        "======================================================\n\n"
        "WELCOME\n"
        "The Fennick Valley Youth Cinema Showcase brings young filmmakers and audiences together for five days.\n"
    )
    doc = load_bytes(text.encode(), "fvycs_guidelines.txt")
    assert doc.title == "Fennick Valley Youth Cinema Showcase"
    assert "=" not in doc.header and "=" not in doc.text


def test_a_short_word_paragraph_that_names_the_body_is_not_run_into_the_sentence_after_it() -> None:
    """In a Word file the lines under the title that name the festival are paragraphs of their own: judged as wrapped
    lines by the three paragraphs before the first heading, they were read as the start of the next sentence
    ("… in Film (HVFF) Run by … Thank you for volunteering …"), and the festival was grouped with nothing."""
    import io

    import docx

    document = docx.Document()
    document.add_heading("Volunteer Judge Agreement 2026", level=0)
    document.add_paragraph("Hollin Vale Festival of Film and Faith (HVFF)")
    document.add_paragraph("Run by The Hollin Vale Trust, registered charity no. 1234567")
    document.add_paragraph(
        "Thank you for volunteering as a judge for the sixth Hollin Vale Festival of Film and Faith. This agreement"
        " describes what the Trust hopes you will do and what you can expect from us in return."
    )
    for number, (heading, rule) in enumerate(
        [
            ("Your role", "Judges work in one of two panels, and each panel has three judges, one of whom leads it."),
            ("What we ask of you", "Judges watch every film on their panel's shortlist before the panel meets."),
            ("Confidentiality", "Judges keep the panel's discussions and scores confidential, during and after it."),
        ],
        1,
    ):
        document.add_heading(f"{number}. {heading}", level=1)
        document.add_paragraph(rule)
    out = io.BytesIO()
    document.save(out)
    doc = load_bytes(out.getvalue(), "hvff_volunteer_judge_agreement.docx")
    assert "Hollin Vale Festival of Film and Faith (HVFF)" in doc.header
    assert block_starting(doc, "Thank you for volunteering")


WRAPPED_CLAUSES = """Title: Olvenna Trails Regulations
# Article 8 – Juries

8.1 The International Jury consists of five members chosen by the Festival Director among filmmakers, mountaineers, explorers, photographers and journalists.
8.2 A Selection Committee appointed by the Festival Director chooses the Films admitted to the Competition.
8.3 The Olvenna Travel and Adventure Film Festival (hereinafter "Olvenna Trails") awards five prizes.
"""


def test_a_numbered_clause_whose_first_line_wraps_is_one_clause_not_a_heading() -> None:
    """A clause's first line printed at the page's full width, or ending on "the" or inside brackets, goes on on the
    next line: read as the clause's title, the jury's size was cut off from "Director among filmmakers …", which no
    question found (written check set AO, first sight: rules on A5 pages)."""
    from support.published import DEJAVU, as_pdf

    if not DEJAVU.exists():
        pytest.skip("needs the DejaVu font")
    doc = load_bytes(as_pdf(WRAPPED_CLAUSES, "Olvenna Trails 2025 – Regulations"), "olvenna_regulations.pdf")
    headings = [b.text for b in doc.blocks if b.level]
    assert headings == ["Article 8 – Juries"], headings
    assert "8.1 The International Jury consists of five members chosen by the Festival Director among" in doc.text
    assert "8.2 A Selection Committee appointed by the Festival Director chooses the Films" in doc.text
    assert '8.3 The Olvenna Travel and Adventure Film Festival (hereinafter "Olvenna Trails") awards' in doc.text


def test_a_word_file_s_bold_lines_are_its_headings() -> None:
    """A Word file whose writer set the titles in bold instead of a heading style ("Who is on the jury") read them as
    sentences of the section before, so the jury's size sat under "Categories" and "How many people sit on the
    jury?" was answered with where jurors sit at the ceremony (written check set AR). A front page's bold lines and
    a bold sentence stay text."""
    import io

    import docx

    from assistant.library.chunking import chunk_document

    document = docx.Document()
    document.add_paragraph().add_run("RIVERSIDE STUDENT FILM FESTIVAL").bold = True
    document.add_paragraph().add_run("Welcome!").bold = True
    document.add_paragraph(
        "These rules apply to everyone who submits a film and to everyone on the jury of the festival."
    )
    document.add_paragraph().add_run("Categories").bold = True
    document.add_paragraph("There are three competitive categories: fiction, documentary and animation.")
    document.add_paragraph().add_run("Who is on the jury").bold = True
    document.add_paragraph("The jury has five members. The industry guest chairs the jury.")
    document.add_paragraph().add_run("Jurors must keep the results secret.").bold = True
    out = io.BytesIO()
    document.save(out)
    doc = load_bytes(out.getvalue(), "rules.docx")
    sections = {c.text.split(". ")[0]: c.section for c in chunk_document(doc)}
    size = next(text for text in sections if text.startswith("The jury has five members"))
    assert sections[size].endswith("Who is on the jury")
    assert doc.title == "Riverside Student Film Festival"  # the front page, before any text: read as before
    assert block_starting(doc, "Jurors must keep the results secret").level == 0


def test_a_web_page_wrapped_in_its_source_keeps_each_sentence_whole_and_its_accordions_as_sections():
    """A page whose paragraphs are wrapped in the HTML source ("keeps the minutes of the\\n  deliberation, but does not
    vote.") was read line by line: the sentence was cut in two, and neither half answered who keeps the minutes. An
    accordion's <summary> is its section's title (written check set BB)."""
    from assistant.library.chunking import chunk_document

    page = (
        "<html><body><main><h1>Notes for the Jury</h1>\n<details open>\n  <summary>2. Who is on the Jury</summary>\n"
        "  <p>The Jury Coordinator looks after you throughout the festival and keeps the minutes of the\n"
        "  deliberation, but does not vote.</p>\n</details>\n<details>\n  <summary>3. Contacts</summary>\n"
        "  <p>Jury Coordinator: Ben Sorrell<br>Press officer: Tam Oduya</p>\n</details></main></body></html>"
    )
    doc = load_bytes(page.encode(), "jury-notes.html")
    chunks = chunk_document(doc)
    minutes = next(c for c in chunks if "minutes" in c.text)
    assert "keeps the minutes of the deliberation, but does not vote." in minutes.text
    assert minutes.section == "2. Who is on the Jury"
    contacts = next(c for c in chunks if "Press officer" in c.text)
    assert contacts.section == "3. Contacts" and "Ben Sorrell\nPress officer" in contacts.text  # a <br> still breaks


def test_a_checklists_tick_boxes_are_list_items():
    """ "[ ] Destroy or delete your listening notes within 7 days." under a stage's heading: the boxes ran into one
    paragraph, so a question on one duty was answered with five (written check set BD; AI's "- [ ]" too)."""
    from assistant.library.chunking import chunk_document
    from assistant.library.units import units

    sheet = (
        "JUROR'S CHECKLIST\n\nE. AFTER THE MEETING\n----------------------------------------\n"
        "[ ] Say nothing about the result until the winner is announced at the\n    ceremony on 28 March 2026.\n"
        "[ ] Destroy or delete your listening notes within 7 days of the ceremony.\n"
        "[x] Portal access ends automatically 7 days after the ceremony.\n"
    )
    chunk = next(c for c in chunk_document(load_bytes(sheet.encode(), "checklist.txt")) if "notes" in c.text)
    quoted = [u.text for u in units(chunk.text)]
    assert "Destroy or delete your listening notes within 7 days of the ceremony." in quoted, quoted
    assert not any("[" in q for q in quoted), quoted


def _letter_pdf(pages: list[list[str]], footer: str) -> bytes:
    """A text PDF of these pages' lines, each page with a footer that carries its page number."""
    from fpdf import FPDF
    from support.published import DEJAVU

    class Letter(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.cell(0, 5, footer.format(self.page_no()), align="C")

    pdf = Letter()
    pdf.add_font("body", fname=str(DEJAVU))
    pdf.set_font("body", size=10)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


def test_a_footer_that_numbers_its_pages_and_a_letters_date_and_continued_title_are_no_text() -> None:
    """A jury handbook's footer "Page 2 | For jury members only - please do not circulate" differs on every page by
    its number, so it was kept, in the middle of the sentence it fell inside; a letter's date line "2 July 2026"
    headed the whole letter, and its second page's "Judges' information 2026 (continued)" headed the rest
    (written check sets BF and BG)."""
    pages = [
        [
            "2 July 2026",
            "Dear Judge,",
            "Thank you for agreeing to judge this year's festival. Each film should be given a mark out of 10 "
            "under each of three headings: storytelling, craft and heart.",
            "You are welcome to post about the festival, but please do not comment on individual competition",
        ],
        [
            "Kestle Moor Film Festival - Judges' information 2026 (continued)",
            "films until after the Awards Evening. If a journalist asks you about the jury's choices, please refer "
            "them to the press officer.",
        ],
        ["If a vote is tied, the Chair has a casting vote.", "With best wishes, Ann Holt, Volunteer Chair"],
    ]
    doc = load_bytes(_letter_pdf(pages, "Page {} | For jury members only - please do not circulate"), "judges.pdf")
    assert "For jury members only" not in doc.text
    assert "(continued)" not in doc.text
    assert "comment on individual competition films until after the Awards Evening" in " ".join(doc.text.split())
    assert not [b.text for b in doc.blocks if b.level and "2026" in b.text]


def test_a_list_item_that_holds_a_heading_and_a_list_is_read_block_by_block() -> None:
    """Regulations published as one ordered list of articles, each item an <h2> over a sub-list of clauses: each
    article was read as one line ("- Article 9 – Short Film Jury The Short Film Jury consists of three members. The
    jury awards …"), with no sections, so a clause could not be cited by its article and a jury's rules ran into the
    next jury's (written check set BF)."""
    page = """<html><body><main><h1>Regulations of the Port Calder Film Festival</h1>
    <ol>
      <li><h2>Article 9 &ndash; Short Film Jury</h2>
        <ol type="a">
          <li>The Short Film Jury consists of three members.</li>
          <li>The jury may give up to two Special Mentions.</li>
        </ol>
      </li>
      <li><h2>Article 10 &ndash; Documentary Jury</h2>
        <p>Read with Article 7.</p>
        <ol type="a"><li>The member nominated by the Documentary Guild chairs the jury.</li></ol>
      </li>
      <li>Article 11 &ndash; Audience Award <ol><li>There is no jury.</li></ol></li>
    </ol></main></body></html>"""
    doc = load_bytes(page.encode(), "regulations.html")
    assert [b.text for b in doc.blocks if b.level] == ["Article 9 – Short Film Jury", "Article 10 – Documentary Jury"]
    text = doc.text
    assert "- The Short Film Jury consists of three members." in text
    assert "- The member nominated by the Documentary Guild chairs the jury." in text
    assert "Article 11 – Audience Award" in text and "- There is no jury." in text
    assert "Article 9 – Short Film Jury The Short Film Jury" not in text


def test_a_word_file_with_tracked_changes_reads_as_if_they_were_accepted() -> None:
    """A jurors' code saved with its review's tracked changes still in it read "no later than  before the first
    screening": the inserted "five working days" was left out (python-docx reads no inserted run), so "By when do I
    declare a conflict?" found no deadline (written check set BH, first sight). Deleted text stays out, and so does
    text moved away; a table cell reads the same way."""
    import io

    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_heading("Jurors' Code of Conduct", level=1)
    para = document.add_paragraph("Declarations are made in writing no later than ")
    para._p.append(
        parse_xml(f'<w:del {w} w:id="1" w:author="Legal team"><w:r><w:delText>48 hours</w:delText></w:r></w:del>')
    )
    para._p.append(
        parse_xml(f'<w:ins {w} w:id="2" w:author="Legal team"><w:r><w:t>five working days</w:t></w:r></w:ins>')
    )
    para.add_run(" before the first competition screening.")
    guest = document.add_paragraph()
    guest._p.append(
        parse_xml(
            f'<w:del {w} w:id="3" w:author="Legal team"><w:r><w:delText>Each juror may bring one guest at the'
            " Festival's expense.</w:delText></w:r></w:del>"
        )
    )
    cell = document.add_table(rows=1, cols=2).rows[0].cells
    cell[0].text = "Gifts"
    cell[1].paragraphs[0].add_run("Gifts worth more than EUR ")
    cell[1].paragraphs[0]._p.append(
        parse_xml(f'<w:ins {w} w:id="4" w:author="Legal team"><w:r><w:t>30</w:t></w:r></w:ins>')
    )
    cell[1].paragraphs[0].add_run(" are refused.")
    out = io.BytesIO()
    document.save(out)
    doc = load_bytes(out.getvalue(), "code.docx")
    assert "no later than five working days before the first competition screening." in doc.text
    assert "48 hours" not in doc.text and "guest" not in doc.text
    assert "Gifts worth more than EUR 30 are refused." in doc.text


def _with_word_notes(data: bytes, notes: dict[str, str]) -> bytes:
    """A Word file given a footnotes part, as Word writes one: its two separators, then the notes by id."""
    import io
    import zipfile

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(
        f'<w:footnote w:id="{key}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r>'
        "</w:p></w:footnote>"
        for key, text in notes.items()
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:footnote>{body}</w:footnotes>"
    )
    rel = (
        '<Relationship Id="rIdNotes" Target="footnotes.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
    )
    override = (
        '<Override PartName="/word/footnotes.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", override.encode() + b"</Types>")
            dst.writestr(item, content)
        dst.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def test_a_word_files_footnotes_are_read_after_the_paragraph_that_cites_them() -> None:
    """A festival's regulations kept two rules only in Word footnotes (a juror's per diem, an exception to the
    conflict rule), and neither was read: "what's the daily allowance for jurors?" found nothing (written check set
    CC, first sight). Each note now follows the paragraph that cites it; Word's separators are no notes."""
    import io

    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_heading("ARTICLE IX – HOSPITALITY", level=1)
    para = document.add_paragraph("9.1 The Festival covers travel, accommodation and a per diem.")
    para._p.append(parse_xml(f'<w:r {w}><w:footnoteReference w:id="1"/></w:r>'))
    document.add_paragraph("9.2 Members of the jury receive an honorarium of EUR 800.")
    out = io.BytesIO()
    document.save(out)
    note = "The per diem is EUR 45 for each full day spent at the Festival and is paid in cash on arrival."
    doc = load_bytes(_with_word_notes(out.getvalue(), {"1": note}), "regulations.docx")
    text = " ".join(doc.text.split())
    assert f"9.1 The Festival covers travel, accommodation and a per diem. {note}" in text
    assert text.index(note) < text.index("9.2 Members")


def test_a_web_glossarys_terms_each_head_their_definition() -> None:
    """A judging guide's glossary in a <dl> read its first term as the heading of the whole list (a title-case line)
    and ran the others into the definitions above them ("… Dr. Adaeze Marlowe. Calibration screening An online
    session …"), so "what is a calibration screening?" quoted the timeline (written check set CC, first sight). Each
    term now heads its definition, and is never read as a "Label: value" field (a glossary's "Festival" would name
    the page's festival); an FAQ written as a <dl> of questions keeps its question lines."""
    page = (
        "<html><body><h1>Judging guide</h1><h2>Glossary</h2><dl>"
        '<dt>Festival</dt><dd>The 23rd Meridian Student Film Awards, hereinafter "the Meridians".</dd>'
        "<dt>Awards Director</dt><dd>The staff member responsible for the awards.</dd>"
        "<dt>Calibration screening</dt><dd>An online session before Round One in which all judges score the same two "
        "sample films.</dd><dt>Shortlist</dt><dd>The six highest-scoring entries in a category.</dd>"
        "<dd>Ties for sixth place all go through.</dd></dl>"
        "<h2>FAQ</h2><dl><dt>Can I change my ballot?</dt><dd>Yes, until the ballot closes.</dd></dl></body></html>"
    )
    doc = load_bytes(page.encode(), "guide.html")
    headings = [(b.level, b.text) for b in doc.blocks if b.level]
    assert (3, "Calibration screening") in headings and (3, "Shortlist") in headings, headings
    definition = block_starting(doc, "An online session before Round One")
    assert definition.text.endswith("the same two sample films."), definition.text
    assert "Ties for sixth place all go through." in doc.text
    assert not doc.festival  # a glossary's "Festival" is a term, not the page's field naming its festival
    assert "Yes, until the ballot closes." in doc.text


def test_wording_struck_through_is_read_as_deleted_in_markdown_html_and_word() -> None:
    """A judges' wiki page shows the old wording struck through beside the new ("declare any link ~~on the morning of
    the judging day~~ in writing … before the viewing links are sent out"), and the quiz asked with both deadlines
    (written check set BL, first sight). Struck-through text is old wording, as a tracked deletion is."""
    import io

    import docx

    md = load_bytes(
        b"# Judges' handbook\n\nJudges must declare any link ~~on the morning of the judging day~~ in writing "
        b"before the viewing links are sent out.\n",
        "handbook.md",
    )
    assert "declare any link in writing before the viewing links are sent out." in md.text
    html = load_bytes(
        b"<html><body><h1>Rules</h1><p>Ties are broken by <del>a coin toss</del><s>lot</s> the chair's casting "
        b"vote.</p></body></html>",
        "rules.html",
    )
    assert "broken by the chair's casting vote." in " ".join(html.text.split())
    document = docx.Document()
    para = document.add_paragraph("Score sheets are due by ")
    para.add_run("1 March").font.strike = True
    para.add_run("14 March 2026.")
    out = io.BytesIO()
    document.save(out)
    assert "due by 14 March 2026." in load_bytes(out.getvalue(), "rules.docx").text


def test_an_e_mail_thread_reads_its_quoted_messages_and_no_signature_heads_a_section() -> None:
    """A jury coordinator's e-mail thread quotes the earlier messages line by line ("> ", ">> "): the rules in them
    were read with the marks inside the sentences, and the name under "Best wishes," became the heading of all that
    followed (written check set BH, first sight). A line or two that opens with ">" stays as written."""
    thread = (
        "From: Niamh Okafor <awards@tessel.example>\nSubject: RE: screening links\n\nHi all,\n\n"
        "VOTING\nThe online vote closes at 18:00 on Sunday 23 November.\n\nBest wishes,\nNiamh\n\n"
        "> -----Original Message-----\n> From: Niamh Okafor\n>\n>> Dear jurors,\n>>\n"
        ">> Each link allows up to three plays.\n>> All links expire at 23:59 on Tuesday 25 November.\n>>\n"
        ">> Best wishes,\n>> Niamh\n\nFilms must run\n> 60 minutes to enter the feature competition.\n"
    )
    doc = load_bytes(thread.encode(), "jury_email_thread.txt")
    assert "Each link allows up to three plays. All links expire at 23:59 on Tuesday 25 November." in doc.text
    assert not any(b.level and b.text == "Niamh" for b in doc.blocks)
    assert "> 60 minutes" in doc.text
    assert doc.title == "screening links"  # its subject (without "RE:"), not the greeting "Hi all,"
    # a question wrapped after its "Quick one:" is one sentence, not a field and a fragment; "Sent from my phone" and
    # "-----Original Message-----" are an e-mail's furniture
    asked = (
        "From: Dev Marchetti <dev@valleyframes.example>\n\nHi Niamh,\n\nQuick one: I co-host a small local podcast."
        " Am I allowed\nto mention that I'm on the Tessel jury?\n\nThanks,\nDev\n\nSent from my phone\n\n"
        "-----Original Message-----\nThe online vote opens on Monday 17 November.\n"
    )
    doc = load_bytes(asked.encode(), "reply.txt")
    assert "Am I allowed to mention that I'm on the Tessel jury?" in doc.text
    assert "Sent from my phone" not in doc.text and "Original Message" not in doc.text


def test_an_e_mail_s_header_fields_and_attribution_lines_are_never_its_text() -> None:
    """A forwarded thread's "From: … Sent: … To: … Subject: …" block was read as one paragraph and quoted as the
    answer to "How long do I have to send in my report?" (written check sets BC and BU, first sight); "On 3 May 2025,
    Ines wrote:" says who wrote, not a rule. A lone line that opens "To:" in the text is no header and stays."""
    thread = (
        "From: Tomasz Ekwueme <t.ekwueme@critics.example>\nSent: Monday, 19 May 2025 09:42\n"
        "To: MAFC jury delegates <delegates@critics.example>\nSubject: Fwd: Guidelines for jury delegates\n\n"
        "Dear delegates,\n\nThe Board has revised point 8 below: no reviews of films in your section until the award"
        " is announced.\n\nBest wishes,\nTomasz\n\n---------- Forwarded message ----------\n"
        "From: Ines Vallardo <ines@critics.example>\nDate: Sat, 3 May 2025 at 10:02\n"
        "Subject: Guidelines for jury delegates\nTo: Tomasz Ekwueme <t.ekwueme@critics.example>\n\n"
        "On 3 May 2025, Rafael Lind <rafael@critics.example> wrote:\n\n"
        "Each delegate sends the Association a report within 21 days of the closing ceremony.\n\n"
        "To: be sent by post, the signed declaration must reach the office before the festival.\n"
    )
    doc = load_bytes(thread.encode(), "delegates_thread.txt")
    assert "within 21 days of the closing ceremony" in doc.text
    for header in ("Sent: Monday", "Subject:", "From: Ines", "Date: Sat", "wrote:", "delegates@critics.example"):
        assert header not in doc.text, header
    assert "To: be sent by post" in doc.text


def test_the_fields_a_mail_program_adds_are_header_lines_and_the_subject_is_the_title() -> None:
    """A welcome e-mail saved with its "Message-ID:", "In-Reply-To:", "X-Mailer:" and "Content-Type:" lines was
    titled by them, and they named its festival (written check set CF, first sight)."""
    mail = (
        "From: Jury office <jury@harbourfest.example>\nTo: Jury 2026 <jury26@harbourfest.example>\n"
        "Subject: Re: Jury 2026 - practical information\nDate: Mon, 16 Feb 2026 10:42:17 +0100\n"
        "Message-ID: <3f9a21c7@harbourfest.example>\nIn-Reply-To: <CAB8kT0@mail.example>\n"
        "X-Mailer: Roundcube Webmail\nContent-Type: text/plain; charset=UTF-8\n\n"
        "Dear members of the jury,\n\nThe deliberation takes place on Saturday 14 March from 15:00 in the town hall."
        " Each juror receives a per diem of 35 euros.\n"
    )
    doc = load_bytes(mail.encode(), "jury_welcome_email.txt")
    assert doc.title == "Jury 2026 - practical information"
    assert "The deliberation takes place on Saturday 14 March" in doc.text
    for field in ("Message-ID", "X-Mailer", "Content-Type", "In-Reply-To"):
        assert field not in doc.text and field not in doc.title, field


def test_a_web_page_headed_by_what_it_is_keeps_the_site_name_its_title_gives() -> None:
    """An FAQ page whose heading is "Frequently asked questions" was a festival of that name, apart from the festival's
    code of conduct: its <title>, "FAQ | Brackwater International Documentary Festival 2025", was set aside for the
    heading (written check set BI, first sight). The title says whose page it is, so it joins the header."""
    page = (
        "<html><head><title>FAQ | Brackwater International Documentary Festival 2025</title></head><body><main>"
        "<h1>Frequently asked questions</h1><h3>Do jury members get paid?</h3><p>Each jury member receives a fee"
        " of £750, paid by bank transfer after the festival.</p></main></body></html>"
    )
    doc = load_bytes(page.encode(), "brackwater_faq.html")
    assert doc.title == "Frequently asked questions"
    assert "Brackwater International Documentary Festival" in doc.header


def test_regulations_laid_out_as_a_two_column_word_table_read_as_sections_of_clauses() -> None:
    """Regulations set in a Word table, each clause's number beside its text and each section's title in a row
    merged across both, were read as a table: every clause sat under "1. General provisions" as if that row named the
    columns ("1. General provisions: 5. Selection."), all in one section (written check set BI, first sight). Read
    as what they are, the titles head sections of numbered clauses. A real table of two columns stays a table."""
    import io

    import docx

    from assistant.library.chunking import chunk_document

    document = docx.Document()
    document.add_heading("Lantern Awards 2025 - Regulations", level=0)
    rows = [
        ("1. General provisions", None),
        ("1.1", "The Awards are organised by the Lantern Film Trust, a registered charity."),
        ("1.2", "The 17th edition takes place in Kestlebury from 11 to 14 September 2025."),
        ("6. The jury", None),
        ("6.1", "The jury consists of five members drawn from the film industry and related arts."),
        ("6.8", "Decisions of the jury are taken by a simple majority of the members voting."),
    ]
    table = document.add_table(rows=len(rows), cols=2)
    for i, (number, text) in enumerate(rows):
        if text is None:
            merged = table.cell(i, 0).merge(table.cell(i, 1))
            merged.text = number
        else:
            table.cell(i, 0).text, table.cell(i, 1).text = number, text
    prizes = document.add_table(rows=3, cols=2)
    for i, (prize, money) in enumerate([("Prize", "Amount"), ("Best Film", "£2,000"), ("Best Animation", "£1,000")]):
        prizes.cell(i, 0).text, prizes.cell(i, 1).text = prize, money
    out = io.BytesIO()
    document.save(out)
    doc = load_bytes(out.getvalue(), "lantern_regulations.docx")
    sections = {c.text.split(" ")[0]: c.section for c in chunk_document(doc)}
    assert sections["6.1"] == "6. The jury › 6.1"
    assert "6.1 The jury consists of five members" in doc.text
    assert "General provisions:" not in doc.text
    assert any(b.table for b in doc.blocks)  # the prize table is still read as a table


def test_a_sentences_last_word_wrapped_alone_on_two_pages_of_three_is_text_not_a_running_title() -> None:
    """In a three-page PDF of regulations, "competition." wrapped onto a line of its own on two pages and was dropped
    as if it were a running header, gluing "… rank the films in" to the next clause (written check set BW, first
    sight); the footer on every page still goes."""
    filler = [f"{n}.1 Clause {n} of the regulations applies to every section of the Festival." for n in range(1, 4)]
    pages = [
        [
            *filler,
            "6.3 Each selected film may be screened up to three times. No screening fee is paid for films in",
            "competition.",
            "6.4 Films must be delivered as a DCP no later than 10 October.",
            *filler,
        ],
        [
            *filler,
            "11.3 Jurors may share photographs of Festival events, provided they do not mention or rank the films in",
            "competition.",
            "11.4 All interview requests to jurors are handled by the Festival press office.",
            *filler,
        ],
        [*filler, "12.5 In the event of a tie in the final round, the President has the casting vote.", *filler],
    ]
    doc = load_bytes(_letter_pdf(pages, "SIDF 2025 - Regulations - page {}"), "sidf-regulations.pdf")
    text = " ".join(doc.text.split())
    assert "provided they do not mention or rank the films in competition." in text, text
    assert "No screening fee is paid for films in competition." in text
    assert "SIDF 2025 - Regulations" not in doc.text


def test_a_pdf_s_footnotes_are_read_with_the_rule_that_cites_them_and_a_section_sign_heads_its_section() -> None:
    """Footnotes at a page's foot ("[6] Exceptionally, the Golden Heron may be shared …") were read as part of the
    page's last clause, so the exception to "Prizes may not be divided" was cited to the final provisions, and its
    mark "[6]" reached the answer as if it were a citation (written check set BZ). Statutes' "§ 4 Entry of works"
    headed nothing, so every rule of the statutes sat under "Preamble" (set CA)."""
    pages = [
        [
            "§ 9 Awards",
            "9.4 Prizes may not be divided between two or more films.[6]",
            "9.5 Each member of the jury receives a fee of EUR 800.[7] Fees are paid within 30 days.",
            "§ 10 Final provisions",
            "10.1 Questions should be addressed to the Jury Office.",
            "[6] Exceptionally, the Golden Heron may be shared between two films if the jury so decides unanimously.",
            "[7] The President receives an additional EUR 300.",
        ]
    ]
    doc = load_bytes(_letter_pdf(pages, "Regulations - page {}"), "regulations.pdf")
    text = doc.text
    assert "[6]" not in text and "[7]" not in text, text
    prizes = block_starting(doc, "9.4 Prizes")
    assert prizes.text.endswith(
        "Exceptionally, the Golden Heron may be shared between two films if the jury so decides unanimously."
    ), prizes.text
    assert "additional EUR 300" in block_starting(doc, "9.5 Each member").text
    assert "Golden Heron" not in block_starting(doc, "10.1 Questions").text
    headings = [b.text for b in doc.blocks if b.level]
    assert headings[:2] == ["§ 9 Awards", "§ 10 Final provisions"], headings


def test_a_pdf_with_a_running_header_set_left_and_right_keeps_its_titles_apart_from_its_text() -> None:
    """A jury's practical sheet (PDF) has a running header set at both edges of one line ("VISFF 23" … "Jury
    practical information"), which the plain extraction reads as two lines; the page's spacing was then not used at
    all, so every bold title ("Arrival", "If you are unwell") was read into the paragraph above it, and "If you are
    unwell" was quoted as an answer (written check set CC, first sight). A short title over its paragraph, set apart
    from the text above, heads it."""
    from fpdf import FPDF
    from support.published import DEJAVU

    sections = [
        (
            "Arrival",
            "The guest office books your travel. Please do not buy tickets yourself: tickets bought privately "
            "can only be refunded if this has been agreed with the guest office in advance.",
        ),
        (
            "Getting around",
            "Your badge is valid as a ticket on the city's buses and trams. Bicycles can be borrowed "
            "free of charge at the Jury Desk.",
        ),
        (
            "If you are unwell",
            "If you are ill and cannot attend a jury screening, tell your Jury Coordinator as early "
            "as possible. We will arrange for you to see the film at another time.",
        ),
    ]

    class Sheet(FPDF):
        def header(self) -> None:
            self.set_font("body", size=8)
            self.cell(95, 5, "VISFF 23", align="L")
            self.cell(95, 5, "Jury practical information", align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Sheet()
    pdf.add_font("body", fname=str(DEJAVU))
    for _ in range(2):
        pdf.add_page()
        pdf.set_font("body", size=9)
        pdf.multi_cell(
            0,
            4,
            "Dear members of the juries, this sheet collects the practical things you will need "
            "during your stay in Vellmark.",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        for title, text in sections:
            pdf.ln(4)
            pdf.set_font("body", size=11)
            pdf.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("body", size=9)
            pdf.multi_cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
    doc = load_bytes(bytes(pdf.output()), "jury_practical_information.pdf")
    headings = [b.text for b in doc.blocks if b.level]
    assert headings[:3] == ["Arrival", "Getting around", "If you are unwell"], headings
    assert block_starting(doc, "If you are ill").text.startswith("If you are ill and cannot attend")
    assert not any(b.text.endswith("Getting around") for b in doc.blocks if not b.level)


def test_a_pdf_tables_rows_are_read_whole_with_their_wrapped_cells() -> None:
    """A documentary award's prize table (PDF) was read one cell to a line ("Best Short Documentary", "Main Jury",
    "EUR 5,000" …, a wrapped cell's second line among them), so "How much does the best short doc win?" found no
    row that held both the award and its sum (written check set CD, first sight). Each row is read whole from the
    page's layout, its wrapped lines joined to their cells; the paragraph below the table stays a paragraph."""
    from fpdf import FPDF
    from support.published import DEJAVU

    pdf = FPDF()
    pdf.add_font("body", fname=str(DEJAVU))
    pdf.set_font("body", size=9)
    pdf.add_page()
    pdf.multi_cell(0, 5, "19. The following awards will be presented in 2025.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    rows = [
        ("Award", "Decided by", "Prize", "Notes"),
        (
            "Grand Award for Best Documentary Feature",
            "Main Jury",
            "EUR 15,000",
            "Must be presented. May not be shared.",
        ),
        ("Best Short Documentary", "Main Jury", "EUR 5,000", "–"),
        (
            "The Ines Harlow Award for Best First Documentary",
            "Main Jury",
            "EUR 6,000",
            "First films only. May be withheld.",
        ),
    ]
    y = pdf.get_y()
    for row in rows:  # each cell set where it stands, as table makers do: the plain text reads cell by cell
        x, bottom = pdf.l_margin, y
        for width, text in zip((60, 35, 30, 55), row, strict=True):
            pdf.set_xy(x, y)
            pdf.multi_cell(width - 4, 4, text, align="L")
            bottom, x = max(bottom, pdf.get_y()), x + width
        y = bottom + 3
    pdf.set_xy(pdf.l_margin, y + 4)
    pdf.multi_cell(0, 5, "20. Unless the table above states otherwise, prize money is paid to the director.")
    doc = load_bytes(bytes(pdf.output()), "rules.pdf")
    texts = [b.text for b in doc.blocks]
    assert "- Best Short Documentary | Main Jury | EUR 5,000 | –" in texts, texts
    assert (
        "- Grand Award for Best Documentary Feature | Main Jury | EUR 15,000 | Must be presented. May not be shared."
        in texts
    )
    assert texts[-1] == "20. Unless the table above states otherwise, prize money is paid to the director."


def test_a_letters_signature_below_its_closing_heads_nothing() -> None:
    """An awards manager's memo ends "With thanks and best wishes," over "Priya" and her full name: each was read as a
    title, so her contact line was a section of its own, "Priya Okafor-Hale", and was quoted as the answer to what to do
    when an entrant makes contact (written check set CC, first sight; in AJ and BC too)."""
    memo = (
        "MEMO\n\nDear all,\n\nThe 2025 Judging Rules are attached. Most of them are exactly as last year, so if you "
        "have judged before you will find little new.\n\nIf anyone from an entrant company gets in touch with you "
        "about their Entry, however innocently, tell me.\n\nWith thanks and best wishes,\n\nPriya\n\n"
        "Priya Okafor-Hale\nAwards Manager, Tessmoor Broadcast Guild\nawards@tessmoorguild.example | 01632 960418\n"
    )
    doc = load_bytes(memo.encode(), "memo_rule_changes.txt")
    assert not [b.text for b in doc.blocks if b.level and "Priya" in b.text], [b.text for b in doc.blocks if b.level]


def test_an_e_mail_is_titled_by_its_subject_and_named_by_its_signature() -> None:
    """Six e-mails saved as text were titled by their file names ("Ca Grimwater Jury Logistics Email", "Bu Mafc
    Jury Guidelines Thread"), and a coordinator's e-mail was a festival of its own beside the regulations of the
    festival its signature names (written check sets AI, BC, BH, BN, BU; CA at first sight)."""
    mail = (
        "From: Tove Ashgrove <tove@grimwaterfest.example>\n"
        "To: International Jury 2025 <jury@grimwaterfest.example>\n"
        "Subject: Re: Your week in Harrowmouth - hotel, badges, screenings\n"
        "Date: Mon, 13 Oct 2025 10:47:02 +0100\n\n"
        "Dear all,\n\n"
        "Please pick up your badge at the Guest Desk in the Festival Hub on Friday 17 October.\n\n"
        "See you on Friday!\n\nTove\n\n"
        "--\nTove Ashgrove\nJury Coordinator\nGrimwater Fantastic Film Festival\nwww.grimwaterfest.example\n\n"
        "On Tue, 7 Oct 2025 at 16:20, Tove Ashgrove <tove@grimwaterfest.example> wrote:\n"
        "> Your badge will be waiting for you at the hotel reception.\n"
        "> Screenings start at 09:30.\n"
        "> The deliberation is on Friday 24 October.\n"
    )
    doc = load_bytes(mail.encode(), "ca_grimwater_jury_logistics_email.txt")
    assert doc.title == "Your week in Harrowmouth - hotel, badges, screenings", doc.title
    assert "Grimwater Fantastic Film Festival" in doc.header, doc.header
    assert "Guest Desk" in doc.text and "From:" not in doc.text


@pytest.mark.parametrize("fmt", ["docx", "html", "md"])
def test_a_question_and_answer_table_is_read_as_an_faq(fmt: str) -> None:
    """A jury handbook's FAQ set in a "Question | Answer" table was read as rows, "Question: Which hotel am I staying
    in …?; Answer: You stay at …": the question was quoted with its answer as one rule, and "which hotel …?" was
    declined (written check set CL, first sight; BC's terms set their FAQ so too). Each question now heads its answer,
    as an FAQ page's do. A table of two columns that are no questions stays a table."""
    import io

    import docx

    from assistant.library.chunking import chunk_document

    faq = [
        ("Which hotel am I staying in?", "You stay at the Hôtel Quai-Bernier, in a single room with breakfast."),
        ("What do I do if I am ill?", "Call the Jury Coordinator before the screening starts."),
    ]
    other = [("Stage", "Date"), ("Screeners sent", "2 February"), ("Jury meeting", "11 February")]
    if fmt == "docx":
        document = docx.Document()
        document.add_heading("7. Frequently asked questions", level=1)
        for rows in ([("Question", "Answer"), *faq], other):
            table = document.add_table(rows=0, cols=2)
            for q, a in rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = q, a
        out = io.BytesIO()
        document.save(out)
        data = out.getvalue()
    elif fmt == "html":
        tables = "".join(
            "<table>" + "".join(f"<tr><td>{q}</td><td>{a}</td></tr>" for q, a in rows) + "</table>"
            for rows in ([("Question", "Answer"), *faq], other)
        )
        data = f"<html><body><h2>7. Frequently asked questions</h2>{tables}</body></html>".encode()
    else:
        tables = "\n\n".join(
            "\n".join([f"| {rows[0][0]} | {rows[0][1]} |", "|---|---|", *(f"| {q} | {a} |" for q, a in rows[1:])])
            for rows in ([("Question", "Answer"), *faq], other)
        )
        data = f"# Jury handbook\n\n## 7. Frequently asked questions\n\n{tables}\n".encode()
    doc = load_bytes(data, f"handbook.{fmt}")
    headings = [b.text for b in doc.blocks if b.level]
    assert "Which hotel am I staying in?" in headings, headings
    hotel = next(c for c in chunk_document(doc) if "Quai-Bernier" in c.text)
    assert "Which hotel" not in hotel.text and hotel.section.endswith("Which hotel am I staying in?"), hotel
    assert any("Jury meeting" in b.text and "11 February" in b.text for b in doc.blocks if b.table)


def test_an_aside_of_sentences_is_read_and_a_sidebar_of_links_is_not() -> None:
    """Every <aside> was dropped as a sidebar, so a code of conduct's contact box ("Phone and messages: … (08:00–23:00
    during the Festival)") was never read and "until what time can I call?" had no answer (blind check set CM, first
    sight); a jury page's dated update in its news box, a reader's guide's note on the final panel and three pages'
    contact boxes were lost too (CK, BJ, BG, U). An aside whose words are mostly links is still a sidebar."""
    page = (
        "<html><body><main><aside><a href='/films'>Submit a film</a> <a href='/rules'>Regulations 2026</a> "
        "<a href='/faq'>FAQ for entrants</a></aside><h1>Jury Code of Conduct</h1>"
        "<p>Jurors keep the deliberations confidential.</p>"
        "<aside class='contact-box'><h3>Questions? Contact the Jury Coordinator</h3>"
        "<p>Phone and messages: +99 41 555 0142 (08:00–23:00 during the Festival)</p></aside></main></body></html>"
    )
    doc = load_bytes(page.encode(), "code.html")
    assert "08:00–23:00" in doc.text
    assert "Submit a film" not in doc.text and "FAQ for entrants" not in doc.text


def test_a_numbered_section_heading_is_no_documents_title(tmp_path: Path) -> None:
    """A screenwriting competition's Word guidelines in Heading 1 sections were titled "1. About the Competition", and
    a festival's voting procedure "1. Purpose and scope", so neither joined its festival nor was named for it (blind
    check sets CO and CN, first sight). The running title above the first section names the document."""
    import docx

    document = docx.Document()
    document.add_paragraph("THE LANTERNFIELD SCREENPLAY COMPETITION")
    document.add_paragraph("Reader and Judge Guidelines - 2026 Competition")
    document.add_heading("1. About the Competition", level=1)
    document.add_paragraph("1.1 The Competition is run by the Lanternfield Writers' Trust to find new voices.")
    document.add_heading("2. Conflicts of Interest", level=1)
    document.add_paragraph("2.1 Flag any script whose writer you know before you score it.")
    path = tmp_path / "guidelines.docx"
    document.save(str(path))
    loaded = load_file(path)
    assert loaded.title == "The Lanternfield Screenplay Competition"
    assert "1.1 The Competition is run by the Lanternfield Writers' Trust to find new voices." in loaded.text


def test_notes_under_a_table_or_at_the_foot_of_a_page_are_read_one_by_one(tmp_path: Path) -> None:
    """A film fund's awards overview (PDF) prints its table's notes one under the other ("† The Grand Award must be
    given …", "‡ A shared award is split …"), and an animation festival's web page ends on endnotes ("[3] The jury may
    decide not to award …"), each with a link back ("↑"). All of them were read as one paragraph, so a question on
    the limit of awards was answered with three notes (blind check sets CP and CO, first sight)."""
    from support.published import as_pdf

    overview = (
        "Title: Brannock Awards Overview 2026\n"
        "# Awards\n"
        "The Grand Award carries a prize of £12,000.\n"
        "\n"
        "† The Grand Award must be given if 16 or more films are shortlisted.\n"
        "‡ A shared award is split between no more than two recipients.\n"
        "§ In-kind prize. It cannot be exchanged for cash.\n"
    )
    pdf = tmp_path / "overview.pdf"
    pdf.write_bytes(as_pdf(overview, "Brannock Film Fund"))
    notes = [b.text for b in load_file(pdf).blocks if b.text[:1] in "†‡§"]
    assert notes == [
        "† The Grand Award must be given if 16 or more films are shortlisted.",
        "‡ A shared award is split between no more than two recipients.",
        "§ In-kind prize. It cannot be exchanged for cash.",
    ]
    page = tmp_path / "regulations.html"
    page.write_text(
        "<html><body><main><h1>Regulations of the Oswerra Animation Festival</h1>"
        '<p>4.2 Awards may not be shared.<sup><a href="#note-4">[4]</a></sup></p><h2>Notes</h2>'
        '<p id="note-3">[3] The jury may decide not to award the Grand Lumen. <a href="#ref-3">&uarr;</a></p>'
        '<p id="note-4">[4] The only exception is the Special Mention. <a href="#ref-4">&uarr;</a></p>'
        "</main></body></html>",
        encoding="utf-8",
    )
    texts = [b.text for b in load_file(page).blocks]
    assert "[3] The jury may decide not to award the Grand Lumen." in texts
    assert "[4] The only exception is the Special Mention." in texts


def test_a_table_of_contents_with_dot_leaders_is_not_read_as_text(tmp_path: Path) -> None:
    """An animation festival's jury charter (PDF), a documentary festival's handbook (Word) and three sets' regulations
    open on a table of contents printed with dot leaders ("1. Purpose, Scope and Definitions ........ 2"): its lines
    were passages, retrieved for any question that named a section and holding no rule (blind check set CO, first
    sight; BH, BT, BZ and CL print one too). A scoring sheet's leaders stay."""
    path = tmp_path / "charter.txt"
    path.write_text(
        "OIAF Jury Charter 2026\n\n"
        "Contents\n"
        "1. Purpose and Definitions .................................. 2\n"
        "2. Conflicts of Interest .................................... 3\n"
        "3. Travel and Allowances .................................... 4\n\n"
        "1. Purpose and Definitions\n\n"
        "1.1 This Charter sets out the duties of the members of the juries.\n\n"
        "2. Conflicts of Interest\n\n"
        "2.1 Jurors must declare any link with a film in competition.\n\n"
        "3. Travel and Allowances\n\n"
        "3.1 Jurors receive a per diem of EUR 60 for each day of the Festival.\n\n"
        "Score sheet\n\n"
        "- Storytelling and structure ........................... 30\n"
        "- Craft and technique ................................. 20\n",
        encoding="utf-8",
    )
    texts = [b.text for b in load_file(path).blocks]
    assert not any("Purpose and Definitions ..." in t or "Conflicts of Interest ..." in t for t in texts), texts
    assert any(t.endswith("Storytelling and structure ........................... 30") for t in texts), texts
    assert "3.1 Jurors receive a per diem of EUR 60 for each day of the Festival." in texts
