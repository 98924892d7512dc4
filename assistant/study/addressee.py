"""Who a rule is for: you, the juror; the films (what a juror judges against); or entrants and the festival office.

Real regulations speak mostly to entrants (entry forms, fees, shipping, formats) and describe the festival office's
own work; a juror needs the few rules that speak to the jury, then what makes a film eligible. A rule's addressee is
scored from evidence that means the same in any festival's documents:

- grammar: the role named as the sentence's subject ("Jury members must ...", "Films must have been ...", "The
  applicant agrees to ...") or as the agent of a passive ("... is decided by the jury"), roles mentioned elsewhere in
  it, the subject of its list lead-in and the roles its heading names;
- the festival office as the subject (the festival, the organisers, a body named by its own name or initials, "we")
  and "you": whoever the document as a whole speaks to;
- meaning: the similarity of the sentence's vector (made at ingest) to short general prototype sentences of each
  addressee (`assistant/data/study.json`), which carries sentences that name no role at all;
- the document: the share of its rules whose subject is each role, and whom it speaks to (the jury in a document
  that names jurors more often than those who enter films).

Each kind of evidence is one feature with one weight shared by the three addressees (a conditional logit), so a
weight means the same whichever addressee it counts for. The weights are fitted by `scripts/fit_study.py` with
leave-one-festival-out over every hand-labelled library in reach, and kept with their held-out figures in
`assistant/data/study.json`. The only word lists are the roles themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answers.needs import PEOPLE
from assistant.library.embedding import RememberedVectors
from assistant.library.units import clean_display
from assistant.text import stem, words
from assistant.weights import read_data_file

KINDS = ("juror", "film", "entrant")
TITLES = {"juror": "you, the juror", "film": "the films", "entrant": "entrants and the festival office"}
STUDY_FILE = Path(__file__).resolve().parents[1] / "data" / "study.json"
FEATURES = (
    "subject",
    "agent",
    "mention",
    "lead",
    "heading",
    "film_unsaid",
    "meaning",
    "neighbours",
    "document",
    "reader",
    "speaks_to",
    "award",
    "siblings",
    "heading_meaning",
)


@lru_cache(maxsize=2)
def study_data(path: str = str(STUDY_FILE)) -> dict[str, Any]:
    """Study mode's weights and prototype sentences (read once)."""
    return read_data_file(
        path,
        ("addressee", "themes", "addressee_prototypes", "juror_themes"),
        "study data file",
        "restore assistant/data/study.json or re-run scripts/fit_study.py",
    )


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


# Roles, as word stems: who the sentence is about, not a topic.
JURORS = _stems("jury juries juror jurors judge judges panel panels panellist panelist jurymen president presidents")
FILMS = _stems(
    "film films work works feature features short shorts documentary documentaries animation animations movie "
    "movies title titles production productions debut debuts fiction video videos"
)
SUBMITTERS = _stems(
    "applicant applicants entrant entrants producer producers submitter submitters distributor distributors sender "
    "senders school schools owner owners holder holders company companies agent agents participant participants "
    "filmmaker filmmakers author authors team teams contestant contestants representative representatives delegate "
    "delegates delegation guest guests pupil pupils"
)
OFFICE = _stems(
    "festival organiser organisers organizer organizers office staff secretariat management organisation "
    "organization committee committees we"
)
ROLE_WORDS: dict[str, frozenset[str]] = {"juror": JURORS, "film": FILMS, "entrant": SUBMITTERS | OFFICE}

