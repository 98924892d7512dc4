"""A readable name for a festival or body from what its documents say about themselves.

One name for the answer path ("the library holds the rules of …", "the rules you asked about (…)") and for study
mode's festivals: the bodies the documents' titles name that their text also writes, a festival before an academy,
guild or awards, before a single award or prize, before the institution that hosts it; failing those, the head of
a title, without "Rules of the ...", emoji or a trailing explanation. A name made only of words of the trade
("Annual International Short Film Festival") is completed from the documents' own text ("Kestrel Bay Annual
International Short Film Festival") or by the body that issues them ("Student Film Festival (Cedar Hollow Unified
School District)"). The initials the documents use for it ("VIFF") come with the name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.answers.names import (
    GENERIC,
    INSTITUTION,
    body_names,
    lengthens,
    name_words,
    normalise,
    proper_words,
    tokens,
)
from assistant.text import file_words, stem

if TYPE_CHECKING:
    from assistant.answers.scope import DocumentProfile

_WORD = re.compile(r"[^\W_][\w'’.-]*")


def clean_name(label: str) -> str:
    """A festival's name without what follows its head noun: "Black Nights Film Festival Regulations" ->
    "Black Nights Film Festival"; a name with no such noun ("Jury Regulations") stays as it is."""
    words = _WORD.findall(label)
    for i, word in enumerate(words):
        # (a name that goes on after its noun, "International Festival of Virtual Reality … of Port Caldry", is whole)
        goes_on = words[i + 1 : i + 2] == ["of"] and words[i + 2 : i + 3] != [] and words[i + 2][:1].isupper()
        if i > 0 and stem(word.lower().strip(".")) in INSTITUTION and not goes_on:
            return " ".join(words[: i + 1])
    return re.sub(rf"(?i)\s+{_DOCUMENT_KIND}$", "", label.strip()) if len(words) > 2 else label.strip()


# The kinds of body a document may speak for, best first: the festival, then the academy, guild or awards that run
# one, then a single award or prize, then a contest or challenge, then the institution that hosts it.
_RANKS = (
    ("festival", "festivals", "fest", "biennale", "biennial", "berlinale"),
    ("awards", "academy", "guild", "circle", "society", "association", "federation", "union", "foundation"),
    ("contest", "competition", "challenge", "project", "showcase", "marathon", "days", "week"),
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
_KINDS = frozenset(stem(w) for heads in _RANKS for w in heads) - {stem(w) for w in ("berlinale", "oscar", "oscars")}
# Words that describe a festival without naming it: a name made of these and words of the trade names nobody.
DESCRIBES = frozenset(
    stem(w)
    for w in "student students youth children kids school schools independent regional local open community new "
    "public global".split()
)
# What a document is, not whose: "Rules of the …", "Jury Handbook | …", "Judging Guidelines – …".
_DOCUMENT_KIND = (
    # (who the jury or judges are: "Young Jury Handbook", "Volunteer Judges' Handbook")
    r"(?:(?:(?:young|youth|junior|student|children'?s|volunteer|main|international)\s+)?"
    r"(?:jury|judging|judges'?|jurors'?)\s+|(?:entry|submission|voting|competition|official competition)\s+)?"
    r"(?:regulations?|rules?|guidelines?|statutes?|handbook|guide|terms(?:\s+and\s+conditions)?|conditions|faqs?|"
    r"frequently asked questions|call for entries|code of conduct)"
)
_LEADING = re.compile(
    rf"^(?:(?:the\s+)?(?:official\s+)?{_DOCUMENT_KIND}(?:\s*(?:of|for|and))?(?:\s+the)?(?:\s+|$)|faq\s*[—–:-]\s*)",
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


def _tidy(text: str, own: set[str] | None = None, site: str = "") -> str:
    """A title or label as a name: no emoji or symbols, no "Regulations of the ...", no trailing explanation. Of a
    title's parts, the first that names someone, one with a word of the documents' own (`own`, see `_owned`) before
    one without, and one the site's address spells before others ("… | Carrowmere University" at carrowmere.ac.uk)."""
    text = _SYMBOLS.sub(" ", text)
    text = " ".join(text.split())
    text = _LEADING.sub("", text)
    parts = [p.strip(" ,.;") for p in _SEPARATOR.split(text) if p.strip(" ,.;")]
    parts = [p for p in parts if _LEADING.sub("", p).strip(" ,.;")]  # "Jury Handbook | FennAnim 2025": no name
    named = [p for p in parts if distinct(_head(p)) or _rank(p) < len(_RANKS)]
    if own is not None:
        named.sort(key=lambda p: (not _owned(_head(p), own, site), not _owned(_head(p), own)))
    first = named[0] if named else (parts[0] if parts else text)
    return _head(first)


