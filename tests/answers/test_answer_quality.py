"""The six classes of failure seen on real regulations nobody had tuned on (issue 20), each on real-shaped text
written for this test: a section's whole block returned for every question about it, one part of a two-part question
answered, a rule split across units losing its list, an FAQ's own question quoted as its answer, a festival named by
its short name declined, and a near-miss answer to a question the library does not answer.

The documents (tests/support/several_festivals.py) are this project's own, shaped like published regulations.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.library import library_of, make_settings
from support.several_festivals import write_documents

from assistant.answers.abstention import focus_terms
from assistant.answers.asks import asked
from assistant.answers.assistant import Assistant
from assistant.answers.citations import MARKER
from assistant.answers.needs import answer_need, meets
from assistant.text import with_question_mark


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    folder = write_documents(tmp_path_factory.mktemp("quality-docs"))
    assistant = Assistant.from_settings(make_settings(tmp_path_factory.mktemp("quality-lib")), embeddings)
    report = assistant.library.ingest([Path(folder)])
    assert report.ok, report.failed
    return assistant


def quotes(answer) -> list[str]:
    return [c.quote for c in answer.citations]


def sentences(answer) -> int:
    return len(MARKER.findall(answer.answer))


# 1. Section dumps -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        (
            "Can a jury member publish a review of a competing film before the winners are announced?",
            "reviews",
            "withdrawn",
        ),
        ("What must a juror do who worked on the distribution of a film in competition?", "declare", "reviews"),
        ("Can a producer pull their film out after the programme is announced?", "withdrawn", "reviews"),
    ],
)
def test_each_question_about_a_section_gets_its_own_sentence_not_the_whole_block(
    library: Assistant, question: str, wanted: str, unwanted: str
) -> None:
    answer = library.ask(question, log=False)
    assert not answer.abstained, answer.notes
    assert wanted in answer.answer and unwanted not in answer.answer, answer.answer
    assert len(answer.answer.split()) <= 45, "one or two sentences, not the section"
    assert not answer.answer.startswith(("4.", "4 International", "International Competition")), "no heading glued on"
    assert all(c.section and "International Competition" in c.section for c in answer.citations), "the section is cited"


# 2. Every part answered ------------------------------------------------------------------------------------------
def test_both_parts_of_a_two_part_question_are_answered(library: Assistant) -> None:
    answer = library.ask(
        "How big is the Harbourside jury, and must it include someone from the host country?", log=False
    )
    assert not answer.abstained
    assert "seven members" in answer.answer
    assert "citizen of the host country" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How big is the Harbourside jury, and is there free parking for jurors?",
        # a few words that set the scene before the first ask do not hide that it asks
        "At Harbourside, how big is the jury, and is there free parking for jurors?",
    ],
)
def test_a_part_the_rules_do_not_cover_is_named_and_the_other_part_answered(library: Assistant, question: str) -> None:
    answer = library.ask(question, log=False)
    assert not answer.abstained
    assert "seven members" in answer.answer
    assert any("do not answer this part" in n and "parking" in n for n in answer.notes), answer.notes


def test_every_part_is_judged_within_the_festival_the_question_is_about(tmp_path: Path, embeddings) -> None:
    """ "In the youth jury's final vote, how many points does my top pick get, and what happens if two films end up
    tied?" names no festival; its answer quotes the youth festival's voting rules, which hold both. Judged alone,
    "what happens if two films end up tied" searched the whole library, found another festival's rules first, and was
    reported as a part the rules do not answer (written check set L). Every part is judged within the festival the
    whole question is about; a part that festival does not answer is still named."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "little-lanterns-youth-jury-guide.md": (
                "Title: Little Lanterns Film Festival - Guide for the Youth Jury\n\n"
                "## How the Youth Jury chooses its winner\n\n"
                "Each juror ranks the three films: your first choice gets 3 points, your second choice 2 points and "
                "your third choice 1 point.\n\n"
                "## If two films are tied\n\n"
                "If two films have the same number of points, the jury talks for 15 more minutes and then votes "
                "between those two films by a show of hands.\n"
            ),
            "tarnwick-short-film-prize-rules.md": (
                "Title: Tarnwick Short Film Prize - Rules for entrants and judges\n\n"
                "## Conflicts of interest\n\n"
                "A judge may not score a film made by a relative. In such a case the film is scored by the other "
                "judges only, and what happens to it is decided by the panel.\n\n"
                "## When two films end up close\n\n"
                "If two films end up within two points of each other, both films are watched again by the whole "
                "panel before the meeting, and what happens next is settled there.\n\n"
                "## Prizes\n\n"
                "First prize: £1,500. Second prize: £750.\n"
            ),
        },
    )
    answer = assistant.ask(
        "In the youth jury's final vote, how many points does my top pick get, and what happens if two films end up "
        "tied?",
        log=False,
    )
    assert not answer.abstained, answer.notes
    assert "3 points" in answer.answer and "show of hands" in answer.answer, answer.answer
    assert not any("do not answer this part" in n for n in answer.notes), answer.notes
    parking = assistant.ask(
        "In the youth jury's final vote, how many points does my top pick get, and is there free parking for jurors?",
        log=False,
    )
    assert "3 points" in parking.answer, parking.answer
    assert any("do not answer this part" in n and "parking" in n for n in parking.notes), parking.notes


def test_a_part_answered_by_a_list_whose_lead_in_gives_the_count_is_answered(tmp_path: Path, embeddings) -> None:
    """ "How many judges are on the panel, and how many of them are students?": each part's quote was a list item
    ("Student judges — final-year students …"), quoted with the lead-in that gives the count ("one judging panel of
    five people, made up of three industry judges and two student judges:"), yet the count was looked for in the item
    alone, no part counted as answered, and the question was declined (written check set BQ, first sight)."""
    guide = Path(__file__).resolve().parents[2] / "checksets" / "BQ" / "BQ_fenwright_judging_guide.md"
    assistant = library_of(tmp_path, embeddings, {guide.name: guide.read_text(encoding="utf-8")})
    question = "how many judges are on the student festival panel, and how many of them are actually students?"
    answer = assistant.ask(question, log=False)
    assert not answer.abstained, answer.notes
    assert "five people" in answer.answer and "two student judges" in answer.answer, answer.answer


def test_each_part_is_searched_with_the_rules_words_as_the_whole_question_is(tmp_path: Path, embeddings) -> None:
    """ "How many people sit on the ASFF jury, and who chairs it?": the whole question is searched with the words rules
    give a jury's size in ("consists of"), its part "How many people sit on the jury" was not, found the chair's
    casting vote in the director's interview, and, no part answered alone, the question was declined (written check
    set BM, first sight)."""
    folder = Path(__file__).resolve().parents[2] / "checksets" / "BM"
    files = {
        name: (folder / name).read_text(encoding="utf-8")
        for name in ("asff_entry_regulations_2025.md", "asff_jury_interview.txt")
    }
    assistant = library_of(tmp_path, embeddings, files)
    answer = assistant.ask("How many people sit on the ASFF jury, and who chairs it?", log=False)
    assert not answer.abstained, answer.notes
    assert "five" in answer.answer.lower(), answer.answer


def test_a_juror_asking_whether_they_get_paid_finds_the_rule_that_says_the_service_is_unpaid(
    tmp_path, embeddings
) -> None:
    """ "Do I get paid for judging Reelrush?" was declined: "Judging for Reelrush 48 is unpaid." shares no word with
    "paid", and the prize money's rules outranked the judges' e-mail that says it (written check set BN, first sight;
    the same in AL, AU and Z). A yes/no question about being paid is searched with the rules' "unpaid" too."""
    from assistant.answers.assistant import Assistant

    folder = Path(__file__).resolve().parents[2] / "checksets" / "BN"
    assistant = Assistant.from_settings(make_settings(tmp_path / "lib"), embeddings)
    report = assistant.library.ingest(sorted(p for p in folder.iterdir() if p.suffix != ".jsonl"))
    assert report.ok, report
    answer = assistant.ask("Do I get paid for judging Reelrush?", log=False)
    assert not answer.abstained, answer.notes
    assert "unpaid" in answer.answer, answer.answer


# 3. A rule split across units ------------------------------------------------------------------------------------
def test_a_lead_in_that_announces_a_count_travels_with_its_items(library: Assistant) -> None:
    answer = library.ask("On what criteria do the Harbourside judges score entries?", log=False)
    assert not answer.abstained
    for item in ("Creativity", "Content", "Execution"):
        assert item in answer.answer, answer.answer
    assert "3 criteria" in " ".join(quotes(answer)), "the lead-in the items complete is quoted with them"


def test_a_numbered_list_under_a_bullet_that_announces_it_is_quoted_whole(library: Assistant) -> None:
    answer = library.ask("What must a Riverbend film include?", log=False)
    assert not answer.abstained
    for prop in ("red umbrella", "paper boat", "brass key"):
        assert prop in answer.answer, answer.answer
    assert "these props" in answer.answer
    assert "1." not in answer.answer, "list markers stay in the citation"


# 4. FAQ structure ------------------------------------------------------------------------------------------------
def test_an_faq_answer_is_quoted_never_its_question(library: Assistant) -> None:
    answer = library.ask("My film wasn't selected last year. May I enter it again at Harbourside?", log=False)
    assert not answer.abstained, answer.notes
    assert "may be submitted once more" in answer.answer
    assert "?" not in answer.answer.replace("[", "").split("] ")[0], "the FAQ's own question is not the answer"
    assert not any(q.rstrip().endswith("?") for q in quotes(answer))


# 5. The named festival, by its short name ------------------------------------------------------------------------
def test_a_festival_named_by_its_initials_is_found(library: Assistant) -> None:
    answer = library.ask("How many people sit on the HIFF jury?", log=False)
    assert not answer.abstained, answer.answer
    assert {c.source for c in answer.citations} <= {"harbourside-regulations.md", "harbourside-faq.md"}
    assert "seven" in answer.answer


@pytest.mark.parametrize(
    ("question", "sources", "said"),
    [
        ("how many people sit on the hiff jury?", {"harbourside-regulations.md", "harbourside-faq.md"}, "seven"),
    ],
)
def test_a_festival_named_in_a_question_typed_without_capitals_is_found(
    library: Assistant, question: str, sources: set[str], said: str
) -> None:
    """Jurors type in lower case. A festival's own name, its initials, restored as the library writes them: the
    answer comes from that festival's rules, as for the question typed with capitals (it came from whichever
    festival's text was closest)."""
    answer = library.ask(question, log=False)
    assert not answer.abstained, answer.answer
    assert {c.source for c in answer.citations} <= sources, answer.citations
    assert said in answer.answer


def test_a_question_typed_without_capitals_is_not_answered_from_another_festival(library: Assistant) -> None:
    """Harbourside's rules say nothing of appeals; Riverbend's say its jury's decisions are final. Typed in lower
    case, the question still names Harbourside: it gets the answer the same question typed with capitals gets, from
    Harbourside's documents, not Riverbend's rule."""
    cased = library.ask("Can a filmmaker appeal the Harbourside jury's decision?", log=False)
    typed = library.ask("can a filmmaker appeal the harbourside jury's decision?", log=False)
    assert typed.answer == cased.answer
    assert "riverbend-rules.md" not in {c.source for c in typed.citations}


def test_a_festival_the_library_lacks_typed_without_capitals_is_said_so(library: Assistant) -> None:
    """ "for the galway film fleadh …": words the library never uses before "film fleadh"/"film awards" name a body;
    it is said to be missing, not answered from another festival's jury rules."""
    answer = library.ask("how many jurors sit on the galway film festival jury?", log=False)
    assert answer.abstained, answer.answer
    assert "Galway Film Festival" in answer.answer and not answer.citations


def test_two_festivals_whose_titles_share_the_words_of_the_trade_stay_apart(library: Assistant) -> None:
    groups = library.retriever.scope_index().groups
    assert groups["harbourside-regulations.md"] == {"harbourside-regulations.md", "harbourside-faq.md"}
    assert groups["riverbend-rules.md"] == {"riverbend-rules.md"}
    answer = library.ask("How many members are on the Riverbend jury?", log=False)
    assert [c.source for c in answer.citations] == ["riverbend-rules.md"]
    assert "three members" in answer.answer


def test_a_festival_the_library_does_not_hold_is_said_so(library: Assistant) -> None:
    answer = library.ask("How many jurors sit on the Galway Film Fleadh jury?", log=False)
    assert answer.abstained
    assert "Galway Film Fleadh" in answer.answer and not answer.citations


@pytest.mark.parametrize(
    ("question", "festival"),
    [
        ("Do Sundance judges get paid?", "Sundance"),
        ("Can the Tribeca panel split the prize?", "Tribeca"),
        ("Does Raindance require films in its competition to be world premieres?", "Raindance"),
        ("Quick question - does Raindance require films in its competition to be world premieres?", "Raindance"),
        ("Please tell me: does Raindance require films in its competition to be world premieres?", "Raindance"),
        ("does raindance require films in its competition to be world premieres", "Raindance"),  # typed lower case
    ],
)
def test_a_one_word_festival_the_library_does_not_hold_is_said_so(
    library: Assistant, question: str, festival: str
) -> None:
    """A festival's one-word name before the people who judge ("Sundance judges", as "the Sundance jury") or as the
    body that makes a rule ("Does Raindance require …") names a festival; one the library lacks is said so, not
    answered with another festival's prize money or premiere rule."""
    answer = library.ask(question, log=False)
    assert answer.abstained, answer.answer
    assert festival in answer.answer and not answer.citations


# 6. Near-miss answers to questions the library does not answer ---------------------------------------------------
def test_a_question_about_jurors_fees_is_not_answered_with_the_prize_money(library: Assistant) -> None:
    answer = library.ask("Does the Harbourside festival pay jurors a daily fee?", log=False)
    assert answer.abstained, answer.answer
    assert "5,000" not in answer.answer


def test_what_the_jury_is_paid_is_answered_only_by_a_rule_on_the_jury_s_pay(tmp_path: Path, embeddings) -> None:
    """ "Are the adjudicators paid a fee?" asks for money the jury receives: the entry charge and the prizes are
    sums, but of other people's money, so where the rules say nothing of the jury's pay the question is declined;
    where they do, that rule answers it."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "quarry-town-film-festival-2024.md": (
                "Title: Quarry Town Film Festival 2024 Entry Rules\n\n"
                "Entering\n"
                "There is an entry charge of £7 to cover the costs of the venue.\n"
                "Films will be judged by a panel of three adjudicators from the local film society.\n\n"
                "Prizes\n"
                "The winning film receives £50 and the runner-up £30.\n"
            ),
            "saltmarsh-documentary-days-2024.md": (
                "Title: Saltmarsh Documentary Days 2024 Jury Rules\n\n"
                "The jury\n"
                "The jury has three members, appointed by the festival director.\n"
                "Each juror receives a fee of EUR 400 and has travel and two nights' accommodation paid.\n"
            ),
        },
    )
    quarry = assistant.ask("Are the Quarry Town adjudicators paid a fee for judging?", log=False)
    assert quarry.abstained, quarry.answer
    saltmarsh = assistant.ask("Are the Saltmarsh jurors paid a fee?", log=False)
    assert not saltmarsh.abstained, saltmarsh.notes
    assert "EUR 400" in saltmarsh.answer


def test_a_time_told_by_an_event_answers_a_question_for_a_time(tmp_path: Path, embeddings) -> None:
    """ "When are the results announced?" over "The voting results are summed up at the awards ceremony": rules often
    time a step by an event, not a date, and that answers "when" (it was declined as holding no time)."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "birchwood-student-film-days-2024.md": (
                "Title: Birchwood Student Film Days 2024 Jury Rules\n\n"
                "The student jury\n"
                "The jury is made up of one student from each participating film school.\n"
                "Each juror has one vote, and a simple majority decides the winning film.\n"
                "The voting results are summed up at the awards ceremony.\n"
            )
        },
    )
    answer = assistant.ask("When are the Birchwood results announced?", log=False)
    assert not answer.abstained, answer.notes
    assert "at the awards ceremony" in answer.answer


def test_what_a_question_asks_for_is_read_after_a_preamble() -> None:
    """ "Quick question: when …", "Sorry - how many …": the asking word opens its own clause, not the question."""
    when = answer_need("Quick question: when is the awards ceremony?")
    assert when is not None and when.kind == "time"
    count = answer_need("Sorry - how many jurors sit on the jury?")
    assert count is not None and count.counted == "juror"


def test_a_question_typed_without_its_question_mark_is_read_as_one(library: Assistant) -> None:
    """The question mark moves the question's vector: typed without it, "which hotel am i staying at" found another
    passage than the same question with it. Ended as a question, both get one answer."""
    assert with_question_mark("which hotel am i staying at") == "which hotel am i staying at?"
    for ended in ("Who chairs the jury?", "Tell me about the jury.", "What is 'final cut'", "The jury (all of it)"):
        assert with_question_mark(ended) == ended
    typed = library.ask("how many members are on the riverbend jury", log=False)
    assert typed.answer == library.ask("How many members are on the Riverbend jury?", log=False).answer
    assert "three members" in typed.answer


def test_a_sentence_about_the_asker_is_not_searched_as_part_of_the_question(tmp_path: Path, embeddings) -> None:
    """ "I'm new to this and want to get it right. …": the words of a sentence that asks nothing, and that the
    question does not lean on, are not the question's ("right" met "reserves the right"). A sentence the question
    leans on ("Do we have to show IT?") stays."""
    assert asked("I'm new to this and want to get it right. How long can a film be?") == "How long can a film be?"
    leaning = "One team's film runs long. Do we have to show it in full?"
    assert asked(leaning) == leaning
    # what comes before the sentence the question leans on, and says nothing, goes all the same
    assert asked("I'm new to this and want to get it right. " + leaning) == leaning
    assert asked("My cousin is a producer. She edited one of the films. Is that a conflict?") == (
        "My cousin is a producer. She edited one of the films. Is that a conflict?"
    )
    # a word that points at what its own sentence named leans on nothing before it; an ask too short to stand alone
    # ("What am I supposed to do?") keeps the sentence before it
    preamble = "I'm new to this and want to get it right. "
    for question in (
        "If we think no film deserves a prize, can we just not give it?",
        "A director keeps emailing me to push his film. What am I supposed to do?",
    ):
        assert asked(preamble + question) == question
    # a sentence that names what happened is the question's point, whether or not a word points back at it
    for situation in (
        "A sales agent for one of the films has invited me to dinner. Can I accept while I'm on the jury?",
        "A sponsor handed me some wireless earbuds as a thank-you. As a delegate, can I keep them?",
        "I did the subtitle translation for one of the films. Do I have to step aside?",
    ):
        assert asked(situation) == situation
    # the juror's own role or the festival is no situation: "I'm new to the jury …" still goes
    assert asked("I'm new to the jury and want to get it right. How are entries scored?") == "How are entries scored?"
    assert asked("I'm new to the festival and a bit nervous. Can I bring my partner?") == "Can I bring my partner?"
    # a preface and the role every juror has go; a role that says something ("the jury president") stays
    assert asked("Quick question - one team's film runs long. Do we have to show it in full?") == leaning
    # an ask too short to say what it is about keeps what comes before its dash
    room = "Something's wrong with my hotel room — who do I get in touch with?"
    assert asked(room) == room
    assert asked("As a member of the jury, can I publish a review?") == "Can I publish a review?"
    assert asked("As the jury president, may I vote twice?") == "As the jury president, may I vote twice?"
    # a word or two of thanks after the question go; the words a follow-up's standalone form appends stay
    assert asked("Can I bring my partner? Thanks!") == "Can I bring my partner?"
    assert asked("How do I receive it? per diem") == "How do I receive it? per diem"
    # a number says what the question is about: an article, a running time
    for numbered in ("Article 5: can the jury split a prize?", "My film runs 25 minutes. How long may a film be?"):
        assert asked(numbered) == numbered
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "rules.md": (
                "# Heronsgate Short Film Night: rules\n\n"
                "The organisers reserve the right to refuse any film without giving reasons.\n\n"
                "Films must be no longer than 12 minutes, credits included.\n\n"
                "Each team may enter one film.\n"
            )
        },
    )
    plain = assistant.ask("How long can a film be?", log=False)
    chatty = assistant.ask("I'm new to this and want to get it right. How long can a film be?", log=False)
    assert "12 minutes" in plain.answer
    assert chatty.answer == plain.answer


def test_a_typing_slip_is_read_as_the_word_meant_and_said_so(library: Assistant) -> None:
    """ "… appeal the decison …": the slip is in no document, so the question was searched without the word that
    finds Riverbend's rule and was answered with another. Read as the library's word, it gets the answer it gets
    typed right, and the answer says how it was read."""
    right = library.ask("Can a filmmaker appeal the decision of the Riverbend jury?", log=False)
    slipped = library.ask("Can a filmmaker appeal the decison of the Riverbend jury?", log=False)
    assert not right.abstained and "final" in right.answer
    assert slipped.answer == right.answer
    assert "Read “decison” as “decision”." in slipped.notes


def test_a_clock_time_is_not_how_long_something_lasts() -> None:
    """ "How long does the check-in last?" is not answered by "held at 09:30": a clock time is not a duration
    (it was taken for one, and the rule "no more than 20 minutes" beside it was left out)."""
    need = answer_need("How long does the morning check-in last?")
    assert not meets("A check-in is held at 09:30 every morning in the jury office.", need)
    assert not meets("Posters must be sent on or before 7 April at 11:59 P.M.", need)
    assert meets("Each jury meets for no more than 20 minutes.", need)
    assert meets("The running time must not exceed 1:30.", need)


def test_a_yes_no_question_answered_by_a_plain_statement_is_answered(library: Assistant) -> None:
    """A rule answers "can they appeal?" or "will every film be shown?" without a modal word of its own: such a
    question is not declined for want of one (the quote still has to be the rule on its point)."""
    appeal = library.ask("Can a filmmaker appeal the decision of the Riverbend jury?", log=False)
    assert not appeal.abstained, appeal.answer
    assert any("final" in q for q in quotes(appeal)), quotes(appeal)
    screened = library.ask("Will every entry to Riverbend actually be screened?", log=False)
    assert not screened.abstained, screened.answer
    assert any("will be screened" in q for q in quotes(screened)), quotes(screened)


def test_a_yes_no_question_about_money_is_answered_by_the_rule_on_money(library: Assistant) -> None:
    """ "Do they pay anything?" is met by "no entry fee", not by the first rule with a modal word in it."""
    answer = library.ask("Do filmmakers have to pay anything to take part in Riverbend?", log=False)
    assert not answer.abstained, answer.answer
    assert any("no entry fee" in q for q in quotes(answer)), quotes(answer)


def test_list_items_that_are_sentences_are_quoted_as_sentences(tmp_path: Path, embeddings) -> None:
    """Two items of one list, each a whole sentence, read as two sentences, not as "...word for word; It may be"."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "lakeside-48-hour-rules.md": (
                "Title: Lakeside 48 Hour Film Project Rules 2025\n\n"
                "Required elements\n"
                "- The required line of dialogue must be used word for word.\n"
                "- It may be spoken, sung or written on screen.\n"
                "- The required prop must appear on screen.\n\n"
                "Judging\n"
                "The judges choose the Best Film and two runners-up.\n"
            )
        },
    )
    answer = assistant.ask("Does the required line of dialogue have to be used word for word?", log=False)
    assert not answer.abstained, answer.notes
    assert "word for word. It may be spoken" in answer.answer, answer.answer
    assert "; It" not in answer.answer


def test_what_happens_on_a_tie_is_answered_by_the_rule_and_cited_to_its_article(tmp_path: Path, embeddings) -> None:
    """ "What happens if the jury is tied?" is met by "In case of a tie the President ... has the casting vote" (a
    consequence stated with "has", not only with "shall" or "will"), cited to "Article 4: Voting"."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "northbay-regulations-2026.md": (
                "Title: Regulations of the Northbay International Film Festival 2026\n\n"
                "Article 3: Composition of the jury\n"
                "The International Jury consists of five members appointed by the Festival Director.\n\n"
                "Article 4: Voting\n"
                "The jury decides by a simple majority. In case of a tie the President of the jury has the casting "
                "vote.\nJurors must keep the deliberations confidential.\n"
            )
        },
    )
    answer = assistant.ask("What happens if the jury is tied?", log=False)
    assert not answer.abstained, answer.notes
    assert "casting vote" in answer.answer
    assert answer.citations[0].section == "Article 4: Voting"


def test_a_tie_is_answered_only_by_a_rule_on_a_tie(tmp_path: Path, embeddings) -> None:
    """ "If two films get the same number of votes …?" asks for the rule on a tie: the tie rule is quoted over the
    rule on how votes are counted, and where the festival has no tie rule the assistant says so rather than quoting
    how its audience votes. A question for the time of day ("What time …?") is not met by a date."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "harbourside-jury-rules.md": (
                "Title: Harbourside Film Festival: jury rules\n\n"
                "Voting\n"
                "From the second round onwards, the film that obtains the most votes wins the award. If two films "
                "are level on votes after the last round, the President of the jury has the casting vote.\n\n"
                "Ceremony\n"
                "The closing ceremony takes place on 18 October at the Harbour Hall.\n"
            ),
            "moonreel-audience-night.md": (
                "Title: Moonreel Audience Night: rules\n\n"
                "Voting\n"
                "Every film is shown at each screening, and each screening you attend entitles you to one vote. "
                "Awards are given for Best Picture, Best Actor and Best Editing.\n"
            ),
        },
    )
    tied = assistant.ask("At Harbourside, if two films end up with the same number of votes, what happens?", log=False)
    assert not tied.abstained and "casting vote" in tied.answer, tied.answer
    # "split down the middle" is a tie (written check sets: three festivals asked so); a prize split is not
    evenly = assistant.ask("At Moonreel Audience Night, if our jury is split evenly, who decides?", log=False)
    assert evenly.abstained, evenly.answer
    assert answer_need("Can the prize be split evenly between two films?").kind != "tie"
    moonreel = assistant.ask(
        "At Moonreel Audience Night, if two films get the same number of audience votes, how is the tie broken?",
        log=False,
    )
    assert moonreel.abstained, moonreel.answer
    hour = assistant.ask("What time does the Harbourside closing ceremony start?", log=False)
    assert hour.abstained, hour.answer


def test_votes_split_down_the_middle_are_a_tie(tmp_path: Path, embeddings) -> None:
    """ "If our votes end up split down the middle, who settles it?" asks for the rule on a tie, written in other words
    ("equality of votes"); the rule on the quorum shares more of its words (written check sets: three festivals)."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "valmont-regulations.md": (
                "Title: Valmont Film Festival Regulations\n\n"
                "## Article 3 – Composition of the juries\n\n"
                "a) The Feature Jury is composed of a President and six members, being seven persons in total.\n"
                "b) The Short Film Jury is composed of a President and two members.\n\n"
                "## Article 8 – Deliberations of the juries\n\n"
                "a) A jury may validly deliberate only if at least two thirds of its members are present.\n"
                "b) The deliberations of the juries are secret, and the members of the juries vote by secret ballot.\n"
                "c) In case of equality of votes at the final ballot, the vote of the President of the jury is "
                "preponderant.\n"
                "d) No vote by correspondence or by proxy is admitted.\n"
            )
        },
    )
    question = "On the Valmont main jury, if our votes end up split down the middle, who settles it?"
    answer = assistant.ask(question, log=False)
    assert "equality of votes" in answer.answer, answer.answer
    assert "secret ballot" not in answer.answer and "two thirds" not in answer.answer


def test_a_question_is_read_for_the_thing_it_asks_about(tmp_path: Path, embeddings) -> None:
    """ "What's the weather like?" asks about the weather, which these rules never mention: declined ("what's" reads
    as "what is"). "What is the deadline …" and "What's the longest …" ask for a time and a length, which the rules
    state in other words ("must be received by", "not run longer than"): the words that name the kind of answer or
    its degree are not the thing asked about, so the questions are answered."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "millbrook-short-film-festival-2025.md": (
                "Title: Millbrook Short Film Festival 2025 Entry Rules\n\n"
                "Entries\n"
                "All entries must be received by 5 pm on Friday 3 October 2025.\n"
                "Films must not run longer than 15 minutes, credits included.\n"
                "Each filmmaker may enter up to three films.\n\n"
                "The festival\n"
                "The festival takes place in Millbrook Town Hall on 18 and 19 October 2025.\n"
                "Screenings are free and open to the public.\n"
            )
        },
    )
    weather = assistant.ask("What's the weather usually like in Millbrook in October?", log=False)
    assert weather.abstained, weather.answer
    deadline = assistant.ask("What is the deadline for entries?", log=False)
    assert not deadline.abstained, deadline.notes
    assert "5 pm on Friday 3 October" in deadline.answer
    longest = assistant.ask("What's the longest a film can run?", log=False)
    assert not longest.abstained, longest.notes
    assert "15 minutes" in longest.answer


def test_what_a_later_clause_has_is_not_the_thing_asked_about(tmp_path: Path, embeddings) -> None:
    """ "Can I change my scores once the deliberation HAS BEGUN?" asks about changing scores: "has" opens no offer
    of a thing here ("does the hotel HAVE a pool"), so "begun", which the rules never write, is not what the rules
    must mention."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "orchard-valley-film-awards-2025.md": (
                "Title: Orchard Valley Film Awards 2025 Judging Rules\n\n"
                "Scores\n"
                "Each judge scores every film from 1 to 10 on story, craft and originality.\n"
                "Judges may change their scores until the final deliberation opens; after that, scores are frozen.\n\n"
                "Entering\n"
                "There is no entry fee.\n"
                "Films must be submitted online by 1 March 2025.\n"
            )
        },
    )
    scores = assistant.ask("Can I still change my scores once the final deliberation has begun?", log=False)
    assert not scores.abstained, scores.notes
    assert "scores are frozen" in scores.answer or "until the final deliberation" in scores.answer


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("Can I still change my scores once the final deliberation has begun?", set()),
        ("Do teams pay anything to take part in the festival?", set()),
        ("Does the hotel have a swimming pool?", {"swim", "pool"}),
        ("Can the festival rent a car for me when I arrive?", {"car"}),
        # a preamble, a polite opener or a condition before the question does not hide its form
        ("I'm new to this jury. Does the hotel have a swimming pool?", {"swim", "pool"}),
        ("Please tell me: does the hotel have a swimming pool?", {"swim", "pool"}),
        ("If I arrive late, can the festival rent a car for me?", {"car"}),
        # a verb right after the thing asked about is not part of it
        ("Which category carries the biggest prize?", {"category"}),
        ("Which swimming pool does the hotel use?", {"swim", "pool"}),
        # what names the kind of answer (in any number) or which of a list is not what it is about
        ("How many points can one film get from me?", set()),
        ("Can we give the big prize to two films together?", {"priz"}),
        # what a festival covers or refunds, as what it pays for; and with its name taken out of the question
        # ("Does Karvala reimburse …" is judged as "Does reimburse …"), still what the question asks about
        ("Will the festival reimburse my visa costs?", {"visa", "cost"}),
        ("Does reimburse my visa costs?", {"visa", "cost"}),
        ("Does cover my hotel room?", {"hotel", "room"}),
        # what follows an indefinite pronoun says what kind of one, no thing a rule must name (written check set R)
        ("Would they bring in somebody new to replace that person?", set()),
        # "have to" is a modal: the verb after it names no thing ("step out", "sit out": written check sets S and Y)
        ("Do I have to step out when the others talk about that film?", set()),
        ("Does the festival have a shuttle bus?", {"shuttl", "bus"}),
        # the counted noun, not the word that describes it (written check set X)
        ("Is there a limit on how many honourable mentions the jury can give?", {"mention"}),
    ],
)
def test_the_thing_asked_about_is_read_in_the_main_clause(question: str, thing: set[str]) -> None:
    assert focus_terms(question) == thing


def test_a_question_about_each_criterion_s_weight_is_answered_with_the_scoring_table(
    tmp_path: Path, embeddings
) -> None:
    """A scoring table copied from a web page as plain "Criteria | %" lines. "What weight does each criterion
    carry?" asks for an amount ("weight" names the kind of answer, not a thing the rules must mention) and for every
    criterion: answered with the whole table under its heading, not declined for want of the word "weight"."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "riverside-short-film-contest-2024.md": (
                "Title: Riverside Short Film Contest 2024 Guidelines\n\n"
                "GUIDELINES\n"
                "1. An entry must run between five and twelve minutes.\n"
                "2. The decision of the panel of judges is final.\n"
                "3. One winning entry and two runners-up will be declared.\n\n"
                "CRITERIA\n\n"
                "Criteria | %\n"
                "Story | 40%\n"
                "Originality | 30%\n"
                "Sound and image | 20%\n"
                "Editing | 10%\n"
                "TOTAL | 100%\n"
            )
        },
    )
    answer = assistant.ask("What weight does each criterion carry in the Riverside contest?", log=False)
    assert not answer.abstained, answer.notes
    for row in ("Story | 40%", "Originality | 30%", "Editing | 10%"):
        assert row in answer.answer, answer.answer


def test_a_question_for_a_sum_wants_a_sum_or_none_at_all(tmp_path: Path, embeddings) -> None:
    """ "What's the prize money for X?" asks for a sum as "how much" does: a rule that describes the trophy does not
    answer it. "How much does it cost to enter?" is answered by "Entry is free", a sum of none."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "lakeview-student-film-festival-2025.md": (
                "Title: Lakeview Student Film Festival 2025\n\n"
                "Awards\n"
                "The Golden Heron, the festival's main prize, is a bronze statuette cast by a local sculptor.\n"
                "The jury may also give two honourable mentions.\n\n"
                "Entering\n"
                "Entry is free for every student of a school in the county.\n"
                "Films must be submitted online by 1 March 2025.\n"
            )
        },
    )
    money = assistant.ask("What's the prize money for the Golden Heron?", log=False)
    assert money.abstained, money.answer
    cost = assistant.ask("How much does it cost to enter the Lakeview festival?", log=False)
    assert not cost.abstained, cost.notes
    assert "Entry is free" in cost.answer, cost.answer


def test_a_sum_in_any_currency_sign_answers_a_question_for_a_sum(tmp_path: Path, embeddings) -> None:
    """ "₹2000" is a sum as "€20" is: a fee stated in rupees answers "What's the registration fee?" (the signs of the
    Unicode currency block, not only "$", "€", "£" and "¥")."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "kochi-campus-film-challenge-2025.md": (
                "Title: Kochi Campus 48-Hour Film Challenge 2025\n\n"
                "Registration Process\n"
                "1. Teams must register on the official platform before the deadline.\n"
                "2. Participation is open to college students with valid ID cards.\n\n"
                "Registration fee: ₹2000 per team\n\n"
                "Judging\n"
                "A panel of judges will declare the results soon after the challenge ends.\n"
            )
        },
    )
    answer = assistant.ask("What's the registration fee for the Kochi challenge?", log=False)
    assert not answer.abstained, answer.notes
    assert "₹2000" in answer.answer, answer.answer


def declined_and_answered(assistant: Assistant, declined: list[str], answered: list[tuple[str, str]]) -> None:
    """Each question of `declined` is declined; each of `answered` is answered with the words given."""
    for question in declined:
        answer = assistant.ask(question, log=False)
        assert answer.abstained, (question, answer.answer)
    for question, wanted in answered:
        answer = assistant.ask(question, log=False)
        assert not answer.abstained, (question, answer.notes)
        assert wanted in answer.answer, answer.answer


def test_an_award_the_festival_does_not_give_is_said_so(tmp_path: Path, embeddings) -> None:
    """ "Is there a prize for best animated film?" over rules whose prizes are for features and documentaries: the
    prize rules are close in every word but the award's name, and quoting them answers a question nobody asked
    (written check sets: three festivals' near misses of this kind). The award is read whether the festival's
    possessive or a place follows it ("Moonreel's best actor award", "the prize for best actor at Moonreel": two
    festivals' best-actor questions were answered with the list of prizes). The awards the rules do give are
    answered."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "moonreel-awards.md": (
                "Moonreel Film Festival - Awards\n\n"
                "Awards\n"
                "The International Jury awards the Silver Moon for Best Feature, endowed with 10,000 euros.\n"
                "The Documentary Jury awards the Prize for Best Documentary, endowed with 5,000 euros.\n"
                "The Audience Award is decided by the votes of the public after each screening.\n"
                "The festival screens feature films, documentaries and animated shorts.\n"
                "The Copper Reel is chosen by the students of the Moonreel film school.\n"
            )
        },
    )
    declined_and_answered(
        assistant,
        [
            "Is there a prize for best animated film at Moonreel?",
            "How much money comes with the Best Editing award at Moonreel?",
            "Is there an audience choice award at Moonreel?",
            "How much prize money comes with Moonreel's best actor award?",
            "What's the prize for best actor at the Moonreel festival?",
        ],
        [
            ("How much is the prize for best documentary at Moonreel?", "5,000"),
            ("Who decides the audience award at Moonreel?", "votes of the public"),
            # a prize's own name is held wherever the rules write it, beside a word for an award or not
            ("Who chooses the Copper Reel award at Moonreel?", "students of the Moonreel film school"),
        ],
    )


def test_a_table_row_is_read_under_its_column_names(tmp_path: Path, embeddings) -> None:
    """ "How many points can I give for originality?" is answered by the row "Originality | … | 15" only read under
    "Max points": the row alone never says what 15 counts. Tables come as a Markdown table (read into "Max points: 15")
    or as lines of cells, as a web page's table is copied ("Criteria | %")."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "riverbend-handbook.md": (
                "Riverbend Animation Festival - Jury Handbook\n\n"
                "## How do we score the films?\n\n"
                "The score sheet asks you to rate each film:\n\n"
                "| Criterion | What we look for | Max points |\n"
                "|---|---|---|\n"
                "| Storytelling | Structure, emotional impact | 40 |\n"
                "| Animation technique | Craft, movement, timing | 45 |\n"
                "| Originality | Fresh ideas, risk-taking | 15 |\n\n"
                "## Screenings\n\n"
                "Jurors attend every screening of the competition.\n"
            ),
            "northern-dunes-rules.md": (
                "Northern Dunes Short Film Contest - Guidelines\n\n"
                "JUDGING\n\n"
                "Entries are judged by a panel of three.\n\n"
                "Criteria | Weight\n"
                "Storytelling | 30%\n"
                "Sound design | 25%\n"
                "Editing | 45%\n"
            ),
        },
    )
    answer = assistant.ask("How many points can I give for originality at Riverbend?", log=False)
    assert not answer.abstained, answer.notes
    assert "Originality" in answer.answer and "15" in answer.answer, answer.answer
    weight = assistant.ask("How much weight does sound design carry in the Northern Dunes contest?", log=False)
    assert not weight.abstained, weight.notes
    assert "Sound design | 25%" in weight.answer, weight.answer


def test_an_ask_that_leans_on_the_one_before_is_not_answered_twice(tmp_path: Path, embeddings) -> None:
    """ "Besides the prizes, can the jury add special mentions? How many?": "How many" asks about the mentions, and
    the rule on them answers it; another count beside it ("two prizes per film") answers nothing asked."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "harbourside-prizes.md": (
                "Harbourside Film Festival - Prizes\n\n"
                "Prizes\n"
                "The jury awards the Golden Harbour for the best film and the Jury Prize.\n"
                "The jury may also award a maximum of two special mentions.\n"
                "A maximum of two prizes per film may be awarded.\n"
                "Prizes may not be shared between films.\n"
            )
        },
    )
    answer = assistant.ask("Besides the prizes, can the Harbourside jury add special mentions? How many?", log=False)
    assert not answer.abstained, answer.notes
    assert "two special mentions" in answer.answer
    assert "prizes per film" not in answer.answer, answer.answer


def test_a_sum_asked_for_one_award_is_not_answered_with_another_award_s_sum(tmp_path: Path, embeddings) -> None:
    """ "How much comes with Best Climbing Film?" over rules that give a sum only for the Grand Prize: the Grand
    Prize's sum is a sum, but of another award (written check sets: three festivals' near misses of this kind). A sum
    written under the award's own heading answers it."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "cragside-jury-terms.md": (
                "Title: Cragside Mountain Film Festival Jury Terms\n\n"
                "## Awards\n\n"
                "The awards the Cragside jury decides are the Grand Prize, Best Climbing Film and Best Short Film.\n"
                "The Grand Prize carries EUR 5,000 for the director of the winning film.\n"
                "Prize money is paid within 60 days of the ceremony.\n"
                "The Audience Award is decided by the ballots of the public.\n\n"
                "## The Youth Jury Prize\n\n"
                "The winning filmmaker receives a statuette and a prize of 1,200 euros.\n"
            )
        },
    )
    declined_and_answered(
        assistant,
        [
            "How much prize money comes with Best Climbing Film at Cragside?",
            "How much money does the winner of the Audience Award at Cragside receive?",
        ],
        [
            ("How much money comes with the Grand Prize at Cragside?", "5,000"),
            ("How much is the youth jury prize worth at Cragside?", "1,200"),
        ],
    )


def test_who_holds_a_post_is_answered_by_a_name_not_by_how_the_post_is_filled(tmp_path: Path, embeddings) -> None:
    """ "Who is chairing the jury this year?" asks for a person: "The jury chooses its own chair" says how the chair
    is filled, not who fills it (written check sets: four festivals' near misses of this kind). Where the rules name
    the person, the name answers; "Who chooses the chair?" is answered by the rule."""
    documents = {
        "tarnbeck-jury-terms.md": (
            "Title: Tarnbeck Film Festival Jury Terms\n\n"
            "## The jury\n\n"
            "The Tarnbeck jury has five members. The jury chooses its own chair at its first meeting.\n"
            "Each group of young jurors is accompanied by an adult chaperone.\n"
        ),
        "holloway-jury-letter.md": (
            "Title: Holloway Documentary Days Letter to the Jury\n\n"
            "## Your jury\n\n"
            "This year the Holloway jury is chaired by Marta Ruiz, a documentary editor from Seville.\n"
        ),
    }
    assistant = library_of(tmp_path, embeddings, documents)
    for question in (
        "Who is chairing the Tarnbeck jury this year?",
        "What's the name of the chaperone who looks after the young jurors at Tarnbeck?",
    ):
        answer = assistant.ask(question, log=False)
        assert answer.abstained, (question, answer.answer)
    named = assistant.ask("Who is the president of the Holloway jury this year?", log=False)
    assert not named.abstained, named.notes
    assert "Marta Ruiz" in named.answer
    rule = assistant.ask("Who chooses the chair of the Tarnbeck jury?", log=False)
    assert not rule.abstained, rule.notes
    assert "chooses its own chair" in rule.answer


def test_a_follow_up_is_not_answered_with_the_rule_it_was_just_given(tmp_path: Path, embeddings) -> None:
    """ "And if someone keeps doing it?" after "A first breach gets a written warning." asks past that rule: quoting
    the warning again answered nothing new (written check sets: three festivals' follow-ups repeated the earlier
    answer before the new rule). A follow-up that checks the earlier answer ("So …?") may be answered by it again."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "corrivale-voting-rules.md": (
                "Title: Corrivale Academy Voting Rules\n\n"
                "## 8. Campaign breaches\n\n"
                "8.1 If a member breaks the campaign rules for the first time, the Ethics Committee will send the "
                "member a written warning.\n\n"
                "8.2 If the breach is repeated, the member loses the right to vote for three years.\n\n"
                "8.3 A member may appeal a decision under this section to the Board within 14 days.\n"
            )
        },
    )
    first = assistant.ask("What happens the first time a Corrivale member breaks the campaign rules?", log=False)
    assert "written warning" in first.answer, first.answer
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.answer}]
    again = assistant.ask("And if they keep doing it?", history=history, log=False)
    assert "loses the right to vote" in again.answer, again.answer
    assert "written warning" not in again.answer
    checking = assistant.ask("So a first breach only gets a written warning?", history=history, log=False)
    assert "written warning" in checking.answer, checking.answer


def test_a_sanction_says_what_happens_in_its_verb(tmp_path: Path, embeddings) -> None:
    """ "What happens to a member who keeps breaking the rules?" asks for a consequence, and a sanction says it in its
    verb ("the Ethics Committee may SUSPEND the member's voting rights", "REMOVE you from the jury and discard your
    scores"): read as no consequence, such answers were declined (written check sets: two festivals' questions on
    sanctions)."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "harrow-academy-voting-rules.md": (
                "Title: Harrow Screen Academy Voting Rules\n\n"
                "## 9. Breaches of the campaign rules\n\n"
                "9.1 For a serious or repeated breach, the Ethics Committee may suspend the member's voting rights "
                "for up to three years.\n\n"
                "9.2 A member may appeal a decision under this section to the Board of Governors within 14 days.\n"
            )
        },
    )
    answer = assistant.ask("What happens at Harrow to a member who keeps breaking the campaign rules?", log=False)
    assert not answer.abstained, answer.notes
    assert "suspend the member's voting rights" in answer.answer, answer.answer


def test_one_award_for_two_films_is_read_as_the_rules_word_for_it(tmp_path: Path, embeddings) -> None:
    """ "Could our jury split the Grand Prize between two films?" describes what the rules call an award given "ex aequo"
    (or "divided"): the word never met the question, so a rule on mentions or on who may win was quoted instead
    (realworld: Locarno's Pardo d'Oro; written check sets: Valdmere's Special Jury Prize). A festival whose rules say
    nothing on it is declined rather than answered with its prize list."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "saltwick-regulations.md": (
                "Title: Saltwick International Film Festival Regulations\n\n"
                "## Article 9 - Awards\n\n"
                "9.1 The International Jury awards the Grand Prize, the Special Jury Prize and one Special Mention.\n\n"
                "9.2 The Grand Prize carries EUR 20,000, paid to the director.\n\n"
                "9.3 The Jury may also award a maximum of two special mentions to films of the competition.\n\n"
                "9.4 The Grand Prize and the Special Jury Prize may not be awarded ex aequo.\n\n"
                "9.5 A film that receives the Grand Prize is not eligible for any other prize.\n"
            ),
            "brookmere-guide.md": (
                "Title: Brookmere Youth Film Night - Guide for Judges\n\n"
                "## Prizes\n\n"
                "The judges choose the best film of the night. The winner receives £200 and the Brookmere trophy.\n\n"
                "The judges may also give a special mention to a film they want to encourage.\n"
            ),
        },
    )
    for question in (
        "Could our jury split the Grand Prize at Saltwick between two films?",
        "At Saltwick, can we give the Special Jury Prize to two films together?",
        "We're torn between two films at Saltwick. Can we just give the Grand Prize to both of them?",
    ):
        answer = assistant.ask(question, log=False)
        assert not answer.abstained, (question, answer.notes)
        assert "ex aequo" in answer.answer, (question, answer.answer)
    silent = assistant.ask("Can the Brookmere judges split the winner's prize between two films?", log=False)
    assert silent.abstained, silent.answer


def test_a_jury_split_down_the_middle_is_searched_as_a_tie(tmp_path: Path, embeddings) -> None:
    """ "What if we end up split down the middle?" never met the rule "In the event of a tie, the President … has the
    casting vote", which shares no word with it, among twenty other rules on the jury (written check set R); the
    rules' word is searched with. "What prize money …?" asks for a sum: a rule on tied votes is no answer (set S)."""
    rules = "".join(
        f"4.{i} The Jury shall {duty}.\n"
        for i, duty in enumerate(
            [
                "watch every film of the competition in a cinema",
                "meet on the last day of the festival to deliberate",
                "record its decisions in minutes signed by all members",
                "give the reasons for each award in writing",
                "keep its deliberations secret",
                "not discuss the films with the press before the awards",
                "declare any conflict of interest to the Festival Director",
                "choose one film for the Grand Prize and one for Best Director",
            ],
            start=1,
        )
    )
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "kestrel-jury-rules.md": (
                "Kestrel Bay Documentary Festival – Jury Regulations\n\n"
                "4. Duties of the Jury\n" + rules + "\n"
                "5. Voting\n"
                "5.1 Decisions are taken by a simple majority of the members present.\n"
                "5.2 In the event of a tie, the President of the Jury has the casting vote.\n"
                "5.3 The decisions of the Jury are final.\n"
            ),
        },
    )
    answer = assistant.ask("What if we on the Kestrel Bay jury end up split down the middle on a decision?", log=False)
    assert not answer.abstained and "casting vote" in answer.answer, answer.answer
    history = [
        {"role": "user", "content": "How does the Kestrel Bay jury decide?"},
        {"role": "assistant", "content": "By a simple majority of the members present."},
    ]
    even = assistant.ask("And if that comes out exactly even?", history=history, log=False)
    assert not even.abstained and "casting vote" in even.answer, even.answer
    prize = assistant.ask("What prize money does the Grand Prize winner at Kestrel Bay receive?", log=False)
    assert prize.abstained, prize.answer