_JUROR_PHRASES = re.compile(
    r"\b(?:members? of the (?:\w+\s){0,2}jury|jury members?|members? of (?:each|every|the) panel)\b", re.I
)
_YOU = re.compile(r"\b(?:you|your|yours|yourself|please)\b", re.I)
# An award named in the rule or announced by its lead-in ("The jury will award the following prizes:").
_AWARD = re.compile(r"\b(?:awards?|prizes?|prix|trophy|trophies|mentions?|grand prix|winners?|runners?-up)\b", re.I)
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
# A body named by its initials ("TIFF", "BSIFF") as the subject: the festival office speaking.
_INITIALS = re.compile(r"\b[A-Z][A-Z0-9.&-]{1,7}\b")
_SHOUTED = frozenset("ALL NO NOT ONLY MUST NOTE AND OR THE A AN OF TO IN ON AT BY FOR ANY EACH EVERY NEW".split())


# Who enters films, whatever the document calls them ("Each student may enter one film", "Teams must register"):
# the subject of entering, submitting, registering or paying.
_ENTERS = re.compile(
    r"^\s*(?:(?:must|shall|may|can|will|should|need to|needs to|has to|have to|is|are)\s+)?(?:not\s+)?(?:also\s+)?"
    r"(?:be\s+)?(?:enter|enters|submit|submits|register|registers|apply|applies|upload|uploads|pay|pays|"
    r"send|sends|deliver|delivers|ship|ships|sign up|signs up)\b",
    re.I,
)


def enters(sentence: str, subject: str) -> bool:
    """Is the subject of the sentence the one who enters films (by what it does, whatever it is called)?"""
    at = sentence.find(subject)
    return at >= 0 and bool(_ENTERS.match(sentence[at + len(subject) :]))


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


def roles(text: str, names: bool = True) -> dict[str, float]:
    """How often each role is named in a text (names cut to their head noun first, unless `names` is False, as for
    a heading in title case): juror, film, entrant (those who enter films) and office (the festival's own staff and
    bodies)."""
    stems = [stem(w) for w in words(plain(text) if names else text)]
    out = {
        "juror": float(sum(s in JURORS for s in stems)),
        "film": float(sum(s in FILMS for s in stems)),
        "entrant": float(sum(s in SUBMITTERS for s in stems)),
        "office": float(sum(s in OFFICE for s in stems)),
    }
    if _JUROR_PHRASES.search(text):
        out["juror"] += 1.0
    return out


# Voting, ranking or scoring: what a jury does, whatever the document calls its members.
_VOTES = re.compile(
    r"\b(?:vote[sd]?|voting|ballots?|rank|ranks|ranked|score|scores|scored|recuse\w*|abstain\w*)\b", re.I
)
# Words for persons that name no role of their own ("members", "voters"): what a document's voters may be called.
_PERSONS = frozenset(stem(w) for w in PEOPLE) - JURORS - FILMS - SUBMITTERS - OFFICE


def persons_voting(rule: RuleText) -> tuple[frozenset[str], bool]:
    """The words for persons in the rule's subject, and whether the rule votes, ranks or scores."""
    sentence = sentence_of(rule.text, rule.lead)
    return frozenset(stem(w) for w in words(subject_of(sentence))) & _PERSONS, bool(_VOTES.search(sentence))


def voter_words(subjects: Iterable[tuple[frozenset[str], bool]]) -> frozenset[str]:
    """The words a document uses for those who vote (an academy's or an association's "members", a prize's
    "voters"): a word for persons in the subject of two or more of its rules that vote, rank or score
    (`persons_voting` of each rule). Its jury, for that document's rules."""
    counts = Counter(w for persons, votes in subjects if votes for w in persons)
    return frozenset(w for w, n in counts.items() if n >= 2)


def names_a_body(subject: str) -> bool:
    """Is the subject a body named by its own name or initials ("TIET reserves ...", "The Old Theater Corporation is
    not responsible ...") rather than a role?"""
    found = roles(subject)
    if found["juror"] or found["film"] or found["entrant"] or _AWARD.search(subject):
        return False  # a role, or an award's name ("Tokyo Sakura Grand Prix")
    letters = [w for w in _INITIALS.findall(subject) if w.strip(".&-") not in _SHOUTED and len(w.strip(".&-")) >= 2]
    if letters and not subject.isupper():
        return True
    return bool(_NAME_RUN.search(subject)) and found["office"] == 0 and not subject.isupper()