def _owned(name: str, own: set[str], site: str = "") -> bool:
    """Has the name a word the documents never write in lower case ("Carrowmere", not "Assessment and Prize" of
    "Assessment and Prize Rules": "the assessment copy"), and, with `site`, one the site's address spells?"""
    return any(w.lower() in own and (not site or w.lower() in site) for w in _WORD.findall(name))


def _head(text: str) -> str:
    """A name without what follows it: a bracket, a comma, a year or an edition."""
    text = re.split(r"\s*[(,]\s*", text, maxsplit=1)[0]
    text = re.sub(r"\s+(?:19|20)\d\d\b.*$", "", text)
    text = _LEADING.sub("", text)
    text = re.sub(r"^(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)", "", text, flags=re.I)
    return clean_name(text.strip(" .,:;-–—"))


def distinct(name: str) -> bool:
    """Does the name have a word of its own (not a word of the trade, a description, the kind of body or a number)?
    "the Foundation" a text calls its body by for short names nobody."""
    return any(
        w not in GENERIC and w not in DESCRIBES and w not in _KINDS and not w.isdigit() and len(w) > 1
        for w in tokens(name)
    )


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


def _completed(name: str, texts: list[str], written: set[str]) -> str:
    """A name made of words of the trade, completed from the documents' text: the longest capitalised run that
    ends with it ("The 12th Kestrel Bay Annual International Short Film Festival" -> "Kestrel Bay Annual ..."), of
    words the texts write with a capital inside sentences (`written`), not a sentence's first ("How the jury works")."""
    pattern = re.compile(r"((?:(?-i:[A-Z])[\w'’.&-]*\s+){1,6})" + r"\s+".join(re.escape(w) for w in name.split()), re.I)
    best = ""
    for text in texts:
        for m in pattern.finditer(text):
            words = m.group(1).split()
            # (never over a sentence's end: "… every pitch in Tollhus Hall. The jury deliberates …")
            ends = [i for i, w in enumerate(words) if w.endswith(".") and len(w) > 3]
            words = words[ends[-1] + 1 :] if ends else words
            while words and (words[0].lower() in ("the", "a", "an", "our") or re.match(r"\d", words[0])):
                words.pop(0)
            if words and not words[-1][:1].isupper():
                continue
            if any(normalise(w) not in written for w in words):
                continue
            candidate = " ".join([*words, *m.group(0).split()[len(m.group(1).split()) :]])
            if distinct(candidate) and len(candidate) > len(best):
                best = candidate
    return best


def _initialled(word: str) -> bool:
    """Does the word give a name's initials its letter ("Festival", not "of", "and" or "&")?"""
    return word[:1].isalpha() and word.lower() not in ("of", "and", "the", "for")


def _initials_of(name: str, texts: list[str]) -> str:
    """The initials the documents use for the name ("VIFF", "KBISFF"): capitals whose letters follow the initials
    of the name's words, in order, starting with its first."""
    initials = [w[0].upper() for w in name.split() if _initialled(w)]
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
    # (all the name's initials before a few of them: "MIFF" for the Meridale International Film Festival, not the
    # "MFF" of the Meridale Film Foundation that runs it)
    full = "".join(initials)
    return max(found, key=lambda token: (token == full, found[token]), default="")


_CATEGORY = re.compile(r"\s+for\s+(?:the\s+)?(?:Best|Outstanding|Most)\b")


