"""An amending instrument's new wording answers in place of the clause it replaces, however the instrument names it."""

from __future__ import annotations

from pathlib import Path

from support.library import library_of

REGULATIONS = (
    "Title: Regulations of the Fenwick Film Festival 2031\n\n"
    "## Article 9 - The Jury\n\n"
    "9.1 The Jury consists of three members appointed by the Festival Director.\n\n"
    "9.4 The Jury may deliberate only when all three of its members are present.\n\n"
    "## Article 13 - Obligations of jurors\n\n"
    "13.2 Each juror signs the declaration of independence and returns it to the festival office by 30 April 2031.\n"
)


def test_a_whole_article_replaced_under_a_heading_replaces_each_clause_by_its_new_text(
    tmp_path: Path, embeddings
) -> None:
    """ "Article 9 is replaced by the following:" stood as a heading over the new clauses (written check set BO's
    PDF), and a heading amended nothing: the old quorum was quoted. Clause 9.4 is replaced by the new 9.4, not by the
    new article's first line."""
    amendment = (
        "Title: Amendment No. 2 to the Regulations of the Fenwick Film Festival 2031\n\n"
        "## Article 9 is replaced by the following:\n\n"
        "9.1 The Jury consists of five members appointed by the Festival Director.\n\n"
        "9.4 The Jury may deliberate only when at least four of its members are present.\n"
    )
    assistant = library_of(
        tmp_path, embeddings, {"fenwick-regulations.md": REGULATIONS, "fenwick-amendment-2.md": amendment}
    )
    answer = assistant.ask("How many jurors have to be there for the Fenwick jury to deliberate?", log=False)
    assert not answer.abstained and "at least four" in answer.answer, answer.answer
    assert "all three" not in answer.answer, answer.answer


def test_a_notice_that_replaces_words_of_a_clause_keeps_the_rest_of_the_clause(tmp_path: Path, embeddings) -> None:
    """ "In Art. 13.2, "30 April 2031" is replaced by "16 May 2031"." was read as two sentences, "In Art." and "13.2,
    …", so the notice named no clause and the old date was answered (written check set CX). Once read, setting the
    clause aside whole lost its other rules: a clause on the short film jury's ties and the number of its mentions
    went with the mentions. The clause is quoted, with the words the notice replaces, and the notice after it."""
    notice = (
        "Title: Notice of Amendment No. 1 to the Regulations of the Fenwick Film Festival 2031\n\n"
        "## 2. Amendments\n\n"
        '2.1 In Art. 13.2, "30 April 2031" is replaced by "16 May 2031".\n\n'
        '2.2 In Art. 17.3, "no more than two Special Mentions" is replaced by "no more than one Special Mention".\n'
    )
    shorts = (
        "## Article 17 - Short Film Jury\n\n"
        "17.3 In the Short Film Jury a tie is settled by a second ballot, and the jury may award no more than two "
        "Special Mentions.\n"
    )
    assistant = library_of(
        tmp_path, embeddings, {"fenwick-regulations.md": REGULATIONS + shorts, "fenwick-amendment-1.md": notice}
    )
    answer = assistant.ask("By when do Fenwick jurors have to return the signed declaration?", log=False)
    assert not answer.abstained and "16 May 2031" in answer.answer, answer.answer
    assert any("replaced by" in c.quote for c in answer.citations), answer.citations
    tie = assistant.ask("How is a tie settled on the Fenwick short film jury?", log=False)
    assert not tie.abstained and "second ballot" in tie.answer, tie.answer
    assert "now reads “no more than one Special Mention”" in tie.answer, tie.answer
