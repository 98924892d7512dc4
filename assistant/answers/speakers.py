"""Who a question and a rule speak of: the juror asking about themselves ("Can I ...") and a rule whose subject is
the jury ("A juror may not ..."), so that a rule binding the person asking is preferred."""

from __future__ import annotations

import re

from assistant.answers.needs import JURY_NOUNS

_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|mine|myself|we|we're|we’re|us|our|ours)\b")
_JURY_WORDS = re.compile(rf"\b(?:{JURY_NOUNS}|members?|you)\b", re.I)
_FIRST_VERB = re.compile(
    r"\b(?:must|shall|may|can|cannot|can't|will|should|is|are|has|have|does|do|need|needs|receives?|agrees?)\b", re.I
)


def asks_as_juror(question: str) -> bool:
    """The juror asks about themselves or their jury ("Can I ...", "What do we ...")."""
    return bool(_FIRST_PERSON.search(question))


def speaks_of_jurors(sentence: str) -> bool:
    """The rule's subject, the words before its first verb, is the jury or a juror ("A juror may not ...", "Members
    of the jury must ...", "You must ..."): the rule binds the person asking."""
    verb = _FIRST_VERB.search(sentence)
    head = sentence[: verb.start()] if verb else " ".join(sentence.split()[:6])
    return bool(_JURY_WORDS.search(head))
