"""Which documents a question is about: the festival, award, body or edition it names.

A library often holds several festivals' rules side by side. When a question names one ("At Harbour Lights, ...",
"the Northern Dunes competition", "the 2023 Dunes short film rules"), the answer must come from that festival's
documents; when it names one the library does not hold ("the Goya Awards"), the assistant says so instead of
quoting another festival's rule.

A name is found by its shape (capitalised words, with "of", "del", "d'" inside) and matched, in order, against each
document's identity (title, festival, edition, header lines, address, file name) and then its text, where section
and award names live ("Young Talent Award"). A name may be written in pieces that each match ("Harbour Lights Main
Competition"); words of the trade ("Film", "Awards") may be skipped inside a match but never match on their own:
"Young Film Awards" is not "Young Talent" plus "Harbour Film Awards". A festival named only as an example in
another's text ("including Berlin, Cannes and Venice") is not matched by that text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from assistant.answers.abstention import common_words
from assistant.answers.described import described_festival, festival_words
from assistant.answers.editions import edition_years, relative_edition
from assistant.answers.festival_groups import festival_groups, institution_name, sibling_award
from assistant.answers.festival_names import DESCRIBES, distinct, festival_name, self_names, short_title
from assistant.answers.hosts import site_of
from assistant.answers.matched import called_whole, most_specific
from assistant.answers.names import (
    BODY_KINDS,
    CONNECTORS,
    GENERIC,
    TOKEN,
    YEAR,
    Name,
    acronym,
    body_names,
    capitalised,
    defined_names,
    enumerated,
    followed,
    join_titles,
    name_words,
    names_in,
    normalise,
    ordered_match,
    proper_words,
    tokens,
    truecased,
    writes_whole,
)
from assistant.answers.spelling import hyphenated, words_in_use
from assistant.text import STOPWORDS, file_words, stem


@dataclass
class DocumentProfile:
    """What identifies one document (title, festival, edition, header, address, file name) and its text."""

    source: str
    title: str
    identity: list[str]
    body: list[str]
    years: set[str] = field(default_factory=set)
    festival: str = ""
    names: list[tuple[str, ...]] = field(default_factory=list)  # in its identity: ("Harbour Lights Film Festival")
    label: str = ""  # what to call its festival or body in a sentence
    text: str = ""  # its passages as written (to tell a name mentioned in passing)
    capitalised: set[str] = field(default_factory=set)  # identity words written with a capital: names, not prose
    primary: tuple[str, ...] = ()  # the body it speaks for: its festival setting, or the first body its title names
    own_words: set[str] = field(default_factory=set)  # the words it names itself by: its title, body and initials
    site: str = ""  # the website it was published on
    # the short names it defines for its body, with the names they abbreviate ({"lbiff": "Lanthorne Bay …"})
    aliases: dict[str, str] = field(default_factory=dict)

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

    def whole(self, words: Sequence[str]) -> str:
        """'identity' or 'body' when the whole name, every word of it in order, is this document's own name or a name
        its text uses ("First Feature Competition" in the regulations that hold that competition, not the "First" of
        "The First Taunton Film Festival" with generic words around it); else ''."""
        if not [w for w in words if w not in GENERIC and w not in STOPWORDS]:
            return ""
        return next((place for place in ("identity", "body") if self._holds(words, place)), "")

    def _holds(self, piece: Sequence[str], place: str) -> bool:
        """The words, in order, are in the document's own name (written there with a capital) or in its text (not
        only in passing among other festivals' names)."""
        if place == "identity":
            return ordered_match(piece, self.identity) and bool(set(piece) & self.capitalised)
        return ordered_match(piece, self.body) and not self._in_passing(piece)

    def _in_passing(self, piece: Sequence[str]) -> bool:
        """Every mention of the name stands in a list of other names ("recognised like Berlin, Cannes, Karlovy
        Vary and others"): it names another festival in passing, not something of this document's."""
        core = [w for w in piece if w not in GENERIC and w not in STOPWORDS]
        if not core or not self.text:
            return False
        mentions = [m for m in TOKEN.finditer(self.text) if normalise(m.group(0)) == core[0]]
        return bool(mentions) and all(enumerated(self.text, m.start(), m.end()) for m in mentions)

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
                if self._holds(piece, "identity"):
                    found, i = "identity", j
                    break
                if "body" in places and self._holds(piece, "body"):
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
    strip: list[str] = field(default_factory=list)  # what only says which festival: its name as written, its year
    edition: str = ""  # an edition the question asks about that the library does not hold ("2026")
    held: str = ""  # the editions the library holds, for saying so
    # names only other festivals' documents hold ("the Silver Lantern" asked of a festival that gives none)
    elsewhere: list[str] = field(default_factory=list)
    # a festival the library lacks compared with one it holds ("Does Kestrel Bay have the same rules as Ocean Screen?")
    compared: bool = False

    def topic(self, question: str) -> str:
        """The question without the words that named the festival: once the answer is confined to that festival's
        documents, "Harbour Lights" or "2024" no longer tell its sentences apart and would favour its title lines."""
        if not self.strip:
            return question
        # A name is taken out where it stands, not each of its words wherever it occurs: "How long can a film be
        # at the Black Nights Film Festival?" keeps its first "film".
        phrases = [_BETWEEN_WORDS.join(re.escape(w) for w in re.split(r"[\s-]+", p)) for p in set(self.strip)]
        pattern = r"(?<![\w'’])(?:" + "|".join(sorted(phrases, key=len, reverse=True)) + r")(?![\w'’])"
        topic = re.sub(pattern, lambda m: _unless_inside_name(m, question), question, flags=re.I)
        topic = re.sub(r"\s{2,}", " ", topic).strip()
        topic = re.sub(r"\s+([?.!,;:])", r"\1", topic)
        return topic if len(tokens(topic)) >= 3 else question

    @property
    def outside_library(self) -> bool:
        """The question is about a festival, body or edition the library does not hold."""
        return (bool(self.unknown) and not self.sources and not self.names) or bool(self.edition) or self.compared


