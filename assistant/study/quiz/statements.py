"""Questions on what a juror's rule says as a whole, for rules with no number or role to ask about: true or false
(the rule as written, or turned around), and "which of these is the rule?" with the other rules turned around as
the wrong choices.

A rule is turned around at its one modal or auxiliary ("must" <-> "must not", "may" <-> "may not", "are" <-> "are
not"), only when that is the only one, the sentence has no exception, condition or quantity that the turn would
muddle ("unless", "only", "at least", "no more than"), and the rule is one sentence that makes sense alone.
"""

from __future__ import annotations

import hashlib
import random
import re

from assistant.library.units import clean_display, units
from assistant.study.briefing import BriefingItem
from assistant.study.quiz.facts import is_sheet_line, names_something, sheet_row
from assistant.study.quiz.questions import Question, explanation, rule_key
from assistant.study.sentences import normalise
from assistant.text import opens_list

_FLIP = (
    (r"\bmust not\b", "must"),
    (r"\bmay not\b", "may"),
    (r"\bshall not\b", "shall"),
    (r"\bwill not\b", "will"),
    (r"\bcannot\b|\bcan not\b|\bcan't\b", "can"),
    (r"\b(is|are) not\b", r"\1"),
    (r"\bmust\b", "must not"),
    (r"\bshall\b", "shall not"),
    (r"\bmay\b", "may not"),
    (r"\bwill\b", "will not"),
    (r"\bcan\b", "cannot"),
    (r"\b(is|are)\b", r"\1 not"),
)
_AUXILIARIES = re.compile(r"\b(?:must|shall|may|will|can|cannot|is|are)\b", re.I)
# What a turn would muddle: exceptions, conditions, quantities, alternatives, several clauses.
_MUDDLED = re.compile(
    r"\b(?:unless|except|only|if|when|where|whether|provided|either|neither|nor|least|most|more than|fewer than|"
    r"less than|maximum|minimum|no|not|never|none|nothing|any|all|or|until|before|after|also|however|but)\b|[;:()]",
    re.I,
)


def turn_around(sentence: str) -> str | None:
    """The rule turned around at its one modal or auxiliary, or None when it cannot be turned cleanly."""
    text = normalise(sentence).rstrip()
    words = text.split()
    if not text.endswith(".") or not 4 <= len(words) <= 28:
        return None
    body = text[:-1]
    if len(_AUXILIARIES.findall(body)) != 1 or body.count(",") > 1 or len(re.findall(r"\d+", body)) > 1:
        return None  # several clauses or values: turning one would muddle the rest
    plain = re.sub(r"\b(must|shall|may|will|is|are) not\b", r"\1", body, count=1, flags=re.I)
    plain = re.sub(r"\bcannot\b|\bcan not\b|\bcan't\b", "can", plain, count=1, flags=re.I)
    if _MUDDLED.search(plain):
        return None
    for pattern, replacement in _FLIP:
        turned, n = re.subn(pattern, replacement, body, count=1)
        if n:
            return turned + "."
    return None


def _ident(item: BriefingItem, kind: str) -> str:
    return hashlib.sha1(f"{item.citation.chunk_id}|{item.text}|{kind}".encode()).hexdigest()[:12]


def alone(item: BriefingItem) -> bool:
    """The rule is one sentence that makes sense without its neighbours: not a rule shown with the sentence it
    refers back to, nor a list item that needs its lead-in."""
    return not item.joined and normalise(item.text) == normalise(clean_display(item.citation.quote))


_CONTACT = re.compile(r"\S+@[\w-]+\.\w+|https?://|\bwww\.", re.I)


def stated(item: BriefingItem) -> bool:
    """A rule a true-or-false question may show: a sentence with a verb, not a lead-in waiting for its list, nor a
    line of a scoring sheet or a table, nor so long that a reader loses it."""
    own = item.own or item.text
    return (
        not opens_list(item.text)
        and len(item.text.split()) <= 45
        and not is_sheet_line(own)
        and "[" not in own  # an editor's placeholder ("[to be announced]")
        and not _CONTACT.search(own)  # "drop us a line at judges@…": where to write, not a rule to be tested on
        and not (not own.rstrip().endswith((".", "!")) and len(own.split()) < (12 if item.label else 8))  # an entry
    )


def true_or_false(item: BriefingItem, theme_title: str, as_written: bool = False) -> Question | None:
    """ "True or false: <the rule turned around>" when it turns cleanly, else (or when `as_written`) the rule as
    the briefing shows it."""
    if not stated(item):
        return None
    turned = turn_around(item.text) if alone(item) else None
    if as_written and turned is not None:
        return None  # the rule is asked turned around; asking it as written too would give the answer away
    if turned is not None:
        why = f"The rule says the opposite. {explanation(item)}"
        return Question(
            _ident(item, "turned"),
            "true_false",
            item.theme,
            theme_title,
            f"True or false: “{turned}”",
            turned,
            ["True", "False"],
            "False",
            item.citation.quote,
            item.citation,
            why,
            "rule",
            context=item.text,
            rule=rule_key(item),
        )
    return Question(
        _ident(item, "as written"),
        "true_false",
        item.theme,
        theme_title,
        f"True or false: “{item.text}”",
        item.text,
        ["True", "False"],
        "True",
        item.citation.quote,
        item.citation,
        explanation(item),
        "rule",
        context=item.text,
        rule=rule_key(item),
    )


