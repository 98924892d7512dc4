"""Two festivals' regulations and an FAQ, written for the tests in the shapes real ones are published in: web
copies with "Source:" and "Title:" lines, numbered sections whose clauses run together, lists after a lead-in that
announces a count, FAQ pages with a blank line between a question and its answer, and two festivals whose titles
share the words of the trade ("International Film Festival")."""

from __future__ import annotations

from pathlib import Path

DOCUMENTS = {
    "harbourside-regulations.md": """Source: https://www.harbourside-film.example/regulations
Title: Regulations of the Harbourside International Film Festival (HIFF) 2025

1. General
The Harbourside International Film Festival is organised by the Harbourside Film Society.

4. International Competition
4.1 A member of the jury may not have taken part in the production or distribution of a film in competition; a juror who has such a link must declare it to the Festival Director before the first screening. Jurors must not publish reviews of competing films before the winners are announced. A film may not be withdrawn from the competition once it has been announced in the programme.

5. The jury
The International Competition jury consists of seven members.
At least one member of the jury must be a citizen of the host country.
Each judge scores each entry on 3 criteria:
- Creativity
- Content
- Execution
Each area is scored on a scale from 1 to 10.

6. Awards
The winner of the Golden Harbour receives a prize of EUR 5,000, paid to the director.
""",
    "harbourside-faq.md": """Source: https://www.harbourside-film.example/faq
Title: Frequently Asked Questions - Harbourside International Film Festival

I submitted my film last year and it wasn't selected. Can I submit it again?

Yes. A film that was not selected may be submitted once more, in a new version only.

Do you accept films shot on a phone?

Yes. Any camera may be used, including a phone.
""",
    "riverbend-rules.md": """Source: https://riverbend-shorts.example/rules
Title: Riverbend International Film Festival Short Film Rules 2025

Films must be under 20 minutes including credits.
The Riverbend jury consists of three members appointed by the festival office.
Entries must be received by 1 March 2025.
All valid entries will be screened at the festival.
There is no entry fee for Riverbend.
Decisions of the jury are final.

Making your film
- Your film must include one or more of these props.
1. A red umbrella
2. A paper boat
3. A brass key
- Finished films are screened at the closing night.
""",
}


def write_documents(folder: Path) -> Path:
    """The documents as files in `folder` (returned), ready to load."""
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