def _unless_inside_name(match: re.Match[str], question: str) -> str:
    """A festival's name is taken out, unless it ends a longer name: "the Golden Kestrel" is an award, and "the
    Golden" would name nothing (a capitalised word before it that does not open the sentence)."""
    before = re.search(r"([^\W\d_][\w'’-]*)\s+$", question[: match.start()])
    opens = before is not None and not question[: before.start()].strip(" \"'“‘(")
    if before is not None and before.group(1)[:1].isupper() and not opens and before.group(1).lower() not in _OPENERS:
        return match.group(0)
    return " "


_COMPARES = re.compile(r"(?i)\b(?:the same|same as|similar|different|differ|differs|compared? (?:to|with))\b")
# Capitalised words before a name that do not make it part of a longer one ("I", "At Harbour Lights").
_OPENERS = frozenset("i at in on for from of by to with and or".split())
# Between the words of a name as a question writes it: spaces or a hyphen, and a connector ("Festival of Lights").
_BETWEEN_WORDS = r"(?:[\s\-–]+(?:(?:" + "|".join(re.escape(c) for c in sorted(CONNECTORS)) + r")\s+)?)"


class ScopeIndex:
    """Document profiles of one library state; `resolve(question)` gives the question's scope."""

    def __init__(
        self,
        profiles: Iterable[DocumentProfile],
        vocabulary: set[str],
        proper: set[str],
        names: set[str] | None = None,
        capital_only: set[str] | None = None,
    ) -> None:
        self.profiles = list(profiles)
        self.vocabulary = vocabulary
        self.proper = frozenset(proper)
        # restored as names in a question typed without capitals; "youth" describes a jury, it names nobody
        self.name_words = frozenset(w for w in names or () if stem(w) not in DESCRIBES)
        self.capital_only = frozenset(capital_only or ())  # stems the library only writes with a capital
        self.groups = festival_groups(self.profiles)
        self._by_source = {p.source: p for p in self.profiles}
        self._festival_names: dict[str, tuple[str, str]] = {}
        self._join_alike()

    def _join_alike(self) -> None:
        """Groups that their documents name alike are one festival, as study mode lists them: "PocketFrame" for its
        how-it-works page and for its judges' terms, which define no short name the other uses. A name of words of
        the trade alone ("Jury Regulations") joins nothing."""
        alike: dict[str, set[str]] = {}
        for profile in self.profiles:
            name = self.named(profile.source)[0]
            if distinct(name):
                alike.setdefault(" ".join(tokens(name)), set()).update(self.group(profile.source))
        for members in alike.values():
            for member in members:
                self.groups[member] = members
        self._festival_names.clear()

    @classmethod
    def build(cls, documents: Iterable[tuple[str, str, str, str, str]], texts: dict[str, list[str]]) -> ScopeIndex:
        """`documents`: (source, title, festival, identity text, address); `texts`: their passages and headings."""
        profiles = []
        vocabulary: set[str] = set()
        raw_texts: list[str] = []
        known_initials: set[str] = set()
        prose: list[str] = []
        for source, title, festival, identity, url in documents:
            stem_words = file_words(source)
            ident = tokens(f"{identity} {stem_words}")
            passages = texts.get(source, [])
            body = tokens(" ".join(passages))
            vocabulary.update(ident)
            vocabulary.update(body)
            raw_texts.append(identity)
            raw_texts.extend(passages)
            prose.extend([title, festival, *passages])  # not the address's words: "hiff-film.org" is no "hiff"
            found = [n for n in names_in(identity, frozenset(tokens(identity))) if n.core]
            names = [n.words for n in found]
            aliases = self_names(identity, "\n".join(passages))  # the short names it defines for itself
            bodies = body_names(identity)
            # The body it speaks for: the first its title (else its identity) names whose own words its text also writes
            # as a name ("Lumen Bay", not a title's "Welcome Letter From The Festival"), or whole (on a footer's line).
            written = proper_words(passages)
            own = [b for b in body_names(title) + bodies if set(b.core) <= written or writes_whole(b, passages)]
            # The initials a body goes by ("TIFF", "BSIFF") name it as well as its full name does.
            named = [b for b in bodies if len(b.words) <= 6] + defined_names(aliases, identity)  # ("RCFB")
            # (and of the whole name a body's kind heads: "MCFC", the Marrowfield Circle of Film Critics)
            named += [n for n in found if n.institution and len(n.raw) <= 6]
            initials = [a for a in dict.fromkeys(acronym(b) for b in named) if a]
            # a short name of one word names it as its initials do, as written and as a question's word is read
            initials += sorted({t for a in aliases if " " not in a for t in (a, *tokens(a))} - set(initials))
            known_initials.update(initials)
            profiles.append(
                DocumentProfile(
                    source=source,
                    title=title,
                    identity=ident + initials,
                    body=body,
                    text="\n".join(passages),
                    years=set(YEAR.findall(f"{identity} {source.replace('_', ' ')}")),  # "rules_2025.md"
                    festival=" ".join(tokens(festival)),
                    names=names,
                    label=festival or (own[0].text if own else institution_name(title)),
                    # (initials as written and as a question's word is read: "pciff" is "pcif")
                    capitalised=({normalise(w) for w in TOKEN.findall(identity) if capitalised(w)} | set(initials))
                    | {normalise(i) for i in initials} - GENERIC,
                    primary=tuple(tokens(festival)) if festival else (own[0].words if own else ()),
                    own_words=set(tokens(f"{title} {festival} {' '.join(aliases)}"))
                    | set(initials)
                    | {w for b in own for w in b.words},
                    site=site_of(url),
                    aliases=aliases,
                )
            )
        # Restored in a question typed without capitals: the words of the documents' own names, the body they speak
        # for and the name they go by ("harbourside", "hiff", "riverbend", "moonreel"), never written in lower case; not a
        # word that is only capitalised somewhere ("Producer").
        own_names = {w for p in profiles for w in (*p.primary, *tokens(p.label))}
        anywhere, inside = name_words(prose)
        restored = {w for w in anywhere - common_words() if normalise(w) in own_names or w in known_initials}
        capital_only = {normalise(w) for w in inside - common_words()}
        return cls(profiles, vocabulary, proper_words(raw_texts), restored, capital_only)

    def resolve(self, question: str) -> Scope:
        scope = Scope()
        matched: list[set[str]] = []
        named: list[Name] = []
        by_identity: list[Name] = []
        named_by_identity: list[set[str]] = []
        for name in self._names(question):
            pool = self._holders(name)
            found = most_specific(name, {p.source for p in pool if p.match(name.words, name.raw) == "identity"}, self)
            found = called_whole(question, name, found, self)
            # and its festival's documents that use the name (its jury page), or all when the name is the festival's
            found |= {m for s in found for m in self.group(s) if self._festival_called(name, s) or self._joins(name, m)}
            if found:
                by_identity.append(name)
                named_by_identity.append(found)
            else:  # an award or section named in a document's text: that festival's documents
                in_text = [p for p in pool if p.match(name.words, name.raw) == "body"]
                found = {member for p in in_text for member in self.groups[p.source]}
                if in_text and all(self._own_name(name, p) for p in in_text):
                    # A short name the text calls its own festival by ("Lakeport Indie" in the Lakeport Independent
                    # Film Festival's page): it names the festival, as its full name would, not an award of it.
                    by_identity.append(name)
                    named_by_identity.append(found)
            if found:
                matched.append(found)
                scope.names.append(name.text)
                named.append(name)
            elif self._names_an_outside_body(name) and not self._described(name, question):
                scope.unknown.append(name.text)
        if matched:
            # Names that point to different festivals: the festivals named by their own names, not one whose text
            # merely uses a word of the question ("the Tokyo International Film Festival" and "TV").
            common = set.intersection(*matched)
            chosen = common or set.union(*(named_by_identity or matched))
            if not common and named_by_identity:
                # "the Silver Lantern at Lakeport Indie" when only another festival gives a Silver Lantern: the
                # festival named is asked about a thing its rules never mention.
                scope.elsewhere = [
                    n.text for n, f in zip(named, matched, strict=True) if n not in by_identity and not f & chosen
                ]
            if len(chosen) < len(self.profiles):
                scope.sources = sorted(chosen)
        scope.compared = bool(scope.unknown and scope.sources and _COMPARES.search(question))
        if not scope.sources and not scope.unknown:  # "the dance-on-screen festival": described, not named
            sources, words = described_festival(question, self._festival_words)
            if sources:
                scope.sources, scope.names = sources, [self.festival(sources[0])]
                scope.strip.append(words)
        years = set(YEAR.findall(question))
        # (the festival named may be the whole library: "the Port Cullen jury in 2025" still names one of its editions)
        asked_of = scope.sources or ([p.source for p in self.profiles] if matched else [])
        if years and asked_of:
            dated = [p for p in self.profiles if p.source in asked_of and p.years]
            same = [p.source for p in dated if p.years & years]
            if same:
                scope.sources = sorted(same) if len(same) < len(self.profiles) else scope.sources
                scope.strip.extend(sorted(years & {y for p in dated for y in p.years}))
            elif dated:
                held = ", ".join(sorted({y for p in dated for y in p.years}))
                if edition_years(question) == years:  # "the 2028 edition", "BIEVO 2028": an edition it lacks
                    scope.edition, scope.held = ", ".join(sorted(years)), held
                else:  # "a film finished in 2023", "a member since September 2025": a date, not an edition
                    scope.year_note = f"You asked about {', '.join(sorted(years))}; the library holds {held}."
        if step := 0 if years else relative_edition(question):
            pool = [p for p in self.profiles if not scope.sources or p.source in scope.sources]
            if held_years := sorted({int(y) for p in pool for y in p.years}):
                then = [p.source for p in pool if str(held_years[-1] + step) in p.years]
                if not then:
                    scope.edition, scope.held = str(held_years[-1] + step), ", ".join(str(y) for y in held_years)
                elif asked_of and len(then) < len(pool):  # "the same last year?": the edition before, which it holds
                    scope.sources = sorted(then)
        if scope.sources:
            in_scope = [p for p in self.profiles if p.source in scope.sources]
            for name in by_identity:
                # The words a festival names itself by ("Harbour Lights Film Festival"), not an award's ("Grand Prix")
                # or a place in its header ("Accra, Ghana"): those may be what is asked about.
                if any(set(name.core) & p.capitalised or self._own_name(name, p) for p in in_scope):
                    called = {w for p in in_scope for w in (*self._name_words(p.source), *p.primary)}
                    own = called | {w for p in in_scope for w in p.own_words}
                    scope.strip.extend(x for run in name.runs(own) for x in {run, followed(question, run, called)})
        return scope

    def _festival_called(self, name: Name, source: str) -> bool:
        """The name is the one the document's festival goes by, its initials or a short name the document defines for
        it ("hereinafter 'Olvenna Trails'"): it names all of its documents."""
        if any(tokens(alias) == list(name.words) for alias in self._by_source[source].aliases):
            return bool(name.core)
        return bool(name.core) and set(name.core) <= self._name_words(source) and distinct(self.festival(source))

    def _joins(self, name: Name, source: str) -> bool:
        """A document of the festival that uses the name joins the one it names, unless it is a sibling award's."""
        found, own = self._by_source[source].match(name.words, name.raw), set(self._by_source[source].primary)
        sibling = sibling_award(own, self._name_words(source), set(name.core))
        return found == "identity" or self._festival_called(name, source) or (bool(found) and not sibling)

    def _own_name(self, name: Name, profile: DocumentProfile) -> bool:
        """The name is (a short form of) the festival's own: a capitalised word of the document's identity, or only
        words of the name its documents call their festival by ("Little Lantern" of a "Youth Jury Guide" whose text
        names the Little Lantern Children's Film Festival), not an award's ("Golden Lantern")."""
        if set(name.core) & profile.capitalised & set(profile.identity):
            return True
        return bool(name.core) and set(name.core) <= self._name_words(profile.source)

    @cached_property
    def _festival_words(self) -> dict[str, tuple[list[str], frozenset[str]]]:
        return festival_words(self)  # once per library state, not per question

    def _name_words(self, source: str) -> set[str]:
        return set(tokens(" ".join(self.named(source))))

    def _names(self, question: str) -> list[Name]:
        """The question's names; a name no document matches whole is tried in the pieces its connectors join ("the
        Black Star Award for Best African Film": the Black Star Award, of a festival the library holds)."""
        out: list[Name] = []
        question = truecased(hyphenated(question, self.vocabulary), self.name_words, self._unseen, words_in_use(None))
        for name in names_in(question, self.proper):
            if not name.core:
                continue  # "Best Film", "Special Jury Prize": names of the trade, not of a festival
            pieces = re.split(r"\s+(?:for|of|at|in|de|del|di|du)\s+", name.text)
            if len(pieces) > 1 and not any(p.match(name.words, name.raw) for p in self.profiles):
                parts = [n for piece in pieces for n in names_in(piece, self.proper) if n.core]
                if any(p.match(n.words, n.raw) for n in parts for p in self.profiles):
                    out.extend(parts)
                    continue
            out.append(name)
        return out

    def _unseen(self, word: str) -> bool:
        """A word the library only writes with a capital ("asian"), or neither a word of the library nor a common
        English one ("hong", not "several"): in a run before "film awards", a name's word."""
        return word in self.capital_only or (word not in self.vocabulary and word not in common_words())

    def _holders(self, name: Name) -> list[DocumentProfile]:
        """The documents a name may point to: when some hold the whole name ("First Feature Competition"), those and
        the documents of the same body (sharing a word of its own name), not a document that holds only a piece of
        it among generic words (the "First" of "The First Taunton Film Festival")."""
        whole = [p for p in self.profiles if p.whole(name.words)]
        if not whole:
            return self.profiles
        holders = {p.source for p in whole}
        kin = {w for p in whole for w in p.own_words if w not in GENERIC and w not in STOPWORDS and not w.isdigit()}
        return [p for p in self.profiles if p.source in holders or kin & p.own_words]

    def _described(self, name: Name, question: str) -> bool:
        """The juror wrote the name in lower case, in the library's own words ("the editors' guild awards"): a
        description of a body the library may hold, capitalised here only to be matched, never a festival it lacks
        ("sundance", a word no document uses, still is one)."""
        return name.text not in question and all(w in self.vocabulary for w in name.core)

    def _names_an_outside_body(self, name: Name) -> bool:
        """An unmatched name counts as a festival, award or body the library lacks when it looks like one: it has
        an institution's head noun, or it stands where an event goes ("At X, ...", "the X jury"), or it is a
        multi-word name with words the library never uses; not words of the trade and description alone ("the kids
        film festival" describes a festival, it names none)."""
        unseen = [w for w in name.core if w not in self.vocabulary]
        return distinct(name.text) and (name.institution or name.framed or len(name.words) >= 2 and bool(unseen))

    def titles(self, sources: Iterable[str]) -> list[str]:
        wanted = set(sources)
        return list(dict.fromkeys(short_title(p.title) for p in self.profiles if p.source in wanted))

    def profile(self, source: str) -> DocumentProfile:
        return self._by_source[source]

    def group(self, source: str) -> set[str]:
        """The documents of the festival or body a document belongs to (itself alone when the library lacks it)."""
        return self.groups.get(source, {source})

    def named(self, source: str) -> tuple[str, str]:
        """(name, initials) of the festival or body a document belongs to: the organiser's setting, else what the
        documents of its group say about themselves (the name study mode shows too)."""
        if source not in self._festival_names:
            group = sorted(self.group(source))
            members = [p for p in self.profiles if p.source in group]
            explicit = next((p.label for p in members if p.festival), "")
            named = (explicit, "") if explicit else festival_name(members) if members else (source, "")
            for member in group:
                self._festival_names[member] = named
        return self._festival_names[source]

    def festival(self, source: str) -> str:
        return self.named(source)[0]

    def festivals(self, sources: Iterable[str]) -> list[str]:
        """The festivals the documents belong to, each once, in library order."""
        wanted = set(sources)
        return list(dict.fromkeys(self.festival(p.source) for p in self.profiles if p.source in wanted))

    def described(self, sources: Iterable[str]) -> list[str]:
        """What a set of documents is, for a reader: its festivals when it holds each of them whole ("Taunton
        Festival", not the title "Film Festival - Archive"), else the documents' titles ("Juror Code of Conduct")."""
        wanted = set(sources)
        whole = all(self.group(s) <= wanted for s in wanted)
        return self.festivals(wanted) if whole else self.titles(wanted)

    def holdings(self, limit: int = 8) -> str:
        """'A; B; and C': the festivals and bodies of the library, for "the library holds the rules of ..."."""
        return join_titles(self.festivals(p.source for p in self.profiles), limit)