def sentence_of(text: str, lead: str = "", heading: str = "") -> str:
    """The rule's own sentence, without the lead-in or heading label its quoted form may open with."""
    for prefix in (clean_display(lead) if lead else "", lead, heading):
        prefix = prefix.strip()
        if prefix and text.startswith(prefix):
            rest = text[len(prefix) :].lstrip(" :-–—")
            if rest:
                return rest
    return text


@dataclass(frozen=True)
class RuleText:
    """What the classifier reads of one rule: its words, its list lead-in, its heading and its document."""

    text: str
    lead: str = ""
    heading: str = ""
    document: str = ""


@dataclass
class Evidence:
    """The scores of one rule for each addressee and what they rest on (for an organiser asking 'why here?')."""

    scores: dict[str, float]
    reasons: list[str] = field(default_factory=list)
    you: bool = False
    office: float = 0.0  # the festival office (or a body by its name) is the subject: it goes to the document's reader
    margin: float = 0.0  # how far the juror's score must lead the others' for the rule to be the juror's

    @property
    def kind(self) -> str:
        others = max(self.scores[k] for k in KINDS if k != "juror")
        if jurors(self.scores["juror"], others, self.margin):
            return "juror"
        return max(KINDS[1:], key=lambda k: (self.scores[k], -KINDS.index(k)))


def jurors(juror: Any, others: Any, margin: float) -> Any:
    """Is a rule the jury's: its juror score within `margin` of the best other addressee's (a negative margin lets it
    trail a little)? One rule for the briefing and for `scripts/fit_study.py`, which fits the margin (scalars or
    arrays)."""
    return juror - others >= margin


def item_features(rule: RuleText) -> tuple[np.ndarray, bool, float, dict[str, float]]:
    """(3 x FEATURES) evidence of one rule from its words alone, whether it says "you", whether the office is its
    subject, and its subject's roles (for the document's shares). `meaning`, `document` and `reader` are filled in
    by the classifier, which sees the rule's vector and its document."""
    sentence = sentence_of(rule.text, rule.lead, rule.heading)
    bare = plain(sentence)
    subject_text = subject_of(sentence)
    acts = bool(_VERB.search(sentence))  # a list item without a verb ("Best Director (EUR 5,000)") has no subject
    subject = roles(subject_text)
    if not (subject["juror"] or subject["office"]) and enters(sentence, subject_text):
        subject["entrant"] = max(subject["entrant"], 1.0)
    agent_match = _AGENT.search(bare)
    agent = roles(agent_match.group(1)) if agent_match else dict.fromkeys(subject, 0.0)
    everywhere = roles(sentence)
    lead = roles(subject_of(rule.lead)) if rule.lead else dict.fromkeys(subject, 0.0)
    heading = roles(rule.heading, names=False) if rule.heading else dict.fromkeys(subject, 0.0)
    x = np.zeros((len(KINDS), len(FEATURES)), dtype=np.float64)
    col = {f: i for i, f in enumerate(FEATURES)}
    for k, kind in enumerate(KINDS):
        x[k, col["subject"]] = min(1.0, subject[kind])
        x[k, col["agent"]] = min(1.0, agent[kind])
        # Films are named in nearly every festival rule: they count as the subject of the rule or its lead-in only.
        x[k, col["mention"]] = 0.0 if kind == "film" else min(2.0, max(0.0, everywhere[kind] - subject[kind]))
        x[k, col["lead"]] = min(1.0, lead[kind])
        x[k, col["heading"]] = 0.0 if kind == "film" else min(1.0, heading[kind])
    film_said = subject["film"] or agent["film"] or lead["film"]
    x[KINDS.index("film"), col["film_unsaid"]] = 0.0 if film_said else -1.0
    office = 1.0 if (subject["office"] or (acts and names_a_body(subject_text))) and not subject["entrant"] else 0.0
    if subject["juror"] or subject["film"]:
        office = 0.0
    # An award the rule names or its lead-in announces is what the jury gives, unless those who enter films or the
    # office are the subject (paying to enter it, the office changing the prize money).
    about_award = _AWARD.search(subject_text) or not acts or (rule.lead and _AWARD.search(plain(rule.lead)))
    if about_award and _AWARD.search(bare + " " + rule.lead) and not (subject["entrant"] or office):
        x[KINDS.index("juror"), col["award"]] = 1.0
    return x, bool(_YOU.search(sentence)), office, subject


