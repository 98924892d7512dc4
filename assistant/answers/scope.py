"""Which documents a question is about: the festival, award, body or edition it names.

A library often holds several festivals' rules side by side. When a question names one ("At Harbour Lights, ...",
"the Northern Dunes competition", "the 2023 Dunes short film rules"), the answer must come from that festival's
documents; when it names one the library does not hold ("the Goya Awards"), the assistant says so instead of
quoting another festival's rule.

A name is found by its shape (capitalised words, with "of", "del", "d'" and the like inside) and matched, in
order, against each document's identity (title, festival, edition, header lines, address, file name) and then
its text, where section and award names live ("Young Talent Award", "Golden Beacon"). A name may be written in
pieces that each match ("Harbour Lights Main Competition"), and generic words of the trade ("Film", "Festival",
"Awards") may be skipped inside a match but never match on their own: "Young Film Awards" is not matched by
"Young Talent" plus "Harbour Film Awards". A festival named only as an example in another's text ("accredited
like other festivals, including Berlin, Cannes and Venice") is not matched by that text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

from assistant.text import STOPWORDS, stem

# Words of the trade that appear in many festivals' names: skipped inside a match, never a match on their own.
GENERIC = frozenset(
    stem(w)
    for w in """film films movie cinema festival festivals fest international award awards prize prizes prix
    competition competitions contest jury juries juror jurors academy best short shorts feature features edition
    editions official section sections programme programmes program programs selection category categories annual
    world national main grand special regulations regulation rules rule statute guidelines terms conditions
    call entries entry submission submissions faq overview page website english the of and for in at on
    director directors actor actors actress actresses screenplay script screenwriter cinematography cinematographer
    performance performances documentary documentaries animation animated music score editing debut jury
    annual year edition th st nd rd january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday""".split()
)
# Head nouns that make a capitalised phrase the name of an institution or event ("the Goya Awards").
INSTITUTION = frozenset(
    stem(w)
    for w in """festival festivals fest award awards academy prize prix guild society association federation
    institute council biennale berlinale oscars oscar globes globe circle union foundation""".split()
)
# The words, as written, that name a kind of body or event rather than a prize ("the X Awards" vs "the X Award").
BODY_KINDS = frozenset(
    "festival festivals fest awards academy guild society association federation institute council biennale "
    "circle union foundation".split()
)
_CONNECTORS = frozenset("of de del della dei des di da do dos du la le les von van der den y e and & for".split())
_FRAME_BEFORE = re.compile(r"(?i)(?:^|[.!?]\s+|,\s*)(?:at|for|in|during|from|under)\s+(?:the\s+)?$")
_FRAME_AFTER = re.compile(
    r"(?i)^\s*(?:'s\s+|’s\s+)?(?:jury|juries|festival|competition|awards?|prize|rules|regulations)\b"
)
_TOKEN = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# "last year's jury", "the winners of the previous edition", "who sat on the jury last year": another edition.
_RELATIVE_EDITION = re.compile(
    r"(?i)\b(last|previous|past|next|coming|upcoming) (year|edition)(?:'s|’s)? (festival|edition|jury|juries|winners?|"
    r"competition|rules|regulations|awards?|ceremony|programme|program|line-?up|films?)\b"
    r"|\b(jury|juries|festival|winners?|competition|edition|ceremony|line-?up|juror|jurors)\b[^?.!]{0,40}\b"
    r"(last|previous|past|next|coming|upcoming) (year|edition)\b"
    r"|\b(won|sat|served|judged|were selected|was selected|were chosen|competed)\b[^?.!]{0,40}\b"
    r"(last|previous|past|next|coming|upcoming) (year|edition)\b"
    r"|\b(the )?(last|previous|next|coming|upcoming) edition\b"
)
_SELF = frozenset(("I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll"))
_QUESTION_OPENERS = frozenset(
    """what when where which who whom whose why how can could may might must shall should will would do does did
    is are was were has have had am if in at on for to from under during and but or so also as i i'm i've i'd
    my our we us you your please tell hi hello ok okay then there their they it its this that these those
    yes no not any some all each every one what's who's where's how's that's it's there's here's let's""".split()
)


@lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    """Case, accents and apostrophes folded; a possessive dropped: "LÜBECK" ~ "lubeck", "d’Oro" ~ "d'oro"."""
    word = unicodedata.normalize("NFKD", word.replace("’", "'"))
    word = "".join(c for c in word if not unicodedata.combining(c)).lower().strip(".'-")
    if word.endswith("'s"):
        word = word[:-2]
    return stem(word) if word.isalpha() else word


def tokens(text: str) -> list[str]:
    return [normalise(t) for t in _TOKEN.findall(text)]


def _capitalised(token: str) -> bool:
    return (
        token[:1].isupper()
        or (token[1:2] in ("'", "’") and token[:1].islower() and token[2:3].isupper())
        or (len(token) > 1 and token.isupper())
    )


@dataclass(frozen=True)
class Name:
    """A capitalised phrase of a question, as written and as normalised tokens."""

    text: str
    words: tuple[str, ...]
    framed: bool  # written where an event or place goes: "At X, ...", "for the X", "the X jury"
    raw: tuple[str, ...] = ()  # the words as written, one for each of `words`

    @property
    def core(self) -> tuple[str, ...]:
        return tuple(w for w in self.words if w not in GENERIC and w not in STOPWORDS and w not in _CONNECTORS)

    @property
    def institution(self) -> bool:
        return bool(set(self.words) & INSTITUTION)


def names_in(question: str, proper: frozenset[str] | set[str] = frozenset()) -> list[Name]:
    """Capitalised phrases of a question, without the capital that merely starts a sentence.

    `proper`: words the library itself writes with a capital inside sentences ("Ellery", "Meridian"); such a word
    opening a question is still a name, while "Apart", "Three" or "What's" opening it are not.
    """
    raw = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(question)]
    out: list[Name] = []
    i = 0
    while i < len(raw):
        word, start, _ = raw[i]
        if not _capitalised(word) or word in _SELF:
            i += 1
            continue
        j = i + 1
        while j < len(raw) and not question[raw[j - 1][2] : raw[j][1]].strip():
            nxt = raw[j][0]
            if _capitalised(nxt) and nxt not in _SELF:
                j += 1
            elif (
                nxt.lower() in _CONNECTORS
                and j + 1 < len(raw)
                and _capitalised(raw[j + 1][0])
                and not question[raw[j][2] : raw[j + 1][1]].strip()
            ):
                j += 2
            else:
                break
        # A capital that only opens a sentence ("Can", "At", "Apart", "What's") is no name.
        while i < j:
            w, s, _ = raw[i]
            low = w.lower().replace("’", "'")
            opens = s == 0 or bool(re.search(r"[.!?:;\"“(]\s*$", question[:s]))
            common = low in _QUESTION_OPENERS or low in STOPWORDS
            if (
                low in _CONNECTORS
                or (opens or low in ("the", "a", "an"))
                and (common or (j - i == 1 and normalise(w) not in proper))
            ):
                i += 1
            else:
                break
        if i < j:
            text = question[raw[i][1] : raw[j - 1][2]]
            kept = [w for w, _, _ in raw[i:j] if w.lower() not in _CONNECTORS]
            words = tuple(normalise(w) for w in kept)
            framed = bool(_FRAME_BEFORE.search(question[: raw[i][1]]) or _FRAME_AFTER.match(question[raw[j - 1][2] :]))
            if words:
                out.append(Name(text, words, framed, tuple(kept)))
        i = max(j, i + 1)
    return out


_OPENS_SENTENCE = re.compile(r"(^|[.!?:;\n]\s*|^\s*[-•]\s*)$")


def proper_words(texts: Iterable[str]) -> set[str]:
    """Words written with a capital inside sentences (not after a full stop): the names a library uses."""
    found: set[str] = set()
    for text in texts:
        for m in _TOKEN.finditer(text):
            word = m.group(0)
            if _capitalised(word) and not _OPENS_SENTENCE.search(text[max(0, m.start() - 3) : m.start()]):
                found.add(normalise(word))
    return found


