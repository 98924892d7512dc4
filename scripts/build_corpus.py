#!/usr/bin/env python3
"""Build the generated files of the sample festival library (corpus/).

The PDF, DOCX and HTML documents in ``corpus/`` are rendered from simple Markdown sources in
``scripts/corpus_src/``:

- ``code-of-conduct.md``        -> ``corpus/code-of-conduct.pdf``
- ``screening-attendance.md``   -> ``corpus/screening-attendance.pdf``
- ``judging-criteria.md``       -> ``corpus/judging-criteria.docx``
- ``deliberation-timeline.md``  -> ``corpus/deliberation-timeline.html``

The Markdown dialect is deliberately small: a front-matter block between ``---`` lines,
``#``/``##``/``###`` headings, paragraphs, ``- `` bullets, ``> `` quotes and pipe tables.

Output is deterministic: the PDF creation date, the DOCX core properties and the timestamps
inside the DOCX zip archive are fixed, so re-running the script produces the same bytes.

Usage::

    python scripts/build_corpus.py [--src DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import html
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT / "scripts" / "corpus_src"
DEFAULT_OUT = ROOT / "corpus"

#: Fixed timestamp used wherever a library would otherwise write "now".
FIXED_DATETIME = datetime(2027, 1, 15, 9, 0, 0, tzinfo=UTC)
FIXED_ZIP_DATE = (2027, 1, 15, 9, 0, 0)
PUBLISHER = "Lumen Bay Film Foundation"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


@dataclass
class Block:
    """One block of the parsed Markdown body."""

    kind: str  # "heading", "para", "bullets", "quote", "table"
    text: str = ""
    level: int = 0
    items: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Document:
    meta: dict[str, str]
    blocks: list[Block]

    @property
    def title(self) -> str:
        if self.meta.get("title"):
            return self.meta["title"]
        for block in self.blocks:
            if block.kind == "heading":
                return block.text
        return "Untitled"


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a ``---`` front-matter block (simple ``key: value`` lines) from the body."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() == "---":
            return meta, "\n".join(lines[index + 1 :])
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip()] = value.strip().strip('"').strip("'")
    raise ValueError("front matter is not closed by a '---' line")


def _split_row(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [cell.strip() for cell in cells]


def _is_separator_row(line: str) -> bool:
    return bool(re.fullmatch(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", line.strip()))


def parse_blocks(body: str) -> list[Block]:
    """Parse the Markdown body into a flat list of blocks."""
    blocks: list[Block] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
        if heading:
            level = min(len(heading.group(1)), 3)
            blocks.append(Block("heading", text=heading.group(2).strip(), level=level))
            i += 1
            continue
        if stripped.startswith("|"):
            table_lines = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                table_lines.append(lines[i].strip())
                i += 1
            header = _split_row(table_lines[0])
            rows = [_split_row(row) for row in table_lines[1:] if not _is_separator_row(row)]
            width = len(header)
            rows = [(row + [""] * width)[:width] for row in rows]
            blocks.append(Block("table", header=header, rows=rows))
            continue
        if re.match(r"^[-*]\s+", stripped):
            items: list[str] = []
            while i < len(lines) and lines[i].strip():
                current = lines[i].strip()
                if re.match(r"^[-*]\s+", current):
                    items.append(re.sub(r"^[-*]\s+", "", current))
                elif items:  # continuation line of the previous item
                    items[-1] += " " + current
                i += 1
            blocks.append(Block("bullets", items=items))
            continue
        if stripped.startswith(">"):
            quote: list[str] = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                quote.append(lines[i].strip().lstrip(">").strip())
                i += 1
            blocks.append(Block("quote", text=" ".join(part for part in quote if part)))
            continue
        para: list[str] = []
        while i < len(lines):
            current = lines[i].strip()
            if not current or current.startswith(("#", "|", ">")) or re.match(r"^[-*]\s+", current):
                break
            para.append(current)
            i += 1
        blocks.append(Block("para", text=" ".join(para)))
    return blocks


def load_document(path: Path) -> Document:
    meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
    return Document(meta=meta, blocks=parse_blocks(body))


def strip_inline(text: str) -> str:
    """Remove the inline Markdown markers this dialect tolerates (bold, italics, code)."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return re.sub(r"`([^`]+)`", r"\1", text)


def long_date(value: str) -> str:
    """Turn ``2027-01-15`` into ``15 January 2027``; other values are returned unchanged."""
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{parsed.day} {MONTHS[parsed.month - 1]} {parsed.year}"


def meta_lines(meta: dict[str, str]) -> list[str]:
    """The front matter as human-readable lines shown at the top of each document."""
    lines = []
    if meta.get("festival"):
        lines.append(f"Festival: {meta['festival']}")
    if meta.get("edition"):
        lines.append(f"Edition: {meta['edition']}")
    if meta.get("effective_date"):
        lines.append(f"Effective date: {long_date(meta['effective_date'])}")
    return lines


# --------------------------------------------------------------------------------------------
# PDF (fpdf2, core font Helvetica)
# --------------------------------------------------------------------------------------------

PDF_REPLACEMENTS = {
    "\u2014": "-",  # em dash
    "\u2013": "-",  # en dash
    "\u2012": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2026": "...",
    "\u2022": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u20ac": "EUR",
}


def pdf_safe(text: str) -> str:
    """Make text encodable in the core PDF fonts (Latin-1)."""
    text = re.sub("\u20ac\\s*(?=\\d)", "EUR ", text)  # "\u20ac50" -> "EUR 50"
    text = re.sub("(?<=\\d)\\s*\u20ac", " EUR", text)  # "50 \u20ac" -> "50 EUR"
    for char, replacement in PDF_REPLACEMENTS.items():
        text = text.replace(char, replacement)
    return text.encode("latin-1", errors="replace").decode("latin-1")


def render_pdf(doc: Document, out_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class FestivalPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.set_text_color(90, 90, 90)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = FestivalPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(left=22, top=20, right=22)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.set_title(pdf_safe(doc.title))
    pdf.set_author(PUBLISHER)
    pdf.set_subject(pdf_safe(doc.meta.get("festival", "")))
    pdf.set_creator("scripts/build_corpus.py")
    pdf.set_keywords(pdf_safe(doc.meta.get("kind", "")))
    pdf.set_creation_date(FIXED_DATETIME)
    pdf.set_lang("en")
    pdf.add_page()

    def para(text: str, size: float = 10.5, style: str = "", height: float = 5.4) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, height, pdf_safe(strip_inline(text)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # Front matter block.
    for line in meta_lines(doc.meta):
        para(line, size=9.5, height=5)
    pdf.ln(4)

    heading_sizes = {1: 18, 2: 13.5, 3: 11.5}
    for block in doc.blocks:
        if block.kind == "heading":
            size = heading_sizes.get(block.level, 11.5)
            if block.level > 1:
                pdf.ln(3)
            # Keep a heading together with the start of the following text.
            if pdf.get_y() > pdf.h - pdf.b_margin - 25:
                pdf.add_page()
            para(block.text, size=size, style="B", height=size * 0.5)
            pdf.ln(2 if block.level > 1 else 4)
        elif block.kind == "para":
            para(block.text)
            pdf.ln(2.5)
        elif block.kind == "quote":
            pdf.set_left_margin(pdf.l_margin + 8)
            pdf.set_x(pdf.l_margin)
            para(block.text, style="I")
            pdf.set_left_margin(pdf.l_margin - 8)
            pdf.set_x(pdf.l_margin)
            pdf.ln(2.5)
        elif block.kind == "bullets":
            for item in block.items:
                pdf.set_font("Helvetica", size=10.5)
                pdf.set_x(pdf.l_margin + 4)
                pdf.cell(5, 5.4, "-")
                pdf.multi_cell(0, 5.4, pdf_safe(strip_inline(item)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(1)
            pdf.ln(1.5)
        elif block.kind == "table":
            pdf.set_font("Helvetica", size=9.5)
            with pdf.table(text_align="LEFT", line_height=5) as table:
                header_row = table.row()
                for cell in block.header:
                    header_row.cell(pdf_safe(strip_inline(cell)))
                for row in block.rows:
                    table_row = table.row()
                    for cell in row:
                        table_row.cell(pdf_safe(strip_inline(cell)))
            pdf.ln(3)

    out_path.write_bytes(bytes(pdf.output()))


# --------------------------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------------------------


def _add_runs(paragraph: Any, text: str) -> None:
    """Add text to a paragraph, turning **bold** spans into bold runs."""
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(strip_inline(part[2:-2])).bold = True
        else:
            paragraph.add_run(strip_inline(part))


def _mark_header_row(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tbl_header = OxmlElement("w:tblHeader")
    tbl_header.set(qn("w:val"), "true")
    tr_pr.append(tbl_header)


def render_docx(doc: Document, out_path: Path) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = doc.title
    props.author = PUBLISHER
    props.last_modified_by = PUBLISHER
    props.subject = doc.meta.get("festival", "")
    props.keywords = doc.meta.get("kind", "")
    props.category = doc.meta.get("kind", "")
    props.comments = "Generated by scripts/build_corpus.py"
    props.created = FIXED_DATETIME.replace(tzinfo=None)
    props.modified = FIXED_DATETIME.replace(tzinfo=None)
    props.last_printed = FIXED_DATETIME.replace(tzinfo=None)
    props.revision = 1
    props.identifier = doc.meta.get("kind", "")
    props.language = "en"

    title_done = False
    for block in doc.blocks:
        if block.kind == "heading":
            document.add_heading(strip_inline(block.text), level=block.level)
            if block.level == 1 and not title_done:
                title_done = True
                for line in meta_lines(doc.meta):
                    document.add_paragraph(line)
        elif block.kind == "para":
            _add_runs(document.add_paragraph(), block.text)
        elif block.kind == "quote":
            _add_runs(document.add_paragraph(style="Quote"), block.text)
        elif block.kind == "bullets":
            for item in block.items:
                _add_runs(document.add_paragraph(style="List Bullet"), item)
        elif block.kind == "table":
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            header_cells = table.rows[0].cells
            for cell, text in zip(header_cells, block.header, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(strip_inline(text)).bold = True
            _mark_header_row(table.rows[0])
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = strip_inline(text)
            document.add_paragraph()
    if not title_done:  # no level-1 heading in the source: still show the effective date
        for line in meta_lines(doc.meta):
            document.add_paragraph(line)

    raw = io.BytesIO()
    document.save(raw)
    out_path.write_bytes(_normalise_zip(raw.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed timestamps and permissions so output is reproducible."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            zout.writestr(entry, zin.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

HTML_STYLE = """
  body { font-family: Georgia, "Times New Roman", serif; margin: 0; color: #1d2433; }
  .site-header, .site-footer { background: #0d2b45; color: #f3efe6; padding: 0.8rem 2rem; }
  .site-header a, .site-footer a { color: #f3efe6; }
  nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1.2rem; }
  main { max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.55; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { border: 1px solid #9aa5b1; padding: 0.35rem 0.55rem; text-align: left; }
  th { background: #e4e9ef; }
  .doc-meta { color: #52606d; font-size: 0.92rem; }
  .cookie-banner { font-size: 0.8rem; }
"""

HTML_SCRIPT = """
  // Analytics stub: the sample site records page views locally only.
  window.lbiffAnalytics = window.lbiffAnalytics || [];
  window.lbiffAnalytics.push({ event: "page_view", page: "deliberation-timeline" });
"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def render_html(doc: Document, out_path: Path) -> None:
    esc = html.escape
    festival = doc.meta.get("festival", "")
    title = doc.title
    parts: list[str] = []
    parts.append("<!DOCTYPE html>")
    parts.append('<html lang="en">')
    parts.append("<head>")
    parts.append('  <meta charset="utf-8">')
    parts.append('  <meta name="viewport" content="width=device-width, initial-scale=1">')
    parts.append(f"  <title>{esc(title)} | {esc(festival)}</title>")
    if doc.meta.get("effective_date"):
        parts.append(f'  <meta name="effective-date" content="{esc(doc.meta["effective_date"])}">')
    if doc.meta.get("kind"):
        parts.append(f'  <meta name="document-kind" content="{esc(doc.meta["kind"])}">')
    parts.append(f'  <meta name="publisher" content="{esc(PUBLISHER)}">')
    parts.append(f"  <style>{HTML_STYLE}  </style>")
    parts.append(f"  <script>{HTML_SCRIPT}  </script>")
    parts.append("</head>")
    parts.append("<body>")
    parts.append('<header class="site-header">')
    parts.append(f'  <p class="site-name"><a href="/">{esc(festival)}</a> - Jury Portal</p>')
    parts.append('  <nav aria-label="Main menu">')
    parts.append("    <ul>")
    for label, href in (
        ("Home", "/"),
        ("Programme", "/programme/"),
        ("Juries", "/juries/"),
        ("Jury documents", "/juries/documents/"),
        ("Press", "/press/"),
        ("Contact", "/contact/"),
    ):
        parts.append(f'      <li><a href="{href}">{esc(label)}</a></li>')
    parts.append("    </ul>")
    parts.append("  </nav>")
    parts.append("</header>")
    parts.append('<main id="content">')
    parts.append("<article>")

    title_done = False
    for block in doc.blocks:
        if block.kind == "heading":
            level = block.level
            text = strip_inline(block.text)
            parts.append(f'<h{level} id="{_slug(text)}">{esc(text)}</h{level}>')
            if level == 1 and not title_done:
                title_done = True
                lines = "<br>\n".join(esc(line) for line in meta_lines(doc.meta))
                parts.append(f'<p class="doc-meta">{lines}</p>')
        elif block.kind == "para":
            parts.append(f"<p>{esc(strip_inline(block.text))}</p>")
        elif block.kind == "quote":
            parts.append(f"<blockquote><p>{esc(strip_inline(block.text))}</p></blockquote>")
        elif block.kind == "bullets":
            parts.append("<ul>")
            for item in block.items:
                parts.append(f"  <li>{esc(strip_inline(item))}</li>")
            parts.append("</ul>")
        elif block.kind == "table":
            parts.append("<table>")
            parts.append("  <thead>")
            header = "".join(f'<th scope="col">{esc(strip_inline(cell))}</th>' for cell in block.header)
            parts.append(f"    <tr>{header}</tr>")
            parts.append("  </thead>")
            parts.append("  <tbody>")
            for row in block.rows:
                cells = "".join(f"<td>{esc(strip_inline(cell))}</td>" for cell in row)
                parts.append(f"    <tr>{cells}</tr>")
            parts.append("  </tbody>")
            parts.append("</table>")

    parts.append("</article>")
    parts.append("</main>")
    parts.append('<footer class="site-footer">')
    parts.append(
        f"  <p>&copy; 2027 {esc(PUBLISHER)}. All rights reserved. "
        '<a href="/privacy/">Privacy</a> | <a href="/cookies/">Cookies</a> | '
        '<a href="/accessibility/">Accessibility</a></p>'
    )
    parts.append(
        '  <p class="cookie-banner">This site uses cookies to measure visits. '
        "Follow the festival on social media for the latest news.</p>"
    )
    parts.append("</footer>")
    parts.append("</body>")
    parts.append("</html>")
    out_path.write_text("\n".join(parts) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------

JOBS: tuple[tuple[str, str, str], ...] = (
    ("code-of-conduct.md", "code-of-conduct.pdf", "pdf"),
    ("screening-attendance.md", "screening-attendance.pdf", "pdf"),
    ("judging-criteria.md", "judging-criteria.docx", "docx"),
    ("deliberation-timeline.md", "deliberation-timeline.html", "html"),
)

RENDERERS = {"pdf": render_pdf, "docx": render_docx, "html": render_html}


def build(src: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for source_name, target_name, fmt in JOBS:
        source = src / source_name
        if not source.exists():
            print(f"skip: {source} does not exist", file=sys.stderr)
            continue
        target = out / target_name
        RENDERERS[fmt](load_document(source), target)
        written.append(target)
        print(f"wrote {target.relative_to(out.parent) if out.parent in target.parents else target}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="Markdown source folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (corpus/)")
    args = parser.parse_args(argv)
    if not args.src.is_dir():
        parser.error(f"source folder not found: {args.src}")
    written = build(args.src, args.out)
    return 0 if written else 1


if __name__ == "__main__":
    raise SystemExit(main())
