"""The side of an event a question asks about ("AFTER the winners are announced, can I …?"), and the rule that
speaks of it rather than of the other side."""

from __future__ import annotations

from pathlib import Path

from support.library import library_of

from assistant.answers.timeframe import same_side, side


def test_the_side_of_an_event_is_read_from_the_words_of_time() -> None:
    assert side("After the winners are announced, can I publish how I voted?") == "after"
    assert side("Can I still change my scores once the final deliberation has begun?") == "after"
    assert side("Can I tell my partner who won before the ceremony?") == "before"
    # both sides, or neither: nothing to tell rules apart by
    assert side("No juror shall disclose the vote, whether before or after the announcement.") == ""
    assert side("Jurors must not post about the films until the prizes are announced.") == ""
    # "once" as a count, "the following" as a list and "look after" as care say nothing of time
    assert side("Each juror may vote only once per prize.") == ""
    assert side("The following persons may not be appointed as jurors: employees of the Festival.") == ""
    assert side("Following the ceremony, jurors may speak about the winning films.") == "after"
    assert side("Who will look after my son's group?") == ""
    asked = side("Once the festival is over, may I say how the jury voted?")
    assert same_side(asked, "After the awards, jurors may speak about the winning films.") == 1.0
    assert same_side(asked, "Before the announcement, jurors may not reveal any result.") == -1.0
    unsaid = side("May I say how the jury voted?")
    assert same_side(unsaid, "Before the announcement, jurors may not reveal it.") == 0.0


def test_a_question_about_after_the_event_is_answered_by_the_rule_for_after(tmp_path: Path, embeddings) -> None:
    """Check sets C, N and the sample: "After the winners are announced, can I publish how I voted?" quoted "Before
    that announcement, members may not reveal … their own ballot choices", which holds every word asked about and
    nothing of the time asked about; the rule for after the announcement stood beside it."""
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "ridgeway-critics-code.md": (
                "Ridgeway Film Critics Circle – Code of conduct for voting members\n\n"
                "Confidentiality of ballots\n"
                "Before the announcement of the awards, members may not reveal the results or their own ballot "
                "choices to anyone. "
                "After the announcement, members may share their own ballot, but never another member's. "
                "Individual ballots are never published by the Circle.\n\n"
                "Scores\n"
                "A member may change their own scores at any time before the final vote by writing to the office. "
                "Scores are not amended during or after the final vote, because from that point the ballot decides.\n"
            ),
        },
    )
    after = assistant.ask("After the Ridgeway winners are announced, can I publish how I voted?", log=False)
    assert not after.abstained and "may share their own ballot" in after.answer, after.answer
    once = assistant.ask("Can I still change my scores once the final vote has begun?", log=False)
    assert "not amended during or after the final vote" in once.answer, once.answer


def test_a_tie_that_outlasts_the_first_way_of_breaking_it_is_asked_of_the_later_step() -> None:
    """ "And if it's still level after that?", "tied twice": the rule for a tie that remains ("If the second vote is
    also tied, …"), not the first tie's, which holds every word asked about (written check sets BQ, BR and BS at first
    sight, four festivals)."""
    for question in (
        "and if it's still level after that?",
        "What happens at KBWF if the jury vote is tied twice?",
        "If two films end up level twice on judging day, what breaks the tie?",
    ):
        assert side(question) == "after", question
    assert same_side("after", "If the second vote is also tied, the series with the higher total score wins.") == 1
    assert same_side("after", "If the second ballot is still tied, the jury President has a casting vote.") == 1
    assert same_side("after", "If two films receive the same number of votes, a second ballot is held.") == 0


def test_a_follow_up_on_a_tie_that_remains_quotes_the_rule_for_it(tmp_path: Path, embeddings) -> None:
    """The follow-up was answered with the first ballot's rule its question had just been told (BS, first sight)."""
    handbook = Path(__file__).resolve().parents[2] / "checksets" / "BS" / "BS_vellmoor_jury_handbook.md"
    assistant = library_of(tmp_path, embeddings, {handbook.name: handbook.read_text(encoding="utf-8")})
    history = [
        {
            "role": "user",
            "content": "At Vellmoor Nocturne, what happens if two films end up with the same number of votes?",
        },
        {"role": "assistant", "content": "A second ballot is held between those two films only."},
    ]
    answer = assistant.ask("and if it's still level after that?", history=history, log=False)
    assert not answer.abstained, answer.notes
    assert "casting vote" in answer.answer, answer.answer
