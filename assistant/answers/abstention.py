"""Deciding whether the library answers a question at all.

A single similarity threshold fails with this model (an off-topic question can score above a real match), so the
signal combines features that mean the same in any library, with weights fitted leave-one-festival-out
(assistant/data/weights.json, scripts/fit_weights.py):

- dense: the best passage's cosine similarity to the question;
- coverage: how much of the question's vocabulary (IDF-weighted, so rare words count most) the best passages contain
  in their text and section headings;
- focus unknown: the thing asked about ("which AIRLINE", "bring my DOG") is a word the library never uses, with no
  near-synonym in the retrieved passages ("swimming pool" is close to nothing in a jury handbook);
- kind missing: the chosen quotes lack what the question asks for (a sum, a date, a count, a person);
- sim gap: how far the best quote stands above the other candidates;
- scoped: the question named a festival the library holds.

docs/evaluation.md reports the held-out precision and recall, and what each feature is worth.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from assistant.answers.companions import companion_words
from assistant.answers.juries import unheld_jury
from assistant.answers.kinds import KIND_NOUNS
from assistant.answers.lexical import LexicalIndex, source_text
from assistant.answers.named import named_awards
from assistant.answers.needs import MONEY_QUESTION, PEOPLE, clauses
from assistant.answers.rules_words import said_plainly
from assistant.library.embedding import WordSimilarity
from assistant.library.loading.language import language_of
from assistant.schema import Passage
from assistant.text import STOPWORDS, content_terms, stem, vocabulary, words
from assistant.weights import linear, weights

if TYPE_CHECKING:
    from assistant.answers.draft import Draft

FOCUS_BOOST = 3.0
UNREADABLE_SHARE = 1 / 3  # below this share of words read, a question is not one the library can be asked in
_COMMON: frozenset[str] | None = None
_LANGUAGES: dict[tuple[str, str], tuple[str, float] | None] = {}  # (library state, document) -> language_of


def common_words() -> frozenset[str]:
    """General English function words (scikit-learn's list), beyond our own stopwords."""
    global _COMMON
    if _COMMON is None:
        _COMMON = _sklearn_stop_words() - {"interest", "system", "bill", "fire"}
    return _COMMON


def unreadable(question: str, known: Container[str]) -> bool:
    """Most of the question's words are neither English function words nor words of the library (`known`: the
    stems its documents use): a question in another language than the documents', or no words at all. Answering it
    would quote whatever came closest; saying so lets the juror ask again. A library that holds documents in the
    question's language knows its words, so the question is read."""
    tokens = [w for w in words(question) if not w.isdigit()]
    if len(tokens) < 3:
        return False
    read = sum(w in STOPWORDS or w in common_words() or stem(w) in known for w in tokens)
    return read / len(tokens) < UNREADABLE_SHARE


def _sklearn_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, read from its one-file module without importing scikit-learn (whose
    import takes ~1.5 s, most of a command-line question's budget)."""
    import importlib.util
    import runpy
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("sklearn")  # locates the package without running it
        if spec is not None and spec.submodule_search_locations:
            path = Path(next(iter(spec.submodule_search_locations))) / "feature_extraction" / "_stop_words.py"
            words = runpy.run_path(str(path)).get("ENGLISH_STOP_WORDS")
            if isinstance(words, frozenset) and words:
                return frozenset(str(w) for w in words)
    except (OSError, SyntaxError, ImportError):
        pass
    try:  # another layout: import it after all
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    except ImportError:  # pragma: no cover - sklearn comes with sentence-transformers
        return frozenset()


@dataclass
class Confidence:
    score: float
    features: dict[str, float] = field(default_factory=dict)

    @property
    def answerable(self) -> bool:
        return self.score >= 0.0


# in any number: "how many POINTS" asks for the kind "point" names
_KIND_STEMS = frozenset(stem(w) for w in KIND_NOUNS)
_AUX = frozenset(
    "is are was were do does did can could should would will shall may might must has have had happens happen".split()
)
_CONTRACTED = frozenset("what's who's where's which's".split())
# Words of degree before the thing asked about: what the answer's number must be, or which of a list it is ("the MAIN
# prize"), not what it is about.
_DEGREE = frozenset(
    "longest shortest highest lowest biggest largest smallest earliest latest last first most least maximum minimum "
    "usual usually typical typically top main big principal major chief whole entire".split()
)
_DETERMINERS = frozenset("a an the any some free of".split())
_OBJECT_OPENERS = frozenset("a an the any my our your their its this that these those".split())
_FOCUS_AFTER = {("which",), ("what",), ("how", "many"), ("how", "much"), ("is", "there"), ("are", "there")}
_OFFER_VERBS = frozenset(
    "have has offer offers provide provides get give gives include includes allow allows rent sell sells pay pays "
    "bring take use reimburse reimburses cover covers refund refunds".split()
)

# "have to", "get to": a verb before "to" that is a modal, with no thing after it that the rules must name.
_MODAL_VERBS = frozenset("have has get".split())

# Words that open a clause of their own: a verb after one is not the verb the question asks with.
_CLAUSE_BREAK = frozenset("once when whenever if after before while until since because unless although though".split())


def focus_terms(question: str) -> set[str]:
    """The words that name what the answer must be about: 'which AIRLINE', 'how many TICKETS',
    'is there free PARKING', 'does the hotel have a swimming POOL'. Empty when the form is unclear. Each clause is
    read on its own, so a statement or a polite opener before the question does not hide its form."""
    found: list[str] = []
    for clause in clauses(question):
        found.extend(_clause_focus(clause))
    # "Is that before or after TAX?": the side of what a sum is taken before or after
    found.extend((m.group(1) or m.group(2)).lower() for m in _BEFORE_OR_AFTER.finditer(question))
    return {stem(w) for w in found[:3]}


_BEFORE_OR_AFTER = re.compile(
    r"(?i)\b(?:before\s+or\s+after|after\s+or\s+before)\s+([a-z]+)\s*\?|\b(?:before|after)\s+([a-z]+),?\s+or\b"
)


def _clause_focus(clause: str) -> list[str]:
    # "what's the weather" reads as "what is the weather"
    tokens = [t for w in words(clause) for t in ((w[:-2], "is") if w in _CONTRACTED else (w,))]
    found: list[str] = []
    main_clause = True
    for i in range(len(tokens)):
        for pattern in _FOCUS_AFTER:
            if tuple(tokens[i : i + len(pattern)]) == pattern:
                rest = tokens[i + len(pattern) :]
                if (
                    pattern == ("what",)
                    and len(rest) > 2
                    and rest[0] in ("is", "are", "was", "were")
                    and rest[1]
                    in (
                        "the",
                        "a",
                        "an",
                    )
                ):
                    rest = rest[2:]  # "what is the WIFI PASSWORD ..."
                elif rest and rest[0] in _AUX:
                    continue
                # The noun phrase right after ("which AIRLINE does ...", "is there free PARKING for ..."), up to
                # its first verb or function word; a word for persons ("how many PEOPLE") counts whoever the rule
                # counts (members, jurors), so it names nothing the rule must hold.
                while rest and (rest[0] in _DETERMINERS or rest[0] in _DEGREE):
                    rest = rest[1:]  # "is there A vegan menu", "which OF the", "what is the LONGEST film"
                phrase: list[str] = []
                # "how many honourable MENTIONS": the counted noun, not the word that describes it
                if pattern == ("how", "many") and rest[1:2] and rest[1].endswith("s") and not rest[0].endswith("s"):
                    rest = rest[1:]
                for w in rest[: 1 if pattern[0] == "how" else 2]:
                    if w in STOPWORDS or w in _AUX or w in _DEGREE:
                        break
                    phrase.append(w)
                # "which category CARRIES the biggest prize", "which film WON a mention": a second word with a
                # determiner after it is the clause's verb, not part of the thing asked about; so is a first one
                # ("what BREAKS the tie", "what DECIDES the winner"), which leaves nothing named.
                if len(phrase) == 2 and rest[2:3] and rest[2] in _OBJECT_OPENERS:
                    phrase = phrase[:1]
                if (
                    phrase
                    and pattern == ("what",)
                    and phrase[0].endswith("s")
                    and rest[1:2]
                    and rest[1] in _OBJECT_OPENERS
                ):
                    phrase = []
                found.extend(w for w in phrase if w not in PEOPLE and stem(w) not in _KIND_STEMS)
        # "... once the final deliberation HAS begun": what a later clause has is not what is asked for
        main_clause = main_clause and tokens[i] not in _CLAUSE_BREAK
        if (
            main_clause
            and tokens[i] in _OFFER_VERBS
            and i >= 1
            and tokens[0] in _AUX
            and tokens[i + 1 : i + 2] not in (["part"], ["place"])
            and not (tokens[i] in _MODAL_VERBS and tokens[i + 1 : i + 2] == ["to"])  # "do I HAVE TO step out"
            and not (tokens[i] == "get" and _passive(tokens[i + 1 : i + 3]))  # "do I GET PAID", "get me THROWN off"
        ):
            for w in tokens[i + 1 : i + 4]:
                if w in _INDEFINITE:
                    break  # "bring in someone NEW", "get anything ELSE": no thing is named
                if w not in STOPWORDS and w not in _DEGREE:
                    found.append(w)
    return found


def _passive(after: list[str]) -> bool:
    """ "get" with a participle after it, or after a pronoun ("get PAID", "get me THROWN off"): a passive, which
    names no thing that is got."""
    first = after[0] if after else ""
    word = after[1] if first in ("me", "us", "him", "her", "them", "it") and len(after) > 1 else first
    return word == "paid" or (len(word) > 4 and word.endswith(("ed", "own", "en")))


_INDEFINITE = frozenset("someone somebody something anyone anybody anything everyone everybody everything".split())


_AWARD_WORDS = frozenset("award awards prize prizes best trophy trophies mention mentions category categories".split())


def unheld_award(question: str, passages: Sequence[Passage]) -> str:
    """The award the question names when none of the passages names it ("Is there a prize for best animated film?"
    over rules whose prizes are for features and shorts), else "". Its naming words are looked for beside a word for
    an award, so that "animated" in a film's description does not make an animation prize."""
    for name, naming in named_awards(question):
        near: set[str] = set()
        anywhere: set[str] = set()
        for p in passages:
            # with the heading it stands under ("The Youth Jury Prize" over "The winner receives 1,200 euros") and the
            # title of its document ("… – Marhoff Screenplay & Short Film Awards" holds "the screenplay award")
            tokens = words(f"{p.chunk.title}. {p.chunk.heading}. {p.chunk.text}")
            anywhere.update(stem(w) for w in tokens)
            for i, t in enumerate(tokens):
                if t in _AWARD_WORDS:
                    near.update(stem(w) for w in tokens[max(0, i - 4) : i + 5])
        # A prize's own name ("the Golden Lion award") is held wherever the rules write it ("The Golden Lion goes to
        # ..."); a description ("best animated film", "audience choice") only beside a word for an award.
        own_name = name[:1].isupper() and not name.lower().startswith("best ")
        held = anywhere if own_name else near
        if not naming <= held:
            return name
    return ""


def _lacks(word: str, known: set[str], festival_known: set[str] | None) -> bool:
    """The library (or the named festival's documents) never uses the word, and it names a thing, not the kind of
    answer ("How much MONEY", "what TIME": a sum or an hour, which rules write in figures, and whose absence the
    kind-missing feature weighs)."""
    if stem(word) in _KIND_STEMS or MONEY_QUESTION.fullmatch(word):
        return False
    return stem(word) not in known or (festival_known is not None and stem(word) not in festival_known)


def confidence(
    question: str,
    passages: Sequence[Passage],
    idf: dict[str, float],
    known: set[str],
    similarity: WordSimilarity | None = None,
    draft: Draft | None = None,
    scoped: bool = False,
    named_elsewhere: bool = False,
    festival_known: set[str] | None = None,
) -> Confidence:
    """The answerability score: weights from assistant/data/weights.json over the features below.

    `draft` is the extractive answer to the question: how well its best quote scored, and whether its quotes hold
    what the question asks for (a number for "how many", a rule word for "may I"). `scoped`: the question named a
    festival or document the library holds, so retrieval was confined to it.
    """
    terms = set(content_terms(question))
    top = list(passages[:3])
    if not top or not terms:
        return Confidence(-10.0)
    dense = max(p.dense for p in top)
    max_idf = max(idf.values(), default=1.0) or 1.0
    focus = focus_terms(question) & terms
    weights_ = {t: idf.get(t, max_idf) * (FOCUS_BOOST if t in focus else 1.0) for t in terms}
    total = sum(weights_.values()) or 1.0
    coverage = 0.0
    for p in top:
        # Text and section only: a title word ("Code of Conduct") says nothing about this passage's rule.
        have = set(content_terms(f"{p.chunk.section} {p.chunk.text}"))
        coverage = max(coverage, sum(w for t, w in weights_.items() if t in have) / total)
    # The thing asked about ("bring my DOG", "which AIRLINE") is a word the library never uses, nor has a word of the
    # top passages this close to it (weights.json).
    plain = said_plainly(question, known)
    # (a companion asked about, "my husband", is met by a rule on guests or partners: the answer's kind says so)
    brought = companion_words(question)
    unknown_words = {
        stem(w): w
        for w in words(question)
        if stem(w) in focus
        and w not in common_words()
        and w not in plain
        and stem(w) not in brought
        and _lacks(w, known, festival_known)
    }
    miss = dict.fromkeys(unknown_words, 1.0)
    synonym = weights("synonyms")
    if similarity is not None and unknown_words:
        nearby = sorted({w for p in top for w in vocabulary(f"{p.chunk.section} {p.chunk.text}")})
        sims = similarity.best(list(unknown_words.values()), nearby)
        for term, sim in zip(unknown_words, sims, strict=True):
            miss[term] = float(np.clip((synonym["similarity"] - sim) / synonym["spread"], 0.0, 1.0))
    focus_unknown = float(
        any(m >= 0.5 for m in miss.values())
        or bool(unheld_award(question, passages))
        or bool(unheld_jury(question, passages))
        or named_elsewhere
    )
    features = {"dense": dense, "coverage": coverage, "focus_unknown": focus_unknown}
    if draft is not None:
        features["kind_missing"] = float(not draft.kind_found)
    features["scoped"] = float(scoped)
    score = linear(features, weights("abstention"))
    return Confidence(score, features)


def not_in_english(lex: LexicalIndex, sources: Sequence[str]) -> list[str]:
    """A note for each document declined from that is not in English: there, "no rule found" may be the reading's
    failing rather than the rules' silence, and the juror should know which."""
    notes = []
    for source in dict.fromkeys(sources):
        key = (lex.signature, source)  # read once per library state: a reloaded file is read again
        if key not in _LANGUAGES:
            if len(_LANGUAGES) >= 256:
                _LANGUAGES.clear()
            _LANGUAGES[key] = language_of(source_text(lex, source))
        found = _LANGUAGES[key]
        if found is not None:
            written = f"in {found[0]}" if found[0] else "in another language"
            notes.append(
                f"{source} is written {written}: the assistant reads English, so it may have missed a rule there."
            )
    return notes
