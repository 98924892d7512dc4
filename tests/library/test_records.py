from __future__ import annotations

from assistant.library.records import reported


def test_minutes_told_in_the_past_are_a_record_and_regulations_are_not() -> None:
    """A jury's minutes report what one jury once did; regulations, even with a history paragraph, rule."""
    minutes = [
        "The President opened the session at 10:05 and welcomed the members of the jury.",
        "The Secretary confirmed that all five members had attended every competition screening.",
        "The jury discussed the eleven films in the International Feature Competition at length.",
        "After two rounds of voting, two films were tied with two votes each and one abstention.",
        "The President exercised her casting vote in favour of The Salt Ledger by Hanne Morrow.",
        "The jury asked Ms Hale to draft a short statement explaining its choice of the winner.",
        "The jury decided unanimously to give a special mention to the young actor of Low Tide.",
        "The Secretary read the draft minutes aloud and the members approved them without change.",
        "The President closed the session at 13:40 and thanked the Festival staff for their work.",
        "The signed award sheet was handed to the Festival Director at 14:00 on the same day.",
    ]
    regulations = [
        "The Festival was founded in 1987 by the city's film society and a group of teachers.",
        "The International Jury consists of five members appointed by the Festival Director.",
        "Jurors must attend every competition screening at the times set out in the schedule.",
        "A juror who knows a filmmaker in competition must tell the jury coordinator at once.",
        "Decisions are taken by a majority of the votes cast, and the President has a casting vote.",
        "The jury may give one special mention, which carries no prize money of its own.",
        "Jurors shall not disclose the content of the deliberations, during or after the Festival.",
        "The Festival pays jurors' return travel in economy class and seven nights in a hotel.",
        "Films that were screened in Veldmoor before the Festival are not eligible for competition.",
        "The Festival Director decides any question that these regulations do not provide for.",
    ]
    told = [("minutes.docx", s) for s in minutes] + [("regulations.pdf", s) for s in regulations]
    assert reported(told) == {"minutes.docx"}
    assert reported([("note.txt", s) for s in minutes[:5]]) == set(), "a handful of sentences is never judged"
