"""The extractive answerer on hand-made passages with the real model: which sentences it quotes and cites."""

from __future__ import annotations

from support.passages import make_passage

from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.leaning import refers_back
from assistant.library.units import ends_on_pointer
from assistant.schema import Passage


def passage(n: int, section: str, text: str, score: float) -> Passage:
    return make_passage(text, section, index=n, score=score)


RULE = passage(
    1,
    "Article 2 › 2.5 Replacement before the Festival",
    "2.5 Replacement before the Festival. If a juror withdraws before the first screening, the Festival Director "
    "may appoint a replacement juror.",
    0.70,
)
EXCEPTION = passage(
    2,
    "Article 2 › 2.6 No replacement after screenings begin",
    "2.6 No replacement after screenings begin. If a juror leaves the jury after the first screening, no "
    "replacement juror is appointed and the jury continues with its remaining members.",
    0.68,
)
IDF = {"juror": 1.0, "replac": 2.0, "leav": 2.0, "screen": 1.0, "appoint": 2.0}


def test_a_close_second_passage_adds_its_rule_with_its_own_citation(embeddings) -> None:
    """Asked with no side of the event named: one that names it ("after the screenings started") wants only the rule
    for that side (tests/answers/test_timeframe.py)."""
    question = "Is a replacement juror appointed when a juror leaves?"
    draft = ExtractiveAnswerer(embeddings).answer(question, [RULE, EXCEPTION], IDF)
    assert "no replacement juror is appointed" in draft.text
    assert "may appoint a replacement juror" in draft.text
    assert {c.section for c in draft.citations} == {RULE.chunk.section, EXCEPTION.chunk.section}
    assert "[1]" in draft.text and "[2]" in draft.text


def test_without_a_margin_for_a_close_second_only_one_passage_is_cited(embeddings) -> None:
    answerer = ExtractiveAnswerer(embeddings)
    answerer.follow = answerer.follow_adjacent = 0.0
    question = "Is a replacement juror appointed when a juror leaves?"
    draft = answerer.answer(question, [RULE, EXCEPTION], IDF)
    assert len(draft.citations) == 1


def test_a_distant_second_passage_stays_out(embeddings) -> None:
    unrelated = passage(3, "Article 9 › 9.1 Meals", "9.1 Meals. Lunch is served at the villa at 13:00 every day.", 0.2)
    question = "Can the Festival Director appoint a replacement juror before the first screening?"
    draft = ExtractiveAnswerer(embeddings).answer(question, [RULE, unrelated], IDF)
    assert [c.section for c in draft.citations] == [RULE.chunk.section]
    assert "Lunch" not in draft.text


def test_a_time_given_only_as_before_or_after_counts_half_beside_a_date() -> None:
    """ "Immediately after the closing date" is a time only in form; a date, a day, an hour or a number of days is
    what a when-question asks for (realworld: citation accuracy 0.93 -> 0.95 with the clause fix below)."""
    from assistant.answers.needs import answer_need, kind_score

    need = answer_need("When do entries close for the short film competition?")
    assert kind_score("Entries close on 12 March 2027.", need) == 1.0
    assert kind_score("Late entries go to the jury immediately after the closing date.", need) == 0.5
    assert kind_score("Declare a conflict within 48 hours.", need) == 1.0
    # "what time" asks for the hour: a date alone does not tell it
    hour = answer_need("What time does the closing ceremony start?")
    assert kind_score("The closing ceremony takes place on 18 October at the Grand Theatre.", hour) == 0.0
    assert kind_score("The closing ceremony starts at 19:30 on 18 October.", hour) == 1.0
    assert kind_score("Doors open for the ceremony at 7 p.m.", hour) == 1.0
    # "may" is the month only beside a day or a year; "What's the deadline" asks for a time, not a number
    deadline = answer_need("What's the deadline for sending in the final ballot?")
    assert deadline is not None and deadline.kind == "time"
    assert kind_score("Only voting members may cast ballots on the final ballot.", deadline) == 0.0
    assert kind_score("Final ballots are due on 3 May 2027.", deadline) == 1.0
    assert kind_score("Final ballots are due May 3.", deadline) == 1.0


