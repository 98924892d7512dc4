"""Typing slips read as the library's word: a letter left out, one too many, two swapped; never a word in use."""

from __future__ import annotations

from collections import Counter

from assistant.answers.spelling import respelled, whole_words
from assistant.library.embedding import bundled_model_path
from assistant.text import stem

# The stems a small library uses, with the number of passages using each.
KNOWN = Counter(
    {
        stem(w): n
        for w, n in [
            ("journalist", 3),
            ("screening", 9),
            ("change", 4),
            ("charge", 4),
            ("long", 5),
            ("marking", 2),
            ("complete", 6),
            ("deliberation", 8),
        ]
    }
)


def test_a_slip_is_read_as_the_library_word_it_stands_for() -> None:
    words = whole_words(str(bundled_model_path()))
    read, slips = respelled("Can I tell a jounalist about the deliberaiton?", KNOWN, words)
    assert read == "Can I tell a journalist about the deliberation?"
    assert slips == [("jounalist", "journalist"), ("deliberaiton", "deliberation")]
    assert respelled("How many screnings a day?", KNOWN, words)[0] == "How many screenings a day?"


def test_a_word_in_common_use_or_a_form_of_a_known_word_is_never_a_slip() -> None:
    """ "compete" is one letter from the library's "complete", "parking" one from its "marking" (a letter typed in
    place of another, not read as a slip), "longest" a form of its "long": each is the word the juror meant."""
    words = whole_words(str(bundled_model_path()))
    assert {"compete", "parking"} <= words
    question = "Can teams compete for the longest film, and is there parking?"
    assert respelled(question, KNOWN, words) == (question, [])


def test_a_slip_between_two_words_the_library_uses_as_often_is_left_as_typed() -> None:
    """ "chages": changes or charges? The library uses both as often; guessing would answer another question."""
    words = whole_words(str(bundled_model_path()))
    assert respelled("What chages after the third round?", KNOWN, words)[1] == []


def test_without_a_vocabulary_of_words_in_use_nothing_is_read_as_a_slip(tmp_path) -> None:
    """A model without a vocab.txt (another language, perhaps): no word can be told from a slip, none is changed."""
    assert whole_words(str(tmp_path)) == frozenset()
    assert respelled("Can I tell a jounalist?", KNOWN, frozenset()) == ("Can I tell a jounalist?", [])


def test_a_word_in_use_with_an_ending_or_a_contraction_without_its_apostrophe_is_never_a_slip() -> None:
    """ "whats" is "what's", not "hats" one letter away (a 48-hour challenge's rules list hats among the props);
    "emailed" is "email" sent, not "mailed"; "cinematographers" is more than one cinematographer. A slip that ends
    like a form ("happend") is still read."""
    words = whole_words(str(bundled_model_path()))
    known = Counter({stem(w): 2 for w in ("hats", "mailed", "happened", "cinematographyers")})
    for question in (
        "whats the max file size teams can upload?",
        "The producer emailed me: can I answer?",
        "Can cinematographers sit on the jury?",
    ):
        assert respelled(question, known, words) == (question, [])
    assert respelled("what happend at the party?", known, words)[1] == [("happend", "happened")]
