"""Pure text helpers for the UI: safe Markdown, quote highlighting, answer records, Markdown export.

Document text is untrusted: it is always escaped here before it reaches `st.markdown`, so a passage holding
`<script>` or Markdown/Streamlit directives shows as plain text. Nothing in this module imports Streamlit.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from assistant.answers.festival_names import short_title
from assistant.schema import Answer, Citation, Passage

if TYPE_CHECKING:
    from assistant.quality.health import HealthReport

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones that
# Markdown, GitHub extensions or Streamlit directives (`:red[..]`, `:emoji:`, `$math$`) give a meaning.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=&^\"'])")
_MARKER = re.compile(r"\\\[(\d{1,3})\\\]")
QUOTE_JOIN = " … "


def escape_md(text: str) -> str:
    """Plain text -> Markdown that renders as the same plain text (line breaks kept)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return "  \n".join(escaped.split("\n"))


def render_answer_md(text: str) -> str:
    """The answer text escaped, with its `[n]` citation markers shown in bold."""
    return _MARKER.sub(r"**[\1]**", escape_md(text))


def _piece_pattern(piece: str) -> re.Pattern[str] | None:
    words = piece.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def quote_spans(passage: str, quote: str) -> list[tuple[int, int]]:
    """Where the quoted words sit in the passage (whitespace- and case-insensitive), merged and sorted."""
    spans: list[tuple[int, int]] = []
    for raw in quote.split("…"):
        piece = raw.strip().lstrip(">").strip()
        if len(piece) < 3:
            continue
        pattern = _piece_pattern(piece)
        match = pattern.search(passage) if pattern else None
        if match:
            spans.append(match.span())
            continue
        # A quote trimmed differently from the passage: fall back to its sentences.
        for sentence in re.split(r"(?<=[.;:!?])\s+", piece):
            sub = _piece_pattern(sentence) if len(sentence) >= 12 else None
            found = sub.search(passage) if sub else None
            if found:
                spans.append(found.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or not passage[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _emphasise(text: str) -> str:
    """Bold + highlight, per line (Markdown emphasis cannot cross a line break)."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        out.append(f":orange-background[**{escape_md(stripped)}**]" if stripped else "")
    return "  \n".join(out)


def highlight_md(passage: str, quote: str) -> str:
    """The passage as safe Markdown with the quoted (supporting) words highlighted."""
    spans = quote_spans(passage, quote)
    if not spans:
        return escape_md(passage)
    parts: list[str] = []
    cursor = 0
    for start, end in spans:
        parts.append(escape_md(passage[cursor:start]))
        parts.append(_emphasise(passage[start:end]))
        cursor = end
    parts.append(escape_md(passage[cursor:]))
    return "".join(parts)


def where(item: dict[str, Any]) -> str:
    """'Title · section · p. 3' for a citation or passage record (a title's trailing remark in brackets left out,
    so that the section still shows in a one-line label)."""
    bits = [short_title(str(item.get("title") or "")) or item.get("source") or "Untitled"]
    if item.get("section"):
        bits.append(str(item["section"]))
    if item.get("page"):
        bits.append(f"p. {item['page']}")
    return " · ".join(bits)


# ------------------------------------------------------------ answer records (kept in session state)
def citation_record(c: Citation) -> dict[str, Any]:
    return {
        "n": c.n,
        "source": c.source,
        "title": c.title,
        "section": c.section,
        "page": c.page,
        "quote": c.quote,
        "passage": c.passage_text or c.quote,
        "effective_date": c.effective_date,
        "note": c.note,
    }


def passage_record(p: Passage) -> dict[str, Any]:
    ch = p.chunk
    return {
        "source": ch.source,
        "title": ch.title,
        "section": ch.section,
        "page": ch.page,
        "passage": ch.text,
        "effective_date": ch.effective_date,
        "note": p.note,
    }


HIDDEN_NOTE_PREFIXES = ("confidence ", "declined:")


def answer_record(answer: Answer) -> dict[str, Any]:
    """Everything the page needs to redraw an answer after a rerun (plain, JSON-able data)."""
    notes: list[str] = []
    for note in answer.notes:
        if note and note not in notes and not note.startswith(HIDDEN_NOTE_PREFIXES):
            notes.append(note)
    return {
        "question": answer.question,
        "standalone_question": answer.standalone_question or answer.question,
        "answer": answer.answer,
        "abstained": answer.abstained,
        "declined": answer.declined,
        "answerer": answer.answerer,
        "latency_ms": round(answer.latency_ms, 1),
        "notes": notes,
        "scope": list(answer.scope),
        "citations": [citation_record(c) for c in answer.citations],
        "related": [passage_record(p) for p in answer.related],
    }


# ------------------------------------------------------------ export
def conversation_markdown(turns: list[dict[str, Any]], when: datetime | None = None) -> str:
    """The conversation as a Markdown file a juror can keep: questions, answers, sources with quotes."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H:%M")
    lines = ["# Juror Assistant — conversation", "", f"Exported {stamp}.", ""]
    for turn in turns:
        if turn.get("role") == "user":
            lines += [f"## Q: {turn['content']}", ""]
            continue
        record = turn.get("record") or {}
        lines += [turn.get("content", ""), ""]
        if record.get("scope") and not record.get("abstained"):
            lines += [f"*From: {'; '.join(record['scope'])}*", ""]
        for note in record.get("notes", []):
            lines += [f"*Note: {note}*", ""]
        citations = record.get("citations", [])
        if citations:
            lines += ["**Sources**", ""]
            for c in citations:
                lines.append(f"- [{c['n']}] {where(c)} ({c['source']})")
                if c.get("quote"):
                    lines.append(f"  > {' '.join(str(c['quote']).split())}")
            lines.append("")
        elif record.get("abstained") and record.get("related"):
            lines += ["**Closest passages (not an answer)**", ""]
            lines += [f"- {where(p)} ({p['source']})" for p in record["related"]]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def unreachable_rows(report: HealthReport) -> list[dict[str, Any]]:
    """The library-health table: the sections jurors' questions may never reach, and why."""
    return [
        {
            "Document": s.source,
            "Section": s.section or "(no heading)",
            "Page": s.page or "",
            "This section may be unreachable": s.reason,
        }
        for s in report.unreachable
    ]
