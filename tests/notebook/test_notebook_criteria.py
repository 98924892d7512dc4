"""Criteria, awards and the mark scale drawn from the rules, each cited: on the sample festival, on real regulations
nobody tuned on (../shared/realworld*, read at run time), on shapes written here, and with an organiser's corrections."""

from __future__ import annotations

import pytest

from assistant.answers.assistant import Assistant
from assistant.notebook.criteria import FestivalCriteria, derive, derive_awards, derive_criteria, derive_scale
from assistant.notebook.notebook import Notebook
from assistant.schema import Chunk, Citation
from assistant.study.sentences import normalise
from assistant.study.study import study_for


def festival_criteria(assistant: Assistant, words: str) -> FestivalCriteria:
    study = study_for(assistant)
    festival = next(f for f in study.festivals() if words in f.key)
    chunks = [c for c in assistant.retriever.lexical().chunks if c.source in festival.sources]
    entrants = frozenset(
        r for i in study.briefing(festival).items() if i.addressee == "entrant" for r in [i.ref, *i.also_refs]
    )
    return derive(chunks, entrants)


def cited(assistant: Assistant, citation: Citation | None, *words: str) -> None:
    """The citation quotes words of its passage that state the thing (the words given)."""
    assert citation is not None
    passages = {c.id: c.text for c in assistant.retriever.lexical().chunks}
    assert normalise(citation.quote) in normalise(passages[citation.chunk_id])
    for word in words:
        assert word.lower() in citation.quote.lower(), (word, citation.quote)


def test_the_sample_festivals_rubrics_come_out_by_group_with_their_weights_each_cited(assistant: Assistant) -> None:
    result = festival_criteria(assistant, "lumen")
    assert result.groups()[:3] == ["Feature Films", "Documentary Films", "Short Films"]
    feature = result.of_group("Feature Films")
    assert [(c.name, c.weight) for c in feature] == [
        ("Direction", "30%"),
        ("Screenplay", "20%"),
        ("Performances", "20%"),
        ("Cinematography and craft", "15%"),
        ("Originality", "15%"),
    ]
    for c in result.criteria:
        cited(assistant, c.citation, c.name)
    assert feature[0].help.startswith("A coherent artistic vision")
    assert [c.name for c in result.of_group("Short Films")] == ["Concision", "Originality", "Craft", "Impact"]
    assert result.group_for("Short Film Competition") == "Short Films"
    assert result.group_for("Documentary Competition") == "Documentary Films"
    assert result.group_for("Out of competition") == "Feature Films"


def test_the_sample_festivals_awards_and_scale_are_cited_from_the_rules(assistant: Assistant) -> None:
    result = festival_criteria(assistant, "lumen")
    names = [a.name for a in result.awards]
    for award in ("Golden Lantern", "Grand Jury Prize", "Best Director", "Best Documentary", "Best Short Film"):
        assert award in names
    for a in result.awards:
        cited(assistant, a.citation, a.name)
    assert not {"Jury Regulations", "Juror Code of Conduct"} & set(names), "documents are not awards"
    assert result.scale is not None and result.scale.label == "1–10"
    cited(assistant, result.scale.citation, "scale from 1 to 10")


def test_real_regulations_give_their_criteria_as_published(realworld_2_assistant: Assistant) -> None:
    """A list under a "Judging Criteria" heading, and a criteria table with weights (two real festivals): each
    criterion named as the festival names it and cited. (The set's texts are read at run time; no words of theirs
    are written here.)"""
    study = study_for(realworld_2_assistant)
    found = {}
    for festival in study.festivals():
        chunks = [c for c in realworld_2_assistant.retriever.lexical().chunks if c.source in festival.sources]
        criteria = derive_criteria(chunks)
        if criteria:
            found[festival.key] = (criteria, festival.sources)
    assert len(found) == 2, f"two festivals of the set state criteria, not {sorted(found)}"
    weighted = [criteria for criteria, _ in found.values() if all(c.weight for c in criteria)]
    assert len(weighted) == 1, "one of them gives each criterion a weight"
    assert sum(int(c.weight.rstrip("%")) for c in weighted[0]) == 100
    for criteria, sources in found.values():
        assert len(criteria) >= 5
        for c in criteria:
            cited(realworld_2_assistant, c.citation, c.name)
            assert c.citation is not None and c.citation.source in sources


