"""Study mode facade: the festivals of a library, and each festival's briefing, quiz and glossary.

`Study(library, retriever)` caches each part by the library signature (and the festival), so a replaced document
shows up on the next call. A library of one festival needs no choice; with several, callers name one
(`festival(name)`), and a briefing of the whole library mixes festivals only when asked for. `study_for(assistant)`
returns one Study per Assistant (for the UI and the CLI); `glossary_terms(assistant, text)` explains terms in an
answer.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from assistant.errors import FestivalNotFound
from assistant.study.briefing import Briefing
from assistant.study.build import build_briefing
from assistant.study.festivals import Festival, build_festivals, find_festival
from assistant.study.glossary import Glossary, GlossaryEntry, build_glossary
from assistant.study.quiz.build import ENOUGH, build_quiz, jury_questions
from assistant.study.quiz.facts import FactPools
from assistant.study.quiz.questions import Question
from assistant.study.quiz.session import QuizSession

if TYPE_CHECKING:
    from assistant.answers.assistant import Assistant
    from assistant.answers.retrieval import HybridRetriever
    from assistant.library.library import Library


class Study:
    """Study mode over a library: what it reads is the library (documents, unit vectors, the embedder) and the
    retriever (the lexical index of every passage, the festival scope index, amendments)."""

    def __init__(self, library: Library, retriever: HybridRetriever) -> None:
        self.library = library
        self.retriever = retriever
        self._cache: dict[str, tuple[str, Any]] = {}

    @classmethod
    def of(cls, assistant: Assistant) -> Study:
        return cls(assistant.library, assistant.retriever)

    def _cached(self, name: str, build: Any) -> Any:
        signature = self.library.signature()
        hit = self._cache.get(name)
        if hit is None or hit[0] != signature:
            hit = (signature, build())
            self._cache[name] = hit
        return hit[1]

    # ------------------------------------------------------------ festivals
    def festivals(self) -> list[Festival]:
        """The library's festivals or bodies, largest first (`assistant.study.festivals`)."""
        return self._cached(
            "festivals",
            lambda: build_festivals(self.library.documents(), self.retriever.scope_index()),
        )

    def festival(self, name: str | None = None) -> Festival | None:
        """The festival a user names; with no name, the library's only festival (None when it holds several)."""
        festivals = self.festivals()
        if name:
            return find_festival(festivals, name)
        return festivals[0] if len(festivals) == 1 else None

    def require_festival(self, name: str | None = None) -> Festival | None:
        """Like `festival`, but a library of several festivals needs a name: FestivalNotFound lists them."""
        chosen = self.festival(name)
        festivals = self.festivals()
        if chosen is None and len(festivals) > 1:
            listing = "; ".join(f"{f.name} [{f.key}]" for f in festivals)
            raise FestivalNotFound(
                f"the library holds the rules of {len(festivals)} festivals ({listing}); choose one with --festival"
            )
        return chosen

    # ------------------------------------------------------------ parts
    @staticmethod
    def _key(part: str, festival: Festival | None) -> str:
        return f"{part}:{festival.key if festival else '*'}"

    def briefing(self, festival: Festival | None = None) -> Briefing:
        return self._cached(
            self._key("briefing", festival), lambda: build_briefing(self.library, self.retriever, festival=festival)
        )

    def glossary(self, festival: Festival | None = None) -> Glossary:
        sources = set(festival.sources) if festival else None
        return self._cached(self._key("glossary", festival), lambda: build_glossary(self.retriever, sources))

    def pools(self, festival: Festival | None = None) -> FactPools:
        def build() -> FactPools:
            wanted = set(festival.sources) if festival else None
            texts = [c.text for c in self.retriever.lexical().chunks if wanted is None or c.source in wanted]
            return FactPools.from_texts(texts, [e.term for e in self.glossary(festival).entries])

        return self._cached(self._key("pools", festival), build)

    def quiz(
        self,
        count: int | None = 20,
        seed: int = 0,
        themes: list[str] | None = None,
        festival: Festival | None = None,
    ) -> list[Question]:
        return build_quiz(self.briefing(festival), self.pools(festival), count=count, seed=seed, themes=themes)

    def session(
        self, count: int = 10, seed: int = 0, themes: list[str] | None = None, festival: Festival | None = None
    ) -> QuizSession:
        return QuizSession(self.quiz(count, seed, themes, festival))

    def quiz_note(self, questions: list[Question], festival: Festival | None = None) -> str:
        """Why a quiz has few questions about the jury's duties (empty when it has enough): the documents hold no
        rules for the jury, or few."""
        briefing = self.briefing(festival)
        jury = jury_questions(questions, briefing)
        if jury >= ENOUGH:
            return ""
        rules = len(briefing.juror_items())
        about = "These rules" if festival is None else f"The documents of {festival.name}"
        if not rules:
            return (
                f"{about} hold no rules for the jury: they speak to those who enter films (entry, formats, "
                "deadlines), so there is nothing about a juror's duties to ask"
                + (", only what makes a film eligible." if questions else ".")
            )
        return (
            f"{about} hold few rules for the jury ({rules} in the briefing's juror section), so the quiz has "
            f"{jury} question{'s' * (jury != 1)} about a juror's duties; the briefing shows them all."
        )


_STUDIES: weakref.WeakKeyDictionary[Assistant, Study] = weakref.WeakKeyDictionary()


def study_for(assistant: Assistant) -> Study:
    """One Study per Assistant (created on first use, gone with the Assistant), so its caches are shared by every
    page and command that uses that Assistant."""
    study = _STUDIES.get(assistant)
    if study is None:
        study = _STUDIES[assistant] = Study.of(assistant)
    return study


def glossary_terms(assistant: Assistant, text: str, festival: Festival | None = None) -> list[GlossaryEntry]:
    """Glossary entries for the defined terms used in `text` (e.g. a chat answer)."""
    return study_for(assistant).glossary(festival).terms_in(text)
