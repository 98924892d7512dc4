"""The glossary: defined terms with citations, and terms of a chat answer looked up."""

from __future__ import annotations

import re

from assistant.answers.assistant import Assistant
from assistant.study.sentences import normalise
from assistant.study.study import Study, glossary_terms


def test_glossary_lists_defined_terms_alphabetically_with_citations(chunk_texts: dict[str, str], study: Study) -> None:
    glossary = study.glossary()
    terms = [e.term for e in glossary.entries]
    assert len(terms) >= 20
    assert terms == sorted(terms, key=str.lower)
    assert len({t.lower() for t in terms}) == len(terms)
    texts = chunk_texts
    for e in glossary.entries:
        assert normalise(e.citation.quote) in normalise(texts[e.citation.chunk_id])
        assert e.term.lower() in e.citation.quote.lower()
    quorum = glossary.lookup("QUORUM")
    assert glossary.lookup("quorums") is not None and quorum is not None and quorum.term == "Quorum"
    # a term defined inline in the governing rules ('"member present" means ...') is found too
    member = glossary.lookup("member present")
    assert member is not None and member.citation.source == "jury-regulations.md"
    assert glossary.lookup("falcon") is None


def test_terms_in_a_chat_answer_can_be_looked_up(assistant: Assistant) -> None:
    answer = assistant.ask("What happens if there is a tie in the vote?", log=False)
    assert not answer.abstained
    found = glossary_terms(assistant, answer.answer)
    assert found, answer.answer
    for entry in found:
        assert re.search(re.escape(entry.term.split()[0]), answer.answer, re.I)
    assert not glossary_terms(assistant, "Arrive 15 minutes early and bring a pen.")
