"""Names in a question: the capitalised phrases that may name a festival, award, body or edition, and how they
match a text.

A name is found by its shape (capitalised words, with "of", "del", "d'" and the like inside). Generic words of
the trade ("Film", "Festival", "Awards") may be skipped inside a match but never match on their own. A festival
named only as an example in another's text ("including Berlin, Cannes and Venice") is not matched by that text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

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
    november december monday tuesday wednesday thursday friday saturday sunday days week""".split()
)
# The social networks a juror posts on, which the rules call "social media" (answers/rules_words.py).
SOCIAL_NETWORKS = ("instagram", "insta", "facebook", "tiktok", "twitter", "snapchat", "threads", "bluesky")
# Platforms a juror posts, meets or watches on ("Can I post on Instagram?"): capitalised, and held by the documents'
# "Follow us on Instagram" lines, but never the name of a body whose rules the library holds.
PLATFORMS = frozenset(
    stem(w)
    for w in (
        *SOCIAL_NETWORKS,
        *"linkedin youtube vimeo whatsapp telegram zoom skype letterboxd substack reddit mastodon pinterest".split(),
    )
)
# Head nouns that make a capitalised phrase the name of an institution or event ("the Goya Awards").
INSTITUTION = frozenset(
    stem(w)
    for w in """festival festivals fest award awards academy prize prix guild society association federation
    institute council biennale biennial berlinale oscars oscar globes globe circle union foundation days week""".split()
)
# The words, as written, that name a kind of body or event rather than a prize ("the X Awards" vs "the X Award").
BODY_KINDS = frozenset(
    "festival festivals fest awards academy guild society association federation institute council biennale "
    "circle union foundation days week".split()
)
# Small words that join the words of one name ("Festival of Lights", "Mar del Plata").
CONNECTORS = frozenset("of de del della dei des di da do dos du la le les von van der den y e and & for".split())
_FRAME_BEFORE = re.compile(r"(?i)(?:^|[.!?:]\s+|,\s*|\s[-–—]+\s)(?:at|for|in|during|from|under)\s+(?:the\s+)?$")
_FRAME_AFTER = re.compile(
    r"(?i)^\s*(?:'s\s+|’s\s+)?(?:jury|juries|jurors?|judges?|adjudicators?|panel|festival|competition|awards?|prize|"
    r"rules|regulations)\b"
)
# A name asked about as the body that makes a rule: "Does Raindance require …", "Will the Berlinale accept …".
_SUBJECT_BEFORE = re.compile(r"(?i)(?:^|[.!?:]\s+|,\s*|\s[-–—]+\s)(?:does|do|did|will|would)\s+(?:the\s+)?$")
_RULE_VERB_AFTER = re.compile(
    r"(?i)^\s+(?:require|requires|accept|accepts|allow|allows|permit|permits|charge|charges|demand|demands|expect|"
    r"expects)\b"
)
# What a capital after it merely opens: a sentence, a colon, a quotation, a dash ("Quick question - Does …").
_CLAUSE_OPENS = re.compile(r"(?:[.!?:;\"“(]|\s[-–—]+)\s*$")
TOKEN = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]|&")  # "&" joins the words of a name ("Queer & Human Rights")
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
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
    return [normalise(t) for t in TOKEN.findall(text)]


def capitalised(token: str) -> bool:
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
        return tuple(
            w
            for w in self.words
            if w not in GENERIC and w not in STOPWORDS and w not in CONNECTORS and w not in PLATFORMS
        )

    @property
    def institution(self) -> bool:
        return bool(set(self.words) & INSTITUTION)

    def runs(self, own: set[str]) -> list[str]:
        """The runs of its words that are in `own` (a festival's own words), as written: "Harbour Lights" of
        "Harbour Lights Grand Prix" (the prize's words say what is asked about)."""
        runs: list[list[str]] = [[]]
        for raw, word in zip(self.raw, self.words, strict=True):
            if word in _JURY_NOUNS:  # "SALTDOC Green Jury": the jury's name says what is asked about
                runs[-1] = runs[-1][:-1] if len(runs[-1]) > 1 else runs[-1]  # "the SALTDOC Jury": none of its own
                runs.append([])
            elif word in own:
                runs[-1].append(raw)
            elif runs[-1]:
                runs.append([])
        return [" ".join(run) for run in runs if run]


_JURY_NOUNS = frozenset(stem(w) for w in ("jury", "juries", "panel", "panels"))


