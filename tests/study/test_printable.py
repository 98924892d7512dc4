"""The briefing as a printable PDF, with citations: real fpdf2 output read back with pypdf."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from assistant.answers.assistant import Assistant
from assistant.errors import ConfigError
from assistant.study import printable
from assistant.study.printable import briefing_pdf, find_font, latin1
from assistant.study.study import Study


def text_of(data: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_holds_the_juror_section_first_with_citations(assistant: Assistant) -> None:
    briefing = Study.of(assistant).briefing()
    data = briefing_pdf(briefing)
    assert data.startswith(b"%PDF")
    text = text_of(data)
    assert "What you must know before day one" in text
    groups = [g for g in ("Your duties and powers as a juror", "What makes a film eligible", "Appendix: for entrants")]
    at = [text.index(g) for g in groups if g in text]
    assert at == sorted(at) and text.index(groups[0]) == at[0], "the juror section first, then films, then entrants"
    first = briefing.items()[0]
    assert "[1]" in text and first.citation.source in text
    assert " ".join(first.text.split()[:6]) in text


def test_pdf_without_a_unicode_font_still_prints_every_rule(
    real_shaped_assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printable, "FONT_CANDIDATES", ())
    assert find_font() is None
    study = Study.of(real_shaped_assistant)
    briefing = study.briefing(study.festival("harbour lights"))
    text = text_of(briefing_pdf(briefing))
    assert "Harbour Lights Film Festival" in text and f"[{len(briefing.items())}]" in text
    assert latin1("“Jury” — Pöff…") == '"Jury" - Pöff...'


def test_a_missing_configured_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="JUROR_PDF_FONT"):
        find_font(tmp_path / "nope.ttf")