def _continued(name: str, texts: list[str]) -> str:
    """The name with the words the documents write after its head noun: "Valdoria International Festival" ->
    "Valdoria International Festival of Fantastic Cinema" (a capitalised run after "of" or "for", twice: "… Festival of
    Films for Children and Young Audiences")."""
    pattern = re.compile(
        re.escape(name) + r"((?:\s+(?:of|for)(?:\s+the)?(?:\s+(?:and|&))?\s+(?-i:[A-Z])[\w'’-]+(?:[ \t]+(?:and|&)[ \t]+"
        r"(?-i:[A-Z])[\w'’-]+|[ \t]+(?-i:[A-Z])[\w'’-]+){0,4}){1,2})"  # (not over a line's end: "… Film\nApproved by …")
    )
    for text in texts:
        m = pattern.search(text)
        # (not a category of the prize: "Carrow Prize for Best Film" is one of the Carrow Prize's awards)
        if m and not re.search(_DOCUMENT_KIND, m.group(1), re.I) and not _CATEGORY.match(m.group(1)):
            words = m.group(1).split()
            # up to a second head noun: "Taunton Festival of the Arts" (Film Festival)
            cut = next((i for i, w in enumerate(words) if stem(w.lower()) in INSTITUTION), len(words))
            if cut < len(words):  # and without the words of the trade that lead into it ("Film")
                while cut and stem(words[cut - 1].lower()) in GENERIC:
                    cut -= 1
            return " ".join([name, *words[:cut]])
    return name


# How far into a document its own name is looked for: its heading and first sentences ("Welcome to the FennAnim
# Jury! … the 18th Fennick International Festival of Animated Cinema …").
_OPENING = 800


def _named_by_file(profile: DocumentProfile) -> bool:
    return profile.title.lower().split() == file_words(profile.source).lower().split()


