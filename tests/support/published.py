"""One text published the ways festivals publish it: a Word file, a web page and a printed PDF.

The source is a plain-text regulation (one paragraph or item per line, blank lines between groups, "**...**" or "#"
for a title, "- " for bullets). Each rendering loses what its format loses in real life: Word and web lists carry
their numbers and bullets outside the text, unstyled headings are just short paragraphs, and the PDF wraps lines
at its page width, repeats a running title and "Page n of N" on every page and breaks lists over pages.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

_META = re.compile(r"^(Source|Title):\s*(.+)$")
_NUMBER = re.compile(r"^(\d{1,2}|[a-z])[.)]\s+")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _parts(text: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    meta: dict[str, str] = {}
    parts: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if (m := _META.match(line)) and not parts:
            meta[m.group(1).lower()] = m.group(2)
        elif not line:
            parts.append(("gap", ""))
        elif line.startswith("#") or re.fullmatch(r"\*\*[^*]+\*\*", line):
            parts.append(("heading", line.strip("#* ")))
        elif line.startswith("- "):
            parts.append(("bullet", line[2:]))
        else:
            parts.append(("line", line.replace("**", "")))
    return meta, parts


def as_docx(text: str) -> bytes:
    import docx

    meta, parts = _parts(text)
    document = docx.Document()
    if meta.get("title"):
        document.core_properties.title = meta["title"]
    for kind, line in parts:
        if kind == "heading":
            document.add_heading(line, level=2)
        elif kind == "bullet":
            document.add_paragraph(line, style="List Bullet")
        elif kind == "line" and _NUMBER.match(line):
            document.add_paragraph(_NUMBER.sub("", line), style="List Number")
        elif kind == "line":
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_html(text: str) -> bytes:
    meta, parts = _parts(text)
    body = [f"<title>{html.escape(meta.get('title', 'Regulations'))} | Festival</title>", "<nav>Home · Awards</nav>"]
    body.append("<main>")
    open_list = ""
    for kind, line in parts:
        tag = "ul" if kind == "bullet" else "ol" if kind == "line" and _NUMBER.match(line) else ""
        if open_list and tag != open_list:
            body.append(f"</{open_list}>")
            open_list = ""
        if tag and not open_list:
            body.append(f"<{tag}>")
            open_list = tag
        if tag:
            body.append(f"<li>{html.escape(_NUMBER.sub('', line))}</li>")
        elif kind == "heading":
            body.append(f"<h2>{html.escape(line)}</h2>")
        elif kind == "line":
            body.append(f"<p>{html.escape(line)}</p>")
    body.append(f"</{open_list}></main>" if open_list else "</main>")
    body.append("<footer>© Festival office</footer>")
    return ("<!doctype html><html><body>" + "\n".join(body) + "</body></html>").encode()


def as_pdf(text: str, running_title: str) -> bytes:
    from fpdf import FPDF

    meta, parts = _parts(text)

    class Printed(FPDF):
        def header(self) -> None:
            self.set_font("body", size=7)
            self.cell(0, 5, running_title, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-10)
            self.set_font("body", size=7)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Printed(format=(105, 148))  # A6: a booklet, so lists break over pages
    pdf.alias_nb_pages()
    pdf.add_font("body", fname=str(DEJAVU))
    if meta.get("title"):
        pdf.set_title(meta["title"])
    pdf.add_page()
    for kind, line in parts:
        pdf.set_font("body", size=10 if kind == "heading" else 8)
        if kind == "gap":
            pdf.ln(3)
        else:
            pdf.multi_cell(0, 4, ("• " if kind == "bullet" else "") + line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