def test_real_regulations_without_criteria_say_so_and_their_awards_are_cited(realworld_assistant: Assistant) -> None:
    locarno = festival_criteria(realworld_assistant, "locarno")
    assert locarno.criteria == [] and locarno.scale is None  # the notebook then keeps free notes
    assert len(locarno.awards) >= 2
    tokyo = festival_criteria(realworld_assistant, "tokyo")
    assert any("Grand Prix" in a.name for a in tokyo.awards)
    sydney = festival_criteria(realworld_assistant, "sydney")
    assert sydney.awards == [], "the categories an entrant pays to enter are not awards the jury gives"
    for result in (locarno, tokyo):
        for a in result.awards:
            cited(realworld_assistant, a.citation)  # the sentence under the award's heading


def _chunk(text: str, section: str = "", n: int = 0) -> Chunk:
    return Chunk(f"doc.md:{n}", text, "doc.md", "Rules", section, None, "regulations", "v1", n)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Entries are judged on originality, technical quality and storytelling.",
            ["Originality", "Technical quality", "Storytelling"],
        ),
        (
            "The jury will assess each film according to the following criteria: direction, acting and impact.",
            ["Direction", "Acting", "Impact"],
        ),
        ("Films are judged by the jury and the audience.", []),
        ("Subtitle information must be marked on the casing and drive.", []),
        ("The festival needs to consider multiple criteria, such as the screening fee and availability.", []),
    ],
)
def test_criteria_stated_in_a_sentence_are_read_and_look_alikes_are_not(text: str, names: list[str]) -> None:
    assert [c.name for c in derive_criteria([_chunk(text)])] == names


def test_a_criteria_list_under_a_lead_in_and_an_award_list_under_its_heading() -> None:
    chunks = [
        _chunk(
            "Films will be judged on the following criteria:\n- Vision – what the film sets out to do\n- Craft\n"
            "- A film must be seen in full before it is judged",
            "Article 4 Judging",
            0,
        ),
        _chunk(
            "The jury will award the following prizes:\n- Golden Gull (EUR 5,000)\n- Special Mention", "Article 5", 1
        ),
        _chunk("Marks are given out of 20 for each criterion.", "Article 6", 2),
    ]
    criteria = derive_criteria(chunks)
    assert [(c.name, c.help) for c in criteria] == [("Vision", "what the film sets out to do"), ("Craft", "")]
    assert [a.name for a in derive_awards(chunks)] == ["Golden Gull", "Special Mention"]
    scale = derive_scale(chunks)
    assert scale is not None and (scale.low, scale.high) == (0, 20)


def test_an_organisers_corrections_keep_the_rules_citations_and_cite_what_they_add(notebook: Notebook) -> None:
    festival = notebook.festival()
    derived = notebook.criteria(festival)
    direction = derived.of_group("Feature Films")[0]
    corrected = notebook.correct(
        festival,
        {
            "criteria": [{"group": "Feature Films", "name": "Direction"}, {"group": "Feature Films", "name": "Ethics"}],
            "awards": ["Golden Lantern", "Audience Award"],
            "scale": None,
        },
    )
    try:
        assert corrected.corrected and [c.name for c in corrected.criteria] == ["Direction", "Ethics"]
        assert corrected.criteria[0].citation == direction.citation and not corrected.criteria[0].by_organiser
        assert corrected.criteria[1].by_organiser  # cited from the closest rule when one is close, else none
        assert corrected.scale is None, "no scale: notes only"
        assert [a.by_organiser for a in corrected.awards] == [False, True]
    finally:
        restored = notebook.correct(festival, {})
    assert not restored.corrected and restored.scale is not None and len(restored.criteria) == len(derived.criteria)
