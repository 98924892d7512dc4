"""The quiz: questions made from the briefing's rule sentences, each graded against the cited rule.

Multiple-choice questions blank one fact of a rule (an amount, a duration, a time, a date, a role or a
defined term) and offer distractors of the same type found elsewhere in the library; true/false questions
show the rule or the rule with one fact changed. A question whose key cannot be found in its cited quote
is dropped, never shown. Misses come back later in the session (`ReviewScheduler`).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant.library.units import clean_display
from assistant.schema import Citation
from assistant.study.addressee import modality
from assistant.study.briefing import APPENDIX_GROUP, DATE, FILM_GROUP, Briefing, BriefingItem, normalise
from assistant.text import STOPWORDS

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
}
_NUM = r"(?:\d+(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
_UNITS = r"minutes?|hours?|days?|weeks?|months?|years?|members?|votes?|jurors?|films?|screenings?|rounds?|words?|points?|seats?|persons?|people|programmes?|programs?"
FACT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "money",
        re.compile(
            r"(?:EUR|USD|GBP|CHF|€|\$|£)\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?|\b\d{1,3}(?:,\d{3})*(?:\.\d+)?\s?(?:euros?|dollars?|pounds)\b"
        ),
    ),
    ("percent", re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b)")),
    ("quantity", re.compile(rf"\b{_NUM}[- ](?:{_UNITS})\b", re.I)),
    ("time", re.compile(r"\b\d{1,2}:\d{2}\b")),
    ("date", DATE),
)
# People's roles, never an organisation's name ("committee", "board", "office" name bodies, and bodies have names).
ROLE_HEADS = (
    "coordinator|director|secretary|president|chair|chairperson|officer|host|organiser|organizer|"
    "manager|projectionist|spokesperson|delegate|administrator"
)
_ROLE = re.compile(rf"\b((?:[A-Za-z][\w'’-]*\s+){{0,2}})({ROLE_HEADS})\b", re.I)
_NOT_ROLE_WORDS = STOPWORDS | {
    "same",
    "new",
    "first",
    "second",
    "third",
    "final",
    "full",
    "every",
    "each",
    "other",
    "its",
    "own",
    "this",
    "that",
    "whose",
    "outside",
    "inside",
    "within",
    "without",
    "during",
    "per",
    "best",
    "most",
    "least",
}


_MODIFIER = re.compile(r"\s+(?!each\b|and\b|or\b|as\b|plus\b|less\b|is\b|was\b|has\b|does\b)[a-z][a-z-]{2,}s\b")


@dataclass(frozen=True)
class Fact:
    text: str
    kind: str  # money, percent, quantity:<unit>, time, date, role, term

    @property
    def family(self) -> str:
        return self.kind


def _unit(text: str) -> str:
    word = re.split(r"[- ]", text.strip())[-1].lower()
    return word[:-1] if word.endswith("s") and word not in ("people",) else word


def _value(text: str) -> str:
    """'three days' and '3 days' are the same answer."""
    out = text.lower()
    for word, n in _NUMBER_WORDS.items():
        out = re.sub(rf"\b{word}\b", str(n), out)
    return re.sub(r"\s+|-", " ", out).rstrip("s")


def facts_in(sentence: str, roles: Iterable[str] = (), terms: Iterable[str] = ()) -> list[Fact]:
    """The quizzable facts of a sentence, in a stable order."""
    out: list[Fact] = []
    spans: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if any(start < e and s < end for s, e in spans):
            return
        spans.append((start, end))
        out.append(Fact(sentence[start:end], kind))

    for kind, pattern in FACT_PATTERNS:
        for m in pattern.finditer(sentence):
            if kind == "quantity" and _MODIFIER.match(sentence[m.end() :]):
                continue  # "three film specialists": the unit is an adjective, the count is of something else
            add(f"quantity:{_unit(m.group(0))}" if kind == "quantity" else kind, m.start(), m.end())
    for role in sorted(roles, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(role)}(?![\w-])", sentence):
            add("role", m.start(), m.end())
    for term in sorted(terms, key=len, reverse=True):
        if len(term.split()) < 2:
            continue  # one-word terms are too easy to guess from grammar alone
        for m in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w-])", sentence, re.I):
            add("term", m.start(), m.end())
    return out


def _magnitude(text: str) -> float | None:
    m = re.search(r"\d+(?:[.,]\d+)*", text)
    if m:
        try:
            return float(m.group(0).replace(",", ""))
        except ValueError:
            return None
    word = re.split(r"[- ]", text.strip().lower())[0]
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else None


def _plausible(key: str, other: str, factor: float = 5.0) -> bool:
    """A distractor of the same order of magnitude as the key: 15 minutes may be confused with 30, not with 2,000."""
    a, b = _magnitude(key), _magnitude(other)
    if a is None or b is None or a <= 0 or b <= 0:
        return True
    return 1 / factor <= b / a <= factor


@dataclass
class FactPools:
    """Every fact of each type found in the library: where distractors come from."""

    by_kind: dict[str, list[str]]
    roles: list[str]
    terms: list[str]
    numbers: list[str]

    @classmethod
    def from_texts(cls, texts: Iterable[str], terms: Iterable[str] = ()) -> FactPools:
        texts = [normalise(t) for t in texts]
        role_counts: Counter[str] = Counter()
        for text in texts:
            for m in _ROLE.finditer(text):
                words = m.group(1).split()
                while words and (words[0].lower() in _NOT_ROLE_WORDS or not words[0][0].isalpha()):
                    words.pop(0)
                keep: list[str] = []
                for w in reversed(words):  # nearest modifiers only, stop at a function word
                    if w.lower() in _NOT_ROLE_WORDS or not w[0].isalpha():
                        break
                    keep.insert(0, w)
                phrase = " ".join([*keep, m.group(2)])
                role_counts[phrase] += 1
        # a role is a phrase the library uses at least twice; prefer the casing it uses most
        # a bare lower-case head ('office', 'staff') is a common noun, not a role
        roles = sorted(
            {p for p, n in role_counts.items() if n >= 2 and len(p) > 3 and (" " in p or p[0].isupper())},
            key=lambda p: (p.lower(), p),
        )
        by_lower: dict[str, str] = {}
        for p in roles:
            best = by_lower.get(p.lower())
            if best is None or role_counts[p] > role_counts[best]:
                by_lower[p.lower()] = p
        roles = sorted(by_lower.values(), key=str.lower)
        terms = sorted({t for t in terms if len(t.split()) >= 2}, key=str.lower)
        by_kind: dict[str, set[str]] = {}
        numbers: set[str] = set()
        for text in texts:
            for fact in facts_in(text):
                by_kind.setdefault(fact.kind, set()).add(fact.text)
                if fact.kind.startswith("quantity:"):
                    numbers.add(re.split(r"[- ]", fact.text)[0])
        return cls({k: sorted(v) for k, v in by_kind.items()}, roles, terms, sorted(numbers))

    def alternatives(self, fact: Fact) -> list[str]:
        """Same-type values from the library that differ from the key."""
        if fact.kind == "role":
            pool = self.roles
        elif fact.kind == "term":
            # a defined term is confused with its neighbours ('absolute' vs 'relative majority'), not with any term
            words = {w for w in re.findall(r"[a-z]+", fact.text.lower()) if w not in STOPWORDS}
            lower = fact.text[:1].islower()
            pool = [
                t[:1].lower() + t[1:] if lower else t
                for t in self.terms
                if words & set(re.findall(r"[a-z]+", t.lower()))
            ]
        else:
            pool = list(self.by_kind.get(fact.kind, []))
            if fact.kind.startswith("quantity:") and len({_value(p) for p in pool} - {_value(fact.text)}) < 3:
                # too few of this unit: other numbers from the library with the key's own unit
                unit_word = re.split(r"[- ]", fact.text)[-1]
                pool = pool + [f"{n} {unit_word}" for n in self.numbers]
        key = _value(fact.text)
        seen: set[str] = set()
        out = []
        for p in pool:
            v = _value(p)
            if v == key or v in seen or p.lower() == fact.text.lower():
                continue
            if fact.kind.startswith("quantity:") and (p != p.lower()) != (fact.text != fact.text.lower()):
                continue  # "11.1 Minutes" from a heading is no answer to "15 minutes"
            if not _plausible(fact.text, p):
                continue
            seen.add(v)
            out.append(p)
        return out


@dataclass
class Question:
    id: str
    kind: str  # "choice" | "true_false"
    theme: str
    theme_title: str
    prompt: str
    statement: str
    choices: list[str]
    answer: str
    key_fact: str
    citation: Citation
    why: str
    fact_kind: str = ""
    context: str = ""  # the rule as the briefing shows it (a list item with its lead-in)
    rule: str = ""  # the rule's stable key (document and words), for progress across sessions and reloads

    def choice_index(self, response: str | int | None) -> int | None:
        """Which choice a response means: an index, '2', 'b', 't'/'f', or the choice's own text."""
        if response is None:
            return None
        if isinstance(response, int):
            return response if 0 <= response < len(self.choices) else None
        text = normalise(str(response)).lower()
        if not text:
            return None
        if text.isdigit():
            n = int(text)
            return n - 1 if 1 <= n <= len(self.choices) else None
        for i, choice in enumerate(self.choices):
            if text == choice.lower():
                return i
        if self.kind in ("true_false", "scenario") and text in ("t", "f", "true", "false", "yes", "no", "y", "n"):
            return 0 if text[0] in "ty" else 1
        letters = "abcdefgh"
        if len(text) == 1 and text in letters[: len(self.choices)]:
            return letters.index(text)
        return None

    def is_correct(self, response: str | int | None) -> bool:
        index = self.choice_index(response)
        return index is not None and self.choices[index] == self.answer

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "theme": self.theme,
            "theme_title": self.theme_title,
            "prompt": self.prompt,
            "statement": self.statement,
            "choices": list(self.choices),
            "answer": self.answer,
            "key_fact": self.key_fact,
            "fact_kind": self.fact_kind,
            "rule": self.rule,
            "why": self.why,
            "citation": self.citation.to_dict() | {"chunk_id": self.citation.chunk_id},
        }