def festival_name(profiles: Sequence[DocumentProfile]) -> tuple[str, str]:
    """(name, initials) of a group of documents with no festival setting, from what they say about themselves."""
    texts = [p.text for p in profiles] + [p.title for p in profiles]
    written = proper_words(texts)
    own = name_words(texts)[0]
    candidates: list[tuple[int, int, str]] = []  # (rank, order, name)
    for order, profile in enumerate(profiles):
        # a title that is only the file's name ("Carrow Prize Statute" of carrow_prize_statute.txt, "Tessel Award Jury
        # Email Thread") names nothing: the body the text opens on may, whatever its kind ("CARROW NATIONAL FILM
        # PRIZE STATUTE"), and the group's other documents do
        opening = [b for b in body_names(profile.text[:_OPENING]) if distinct(b.text)]
        kinds = any(_rank(b.text) < len(_RANKS) for b in opening)
        named_file = _named_by_file(profile) and (len(profiles) > 1 or kinds)
        for body in [] if named_file else body_names(profile.title):
            if all(w in written for w in body.core) and distinct(body.text):
                candidates.append((_rank(body.text), order, _head(body.text)))
        # A festival, academy or association its opening names, when its title names none: what a title that says
        # only what the document is ("Jury Handbook | FennAnim 2025") leaves out. (A title that names a body keeps
        # it: a critics' guild's code that opens on the festival it sends jurors to is still the guild's.)
        if not any(rank <= 1 and at == order for rank, at, _ in candidates):
            for body in opening:
                if _rank(body.text) <= 1 or named_file:
                    candidates.append((_rank(body.text), order, _head(body.text)))
        if named_file:
            continue
        if profile.label:
            label = _tidy(profile.label)
            if label:
                candidates.append((_rank(label), order, label))
        head = _tidy(profile.title, own, profile.site)
        if head and head != profile.title:
            candidates.append((min(_rank(head), len(_RANKS) - 2), order, head))
    if not candidates:
        first = profiles[0] if profiles else None
        fallback = (first.title or first.source) if first else ""
        candidates.append((len(_RANKS), 0, _tidy(fallback) or fallback))
    usable = [c for c in candidates if c[2]]
    # not the body that runs it ("The Northlight Award … Administered by the Ferreira-Dunmore Foundation", "PISC … is
    # run by the Penwarden Foundation"): the award or competition the documents speak for
    organisers = _organisers(texts)
    run = [c for c in usable if c[2].lower() not in organisers]
    # (when something of a kind is left: "General Jury Rules" of "the festivals run by the Three Rivers Film
    # Association" speak for the association, not for a "General")
    usable = run if any(_rank(name) < len(_RANKS) for _, _, name in run) else usable
    # a name with words of its own owns one of them ("Assessment and Prize" of "Assessment and Prize Rules" does not);
    # one made of words of the trade ("Student Film Festival") is completed below
    usable = [c for c in usable if not distinct(c[2]) or _owned(c[2], own)] or usable
    # a name another one goes on before, in words of a name, is that one ("Screen Awards" of "Hollin Vale Screen Awards")
    usable = [(r, o, next((m for _, _, m in usable if lengthens(n, m)), n)) for r, o, n in usable]
    counts = Counter(name for _, _, name in usable)

    def preferred(c: tuple[int, int, str]) -> tuple[int, int, bool, int, int]:
        return (c[0], -counts[c[2]], not distinct(c[2]), c[1], len(c[2]))

    rank, _, name = min(usable, key=preferred)
    # A name no title gives yields to one the documents' own website spells: "Ridgeline Wild Film Tour" (its titles,
    # at ridgelinewildtour.org), not "Stennfield Festival", the week of it one page's heading is about.
    titles = " ".join(p.title for p in profiles).lower()
    sites = {p.site for p in profiles if p.site}
    sited = [c for c in usable if any(_owned(c[2], own, site) for site in sites)]
    if sited and not all(w.lower() in titles for w in _WORD.findall(name)):
        rank, _, name = min(sited, key=preferred)
    # a school, district or single award named for a group that defines a short name for a body of its own: that
    # body ("Greywater Valley Student Short Film Competition", "GV Shorts", not the school board issuing its rules)
    if rank >= 3:
        name = _defined_name(profiles, texts) or name
    else:
        # the body the documents title themselves by the short name of ("PCW 2025 · Jury Checklist" for "Portharrow
        # International Critics' Week (hereinafter "PCW")), not the festival it is a section of; or a defined name
        # that goes on from the one found ("… Festival of Dance on Screen (TIDS)" for "… Festival of Dance"), or a
        # festival they define a short name for over the body that runs it ("Moving Frame – International Festival of
        # Dance Film and Music Video (hereinafter "MOFRA") is organised by the Kinetikon Arts Association")
        # (unless a title names the body found as well: "NABSA · 14th Vantage Awards · Rules" are the Vantage Awards')
        titled = "" if name.lower() in titles else _defined_name(profiles, [p.title for p in profiles], titled=True)
        longer = "" if titled else _defined_name(profiles, texts)
        festival = rank > 0 and _rank(longer) == 0
        goes_on = longer.startswith(f"{name} ") or longer.endswith(f" {name}")  # "Marhoff " + "Screenplay … Awards"
        name = titled or (longer if goes_on or festival else name)
    if not distinct(name):
        fuller = _completed(name, texts, written)
        if fuller:
            name = fuller
        else:
            issuer = next((i for p in profiles if (i := _issuer(p.title, name))), "")
            if issuer:
                name = f"{issuer} {name}"
    # (as a short name's definition writes it when the texts set it only in capitals: "KALEIDO BAY … FESTIVAL")
    name = _continued(_as_written(name, texts + [n for p in profiles for n in p.aliases.values()]), texts)
    return name, _initials_of(name, texts)


def _as_written(name: str, texts: list[str]) -> str:
    """The name as the documents write it, with the small words a name's reading leaves out between its words
    ("Saltmarsh Queer & Human Rights Documentary Festival")."""
    words = name.split()
    if len(words) < 2:
        return name
    joins = r"\+?\s+(?:(?:&|and|of|the|for|de|del|la|le|du|von|van)\s+)*"  # ("LGBTQ+ Film")
    pattern = re.compile(r"(?<![\w&])" + joins.join(re.escape(w) for w in words) + r"(?![\w&])", re.I)
    # as the documents write it in a sentence rather than in a title set in capitals
    found = [" ".join(m.group(0).split()) for text in texts for m in pattern.finditer(text)]
    return next((f for f in found if not f.isupper()), found[0] if found else name)


