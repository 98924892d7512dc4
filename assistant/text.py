"""Small, dependency-free text tools shared by retrieval, answering, citations, evaluation and study."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import PurePath

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves also may might must shall can't
    cannot i'm i've we're we've let lets let's get gets got us ok okay please tell know want need happens happen
    anything something thing things does doesn't don't isn't aren't wasn't weren't hasn't haven't would
    much many one ones what's who's where's how's that's there's it's
    meant mean means said say says told make made go goes went come came gone give given gave take took taken
    think thought see saw seen look looks like really actually exactly still even ever yet already
    someone somebody anyone anybody everyone everybody something anything nothing way ways every""".split()
)
MONTHS = "january february march april may june july august september october november december".split()
_MONTH_NAMES = "|".join(sorted({*MONTHS, *(m[:3] for m in MONTHS), "sept"}, key=len, reverse=True))
# A line that is only a date ("2 July 2026", "Tuesday, July 2, 2026"): a letter's date line, never a title.
DATE_LINE = re.compile(
    rf"(?i)^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\.?"
    rf"|(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?)\s+\d{{4}}\.?$"
)
# Number words and their values: counts in questions and rules ("five members"), magnitudes in the quiz.
NUMBER_WORDS = {
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}
# Auxiliaries and modals: a line that has one states something ("Entries must be sent: ...", "The jury shall
# meet"), where a title or a label does not ("Composition of the jury").
AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|be|been|will|shall|must|may|can|cannot|should|would|has|have|had|do|does)\b", re.I
)
# Question scaffolding words: they say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = frozenset(
    "allowed allow permitted able rule rules say says said regarding concerning according exactly".split()
)

# A list item's marker: bullets (also "-Text" without a space), (1) (a) (ii) (*1), "a) ", "b. ", "ii) ", "No 2:".
# (a checklist's tick box, "[ ] Sign the declaration", "- [x] …", "☐ …", is a bullet too)
_TICK_BOX = r"(?:\[[ xX✓✔]?\]|[☐☑☒])\s*"
LIST_BULLET = re.compile(rf"^(?:[-*+•·▪◦‣●–]\s+(?:{_TICK_BOX})?|{_TICK_BOX}(?=\S)|[-•·▪◦‣●](?=[A-Za-z\"'(]))")
ITEM_MARKER = re.compile(
    r"^(?:\(\s*(?:\d{1,2}|[a-z]|[ivx]{1,4}|\*\d{1,2})\s*\)\s*(?=\S)|(?:[a-z]|[ivx]{1,4})[.)]\s+(?=\S)|\d{1,2}\)\s*(?=\S)"
    r"|No\.?\s?\d{1,3}\s*[:.)–-]\s*(?=\S))"
)

