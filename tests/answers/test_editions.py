"""Editions of one festival's rules side by side: which one a question is answered from (the newest, unless it asks
about another), with the real model, store and assistant."""

from __future__ import annotations

import pytest
from support.library import library_of

RULES = """# {title}

The {nth} Lantern Coast Documentary Festival (LCDF) takes place in Port Averell in May {year}.

## 4. Conflicts of interest

4.2 Each Juror shall declare any professional or close personal relationship with a director of a Competition Film
that existed at any time within the {window} preceding the Festival Week.

## 5. Attendance

5.2 Jurors shall be present in Port Averell from {arrive} to {leave}.
"""

PRESS = """# Lantern Coast Documentary Festival

PORT AVERELL, 2 April 2026. The Lantern Coast Documentary Festival today announced the seven members of its
International Jury. The jury will announce the winners at the awards evening on 15 May at 19:30 in the Harbour
Pavilion.
"""


@pytest.fixture(scope="module")
def retitled(tmp_path_factory: pytest.TempPathFactory, embeddings):
    """Two editions titled differently ("LCDF Jury Rules 2025", "Jury Rules 2026"), and a press release that shares
    the festival's name as its title without being an edition of anything."""
    documents = {
        f"jury_rules_{year}.md": RULES.format(
            title=title, year=year, nth=nth, window=window, arrive=arrive, leave=leave
        )
        for title, year, nth, window, arrive, leave in (
            ("LCDF Jury Rules 2025", 2025, "14th", "three (3) years", "8 May 2025", "17 May 2025"),
            ("Jury Rules 2026", 2026, "15th", "five (5) years", "6 May 2026", "15 May 2026"),
        )
    }
    documents["lcdf_2026_jury_press_release.md"] = PRESS
    documents["lcdf_terms_and_conditions.md"] = (
        "# Lantern Coast Documentary Festival\n\n## 9. Entries\n\n9.2 Films entered for the Competition must be "
        "documentaries of more than 60 minutes.\n"
    )
    return library_of(tmp_path_factory.mktemp("retitled"), embeddings, documents)


def test_an_edition_titled_without_the_festivals_initials_is_still_the_newer_one(retitled) -> None:
    """ "when do i need to be in port averell?" was answered from both years' rules: "LCDF Jury Rules 2025" and "Jury
    Rules 2026" were not read as editions of one document (written check set CJ, first sight)."""
    answer = retitled.ask("When do I need to be in Port Averell?", log=False)
    assert "6 May 2026" in answer.answer and "2025" not in answer.answer, answer.answer
    older = [p for p in answer.contexts if p.chunk.source == "jury_rules_2025.md"]
    assert all("older edition" in p.note for p in older)


def test_a_follow_up_on_last_year_is_answered_from_the_edition_before(retitled) -> None:
    """ "and was it the same window last year?" after a question on the conflict window (CJ)."""
    history = [
        {"role": "user", "content": "How far back do I have to declare links to filmmakers at Lantern Coast?"},
        {"role": "assistant", "content": "Any relationship within the five (5) years preceding the Festival Week."},
    ]
    answer = retitled.ask("and was it the same window last year?", history=history, log=False)
    assert not answer.abstained, answer.answer
    assert "three (3) years" in answer.answer and answer.citations[0].source == "jury_rules_2025.md"


def test_documents_of_one_date_that_share_a_title_are_no_editions_of_each_other(retitled) -> None:
    """A festival's press release and its regulations, both titled by its name: the one whose file name sorts last
    was taken for the newer edition and the other set aside, so "When are the winners announced?" lost the press
    release's answer (written check set AD)."""
    answer = retitled.ask("When and where does the Lantern Coast jury announce the winners?", log=False)
    assert "15 May at 19:30" in answer.answer, answer.answer
    assert answer.citations[0].source == "lcdf_2026_jury_press_release.md"


def test_a_new_question_after_one_on_next_year_asks_this_years_rules(tmp_path, embeddings) -> None:
    """After "When is next year's Corran Sound?", "can we give the golden tern to two films jointly" was declined as a
    question about next year's rules, which the library does not hold; so were two more new questions after one on
    another year (conversation measure, AX, BH and BO): a new question borrows the festival asked about before, not
    its year. A follow-up that only goes on ("And who chairs it then?") still asks of that year."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "csiff_regulations_2025.md": (
                "# Corran Sound International Film Festival – Regulations 2025\n\n"
                "The 12th Corran Sound International Film Festival takes place in Corran from 3 to 9 October 2025.\n\n"
                "## Article 9 – Awards\n\n"
                "9.1 The Jury awards the Golden Tern for Best Film, with EUR 5,000.\n"
                "9.2 The Golden Tern may not be awarded ex aequo.\n\n"
                "## Article 10 – Jury\n\n"
                "10.1 The Jury has five members and is chaired by a President appointed by the Festival.\n"
            ),
            "harbour_lights_jury_rules.md": (
                "# Harbour Lights Short Film Days – Jury Rules 2025\n\n"
                "1. The jury of three watches every short film in competition.\n"
                "2. The Harbour Lights Award may be shared between two films.\n"
            ),
        },
    )
    history = [
        {"role": "user", "content": "When is next year's Corran Sound? I'd like to block out my calendar."},
        {"role": "assistant", "content": "The library does not answer this."},
    ]
    answer = assistant.ask("can we give the golden tern to two films jointly", history=history, log=False)
    assert not answer.abstained, answer.answer
    assert "ex aequo" in answer.answer
    still = assistant.ask("And who chairs it then?", history=history, log=False)
    assert still.abstained, still.answer
