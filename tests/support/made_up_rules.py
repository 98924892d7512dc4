"""Small rule documents written for these tests (no third-party text): a rule only they contain, a question
that rule answers, and the words an answer quoting it shows. Used by the tests that change a library while an
app answers from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MadeUpRule:
    name: str
    text: str
    question: str
    quote: str  # words of the rule that an answer quoting it shows

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.name
        path.write_text(self.text, encoding="utf-8")
        return path


BEEKEEPING = MadeUpRule(
    name="rooftop-beekeeping.md",
    text="""---
title: Rooftop Beekeeping Rules for Jurors
kind: regulations
---
# Rooftop Beekeeping Rules for Jurors

## Article 1 — Visiting the hives

1.1 A juror may visit the festival beehives on the roof terrace only together with the head beekeeper, who lends
every visitor a white veil and gloves.

1.2 Honey from the festival beehives may be tasted at the terrace bar but may not be taken home.

## Article 2 — Stings

2.1 A juror stung by a bee reports it to the first-aid desk in the foyer before the next screening.
""",
    question="Who must go with a juror who visits the beehives on the roof terrace?",
    quote="head beekeeper",
)

KITES = MadeUpRule(
    name="beach-kites.md",
    text="""---
title: Beach Kite Flying Rules
kind: regulations
---
# Beach Kite Flying Rules

## Article 1 — Kites

1.1 Jurors may fly kites on the festival beach only after sunset, and never above the open-air screen.

1.2 A kite line may not be longer than thirty metres.
""",
    question="When may jurors fly kites on the festival beach?",
    quote="only after sunset",
)


def filler_documents(folder: Path, count: int, words: str = "lantern") -> list[Path]:
    """`count` distinct rule documents (nothing a juror asks about) that make a load take several commits."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        articles = "\n\n".join(
            f"## Article {a} — Room {n}.{a}\n\n{a}.1 In screening room {n}.{a} the {words} by seat {a * n} stays on "
            f"until the credits of film {a + n} have ended, and ushers check row {a} before the doors close."
            for a in range(1, 16)
        )
        path = folder / f"room-etiquette-{n:02d}.md"
        path.write_text(f"# Screening Room Etiquette, Part {n}\n\n{articles}\n", encoding="utf-8")
        paths.append(path)
    return paths
