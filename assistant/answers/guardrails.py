"""Juror guardrails: never pick winners; questions about disclosure get the confidentiality rule first."""

from __future__ import annotations

import re

# The decline-to-judge rule tells a request for the assistant's own judgement ("Which film should win?",
# "Pick the winner for me", "How should I vote?") from a question about how winners are chosen ("Who chooses
# the winners?", "How many voters choose an award's winners?"), which is a question about the rules.
_SUBJECT = (
    r"(?:who|which(?:\s+of\s+(?:the|these|those|our|them)(?:\s+\w+)?"
    r"|\s+(?:film|movie|documentar(?:y|ies)|short|one|performance|actor|actress|director|title|entry|work|picture"
    r"|nominee|candidate)s?)?|what\s+(?:film|movie|documentary|short|performance|actor|actress|director|title|entry"
    r"|work|picture)s?)"
)
_FILMISH = (
    r"(?:film|movie|documentar(?:y|ies)|short|performance|actor|actress|director|screenplay|cinematography|one)s?"
)
# Requests for judgement in the first or second person, or as an order: always declined.
_ASKS_ME = re.compile(
    "|".join(
        (
            # "How should I vote?" (but not "How should we vote if two films tie?")
            r"\bhow should (?:i|we) (?:vote|score|rank|decide|choose|pick)\b(?![^?.!]{0,40}\b(?:if|when|in case|once"
            r"|after|before|during|in the \w+ round|by (?:secret )?ballot|by (?:a )?show of hands|secretly|remotely"
            r"|by proxy)\b)",
            # "Who should we vote for?", "Which film should I give my vote to?"
            rf"\b{_SUBJECT}\s+should (?:i|we) (?:vote for|pick|choose|back|support|give|award|rank|score)\b",
            # "Who would you pick for Best Director?", "Which one would you vote for?"
            rf"\b{_SUBJECT}\s+(?:would|will|do) you (?:pick|choose|vote for|prefer|back|favou?r"
            r"|recommend|rank)\b",
            r"\b(?:would|will) you give\b[^?.!]{0,40}\b(?:prize|award|vote|score|points?|out of|win)",
            rf"\byour (?:pick|favou?rite|prediction|bet|top \w+)\b(?:[^?.!]{{0,30}}\b(?:win|winner|best|prize|award"
            rf"|{_FILMISH})\b|\s*\?)",
            r"\b(?:in your (?:opinion|view)|what do you think)\b[^?]{0,60}\b(?:win|best|better|deserv)",
            # "Pick the winner for me", "Rank the films", "Could you choose the best short?", "Help me pick a winner"
            r"(?:^|[.!?;:,]\s*)(?:(?:please|ok|okay|so|now|just)[\s,]+)*(?:(?:can|could|would|will) you\s+(?:please\s+)?"
            r"|help (?:me|us)\s+(?:to\s+)?|i (?:want|need|would like) you to\s+|let'?s\s+)?"
            r"(?:(?:pick|choose|select|recommend|suggest|predict|decide)\b(?!\s+(?:how|when|whether|if)\b)"
            r"[^?.!]{0,40}\b(?:winners?|win|wins|best|top|favou?rites?|strongest)\b|rank\b)",
            # "Tell me which film to vote for"
            r"\btell (?:me|us)\b[^?.!]{0,20}\b(?:which|what|who)\b[^?.!]{0,40}\b(?:to vote for|to pick|to choose|to back"
            r"|should|ought to|deserves?|(?:is|was) (?:the )?(?:best|better)|will win|would win|is going to win)\b",
            # "Should we give the award to <a film>?"
            r"^\W*should (?:i|we) (?:give|award) (?:the|our|my) (?:\w+\s+){0,3}?(?:prize|award|vote|mention|trophy)s? to\b",
            # "Is <one film> better than <another>?"
            r"\b(?:is|was|are)\s+[^?.!]{1,60}\s+(?:better|worse|stronger|weaker|more deserving)\s+than\b",
        )
    ),
    re.I,
)
# Questions about who wins, asked as a judgement: declined unless they ask how the choice is made.
_ASKS_WHO_WINS = re.compile(
    "|".join(
        (
            # "Which film should win?", "Which film ought to get the prize?" (not "Who should receive the prize money?")
            rf"\b{_SUBJECT}\s+(?:[\w']+\s+){{0,4}}?(?:should|ought to|deserves? to|merits? to)\s+(?:\w+\s+)?"
            r"(?:win|be awarded|(?:take|get|receive|be given)\b[^?.!]{0,30}\b(?:prize(?! money)|award|trophy|mention|best"
            r"|grand|golden|top))\b",
            # "Who will win Best Actress?"
            rf"\b{_SUBJECT}\s+(?:[\w']+\s+){{0,4}}?(?:will|would|is going to)\s+win\b",
            # "Who deserves Best Actress?"
            rf"\b{_SUBJECT}\s+(?:[\w']+\s+){{0,3}}?(?:deserves?|merits?)\b",
            # "Which film is the best?", "Who is the best actress in the competition?"
            rf"\b{_SUBJECT}\s+(?:is|was|are|were)\s+(?:the\s+)?(?:best|better|strongest|finest|greatest|worst)\b"
            rf"(?:\s+{_FILMISH}\b|\s*\?|\s+(?:of|in|among)\s+(?:them|these|the (?:films|competition|selection|nominees)))",
        )
    ),
    re.I,
)
# ... "Who decides which film will win?", "Which film would win if two films tie?": how the choice is made.
_ASKS_HOW_CHOSEN = re.compile(
    r"\b(?:decides?|decided|determines?|determined|chooses|chose|chosen|picks|picked|selects|selected|knows?"
    r"|announces?|announced|votes? on|how)\s+(?:\w+\s+){0,2}?(?:which|who|what)\b"
    r"|\b(?:if|when|unless|in case|in the event)\b",
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
    """Does the question ask the assistant to judge (pick, rank, say who should win or how to vote)?

    A question about how winners are chosen is a question about the rules and is answered.
    """
    if _ASKS_ME.search(question):
        return True
    return bool(_ASKS_WHO_WINS.search(question)) and not _ASKS_HOW_CHOSEN.search(question)


def asks_about_disclosure(question: str) -> bool:
    return bool(_DISCLOSE.search(question))


DECLINE_TEXT = (
    "I can't tell you which film should win or how to vote: that judgment belongs to you and your fellow jurors. "
    "Here is what the rules say you should weigh:"
)
