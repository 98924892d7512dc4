"""Front matter (title lines, running titles, dates and places before the text proper): metadata, never a
quotable rule.
"""

from __future__ import annotations

from assistant.library.loading.document import Block, ends_sentence
from assistant.library.loading.lines import ARTICLE_LINE, NUMBERED_TITLE
from assistant.library.loading.metadata import KEY_VALUE
from assistant.text import ITEM_MARKER as _ITEM
from assistant.text import is_title_line


def _is_body(block: Block) -> bool:
    """Where the text proper starts: a sentence, a list item, a clause or a table row."""
    if block.level:
        return False
    text = block.text
    n = len(text.split())
    if block.table or text.startswith("- ") or _ITEM.match(text):
        return True
    if KEY_VALUE.match(text) and n <= 12:
        return False  # "Festival: ...", "Edition: 2027" at the head of a document are header fields
    if (text.endswith(":") or NUMBERED_TITLE.match(text)) and n >= 4:
        return True
    return n >= 6 and (ends_sentence(text) or n >= 20)


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
            block.marked or ARTICLE_LINE.match(block.text) or NUMBERED_TITLE.match(block.text)
        )
        if structural or (block.level and i == first - 1) or len(block.text.split()) > 20:
            kept.append(block)
        else:
            header.append(block.text)
    return kept + blocks[first:], header


def merge_title_runs(blocks: list[Block]) -> list[Block]:
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
            and not ARTICLE_LINE.match(blocks[j].text)
            and not NUMBERED_TITLE.match(blocks[j].text)
        ):
            j += 1
        if j - i >= 3 or (j > i and j == len(blocks)):
            out.append(Block(", ".join(b.text for b in blocks[i:j]), page=blocks[i].page))
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return out
