"""Festivals as a unit: which documents belong to one festival or body, and which edition each one is.

Built on the library's scope index (`assistant.answers.scope`), not on a second identity matcher: a document whose
manifest names its festival (CLI `--festival`, the Library page, or a "Festival:" line in the document) belongs
to that festival, and explicit names win; a document that names none joins the festival of the documents the
scope index groups it with (only documents that name the same body), or forms its own.

A group without a festival setting is called by what its documents say about themselves (`festival_name`): the
bodies their titles name that their text also writes, a festival before an academy, guild or awards, before a
single award or prize, before the institution that hosts it; failing those, the head of a title, without "Rules
of the ...", emoji or a trailing explanation. A name made only of words of the trade ("Annual International Short
Film Festival") is completed from the documents' own text ("Kestrel Bay Annual International Short Film
Festival") or by the body that issues them ("Student Film Festival (Cedar Hollow Unified School District)"). The
initials the documents use for it ("VIFF") are shown beside the name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.answers.names import GENERIC, INSTITUTION, body_names, join_titles, proper_words, tokens
from assistant.answers.scope import DocumentProfile, ScopeIndex
from assistant.errors import FestivalNotFound
from assistant.library.store import DocumentRecord
from assistant.text import stem

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_WORD = re.compile(r"[^\W_][\w'’.-]*")


@dataclass(frozen=True)
class Festival:
    """One festival or body: its name, the editions its documents are of, and the documents."""

    key: str  # a slug for URLs and the command line: "harbour-lights-film-festival"
    name: str
    editions: tuple[str, ...]
    sources: tuple[str, ...]
    explicit: bool  # the name comes from the documents' festival setting, not from their titles
    initials: str = ""  # the initials its documents use for it ("VIFF"), when they do

    @property
    def label(self) -> str:
        """ "Harbour Lights Film Festival (2024)", "Valmora International Film Festival (VIFF, 2024)": the name,
        its initials and its editions, for a selector."""
        extra = ([self.initials] if self.initials else []) + list(self.editions)
        return f"{self.name} ({', '.join(extra)})" if extra else self.name

    def filters(self) -> dict[str, list[str]]:
        """The retrieval filter that confines a question to this festival's documents."""
        return {"source": list(self.sources)}


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "festival"


def clean_name(label: str) -> str:
    """A festival's name without what follows its head noun: "Black Nights Film Festival Regulations" ->
    "Black Nights Film Festival"; a name with no such noun ("Jury Regulations") stays as it is."""
    words = _WORD.findall(label)
    for i, word in enumerate(words):
        if i > 0 and stem(word.lower().strip(".")) in INSTITUTION:
            return " ".join(words[: i + 1])
    return label.strip()


def document_edition(record: DocumentRecord) -> str:
    """The edition a document is of: its explicit edition, else the year its title, file name or header gives."""
    if record.edition:
        return record.edition
    for text in (record.title, record.source, record.header):
        years = _YEAR.findall(text or "")
        if years:
            return max(years)
    return ""


def build_festivals(records: Sequence[DocumentRecord], index: ScopeIndex) -> list[Festival]:
    """The library's festivals, largest first, then by name."""
    by_source = {r.source: r for r in records}
    profiles = {p.source: p for p in index.profiles}
    explicit: dict[str, str] = {}  # source -> explicit festival name (case and spacing as most often written)
    spelled: dict[str, Counter[str]] = {}
    for r in records:
        name = " ".join(r.festival.split())
        if name:
            key = slug(name)
            explicit[r.source] = key
            spelled.setdefault(key, Counter())[name] += 1
    members: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    initials: dict[str, str] = {}
    for source in by_source:
        if source in explicit:
            key = explicit[source]
            names[key] = spelled[key].most_common(1)[0][0]
        else:
            group = index.groups.get(source, {source})
            named = Counter(explicit[s] for s in group if s in explicit)
            if named:
                key = named.most_common(1)[0][0]
                names[key] = spelled[key].most_common(1)[0][0]
            else:
                name, short = festival_name([profiles[s] for s in sorted(group) if s in profiles], by_source[source])
                key = f"~{slug(name)}"
                names.setdefault(key, name)
                initials.setdefault(key, short)
        members.setdefault(key, set()).add(source)
    out = []
    used: set[str] = set()
    for key, sources in members.items():
        base = slug(names[key])
        unique = base
        n = 2
        while unique in used:
            unique = f"{base}-{n}"
            n += 1
        used.add(unique)
        editions = sorted({e for s in sources if (e := document_edition(by_source[s]))})
        out.append(
            Festival(
                unique,
                names[key],
                tuple(editions),
                tuple(sorted(sources)),
                not key.startswith("~"),
                initials.get(key, ""),
            )
        )
    return sorted(out, key=lambda f: (-len(f.sources), f.name.lower()))


