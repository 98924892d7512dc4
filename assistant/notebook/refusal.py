"""Never a verdict: a request to rank films, compare marks, pick a winner or sum up films' merits is declined, with
the festival's own rule on how the jury decides.

The chat's guardrail (`assistant.answers.guardrails.asks_to_decide`) is the first test; the notebook adds the
requests only a notebook invites ("compare my marks with the other jurors'", "what is my average mark?", "summarise
the merits of my films"). `with_jury_rule` adds the same rule to the chat's own refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.answers.guardrails import DECLINE_TEXT, asks_to_decide
from assistant.notebook.checks import Numbering, jury_decision_rules
from assistant.notebook.rulebook import Rulebook
from assistant.schema import Answer, Citation
from assistant.study.sentences import where

_NOTEBOOK_VERDICT = re.compile(
    "|".join(
        (
            r"\b(?:rank|ranking|order|sort|list)\b[^?.!]{0,30}\b(?:films?|movies?|entries|shorts|documentaries)\b"
            r"[^?.!]{0,30}\b(?:best|worst|mark|marks|score|scores|merit|quality|preference|favou?rite)",
            r"\b(?:rank|ranking)\b[^?.!]{0,20}\b(?:my|the|these|our|all)\b[^?.!]{0,20}\b(?:films?|movies?|entries)\b",
            r"\bcompare\b[^?.!]{0,40}\b(?:marks?|scores?|ratings?|notes?)\b",
            r"\b(?:other|fellow)\s+jurors?(?:'s|’s|')?\b[^?.!]{0,40}\b(?:marks?|scores?|ratings?|notes?|rated|scored)\b",
            r"\b(?:summari[sz]e|sum up|assess|evaluate|judge)\b[^?.!]{0,40}\b(?:merits?|strengths?|weaknesses?|quality)\b",
            r"\b(?:average|mean|total|overall|weighted)\s+(?:mark|score|rating)s?\b",
            r"\b(?:best|strongest|top|winning)\s+(?:film|movie|entry|short|documentary)s?\s+(?:so far|of (?:the|my|all))\b",
            r"\bwhich\b[^?.!]{0,30}\b(?:my|the)\b[^?.!]{0,20}\b(?:films?|movies?)\b[^?.!]{0,20}\b(?:best|better|strongest)\b",
        )
    ),
    re.I,
)
NO_VERDICT = (
    "The notebook never ranks films, compares your marks with anyone's, suggests a winner or sums up a film's merits: "
    "judging is the jury's, by the festival's own procedure."
)
NO_RULE = (
    "The loaded rules do not say how the jury decides; the jury's President or the festival will tell you how the "
    "vote works."
)


def asks_for_verdict(question: str) -> bool:
    """Does the question ask the notebook (or the chat) to judge: rank, compare marks, pick or sum up merits?"""
    return asks_to_decide(question) or bool(_NOTEBOOK_VERDICT.search(question))


def _decline_sentence() -> str:
    """The chat's own refusal, its first sentence: one voice for the same refusal."""
    first = re.split(r"(?<=[.!?])\s+", DECLINE_TEXT.strip(), maxsplit=1)[0]
    return first if first.endswith((".", "!", "?")) else first + "."


@dataclass
class Refusal:
    text: str
    citations: list[Citation]

    def to_markdown(self) -> str:
        lines = [self.text, ""] + [f"{c.n}. {where(c)}" for c in self.citations]
        return "\n".join(lines).rstrip() + "\n"


def refusal(rulebook: Rulebook) -> Refusal:
    """The refusal with the rule on how the jury decides (voting, then the tie-break), quoted and cited."""
    numbering = Numbering()
    rules = jury_decision_rules(rulebook)
    if not rules:
        return Refusal(f"{_decline_sentence()} {NO_VERDICT} {NO_RULE}", [])
    quoted = " ".join(f"“{f.rule.text}” [{numbering.cite(f.rule.citation)}]" for f in rules)
    return Refusal(
        f"{_decline_sentence()} {NO_VERDICT} How the jury decides, in the rules: {quoted}", numbering.citations
    )


def with_jury_rule(answer: Answer, rulebook: Rulebook) -> Answer:
    """The chat's refusal (`Answer.declined`) with the jury's rule on how it decides added and cited after the
    answer's own citations; any other answer unchanged."""
    if not answer.declined:
        return answer
    rules = jury_decision_rules(rulebook)
    if not rules:
        return replace(answer, answer=f"{answer.answer}\n\n{NO_RULE}")
    citations = list(answer.citations)
    known = {(c.chunk_id, c.quote): c.n for c in citations}
    parts = []
    for f in rules:
        key = (f.rule.citation.chunk_id, f.rule.citation.quote)
        if key not in known:
            citations.append(replace(f.rule.citation, n=len(citations) + 1))
            known[key] = len(citations)
        parts.append(f"“{f.rule.text}” [{known[key]}]")
    text = f"{answer.answer}\n\nHow the jury decides, in the rules: {' '.join(parts)}"
    return replace(answer, answer=text, citations=citations)
