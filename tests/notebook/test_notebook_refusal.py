"""Never a verdict: "Which film should win?", "Rank my films" and the notebook's own temptations are declined, with
the festival's rule on how the jury decides, quoted and cited; in the notebook and added to the chat's refusal."""

from __future__ import annotations

import re

import pytest

from assistant.answers.assistant import Assistant
from assistant.answers.guardrails import DECLINE_TEXT
from assistant.notebook.notebook import Notebook
from assistant.notebook.refusal import asks_for_verdict, refusal, with_jury_rule
from assistant.study.sentences import normalise

VERDICTS = (
    "Which film should win?",
    "Rank my films",
    "Rank my films please",
    "Please rank the films I have seen by my marks",
    "Compare my marks with the other jurors'",
    "What did the other jurors score Sunfall?",
    "What is my average mark?",
    "Summarise the merits of my films",
    "Which of my films is the strongest?",
    "Who deserves the Golden Lantern?",
)
RULE_QUESTIONS = (
    "How does the jury vote?",
    "What happens in a tie?",
    "Which films must I see?",
    "Who decides which film wins?",
    "What are the judging criteria?",
    "Must I declare a conflict of interest?",
    "How are the marks used in deliberation?",
)


@pytest.mark.parametrize("question", VERDICTS)
def test_requests_for_a_verdict_are_recognised(question: str) -> None:
    assert asks_for_verdict(question)


@pytest.mark.parametrize("question", RULE_QUESTIONS)
def test_questions_about_the_rules_are_not_refused(question: str) -> None:
    assert not asks_for_verdict(question)


def test_the_notebooks_refusal_says_judging_is_the_jurys_and_quotes_how_the_jury_decides(
    notebook: Notebook, nb_assistant: Assistant
) -> None:
    refused = notebook.refusal(notebook.festival())
    assert refused.text.startswith(DECLINE_TEXT.split(":")[0])
    assert "judging is the jury's" in refused.text and "How the jury decides, in the rules:" in refused.text
    assert re.search(r"ballot|vote", refused.text, re.I) and "[1]" in refused.text
    passages = {c.id: c.text for c in nb_assistant.retriever.lexical().chunks}
    assert refused.citations and [c.n for c in refused.citations] == list(range(1, len(refused.citations) + 1))
    for c in refused.citations:
        assert normalise(c.quote) in normalise(passages[c.chunk_id])
        assert c.source in notebook.festival().sources


@pytest.mark.parametrize("question", ["Which film should win?", "Rank my films"])
def test_the_chats_refusal_gets_the_jurys_voting_rule_cited_after_its_own_sources(
    question: str, notebook: Notebook, nb_assistant: Assistant
) -> None:
    answer = nb_assistant.ask(question, log=False)
    assert answer.declined
    before = len(answer.citations)
    with_rule = with_jury_rule(answer, notebook.rulebook(notebook.festival()))
    assert with_rule.answer.startswith(answer.answer)
    added = with_rule.citations[before:]
    assert added and [c.n for c in with_rule.citations] == list(range(1, len(with_rule.citations) + 1))
    tail = with_rule.answer[len(answer.answer) :]
    assert "How the jury decides, in the rules:" in tail
    for c in added:
        assert f"[{c.n}]" in tail
    assert re.search(r"ballot|vote", tail, re.I)


def test_an_answer_that_is_not_a_refusal_is_left_alone(notebook: Notebook, nb_assistant: Assistant) -> None:
    answer = nb_assistant.ask("How does the jury vote?", log=False)
    assert not answer.declined
    assert with_jury_rule(answer, notebook.rulebook(notebook.festival())) is answer


def test_rules_that_do_not_say_how_the_jury_decides_are_said_to_be_silent(realworld_assistant: Assistant) -> None:
    from assistant.notebook.rulebook import Rulebook
    from assistant.study.study import study_for

    study = study_for(realworld_assistant)
    sydney = next(f for f in study.festivals() if "sydney" in f.key)
    refused = refusal(Rulebook.of(study, sydney))
    assert "do not say how the jury decides" in refused.text and refused.citations == []
