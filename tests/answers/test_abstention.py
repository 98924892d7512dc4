"""Abstention signals read from the question and the passages found."""

from __future__ import annotations

from assistant.answers.abstention import unheld_award
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
