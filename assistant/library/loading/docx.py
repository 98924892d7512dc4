"""Word files: paragraphs, heading styles, list items and tables, through the line reader."""

from __future__ import annotations

import re
import zipfile
from typing import Any

from assistant.errors import LoadError
from assistant.library.loading.document import Block, clean
from assistant.library.loading.lines import read_paragraphs
from assistant.library.loading.tables import faq_blocks, table_rows
from assistant.library.loading.word_numbering import ListNumbers
from assistant.text import LETTERED_CLAUSE
from assistant.text import LIST_BULLET as _BULLET

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200


def _check_zip(data: bytes, source: str) -> None:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise LoadError(source, "not a valid DOCX (it is not a ZIP archive); re-save it from Word") from exc
    total = sum(info.file_size for info in archive.infolist())
    packed = max(1, sum(info.compress_size for info in archive.infolist()))
    if total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO and total > 10 * 1024 * 1024:
        raise LoadError(
            source,
            f"refused: the DOCX would unpack to {total / 1e6:.0f} MB (ratio {total / packed:.0f}:1); it looks like a ZIP bomb",
        )
    if "word/document.xml" not in archive.namelist():
        raise LoadError(source, "not a valid DOCX (no word/document.xml inside); re-save it from Word")


def read_docx(data: bytes, source: str) -> tuple[dict[str, str], list[Block]]:
    import io

    _check_zip(data, source)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken parts
        raise LoadError(source, f"not a readable DOCX ({type(exc).__name__}: {str(exc)[:120]})") from exc
    meta: dict[str, str] = {}
    props = document.core_properties
    if props.title:
        meta["title"] = props.title
    notes = _notes(document)
    numbers = ListNumbers(document)
    parts: list[Block | str] = []
    styled, body = 1, False  # the level of the latest heading style; whether a paragraph of text came yet
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = clean(_with_notes(child, notes))
            if not text:
                continue
            style = (para.style.name if para.style is not None else "") or ""
            m = re.match(r"(?i)heading\s*(\d)", style)
            if style.lower() == "title":
                parts.append(Block(text, level=1, marked=True))
            elif m:
                styled = min(6, int(m.group(1)))
                number = numbers.marker(child, para.style)  # a numbered heading counts in the list it heads
                parts.append(Block(text if number == "-" else f"{number} {text}", level=styled, marked=True))
            elif _docx_list_item(child, style) and not _BULLET.match(text):
                parts.append(f"{numbers.marker(child, para.style)} {text}")  # (not in the paragraph's text)
            elif body and _bold_title(para, text):  # (a front page's bold lines are read as before)
                parts.append(Block(text, level=min(6, styled + 1), marked=True))
            else:
                body = body or len(text.split()) >= _TITLE_WORDS
                parts.append(text)
        elif tag == "tbl":
            table = Table(child, document)
            rows = []
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = clean("\n".join(_with_notes(p._p, notes) for p in cell.paragraphs))
                    if not cells or cells[-1] != value:  # merged cells repeat
                        cells.append(value)
                rows.append(cells)
            if _laid_out_clauses(rows):  # regulations set in a table for their layout: clauses, not a table's rows
                for cells in rows:
                    if len(cells) == 1:
                        parts.append(Block(cells[0], level=min(6, styled + 1), marked=True))
                    elif cells[0] or cells[1]:
                        parts.append(f"{cells[0]} {cells[1]}".strip())
                continue
            faq = faq_blocks(rows, styled + 1)  # a "Question | Answer" table: each question heads its answer
            parts.extend(faq or [Block(row_text, table=True) for row_text in table_rows(rows)])
    return meta, read_paragraphs(parts)


_CLAUSE_NUMBER = re.compile(rf"^(?:\d{{1,3}}(?:\.\d{{1,3}})*|{LETTERED_CLAUSE}|\(?[a-z]\))\.?$")