def test_a_start_time_is_not_met_by_a_deadline_on_the_same_day(tmp_path: Path, embeddings) -> None:
    """ "What time does the award ceremony start?" over rules that give the ceremony's date and a deadline's hour on
    it ("delivered no later than 12:00 noon"): the hour is the deadline's, not the ceremony's (written check sets: two
    festivals' near misses of this kind). Where the rules give the ceremony's own hour, it answers."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "lotus-bay-jury-rules.md": (
                "Title: Lotus Bay Film Festival Jury Rules\n\n"
                "## Rule 11 – Jury report\n\n"
                "(a) The jury report shall be signed by all members of the jury and delivered to the Festival "
                "Director no later than 12:00 noon on 21 November. The award ceremony takes place on 22 November.\n"
            ),
            "harbour-lights-guide.md": (
                "Title: Harbour Lights Festival Jury Guide\n\n"
                "## The ceremony\n\n"
                "The award ceremony starts at 19:00 on 22 November in the Harbour Lights cinema.\n"
            ),
        },
    )
    deadline = assistant.ask("What time does the Lotus Bay award ceremony start?", log=False)
    assert deadline.abstained, deadline.answer
    own = assistant.ask("What time does the Harbour Lights award ceremony start?", log=False)
    assert not own.abstained and "19:00" in own.answer, own.answer


def test_a_timetable_row_answers_what_time_only_for_its_own_event(tmp_path: Path, embeddings) -> None:
    """A timetable gives the jury meeting's hours and only the date of the awards dinner: "What time does the awards
    dinner start?" was answered with the meeting's "10:00–16:00" (blind check sets CE, CF and CG). It is declined, and
    the meeting's own hour still answers."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "tarnhollow-timetable.md": (
                "Title: Tarnhollow Film Awards – Jury Timetable\n\n"
                "## Key dates\n\n"
                "| Event | Date |\n|---|---|\n"
                "| Screeners sent | Monday 2 February 2026 |\n"
                "| Jury meeting | Wednesday 11 February 2026, 10:00–16:00, Orrin House |\n"
                "| Awards dinner | Saturday 21 February 2026, Old Corn Exchange |\n\n"
                "## Conduct\n\nJurors must keep the jury's discussions confidential.\n"
            ),
        },
    )
    dinner = assistant.ask("What time does the Tarnhollow awards dinner start on the 21st?", log=False)
    assert dinner.abstained, dinner.answer
    meeting = assistant.ask("What time does the Tarnhollow jury meeting start?", log=False)
    assert not meeting.abstained and "10:00" in meeting.answer, meeting.answer


def test_a_follow_up_on_one_jury_is_not_answered_with_another_jurys_rule(tmp_path: Path, embeddings) -> None:
    """After "who sits on the feature jury?", "what happens if we end up split down the middle on a vote?" was
    answered with the Shorts Jury's casting vote, which stands first (blind check set CM, first sight; the same rule
    meets a question that names the shorts jury). A rule that names no jury still answers either."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "ashby-jury-regulations.md": (
                "Title: Ashby Fantastic Film Festival – Jury Regulations\n\n"
                "## Article 3 – Juries\n\n"
                "3.1 The Feature Jury has five members, one of whom the Festival appoints as President.\n"
                "3.2 The Shorts Jury has three members and elects its own Chair.\n\n"
                "## Article 12 – Ties\n\n"
                "12.1 In the Shorts Jury, where a tie arises because a member has withdrawn, the Chair has a casting "
                "vote.\n"
                "12.2 In the event of a tie in any vote of the Feature Jury, the President has a casting vote.\n\n"
                "## Article 13 – Results\n\n"
                "13.1 The decisions of the juries are final and are announced at the closing ceremony.\n"
            ),
        },
    )
    history = [
        {"role": "user", "content": "who sits on the feature jury at ashby?"},
        {"role": "assistant", "content": "The Feature Jury has five members, one of whom is the President."},
    ]
    tie = assistant.ask("ok and what happens if we end up split down the middle on a vote?", history=history, log=False)
    assert not tie.abstained and "President has a casting vote" in tie.answer, tie.answer
    assert "Chair has a casting vote" not in tie.answer, tie.answer
    shorts = assistant.ask("On the Ashby shorts jury, what happens if our vote is tied?", log=False)
    assert not shorts.abstained and "Chair has a casting vote" in shorts.answer, shorts.answer


def test_a_rule_headed_by_another_jury_does_not_answer_for_the_jury_asked_about(tmp_path: Path, embeddings) -> None:
    """ "How many hotel nights does Tellmark pay for if I'm on the doc jury?" was answered with the Feature Jury's
    nine nights: its rule names no jury in its words, only in its article's heading, so the Documentary Jury's
    exception ("accommodation is paid for up to six nights") lost to it (written check set CX, first sight)."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "tellmark-regulation.md": (
                "Title: Regulation of the Tellmark Film Festival\n\n"
                "## Art. 15 – Feature Jury: travel, accommodation and honorarium\n\n"
                "15.1 The Festival pays each member's return travel in economy class.\n\n"
                "15.2 The Festival pays accommodation in a hotel chosen by the festival office for the duration of "
                "the competition screenings, up to nine nights.\n\n"
                "15.3 Each member receives an honorarium of EUR 1,200; the President receives EUR 1,500.\n\n"
                "## Art. 16 – Documentary Jury\n\n"
                "16.1 Art. 12 applies to the Documentary Jury, except that it consists of three members.\n\n"
                "16.5 Art. 15 applies to the Documentary Jury, except that accommodation is paid for up to six "
                "nights and the honorarium is EUR 900 for every member, including the President.\n"
            ),
        },
    )
    answer = assistant.ask("how many hotel nights does tellmark pay for if im on the doc jury?", log=False)
    assert not answer.abstained and "six nights" in answer.answer, answer.answer


def test_two_festivals_of_one_town_are_told_apart_by_the_words_that_differ(tmp_path: Path, embeddings) -> None:
    """Two bodies of one town, "Saltbay International Film Festival" and "Saltbay Independent Film Festival": the
    words that tell them apart are generic ones, dropped when a name is matched in pieces, so a question naming one
    was confined to both and answered from the other (check set M, first sight). The one whose own name holds more
    of the question's words is meant; a short name a page calls its festival by ("Saltbay Indie") names that
    festival; and an award only the other festival gives ("the Copper Gull at Saltbay Indie") is not answered from
    the other's rules."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "saltbay-international-regulations.md": (
                "Saltbay International Film Festival – Regulations 2026\n\n"
                "Article 5 – Juries\n"
                "The International Jury awards the Copper Gull for Best Film, endowed with EUR 8,000.\n"
                "The Festival covers jurors' travel and accommodation. Jury members receive no fee.\n"
            ),
            "saltbay-independent-jury.md": (
                "Saltbay Independent Film Festival – Jury and Awards\n\n"
                "Saltbay Indie is run by volunteers and shows films made on small budgets.\n\n"
                "What jurors receive\n"
                "An honorarium of EUR 300 for each juror. We cannot cover travel costs.\n\n"
                "Awards\n"
                "The jury gives the Driftwood Award for Best Feature, with EUR 1,000 to the director.\n"
            ),
        },
    )
    paid = assistant.ask(
        "Will I be paid for sitting on the jury of the Saltbay International Film Festival?", log=False
    )
    assert {c.source for c in paid.citations} == {"saltbay-international-regulations.md"}, paid.answer
    indie = assistant.ask("How much does Saltbay Indie pay its jurors?", log=False)
    assert "300" in indie.answer and not indie.abstained, indie.answer
    gull = assistant.ask("How much prize money goes with the Copper Gull at Saltbay Indie?", log=False)
    assert gull.abstained, gull.answer
    own = assistant.ask("How much prize money goes with the Copper Gull at Saltbay International?", log=False)
    assert "8,000" in own.answer, own.answer


def test_the_same_average_is_a_tie_and_unpaid_is_a_rule_on_pay(tmp_path: Path, embeddings) -> None:
    """ "Two films end up with the same average" is a tie, however the rule then breaks it ("the one with the higher
    Story score goes ahead"); "Judging is unpaid" and "Nobody gets paid" answer whether judges are paid (written
    check sets: each declined on two or three festivals)."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "brookfield-judges.md": (
                "Brookfield Short Film Contest – Notes for judges\n\n"
                "Scoring\n"
                "Each judge scores every film out of 30: story, craft and originality, 10 points each. A film's "
                "score is the average of its judges' scores.\n"
                "If two films end up with the same average, the one with the higher originality score takes the "
                "award.\n\n"
                "Thank you\n"
                "Judging is unpaid, but every judge gets two free tickets to the awards night.\n"
            ),
        },
    )
    tie = assistant.ask("What happens if two films finish with exactly the same average score?", log=False)
    assert not tie.abstained and "higher originality score" in tie.answer, tie.answer
    paid = assistant.ask("Do the Brookfield judges get paid?", log=False)
    assert not paid.abstained and "unpaid" in paid.answer, paid.answer
    assert answer_need("If our vote ends up evenly split, how is it settled?").kind == "tie"


def test_a_thing_only_another_festival_s_rules_write_is_unknown_to_the_festival_named(
    tmp_path: Path, embeddings
) -> None:
    """ "Do jurors at Coldharbour get a daily allowance on top of their honorarium?" where only Brightwater's rules
    speak of a daily allowance: the word is known to the library, so the check for an unknown thing asked about
    passed, and Coldharbour's honorarium was quoted as the answer (check sets D, J, M, N: a justification, a lunch
    voucher, a daily allowance, a late fee, a casting vote, each another body's). A question that names a festival
    is now judged against the words of that festival's documents; the kind of answer asked for ("how much MONEY")
    is no thing asked about, since rules write a sum in figures."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "brightwater-jury.md": (
                "Brightwater Film Festival – Jury rules\n\n"
                "Jurors\n"
                "Each juror receives a daily allowance of EUR 50 for meals. The jury meets every morning at 10:00.\n"
                "The Brightwater Prize carries prize money of EUR 1,000.\n"
            ),
            "coldharbour-jury.md": (
                "Coldharbour Film Festival – Jury rules\n\n"
                "Jurors\n"
                "Each juror receives an honorarium of EUR 200, paid after the festival. The jury has five members.\n"
            ),
        },
    )
    allowance = assistant.ask(
        "Do jurors at the Coldharbour Film Festival get a daily allowance on top of their honorarium?", log=False
    )
    assert allowance.abstained, allowance.answer
    money = assistant.ask("How much money does a juror get at the Coldharbour Film Festival?", log=False)
    assert not money.abstained and "200" in money.answer, money.answer
    own = assistant.ask("Do jurors at the Brightwater Film Festival get a daily allowance?", log=False)
    assert not own.abstained and "EUR 50" in own.answer, own.answer


def test_what_befalls_a_juror_who_misses_is_a_consequence(tmp_path: Path, embeddings) -> None:
    """ "What if I miss two of the screenings?" found no consequence in "A juror who misses more than one screening
    cannot take part in the final vote", a condition written as a relative clause, and was declined (check sets E,
    G, N); "How much money comes with the top prize?" was declined when no document writes "money" (F): the kind of
    answer asked for is no thing the library must name."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "harbourside-jury-rules.md": (
                "Harbourside Film Days – Jury rules\n\n"
                "Attendance\n"
                "Jurors attend every competition screening at the Harbour Cinema. "
                "A juror who misses more than one screening cannot take part in the final vote.\n\n"
                "Prizes\n"
                "The Harbour Prize for the best film is endowed with EUR 5,000, paid to the director.\n"
            ),
        },
    )
    missed = assistant.ask("What if I miss two of the screenings?", log=False)
    assert not missed.abstained and "cannot take part in the final vote" in missed.answer, missed.answer
    prize = assistant.ask("How much money comes with the top prize at Harbourside?", log=False)
    assert not prize.abstained and "5,000" in prize.answer, prize.answer
    assert meets("A juror who misses a screening may not vote.", answer_need("What if I miss a screening?"))