def verify(question: Question, passage_text: str | None = None) -> bool:
    """The key must be in the cited quote, and the quote in the cited passage: otherwise never shown."""
    quote = normalise(question.citation.quote)
    passage = normalise(passage_text if passage_text is not None else question.citation.passage_text)
    if not quote or quote not in passage or normalise(question.key_fact) not in quote:
        return False
    if question.answer not in question.choices or len(set(question.choices)) != len(question.choices):
        return False
    if question.kind == "true_false":
        statement = normalise(question.statement)
        context = normalise(question.context)
        stated = statement in quote or (statement == context and normalise(clean_display(quote)) in context)
        return stated == (question.answer == "True")
    if question.kind == "scenario":
        expected = "No" if modality(question.key_fact) == "prohibition" else "Yes"
        return question.choices == ["Yes", "No"] and question.answer == expected
    return len(question.choices) >= 3 and question.answer == question.key_fact


def _blank(text: str, fact: str) -> str:
    out = re.sub(rf"(?<![\w-]){re.escape(fact)}(?![\w-])", "_____", text, flags=re.I)
    return re.sub(r"\b([Aa])n? _____", r"\1/an _____", out)  # 'an _____' would give the answer away


def _replace(text: str, fact: str, other: str) -> str:
    article = "an" if re.match(r"[aeiouAEIOU]", other) else "a"
    out = re.sub(
        rf"\b([Aa])n? ({re.escape(fact)})(?![\w-])",
        lambda m: f"{article if m.group(1) == 'a' else article.capitalize()} {m.group(2)}",
        text,
    )
    return re.sub(rf"(?<![\w-]){re.escape(fact)}(?![\w-])", lambda _m: other, out, flags=re.I)