def find_festival(festivals: Sequence[Festival], text: str) -> Festival:
    """The festival a user names: its key, its name, or words of its name ("black nights"); FestivalNotFound, naming
    the library's festivals, when none or several match."""
    wanted = text.strip()
    if not wanted:
        raise FestivalNotFound("no festival named; give one of: " + _listing(festivals))
    key = slug(wanted)
    for match in (
        lambda f: f.key == key,
        lambda f: slug(f.name) == key,
        lambda f: slug(f.label) == key,
    ):
        found = [f for f in festivals if match(f)]
        if len(found) == 1:
            return found[0]
    found = [f for f in festivals if f.initials and f.initials.lower() == wanted.lower()]
    if len(found) == 1:
        return found[0]
    words = set(key.split("-"))
    found = [f for f in festivals if words <= set(slug(f.name).split("-")) | set(f.editions) | {f.initials.lower()}]
    if not found:
        found = [f for f in festivals if any(key in slug(s) for s in f.sources)]
    if len(found) == 1:
        return found[0]
    if found:
        raise FestivalNotFound(f"{text!r} matches several festivals ({_listing(found)}); give more of the name")
    raise FestivalNotFound(f"no festival {text!r} in the library; festivals: {_listing(festivals)}")


def _listing(festivals: Iterable[Festival]) -> str:
    labels = [f"{f.name} [{f.key}]" for f in festivals]
    return join_titles(labels, limit=12) or "(the library is empty)"


# ---------------------------------------------------------------- a readable name for a group of documents

# The kinds of body a document may speak for, best first: the festival, then the academy, guild or awards that run
# one, then a single award or prize, then a contest or challenge, then the institution that hosts it.
_RANKS = (
    ("festival", "festivals", "fest", "biennale", "berlinale"),
    ("awards", "academy", "guild", "circle", "society", "association", "federation", "union", "foundation"),
    ("contest", "competition", "challenge", "project", "showcase", "marathon"),
    ("award", "prize", "prix", "oscar", "oscars", "globe", "globes"),
    (
        "institute",
        "council",
        "university",
        "college",
        "school",
        "district",
        "corporation",
        "company",
        "centre",
        "center",
        "network",
        "club",
        "department",
        "ministry",
    ),
)
# Words that describe a festival without naming it: a name made of these and words of the trade names nobody.
_DESCRIBES = frozenset(
    stem(w)
    for w in "student students youth children kids school schools independent regional local open community new "
    "public global".split()
)
_LEADING = re.compile(
    r"^(?:(?:the\s+)?(?:official\s+)?(?:regulations?|rules?|guidelines?|statutes?|terms(?:\s+and\s+conditions)?|"
    r"conditions|faqs?|frequently asked questions|call for entries|code of conduct|jury regulations|"
    r"judging rules|entry rules|submission rules)(?:\s*(?:of|for|and))?(?:\s+the)?\s+|faq\s*[—–:-]\s*)",
    re.I,
)
_SEPARATOR = re.compile(r"\s+[—–|]\s+|\s+-\s+|\s*\|\s*|:\s+")
_SYMBOLS = re.compile(r"[^\w\s&'’.,()—–|:/-]", re.UNICODE)
_INITIALS = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")


def _rank(name: str) -> int:
    words = [w.lower().strip(".,") for w in name.split()]
    for rank, heads in enumerate(_RANKS):
        if any(w in heads for w in words):
            return rank
    return len(_RANKS)


def _tidy(text: str) -> str:
    """A title or label as a name: no emoji or symbols, no "Regulations of the ...", no trailing explanation."""
    text = _SYMBOLS.sub(" ", text)
    text = " ".join(text.split())
    text = _LEADING.sub("", text)
    parts = [p.strip(" ,.;") for p in _SEPARATOR.split(text) if p.strip(" ,.;")]
    named = [p for p in parts if _distinct(_head(p)) or _rank(p) < len(_RANKS)]
    first = named[0] if named else (parts[0] if parts else text)
    return _head(first)


