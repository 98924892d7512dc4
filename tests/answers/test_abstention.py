"""Abstention signals read from the question and the passages found."""

from __future__ import annotations

from pathlib import Path

from support.library import library_of

from assistant.answers.abstention import focus_terms, unheld_award
from assistant.schema import Chunk, Passage


def passage(title: str, text: str, heading: str = "Entries") -> Passage:
    chunk = Chunk(
        id=f"faq.md#{heading}",
        text=text,
        source="faq.md",
        title=title,
        section=heading,
        page=None,
        kind="faq",
        doc_version="v1",
        index=0,
    )
    return Passage(chunk, score=1.0, dense=1.0)


def test_an_award_the_documents_title_names_is_held() -> None:
    """ "the Marhoff screenplay award" is the body whose FAQ is titled "… Marhoff Screenplay & Short Film Awards":
    its passages need not repeat the name beside a word for an award (the question was declined as one about a
    prize the library lacks: written check set T); a prize nobody names is still unheld."""
    faq = [
        passage(
            "FAQ – Marhoff Screenplay & Short Film Awards", "Once an entry has been submitted, it cannot be changed."
        )
    ]
    assert unheld_award("Can I send a fixed version of my script for the screenplay award?", faq) == ""
    assert unheld_award("Is there a prize for best animated film?", faq) != ""


def test_before_or_after_tax_asks_about_tax(tmp_path: Path, embeddings) -> None:
    """ "Is that before or after tax?" after a prize's sum was answered with the prize table again: the question named
    no thing in a form the focus was read from, and rules that never mention tax could not fail it (written check
    sets AE, BP and BS, three festivals). What a sum is taken before or after is what the question is about."""
    assert focus_terms("Is that amount before or after tax?") == {"tax"}
    assert focus_terms("Is that before tax, or do they get the whole amount?") == {"tax"}
    assert not focus_terms("Is the fee paid before or after the festival?")
    assert not focus_terms("Can I leave after lunch?")
    handbook = Path(__file__).resolve().parents[2] / "checksets" / "BS" / "BS_vellmoor_jury_handbook.md"
    assistant = library_of(tmp_path, embeddings, {handbook.name: handbook.read_text(encoding="utf-8")})
    history = [
        {"role": "user", "content": "How much does the winner of the Black Lantern get at Vellmoor?"},
        {"role": "assistant", "content": "EUR 10,000, paid to the director."},
    ]
    answer = assistant.ask("is that before or after tax?", history=history, log=False)
    assert answer.abstained, answer.answer
    paid = assistant.ask("And when is the prize money paid?", history=history, log=False)
    assert not paid.abstained, paid.notes


def test_a_passive_after_get_a_verb_after_what_and_the_whole_prize_name_no_thing(tmp_path: Path, embeddings) -> None:
    """ "Do I get PAID for sitting on the jury?", "Does that get me THROWN off?", "what BREAKS the tie?" and "the WHOLE
    prize" were read as things the rules must name; rules that say "honorarium", "disqualify", "the film with the
    higher total wins" or "the prize money is shared" lacked them, and four answerable questions were declined
    (written check sets AC, BJ, BK and BQ)."""
    assert not focus_terms("Do I get paid for sitting on the short film jury at the documentary festival?")
    assert not focus_terms("Does that get me thrown off the jury?")
    assert not focus_terms("If two films end up level twice on judging day, what breaks the tie?")
    assert "whol" not in focus_terms("If the winning script was written by two people, does each get the whole prize?")
    assert "park" in focus_terms("Do jurors get free parking?"), "a thing that is got is still named"
    assert focus_terms("Which film won a mention?") == {"film"}
    rules = Path(__file__).resolve().parents[2] / "checksets" / "BJ" / "larkspur_official_rules.md"
    assistant = library_of(tmp_path, embeddings, {rules.name: rules.read_text(encoding="utf-8")})
    answer = assistant.ask(
        "If the winning script was written by two people, does each of them get the whole prize?", log=False
    )
    assert not answer.abstained, answer.notes
    assert "shared equally" in answer.answer