def _label(item: BriefingItem) -> str:
    last = item.citation.section.split(" › ")[-1] if item.citation.section else ""
    last = re.sub(r"^(?:(?:article|section|clause)\s+)?\d+(?:\.\d+)*\s*[—–-]?\s*", "", last, flags=re.I).strip()
    return last if last and len(last) <= 60 else ""


def _why(item: BriefingItem) -> str:
    amended = f" This is the rule in force ({item.note})." if item.note else ""
    return f'{item.citation.title}, {item.citation.section or "text"}: "{item.citation.quote}"{amended}'


def question_for(
    item: BriefingItem, fact: Fact, kind: str, pools: FactPools, rng: random.Random, theme_title: str
) -> Question | None:
    """One question about one fact of one rule, or None when no fair question can be made."""
    if fact.text.lower() not in item.text.lower() or names_something(fact.text, item.text):
        return None
    # an alternative already named in the rule would make a muddled question
    alternatives = [a for a in pools.alternatives(fact) if a.lower() not in item.text.lower()]
    ident = hashlib.sha1(f"{item.citation.chunk_id}|{item.text}|{kind}|{fact.text}".encode()).hexdigest()[:12]
    label = _label(item)
    if fact.text.lower() in label.lower():
        label = ""  # the heading would give the answer away
    context = f" ({label})" if label else ""
    common = {"context": item.text, "rule": rule_key(item)}
    if kind == "choice":
        if len(alternatives) < 2:
            return None
        distractors = rng.sample(alternatives, min(3, len(alternatives)))
        choices = [fact.text, *distractors]
        rng.shuffle(choices)
        return Question(
            ident,
            "choice",
            item.theme,
            theme_title,
            f"Fill in the blank{context}: “{_blank(item.text, fact.text)}”",
            item.text,
            choices,
            fact.text,
            fact.text,
            item.citation,
            _why(item),
            fact.kind,
            **common,
        )
    if rng.random() < 0.5 or not alternatives:
        return Question(
            ident,
            "true_false",
            item.theme,
            theme_title,
            f"True or false{context}: “{item.text}”",
            item.text,
            ["True", "False"],
            "True",
            item.text,
            item.citation,
            _why(item),
            fact.kind,
            **common,
        )
    changed = rng.choice(alternatives)
    statement = _replace(item.text, fact.text, changed)
    why = f"The rule says {fact.text}, not {changed}. " + _why(item)
    return Question(
        ident,
        "true_false",
        item.theme,
        theme_title,
        f"True or false{context}: “{statement}”",
        statement,
        ["True", "False"],
        "False",
        fact.text,
        item.citation,
        why,
        fact.kind,
        **common,
    )


