"""A question for what to do ("My cousin edited one of the films. What am I supposed to do?", "Do I need to tell
anyone?") and the instruction that answers it ("must declare it to the Festival Director", "tell the coordinator the
same day"): measured on the written check sets, such questions were answered with the rule's definition of a conflict
or its ban, which tell the juror nothing to do."""

from __future__ import annotations

import re

# A question for what to do: "What should I do?", "What am I supposed to do about that?", "Do I need to tell anyone?",
# "Who do I tell?" (not "What happens now?": a consequence).
WHAT_TO_DO = re.compile(
    r"\bwhat\s+(?:should|do|must|shall|can|could)\s+(?:i|we)\s+(?:\w+\s+){0,2}?do\b|\bwhat\s+(?:am\s+i|are\s+we)\s+"
    r"(?:supposed|meant|expected|required)\s+to\s+do\b|\b(?:do|should|must)\s+(?:i|we)\s+(?:need\s+to\s+|have\s+to\s+)?"
    r"(?:tell|inform|notify|report|declare|disclose|let\s+(?:someone|anyone|anybody|somebody|them|the\s+\w+)\s+know)\b"
    r"|\bwho\s+(?:do|should|must)\s+(?:i|we)\s+(?:tell|inform|contact|notify|report\s+to)\b",
    re.I,
)
# An instruction: what one must do, or is asked to ("must declare it in writing", "shall inform the Secretary", "please
# contact the coordinator"), or an imperative opening a clause ("Tell the coordinator the same day", "Report the loss").
_TELLING = (
    r"declare|disclose|inform|tell|notify|report|communicate|contact|write|email|e-mail|call|ask|send|forward|stop|"
    r"return|withdraw|step\s+down|abstain|leave|speak|talk|let"
)
INSTRUCTION = re.compile(
    rf"\b(?:must|shall|should|will\s+need\s+to|needs?\s+to|ha(?:s|ve)\s+to|(?:is|are)\s+(?:asked|required|expected)\s+to|"
    rf"please)\s+(?:(?:immediately|promptly|also|first|always|then|at\s+once)\s+)?(?:{_TELLING})\b"
    rf"|(?:^|[.;:,–—]\s*|\bthen\s+)(?:please\s+)?(?-i:Tell|Inform|Report|Contact|Declare|Notify|Write|Email|Call|Ask|"
    rf"Send|Forward|Stop|Return|Let|tell|inform|report|contact|declare|notify|let)\b",
    re.I,
)
