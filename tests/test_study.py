"""Study mode on the real sample library: briefing coverage, verified quiz keys, glossary, tampering, CLI.

"In the briefing" (the coverage test) means: the rule sentence is shown as a key item of a theme, listed
under that theme's "More rules like this", or merged into an item that states the same rule ("Also stated
in"). Sentences of passages that an amendment replaces are not expected; the amending text is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.answers.assistant import Assistant
from assistant.cli import main
from assistant.config import Settings
from assistant.study.briefing import JUROR_GROUP, MEANING_THEMES, THEME_BY_KEY
from assistant.study.quiz.facts import FACT_PATTERNS
from assistant.study.quiz.questions import verify
from assistant.study.quiz.session import QuizSession
from assistant.study.sentences import normalise
from assistant.study.study import Study, glossary_terms

ROOT = Path(__file__).resolve().parents[1]
RULE = re.compile(r"\b(must|shall|may not)\b", re.I)


def settings_for(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir)  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def study(assistant: Assistant) -> Study:
    return Study(assistant)


def chunk_texts(assistant: Assistant) -> dict[str, str]:
    return {c.id: c.text for c in assistant.retriever.lexical().chunks}


def corpus_rule_sentences(assistant: Assistant) -> list[tuple[str, str]]:
    """(source, sentence) for every must / shall / may-not sentence of the rules in force."""
    retriever = assistant.retriever
    lex = retriever.lexical()
    out = []
    for chunk in lex.chunks:
        if retriever.amendments_for(chunk, lex):
            continue  # replaced by an amendment: its text is no longer the rule
        text = normalise(chunk.text)
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
            sentence = re.sub(r"^\d{1,3}(?:\.\d{1,3})+\s+", "", sentence).strip()
            if RULE.search(sentence) and len(sentence.split()) >= 5:
                out.append((chunk.source, sentence))
    return out


def test_briefing_covers_the_obligations_and_prohibitions_of_every_document(assistant: Assistant, study: Study) -> None:
    briefing = study.briefing()
    rules = corpus_rule_sentences(assistant)
    assert len(rules) > 100, "the sample corpus is full of rules; the listing itself must work"
    quotes = [normalise(q).lower() for item in briefing.items() for q in item.quotes]
    themed = [
        normalise(q).lower()
        for s in briefing.sections
        if s.theme.key not in ("other", "administration")
        for i in s.items
        for q in i.quotes
    ]

    def covered(sentence: str, pool: list[str]) -> bool:
        s = sentence.lower()
        return any(s in q or (len(q) > 40 and q in s) for q in pool)

    missing = [(src, s) for src, s in rules if not covered(s, quotes)]
    share = 1 - len(missing) / len(rules)
    assert share >= 0.9, f"{len(missing)} of {len(rules)} rules missing, e.g. {missing[:5]}"
    # most rules sit under a named theme, not in the catch-all
    in_theme = sum(covered(s, themed) for _, s in rules) / len(rules)
    assert in_theme >= 0.75, in_theme
    # a jurors' library: nearly all of its rules are the juror's, and lead the briefing
    juror = [normalise(q).lower() for i in briefing.juror_items() for q in i.quotes]
    assert sum(covered(s, juror) for _, s in rules) / len(rules) >= 0.85
    assert briefing.sections[0].theme.group == JUROR_GROUP
    # every document that states rules contributes to the briefing
    per_doc = {src for src, _ in rules}
    in_briefing = {i.citation.source for i in briefing.items()} | {c.source for i in briefing.items() for c in i.also}
    assert per_doc <= in_briefing, per_doc - in_briefing


def test_each_juror_theme_has_key_rules_about_its_subject(study: Study) -> None:
    """Themes are chosen by meaning, one per rule: each theme of a juror's work has key rules, and a rule sits in one
    theme only."""
    briefing = study.briefing()
    sections = {s.theme.key: s for s in briefing.sections}
    for key in MEANING_THEMES:
        assert key in sections, f"no section for {THEME_BY_KEY[key].title}"
        assert 3 <= len(sections[key].key_items) <= 8
    refs = [r for i in briefing.items() for r in [i.ref, *i.also_refs]]
    assert len(refs) == len(set(refs)), "a rule goes in at most one theme"
    words = {
        "attendance": ("attend", "screening", "late", "miss"),
        "conduct": ("press", "interview", "social", "gift", "post", "publish", "media"),
        "conflicts": ("conflict", "interest", "recus", "declar", "link"),
        "confidentiality": ("confidential", "secret", "disclos", "reveal", "deliberat"),
        "voting": ("vote", "ballot", "majority", "quorum", "deliberat", "score", "criteri", "round"),
        "awards": ("award", "prize", "mention", "aequo", "golden"),
    }
    for key, stems in words.items():
        keys = sections[key].key_items
        on_topic = [i for i in keys if any(w in i.text.lower() for w in stems)]
        assert len(on_topic) >= len(keys) // 2 + 1, (key, [i.text for i in keys])


def test_briefing_states_the_rule_in_force_where_an_amendment_applies(study: Study) -> None:
    items = study.briefing().items()
    texts = [normalise(i.text) for i in items]
    assert not any("gifts worth more than EUR 50" in t for t in texts), "the replaced gift limit is not taught"
    amended = [i for i in items if "gifts worth more than EUR 25" in i.text]
    assert amended and amended[0].citation.source == "amendment-01.md"
    assert "replaces" in amended[0].note and amended[0].theme == "conduct" and amended[0].badge == "Must not"


def test_briefing_has_no_duplicate_items_and_exports_markdown_and_print_view(study: Study) -> None:
    briefing = study.briefing()
    texts = [normalise(i.text).lower() for i in briefing.items()]
    assert len(texts) == len(set(texts))
    assert [i.citation.n for i in briefing.items()] == list(range(1, len(texts) + 1))
    md = briefing.to_markdown()
    assert md.startswith("# What you must know before day one")
    assert "More rules like this" in md and "## Sources" in md
    first = briefing.items()[0]
    assert f"{first.text} [1]" in md
    page = briefing.to_html()
    assert "@media print" in page and "<script" not in page and "[1]" in page


def test_every_briefing_item_and_quiz_key_verifies_against_its_cited_passage(
    assistant: Assistant, study: Study
) -> None:
    texts = chunk_texts(assistant)
    for item in study.briefing().items():
        for citation in [item.citation, *item.also]:
            assert normalise(citation.quote) in normalise(texts[citation.chunk_id]), citation
    questions = study.quiz(count=None, seed=3)
    assert len(questions) >= 60
    for q in questions:
        passage = texts[q.citation.chunk_id]
        assert verify(q, passage), q
        assert normalise(q.key_fact) in normalise(q.citation.quote)
        if q.kind == "true_false" and q.answer == "False":
            assert normalise(q.statement) not in normalise(passage)
    # a key that is not in its quote is caught
    broken = questions[0]
    broken_copy = type(broken)(**{**broken.__dict__, "key_fact": "EUR 999,999", "answer": "EUR 999,999"})
    assert not verify(broken_copy)


def test_quiz_is_deterministic_mixes_question_types_and_spreads_over_themes(study: Study) -> None:
    a = study.quiz(count=20, seed=11)
    b = study.quiz(count=20, seed=11)
    c = study.quiz(count=20, seed=12)
    assert [q.to_dict() for q in a] == [q.to_dict() for q in b]
    assert [q.id for q in a] != [q.id for q in c]
    assert len(a) == 20 and len({q.id for q in a}) == 20
    assert {q.kind for q in a} == {"choice", "true_false", "scenario"}
    assert len({q.theme for q in a}) >= 7
    assert {q.answer for q in a if q.kind == "true_false"} <= {"True", "False"}
    assert {q.answer for q in a if q.kind == "scenario"} <= {"Yes", "No"}


def test_distractors_have_the_same_type_as_the_key(study: Study) -> None:
    pools = study.pools()
    patterns = dict(FACT_PATTERNS)
    choice = [q for q in study.quiz(count=None, seed=5) if q.kind == "choice"]
    assert len(choice) >= 30
    for q in choice:
        assert 3 <= len(q.choices) <= 4 and q.answer in q.choices
        if q.fact_kind in ("money", "percent", "time"):
            assert all(patterns[q.fact_kind].fullmatch(c) for c in q.choices), q.choices
        elif q.fact_kind.startswith("quantity:"):
            unit = q.fact_kind.split(":")[1]
            assert all(re.search(rf"\b{unit}s?$", c, re.I) for c in q.choices), q.choices
        elif q.fact_kind == "role":
            assert set(q.choices) <= set(pools.roles), q.choices
        elif q.fact_kind == "term":
            assert {c.lower() for c in q.choices} <= {t.lower() for t in pools.terms}, q.choices


def test_a_missed_question_comes_back_and_the_score_is_by_theme(study: Study) -> None:
    questions = study.quiz(count=6, seed=2)
    session = QuizSession(questions, gap=3)
    first = session.current()
    assert first is not None
    wrong = next(i for i, c in enumerate(first.choices) if c != first.answer)
    grade = session.answer(wrong)
    assert not grade.correct and grade.verdict == "Not quite"
    order = []
    while not session.done:
        q = session.current()
        assert q is not None
        order.append(q.id)
        session.answer(q.answer)
    assert order.count(first.id) == 1 and order.index(first.id) == 3, "the miss comes back after three other questions"
    right, total = session.score()
    assert (right, total) == (5, 6)
    scores = session.score_by_theme()
    assert scores[first.theme].correct == scores[first.theme].answered - 1
    if scores[first.theme].answered == 1:
        assert first.theme_title in session.reread()


def test_glossary_lists_defined_terms_alphabetically_with_citations(assistant: Assistant, study: Study) -> None:
    glossary = study.glossary()
    terms = [e.term for e in glossary.entries]
    assert len(terms) >= 20
    assert terms == sorted(terms, key=str.lower)
    assert len({t.lower() for t in terms}) == len(terms)
    texts = chunk_texts(assistant)
    for e in glossary.entries:
        assert normalise(e.citation.quote) in normalise(texts[e.citation.chunk_id])
        assert e.term.lower() in e.citation.quote.lower()
    quorum = glossary.lookup("QUORUM")
    assert glossary.lookup("quorums") is not None and quorum is not None and quorum.term == "Quorum"
    # a term defined inline in the governing rules ('"member present" means ...') is found too
    member = glossary.lookup("member present")
    assert member is not None and member.citation.source == "jury-regulations.md"
    assert glossary.lookup("falcon") is None


def test_terms_in_a_chat_answer_can_be_looked_up(assistant: Assistant) -> None:
    answer = assistant.ask("What happens if there is a tie in the vote?", log=False)
    assert not answer.abstained
    found = glossary_terms(assistant, answer.answer)
    assert found, answer.answer
    for entry in found:
        assert re.search(re.escape(entry.term.split()[0]), answer.answer, re.I)
    assert not glossary_terms(assistant, "Arrive 15 minutes early and bring a pen.")


def test_a_replaced_document_changes_the_briefing_and_the_quiz(library_copy: Path, embeddings, tmp_path: Path) -> None:
    assistant = Assistant.from_settings(settings_for(library_copy), embeddings=embeddings)
    study = Study(assistant)
    old_rule = "within 14 days of the date of the letter of appointment"
    new_rule = "within 21 days of the date of the letter of appointment"
    assert any(old_rule in i.text for i in study.briefing().items())
    before = [q for q in study.quiz(count=None, seed=1) if old_rule in q.citation.quote]
    assert before and all("14 days" in q.key_fact or q.kind in ("true_false", "scenario") for q in before)

    changed = tmp_path / "jury-regulations.md"
    changed.write_text(
        (ROOT / "corpus" / "jury-regulations.md").read_text(encoding="utf-8").replace(old_rule, new_rule),
        encoding="utf-8",
    )
    report = assistant.library.ingest([changed])
    assert [r.status for r in report.results] == ["updated"]

    items = study.briefing().items()
    assert any(new_rule in i.text for i in items)
    assert not any(old_rule in q for i in items for q in i.quotes)
    after = study.quiz(count=None, seed=1)
    assert not any(old_rule in q.citation.quote for q in after)
    tampered = [q for q in after if new_rule in q.citation.quote]
    assert tampered and all(verify(q) for q in tampered)
    assert all("21 days" in q.key_fact or "21 days" in q.statement or q.kind == "scenario" for q in tampered)
    assert not any("14 days" in q.key_fact for q in tampered)


# ------------------------------------------------------------ CLI
def test_cli_brief_quiz_json_and_glossary(library_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "briefing.md"
    result = runner.invoke(main, ["brief", "--data-dir", str(library_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# What you must know before day one")

    result = runner.invoke(main, ["quiz", "--data-dir", str(library_dir), "--json", "--count", "5", "--seed", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{") :])
    assert data["seed"] == 3 and len(data["questions"]) == 5
    for q in data["questions"]:
        assert q["answer"] in q["choices"] and normalise(q["key_fact"]) in normalise(q["citation"]["quote"])

    result = runner.invoke(main, ["glossary", "quorum", "--data-dir", str(library_dir)])
    assert result.exit_code == 0 and "Quorum" in result.output and "[" in result.output
    result = runner.invoke(main, ["glossary", "falconry", "--data-dir", str(library_dir)])
    assert result.exit_code == 1 and "not defined in the library" in result.output
    assert "Traceback" not in result.output


def test_cli_interactive_quiz_grades_and_reports_the_score(library_dir: Path, fresh_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["quiz", "--data-dir", str(library_dir), "--count", "2", "--seed", "4"], input="x\n1\n1\n1\n1\n1\n1\n"
    )
    assert result.exit_code == 0, result.output
    assert "Please answer with" in result.output
    assert ("Correct" in result.output) or ("Not quite" in result.output)
    assert "Rule [1]:" in result.output and "Score:" in result.output

    result = runner.invoke(main, ["brief", "--data-dir", str(fresh_dir)])
    assert result.exit_code == 1 and "library is empty" in result.output


def test_may_i_scenarios_are_answered_by_what_the_rule_permits_or_forbids(study: Study) -> None:
    from assistant.study.addressee import modality

    scenarios = [q for q in study.quiz(count=None, seed=9) if q.kind == "scenario"]
    assert len(scenarios) >= 10
    assert {q.answer for q in scenarios} == {"Yes", "No"}
    for q in scenarios:
        assert re.match(r"^Yes or no: (?:If I .+, )?(?:May|Must|may|must) (?:I|the) ", q.prompt), q.prompt
        assert q.prompt.endswith("?")
        assert (q.answer == "No") == (modality(q.key_fact) == "prohibition"), (q.prompt, q.key_fact)
        assert q.key_fact in q.citation.quote and verify(q)
    gift = [q for q in scenarios if "gift" in q.prompt.lower() and q.prompt.startswith("Yes or no: May I")]
    assert not gift or all(q.answer == "No" for q in gift)


def test_a_blank_never_falls_on_a_name_or_an_organisation() -> None:
    from assistant.study.quiz.facts import names_something

    assert names_something("Programming Committee", "The Programming Committee selects the films.")
    assert names_something("20th", "The 20th Shanghai International Film Festival will be held in June.")
    assert names_something("Director", "Awards presented: Best Director (Grant of 5000 Euros)")
    assert names_something("2017", "Entries for the Golden Goblet 2017 Award close in April.")
    assert not names_something("Festival Director", "Jurors are appointed by the Festival Director.")
    assert not names_something("15 minutes", "Arrive 15 minutes early.")
    assert not names_something("CHF 75,000", "Grand Prize of the City of Locarno: CHF 75,000 to the director.")
