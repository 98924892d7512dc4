"""Page and web furniture: lines a copy of a document carries that are never its text (page marks, running titles,
breadcrumbs, table-of-contents rows, date stamps, sharing links) and rulers that only separate."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from assistant.library.loading.document import Block, ends_sentence

_BREADCRUMB = re.compile(r"^[^.!?]{1,60}(?:\s[>»›/]\s[^.!?]{1,60}){2,}$")
_DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}$|\s{3,}\d{1,4}$")
_PAGE_MARK = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
# A running title with its page mark, as a PDF copied to text repeats it on every page ("… 2026 – Regulations
# Page 2 of 6"): not a sentence that mentions a page ("as set out on page 3").
# (or a web copy's footer with its address: "… Foundation · 22 Quayside Rope Walk · Page 1 of 1 (web version)")
_RUNNING_TITLE = re.compile(
    r"^[^.!?]{3,100}?(?:\s{2,}|\s[-–—|·]\s)page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|"
    r"^[^.!?]{3,100}?\spage\s+\d{1,4}\s*(?:of|/)\s*\d{1,4}$|"
    r"^[^.!?]{3,200}?\s[|·]\s(?:[^.!?]{1,80}\s[|·]\s)?page\s+\d{1,4}\s*(?:of|/)\s*\d{1,4}(?:\s*\([^()]{1,30}\))?$",
    re.I,
)
_DATE_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\[[^\]]{0,30}\])?$")
# Page furniture of web copies: sharing and navigation words standing alone on a line.
_WEB_FURNITURE = re.compile(
    r"^(?:follow us|share(?: this(?: page)?)?|read more|more info(?:rmation)?(?: coming)? soon\.?|coming soon\.?"
    r"|back to top|print(?: this page)?|subscribe(?: to our newsletter)?|skip to (?:main )?content|menu|search"
    r"|sent from my \w+(?: \w+)?|-+ ?(?:original|forwarded) message ?-+)[.!]?$",  # an e-mail's furniture
    re.I,
)
# A line drawn with one character ("=====", "-----", "*****"): a separator, as a blank line is.
RULER = re.compile(r"([=\-_*~#.·•])\1{2,}")


def is_furniture(line: str) -> bool:
    """Lines that are page or web furniture, never text: breadcrumbs, page marks, table-of-contents rows,
    date stamps, sharing links."""
    s = line.strip()
    return bool(
        _PAGE_MARK.match(s)
        or _RUNNING_TITLE.match(s)
        or _DATE_STAMP.match(s)
        or _WEB_FURNITURE.match(s)
        or (_BREADCRUMB.match(s) and len(s) <= 160)
        or (_DOT_LEADER.search(s) and len(s) <= 160 and not ends_sentence(s[:-4]))
    )


# An e-mail's header fields ("From: …", "Sent: …", "Subject: …") and the line that attributes a quoted message
# ("On 3 May 2025, Ines Vallardo <…> wrote:"): who wrote when, never the text of a rule.
# (and the fields a mail program adds that a saved message shows: "Message-ID:", "X-Mailer:", "Content-Type:")
_MAIL_FIELD = re.compile(
    r"^(?:From|Sent|Date|To|Cc|Bcc|Reply-To|Subject|Message-ID|In-Reply-To|References|MIME-Version|Content-Type|"
    r"Content-Transfer-Encoding|Importance|Organi[sz]ation|Return-Path|Delivered-To|X-[\w-]+)\s*:\s*\S",
    re.I,
)
_ATTRIBUTION = re.compile(r"^On\s.{6,160}\swrote:$")


def _runs(lines: list[str], test: Callable[[str], object]) -> Iterator[tuple[int, int]]:
    """(start, end) of each longest run of lines that pass the test."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and test(lines[j]):
            j += 1
        if j > i:
            yield i, j
        i = max(j, i + 1)


def mail_headers(lines: list[str]) -> set[int]:
    """The indexes of an e-mail's header lines: a run of two or more header fields, one of them "From:"."""
    out: set[int] = set()
    for i, j in _runs(lines, lambda line: _MAIL_FIELD.match(line.strip())):
        if j - i >= 2 and any(lines[k].strip().lower().startswith("from") for k in range(i, j)):
            out.update(range(i, j))
    out.update(i for i, line in enumerate(lines) if _ATTRIBUTION.match(line.strip()))
    return out


