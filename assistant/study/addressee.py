"""Who a rule is for: you, the juror; the films (what a juror judges against); or entrants and the festival office.

Real regulations speak mostly to entrants (entry forms, fees, shipping, formats) and describe the festival office's
own work; a juror needs the few rules that speak to the jury, then what makes a film eligible. A rule's addressee is
read three ways, each general to festival rules and none tied to one festival's wording:

- grammar: the role named as the subject of the sentence ("Jury members must ...", "Films must have been ...",
  "The applicant agrees to ...") or as the agent of a passive ("... is decided by the jury"), and roles mentioned
  elsewhere in it, its list lead-in and its heading;
- what is done: the jury's acts (vote, deliberate, award, declare a conflict, keep secret), a film's properties
  (completed after, running time, premiere, eligible) and the paperwork of entry (submit, fee, ship, deliver, form);
- meaning: the similarity of the sentence's vector (made at ingest) to short prototype sentences of each addressee
  (`assistant/data/study.json`), which carries sentences that name no role at all.

"You" is whoever the document as a whole speaks to (a juror's welcome letter, an entrant's FAQ). The weights of the
three kinds of evidence are data, in `assistant/data/study.json`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.text import stem, words
from assistant.weights import read_data_file

KINDS = ("juror", "film", "entrant")
TITLES = {"juror": "you, the juror", "film": "the films", "entrant": "entrants and the festival office"}
STUDY_FILE = Path(__file__).resolve().parents[1] / "data" / "study.json"


@lru_cache(maxsize=2)
def study_data(path: str = str(STUDY_FILE)) -> dict[str, Any]:
    """Study mode's weights and prototype sentences (read once)."""
    return read_data_file(
        path,
        ("addressee", "themes", "addressee_prototypes", "juror_themes"),
        "study data file",
        "restore assistant/data/study.json",
    )


def _stems(text: str) -> set[str]:
    return {stem(w) for w in text.split()}


def _forms(text: str) -> set[str]:
    return set(text.split())


