"""The line reader: lines as real regulations are published, turned into headings, paragraphs and list items.

Items after a lead-in, FAQ questions as headings, words one per line rejoined, cut-off clause numbers re-attached
or dropped, web furniture and page marks dropped. Word and web paragraphs go through the same reader.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from assistant.library.loading.document import Block, clean, ends_sentence
from assistant.library.loading.furniture import RULER, is_furniture, mail_headers, unquoted
from assistant.library.loading.metadata import KEY_VALUE
from assistant.library.loading.tables import bar_cells, bar_tables
from assistant.text import AUXILIARY, DATE_LINE
from assistant.text import ITEM_MARKER as _ITEM
from assistant.text import LIST_BULLET as _BULLET

_HEADINGISH = re.compile(
    r"^(?:(?i:article|art\.|section|chapter|part|annex|appendix|schedule|rule)\s+[0-9IVXLC]+[A-Za-z]?\b.{0,90}"
    r"|[A-Z][A-Z0-9 ,&'()/–-]{3,80})$"
)
NUMBERED = re.compile(
    r"^(\d+(\.\d+)*[.)]?|(?-i:[A-Z])\.\d+(\.\d+)*[.)]?|\([a-z0-9]+\)|[a-z]\))\s+\S"
)  # "B.2": an annex
# ("§ 4 Entry of works": statutes number their sections with the section sign)
ARTICLE_LINE = re.compile(
    r"(?i)^(?:(?:article|art\.|section|chapter|part|annex|appendix|schedule|rule)\s+[0-9IVXLC]|§\s*\d)"
)
NUMBERED_TITLE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(?=[A-Z#\"'“(])")


def _continues(para: list[str]) -> bool:
    """A wrapped line that starts with a number ("…within clause / 6.2 or clause 6.3.") continues its sentence."""
    if not para:
        return False
    last = para[-1].rstrip()
    return bool(last) and not re.search(r"[.:;!?)\]]$", last) and (last[-1].isalpha() or last.endswith(","))


# A note under a table or at a page's foot, by its mark: "† The Grand Award must be given …", "[3] The jury may …"
_NOTE = re.compile(r"^(?:[†‡§¶]+|\[\d{1,2}\])\s*\S")
_FAQ_Q = re.compile(r"^(?:Q|Question)\s*[:.]\s*", re.I)
_FAQ_A = re.compile(r"^(?:A|Answer)\s*[:.]\s*(?=\S)")
# "1.2." alone on a line, or a reference wrapped onto one ("(see" / "section 6).")
_BARE_NUMBER = re.compile(r"^(?:(?:article|art\.|clause|section)\s+)?\d{1,3}(?:\.\d{1,3})*\)?\.?$", re.I)
_CONNECTOR = re.compile(
    r"(?i)\b(?:a|an|the|of|to|in|on|at|by|for|with|from|and|or|nor|but|as|than|that|which|who|whose|is|are|was|were|be|"
    r"not|no|its|their|his|her|this|these|those|such|per|via|under|over|between|into|onto|upon)$"
)


def unfinished(line: str) -> bool:
    """The line stops mid-sentence: no closing punctuation of any kind."""
    return not re.search(r"[.:;!?][\"'”’)\]]*$", line.rstrip())


def _prepare(lines: list[str]) -> list[str]:
    """Undo the damage of copying: drop furniture, rejoin words printed one per line, and re-attach or drop clause
    numbers cut off from their text ("1.2." on its own line; a run of "6.1." "6.2." … left by a flattened table)."""
    stripped = unquoted([ln.strip() for ln in lines])
    headers = mail_headers(stripped)
    out: list[str] = []
    i = 0
    while i < len(stripped):
        line = stripped[i]
        if line and (is_furniture(line) or i in headers):
            i += 1
            continue
        if RULER.fullmatch(line):
            out.append("")  # a ruler ("=====", "-----") separates what is above it from what is below, as a gap does
            i += 1
            continue
        # ("Section 6" alone is a heading; "section 6)." in lower case is a reference wrapped onto a line of its own)
        if (
            line
            and _BARE_NUMBER.match(line)
            and not line.startswith(("Article", "ARTICLE", "Art.", "Section", "SECTION"))
        ):
            j = i
            while j < len(stripped) and stripped[j] and _BARE_NUMBER.match(stripped[j]):
                j += 1
            nxt = stripped[j] if j < len(stripped) else ""
            if j - i == 1 and out and out[-1] and unfinished(out[-1]) and out[-1].split()[-1].islower():
                out[-1] = f"{out[-1]} {line}"  # "... for the purposes of" + "clause 5.2.": a reference ends it
                i = j
                continue
            if j - i == 1 and nxt and not _BARE_NUMBER.match(nxt):
                stripped[j] = f"{line} {nxt}"  # "1.2." + "Legal body of ..." is clause 1.2
            i = j  # a run of numbers has lost its paragraphs: the numbers cannot be placed
            continue
        # Words one per line (a PDF or web copy): three or more short unfinished lines in a row are one line.
        j = i
        while j < len(stripped) and stripped[j] and len(stripped[j].split()) <= 2 and unfinished(stripped[j]):
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
            and not ends_sentence(lines[j].rstrip(";,"))
            and not lines[j].endswith(":")
            and not ARTICLE_LINE.match(lines[j])
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
            and not ends_sentence(line)
            and not line.endswith(":")
            and not ARTICLE_LINE.match(line)
            and not NUMBERED_TITLE.match(line)
            and not KEY_VALUE.match(line)
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


def _is_heading(line: str, nxt: str, para: list[str], standalone: bool, wrapped: bool, wraps: bool = False) -> bool:
    """`wrapped`: the line before stops mid-sentence in a way that continues here (a connector, or a full-width
    line of wrapped text): "...as set out in" + "Article 2 and may not..." is one sentence, not a heading. `wraps`:
    this line goes on on the next in the same way ("8.1 The Jury consists of five members chosen by the" + "Festival
    Director ..."): a clause's first line, not its title."""
    if len(line) > 100 or line.endswith((",", ";")) or _BULLET.match(line) or _ITEM.match(line):
        return False
    if DATE_LINE.match(line):
        return False  # a letter's date line heads nothing
    if ARTICLE_LINE.match(line) and len(line.split()) <= 3 and re.search(r"[\w.:]$", line) and not nxt[:1].islower():
        return True  # "Article 2." or "ARTICLE 3" alone on its line
    if wrapped or wraps or nxt[:1].islower() or (para and para[-1].endswith(",")):
        # what follows continues this line, or this line continues the one before ("Best wishes," + "Niamh")
        return False
    if ARTICLE_LINE.match(line) and not line.endswith("."):
        return True  # "Article 4 - Jury", "ARTICLE 1: Eligibility"
    if KEY_VALUE.match(line):
        return False
    if _HEADINGISH.match(line) and not line.endswith("."):
        return True
    numbered = NUMBERED_TITLE.match(line)
    if numbered and not ends_sentence(line) and not line.endswith(":") and len(line.split()) <= 12:
        # "1.5 Additional awards presented" heads what follows; "1.2 A juror … shall tell the Jury" wraps
        return (not nxt or not nxt[:1].islower()) and not (nxt and AUXILIARY.search(line[numbered.end() :]))
    if (para and not standalone and not unfinished(para[-1])) or ends_sentence(line) or line.endswith(":"):
        return False
    if not line[:1].isupper() or len(line) > 80:
        return False
    words_ = line.split()
    if standalone and len(words_) <= 10:
        return True  # a short line standing alone between blank lines, without a full stop, is a title
    titled = sum(w[:1].isupper() for w in words_ if len(w) > 3)
    long_words = sum(len(w) > 3 for w in words_)
    follows = not nxt or bool(NUMBERED.match(nxt) or _BULLET.match(nxt) or _ITEM.match(nxt)) or nxt[:1].isupper()
    return follows and long_words > 0 and titled == long_words and not NUMBERED.match(line)


# A letter's closing ("Best wishes,", "Yours sincerely,", "With thanks and best wishes,"), not its greeting
_CLOSING = re.compile(r"^(?!(?:Dear|Hi|Hello|Hey)\b)[A-Z][\w'’ ]{0,40},$")
_RUNNING = 60  # characters of a line of running text, wrapped at a page's or a writer's width


def _titles_text(line: str, nxt: str, blocks: list[Block]) -> bool:
    """Does this short line, set apart from the text above, title the running text below it? Not a title's subtitle
    (nothing but a heading above it), a date, a form's field or a line of leader dots."""
    return (
        len(nxt) >= _RUNNING
        and nxt[:1].isupper()
        and bool(blocks)
        and not blocks[-1].level
        and not re.search(r"[\d:_]|\.\.", line)
    )


def _wraps(line: str, width: int) -> bool:
    """The line stops mid-sentence where a typesetter breaks lines: on a connector, inside brackets, or at the full
    width of the document's wrapped lines."""
    if not unfinished(line):
        return False
    return bool(_CONNECTOR.search(line)) or line.count("(") > line.count(")") or len(line) >= 0.9 * width >= 36


def _article_title(line: str) -> bool:
    """ "ARTICLE 2: Prizes" has the shape of a "Date: 19 June" field but heads its article; "Rule 3: All films must
    be new" is a rule. A title after the colon is one word, or words that all begin with a capital; after an article,
    section or chapter number also a few words that make no statement ("Article 7: Composition of the jury"). A
    rule's number is more often followed by the rule itself ("Rule 2: No stock footage"), so it needs a title's
    capitals."""
    if not ARTICLE_LINE.match(line) or ":" not in line:
        return False
    head, _, rest = line.partition(":")
    title = rest.split()
    long_words = [w for w in title if len(w) > 3]
    if len(title) == 1 or (bool(long_words) and all(w[:1].isupper() for w in long_words)):
        return True
    return (
        not head.lower().startswith("rule")
        and len(title) <= 8
        and not ends_sentence(rest.strip())
        and not AUXILIARY.search(rest)
        and not re.search(r"(?i)\b(?:not|no)\b", rest)  # "No appeal", "Not eligible": a rule, not a title
    )


def _numbered_runs(lines: list[str]) -> set[int]:
    """Lines numbered in sequence with their neighbours ("1. Put your team together" right before "2. Be at the
    theatre at 7pm"): items of a numbered list, never headings, however short. A numbered heading has its text
    under it before the next number comes."""

    def number(line: str) -> tuple[str, int] | None:
        m = NUMBERED_TITLE.match(line) or re.match(r"^(\d{1,3})[.)]\s+\S", line)
        if not m:
            return None
        parts = m.group(1).split(".")
        return ".".join(parts[:-1]), int(parts[-1])

    found: set[int] = set()
    previous: tuple[int, tuple[str, int]] | None = None  # the last non-blank line, if numbered
    for i, line in enumerate(lines):
        if not line:
            continue
        here = number(line)
        if here is not None and previous is not None:
            j, there = previous
            if there[0] == here[0] and here[1] == there[1] + 1:
                found.update((i, j))
        previous = (i, here) if here is not None else None
    return found


def _next_text(lines: list[str], i: int) -> str:
    """The next non-blank line after line i ("" at the end)."""
    return next((ln for ln in lines[i + 1 :] if ln), "")


def read_lines(lines: list[str], page: int | None = None, width: int = 0) -> list[Block]:
    """Blocks from the lines of plain text; a table written with bars gives one list item per row."""
    blocks: list[Block] = []
    done = 0
    for start, end in bar_tables(lines):
        blocks += _read_lines(lines[done:start], page, width)
        # The rows, their column names first, are items of one list, as a short table's rows always were: a
        # question may ask for all of them, and a row is quoted with the lead-in before the table.
        rows = [" | ".join(c for c in bar_cells(x) if c) for x in lines[start:end]]
        blocks += [Block(f"- {row}", page=page, table=True) for row in rows]
        done = end
    return blocks + _read_lines(lines[done:], page, width)


def _read_lines(lines: list[str], page: int | None = None, width: int = 0) -> list[Block]:
    """Blocks from the lines of plain text: paragraphs, headings and list items.

    Rules for real documents: a line that stops mid-sentence continues on the next (wrapped text, or words
    printed one per line); a list item starts a block, marked ("- ", "(1)", "a)", "No 2:") or not (the lines after a
    lead-in ending with ":"); a short line on its own without a full stop is a heading; an FAQ question is the
    heading of its answer. Unmarked items get a "- " marker so that the structure survives in the stored text.
    """
    prepared = _join_contact_blocks(_prepare(lines))
    width = width or _wrap_width(prepared)  # a document's paragraphs say it better than a few of them
    listed = _list_runs(prepared, width)
    if page in (None, 1):  # the short lines that open a document are its title block, not a list
        start = next((i for i, ln in enumerate(prepared) if ln), 0)
        listed -= set(itertools.takewhile(listed.__contains__, itertools.count(start)))
    in_sequence = _numbered_runs(prepared)
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

    signed = False
    for i, line in enumerate(prepared):
        if not line:
            flush()
            mode = ""
            continue
        prev_blank = i == 0 or not prepared[i - 1]
        nxt = prepared[i + 1] if i + 1 < len(prepared) else ""
        # A short line set apart from the text above it and over a paragraph of running text ("Getting around" +
        # "Your badge is valid as a ticket on the city's buses …") stands alone as a title does.
        standalone = prev_blank and not para and (not nxt or _titles_text(line, nxt, blocks))
        last = para[-1] if para else ""
        key_value = (
            bool(KEY_VALUE.match(line))
            and len(line) <= 100
            and not _FAQ_A.match(line)
            and not _article_title(line)
            # not a sentence wrapped onto the next line: "Quick one: … Am I allowed" + "to mention that …"
            and not (unfinished(line) and nxt[:1].islower())
        )
        if (
            bare_article()
            and not para
            and len(line.split()) <= 6
            and line[:1].isupper()
            and not _ITEM.match(line)
            and ":" not in line
            and (ends_sentence(line) or unfinished(line))
        ):
            blocks[-1].text = f"{blocks[-1].text} {line.rstrip('.')}"  # "Article 2." + "Jury." = one heading
            continue
        if _FAQ_Q.match(line) and len(line) > 4:
            heading(_FAQ_Q.sub("", line), 4)
            continue
        answer = nxt or (_next_text(prepared, i) if prev_blank and not para else "")
        if (
            line.endswith("?")
            and len(line.split()) <= 25
            and answer
            and not answer.endswith("?")
            and not (para and unfinished(last))
        ):
            heading(line, 4)  # an FAQ question heads its answer (on the next line, or after a blank line)
            continue
        if i in listed and not _BULLET.match(line) and not _ITEM.match(line) and not NUMBERED.match(line):
            flush()
            para.append("- " + line)
            mode = "implicit"
            continue
        wrapped = bool(para) and unfinished(last) and (bool(_CONNECTOR.search(last)) or len(last) >= 0.7 * width >= 35)
        wraps = bool(nxt) and _wraps(line, width)
        # Below a letter's closing ("With thanks and best wishes,"), short lines are its signature, not titles.
        signed = signed or bool(blocks and not blocks[-1].level and _CLOSING.match(blocks[-1].text))
        signed = signed and not ends_sentence(line)
        if (
            _is_heading(line, nxt, para, standalone, wrapped, wraps)
            and not key_value
            and i not in in_sequence
            and not signed
        ):
            numbered = NUMBERED_TITLE.match(line)
            if numbered:
                level = min(5, 2 + numbered.group(1).count("."))
            else:
                level = 2 if re.match(r"(?i)(?:article|chapter|part|section)\b|art\.", line) else 3
            heading(line, level)
            continue
        line = _FAQ_A.sub("", line)
        bullet = _BULLET.match(line)
        # The next number of a numbered run starts an item even after a line without a stop ("... by email" / "8. ...").
        marked = bool(
            bullet or _ITEM.match(line) or (NUMBERED.match(line) and (i in in_sequence or not _continues(para)))
        )
        if marked:
            flush()
            para.append("- " + line[bullet.end() :] if bullet else line)
            mode = "marked"
            continue
        if key_value and not (para and unfinished(last)):
            flush()
            blocks.append(Block(clean(line), page=page))  # "Festival venue: ..." stands on its own
            continue
        starts_lower = line[:1].islower() or (line[:1] == "(" and not _ITEM.match(line))
        if para and (starts_lower or (unfinished(last) and (_CONNECTOR.search(last) or last.endswith(("-", "–"))))):
            para.append(line)  # the sentence goes on
            continue
        lead_before = not para and bool(blocks) and not blocks[-1].level and blocks[-1].text.endswith(":")
        if (para and last.endswith(":")) or (lead_before and len(line.split()) <= 12 and not ends_sentence(line)):
            flush()
            item_like = not ends_sentence(line) or len(line.split()) <= 12
            para.append("- " + line if item_like else line)
            mode = "implicit" if item_like else ""
            continue
        if mode == "implicit" and (not ends_sentence(line) or len(line.split()) <= 12):
            flush()
            para.append("- " + line)
            continue
        if para and unfinished(last) and len(last) >= 0.7 * width and width >= 50:
            para.append(line)  # hard-wrapped text
            continue
        if para and (unfinished(last) or _NOTE.match(line)):
            flush()  # the previous line was a label or an item of its own, or this one is a note ("† The Grand …")
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
    sentence ends its block: the author pressed Enter there. Whether a paragraph is a wrapped line is judged by
    the document's paragraphs, not by the few between two headings (a name and "Run by The Trust" above a letter
    were read as the wrapped start of its first sentence)."""
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.extend(read_lines(lines, width=width))
            lines.clear()

    parts = list(parts)
    width = _wrap_width([clean(p) for p in parts if isinstance(p, str)])
    for part in parts:
        if isinstance(part, Block):
            flush()
            blocks.append(part)
            continue
        text = clean(part)
        if not text:
            continue
        if lines and lines[-1] and not lines[-1].startswith("- ") and ends_sentence(lines[-1]):
            lines.append("")
        lines.append(text)
    flush()
    return [b for b in blocks if b.text]
