"""Document metadata: dates in force, the kind of document, header fields and metadata lines."""

from __future__ import annotations

import re
from datetime import date

from assistant.library.loading.document import Block
from assistant.text import MONTHS, file_words

# ---------------------------------------------------------------- metadata helpers

_MONTHS = {m: i for i, m in enumerate(MONTHS, 1)}
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
    hay = f"{title} {file_words(source)}".lower()
    for kind, words in _KIND_WORDS:
        if any(w in hay for w in words):
            return kind
    return "guide"


KEY_VALUE = re.compile(r"^[A-Z][\w ]{0,25}:\s+\S")
_HEADER_FIELD = re.compile(r"(?:^|(?<=\s))(Festival|Edition)\s*:\s*(.+?)\s*(?=\s[A-Z][a-z]+(?: [a-z]+)?:\s|$)")


def header_fields(blocks: list[Block]) -> dict[str, str]:
    """'Festival: X' / 'Edition: Y' lines at the head of a document (as PDFs, DOCX and HTML pages often carry)."""
    found: dict[str, str] = {}
    for block in blocks[:8]:
        if len(block.text) > 300 or not KEY_VALUE.match(block.text):
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
    "publisher": "publisher",
    "organisation": "organisation",
    "organization": "organisation",
    "organiser": "organisation",
    "organizer": "organisation",
    "issued by": "issued_by",
}
# Front matter fields that name the body a document speaks for ("publisher: The Television Writers' Guild of
# Calverna"), which its title may not ("Lamplight Awards – Judges' Code"): read with the document's own name.
_BODY_KEYS = ("publisher", "organisation", "organization", "organiser", "organizer", "body", "issued_by", "issuer")


def body_named(meta: dict[str, str]) -> list[str]:
    """The bodies a document's front matter names as issuing it."""
    return list(dict.fromkeys(v for k in _BODY_KEYS if (v := str(meta.get(k, "")).strip())))


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