def followed(question: str, phrase: str, words: set[str]) -> str:
    """The phrase with the words after it in the question that belong to the name in lower case ("Marhoff foundation
    awards" of the Edda Marhoff Foundation, "Saltmere animation festival"): left in, "foundation" matched every
    sentence about "the Foundation"."""
    found = re.search(r"(?<![\w'’])" + re.escape(phrase) + r"((?:\s+[a-z0-9][\w'’-]*)+)", question)
    if not found:
        return phrase
    after = []
    for word in found.group(1).split():
        if normalise(word) not in words or stem(normalise(word)) in _JURY_NOUNS:  # "the Lantern jury": what is asked
            break
        after.append(word)
    return " ".join([phrase, *after])


def where_a_body_goes(before: str, after: str, place: re.Pattern[str] = _FRAME_BEFORE) -> bool:
    """Do the words around a phrase put it where an event or a body goes: "At X, …" (`place`), "the X jury", "Does X
    require …"?"""
    return bool(
        place.search(before)
        or _FRAME_AFTER.match(after)
        or (_SUBJECT_BEFORE.search(before) and _RULE_VERB_AFTER.match(after))
    )


def _joins(gap: str, before: str) -> bool:
    """Does this gap keep two capitalised words in one name: a space, or a plural's possessive ("Critics' Circle",
    "Directors' Guild")?"""
    mark = gap.strip()
    return not mark or (mark in ("'", "’") and gap[:1] in "'’" and before[-1:] in "sS")


def names_in(question: str, proper: frozenset[str] | set[str] = frozenset()) -> list[Name]:
    """Capitalised phrases of a question, without the capital that merely starts a sentence.

    `proper`: words the library itself writes with a capital inside sentences ("Ellery", "Meridian"); such a word
    opening a question is still a name, while "Apart", "Three" or "What's" opening it are not.
    """
    raw = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(question)]
    out: list[Name] = []
    i = 0
    while i < len(raw):
        word, start, _ = raw[i]
        if not capitalised(word) or word in _SELF:
            i += 1
            continue
        j = i + 1
        while j < len(raw) and _joins(question[raw[j - 1][2] : raw[j][1]], raw[j - 1][0]):
            nxt = raw[j][0]
            if capitalised(nxt) and nxt not in _SELF:
                j += 1
            elif (
                nxt.lower() in CONNECTORS
                and j + 1 < len(raw)
                and capitalised(raw[j + 1][0])
                and raw[j + 1][0] not in _SELF  # "at Carrowmere and I'll be …"
                and not question[raw[j][2] : raw[j + 1][1]].strip()
            ):
                j += 2
            else:
                break
        # A capital that only opens a sentence ("Can", "At", "Apart", "What's") is no name.
        while i < j:
            w, s, _ = raw[i]
            low = w.lower().replace("’", "'")
            opens = s == 0 or bool(_CLAUSE_OPENS.search(question[:s]))
            common = low in _QUESTION_OPENERS or low in STOPWORDS
            if (
                low in CONNECTORS
                or (opens or low in ("the", "a", "an"))
                and (common or (j - i == 1 and normalise(w) not in proper))
            ):
                i += 1
            else:
                break
        if i < j:
            text = question[raw[i][1] : raw[j - 1][2]]
            kept = [w for w, _, _ in raw[i:j] if w.lower() not in CONNECTORS]
            words = tuple(normalise(w) for w in kept)
            before, after = question[: raw[i][1]], question[raw[j - 1][2] :]
            framed = where_a_body_goes(before, after)
            if words:
                out.append(Name(text, words, framed, tuple(kept)))
        i = max(j, i + 1)
    return out


def body_names(text: str) -> list[Name]:
    """The names of bodies and events in a text, a capitalised run cut after each institution's head noun: "The
    20th Shanghai International Film Festival Golden Goblet Award" gives "Shanghai International Film Festival" and
    "Golden Goblet Award". Only names with a word of their own count ("International Film Festival" alone does
    not name anyone)."""
    out: list[Name] = []
    for name in names_in(text, frozenset(tokens(text))):
        start = 0
        spans, joined = _word_spans(name)
        for i, word in enumerate(name.words):
            if word in INSTITUTION and i >= start:
                end = i + 1
                piece = Name(" ".join(name.raw[start:end]), name.words[start:end], name.framed, name.raw[start:end])
                if not piece.core and end in joined:
                    # "International Festival of Ocean & Coastal Film", "Academy of Veldria": the kind of body
                    # comes first, its own words after "of", up to the next body's kind or the document's word
                    end = next(
                        (j for j in range(end + 1, len(name.words)) if name.words[j] in INSTITUTION), len(name.words)
                    )
                    while end > i + 2 and name.words[end - 1] in _DOCUMENT_WORDS:
                        end -= 1
                    piece = _piece(name, spans, start, end)
                if piece.core:
                    out.append(piece)
                start = end
    return out


