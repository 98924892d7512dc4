import pytest

from assistant.answers.conversation import borrows_scope, is_follow_up, standalone_question
from assistant.answers.guardrails import asks_about_disclosure, asks_to_decide
from assistant.text import content_terms, split_sentences, stem, strip_clause_number


def test_follow_up_swaps_the_category_and_keeps_the_topic() -> None:
    history = [{"role": "user", "content": "What is the prize money for the best documentary?"}]
    rewritten = standalone_question("and for short films?", history)
    assert "prize" in rewritten and "short" in rewritten
    assert "documentary" not in rewritten


def test_a_standalone_question_is_left_alone() -> None:
    history = ["How many jurors sit on the feature jury?"]
    question = "What is the gift limit for jurors?"
    assert not is_follow_up(question)
    assert standalone_question(question, history) == question


def test_decide_and_disclose_detection() -> None:
    assert asks_to_decide("Which film should win?")
    assert asks_to_decide("who deserves Best Actress this year?")
    assert not asks_to_decide("How is the winner of the Golden Lantern chosen?")
    assert asks_about_disclosure("Can I tell a journalist how we voted?")
    assert asks_about_disclosure("can I post our results on Instagram")
    assert not asks_about_disclosure("When is the awards ceremony?")


def test_text_helpers() -> None:
    assert stem("voting") == stem("votes") == stem("voted")
    assert stem("ties") == stem("tie") == stem("tied")
    assert stem("criterion") == stem("criteria")
    # a short verb's doubled consonant ("could I be BANNED" / "Ban the judge for up to five years"; "winners")
    assert stem("banned") == stem("ban") and stem("winner") == stem("wins") == stem("winning")
    assert stem("fall") != stem("fa") and stem("added") == "add"
    assert "what" not in content_terms("What's the gift limit?")
    assert split_sentences("Amendment No. 1 applies. It replaces Art. 5 of the Rules.") == [
        "Amendment No. 1 applies.",
        "It replaces Art. 5 of the Rules.",
    ]
    assert (
        strip_clause_number("8.4 Tie-breaks. If two films tie, the President decides.")
        == "If two films tie, the President decides."
    )
    # the day of a date that opens a timetable's row is no clause number
    assert (
        strip_clause_number("17 March, 23:59 | Deadline for score sheets")
        == "17 March, 23:59 | Deadline for score sheets"
    )


def test_a_pronoun_follow_up_keeps_its_own_question_and_borrows_the_topic() -> None:
    history = [
        {"role": "user", "content": "Where is the final deliberation held?"},
        {"role": "assistant", "content": "Each jury holds its final deliberation at the Lighthouse Villa [1]."},
    ]
    assert standalone_question("How do I get there?", history) == "How do I get to the Lighthouse Villa?"


def test_a_pronoun_is_replaced_by_what_it_points_at() -> None:
    """A follow-up asked as the juror asks it, with its pronoun replaced, is embedded as a question; the earlier
    question's words appended to it ("final deliberation held") pulled in a definition of the deliberation."""
    films = [
        {"role": "user", "content": "Can a filmmaker submit an unfinished cut to the Riverbend Festival?"},
        {"role": "assistant", "content": "Yes, if it is clearly marked as a rough cut [1]."},
    ]
    assert standalone_question("And can they send us a newer cut later on?", films) == (
        "Can a filmmaker send us a newer cut later on? Riverbend Festival"
    )
    prizes = [
        {"role": "user", "content": "What can the short film jury award?"},
        {"role": "assistant", "content": "It awards Best Short Film and may award one Special Mention (short) [1]."},
    ]
    assert standalone_question("Does that mention come with any money?", prizes) == (
        "Does the Special Mention come with any money?"
    )


def test_a_pronoun_with_nothing_to_point_at_keeps_the_borrowed_topic() -> None:
    # "is there" asks whether a thing exists: not a place
    jury = [{"role": "user", "content": "How many people sit on the Moonreel youth jury?"}]
    rewritten = standalone_question("And is there an international jury too?", jury)
    assert rewritten.startswith("is there an international jury too?") and "moonreel" in rewritten
    # "they" is the team this question names, not the earlier question's filmmaker
    team = [{"role": "user", "content": "Can a filmmaker enter two films at Moonreel?"}]
    assert "filmmaker" not in standalone_question("If a team disagrees with our verdict, can they appeal?", team)
    # an earlier question typed without capitals: its words are all the festival there is to go on
    typed = [{"role": "user", "content": "can a filmmaker submit a rough cut to riverbend?"}]
    assert "riverbend" in standalone_question("And can they send us a newer cut later on?", typed)


def test_a_follow_up_that_asks_whole_borrows_only_the_names() -> None:
    """ "And where would I catch up on the film I missed?" asks all it asks; the earlier question's words ("ill",
    "miss", "screening") only pulled the answer back to the rule on absences. Its festival is still carried."""
    ill = [{"role": "user", "content": "What if I'm ill and miss a competition screening?"}]
    assert standalone_question("And where would I catch up on the film I missed?", ill) == (
        "where would I catch up on the film I missed?"
    )
    named = [{"role": "user", "content": "What running times are allowed at the Moonreel Challenge?"}]
    assert (
        standalone_question("And what must the film include?", named)
        == "what must the film include? Moonreel Challenge"
    )
    # a capital that opens the earlier question's second sentence names nothing ("… this year. What happens …")
    two = [{"role": "user", "content": "I'm on the Little Lantern youth jury this year. What happens if I'm sick?"}]
    assert (
        standalone_question("And what if I end up missing two of the competition blocks?", two)
        == "what if I end up missing two of the competition blocks? Little Lantern"
    )


