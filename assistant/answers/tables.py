"""A scoring table's rows read for what a question asks of them: the row that weighs the most."""

from __future__ import annotations

import re
from collections.abc import Sequence

# "Which part counts for the most?", "which criterion carries the most weight?": the row of a scoring table that
# weighs the most, read from its figure ("Weight: 25%", "Story and structure | 30 | …").
_MOST = re.compile(
    r"(?i)\b(?:counts?|weighs?|matters?|carries|carry|worth)\b(?:\s+\w+){0,2}?\s+(?:the\s+)?most\b"
    r"|\b(?:most|highest|biggest|largest)\s+(?:weight|weighting|points|marks|percentage|share)\b"
)
_WHICH = re.compile(r"(?i)\bwhich\b|\bwhat\s+(?:part|criterion|criteria|category|element|section|aspect)\b")
_ROW_FIGURE = re.compile(r"(?i)(\d+(?:\.\d+)?)\s*(?:%|per ?cent\b|points?\b|marks?\b)|\|\s*(\d+(?:\.\d+)?)\s*\|")


def heaviest_row(question: str, rows: Sequence[tuple[int, str]]) -> int | None:
    """The index of the row with the largest figure in the first passage (rows are (passage rank, text)) where two
    rows or more have one, when the question asks which weighs the most; else None."""
    if not (_MOST.search(question) and _WHICH.search(question)):
        return None  # "What if two films score the most points?" asks no row
    figures: dict[int, dict[int, float]] = {}
    for i, (rank, row) in enumerate(rows):
        if m := _ROW_FIGURE.search(row):
            figures.setdefault(rank, {})[i] = float(m.group(1) or m.group(2))
    table = next((figures[rank] for rank in sorted(figures) if len(figures[rank]) >= 2), None)
    return max(table, key=lambda i: table[i]) if table else None