_QUOTED = re.compile(r"^(?:>[ \t]?)+")  # "> ", ">> ": an e-mail's quoted lines, one mark per level
_QUOTED_RUN = 3


_SUBJECT = re.compile(r"^Subject\s*:\s*(?:(?:re|fwd?|aw|wg)\s*:\s*)*(.+)$", re.I)
_SIGNATURE_LINES = 6


def mail_identity(lines: list[str]) -> tuple[str, list[str]]:
    """An e-mail's subject (its title when it has no other) and its signature, the lines below the "--" that closes
    the message ("Tove Ashgrove / Jury Coordinator / Grimwater Fantastic Film Festival"): they name the body that
    sends it, where a file name ("ca_grimwater_jury_logistics_email.txt") would otherwise name it."""
    headers = mail_headers(lines)
    if not headers:
        return "", []
    subject = next((m.group(1).strip() for i in sorted(headers) if (m := _SUBJECT.match(lines[i].strip()))), "")
    signature: list[str] = []
    for i, line in enumerate(lines):
        if line.strip() != "--":
            continue
        for after in lines[i + 1 : i + 1 + _SIGNATURE_LINES]:
            after = after.strip()
            if not after or _ATTRIBUTION.match(after) or len(after) > 100:
                break
            signature.append(after)
        break
    return subject, signature


def unquoted(lines: list[str]) -> list[str]:
    """An e-mail thread quotes its earlier messages line by line ("> The vote closes at 18:00 on Sunday."): in a run
    of such lines the marks are dropped, so the sentences read and wrap as the rest do. A line or two that opens with
    ">" ("> 60 minutes") is left as it stands."""
    out = list(lines)
    for i, j in _runs(lines, lambda line: line.startswith(">")):
        if j - i >= _QUOTED_RUN:
            out[i:j] = [_QUOTED.sub("", line).strip() for line in out[i:j]]
    return out


# A contents entry's leader and page ("1. Organiser and Dates ........ 2", ". . . . . 2" where a PDF set the title on
# a line of its own, or ". . . . 5 Annex A" where it ran on into the next one): not a scoring sheet's "Storytelling
# and structure ........ 30", whose words head no section.
_LEADER = re.compile(r"\s*(?:\.\s?){4,}\s*\d{0,4}\s*")
_NUMBERING = re.compile(
    r"^(?:-\s+)?(?:(?:article|art\.|section|chapter|part|annex)\s+)?(?:\d+(?:\.\d+)*|(?-i:[IVXLC]+))[.)]?\s+", re.I
)


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z]+", _NUMBERING.sub("", text.strip()).lower()))


def without_contents(blocks: list[Block]) -> list[Block]:
    """The blocks without a table of contents printed with dot leaders: entries that are a leader with its page and
    the titles of sections the document heads (a PDF may set a title on a line of its own between the leaders).
    Its lines matched every question that named a section and held no rule."""
    heads = {_key(b.text) for b in blocks if b.level}
    heads.discard("")

    def entry(b: Block) -> str:
        """ "leader" (a leader, with the titles of headed sections or none), "title" (a section's title), or ""."""
        parts = _LEADER.split(b.text)
        if len(parts) > 1 and all(not _key(p) or _key(p) in heads for p in parts):
            return "leader"
        return (
            "title" if len(parts) == 1 and not b.level and _key(b.text) in heads and len(b.text.split()) <= 12 else ""
        )

    kinds = [entry(b) for b in blocks]
    drop = {k for k, kind in enumerate(kinds) if kind == "leader"}
    i = 0
    while i < len(blocks):  # the titles between two leaders or more
        j = i
        while j < len(blocks) and kinds[j]:
            j += 1
        if sum(k == "leader" for k in kinds[i:j]) >= 2:
            drop.update(range(i, j))
        i = max(j, i + 1)
    return [b for k, b in enumerate(blocks) if k not in drop]
