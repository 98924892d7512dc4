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
from assistant.text import quote_parts

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
    meta, body = parse_front_matter(text)
    blocks: list[Block] = []
    para: list[str] = []
    table: list[list[str]] = []
    in_code = False

    def flush() -> None:
        if para:
            blocks.append(Block(clean(_md_inline(" ".join(para)))))
            para.clear()
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
            para.append(line.strip())
            continue
        line = re.sub(r"^\s*(>\s?)+", "", line)  # block quotes: the quoted text is content
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            flush()
            blocks.append(Block(clean(_md_inline(heading.group(2))), level=len(heading.group(1))))
        elif line.strip().startswith("|") and line.strip().endswith("|"):
            if para:
                flush()
            table.append(line.strip().strip("|").split("|"))
        elif not line.strip():
            flush()
        elif re.match(r"^\s*([-*+]|\d+[.)])\s+", line):
            flush()
            para.append(re.sub(r"^\s*[-*+]\s+", "", line))
        elif re.fullmatch(r"\s*(-{3,}|\*{3,}|_{3,})\s*", line):
            flush()
        else:
            if table:
                flush()
            para.append(line.strip())
    flush()
    return meta, [b for b in blocks if b.text]


_HEADINGISH = re.compile(
    r"^((article|art\.|section|chapter|part|annex|appendix|schedule|rule)\s+[0-9IVXLC]+[A-Za-z]?\b.{0,90}|[A-Z][A-Z0-9 ,&'()/-]{3,80})$",
    re.I,
)
_NUMBERED = re.compile(r"^(\d+(\.\d+)*[.)]?|\([a-z0-9]+\)|[a-z]\))\s+\S")


_ARTICLE_LINE = re.compile(r"(?i)^(article|art\.|section|chapter|part|annex|appendix|schedule|rule)\s+[0-9IVXLC]")


def _continues(para: list[str]) -> bool:
    """A wrapped line that starts with a number ("…within clause / 6.2 or clause 6.3.") continues its sentence."""
    if not para:
        return False
    last = para[-1].rstrip()
    return bool(last) and not re.search(r"[.:;!?)\]]$", last) and (last[-1].isalpha() or last.endswith(","))


def read_plain(text: str, page: int | None = None) -> list[Block]:
    """Paragraphs from wrapped lines: blank lines, headings and numbered items start new blocks."""
    blocks: list[Block] = []
    para: list[str] = []

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

    lines = text.splitlines()
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            flush()
            continue
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        # A line that continues an unfinished sentence ("...as set out in\nArticle 2 and may not...") is no heading,
        # nor is a "Key: value" line such as "Festival: Lumen Bay".
        continues = bool(para) and not re.search(r"[.:;!?]$", para[-1])
        key_value = bool(_KEY_VALUE.match(line)) and len(line) <= 100
        is_heading = (
            bool(_HEADINGISH.match(line))
            and len(line) <= 100
            and not line.endswith((",", ";", "."))
            and not continues
            and not key_value
        )
        if not is_heading and len(line) <= 70 and not re.search(r"[.:;,!?]$", line) and line[:1].isupper():
            words = line.split()
            titled = sum(w[:1].isupper() for w in words if len(w) > 3)
            long_words = sum(len(w) > 3 for w in words)
            is_heading = (
                (not nxt or bool(_NUMBERED.match(nxt)) or nxt[:1].isupper())
                and long_words > 0
                and titled == long_words
                and not _NUMBERED.match(line)
                and not para
                and not key_value
            )
        if key_value and not continues:
            flush()
            blocks.append(Block(clean(line), page=page))  # a header field stands on its own
        elif is_heading:
            flush()
            blocks.append(
                Block(clean(line), level=2 if re.match(r"(?i)(article|chapter|part|section)\b", line) else 3, page=page)
            )
        elif (_NUMBERED.match(line) and not _continues(para)) or re.match(r"^[-*•]\s+", line):
            flush()
            para.append(re.sub(r"^[-*•]\s+", "", line))
        else:
            para.append(line)
    flush()
    return [b for b in _merge_title_runs(blocks) if b.text]


def _merge_title_runs(blocks: list[Block]) -> list[Block]:
    """Three or more title-like lines in a row (a signature or address: name, role, organisation), or such lines
    ending the text, are a paragraph, not nested headings with nothing under them."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].level and not _ARTICLE_LINE.match(blocks[j].text):
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
        pages = [page.extract_text() or "" for page in reader.pages]
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
    # Lines repeated on most pages (running headers/footers) and bare page numbers are furniture.
    line_pages: Counter[str] = Counter()
    for p in pages:
        line_pages.update({ln.strip() for ln in p.splitlines() if ln.strip()})
    furniture = {ln for ln, n in line_pages.items() if len(pages) >= 3 and n >= 0.6 * len(pages) and len(ln) < 80}
    page_no = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)
    blocks: list[Block] = []
    for number, text in enumerate(pages, 1):
        kept = "\n".join(
            ln for ln in text.splitlines() if ln.strip() not in furniture and not page_no.match(ln.strip())
        )
        blocks.extend(read_plain(kept, page=number))
    return {"title": title} if title else {}, blocks


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
    blocks: list[Block] = []
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
                blocks.append(Block(text, level=1))
            elif m:
                blocks.append(Block(text, level=min(6, int(m.group(1)))))
            else:
                blocks.append(Block(text))
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
                blocks.append(Block(row_text, table=True))
    return meta, blocks


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
    blocks: list[Block] = []
    for el in root.find_all(_HTML_BLOCKS):
        if el.find_parent(_HTML_BLOCKS) is not None:
            continue
        name = el.name
        if name == "table":
            rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in el.find_all("tr")]
            blocks.extend(Block(r, table=True) for r in _table_rows(rows))
        elif name and name[0] == "h" and name[1:].isdigit():
            blocks.append(Block(clean(el.get_text(" ", strip=True)), level=int(name[1:])))
        else:
            blocks.append(Block(clean(el.get_text(" ", strip=True))))
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
            blocks = read_plain(body)
    if not blocks or sum(len(b.text) for b in blocks) < 20:
        raise LoadError(source, "no extractable text (the file has no readable content)")
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    for key, value in header_fields(blocks).items():
        meta.setdefault(key, value)
    title = (
        meta.get("title")
        or next((b.text for b in blocks if b.level == 1), "")
        or Path(source).stem.replace("-", " ").replace("_", " ").title()
    )
    for block in blocks[:10]:  # the title printed as a heading opens the document rather than a section
        if block.level > 1 and block.text.lower() == clean(title).lower():
            block.level = 1
            break
    full = "\n".join(b.text for b in blocks[:60])
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
