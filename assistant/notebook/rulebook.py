"""The festival's rules as the notebook reads them: each rule item with its citation, found by topic, by meaning.

A topic is what a juror's checklist asks about: seeing every film, conflicts of interest, confidentiality, contact
with the press and the filmmakers, how the jury votes, ties. Each is a few prototype sentences general to festival
juries (none taken from one festival's text); a rule belongs to a topic when its meaning is close to them, a little
more when the briefing sorted it into the matching theme, spoke of it as the juror's, or made it a must or a must
not. The rules are the briefing's items (`assistant.study`): rules in force, one item per rule, each with the
citation of the words that state it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from assistant.schema import Citation, unit_id
from assistant.study.rules import rule_items
from assistant.study.sentences import EXPLANATORY_KINDS
from assistant.text import stem, words

if TYPE_CHECKING:
    from assistant.study.briefing import BriefingItem
    from assistant.study.festivals import Festival
    from assistant.study.study import Study


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    prototypes: tuple[str, ...]  # sentences a rule on the topic is close to in meaning
    terms: tuple[str, ...]  # the topic's own words (as any jury's rules use them), a small addition
    themes: tuple[str, ...] = ()  # briefing themes whose rules count a little more
    binding: bool = True  # a must or a must not counts a little more (a duty, not a description)
    family: str = ""  # topics of one family may share a rule (a tie-break is also a voting rule)
    jurors_only: bool = True  # only a rule the briefing found to be the juror's (not the films', not entrants')
    duty: bool = False  # only a must or a must not (a description of the topic is not the duty)

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(stem(w) for w in self.terms)


TOPICS: dict[str, Topic] = {
    t.key: t
    for t in (
        Topic(
            "attendance",
            "Seeing every film",
            (
                "Every juror must attend every screening of the films in competition.",
                "Jurors must see all the competing films before the vote.",
                "A juror who has not seen a film may not vote for it.",
                "Members of the jury are required to watch all films in the competition in the cinema.",
            ),
            (
                "attend",
                "attendance",
                "screening",
                "screenings",
                "see",
                "seen",
                "watch",
                "watched",
                "view",
                "viewed",
                "viewing",
                "miss",
                "missed",
                "absent",
                "absence",
            ),
            ("attendance",),
            duty=True,
        ),
        Topic(
            "conflicts",
            "Conflicts of interest",
            (
                "A juror must declare any conflict of interest with a film in competition.",
                "No member of the jury may have taken part in the production or distribution of a film in competition.",
                "A juror with a personal, professional or financial link to a film must withdraw from the vote on it.",
                "Jury members cannot have any connection with the films presented in the competition.",
            ),
            (
                "conflict",
                "conflicts",
                "interest",
                "interests",
                "involved",
                "involvement",
                "connection",
                "connections",
                "connected",
                "link",
                "links",
                "linked",
                "relationship",
                "related",
                "relative",
                "family",
                "own",
                "financial",
                "stake",
                "recuse",
                "recusal",
                "withdraw",
                "impartial",
                "impartiality",
                "independent",
                "declare",
                "declaration",
                "bias",
            ),
            ("conflicts",),
        ),
        Topic(
            "confidentiality",
            "Confidentiality",
            (
                "The deliberations of the jury are confidential and must not be disclosed.",
                "Jurors must not reveal how the jury voted or what was said in deliberation.",
                "Jury members keep the results secret until the official announcement.",
            ),
            (
                "confidential",
                "confidentiality",
                "secret",
                "secrecy",
                "disclose",
                "disclosure",
                "reveal",
                "private",
                "privately",
                "embargo",
            ),
            ("confidentiality",),
        ),
        Topic(
            "contact",
            "Press, filmmakers and social media",
            (
                "Jurors must not comment on the films in competition to the press before the awards.",
                "Jurors may not discuss the competing films with their makers or producers during the festival.",
                "Jury members must not post opinions about the competition films on social media.",
                "Jurors must not accept gifts from anyone connected with a film in competition.",
            ),
            (
                "press",
                "interview",
                "interviews",
                "journalist",
                "journalists",
                "media",
                "social",
                "post",
                "posts",
                "publish",
                "gift",
                "gifts",
                "hospitality",
                "contact",
                "discuss",
                "comment",
                "comments",
                "talk",
                "speak",
                "meet",
                "lobby",
                "lobbying",
            ),
            ("conduct",),
        ),
        Topic(
            "voting",
            "How the jury decides",
            (
                "The jury decides the awards by a majority vote of its members.",
                "The winners are chosen by secret ballot of the jury.",
                "The jury deliberates and votes to determine the winning films.",
                "Decisions of the jury are taken by simple majority.",
            ),
            (
                "vote",
                "votes",
                "voting",
                "voted",
                "ballot",
                "ballots",
                "majority",
                "unanimous",
                "unanimously",
                "decide",
                "decides",
                "decided",
                "decision",
                "decisions",
                "deliberate",
                "deliberation",
                "deliberations",
                "round",
                "rounds",
            ),
            ("voting",),
            binding=False,
            family="decision",
            jurors_only=False,
        ),
        Topic(
            "ties",
            "Ties",
            (
                "In the event of a tie, the President of the jury has the casting vote.",
                "If two or more films receive the same number of votes, the jury votes again.",
                "When the votes are equal, the deciding vote belongs to the president.",
            ),
            ("tie", "ties", "tied", "equal", "equally", "casting", "deciding", "same"),
            ("voting",),
            binding=False,
            family="decision",
            jurors_only=False,
        ),
    )
}
MIN_SIMILARITY = 0.5  # below this a rule is not about the topic, whatever else it has for it
CLEAR_SIMILARITY = 0.75  # from here a rule is about the topic even without the topic's own words
THEME_BONUS = 0.06
TERM_BONUS = 0.05
JUROR_BONUS = 0.03
BINDING_BONUS = 0.03
REFERRING_PENALTY = 0.05  # "It decides ...": a sentence that leans on the one before it quotes less well
RESTATED_PENALTY = 0.04  # a glossary's or FAQ's restatement gives way to the governing text
_REFERRING = re.compile(r"^(?:it|this|that|these|those|they|such|he|she)\b", re.I)


@dataclass(frozen=True)
class Rule:
    """One rule of the festival, ready to quote: the words as the reader needs them and their citation (n=0: the
    caller numbers the citations it shows)."""

    text: str
    citation: Citation
    theme: str = ""
    modality: str = "statement"
    addressee: str = "juror"
    kind: str = ""  # the document's kind (regulations, glossary, faq, ...)

    @property
    def quote(self) -> str:
        return self.citation.quote

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(stem(w) for w in words(self.text.lower()))

    @property
    def key(self) -> tuple[str, str]:
        return (self.citation.chunk_id, self.citation.quote)


@dataclass(frozen=True)
class Found:
    rule: Rule
    score: float


class Rulebook:
    """One festival's rules with their vectors; `find(topic)` gives the rules on a topic, best first."""

    def __init__(self, rules: list[Rule], vectors: np.ndarray, encode: object) -> None:
        self.rules = rules
        self.vectors = vectors
        self._encode = encode
        self._protos: dict[str, np.ndarray] = {}
        self._scores: dict[str, np.ndarray] | None = None

    @classmethod
    def of(cls, study: Study, festival: Festival | None) -> Rulebook:
        items = study.briefing(festival).items()
        kinds = {c.id: c.kind for c in study.retriever.lexical().chunks}
        rules = [_rule(i, kinds.get(i.citation.chunk_id, "")) for i in items]
        return cls(rules, _vectors(study, festival, items), study.library.embeddings.encode)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.vectors.shape[1] if self.vectors.ndim == 2 else 1), dtype=np.float32)
        return np.asarray(self._encode(texts), dtype=np.float32)  # type: ignore[operator]

    def _prototypes(self, topic: Topic) -> np.ndarray:
        if topic.key not in self._protos:
            self._protos[topic.key] = self.encode(list(topic.prototypes))
        return self._protos[topic.key]

    def _raw(self, topic: Topic) -> np.ndarray:
        """Each rule's score for one topic, before the topics compete for it (0: not about the topic)."""
        sims = (self.vectors @ self._prototypes(topic).T).max(axis=1)
        out = np.zeros(len(self.rules), dtype=np.float32)
        for i, (rule, sim) in enumerate(zip(self.rules, sims, strict=True)):
            said = bool(topic.stems & rule.stems)
            if sim < MIN_SIMILARITY or (sim < CLEAR_SIMILARITY and not said):
                continue
            if topic.jurors_only and rule.addressee != "juror":
                continue
            if topic.duty and rule.modality not in ("obligation", "prohibition"):
                continue
            bonus = THEME_BONUS if rule.theme in topic.themes else 0.0
            bonus += TERM_BONUS if said else 0.0
            bonus += JUROR_BONUS if rule.addressee == "juror" else 0.0
            if topic.binding and rule.modality in ("obligation", "prohibition"):
                bonus += BINDING_BONUS
            if _REFERRING.match(rule.text):
                bonus -= REFERRING_PENALTY
            if rule.kind.lower() in EXPLANATORY_KINDS:
                bonus -= RESTATED_PENALTY
            out[i] = float(sim) + bonus
        return out

    def scores(self, topic_key: str) -> np.ndarray:
        """Each rule's score for a topic: its meaning's closeness to the topic, with a little for the topic's own
        words and for what the briefing said of it; 0 for a rule not close enough, or closer to another topic of the
        checklist (a rule on conflicts of interest is not also the rule on attendance)."""
        if not self.rules:
            return np.zeros(0, dtype=np.float32)
        if self._scores is None:
            self._scores = {key: self._raw(topic) for key, topic in TOPICS.items()}
        topic = TOPICS[topic_key]
        mine = self._scores[topic_key].copy()
        rivals = [
            s
            for key, s in self._scores.items()
            if key != topic_key and not (topic.family and TOPICS[key].family == topic.family)
        ]
        if rivals:
            best_other = np.max(np.stack(rivals), axis=0)
            mine[mine < best_other] = 0.0
        return mine

    def find(self, topic_key: str, k: int = 3) -> list[Found]:
        """The rules on a topic, best first (none when no rule is close enough)."""
        scores = self.scores(topic_key)
        order = [int(i) for i in np.argsort(-scores, kind="stable") if scores[i] > 0][:k]
        return [Found(self.rules[i], float(scores[i])) for i in order]

    def closest(self, text: str, among: list[Rule]) -> Found | None:
        """The rule among `among` whose meaning is closest to `text` (a juror's own words, encoded here on this
        machine: nothing is sent anywhere)."""
        if not among or not text.strip():
            return None
        index = {r.key: n for n, r in enumerate(self.rules)}
        rows = [index[r.key] for r in among if r.key in index]
        if not rows:
            return None
        query = self.encode([text])[0]
        sims = self.vectors[rows] @ query
        best = int(np.argmax(sims))
        return Found(self.rules[rows[best]], float(sims[best]))

    def similar(self, text: str, k: int = 1, min_similarity: float = MIN_SIMILARITY) -> list[Found]:
        """The rules closest in meaning to `text` (e.g. a criterion an organiser added), best first."""
        if not self.rules or not text.strip():
            return []
        sims = self.vectors @ self.encode([text])[0]
        order = [int(i) for i in np.argsort(-sims, kind="stable") if sims[i] >= min_similarity][:k]
        return [Found(self.rules[i], float(sims[i])) for i in order]


