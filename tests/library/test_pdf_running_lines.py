"""A PDF's running header and footer, however long, are the page's and never the rules' text."""

from __future__ import annotations

from support.published import DEJAVU

from assistant.library.chunking import chunk_document
from assistant.library.loading.files import load_bytes

FOOTER = (
    "Palazzo Dorsini, Piazza del Grano 7, 07112 Valmora - www.valmora-festival.example - jury@valmora-festival.example"
)
HEADER = "Fondazione Valmora Cinema - 21st Valmora International Film Festival - Regulations 2031 (as approved 3 March)"


def _regulations_pdf() -> bytes:
    """Four pages whose footer (the body's address) and header (the title, edition and date) are longer than a line of
    eighty characters, with a sentence that runs over the second page's break."""
    from fpdf import FPDF

    class Printed(FPDF):
        def header(self) -> None:
            self.set_font("body", size=7)
            self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("body", size=7)
            self.cell(0, 5, FOOTER, align="C")

    pdf = Printed(format="A4")
    pdf.add_font("body", fname=str(DEJAVU))
    pages = [
        ["Art. 1 - The Festival", "The Festival is held in Valmora from 10 to 19 September 2031."],
        [
            "Art. 4 - The Secretary",
            "The Secretary of the Jury keeps the minutes of every deliberation and has no vote.",
            "Art. 12 - Incompatibility",
            "A juror who learns of an interest in a film after the appointment shall inform the Secretary of the"
            " Jury without delay. The body",
        ],
        [
            "referred to in Art. 4 decides within 48 hours whether the juror is replaced or abstains from every vote"
            " on that film.",
            "Art. 13 - Deliberations",
            "The juries deliberate validly with at least four members present.",
        ],
        ["Art. 14 - Prizes", "The Grand Prix may be neither shared nor withheld."],
    ]
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.set_font("body", size=11 if line.startswith("Art.") else 9)
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_long_running_footer_and_header_are_dropped_and_the_sentence_under_them_rejoined():
    """A footer of the body's address and web site, 120 characters long, was kept as text on every page: joined to
    the next page's header it stood between "The body" and "referred to in Art. 4 decides …", and the answer quoted
    "Referred to in Art. 4 decides …" (written check set CV; nine other sets' PDFs had such a line, BC to CU)."""
    doc = load_bytes(_regulations_pdf(), "regulations.pdf")
    text = "\n".join(b.text for b in doc.blocks)
    assert "Palazzo Dorsini" not in text and "as approved 3 March" not in text
    rejoined = next(b.text for b in doc.blocks if "decides within 48 hours" in b.text)
    assert "The body referred to in Art. 4 decides within 48 hours" in " ".join(rejoined.split())
    prize = next(c for c in chunk_document(doc) if "Grand Prix" in c.text)
    assert "Valmora" not in prize.text