_NAME_BEFORE = re.compile(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*,\s*$")
_NAME_AFTER = re.compile(r"\s*(?:,|and|or|&)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


_EXAMPLES = re.compile(r"(?i)\b(including|such as|like|e\.g\.|among them|among others|for example|for instance)\W*$")


def _enumerated(text: str, start: int, end: int) -> bool:
    """Is text[start:end] one of three or more names given as examples ("including Berlin, Cannes, Venice")?"""
    others = 0
    before = text[max(0, start - 120) : start]
    while m := _NAME_BEFORE.search(before):
        others += 1
        before = before[: m.start()]
    after = text[end : end + 120]
    while m := _NAME_AFTER.match(after):
        others += 1
        after = after[m.end() :]
    return others >= 2 and bool(_EXAMPLES.search(before.rstrip(" (")))


def _ordered_match(words: Sequence[str], text: Sequence[str], max_gap: int = 3) -> bool:
    """The words occur in this order in the text, with only generic words (at most `max_gap`) between them."""
    if not words:
        return False
    for start, token in enumerate(text):
        if token != words[0]:
            continue
        k, pos, ok = 1, start + 1, True
        while k < len(words) and ok:
            gap = 0
            while pos < len(text) and text[pos] != words[k]:
                if text[pos] not in GENERIC and text[pos] not in STOPWORDS or gap >= max_gap:
                    ok = False
                    break
                gap += 1
                pos += 1
            if pos >= len(text):
                ok = False
            if ok:
                k += 1
                pos += 1
        if ok and k == len(words):
            return True
    return False


@dataclass
class DocumentProfile:
    """What identifies one document (title, festival, edition, header, address, file name) and its text."""

    source: str
    title: str
    identity: list[str]
    body: list[str]
    years: set[str] = field(default_factory=set)
    festival: str = ""
    names: list[tuple[str, ...]] = field(
        default_factory=list
    )  # the names in its identity ("Harbour Lights Film Festival")
    label: str = ""  # what to call its festival or body in a sentence
    text: str = ""  # its passages as written (to tell a name mentioned in passing)
    capitalised: set[str] = field(default_factory=set)  # identity words written with a capital: names, not prose

    def match(self, words: Sequence[str], raw: Sequence[str] = ()) -> str:
        """'identity', 'body' or '' for a name given as normalised words (and as written, `raw`); it may match in
        pieces.

        Generic words never match on their own; left over around pieces that match the document's identity they
        are dropped ("Harbour Lights Grand Prix" is Harbour Lights' Grand Prix), elsewhere they fail the match
        ("Young Film Awards" is not "Young Talent Award"). A left-over word that names a kind of body ("Awards",
        "Academy", "Festival") is dropped only when the document's identity has it too: the "Harbour Film Awards"
        are not the Harbour Lights Film Festival.
        """
        for places in (("identity",), ("identity", "body")):  # the document's own name first
            found = self._pieces(words, places, raw)
            if found:
                return found
        return ""

    def _in_passing(self, piece: Sequence[str]) -> bool:
        """Every mention of the name stands in a list of other names ("recognised like Berlin, Cannes, Karlovy
        Vary and others"): it names another festival in passing, not something of this document's."""
        core = [w for w in piece if w not in GENERIC and w not in STOPWORDS]
        if not core or not self.text:
            return False
        mentions = [m for m in _TOKEN.finditer(self.text) if normalise(m.group(0)) == core[0]]
        return bool(mentions) and all(_enumerated(self.text, m.start(), m.end()) for m in mentions)

    def _pieces(self, words: Sequence[str], places: tuple[str, ...], raw: Sequence[str] = ()) -> str:
        where: list[str] = []
        leftover = False
        i = 0
        while i < len(words):
            found = ""
            for j in range(len(words), i, -1):
                piece = words[i:j]
                if not [w for w in piece if w not in GENERIC and w not in STOPWORDS]:
                    continue
                if _ordered_match(piece, self.identity) and set(piece) & self.capitalised:
                    found, i = "identity", j
                    break
                if "body" in places and _ordered_match(piece, self.body) and not self._in_passing(piece):
                    found, i = "body", j
                    break
            if not found:
                written = raw[i].lower() if i < len(raw) else ""
                if written in BODY_KINDS and words[i] not in self.identity:
                    return ""
                if words[i] in GENERIC or words[i] in STOPWORDS:
                    leftover = True
                    i += 1
                    continue
                return ""
            where.append(found)
        if not where or (leftover and "body" in where):
            return ""
        return "body" if "body" in where else "identity"


@dataclass
class Scope:
    """The documents a question names (none named: empty) and the names it uses that the library lacks."""

    sources: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    year_note: str = ""
    strip: list[str] = field(default_factory=list)  # words that only say which festival (its name, its year)
    edition: str = ""  # an edition the question asks about that the library does not hold ("2026")
    held: str = ""  # the editions the library holds, for saying so

    def topic(self, question: str) -> str:
        """The question without the words that named the festival: once the answer is confined to that festival's
        documents, "Harbour Lights" or "2024" no longer tell its sentences apart and would favour its title lines."""
        if not self.strip:
            return question
        pattern = (
            r"(?<![\w'’])(?:"
            + "|".join(re.escape(w) for w in sorted(set(self.strip), key=len, reverse=True))
            + r")(?![\w'’])"
        )
        topic = re.sub(r"\s{2,}", " ", re.sub(pattern, " ", question, flags=re.I)).strip()
        topic = re.sub(r"\s+([?.!,;:])", r"\1", topic)
        return topic if len(tokens(topic)) >= 3 else question

    @property
    def outside_library(self) -> bool:
        """The question is about a festival, body or edition the library does not hold."""
        return (bool(self.unknown) and not self.sources and not self.names) or bool(self.edition)


class ScopeIndex:
    """Document profiles of one library state; `resolve(question)` gives the question's scope."""

    def __init__(self, profiles: Iterable[DocumentProfile], vocabulary: set[str], proper: set[str]) -> None:
        self.profiles = list(profiles)
        self.vocabulary = vocabulary
        self.proper = frozenset(proper)
        self.groups = _festival_groups(self.profiles)

    @classmethod
    def build(cls, documents: Iterable[tuple[str, str, str, str]], texts: dict[str, list[str]]) -> ScopeIndex:
        """`documents`: (source, title, festival, identity text) per document; `texts`: its passages and headings."""
        profiles = []
        vocabulary: set[str] = set()
        raw_texts: list[str] = []
        for source, title, festival, identity in documents:
            stem_words = PurePath(source).stem.replace("-", " ").replace("_", " ")
            ident = tokens(f"{identity} {stem_words}")
            passages = texts.get(source, [])
            body = tokens(" ".join(passages))
            vocabulary.update(ident)
            vocabulary.update(body)
            raw_texts.append(identity)
            raw_texts.extend(passages)
            names = [n.words for n in names_in(identity, frozenset(tokens(identity))) if n.core]
            profiles.append(
                DocumentProfile(
                    source=source,
                    title=title,
                    identity=ident,
                    body=body,
                    text="\n".join(passages),
                    years=set(_YEAR.findall(f"{identity} {source}")),
                    festival=" ".join(tokens(festival)),
                    names=names,
                    label=festival or _institution_name(title),
                    capitalised={normalise(w) for w in _TOKEN.findall(identity) if _capitalised(w)} - GENERIC,
                )
            )
        return cls(profiles, vocabulary, proper_words(raw_texts))

    def resolve(self, question: str) -> Scope:
        scope = Scope()
        matched: list[set[str]] = []
        named: list[Name] = []
        by_identity: list[Name] = []
        for name in names_in(question, self.proper):
            if not name.core:
                continue  # "Best Film", "Special Jury Prize": names of the trade, not of a festival
            found = {p.source for p in self.profiles if p.match(name.words, name.raw) == "identity"}
            if found:
                by_identity.append(name)
            else:  # an award or section named in a document's text: that festival's documents
                found = {
                    member
                    for p in self.profiles
                    if p.match(name.words, name.raw) == "body"
                    for member in self.groups[p.source]
                }
            if found:
                matched.append(found)
                scope.names.append(name.text)
                named.append(name)
            elif self._names_an_outside_body(name):
                scope.unknown.append(name.text)
        if matched:
            common = set.intersection(*matched)
            chosen = common or set.union(*matched)
            if len(chosen) < len(self.profiles):
                scope.sources = sorted(chosen)
        years = set(_YEAR.findall(question))
        if years and scope.sources:
            dated = [p for p in self.profiles if p.source in scope.sources and p.years]
            same = [p.source for p in dated if p.years & years]
            if same:
                scope.sources = sorted(same)
                scope.strip.extend(sorted(years & {y for p in dated for y in p.years}))
            elif dated:
                held = ", ".join(sorted({y for p in dated for y in p.years}))
                scope.year_note = f"You asked about {', '.join(sorted(years))}; the library holds {held}."
        relative = _RELATIVE_EDITION.search(question)
        if relative and not years:
            pool = [p for p in self.profiles if not scope.sources or p.source in scope.sources]
            editions = sorted({int(y) for p in pool for y in p.years})
            if editions:
                later = any(w in relative.group(0).lower() for w in ("next", "coming", "upcoming"))
                wanted = editions[-1] + 1 if later else editions[-1] - 1
                if wanted not in editions:
                    scope.edition = str(wanted)
                    scope.held = ", ".join(str(y) for y in editions)
        if scope.sources:
            in_scope = [p for p in self.profiles if p.source in scope.sources]
            for name in by_identity:
                # The words of a festival's own name ("Harbour Lights Film Festival"), not an award's or a
                # section's ("Grand Prix", "Board"): those say what the question is about.
                if any(w in p.capitalised for p in in_scope for w in name.core):
                    identity = {w for p in in_scope for w in p.identity}
                    scope.strip.extend(raw for raw, w in zip(name.raw, name.words, strict=True) if w in identity)
        return scope

    def _names_an_outside_body(self, name: Name) -> bool:
        """An unmatched name counts as a festival, award or body the library lacks when it looks like one: it has
        an institution's head noun, or it stands where an event goes ("At X, ...", "the X jury"), or it is a
        multi-word name with words the library never uses."""
        if name.institution or name.framed:
            return True
        unseen = [w for w in name.core if w not in self.vocabulary]
        return len(name.words) >= 2 and bool(unseen)

    def titles(self, sources: Iterable[str]) -> list[str]:
        wanted = set(sources)
        return list(dict.fromkeys(short_title(p.title) for p in self.profiles if p.source in wanted))

    def holdings(self, limit: int = 8) -> str:
        """'A; B; and C': the festivals and bodies of the library, for "the library holds the rules of ..."."""
        seen: set[str] = set()
        labels = []
        for p in self.profiles:
            if p.source not in seen:
                seen |= self.groups[p.source]
                labels.append(p.label)
        return join_titles(labels, limit)


def the(name: str) -> str:
    """ "Goya Awards" -> "the Goya Awards"; a name that has its article, or a single word ("Cannes"), stays."""
    return name if name.lower().startswith("the ") or len(name.split()) < 2 else f"the {name}"


def join_titles(titles: Sequence[str], limit: int = 8) -> str:
    titles = list(dict.fromkeys(titles))
    if not titles:
        return ""
    if len(titles) > limit:
        return "; ".join(titles[:limit]) + f"; and {len(titles) - limit} more"
    return titles[0] if len(titles) == 1 else "; ".join(titles[:-1]) + "; and " + titles[-1]


def _festival_groups(profiles: Sequence[DocumentProfile]) -> dict[str, set[str]]:
    """Documents of one festival or body: the same festival setting, or a name of one's identity found in the
    other's ("Northern Dunes Short Film Festival" in both the rules and the FAQ)."""
    parent = {p.source: p.source for p in profiles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in profiles:
        for b in profiles:
            if a.source >= b.source:
                continue
            same = (a.festival and a.festival == b.festival) or any(
                _ordered_match(n, b.identity) for n in a.names if len([w for w in n if w not in GENERIC]) >= 1
            )
            if same:
                parent[find(a.source)] = find(b.source)
    groups: dict[str, set[str]] = {}
    for p in profiles:
        groups.setdefault(find(p.source), set()).add(p.source)
    return {p.source: groups[find(p.source)] for p in profiles}


def _institution_name(title: str) -> str:
    """The festival or body a title names ("Regulations for the Harbour Film Awards 2006" -> "Harbour Film
    Awards"), preferring a festival; the short title when it names none."""
    found = [n for n in names_in(title, frozenset(tokens(title))) if n.institution and n.core]
    found.sort(key=lambda n: stem("festival") not in n.words)
    return found[0].text if found else short_title(title)


def short_title(title: str, limit: int = 90) -> str:
    """A title without its trailing explanation in brackets, for a line of text."""
    short = re.sub(r"\s*\((?:[^()]|\([^()]*\))*\)\s*$", "", title).strip() or title
    return short if len(short) <= limit else short[: limit - 1].rstrip() + "…"


def identity_text(title: str, festival: str, edition: str, header: str, url: str) -> str:
    """The words that name a document: its title, festival, edition, header lines and web address."""
    address = re.sub(r"https?://|www\.|[/._?=&#:-]+", " ", url)
    return " ".join(x for x in (title, festival, edition, header, address) if x)
