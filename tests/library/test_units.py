"""Quotable units: sentences, and list items with the lead-in they complete, as real regulations write them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from support.passages import make_passage

from assistant.library.chunking import chunk_document
from assistant.library.loading.document import Block, LoadedDocument
from assistant.library.loading.files import load_file
from assistant.library.loading.tables import table_rows
from assistant.library.units import clean_display, quotable, split_inline_list, units
from assistant.schema import SEP


def test_a_numbered_list_run_together_on_one_line_becomes_one_unit_per_item() -> None:
    line = (
        "All films selected must meet the following conditions: (1)Must be feature films. "
        "(2)Must not have been released. (3)Should premiere here. Premieres are given priority. "
        "(4)Films running under 60 minutes will not be accepted."
    )
    found = units(line)
    texts = [u.text for u in found]
    assert texts[0] == "All films selected must meet the following conditions:"
    assert "(4)Films running under 60 minutes will not be accepted." in texts
    item = next(u for u in found if u.text.startswith("(4)"))
    assert item.item and item.lead == texts[0]
    assert item.display == "Films running under 60 minutes will not be accepted."
    # the item's meaning travels with its lead-in
    assert item.context.startswith("All films selected must meet the following conditions:")
    # an item that holds two sentences stays one unit: items are the quotable units
    assert any(u.text.startswith("(3)") and "priority" in u.text for u in found)


def test_lettered_and_no_numbered_runs_split_and_a_lone_reference_does_not() -> None:
    assert split_inline_list("Jurors must: a) attend; b) vote; c) keep the secret.")[1] == [
        "a) attend;",
        "b) vote;",
        "c) keep the secret.",
    ]
    lead, items = split_inline_list("No 1: Jurors watch every film. No 2: Jurors keep the secret.")
    assert items == ["No 1: Jurors watch every film.", "No 2: Jurors keep the secret."]
    assert split_inline_list("See Article 8 (a) of the rules for the exceptions.")[1] == []
    assert split_inline_list("Items (2) and (3) were removed in 2024.")[1] == []  # no run that starts at 1


def test_list_lines_carry_their_lead_in_and_headings_stand_in_for_a_missing_one() -> None:
    text = "Awards presented:\n- Golden Beacon (Grant of 8,000 Euros)\n- Best Director\nA film may win two awards."
    found = units(text)
    award = next(u for u in found if u.text.startswith("Golden Beacon"))
    assert award.lead == "Awards presented:" and award.group == 0
    assert found[-1].text == "A film may win two awards." and not found[-1].item
    bare = units("- Best Film\n- Best Actress", heading="Young Talent Award")
    assert [u.context for u in bare] == ["Young Talent Award: Best Film", "Young Talent Award: Best Actress"]


def test_front_matter_and_labels_are_never_quotable() -> None:
    passage = make_passage(
        "Source: https://festival.example.org/rules\nREGULATIONS OF THE 31ST STUDENT FESTIVAL\nJury.\n"
        "Jury Rules\nThe jury has five members.",
        section="Article 2 › Jury",
    )
    kept = [u.text for u in units(passage.chunk.text) if quotable(u, passage.chunk)]
    assert kept == ["The jury has five members."]


def test_a_heading_left_in_the_text_is_no_quote_but_a_short_rule_is() -> None:
    """ "For jurors: practical information" stood in a jury page's text (its "Key: value" shape kept it from being
    read as a heading) and was quoted first for "Who's paying for my flight and hotel?" (written check set T)."""
    passage = make_passage(
        "For jurors: practical information\nArrival and stay\nThe Festival covers return travel and the hotel.\n"
        "Jurors may not vote by proxy.\nEntry fee: EUR 40",
        section="About the Jury",
    )
    kept = [u.display for u in units(passage.chunk.text) if quotable(u, passage.chunk)]
    assert kept == [
        "The Festival covers return travel and the hotel.",
        "Jurors may not vote by proxy.",
        "Entry fee: EUR 40",
    ]


def test_display_drops_markers_and_clause_numbers_but_keeps_the_words() -> None:
    assert clean_display("(4)Films running under 60 minutes.") == "Films running under 60 minutes."
    assert clean_display("- Best Film") == "Best Film"
    assert clean_display("b. the festival pays the flight.") == "The festival pays the flight."
    assert clean_display("8.4 Tie-breaks. If two films tie, the President decides.") == (
        "If two films tie, the President decides."
    )


def test_a_numbered_rule_whose_sentence_has_a_colon_keeps_its_opening_words() -> None:
    """A clause number's title is a name ("8.4 Tie-breaks."), never a clause that says something: "2.1 The
    International Jury has five members: filmmakers, …" was quoted as "Filmmakers, critics and naturalists chosen by
    the Festival Director.", and the rule on the jury's size was lost (written check set AL)."""
    rule = (
        "2.1 The International Jury has five members: filmmakers, critics and naturalists chosen by the Festival "
        "Director. The Festival Director appoints one of them as President of the Jury."
    )
    assert units(rule)[0].display == (
        "The International Jury has five members: filmmakers, critics and naturalists chosen by the Festival Director."
    )
    assert clean_display("3.1 Composition. The jury has three members.") == "The jury has three members."