def grammar_evidence(text: str, lead: str = "", heading: str = "") -> Evidence:
    """Evidence from the words alone (no vectors, no document context, no prior for any addressee: neither the
    biases nor the fitted margin by which a rule may trail and still go to the jury)."""
    x, you, office, _ = item_features(RuleText(text, lead, heading))
    return _evidence(x, you, office, prior=False)


def _weights() -> tuple[np.ndarray, np.ndarray, float]:
    w = study_data()["addressee"]
    vector = np.array([float(w.get(f, 0.0)) for f in FEATURES])
    bias = np.array([float(w.get(f"bias_{k}", 0.0)) for k in KINDS])
    return vector, bias, float(w.get("juror_margin", 0.0))


def _evidence(x: np.ndarray, you: bool, office: float, prior: bool = True) -> Evidence:
    """`prior`: the fitted biases and juror margin, which lean on what the fit saw; without them, the words alone."""
    vector, bias, margin = _weights()
    scores = x @ vector + (bias if prior else 0.0)
    reasons = [f"{KINDS[k]}:{f}" for k in range(len(KINDS)) for i, f in enumerate(FEATURES) if x[k, i] * vector[i] > 0]
    return Evidence({k: float(scores[i]) for i, k in enumerate(KINDS)}, reasons, you, office, margin if prior else 0.0)


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


