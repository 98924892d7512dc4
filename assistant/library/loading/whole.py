"""Turn files (PDF, DOCX, HTML, Markdown, text) into ordered blocks with document metadata.

Every failure is a `LoadError` naming the file and the problem; nothing here writes anywhere.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assistant.errors import LoadError
from assistant.text import ITEM_MARKER as _ITEM
from assistant.text import LIST_BULLET as _BULLET
from assistant.text import is_title_line, quote_parts

SUPPORTED = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Block:
    """A heading (level > 0), paragraph or table row group, in reading order."""

    text: str
    level: int = 0
    page: int | None = None
    table: bool = False
    marked: bool = False  # a heading the file marks as one (Markdown #, a Word heading style, <h2>), not inferred


@dataclass
class LoadedDocument:
    source: str
    title: str
    kind: str
    blocks: list[Block]
    sha256: str
    festival: str = ""
    edition: str = ""
    effective_date: str = ""
    amends: str = ""
    format: str = ""
    warnings: list[str] = field(default_factory=list)
    url: str = ""  # where the document was published ("Source: https://..." in its first lines)
    header: str = ""  # front matter lines (dates, places, running titles): metadata for citations, never quoted

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


# ---------------------------------------------------------------- file names and discovery


def safe_filename(name: str) -> str:
    """A file name with no directories, control characters or leading dots; never empty."""
    base = re.split(r"[\\/]", name.replace("\x00", ""))[-1]
    base = _CONTROL.sub("", base).strip().lstrip(".")
    base = re.sub(r"[^\w .()+,-]", "_", base)
    base = re.sub(r"\s+", " ", base)
    if len(base) > 150:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 150 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:150]
    return base or "unnamed"


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and supported files inside folders (sorted; README files and hidden entries skipped)."""
    for path in paths:
        if path.is_dir():
            yield from (child for child in _folder_files(path) if child.suffix.lower() in SUPPORTED)
        else:
            yield path


# Companion files that sit beside a library (golden sets, data, images, scripts): skipped without a warning.
NOT_DOCUMENTS = frozenset(
    ".jsonl .json .csv .tsv .yaml .yml .toml .py .sh .png .jpg .jpeg .gif .svg .webp .css .js .log .lock .zip".split()
)


def unsupported_in_folders(paths: Iterable[Path]) -> list[Path]:
    """Files a folder scan passes over because of their type (so the organiser can be told, not left guessing)."""
    return [
        child
        for path in paths
        if path.is_dir()
        for child in _folder_files(path)
        if child.suffix.lower() not in SUPPORTED and child.suffix.lower() not in NOT_DOCUMENTS
    ]


def _folder_files(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.rglob("*")):
        rel = child.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not child.is_file() or child.is_symlink():
            continue
        if not child.name.lower().startswith("readme"):
            yield child


def too_big(size: int, max_bytes: int) -> str:
    """The size-limit message, readable for small limits too (0.01 MB, not 0 MB)."""

    def human(n: float) -> str:
        return f"{n / 1024 / 1024:.3g} MB" if n >= 1024 * 1024 else f"{n / 1024:.3g} KB"

    return f"file is {human(size)}, over the {human(max_bytes)} limit (JUROR_MAX_FILE_MB)"


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- metadata helpers

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_DATE = r"(\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})"
_EFFECTIVE = re.compile(
    r"(?:effective|in force|takes effect|applies|applicable)\b[^.\n]{0,40}?\b(?:from|on|as of|date|:)\s*:?\s*" + _DATE,
    re.I,
)