def test_a_consequence_told_as_what_one_can_do_meets_a_what_if_question() -> None:
    from assistant.answers.needs import answer_need, kind_score

    need = answer_need("What if I come down with the flu and miss a screening?")
    assert kind_score("If you miss a screening because you're ill, you can catch up online.", need) == 1.0
    assert kind_score("Screenings take place in the main hall.", need) == 0.0
    # "you'll" is "you will" (written check set G: an alumni FAQ's only rule on not voting was declined)
    skip = answer_need("What happens if I just don't bother voting this year?")
    assert (
        kind_score("But if you don't vote for two years in a row, you'll be moved to the supporters' list.", skip)
        == 1.0
    )
    # dues are money: a deadline for paying them is no sum
    dues = answer_need("How much are the yearly membership dues?")
    assert dues is not None and dues.money
    assert kind_score("Members must have paid annual dues by 1 October.", dues) == 0.0
    assert kind_score("Annual dues are $60.", dues) == 1.0


def test_what_is_counted_or_paid_is_read_in_the_clause_that_asks() -> None:
    """A follow-up borrows the earlier question's words ("... worth"): "the most prizes" is still a count."""
    from assistant.answers.needs import answer_need

    follow_up = "what's the most prizes one film can take home? golden beacon worth"
    need = answer_need(follow_up)
    assert need is not None and need.kind == "amount" and not need.money
    money = answer_need("How much is the Golden Beacon worth, and who gets the money?")
    assert money is not None and money.money


def test_a_yes_no_question_about_money_is_met_only_by_a_rule_on_money() -> None:
    """ "Do teams pay anything to take part?" is answered by "There is no entry fee", not by any rule with a modal
    word; and a quote without money in it falls short of the question, so abstention hears of it (held out: citation
    accuracy on realworld-2 0.75 -> 0.80, abstention recall 0.60 -> 0.67; docs/evaluation.md)."""
    from assistant.answers.needs import answer_need, kind_score, needs_marked_answer

    need = answer_need("Do teams pay anything to take part in the 48-hour project?")
    assert need is not None and need.kind == "permission" and need.money
    assert needs_marked_answer(need)
    assert kind_score("There is no entry fee to participate in the festival.", need) == 1.0
    assert kind_score("Travel costs are not covered by the festival.", need) == 1.0
    assert kind_score("A late entry costs an additional GBP 10.", need) == 1.0
    assert kind_score("All footage must be shot during the 48-hour period.", need) == 0.0
    assert kind_score("Review your entry and pay online.", need) == 0.0  # paying, but no rule on it
    plain = answer_need("Can teams use stock footage?")
    assert plain is not None and not plain.money and not needs_marked_answer(plain)


def test_a_lead_in_chosen_beside_its_items_is_said_once(embeddings) -> None:
    """A lead-in that joins as a second quote brings its items, which carry it: "You have 2 choices for making
    films:" is said once, before them, never also alone as "You have 2 choices for making films: [2]."."""
    choices = passage(
        1,
        "When & Where",
        "You have 2 choices for making films:\n- Make them on your own. All you need is a phone and an idea.\n"
        "- Join our film making session on Saturday. You will have 2 hours to make a film.",
        0.7,
    )
    answerer = ExtractiveAnswerer(embeddings)
    cands = answerer.candidates("How can I make a film?", [choices], {"film": 1.0, "make": 1.0})
    lead_in = next(c for c in cands if not c.unit.item and c.unit.text.endswith(":"))
    items = sorted((c for c in cands if c.unit.item), key=lambda c: c.position)
    assert len(items) >= 2 and all(c.unit.lead for c in items)  # an item of two sentences is two units
    draft = answerer._compose([lead_in, *items], [choices])
    assert draft.text.count("You have 2 choices for making films") == 1, draft.text
    assert "Make them on your own" in draft.text and "Join our film making session" in draft.text


def test_this_year_points_at_the_edition_not_at_the_sentence_before(embeddings) -> None:
    """ "This year 1st place prize is £50 ..." opens with "this" but leans on nothing before it: the prizes are
    answered without the table row above them (a fee) pulled in as their antecedent."""
    text = (
        "There are three classes of entry.\n- A | Schools | Entry Fee £10\n- B | Students | Entry Fee £15\n"
        "- C | Open | Entry Fee £20\n"
        "This year 1st place prize is £50, 2nd place £30 and third place £20 in each class.\n"
        "Entries are judged by a panel of three film makers."
    )
    draft = ExtractiveAnswerer(embeddings).answer(
        "What prize money do the winners get?", [passage(1, "Entries", text, 0.7)], {"prize": 2.0, "winner": 1.0}
    )
    assert "1st place prize is £50" in draft.text
    assert "Entry Fee" not in draft.text, draft.text
    assert refers_back("This allows the jury to compare the films.")
    assert not refers_back("This year 1st place prize is £50.")
    # after a few words that set the scene ("To keep things fair, that film's total is then …": written check set W)
    assert refers_back("To keep things fair, that film's total is the average of the other judges' scores.")
    assert not refers_back("If you are late, please call the office.")


def test_the_top_prize_is_the_first_a_list_of_prizes_names(embeddings) -> None:
    """ "The top prize" names no award: rules list their prizes from the highest, so the first item answers it,
    not the item whose words come closest ("Grand Prix of the Jury") nor a rule on how any prize money is split
    (check sets F and G, and the "big prize" of C)."""
    prizes = passage(
        1,
        "Article 10 – Prizes",
        "The Feature Jury awards the following prizes:\n"
        "a) the Golden Heron, for the best film, endowed with 40,000 euros, paid to the director;\n"
        "b) the Grand Prix of the Jury, endowed with 20,000 euros, paid to the director;\n"
        "c) the Prize for Screenplay, endowed with 5,000 euros, paid to the screenwriter.",
        0.6,
    )
    shared = passage(
        2, "Article 11 – Payment", "Where a film has more than one director, prize money is divided equally.", 0.62
    )
    idf = {"money": 2.0, "prize": 1.0, "top": 2.0}
    draft = ExtractiveAnswerer(embeddings).answer("How much money comes with the top prize?", [shared, prizes], idf)
    assert "Golden Heron" in draft.text and "Grand Prix" not in draft.text, draft.text
    assert "divided equally" not in draft.text


def test_a_rule_that_ends_on_it_is_quoted_with_the_sentence_it_points_at(embeddings) -> None:
    """ "Judges don't choose it." says nothing alone: the sentence before says what "it" is (check sets I and K:
    an audience award, a film a judge may not score)."""
    text = (
        "The Audience Award is voted for by the audience on Saturday night. Judges don't choose it. "
        "Each judge scores every film on story, craft and originality."
    )
    draft = ExtractiveAnswerer(embeddings).answer(
        "Do we judges get to pick the audience favourite?",
        [passage(1, "Awards", text, 0.7)],
        {"judg": 1.0, "pick": 2.0, "audienc": 2.0, "favourit": 2.0},
    )
    assert "Judges don't choose it" in draft.text, draft.text
    assert "The Audience Award is voted for by the audience" in draft.text, draft.text
    assert ends_on_pointer("You won't score that film, and we'll average the other judges' scores.")
    assert not ends_on_pointer("Members cannot change their ballot after submitting it.")
    assert not ends_on_pointer("If a film arrives late, the office returns it.")
    assert not ends_on_pointer("The prize money is doubled this year.")


def test_the_consequence_of_a_case_comes_with_the_rule_that_describes_the_case(embeddings) -> None:
    """ "In such a case, the Board decides ..." finishes the rule before it: quoted without it, "Does a review rule
    me out?" was answered with the duty to inform and not with what follows (written check sets AA, AH and AI)."""
    text = (
        "Jurors must not have taken part in the production or sales of any film in competition. A juror who has "
        "already published a review of a film in competition must inform the General Delegate on appointment. In "
        "such a case, the Board decides whether the juror may remain on the Jury."
    )
    draft = ExtractiveAnswerer(embeddings).answer(
        "I wrote a review of one of the competition films. Does that rule me out of the jury?",
        [passage(1, "Article 3 › Eligibility of jurors", text, 0.7)],
        {"review": 2.0, "juror": 1.0, "jury": 1.0, "rule": 1.0},
    )
    assert "the Board decides whether the juror may remain" in draft.text, draft.text
    assert refers_back("In such a case, the juror does not score that film.")
    assert refers_back("In such cases the prize money is carried over.")
    assert not refers_back("In case of doubt, ask the coordinator.")