def rule_key(item: BriefingItem) -> str:
    """A rule's key that survives reloading its document (passage ids change; the document and words do not)."""
    words = " ".join(re.findall(r"\w+", item.citation.quote.lower()))
    return hashlib.sha1(f"{item.citation.source}|{words}".encode()).hexdigest()[:16]


# ---------------------------------------------------------------- names are never blanked

# Capitalised words that are roles or words of the trade, not names: "the Festival Director", "the Jury".
_ROLE_TITLES = frozenset(
    "festival jury juries juror jurors president director coordinator secretary chair host".split()
)
_ORGANISATION = re.compile(
    r"\b(?:committee|board|office|academy|foundation|association|federation|institute|council|union|society|"
    r"ministry|administration|company|festival|organisation|organization|department|team|circle)s?\b",
    re.I,
)
_CAPITAL = re.compile(r"[A-Z][\w'’.-]*|[A-Z]{2,}")


def names_something(fact: str, sentence: str) -> bool:
    """Would blanking `fact` in `sentence` blank a proper name, an organisation, or part of one? A capitalised word
    that is not a role title, a word standing next to a capitalised name ("Golden Goblet 2017 Award", "the 20th
    Shanghai ..."), or an organisation's head noun all count."""
    head = fact.split()[-1] if fact.split() else ""
    if not re.search(r"\d", fact) and _ORGANISATION.fullmatch(head):  # "the Programming Committee": a body
        return True
    for word in _CAPITAL.findall(fact):
        if word.lower().strip(".") not in _ROLE_TITLES and not re.fullmatch(r"[A-Z]{3}", word):  # EUR, USD: currency
            return True
    tokens = [(m.group(0), m.start()) for m in re.finditer(r"[\w'’.-]+", sentence)]
    for m in re.finditer(rf"(?<![\w-]){re.escape(fact)}(?![\w-])", sentence, re.I):
        inside = [i for i, (_, at) in enumerate(tokens) if m.start() <= at < m.end()]
        if not inside:
            continue
        for j in (inside[0] - 1, inside[-1] + 1):
            if not 0 <= j < len(tokens):
                continue
            word, at = tokens[j]
            between = sentence[at + len(word) : m.start()] if j < inside[0] else sentence[m.end() : at]
            if between.strip():
                continue  # "Locarno: CHF 75,000": punctuation parts the name from the figure
            if not _CAPITAL.fullmatch(word) or word.lower() in STOPWORDS or word.lower() in _ROLE_TITLES:
                continue
            # A capital that opens a sentence ("Arrive 15 minutes early") is no name; before a capitalised fact
            # ("Best Director") it is part of one.
            opens = j == 0 or bool(re.search(r"[.:;!?]\s*$", sentence[:at]))
            if not opens or _CAPITAL.match(fact):
                return True
    return False


