"""Joining the answers to a question's parts into one answer."""

from __future__ import annotations

from assistant.answers.draft import Draft, join_drafts, says_first
from assistant.schema import Citation


def cite(n: int, chunk: str, quote: str) -> Citation:
    return Citation(n=n, source="rules.md", title="Rules", section=chunk, page=None, quote=quote, chunk_id=chunk)


def test_parts_answers_join_with_each_passage_cited_once_and_no_sentence_said_twice() -> None:
    size = Draft(
        "The Jury is composed of five members [1]. The President chairs the deliberation [2].",
        [
            cite(1, "5.1", "The Jury is composed of five members"),
            cite(2, "8.1", "The President chairs the deliberation"),
        ],
    )
    president = Draft(
        "The Festival Director designates the President [1]. The President chairs the deliberation [2].",
        [cite(1, "5.2", "The Festival Director designates the President"), cite(2, "8.1", "The President chairs")],
        kind_found=False,
    )
    joined = join_drafts([size, president])
    assert joined.text == (
        "The Jury is composed of five members [1]. The President chairs the deliberation [2]. "
        "The Festival Director designates the President [3]."
    )
    assert [(c.n, c.section) for c in joined.citations] == [(1, "5.1"), (2, "8.1"), (3, "5.2")]
    assert not joined.kind_found  # a part whose quotes lack what it asks for still lacks it


def test_a_part_s_answer_counts_as_said_when_the_whole_answer_has_its_first_quote() -> None:
    whole = Draft("The Jury President chairs the deliberation [1]. The Director designates the President [2].")
    assert says_first(Draft("The Director designates the President [1]. Votes are secret [2]."), whole)
    assert not says_first(Draft("The Jury is composed of five members [1]. The President chairs [2]."), whole)


def test_a_sentence_another_part_quoted_within_two_is_not_said_again() -> None:
    """A part's quote of two sentences ("X. Y [1].") and another's of the same two in turn ("Y [1]. X [1].") were
    both printed, so the answer said each sentence twice (written check set U)."""
    both = Draft(
        "Partners are not covered. Jurors receive EUR 40 a day [1].",
        [cite(1, "7", "Partners are not covered. … Jurors receive EUR 40 a day.")],
    )
    again = Draft(
        "Jurors receive EUR 40 a day [1]. Partners are not covered [1]. The hotel is booked [2].",
        [cite(1, "7", "Jurors receive EUR 40 a day."), cite(2, "8", "The hotel is booked")],
    )
    joined = join_drafts([both, again])
    assert joined.text == "Partners are not covered. Jurors receive EUR 40 a day [1]. The hotel is booked [2]."
