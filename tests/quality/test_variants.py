"""The golden questions asked again as jurors type them (`eval --variants`)."""

from __future__ import annotations

from assistant.quality.golden import GoldenRecord
from assistant.quality.variants import VARIANTS, rewritten


def record(question: str, history: tuple[dict[str, str], ...] = ()) -> GoldenRecord:
    return GoldenRecord("q", question, "a", "rules.md", "evidence", True, history)


def test_each_variant_rewrites_a_question_as_a_juror_might_type_it() -> None:
    question = "Can I tell a journalist how we voted?"
    assert VARIANTS["lower"][1](question) == "can i tell a journalist how we voted"
    assert VARIANTS["opener"][1](question) == "Please tell me: can I tell a journalist how we voted?"
    assert VARIANTS["preamble"][1](question).endswith(" " + question)
    assert VARIANTS["role"][1](question) == "As a member of the jury, can I tell a journalist how we voted?"
    assert VARIANTS["slip"][1](question) == "Can I tell a jounalist how we voted?"
    assert VARIANTS["slip"][1]("Who votes?") == "Who votes?"  # no word long enough to slip on


def test_a_follow_up_keeps_its_words_and_a_question_asked_alone_is_rewritten() -> None:
    """A follow-up ("And for the shorts?") takes its sense from its history; rewriting it would test nothing."""
    history = ({"role": "user", "content": "How many jurors are there?"}, {"role": "assistant", "content": "Five."})
    alone, follow_up = record("Who chairs the jury?"), record("And for the shorts?", history)
    out = rewritten([alone, follow_up], VARIANTS["lower"][1])
    assert [g.question for g in out] == ["who chairs the jury", "And for the shorts?"]
    assert out[1] is follow_up and out[0].id == alone.id and out[0].evidence == alone.evidence
