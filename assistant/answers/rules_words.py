"""The rules' own words for what a juror says in plain words: a prize given to two films is awarded "ex aequo", a
post on Instagram is on "social media", an honourable mention is a "special mention". Used to search with (and, for
"ex aequo", to quote on), and to tell a plain word the library never uses from a thing it does not hold."""

from __future__ import annotations

import re

from assistant.answers.kinds import SHARED_AWARD, SHARED_AWARD_TERM
from assistant.answers.names import SOCIAL_NETWORKS
from assistant.answers.needs import answer_need, meets
from assistant.text import stem


def with_rules_word(topic: str, searching: bool = False) -> str:
    """The question with the rules' own word for what the juror describes in plain words: one award for two films is
    given "ex aequo"; when `searching`, also a jury "split down the middle" or votes that "come out level" are a "tie"
    (only to search with: quoted on, the word favoured a glossary's definition of a tie over the rule on one), a jury
    that finds no film good enough one that may "decide not to award the prize", a cousin who edited a competing film
    a "conflict of interest", and a post on Instagram or TikTok is on "social media"."""
    if SHARED_AWARD.search(topic) and SHARED_AWARD_TERM not in topic.lower():
        return f"{topic} ({SHARED_AWARD_TERM})"
    need = answer_need(topic) if searching else None
    term = _KIND_TERMS.get(need.kind) if need is not None else None
    if term and not meets(topic, need):  # not already in the rules' words
        return f"{topic} ({term})"
    if searching and _JURY_SIZE.search(topic) and not re.search(r"(?i)\b(?:consist|compos)", topic):
        return f"{topic} ({_SIZE_TERM})"  # "How many of us will there be?": the jury "consists of five members"
    for plain, term in _RULES_TERMS if searching else ():
        if plain.search(topic) and term not in topic.lower():
            return f"{topic} ({term})"  # "post on Instagram": the rules say "social media"
    return topic


def said_plainly(topic: str, known: set[str]) -> set[str]:
    """The words of the question's plain phrases whose rules' term the library uses ("honourable" of "an honourable
    mention" where the rules say "special mention"): words the library lacks that say a thing it holds."""
    found = [
        m.group(0)
        for plain, term in _RULES_TERMS
        if all(stem(w) in known for w in term.split())
        for m in plain.finditer(topic)
    ]
    return {w.lower() for phrase in found for w in phrase.split()}


# What a question of these kinds is searched with when it says it in plain words (needs.ANSWER_KINDS).
_KIND_TERMS = {
    "tie": "tie, equal votes, casting vote",
    "withheld": "decide not to award the prize",
    "conflict": "conflict of interest",
}


# The size of a jury asked in plain words ("How many of us will there be?", "How big is the Méliès jury?", "How many
# people sit on the panel?"), which the rules give as what it "consists of" or is "composed of".
_JURY_SIZE = re.compile(
    r"(?i)\bhow\s+(?:many\s+(?:people|persons|members|jurors|judges|critics|panel+ists|of\s+us|of\s+them)|big|large)\b"
    r"[^?]{0,60}\b(?:jury|juries|panel|committee|there\s+be|sit|serve|on\s+it)\b"
)
_SIZE_TERM = "consists of, composed of members"
# Plain words and the rules' word for them: a social network by name is "social media" (not a video site, where a
# film may be "online"); the honourable mention of everyday speech is the rules' "special mention".
_RULES_TERMS = (
    (
        re.compile(rf"(?i)\b(?:{'|'.join(SOCIAL_NETWORKS)}|tweet|tweets|tweeting)\b"),
        "social media",
    ),
    (re.compile(r"(?i)\bhonou?rable mentions?\b"), "special mention"),
    # "Can we at least recognise the other film in some way?", "Can they single out a second film as well?"
    (
        re.compile(
            r"(?i)\b(?:recogni[sz]e|single out|acknowledge|commend)\b[^?.!]{0,30}\b(?:other|another|second|runner-up)\b"
        ),
        "special mention",
    ),
    # "Do I get paid?", "Are the kids on the youth jury paid anything?": the rules may say the service is "unpaid"
    (
        re.compile(
            r"(?i)(?:^|[.!?,;:]\s*)(?:(?:so|and|but|also|ok|okay)\s+)?(?:do|does|will|would|am|are|is|can)\s+"
            r"(?:i|we|you|they|the|our|jurors?|judges?|members?)\b[^?.!]{0,40}?\bpaid\b"
            r"(?!\s+for\b\s*(?:[?,.!]|and\b|$))"
        ),
        "unpaid",
    ),
    # two marks or two markers "miles apart": the rules' marks that "differ"
    (
        re.compile(r"(?i)\b(?:disagree\w*|(?:miles|far|way) apart|(?:can['’]?t|cannot|don['’]t|do not) agree)\b"),
        "differ",
    ),
)