def test_the_top_prize_is_the_first_one_the_rules_list_and_its_own_rule_answers(tmp_path: Path, embeddings) -> None:
    """ "Could we split the top prize between two films?" was answered with the rule on the other awards ("The category
    awards may be shared …") or declined, when the rules name their first prize and say of it alone that it may not
    be shared (written check sets AO, BL, AA; BV prompted it). The prize the rules list first is the top prize, by
    name; a list of what jurors award points for is no list of prizes."""
    from assistant.answers.named import asks_top_award
    from assistant.answers.top_prize import top_award

    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "carrowby-trails-regulations.md": (
                "Carrowby Trails Film Festival – Regulations 2026\n\n"
                "Scoring\nEach juror awards each film up to 20 points, made up as follows:\n"
                "- Story and idea: up to 10 points;\n- Images and sound: up to 10 points.\n\n"
                "Awards\n9.1 The International Jury awards the following prizes:\n"
                "- The Golden Carabiner for the best film of the competition, with EUR 5,000;\n"
                "- The Award for Best Cinematography, with EUR 1,500;\n"
                "- The Award for Best Mountain Short, with EUR 1,000.\n\n"
                "9.3 The Golden Carabiner may not be awarded ex aequo. The other awards may be shared between two "
                "films; in such a case, the prize money is divided equally between them.\n"
            ),
        },
    )
    assert top_award(assistant.retriever.lexical().chunks) == "Golden Carabiner"
    split = assistant.ask("At Carrowby, could we split the top prize between two films we both love?", log=False)
    assert not split.abstained and split.citations, split.answer
    assert split.answer.startswith("The Golden Carabiner may not be awarded ex aequo"), split.answer
    worth = assistant.ask("What's the top prize worth at Carrowby?", log=False)
    assert not worth.abstained and "5,000" in worth.answer, worth.answer
    # told of, not asked: "It has already won the top prize. Can it also win …?" asks of the other award
    assert not asks_top_award("Our favourite already won the top prize. Can it also win Best Cinematography?")


def test_a_consequence_written_in_that_case_answers_what_happens(tmp_path: Path, embeddings) -> None:
    """ "What happens to the prize money if nothing is good enough?" was declined over the rule that answers it: "In
    that case the prize money shall be carried over …" opens on the case the sentence before describes, which was
    not read as a condition (written check sets R, S, T: three festivals)."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "fernhill-awards-rules.md": (
                "Fernhill Screenwriting Awards – Official Rules\n\n"
                "6. Judging\n"
                "6.4 The Final Jury may decide not to award a prize in a category if it considers that no entry reaches "
                "the required standard. In that case the prize money shall be carried over to the next edition.\n"
                "6.5 Each finalist receives written notes from two readers.\n"
            ),
        },
    )
    answer = assistant.ask(
        "If the Fernhill judges think nothing is good enough, what happens to the prize money?", log=False
    )
    assert not answer.abstained and "carried over" in answer.answer, answer.answer
    need = answer_need("So what happens to the prize money in that case?")
    assert meets("In this case the prize money is shared equally between the films.", need)


def test_a_question_whose_every_part_is_answered_is_not_declined_as_a_whole(tmp_path: Path, embeddings) -> None:
    """Two parts, each answered on its own, while the whole scored below the line (a word of it, "Instagram", is
    written only by another festival's page): with one part answered the question was answered, with both it was
    declined (check set N). Answered part by part, it is as answerable as when one part is."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "lorvaux-regulations.md": (
                "Lorvaux International Film Festival – Regulations\n\n"
                "Article 7 – Obligations of jurors\n"
                "7.3 Until the awards have been announced, jurors shall not express publicly any opinion on the films "
                "in competition, in particular on social networks. "
                "A juror who breaches this rule is removed from the jury by the General Delegate.\n"
                "7.4 Jurors are lodged at the Hotel du Port for the whole festival.\n"
            ),
            "saltbay-youth-page.md": (
                "Saltbay Youth Film Days – Welcome\n\n"
                "Follow us\n"
                "Follow the Youth Film Days on Instagram for photos of every screening day.\n"
            ),
        },
    )
    both = assistant.ask(
        "While the Lorvaux festival is on, can I post about the competition films on Instagram, and what happens to "
        "a juror who does?",
        log=False,
    )
    assert not both.abstained and "removed from the jury" in both.answer, both.answer


def test_each_part_is_answered_from_the_passages_it_finds_itself(tmp_path: Path, embeddings) -> None:
    """ "How many people sit on the jury, and who decides which of them is president?": the whole question finds the
    articles on the president and the deliberation first, and the jury's size was missing from the answer (written
    check sets AA, AB, AC, AE, AI: six festivals asked it so). A part whose own best quote the whole answer lacks
    adds it, from the passages it finds itself."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "grimlantern-rules.md": (
                "# Grimlantern Online Horror Shorts Festival – Official Rules\n\n"
                "## Article 5 – Composition of the Jury\n\n"
                "5.1 The Jury is composed of five members appointed by the Festival Director from among filmmakers, "
                "critics and programmers of the genre.\n\n"
                "5.2 The Festival Director designates one member of the Jury as Jury President.\n\n"
                "## Article 8 – Final deliberation\n\n"
                "8.1 The Jury meets by video call to decide the awards. The Jury President chairs the deliberation.\n\n"
                "8.3 Decisions are taken by a simple majority of the jurors present. In the event of a tie, the Jury "
                "President has a casting vote.\n\n"
                "8.4 The Jury President signs the minutes of the deliberation and reads the jury's statement.\n"
            ),
        },
    )
    answer = assistant.ask(
        "How many people sit on the Grimlantern jury, and who decides which of them is president?", log=False
    )
    assert not answer.abstained, answer.notes
    assert "five members" in answer.answer and "designates one member" in answer.answer, answer.answer
    assert {int(n) for n in MARKER.findall(answer.answer)} == {c.n for c in answer.citations}, "every [n] resolves"


def test_a_document_s_own_making_and_its_body_s_name_are_never_the_answer(tmp_path: Path, embeddings) -> None:
    """ "Corvale Society of Cinematographers (CSC). Approved by the Board of Governors on 12 September 2024." above
    the text proper was quoted as the answer to who counts the votes (check set J), and "Adopted by the Board of
    Directors of …, revised September 2024" as the deadline for the final ballot (check set C): what a document says
    of its own making, and a name standing alone before the first heading, are no rule."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "corvale-voting-code.md": (
                "# Lumen Awards 2026: Voting Code for Fellows\n\n"
                "Corvale Society of Cinematographers (CSC). Approved by the Board of Governors on 12 September 2025.\n\n"
                "## 1. Counting\n\n"
                "Ballots are counted by independent scrutineers, who send the sealed results to the Awards Chair.\n\n"
                "## 2. Viewing\n\n"
                "Fellows must watch every shortlisted work in a category before voting in that category.\n"
            ),
        },
    )
    counted = assistant.ask("Who actually counts the votes for the Corvale cinematographers' awards?", log=False)
    assert not counted.abstained and "independent scrutineers" in counted.answer, counted.answer
    assert "Approved by" not in counted.answer and "(CSC)" not in counted.answer, counted.answer
    made = assistant.ask("When were the Corvale voting rules approved by the board?", log=False)
    assert "Approved by the Board" not in made.answer, made.answer


def test_a_body_described_in_the_library_s_own_words_is_not_taken_for_one_it_lacks(tmp_path: Path, embeddings) -> None:
    """ "… their screener for the editors' guild awards - can I keep it?" was declined as being about "the Guild
    Awards", a body the library does not hold (check set K): "guild" is written only with a capital in the guild's
    rules, so the lower-case description was capitalised to be matched, then taken for an outside name. A name the
    juror wrote in lower case, in words the library uses, describes; a word no document uses ("sundance") still names
    a festival the library lacks."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "splice-awards-voting.md": (
                "# Splice Awards 2026: Voting Rules\n\n"
                "Every voting member of the Guild of Independent Picture Editors (GIPE) must read these rules before "
                "casting a ballot for the Splice Awards 2026.\n\n"
                "## Gifts\n\n"
                "Members must not accept any gift, meal, travel or payment connected with an eligible work. Guild staff "
                "must never fill in a ballot.\n"
            ),
            "harbourside-jury-rules.md": (
                "Harbourside Film Days – Jury rules\n\n"
                "Attendance\n"
                "Jurors attend every competition screening at the Harbour Cinema.\n"
            ),
        },
    )
    wine = assistant.ask(
        "A distributor sent me a bottle of wine with their screener for the editors' guild awards - can I keep it?",
        log=False,
    )
    assert "Guild Awards" not in wine.answer, wine.answer  # not "none of them covers the Guild Awards"
    gift = assistant.ask("Can I accept a gift from a distributor as a voter for the editors' guild awards?", log=False)
    assert not gift.abstained and "must not accept any gift" in gift.answer, gift.answer
    outside = assistant.ask("Can jurors at the sundance film festival accept gifts?", log=False)
    assert outside.abstained, outside.answer


def test_how_many_must_be_there_for_a_vote_to_count_wants_a_quorum(tmp_path: Path, embeddings) -> None:
    """ "How many judges have to be at the judges' meeting for the decision to count?" was answered with the size of
    the panel ("You'll be one of seven volunteer judges"), a count of judges but not of those who must be there
    (check sets K and M, both with no quorum rule). A quorum asked in plain words wants a rule on presence or
    validity; where the rules have one (check set F, M, the sample), it is still quoted."""
    need = answer_need("How many of us have to be in the room for the jury to be allowed to vote?")
    assert meets("A jury may validly deliberate only if at least two thirds of its members are present.", need)
    assert not meets("The jury is composed of seven members.", need)
    assert not answer_need("How many members sit on the jury?").quorum  # type: ignore[union-attr]
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "brookfield-judges-guide.md": (
                "Brookfield Community Film Awards – Guide for volunteer judges\n\n"
                "Your panel\n"
                "You'll be one of seven volunteer judges. Each judge watches every film in one category.\n\n"
                "The judges' meeting\n"
                "The judges' meeting is on Saturday 28 March at the Brookfield Public Library. "
                "If you can't come, your scores still count, but you won't have a say in the final discussion.\n"
            ),
            "harbourside-jury-rules.md": (
                "Harbourside Film Days – Jury rules\n\n"
                "Deliberation\n"
                "The jury is composed of five members. "
                "The jury may validly deliberate only if at least four of its members are present.\n"
            ),
        },
    )
    none = assistant.ask(
        "How many Brookfield judges have to be at the judges' meeting for the decision to count?", log=False
    )
    assert none.abstained, none.answer
    quorum = assistant.ask("How many Harbourside jurors have to be in the room for a vote to count?", log=False)
    assert not quorum.abstained and "at least four of its members are present" in quorum.answer, quorum.answer


def test_a_sum_of_another_purpose_or_an_award_category_does_not_answer_the_question(tmp_path: Path, embeddings) -> None:
    """ "How much do you have to pay to enter a film?" was answered with the jurors' daily allowance, and "Who is
    chairing the feature jury this year?" with the prizes "for Female Interpretation" and "for Male Interpretation",
    read as two persons' names (check sets I and F, neither with an entry fee or a named president). The fee for
    entering wants a rule on entry; what follows "Prize for" names a category. Where the rules have an entry fee or a
    president's name, they are still quoted."""
    need = answer_need("How much does it cost to enter a short film?")
    assert meets("The entry fee is EUR 20 per film.", need)
    assert not meets("Each juror receives a daily allowance of EUR 60.", need)
    assert not answer_need("How much is the cash prize for the winning entry?").entry  # type: ignore[union-attr]
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "valmoraine-regulations.md": (
                "Valmoraine Film Festival – Regulations\n\n"
                "Juries\n"
                "The Feature Jury is composed of a President and six members. Each juror receives a daily allowance "
                "of EUR 60.\n"
                "The Feature Jury awards the Prize for Direction, the Prize for Female Interpretation and the Prize "
                "for Male Interpretation.\n"
            ),
            "harbourside-rules.md": (
                "Harbourside Film Days – Rules for entrants and jurors\n\n"
                "Entries\n"
                "The entry fee is EUR 20 per film.\n\n"
                "Jury\n"
                "The jury is chaired this year by Adriana Solberg.\n"
            ),
        },
    )
    for question in (
        "How much do you have to pay to enter a film at Valmoraine?",
        "Who is chairing the Valmoraine feature jury this year?",
    ):
        declined = assistant.ask(question, log=False)
        assert declined.abstained, declined.answer
    fee = assistant.ask("How much do you have to pay to enter a film at Harbourside?", log=False)
    assert not fee.abstained and "EUR 20" in fee.answer, fee.answer
    chair = assistant.ask("Who is chairing the Harbourside jury this year?", log=False)
    assert not chair.abstained and "Adriana Solberg" in chair.answer, chair.answer


