"""Juror Q&A on the sample library with the real model: cited answers, abstention, follow-ups, amendments."""

from __future__ import annotations

import re

import pytest
from support.library import library_of

from assistant.answers.citations import MARKER
from assistant.answers.festival_names import short_title
from assistant.schema import Answer


def cited_sources(answer: Answer) -> list[str]:
    return [c.source for c in answer.citations]


def assert_grounded(answer: Answer) -> None:
    """Every [n] resolves to a citation, every citation is used, and every quote is verbatim passage text."""
    markers = {int(n) for n in MARKER.findall(answer.answer)}
    assert markers, f"no [n] in {answer.answer!r}"
    assert markers == {c.n for c in answer.citations}
    retrieved = {p.chunk.id for p in answer.contexts}
    for c in answer.citations:
        assert c.chunk_id in retrieved, "a citation points outside the retrieved passages"
        for part in c.quote.split(" … "):
            assert part in c.passage_text, f"quote {part!r} is not verbatim passage text"
        assert len(c.quote) < len(c.passage_text) or len(c.passage_text) < 200, (
            "quote should be the supporting words, not the chunk"
        )


@pytest.mark.parametrize(
    ("question", "source", "must_contain"),
    [
        # The composition rule, or the amended quorum rule that states the jury's size in the same words.
        ("How many members sit on the documentary jury?", ("jury-regulations.md", "amendment-01.md"), "five"),
        (
            "How early should I arrive before a screening?",
            ("screening-attendance.pdf", "code-of-conduct.pdf"),
            "15 minutes",
        ),
        ("How much is the per diem?", None, "60"),
        (
            "Can I give an interview about a competition film during the festival?",
            ("code-of-conduct.pdf", "deliberation-timeline.html"),
            "interview",
        ),
        ("May two films share the Golden Lantern?", None, "ex aequo"),
    ],
)
def test_direct_and_paraphrased_questions_get_cited_answers(
    assistant, question: str, source: str | tuple[str, ...] | None, must_contain: str
) -> None:
    answer = assistant.ask(question, log=False)
    assert not answer.abstained, answer.notes
    assert_grounded(answer)
    assert must_contain.lower() in answer.answer.lower()
    if source:
        assert cited_sources(answer)[0] in ((source,) if isinstance(source, str) else source)


def test_pdf_citation_carries_page_and_section(assistant) -> None:
    answer = assistant.ask("Is it forbidden to reveal how other jurors voted?", log=False)
    first = answer.citations[0]
    assert first.source == "code-of-conduct.pdf"
    assert first.page and first.page >= 1
    assert first.section.startswith("Article 2")


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of Peru?",
        "What is the wifi password in the jury lounge?",
        "Is there a vegan menu at the closing party?",
    ],
)
def test_questions_the_library_does_not_cover_are_declined_with_related_passages(assistant, question: str) -> None:
    answer = assistant.ask(question, log=False)
    assert answer.abstained
    assert answer.citations == []
    assert "does not answer" in answer.answer
    assert len(answer.related) >= 1


def test_unanswered_questions_are_logged_for_organisers(library_copy, embeddings) -> None:
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    assistant = Assistant.from_settings(Settings(data_dir=library_copy), embeddings=embeddings)
    assistant.ask("What is the capital of Peru?")
    logged = assistant.logbook.unanswered()
    assert logged and logged[0]["question"] == "What is the capital of Peru?"
    assert logged[0]["closest"], "the organiser sees what came closest"
    assistant.ask("¿Cuál es la capital del Perú?")  # not searched, but the organisers see that it was asked
    assert assistant.logbook.unanswered()[0]["question"] == "¿Cuál es la capital del Perú?"


def test_the_amendment_wins_over_the_rule_it_replaces(assistant) -> None:
    answer = assistant.ask("What is the maximum value of a gift I can accept?", log=False)
    assert_grounded(answer)
    assert "25" in answer.answer and "50" not in answer.answer
    assert cited_sources(answer)[0] == "amendment-01.md"
    assert any("in force" in note.lower() for note in answer.notes), "the answer says which version was used"
    superseded = [p for p in answer.contexts if p.superseded_by]
    assert all(p.chunk.source != "amendment-01.md" for p in superseded)


