"""Who a rule is for, on the real model and real libraries: the hand-labelled check, and each real festival alone.

The labels (tests/data/study_labels.jsonl) name items by document and position with a fingerprint of their words;
realworld items are read from ../shared/realworld at run time (skipped when absent), never copied.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.library import library_of

from assistant.answers.assistant import Assistant
from assistant.quality.study_labels import check_labels, load_labels
from assistant.study.addressee import grammar_evidence, plain, study_data, subject_of
from assistant.study.briefing import JUROR_GROUP
from assistant.study.modality import modality
from assistant.study.quiz.facts import names_something
from assistant.study.study import Study

LABELS = Path(__file__).resolve().parents[1] / "support" / "data" / "study_labels.jsonl"


@pytest.fixture(scope="module")
def labels():
    return load_labels(LABELS)


def test_modality_reads_must_must_not_and_may() -> None:
    assert modality("Jurors must attend every screening.") == "obligation"
    assert modality("Jurors may not give interviews before the ceremony.") == "prohibition"
    assert modality("No jury member can be involved in the production of a competing film.") == "prohibition"
    assert modality("The jury may award a special mention.") == "permission"
    assert modality("You do not need to queue with other guests.") == "statement"
    assert modality("The jury consists of five members.") == "statement"


def test_the_subject_is_read_after_an_opening_clause_and_names_are_cut_to_their_head() -> None:
    assert subject_of("If two films tie, the president has the casting vote.").strip() == "the president"
    assert plain("The European Film Awards are presented yearly.").split()[:2] == ["festival", "are"]
    assert "Director" in plain("The Festival Director appoints the jury.")
    assert "award" in plain("Asian New Talent: Best Director")


def test_grammar_alone_tells_the_three_addressees_apart() -> None:
    assert grammar_evidence("Members of the jury must not discuss the films with the press.").kind == "juror"
    assert grammar_evidence("The films must have been completed after 1 July of last year.").kind == "film"
    assert grammar_evidence("Applicants must pay the submission fee before the deadline.").kind == "entrant"


def test_the_label_file_is_large_enough_and_names_no_text(labels) -> None:
    assert len(labels) >= 80
    assert {lb.library for lb in labels} == {"sample", "realworld", "realworld-2"}
    assert {lb.addressee for lb in labels} == {"juror", "film", "entrant"}
    raw = LABELS.read_text(encoding="utf-8")
    assert all(re.fullmatch(r"[0-9a-f]{8}", lb.fingerprint) for lb in labels)
    assert len(raw.splitlines()) == len(labels) and "must" not in raw.lower(), "labels hold positions, not words"


def test_sample_library_labels_agree(assistant: Assistant, labels) -> None:
    check = check_labels(assistant.library, assistant.retriever, [lb for lb in labels if lb.library == "sample"])
    assert not check.moved, f"labelled items moved: {check.moved}"
    assert check.labelled >= 40
    assert check.agreement >= 0.85, check.to_dict()
    assert check.juror_share >= 0.9, check.to_dict()


def test_labelled_check_in_sample_on_every_library(
    assistant: Assistant, realworld_assistant: Assistant, realworld_2_assistant: Assistant, labels
) -> None:
    """The briefing's sorting against the hand labels of the three libraries, in sample (the weights were fitted on
    them; the held-out figures are the next test's). Floors under today's figures (docs/evaluation.md)."""
    checks = {}
    for name, a in (("sample", assistant), ("realworld", realworld_assistant), ("realworld-2", realworld_2_assistant)):
        checks[name] = check_labels(a.library, a.retriever, [lb for lb in labels if lb.library == name])
        assert not checks[name].moved, f"labelled sentences gone ({name} changed?): {checks[name].moved}"
    every = checks["sample"].add(checks["realworld"]).add(checks["realworld-2"])
    assert every.labelled >= 500
    assert every.agreement >= 0.83, every.to_dict()
    assert every.juror_share >= 0.88, every.to_dict()
    assert checks["realworld-2"].agreement >= 0.78, checks["realworld-2"].to_dict()
    assert checks["realworld-2"].juror_share >= 0.85, checks["realworld-2"].to_dict()
    assert every.theme_agreement >= 0.6, every.to_dict()  # no target in the issue; a floor under today's figure


def test_the_weights_record_their_held_out_figures() -> None:
    """scripts/fit_study.py fits the addressee weights with leave-one-festival-out and writes the held-out figures
    beside them: the headline the issue asks for (agreement and the juror section's share, held out by festival)."""
    data = study_data()
    fit = data["addressee_fit"]
    every = next(r for r in fit["held_out"] if r["library"] == "all")
    assert every["festivals"] >= 17 and every["labelled"] >= 500
    assert every["agreement"] >= 0.8 and every["juror_share"] >= 0.9, every
    assert set(data["addressee"]) >= {"subject", "meaning", "neighbours", "speaks_to", "bias_juror", "juror_margin"}


@pytest.mark.parametrize("library", ["realworld", "realworld-2"])
def test_each_real_festival_alone_leads_with_its_jurors_rules_and_blanks_no_name(
    library: str, request: pytest.FixtureRequest, labels
) -> None:
    """On each real festival alone: the juror section is non-empty where its labelled rules speak to jurors, and
    no quiz question blanks a proper name or an organisation (nor puts one in a distractor)."""
    study = Study.of(request.getfixturevalue(f"{library.replace('-', '_')}_assistant"))
    festivals = study.festivals()
    assert len(festivals) >= 7
    juror_docs = {lb.item.split("#")[0] for lb in labels if lb.library == library and lb.addressee == "juror"}
    for festival in festivals:
        briefing = study.briefing(festival)
        assert {i.citation.source for i in briefing.items()} <= set(festival.sources), "one festival's rules only"
        if juror_docs & set(festival.sources):
            assert briefing.juror_items(), f"{festival.name}: its rules speak to jurors, the juror section is empty"
            assert briefing.sections[0].theme.group == JUROR_GROUP
        proper = study.pools(festival).proper  # the festival's own names, as its documents write them
        for q in study.quiz(count=None, seed=7, festival=festival):
            if q.kind == "scenario" or q.fact_kind == "rule" or (q.kind == "true_false" and q.answer == "True"):
                continue  # nothing blanked: the rule as written, or turned around
            context = q.context or q.statement
            assert not names_something(q.key_fact, context, proper), (festival.name, q.prompt, q.key_fact)
            figure = q.fact_kind.split(":")[0] in ("money", "percent", "quantity", "date", "time")  # "two Mentions"
            assert (
                figure
                or not any(w[0].isupper() for w in re.findall(r"[A-Za-z][\w'’-]*", q.key_fact))
                or (q.fact_kind == "list" and not names_something(q.key_fact, q.key_fact, proper))
            ), (festival.name, q.key_fact)
            for choice in q.choices if q.kind == "choice" else []:
                assert not names_something(choice, choice, proper), (festival.name, q.prompt, q.choices)


def test_the_items_of_one_list_go_to_the_addressee_of_the_list(tmp_path: Path, embeddings) -> None:
    """A prize list announced by the jury: the item naming a school's programme is still a prize the jury awards,
    not a rule for the schools that enter (each item alone reads otherwise)."""

    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "northgate-student-festival-regulations-2025.md": (
                "Title: Regulations of the Northgate International Student Film Festival 2025\n\n"
                "Article 2. Jury\n"
                "The International Jury will consist of five filmmakers and teachers of film.\n"
                "Members of the jury must not judge a film made at a school where they teach.\n\n"
                "Article 3. Awards\n"
                "To encourage young filmmakers the International Jury will award the following prizes:\n"
                "- Prize for the best fiction film\n"
                "- Prize for the best documentary\n"
                "- Prize for the best animation\n"
                "- Prize for the best school film programme\n\n"
                "Article 4. Entries\n"
                "Each school may submit a programme of at most 40 minutes.\n"
                "Entries must be received by 15 September 2025.\n"
            )
        },
    )
    briefing = Study.of(assistant).briefing()
    juror = " | ".join(i.text for i in briefing.juror_items())
    for prize in ("best fiction film", "best documentary", "best animation", "best school film programme"):
        assert prize in juror, f"{prize!r} not among the jury's rules: {juror}"
    assert "Each school may submit" not in juror