def _word_spans(name: Name) -> tuple[list[tuple[int, int]], set[int]]:
    """Where each of the name's words stands in its text, and the indices of the words a connector ("of", "for",
    "de", "du") comes before: the name's words leave their connectors out, its text has them."""
    spans: list[tuple[int, int]] = []
    joined: set[int] = set()
    for m in TOKEN.finditer(name.text):
        if m.group(0).lower() in CONNECTORS and spans:
            joined.add(len(spans))
        else:
            spans.append(m.span())
    return (spans, joined) if len(spans) == len(name.words) else ([], set())


def _piece(name: Name, spans: list[tuple[int, int]], start: int, end: int) -> Name:
    """The words start..end of a name, its text as written with its connectors ("Festival of Lights")."""
    text = name.text[spans[start][0] : spans[end - 1][1]] if spans else " ".join(name.raw[start:end])
    return Name(text, name.words[start:end], name.framed, name.raw[start:end])


# Words that name the document, not the body, at the end of a capitalised title ("Festival of Lights Regulations")
_DOCUMENT_WORDS = frozenset(
    stem(w)
    for w in """regulations regulation rules rule guidelines terms conditions handbook guide code charter statutes
    statute procedure procedures policy faq information notes official""".split()
)


def defined_names(aliases: dict[str, str], identity: str) -> list[Name]:
    """The names a document defines short names for, whatever their kind ("Rencontres du Cinéma Francophone de
    Belcourt (hereinafter "the Rencontres")"), as its identity writes them: their initials name it ("RCFB"). (Not
    its body's name: the run a definition follows may be cut short, "Pocket Cinema Challenge (PCC)" of "Vantel …".)"""
    return [
        n
        for full in dict.fromkeys(aliases.values())
        for n in names_in(full, frozenset(tokens(full)))[:1]
        if len(n.core) >= 2 and len(n.words) <= 6 and ordered_match(n.words, tokens(identity))
    ]


def acronym(name: Name) -> str:
    """The initials a body goes by ("Black Star International Film Festival" -> "bsiff"), or "" when the name has
    fewer than three words to make one of."""
    return initials_of(name.raw)


def writes_whole(body: Name, passages: Sequence[str]) -> bool:
    """Do the passages write the body's whole name, as the title or header does?"""
    pattern = re.compile(r"(?<![\w&])" + r"\s+".join(re.escape(w) for w in body.text.split()) + r"(?![\w&])")
    return any(pattern.search(p) for p in passages)


def initials_of(raw: Sequence[str]) -> str:
    """`acronym` of a name's words as written."""
    letters = [w[0] for w in raw if w[:1].isalpha() and w.lower() not in ("the", "a", "an")]
    return "".join(letters).lower() if len(letters) >= 3 else ""


_OPENS_SENTENCE = re.compile(r"(^|[.!?:;\n·|]\s*|^\s*[-•]\s*)$")  # "·" joins a header's lines


def proper_words(texts: Iterable[str]) -> set[str]:
    """Words written with a capital inside sentences (not after a full stop): the names a library uses."""
    found: set[str] = set()
    for text in texts:
        for m in TOKEN.finditer(text):
            word = m.group(0)
            if capitalised(word) and not _OPENS_SENTENCE.search(text[max(0, m.start() - 3) : m.start()]):
                found.add(normalise(word))
    return found


_URL = re.compile(
    r"\S+://\S+|\bwww\.\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|edu|gov|info|io|[a-z]{2})\b/?\S*"
)


def name_words(texts: Iterable[str]) -> tuple[set[str], set[str]]:
    """The words a library never writes in lower case, case folded and not stemmed, but the words of the trade
    ("Jury", "Festival"): all of them ("harbourside", "hiff"), and those of them it writes inside a sentence, in a
    capitalised run right after a word in lower case ("at the Lighthouse Villa", not a heading's title case)."""
    texts = [_URL.sub(" ", t) for t in texts]  # "hiff" in an address is not the name written in lower case
    lower: set[str] = set()
    anywhere: set[str] = set()
    inside_sentences: set[str] = set()
    for text in texts:
        inside, end = False, 0
        for m in TOKEN.finditer(text):
            word = m.group(0)
            folded = word.lower().replace("’", "'")
            joined = text[end : m.start()].strip(" ") == ""
            if capitalised(word):
                anywhere.add(folded)
                inside = inside and joined
                if inside:
                    inside_sentences.add(folded)
            else:
                if word[:1].islower():
                    lower.add(folded)
                inside = word[:1].islower()  # not after a number: "4. Payment of prizes" is a heading
            end = m.end()

    def names(found: set[str]) -> set[str]:
        return {
            w
            for w in found - lower
            if w.isalpha() and w not in STOPWORDS and w not in _QUESTION_OPENERS and normalise(w) not in GENERIC
        }

    return names(anywhere), names(inside_sentences)


