"""Word's list numbers, which are not in a paragraph's text: Word draws "8." or "3.1" from the numbering part.

Read as a bare "- " item, a numbered rule looked like the bullets before it: the rule after "Jurors must not:" and its
bullets was read as one more thing jurors must not do, and "see rule 8" pointed nowhere. A numbered paragraph is read
with the number the reader sees ("8.", "1.2"); a bullet, or an item lettered "(a)" under a rule, stays a "- " item.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NESTED_STYLE = re.compile(r"(?i)^list (?:number|bullet|continue) [2-9]$")
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x")]
_ROMAN += [(9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


class ListNumbers:
    """The marker of each list paragraph, counted in document order as Word counts it: per list, each level from its
    start, a level's count starting again under a new item of the level above."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (format, text, start)
        self._counts: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):  # no numbering part: every list a bulleted one
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in numbering.findall(f"{_W}abstractNum")}
        for num in numbering.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if definition is None:
                continue
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in definition.findall(f"{_W}lvl"):
                fmt, text, start = (lvl.find(f"{_W}{tag}") for tag in ("numFmt", "lvlText", "start"))
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            self._levels[num.get(f"{_W}numId", "")] = levels

    def marker(self, paragraph: Any, style: Any) -> str:
        """ "8.", "1.2" for a numbered paragraph; "-" for a bullet, a lettered item, a sub-list or a list Word cannot
        number here (each paragraph of a list is counted, whatever it is shown as)."""
        num_id, level = _numbering_of(paragraph, style)
        levels = self._levels.get(num_id or "", {})
        if num_id is None or level not in levels:
            return "-"
        counts = self._counts.setdefault(num_id, {})
        counts[level] = counts.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]  # a new item above starts the items below it again
        fmt, text, _ = levels[level]
        # A sub-list counting from 1 again under a rule ("List Number 2", or a level whose number leaves out the one
        # above it) stays that rule's items, as a letter's or a numeral's does; "1.2" under "1." is a clause.
        nested = bool(_NESTED_STYLE.match(getattr(style, "name", "") or "")) or (level > 0 and "%1" not in text)
        if not fmt.startswith("decimal") or not text or nested:
            return "-"
        marker = text
        for k, (kind, _, start) in levels.items():
            if f"%{k + 1}" in marker:
                marker = marker.replace(f"%{k + 1}", _FORMATS.get(kind, str)(counts.get(k, start)))
        return marker.strip() or "-"


def _numbering_of(paragraph: Any, style: Any) -> tuple[str | None, int]:
    """(numId, level) of a paragraph's list, set on the paragraph or by its style (Word's "List Number")."""
    ppr = paragraph.pPr
    num_pr = ppr.numPr if ppr is not None else None
    while style is not None and num_pr is None:
        spr = style.element.pPr
        num_pr = spr.numPr if spr is not None else None
        style = style.base_style
    if num_pr is None:
        return None, 0
    num_id = num_pr.numId.val if num_pr.numId is not None else None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return (str(num_id) if num_id is not None and num_id != 0 else None), int(level)