def test_a_numbered_item_is_one_unit_with_its_marker_and_never_a_bare_number() -> None:
    found = units("Festival Rules:\n1. Fruit Pie\n2. Films should be 10-second or 60-second in length\n3. No. Really.")
    assert [u.text for u in found[1:3]] == ["1. Fruit Pie", "2. Films should be 10-second or 60-second in length"]
    assert [u.display for u in found[1:3]] == ["Fruit Pie", "Films should be 10-second or 60-second in length"]
    assert not any(u.display.rstrip(".").isdigit() or not u.display for u in found)
    assert all(u.lead == "Festival Rules:" for u in found[1:])


def test_a_numbered_list_under_a_bullet_that_announces_it_completes_that_bullet() -> None:
    text = (
        "- Your film must include one or more of these props.\n1. Fruit Pie\n2. Red Scarf\n"
        "- Films are shown on 12 December.\nTeams keep their rights."
    )
    found = units(text)
    props = [u for u in found if u.display in ("Fruit Pie", "Red Scarf")]
    assert [u.lead for u in props] == ["Your film must include one or more of these props."] * 2
    announcing = found[0]
    outer = next(u for u in found if u.display.startswith("Films are shown"))
    assert outer.group == announcing.group != props[0].group  # back in the outer list after the inner one
    assert not found[-1].item


def test_an_item_that_repeats_a_title_word_is_quotable_when_a_lead_in_announces_it() -> None:
    chunk = replace(
        make_passage("Your film must include one of these props:\n- Plum Cake\n- Red Scarf", section="Step 2").chunk,
        title="Plum Cake Film Challenge",
    )
    kept = [u.display for u in units(chunk.text) if quotable(u, chunk)]
    assert "Plum Cake" in kept
    bare = replace(chunk, text="Plum Cake\nThe jury has five members.")
    assert [u.display for u in units(bare.text) if quotable(u, bare)] == ["The jury has five members."]


def test_a_table_row_is_read_with_its_column_names_and_a_new_table_starts_afresh() -> None:
    text = (
        "Criterion | What we look for | Max points\n"
        "Originality | Fresh ideas, risk-taking | 15\n"
        "Total | | 100\n"
        "Prose in between.\n"
        "Originality | 15 | 20 | 30"
    )
    out = units(text)
    assert out[1].display == "Originality | Fresh ideas, risk-taking | 15"  # the quote is the row as written
    assert out[1].context == "Originality (Criterion) | Fresh ideas, risk-taking (What we look for) | 15 (Max points)"
    assert out[2].columns == out[0].text  # an empty cell keeps the row under its columns
    assert out[0].columns == "" and out[3].columns == ""
    assert out[4].context == out[4].display  # a table without a row of names above it: nothing to read it under


def test_a_table_row_whose_cells_hold_sentences_is_one_unit_not_cut_across_its_cells() -> None:
    """A jury timetable in a Word table ("When | What | Where") is read a row a line; a cell of two sentences cut the
    row, so "No interviews.; Where: Festival Centre, roof terrace." was quoted for "Is anything happening that first
    evening?" (written check set BL, first sight)."""
    rows = table_rows(
        [
            ["When", "What", "Where"],
            ["Sun 4 Oct, 19:30", "Welcome dinner for both juries.", "Restaurant La Cale, Harbour Square"],
            ["Wed 7 Oct, 13:00", "Press photo call for both juries (about 20 minutes). No interviews.", "Roof terrace"],
        ]
    )
    out = units("\n".join(rows))
    assert [u.display for u in out] == [
        "When: Sun 4 Oct, 19:30; What: Welcome dinner for both juries.; Where: Restaurant La Cale, Harbour Square.",
        "When: Wed 7 Oct, 13:00; What: Press photo call for both juries (about 20 minutes). No interviews.; Where: "
        "Roof terrace.",
    ]
    # prose with a label is still read a sentence at a time
    assert len(units("Note: Jurors must arrive early. The bus leaves at 9:00.")) == 2