def parse_date(text: str) -> str:
    """ISO date from common written forms; '' when unsure."""
    text = text.strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    m = re.match(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text)
    if m and m.group(2).lower() in _MONTHS:
        return _safe_date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = re.match(r"([A-Za-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
    if m and m.group(1).lower() in _MONTHS:
        return _safe_date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return ""


def _safe_date(y: int, mo: int, d: int) -> str:
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return ""


def find_effective_date(text: str) -> str:
    m = _EFFECTIVE.search(text[:4000])
    return parse_date(m.group(1)) if m else ""


_KIND_WORDS = [
    ("amendment", ("amendment", "addendum", "corrigendum", "erratum")),
    ("code-of-conduct", ("code of conduct", "conduct", "ethics", "ethic")),
    ("judging-criteria", ("criteria", "rubric", "scoring", "judging guide")),
    ("glossary", ("glossary", "definitions", "terminology")),
    ("faq", ("faq", "frequently asked", "questions and answers", "logistics")),
    ("timeline", ("timeline", "calendar", "schedule")),
    ("screening-obligations", ("screening", "attendance")),
    ("regulations", ("regulation", "rules", "statute", "bylaws", "by-laws")),
    ("letter", ("welcome", "letter")),
]


def infer_kind(title: str, source: str) -> str:
    hay = f"{title} {Path(source).stem.replace('-', ' ').replace('_', ' ')}".lower()
    for kind, words in _KIND_WORDS:
        if any(w in hay for w in words):
            return kind
    return "guide"


_KEY_VALUE = re.compile(r"^[A-Z][\w ]{0,25}:\s+\S")
_HEADER_FIELD = re.compile(r"(?:^|(?<=\s))(Festival|Edition)\s*:\s*(.+?)\s*(?=\s[A-Z][a-z]+(?: [a-z]+)?:\s|$)")


def header_fields(blocks: list[Block]) -> dict[str, str]:
    """'Festival: X' / 'Edition: Y' lines at the head of a document (as PDFs, DOCX and HTML pages often carry)."""
    found: dict[str, str] = {}
    for block in blocks[:8]:
        if len(block.text) > 300 or not _KEY_VALUE.match(block.text):
            continue
        for m in _HEADER_FIELD.finditer(block.text):
            found.setdefault(m.group(1).lower(), m.group(2).strip().rstrip("."))
    return found


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML-style `---` front matter with flat `key: value` lines (no YAML dependency needed)."""
    if not text.startswith("---"):
        return {}, text
    end = re.search(r"^---\s*$", text[3:], re.M)
    if not end:
        return {}, text
    head = text[3 : 3 + end.start()]
    body = text[3 + end.end() :]
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if ":" in line and not line.lstrip().startswith("#"):
            key, _, value = line.partition(":")
            meta[key.strip().lower().replace("-", "_")] = value.strip().strip("\"'")
    return meta, body


def decode_text(data: bytes, source: str) -> tuple[str, str | None]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. Returns (text, warning)."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise LoadError(source, "looks like a binary file, not text")
    try:
        return data.decode("cp1252"), f"{source}: not UTF-8; read as Windows-1252 (legacy encoding)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"{source}: not UTF-8; read as Latin-1 (legacy encoding)"


def clean(text: str) -> str:
    text = _CONTROL.sub("", text.replace("\u00ad", ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


# ---------------------------------------------------------------- format readers


def _md_inline(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_](\S[^*_]*?)[*_](?![\w*])", r"\1", text)
    text = text.replace("`", "")
    return re.sub(r"<[^>]{1,200}>", "", text)


def _table_rows(rows: list[list[str]]) -> list[str]:
    """Each row as 'Header: value; Header: value' so that a row stands alone when quoted."""
    rows = [[clean(c) for c in r] for r in rows if any(clean(c) for c in r)]
    if not rows:
        return []
    header = rows[0]
    if len(rows) == 1:
        return [" | ".join(header)]
    out = []
    for row in rows[1:]:
        cells = [f"{h}: {v}" if h and v and h != v else v for h, v in zip(header, row, strict=False) if v]
        if cells:
            out.append("; ".join(cells) + ("" if cells[-1].endswith(".") else "."))
    return out


def read_markdown(text: str) -> tuple[dict[str, str], list[Block]]:
    """Markdown structure (front matter, # headings, tables, code) around plain-text paragraphs.

    Paragraph lines go through the same line reader as plain text: regulations copied from the web into a `.md`
    file keep one item per line without list markers, which strict Markdown would run together into one paragraph.
    """
    meta, body = parse_front_matter(text)
    fields, body = take_metadata_lines(body)
    meta = fields | meta
    blocks: list[Block] = []
    lines: list[str] = []
    table: list[list[str]] = []
    in_code = False

    def flush() -> None:
        if lines:
            blocks.extend(read_lines([_md_inline(line) for line in lines]))
            lines.clear()
        if table:
            rows = [r for r in table if not all(re.fullmatch(r":?-{2,}:?", c.strip()) for c in r if c.strip())]
            for row in _table_rows(rows):
                blocks.append(Block(_md_inline(row), table=True))
            table.clear()

    for raw in body.splitlines():
        line = raw.rstrip()
        if line.strip().startswith("```"):
            flush()
            in_code = not in_code
            continue
        if in_code:
            lines.append(line.strip())
            continue
        line = re.sub(r"^\s*(>\s?)+", "", line)  # block quotes: the quoted text is content
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            flush()
            blocks.append(Block(clean(_md_inline(heading.group(2))), level=len(heading.group(1)), marked=True))
        elif line.strip().startswith("|") and line.strip().endswith("|"):
            if lines:
                flush()
            table.append(line.strip().strip("|").split("|"))
        elif re.fullmatch(r"\s*(-{3,}|\*{3,}|_{3,})\s*", line):
            flush()
        else:
            if table:
                flush()
            lines.append(line)
    flush()
    return meta, [b for b in blocks if b.text]


_HEADINGISH = re.compile(
    r"^(?:(?i:article|art\.|section|chapter|part|annex|appendix|schedule|rule)\s+[0-9IVXLC]+[A-Za-z]?\b.{0,90}"
    r"|[A-Z][A-Z0-9 ,&'()/–-]{3,80})$"
)
_NUMBERED = re.compile(r"^(\d+(\.\d+)*[.)]?|\([a-z0-9]+\)|[a-z]\))\s+\S")
_ARTICLE_LINE = re.compile(r"(?i)^(article|art\.|section|chapter|part|annex|appendix|schedule|rule)\s+[0-9IVXLC]")
_NUMBERED_TITLE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(?=[A-Z#\"'“(])")


def _continues(para: list[str]) -> bool:
    """A wrapped line that starts with a number ("…within clause / 6.2 or clause 6.3.") continues its sentence."""
    if not para:
        return False
    last = para[-1].rstrip()
    return bool(last) and not re.search(r"[.:;!?)\]]$", last) and (last[-1].isalpha() or last.endswith(","))


_FAQ_Q = re.compile(r"^(?:Q|Question)\s*[:.]\s*", re.I)
_FAQ_A = re.compile(r"^(?:A|Answer)\s*[:.]\s*(?=\S)")
_BARE_NUMBER = re.compile(r"^(?:(?:article|art\.|clause|section)\s+)?\d{1,3}(?:\.\d{1,3})*\.?$", re.I)
_BREADCRUMB = re.compile(r"^[^.!?]{1,60}(?:\s[>»›/]\s[^.!?]{1,60}){2,}$")
_DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}$|\s{3,}\d{1,4}$")
_PAGE_MARK = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_DATE_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\[[^\]]{0,30}\])?$")
# Page furniture of web copies: sharing and navigation words standing alone on a line.
_WEB_FURNITURE = re.compile(
    r"^(?:follow us|share(?: this(?: page)?)?|read more|more info(?:rmation)?(?: coming)? soon\.?|coming soon\.?"
    r"|back to top|print(?: this page)?|subscribe(?: to our newsletter)?|skip to (?:main )?content|menu|search)[.!]?$",
    re.I,
)
_CONNECTOR = re.compile(
    r"(?i)\b(?:a|an|the|of|to|in|on|at|by|for|with|from|and|or|nor|but|as|than|that|which|who|whose|is|are|was|were|be|"
    r"not|no|its|their|his|her|this|these|those|such|per|via|under|over|between|into|onto|upon)$"
)


def _ends_sentence(line: str) -> bool:
    return bool(re.search(r"[.!?][\"'”’)\]]*$", line.rstrip()))


def _unfinished(line: str) -> bool:
    """The line stops mid-sentence: no closing punctuation of any kind."""
    return not re.search(r"[.:;!?][\"'”’)\]]*$", line.rstrip())


def is_furniture(line: str) -> bool:
    """Lines that are page or web furniture, never text: breadcrumbs, page marks, table-of-contents rows,
    date stamps, sharing links."""
    s = line.strip()
    return bool(
        _PAGE_MARK.match(s)
        or _DATE_STAMP.match(s)
        or _WEB_FURNITURE.match(s)
        or (_BREADCRUMB.match(s) and len(s) <= 160)
        or (_DOT_LEADER.search(s) and len(s) <= 160 and not _ends_sentence(s[:-4]))
    )


def _prepare(lines: list[str]) -> list[str]:
    """Undo the damage of copying: drop furniture, rejoin words printed one per line, and re-attach or drop clause
    numbers cut off from their text ("1.2." on its own line; a run of "6.1." "6.2." … left by a flattened table)."""
    stripped = [ln.strip() for ln in lines]
    out: list[str] = []
    i = 0
    while i < len(stripped):
        line = stripped[i]
        if line and is_furniture(line):
            i += 1
            continue
        if line and _BARE_NUMBER.match(line) and not line.lower().startswith(("article", "art.", "section")):
            j = i
            while j < len(stripped) and stripped[j] and _BARE_NUMBER.match(stripped[j]):
                j += 1
            nxt = stripped[j] if j < len(stripped) else ""
            if j - i == 1 and out and out[-1] and _unfinished(out[-1]) and out[-1].split()[-1].islower():
                out[-1] = f"{out[-1]} {line}"  # "... for the purposes of" + "clause 5.2.": a reference ends it
                i = j
                continue
            if j - i == 1 and nxt and not _BARE_NUMBER.match(nxt):
                stripped[j] = f"{line} {nxt}"  # "1.2." + "Legal body of ..." is clause 1.2
            i = j  # a run of numbers has lost its paragraphs: the numbers cannot be placed
            continue
        # Words one per line (a PDF or web copy): three or more short unfinished lines in a row are one line.
        j = i
        while j < len(stripped) and stripped[j] and len(stripped[j].split()) <= 2 and _unfinished(stripped[j]):
            j += 1
        words_per_line = sum(len(x.split()) for x in stripped[i:j]) / max(1, j - i)
        if j - i >= 3 and (words_per_line <= 1.5 or any(x[:1].islower() for x in stripped[i:j])):
            run = stripped[i:j]
            if j < len(stripped) and stripped[j] and (stripped[j][:1].islower() or len(stripped[j].split()) <= 4):
                run.append(stripped[j])
                j += 1
            out.append(" ".join(run))
            i = j
            continue
        out.append(line)
        i += 1
    return out


_CONTACT = re.compile(
    r"(?i)(?:^|\s)(?:tel|phone|fax|e-?mail|web-?site|website|attn)\b\.?\s*:|https?://|\bwww\.|[\w.+-]+@[\w-]+\.\w"
    r"|\+\d[\d ()-]{6,}|\bp\.?\s?o\.? box\b"
)


def _join_contact_blocks(lines: list[str]) -> list[str]:
    """An address block (organisation, street, town, phone, e-mail, web) is one line: its pieces are no headings."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while (
            j < len(lines)
            and lines[j]
            and len(lines[j].split()) <= 12
            and not _ends_sentence(lines[j].rstrip(";,"))
            and not lines[j].endswith(":")
            and not _ARTICLE_LINE.match(lines[j])
        ):
            j += 1
        run = lines[i:j]
        if len(run) >= 3 and sum(bool(_CONTACT.search(x)) for x in run) >= 2:
            out.append(", ".join(x.rstrip(";,") for x in run))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _list_runs(lines: list[str], width: int) -> set[int]:
    """Lines that are items of an unmarked list by their shape: three or more short lines in a row, each starting
    with a capital or a digit and none ending a sentence ("Best Director (Grant of 5000 Euros)", "Best Script", ...)."""

    def item_shaped(line: str) -> bool:
        return (
            bool(line)
            and len(line.split()) <= 10
            and (line[:1].isupper() or line[:1].isdigit())
            and not _ends_sentence(line)
            and not line.endswith(":")
            and not _ARTICLE_LINE.match(line)
            and not _NUMBERED_TITLE.match(line)
            and not _KEY_VALUE.match(line)
            and (width < 50 or len(line) < 0.7 * width)
        )

    found: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and item_shaped(lines[j]):
            j += 1
        if j - i >= 3:
            found.update(range(i, j))
        i = max(j, i + 1)
    return found


def _wrap_width(lines: list[str]) -> int:
    """Typical length of a hard-wrapped line (90th percentile); lines this long that stop mid-sentence wrap."""
    lengths = sorted(len(ln) for ln in lines if ln)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _is_heading(line: str, nxt: str, para: list[str], standalone: bool, wrapped: bool) -> bool:
    """`wrapped`: the line before stops mid-sentence in a way that continues here (a connector, or a full-width
    line of wrapped text): "...as set out in" + "Article 2 and may not..." is one sentence, not a heading."""
    if len(line) > 100 or line.endswith((",", ";")) or _BULLET.match(line) or _ITEM.match(line):
        return False
    if _ARTICLE_LINE.match(line) and len(line.split()) <= 3 and re.search(r"[\w.:]$", line) and not nxt[:1].islower():
        return True  # "Article 2." or "ARTICLE 3" alone on its line
    if wrapped or nxt[:1].islower():
        return False  # what follows continues this line, or this line continues the one before
    if _ARTICLE_LINE.match(line) and not line.endswith("."):
        return True  # "Article 4 - Jury", "ARTICLE 1: Eligibility"
    if _KEY_VALUE.match(line):
        return False
    if _HEADINGISH.match(line) and not line.endswith("."):
        return True
    numbered = _NUMBERED_TITLE.match(line)
    if numbered and not _ends_sentence(line) and not line.endswith(":") and len(line.split()) <= 12:
        return not nxt or not nxt[:1].islower()  # "1.5 Additional awards presented" heads what follows
    if (para and not standalone and not _unfinished(para[-1])) or _ends_sentence(line) or line.endswith(":"):
        return False
    if not line[:1].isupper() or len(line) > 80:
        return False
    words_ = line.split()
    if standalone and len(words_) <= 10:
        return True  # a short line standing alone between blank lines, without a full stop, is a title
    titled = sum(w[:1].isupper() for w in words_ if len(w) > 3)
    long_words = sum(len(w) > 3 for w in words_)
    follows = not nxt or bool(_NUMBERED.match(nxt) or _BULLET.match(nxt) or _ITEM.match(nxt)) or nxt[:1].isupper()
    return follows and long_words > 0 and titled == long_words and not _NUMBERED.match(line)


def read_lines(lines: list[str], page: int | None = None) -> list[Block]:
    """Blocks from the lines of plain text: paragraphs, headings and list items.

    Rules for real documents: a line that stops mid-sentence continues on the next (wrapped text, or words
    printed one per line); a list item starts a block, marked ("- ", "(1)", "a)", "No 2:") or not (the lines after a
    lead-in ending with ":"); a short line on its own without a full stop is a heading; an FAQ question is the
    heading of its answer. Unmarked items get a "- " marker so that the structure survives in the stored text.
    """
    prepared = _join_contact_blocks(_prepare(lines))
    width = _wrap_width(prepared)
    listed = _list_runs(prepared, width)
    blocks: list[Block] = []
    para: list[str] = []
    mode = ""  # "" (prose), "marked" (a bulleted/numbered list), "implicit" (unmarked lines after a lead-in)

    def flush() -> None:
        if para:
            joined = ""
            for part in para:
                if joined.endswith("-") and not joined.endswith(" -") and part[:1].islower():
                    joined = joined[:-1] + part
                else:
                    joined = f"{joined} {part}" if joined else part
            blocks.append(Block(clean(joined), page=page))
            para.clear()

    def heading(text: str, level: int) -> None:
        nonlocal mode
        flush()
        mode = ""
        blocks.append(Block(clean(text), level=level, page=page))

    def bare_article() -> bool:
        """The last block is a heading like "Article 2." that still waits for its title."""
        return bool(
            blocks
            and blocks[-1].level
            and re.fullmatch(r"(?i)(article|art\.|section|chapter)\s+\S+\.?", blocks[-1].text)
        )

    for i, line in enumerate(prepared):
        if not line:
            flush()
            mode = ""
            continue
        prev_blank = i == 0 or not prepared[i - 1]
        nxt = prepared[i + 1] if i + 1 < len(prepared) else ""
        standalone = prev_blank and not nxt and not para
        last = para[-1] if para else ""
        key_value = bool(_KEY_VALUE.match(line)) and len(line) <= 100 and not _FAQ_A.match(line)
        if (
            bare_article()
            and not para
            and len(line.split()) <= 6
            and line[:1].isupper()
            and not _ITEM.match(line)
            and ":" not in line
            and (_ends_sentence(line) or _unfinished(line))
        ):
            blocks[-1].text = f"{blocks[-1].text} {line.rstrip('.')}"  # "Article 2." + "Jury." = one heading
            continue
        if _FAQ_Q.match(line) and len(line) > 4:
            heading(_FAQ_Q.sub("", line), 4)
            continue
        if (
            line.endswith("?")
            and len(line.split()) <= 25
            and nxt
            and not nxt.endswith("?")
            and not (para and _unfinished(last))
        ):
            heading(line, 4)  # an FAQ question heads its answer
            continue
        if i in listed and not _BULLET.match(line) and not _ITEM.match(line):
            flush()
            para.append("- " + line)
            mode = "implicit"
            continue
        wrapped = bool(para) and _unfinished(last) and (bool(_CONNECTOR.search(last)) or len(last) >= 0.7 * width >= 35)
        if _is_heading(line, nxt, para, standalone, wrapped) and not key_value:
            numbered = _NUMBERED_TITLE.match(line)
            if numbered:
                level = min(5, 2 + numbered.group(1).count("."))
            else:
                level = 2 if re.match(r"(?i)(article|chapter|part|section)\b", line) else 3
            heading(line, level)
            continue
        line = _FAQ_A.sub("", line)
        bullet = _BULLET.match(line)
        marked = bool(bullet or _ITEM.match(line) or (_NUMBERED.match(line) and not _continues(para)))
        if marked:
            flush()
            para.append("- " + line[bullet.end() :] if bullet else line)
            mode = "marked"
            continue
        if key_value and not (para and _unfinished(last)):
            flush()
            blocks.append(Block(clean(line), page=page))  # "Festival venue: ..." stands on its own
            continue
        starts_lower = line[:1].islower() or (line[:1] == "(" and not _ITEM.match(line))
        if para and (starts_lower or (_unfinished(last) and (_CONNECTOR.search(last) or last.endswith(("-", "–"))))):
            para.append(line)  # the sentence goes on
            continue
        lead_before = not para and bool(blocks) and not blocks[-1].level and blocks[-1].text.endswith(":")
        if (para and last.endswith(":")) or (lead_before and len(line.split()) <= 12 and not _ends_sentence(line)):
            flush()
            item_like = not _ends_sentence(line) or len(line.split()) <= 12
            para.append("- " + line if item_like else line)
            mode = "implicit" if item_like else ""
            continue
        if mode == "implicit" and (not _ends_sentence(line) or len(line.split()) <= 12):
            flush()
            para.append("- " + line)
            continue
        if para and _unfinished(last) and len(last) >= 0.7 * width and width >= 50:
            para.append(line)  # hard-wrapped text
            continue
        if para and _unfinished(last):
            flush()  # the previous line was a label or an item of its own
            mode = ""
        elif mode:
            flush()
            mode = ""
        para.append(line)
    flush()
    return [b for b in blocks if b.text]


def read_plain(text: str, page: int | None = None) -> list[Block]:
    """Paragraphs, headings and list items from the lines of a text file, a PDF page or an HTML fallback."""
    return read_lines(text.splitlines(), page)


def read_paragraphs(parts: Iterable[Block | str]) -> list[Block]:
    """Blocks from a word processor's or a web page's paragraphs: marked headings and table rows (given as blocks)
    stay as they are; the paragraphs between them (given as strings, list items with a "- " marker) go through
    the line reader, so that unstyled headings ("ARTICLE 3: Jury"), lists after a lead-in and sentences broken
    over several paragraphs (a PDF converted to Word) are read as in a text file. A paragraph that ends a
    sentence ends its block: the author pressed Enter there."""
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.extend(read_lines(lines))
            lines.clear()

    for part in parts:
        if isinstance(part, Block):
            flush()
            blocks.append(part)
            continue
        text = clean(part)
        if not text:
            continue
        if lines and lines[-1] and _ends_sentence(lines[-1]) and not lines[-1].startswith("- "):
            lines.append("")
        lines.append(text)
    flush()
    return [b for b in blocks if b.text]


# ---------------------------------------------------------------- front matter: metadata, never a quotable rule

_META_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{1,24}?)\s*:\s*(\S.*?)\s*$")
_META_KEYS = {
    "title": "title",
    "source": "source",
    "url": "url",
    "link": "url",
    "author": "author",
    "date": "date",
    "published": "date",
    "updated": "date",
    "last updated": "date",
    "festival": "festival",
    "edition": "edition",
    "effective": "effective_date",
    "effective date": "effective_date",
    "kind": "kind",
    "amends": "amends",
    "language": "language",
}
_URL = re.compile(r"https?://\S+|\bwww\.\S+")