def test_tie_break_answer_uses_the_amended_procedure(assistant) -> None:
    answer = assistant.ask("What happens when two films get the same number of votes?", log=False)
    assert_grounded(answer)
    assert "new secret ballot" in answer.answer
    assert cited_sources(answer)[0] == "amendment-01.md"


def test_follow_up_keeps_the_topic_of_the_conversation(assistant) -> None:
    first = assistant.ask("How many members are on the documentary jury?", log=False)
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.answer}]
    second = assistant.ask("and the short film jury?", history=history, log=False)
    assert not second.abstained
    assert "short" in second.standalone_question.lower() and "member" in second.standalone_question.lower()
    assert "three" in second.answer.lower()
    history += [{"role": "user", "content": second.question}, {"role": "assistant", "content": second.answer}]
    third = assistant.ask("what about the feature jury?", history=history, log=False)
    assert "seven" in third.answer.lower()


def test_a_follow_up_that_points_back_with_there_asks_about_the_place(assistant) -> None:
    """ "How do I get there?" after the deliberation's place is "How do I get to the Lighthouse Villa?"; with the
    earlier question's words appended it was answered with the glossary's definition of the deliberation."""
    history = [
        {"role": "user", "content": "Where is the final deliberation held?"},
        {"role": "assistant", "content": "Each jury holds its final deliberation at the Lighthouse Villa [1]."},
    ]
    answer = assistant.ask("How do I get there?", history=history, log=False)
    assert_grounded(answer)
    assert "Jury transport leaves" in answer.answer
    assert cited_sources(answer)[0] == "logistics-faq.md"


def test_a_follow_up_that_asks_whole_is_not_pulled_back_to_the_earlier_topic(assistant) -> None:
    history = [
        {"role": "user", "content": "What if I'm ill and miss a competition screening?"},
        {"role": "assistant", "content": "A juror who misses a competition screening must catch up on the film [1]."},
    ]
    answer = assistant.ask("And where would I catch up on the film I missed?", history=history, log=False)
    assert "Catch-up screenings take place" in answer.answer
    assert cited_sources(answer)[0] == "screening-attendance.pdf"


def test_a_polite_opener_with_tell_asks_no_disclosure(assistant) -> None:
    """ "Please TELL me: …" is an opener: it must not pull the rules on confidentiality into the search (the answer
    was the short film jury's composition instead of its quorum)."""
    question = "Please tell me: how many of the three short film jurors have to be in the room for a valid vote?"
    assert assistant.prepare(question, question).boost == ()
    assert assistant.prepare("Can I tell a journalist how we voted?", "Can I tell a journalist how we voted?").boost
    answer = assistant.ask(question, log=False)
    assert "requires all three of its members to be present" in answer.answer


def test_how_many_of_them_asks_for_a_count_not_for_the_word_them(assistant) -> None:
    """ "How many of them ...?" is met by any count ("four of its five members"); read as a count of "them", no rule
    held one and the question was declined."""
    first = assistant.ask("How many members sit on the documentary jury?", log=False)
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.answer}]
    answer = assistant.ask("And how many of them must attend for a valid vote?", history=history, log=False)
    assert not answer.abstained, answer.answer
    assert "four of its five members" in answer.answer


def test_a_request_to_pick_a_winner_is_declined_and_points_to_the_criteria(assistant) -> None:
    answer = assistant.ask("Which film should win the Golden Lantern?", log=False)
    assert answer.declined and not answer.abstained
    assert answer.answer.startswith("I can't tell you which film should win")
    assert any(c.source == "judging-criteria.docx" for c in answer.citations)


def test_disclosure_questions_get_the_confidentiality_rule_first(assistant) -> None:
    answer = assistant.ask("Can I tell a journalist how we voted?", log=False)
    assert not answer.abstained
    assert_grounded(answer)
    assert re.search(r"confidential|reveal|disclos", answer.answer, re.I)