def test_an_item_s_title_sentence_heads_its_rules_and_is_never_a_unit_of_its_own() -> None:
    """ "**2. Seeing the films.** Members should rank only films they have seen." (a code's numbered clauses with a
    bold title): "Seeing the films." is no rule to quote or to quiz on; it says what the sentences after it are about.
    An item under a lead-in keeps its first sentence: there it is the thing listed ("Best Film.")."""
    text = (
        "2. Seeing the films. Members should rank only films they have seen in full.\n"
        "1. Who may vote. Only voting members may cast ballots. Associates do not vote.\n"
        "3. No proxies. Votes are cast in person.\n"
        "The jury awards the following prizes:\n"
        "1. Best Film. Endowed with 5,000 euros.\n"
    )
    out = units(text, heading="Code")
    displays = [u.display for u in out]
    assert "Seeing the films." not in displays and "Who may vote." not in displays
    assert out[0].context == "Seeing the films: Members should rank only films they have seen in full."
    assert out[1].label == out[2].label == "Who may vote"
    assert "No proxies." in displays  # a short sentence with a rule word is a rule
    assert "Best Film." in displays


@pytest.mark.parametrize(
    "clause, rule",
    [
        # written check set C: the only rule on how many special mentions a jury may give
        (
            "6.6 Each jury may award a maximum of two (2) special mentions. Special mentions carry no prize money.",
            "Each jury may award a maximum of two (2) special mentions.",
        ),
        # written check set E: a voting window stated in the clause's first words
        (
            "4.4 Final voting opens on 14 April and closes on 25 April. Late ballots are not counted.",
            "Final voting opens on 14 April and closes on 25 April.",
        ),
        ("7.2 Deliberations are held in camera. No one else may attend.", "Deliberations are held in camera."),
    ],
)
def test_a_clause_that_opens_with_its_rule_has_that_rule_quotable(clause: str, rule: str) -> None:
    """ "8.4 Tie-breaks. If two films …" opens with a title, never quoted; "6.6 Each jury may award … two special
    mentions. …" opens with its rule, which the chunker also takes for the clause's title: read as a title, the rule
    was never quoted and the question it answers was declined."""
    blocks = [
        Block("Article 6 — Prizes", level=2),
        Block(clause),
        Block("8.4 Tie-breaks. If two films tie, the President decides."),
    ]
    doc = LoadedDocument(source="rules.md", title="Rules", kind="regulations", blocks=blocks, sha256="0" * 64)
    quoted = [
        u.display
        for chunk in chunk_document(doc)
        for u in units(chunk.text, heading=chunk.section.split(SEP)[-1])
        if quotable(u, chunk)
    ]
    assert rule in quoted, quoted
    assert "If two films tie, the President decides." in quoted
    assert not any(q.startswith("Tie-breaks") for q in quoted)


def test_a_rule_of_the_sample_library_that_opens_its_clause_is_quotable() -> None:
    doc = load_file(Path(__file__).resolve().parents[2] / "corpus" / "screening-attendance.pdf")
    chunk = next(c for c in chunk_document(doc) if c.text.startswith("3.7 Jurors may not bring guests"))
    quoted = [u.display for u in units(chunk.text, heading=chunk.section.split(SEP)[-1]) if quotable(u, chunk)]
    assert any(q.startswith("Jurors may not bring guests into row F") for q in quoted), (chunk.section, quoted)