def take_metadata_lines(text: str) -> tuple[dict[str, str], str]:
    """ "Title: ...", "Source: https://..." lines that open a text copied from somewhere are the document's
    metadata (like e-mail headers), not its text. Stops at the first line that is not such a field."""
    meta: dict[str, str] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = _META_LINE.match(line)
        key = _META_KEYS.get(m.group(1).strip().lower()) if m else None
        if not m or key is None:
            break
        value = m.group(2).strip()
        if key == "source":
            url = _URL.search(value)
            key, value = ("url", url.group(0)) if url else ("source_note", value)
        meta.setdefault(key, value)
        i += 1
    if not meta:
        return {}, text
    return meta, "\n".join(lines[i:])


def _is_body(block: Block) -> bool:
    """Where the text proper starts: a sentence, a list item, a clause or a table row."""
    if block.level:
        return False
    text = block.text
    n = len(text.split())
    if block.table or text.startswith("- ") or _ITEM.match(text):
        return True
    if _KEY_VALUE.match(text) and n <= 12:
        return False  # "Festival: ...", "Edition: 2027" at the head of a document are header fields
    if (text.endswith(":") or _NUMBERED_TITLE.match(text)) and n >= 4:
        return True
    return n >= 6 and (_ends_sentence(text) or n >= 20)


