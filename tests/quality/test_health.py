"""Library health: probes find ordinary sections and flag headings without text and text-less PDF pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.apptest_helpers import quality_app
from support.bad_inputs import FOREIGN_RULES

from assistant.quality.health import (
    HEADING_ONLY,
    SCANNED,
    check_library,
    heading_label,
    heading_probe,
    keyword_probe,
    looks_like_table,
)
from assistant.text import stem  # noqa: E402

CLI = Path(sys.executable).with_name("juror-assistant")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False", NO_COLOR="1")
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=600, env=env)


RULES = """---
title: Harbour Jury Rules
---

# Harbour Jury Rules

## Article 1 — Lanterns

1.1 Lantern duty. Each juror carries a brass lantern to the evening screening and hands it to the usher at the door.

1.2 Lantern colours. Green lanterns mark the documentary jury; amber lanterns mark the feature jury.

## Article 2 — Oysters

2.1 Oyster tasting. Jurors may not taste oysters offered by producers during the festival week.

## Annex A — Venue map

## Article 3 — Boats

3.1 Ferry boarding. Jurors board the festival ferry at pier seven, twenty minutes before departure.
"""


def _pdf_with_a_blank_page(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(
        0,
        8,
        "Section 1 - Telescopes\n\n1.1 Jurors may borrow the observatory telescope on clear nights after the last screening.",
    )
    pdf.add_page()  # a page with no text, like a scanned image
    pdf.output(str(path))


@pytest.fixture(scope="module")
def small_library(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Path:
    from assistant.config import Settings
    from assistant.library.library import Library

    src = tmp_path_factory.mktemp("src")
    (src / "rules.md").write_text(RULES, encoding="utf-8")
    _pdf_with_a_blank_page(src / "telescopes.pdf")
    data = tmp_path_factory.mktemp("health")
    os.environ.pop("JUROR_CONFIG", None)
    report = Library(Settings(data_dir=data), embeddings).ingest([src])
    assert report.ok, report.failed
    return data


def test_probe_building_blocks() -> None:
    assert heading_label("Article 8 — Voting › 8.4 Tie-breaks") == "Tie-breaks"
    assert heading_label("Section 4 — Per Diem › 4.1 How much is the per diem?") == "How much is the per diem?"
    assert heading_probe("Article 8 — Voting › 8.4 Tie-breaks", "Rules") == "What do the rules say about tie-breaks?"
    assert heading_probe("Section 4 › 4.1 How much is the per diem?", "FAQ") == "How much is the per diem?"
    assert heading_probe("Article 8 › 8.4", "Rules") is None  # a bare number says nothing
    weights = {stem(w): v for w, v in {"lantern": 3.0, "brass": 2.5, "usher": 2.0, "juror": 0.1}.items()}
    probe = keyword_probe(
        "Each juror carries a brass lantern and hands it to the usher.", lambda t: weights.get(t, 1.0), n=3
    )
    assert probe == "brass lantern usher"  # most distinctive words, in reading order
    assert looks_like_table("2027 | 10:00 | 12:00\n2028 | 11:00 | 13:00\n1 | 2 | 3")
    assert not looks_like_table("Jurors board the festival ferry at pier seven, twenty minutes before departure.")


def test_check_library_flags_empty_headings_and_blank_pdf_pages(small_library: Path, embeddings) -> None:
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings

    assistant = Assistant.from_settings(Settings(data_dir=small_library), embeddings=embeddings)
    report = check_library(assistant.library, assistant.retriever)
    by_section = {(s.source, s.section): s for s in report.sections}
    assert by_section[("rules.md", "Article 1 — Lanterns › 1.1 Lantern duty")].reachable
    assert by_section[("rules.md", "Article 3 — Boats › 3.1 Ferry boarding")].reachable
    unreachable = {(s.source, s.section): s.reason for s in report.unreachable}
    assert unreachable == {("rules.md", "Annex A — Venue map"): HEADING_ONLY}
    assert report.notes == [f"telescopes.pdf, page 2: {SCANNED}"]
    assert "1 may be unreachable" in report.summary()


def test_check_library_names_a_document_that_is_not_in_english(small_library: Path, tmp_path: Path, embeddings) -> None:
    """Said at load time and again by the health check, for a document loaded long before anyone read the warning."""
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings
    from assistant.library.library import Library

    data = tmp_path / "data"
    shutil.copytree(small_library, data)
    name = "riverbend-regolamento.md"
    (tmp_path / name).write_text(FOREIGN_RULES[name][0], encoding="utf-8")
    loaded = Library(Settings(data_dir=data), embeddings).ingest([tmp_path / name])
    assert loaded.ok and any(w.startswith(f"{name}: reads as Italian") for w in loaded.warnings)
    assistant = Assistant.from_settings(Settings(data_dir=data), embeddings=embeddings)
    notes = check_library(assistant.library, assistant.retriever).notes
    assert [n for n in notes if "reads as" in n] == [n for n in notes if n.startswith(f"{name}: reads as Italian")]
    assert any(n.startswith(f"{name}: reads as Italian") for n in notes)


def test_check_library_cli(small_library: Path) -> None:
    proc = _cli("check-library", "--data-dir", str(small_library), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "UNREACHABLE  rules.md § Annex A — Venue map" in proc.stdout
    assert "this section may be unreachable: heading only" in proc.stdout
    assert "telescopes.pdf, page 2: scanned page" in proc.stdout
    assert "Lantern duty" not in proc.stdout  # only problems by default


def test_ingest_reports_unreachable_sections_of_the_new_document_only(small_library: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(small_library, data)
    newcomer = tmp_path / "ferry.md"
    newcomer.write_text(
        "# Ferry Notes\n\n## Timetable\n\n## Boarding\n\nJurors board the ferry with their badge at pier seven.\n",
        encoding="utf-8",
    )
    proc = _cli("ingest", str(newcomer), "--data-dir", str(data), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert f"check: ferry.md § Timetable: {HEADING_ONLY}" in proc.stdout
    assert "Venue map" not in proc.stdout and "telescopes" not in proc.stdout  # older documents are not re-checked
    assert "Library check: 2 sections in 1 document checked; 1 may be unreachable." in proc.stdout

    newcomer.write_text(newcomer.read_text(encoding="utf-8") + "\nBoats leave on time.\n", encoding="utf-8")
    proc = _cli("ingest", str(newcomer), "--data-dir", str(data), "--quiet", "--no-check")
    assert proc.returncode == 0, proc.stderr
    assert "updated: ferry.md" in proc.stdout and "check" not in proc.stdout.lower()


def test_quality_page_health_tab_lists_the_unreachable_section(
    small_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = quality_app(monkeypatch, tmp_path, small_library)
    at.button(key="quality_health_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[-1].value
    assert list(table["Section"]) == ["Annex A — Venue map"]
    assert list(table["This section may be unreachable"]) == [HEADING_ONLY]
    assert any("telescopes.pdf, page 2" in str(w.value) for w in at.warning)