# ---------------------------------------------------------------- may I ...? scenarios

_MODAL_SPLIT = re.compile(
    r"^(?P<subject>.+?)\s+(?P<modal>may not|must not|shall not|cannot|can not|can't|are not allowed to|is not allowed to|"
    r"are not permitted to|is not permitted to|may|can|must|shall|are allowed to|is allowed to|are permitted to|"
    r"is permitted to|are required to|is required to|have to|has to)\s+(?P<rest>.+?)[.;]?$",
    re.I,
)
# "Jurors", "Each juror", "No jury member", "Members of the jury", "You": the jurors are the subject.
_JURORS = re.compile(
    r"^(?:(?:the|each|every|all|any|no|a|an)\s+)?(?:(?!a\b|an\b|the\b)\w+\s+){0,2}?"
    r"(?:jurors?|jury members?|members? of the (?:\w+\s){0,2}jury|you)$",
    re.I,
)
_OPENER = re.compile(r"^(?:if|when|where|unless|once|after|before|during|while|until|as soon as|in case)\b", re.I)
_PERSON = re.compile(r"\b(?:jurors?|jury members?|members? of the (?:\w+\s){0,2}jury|you)\b", re.I)
_COLLECTIVE = re.compile(r"^(?:the|each|every|a) (?:\w+\s){0,3}?(?:jury|president|panel)$", re.I)
_HEDGES = re.compile(
    r"\b(?:unless|except|provided|only|but|however|subject to|otherwise|may|must|shall|cannot)\b", re.I
)
_FIRST_PERSON = (
    (r"\bthemselves\b|\bhimself or herself\b|\bherself or himself\b", "myself"),
    (r"\btheir\b|\bhis or her\b|\bher or his\b|\bthe juror's\b|\beach juror's\b", "my"),
    (r"\bthem\b", "me"),
    (r"\bthey\b", "I"),
)


def _first_person(text: str) -> str:
    for pattern, repl in _FIRST_PERSON:
        text = re.sub(pattern, repl, text, flags=re.I)
    return text


def _verb_for_i(word: str) -> str:
    """A third-person verb as 'I' says it: has -> have, is -> am, misses -> miss, declares -> declare."""
    special = {"has": "have", "is": "am", "does": "do", "was": "was"}
    if word in special:
        return special[word]
    if re.search(r"(?:ss|sh|ch|x)es$", word):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def scenario_for(item: BriefingItem, theme_title: str) -> Question | None:
    """ "May I ...?" / "Must I ...?" from a juror's permission, prohibition or obligation, answered Yes or No by the
    rule. None when the rule is not a clean single modal about jurors (hedges, exceptions, two modals)."""
    if item.addressee != "juror" or item.modality not in ("permission", "prohibition", "obligation"):
        return None
    text = clean_display(item.citation.quote) if normalise(item.citation.quote) else ""
    m = _MODAL_SPLIT.match(text)
    if not m:
        return None
    subject, modal, rest = m.group("subject").strip(), m.group("modal"), m.group("rest").strip()
    if _HEDGES.search(rest) or len(rest.split()) < 3 or len(rest.split()) > 30 or modal not in item.citation.quote:
        return None
    if _OPENER.match(subject) or "," in subject or "," in rest:
        return None  # "If the juror cannot return, the screening counts as missed": not "May I return ...?"
    condition = ""
    relative = re.match(
        r"^(?:an?|any|each|every|the) (?:\w+\s){0,2}?(?:juror|jury member|member)s? who (\w+)\s(.+)$", subject, re.I
    )
    if relative:
        condition = f"If I {_verb_for_i(relative.group(1).lower())} {_first_person(relative.group(2))}, "
    elif _COLLECTIVE.match(subject):
        who = subject[0].lower() + subject[1:]
        who = re.sub(r"^(?:each|every|a) ", "the ", who)
        asked = (
            "May" if modal.lower().startswith(("may", "can", "is allowed", "are allowed")) or "not" in modal else "Must"
        )
        prompt = f"{asked} {who} {rest}?"
        return _scenario(item, theme_title, prompt, modal)
    elif not _JURORS.match(subject):
        return None  # the jurors must be who the sentence is about ("The screening a juror must attend is ..." is not)
    if re.match(r"^(?:no|none of the)\b", subject, re.I):  # "No jury member can ...": a prohibition
        key = f"{subject} {modal}"
        return _scenario(item, theme_title, f"{condition}May I {_first_person(rest)}?", key) if key in text else None
    forbidding = modality(modal) == "prohibition"
    if modal.lower() == "can":
        return None  # "You can reach her at ...": information, not a permission to learn
    permitting = modal.lower().startswith(("may", "is allowed", "are allowed", "is permitted", "are permitted"))
    asked = "may I" if forbidding or permitting else "must I"
    question = f"{condition}{asked} {_first_person(rest)}?"
    return _scenario(item, theme_title, question[0].upper() + question[1:], modal)