def test_json_contract_of_an_answer(assistant) -> None:
    data = assistant.ask("When is the final deliberation?", log=False).to_dict()
    assert set(data) >= {"answer", "abstained", "citations", "contexts", "latency_ms"}
    assert len(data["contexts"]) >= 5
    for c in data["citations"]:
        assert set(c) == {"n", "source", "title", "section", "page", "quote"}
    for ctx in data["contexts"]:
        assert set(ctx) >= {"source", "section", "page", "text", "score"}
    scores = [ctx["score"] for ctx in data["contexts"]]
    assert scores == sorted(scores, reverse=True) or data["contexts"][0]["source"] == "amendment-01.md"


def test_streaming_yields_the_same_text_as_the_answer(assistant) -> None:
    stream = assistant.stream("How much is the per diem?")
    text = "".join(stream)
    assert stream.answer is not None
    assert text == stream.answer.answer


def test_empty_question_and_empty_library_get_a_plain_message(fresh_dir, embeddings) -> None:
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    assistant = Assistant.from_settings(Settings(data_dir=fresh_dir), embeddings=embeddings)
    assert "empty" in assistant.ask("What is the gift limit?").answer
    assert assistant.ask("   ").abstained


@pytest.mark.parametrize("question", ["", "   ", "???", "🙂🙂", "…?!"])
def test_a_question_with_no_words_is_asked_for_again_not_searched(assistant, question: str) -> None:
    answer = assistant.ask(question, log=False)
    assert answer.abstained and answer.answer == "Please type a question about the festival's rules."
    assert not answer.citations and not answer.related


@pytest.mark.parametrize("question", ["¿Puede el jurado dividir el premio?", "Kann die Jury den Preis teilen?"])
def test_a_question_in_a_language_the_library_does_not_hold_is_asked_again_in_english(assistant, question) -> None:
    """Not "the library does not answer this" over passages that came closest by chance: the juror is told the
    question could not be read, and how to ask it."""
    answer = assistant.ask(question, log=False)
    assert answer.abstained and "ask again in English" in answer.answer, answer.answer
    assert not answer.citations and not answer.related
    english = assistant.ask("Can the jury split a prize between two films?", log=False)
    assert not english.abstained and english.citations


def test_a_pasted_wall_of_text_is_asked_to_be_shortened_not_searched(fresh_dir, embeddings, tmp_path) -> None:
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    assistant = Assistant.from_settings(Settings(data_dir=fresh_dir, max_question_chars=300), embeddings=embeddings)
    pasted = "Can the jury split a prize? " * 40  # 1,120 characters, forty questions
    answer = assistant.ask(pasted, log=False)
    assert answer.abstained and "1,119 characters" in answer.answer and "at most 300" in answer.answer
    assert not answer.citations and not answer.related


def test_a_question_in_the_language_of_a_loaded_document_is_read(fresh_dir, embeddings, tmp_path) -> None:
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    rules = tmp_path / "regolamento-concorso-2025.md"
    rules.write_text(
        "# Regolamento del concorso 2025\n\n## Articolo 4 — Giuria\n\n"
        "La giuria internazionale è composta da cinque membri. La giuria non può assegnare premi ex aequo.\n",
        encoding="utf-8",
    )
    assistant = Assistant.from_settings(Settings(data_dir=fresh_dir), embeddings=embeddings)
    assert assistant.library.ingest([rules]).ok
    answer = assistant.ask("La giuria può assegnare premi ex aequo?", log=False)
    assert "ask again in English" not in answer.answer, answer.answer


def test_a_newer_edition_of_a_document_wins_over_the_older_one(fresh_dir, embeddings, tmp_path) -> None:
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    old = tmp_path / "press-rules-2026.md"
    new = tmp_path / "press-rules-2027.md"
    body = '---\ntitle: Press Rules {year}\nkind: press-rules\nedition: "{year}"\neffective_date: {year}-01-01\n---\n# Press Rules {year}\n\n## Article 1 — Interviews\n\n**1.1 Interview window.** Jurors may give interviews about competition films only after {when}.\n'
    old.write_text(body.format(year=2026, when="the closing night party"), encoding="utf-8")
    new.write_text(body.format(year=2027, when="the awards ceremony has ended"), encoding="utf-8")
    assistant = Assistant.from_settings(Settings(data_dir=fresh_dir), embeddings=embeddings)
    assert assistant.library.ingest([old, new]).ok
    answer = assistant.ask("When may jurors give interviews about competition films?", log=False)
    assert answer.citations[0].source == "press-rules-2027.md"
    assert "awards ceremony" in answer.answer and "closing night" not in answer.answer
    older = [p for p in answer.contexts if p.chunk.source == "press-rules-2026.md"]
    assert older and "older edition" in older[0].note