def which_rule(item: BriefingItem, others: list[BriefingItem], theme_title: str, rng: random.Random) -> Question | None:
    """ "Which of these is a rule for the jury?": this rule as written, and two or three other juror's rules turned
    around (each false by its own rule)."""
    if not alone(item) or not stated(item) or len(item.text.split()) > 30:
        return None
    wrong = [t for o in others if o is not item and alone(o) and (t := turn_around(o.text))]
    wrong = [w for w in dict.fromkeys(wrong) if normalise(w) != normalise(item.text)]
    if len(wrong) < 2:
        return None
    choices = [item.text, *rng.sample(wrong, min(3, len(wrong)))]
    rng.shuffle(choices)
    return Question(
        _ident(item, "which"),
        "choice",
        item.theme,
        theme_title,
        "Which of these do the festival's rules say? (The others say the opposite of one of its rules.)",
        item.text,
        choices,
        item.text,
        item.citation.quote,
        item.citation,
        explanation(item),
        "rule",
        context=item.text,
        rule=rule_key(item),
    )


_VERB = re.compile(r"\b(?:is|are|was|were|be|will|shall|must|may|can|has|have|do|does)\b", re.I)
_CELL = re.compile(r"\s*\|.*$|\s*\([^()]*\)\s*$", re.I)


def entry_name(item: BriefingItem) -> str:
    """What a list item names, without the weight or points a sheet gives it ("Storytelling | 30%" ->
    "Storytelling")."""
    return _CELL.sub("", item.own).strip(" .;:-–")


def listed_under(
    item: BriefingItem, labels: list[str], theme_title: str, rng: random.Random, proper: frozenset[str] | None = None
) -> Question | None:
    """ "Where do the rules list “Production Quality”?" for a short list item of the juror's rules (a judging
    criterion, an award), with the other lists of the festival's rules as the wrong choices; never when a list is
    called by a name ("Asian New Talent": `proper`, the documents' own names)."""
    name = entry_name(item)
    if not item.label or not name or len(name.split()) > 8 or len(item.label.split()) > 8:
        return None
    if names_something(item.label, item.label, proper):
        return None
    if _VERB.search(name) or re.search(r"[\[\]]", name) or sheet_row(name):
        return None  # a sentence, a placeholder or a table's row: not the name of an entry
    if name.lower() in item.label.lower() or item.label.lower() in name.lower():
        return None
    wrong = [
        lb
        for lb in dict.fromkeys(labels)
        if lb.lower() != item.label.lower() and len(lb.split()) <= 8 and not names_something(lb, lb, proper)
    ]
    if len(wrong) < 2:
        return None
    choices = [item.label, *rng.sample(wrong, min(3, len(wrong)))]
    rng.shuffle(choices)
    return Question(
        _ident(item, "listed"),
        "choice",
        item.theme,
        theme_title,
        f"Where do the festival's rules list “{name}”?",
        item.text,
        choices,
        item.label,
        item.label,
        item.citation,
        explanation(item),
        "list",
        context=item.text,
        rule=rule_key(item),
    )


_AWARDS = re.compile(
    r"\b(?:awards?|prizes?|prix|mentions?|trophies)\b|^(?:best|most|outstanding|grand|special)\b", re.I
)


def _entries(item: BriefingItem) -> list[str]:
    """The entries of the list the item belongs to, in its passage: the items with the same lead-in or heading."""
    heading = item.citation.section.split(" › ")[-1].strip() if item.citation.section else ""
    out = []
    for unit in units(item.citation.passage_text, heading):
        label = clean_display(unit.lead).rstrip(" :") if unit.lead else unit.label.rstrip(" :")
        if unit.item and label == item.label:
            out.append(unit.display)
    return out


def list_count(item: BriefingItem, items: list[BriefingItem], theme_title: str, rng: random.Random) -> Question | None:
    """ "How many awards do the rules list under “Asian New Talent”?" for the first item of a list of three or more
    awards the jury gives, counted in the passage the list stands in; near numbers as wrong answers."""
    if not item.label or not (_AWARDS.search(item.label) or _AWARDS.search(item.own)):
        return None
    listed = _entries(item)
    entries = [e for e in listed if not _VERB.search(e)]  # a footnote ("The cash prize is shared ...") is no award
    if len(entries) < 3 or not all(_AWARDS.search(e) for e in entries):
        return None  # a list of awards only
    # Asked once a list, at its first entry the briefing shows (the briefing may leave out an entry it holds twice).
    order = {normalise(e): n for n, e in enumerate(listed)}
    shown = [o for o in [item, *items] if o.label == item.label and normalise(o.own) in order]
    if not shown or min(shown, key=lambda o: order[normalise(o.own)]) is not item:
        return None  # an item whose own words are not an entry (a rule joined to its neighbour) asks nothing here
    count = len(entries)
    key = f"{count} awards"
    wrong = [f"{n} awards" for n in (count - 2, count - 1, count + 1, count + 2) if n > 0]
    choices = [key, *rng.sample(wrong, 3)]
    rng.shuffle(choices)
    return Question(
        _ident(item, "count"),
        "choice",
        item.theme,
        theme_title,
        f"How many awards do the festival's rules list under “{item.label}”?",
        item.text,
        choices,
        key,
        key,
        item.citation,
        f"{item.citation.title}, {item.citation.section or 'text'}: {count} awards under “{item.label}”: "
        + "; ".join(entries)
        + ".",
        "count",
        context=item.text,
        rule=rule_key(item),
    )
