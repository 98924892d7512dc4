"""A table's rows as lines of text that each stand alone when quoted."""

from __future__ import annotations

import re

from assistant.library.loading.document import clean
from assistant.text import AUXILIARY

# A cell that is a whole rule: a capital, six words or more with a verb, and a full stop.
_SENTENCE_CELL = re.compile(r"^(?=[A-Z])(?=(?:\S+\s+){5}).*[.!?]$")


def table_rows(rows: list[list[str]]) -> list[str]:
    """Each row as 'Header: value; Header: value', or a topic and its rule as 'Topic: rule', so that a row stands
    alone when quoted."""
    rows = [[clean(c) for c in r] for r in rows if any(clean(c) for c in r)]
    if not rows:
        return []
    header = rows[0]
    if len(rows) == 1:
        return [" | ".join(header)]
    out = []
    for row in rows[1:]:
        values = [v for v in row if v]
        if (
            len(values) == 2
            and _SENTENCE_CELL.match(values[1])
            and AUXILIARY.search(values[1])
            and len(values[0].split()) <= 4
        ):
            out.append(f"{values[0]}: {values[1]}")  # "Confidentiality: Jurors may not tell anyone …": topic, rule
            continue
        cells = [f"{h}: {v}" if h and v and h != v else v for h, v in zip(header, row, strict=False) if v]
        if cells:
            out.append("; ".join(cells) + ("" if cells[-1].endswith(".") else "."))
    return out


def bar_cells(line: str) -> list[str]:
    """The cells of a table row written with bars ("17 March | Deadline for score sheets", "Total | 100 |")."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return cells if len(cells) >= 2 and "|" in line.strip().strip("|") else []


def bar_tables(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more lines that are rows of one table written with bars, its first row the
    header: a table flattened to text. Read as paragraphs, its short rows passed for headings with nothing under
    them, and the rows themselves were lost."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        width = len(bar_cells(lines[i])) if len(lines[i]) <= 300 else 0
        j = i + 1
        while width and j < len(lines) and 2 <= len(bar_cells(lines[j])) <= width and len(lines[j]) <= 300:
            j += 1
        if width and j - i >= 2:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs
