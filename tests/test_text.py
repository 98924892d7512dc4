"""Sentences and clause numbers as regulations and minutes write them (assistant/text.py)."""

from __future__ import annotations

from assistant.text import content_terms, split_sentences, stem, strip_clause_number


def test_a_sentence_does_not_end_inside_brackets() -> None:
    """ "Special Jury Prize: Nine Bridges (dir. Ama Fenwick), by secret ballot." was cut after "dir.", and study mode
    quizzed on "Ama Fenwick), by secret ballot" (written check set BK, first sight)."""
    assert split_sentences("- Special Jury Prize: Nine Bridges (dir. Ama Fenwick), by secret ballot. Approved.") == [
        "- Special Jury Prize: Nine Bridges (dir. Ama Fenwick), by secret ballot.",
        "Approved.",
    ]
    assert split_sentences("Films (a) and (b) qualify. Others do not.") == [
        "Films (a) and (b) qualify.",
        "Others do not.",
    ]


def test_a_rule_or_section_number_before_the_rule_is_no_part_of_it_but_a_reference_to_one_is() -> None:
    """ "Rule 5.6 The decisions of the juries are final" was quizzed with its number in front (BK); "Section 7.4 is
    replaced as follows" speaks of the section, and keeps it."""
    assert (
        strip_clause_number("Rule 5.6 The decisions of the juries are final.")
        == "The decisions of the juries are final."
    )
    assert strip_clause_number("§ 4 The jury consists of five members.") == "The jury consists of five members."
    kept = "Section 7.4 is replaced as follows: the film with the most top scores wins."
    assert strip_clause_number(kept) == kept


def test_a_clause_that_opens_by_citing_an_article_keeps_its_words() -> None:
    """ "2.2 In Art. 13.2, "30 April" is replaced by "16 May"." was shown as "13.2, … is replaced": "In Art." was taken
    for the clause's title, as "8.4 Tie-breaks." is. So were "Parallel juries referred to in Art." (CI) and "Except as
    expressly amended by Amendment No." (CH), in the sections they headed."""
    assert strip_clause_number('2.2 In Art. 13.2, "30 April" is replaced by "16 May".') == (
        'In Art. 13.2, "30 April" is replaced by "16 May".'
    )
    assert strip_clause_number("8.4 Tie-breaks. If two films tie, the chair decides.") == (
        "If two films tie, the chair decides."
    )


def test_a_bracket_left_open_does_not_swallow_the_sentences_after_it() -> None:
    """A published rule on music opens a bracket it never closes, and its next sentences were run into one (realworld-2,
    where seven hand labels lost their sentences): each sentence is still one of its own."""
    assert split_sentences("Music is banned (radio counts. Please check. Ask us.") == [
        "Music is banned (radio counts.",
        "Please check.",
        "Ask us.",
    ]


def test_a_verb_in_ate_and_its_noun_in_ation_share_a_stem() -> None:
    """ "Where is the jury deliberation?" shared no word with "The juries deliberate in closed session on Saturday
    14 March": "deliberate" and "deliberation" were stemmed apart (written check sets BM and CF)."""
    from assistant.text import stem

    for verb, noun in (("deliberate", "deliberation"), ("nominated", "nominations"), ("evaluating", "evaluation")):
        assert stem(verb) == stem(noun), verb
    assert stem("format") != stem("form") and stem("private") == "privat"


def test_a_paragraph_mark_opens_the_sentence_after_it() -> None:
    """A PDF's paragraphs run on in one line ("… social networks. § 4. The travel costs …"): the mark "§ 4." was read
    as the end of the sentence before it, and answers ended "… not resident in Lusarno. § 4" (written check set CI,
    first sight; BU's interfaith jury rules too)."""
    line = "§ 3. Jurors shall refrain from any public opinion. § 4. Costs of accompanying persons are not borne by us."
    assert split_sentences(line) == [
        "§ 3. Jurors shall refrain from any public opinion.",
        "§ 4. Costs of accompanying persons are not borne by us.",
    ]
    assert [strip_clause_number(s) for s in split_sentences(line)][1] == (
        "Costs of accompanying persons are not borne by us."
    )
    assert split_sentences("Jurors follow § 2. The jury meets daily.") == [
        "Jurors follow § 2.",
        "The jury meets daily.",
    ]


def test_black_tie_is_a_dress_code_not_a_tied_vote() -> None:
    """ "what are we supposed to wear to the awards ceremony - is it black tie?" was answered with the rule on a tied
    ballot (written check set CI, first sight; six sets ask it)."""
    assert "tie" not in content_terms("What should I wear to the ceremony? Is it black tie?")
    assert content_terms("Dress code: black-tie for the closing gala.").count(stem("dress")) == 2
    assert "tie" in content_terms("In the event of a tie, the President decides.")


def test_a_word_that_ends_in_ss_keeps_its_stem_when_inflected() -> None:
    """ "what happens if I get ill and MISS one of the screenings?" never met "a private screening of the MISSED Films":
    "miss" lost its last "s" and "missed" did not (written check set CK, first sight; AK, AV, CF and V gained with it)."""
    assert stem("miss") == stem("missed") == stem("misses") == stem("missing")
    assert (
        stem("pass") == stem("passed") and stem("access") == stem("accessed") and stem("discuss") == stem("discussed")
    )
    assert stem("bonus") == stem("bonuses") and stem("films") == stem("film") and stem("jurors") == stem("juror")


def test_a_clause_number_joined_to_its_letter_stays_out_of_the_answers_words():
    """ "J5.2 From their appointment …" was quoted in the answer with its clause number (written check set CT's jury
    rules, AK's "B1.1" annex): the number belongs to the citation. "A4" alone, with no point, is no clause."""
    from assistant.library.units import units

    rule = "J5.2 From their appointment until the end of the ceremony, jurors shall not express any opinion in public."
    assert strip_clause_number(rule).startswith("From their appointment")
    assert strip_clause_number("B1.1 The Federation holds a competition each year for its members.").startswith("The")
    assert strip_clause_number("A4 paper is used for every score sheet at the meeting.").startswith("A4 paper")
    assert [u.display for u in units(rule)][0].startswith("From their appointment")
