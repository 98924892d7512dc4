"""The juror-facing facade: `Assistant.ask(question, history=...) -> Answer`, built once from settings.

Stages, each a method with a typed hand-off: `prepare` (the question made standalone and scoped to the festival it
names: PreparedQuestion) -> `passages` (hybrid retrieval, and the one festival's passages an answer may quote:
Passages) -> `draft` (the extractive answer: Draft) -> `judge` (the answerability score: Judged) -> `_answer` (the
Answer with resolvable citations; a generative answerer, when configured, writes it with a citation check) or
`_abstain` ("the library does not say", with the closest passages).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from assistant.answers.abstention import Confidence, confidence, not_in_english, unreadable
from assistant.answers.amended import with_amendments
from assistant.answers.asks import ask_parts, asked, quotes_for
from assistant.answers.companions import COMPANION_TERMS, asks_about_companion
from assistant.answers.conversation import (
    History,
    borrows_scope,
    is_follow_up,
    said_before,
    standalone_question,
    turns_with_answers,
)
from assistant.answers.draft import Answerer, AnswerStream, Draft, join_drafts, says_first
from assistant.answers.editions import in_other_edition
from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.guardrails import (
    CONFIDENTIALITY_TERMS,
    CRITERIA_QUERY,
    DECLINE_TEXT,
    asks_about_disclosure,
    asks_to_decide,
)
from assistant.answers.messages import (
    ABSTAIN_TEXT,
    EDITION_TEXT,
    EMPTY_TEXT,
    OUTSIDE_TEXT,
    SCOPED_TEXT,
    TOO_LONG_TEXT,
    UNREADABLE_TEXT,
)
from assistant.answers.names import YEAR, join_titles, the
from assistant.answers.retrieval import HybridRetriever, by_score
from assistant.answers.rules_words import with_rules_word
from assistant.answers.scope import Scope
from assistant.answers.spelling import read_slips
from assistant.answers.streaming import STREAM_SINK, stream_answer
from assistant.answers.top_prize import with_top_prize
from assistant.config import Settings
from assistant.library.embedding import TextEmbeddings, WordSimilarity
from assistant.library.library import Library
from assistant.library.units import Unit
from assistant.organiser.logbook import Logbook
from assistant.schema import Answer, Passage, unit_id
from assistant.text import content_terms, with_question_mark


@dataclass
class PreparedQuestion:
    """Stage 1: the question made ready to search: standalone, scoped to the festival it names."""

    question: str  # as the juror asked it
    standalone: str  # rewritten to stand alone (a follow-up borrows the earlier topic)
    scope: Scope
    topic: str  # the standalone question without the words that named the festival: what is searched and quoted
    judged: str  # the words the abstention signal judges (a follow-up's own words)
    own: str | None  # a follow-up's own words, or None
    filters: dict[str, Any] | None  # the caller's filters and the named festival's documents
    outside: bool  # it names a festival or body the library does not hold (and the caller set no filter)
    boost: tuple[str, ...] = ()  # terms retrieval favours (the confidentiality rules for a question about disclosure)
    said: tuple[str, ...] = ()  # a follow-up's earlier answer, not to be quoted again


@dataclass
class Passages:
    """Stage 2: what retrieval found, and the part of it an answer may quote (one festival's passages)."""

    ranked: list[Passage]
    quotable: list[Passage] = field(default_factory=list)


@dataclass
class Judged:
    """Stage 4: the extractive draft and the answerability score that decides whether an answer is given."""

    draft: Draft
    confidence: Confidence
    uncovered: list[str] = field(default_factory=list)  # parts of the question the library does not answer

    @property
    def answerable(self) -> bool:
        return self.confidence.answerable and bool(self.draft.text)


class Assistant:
    def __init__(self, settings: Settings, library: Library, answerer: Answerer | None = None) -> None:
        self.settings = settings
        self.library = library
        self._answerer = answerer
        self._mismatch: tuple[str, str | None] | None = None

    @classmethod
    def from_settings(cls, settings: Settings, embeddings: TextEmbeddings | None = None) -> Assistant:
        return cls(settings, Library(settings, embeddings))

    # ------------------------------------------------------------ parts
    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(
            store=self.library.store,
            embeddings=self.library.embeddings,
            k=self.settings.top_k,
            candidates=self.settings.candidates,
        )

    @cached_property
    def extractive(self) -> ExtractiveAnswerer:
        return ExtractiveAnswerer(
            self.library.embeddings,
            unit_vectors=self._unit_vectors,
            query_vector=self.retriever.query_vector,
            word_similarity=self.word_similarity,
        )

    def _unit_vectors(self, pairs: list[tuple[str, Unit]]) -> dict[str, np.ndarray]:
        """{unit text: vector} made at ingest for these (chunk id, unit) pairs; a unit whose stored text differs
        (a library loaded by an older version) is left out, to be encoded by the answerer."""
        stored = self.library.unit_vectors([(chunk_id, u.position, u.context) for chunk_id, u in pairs])
        contexts = {unit_id(chunk_id, u.position): u.context for chunk_id, u in pairs}
        return {contexts[uid]: vector for uid, vector in stored.items()}

    @cached_property
    def answerer(self) -> Answerer:
        if self._answerer is not None:
            return self._answerer
        if self.settings.answerer == "extractive":
            return self.extractive
        from assistant.answers.generation import GenerativeAnswerer

        return GenerativeAnswerer.from_settings(self.settings, self.library.embeddings)

    @cached_property
    def logbook(self) -> Logbook:
        return Logbook.in_folder(self.settings.data_dir)

    def warm_up(self) -> None:
        """Load the model, the lexical index, the passages' vectors and the festival scope now rather than on the
        first question."""
        self.retriever.dense("warm up", k=1)
        self.retriever.scope_index()

    # ------------------------------------------------------------ asking
    def retrieve(
        self, query: str, k: int | None = None, filters: dict[str, Any] | None = None, boost_terms: tuple[str, ...] = ()
    ) -> list[Passage]:
        return self.retriever.search(
            query, k=k or max(self.settings.top_k, 5), filters=filters, boost_terms=boost_terms
        )

    @cached_property
    def word_similarity(self) -> WordSimilarity:
        embedder = self.library.embeddings.identity
        return WordSimilarity(
            self.library.embeddings.encode, lambda words: self.library.store.word_vectors(words, embedder)
        )

    def ask(
        self, question: str, history: History | None = None, filters: dict[str, Any] | None = None, log: bool = True
    ) -> Answer:
        started = time.perf_counter()
        answer = self._ask(with_question_mark(question.strip()), history, filters, log)
        if answer.contexts and (mismatch := self.vector_mismatch()):
            answer.notes.insert(0, mismatch)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def vector_mismatch(self) -> str | None:
        """Why answers may be poor when the library's vectors came from another model or backend than the
        question's (read from the manifest once per library state)."""
        signature = self.library.signature()
        if self._mismatch is None or self._mismatch[0] != signature:
            self._mismatch = (signature, self.library.mismatch())
        return self._mismatch[1]

    def stream(
        self, question: str, history: History | None = None, filters: dict[str, Any] | None = None
    ) -> AnswerStream:
        """Streaming: generative answerers stream checked text as it is written; the extractive answer streams its words
        (assistant/answers/streaming.py)."""
        streams = callable(getattr(self.answerer, "stream", None))
        return stream_answer(lambda: self.ask(question, history, filters), streams)

    def _ask(self, question: str, history: History | None, filters: dict[str, Any] | None, log: bool) -> Answer:
        if not any(ch.isalnum() for ch in question):  # "", "???", an emoji: nothing to look up
            return Answer(question, "Please type a question about the festival's rules.", abstained=True)
        if len(question) > self.settings.max_question_chars:
            text = TOO_LONG_TEXT.format(length=len(question), limit=self.settings.max_question_chars)
            return Answer(question, text, abstained=True)
        if self.library.is_empty():
            return Answer(question, EMPTY_TEXT, abstained=True)
        if self.settings.embedding_model is None and unreadable(question, self.retriever.lexical().df):
            if log:  # the organisers see what jurors asked in another language, with the unanswered questions
                self.logbook.log_unanswered(question, question, [])
            return Answer(question, UNREADABLE_TEXT, abstained=True)  # the bundled model reads English only
        question, notes = read_slips(question, self.retriever.lexical().df, self.settings.embedding_model)
        return self._answer_read(question, history, filters, log).noted(notes)

    def _answer_read(self, question: str, history: History | None, filters: dict[str, Any] | None, log: bool) -> Answer:
        standalone = self.standalone(question, history)
        if asks_to_decide(standalone):
            return self._decline(question, standalone, history, filters)
        prepared = self.prepare(question, standalone, filters, history)
        passages = self.passages(prepared)
        if prepared.outside:
            return self._abstain(question, standalone, passages.ranked, log, outside=prepared.scope)
        judged = self.judge(prepared, passages, self.draft(prepared, passages))
        checked: Draft | None = None
        if judged.answerable:
            idf = self.retriever.statistics(prepared.filters).idf_table()
            checked = (
                judged.draft if self.answerer is self.extractive else self._draft(standalone, passages.quotable, idf)
            )
        if checked is None or not checked.text:
            within, score = prepared.scope.sources, judged.confidence.score
            return self._abstain(question, standalone, passages.ranked, log, within=within, score=score)
        return self._answer(prepared, passages, checked, judged)

    def _decline(
        self, question: str, standalone: str, history: History | None, filters: dict[str, Any] | None
    ) -> Answer:
        """A request to pick a winner: declined, with the judging criteria of the festival asked about."""
        scope = self.scope(question, history)
        named = dict(filters or {}) | ({"source": scope.sources} if scope.sources else {})
        criteria = self.retrieve(CRITERIA_QUERY, filters=named or None)
        draft = self.extractive.answer(CRITERIA_QUERY, criteria, self.retriever.statistics(named or None).idf_table())
        return Answer(
            question,
            f"{DECLINE_TEXT} {draft.text}".strip(),
            abstained=False,
            citations=draft.citations,
            contexts=criteria,
            standalone_question=standalone,
            declined=True,
            notes=["declined: the assistant does not decide votes"],
        )

    def _answer(self, prepared: PreparedQuestion, passages: Passages, checked: Draft, judged: Judged) -> Answer:
        """Stage 5: the answer the juror sees, with its citations, the passages behind it and notes (first, the
        parts of the question the rules do not answer)."""
        notes = [
            f"The rules do not answer this part of your question: {part.rstrip('?')}?" for part in judged.uncovered
        ]
        notes += checked.notes + [f"confidence {judged.confidence.score:.2f}"]
        if prepared.scope.year_note:
            notes.insert(0, prepared.scope.year_note)
        cited = list(dict.fromkeys(c.source for c in checked.citations))
        return Answer(
            prepared.question,
            checked.text,
            abstained=False,
            citations=checked.citations,
            contexts=passages.ranked,
            standalone_question=prepared.standalone,
            answerer=checked.answerer,
            notes=notes,
            scope=self.retriever.scope_index().titles(cited),
        )

    def standalone(self, question: str, history: History | None) -> str:
        """The question rewritten to stand alone (follow-ups borrow the earlier topic)."""
        rewrite = getattr(self.answerer, "standalone_question", None)
        return rewrite(question, history) if rewrite and history else standalone_question(question, history)

    def scope(self, question: str, history: History | None = None) -> Scope:
        """The festival, body or edition the juror's own words name; a follow-up that names none keeps the scope of
        the latest earlier question that did ("And in the First Feature Competition?")."""
        index = self.retriever.scope_index()
        scope = index.resolve(question)
        if scope.sources or scope.unknown or scope.edition or not history or not borrows_scope(question):
            return scope
        for earlier, _ in reversed(turns_with_answers(history)):
            previous = index.resolve(earlier)
            # "Is it the same in 2026?": that festival, that year (of a library of one festival too)
            shifted = in_other_edition(question, earlier)
            again = index.resolve(shifted) if shifted else None
            if again is not None and again.sources:
                again.strip.extend(YEAR.findall(earlier))  # the year the borrowed topic brings is not asked
                return again
            if previous.sources:  # its name, borrowed into the standalone question, is taken out as it would be
                if previous.edition and not is_follow_up(question):
                    # the festival, not the year: after "When is next year's Corran Sound?", "can we give the golden
                    # tern to two films jointly" asks this year's rules ("And who chaired it?" keeps the year)
                    previous.edition = previous.held = previous.year_note = ""
                return previous
        return scope

    def prepare(
        self, question: str, standalone: str, filters: dict[str, Any] | None = None, history: History | None = None
    ) -> PreparedQuestion:
        """Stage 1: the festival the question names, and the words that are searched, quoted on and judged."""
        asking = asked(standalone)  # without a preface ("Please TELL me: …" asks no disclosure)
        boost = (
            CONFIDENTIALITY_TERMS
            if asks_about_disclosure(asking)
            else COMPANION_TERMS
            if asks_about_companion(asking)
            else ()
        )
        scope = self.scope(question, history)
        scoped = dict(filters or {}) | ({"source": scope.sources} if scope.sources else {})
        # Within the named festival's documents its name tells nothing apart: search and quote on the rest.
        topic = scope.topic(asking)
        topic = with_rules_word(topic)  # "give it to both films": the rules say "ex aequo"
        if scope.sources:  # "May we split the top prize?": the prize the festival's rules list first, by name
            topic = with_top_prize(topic, lambda: self.retriever.statistics(scoped).chunks)
        # A follow-up is judged on its own words ("Does it have a gym?"), lest its borrowed topic answer anything.
        # (one whose own words only name a festival or year, "Is it the same in 2026?", is judged on the borrowed topic)
        own_words = scope.topic(question)
        follow_up = standalone != question and bool(content_terms(own_words))
        return PreparedQuestion(
            question,
            standalone,
            scope,
            topic,
            own_words if follow_up else topic,
            question if follow_up else None,
            scoped or None,
            scope.outside_library and not filters,
            boost,
            said_before(question, history) if follow_up else (),
        )

    def passages(self, prepared: PreparedQuestion) -> Passages:
        """Stage 2: the passages retrieved for the question, and those an answer may quote."""
        query = with_rules_word(prepared.topic, searching=True)
        ranked = self.retrieve(query, filters=prepared.filters, boost_terms=prepared.boost)
        return Passages(ranked, self._one_festival(ranked, prepared.scope))

    def draft(self, prepared: PreparedQuestion, passages: Passages) -> Draft:
        """Stage 3: the extractive answer to the question from the quotable passages."""
        idf = self.retriever.statistics(prepared.filters).idf_table()
        topic = prepared.topic
        if not prepared.scope.sources and passages.quotable:  # the top prize of the festival the answer quotes
            festival = {"source": sorted(self.retriever.scope_index().group(passages.quotable[0].chunk.source))}
            topic = with_top_prize(topic, lambda: self.retriever.statistics(festival).chunks)
        draft = self.extractive.answer(topic, passages.quotable, idf, own=prepared.own, said=prepared.said)
        return with_amendments(draft, passages.quotable)

    def judge(self, prepared: PreparedQuestion, passages: Passages, draft: Draft) -> Judged:
        """Stage 4: the answerability score that decides whether the draft is given (what scripts/fit_weights.py
        fits the weights with). A question of several parts is judged part by part: a part the library does not
        answer is left out of the draft and named, and the question is declined only when no part is answered."""
        # Words weigh by their rarity within the festival asked about; a word is unknown when no document of the
        # library uses it, and for a question that names a festival also when that festival's documents do not, the
        # kind of answer asked for aside ("money" unused by one festival's rules: docs/evaluation.md, items 15, 28).
        statistics = self.retriever.statistics(prepared.filters)
        idf = statistics.idf_table()
        known = set(self.retriever.lexical().df)
        scope = prepared.scope
        festival_words = set(statistics.df) if scope.sources else None
        similar, scoped, elsewhere = self.word_similarity, bool(scope.sources), bool(scope.elsewhere)

        def judged(words: str, d: Draft) -> Confidence:
            return confidence(words, passages.ranked, idf, known, similar, d, scoped, elsewhere, festival_words)

        conf = judged(prepared.judged, draft)
        parts = dict((words, own) for own, words in ask_parts(prepared.topic)) if prepared.own is None else {}
        if len(parts) < 2:
            return Judged(draft, conf)
        # Every part is about the festival the whole question is: the one it names, else the one its answer quotes.
        within = prepared.filters
        if not prepared.scope.sources and passages.quotable:
            festival = self.retriever.scope_index().group(passages.quotable[0].chunk.source)
            within = dict(prepared.filters or {}) | {"source": sorted(festival)}
        answered = {
            p: d for p in parts if (d := self._part_draft(prepared, p, idf, known, within, passages, festival_words))
        }
        if not answered:  # no part has an answer: the question is declined whatever the whole scored
            conf.score = min(conf.score, -1e-3)
            return Judged(draft, conf, list(parts.values()))
        conf.score = max(conf.score, 0.0)  # answered part by part: as answerable as when one part is
        if len(answered) < len(parts):
            covered = self.extractive.answer_asks(prepared.topic, list(answered), passages.quotable, idf)
            missing = [own for p, own in parts.items() if p not in answered and not quotes_for(covered, own)]
            return Judged(covered, conf, missing)
        # a part the whole answer quotes nothing for adds its own ("How big is the jury, and who chairs it?": the
        # rule on the jury's size is seldom among the passages the rule on its president leads to)
        missed = [d for d in answered.values() if not says_first(d, draft)]
        return Judged(join_drafts([draft, *missed]) if missed else draft, conf)

    def _part_draft(
        self,
        prepared: PreparedQuestion,
        part: str,
        idf: dict[str, float],
        known: set[str],
        within: dict[str, Any] | None,
        whole: Passages,
        festival_words: set[str] | None = None,
    ) -> Draft | None:
        """This part's answer, None when the library does not answer it. Judged like a question of its own (its
        passages `within` the festival the whole question is about, its quote, its score), then with the `whole`
        question's passages too: "How many people sit on the jury" alone ranks other rules above the jury's size."""
        ranked = self.retrieve(with_rules_word(part, searching=True), filters=within, boost_terms=prepared.boost)
        merged, scoped = by_score(ranked, whole.quotable), bool(prepared.scope.sources)
        elsewhere = bool(prepared.scope.elsewhere)  # judged as the whole is (a word the festival never uses, too)
        tries = [ranked] if [p.chunk.id for p in merged] == [p.chunk.id for p in ranked] else [ranked, merged]
        for passages in tries:  # (the whole question's passages tried only when they add to or reorder the part's)
            draft = self.extractive.answer_asks(part, [part], self._one_festival(passages, prepared.scope), idf)
            judged = confidence(
                part, passages, idf, known, self.word_similarity, draft, scoped, elsewhere, festival_words
            )
            if draft.text and judged.answerable:
                return draft
        return None

    def _one_festival(self, passages: list[Passage], scope: Scope) -> list[Passage]:
        """The passages an answer may quote: when the question names no festival, those of the best passage's
        festival or body, so that one answer never mixes two festivals' rules."""
        if scope.sources or not passages:
            return passages
        index = self.retriever.scope_index()
        mine = index.group(passages[0].chunk.source)
        return [p for p in passages if p.chunk.source in mine or p.chunk.source not in index.groups]

    def _abstain(
        self,
        question: str,
        standalone: str,
        passages: list[Passage],
        log: bool,
        *,
        outside: Scope | None = None,
        within: list[str] | None = None,
        score: float | None = None,
    ) -> Answer:
        """ "The library does not say", with the closest passages; named festivals and the library's holdings."""
        index = self.retriever.scope_index()
        if outside is not None and outside.edition:
            text = EDITION_TEXT.format(held=outside.held, wanted=outside.edition)
        elif outside is not None:
            text = OUTSIDE_TEXT.format(holdings=index.holdings(), names=join_titles([the(n) for n in outside.unknown]))
        elif within:
            text = SCOPED_TEXT.format(titles=join_titles(index.described(within)))
        else:
            text = ABSTAIN_TEXT
        if log:
            closest = [f"{p.chunk.source} § {p.chunk.section}" for p in passages[:3]]
            self.logbook.log_unanswered(question, standalone, closest)
        return Answer(
            question,
            text,
            abstained=True,
            contexts=passages,
            related=passages[:3],
            standalone_question=standalone,
            notes=([f"confidence {score:.2f}"] if score is not None else [])
            + not_in_english(self.retriever.lexical(), within or [p.chunk.source for p in passages[:3]]),
            scope=index.titles(within or []),
        )

    def _draft(self, question: str, passages: list[Passage], idf: dict[str, float]) -> Draft:
        answerer = self.answerer
        if answerer is self.extractive or isinstance(answerer, ExtractiveAnswerer):
            return answerer.answer(question, passages, idf)
        sink = STREAM_SINK.get()
        try:
            if sink is not None and callable(getattr(answerer, "stream", None)):
                streamed = answerer.stream(question, passages, idf)  # type: ignore[attr-defined]
                for piece in streamed:
                    sink(piece)
                return streamed.draft
            return answerer.answer(question, passages, idf)
        except Exception as exc:  # a dead endpoint must never cost the juror an answer
            draft = self.extractive.answer(question, passages, idf)
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            draft.notes.insert(0, f"The chat model could not answer ({reason}); showing the extractive answer.")
            return draft