EDITION_RULES = """# Port Cullen Short Film Festival {year} Regulations

The {nth} Port Cullen Short Film Festival (PCSFF) takes place in October {year}.

## 7. The jury

7.1 The Festival appoints an international jury of {size} members, one of whom is appointed President.

7.2 Each member of the jury receives a fee of {fee}, together with return travel and accommodation.

## 8. Voting

8.1 Decisions are taken by a simple majority.

8.2 {tie}
"""


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory: pytest.TempPathFactory, embeddings):
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    folder = tmp_path_factory.mktemp("editions")
    for year, nth, size, fee, tie in (
        (2025, "14th", "five", "£400", "In the event of a tie, the President of the Jury has the casting vote."),
        (2026, "15th", "seven", "£650", "If a vote is tied, the jury holds a second ballot between the tied films."),
    ):
        (folder / f"pcsff_regulations_{year}.md").write_text(
            EDITION_RULES.format(year=year, nth=nth, size=size, fee=fee, tie=tie), encoding="utf-8"
        )
    (folder / "kerbside_jury_guide.md").write_text(
        "# Kerbside Film Festival: a guide for the jury\n\n## Choosing the winners\n\nThe jury has 4 members. If the "
        "jury is split evenly, the Chair decides. Each jury member gets £300 for their time.\n",
        encoding="utf-8",
    )
    assistant = Assistant.from_settings(Settings(data_dir=folder / "data"), embeddings=embeddings)
    assert assistant.library.ingest(sorted(folder.glob("*.md"))).ok
    return assistant


def test_a_question_that_names_the_older_edition_is_answered_from_it(two_editions) -> None:
    # "the 2025 jury" asks for the 2025 rules; they used to be set aside as superseded, and the question declined
    answer = two_editions.ask("How many people are on the Port Cullen jury in 2025?", log=False)
    assert not answer.abstained, answer.answer
    assert "five members" in answer.answer and answer.citations[0].source == "pcsff_regulations_2025.md"
    newest = two_editions.ask("How many people are on the Port Cullen jury?", log=False)
    assert "seven members" in newest.answer, newest.answer  # the newest edition still wins when none is named


def test_a_follow_up_that_names_another_year_asks_that_editions_rules(two_editions) -> None:
    history = [
        {"role": "user", "content": "Who breaks a tie on the Port Cullen jury in 2025?"},
        {"role": "assistant", "content": "In the event of a tie, the President of the Jury has the casting vote."},
    ]
    answer = two_editions.ask("Is it the same in 2026?", history=history, log=False)
    assert not answer.abstained, answer.answer
    assert "second ballot" in answer.answer and answer.citations[0].source == "pcsff_regulations_2026.md"
    fee = [
        {"role": "user", "content": "What's the jury fee at PCSFF in 2026?"},
        {"role": "assistant", "content": "Each member of the jury receives a fee of £650."},
    ]
    before = two_editions.ask("And what did they get the year before?", history=fee, log=False)
    assert all(c.source == "pcsff_regulations_2025.md" for c in before.citations), before.answer


