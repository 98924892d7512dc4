"""Quotes that lean on other text: a sentence that needs the one before it ("This allows the jury …"), and one that
defers to a clause elsewhere ("… settled on Screening Night using rule 7.5 of the Rules"), whose clause answers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from assistant.answers.retrieval import names_document, title_words
from assistant.library.chunking import clause_refs
from assistant.library.units import CASE_REFERENCE, POINTS_AT_DOCUMENT
from assistant.text import file_words

# A sentence that leans on the one before it: "This allows the jury ...", "In that case ...", "However, ...".
_REFERS_BACK = re.compile(
    rf"^(?:this|these|that|those|it|they|such|otherwise|however|if not|{CASE_REFERENCE}|"
    r"for (?:this|that) reason|in addition|also|moreover|furthermore|likewise|then)\b"
    # after a few words that set the scene: "To keep things fair, THAT film's total is then …"
    r"|^[^,.;:]{1,40},\s+(?:this|these|that|those|such)\b",
    re.I,
)


def refers_back(text: str) -> bool:
    """ "This allows ..." leans on the sentence before; "This year 1st place prize is £50" does not."""
    text = text.strip()
    return bool(_REFERS_BACK.match(text)) and not POINTS_AT_DOCUMENT.match(text)


# A sentence that takes something out of the rule before it: "The casting vote does not apply to …", "… except …"
_EXCEPTION = re.compile(
    r"\b(?:does|do|shall|will|did) not apply\b|\bnot applicable\b|\bexcept\b|\bwith the exception of\b", re.I
)


def excepts(text: str, named: set[str]) -> bool:
    """The sentence makes an exception to the one before it for something the question names and that one does not
    (`named`: those words of the question)."""
    return bool(named) and bool(_EXCEPTION.search(text))


class Quote(Protocol):
    passage_rank: int
    clauses: frozenset[str]  # the clause numbers of its passage's section
    title: str  # its document's title
    source: str

    @property
    def display(self) -> str: ...


Q = TypeVar("Q", bound=Quote)


def referred(best: Q, cands: Sequence[Q]) -> Q | None:
    """The best-scoring quote of the clause the best quote defers to, when that clause's passage was retrieved: a
    judges' notes' "using rule 7.5 of the Rules" leaves the rule to rule 7.5. A clause named with its document ("of
    the Rules") is looked for in a document of that title or file name, one named alone in the quote's own document."""
    for number, target in clause_refs(best.display):
        if "." not in number and not target:
            continue  # "Chapter III, Article 2": a number alone, in the quote's own document, is too loose to find
        wanted = title_words(target)
        for cand in cands:
            if cand.passage_rank == best.passage_rank or number not in cand.clauses:
                continue
            named = title_words(f"{cand.title} {file_words(cand.source)}")  # ("…_award_rules.txt")
            if wanted and not names_document(wanted, named):
                continue
            # ("of the Rules", a name of no words of its own: another document; a clause named alone: its own)
            if (cand.source == best.source) == bool(target):
                continue
            return cand
    return None