class AddresseeClassifier:
    """Classifies rules in bulk, document by document (a document's other rules tell who its 'you' is).

    `encode`: the embedding function (list of texts -> unit vectors); `vectors`, when given, are the rules' own
    vectors made at ingest, so only the prototypes are encoded here."""

    def __init__(self, encode: Any) -> None:
        self.encode = encode
        self._prototypes: dict[str, np.ndarray] | None = None
        self._headings = RememberedVectors(encode)

    def prototypes(self) -> dict[str, np.ndarray]:
        if self._prototypes is None:
            self._prototypes = {
                k: np.asarray(self.encode(list(texts)), dtype=np.float32) for k, texts in _prototype_texts()
            }
        return self._prototypes

    def features(self, rules: Sequence[RuleText], vectors: np.ndarray | None = None) -> np.ndarray:
        """(n, 3, FEATURES): every rule's evidence for each addressee (what `scripts/fit_study.py` fits on)."""
        return self._features(rules, vectors)[0]

    def _features(
        self, rules: Sequence[RuleText], vectors: np.ndarray | None
    ) -> tuple[np.ndarray, list[bool], list[float]]:
        if not rules:
            return np.zeros((0, len(KINDS), len(FEATURES))), [], []
        if vectors is None:
            vectors = np.asarray(self.encode([r.text for r in rules]), dtype=np.float32)
        col = {f: i for i, f in enumerate(FEATURES)}
        found = [item_features(r) for r in rules]
        x = np.stack([f[0] for f in found])
        x[:, :, col["meaning"]] = meaning_scores(vectors, self.prototypes())
        # Who the document speaks to: the share of its rules whose subject is each role, and its reader ("you").
        by_doc: dict[str, list[int]] = {}
        for i, r in enumerate(rules):
            by_doc.setdefault(r.document, []).append(i)
        # The meaning of the heading a rule sits under ("Performance Guidelines", "Voting", "Entry requirements"),
        # against the same prototypes as the rule's own.
        headings = sorted({r.heading for r in rules if r.heading})
        if headings:
            heading_meaning = dict(
                zip(headings, meaning_scores(self._headings.vectors(headings), self.prototypes()), strict=True)
            )
            for i, r in enumerate(rules):
                if r.heading:
                    x[i, :, col["heading_meaning"]] = heading_meaning[r.heading]
        # Who votes, whatever a document calls them: an academy's or an association's "members" are its jury.
        for members in by_doc.values():
            subjects = {i: persons_voting(rules[i]) for i in members}
            voters = voter_words(subjects.values())
            for i in members:
                if voters & subjects[i][0] and not found[i][3]["juror"]:
                    found[i][3]["juror"], found[i][3]["entrant"] = 1.0, 0.0
                    x[i, KINDS.index("juror"), col["subject"]] = 1.0
                    x[i, KINDS.index("entrant"), col["subject"]] = 0.0
        said = x[:, :, col["subject"]] + x[:, :, col["award"]]
        for members in by_doc.values():
            counts = np.array([[min(1.0, found[i][3][k]) for k in KINDS] for i in members]).sum(axis=0)
            share = counts / max(1.0, float(len(members)))
            # A lead-in's roles count once, not once per item it opens ("… the Jury will award the following
            # prizes:" over six prizes is one rule that names the jury, in a document written for entrants).
            named = [roles(sentence_of(rules[i].text, rules[i].lead)) for i in members]
            leads = [roles(lead) for lead in sorted({rules[i].lead for i in members} - {""})]
            jurors = sum(n["juror"] for n in named + leads)
            entrants = sum(max(n["entrant"], found[i][3]["entrant"]) for n, i in zip(named, members, strict=True))
            entrants += sum(n["entrant"] for n in leads)
            reader = KINDS.index("juror") if jurors >= max(2.0, entrants) else KINDS.index("entrant")
            meaning = x[members, :, col["meaning"]]
            for n, i in enumerate(members):
                # Rules come in runs (a list of criteria, a section of content rules): the meaning of the rules
                # around it, in document order.
                near = [m for m in range(max(0, n - 3), min(len(members), n + 4)) if m != n]
                if near:
                    x[i, :, col["neighbours"]] = meaning[near].mean(axis=0)
            # Items of one list share their lead-in and, nearly always, their addressee: each item hears what the
            # others' subjects and awards say.
            by_lead: dict[str, list[int]] = {}
            for i in members:
                if rules[i].lead:
                    by_lead.setdefault(rules[i].lead, []).append(i)
            for group in by_lead.values():
                for i in group:
                    others = [j for j in group if j != i]
                    if others:
                        x[i, :, col["siblings"]] = said[others].mean(axis=0)
            for i in members:
                x[i, :, col["document"]] = share
                # The document's reader: the jury, or those who enter films (whose rules include the films').
                x[i, :, col["speaks_to"]] = [1.0, 1.0, 0.0] if reader == 0 else [0.0, 1.0, 1.0]
                if found[i][1] or found[i][2]:
                    x[i, reader, col["reader"]] = 1.0
        return x, [f[1] for f in found], [f[2] for f in found]

    def classify(self, rules: Sequence[RuleText], vectors: np.ndarray | None = None) -> list[Evidence]:
        x, you, office = self._features(rules, vectors)
        return [_evidence(x[i], you[i], office[i]) for i in range(len(rules))]


def addressee_of(text: str, encode: Any, lead: str = "", heading: str = "") -> str:
    """One rule's addressee (for a single sentence; documents are classified in bulk by `AddresseeClassifier`)."""
    return AddresseeClassifier(encode).classify([RuleText(text, lead, heading)])[0].kind


def shares(kinds: Iterable[str]) -> dict[str, float]:
    seen = list(kinds)
    return {k: (seen.count(k) / len(seen) if seen else 0.0) for k in KINDS}
