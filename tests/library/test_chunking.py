"""Structure-aware chunking on the real sample documents: one citable rule per chunk, never two documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.library.chunking import chunk_document, embedding_text
from assistant.library.loading.document import Block, LoadedDocument
from assistant.library.loading.files import discover, load_file
from assistant.schema import SEP

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def chunked() -> dict[str, tuple[LoadedDocument, list]]:
    out = {}
    for path in discover([CORPUS]):
        doc = load_file(path)
        out[doc.source] = (doc, chunk_document(doc))
    return out


def chunk_with(chunks, prefix: str):
    found = [c for c in chunks if c.text.startswith(prefix)]
    assert len(found) == 1, f"{prefix!r}: {len(found)} chunks"
    return found[0]


def test_a_clause_is_one_chunk_with_its_section_path(chunked):
    doc, chunks = chunked["code-of-conduct.pdf"]
    block = next(b for b in doc.blocks if b.text.startswith("6.5 Declaration within 48 hours"))
    chunk = chunk_with(chunks, "6.5 Declaration within 48 hours")
    assert squash(block.text) in squash(chunk.text)  # the whole clause, in one chunk
    assert chunk.section == "Article 6 - Conflicts of interest › 6.5 Declaration within 48 hours"
    assert chunk.page == 4
    # and nothing of the next clause
    assert "6.6" not in chunk.text[:10] and not re.search(r"(^|\n)6\.6 ", chunk.text)


def test_markdown_clause_section_path(chunked):
    _, chunks = chunked["jury-regulations.md"]
    tie = chunk_with(chunks, "8.4 Tie-breaks")
    assert tie.section.startswith("Article 8 — ") and tie.section.endswith(f"{SEP}8.4 Tie-breaks")
    assert tie.page is None and tie.kind == "regulations"


def test_every_numbered_clause_starts_its_own_chunk(chunked):
    for source, (doc, chunks) in chunked.items():
        starts = {c.text.split(" ", 1)[0] for c in chunks}
        for before, block in zip([None, *doc.blocks], doc.blocks, strict=False):
            m = re.match(r"^(\d{1,2}\.\d{1,2}) [A-Z]", block.text)
            quoted = before is not None and before.text.endswith(":")  # "...is replaced by the following:"
            if m and not block.table and not block.level and not quoted:
                assert m.group(1) in starts, f"{source}: clause {m.group(1)} does not open a chunk"


def test_no_chunk_mixes_documents(chunked):
    texts = {source: squash(doc.text) for source, (doc, _) in chunked.items()}
    for source, (_doc, chunks) in chunked.items():
        assert {c.source for c in chunks} == {source}
        assert len({c.doc_version for c in chunks}) == 1
        for c in chunks:
            flat = squash(c.text)
            assert flat[:80] in texts[source] and flat[-80:] in texts[source], (source, c.text[:80])
        assert [c.index for c in chunks] == list(range(len(chunks)))


def test_docx_table_rows_stay_whole(chunked):
    _, chunks = chunked["judging-criteria.docx"]
    row = next(c for c in chunks if "Criterion: Concision; Weight: 25%" in c.text)
    assert row.section.startswith("Section 5 — Short Films")


def test_amendment_chunks_name_the_clauses_they_replace(chunked):
    _, chunks = chunked["amendment-01.md"]
    replacing = chunk_with(chunks, "1.1 Article 8.4 of the Jury Regulations is replaced by the following:")
    assert "8.4 Tie-breaks." in replacing.text  # the new wording travels with the clause that brings it in
    refs = {ref for c in chunks for ref in c.amends.split(";") if ref}
    assert "8.4|Jury Regulations" in refs
    assert all(c.effective_date == "2027-05-01" for c in chunks)
    # The preamble cites the articles the amendment is adopted under ("This Amendment was adopted … under Article
    # 12.2 of the Jury Regulations"): it replaces neither, so the rule on amendments is not set aside for it.
    assert "12.2|Jury Regulations" not in refs
    assert not chunk_with(chunks, "This Amendment was adopted by the Board").amends


def test_an_amendment_that_abbreviates_article_names_the_clause_it_replaces() -> None:
    """ "In Art. 13.2, "30 April" is replaced by "16 May"." is one sentence: read as "In Art." and "13.2, … is
    replaced", the clause had no "Art." before it and the notice amended nothing, so the old date was answered."""
    blocks = [
        Block("Notice of Amendment No. 1", level=1),
        Block("2. Amendments", level=2),
        Block('2.1 In Art. 12.3, "five years" is replaced by "seven years".'),
        Block('2.2 In Art. 13.2, "30 April 2031" is replaced by "16 May 2031". Art. 20 is unchanged.'),
    ]
    doc = LoadedDocument(source="notice.txt", title="Film Foundation", kind="amendment", blocks=blocks, sha256="0" * 64)
    chunks = chunk_document(doc)
    refs = {ref for c in chunks for ref in c.amends.split(";") if ref}
    assert refs == {"12.3|Film Foundation", "13.2|Film Foundation"}
    assert [c.section.split(SEP)[-1] for c in chunks] == ["2.1", "2.2"]  # "In Art." is no clause's title