def test_a_short_label_before_a_whole_rule_labels_it_and_is_no_word_of_the_quote() -> None:
    """A rules page set as a table of topics and rules ("Confidentiality | Jurors may not tell anyone …") was quoted
    as "Topic: Confidentiality; Rule: Jurors may not tell anyone …" (written check set AW, first sight: quote
    precision 0.27). The topic labels the rule; a label before what is no sentence ("Deliberation: Friday 13 March
    from 10:00 at the Old Weighhouse.") stays part of it, as does a row of several labelled cells."""
    row = table_rows(
        [
            ["Topic", "Rule"],
            ["Confidentiality", "Jurors may not tell anyone which film the Young Jury has chosen before the ceremony."],
            ["Conflicts", "A juror who is related to anyone who worked on a film must tell the Jury Moderator."],
        ]
    )
    out = [u for line in row for u in units(line)]
    assert [u.display for u in out] == [
        "Jurors may not tell anyone which film the Young Jury has chosen before the ceremony.",
        "A juror who is related to anyone who worked on a film must tell the Jury Moderator.",
    ]
    assert out[0].context.startswith("Confidentiality: Jurors") and out[1].label == "Conflicts"
    dated = units("Deliberation: Friday 13 March from 10:00 at the Old Weighhouse. Phones are handed in at the door.")
    assert dated[0].display == "Deliberation: Friday 13 March from 10:00 at the Old Weighhouse." and not dated[0].label
    assert table_rows([["Award", "Amount", "Jury"], ["Youth Award", "€1,500", "Youth Jury"]]) == [
        "Award: Youth Award; Amount: €1,500; Jury: Youth Jury."
    ]


def test_a_lead_in_that_ends_with_a_dash_opens_its_items_and_a_numbered_subsection_ends_them() -> None:
    """A statute's "(1) The Jury shall award -" over "(a)" to "(d)" was quoted alone, "The Jury shall award -", and
    its "(2) No prize may be shared" read as one more prize (written check set BJ, first sight). A dash ends a lead-in
    as a colon does; a numbered subsection after lettered items starts a list of its own."""
    text = (
        "(1) The Jury shall award -\n(a) the Carrow Prize for Best Film, of 40,000 crowns;\n(b) the Prize for"
        " Direction;\n(2) No prize may be shared between two films.\n(3) The Jury may decide not to award prize (b)."
    )
    found = {u.display: u for u in units(text)}
    assert found["The Prize for Direction;"].lead.endswith("The Jury shall award -")
    shared = found["No prize may be shared between two films."]
    assert shared.lead == "" and shared.group != found["The Prize for Direction;"].group


def test_sub_items_set_with_the_same_marker_complete_the_item_that_announces_them(tmp_path: Path) -> None:
    """Word's list levels ("List Number" over "List Number 2") and an indented Markdown list reach the passage as one
    flat run of items: "If two films have the same points:" was quoted alone as the answer to a tie, its two steps
    read as rules of their own (written check set BW, first sight)."""
    import docx

    document = docx.Document()
    document.add_heading("Voting and ties", level=1)
    document.add_paragraph("The film with the most points wins the award.", style="List Number")
    document.add_paragraph("If two or more films have the same number of points:", style="List Number")
    document.add_paragraph("a second ballot is held between the tied films only;", style="List Number 2")
    document.add_paragraph("if the films are still tied, the President's vote decides.", style="List Number 2")
    document.add_paragraph("In the Young Jury, a tie is settled by a show of hands.", style="List Number")
    word = tmp_path / "lanternfield-jury-rules.docx"
    document.save(str(word))
    markdown = tmp_path / "lanternfield-jury-rules.md"
    markdown.write_text(
        "# Voting and ties\n\n- The film with the most points wins the award.\n"
        "- If two or more films have the same number of points:\n"
        "  - a second ballot is held between the tied films only;\n"
        "  - if the films are still tied, the President's vote decides.\n"
        "- In the Young Jury, a tie is settled by a show of hands.\n",
        encoding="utf-8",
    )
    for path in (word, markdown):
        found = [u for c in chunk_document(load_file(path)) for u in units(c.text, c.heading)]
        by_text = {u.display: u for u in found}
        lead = "If two or more films have the same number of points:"
        assert by_text["A second ballot is held between the tied films only;"].lead == lead, path
        assert by_text["If the films are still tied, the President's vote decides."].lead == lead, path
        assert by_text["In the Young Jury, a tie is settled by a show of hands."].lead == "", path
        assert by_text["The film with the most points wins the award."].lead == "", path


def test_a_notes_mark_is_not_quoted_where_it_would_read_as_a_citation() -> None:
    """A quote of an endnote read "[3] The jury may decide not to award the Grand Lumen [1]": the note's mark stood
    where the answer's citation marks stand (blind check set CO). A statute's "§ 4" is its section, not a note."""
    assert clean_display("[3] The jury may decide not to award the Grand Lumen.") == (
        "The jury may decide not to award the Grand Lumen."
    )
    assert clean_display("† The Grand Award must be given.") == "The Grand Award must be given."
    assert clean_display("§ In-kind prize.") == "In-kind prize."
    assert clean_display("§ 4 Entry of works") == "§ 4 Entry of works"
