"""PDF files: text by page, paragraph breaks from the layout, running titles dropped."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from assistant.errors import LoadError
from assistant.library.loading.document import Block
from assistant.library.loading.lines import NUMBERED, read_plain, unfinished


def read_pdf(data: bytes, source: str) -> tuple[dict[str, str], list[Block]]:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about damaged files would clutter the CLI

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(source, "the PDF is encrypted; save an unprotected copy and load that")
        pages = [_page_text(page) for page in reader.pages]
        title = str(reader.metadata.get("/Title") or "").strip() if reader.metadata else ""
    except LoadError:
        raise
    except PdfReadError as exc:
        raise LoadError(source, f"not a readable PDF; it is damaged or not a PDF ({str(exc)[:120]})") from exc
    except Exception as exc:  # pypdf raises many types on malformed files
        raise LoadError(
            source, f"not a readable PDF; it is damaged or not a PDF ({type(exc).__name__}: {str(exc)[:120]})"
        ) from exc
    if not pages:
        raise LoadError(source, "the PDF has no pages")
    if sum(len(p.strip()) for p in pages) < 20:
        raise LoadError(
            source,
            f"no extractable text; OCR is not supported (the PDF's {len(pages)} page(s) look scanned: images without a text layer)",
        )
    furniture = _furniture(pages)
    blocks: list[Block] = []
    for number, text in enumerate(pages, 1):
        kept = "\n".join(
            ln
            for ln in text.splitlines()
            if _unnumbered(ln) not in furniture
            and not _PAGE_NUMBER.match(ln.strip())
            and not _CONTINUED.search(ln.strip())
        )
        kept, notes = _page_notes(kept)
        page_blocks = _notes_in_place(read_plain(kept, page=number), notes)
        # A paragraph that runs over the page break ends unfinished and goes on at the top of the next page.
        if (
            blocks
            and page_blocks
            and not blocks[-1].level
            and not page_blocks[0].level
            and not blocks[-1].table
            and unfinished(blocks[-1].text)
            and not NUMBERED.match(page_blocks[0].text)
            and not page_blocks[0].text.startswith("- ")
        ):
            blocks[-1].text = f"{blocks[-1].text} {page_blocks.pop(0).text}"
        blocks.extend(page_blocks)
    return {"title": title} if title else {}, blocks


_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)


def _page_text(page: Any) -> str:
    """A page's text with its paragraph breaks. The plain extraction has no blank lines, so a PDF's paragraphs,
    headings set apart by spacing and list items would run together; the layout extraction shows vertical gaps as
    blank lines but keeps columns side by side. Its gaps are used when its lines are the plain extraction's lines
    in the same order (one column, a running header's two ends aside); else a page with a table is read from the
    layout (`_tabled`), and any other keeps the plain text as it is."""
    plain = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is newer and less forgiving of odd fonts: the plain text still serves
        return plain

    def squeeze(text: str) -> list[str]:
        return [" ".join(ln.split()) for ln in text.splitlines()]

    # (a page's number, which the two extractions may place apart, is dropped from the page anyway)
    plain_lines = [ln for ln in squeeze(plain) if ln and not _PAGE_NUMBER.match(ln)]
    out: list[str] = []
    at = 0
    for ln in squeeze(layout):
        if _PAGE_NUMBER.match(ln):
            continue
        if not ln:
            if out and out[-1]:
                out.append(ln)
            continue
        # A line of the layout may be several of the plain text's, set side by side on the page (a running header's
        # "VISFF 23" at the left and "Jury practical information" at the right): they are the plain text's lines,
        # and the page's gaps still count. Anything else (columns of running text) keeps the plain text.
        for k in range(1, _SIDE_BY_SIDE + 1):
            if " ".join(plain_lines[at : at + k]) == ln:
                out.extend(plain_lines[at : at + k])
                at += k
                break
        else:
            return _tabled(layout, plain)
    return "\n".join(out).strip() if at == len(plain_lines) else _tabled(layout, plain)


_SIDE_BY_SIDE = 3  # lines of the plain text that one line of the layout may hold
_SEGMENT = re.compile(r"\S+(?: {1,3}\S+)*")  # a run of words: cells and columns stand 4 spaces apart or more
_ALIGNED = 2  # columns: how far apart two cells may start and stand in one column


def _segments(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _SEGMENT.finditer(line)]


def _aligned(segments: list[tuple[int, str]], columns: list[int]) -> bool:
    return bool(segments) and all(any(abs(at - c) <= _ALIGNED for c in columns) for at, _ in segments)


def _column(columns: list[int], at: int) -> int:
    """The column a cell starting at this position stands in: the one that starts nearest."""
    return min(range(len(columns)), key=lambda n: abs(columns[n] - at))


def _words(lines: Iterable[str]) -> Counter[str]:
    """The words of some lines, page marks ("Page 2 of 4", wherever a running header sets them) and bars aside."""
    return Counter(w for ln in lines for w in _PAGE_MARK.sub(" ", ln).split() if w not in ("|", "–"))


_PAGE_MARK = re.compile(r"\bpage\s+\d{1,4}\s*(?:of|/)\s*\d{1,4}\b", re.I)


def _wrapped(segments: list[tuple[int, str]], columns: list[int], after: str) -> bool:
    """Is this line the next line of cells wrapped in the row above? Each of its pieces fits in its column; and a line
    with words in the first column only goes on a cell only when a gap or another row follows it (not a paragraph
    after the table: "Before the festival" over "Your screener link is personal …")."""
    ends = [*columns[1:], 10**6]
    fits = all(at + len(text) < ends[_column(columns, at)] for at, text in segments)
    first_only = len(segments) == 1 and abs(segments[0][0] - columns[0]) <= _ALIGNED
    return fits and (not first_only or not after.strip() or len(_segments(after)) >= 2)


def _tabled(layout: str, plain: str) -> str:
    """A page whose table the plain extraction reads one cell to a line ("Best Short Documentary", "Main Jury",
    "EUR 5,000" …, a wrapped cell's lines among them): from the layout extraction, each row of three columns or
    more becomes one line of cells set apart by bars, its wrapped lines joined to their cells, which the line reader
    reads as a table ("Award: Best Short Documentary; Prize: EUR 5,000"). Only for a page whose other lines are one
    column (a running header's two ends aside), and whose words are the plain text's; else the plain text stands."""
    lines = [ln.rstrip() for ln in layout.splitlines() if not _PAGE_NUMBER.match(ln.strip())]
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    edges = set(filled[:2] + filled[-2:])
    out: list[str] = []
    i, tables = 0, 0
    while i < len(lines):
        segments = _segments(lines[i])
        rows: list[list[str]] = []
        if len(segments) >= 3:
            columns = [at for at, _ in segments]
            rows = [[text for _, text in segments]]
            j = i + 1
            while j < len(lines):
                k = j
                while k < len(lines) and not lines[k].strip():
                    k += 1
                following = _segments(lines[k]) if k < len(lines) else []
                if not _aligned(following, columns) or (k > j and len(following) < 2):
                    break  # (after a gap, a line of one column is the text below the table)
                if len(following) == len(columns) or k > j:  # a row of its own
                    cells = [""] * len(columns)
                elif _wrapped(following, columns, lines[k + 1] if k + 1 < len(lines) else ""):
                    cells = rows.pop()  # a wrapped cell's next line, under the row it goes on
                else:
                    break  # the text below the table
                for at, text in following:
                    c = _column(columns, at)
                    cells[c] = f"{cells[c]} {text}".strip()
                rows.append(cells)
                j = k + 1
        if len(rows) >= 2:
            out += ["", *(" | ".join(cell or "–" for cell in row) for row in rows), ""]
            tables += 1
            i = j
            continue
        if len(segments) >= 2 and i not in edges:
            return plain  # columns of running text
        # (a running header's two ends as two lines, as on the pages the plain text is kept for)
        out += [" ".join(text.split()) for _, text in segments] or [""]
        i += 1
    if not tables or _words(out) != _words(ln for ln in plain.splitlines() if not _PAGE_NUMBER.match(ln.strip())):
        return plain
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


_NOTE = re.compile(r"^\[(\d{1,3})\]\s+(\S.*)$")
_MARK = re.compile(r"(?<=[^\s\[])\[(\d{1,3})\]")  # "… of less than 40 minutes[1];", "… per feature film.[2]"


def _page_notes(text: str) -> tuple[str, dict[str, str]]:
    """A page's footnotes ("[6] Exceptionally, the Golden Heron may be shared …" at its foot) taken out of its text:
    the run of lines from the first note to the page's end, when each note's mark stands in the text above it."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if i and _NOTE.match(ln.strip())), None)
    if start is None:
        return text, {}
    cited = set(_MARK.findall("\n".join(lines[:start])))
    notes: dict[str, str] = {}
    key = ""
    for ln in lines[start:]:
        m = _NOTE.match(ln.strip())
        if m:
            key = m.group(1)
            notes[key] = m.group(2)
        elif ln.strip():
            notes[key] += " " + ln.strip()
    if not notes or not set(notes) <= cited:
        return text, {}
    return "\n".join(lines[:start]), notes


def _notes_in_place(blocks: list[Block], notes: dict[str, str]) -> list[Block]:
    """Each note read at the end of the paragraph that cites it, its mark dropped: a rule and the note that
    qualifies it ("Prizes may not be divided." + "Exceptionally, the Golden Heron may be shared …") are quoted
    together, and no mark reaches an answer as if it were a citation."""
    for block in blocks if notes else []:
        cited = [notes.pop(key) for key in _MARK.findall(block.text) if key in notes]
        if cited:
            block.text = " ".join([_MARK.sub("", block.text).rstrip(), *cited])
    page = blocks[-1].page if blocks else None
    return blocks + [Block(note, page=page) for note in notes.values()]  # (a note whose mark no paragraph kept)


# A page's running title that says it goes on ("Judges' information 2026 (continued)"): the text goes on under the
# heading it had.
_CONTINUED = re.compile(r"\((?:continued|cont['’]?d|cont\.)\)$", re.I)


def _unnumbered(line: str) -> str:
    """A line with its numbers masked: "Page 2 | For jury members only" is the footer of every page."""
    return re.sub(r"\d+", "#", line.strip())


_LONGEST_RUNNING = 200  # a running line no longer than this (a two-page file's: 80, the two pages may share a line)
_EDGE = 3  # lines at the top and at the foot of a page where a running header or footer stands


def _furniture(pages: list[str]) -> set[str]:
    """Running headers and footers (their numbers masked): lines repeated on most pages, or, in a two-page file, the
    same first or last line on both pages."""
    line_pages: Counter[str] = Counter()
    for p in pages:
        # (at a page's top or foot: a sentence's last word wrapped onto a line of its own, "competition.", may well
        # recur on two pages of three)
        lines = [_unnumbered(ln) for ln in p.splitlines() if ln.strip()]
        line_pages.update({*lines[:_EDGE], *lines[-_EDGE:]})
    if len(pages) >= 3:
        # (however long: a footer of the body's address and web site, "Palazzo Ardenghi, Piazza dei Mercanti 3, …
        # - www.… - jury@…", or a title with its edition and date, is still the page's, never the rules')
        return {ln for ln, n in line_pages.items() if n >= 0.6 * len(pages) and len(ln) < _LONGEST_RUNNING}
    if len(pages) == 2:
        ends = [[_unnumbered(ln) for ln in p.splitlines() if ln.strip()] for p in pages]
        edges = [{*e[:2], *e[-2:]} for e in ends]
        return {ln for ln in edges[0] & edges[1] if len(ln) < 80}
    return set()
