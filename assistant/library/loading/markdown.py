"""Markdown files: front matter, # headings, tables and code around plain-text paragraphs."""

from __future__ import annotations

import re

from assistant.library.loading.document import Block, clean
from assistant.library.loading.lines import read_lines
from assistant.library.loading.metadata import parse_front_matter, take_metadata_lines
from assistant.library.loading.tables import faq_blocks, table_rows

# ---------------------------------------------------------------- format readers


def _md_inline(text: str) -> str:
    text = re.sub(r"~~[^~\n]+?~~\s?", "", text)  # struck through: old wording shown beside the new
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_](\S[^*_]*?)[*_](?![\w*])", r"\1", text)
    text = text.replace("`", "")
    return re.sub(r"<[^>]{1,200}>", "", text)


_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
_FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")


def _with_footnotes_in_place(body: str) -> str:
    """Footnotes ("...in contention.[^3]" and, at the end, "[^3]: In such a case, the vote is not replaced.") read
    where they are cited: the note's text goes to the end of the line that cites it, so a rule and the note that
    finishes it are quoted together, and no marker or stray note line reaches an answer."""
    notes: dict[str, str] = {}
    kept: list[str] = []
    current = ""
    for line in body.splitlines():
        m = _FOOTNOTE.match(line)
        if m:
            current = m.group(1)
            notes[current] = m.group(2).strip()
        elif current and line.startswith(("    ", "\t")) and line.strip():
            notes[current] += " " + line.strip()  # a note continued on an indented line
        else:
            current = ""
            kept.append(line)
    if not notes and not _FOOTNOTE_MARK.search(body):
        return body
    out: list[str] = []
    for line in kept:
        cited = [notes.pop(key, "") for key in _FOOTNOTE_MARK.findall(line)]
        line = _FOOTNOTE_MARK.sub("", line).rstrip()
        out.append(" ".join([line, *filter(None, cited)]) if line.strip() else line)
    return "\n".join(out)


def read_markdown(text: str) -> tuple[dict[str, str], list[Block]]:
    """Markdown structure (front matter, # headings, tables, code) around plain-text paragraphs.

    Paragraph lines go through the same line reader as plain text: regulations copied from the web into a `.md`
    file keep one item per line without list markers, which strict Markdown would run together into one paragraph.
    """
    meta, body = parse_front_matter(text)
    body = _with_footnotes_in_place(body)
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
            level = next((b.level for b in reversed(blocks) if b.level), 1) + 1
            faq = faq_blocks([[_md_inline(c) for c in r] for r in rows], level)
            blocks.extend(faq or [Block(_md_inline(row), table=True) for row in table_rows(rows)])
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
        line = re.sub(r"^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]\s+", r"\1", line)  # a checklist's box: no content
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