def test_a_rule_on_sharing_a_prize_answers_whether_two_films_may_share_it(fresh_dir, embeddings, tmp_path) -> None:
    """ "Could we give the Grand Lantern to both of them jointly?": the rule naming the Grand Lantern ("must be awarded")
    scored far above "No award may be given ex aequo.", too far for a second quote to join, and the answer, holding no
    rule on sharing, was declined (written check sets AI, AV and AW asked the same)."""
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    rules = tmp_path / "grimlantern_rules.md"
    rules.write_text(
        "# Grimlantern Online Horror Shorts Festival: Official Rules 2025\n\n## Article 8 – Final deliberation and "
        "awards\n\n8.2 The Jury awards the following prizes:\n\n- the Grand Lantern for the best Film, with a cash prize "
        "of EUR 1,500;\n- the Award for Best Direction;\n- the Award for Best Practical Effects.\n\n8.4 No award may be "
        "given ex aequo. The Jury may, however, give one special mention, which carries no prize.\n\n8.5 The Grand "
        "Lantern must be awarded. The Jury may decide not to give any of the other awards if it considers that no Film "
        "on the Shortlist deserves them.\n\n## Article 7 – Conflicts of interest\n\n7.1 A juror who has a family, "
        "financial or close professional relationship with any person credited on a Film in competition must tell the "
        "Festival Director before the first screening.\n",
        encoding="utf-8",
    )
    assistant = Assistant.from_settings(Settings(data_dir=fresh_dir), embeddings=embeddings)
    assert assistant.library.ingest([rules]).ok
    answer = assistant.ask(
        "We love two films equally. Could we give the Grand Lantern to both of them jointly?", log=False
    )
    assert not answer.abstained, answer.answer
    assert "No award may be given ex aequo" in answer.answer


PITCH_RULES = """# Tarnwick Documentary Pitch Forum 2025

Rules of the Pitch Jury. These Rules are issued by the Tarnwick Documentary Foundation (the "Foundation") for the
fifth edition of the Tarnwick Documentary Pitch Forum (the "Forum").

## 2. Eligibility

2.1 A Project is eligible if it is a creative documentary with a planned running time of at least 70 minutes.

2.2 Each Applicant may submit one Project only.

## 4. The Pitch Jury

4.1 The Pitch Jury consists of three members appointed by the Foundation: a commissioning editor of a broadcaster or
platform, an independent producer and a documentary director.

4.2 A Pitch Jury member who has a Conflict of Interest in respect of a Project shall disclose it in writing to the
Forum Manager before the Pitch Session. That member shall not score, discuss or vote on the Project concerned.

4.3 The Pitch Jury elects a Chair from among its members at its first meeting.

4.4 The Foundation appoints one Reserve Member, who takes the place of a Pitch Jury member excluded under Clause 4.2.

4.5 Each Pitch Jury member receives a fee of EUR 750. The Foundation also reimburses travel costs.

## 5. The Pitch Session

5.1 Each Project team has seven minutes to present its Project, followed by eight minutes of questions.

5.2 The deliberations of the Pitch Jury are held in private.

5.3 Pitch Jury members must be present for all pitches. Subject to Clause 4.4, a Pitch Jury member who has not
attended a pitch may not score the Project concerned.

## 8. Confidentiality

8.1 All Project materials are confidential.

8.2 The individual scores of Pitch Jury members are not disclosed to Applicants or to the public.
"""


def test_a_two_part_question_on_the_jurys_size_and_chair_gets_both_rules(fresh_dir, embeddings, tmp_path) -> None:
    """Judged part by part, "How many people sit on the pitch jury" alone ranked the rules on the members'
    presence and the chair's election above the one on the jury's size, which the whole question had found: the
    question was declined though its answer held both rules (written check sets AL, AW, BA)."""
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    rules = tmp_path / "tarnwick-pitch-forum-rules-2025.md"
    rules.write_text(PITCH_RULES, encoding="utf-8")
    assistant = Assistant.from_settings(Settings(data_dir=fresh_dir), embeddings=embeddings)
    assert assistant.library.ingest([rules]).ok
    answer = assistant.ask("How many people sit on the pitch jury at the Tarnwick forum, and who chairs it?", log=False)
    assert not answer.abstained, answer.notes
    assert "consists of three members" in answer.answer and "elects a Chair" in answer.answer
    assert not any("does not answer" in note or "do not answer" in note for note in answer.notes), answer.notes


# ---------------------------------------------------------------- real-shaped regulations of several festivals

HARBOUR = "harbour-lights-regulations-2024.md"
DUNES = "northern-dunes-festival-rules-2023.txt"
CRITICS = "critics-circle-code-of-conduct.md"