def _rule(item: BriefingItem, kind: str) -> Rule:
    return Rule(item.text, replace(item.citation, n=0), item.theme, item.modality, item.addressee, kind)


def _vectors(study: Study, festival: Festival | None, items: list[BriefingItem]) -> np.ndarray:
    """The vectors ingestion stored for the briefing's items (no re-embedding); an item without one is encoded."""
    if not items:
        return np.zeros((0, 1), dtype=np.float32)
    wanted = set(festival.sources) if festival is not None else None
    chunks = [c for c in study.retriever.lexical().chunks if wanted is None or c.source in wanted]
    by_ref = {r.ref: r for r in rule_items(chunks)}
    ids: list[str | None] = []
    units = []
    for item in items:
        found = by_ref.get(item.ref)
        if found is None:
            ids.append(None)
            continue
        ids.append(unit_id(found.chunk.id, found.unit.position))
        units.append((found.chunk.id, found.unit.position, item.text))
    stored = study.library.unit_vectors(units)
    missing = [n for n, uid in enumerate(ids) if uid is None or uid not in stored]
    fresh = (
        np.asarray(study.library.embeddings.encode([items[n].text for n in missing]), dtype=np.float32)
        if missing
        else None
    )
    rows = []
    for n, uid in enumerate(ids):
        if uid is not None and uid in stored:
            rows.append(np.asarray(stored[uid], dtype=np.float32))
        else:
            assert fresh is not None
            rows.append(fresh[missing.index(n)])
    return np.stack(rows)
