"""What a reader makes of a file: blocks in reading order and the document they belong to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


def ends_sentence(line: str) -> bool:
    """The line closes a sentence (a full stop, "!" or "?", before any closing quote or bracket)."""
    return bool(re.search(r"[.!?][\"'”’)\]]*$", line.rstrip()))


def clean(text: str) -> str:
    text = CONTROL.sub("", text.replace("\u00ad", ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", text).strip()