@pytest.mark.parametrize(
    ("question", "source", "rule"),
    [
        (
            "I have money in one of the Harbour Lights competition films; can I still be on the jury?",
            HARBOUR,
            "A person who has a financial stake in a film selected for the Main Competition may not sit on its jury",
        ),
        (
            "My cousin produced a film in the Northern Dunes competition. Can I stay on the jury?",
            DUNES,
            "whose relative produced one, must withdraw from the jury",
        ),
        (
            "As a Meridian Critics Circle juror, do I have to tell anyone that I know a director in competition?",
            CRITICS,
            "Jury members shall declare any personal or business relationship with the makers",
        ),
    ],
)
def test_a_conflict_of_interest_question_gets_the_named_festivals_own_rule(
    real_shaped_assistant, question: str, source: str, rule: str
) -> None:
    answer = real_shaped_assistant.ask(question, log=False)
    assert_grounded(answer)
    assert cited_sources(answer) == [source], answer.answer  # no other festival's or body's rule beside it
    assert rule in answer.citations[0].quote
    assert len(answer.answer.split()) < 60, "the one rule, not a run of another body's numbered code"
    # "From: ...": the answer names the document it comes from (its title without a trailing remark in brackets)
    assert answer.scope == [short_title(answer.citations[0].title)]
    assert "Harbour Lights" in answer.scope[0] or source != HARBOUR


@pytest.mark.parametrize(
    ("question", "source", "number"),
    [
        ("What's the shortest running time allowed in the Harbour Lights Main Competition?", HARBOUR, "70"),
        ("How long can a film be in the Northern Dunes competition?", DUNES, "25"),
    ],
)
def test_the_rule_comes_from_the_festival_the_question_names(
    real_shaped_assistant, question: str, source: str, number: str
) -> None:
    answer = real_shaped_assistant.ask(question, log=False)
    assert_grounded(answer)
    assert set(cited_sources(answer)) == {source}
    assert f"{number} minutes" in answer.answer


def test_a_festival_the_library_does_not_hold_gets_the_abstention_naming_what_it_holds(real_shaped_assistant) -> None:
    answer = real_shaped_assistant.ask("How many members sit on the Goya Awards jury?", log=False)
    assert answer.abstained and answer.citations == []
    for name in ("the Goya Awards", "Harbour Lights Film Festival", "Northern Dunes", "Meridian Critics Circle"):
        assert name in answer.answer
    assert answer.related, "the closest passages are still shown"
    edition = real_shaped_assistant.ask("Who sat on the Harbour Lights jury last year?", log=False)
    assert edition.abstained and "2024" in edition.answer and "2023" in edition.answer


@pytest.mark.parametrize(
    "question",
    [
        "What does the Harbour Lights Film Festival 2024 say about the running time?",
        "Who organises the 9th Harbour Lights Film Festival?",
        "What are the Northern Dunes rules of the 2023 edition about prizes?",
        "What does the Meridian Critics Circle code say about reviews?",
    ],
)
def test_no_answer_quotes_front_matter(real_shaped_assistant, question: str) -> None:
    from assistant.quality.metrics import is_front_matter

    answer = real_shaped_assistant.ask(question, log=False)
    assert not answer.abstained, answer.answer
    for c in answer.citations:
        assert not is_front_matter(c.quote, c.title), c.quote
        assert not re.search(r"https?://|Source:|Title:|\d{4}-\d{2}-\d{2}|Home >|FOLLOW US", c.quote), c.quote


def test_lists_are_quoted_item_by_item_with_their_lead_in(real_shaped_assistant) -> None:
    awards = real_shaped_assistant.ask("Which awards does the Harbour Lights Main Competition hand out?", log=False)
    assert_grounded(awards)
    assert awards.answer.startswith("Awards presented: Golden Beacon for the Best Film")
    assert "Best Screenplay" in awards.answer and "no more than two awards" not in awards.answer
    subtitles = real_shaped_assistant.ask("Do Harbour Lights competition films need English subtitles?", log=False)
    assert_grounded(subtitles)
    quote = subtitles.citations[0].quote
    assert "(3)Must be submitted with English subtitles." in quote
    assert "(1)Must be feature films" not in quote, "the item, not the whole run of conditions"


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("How many people sit on the Harbour Lights jury?", "five members"),
        ("When are the Northern Dunes winners announced?", "14 October 2023"),
        ("Can the Northern Dunes jury split a prize between two films?", "may not be shared"),
    ],
)
def test_the_quote_holds_what_the_question_asks_for(real_shaped_assistant, question: str, fact: str) -> None:
    answer = real_shaped_assistant.ask(question, log=False)
    assert_grounded(answer)
    assert fact in answer.citations[0].quote


