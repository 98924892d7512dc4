"""The asks of a question: what it asks, not what it tells."""

from __future__ import annotations

from assistant.answers.asks import ask_parts, split_asks


def test_a_sentence_that_tells_before_the_question_is_no_ask() -> None:
    """ "My daughter is 16 and HAS been picked …" tells; "has" after "and" opened an ask of its own there, and the
    greeting of the youth jury page ("So you've been picked …") was quoted to answer it (written check set V)."""
    question = "My daughter is 16 and has been picked for the youth jury. Do I as a parent need to sign anything?"
    assert split_asks(question) == [question]
    # a question of two parts is still two asks, and so is one typed without a question mark at the end
    assert [own for own, _ in ask_parts("How big is the jury, and must it include someone from the host country?")] == [
        "How big is the jury",
        "must it include someone from the host country",
    ]
    assert len(ask_parts("I'm new here. How long can a film be and when is the deadline")) == 2


def test_an_ask_about_his_room_is_judged_with_the_ask_that_names_him() -> None:
    """ "Would the festival pay for HIS room?" judged alone was answered by the jurors' own hotel (written check sets
    T and AL): whose room it is, the ask before says."""
    parts = ask_parts("Can I bring my husband along when I'm on the jury? Would the festival pay for his room?")
    assert len(parts) == 2
    own, judged = parts[1]
    assert own == "Would the festival pay for his room" and "husband" in judged
    # his own bus fares are the son's, judged alone: "Does my son get paid anything …, and who covers his bus fares?"
    son = ask_parts("Does my son get paid anything for the kids' jury, and who covers his bus fares to get there?")
    assert son[1][1] == "who covers his bus fares to get there"
    # an ask with a name of its own is judged alone
    alone = ask_parts("How big is the jury, and must it include someone from the host country?")
    assert alone[1][1] == "must it include someone from the host country"


def test_an_ask_after_a_dash_that_sets_the_scene_is_an_ask_of_its_own() -> None:
    """ "pro jury at the youth film festival in lindqvarn - what's the fee, and do they pay for the hotel and
    travel?" was one ask: what stood before the dash was no ask, so the fee was never looked for on its own and the
    whole question was declined for lacking a sum (written check set CH, first sight)."""
    parts = ask_parts("pro jury at the youth festival - what's the fee, and do they pay for the hotel and travel?")
    assert [own for own, _ in parts] == [
        "pro jury at the youth festival - what's the fee",
        "do they pay for the hotel and travel",
    ]
