from assistant.answers.conversation import is_follow_up, standalone_question
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
    assert "what" not in content_terms("What's the gift limit?")
    assert split_sentences("Amendment No. 1 applies. It replaces Art. 5 of the Rules.") == [
        "Amendment No. 1 applies.",
        "It replaces Art. 5 of the Rules.",
    ]
    assert (
        strip_clause_number("8.4 Tie-breaks. If two films tie, the President decides.")
        == "If two films tie, the President decides."
    )


def test_a_pronoun_follow_up_keeps_its_own_question_and_borrows_the_topic() -> None:
    history = [
        {"role": "user", "content": "Where is the final deliberation held?"},
        {"role": "assistant", "content": "Each jury holds its final deliberation at the Lighthouse Villa [1]."},
    ]
    rewritten = standalone_question("How do I get there?", history)
    assert rewritten.startswith("How do I get there?")
    assert "deliberation" in rewritten and "Lighthouse Villa" in rewritten
