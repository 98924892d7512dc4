"""Layout tables: the tables an old web page or an HTML e-mail uses only to place its text on the page.

Read as a data table, a page of rules kept in one cell became a single "row", its banner cell repeated before every
cell of every nested table ("KELVARY BAY FILM FESTIVAL …: » Home."), and each rule between two <br><br> ran into
the next. Unwrapped, the cells are read as the page's own paragraphs."""

from __future__ import annotations

from typing import Any

# Elements that start a block of their own: a cell's text is cut into paragraphs at them.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd details div dl dt figure h1 h2 h3 h4 h5 h6 hr li ol p pre section summary "
    "table tbody td tfoot th thead tr ul".split()
)
_PROSE_BLOCKS = ["p", "ul", "ol", "blockquote", "pre"]
_CELL_PARTS = ("tbody", "thead", "tfoot", "tr", "td", "th")
# A cell this long, with a paragraph break in it, is a page's prose and no value of a data table.
_PROSE_WORDS = 40
_TITLE_WORDS = 12


def _double_break(cell: Any) -> bool:
    """Two <br> with nothing but spaces between them: where the author ended a paragraph."""
    from bs4 import NavigableString, Tag

    for br in cell.find_all("br"):
        sibling = br.next_sibling
        while isinstance(sibling, NavigableString) and not sibling.strip():
            sibling = sibling.next_sibling
        if isinstance(sibling, Tag) and sibling.name == "br":
            return True
    return False


def is_layout(table: Any) -> bool:
    """Whether a table only lays out the page: it holds another table or a heading, or one of its cells holds
    paragraphs of prose (between blank lines or in blocks of their own) under no header row. A role="presentation"
    is no proof: e-mail templates put it on their schedules too."""
    if table.find(["table", "h1", "h2", "h3", "h4", "h5", "h6"]) is not None:
        return True
    if table.find("th") is not None:  # (no table inside it: its header cells are its own)
        return False  # a header row: the cells below are values, however long
    return any(
        (_double_break(cell) or cell.find(_PROSE_BLOCKS) is not None)
        and len(cell.get_text(" ", strip=True).split()) >= _PROSE_WORDS
        for cell in table.find_all(["td", "th"])
    )


def _holds_break_or_block(tag: Any) -> bool:
    return tag.find(["br", *_BLOCK_TAGS]) is not None


def _bold_title(run: list[Any]) -> bool:
    """A paragraph all in bold, short and with no full stop ("<b>J1. SCOPE</b>"): the page's heading."""
    from bs4 import NavigableString

    words = " ".join(n.get_text(" ") if not isinstance(n, NavigableString) else str(n) for n in run).split()
    bold = " ".join(
        n.get_text(" ") if n.name in ("b", "strong") else " ".join(b.get_text(" ") for b in n.find_all(["b", "strong"]))
        for n in run
        if not isinstance(n, NavigableString)
    ).split()
    return 0 < len(words) <= _TITLE_WORDS and bold == words and not words[-1].endswith((".", ":", ";", ","))


def _paragraphs(cell: Any, soup: Any) -> None:
    """The cell's loose words grouped into <p> elements, cut at blank lines (<br><br>) and at blocks; a single <br>
    stays in its paragraph."""
    from bs4 import Comment, NavigableString, Tag

    for note in cell.find_all(string=lambda s: isinstance(s, Comment)):
        note.extract()
    # Inline wrappers around several paragraphs (<font face=…> over the whole cell) are lifted out first (one pass:
    # lifting one out leaves what the others hold as it was).
    for tag in [
        t for t in cell.find_all(True) if t.name not in _BLOCK_TAGS and t.name != "br" and _holds_break_or_block(t)
    ]:
        tag.unwrap()
    run: list[Any] = []

    def close() -> None:
        while run and isinstance(run[-1], Tag) and run[-1].name == "br":
            run.pop().extract()
        if run and any(isinstance(n, Tag) or n.strip() for n in run):
            p = soup.new_tag("h4" if _bold_title(run) else "p")
            run[0].insert_before(p)
            for node in run:
                p.append(node.extract())
        run.clear()

    for node in list(cell.children):
        if isinstance(node, Tag) and node.name in _BLOCK_TAGS:
            close()
        elif isinstance(node, Tag) and node.name == "br" and run and isinstance(run[-1], Tag) and run[-1].name == "br":
            run.pop().extract()
            node.extract()
            close()
        elif isinstance(node, NavigableString) and not node.strip() and run and run[-1].name == "br":
            node.extract()  # the spaces between two <br>
        elif isinstance(node, Tag) and node.name == "br" and not run:
            node.extract()  # a break before any word: nothing to keep apart
        else:
            run.append(node)
    close()


def unwrap_layout_tables(soup: Any) -> None:
    """Every layout table's cells turned into plain divisions whose loose words are paragraphs."""
    for table in soup.find_all("table"):  # (outer tables first; only a table's own rows and cells are renamed)
        if not is_layout(table):
            continue
        own = [t for t in table.find_all(_CELL_PARTS) if t.find_parent("table") is table]
        for cell in own:
            if cell.name in ("td", "th"):
                _paragraphs(cell, soup)
        for part in [table, *own]:
            part.name = "div"
            part.attrs = {}