def _head(text: str) -> str:
    """A name without what follows it: a bracket, a comma, a year or an edition."""
    text = re.split(r"\s*[(,]\s*", text, maxsplit=1)[0]
    text = re.sub(r"\s+(?:19|20)\d\d\b.*$", "", text)
    text = _LEADING.sub("", text)
    text = re.sub(r"^(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)", "", text, flags=re.I)
    return clean_name(text.strip(" .,:;-–—"))


def _distinct(name: str) -> bool:
    """Does the name have a word of its own (not a word of the trade, a description or a number)?"""
    return any(w not in GENERIC and w not in _DESCRIBES and not w.isdigit() and len(w) > 1 for w in tokens(name))


def _issuer(title: str, name: str) -> str:
    """The body a title says issues the documents ("... (Cedar Hollow Unified School District, 2025)")."""
    for part in re.split(r"\s*[(),;]\s*|\s+[—–|]\s+", title):
        part = _SYMBOLS.sub(" ", part).strip(" .:-")
        words = part.split()
        if (
            1 <= len(words) <= 7
            and part[:1].isupper()
            and not re.search(r"\d", part)
            and part.lower() not in name.lower()
            and _rank(part) == len(_RANKS) - 1
        ):
            return part
    return ""


def _completed(name: str, texts: list[str]) -> str:
    """A name made of words of the trade, completed from the documents' text: the longest capitalised run that
    ends with it ("The 12th Kestrel Bay Annual International Short Film Festival" -> "Kestrel Bay Annual ...")."""
    pattern = re.compile(r"((?:(?-i:[A-Z])[\w'’.&-]*\s+){1,6})" + r"\s+".join(re.escape(w) for w in name.split()), re.I)
    best = ""
    for text in texts:
        for m in pattern.finditer(text):
            words = m.group(1).split()
            while words and (words[0].lower() in ("the", "a", "an", "our") or re.match(r"\d", words[0])):
                words.pop(0)
            if words and not words[-1][:1].isupper():
                continue
            candidate = " ".join([*words, *m.group(0).split()[len(m.group(1).split()) :]])
            if _distinct(candidate) and len(candidate) > len(best):
                best = candidate
    return best


def _initials_of(name: str, texts: list[str]) -> str:
    """The initials the documents use for the name ("VIFF", "KBISFF"): capitals whose letters follow the initials
    of the name's words, in order, starting with its first."""
    initials = [w[0].upper() for w in name.split() if w[:1].isalpha() and w.lower() not in ("of", "and", "the", "for")]
    if len(initials) < 2:
        return ""
    found: Counter[str] = Counter()
    for text in texts:
        for token in _INITIALS.findall(text):
            if len(token) < 3 or token[0] != initials[0] or token == "".join(initials[:1]):
                continue
            it = iter(initials)
            if all(letter in it for letter in token):
                found[token] += 1
    return found.most_common(1)[0][0] if found else ""


def festival_name(profiles: Sequence[DocumentProfile], record: DocumentRecord) -> tuple[str, str]:
    """(name, initials) of a group of documents with no festival setting, from what they say about themselves."""
    texts = [p.text for p in profiles] + [p.title for p in profiles]
    written = proper_words(texts)
    candidates: list[tuple[int, int, str]] = []  # (rank, order, name)
    for order, profile in enumerate(profiles):
        for body in body_names(profile.title):
            if all(w in written for w in body.core) and _distinct(body.text):
                candidates.append((_rank(body.text), order, _head(body.text)))
        if profile.label:
            label = _tidy(profile.label)
            if label:
                candidates.append((_rank(label), order, label))
        head = _tidy(profile.title)
        if head and head != profile.title:
            candidates.append((min(_rank(head), len(_RANKS) - 2), order, head))
    if not candidates:
        candidates.append((len(_RANKS), 0, _tidy(record.title or record.source) or record.source))
    usable = [c for c in candidates if c[2]]
    counts = Counter(name for _, _, name in usable)
    rank, _, name = min(usable, key=lambda c: (c[0], -counts[c[2]], not _distinct(c[2]), c[1], len(c[2])))
    if not _distinct(name):
        fuller = _completed(name, texts)
        if fuller:
            name = fuller
        else:
            issuer = next((i for p in profiles if (i := _issuer(p.title, name))), "")
            if issuer:
                name = f"{issuer} {name}"
    return name, _initials_of(name, texts)