# A currency symbol: "$", "£", "¥" and the Unicode block of currency signs ("€", "₹", "₽", "₱", "₦", "₩", "₺" …).
CURRENCY_SYMBOL = "[$£¥¢¤\u20a0-\u20cf]"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+(?:[.,]\d+)*")
# A stop before a capital: where a sentence the juror tells, not asks, ends ("It has already won the top prize. Can …")
TOLD_BREAK = re.compile(r"(?<=[.!])\s+(?=[A-Z])")
_SENT = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?(?:[A-Z0-9]|" + CURRENCY_SYMBOL + r"))")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light English stemmer (plural, -ing, -ed, -ly...); enough to match 'votes'/'voting'/'voted'."""
    w = word.lower().replace("’", "'").rstrip("'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w[0].isdigit():
        return w
    if w == "criterion":  # the one Latin plural of the trade: "each criterion" asks about the "Criteria"
        return "criteria"
    if len(w) == 4 and w.endswith(("ied", "ies")):  # tied/ties, lied/lies
        return w[:2] + "e"
    for suffix, repl, min_len in (
        ("ational", "ate", 4),
        ("ization", "ize", 4),
        ("iveness", "ive", 4),
        ("fulness", "ful", 4),
        ("ousness", "ous", 4),
        ("ements", "", 4),
        ("ement", "", 4),
        ("ments", "", 4),
        ("ment", "", 5),
        ("ities", "", 4),
        ("ity", "", 4),
        ("ations", "", 4),
        ("ation", "", 4),
        ("ingly", "", 4),
        ("ings", "", 3),
        ("ing", "", 3),
        ("edly", "", 4),
        ("ied", "y", 3),
        ("ies", "y", 3),
        ("ed", "", 3),
        ("ers", "", 4),
        ("er", "", 4),
        ("ly", "", 4),
        ("ses", "s", 4),
        ("es", "", 4),
        ("s", "", 3),
    ):
        # (not the "s" of "miss", "access" or "bonus", which "missed", "accessed" and "bonuses" keep)
        if w.endswith(suffix) and len(w) - len(suffix) >= min_len and not (suffix == "s" and w.endswith(("ss", "us"))):
            w = w[: len(w) - len(suffix)] + repl
            break
    else:
        suffix = ""
    # "stopped" -> "stop"; a short verb's doubled consonant too ("banned", "winner" -> "ban", "win"), not a short
    # word's own ("fall", "less", "jazz", "add")
    if (len(w) > 4 or (len(w) == 4 and suffix in ("ed", "ing", "er", "ers"))) and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    # a verb in "-ate" as its noun in "-ation" is stemmed: "the juries deliberate" answers "the deliberation"
    if len(w) >= 7 and w.endswith("at") and word.lower().endswith(("ate", "ates", "ated", "ating")):
        w = w[:-2]
    return w


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


_ZERO = frozenset(("zero", "nought"))
# "Is it black tie?" asks about dress, not a tied vote
_DRESS_TIE = re.compile(r"\b(?:black|white)[- ]tie\b", re.I)


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stopwords), in order, duplicates kept."""
    out = []
    for w in words(_DRESS_TIE.sub("dress", text)):
        base = w[:-2] if w.endswith("'s") else w
        if base in STOPWORDS or base in QUESTION_WORDS or (len(base) < 2 and not base.isdigit()):
            continue
        # "a zero" is "a score of 0" (other number words stay words: "two of us" counts nothing to find)
        out.append("0" if base in _ZERO else stem(base))
    return out


# A reference to a part of the rules by its number ("Articles 2, 3 and 4", "Section 5.2", "§ 3", "Rule 19"): no count.
_REFERENCE = re.compile(
    r"(?i)(?:\b(?:articles?|art\.|sections?|clauses?|paragraphs?|para\.|rules?|annex(?:es)?)|§+)\s*\d+(?:\.\d+)*"
    r"(?:\s*(?:,|and|or|to|–|-)\s*\d+(?:\.\d+)*)*"
)


def without_references(text: str) -> str:
    """The text without its references to numbered parts of the rules, whose numbers count nothing."""
    return _REFERENCE.sub(" ", text)


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d+(?:[.,]\d+)*", text)}


_ABBREV = re.compile(
    r"(?:\b(?:No|Nos|Art|Arts|Sec|Para|para|p|pp|cf|e\.g|i\.e|etc|Mr|Ms|Mrs|Dr|St|vs|approx|incl|Ch|Fig|Vol))\.$"
)


def split_sentences(text: str) -> list[str]:
    """Sentences (and list items/lines) of a passage, stripped, in order; 'No. 1', 'Art. 5' and a bracket don't
    split."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        pieces = _marks_open(s.strip() for s in _SENT.split(line) if s.strip())
        merged: list[str] = []
        for piece in pieces:
            # (nor inside brackets the next piece closes: "Nine Bridges (dir. Ama Fenwick), by secret ballot"; a
            # bracket left open runs on no further)
            inside = bool(merged) and merged[-1].count("(") > merged[-1].count(")") and ")" in piece
            if merged and (_ABBREV.search(merged[-1]) or inside):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        out.extend(merged)
    return out


_PARAGRAPH_MARK = re.compile(r"(?:^|(?<=[.!?;:])\s+)(§+\s*\d+[a-z]?\.)$")  # (not "… as § 2." that refers to it)


