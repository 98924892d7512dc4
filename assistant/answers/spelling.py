"""Typing slips in a question, read as the library's word they stand for.

A juror typing fast drops a letter ("jounalist"), doubles one or swaps two ("reciept"). Such a word is in no
document, so it found nothing and, as the thing asked about, made the question look like one the library does not
answer (measured with `eval --variants`-style rewrites: one slip in the longest word of each golden question
declined an answerable question in six to eighteen). A word that is neither the library's nor one in common use is
read as the library's word one slip away (a letter left out, one too many, two swapped). A letter typed in
place of another is not read as a slip: "parking" is one letter from "marking", and a question about parking is
one the library may well not answer.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from functools import lru_cache
from pathlib import Path

from assistant.answers.abstention import common_words
from assistant.answers.names import normalise
from assistant.text import QUESTION_WORDS, STOPWORDS, stem

_LONG_WORD = re.compile(r"[A-Za-z]{5,}")  # shorter words are one slip away from too many others
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A regular ending on a word in use makes a word in use: "emailed" is "email" sent, no slip for "mailed" (a "d" only
# after an "e": "happend" is a slip for "happened", not "happen" with an ending).
_INFLECTIONS = ("s", "es", "ed", "ing", "er", "ers")
# A contraction with its apostrophe left out: "whats" is "what's", no slip for "hats"; "doesnt" is "doesn't".
_CONTRACTED = {
    "nt": frozenset("do does did is are was were have has had could should would must need".split()),
    "s re ve ll d": frozenset("i you he she it we they that there here who what where when how why".split()),
}


def _one_slip_away(word: str) -> set[str]:
    """The words a slip of one letter (left out, one too many, two swapped) would have typed as `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    left_out = [a + c + b for a, b in splits for c in _LETTERS]
    too_many = [a + b[1:] for a, b in splits if b]
    swapped = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    return {*left_out, *too_many, *swapped} - {word}


@lru_cache(maxsize=4)
def whole_words(model_dir: str) -> frozenset[str]:
    """The words the embedding model's tokenizer holds whole (its vocab.txt): English words in common use, so a word
    the library does not use but that is one of these ("compete", "clashes", "Galway") is a word, not a slip. Empty
    when the model has no such file: then nothing is read as a slip."""
    path = Path(model_dir) / "vocab.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(w for w in path.read_text(encoding="utf-8").split() if w.isalpha())


def words_in_use(embedding_model: str | None) -> frozenset[str]:
    """The words never read as slips: the bundled model's whole words; none with another model, which may read
    other languages (then no word is read as a slip)."""
    if embedding_model is not None:
        return frozenset()
    from assistant.library.embedding import bundled_model_path

    return whole_words(str(bundled_model_path()))


def _a_form_of_a_word(low: str, words: Container[str]) -> bool:
    """The typed word is a word in use with a regular ending, or a function word typed without its apostrophe."""
    if (low.endswith("d") and low[:-1].endswith("e") and low[:-1] in words) or any(
        low.endswith(end) and low[: -len(end)] in words for end in _INFLECTIONS
    ):
        return True
    return any(
        low.endswith(end) and low[: -len(end)] in heads for ends, heads in _CONTRACTED.items() for end in ends.split()
    )


def respelled(question: str, known: Mapping[str, int], words: frozenset[str]) -> tuple[str, list[tuple[str, str]]]:
    """The question with each slip read as the library's word (`known`: the stems the library uses, with the
    number of passages using each; `words`: words in common use, never slips, see `whole_words`), and the (typed,
    read) pairs, so that the answer can say how it read the question.
    Of two words one slip away, the one the library uses more often; none when they are used as often."""
    if not words:  # no telling a slip from a word in use
        return question, []
    read: list[tuple[str, str]] = []

    def fix(m: re.Match[str]) -> str:
        typed = m.group(0)
        low = typed.lower()
        if stem(low) in known or low in words or low in STOPWORDS or low in QUESTION_WORDS or low in common_words():
            return typed
        if _a_form_of_a_word(low, words):
            return typed
        # Not a form of a known word ("longest" is no slip for "longes", of "long").
        found = {
            c for c in _one_slip_away(low) if stem(c) in known and not (len(c) < len(low) and low.startswith(stem(c)))
        }
        stems = sorted({stem(c) for c in found}, key=lambda t: -known[t])
        if not stems or (len(stems) > 1 and known[stems[0]] <= known[stems[1]]):
            return typed  # no word, or two the library uses as often ("chages": changes or charges?)
        word = min((c for c in found if stem(c) == stems[0]), key=lambda c: (len(c) != len(low), c))
        word = word.capitalize() if typed[:1].isupper() else word
        read.append((typed, word))
        return word

    return _LONG_WORD.sub(fix, question), read


def read_slips(question: str, known: Mapping[str, int], embedding_model: str | None) -> tuple[str, list[str]]:
    """The question as read, and the note that says how ("Read “decison” as “decision”."), if a slip was read."""
    read, slips = respelled(question, known, words_in_use(embedding_model))
    return read, ["Read " + ", ".join(f"“{typed}” as “{word}”" for typed, word in slips) + "."] if slips else []


def hyphenated(question: str, vocabulary: Container[str]) -> str:
    """Two words typed apart that the documents' names join with a hyphen ("Saint Ormel" for "Saint-Ormel")."""

    def join(m: re.Match[str]) -> str:
        return f"{m[1]}-" if normalise(f"{m[1]}-{m[2]}") in vocabulary else m[0]

    return re.sub(r"\b([^\W\d_][\w'’]*)\s+(?=([^\W\d_][\w'’]*)\b)", join, question)
