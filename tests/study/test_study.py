"""The Study facade: a replaced document changes the briefing and the quiz."""

from __future__ import annotations

from pathlib import Path

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.study.quiz.questions import verify
from assistant.study.study import Study

ROOT = Path(__file__).resolve().parents[2]


def settings_for(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir)  # type: ignore[call-arg]


def test_a_replaced_document_changes_the_briefing_and_the_quiz(library_copy: Path, embeddings, tmp_path: Path) -> None:
    assistant = Assistant.from_settings(settings_for(library_copy), embeddings=embeddings)
    study = Study.of(assistant)
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