def split_front_matter(blocks: list[Block], title: str, limit: int = 10) -> tuple[list[Block], list[str]]:
    """(blocks without front matter, front matter lines). Before the text proper, title lines are dropped and short
    lines (running titles, dates and places, header fields, a salutation) go to the header; headings the file marks
    as such, numbered headings and a heading right before the text stay, because they name sections."""
    first = next((i for i, b in enumerate(blocks[:limit]) if _is_body(b)), None)
    if first is None:
        return [b for b in blocks if not (b.level and is_title_line(b.text, title))], []
    kept: list[Block] = []
    header: list[str] = []
    for i, block in enumerate(blocks[:first]):
        if is_title_line(block.text, title):
            continue
        structural = block.level and (
            block.marked or _ARTICLE_LINE.match(block.text) or _NUMBERED_TITLE.match(block.text)
        )
        if structural or (block.level and i == first - 1) or len(block.text.split()) > 20:
            kept.append(block)
        else:
            header.append(block.text)
    return kept + blocks[first:], header


def _merge_title_runs(blocks: list[Block]) -> list[Block]:
    """Three or more title-like lines in a row (a signature or address: name, role, organisation), or such lines
    ending the text, are a paragraph, not nested headings with nothing under them."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while (
            j < len(blocks)
            and blocks[j].level
            and not blocks[j].marked
            and not _ARTICLE_LINE.match(blocks[j].text)
            and not _NUMBERED_TITLE.match(blocks[j].text)
        ):
            j += 1
        if j - i >= 3 or (j > i and j == len(blocks)):
            out.append(Block(", ".join(b.text for b in blocks[i:j]), page=blocks[i].page))
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return out


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
    page_no = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)
    blocks: list[Block] = []
    for number, text in enumerate(pages, 1):
        kept = "\n".join(
            ln for ln in text.splitlines() if ln.strip() not in furniture and not page_no.match(ln.strip())
        )
        page_blocks = read_plain(kept, page=number)
        # A paragraph that runs over the page break ends unfinished and goes on at the top of the next page.
        if (
            blocks
            and page_blocks
            and not blocks[-1].level
            and not page_blocks[0].level
            and not blocks[-1].table
            and _unfinished(blocks[-1].text)
            and not _NUMBERED.match(page_blocks[0].text)
            and not page_blocks[0].text.startswith("- ")
        ):
            blocks[-1].text = f"{blocks[-1].text} {page_blocks.pop(0).text}"
        blocks.extend(page_blocks)
    return {"title": title} if title else {}, blocks


def _page_text(page: Any) -> str:
    """A page's text with its paragraph breaks. The plain extraction has no blank lines, so a PDF's paragraphs,
    headings set apart by spacing and list items would run together; the layout extraction shows vertical gaps as
    blank lines but keeps columns side by side. Its gaps are used when its lines are the plain extraction's lines
    in the same order (one column), else the plain text is kept as it is."""
    plain = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is newer and less forgiving of odd fonts: the plain text still serves
        return plain

    def squeeze(text: str) -> list[str]:
        return [" ".join(ln.split()) for ln in text.splitlines()]

    lines = squeeze(layout)
    if [ln for ln in lines if ln] != [ln for ln in squeeze(plain) if ln]:
        return plain
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()


def _furniture(pages: list[str]) -> set[str]:
    """Running headers and footers: lines repeated on most pages, or, in a two-page file, the same first or last
    line on both pages."""
    line_pages: Counter[str] = Counter()
    for p in pages:
        line_pages.update({ln.strip() for ln in p.splitlines() if ln.strip()})
    if len(pages) >= 3:
        return {ln for ln, n in line_pages.items() if n >= 0.6 * len(pages) and len(ln) < 80}
    if len(pages) == 2:
        ends = [[ln.strip() for ln in p.splitlines() if ln.strip()] for p in pages]
        edges = [{*e[:2], *e[-2:]} for e in ends]
        return {ln for ln in edges[0] & edges[1] if len(ln) < 80}
    return set()


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
    parts: list[Block | str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = clean(para.text)
            if not text:
                continue
            style = (para.style.name if para.style is not None else "") or ""
            m = re.match(r"(?i)heading\s*(\d)", style)
            if style.lower() == "title":
                parts.append(Block(text, level=1, marked=True))
            elif m:
                parts.append(Block(text, level=min(6, int(m.group(1))), marked=True))
            elif _docx_list_item(child, style) and not _BULLET.match(text):
                parts.append("- " + text)  # Word's numbering and bullets are not in the paragraph's text
            else:
                parts.append(text)
        elif tag == "tbl":
            table = Table(child, document)
            rows = []
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = clean(cell.text)
                    if not cells or cells[-1] != value:  # merged cells repeat
                        cells.append(value)
                rows.append(cells)
            for row_text in _table_rows(rows):
                parts.append(Block(row_text, table=True))
    return meta, read_paragraphs(parts)


def _docx_list_item(paragraph: Any, style: str) -> bool:
    """A paragraph in a Word list: numbered or bulleted by its own properties or by a list style."""
    ppr = paragraph.pPr
    return (ppr is not None and ppr.numPr is not None) or style.lower().startswith("list")


_HTML_DROP = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "template",
    "button",
    "select",
]
_HTML_BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "blockquote", "dt", "dd", "table", "figcaption"]


def read_html(text: str, source: str) -> tuple[dict[str, str], list[Block]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "lxml")
    meta: dict[str, str] = {}
    if soup.title and soup.title.string:
        meta["title"] = clean(soup.title.string)
    for tag in soup.find_all("meta"):
        name = str(tag.get("name") or tag.get("property") or "").lower()
        content = str(tag.get("content") or "")
        if name in ("effective-date", "effective_date", "dcterms.valid", "dc.date.valid") and content:
            meta["effective_date"] = content
        elif name in ("festival", "edition", "kind", "amends", "document-kind") and content:
            meta[name.removeprefix("document-")] = content
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    for tag in soup.select("[role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]"):
        tag.decompose()
    h1 = soup.find("h1")
    if h1 is not None and h1.get_text(strip=True):
        meta["title"] = clean(h1.get_text(" ", strip=True))  # <title> often carries the site name too
    root = soup.find("main") or soup.find("article") or soup.find(None, {"role": "main"}) or soup.body or soup
    parts: list[Block | str] = []
    for el in root.find_all(_HTML_BLOCKS):
        if el.find_parent(_HTML_BLOCKS) is not None:
            continue
        name = el.name
        if name == "table":
            rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in el.find_all("tr")]
            parts.extend(Block(r, table=True) for r in _table_rows(rows))
        elif name and name[0] == "h" and name[1:].isdigit():
            parts.append(Block(clean(el.get_text(" ", strip=True)), level=int(name[1:]), marked=True))
        elif name == "pre":
            parts.extend(el.get_text().splitlines())
        else:
            text = clean(el.get_text(" ", strip=True))
            parts.append("- " + text if name == "li" and text and not _BULLET.match(text) else text)
    blocks = read_paragraphs(parts)
    if not blocks:
        blocks = read_plain(root.get_text("\n"))
    return meta, [b for b in blocks if b.text]


# ---------------------------------------------------------------- entry point


def load_bytes(
    data: bytes, source: str, *, max_bytes: int | None = None, overrides: dict[str, str] | None = None
) -> LoadedDocument:
    """Parse one file's bytes. `source` is the (sanitised) file name used in citations."""
    ext = Path(source).suffix.lower()
    fmt = SUPPORTED.get(ext)
    if fmt is None:
        kinds = ", ".join(sorted(SUPPORTED))
        raise LoadError(source, f"unsupported file type {ext or '(no extension)'!r}; supported: {kinds}")
    if max_bytes is not None and len(data) > max_bytes:
        raise LoadError(source, too_big(len(data), max_bytes))
    if not data.strip():
        raise LoadError(source, "the file is empty")
    warnings: list[str] = []
    if fmt == "pdf":
        meta, blocks = read_pdf(data, source)
    elif fmt == "docx":
        meta, blocks = read_docx(data, source)
    else:
        text, warning = decode_text(data, source)
        if warning:
            warnings.append(warning)
        if fmt == "html":
            meta, blocks = read_html(text, source)
        elif fmt == "markdown":
            meta, blocks = read_markdown(text)
        else:
            meta, body = parse_front_matter(text)
            fields, body = take_metadata_lines(body)
            meta = fields | meta
            blocks = read_plain(body)
    if not blocks or sum(len(b.text) for b in blocks) < 20:
        raise LoadError(source, "no extractable text (the file has no readable content)")
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    for key, value in header_fields(blocks).items():
        meta.setdefault(key, value)
    title = meta.get("title") or next((b.text for b in blocks if b.level == 1), "")
    blocks, header = split_front_matter(blocks, title)
    if not title:  # no title given: a short running title at the head of the text, else the file name
        title = next((h for h in header if 2 <= len(h.split()) <= 12 and not _KEY_VALUE.match(h)), "")
        title = title.title() if title.isupper() else title
        title = title or Path(source).stem.replace("-", " ").replace("_", " ").title()
    blocks = [b for b in _merge_title_runs(blocks) if b.text]
    if not blocks:
        raise LoadError(source, "no extractable text (only a title and header lines)")
    for block in blocks[:10]:  # the title printed as a heading opens the document rather than a section
        if block.level > 1 and block.text.lower() == clean(title).lower():
            block.level = 1
            break
    full = "\n".join(header + [b.text for b in blocks[:60]])
    effective = parse_date(meta.get("effective_date", "") or meta.get("effective", "")) or find_effective_date(full)
    kind = meta.get("kind") or infer_kind(title, source)
    return LoadedDocument(
        source=source,
        title=clean(title)[:200],
        kind=kind,
        blocks=blocks,
        sha256=file_sha256(data),
        festival=meta.get("festival", ""),
        edition=str(meta.get("edition", "")),
        effective_date=effective,
        amends=meta.get("amends", ""),
        format=fmt,
        warnings=warnings,
        url=meta.get("url", ""),
        header=" · ".join(header),
    )


