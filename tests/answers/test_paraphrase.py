"""A rule's words close in meaning to the question's plain words, measured with the real model's word vectors."""

from __future__ import annotations

from assistant.answers.paraphrase import near_cover
from assistant.library.embedding import WordSimilarity
from assistant.library.units import units
from assistant.text import content_terms

RULES = (
    "Travel and accommodation costs of accompanying persons shall be at the juror's own expense. "
    "Jurors receive a per diem of EUR 45 towards lunch and dinner for each day of jury service. "
    "Photography and filming are not permitted during the screenings."
)


def held(pool: list) -> list[frozenset[str]]:
    return [frozenset(content_terms(u.context)) for u in pool]


def test_a_rule_that_says_the_question_in_other_words_comes_closest(embeddings) -> None:
    """ "My husband's flight and hotel" is what a rule calls the "travel and accommodation" of "accompanying
    persons"; "snap pictures" is its "photography". Neither shares a word with the question."""
    similarity = WordSimilarity(embeddings.encode)
    pool = units(RULES)
    for question, expected in [
        ("Will they pay for my husband's flight and hotel?", "accommodation costs"),
        ("Am I allowed to snap pictures in the cinema?", "Photography"),
    ]:
        weights = dict.fromkeys(content_terms(question), 1.0)
        scores = near_cover(similarity, question, weights, pool, held(pool))
        best = max(range(len(pool)), key=lambda i: scores[i])
        assert expected in pool[best].display, (question, scores)
        assert scores[best] > 0.2 and min(scores) < scores[best] / 2, scores


def test_a_word_the_rule_holds_counts_in_the_exact_cover_not_again_here(embeddings) -> None:
    similarity = WordSimilarity(embeddings.encode)
    pool = units("Jurors receive a per diem of EUR 45 for each day of jury service.")
    question = "What per diem do jurors receive?"
    assert near_cover(similarity, question, dict.fromkeys(content_terms(question), 1.0), pool, held(pool)) == [0.0]
    assert near_cover(None, question, {}, pool, held(pool)) == [0.0]
