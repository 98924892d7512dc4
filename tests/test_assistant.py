"""Juror Q&A on the sample library with the real model: cited answers, abstention, follow-ups, amendments."""

from __future__ import annotations

import re

import pytest

from assistant.citations import MARKER
from assistant.schema import Answer


def cited_sources(answer: Answer) -> list[str]:
    return [c.source for c in answer.citations]


def assert_grounded(answer: Answer) -> None:
    """Every [n] resolves to a citation, every citation is used, and every quote is verbatim passage text."""
    markers = {int(n) for n in MARKER.findall(answer.answer)}
    assert markers, f"no [n] in {answer.answer!r}"
    assert markers == {c.n for c in answer.citations}
    retrieved = {p.chunk.id for p in answer.contexts}
    for c in answer.citations:
        assert c.chunk_id in retrieved, "a citation points outside the retrieved passages"
        for part in c.quote.split(" … "):
            assert part in c.passage_text, f"quote {part!r} is not verbatim passage text"
        assert len(c.quote) < len(c.passage_text) or len(c.passage_text) < 200, (
            "quote should be the supporting words, not the chunk"
        )


@pytest.mark.parametrize(
    ("question", "source", "must_contain"),
    [
        ("How many members sit on the documentary jury?", "jury-regulations.md", "five"),
        (
            "How early should I arrive before a screening?",
            ("screening-attendance.pdf", "code-of-conduct.pdf"),
            "15 minutes",
        ),
        ("How much is the per diem?", None, "60"),
        (
            "Can I give an interview about a competition film during the festival?",
            ("code-of-conduct.pdf", "deliberation-timeline.html"),
            "interview",
        ),
        ("May two films share the Golden Lantern?", None, "ex aequo"),
    ],
)
def test_direct_and_paraphrased_questions_get_cited_answers(
    assistant, question: str, source: str | tuple[str, ...] | None, must_contain: str
) -> None:
    answer = assistant.ask(question, log=False)
    assert not answer.abstained, answer.notes
    assert_grounded(answer)
    assert must_contain.lower() in answer.answer.lower()
    if source:
        assert cited_sources(answer)[0] in ((source,) if isinstance(source, str) else source)


def test_pdf_citation_carries_page_and_section(assistant) -> None:
    answer = assistant.ask("How long do I have to keep how each juror voted confidential?", log=False)
    first = answer.citations[0]
    assert first.source == "code-of-conduct.pdf"
    assert first.page and first.page >= 1
    assert first.section.startswith("Article 2")


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of Peru?",
        "What is the wifi password in the jury lounge?",
        "Is there a vegan menu at the closing party?",
    ],
)
def test_questions_the_library_does_not_cover_are_declined_with_related_passages(assistant, question: str) -> None:
    answer = assistant.ask(question, log=False)
    assert answer.abstained
    assert answer.citations == []
    assert "does not answer" in answer.answer
    assert len(answer.related) >= 1


def test_unanswered_questions_are_logged_for_organisers(library_copy, embeddings) -> None:
    from assistant.assistant import Assistant
    from assistant.config import Settings

    assistant = Assistant.from_settings(Settings(data_dir=library_copy), embeddings=embeddings)
    assistant.ask("What is the capital of Peru?")
    logged = assistant.logbook.unanswered()
    assert logged and logged[0]["question"] == "What is the capital of Peru?"
    assert logged[0]["closest"], "the organiser sees what came closest"


def test_the_amendment_wins_over_the_rule_it_replaces(assistant) -> None:
    answer = assistant.ask("What is the maximum value of a gift I can accept?", log=False)
    assert_grounded(answer)
    assert "25" in answer.answer and "50" not in answer.answer
    assert cited_sources(answer)[0] == "amendment-01.md"
    assert any("in force" in note.lower() for note in answer.notes), "the answer says which version was used"
    superseded = [p for p in answer.contexts if p.superseded_by]
    assert all(p.chunk.source != "amendment-01.md" for p in superseded)