def test_a_quoted_clause_that_ends_on_a_semicolon_ends_its_answer_sentence_with_a_full_stop(embeddings) -> None:
    """A clause of a list of conditions keeps its ";" in the document, not in the answer: "… must not exceed 15
    seconds; [1]." read as an unfinished sentence (written check set AT, a PDF's clauses "3.1.1 … ;")."""
    clause = passage(
        1,
        "3. Entry requirements › 3.1.2",
        "3.1.2 have a running time of no more than 180 seconds, excluding end credits, which must not exceed 15 "
        "seconds;",
        0.7,
    )
    draft = ExtractiveAnswerer(embeddings).answer("What is the maximum running time of a film?", [clause], {})
    assert "180 seconds" in draft.text
    assert ";" not in draft.text and draft.text.endswith("[1].")


def test_a_follow_up_that_asks_no_longer_what_to_do_is_not_met_by_the_instruction(embeddings) -> None:
    """ "Do I have to tell the Academy?" then "Once I've declared it, can I still vote?": the follow-up, rewritten with
    the earlier words, still read as a question for what to do, and the rule that members must declare was quoted
    again over the one that they remain entitled to vote (written check set AQ)."""
    rules = passage(
        1,
        "Conflicts of interest",
        "Voting Members must declare the following interests in writing to the Awards Secretary. A Member who "
        "declares paid work for the awards campaign of an Eligible Film is not excluded from the vote.",
        0.7,
    )
    rewritten = (
        "i'm paid to handle awards publicity for a film do i have to tell the academy once i've declared it can i vote?"
    )
    answerer = ExtractiveAnswerer(embeddings)
    declare = "Voting Members must declare the following interests in writing to the Awards Secretary."
    vote = "A Member who declares paid work for the awards campaign of an Eligible Film is not excluded from the vote."
    kinds = {c.display: c.features["answer_kind"] for c in answerer.candidates(rewritten, [rules], {})}
    assert kinds[declare] == 1.0 and kinds[vote] == 0.0
    asked = "Once I've declared it, can I still vote?"
    own = {c.display: c.features["answer_kind"] for c in answerer.candidates(rewritten, [rules], {}, own=asked)}
    assert own[declare] == own[vote]  # read as the yes/no question it is, the instruction has no head start


def test_a_statutes_list_is_quoted_with_its_dash_lead_in_and_without_its_dangling_and(embeddings) -> None:
    """ "Which prizes does the jury award?" of a statute's "(1) The Jury shall award -" over "(a)" to "(d)" quoted the
    lead-in alone, "The Jury shall award -", and then "… -: …; The Prize for Screenplay; and; …" (written check set
    BJ): a dash opens a list as a colon does, and the "and" the last but one item ends on is no item."""
    prizes = passage(
        1,
        "PART 5 - PRIZES › 17",
        "17. (1) The Jury shall award -\n(a) the Carrow Prize for Best Film, of 40,000 crowns;\n(b) the Prize for"
        " Direction;\n(c) the Prize for Screenplay; and\n(d) the Newcomer Prize.\n(2) No prize may be shared.",
        0.7,
    )
    draft = ExtractiveAnswerer(embeddings).answer("Which prizes does the jury award?", [prizes], {"priz": 2.0})
    assert "The Jury shall award: The Carrow Prize for Best Film" in draft.text
    assert "Screenplay; The Newcomer Prize" in draft.text and "and;" not in draft.text and "-:" not in draft.text


def test_the_exception_that_names_what_is_asked_comes_with_the_general_rule(embeddings) -> None:
    """ "if we're split evenly on the best feature, does the jury president just get to decide?" was answered with the
    casting vote alone; the footnote beside it takes the Best Feature award out of it (written check set CK, first
    sight). An exception for something the question does not name stays out."""
    text = (
        "Decisions are taken by simple majority of the members present. In the event of a tie, the President of the "
        "jury has the casting vote. The casting vote does not apply to the Golden Lantern for Best Feature Film; in "
        "the event of a tie for that award, the jury votes again."
    )
    answerer, rules = ExtractiveAnswerer(embeddings), [passage(1, "5.3 Jury deliberations and voting", text, 0.7)]
    idf = {"split": 2.0, "evenli": 2.0, "featur": 2.0, "best": 1.0, "jury": 1.0, "presid": 2.0, "decid": 1.0}
    draft = answerer.answer("If we're split evenly on the best feature, does the jury president decide?", rules, idf)
    assert "President of the jury has the casting vote" in draft.text, draft.text
    assert "does not apply to the Golden Lantern for Best Feature Film" in draft.text, draft.text
    plain = answerer.answer("If the jury is split evenly, does the president decide?", rules, idf)
    assert "does not apply" not in plain.text, plain.text
