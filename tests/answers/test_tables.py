"""A scoring table's rows read for what a question asks of them."""

from __future__ import annotations

from assistant.answers.tables import heaviest_row


def test_which_counts_for_the_most_is_the_heaviest_row_of_the_first_table() -> None:
    """ "Which part counts for the most?" over a rubric ("Criterion: Character; Weight: 25%") or a table flattened to
    lines ("Story and structure | 30 | …") is answered with its heaviest row, not the row whose words come closest
    nor declined for want of a date (written check sets S and X); a passage with one figure is no table, and a tie
    question that says "the most points" asks for no row."""
    rubric = [
        (0, "Half points will be rounded down by the Awards Coordinator."),
        (1, "Criterion: Structure; Weight: 20%; What readers look for: a story that builds."),
        (1, "Criterion: Character; Weight: 25%; What readers look for: clear wants."),
        (1, "Criterion: Craft; Weight: 10%; What readers look for: clean formatting."),
        (2, "Story and structure | 30 | Clarity of the idea"),
        (2, "Originality | 40 | A point of view"),
    ]
    assert heaviest_row("When I'm scoring scripts, which part counts for the most?", rubric) == 2
    assert heaviest_row("And which of those counts for the most points?", rubric[4:]) == 1
    assert heaviest_row("What if two films score the most points?", rubric) is None
    assert heaviest_row("Which criterion carries the most weight?", rubric[:2]) is None