def _marks_open(pieces: Iterable[str]) -> list[str]:
    """ "… on social networks. § 4. The travel costs …": a paragraph's mark opens the sentence after it."""
    out: list[str] = []
    carry = ""
    for piece in pieces:
        piece = f"{carry} {piece}".strip()
        mark = _PARAGRAPH_MARK.search(piece)
        carry = mark.group(1) if mark else ""
        piece = piece[: mark.start()].strip() if mark else piece
        if piece:
            out.append(piece)
    return out + [carry] if carry else out


# A clause whose letter is joined to its number ("J3.2", "B1.1"): shown as its citation, never in the answer's words.
_JOINED_CLAUSE = r"(?-i:[A-Z])\d{1,3}\.\d{1,3}(?:\.\d{1,3})*"
# Where a clause's title ends: at a full stop before a sentence ("8.4 Tie-breaks. If …") or at a colon, never at "Art."
# in "2.2 In Art. 13.2, … is replaced by …" (the chunker's section labels and the answer's words read it alike).
CLAUSE_TITLE_END = r"(?:\.\s+(?=[A-Z(\"“])|:\s+)"


def strip_clause_number(sentence: str) -> str:
    """'8.4 Tie-breaks. If two films…' -> 'If two films…' (keeps sentences that are only a label)."""
    m = re.match(
        # not the day of a date ("17 March, 23:59 | Deadline for score sheets")
        rf"^(?:(?:article|clause|art\.)\s+|(?P<word>rule|section|regulation|§|¶)\s*)?"
        rf"(?:\d{{1,3}}(?:\.\d{{1,3}})*|{LETTERED_CLAUSE}|{_JOINED_CLAUSE})[.)]?\s+"
        rf"(?!(?:{_MONTH_NAMES})(?![a-z]))"
        # ("Rule 5.6 The decisions …", not "Section 7.4 is replaced as follows: …", which speaks of the section)
        r"(?(word)(?=(?-i:[A-Z(\"“])))"
        rf"(?P<title>[A-Z][^.:;!?]{{1,60}}{CLAUSE_TITLE_END})?(?=\S)",
        sentence,
        re.I,
    )
    if not m:
        return sentence
    end = m.end()
    # a clause that says something is no title: "2.1 The International Jury has five members: filmmakers, …"
    if m.group("title") and AUXILIARY.search(m.group("title")):
        end = m.start("title")
    return sentence[end:] if len(sentence) - end > 15 else sentence


def quote_parts(quote: str) -> list[str]:
    """The pieces of a citation quote, which joins non-adjacent sentences with an ellipsis."""
    return [p.strip() for p in re.split(r"…|\.\.\.", quote) if p.strip()]


def _norm_line(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def is_title_line(text: str, title: str) -> bool:
    """The document's title printed again ("REGULATIONS FOR THE HARBOUR FILM AWARDS 2024" under that title)."""
    line, whole = _norm_line(text), _norm_line(title)
    if not line or not whole:
        return False
    if line == whole or (len(line) >= 8 and line in whole):
        return True
    return whole in line and len(line) <= len(whole) + 12


def vocabulary(text: str) -> list[str]:
    """The words of a text that the synonym check compares with (no stopwords, numbers or short words); stored at
    ingest so that a question only encodes its own words."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def passages(n: int) -> str:
    """'1 passage', '12 passages': what a file came to, as the organiser reads it."""
    return f"{n} passage" if n == 1 else f"{n} passages"


def file_words(source: str) -> str:
    """A file's name as words ("carrow_prize-statute.txt" -> "carrow prize statute"): what a title falls back on."""
    return PurePath(source).stem.replace("-", " ").replace("_", " ")


# A clause numbered under a letter, as an annex numbers them: "B.2", "A.1.3".
LETTERED_CLAUSE = r"(?-i:[A-Z])\.\d{1,3}(?:\.\d{1,3})*"


# A sentence that opens a list: "... as follows:", or a statute's "The Jury shall award -" before its "(a)" items.
_OPENS_LIST = re.compile(r"(?::|\s[-–—])\s*$")


def opens_list(text: str) -> bool:
    return bool(_OPENS_LIST.search(text))


def with_question_mark(question: str) -> str:
    """Read (and embedded) as if typed with its closing mark: "which hotel am i staying at" found another passage."""
    return question if not question or re.search(r"[?.!…:;)\]\"'”’]\s*$", question) else f"{question}?"
