"""Named things a question asks about: the person who holds a post ("Who is chairing the jury this year?") and an
award by its name ("How much comes with Best Climbing Film?"). Each is answered only by a text that names it: a
person's name, not how the post is filled; that award's own sum, not another's.
"""

from __future__ import annotations

import re

from assistant.answers.names import GENERIC
from assistant.text import NUMBER_WORDS, STOPWORDS, TOLD_BREAK, stem, words

# Who holds a post ("Who is the president of the jury this year?", "Who is chairing …?", "What's the name of the
# chaperone …?"): answered by a person's name; "The jury chooses its own chair" or "a President and six members" says
# how the post is filled, not who fills it.
_POSTS = (
    r"president|chair(?:man|woman|person)?|head|director|secretary|coordinator|chaperone|host|moderator|contact|"
    r"manager|organi[sz]er|curator|programmer|officer|liaison|person|juror|judge|delegate"
)
WHO_HOLDS = re.compile(
    rf"\bwho(?:'s|’s| is| are| will be| was)\s+(?:chairing|heading|leading|presiding|hosting|running)\b"
    rf"|\bwho(?:'s|’s| is| are| will be| was)\s+(?:the|our|my|your|this year's)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_POSTS})s?\b"
    rf"|\bnames? of (?:the|my|our|your|this year's)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_POSTS})s?\b"
    r"|\bwho\s+(?:it|that|he|she)\s+(?:is|was|will be)\b",  # "Do you know who it is?" after a question on the chair
    re.I,
)
# A person's name as written: two or three capitalised words (a longer run names an event or a body) not after an
# article ("the Artistic Director", "the Golden Lantern" and "the Ethics Committee" take one; "Adriana Solberg" does
# not), none of them a word of the trade or a number ("Round One" is a step).
_CAPITALISED_RUN = re.compile(r"(?<![\w'’-])((?:[A-Z][a-z'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’-]+|[A-Z]\.))+)(?![\w'’-])")
# ("the Prize for Female Interpretation": what follows an award's word and "for" names its category, not a person)
_ARTICLE_BEFORE = re.compile(
    r"(?i)\b(?:(?:the|a|an|this|that|its|our|your|their|his|her)|(?:prize|award|trophy|mention)\s+for(?:\s+the)?)\s+$"
)
# ("9 Canal Terrace": a house number makes the words after it a street)
_NUMBER_BEFORE = re.compile(r"\b(?!(?:19|20)\d\d\b)\d{1,4}[A-Za-z]?,?\s+$")
_NUMBERED = frozenset(NUMBER_WORDS) | frozenset("first second third fourth fifth final".split())
_DETERMINERS = frozenset("The A An This That Our Your Each Every All No Any".split())
_TRADE_WORDS = frozenset(
    "president chair chairman chairwoman chairperson head director secretary coordinator chaperone host manager "
    "officer committee board council office trust library foundation association society university school college "
    "centre center exchange hall theatre theater street road ethics jury panel member members delegate delegates "
    "federation guild room hotel house cinema palace square lane avenue park gallery studio museum arena auditorium "
    "building quay".split()  # (places: "Glasshouse Room, Hotel Bellmoor")
)


def names_a_person(text: str) -> bool:
    """Does the text write a person's name ("Adriana Solberg", "Marta R. Ruiz")?"""
    for m in _CAPITALISED_RUN.finditer(text):
        parts = m.group(1).split()
        if len(parts) > 3 or parts[0] in _DETERMINERS:
            continue
        if _ARTICLE_BEFORE.search(text[: m.start()]) or _NUMBER_BEFORE.search(text[: m.start()]):
            continue
        if any(stem(p.lower()) in GENERIC or p.lower() in _TRADE_WORDS or p.lower() in _NUMBERED for p in parts):
            continue
        return True
    return False


# An award the question names: "the Best Editing award", "a prize for best animated film", "an audience choice award",
# "Best Climbing Film". In the plural it names the event ("the Kelloway alumni awards", "the Sharankrishna awards").
_NAMED_AWARD = re.compile(
    r"\b(?:award|prize|category|trophy)\s+for\s+(?:the\s+)?(best\s+[a-z-]+(?:\s+[a-z-]+)?)"
    r"|\b(?:(?:a|an|the|any|(?!(?:what|that|it|who|there|here|where|how|which|he|she)['’])[a-z]+['’]s)\s+"
    # (a plural's possessive is a name too: "the critics' award", "the students’ prize")
    r"((?:best\s+)?[a-z-]+(?:s['’])?(?:\s+[a-z-]+(?:s['’])?)?)|(best\s+[a-z-]+(?:\s+[a-z-]+)?))\s+(?:award|prize|trophy)\b",
    re.I,
)
# A capitalised name: "Best Climbing Film"; "the Little Lantern AUDIENCE Award" (the two words before the award's word:
# the words before them name the festival).
_CAPITAL_AWARD = re.compile(r"\b(Best(?:\s+[A-Z][\w'’-]*){1,3})|\b((?:[A-Z][\w'’-]*\s+){1,2})(?:Award|Prize|Trophy)\b")
# Words that describe an award without naming it ("the MAIN prize", "the CASH prize", "the JURY award").
AWARD_GENERIC = frozenset(
    "best main top big biggest grand major highest overall extra new other same another first second third special "
    "whole entire full "
    "jury juries cash money film films movie movies official competition festival".split()
)


# "the TOP prize", "the MAIN award": the award a list of prizes names first, whatever it is called.
TOP_AWARD = re.compile(r"\b(?:top|main|big|biggest|highest|principal|major|chief|first)\s+(?:prize|award)\b", re.I)