def _laid_out_clauses(rows: list[list[str]]) -> bool:
    """A table of two columns, a clause's number beside its text, its sections' titles in rows merged across both
    ("1. General provisions" over "1.1 | The Awards are organised by …"): regulations a Word user laid out in a
    table. Read as a table, every clause sat under its first row as if that were the columns' names."""
    clauses = [r for r in rows if len(r) == 2 and _CLAUSE_NUMBER.match(r[0]) and len(r[1].split()) >= 3]
    return len(clauses) >= 3 and all(len(r) == 1 or r in clauses or not any(r) for r in rows)


# The runs a reader sees once every tracked change is accepted: inserted text counts and deleted or moved-away text
# does not (python-docx's own text leaves out inserted runs, as it does content controls and smart tags, so a rule
# changed on review read "no later than  before the first screening"). Text boxes stay out, as before.
# Text struck through by hand is old wording shown beside the new, as a deletion is.
_STRUCK = "w:rPr/w:{0}[not(@w:val) or (@w:val!='0' and @w:val!='false')]"
_SHOWN_RUNS = (
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)"
    f" and not({_STRUCK.format('strike')}) and not({_STRUCK.format('dstrike')})]"
)


def _text(paragraph: Any) -> str:
    return "".join(run.text for run in paragraph.xpath(_SHOWN_RUNS))


# Footnotes and endnotes: their text lies in parts of their own, and each is read at the end of the paragraph that
# cites it, as a PDF's page-foot notes are ("… within 48 hours." + "This exclusion does not apply where a juror taught
# the director …"): a rule and the note that qualifies it are quoted together. The separators Word keeps there as
# notes of their own (w:type "separator", "continuationSeparator") are no notes.
_NOTE_PARTS = {"footnote": "footnotes", "endnote": "endnotes"}


def _notes(document: Any) -> dict[tuple[str, str], str]:
    from docx.oxml import parse_xml

    notes: dict[tuple[str, str], str] = {}
    for part in document.part.package.parts:
        kind = next((k for k, name in _NOTE_PARTS.items() if str(part.partname).endswith(f"/{name}.xml")), None)
        if kind is None:
            continue
        try:
            root: Any = parse_xml(part.blob)
        except Exception:  # a broken notes part loses its notes, never the document
            continue
        for note in root.xpath(f"w:{kind}[not(@w:type) or @w:type='normal']", namespaces=_NS):
            text = clean(" ".join(_text(p) for p in note.xpath(".//w:p", namespaces=_NS)))
            if text:
                notes[(kind, note.get(_W_ID))] = text
    return notes


_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_W_ID = f"{{{_NS['w']}}}id"


def _with_notes(paragraph: Any, notes: dict[tuple[str, str], str]) -> str:
    text = _text(paragraph)
    if not notes:
        return text
    cited = [
        notes[key]
        for ref in paragraph.xpath(".//w:footnoteReference | .//w:endnoteReference")
        if (key := (ref.tag.rsplit("}", 1)[-1].removesuffix("Reference"), ref.get(_W_ID))) in notes
    ]
    return " ".join([text.rstrip(), *cited]) if cited else text


def _docx_list_item(paragraph: Any, style: str) -> bool:
    """A paragraph in a Word list: numbered or bulleted by its own properties or by a list style."""
    ppr = paragraph.pPr
    return (ppr is not None and ppr.numPr is not None) or style.lower().startswith("list")


# A title made by hand: a short paragraph all in bold with no sentence's end ("Who is on the jury", "Money and
# perks"), where the writer set the text bold instead of choosing a heading style.
_TITLE_WORDS = 12


def _bold_title(paragraph: Any, text: str) -> bool:
    if len(text.split()) > _TITLE_WORDS or text.rstrip()[-1:] in ".,;:":
        return False
    runs = [run for run in paragraph.runs if run.text.strip()]
    style = paragraph.style
    style_bold = bool(style is not None and style.font is not None and style.font.bold)
    return bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)