def test_tie_break_answer_uses_the_amended_procedure(assistant) -> None:
    answer = assistant.ask("What happens when two films get the same number of votes?", log=False)
    assert_grounded(answer)
    assert "new secret ballot" in answer.answer
    assert cited_sources(answer)[0] == "amendment-01.md"


def test_follow_up_keeps_the_topic_of_the_conversation(assistant) -> None:
    first = assistant.ask("How many members are on the documentary jury?", log=False)
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.answer}]
    second = assistant.ask("and the short film jury?", history=history, log=False)
    assert not second.abstained
    assert "short" in second.standalone_question.lower() and "member" in second.standalone_question.lower()
    assert "three" in second.answer.lower()
    history += [{"role": "user", "content": second.question}, {"role": "assistant", "content": second.answer}]
    third = assistant.ask("what about the feature jury?", history=history, log=False)
    assert "seven" in third.answer.lower()


def test_a_request_to_pick_a_winner_is_declined_and_points_to_the_criteria(assistant) -> None:
    answer = assistant.ask("Which film should win the Golden Lantern?", log=False)
    assert answer.declined and not answer.abstained
    assert answer.answer.startswith("I can't tell you which film should win")
    assert any(c.source == "judging-criteria.docx" for c in answer.citations)


def test_disclosure_questions_get_the_confidentiality_rule_first(assistant) -> None:
    answer = assistant.ask("Can I tell a journalist how we voted?", log=False)
    assert not answer.abstained
    assert_grounded(answer)
    assert re.search(r"confidential|reveal|disclos", answer.answer, re.I)


def test_json_contract_of_an_answer(assistant) -> None:
    data = assistant.ask("When is the final deliberation?", log=False).to_dict()
    assert set(data) >= {"answer", "abstained", "citations", "contexts", "latency_ms"}
    assert len(data["contexts"]) >= 5
    for c in data["citations"]:
        assert set(c) == {"n", "source", "title", "section", "page", "quote"}
    for ctx in data["contexts"]:
        assert set(ctx) >= {"source", "section", "page", "text", "score"}
    scores = [ctx["score"] for ctx in data["contexts"]]
    assert scores == sorted(scores, reverse=True) or data["contexts"][0]["source"] == "amendment-01.md"


def test_streaming_yields_the_same_text_as_the_answer(assistant) -> None:
    stream = assistant.stream("How much is the per diem?")
    text = "".join(stream)
    assert stream.answer is not None
    assert text == stream.answer.answer


def test_empty_question_and_empty_library_get_a_plain_message(fresh_dir, embeddings) -> None:
    from assistant.assistant import Assistant
    from assistant.config import Settings

    assistant = Assistant.from_settings(Settings(data_dir=fresh_dir), embeddings=embeddings)
    assert "empty" in assistant.ask("What is the gift limit?").answer
    assert assistant.ask("   ").abstained


def test_a_newer_edition_of_a_document_wins_over_the_older_one(fresh_dir, embeddings, tmp_path) -> None:
    from assistant.assistant import Assistant
    from assistant.config import Settings

    old = tmp_path / "press-rules-2026.md"
    new = tmp_path / "press-rules-2027.md"
    body = '---\ntitle: Press Rules {year}\nkind: press-rules\nedition: "{year}"\neffective_date: {year}-01-01\n---\n# Press Rules {year}\n\n## Article 1 — Interviews\n\n**1.1 Interview window.** Jurors may give interviews about competition films only after {when}.\n'
    old.write_text(body.format(year=2026, when="the closing night party"), encoding="utf-8")
    new.write_text(body.format(year=2027, when="the awards ceremony has ended"), encoding="utf-8")
    assistant = Assistant.from_settings(Settings(data_dir=fresh_dir), embeddings=embeddings)
    assert assistant.library.ingest([old, new]).ok
    answer = assistant.ask("When may jurors give interviews about competition films?", log=False)
    assert answer.citations[0].source == "press-rules-2027.md"
    assert "awards ceremony" in answer.answer and "closing night" not in answer.answer
    older = [p for p in answer.contexts if p.chunk.source == "press-rules-2026.md"]
    assert older and "older edition" in older[0].note
