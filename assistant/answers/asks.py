"""The parts of a question: its asks ("How big is the jury, and must it include someone from the host country?"),
and the question without what comes before it and asks nothing (a preface, a statement it does not lean on)."""

from __future__ import annotations

import re

from assistant.answers.companions import asks_about_companion
from assistant.answers.draft import Draft
from assistant.answers.names import names_in
from assistant.answers.needs import OPENER, answer_need, meets
from assistant.text import TOLD_BREAK, content_terms, split_sentences, stem

_ASK_WORDS = (
    r"can|could|may|might|must|should|shall|will|would|do|does|did|is|are|am|was|were|has|have|had|how|what|when|"
    r"where|who|whom|whose|which|why"
)
# Where a question turns to another ask: a question mark, a semicolon, or "and"/"or"/"but" before an asking word
# ("How long may a film be, and do the credits count?", "What is scored and what is a perfect score?").
_ASK_BREAK = re.compile(
    rf"\?\s+|;\s+|,?\s+(?:and|or|but|also)\s+(?=(?:(?:on|in|at|by|for|from|to|with|under|of)\s+)?"
    rf"(?:what if|if so|{_ASK_WORDS})\b)",
    re.I,
)
_ASKING = re.compile(
    rf"^\s*(?:and\s+|but\s+|so\s+|also\s+)?(?:(?:on|in|at|by|for|from|to|with|under|of)\s+(?=what|which|whom|whose))?"
    rf"(?:what if|if so|{_ASK_WORDS})\b",
    re.I,
)


# A person's possessive ("… pay for HIS room", "… cover THEIR flight"), whose person an earlier ask may name.
_PERSON_BACK = re.compile(r"\b(?:his|her|their)\b", re.I)
# A few words before a comma or a dash that set the scene of an ask ("At the festival, how many …", "If I'm late,
# can I …", "pro jury at the youth festival - what's the fee …").
_LEAD_CLAUSE = re.compile(r"^[^,?]{1,60}?(?:,|\s[-–—]+)\s*")


def _asks(piece: str) -> bool:
    lead = _LEAD_CLAUSE.match(piece)
    return bool(_ASKING.match(piece) or (lead and _ASKING.match(piece[lead.end() :])))


def ask_parts(question: str) -> list[tuple[str, str]]:
    """The asks of a question as (its own words, the words it is judged by): "How big is the jury" and "must it
    include someone from the host country"; one ask for a question with one part. Statements around them ("I'm
    helping run the screenings.") are not asks; an ask with few words of its own ("and did that cost extra?") takes
    the statements and the ask before it along to be judged by."""
    sentences = TOLD_BREAK.split(question.strip())
    asks: list[str] = []
    context: list[str] = []
    for n, sentence in enumerate(sentences):
        pieces = [p.strip(" ,?") for p in _ASK_BREAK.split(sentence) if p and p.strip(" ,?")]
        if len(pieces) > 1 and len(pieces[0].split()) == 1:  # "When and where is the screening?" asks once
            pieces = [sentence.strip(" ?")]
        # a sentence that ends with a stop before the question is told, not asked: "My daughter is 16 and HAS been
        # picked for the youth jury. Do I need to sign anything?"
        told = n < len(sentences) - 1 and sentence.rstrip()[-1:] in ".!"
        for piece in pieces:
            if not told and (_asks(piece) or (sentence.rstrip().endswith("?") and len(pieces) == 1)):
                asks.append(piece)
            else:
                context.append(piece)
    if len(asks) <= 1:
        return [(question, question)]
    out = []
    for i, ask in enumerate(asks):
        # ("Can I bring my husband along? Would the festival pay for HIS room?": the companion the ask before names)
        leans = len(content_terms(ask)) < 3 or (
            i > 0 and _PERSON_BACK.search(ask) is not None and asks_about_companion(asks[i - 1])
        )
        judged = " ".join([*context, *asks[i - 1 : i], ask]) if leans else ask
        out.append((ask, judged))
    return out


# Words with which an ask leans on the sentence before it ("Do we have to show IT in full?", "Can I STILL sit on
# THAT jury?").
_LEANS_BACK = re.compile(r"\b(?:it|its|they|them|their|she|her|he|him|his|this|that|these|those|such|so|still)\b", re.I)
_NAMED_THING = re.compile(r"\b(?:a|an|the|no|any|every|each|one|some|my|our|your)\s+([a-z][\w'’-]*)", re.I)


# Where a preface ends: a sentence's end, a colon ("Please tell me: …") or a dash ("Quick question - …").
_PREFACE_BREAK = re.compile(r"(?<=[.!])\s+(?=[A-Z])|(?<=:)\s+|\s[-–—]+\s")
_PREFACE = re.compile(r"^\s*([^.!?:]{1,40}?)(?::\s+|\s[-–—]+\s)")
# A sentence of its own ("Thanks!"), not the words a follow-up's standalone form appends ("… it? per diem").
_AFTER_THE_QUESTION = re.compile(r"^(.*\?)\s+([A-Z][^?]*|[^?]*[.!])$", re.S)
# "As a member of the jury, …": the asker's role, which every juror shares, before the question.
_AS_ROLE = re.compile(r"^\s*as\s+(?:an?|the|one of the)\s+([^,]{1,40}),\s*", re.I)
_JURY_ROLE_WORDS = frozenset(
    stem(w) for w in "jury juries juror jurors judge judges member members panel panelist panellist adjudicator".split()
)


