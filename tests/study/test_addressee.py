"""Who a rule is for, on the real model and real libraries: the hand-labelled check, and each real festival alone.

The labels (tests/data/study_labels.jsonl) name items by document and position with a fingerprint of their words;
realworld items are read from ../shared/realworld at run time (skipped when absent), never copied.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answers.assistant import Assistant
from assistant.quality.study_labels import check_labels, load_labels
from assistant.study.addressee import grammar_evidence, plain, subject_of
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


def test_labelled_check_on_both_libraries(assistant: Assistant, realworld_assistant: Assistant, labels) -> None:
    """The issue's targets on the labelled set of both libraries: addressee agreement >= 90%, and the briefing's
    juror section >= 90% juror-addressed (figures in docs/evaluation.md)."""
    sample = check_labels(assistant.library, assistant.retriever, [lb for lb in labels if lb.library == "sample"])
    real = check_labels(
        realworld_assistant.library, realworld_assistant.retriever, [lb for lb in labels if lb.library == "realworld"]
    )
    assert not real.moved, f"labelled items moved (realworld changed?): {real.moved}"
    both = sample.add(real)
    assert both.labelled >= 80
    assert both.agreement >= 0.9, both.to_dict()
    assert both.juror_share >= 0.9, both.to_dict()
    assert real.agreement >= 0.9, real.to_dict()
    assert both.theme_agreement >= 0.6, both.to_dict()  # no target in the issue; a floor under today's figure


def test_each_real_festival_alone_leads_with_its_jurors_rules_and_blanks_no_name(
    realworld_assistant: Assistant, labels
) -> None:
    """On each real festival alone: the juror section is non-empty where its labelled rules speak to jurors, and
    no quiz question blanks a proper name or an organisation (nor puts one in a distractor)."""
    study = Study.of(realworld_assistant)
    festivals = study.festivals()
    assert len(festivals) >= 8
    juror_docs = {lb.item.split("#")[0] for lb in labels if lb.library == "realworld" and lb.addressee == "juror"}
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