def test_a_follow_up_that_first_acknowledges_the_answer_is_still_a_follow_up() -> None:
    """ "OK, and what about the rest of the categories?", "Right, and then do I have to pull out of judging?": the
    word that takes in the earlier answer hid the "and" that carries the conversation on, so the question was searched
    alone (written check sets: three follow-ups of two festivals began this way)."""
    named = [{"role": "user", "content": "What running times are allowed at the Moonreel Challenge?"}]
    for question in ("OK, and what must the film include?", "Right, and what must the film include?"):
        assert is_follow_up(question)
        assert standalone_question(question, named) == "what must the film include? Moonreel Challenge"
    assert not is_follow_up("Okay, who decides the winners of the Moonreel Challenge?")


def test_what_about_a_clause_asks_the_earlier_question_about_it() -> None:
    """ "What about where I stay?" after a question on travel costs asks whether the stay is paid too: the question
    word opens a clause ("where I stay"), not a question of its own, so the earlier question's words stay (searched
    alone, the question found the rules on staying for the whole festival and was declined). "What about where do I
    stay?" would ask a question of its own."""
    travel = [{"role": "user", "content": "Does the federation pay for my flight when I go to a festival?"}]
    rewritten = standalone_question("What about where I stay?", travel)
    assert "pay" in rewritten and "stay" in rewritten
    assert standalone_question("And where do I stay?", travel) == "where do I stay?"


def test_a_follow_up_naming_another_ordinal_swaps_it() -> None:
    """ "And the second one?" after "When does the first round close?" asks when the second round closes, not the
    first and the second."""
    rounds = [{"role": "user", "content": "When does the first round of voting close?"}]
    rewritten = standalone_question("And the second one?", rounds)
    assert "round" in rewritten and "close" in rewritten and "second" in rewritten
    assert "first" not in rewritten


def test_and_what_about_another_jury_asks_the_earlier_question_of_it() -> None:
    """ "And what about the youth jury?" after a question on the international jury's tie asks how the youth jury
    breaks a tie: it asks no "what" of its own (read as one, it was searched as "what about the youth jury" and
    quoted the youth jury page's greeting: written check set V)."""
    tie = [{"role": "user", "content": "At Veldhaven, what happens if the international jury has a tie?"}]
    rewritten = standalone_question("And what about the youth jury?", tie)
    assert "tie" in rewritten and "youth" in rewritten
    assert "international" not in rewritten


def test_a_question_that_first_names_its_subject_stands_alone_after_another_festival() -> None:
    """ "For the horror festival, what's …?" asked after a question about another festival is a question of its own:
    read as a follow-up it took the earlier question's words and festival (written check sets AA, AC, R, V and Z,
    each first question asked again after the one before it: five lost)."""
    history = [
        {"role": "user", "content": "How many people sit on each craft jury at the Lumen Reels?"},
        {"role": "assistant", "content": "Each craft jury has three members [1]."},
    ]
    question = "For the horror festival, what's the minimum running time for a feature film?"
    assert not is_follow_up(question)
    assert standalone_question(question, history) == question
    # a frame that points back, or a short one, still follows on
    assert is_follow_up("For that award, can we split it?")
    assert is_follow_up("And for short films, what is the prize?")
    assert is_follow_up("for short films?")


def test_and_if_asks_what_happens_in_that_case_of_the_earlier_topic() -> None:
    """ "And if I come down with the flu and miss one of them?" after "How many films will the Green Jury have to
    watch?" was rewritten as the earlier question with the case appended, so it still asked for a number and the rule
    on missed screenings was declined (written check sets AB, AG, AP, AM, AD, AF, W, X). A case that goes on to ask
    a question of its own stays as it was."""
    history = [{"role": "user", "content": "How many films will the Green Jury at Saltmarsh have to watch?"}]
    rewritten = standalone_question("And if I come down with the flu and miss one of them?", history)
    assert rewritten.lower().startswith("what happens if i come down with the flu")
    assert "how many" not in rewritten.lower() and "saltmarsh" in rewritten.lower()
    level = standalone_question("What if two of the shortlisted pieces end up level?", ["How do we pick the winner?"])
    assert level.lower().startswith("what happens if two of the shortlisted pieces end up level")
    own = standalone_question("And if I can't come in person, can I still vote?", ["How many films must I watch?"])
    assert not own.lower().startswith("what happens")


@pytest.mark.parametrize(
    "question",
    [
        "Does whoever ends up as chair get anything extra?",
        "Would they bring in somebody new to replace that person?",
        "Great. Will the festival pay for their hotel room as well?",
        "Will the film festival cover it?",
        "And the youth jury?",
    ],
)
def test_a_question_that_names_no_body_of_its_own_goes_on_about_the_festival_asked_about(question: str) -> None:
    assert borrows_scope(question)


@pytest.mark.parametrize(
    "question",
    [
        "If the youth jury vote ends up level between two films, what do we do?",
        "What happens if I'm late with my scores for the phone film festival?",
        "Could our critics' jury split the prize between two films we both love?",
        "How many people sit on the International Jury at OWF, and who gets to be president?",
        "The Golden Bear jury: is it paid?",
    ],
)
def test_a_question_that_names_a_body_of_its_own_is_a_new_one(question: str) -> None:
    assert not borrows_scope(question)