def test_a_factual_question_about_voting_is_answered_not_declined(real_shaped_assistant) -> None:
    """ "Choose the winners" asks a fact here, not for the assistant's pick (the library's own words: a question
    with none of them, "How many voters ...", may be declined as one the rules do not answer)."""
    answer = real_shaped_assistant.ask("How many jury members choose the winners at Harbour Lights?", log=False)
    assert not answer.declined and not answer.abstained
    assert "five members" in answer.answer
    assert "can't tell you which film should win" not in answer.answer
    assert set(cited_sources(answer)) == {HARBOUR}


def test_a_follow_up_keeps_the_festival_its_conversation_named(real_shaped_assistant) -> None:
    history = [
        {"role": "user", "content": "At Northern Dunes, who sits on the jury?"},
        {"role": "assistant", "content": "The competition jury is made up of three members [1]."},
    ]
    answer = real_shaped_assistant.ask("And can they share a prize between two films?", history=history, log=False)
    assert_grounded(answer)
    assert cited_sources(answer) == [DUNES]
    assert "may not be shared" in answer.answer


def test_a_new_question_that_names_a_body_of_its_own_is_not_kept_to_the_festival_asked_about_before(
    real_shaped_assistant,
) -> None:
    """Asked after a question about Harbour Lights, "the critics' jury" names another body, even though the library
    knows the critics only as the "Meridian Critics Circle": the question is searched across the library rather than
    declined for Harbour Lights (which, asked after another question, lost 16 of 720 answers)."""
    first = real_shaped_assistant.ask("How many members sit on the Harbour Lights jury?", log=False)
    assert cited_sources(first) == [HARBOUR]
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.answer}]
    answer = real_shaped_assistant.ask(
        "May the critics' jury publish reviews before the awards?", history=history, log=False
    )
    assert_grounded(answer)
    assert cited_sources(answer) == [CRITICS]
    assert "shall not publish reviews" in answer.answer


def test_a_follow_up_searches_without_the_festival_name_it_borrowed(real_shaped_assistant) -> None:
    """A follow-up borrows the festival its conversation named ("… ? Northern Dunes") to keep its scope; within that
    festival's documents the name tells no rule apart, so it is not searched, as it is not for a question that names
    the festival itself (searched, it pulled the passage that introduces the festival)."""
    history = [
        {"role": "user", "content": "At Northern Dunes, who sits on the jury?"},
        {"role": "assistant", "content": "The competition jury is made up of three members [1]."},
    ]
    question = "And what happens if two films get the same score?"
    standalone = real_shaped_assistant.standalone(question, history)
    assert "northern dunes" in standalone.lower()
    prepared = real_shaped_assistant.prepare(question, standalone, history=history)
    assert prepared.scope.sources == [DUNES]
    assert "dunes" not in prepared.topic.lower() and "same score" in prepared.topic


