""" "May I ...?" scenarios: a juror's rule turned into a question in the first person, answered yes or no by the rule."""

from __future__ import annotations

import hashlib
import re

from assistant.library.units import clean_display
from assistant.study.briefing import BriefingItem
from assistant.study.modality import modality
from assistant.study.quiz.questions import Question, explanation, rule_key
from assistant.study.sentences import normalise

# ---------------------------------------------------------------- may I ...? scenarios

_MODAL_SPLIT = re.compile(
    r"^(?P<subject>.+?)\s+(?P<modal>may not|must not|shall not|cannot|can not|can't|are not allowed to|is not allowed to|"
    r"are not permitted to|is not permitted to|may|can|must|shall|are allowed to|is allowed to|are permitted to|"
    r"is permitted to|are required to|is required to|have to|has to)\s+(?P<rest>.+?)[.;]?$",
    re.I,
)
# "Jurors", "Each juror", "No jury member", "Members of the jury", "You": the jurors are the subject.
_JURORS = re.compile(
    r"^(?:(?:the|each|every|all|any|no|a|an)\s+)?(?:(?!a\b|an\b|the\b)\w+\s+){0,2}?"
    r"(?:jurors?|judges?|panellists?|panelists?|jury members?|panel members?|members? of the (?:\w+\s){0,2}"
    r"(?:jury|panel)|you)$",
    re.I,
)
_OPENER = re.compile(r"^(?:if|when|where|unless|once|after|before|during|while|until|as soon as|in case)\b", re.I)
_PERSON = re.compile(r"\b(?:jurors?|jury members?|members? of the (?:\w+\s){0,2}jury|you)\b", re.I)
_COLLECTIVE = re.compile(r"^(?:the|each|every|a) (?:\w+\s){0,3}?(?:jury|president|panel|judging panel)$", re.I)
_HEDGES = re.compile(
    r"\b(?:unless|except|provided|only|but|however|subject to|otherwise|may|must|shall|cannot)\b", re.I
)
_FIRST_PERSON = (
    (r"\bthemselves\b|\bhimself or herself\b|\bherself or himself\b", "myself"),
    (r"\btheir\b|\bhis or her\b|\bher or his\b|\bthe juror's\b|\beach juror's\b", "my"),
    (r"\bthem\b", "me"),
    (r"\bthey\b", "I"),
)


def _first_person(text: str) -> str:
    for pattern, repl in _FIRST_PERSON:
        text = re.sub(pattern, repl, text, flags=re.I)
    return text


def _verb_for_i(word: str) -> str:
    """A third-person verb as 'I' says it: has -> have, is -> am, misses -> miss, declares -> declare."""
    special = {"has": "have", "is": "am", "does": "do", "was": "was"}
    if word in special:
        return special[word]
    if re.search(r"(?:ss|sh|ch|x)es$", word):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def scenario_for(item: BriefingItem, theme_title: str) -> Question | None:
    """ "May I ...?" / "Must I ...?" from a juror's permission, prohibition or obligation, answered Yes or No by the
    rule. None when the rule is not a clean single modal about jurors (hedges, exceptions, two modals)."""
    if item.addressee != "juror" or item.modality not in ("permission", "prohibition", "obligation") or item.joined:
        return None  # a rule shown with the sentence it refers back to makes no scenario alone
    text = clean_display(item.citation.quote) if normalise(item.citation.quote) else ""
    m = _MODAL_SPLIT.match(text)
    if not m:
        return None
    subject, modal, rest = m.group("subject").strip(), m.group("modal"), m.group("rest").strip()
    if _HEDGES.search(rest) or len(rest.split()) < 3 or len(rest.split()) > 30 or modal not in item.citation.quote:
        return None
    if _OPENER.match(subject) or "," in subject or "," in rest:
        return None  # "If the juror cannot return, the screening counts as missed": not "May I return ...?"
    condition = ""
    relative = re.match(
        r"^(?:an?|any|each|every|the) (?:\w+\s){0,2}?(?:juror|jury member|member)s? who (\w+)\s(.+)$", subject, re.I
    )
    if relative:
        condition = f"If I {_verb_for_i(relative.group(1).lower())} {_first_person(relative.group(2))}, "
    elif _COLLECTIVE.match(subject):
        who = subject[0].lower() + subject[1:]
        who = re.sub(r"^(?:each|every|a) ", "the ", who)
        asked = (
            "May" if modal.lower().startswith(("may", "can", "is allowed", "are allowed")) or "not" in modal else "Must"
        )
        prompt = f"{asked} {who} {rest}?"
        return _scenario(item, theme_title, prompt, modal)
    elif not _JURORS.match(subject):
        return None  # the jurors must be who the sentence is about ("The screening a juror must attend is ..." is not)
    if re.match(r"^(?:no|none of the)\b", subject, re.I):  # "No jury member can ...": a prohibition
        key = f"{subject} {modal}"
        return _scenario(item, theme_title, f"{condition}May I {_first_person(rest)}?", key) if key in text else None
    forbidding = modality(modal) == "prohibition"
    if modal.lower() == "can":
        return None  # "You can reach her at ...": information, not a permission to learn
    permitting = modal.lower().startswith(("may", "is allowed", "are allowed", "is permitted", "are permitted"))
    asked = "may I" if forbidding or permitting else "must I"
    question = f"{condition}{asked} {_first_person(rest)}?"
    return _scenario(item, theme_title, question[0].upper() + question[1:], modal)


def _scenario(item: BriefingItem, theme_title: str, prompt: str, modal: str) -> Question:
    answer = "No" if modality(modal) == "prohibition" else "Yes"
    ident = hashlib.sha1(f"{item.citation.chunk_id}|{item.text}|scenario".encode()).hexdigest()[:12]
    return Question(
        ident,
        "scenario",
        item.theme,
        theme_title,
        f"Yes or no: {prompt}",
        prompt,
        ["Yes", "No"],
        answer,
        modal,
        item.citation,
        explanation(item),
        "permission",
        context=item.text,
        rule=rule_key(item),
    )
