"""The kind of a jury's pay a question names: for the juror's time ("paid a FEE", "the HONORARIUM") or for their
expenses ("the daily ALLOWANCE", "a PER DIEM"). "Do jurors get paid a fee?" is not answered by "Jurors receive a
daily allowance of EUR 40 for meals", nor "How much is the daily allowance?" by "a fee of €600 and a daily allowance
for each day": the sum must be of the kind asked about."""

from __future__ import annotations

import re

_PAY_KINDS = {
    "fee": re.compile(r"\b(?:fees?|honorari(?:um|ums|a)|stipends?|remuneration|salary)\b", re.I),
    "allowance": re.compile(r"\b(?:allowances?|per diems?|daily (?:rate|money|cash))\b", re.I),
}


def pay_kind(question: str) -> str:
    """The one kind of pay the question names, or ""."""
    named = [kind for kind, words in _PAY_KINDS.items() if words.search(question)]
    return named[0] if len(named) == 1 else ""


def paid_as(text: str, kind: str, sums: list[int]) -> bool:
    """A sum of the text (at these offsets) whose nearest word for pay is of this kind; with no sum, a word of it."""
    found = [(m.start(), k) for k, words in _PAY_KINDS.items() for m in words.finditer(text)]
    if not sums:
        return any(k == kind for _, k in found)
    return bool(found) and any(min(found, key=lambda f: abs(f[0] - at))[1] == kind for at in sums)