def short_title(title: str, limit: int = 90) -> str:
    """A title without its trailing explanation in brackets, for a line of text."""
    short = re.sub(r"\s*\((?:[^()]|\([^()]*\))*\)\s*$", "", title).strip() or title
    return short if len(short) <= limit else short[: limit - 1].rstrip() + "…"


# A short name a document gives itself in brackets: in its title or header the initials of the name before them
# ("… Short Film Festival (LISFF)"); in its text only a definition that says how it will call itself ("(hereinafter "GriFF" or
# "the Festival")", "(ARICS, "the Showcase")"), not initials given to some other body ("… of Film Critics (FIPRESCI)").
_BRACKET = re.compile(r"\(([^()]{1,80})\)")
_ALIAS = re.compile(r"[\"“]([^\"”]{2,30})[\"”]|\b([A-Z][\w-]*[A-Z][\w-]*)\b")
_SELF = re.compile(r"\b[Hh]ereinafter\b|\bthe\s+[\"“]?[A-Z]|[\"“]the\s+[A-Z]|[\"“](?:we|us)[\"”]")
# (or a bracket of short names in quotes and nothing else: "… Film Challenge (**"Tinderbox48"** or **"T48"**)")
_ONLY_NAMES = re.compile(r"[\s*_]*[\"“][^\"”]{2,30}[\"”][\s*_]*(?:(?:,|or|and)[\s*_]+[\"“][^\"”]{2,30}[\"”][\s*_]*)*")
_DEFINITIONS = 3000  # how far into a text its definitions of itself are looked for


# The capitalised run a bracket follows: the name it gives a short name to ("The Lanthorne Bay International Film
# Festival (hereinafter …)"), hyphened words whole ("Co-Production", not "Production"), and a name in two parts across a
# dash whole ("Moving Frame – International Festival of Dance Film and Music Video (hereinafter "MOFRA" …)"), set in bold
# or on the line above ("**Kaleido Bay International LGBTQ+ Film Festival** (hereinafter …)"), a word led by a number
# whole ("Tinderbox 48-Hour Micro-Budget Film Challenge").
_PARTICLES = ("of", "and", "for", "the", "in", "on", "de", "du", "des", "del", "della", "di", "la", "le", "&")
_NAME_WORD = rf"(?:(?:[A-Z]|\d+-[A-Z])[^\W\d_'’&.-]*(?:-[A-Za-z][^\W\d_'’&.-]*)*\+?(?:['’]s?)?|{'|'.join(_PARTICLES)})"
_NAME_BEFORE = re.compile(
    rf"({_NAME_WORD}(?:[ \t]+(?:[–—-][ \t]+)?{_NAME_WORD})*)(?:[ \t]+(?:19|20)\d\d)?[*_]*[ \t]*(?:\n[ \t]*)?$"
)

# "is run by", "Administered by", "presented each year by": the body named next organises the one the text is about.
_ORGANISED_BY = re.compile(
    r"(?i:\b(?:run|organi[sz]ed|administered|presented|managed|hosted|operated|promoted|staged|coordinated)"
    r"(?:\s+(?:each year|every year|annually|jointly))?\s+by\s+(?:the\s+)?)"
    rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD})*)"
)


def _organisers(texts: list[str]) -> set[str]:
    """The names of the bodies the texts say run something, folded, as `_head` gives a candidate."""
    return {_head(m.group(1)).lower() for text in texts for m in _ORGANISED_BY.finditer(text[:_DEFINITIONS])}