def test_a_phone_number_or_an_email_address_asked_for_must_be_in_the_quote(tmp_path: Path, embeddings) -> None:
    """ "What's Gwen's phone number? I'd rather call than email." was answered with the rule on video calls, and
    "Is there a phone number I can call for the youth jury coordinator?" with the attendance rule (check sets G, O, P,
    Q: four festivals whose documents give no number). A number to call is met only by one written as a number, an
    email address only by an address; where the rules give one, it is quoted."""
    need = answer_need("What's the coordinator's phone number?")
    assert meets("Stop by the Fair Office or call (555) 014-2290 during fair hours.", need)
    assert not meets("Entries for 2025-2026 close on 12 March 2026 at 18:00.", need)
    assert not meets("Tell Gwen if you cannot come, and she will call you back.", need)
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "tallow-valley-judges-notes.txt": (
                "Tallow Valley Short Film Prize - Notes for judges\n\n"
                "WHO'S WHO\n"
                "Gwen Hollis coordinates the prize. If you cannot come to the judges' meeting, tell Gwen by 11 April; "
                "she can set up a video call from the library meeting room.\n"
            ),
            "harrowdale-adjudicator-guide.md": (
                "Harrowdale Short Film Competition – Guide for adjudicators\n\n"
                "Contact\n"
                "Your coordinator is Bronwen Achterberg. Please email her at bronwen@harrowdaleshorts.example.org or "
                "call her on +44 1632 960 418.\n"
            ),
        },
    )
    declined = assistant.ask("What's Gwen's phone number for the Tallow Valley prize? I'd rather call.", log=False)
    assert declined.abstained, declined.answer
    phone = assistant.ask("What's the Harrowdale coordinator's phone number?", log=False)
    assert not phone.abstained and "+44 1632 960 418" in phone.answer, phone.answer
    email = assistant.ask("What's the email address of the Harrowdale coordinator?", log=False)
    assert not email.abstained and "bronwen@harrowdaleshorts.example.org" in email.answer, email.answer


def test_a_minimum_age_asked_wants_an_age_not_a_count(tmp_path: Path, embeddings) -> None:
    """ "Is there a minimum age for jurors on the international jury?" was answered with the jury's size ("shall
    consist of five members"), and "… for volunteer judges?" with "nine volunteers, in three panels of three"
    (check sets K and Q, neither with an age rule): a minimum age asks for an age, as "how old" does. Where the
    rules give one ("aged 18 or over"), it is quoted."""
    need = answer_need("Is there a minimum age for jurors?")
    assert meets("Jurors must be aged 18 or over on the first day of the Festival.", need)
    assert not meets("The International Jury shall consist of five members.", need)
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "lusavera-regulations.md": (
                "Lusavera International Film Festival – Regulations\n\n"
                "Article 7 – Juries\n"
                "7.1 The International Jury shall consist of five members, appointed by the Festival Direction.\n"
            ),
            "hollowmere-youth-jury.md": (
                "Hollowmere Youth Jury\n\nWho can apply\nYouth jurors must be aged 15 to 18 on 5 June 2026.\n"
            ),
        },
    )
    declined = assistant.ask("Is there a minimum age for jurors on the Lusavera international jury?", log=False)
    assert declined.abstained, declined.answer
    age = assistant.ask("Is there a minimum age for the Hollowmere youth jury?", log=False)
    assert not age.abstained and "aged 15 to 18" in age.answer, age.answer


def test_bringing_a_partner_is_answered_by_the_rule_on_companions_or_declined(tmp_path: Path, embeddings) -> None:
    """ "Can I bring my husband along? Would the festival pay for his room?" was answered with the jurors' own hotel
    (written check sets T, V, AL, AR), and "Can my partner come along?" with a rule on "partner events" (the
    sample): a partner is answered by the rule on companions, and where the rules have none, the question is
    declined."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "corvenna-film-festival-jury-2025.md": (
                "Title: Corvenna Film Festival 2025 Jury Information\n\n"
                "Travel and accommodation\n"
                "The Festival covers return travel to Corvenna in economy class and accommodation at the Hotel Marina "
                "for the whole of the Jury's work.\n"
                "Jurors are asked to arrive by the evening of 11 June.\n"
            ),
            "lindmoor-film-days-jury-2025.md": (
                "Title: Lindmoor Film Days 2025 Jury Handbook\n\n"
                "Hospitality\n"
                "Attendance at receptions and at the partner events listed in the programme is not hospitality for "
                "the purposes of these rules.\n"
                "Each juror may bring one accompanying person, who receives a guest pass at the accreditation desk.\n"
                "The Festival does not pay for the accompanying person's travel.\n"
            ),
        },
    )
    corvenna = assistant.ask(
        "Can I bring my husband along when I'm on the Corvenna jury? Would the festival pay for his room?", log=False
    )
    assert corvenna.abstained, corvenna.answer
    lindmoor = assistant.ask("Can my partner come along to Lindmoor Film Days?", log=False)
    assert not lindmoor.abstained, lindmoor.notes
    assert "accompanying person" in quotes(lindmoor)[0]
    assert "partner events" not in lindmoor.answer


def test_an_award_that_may_not_be_divided_answers_whether_it_may_be_shared(tmp_path: Path, embeddings) -> None:
    """ "Can we split the Golden Reed between two films?" is answered by the rule that the Golden Reed may not be
    divided, not by the one that lets the Silver Reed be given ex aequo, whose rules' word the question is searched
    with (written check sets AM and AR)."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "mirelow-regulations.md": (
                "Title: Mirelow Environmental Film Festival - Regulations 2025\n\n"
                "## Awards\n\n"
                "The International Jury awards the Golden Reed for Best Feature Film, with a prize of EUR 8,000, and "
                "the Silver Reed Special Jury Prize, with a prize of EUR 4,000.\n\n"
                "The Golden Reed may not be divided and must always be awarded. The Silver Reed and the Best Short "
                "Film Award may be given ex aequo; in such a case, the prize money is shared equally between the "
                "winning films.\n\n"
                "A jury may decide not to give any award other than the Golden Reed if no film meets its standard.\n"
            ),
        },
    )
    answer = assistant.ask("Can the international jury at Mirelow split the Golden Reed between two films?", log=False)
    assert not answer.abstained, answer.notes
    assert "Golden Reed may not be divided" in answer.answer, answer.answer


def test_a_juror_who_asks_what_to_do_about_a_tie_to_a_film_is_told_what_to_do(tmp_path: Path, embeddings) -> None:
    """ "My cousin did the sound on one of the films. What am I supposed to do?" is answered with the instruction the
    rules give ("must tell the Festival Director at once"), not with their ban on jurors who made a film (written check
    sets AF, AG, AT, AU, X and Z)."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "palmframe-rules.md": (
                "Title: Palmframe Mobile Film Festival - Rules 2025\n\n"
                "## 6. Conflicts of interest\n\n"
                "6.1 A juror must not have taken part in the making of any film in the category they judge, and must not "
                "be related to, or in a personal or business relationship with, anyone credited on such a film.\n\n"
                "6.2 A juror who discovers such a link during the Festival must tell the Festival Director at once.\n\n"
                "6.3 The Festival Director then decides whether the juror abstains from the vote on that film.\n\n"
                "## 7. Prizes\n\n"
                "7.1 The jury awards the Golden Palm for the best mobile film, with a prize of EUR 2,000.\n"
            ),
        },
    )
    answer = assistant.ask(
        "I just realised at the festival that my cousin did the sound on one of the films I'm judging at Palmframe. "
        "What am I supposed to do?",
        log=False,
    )
    assert not answer.abstained, answer.notes
    assert "must tell the Festival Director at once" in answer.answer, answer.answer


def test_a_film_s_running_time_in_the_question_is_answered_by_the_limit(tmp_path: Path, embeddings) -> None:
    """ "A director I know has a 68-minute documentary. Could it be selected?" is answered by the rule that sets the
    running time, not by one on who may be selected (written check sets AA, AJ, AO)."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "lanthorne-regulations.md": (
                "Title: Lanthorne Bay International Film Festival - Regulations 2025\n\n"
                "## Article 3 - Competitive sections\n\n"
                "3.1 The Main Competition is open to feature films completed after 1 January 2024.\n\n"
                "3.2 A debut film may be selected for the Main Competition. In such a case, the film also competes for "
                "the Horizons Award.\n\n"
                "3.3 A film with a running time of 70 minutes or less is not eligible for any competitive section.\n\n"
                "3.4 The Selection Committee chooses the films of each competitive section.\n"
            ),
        },
    )
    answer = assistant.ask(
        "A director I know has a 68-minute documentary. Could it be selected for competition at Lanthorne Bay?",
        log=False,
    )
    assert not answer.abstained, answer.notes
    assert "70 minutes or less" in answer.answer, answer.answer


def test_a_guest_rule_answers_a_husband_asked_about_and_a_named_jury_the_rules_lack_is_declined(
    tmp_path: Path, embeddings
) -> None:
    """Written check sets BE and BG at first sight: "Can I bring my husband to the awards night at the short film
    festival?" read as a conflict of interest ("my husband … film"), and "husband", a word the rules never use, as
    the thing asked about, so "Each juror may bring one guest" was declined; "Will the festival pay for his room
    too?" after "My husband wants to come" was answered with the jurors' own hotel; "does the youth jury get to give
    one too?" of a festival with no youth jury was answered with the main jury's rule; "Can I give a film a zero?"
    missed "a score of 0"; "next year's ocean film festival" was neither that festival nor its next edition."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "tarnwick-jury-handbook.md": (
                "Title: Tarnwick Valley Short Film Festival - Jury Handbook 2025\n\n"
                "## Fees and hospitality\n\n"
                "The festival pays each juror a fee of £200. Two nights' accommodation at the Drover's Rest Inn is "
                "booked and paid for by the festival. Each juror may bring one guest to the Awards Evening free of "
                "charge.\n\n"
                "## Awards\n\n"
                "The jury may give one Special Mention in addition to its three awards.\n\n"
                "## Scoring\n\n"
                "You must not give any criterion a score of 0; the lowest mark is 1. You must not reward a film for a "
                "big budget.\n"
            ),
            "ocean-screen-2026.md": (
                "Title: Ocean Screen 2026 - International Festival of Ocean & Coastal Film\n\n"
                "## The festival\n\n"
                "Ocean Screen 2026 takes place in Saltmere Harbour from 9 to 17 October 2026.\n\n"
                "## Juries\n\n"
                "The International Jury has five members. The Young Tides Jury gives one award and no special "
                "mentions.\n\n"
                "## Hospitality\n\n"
                "Jurors stay at the Harbour Hotel at the festival's expense for the whole festival.\n"
            ),
        },
    )
    guest = assistant.ask("Can I bring my husband to the awards night at the short film festival?", log=False)
    assert not guest.abstained, guest.notes
    assert "one guest" in quotes(guest)[0]
    room = assistant.ask(
        "My husband wants to come with me to Ocean Screen. Will the festival pay for his room too?", log=False
    )
    assert room.abstained, room.answer
    history = [
        {"role": "user", "content": "At Tarnwick, can the jury give a special mention?"},
        {"role": "assistant", "content": "Yes. The jury may give one Special Mention in addition to its three awards."},
    ]
    youth = assistant.ask("And does the youth jury get to give one too?", history=history, log=False)
    assert youth.abstained, youth.answer
    zero = assistant.ask("At Tarnwick, can I give a film a zero?", log=False)
    assert not zero.abstained and "score of 0" in zero.answer, zero.answer
    dates = assistant.ask("What are the dates for next year's ocean film festival? I'd love to come back.", log=False)
    assert dates.abstained and "2027" in dates.answer, dates.answer


def test_a_night_in_a_hotel_is_answered_only_by_a_rule_on_accommodation(tmp_path: Path, embeddings) -> None:
    """ "Will they put me up in a hotel the night of the ceremony?" was answered with the rule on confirming
    attendance at the ceremony where the rules say nothing of a hotel, and "Which hotel will the jurors be staying in?"
    with the rule that the office books travel (written check sets AH, AM, AO, AZ, BG): the first is declined, the
    second answered with the rule that names the hotel."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "kestrel-judges.md": (
                "Title: Kestrel Awards - Rules for Judges 2026\n\n"
                "## The ceremony\n\n"
                "You must confirm by 31 March 2026 whether you will attend the ceremony in Brindleford and whether you "
                "are bringing a guest. Judges receive an honorarium of £250 per panel.\n"
            ),
            "tessaline-jury.md": (
                "Title: Tessaline Dance Film Festival - Jury Guide 2025\n\n"
                "## Travel and stay\n\n"
                "The Festival Office books and pays for travel to and from Kallenby. Jurors stay at the Harbour Hotel "
                "for the whole festival, at the Festival's expense.\n"
            ),
        },
    )
    night = assistant.ask(
        "Will the Kestrel people put me up in a hotel the night of the ceremony? It's a long way from home.", log=False
    )
    assert night.abstained, night.answer
    which = assistant.ask("Which hotel will the Tessaline jurors be staying in?", log=False)
    assert not which.abstained and "Harbour Hotel" in which.answer, which.answer