def test_a_question_declined_on_rules_not_in_english_says_they_may_have_been_missed(tmp_path, embeddings) -> None:
    """A regulation in Italian is loaded and searched, but the assistant reads English: declining there, it says the
    rule may have been missed rather than only that the rules are silent."""
    from support.bad_inputs import FOREIGN_RULES

    from assistant.answers.assistant import Assistant
    from assistant.config import Settings
    from assistant.library.library import Library

    name = "riverbend-regolamento.md"
    (tmp_path / name).write_text(FOREIGN_RULES[name][0], encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data")
    assert Library(settings, embeddings).ingest([tmp_path / name]).ok
    answer = Assistant.from_settings(settings, embeddings=embeddings).ask(
        "How many members sit on the jury?", log=False
    )
    assert answer.abstained
    assert f"{name} is written in Italian: the assistant reads English, so it may have missed a rule there." in (
        answer.notes
    )


def test_a_part_of_a_question_is_judged_on_the_named_festivals_words(fresh_dir, embeddings, tmp_path) -> None:
    """ "At the Northern Dunes festival, who chairs the jury, and is there free parking?" answered its parking part
    with Dunes' train travel: parts were judged on the whole library's words, where another festival's rules speak
    of parking, while the whole question is judged on the named festival's (written check set CH)."""
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    harbour, dunes = tmp_path / "harbour-rules.md", tmp_path / "dunes-rules.md"
    harbour.write_text(
        "# Harbour Lights Film Festival Jury Rules 2026\n\n## 1. The jury\n\n1.1 The jury has five members.\n\n"
        "## 2. Practical matters\n\n2.1 Jurors may park free of charge in the festival car park; parking permits are"
        " handed out at the hotel.\n\n2.2 Jurors receive a per diem of 40 euros.\n",
        encoding="utf-8",
    )
    dunes.write_text(
        "# Northern Dunes Short Film Festival Jury Rules 2026\n\n## 1. The jury\n\n1.1 The jury has three members,"
        " who elect their president at their first meeting.\n\n## 2. Practical matters\n\n2.1 Jurors receive a daily"
        " allowance of 30 euros and a festival pass.\n\n2.2 The festival pays jurors' train travel in second class.\n",
        encoding="utf-8",
    )
    assistant = Assistant.from_settings(Settings(data_dir=fresh_dir), embeddings=embeddings)
    assert assistant.library.ingest([harbour, dunes]).ok
    answer = assistant.ask(
        "At the Northern Dunes festival, who chairs the jury, and is there free parking for jurors?", log=False
    )
    assert "elect their president" in answer.answer
    assert "train travel" not in answer.answer
    assert any("is there free parking for jurors" in note for note in answer.notes), answer.notes


def test_a_quote_that_goes_on_and_still_lacks_what_is_asked_is_joined_by_one_that_holds_it(assistant) -> None:
    """ "And for the short film jury?" after "How many members of the feature jury must be present for a vote?" was
    declined: the jury's size and the sentence going on from it ("It awards the prize …") were quoted, and a
    sentence that goes on from the best quote stopped the search for one holding the quorum, scored a hair below."""
    history = [{"role": "user", "content": "How many members of the feature jury must be present for a vote?"}]
    answer = assistant.ask("and for the short film jury?", history=history, log=False)
    assert not answer.abstained, answer.notes
    assert "requires all three of its members to be present" in answer.answer


COMPANION_RULES = """# Brevana Film Festival: Regulations 2025

## Art. 13 Deliberations

§ 1. The Feature Jury deliberates validly when at least four of its members are present. § 2. Awards are decided by
an absolute majority of the members present.

## Art. 14 Honoraria, travel and accommodation

§ 1. Members of the Feature Jury receive a gross honorarium of €2,500. § 2. The Institute bears the cost of one return
journey to Brevana, in economy class by air or in first class by rail, and of accommodation for up to ten nights.
§ 3. The travel and accommodation costs of accompanying persons are not borne by the Institute. § 4. Daily allowances
are governed by the Rules of Procedure of the Jury.
"""
PROCEDURE = """# Brevana Film Festival: Rules of Procedure of the Jury

## 9. Allowances and lodging

9.1 Each member receives a daily allowance of €70 for each day of presence in Brevana.

9.2 Local taxi journeys connected with jury duties are reimbursed up to €40 per day on presentation of receipts.

9.3 Members are accommodated at the Hotel Corvina, Lungofiume 22, Brevana. Minibar, laundry and telephone charges
are at the member's own expense.
"""


def test_a_juror_bringing_a_partner_is_answered_with_the_rule_on_accompanying_persons(embeddings, tmp_path) -> None:
    """ "my partner wants to come with me to the festival in brevana - will they pay for her train and hotel too?" was
    declined: the jurors' own hotel and travel outranked the rule on "accompanying persons", which retrieval never
    reached (written check set CI, first sight; AJ, AU, BN and BW asked the same)."""
    documents = {"brevana_regulations_2025.md": COMPANION_RULES, "brevana_jury_procedure_2025.md": PROCEDURE}
    assistant = library_of(tmp_path, embeddings, documents)
    answer = assistant.ask(
        "my partner wants to come with me to the festival in brevana - will they pay for her train and hotel too?",
        log=False,
    )
    assert not answer.abstained, answer.answer
    assert "accompanying persons are not borne by the Institute" in answer.answer, answer.answer