def caseless(question: str) -> bool:
    """Typed without capitals: no capital but the one opening a sentence and "I" ("at harbourside, who votes?")."""
    for m in TOKEN.finditer(question):
        word = m.group(0)
        opens = m.start() == 0 or bool(_CLAUSE_OPENS.search(question[: m.start()]))
        if capitalised(word) and word not in _SELF and not opens:
            return False
    return True


# Where an event or a body goes in a sentence: "compete AT hiff", "in riverbend", "for the 2026 …".
_AT_PLACE = re.compile(r"(?i)\b(?:at|for|in|during|from|under|to|by)\s+(?:the\s+)?(?:\d{4}\s+)?$")


def lengthens(name: str, longer: str) -> bool:
    """Does the longer name add name's words before this one ("Hollin Vale" before "Screen Awards")?"""
    before = longer[: -len(name)].split() if longer.lower().endswith(f" {name.lower()}") else []
    return bool(before) and all(w.isalpha() and w[:1].isupper() and w.lower() not in STOPWORDS for w in before)


def truecased(
    question: str, names: Container[str], unseen: Callable[[str], bool], everyday: Container[str] = frozenset()
) -> str:
    """A question typed without capitals, with the capitals of its names restored, so that it names a festival as
    the same question typed with them does: the words of the library's festivals' own names (`names`: folded, not
    stemmed: "harbourside", "riverbend", "hiff"), and a run of such words or of words the library does not use
    (`unseen`) before a body's head noun ("european film awards", "hong kong film awards"). A name word alone that is
    also an everyday word (`everyday`: "black", "lantern") is restored only where an event goes ("at lantern", "the lantern
    jury"): "black and white films" names no festival; "moonreel" names one wherever it stands. A
    question with capitals of its own is left as written: its writer's capitals say what is a name."""
    if not caseless(question):
        return question
    found = list(TOKEN.finditer(question))
    folded = [m.group(0).lower().replace("’", "'") for m in found]
    upper = [w in names for w in folded]
    for k, word in enumerate(folded):
        if normalise(word) not in INSTITUTION:
            continue
        run: list[int] = []
        for j in range(k - 1, max(-1, k - 5), -1):
            if question[found[j].end() : found[j + 1].start()].strip() or not folded[j].isalpha():
                break
            if folded[j] in _QUESTION_OPENERS or (folded[j] in STOPWORDS and folded[j] not in CONNECTORS):
                break
            run.append(j)
        own = [j for j in run if folded[j] not in CONNECTORS and normalise(folded[j]) not in GENERIC]
        # One everyday word straight before the noun is a description ("the smaller awards", "the actual prizes"),
        # unless it is the library's or has a name's shape ("the sundance film festival", "hong kong film awards").
        described = run == own[:1] and not upper[own[0]] and folded[own[0]] in everyday if own else False
        if own and not described and all(upper[j] or unseen(normalise(folded[j])) for j in own):
            for j in [*run, k]:
                upper[j] = folded[j] not in CONNECTORS
    for k, m in enumerate(found):
        before, after = question[: m.start()], question[m.end() :]
        framed = where_a_body_goes(before, after, _AT_PLACE)
        alone = not (k > 0 and upper[k - 1]) and not (k + 1 < len(found) and upper[k + 1])
        if upper[k] and alone and folded[k] in everyday:
            upper[k] = framed
        # A word neither the library's nor an everyday one, where an event or a body goes ("does raindance require",
        # "the sundance jury"): a name, as the same question typed with capitals reads it.
        elif not upper[k] and framed and everyday and folded[k].isalpha() and len(folded[k]) >= 4:
            upper[k] = folded[k] not in everyday and unseen(normalise(folded[k]))
    out, last = [], 0
    for m, up in zip(found, upper, strict=True):
        word = m.group(0)
        out.append(question[last : m.start()] + (word[:1].upper() + word[1:] if up else word))
        last = m.end()
    return "".join(out) + question[last:]


_NAME_BEFORE = re.compile(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*,\s*$")
_NAME_AFTER = re.compile(r"\s*(?:,|and|or|&)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


_EXAMPLES = re.compile(r"(?i)\b(including|such as|like|e\.g\.|among them|among others|for example|for instance)\W*$")


def enumerated(text: str, start: int, end: int) -> bool:
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


def ordered_match(words: Sequence[str], text: Sequence[str], max_gap: int = 3) -> bool:
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
                if (
                    text[pos] not in GENERIC
                    and text[pos] not in STOPWORDS
                    and text[pos] not in CONNECTORS
                    or gap >= max_gap
                ):
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