def test_the_sum_of_one_award_is_not_answered_with_the_prize_listed_before_it(tmp_path: Path, embeddings) -> None:
    """ "How much money goes with the Jury Prize?" over "The Jury awards the Golden Anchor …, which carries a cash prize
    of €5,000 …, and the Jury Prize" was answered with the Golden Anchor's €5,000; the terms give the Jury Prize no sum
    (written check set BM; the same in AT and BQ)."""
    terms = Path(__file__).resolve().parents[2] / "checksets" / "BM" / "kellhaven_shorts_jury_terms_2025.docx"
    assistant = Assistant.from_settings(make_settings(tmp_path / "lib"), embeddings)
    assert assistant.library.ingest([terms]).ok
    answer = assistant.ask("How much money goes with the Jury Prize at Kellhaven Shorts?", log=False)
    assert answer.abstained, answer.answer
    golden = assistant.ask("How much money goes with the Golden Anchor at Kellhaven Shorts?", log=False)
    assert not golden.abstained and "5,000" in golden.answer, golden.answer


def test_a_second_part_the_first_quote_already_answers_gets_no_quote_of_its_own(tmp_path: Path, embeddings) -> None:
    """ "How many people are on the animation jury at Westbrindle, and what are they allowed to award?" opened on the
    International Jury's president, quoted for its second part although the first quote says both ("The Animation
    Jury shall consist of three members and shall award the Best Animation prize only"); likewise "and does the
    president get more?" after "a flat fee of EUR 750 per juror, or EUR 1,000 for the President" (written check sets
    Y and BX; shorter answers in six more). A part whose every word the quotes chosen hold is answered by them."""
    from assistant.answers.assistant import Assistant

    folder = Path(__file__).resolve().parents[2] / "checksets" / "Y"
    assistant = Assistant.from_settings(make_settings(tmp_path / "lib"), embeddings)
    assert assistant.library.ingest([folder]).ok
    question = "How many people are on the animation jury at Westbrindle, and what are they allowed to award?"
    answer = assistant.ask(question, log=False)
    assert not answer.abstained, answer.notes
    assert answer.answer.startswith("The Animation Jury shall consist of three members"), answer.answer
    assert "International Jury" not in answer.answer, answer.answer


def test_a_jury_the_library_does_not_have_is_said_so(tmp_path: Path, embeddings) -> None:
    """ "Who sits on the documentary jury?", "What are the rules for the student jury?" over rules whose juries are an
    International Jury and a Youth Jury were answered with the International Jury's rules (written check sets BD, BM,
    BR, BV, BW: a jury by its films or its members that the festival does not have). A jury the rules name in a
    sentence of their own words ("a jury of three members, all young critics") is held, and its rules answer."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "merrow-juries.md": (
                "Merrow Film Festival - Juries\n\n"
                "International Jury\n"
                "The International Jury consists of five members appointed by the Festival Director.\n"
                "The International Jury awards the Merrow Prize for the best feature film.\n"
                "Members of the International Jury receive a fee of 600 euros.\n\n"
                "Youth Jury\n"
                "The Youth Jury consists of seven members aged 15 to 18.\n"
                "Each June a jury of three members, all young critics, gives the Critics' Award to one debut film.\n"
            )
        },
    )
    declined_and_answered(
        assistant,
        [
            "Who sits on the documentary jury at Merrow?",
            "What are the rules for the student jury at Merrow?",
            "How much is the fee for the animation jury at Merrow?",
        ],
        [
            ("How many members does the Merrow youth jury have?", "seven"),
            ("How many people are on the young critics' jury at Merrow?", "three"),
            ("How many members does the Merrow International Jury have?", "five"),
        ],
    )


def test_a_draw_is_a_tie_and_a_tie_is_searched_in_the_rules_words_for_one(tmp_path: Path, embeddings) -> None:
    """ "And what if it's a draw?" after a question on voting was declined: a draw was no tie, and the rule "If the
    votes are equal in any round, the President has the casting vote" shares no word with "tie" (written check sets
    BZ; AI and BL, "split down the middle", "split 3-3", found their rule once equal votes and a casting vote were
    searched with too)."""
    duties = "".join(
        f"8.{i} The Jury shall {duty}.\n"
        for i, duty in enumerate(
            [
                "watch every film of the competition in a cinema",
                "record its decisions in minutes signed by all members",
                "give the reasons for each award in writing",
                "keep its deliberations secret",
                "declare any conflict of interest to the Festival Director",
            ],
            start=1,
        )
    )
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "corvenna-regulations.md": (
                "Corvenna Documentary Week - Regulations\n\n"
                "8. Deliberation and voting\n" + duties + "8.6 Awards are decided by an absolute majority of the "
                "members of the jury. If no film obtains an absolute majority after two rounds, a third round is held "
                "between the two films with the most votes.\n"
                "8.7 If the votes are equal in any round, the President has the casting vote.\n"
            ),
        },
    )
    history = [
        {"role": "user", "content": "How does voting work on the Corvenna jury?"},
        {"role": "assistant", "content": "Awards are decided by an absolute majority of the members of the jury."},
    ]
    answer = assistant.ask("and what if it's a draw?", history=history, log=False)
    assert not answer.abstained and "casting vote" in answer.answer, answer.answer


def test_an_amendment_that_names_clauses_without_their_document_replaces_them(tmp_path: Path, embeddings) -> None:
    """ "Clause 6.2 is replaced by the following: …" in an annex or an "Amendment No. 1 to the Regulations 2026" names
    no document in its sentence, so it amended nothing, and the replaced clause was quoted beside or instead of the
    rule in force (written check sets X, BO and BZ: none of their amendments' references was read). A bare reference
    amends the document the instrument is to; "inserted after clause 7.4" changes nothing in 7.4; and the rule in
    force, which one part quotes under its instrument's name and another as it stands, is said once."""
    from assistant.library.chunking import chunk_document
    from assistant.library.loading.files import load_bytes

    regulations = (
        "Title: Regulations 2026 - Farrowdale Film Festival\n\n"
        "6. The Jury\n"
        "6.1 The Jury consists of five members.\n"
        "6.2 The President of the Jury is appointed by the Board on the proposal of the Festival Director.\n"
        "7. Screenings\n"
        "7.4 Jurors watch every film at the jury screenings.\n"
    )
    amendment = (
        "Title: Amendment No. 1 to the Regulations 2026 - Farrowdale Film Festival\n\n"
        "Adopted by the Board on 3 March 2026.\n\n"
        '1. Clause 6.2 is replaced by the following: "6.2 The members of the Jury elect their President from among '
        'themselves by secret ballot at their first meeting."\n'
        '2. The following clause 7.5 is inserted after clause 7.4: "7.5 A juror who misses a screening attends the '
        'make-up screening."\n'
    )
    chunks = chunk_document(load_bytes(amendment.encode(), "farrowdale-amendment-1.md"))
    refs = {ref for c in chunks for ref in c.amends.split(";") if ref}
    assert refs == {
        "6.2|Regulations 2026 - Farrowdale Film Festival",
        "7.5|Regulations 2026 - Farrowdale Film Festival",
    }
    assistant = library_of(
        tmp_path,
        embeddings,
        {"farrowdale-regulations.md": regulations, "farrowdale-amendment-1.md": amendment},
    )
    answer = assistant.ask("Who picks the president of the Farrowdale jury? Is it the board?", log=False)
    assert not answer.abstained and "secret ballot" in answer.answer, answer.answer
    assert "appointed by the Board" not in answer.answer, answer.answer
    assert answer.answer.count("elect their President") == 1, answer.answer


def test_a_body_described_by_its_kind_and_its_own_word_is_the_one_asked_about(tmp_path: Path, embeddings) -> None:
    """ "Does the critics' union pay us anything?", "the critics circle": a body named by what it is, a circle, a
    union or an association of critics, was not looked for among the festivals' names, so the question went to every
    festival's rules (written check sets BF and CB; BU's "critics association" was declined without naming it). Here
    on CB's critics' ballot rules beside an online festival's jury terms that speak of screeners."""
    sets = Path(__file__).resolve().parents[2] / "checksets" / "CB"
    assistant = Assistant.from_settings(make_settings(tmp_path / "lib"), embeddings)
    files = [sets / "CB_ncfc_awards_ballot_rules.docx", sets / "CB_driftlight_jury_terms.html"]
    assert assistant.library.ingest(files).ok
    answer = assistant.ask("Does the critics circle send members watermarked screener links?", log=False)
    assert answer.scope and all("Critics" in s for s in answer.scope), answer.scope
    assert all(c.source == files[0].name for c in answer.citations), answer.answer


def test_a_prize_or_entry_fee_the_rules_never_give_is_declined_not_answered_with_another_sum(
    tmp_path: Path, embeddings
) -> None:
    """ "how much is the special jury award at kestrel fen?" was answered with the jurors' travel refund for the
    awards evening (written check set CJ), and "how much does it cost to enter a video in the halyards?" with a
    categories table's prize, in a row that says the category "cannot be entered directly" (CL, first sight). Neither
    sum is the one asked; an award the rules do list still gets its own."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "kestrel-fen-jury-guidelines.md": (
                "Title: Kestrel Fen Short Film Prize – Jury Guidelines\n\n"
                "## Awards\n\n"
                "| Award | Prize | Decided by |\n|---|---|---|\n"
                "| Best Short Film | €1,500 | Prize Jury |\n"
                "| Best Newcomer | €750 | Prize Jury |\n\n"
                "## Expenses\n\n"
                "Jury membership is voluntary and unpaid. The Trust will reimburse reasonable travel costs for "
                "attending the awards evening in Saltholme, up to €150 per juror, against receipts.\n"
            ),
            "halyard-awards-rules.md": (
                "Title: Halyard Music Video Awards – Rules and Categories\n\n"
                "## Categories\n\n"
                "| Category | Eligibility | Prize |\n|---|---|---|\n"
                "| Video of the Year | Chosen from the finalists of all categories; cannot be entered directly. "
                "| €6,000 and the Golden Halyard trophy |\n"
                "| Best Animation | Any animated video released in 2025. | €2,000 |\n\n"
                "## Entering\n\nEntries are made by the director or the label through the entry portal.\n"
            ),
        },
    )
    special = assistant.ask("how much is the special jury award at kestrel fen?", log=False)
    assert special.abstained, special.answer
    newcomer = assistant.ask("how much is the best newcomer award at kestrel fen?", log=False)
    assert not newcomer.abstained and "€750" in newcomer.answer, newcomer.answer
    entry = assistant.ask("how much does it cost to enter a video in the halyards?", log=False)
    assert entry.abstained, entry.answer


def test_what_a_winner_gets_is_answered_with_the_prize_or_declined(tmp_path: Path, embeddings) -> None:
    """ "What does the winner of the Ashby Fold film award actually take home?" was answered with how the award is
    chosen (written check set V), and "What does the winner of the People's Choice award get?" with how its public
    vote runs, though the rules never say what it carries (AT). The first is answered with the trophy and voucher, the
    second declined."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "fold-award.md": (
                "Title: The Fold Award – how it works\n\n"
                "Every spring we pick one short film from our Local Shorts evening and give it the Ashby Fold Audience "
                "& Jury Award. It's our small way of cheering on people who make films round here.\n\n"
                "## How it works\n\n"
                "The winner gets the Fold Award trophy, carved from an old oak beam from the Mill, and a voucher to "
                "spend at The Wheatsheaf.\n\n"
                "The jury of three watches every film on the night and picks the winner by majority vote.\n\n"
                "A People's Choice award is decided by a show of hands in the interval.\n"
            ),
        },
    )
    fold = assistant.ask("What does the winner of the Fold award actually take home?", log=False)
    assert not fold.abstained and "voucher" in fold.answer, fold.answer
    people = assistant.ask("What does the winner of the People's Choice award get?", log=False)
    assert people.abstained, people.answer