def test_one_lead_in_that_names_the_jury_does_not_make_an_entrants_document_the_jurys(
    tmp_path: Path, embeddings
) -> None:
    """Competition regulations written for those who enter films, whose prize article opens with "... the Jury will
    award the following prizes:" over six prizes: the lead-in names the jury once, not six times, so the films'
    eligibility conditions stay the films' rules, not the jury's."""

    from assistant.study.addressee import AddresseeClassifier, RuleText
    from assistant.study.rules import rule_items

    prizes = "".join(
        f"- {name} (cash prize of {amount} US dollar)\n"
        for name, amount in (
            ("Grand Prix", "50,000"),
            ("Special Jury Prize", "20,000"),
            ("Award for Best Director", "5,000"),
            ("Award for Best Actress", "5,000"),
            ("Award for Best Actor", "5,000"),
            ("Award for Best Artistic Contribution", "5,000"),
        )
    )
    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "harbour-city-film-festival-competition-regulations-2024.md": (
                "Title: Regulations for the Competition - Harbour City International Film Festival 2024\n\n"
                "FOREWORD\n"
                "These regulations follow the regulations for international film festivals of the producers' federation.\n"
                "ARTICLE 1: Eligibility\n"
                "All films invited to the Competition must meet the following conditions:\n"
                "(1)Must be feature films completed after July 1st, 2023.\n"
                "(2)Must not have been screened in the main competition of another accredited festival.\n"
                "(3)Films running under 60 minutes will not be accepted.\n"
                "(4)Documentary films are not eligible.\n"
                "ARTICLE 2: Prizes\n"
                "The festival will award the following prizes on the decision of the International Competition Jury, "
                "who is obliged to award the following prizes:\n" + prizes + "ARTICLE 3: Invitation\n"
                "The festival will invite the director and the lead actor or actress of each selected film.\n"
            )
        },
    )
    juror = " | ".join(i.text for i in Study.of(assistant).briefing().juror_items())
    for condition in ("completed after July 1st", "under 60 minutes", "Documentary films are not eligible"):
        assert condition not in juror, f"{condition!r} sorted as a rule for the jury: {juror}"
    # Why: the document is read as speaking to those who enter films (what an organiser's "why here?" shows).
    items = rule_items(assistant.retriever.lexical().chunks)
    everything = AddresseeClassifier(embeddings.encode).classify(
        [RuleText(i.text, i.unit.lead, i.heading, i.source) for i in items]
    )
    evidence = [e for i, e in zip(items, everything, strict=True) if "must meet" in i.text]
    assert len(evidence) == 4
    assert all("juror:speaks_to" not in e.reasons and "entrant:speaks_to" in e.reasons for e in evidence), [
        e.reasons for e in evidence
    ]


