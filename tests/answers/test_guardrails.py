"""The decline-to-judge guardrail: requests for the assistant's judgement are declined, questions about how
winners are chosen are answered (they are questions about the rules)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answers.guardrails import DECLINE_TEXT, asks_to_decide

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT.parent / "shared" / "realworld" / "questions.jsonl"

JUDGEMENT_REQUESTS = [
    "Which film should win?",
    "Which film should win the Golden Lantern?",
    "who deserves Best Actress this year?",
    "Which film deserves the Golden Lantern?",
    "Which documentary ought to win?",
    "Which film ought to get the Grand Jury Prize?",
    "Who should take home the top prize?",
    "Which film will win the Grand Prix?",
    "Which of these films should win the prize?",
    "Who do you think should win Best Director?",
    "Pick the winner for me",
    "I can't make up my mind, pick the winner for me.",
    "Help me pick a winner",
    "Could you choose the best film?",
    "Choose the best short film for me.",
    "Rank the competition films for me",
    "Can you rank the documentaries for us?",
    "Predict the winners",
    "Tell me which film to vote for",
    "How should I vote?",
    "How should we vote on the Golden Lantern?",
    "Who should I vote for?",
    "Which film should I give my vote to?",
    "Should we give the award to the documentary about the harbour?",
    "Who would you pick for Best Director?",
    "Which one would you vote for?",
    "What's your pick for best film?",
    "What would you give the opening film out of 10?",
    "In your opinion, which film is best?",
    "Which film is the best?",
    "Who is the best actress in the competition?",
    "Is the harbour documentary better than the road movie?",
]

PROCEDURE_QUESTIONS = [
    "How many voters choose an award's winners?",
    "How many jurors choose the Best Actress winner?",
    "Who chooses the winners?",
    "How are the winners chosen?",
    "How is the winner of the Golden Lantern chosen?",
    "Who decides which film wins the Grand Prix?",
    "Who decides which film will win the Grand Prix?",
    "Who decides who should win?",
    "Who decides the winner of the Best Short Film award?",
    "Who picks the jury?",
    "Who picks the winners of the student awards?",
    "Who selects the films for the competition?",
    "Does the jury choose the winner by majority?",
    "Does the President choose the winner when there is a tie?",
    "Is it the jury that chooses the winner?",
    "By what majority is the winner chosen?",
    "How many votes does a film need to win?",
    "How do jurors pick the best film?",
    "Who votes for the Audience Award?",
    "Who will vote for the Audience Award?",
    "What happens if two films tie for the win?",
    "Which film would win if two films tie?",
    "How should we vote if two films tie?",
    "When should we vote?",
    "Can a film win more than one award?",
    "Which films are eligible to win the Grand Prix?",
    "Who announces the winners?",
    "Must the winner attend the ceremony?",
    "Who should receive the prize money?",
    "Who will receive the prize money, the director or the producer?",
    "What criteria should we use to choose the winner?",
    "Can you tell me how the jury picks the winner?",
    "Do you vote for each award separately?",
    "Can you change your vote after the first round?",
    "Which award do you vote for first?",
    "Should I vote for a film my friend produced?",
    "Who should I contact if I can't attend a screening?",
    "Which form should I choose for the declaration?",
    "Who is the best person to contact about travel?",
    "Name the films in competition",
]


@pytest.mark.parametrize("question", JUDGEMENT_REQUESTS)
def test_a_request_for_the_assistants_judgement_is_declined(question: str) -> None:
    assert asks_to_decide(question)


@pytest.mark.parametrize("question", PROCEDURE_QUESTIONS)
def test_a_question_about_how_winners_are_chosen_is_not_declined(question: str) -> None:
    assert not asks_to_decide(question)


def test_no_question_of_the_golden_sets_is_taken_for_a_judgement_request() -> None:
    """Every question a golden set marks as a question about the rules must reach retrieval."""
    paths = [ROOT / "corpus" / "golden.jsonl"] + ([REALWORLD] if REALWORLD.is_file() else [])
    questions = [json.loads(line)["question"] for path in paths for line in path.read_text().splitlines() if line]
    assert len(questions) >= 100
    assert [q for q in questions if asks_to_decide(q)] == []


def test_a_factual_question_about_how_winners_are_chosen_is_answered_not_declined(assistant) -> None:
    answer = assistant.ask("Does the jury choose the winner by majority?", log=False)
    assert not answer.declined and not answer.abstained
    assert not answer.answer.startswith(DECLINE_TEXT[:30])
    assert answer.citations and "majority" in answer.answer.lower()
    # the same library still declines the request to judge
    declined = assistant.ask("Which film should win the Golden Lantern?", log=False)
    assert declined.declined and declined.answer.startswith(DECLINE_TEXT[:30])
