"""The citation check on hand-made answers, with the real embedding model: what a juror may and may not be shown."""

from __future__ import annotations

import re

import pytest
from support.passages import make_passage

from assistant.answers.citations import MARKER, SUPPORT_THRESHOLD, check_citations, is_connective, normalise_markers
from assistant.schema import Passage

QUORUM = (
    "5.1 General rule. A deliberation session and any vote held in it are valid only if at least two thirds of the "
    "members of the jury are present. Fractions are rounded up to the next whole member.\n"
    "5.3 Physical presence. Only members physically present in the deliberation room are counted towards the quorum. "
    "Participation by telephone, video link or any other remote means is not permitted, and votes may not be cast "
    "by proxy or in writing in advance."
)
SCREENINGS = (
    "6.5 Conduct during screenings. Mobile phones and other devices must be switched off and put away during "
    "screenings. Jurors must arrive at least 15 minutes before the start of each screening and occupy the seats "
    "reserved for the jury in row F."
)
CLOSED = "7.1 Closed sessions. All deliberation sessions are closed. Only the jurors and the non-voting jury secretary may attend."


def passage(text: str, section: str, source: str = "rules.md", page: int | None = None) -> Passage:
    return make_passage(text, section, source=source, page=page)


@pytest.fixture(scope="module")
def shown() -> list[Passage]:
    return [
        passage(QUORUM, "Article 5 — Quorum"),
        passage(SCREENINGS, "6.5 Conduct during screenings", page=3),
        passage(CLOSED, "7.1 Closed sessions"),
    ]


def markers(text: str) -> list[int]:
    return [int(n) for n in MARKER.findall(text)]


def test_fabricated_marker_is_removed_and_recorded(shown, embeddings):
    answer = "Phones must be switched off during screenings [2][7]. Only the jurors and the jury secretary may attend deliberations [9]."
    result = check_citations(answer, shown, embeddings)
    assert markers(result.text) == [1]
    assert "[7]" not in result.text and "[9]" not in result.text
    assert "attend deliberations" not in result.text  # its only citation pointed at nothing that was shown
    assert [c.section for c in result.citations] == ["6.5 Conduct during screenings"]
    assert any("[7]" in n and "3 passages" in n for n in result.notes)
    assert any("[9]" in n for n in result.notes)


def test_unsupported_sentence_is_removed_supported_one_kept(shown, embeddings):
    answer = (
        "A vote is valid only when two thirds of the jury members are present [1]. "
        "Jurors may vote by video link if they are travelling [1]. "
        "The press may attend the final deliberation [3]."
    )
    result = check_citations(answer, shown, embeddings)
    assert result.text == "A vote is valid only when two thirds of the jury members are present [1]."
    removed = [s for s in result.sentences if not s.kept]
    assert len(removed) == 2
    assert all(max(s.support.values()) < SUPPORT_THRESHOLD for s in removed)
    assert sum("unsupported" in n for n in result.notes) == 2


def test_a_number_the_passage_does_not_contain_is_unsupported(shown, embeddings):
    good = check_citations("Jurors must arrive 15 minutes before each screening [2].", shown, embeddings)
    bad = check_citations("Jurors must arrive 30 minutes before each screening [2].", shown, embeddings)
    assert good.supported and good.text.startswith("Jurors must arrive 15 minutes")
    assert not bad.supported and bad.text == ""


def test_citations_are_renumbered_in_order_of_appearance_and_quote_the_supporting_sentence(shown, embeddings):
    answer = (
        "Only the jurors and the non-voting jury secretary may attend deliberation sessions [3]. "
        "Remote participation by telephone or video link is not permitted [1]. "
        "Deliberation sessions are closed [3]."
    )
    result = check_citations(answer, shown, embeddings)
    assert markers(result.text) == [1, 2, 1]
    assert [c.n for c in result.citations] == [1, 2]
    assert [c.section for c in result.citations] == ["7.1 Closed sessions", "Article 5 — Quorum"]
    quorum = result.citations[1]
    assert "video link" in quorum.quote and quorum.quote in QUORUM
    assert "two thirds" not in quorum.quote  # the sentence the claim rests on, not the whole chunk
    assert quorum.passage_text == QUORUM


def test_sentences_without_a_marker_are_removed_unless_connective(shown, embeddings):
    answer = (
        "Here is what the regulations say: Phones must be switched off during screenings [2]. Jurors get free meals."
    )
    result = check_citations(answer, shown, embeddings)
    assert "free meals" not in result.text
    assert "switched off" in result.text
    assert any("without a valid citation" in n for n in result.notes)
    assert is_connective("Here is what the regulations say:")
    assert not is_connective("No.")
    assert not is_connective("Jurors get free meals.")


def test_an_answer_of_connectives_only_is_not_an_answer(shown, embeddings):
    result = check_citations("Here is the answer. In short:", shown, embeddings)
    assert not result.supported and result.text == ""


def test_marker_variants_and_markers_on_their_own_line(shown, embeddings):
    assert normalise_markers("closed [1, 3] and [passage 2] and [n=2] [1-2]") == "closed [1][3] and [2] and [2] [1][2]"
    result = check_citations("Phones must be switched off during screenings.\n[2]", shown, embeddings)
    assert result.text == "Phones must be switched off during screenings [1]."


def test_each_citation_keeps_only_the_markers_whose_passage_supports_it(shown, embeddings):
    result = check_citations("Phones must be switched off during screenings [1][2].", shown, embeddings)
    assert result.text == "Phones must be switched off during screenings [1]."
    assert [c.section for c in result.citations] == ["6.5 Conduct during screenings"]
    assert result.citations[0].page == 3
    assert any("does not support it" in n for n in result.notes)


def test_lexical_only_check_without_encoder(shown):
    result = check_citations(
        "Phones must be switched off during screenings [2]. Jurors receive a daily meal allowance [2].", shown
    )
    assert result.text == "Phones must be switched off during screenings [1]."
    assert re.search(r"\[\d\]", result.text)


def test_a_documents_own_footnote_marks_never_read_as_an_answers_citations() -> None:
    """A clause quoted with its footnote mark ("[6] Exceptionally, …") put a sixth citation marker in a one-citation
    answer (written check set BZ); the citation still quotes the clause as written."""
    from assistant.answers.citations import without_markers

    assert without_markers("[6] Exceptionally, the prize may be shared.") == "Exceptionally, the prize may be shared."
    assert without_markers("a fee of EUR 800.[7] Fees are paid later.") == "a fee of EUR 800. Fees are paid later."
    assert without_markers("a fee of EUR 800 [7].") == "a fee of EUR 800."