def load_file(path: Path, *, max_bytes: int | None = None, overrides: dict[str, str] | None = None) -> LoadedDocument:
    source = safe_filename(path.name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(str(path), f"cannot read the file ({exc.strerror or exc})") from exc
    if max_bytes is not None and size > max_bytes:
        raise LoadError(source, too_big(size, max_bytes))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(source, f"cannot read the file ({exc.strerror or exc})") from exc
    return load_bytes(data, source, max_bytes=max_bytes, overrides=overrides)


def today_iso() -> str:
    return datetime.now().date().isoformat()


def pdf_page_png(path: Path, page: int, width_px: int = 1000, highlight: str = "") -> bytes:
    """One page of a loaded PDF as a PNG, the cited words marked, so a juror sees the passage where it stands."""
    import io

    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise LoadError(path.name, f"the PDF cannot be opened ({exc})") from None
    try:
        if not 1 <= page <= len(pdf):
            raise LoadError(path.name, f"there is no page {page} (the PDF has {len(pdf)} pages)")
        pdf_page = pdf[page - 1]
        scale = width_px / max(1.0, pdf_page.get_width())
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        boxes = _quote_boxes(pdf_page, highlight) if highlight.strip() else []
        if boxes:
            overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
            draw = ImageDraw.Draw(overlay)
            height = pdf_page.get_height()
            for left, bottom, right, top in boxes:
                draw.rectangle(
                    (
                        (left - 2) * scale,
                        (height - top - 2) * scale,
                        (right + 2) * scale,
                        (height - bottom + 2) * scale,
                    ),
                    fill=(255, 196, 0, 90),
                )
            image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        pdf.close()


def _quote_boxes(pdf_page: Any, quote: str) -> list[tuple[float, float, float, float]]:
    """One box per text line covered by each part of the quote (parts joined by an ellipsis); [] if not found.

    PDF text differs from the loaded text in line breaks and hyphenation, so each part is located by its first
    and last few words rather than as a whole.
    """
    textpage = pdf_page.get_textpage()
    lines: dict[tuple[int, int], list[float]] = {}
    for part in quote_parts(quote):
        tokens = part.lstrip("> ").split()
        if not tokens:
            continue
        start = _find(textpage, tokens, 0, from_end=False)
        if start is None:
            continue
        end = _find(textpage, tokens, start[0], from_end=True) or start
        for i in range(start[0], max(end[0] + end[1], start[0] + start[1])):
            left, bottom, right, top = textpage.get_charbox(i)
            if right - left <= 0 or top - bottom <= 0:
                continue
            key = (round(bottom / 3), round(top / 3))  # characters of one line share their baseline
            box = lines.setdefault(key, [left, bottom, right, top])
            box[0], box[1], box[2], box[3] = (
                min(box[0], left),
                min(box[1], bottom),
                max(box[2], right),
                max(box[3], top),
            )
    return [(b[0], b[1], b[2], b[3]) for b in lines.values()]


def _find(textpage: Any, tokens: list[str], index: int, *, from_end: bool) -> tuple[int, int] | None:
    """(first char, length) of the quote's first (or last) few words on the page, trying shorter runs."""
    for n in (6, 4, 3, 2):
        run = tokens[-n:] if from_end else tokens[:n]
        if len(run) < min(n, len(tokens)):
            continue
        found = textpage.search(" ".join(run), index=index, match_case=False).get_next()
        if found:
            return int(found[0]), int(found[1])
    return None