def long_doc(paragraph: str, title: str = "Long Rules") -> LoadedDocument:
    blocks = [
        Block(title, level=1),
        Block("Article 3 — Deliberation", level=2),
        Block(paragraph),
        Block("Article 4 — Voting", level=2),
        Block("4.1 Secret ballot. Votes are secret."),
    ]
    return LoadedDocument(source="long.md", title=title, kind="regulations", blocks=blocks, sha256="0" * 64)


def test_long_sections_are_split_under_the_limit_without_losing_words():
    sentences = [f"Sentence {i} says the jury must record decision number {i} in the minutes." for i in range(120)]
    paragraph = "3.1 Minutes. " + " ".join(sentences)
    chunks = chunk_document(long_doc(paragraph), max_chars=600)
    pieces = [c for c in chunks if c.section.endswith("3.1 Minutes")]
    assert len(pieces) > 5
    assert all(len(c.text) <= 600 for c in chunks)
    assert squash(" ".join(c.text for c in pieces)) == squash(paragraph)
    assert all(not p.text.startswith("4.1") for p in pieces)
    assert chunks[-1].section == "Article 4 — Voting › 4.1 Secret ballot"


def test_a_lead_in_cut_by_the_size_limit_goes_with_the_items_it_announces():
    """A section split for size never ends a passage on "... the applicant agrees to:" with its list in the next."""
    filler = " ".join(f"Sentence {i} says the festival keeps print number {i} safe." for i in range(9))
    blocks = [
        Block("Confirmation of films", level=2),
        Block(filler),
        Block("Upon confirmation of the film the applicant agrees to:"),
        Block("- Provide a trailer of the film online via a non-expiring link."),
        Block("- Deliver subtitle files with time-codes in English."),
    ]
    doc = LoadedDocument(source="rules.md", title="Rules", kind="regulations", blocks=blocks, sha256="0" * 64)
    chunks = chunk_document(doc, max_chars=600)
    assert len(chunks) == 2, [c.text for c in chunks]
    assert not chunks[0].text.rstrip().endswith(":")
    assert chunks[1].text.startswith("Upon confirmation of the film the applicant agrees to:")
    assert "Provide a trailer" in chunks[1].text


def test_a_single_huge_word_run_is_hard_wrapped():
    chunks = chunk_document(long_doc("x" * 50 + " " + "word " * 900), max_chars=300)
    assert all(len(c.text) <= 300 for c in chunks)


def test_chunk_ids_follow_the_version_given():
    chunks = chunk_document(long_doc("3.1 Short. Jurors vote."), version="v123")
    assert [c.id for c in chunks] == ["v123-00000", "v123-00001"]
    assert chunk_document(long_doc("3.1 Short. Jurors vote."))[0].doc_version != "v123"


def test_embedding_text_says_where_the_passage_sits(chunked):
    _, chunks = chunked["jury-regulations.md"]
    tie = chunk_with(chunks, "8.4 Tie-breaks")
    assert embedding_text(tie).startswith(f"Jury Regulations{SEP}Article 8")


def doc_of(*blocks: Block, title: str = "Rules") -> LoadedDocument:
    return LoadedDocument(source="rules.md", title=title, kind="regulations", blocks=list(blocks), sha256="0" * 64)


def test_a_clause_that_opens_with_a_rule_has_no_title_and_its_rule_stays_quotable() -> None:
    """ "8.4 Tie-breaks. If two films tie …" is titled "8.4 Tie-breaks"; "4.2 The early deadline is 15 February
    2026. The final deadline is …" opens with a rule, which as the clause's title was taken for a heading left in
    the text and was never quoted (written check sets R, T and U)."""
    doc = doc_of(
        Block("Article 4 — Entries", level=2),
        Block("4.1 Tie-breaks. If two films tie, the President decides."),
        Block("4.2 The early deadline is 15 February 2026. The final deadline is 15 March 2026."),
    )
    sections = [c.section for c in chunk_document(doc)]
    assert sections == ["Article 4 — Entries › 4.1 Tie-breaks", "Article 4 — Entries › 4.2"]


def test_a_field_of_an_information_sheet_is_a_passage_of_its_own() -> None:
    """ "Deliberation: Friday 13 March from 10:00 … phones are handed in at the door." on a jurors' information sheet
    of such fields: the field is cited under its label, not in one passage with the hotel, the per diem and the
    screenings (the rule on phones was never quoted: written check set Z). A short field ("Departure: Sunday") and a
    field with no sentence ("Email: jury@…") stay with the field before them."""
    doc = doc_of(
        Block("Jury Information Sheet", level=1),
        Block("Arrival: Please arrive by 18:00 on Monday 9 March for the jury welcome dinner."),
        Block("Departure: Sunday 15 March."),
        Block("Per diem: 45 euros for each day you are in Stennfield, paid in cash at the welcome dinner."),
        Block("Deliberation: Friday 13 March from 10:00. Phones are handed in at the door."),
        Block("Email: jury@ridgeline.example.org"),
        Block("Requirements for screening copies are set out in the Regulations, which prevail over this sheet."),
        title="Jury Information Sheet",
    )
    chunks = chunk_document(doc)
    # a paragraph after the fields is the sheet's again, not the last field's (realworld's "Subtitles: …" line
    # took the rest of its section, which was then cut for size with its lines run together)
    assert [c.section for c in chunks] == ["Arrival", "Per diem", "Deliberation", ""]
    assert chunks[0].text.endswith("Departure: Sunday 15 March.")
    assert chunks[2].text.endswith("jury@ridgeline.example.org")


def test_articles_under_a_title_and_subtitle_are_siblings_not_nested_in_the_first() -> None:
    """The first article is raised to the level under the title; the next ones, at the level the file gave them all,
    went under it ("Article 1 — The Festival › Article 9 — Voting"), and every later article's passages were filed in
    the first article's section (written check set AB)."""
    doc = doc_of(
        Block("Saltings Documentary Festival", level=1),
        Block("Regulations of the 12th Edition", level=2),
        Block("Article 1 — The Festival", level=3),
        Block("1.1 The Festival is organised by the Saltings Trust."),
        Block("Article 2 — The Jury", level=3),
        Block("2.1 The Jury consists of five members appointed by the Festival Director."),
        title="Saltings Documentary Festival",
    )
    sections = {c.text.split(" ", 1)[0]: c.section for c in chunk_document(doc)}
    assert sections["2.1"] == f"Article 2 — The Jury{SEP}2.1"
    # articles under parts stay in their part, and the second part is the first one's sibling
    doc = doc_of(
        Block("Part I — Entries", level=2),
        Block("Article 1 — Eligibility", level=3),
        Block("1.1 Films must be completed after 1 January 2025."),
        Block("Part II — Awards", level=2),
        Block("Article 2 — Prizes", level=3),
        Block("2.1 The Jury awards one prize of EUR 2,000."),
    )
    sections = {c.text.split(" ", 1)[0]: c.section for c in chunk_document(doc)}
    assert sections["2.1"] == f"Part II — Awards{SEP}Article 2 — Prizes{SEP}2.1"


def test_an_annex_of_lettered_clauses_is_a_section_of_its_own_read_clause_by_clause() -> None:
    """Regulations whose jury rules sit in "Annex B - Rules of Procedure of the Juries" as clauses "B.1" to "B.9" were
    read as one block under the last article, "10. General Provisions", and quoted with "B.2" inside the sentence
    (written check set BH, first sight). An annex named by a letter heads a section beside the articles, and a lettered
    clause is a clause like "7.2"."""
    from assistant.text import strip_clause_number

    text = (
        "Title: Corran Sound Regulations\n\n## 10. General Provisions\n\n10.1 Submission of a film implies acceptance"
        " of these Regulations.\n\n### Annex B - Rules of Procedure of the Juries\n\nB.1 Each jury meets in closed"
        " session.\nB.2 A jury may deliberate only if all its members are present. Where a member cannot attend, the"
        " Festival Director may authorise the jury to deliberate with its remaining members.\n"
    )
    from assistant.library.loading.files import load_bytes

    doc = load_bytes(text.encode(), "regulations.md")
    sections = {c.text.split(" ")[0]: c.section for c in chunk_document(doc)}
    assert sections["B.2"] == "Annex B - Rules of Procedure of the Juries › B.2"
    assert sections["B.1"].startswith("Annex B - Rules of Procedure of the Juries")
    assert strip_clause_number("B.2 A jury may deliberate only if all its members are present.").startswith("A jury")


def test_a_contents_list_of_the_documents_headings_is_no_passage() -> None:
    """A wiki page's "## Contents" lists its numbered headings ("1. Who judges", "4. Feedback notes"), and study mode
    asked "Where do the festival's rules list 'Feedback notes'?" with "Contents" for the answer (written check set BL,
    first sight). A section of that name whose every line is one of the document's headings says nothing; one with
    text of its own stays."""
    from assistant.library.loading.files import load_bytes

    page = (
        b"# Volunteer Judges' Handbook\n\n## Changelog\n\nPage created from the 2025 paper handbook.\n\n"
        b"## Contents\n\n1. Who judges\n2. Scoring\n3. Feedback notes\n4. Awards and the results evening\n\n"
        b"## 1. Who judges\n\nJudges are volunteers nominated by the clubs.\n\n## 2. Scoring\n\nEach film is scored "
        b"out of 10.\n\n## 3. Feedback notes\n\nFeedback notes should be between 50 and 150 words.\n\n"
        b"## 4. Awards and the results evening\n\nJudges are invited but do not have to attend.\n"
    )
    chunks = chunk_document(load_bytes(page, "handbook.md"))
    assert not any(c.section.endswith("Contents") for c in chunks), [c.section for c in chunks]
    assert any("between 50 and 150 words" in c.text for c in chunks)
    kept = page.replace(b"results evening\n\n## 1.", b"results evening\nRead this page before judging day.\n\n## 1.")
    assert any(c.section.endswith("Contents") for c in chunk_document(load_bytes(kept, "handbook.md")))