def test_a_rule_that_names_no_one_leans_to_what_its_heading_is_about(embeddings) -> None:
    """The same words read under "Voting and deliberation" or under "Technical requirements" (headings that name no
    role): the first is nearer the jury, the second nearer the films."""
    from assistant.study.addressee import AddresseeClassifier, RuleText

    classifier = AddresseeClassifier(embeddings.encode)
    text = "Decisions are final once the results have been signed."
    voting, technical = classifier.classify(
        [
            RuleText(text, heading="Voting and deliberation", document="a.md"),
            RuleText(text, heading="Technical requirements", document="b.md"),
        ]
    )
    lean = {k: voting.scores[k] - technical.scores[k] for k in ("juror", "film")}
    assert lean["juror"] > 0.3 and lean["film"] < -0.3, (voting.scores, technical.scores)


def test_the_juror_margin_is_applied_as_the_fit_measured_it() -> None:
    """scripts/fit_study.py sorts a rule to the jury when its juror score is within the margin of the best other one,
    and a fitted negative margin lets it trail a little; the briefing must apply the same rule (it once also required
    the juror's score to lead, so Tokyo's Grand Prix, 2.00 against the entrants' 2.09, left the jury's awards)."""
    from assistant.study.addressee import Evidence

    trailing = {"juror": 2.0, "film": 0.2, "entrant": 2.09}
    assert Evidence(trailing, margin=-0.5).kind == "juror"
    assert Evidence(trailing, margin=0.0).kind == "entrant"
    assert Evidence({"juror": 1.0, "film": 0.2, "entrant": 2.09}, margin=-0.5).kind == "entrant"
    assert Evidence({"juror": 2.3, "film": 0.2, "entrant": 2.09}, margin=0.5).kind == "entrant"


def test_a_membership_body_s_voters_are_its_jury_whatever_it_calls_them(embeddings) -> None:
    """A critics' circle's or an academy's code speaks to its "members", who vote on its awards: their rules on
    ballots, gifts and confidentiality are the juror's (check sets C, E and I had them filed for entrants). In a
    festival's entry rules "members" who never vote stay where they were."""
    from assistant.study.addressee import AddresseeClassifier, RuleText

    code = [
        "Members rank up to five films in each category on the nominating ballot.",
        "Members may cast a final ballot only in categories whose nominees they have seen in full.",
        "Members may not accept gifts worth more than $50 from distributors or publicists.",
        "Members may not reveal their own ballot or the results before the official announcement.",
        "Submissions for consideration must reach the Circle's office by 1 October.",
    ]
    club = [
        "Members may not accept gifts worth more than $50 from distributors or publicists.",
        "Members of the film club may submit one short film each.",
        "Entries must reach the office by 1 October.",
    ]
    classifier = AddresseeClassifier(embeddings.encode)
    kinds = [e.kind for e in classifier.classify([RuleText(t, document="circle.md") for t in code])]
    # ranking, balloting and keeping the results: the juror's (a rule on gifts from distributors still reads as the
    # entrants' to the model: docs/evaluation.md)
    assert [kinds[0], kinds[1], kinds[3]] == ["juror"] * 3 and kinds[4] != "juror", kinds
    others = classifier.classify([RuleText(t, document="club.md") for t in club])
    assert others[0].kind != "juror", [e.kind for e in others]
