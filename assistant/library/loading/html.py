"""Web pages: the text blocks of the page without navigation and other furniture."""

from __future__ import annotations

import re
from typing import Any

from assistant.library.loading.document import Block, clean
from assistant.library.loading.layout import unwrap_layout_tables
from assistant.library.loading.lines import read_paragraphs, read_plain
from assistant.library.loading.tables import faq_blocks, table_rows
from assistant.text import LIST_BULLET as _BULLET

_HTML_DROP = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "form",
    "iframe",
    "svg",
    "template",
    "button",
    "select",
    "del",  # struck out: old wording shown beside the new
    "s",
    "strike",
]
_HTML_BLOCKS = "h1 h2 h3 h4 h5 h6 summary p li pre blockquote dt dd table figcaption".split()
_BREAK = "\ue000"  # where a <br> was: the one line break inside a block that the page means


def _block_text(el: Any) -> str:
    """A block's words; the line breaks of the page's source are only its author's wrapping ("keeps the minutes of
    the\n  deliberation"), a <br> is a real one."""
    return _as_read(el.get_text(" ", strip=True))


def _as_read(text: str) -> str:
    return clean(" ".join(text.split()).replace(f" {_BREAK} ", _BREAK).replace(_BREAK, "\n"))


def _cell_text(cell: Any) -> str:
    return " ".join(cell.get_text(" ", strip=True).replace(_BREAK, " ").split())


# Blocks whose inner blocks are part of them: a table's cells, a heading's or a preformatted text's words.
_LEAVES = "h1 h2 h3 h4 h5 h6 summary pre table p".split()


def _own_text(el: Any) -> str:
    """The words of a block that holds other blocks, outside them (an item's "Article 4" before its sub-list)."""
    from bs4 import NavigableString, Tag

    pieces: list[str] = []
    for child in el.children:
        if isinstance(child, NavigableString):
            pieces.append(str(child))
        elif isinstance(child, Tag) and child.name not in _HTML_BLOCKS and child.find(_HTML_BLOCKS) is None:
            pieces.append(child.get_text(" "))
    return _as_read(" ".join(pieces))


_BACK_LINK = re.compile(r"(?i)[↑↩⤴⬆^]+|back(?: to (?:top|text|contents))?")


def _links_only(aside: Any) -> bool:
    """An aside whose words are mostly links (a sidebar's menu), or that holds no sentence: kept, an aside is a
    contact box ("Phone and messages: … (08:00–23:00)") or a dated update that changes a rule on the page."""
    text = " ".join(aside.get_text(" ", strip=True).split())
    linked = sum(len(" ".join(a.get_text(" ", strip=True).split())) for a in aside.find_all("a"))
    return not text or linked >= 0.5 * len(text)


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
    for tag in soup.find_all("aside"):
        if _links_only(tag):  # a sidebar of links or a newsletter box, not a contact box or a dated update
            tag.decompose()
    for tag in soup.select("[role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]"):
        tag.decompose()
    for tag in soup.find_all("a", href=True):  # a note's way back to where it is cited ("[3] The jury may … ↑")
        if str(tag["href"]).startswith("#") and _BACK_LINK.fullmatch(tag.get_text(" ", strip=True)):
            tag.decompose()
    h1 = soup.find("h1")
    if h1 is not None and h1.get_text(strip=True):
        page = meta.get("title", "")
        meta["title"] = clean(h1.get_text(" ", strip=True))  # <title> often carries the site name too
        if page and page.lower() != meta["title"].lower():
            # the site's name the heading leaves out ("FAQ | Brackwater International Documentary Festival 2025"
            # over "Frequently asked questions"): it says whose page this is
            meta["page_title"] = page
    unwrap_layout_tables(soup)
    for br in soup.find_all("br"):
        br.replace_with(f" {_BREAK} ")
    root = soup.find("main") or soup.find("article") or soup.find(None, {"role": "main"}) or soup.body or soup
    parts: list[Block | str] = []
    depth = 1  # the level of the latest heading, under which a glossary's terms stand
    for el in root.find_all(_HTML_BLOCKS):
        if el.find_parent(_LEAVES) is not None:
            continue  # a table's cells, a heading's words: read with it
        name = el.name
        if name == "dt" and el.find(_HTML_BLOCKS) is None and (term := _block_text(el)) and not term.endswith("?"):
            # A glossary's term (or a charter's topic, "Quorum") heads its definition: read as a line, only a term in
            # title case did, and the others ran into the definition above them ("… Dr. Adaeze Marlowe. Calibration
            # screening An online session …"). A term that is a question is an FAQ's, read as any FAQ's is.
            parts.append(Block(term, level=min(6, depth + 1), marked=True))
            continue
        if name not in _LEAVES and el.find(_HTML_BLOCKS) is not None:
            # A list item that holds a heading and a list of its own ("<li><h2>Article 9 – Short Film Jury</h2><ol>
            # <li>…"), a quotation of paragraphs: its blocks are read one by one, after its own words
            own = _own_text(el)
            if own:
                parts.append("- " + own if name == "li" and not _BULLET.match(own) else own)
            continue
        if name == "table":
            # a <br> in a cell ("Mon 3 Oct<br>09:30") only wraps its value
            rows = [[_cell_text(c) for c in tr.find_all(["th", "td"])] for tr in el.find_all("tr")]
            parts.extend(faq_blocks(rows, depth + 1) or [Block(r, table=True) for r in table_rows(rows)])
        elif name and name[0] == "h" and name[1:].isdigit():
            depth = int(name[1:])
            parts.append(Block(_block_text(el), level=depth, marked=True))
        elif name == "summary":  # an accordion's title ("<details><summary>2. Who is on the Jury"): a heading
            depth = 3
            parts.append(Block(_block_text(el), level=3, marked=True))
        elif name == "pre":
            parts.extend(el.get_text().replace(_BREAK, "").splitlines())
        else:
            text = _block_text(el)
            parts.append("- " + text if name == "li" and text and not _BULLET.match(text) else text)
    blocks = read_paragraphs(parts)
    if not blocks:
        blocks = read_plain(root.get_text("\n"))
    return meta, [b for b in blocks if b.text]
