"""Quotes that lean on other text: the sentence before, or a clause elsewhere that they defer to."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answers.leaning import referred


@dataclass
class Quote:
    passage_rank: int
    display: str
    clauses: frozenset[str] = frozenset()
    title: str = ""
    source: str = ""


NOTES = "Harbour Short Film Award 2026 — Notes for Judges"


def test_a_quote_that_defers_to_a_numbered_rule_of_the_rules_is_given_that_rule() -> None:
    """ "… settled on Screening Night using rule 7.5 of the Rules" (written check set CG): rule 7.5 is in another
    document, "the Rules", of a title or file name that says so; not the notes' own 7.5, nor another rule."""
    best = Quote(
        0, "The tie is settled on Screening Night using rule 7.5 of the Rules.", title=NOTES, source="notes.md"
    )
    rule = Quote(
        1,
        "Where films are level, the one with more audience votes wins.",
        frozenset({"7", "7.5"}),
        "Harbour Short Film Award",
        "harbour_award_rules.txt",
    )
    other = Quote(
        2,
        "Each judge watches every film.",
        frozenset({"7", "7.1"}),
        "Harbour Short Film Award",
        "harbour_award_rules.txt",
    )
    own = Quote(3, "Taxis are paid.", frozenset({"7.5"}), NOTES, "notes.md")
    assert referred(best, [best, own, other, rule]) is rule
    assert referred(best, [best, own, other]) is None


def test_a_bare_article_number_in_the_quotes_own_document_is_not_followed() -> None:
    """ "A juror in the situation described in Chapter III, Article 2 does not vote" was given "The prize money is
    paid to the director", from another chapter's article 2 (written check set BL)."""
    best = Quote(0, "A juror in the situation described in Chapter III, Article 2 does not vote.", source="rules.pdf")
    wrong = Quote(1, "The prize money is paid to the director.", frozenset({"2"}), source="rules.pdf")
    assert referred(best, [best, wrong]) is None
