"""Hybrid retrieval on small real libraries (real model, embedded Chroma): cross-references between clauses, exact
dense search, and term statistics confined to the festival a question names."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.library import REAL_SHAPED_2, make_settings

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.library.chunking import clause_refs
from assistant.library.library import Library


def test_clause_references_name_the_clause_and_its_document() -> None:
    text = "A tie is resolved as provided in Article 8.4 of the Jury Regulations; see also clause 3.2 and Article 5 of this Code."
    assert clause_refs(text) == [("8.4", "Jury Regulations"), ("3.2", ""), ("5", "")]


GLOSSARY = """---
title: Festival Glossary
kind: glossary
---
# Festival Glossary

## Tie

Tie means a result in which two films receive the same highest number of votes; a tie is resolved as provided in
Article 8.4 of the Voting Rules.

## Screening

Screening means a showing of a competition film in a festival theatre.
"""

VOTING_RULES = """---
title: Voting Rules
kind: regulations
---
# Voting Rules

## Article 8 — Voting

**8.1 Secret ballot.** Every vote of the jury is taken by secret ballot.

**8.4 Equal votes.** When two films obtain the same number of votes, a new ballot is held between them alone; if
they are still level, the President decides.

{filler}
"""


@pytest.fixture(scope="module")
def referring_library(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    folder = tmp_path_factory.mktemp("refs")
    filler = "\n\n".join(
        f"## Article {n} — Industry ties {n}\n\n**{n}.1 Ties {n}.** A juror with ties to sales company {n} declares "
        f"those ties and what the result of the tie is for film {n}."
        for n in range(10, 20)
    )
    (folder / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    (folder / "voting-rules.md").write_text(VOTING_RULES.format(filler=filler), encoding="utf-8")
    assistant = Assistant.from_settings(Settings(data_dir=folder / "data"), embeddings=embeddings)
    assert assistant.library.ingest([folder / "glossary.md", folder / "voting-rules.md"]).ok
    return assistant


def sections(assistant: Assistant, question: str) -> list[str]:
    return [p.chunk.section for p in assistant.retrieve(question, k=5)]


QUESTION = "How is a tie resolved?"


def test_a_rule_that_a_matching_glossary_entry_refers_to_is_pulled_in_below_it(referring_library: Assistant) -> None:
    found = referring_library.retrieve(QUESTION, k=5)
    names = [p.chunk.section for p in found]
    assert names[0] == "Tie"
    assert names[1] == "Article 8 — Voting › 8.4 Equal votes", names
    assert found[1].note == "referred to by Festival Glossary Tie"


def test_without_following_references_the_rule_is_not_found(referring_library: Assistant) -> None:
    retriever = referring_library.retriever
    retriever.follow_refs = 0
    try:
        names = sections(referring_library, QUESTION)
    finally:
        retriever.follow_refs = 2
    assert "Article 8 — Voting › 8.4 Equal votes" not in names, names


def test_only_a_specific_clause_of_the_named_document_is_resolved(referring_library: Assistant) -> None:
    """'Article 8' spans several clauses: pulling them all in would crowd out what the juror asked about."""
    retriever = referring_library.retriever
    lex = retriever.lexical()
    assert retriever._resolve_reference("8", "Voting Rules", lex) == []
    assert retriever._resolve_reference("8.4", "House Rules", lex) == []
    assert [c.section for c in retriever._resolve_reference("8.4", "the Voting Rules", lex)] == [
        "Article 8 — Voting › 8.4 Equal votes"
    ]


def test_the_retriever_serves_a_langchain_chain_as_a_base_retriever(assistant) -> None:
    """`as_langchain()` gives a LangChain `BaseRetriever`: `invoke` returns the same passages as `search`, as
    `Document`s with their source and score."""
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever

    question = "Who breaks a tie in the final vote?"
    retriever = assistant.retriever.as_langchain()
    assert isinstance(retriever, BaseRetriever)
    documents = retriever.invoke(question)
    passages = assistant.retriever.search(question)
    assert documents and all(isinstance(d, Document) for d in documents)
    assert [d.metadata["id"] for d in documents] == [p.chunk.id for p in passages]
    assert [d.page_content for d in documents] == [p.chunk.text for p in passages]
    assert all(d.metadata["source"] and isinstance(d.metadata["score"], float) for d in documents)


def test_dense_retrieval_returns_the_exactly_nearest_chunks_of_the_library(assistant) -> None:
    """Every golden question gets the chunks nearest to it by meaning, exactly: an approximate index that now and then
    left out the nearest chunk made two runs of one golden set differ (and lost that chunk's answer)."""
    import json

    import numpy as np

    from tests.conftest import CORPUS

    retriever = assistant.retriever
    chunks = retriever.lexical().chunks
    stored = assistant.library.store.chunks.get(ids=[c.id for c in chunks], include=["embeddings"])
    vectors = dict(zip(stored["ids"], np.asarray(stored["embeddings"], dtype=np.float32), strict=True))
    matrix = np.stack([vectors[c.id] for c in chunks])
    questions = [json.loads(line)["question"] for line in (CORPUS / "golden.jsonl").read_text().splitlines() if line]
    for question in questions:
        sims = matrix @ retriever.query_vector(question)
        expected = [chunks[i].id for i in np.argsort(-sims, kind="stable")[:40]]
        assert [c.id for c, _ in retriever.dense(question, k=40)] == expected, question
    only = retriever.dense(questions[0], k=5, filters={"source": ["amendment-01.md"]})
    assert only and all(c.source == "amendment-01.md" for c, _ in only)


VALMORA = [
    REAL_SHAPED_2 / "valmora-iff-jury-regulations-2024.md",
    REAL_SHAPED_2 / "valmora-iff-regulations-2024.md",
]
KESTREL_BAY = REAL_SHAPED_2 / "kestrel-bay-short-film-festival-regulations-2024.md"
ABOUT_VALMORA = [
    "How many members sit on the Valmora jury?",
    "At Valmora, what happens if the jury is split evenly?",
    "Can the Valmora jury give the Golden Vine to two films?",
    "Who appoints the jury at Valmora?",
]


def test_an_answer_about_one_festival_stays_the_same_when_another_festival_is_loaded(
    library_copy: Path, tmp_path: Path, embeddings
) -> None:
    """A question that names its festival weighs its words by their rarity in that festival's documents: with the
    sample festival's nine documents loaded as well, "jury", "members" and "films" are everywhere, and weighing them
    by the whole library changed which passages came first and how sure the answer was."""
    two = tmp_path / "two festivals"
    assert Library(make_settings(two), embeddings).ingest([*VALMORA, KESTREL_BAY]).ok
    assert Library(make_settings(library_copy), embeddings).ingest([*VALMORA, KESTREL_BAY]).ok
    answers = {}
    for name, data in (("two festivals", two), ("and the sample festival", library_copy)):
        a = Assistant.from_settings(make_settings(data), embeddings=embeddings)
        answers[name] = [a.ask(q, log=False) for q in ABOUT_VALMORA]
    for one, other in zip(answers["two festivals"], answers["and the sample festival"], strict=True):
        assert one.answer == other.answer
        assert [(p.chunk.source, p.chunk.text, round(p.score, 6)) for p in one.contexts] == [
            (p.chunk.source, p.chunk.text, round(p.score, 6)) for p in other.contexts
        ], one.question
        assert one.notes == other.notes, one.question  # the last note gives the answer's confidence


def test_the_rerank_weighs_its_signals_as_the_weights_file_says(
    assistant: Assistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rerank's weights are data that scripts/fit_retrieval.py writes: a file that gives similarity all the
    weight orders the passages by similarity alone; the bundled one weighs the question's key terms too."""
    import json

    from assistant.weights import DEFAULT_FILE

    data = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    data["retrieval"] = {"dense": 1.0, "cover": 0.0, "rrf": 0.0, "diversify": 0.0}
    (tmp_path / "weights.json").write_text(json.dumps(data), encoding="utf-8")
    question = "Can I talk to journalists about the films in competition?"
    monkeypatch.setenv("JUROR_WEIGHTS_FILE", str(tmp_path / "weights.json"))
    ranked = Assistant(assistant.settings, assistant.library).retrieve(question)
    assert [round(p.score, 6) for p in ranked] == [round(p.dense, 6) for p in ranked]
    assert [p.dense for p in ranked] == sorted((p.dense for p in ranked), reverse=True)
    monkeypatch.delenv("JUROR_WEIGHTS_FILE")
    bundled = Assistant(assistant.settings, assistant.library).retrieve(question)
    assert any(round(p.score, 6) != round(p.dense, 6) for p in bundled)


NOTES = """# Harbour Short Film Award 2026 — Notes for Judges

## What happens at the judges' meeting?

The panel discusses each film in turn. If films finish level on the judges' scores, the tie is not settled at the
meeting: it is settled on Screening Night using rule 7.5 of the Rules.

## Expenses

We pay for a taxi home after the meeting.
"""

AWARD_RULES = """# Harbour Short Film Award Rules 2026

## 7. How the films are judged

7.1 Each judge watches every shortlisted film.

7.5 Where two or more films are level, the film with more Audience Choice votes is placed higher.

{filler}
"""


def test_a_clause_of_the_rules_a_judges_note_defers_to_is_quoted_with_it(tmp_path: Path, embeddings) -> None:
    """A judges' notes' "the tie … is settled on Screening Night using rule 7.5 of the Rules" was the whole answer to
    "if two films tie on our scores, how does it get decided?": "the Rules" names no document by words of its own, so
    rule 7.5 was never looked for, and the quote that defers to it was not given with it (written check set CG)."""
    filler = "\n\n".join(
        f"## {n}. Section {n}\n\n{n}.1 Films in section {n} must be under {n} minutes long." for n in range(8, 16)
    )
    (tmp_path / "harbour_judges_notes.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "harbour_award_rules.md").write_text(AWARD_RULES.format(filler=filler), encoding="utf-8")
    assistant = Assistant.from_settings(Settings(data_dir=tmp_path / "data"), embeddings=embeddings)
    paths = [tmp_path / "harbour_judges_notes.md", tmp_path / "harbour_award_rules.md"]
    assert assistant.library.ingest(paths).ok
    answer = assistant.ask("If two films tie on our scores, how does it get decided?")
    assert "rule 7.5 of the Rules" in answer.answer
    assert "more Audience Choice votes is placed higher" in answer.answer
    assert {c.source for c in answer.citations} == {"harbour_judges_notes.md", "harbour_award_rules.md"}
