"""Builders for the bad files an organiser may hand the assistant (shared by the loading, ingestion and CLI tests).

Each builder writes a real file; none is a mock of a parser.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

SCANNED_MESSAGE = "no extractable text; OCR is not supported"
LEGACY_TEXT = "Article 1 — Frais. Le défraiement est de 25 € par jour; les reçus sont remboursés après la cérémonie."
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def scanned_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF whose pages are only pictures of text (what a scanner produces): no text layer at all."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    for row in range(12):
        draw.text((40, 40 + row * 50), f"Article {row + 1}. Jurors must attend every screening.", fill="black")
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(image, x=10, y=10, w=180)
    return bytes(pdf.output())


def corrupt_pdf_bytes() -> bytes:
    """A PDF header followed by damage (e.g. a download cut short and overwritten)."""
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n" + bytes(range(256)) * 20


def write_zip_bomb_docx(path: Path, unpacked_mb: int = 300) -> None:
    """A .docx (valid ZIP, word/document.xml inside) that would unpack to `unpacked_mb` MB of zeros.

    Written in a stream so the test never holds the expanded data; the file on disk is a few hundred KB.
    """
    block = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked_mb):
                member.write(block)


def write_bad_batch(folder: Path, *, big_bytes: int) -> dict[str, str]:
    """Every bad input of issue 2 in one folder; returns {file name: words its failure line must contain}.

    The legacy-encoding file is not here: it must load (with a warning), not fail.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.md").write_bytes(b"")
    (folder / "corrupt.pdf").write_bytes(corrupt_pdf_bytes())
    (folder / "scanned.pdf").write_bytes(scanned_pdf_bytes())
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04 not really a spreadsheet" * 10)
    (folder / "huge.txt").write_bytes(
        (b"Article 9. The jury must vote by secret ballot. " * (big_bytes // 40 + 1))[: big_bytes + 1]
    )
    write_zip_bomb_docx(folder / "bomb.docx")
    return {
        "empty.md": "empty",
        "corrupt.pdf": "not a readable PDF",
        "scanned.pdf": SCANNED_MESSAGE,
        "budget.xlsx": "unsupported file type",
        "huge.txt": "over the",
        "bomb.docx": "ZIP bomb",
    }


def legacy_text_bytes() -> bytes:
    return LEGACY_TEXT.encode("cp1252")


def small_docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def files_under(folder: Path) -> set[Path]:
    return {Path(root, name) for root, _dirs, names in os.walk(folder) for name in names}


# Rules written in another language (for the load's language warning): name -> (text, the language it names).
FOREIGN_RULES = {
    "riverbend-regolamento.md": (
        "# Regolamento della Giuria\n\n"
        "Articolo 1. La Giuria internazionale è composta da cinque membri nominati dal Direttore del Festival. "
        "Il Presidente della Giuria è scelto tra i membri e dispone di un voto decisivo in caso di parità.\n\n"
        "Articolo 2. I membri della Giuria non possono avere interessi nella produzione o nella distribuzione dei "
        "film in concorso. Le deliberazioni della Giuria sono segrete e i voti dei singoli membri non sono resi "
        "pubblici.\n\nArticolo 3. La Giuria assegna il Premio per il miglior film e una Menzione speciale. I premi "
        "non possono essere assegnati ex aequo. Le decisioni della Giuria sono definitive e non sono soggette ad "
        "appello.\n",
        "Italian",
    ),
    "moonreel-bases.txt": (
        "Bases del Jurado\n\nArtículo 1. El Jurado oficial estará compuesto por tres miembros designados por la "
        "dirección del Festival. El presidente del Jurado tendrá voto de calidad en caso de empate.\n\nArtículo 2. "
        "Los miembros del Jurado no podrán tener intereses en la producción o distribución de las películas en "
        "competición. Las deliberaciones del Jurado son secretas y los votos de cada miembro no se harán "
        "públicos.\n\nArtículo 3. El Jurado otorgará el Premio a la mejor película y una Mención especial. Los "
        "premios no podrán declararse ex aequo. Las decisiones del Jurado son inapelables y se darán a conocer en "
        "la ceremonia de clausura.\n",
        "Spanish",
    ),
}