def self_names(identity: str, text: str) -> dict[str, str]:
    """The short names a document defines for the body it speaks for, folded, each with the name it abbreviates
    ({"lbiff": "Lanthorne Bay International Film Festival"}; the name may be '' when no capitalised run precedes)."""
    found: dict[str, str] = {}
    for where, defined in ((identity, False), (text[:_DEFINITIONS], True)):
        for bracket in _BRACKET.finditer(where):
            inside = bracket.group(1)
            says_so = bool(_SELF.search(inside) or _ONLY_NAMES.fullmatch(inside))
            if defined and not says_so:
                continue
            # (a header's "(hereinafter "Kaleido" or "KBIFF")" defines them as the text's would)
            defines = defined or (says_so and "hereinafter" in inside.lower())
            before = _NAME_BEFORE.search(where[max(0, bracket.start() - 120) : bracket.start()])
            words = before.group(1).split() if before else []
            while words and words[0].lower() in _PARTICLES:
                words.pop(0)
            for m in _ALIAS.finditer(inside):
                alias = " ".join((m.group(1) or m.group(2)).split())
                alias = re.sub(r"^the\s+(?=\S+$)", "", alias, flags=re.I)  # "the IAFC" is "IAFC"; "the Fold Award" none
                key = alias.lower()
                if (
                    key.startswith("the ")
                    or found.get(key)
                    or not (sum(c.isupper() for c in alias) >= 2 or (defines and _nickname(key, words)))
                ):
                    continue
                name = _abbreviating(words, key, initials_only=not defines)
                if defines or name:
                    found[key] = name  # a name found later fills one not found before
    return found


def _nickname(alias: str, words: list[str]) -> bool:
    """Is a one-word short name with one capital made from the name it follows ("the Hollies" of "The Hollinsgate
    School … Graduation Awards"), not a term the rules define ("the Entrant", "the Festival") nor a later word of the
    name ("the Tour" of "Ridgeline … Film Tour")?"""
    made = any(w[:1].isupper() and w[:4].lower() == alias[:4] and stem(w.lower()) != stem(alias) for w in words)
    # or the name's first word ("Kaleido" of "Kaleido Bay International LGBTQ+ Film Festival"), its own and not its kind
    first = next((w for w in words if w[:1].isupper()), "")
    return " " not in alias and distinct(alias) and (made or first.lower() == alias)


def _abbreviating(words: list[str], alias: str, initials_only: bool = False) -> str:
    """The end of a capitalised run that the initials stand for ("Approved by the Awards Committee of the National
    Academy of Broadcast and Streaming Arts" for "nabsa"); the whole run for a short name that is no initials, or ''
    with `initials_only` (a title's "(… Arts, UK: …)" gives no short name)."""
    starts = [i for i, w in enumerate(words) if w[:1].isupper()]
    for start in starts:
        letters = [w[0].lower() for w in words[start:] if _initialled(w)]
        if "".join(letters) == alias.replace(" ", ""):
            return " ".join(words[start:])
    if initials_only:
        return ""
    # "the Critics' Jury of the Grimhollow International Festival … (hereinafter "GriFF" …)": from the first word of
    # its own that has the short name's first letter ("International Biennial …" stays whole for "BIEVO")
    # "Sarnovo International Festival of … (hereinafter "ETNOS Sarnovo")": from the word the short name shares
    # "International Festival of … Immersive Works (hereinafter "IMMERSA")": whole, as the run opens with its letter
    shared = next((i for i in starts if words[i].lower() in alias.split()), None)
    opens = bool(starts) and words[starts[0]][0].lower() == alias[:1]
    first = (
        shared
        if shared is not None
        else 0
        if opens
        else next((i for i in starts if words[i][0].lower() == alias[:1] and distinct(words[i])), 0)
    )
    return " ".join(words[first:])


def _defined_name(profiles: Sequence[DocumentProfile], texts: list[str], titled: bool = False) -> str:
    """The name the documents abbreviate by a short name, when it has a word of its own: of the best kind of body, then
    used most in `texts` ("GV Shorts" over the "GVDSB" that issues its rules); with `titled`, the short name `texts`
    use most, if they use one at all."""
    defined: dict[str, str] = {}
    for profile in profiles:
        for alias, name in profile.aliases.items():
            if name and distinct(_head(name)):
                defined.setdefault(alias, _head(name))
    if not defined:
        return ""

    def mentions(alias: str) -> int:
        pattern = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in alias.split()) + r"(?![\w-])", re.I)
        return sum(len(pattern.findall(text)) for text in texts)

    if titled:
        most = max(defined, key=mentions)
        return defined[most] if mentions(most) else ""
    # the best kind of body first: the award a broadcaster runs ("VNSFA"), not the broadcaster ("VPBC") it names more
    return defined[max(defined, key=lambda alias: (-_rank(defined[alias]), mentions(alias)))]
