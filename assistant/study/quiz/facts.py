"""Facts a quiz can ask about (sums, dates, times, counts, roles, defined terms) and distractors of the same type
found elsewhere in the library.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.answers.names import TOKEN, capitalised
from assistant.study.sentences import DATE, FINITE, MONEY_SIGN, normalise
from assistant.text import NUMBER_WORDS, STOPWORDS

_NUM = r"(?:\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r")"
_UNITS = (
    r"minutes?|hours?|days?|weeks?|months?|years?|members?|votes?|jurors?|judges?|films?|screenings?|rounds?|words?|"
    r"points?|seats?|persons?|people|programmes?|programs?|awards?|prizes?|mentions?|winners?|runners?-up"
)
FACT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "money",
        re.compile(
            MONEY_SIGN + r"\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?"
            r"|\b\d{1,3}(?:[, ]\d{3})*(?:\.\d+)?\s?(?:(?:US|Swiss|Hong Kong|Canadian|Australian)\s)?"
            r"(?:euros?|dollars?|pounds|francs?|rupees?|Euros?|Dollars?)\b"
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
    for word, n in NUMBER_WORDS.items():
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
    return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else None


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
    proper: frozenset[str] = frozenset()  # words the documents write with a capital inside sentences: names

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
        # Names are what sentences write with a capital: a heading in title case ("Judging Criteria") names nothing.
        prose = [
            line for t in texts for line in t.split("\n") if re.search(r"[.!?]\s*$", line) or len(line.split()) >= 8
        ]
        proper = names_of(prose)
        roles = [r for r in roles if not names_something(r, r, proper)]
        return cls({k: sorted(v) for k, v in by_kind.items()}, roles, terms, sorted(numbers), proper)

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
        if len(out) < 3 and fact.kind.split(":")[0] in ("quantity", "money", "percent"):
            out += [p for p in nearby(fact.text) if _value(p) not in seen and _value(p) != key][: 3 - len(out)]
        return out


def _number_text(value: float, like: str) -> str:
    """A number written the way `like` writes its own: a word ("two"), thousands with commas, or digits."""
    if like.lower() in NUMBER_WORDS and value in NUMBER_WORDS.values() and value <= 12:
        word = next(w for w, n in NUMBER_WORDS.items() if n == value)
        return word.capitalize() if like[:1].isupper() else word
    if "," in like:
        return f"{int(value):,}"
    return str(int(value)) if float(value).is_integer() else str(value)


def nearby(text: str) -> list[str]:
    """Wrong answers of the key's own unit and form, near it: "two Mentions" -> "one Mention", "three Mentions",
    "four Mentions"; "CHF 75,000" -> "CHF 50,000", "CHF 100,000", "CHF 150,000"."""
    m = re.search(rf"\d+(?:,\d{{3}})*(?:\.\d+)?|\b(?:{'|'.join(NUMBER_WORDS)})\b", text, re.I)
    if not m:
        return []
    raw = m.group(0)
    value = float(NUMBER_WORDS[raw.lower()]) if raw.lower() in NUMBER_WORDS else float(raw.replace(",", ""))
    if value <= 12 and value.is_integer():
        others = [value - 1, value + 1, value + 2, value * 2]
    else:
        others = [value / 2, value * 2, value * 1.5, value * 3]
    out = []
    for other in others:
        if other <= 0 or other == value or (value.is_integer() and not float(other).is_integer()):
            continue
        if "%" in text and other > 100:
            continue
        number = _number_text(other, raw)
        variant = text[: m.start()] + number + text[m.end() :]
        if other == 1 and value != 1:  # "one Mention", not "one Mentions"
            variant = (
                re.sub(r"(\w{3,})s\b(?!.*\w{3,}s\b)", r"\1", variant, count=1) if variant.endswith("s") else variant
            )
        out.append(variant)
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------- names are never blanked

_OPENS = re.compile(r"(?:^|[.!?:;\n\"“(]\s*|^\s*[-•*]\s*)$")


def name_form(word: str) -> str:
    return word.lower().replace("’", "'").strip(".'-")


def names_of(texts: Iterable[str]) -> frozenset[str]:
    """Words written with a capital inside sentences, as written (lower-cased, not stemmed: "Judges" is a word the
    rules capitalise, "judging" is not thereby a name)."""
    found: set[str] = set()
    for text in texts:
        for m in TOKEN.finditer(text):
            if capitalised(m.group(0)) and not _OPENS.search(text[max(0, m.start() - 3) : m.start()]):
                found.add(name_form(m.group(0)))
    return frozenset(found)


_ORGANISATION = re.compile(
    r"\b(?:committee|board|office|academy|foundation|association|federation|institute|council|union|society|"
    r"ministry|administration|company|festival|organisation|organization|department|team|circle|guild|district)s?\b",
    re.I,
)
_CAPITAL = re.compile(r"[A-Z][\w'’.-]*|[A-Z]{2,}")


def names_something(fact: str, sentence: str, proper: frozenset[str] | set[str] | None = None) -> bool:
    """Would blanking `fact` in `sentence` blank a proper name, an organisation, or part of one?

    A word of the fact that the documents themselves write with a capital inside a sentence (`proper`, the
    documents' own names: "the Festival Director", "Golden Goblet") is a name; with no documents to ask, any
    capitalised word is. So are an organisation's head noun ("the Programming Committee") and a figure standing
    next to a capitalised name ("the 20th Shanghai ...", "Golden Goblet 2017 Award")."""
    head = fact.split()[-1] if fact.split() else ""
    if not re.search(r"\d", fact) and _ORGANISATION.fullmatch(head):
        return True
    figure = bool(re.search(r"\d", fact))
    counted = re.fullmatch(rf"{_NUM}[- ](?:{_UNITS})", fact, re.I)
    for word in [] if counted else _CAPITAL.findall(fact):  # "two Mentions": a count, its noun no name
        if figure and re.fullmatch(r"[A-Z]{2,3}", word):
            continue  # EUR, USD, CHF, US: a currency beside a sum
        if proper is None or name_form(word) in proper:
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
            if not _CAPITAL.fullmatch(word) or word.lower() in STOPWORDS:
                continue
            if proper is not None and name_form(word) not in proper:
                continue  # a capital that only opens a sentence ("Arrive 15 minutes early")
            # A capital that opens a sentence is no name; before a capitalised fact ("Best Director") it is part of one.
            opens = j == 0 or bool(re.search(r"[.:;!?]\s*$", sentence[:at]))
            if not opens or _CAPITAL.match(fact):
                return True
    return False


# ---------------------------------------------------------------- numbers that are the rule

# A line of a scoring sheet or a table: "Criterion: Story; Weight: 25%", "Technical Merit - Video (10 points)",
# "Storytelling | 30%".
_SHEET = re.compile(
    r"\||\(\s*\d+(?:[.,]\d+)?\s*(?:points?|pts?|marks?|%)\s*\)|(?:^|;\s*)[\w '’-]{1,30}:\s*[^;]{1,60};\s*[\w '’-]{1,30}:"
    r"|\b\d+\s*(?:points?|pts|marks)\b"
    r"|\.{4,}|…{2,}",  # a dotted leader ("Awards ceremony ........ 20 March"): a line of a timetable or a list
    re.I,
)
# What a number counts when it is the rule: the jury's size, its votes and rounds, its awards, its deadlines.
_RULE_UNITS = frozenset("member juror judge vote round award prize mention film screening day hour minute week".split())
_MAJORITY = re.compile(r"\b(?:majority|quorum|votes?|ballots?|members?|two-thirds|half)\b", re.I)


def sheet_row(text: str) -> bool:
    """A row of a table or a scoring sheet ("Criterion: Total; Max points: 100", "Story | 40%", "Craft (30 points)")."""
    return bool(_SHEET.search(text))


def is_sheet_line(text: str) -> bool:
    """A line of a scoring sheet or a table (points, weights, columns), not a sentence that states a rule."""
    sentence = text.rstrip().endswith((".", "!")) and len(text.split()) >= 6
    return sheet_row(text) or not (FINITE.search(text) or sentence)


def number_is_the_rule(fact: Fact, sentence: str, mode: str) -> bool:
    """Is this number what the rule is about (a quorum, a majority, the jury's size, a limit on awards, a deadline),
    rather than a line of a scoring sheet or a detail beside the rule?"""
    if is_sheet_line(sentence):
        return False
    kind = fact.kind.split(":")[0]
    if kind in ("quantity",):
        return fact.kind.split(":")[1] in _RULE_UNITS or mode != "statement"
    if kind == "percent":
        return bool(_MAJORITY.search(sentence))
    if kind in ("date", "time"):
        return mode != "statement" or bool(
            re.search(r"\b(?:deadline|before|by|until|no later|latest)\b", sentence, re.I)
        )
    if kind == "money":  # a limit ("gifts worth more than EUR 25") or what an award carries, not a fee
        return mode != "statement" or bool(re.search(r"\b(?:prize|award|grant|grand prix)\b", sentence, re.I))
    return True
