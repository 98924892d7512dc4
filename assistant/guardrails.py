"""Juror guardrails: never pick winners; questions about disclosure get the confidentiality rule first."""

from __future__ import annotations

import re

_DECIDE = re.compile(
    r"\b(which|what|who)\b[^?]{0,40}\b(should|must|will|would|deserves?|ought to)\b[^?]{0,30}\b(win|vote for|be awarded)\b"
    r"|\b(which|what|who)\b[^?]{0,40}\b(should|deserves?|ought to)\b[^?]{0,30}\b(get|receive|take)\b[^?]{0,30}\b(prize|award|lantern|mention|best)\b"
    r"|\b(who|which)\b[^?]{0,30}\b(is|was) the best\b[^?]{0,40}\b(film|movie|documentary|short|performance|actor|actress|director)\b"
    r"|\b(pick|choose|rank|tell me)\b[^?]{0,20}\b(the )?(winner|winners|best film|best movie)\b"
    r"|\bhow should (i|we) vote\b|\bwho should (i|we) vote for\b|\bwho deserves\b",
    re.I,
)
_DISCLOSE = re.compile(
    r"\b(tell|share|say|disclose|reveal|post|publish|talk|speak|discuss|mention|leak|explain|tweet)\b[^?]{0,80}"
    r"\b(vote|votes|voted|voting|deliberations?|discussions?|results?|ballots?|winners?|won|wins?|decisions?|scores?|how we)\b"
    r"|\b(journalist|press|reporter|media|interview|social media|instagram|twitter|friends?|family|spouse|partner)\b[^?]{0,80}\b(vote|votes|voted|deliberations?|results?|winners?|won|decision)\b",
    re.I,
)
CONFIDENTIALITY_TERMS = ("confidential", "confidentiality", "deliberations", "disclose", "reveal")
CRITERIA_QUERY = "judging criteria used to assess and score the films"


def asks_to_decide(question: str) -> bool:
    return bool(_DECIDE.search(question))


def asks_about_disclosure(question: str) -> bool:
    return bool(_DISCLOSE.search(question))


DECLINE_TEXT = (
    "I can't tell you which film should win or how to vote: that judgment belongs to you and your fellow jurors. "
    "Here is what the rules say you should weigh:"
)