# "What about the other prizes?" after a question on the top prize: asked of the others, not of it
_OTHER_AWARDS = re.compile(r"\b(?:other|smaller|lesser|minor|remaining)\s+(?:[\w-]+\s+)?(?:prizes|awards)\b", re.I)


def asks_top_award(question: str) -> bool:
    """Does the question ask of "the top prize"? Not when it only tells of it ("It has already won the top prize. Can
    it also win Best Director?"): a sentence that ends in a stop before the question is told, not asked."""
    asking = TOLD_BREAK.split(question.strip())[-1]
    return bool(TOP_AWARD.search(asking)) and not _OTHER_AWARDS.search(question)


def _best_ends(name: str) -> str:
    """ "the prize for best actor AT the Film Dash": a "best …" description ends where a function word starts."""
    return name.rsplit(None, 1)[0] if name.lower().startswith("best ") and words(name)[-1] in STOPWORDS else name


def named_awards(question: str) -> list[tuple[str, frozenset[str]]]:
    """Each award the question names, with the words that tell it from other awards ("audience" in "the audience
    award"); generic descriptions ("the main prize", "the cash prize") name none."""
    found: list[tuple[str, frozenset[str]]] = []
    names = [m.group(1) or m.group(2) or m.group(3) for m in _NAMED_AWARD.finditer(question)]
    for name in names + [(m.group(1) or m.group(2)).strip() for m in _CAPITAL_AWARD.finditer(question)]:
        name = _best_ends(name)
        if any(w in STOPWORDS for w in words(name)):
            continue  # "the rules of the edition ABOUT prizes": no award's name
        naming = frozenset(stem(w) for w in words(name) if w not in AWARD_GENERIC)
        if naming and all(naming != n for _, n in found):
            found.append((name, naming))
    return found


# An award a question about money names without a word for an award: "how much does THE BEST SHORT FILM win", "the
# winner of THE SCREENPLAY CATEGORY"
_PRIZE_OF = re.compile(
    r"\bthe\s+((?:best\s+)?[a-z-]+(?:\s+[a-z-]+)?)\s+category\b|\bthe\s+(best\s+[a-z-]+(?:\s+[a-z-]+)?)", re.I
)


def prized_awards(question: str, named: list[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """The awards a question about a prize's sum names: `named`, its `named_awards`, and the category or "best …" it
    asks of."""
    found = list(named)
    for m in _PRIZE_OF.finditer(question):
        name = _best_ends(m.group(1) or m.group(2))
        naming = frozenset(stem(w) for w in words(name) if w not in AWARD_GENERIC and w not in STOPWORDS)
        if naming and all(not naming & n for _, n in found):
            found.append((name, naming))
    return found


_AWARD_WORD = re.compile(r"(?i)(?:award|prize)$")
# Where one sum stands in a text: a sentence, a clause of a list ("…; the Jury Prize, EUR 2,000"), or what follows ", and"
# ("… the Golden Anchor, which carries €5,000, and the Jury Prize"); a table row's "Label: value" cells stay together.
_SEGMENTS = re.compile(r"(?<=[.!?])\s+|;\s+(?![A-Z][\w'’ ]{0,25}:)|\s+…\s+|,\s+and\s+|\s+and\s+the\s+")


# Generic words that still name one award when a question in lower case gives no capitals: "the special jury award"
_NAMING_GENERIC = frozenset({"special", "jury", "grand"})


def asked_award(question: str, awards: list[tuple[str, frozenset[str]]]) -> str:
    """The award whose sum a question asks, as it names it, its generic words too ("the Special Jury Prize", "the Best
    Director award", "the special jury award"): only a sum the text names it beside answers it, not the sum of the
    prize listed before it. `awards`: the question's `named_awards`."""
    names = [n for n, _ in awards] + [m.group(0) for m in _CAPITAL_AWARD.finditer(question)]
    for m in _NAMED_AWARD.finditer(question):
        said = words(m.group(2) or "")
        if said and m.group(2).islower() and set(said) <= AWARD_GENERIC and set(said) & _NAMING_GENERIC:
            names.append(m.group(0))
    return next((n.strip() for n in names if len(n.split()) >= 2), "")


def said_in(naming: frozenset[str], stems: set[str]) -> bool:
    """Are all of an award's naming words in the text's stems, a short one as an abbreviation too ("the best short
    DOC" of "Best Short Documentary")?"""
    return all(
        w in stems or (len(w) <= 4 and any(s.startswith(w) and len(s) > len(w) + 3 for s in stems)) for w in naming
    )


def names_beside(text: str, award: str, amount: re.Pattern[str]) -> bool:
    """Does a sentence or clause of the text hold an amount and the award's name (or its last words: "Jury Prize" of
    "the Kellhaven Jury Prize")?"""
    tail = [w for w in award.split() if w.lower() != "the"]
    # (a prize asked as an award: "the special jury award" of "Special Jury Prize: €2,000"; a short word as an
    # abbreviation: "the best short doc" of "Best Short Documentary")
    said = ["(?:award|prize)" if _AWARD_WORD.match(w) else re.escape(w) + (r"\w*" if len(w) <= 4 else "") for w in tail]
    phrases = [r"\s+".join(said[i:]) for i in range(max(len(said) - 1, 1))]
    return any(
        amount.search(seg) and any(re.search(rf"(?i)\b{p}\b", seg) for p in phrases) for seg in _SEGMENTS.split(text)
    )