def asked(question: str) -> str:
    """The question without what comes before it and asks nothing: sentences it does not lean on ("I'm new to
    this and want to get it right. How are entries scored?": "right" met "reserves the right"), a preface ("Quick
    question -", "Please tell me:") and the role every juror has ("As a member of the jury, …"). "One team's film
    runs long. Do we have to show it in full?" keeps its first sentence, which "it" needs; a sentence that names
    something ("I'm on the Riverbend jury.", "A sales agent has invited me to dinner. Can I accept?") says what the
    question is about and stays."""
    role = _AS_ROLE.match(question)
    if role and set(content_terms(role.group(1))) <= _JURY_ROLE_WORDS:
        question = _after(question, role.end())
    # A preface before a colon or a dash that asks and names nothing ("Quick question -") goes whatever follows.
    # It stays when the ask after it is too short to say what it is about ("Something's wrong with my hotel room -
    # who do I get in touch with?").
    preface = _PREFACE.match(question)
    if (
        preface
        and not _ASKING.match(preface.group(1))
        and not _says_something(preface.group(1))
        and len(content_terms(question[preface.end() :])) >= 2
    ):
        question = _after(question, preface.end())
    # A word or two after the question that say nothing ("Thanks!", "Cheers."): not searched on.
    courtesy = _AFTER_THE_QUESTION.match(question)
    if courtesy and len(courtesy.group(2).split()) <= 2 and not _says_something(courtesy.group(2)):
        question = courtesy.group(1)
    pieces = [p for p in _PREFACE_BREAK.split(question.strip()) if p.strip()]
    k = 0
    while k < len(pieces) - 1 and not pieces[k].rstrip().endswith("?") and not _ASKING.match(pieces[k]):
        k += 1
    # The sentences the question leans on stay with it, each of those the sentences it leans on in turn ("One team's
    # film runs long. Do we have to show it in full?"); what comes before them and says nothing goes.
    while k > 0 and (_leans_back(OPENER.sub("", pieces[k])) or len(content_terms(" ".join(pieces[k:]))) < 2):
        k -= 1
    rest = OPENER.sub("", " ".join(pieces[k:]))
    before = " ".join(pieces[:k])
    if k == 0 or len(content_terms(rest)) < 2 or _says_something(before) or _names_a_thing(before):
        return question
    return _after(rest, 0)


def _leans_back(sentence: str) -> bool:
    """A word that points back before the sentence names anything it could point at: "Is THAT allowed?", "SHE edited
    one of the films.", not "If we think no film deserves a prize, can we just not give IT?"."""
    back = _LEANS_BACK.search(sentence)
    named = _NAMED_THING.search(sentence)
    return back is not None and (named is None or back.start() < named.start())


def _names_a_thing(text: str) -> bool:
    """A thing named with its article ("A SALES AGENT has invited me", "I did THE SUBTITLE translation"), not the
    juror's own role or the festival ("I'm new to the jury", "my first time at a festival")."""
    return any(stem(found.group(1)) not in _NO_SITUATION for found in _NAMED_THING.finditer(text))


# Words after an article that name no situation: the juror's role, the festival itself, and how much or how often
# ("a bit nervous").
_NO_SITUATION = _JURY_ROLE_WORDS | frozenset(
    stem(w) for w in "festival festivals event bit lot little few first time".split()
)


def _says_something(text: str) -> bool:
    """A name ("I'm on the Riverbend jury.") or a number ("Article 5:", "My film runs 25 minutes.") says what the
    question is about."""
    return bool(names_in(text)) or any(ch.isdigit() for ch in text)


def _after(question: str, start: int) -> str:
    """The question from `start` on, opening with a capital; the whole question when nothing would be left."""
    rest = question[start:]
    return rest[:1].upper() + rest[1:] if content_terms(rest) else question


def split_asks(question: str) -> list[str]:
    """The asks of a question, each in the words it is judged by (see `ask_parts`)."""
    return [judged for _, judged in ask_parts(question)]


def quotes_for(draft: Draft, ask: str) -> bool:
    """Does a sentence the answer quotes hold what the ask wants, in its words ("The Pitch Jury elects a Chair …" for
    "who chairs it")? Then the answer does not tell the juror that the rules leave that part unanswered."""
    need, wanted = answer_need(ask), set(content_terms(ask))
    return bool(wanted) and any(
        meets(sentence, need) and wanted <= set(content_terms(sentence)) for sentence in split_sentences(draft.text)
    )