def _form(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


# Roles, as word stems. A role is who the sentence is about, not a topic: "the jury", "the applicant", "films".
ROLE_WORDS: dict[str, set[str]] = {
    "juror": _stems(
        "jury juries juror jurors judge judges panel panels panellist panelist jurymen president presidents"
    ),
    "film": _stems(
        "film films work works feature features short shorts documentary documentaries animation animations movie "
        "movies title titles production productions debut debuts fiction"
    ),
    "entrant": _stems(
        "applicant applicants entrant entrants producer producers submitter submitters distributor distributors "
        "sender senders representative representatives delegate delegates delegation guest guests school schools "
        "author authors owner owners holder holders filmmaker filmmakers company companies agent agents festival "
        "organiser organisers organizer organizers office committee committees staff team secretariat programmer "
        "programmers management organisation organization we"
    ),
}
# What is done: the jury's acts, a film's properties, the paperwork of entering a film (stems).
ACTION_WORDS: dict[str, set[str]] = {
    "juror": _forms(
        "vote votes voting voted ballot ballots deliberate deliberation deliberations majority quorum abstain "
        "abstention unanimous unanimously tie casting confidential confidentiality disclose disclosure reveal secret "
        "conflict conflicts impartial impartiality recuse recusal attend attendance watch view viewing judge judging "
        "evaluate assessment criteria criterion score scores scoring decide decision decisions verdict award awards "
        "awarded prize prizes mention mentions appoint appointed appoints consist consists consisting preside "
        "interview interviews journalist journalists press gift gifts hospitality"
    ),
    "film": _forms(
        "eligible eligibility ineligible completed completion produced length running minutes premiere premieres "
        "premiered screened shown released release origin genre debut"
    ),
    "entrant": _forms(
        "submit submits submitted submission submissions entry form forms fee fees pay paid payment invoice invoices "
        "ship shipping shipped send sent deliver delivered delivery post postage courier upload uploaded link "
        "password dcp kdm kdms print prints copy copies subtitle subtitles material materials kit stills poster "
        "trailer photo photos biography filmography synopsis travel accommodation visa visas airfare hotel "
        "accreditation insurance customs return returned cost costs expense expenses reimburse register format formats "
        "registration apply application applications contact email e-mail address website platform cover covers"
    ),
}
# The festival office: it speaks in the rules, so what it does or promises is for whoever the document speaks to.
OFFICE_WORDS = _stems("festival organiser organisers organizer organizers office staff team secretariat management we")
# The people who enter films (not the festival office): who "you" is in a document that names them more than jurors.
SUBMITTER_WORDS = _stems(
    "applicant applicants entrant entrants producer producers submitter submitters distributor distributors sender "
    "senders school schools owner owners holder holders company companies agent agents participant participants"
)
_JUROR_PHRASES = re.compile(
    r"\b(?:members? of the (?:\w+\s){0,2}jury|jury members?|members? of (?:each|every|the) panel)\b", re.I
)
_YOU = re.compile(r"\b(?:you|your|yours|yourself|please)\b", re.I)
# An award named in the rule or announced by its lead-in ("The jury will award the following prizes:"): what the
# jury gives, unless the rule is about paying to enter it.
_AWARD = re.compile(r"\b(?:awards?|prizes?|prix|trophy|trophies|mentions?|grand prix)\b", re.I)
# Words that end a subject: a modal or auxiliary, or a common verb of rules in the present or future.
_VERB = re.compile(
    r"\b(?:must|shall|may|might|will|would|can|cannot|can't|could|should|is|are|was|were|has|have|had|does|do|"
    r"needs?|agrees?|receives?|gets?|consists?|appoints?|selects?|awards?|votes?|decides?|reserves?|takes?|"
    r"presents?|invites?|covers?|pays?|accepts?|requires?|evaluates?|chooses?|determines?|gives?|provides?|"
    r"asks?|holds?|includes?|goes|go|serves?|keeps?|sits?)\b",
    re.I,
)
_OPENING = re.compile(
    r"^(?:if|when|where|unless|once|after|before|during|in|for|upon|on|at|by|with|to|as|following|apart|except|"
    r"within|under)\b[^,]{0,120},\s*",
    re.I,
)
_AGENT = re.compile(r"\bby (?:the |a |an |each |every |all )?((?:[\w'’-]+\s){0,3}[\w'’-]+)", re.I)

PROHIBITION = re.compile(
    r"\b(?:must not|mustn't|shall not|may not|cannot|can not|can't|will not be (?:accepted|eligible|allowed|"
    r"permitted)|(?:is|are) not (?:allowed|permitted|eligible|accepted)|not be (?:allowed|permitted)|prohibited|"
    r"forbidden|no (?:[\w,]+\s){0,8}(?:may|can|shall|must|is allowed)|never|refrain from|not to)\b",
    re.I,
)
PERMISSION = re.compile(
    r"\b(?:may|can|(?:is|are) (?:allowed|permitted|entitled|free) to|(?:is|are) entitled|has the right|"
    r"have the right|reserves? the right)\b",
    re.I,
)
OBLIGATION = re.compile(
    r"\b(?:must|shall|(?:is|are) (?:required|obliged|expected|requested|asked) to|has to|have to|need to|needs to|"
    r"should|(?:is|are) responsible|agrees? to|mandatory|compulsory|obligatory|no later than)\b",
    re.I,
)


_NOT_NEEDED = re.compile(
    r"\b(?:do|does|did|need) not need to|\bdon't need to|\bnot (?:required|expected|obliged) to", re.I
)


_MONTH_MAY = re.compile(r"\b\d{1,2}\s+May\b|\bMay\s+\d{1,4}\b")
_CONDITION = re.compile(r"^(?:if|when|where|unless|once|in case|should)\b[^,;:]{0,160},\s*", re.I)


def modality(text: str) -> str:
    """What the rule does: 'prohibition' (must not), 'obligation' (must), 'permission' (may) or 'statement'.

    Read in the main clause: "If you cannot find the driver, call ..." forbids nothing; "1 May 2027" permits
    nothing."""
    text = _NOT_NEEDED.sub(" ", _MONTH_MAY.sub(" ", text))
    text = _CONDITION.sub("", text.strip())
    if PROHIBITION.search(text):
        return "prohibition"
    if OBLIGATION.search(text):
        return "obligation"
    if PERMISSION.search(text):
        return "permission"
    return "statement"


def subject_of(sentence: str) -> str:
    """The words before the main verb, after an opening clause ("If two films tie, the president ..." -> "the
    president"); the first words when no verb is found."""
    text = sentence.strip()
    opened = _OPENING.match(text)
    if opened:
        text = text[opened.end() :]
    verb = _VERB.search(text)
    head = text[: verb.start()] if verb else " ".join(text.split()[:6])
    return head if head.strip() else " ".join(text.split()[:3])


_NAME_RUN = re.compile(r"(?:\b(?:[A-Z][\w'’.-]*|[A-Z]{2,}|\d{4})\b(?:\s+(?:of|de|del|the|and|for|d['’])?\s*)?){2,}")
_EVENTS = frozenset("awards festival festivals academy foundation association institute biennale".split())
_AWARD_NAME = re.compile(r"^(?:best|most|outstanding|grand|special)\b", re.I)


def plain(text: str) -> str:
    """The text with each multi-word name cut to its head noun, so that the words inside a festival's or an award's
    name ("European Film Awards", "Black Nights Film Festival") are not read as roles: "Festival Director" ->
    "Director", "International Student Jury" -> "Jury"; an award's name ("Best Director") becomes "award"."""

    def head(m: re.Match[str]) -> str:
        name = m.group(0).strip()
        toks = name.split()
        while toks and toks[0].lower() in ("the", "a", "an", "of", "and", "for"):
            toks.pop(0)
        if not toks:
            return m.group(0)
        if _AWARD_NAME.match(toks[0]):
            return " award "
        last = toks[-1]
        if last.lower() in _EVENTS:  # "the European Film Awards", "the Film Academy": the event or body, not a prize
            return " festival "
        return f" {last} " if not last.isdigit() else " "

    return _NAME_RUN.sub(head, text)


def _roles(text: str) -> dict[str, float]:
    stems = [stem(w) for w in words(plain(text))]
    out = {k: float(sum(s in ROLE_WORDS[k] for s in stems)) for k in KINDS}
    if _JUROR_PHRASES.search(text):
        out["juror"] += 1.0
    return out


_FOR_AWARDS = re.compile(r"\beligible for (?:[\w()'’-]+\s+){0,5}?(?:awards?|prizes?)\b", re.I)


def _actions(text: str) -> dict[str, float]:
    found = {w for w in words(plain(text))}
    found |= {_form(w) for w in found}
    out = {k: float(min(3, len(found & ACTION_WORDS[k]))) for k in KINDS}
    if _FOR_AWARDS.search(text):  # eligible for awards: a limit on the jury's awards, not a film's eligibility
        out["film"] = max(0.0, out["film"] - 1)
        out["juror"] += 1
    return out


@dataclass
class Evidence:
    """The scores of one rule for each addressee and what they rest on (for an organiser asking 'why here?')."""

    scores: dict[str, float]
    reasons: list[str] = field(default_factory=list)
    you: bool = False
    office: float = 0.0  # evidence that the festival office is the subject: it goes to the document's reader

    @property
    def kind(self) -> str:
        return max(KINDS, key=lambda k: (self.scores[k], -KINDS.index(k)))


def grammar_evidence(text: str, lead: str = "", heading: str = "") -> Evidence:
    """Role and action evidence from the words alone (no vectors, no document context)."""
    w = study_data()["addressee"]
    scores = dict.fromkeys(KINDS, 0.0)
    reasons: list[str] = []
    none = dict.fromkeys(KINDS, 0.0)
    bare = plain(text)
    in_subject = _roles(subject_of(bare))
    agent_match = _AGENT.search(bare)
    agent = _roles(agent_match.group(1)) if agent_match else none
    everywhere = _roles(bare)
    acts = _actions(bare)
    lead_subject = _roles(subject_of(plain(lead))) if lead else none
    lead_acts = _actions(lead) if lead else none
    in_heading = _roles(heading) if heading else none
    heading_acts = _actions(heading) if heading else none
    for k in KINDS:
        # Films are named in nearly every festival rule: a film counts as the subject of the rule or its lead-in,
        # never as a mere mention (in the rule or its heading).
        mentioned = 0.0 if k == "film" else max(0.0, everywhere[k] - in_subject[k])
        named_in_heading = 0.0 if k == "film" else in_heading[k]
        parts = {
            "subject": w["subject"] * min(1.0, in_subject[k]),
            "agent": w["agent"] * min(1.0, agent[k]),
            "mention": w["mention"] * min(2.0, mentioned),
            "action": w["action"] * acts[k],
            "lead": w["lead"] * min(1.0, lead_subject[k] + 0.5 * lead_acts[k]),
            "heading": w["heading"] * min(1.0, named_in_heading + 0.5 * heading_acts[k]),
        }
        scores[k] = sum(parts.values())
        reasons += [f"{k}:{name}" for name, value in parts.items() if value]
    office = w["subject"] * min(1.0, float(sum(stem(x) in OFFICE_WORDS for x in words(subject_of(bare)))))
    if office and in_subject["entrant"] <= 1:  # the office alone is the subject: move that evidence to the reader
        scores["entrant"] -= office
    if (
        (_AWARD.search(bare) or (lead and _AWARD.search(plain(lead))))
        and not acts["entrant"]
        and not lead_acts["entrant"]
    ):
        scores["juror"] += w["award"]
        reasons.append("juror:award")
    return Evidence(scores, reasons, bool(_YOU.search(text)), office if in_subject["entrant"] <= 1 else 0.0)


@lru_cache(maxsize=4)
def _prototype_texts() -> tuple[tuple[str, tuple[str, ...]], ...]:
    protos = study_data()["addressee_prototypes"]
    return tuple((k, tuple(protos[k])) for k in KINDS)


def meaning_scores(vectors: np.ndarray, prototype_vectors: dict[str, np.ndarray]) -> np.ndarray:
    """(n, 3): each sentence's best cosine to each addressee's prototypes, minus its mean over the three."""
    if len(vectors) == 0:
        return np.zeros((0, len(KINDS)), dtype=np.float32)
    sims = np.stack([(vectors @ prototype_vectors[k].T).max(axis=1) for k in KINDS], axis=1)
    return sims - sims.mean(axis=1, keepdims=True)


@dataclass(frozen=True)
class RuleText:
    """What the classifier reads of one rule: its words, its list lead-in, its heading and its document."""

    text: str
    lead: str = ""
    heading: str = ""
    document: str = ""


class AddresseeClassifier:
    """Classifies rules in bulk, document by document (a document's other rules tell who its 'you' is).

    `encode`: the embedding function (list of texts -> unit vectors); `vectors`, when given, are the rules' own
    vectors made at ingest, so only the prototypes are encoded here."""

    def __init__(self, encode: Any) -> None:
        self.encode = encode
        self._prototypes: dict[str, np.ndarray] | None = None

    def prototypes(self) -> dict[str, np.ndarray]:
        if self._prototypes is None:
            self._prototypes = {
                k: np.asarray(self.encode(list(texts)), dtype=np.float32) for k, texts in _prototype_texts()
            }
        return self._prototypes

    def classify(self, rules: Sequence[RuleText], vectors: np.ndarray | None = None) -> list[Evidence]:
        w = study_data()["addressee"]
        if vectors is None:
            vectors = (
                np.asarray(self.encode([r.text for r in rules]), dtype=np.float32)
                if rules
                else np.zeros((0, 1), dtype=np.float32)
            )
        meaning = meaning_scores(vectors, self.prototypes()) if len(rules) else np.zeros((0, len(KINDS)))
        found = [grammar_evidence(r.text, r.lead, r.heading) for r in rules]
        for ev, row in zip(found, meaning, strict=True):
            # A rule is about the films only when the words say so (a film as the subject, or a film's property):
            # nearly every festival sentence is close in meaning to "films", so meaning alone never makes one.
            film_said = ev.scores["film"] > 0
            for i, k in enumerate(KINDS):
                ev.scores[k] += w["meaning"] * float(row[i])
            if not film_said:
                ev.scores["film"] = min(ev.scores["film"], -1.0)
        # Who the document speaks to: the share of its rules that are the jury's, the films' or the entrants'.
        by_doc: dict[str, list[int]] = {}
        for i, r in enumerate(rules):
            by_doc.setdefault(r.document, []).append(i)
        for members in by_doc.values():
            counts = dict.fromkeys(KINDS, 0.0)
            for i in members:
                counts[found[i].kind] += 1.0
            total = sum(counts.values()) or 1.0
            share = {k: counts[k] / total for k in KINDS}
            # "You" is the jury in a document that names jurors more often than those who enter films.
            named = [stem(x) for r in (rules[i] for i in members) for x in words(plain(r.text))]
            jurors = sum(x in ROLE_WORDS["juror"] for x in named)
            entrants = sum(x in SUBMITTER_WORDS for x in named)
            reader = "juror" if jurors >= max(2, entrants) else "entrant"
            share[reader] = max(share[reader], 0.5)
            for i in members:
                ev = found[i]
                for k in KINDS:
                    ev.scores[k] += w["document"] * share[k]
                ev.scores[reader] += ev.office
                if ev.you:
                    ev.scores[reader] += w["you"] * share[reader]
                    ev.reasons.append(f"{reader}:you")
        return found


def addressee_of(text: str, encode: Any, lead: str = "", heading: str = "") -> str:
    """One rule's addressee (for a single sentence; documents are classified in bulk by `AddresseeClassifier`)."""
    return AddresseeClassifier(encode).classify([RuleText(text, lead, heading)])[0].kind


def shares(kinds: Iterable[str]) -> dict[str, float]:
    seen = list(kinds)
    return {k: (seen.count(k) / len(seen) if seen else 0.0) for k in KINDS}