def _scenario(item: BriefingItem, theme_title: str, prompt: str, modal: str) -> Question:
    answer = "No" if modality(modal) == "prohibition" else "Yes"
    ident = hashlib.sha1(f"{item.citation.chunk_id}|{item.text}|scenario".encode()).hexdigest()[:12]
    return Question(
        ident,
        "scenario",
        item.theme,
        theme_title,
        f"Yes or no: {prompt}",
        prompt,
        ["Yes", "No"],
        answer,
        modal,
        item.citation,
        _why(item),
        "permission",
        context=item.text,
        rule=rule_key(item),
    )


_PRIORITY = {"money": 0, "percent": 0, "quantity": 0, "time": 1, "date": 1, "role": 2, "term": 3}


def build_quiz(
    briefing: Briefing, pools: FactPools, count: int | None = 20, seed: int = 0, themes: Iterable[str] | None = None
) -> list[Question]:
    """`count` verified questions spread over the juror's themes (all possible ones when count is None); same seed,
    same quiz. Questions come from the juror's rules (numbers, actors, terms; "May I ...?" scenarios from what the
    rule permits or forbids), and from the numbers that make a film eligible; never from the entrants' appendix."""
    rng = random.Random(seed)
    wanted = set(themes) if themes else None
    per_theme: dict[str, list[tuple[BriefingItem, Fact | None]]] = {}
    titles = {s.theme.key: s.theme.title for s in briefing.sections}
    for section in briefing.sections:
        if wanted and section.theme.key not in wanted:
            continue
        if section.theme.group == APPENDIX_GROUP:
            continue
        film = section.theme.group == FILM_GROUP
        for item in section.key_items + section.more_items:
            facts = [f for f in facts_in(item.text, pools.roles, pools.terms) if not names_something(f.text, item.text)]
            if film:  # what a juror judges a film against: its numbers (running time, dates)
                facts = [f for f in facts if _PRIORITY[f.kind.split(":")[0]] <= 1]
            elif not item.modal:
                facts = [f for f in facts if _PRIORITY[f.kind.split(":")[0]] <= 1]  # a statement's numbers only
            scenario = None if film else scenario_for(item, titles.get(item.theme, item.theme))
            if scenario is not None and (not facts or rng.random() < 0.5):
                per_theme.setdefault(section.theme.key, []).append((item, None))
                continue
            if not facts:
                continue
            best = min(_PRIORITY[f.kind.split(":")[0]] for f in facts)
            top = [f for f in facts if _PRIORITY[f.kind.split(":")[0]] == best]
            per_theme.setdefault(section.theme.key, []).append((item, rng.choice(top)))
    # the juror's themes first, key items first within a theme, shuffled; then the rest, shuffled
    queues: list[deque[tuple[BriefingItem, Fact | None]]] = []
    for key in sorted(per_theme, key=lambda k: list(titles).index(k)):
        entries = per_theme[key]
        first = [e for e in entries if e[0].key]
        rest = [e for e in entries if not e[0].key]
        rng.shuffle(first)
        rng.shuffle(rest)
        queues.append(deque(first + rest))
    questions: list[Question] = []
    seen: set[str] = set()
    limit = count if count is not None else 10**9
    while queues and len(questions) < limit:
        for queue in list(queues):
            if not queue:
                queues.remove(queue)
                continue
            item, fact = queue.popleft()
            title = titles.get(item.theme, item.theme)
            if fact is None:
                q = scenario_for(item, title)
            else:
                kind = "true_false" if len(questions) % 3 == 2 else "choice"
                q = question_for(item, fact, kind, pools, rng, title)
                if q is None and kind == "choice":
                    q = question_for(item, fact, "true_false", pools, rng, title)
            if q is None or q.id in seen or not verify(q):
                continue
            seen.add(q.id)
            questions.append(q)
            if len(questions) >= limit:
                break
    for n, q in enumerate(questions, start=1):
        q.citation = Citation(**{**q.citation.__dict__, "n": n})
    return questions


