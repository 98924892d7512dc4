"""The rules' own words for a juror's plain words: searched with, and no sign of a thing the library lacks."""

from __future__ import annotations

from assistant.answers.rules_words import said_plainly, with_rules_word


def test_a_post_on_a_social_network_is_searched_as_social_media() -> None:
    """ "post on my Instagram" is what the rules call "social media" (the rule was out of the passages searched:
    written check sets R and V); a film "up on YouTube" is about being online, not about posting."""
    assert with_rules_word("Can I post on Instagram about the films?", searching=True).endswith("(social media)")
    assert with_rules_word("Can I post on Instagram about the films?") == "Can I post on Instagram about the films?"
    assert "social media" not in with_rules_word("Our short has been on YouTube. Can it compete?", searching=True)
    # the honourable mention of everyday speech is the rules' "special mention" (written check sets V and X)
    assert with_rules_word("Can we give an honourable mention?", searching=True).endswith("(special mention)")


def test_plain_words_for_marks_that_differ_are_searched_in_the_rules_word() -> None:
    """Two markers "miles apart" or who "totally disagree" are the rules' marks that "differ" (written check sets W
    and X)."""
    assert with_rules_word("What if the two readers are miles apart?", searching=True).endswith("(differ)")
    assert with_rules_word("What if we totally disagree on the mark?", searching=True).endswith("(differ)")
    assert with_rules_word("Can the two of us agree a mark?", searching=True) == "Can the two of us agree a mark?"


def test_a_plain_word_whose_rules_term_the_library_uses_is_no_unknown_thing() -> None:
    """ "Can our jury give it an honourable mention?" was declined as asking about a thing the library never names
    ("honourable"), where the rules say "Juries may not create additional awards or special mentions" (written check
    set AC); a library without the term still lacks it."""
    known = {"special", "mention", "juri", "jury", "award"}
    assert said_plainly("Can our jury give it an honourable mention?", known) == {"honourable", "mention"}
    assert said_plainly("Can our jury give it an honourable mention?", {"jury"}) == set()


def test_a_jury_that_finds_no_film_good_enough_is_searched_as_one_that_may_not_award_the_prize() -> None:
    """ "What if none of the films is good enough?" found entry fees and award lists, not "A jury may decide not to
    award its prize if it considers that no film meets the required standard" (written check sets U, Y, AD, AE): it
    is searched in the rules' words, and only a rule on withholding a prize answers it."""
    from assistant.answers.needs import answer_need, meets

    question = "And what if none of the films is good enough in our opinion?"
    assert with_rules_word(question, searching=True).endswith("(decide not to award the prize)")
    need = answer_need(question)
    assert need is not None and need.kind == "withheld"
    assert meets("A jury may decide not to award its prize if no film meets the required standard.", need)
    assert meets("The Grand Prize may not be awarded ex aequo and must in any case be assigned.", need)
    assert meets("The juries may not decide to withhold a prize.", need)
    assert not meets("The Grand Prize may not be awarded ex aequo.", need)
    assert not meets("The following awards are presented: the Grand Prix, EUR 5,000.", need)
    other = answer_need("Who hands out the awards?")
    assert other is None or other.kind != "withheld"


def test_a_tie_to_a_competing_film_is_searched_as_a_conflict_of_interest() -> None:
    """ "My sister edited one of the series competing in my category. What should I do?" is what the rules call a
    "conflict of interest", and the rule on it was out of the passages searched (seven such questions of six
    festivals gained: written check sets AA, AB, AH, AO, AP, AQ); quoted on, the words stay the juror's own. A question in the rules' words
    ("step down", "declare") is searched as it is."""
    question = "My sister edited one of the series competing in my category. What should I do?"
    assert with_rules_word(question, searching=True).endswith("(conflict of interest)")
    assert with_rules_word(question) == question
    declared = "Do I have to declare a conflict of interest if my cousin edited one of the films?"
    assert with_rules_word(declared, searching=True) == declared


def test_the_size_of_a_jury_asked_in_plain_words_is_searched_as_what_it_consists_of() -> None:
    """ "How many of us will there be?", "How big is the Méliès jury?" and "How many people sit on the panel?" found
    the rules on who chairs and how it votes, not "The Méliès Jury is composed of five members" (written check sets
    AB, AC, AJ, AO): searched with the rules' "consists of" / "composed of"; a count of anything else is not."""
    for question in (
        "How many of us will there be on the jury, and who decides who chairs it?",
        "How big is the Méliès jury, and who chooses its president?",
        "How many people sit on the film school's thesis awards panel in 2026?",
    ):
        assert with_rules_word(question, searching=True).endswith("(consists of, composed of members)"), question
    assert "consists" not in with_rules_word("How big is the Méliès jury?")  # quoted on, the words stay the juror's
    assert "consists" not in with_rules_word("How many films are in competition?", searching=True)
    assert "consists" not in with_rules_word("What is the jury composed of?", searching=True)


def test_recognising_the_other_film_is_searched_as_a_special_mention() -> None:
    """ "Then can we at least single out the other film in some way?" after a prize that may not be shared, and "Can
    they recognise a second film as well?", were answered from the prize list and a tie's second vote: the rule the
    juror wants is the special mention (written check sets AS, AB and AG). Recognising a conflict is no mention."""
    for question in (
        "Then can we at least single out the other film in some way?",
        "Can they recognise a second film as well?",
        "Can we at least recognise the other film in some way?",
    ):
        assert with_rules_word(question, searching=True).endswith("(special mention)"), question
    assert "special mention" not in with_rules_word("Do we have to recognise a conflict of interest?", searching=True)


def test_a_yes_no_question_about_being_paid_is_searched_with_unpaid_too() -> None:
    for question in (
        "Do I get paid for judging?",
        "Do the kids on the youth jury get paid anything?",
        "Are jurors paid?",
    ):
        assert with_rules_word(question, searching=True).endswith("(unpaid)"), question
    for question in ("When is the fee paid?", "How much do jurors get paid?", "Will my hotel be paid for?"):
        assert "unpaid" not in with_rules_word(question, searching=True), question
