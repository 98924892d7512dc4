"""What a rule does: oblige (must), forbid (must not), permit (may), restrict to someone (only X may), or state.

Read in the sentence's main clause, as a reader of rules reads it:

- a quantity is no negation: "no fewer than seven judges", "no more than two awards", "no later than 1 May";
- a rule that says what something is made of or counts as ("The panel shall be comprised of seven judges", "Five
  members shall form a quorum", "There shall be no more than three awards") constitutes, it obliges nobody: a
  statement;
- "may not", "cannot", "is not permitted", "is prohibited", "No juror may ..." forbid;
- "Only the President may ..." restricts: permitted to the one named, forbidden to everyone else;
- "is not required to", "need not" oblige nobody;
- an opening condition ("If you cannot find the driver, call ...") and a date ("1 May 2027") are not the rule.
"""

from __future__ import annotations

import re

MODALITIES = ("obligation", "prohibition", "permission", "restriction", "statement")

# Quantities that read like negations: "no fewer than 7", "not more than two", "no later than".
_QUANTITY = re.compile(
    r"\b(?:no|not)\s+(?:fewer|more|less|later|earlier|sooner|longer|shorter|greater|smaller)\s+than\b", re.I
)
_MONTH_MAY = re.compile(r"\b\d{1,2}\s+May\b|\bMay\s+\d{1,4}\b")
_NOT_NEEDED = re.compile(
    r"\b(?:do|does|did|need) not need to|\bdon't need to|\bneed not\b|\b(?:is|are) not (?:required|expected|obliged) to|"
    r"\bnot (?:required|expected|obliged) to",
    re.I,
)
_CONDITION = re.compile(r"^(?:if|when|where|unless|once|in case|should)\b[^,;:]{0,160},\s*", re.I)
# What something is made of or counts as: constitutive, not an obligation of anyone.
_CONSTITUTES = re.compile(
    r"\b(?:shall|will|must|is to|are to)\s+(?:be\s+)?(?:comprised|composed|constituted|made\s+up|formed|chaired|"
    r"consist|comprise|compose|constitute|form|count|mean|include|number)\b"
    r"|\b(?:shall|will)\s+be\s+(?:held|presented|announced|awarded\s+annually|known\s+as)\b"
    r"|^there\s+(?:shall|will)\s+be\b(?!\s+no\s+(?!(?:more|fewer|less)\b))",
    re.I,
)
RESTRICTION = re.compile(
    r"^(?:[\w,'’()-]+\s+){0,3}?only\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){1,6}?"
    r"(?:may|can|shall|is\s+(?:allowed|permitted|entitled)|are\s+(?:allowed|permitted|entitled))\b",
    re.I,
)
PROHIBITION = re.compile(
    r"\b(?:must not|mustn't|shall not|may not|cannot|can not|can't|should not|shouldn't|will not be (?:accepted|"
    r"eligible|allowed|permitted|considered)|(?:is|are) not (?:allowed|permitted|eligible|accepted)|not be (?:allowed|"
    r"permitted)|(?:is|are) (?:strictly )?(?:prohibited|forbidden|banned)|prohibited|forbidden|"
    r"no (?:[\w,’'-]+\s){0,14}(?:may|can|shall|must|is allowed|are allowed|is permitted|are permitted)|never|"
    r"refrain from|not to)\b",
    re.I,
)
PERMISSION = re.compile(
    r"\b(?:may|can|(?:is|are) (?:allowed|permitted|entitled|free) to|(?:is|are) (?:allowed|permitted|entitled)|"
    r"has the right|have the right|reserves? the right)\b",
    re.I,
)
OBLIGATION = re.compile(
    r"\b(?:must|shall|(?:is|are) (?:required|obliged|expected|requested|asked|bound) to|has to|have to|need to|"
    r"needs to|should|(?:is|are) responsible|agrees? to|mandatory|compulsory|obligatory|no later than)\b",
    re.I,
)


def main_clause(text: str) -> str:
    """The sentence without an opening condition, dates that hold "May", quantities and "not required to"."""
    text = _MONTH_MAY.sub(" ", text.strip())
    text = _CONDITION.sub("", text)
    return text


def modality(text: str) -> str:
    """'prohibition' (must not), 'obligation' (must), 'permission' (may), 'restriction' (only X may) or
    'statement'."""
    clause = main_clause(text)
    if RESTRICTION.search(clause):
        return "restriction"
    unquantified = _QUANTITY.sub(" ", clause)
    if PROHIBITION.search(_NOT_NEEDED.sub(" ", unquantified)):
        return "prohibition"
    if _NOT_NEEDED.search(unquantified):
        return "statement"
    if _CONSTITUTES.search(unquantified):
        return "statement"
    if OBLIGATION.search(clause):
        return "obligation"
    if PERMISSION.search(unquantified):
        return "permission"
    return "statement"
