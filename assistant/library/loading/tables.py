"""A table's rows as lines of text that each stand alone when quoted."""

from __future__ import annotations

import re

from assistant.library.loading.document import Block, clean
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


# A table of questions and their answers: "Question | Answer" ("Q | A", "FAQ | …"), or two columns whose first cells
# are questions.
_QUESTION_HEADER = re.compile(r"(?i)^(?:q|questions?|faqs?|your questions?|frequently asked(?: questions)?)\s*[.:]?$")
_ANSWER_HEADER = re.compile(r"(?i)^(?:a|answers?|our answers?)\s*[.:]?$")


def faq_blocks(rows: list[list[str]], level: int) -> list[Block]:
    """An FAQ set in a table, each question a heading over its answer (`level`: the heading level below the section
    the table stands in), as an FAQ page's questions are; [] for any other table. Read as rows, "Question: Which hotel
    am I staying in …?; Answer: You stay at …" was one quote, the question quoted as if it were the rule."""
    rows = [cells for cells in ([c for c in map(clean, r) if c] for r in rows) if cells]
    if len(rows) < 2 or any(len(r) != 2 for r in rows):
        return []
    header = rows[0]
    labelled = bool(_QUESTION_HEADER.match(header[0]) and _ANSWER_HEADER.match(header[1]))
    body = rows[1:] if labelled or not header[0].endswith("?") else rows
    asked = sum(q.endswith("?") for q, _ in body)
    if not body or not (labelled or (len(body) >= 2 and asked >= 0.8 * len(body))):
        return []
    return [block for q, a in body for block in (Block(q, level=min(6, level), marked=True), Block(a))]


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
