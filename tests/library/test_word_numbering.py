"""Word's list numbers read as the reader sees them: numbered rules apart from the bullets between them."""

from __future__ import annotations

from pathlib import Path

from assistant.library.chunking import chunk_document
from assistant.library.loading.files import load_file
from assistant.library.units import units

CHECKSETS = Path(__file__).resolve().parents[2] / "checksets"


def test_a_numbered_rule_after_a_lead_in_and_its_bullets_is_a_rule_of_its_own(tmp_path: Path) -> None:
    """A code of conduct numbers its rules with Word's "List Number" and lists prohibitions as bullets under "Jurors
    must not:". Both came out as "- " items, so the rule after the bullets was read as one more prohibition ("Jurors
    must not: A juror who receives a gift … hands it to the Secretary"), and "under rule 1" pointed at no number
    (written check set CX)."""
    import docx

    document = docx.Document()
    document.add_heading("Gifts", level=1)
    document.add_paragraph("Jurors may accept the hospitality a festival offers all its guests.", style="List Number")
    document.add_paragraph("Jurors must not:")
    document.add_paragraph("accept any gift from a person connected with a film being judged;", style="List Bullet")
    document.add_paragraph("attend private dinners given by a film's sales agent.", style="List Bullet")
    document.add_paragraph(
        "A gift that cannot be refused, under rule 1 or not, goes to the Secretary.", style="List Number"
    )
    path = tmp_path / "code-of-conduct.docx"
    document.save(str(path))
    texts = [b.text for b in load_file(path).blocks]
    assert "1. Jurors may accept the hospitality a festival offers all its guests." in texts
    assert "2. A gift that cannot be refused, under rule 1 or not, goes to the Secretary." in texts
    found = {u.display: u for c in chunk_document(load_file(path)) for u in units(c.text, c.heading)}
    assert found["Attend private dinners given by a film's sales agent."].lead == "Jurors must not:"
    assert found["A gift that cannot be refused, under rule 1 or not, goes to the Secretary."].lead == ""


def test_numbered_headings_and_their_clauses_count_as_word_shows_them() -> None:
    """Judges' rules whose headings and clauses share one multi-level list ("3." over "3.1", "3.2"): the clauses
    were read as bare items, and their headings without the number a juror is told to look up."""
    texts = [b.text for b in load_file(CHECKSETS / "BG" / "Kestrel_Awards_Rules_for_Judges_2026.docx").blocks]
    heading = texts.index("3. Eligibility to judge and conflicts of interest")
    assert texts[heading + 1].startswith("3.1 A judge must declare any connection with an entry")
