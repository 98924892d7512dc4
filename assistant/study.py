"""Study mode facade: the briefing, the quiz and the glossary of one library, rebuilt when the library changes.

`Study(assistant)` caches each part by the library signature, so a replaced document shows up on the next
call. `study_for(assistant)` returns the one Study attached to an Assistant (for the UI and the CLI);
`glossary_terms(assistant, text)` is the one-liner the Ask page uses to explain terms in an answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.briefing import Briefing, build_briefing
from assistant.glossary import Glossary, GlossaryEntry, build_glossary
from assistant.quiz import FactPools, Question, QuizSession, build_quiz

if TYPE_CHECKING:
    from assistant.assistant import Assistant


class Study:
    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._cache: dict[str, tuple[str, Any]] = {}

    def _cached(self, name: str, build: Any) -> Any:
        signature = self.assistant.library.signature()
        hit = self._cache.get(name)
        if hit is None or hit[0] != signature:
            hit = (signature, build())
            self._cache[name] = hit
        return hit[1]

    def briefing(self) -> Briefing:
        return self._cached("briefing", lambda: build_briefing(self.assistant))

    def glossary(self) -> Glossary:
        return self._cached("glossary", lambda: build_glossary(self.assistant))

    def pools(self) -> FactPools:
        def build() -> FactPools:
            texts = [c.text for c in self.assistant.retriever.lexical().chunks]
            return FactPools.from_texts(texts, [e.term for e in self.glossary().entries])

        return self._cached("pools", build)

    def quiz(self, count: int | None = 20, seed: int = 0, themes: list[str] | None = None) -> list[Question]:
        return build_quiz(self.briefing(), self.pools(), count=count, seed=seed, themes=themes)

    def session(self, count: int = 10, seed: int = 0, themes: list[str] | None = None) -> QuizSession:
        return QuizSession(self.quiz(count, seed, themes))


def study_for(assistant: Assistant) -> Study:
    """The Study attached to this Assistant (created on first use)."""
    study = assistant.__dict__.get("_study")
    if study is None:
        study = Study(assistant)
        assistant.__dict__["_study"] = study
    return study


def glossary_terms(assistant: Assistant, text: str) -> list[GlossaryEntry]:
    """Glossary entries for the defined terms used in `text` (e.g. a chat answer)."""
    return study_for(assistant).glossary().terms_in(text)