# ---------------------------------------------------------------- the session


class ReviewScheduler:
    """Spaced repetition inside one session: a missed question comes back after a few others.

    The first miss returns after `gap` questions, a second miss sooner; a question is retired when
    answered correctly or after `max_reviews` returns.
    """

    def __init__(self, ids: Iterable[str], gap: int = 3, max_reviews: int = 2) -> None:
        self.queue: deque[str] = deque(ids)
        self.gap = gap
        self.max_reviews = max_reviews
        self.misses: Counter[str] = Counter()

    def current(self) -> str | None:
        return self.queue[0] if self.queue else None

    def record(self, qid: str, correct: bool) -> None:
        if qid in self.queue:
            self.queue.remove(qid)
        if correct:
            return
        self.misses[qid] += 1
        if self.misses[qid] <= self.max_reviews:
            position = min(len(self.queue), max(1, self.gap - (self.misses[qid] - 1)))
            self.queue.insert(position, qid)

    def __len__(self) -> int:
        return len(self.queue)


@dataclass
class Grade:
    question: Question
    response: str
    correct: bool
    review: bool

    @property
    def verdict(self) -> str:
        return "Correct" if self.correct else "Not quite"

    @property
    def expected(self) -> str:
        return self.question.answer


@dataclass
class ThemeScore:
    title: str
    correct: int = 0
    answered: int = 0

    @property
    def share(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass
class QuizSession:
    """One juror's run through a quiz: current question, grading, reviews and the score by theme."""

    questions: list[Question]
    gap: int = 3
    scheduler: ReviewScheduler = field(init=False)
    grades: list[Grade] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_id = {q.id: q for q in self.questions}
        self.scheduler = ReviewScheduler([q.id for q in self.questions], gap=self.gap)

    def current(self) -> Question | None:
        qid = self.scheduler.current()
        return self.by_id[qid] if qid else None

    def is_review(self, question: Question) -> bool:
        return any(g.question.id == question.id for g in self.grades)

    def answer(self, response: str | int) -> Grade:
        question = self.current()
        if question is None:
            raise ValueError("the quiz is finished")
        index = question.choice_index(response)
        shown = question.choices[index] if index is not None else str(response)
        grade = Grade(question, shown, question.is_correct(response), self.is_review(question))
        self.grades.append(grade)
        self.scheduler.record(question.id, grade.correct)
        return grade

    @property
    def done(self) -> bool:
        return self.current() is None

    @property
    def first_attempts(self) -> list[Grade]:
        return [g for g in self.grades if not g.review]

    def score(self) -> tuple[int, int]:
        firsts = self.first_attempts
        return sum(g.correct for g in firsts), len(firsts)

    def score_by_theme(self) -> dict[str, ThemeScore]:
        out: dict[str, ThemeScore] = {}
        for g in self.first_attempts:
            s = out.setdefault(g.question.theme, ThemeScore(g.question.theme_title))
            s.answered += 1
            s.correct += int(g.correct)
        return out

    def reread(self, threshold: float = 0.7) -> list[str]:
        """Theme titles whose first-attempt score is below the threshold: what to read again."""
        return [s.title for s in self.score_by_theme().values() if s.answered and s.share < threshold]
