"""The UI's text handling: untrusted document text stays text; quotes are found and highlighted; uploads checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.library.library import Library
from assistant.ui.ask import history_of
from assistant.ui.format import conversation_markdown, escape_md, highlight_md, quote_spans, render_answer_md
from assistant.ui.library import check_upload, load_uploads


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_markup_in_document_text_is_escaped_not_interpreted() -> None:
    hostile = "<script>alert('x')</script> **bold** :red[red] $x$ [link](http://evil) # heading"
    md = escape_md(hostile)
    assert "<script>" not in md and "**" not in md and ":red[" not in md and "](" not in md
    assert unescape(md) == hostile


def test_highlight_marks_the_quoted_sentences_even_across_line_breaks_and_case() -> None:
    passage = "8.4 Tie-breaks.\nIf two films tie, the President\ncasts the deciding vote. Other text follows."
    quote = "if two films tie, the president casts the deciding vote."
    spans = quote_spans(passage, quote)
    assert [passage[a:b] for a, b in spans] == ["If two films tie, the President\ncasts the deciding vote."]
    md = highlight_md(passage, quote)
    assert md.count(":orange-background[**") == 2  # one per line: emphasis cannot cross a line break
    assert (
        "Other text follows" in unescape(md)
        and "Other text follows" not in md.split(":orange-background")[-1].split("]")[0]
    )


def test_highlight_joins_quote_pieces_and_keeps_untrusted_text_escaped() -> None:
    passage = "Gifts. Jurors may not accept gifts <b>worth</b> more than EUR 25. Meals are fine."
    quote = "Gifts. … Jurors may not accept gifts <b>worth</b> more than EUR 25."
    md = highlight_md(passage, quote)
    assert re.search(r"(?<!\\)[<>]", md) is None
    assert md.count(":orange-background[") == 1  # adjacent pieces merge into one highlight
    assert unescape(md.replace(":orange-background[**", "").replace("**]", "")) == passage


def test_quote_not_in_passage_shows_the_passage_unhighlighted() -> None:
    assert highlight_md("Plain passage.", "Something else entirely.") == escape_md("Plain passage.")


def test_answer_markers_are_bold_and_text_escaped() -> None:
    md = render_answer_md("Jurors vote by secret ballot [1]; see <Article 8> [2].")
    assert "**[1]**" in md and "**[2]**" in md
    assert re.search(r"(?<!\\)[<>]", md) is None, "every angle bracket is escaped"


def test_history_passes_roles_and_text_only() -> None:
    chat: list[dict[str, Any]] = [
        {"role": "user", "content": "Q", "id": "a"},
        {"role": "assistant", "content": "A", "id": "b", "record": {}},
    ]
    assert history_of(chat) == [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]


def test_export_of_an_empty_conversation_is_just_a_heading() -> None:
    assert conversation_markdown([]).startswith("# Juror Assistant")


@dataclass
class FakeUpload:
    """Stands in for Streamlit's UploadedFile (name, size, getvalue) in a unit test of the checks."""

    name: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    def getvalue(self) -> bytes:
        return self.data


def test_upload_checks_name_the_problem() -> None:
    assert "unsupported file type (.exe)" in (check_upload(FakeUpload("setup.exe", b"MZ"), 50) or "")
    assert "no extension" in (check_upload(FakeUpload("README", b"x"), 50) or "")
    assert "over the 1 MB limit" in (check_upload(FakeUpload("big.pdf", b"x" * 2_000_000), 1) or "")
    assert check_upload(FakeUpload("empty.md", b""), 50) == "the file is empty"
    assert check_upload(FakeUpload("rules.MD", b"# Rules"), 50) is None


def test_load_uploads_adds_good_files_reports_bad_ones_and_sanitises_names(fresh_dir: Path, embeddings) -> None:
    library = Library(Settings(data_dir=fresh_dir), embeddings)  # type: ignore[call-arg]
    seen: list[float] = []
    outcome = load_uploads(
        library,
        [
            FakeUpload("../../etc/rules.md", b"# Rules\n\n## Article 1\n\n1.1 Jurors watch every film in competition."),
            FakeUpload("virus.exe", b"MZ"),
        ],
        max_file_mb=5,
        progress=lambda fraction, _text: seen.append(fraction),
    )
    assert [(r.source, r.status) for r in outcome.results] == [("rules.md", "added"), ("virus.exe", "failed")]
    assert any("unsafe file name" in w for w in outcome.warnings)
    assert [r.source for r in library.documents()] == ["rules.md"]
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
