"""Golden sets: JSON Lines of questions with a reference answer, the source file and verbatim evidence.

One object per line: {"id", "question", "answer", "source", "evidence", "answerable", "history"?}.
Validation is strict because a typo in a golden set silently skews every number computed from it;
every problem is a `GoldenSetError` naming the file, the line and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import GoldenSetError, JurorError

FIELDS = ("id", "question", "answer", "source", "evidence", "answerable", "history")
ROLES = ("user", "assistant")


@dataclass(frozen=True)
class GoldenRecord:
    """One question of a golden set; `history` holds earlier turns for follow-up questions."""

    id: str
    question: str
    answer: str
    source: str
    evidence: str
    answerable: bool
    history: tuple[dict[str, str], ...] = ()
    line: int = field(default=0, compare=False)

    def history_list(self) -> list[dict[str, str]]:
        return [dict(turn) for turn in self.history]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "question": self.question,
            "answer": self.answer,
            "source": self.source,
            "evidence": self.evidence,
            "answerable": self.answerable,
        }
        if self.history:
            out["history"] = self.history_list()
        return out


def load_golden(path: Path | str) -> list[GoldenRecord]:
    """Read and validate a golden-set file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise JurorError(f"{path}: golden set not found") from None
    except OSError as exc:
        raise JurorError(f"{path}: cannot read the golden set ({exc.strerror or exc})") from exc
    return parse_golden(data, str(path))


def parse_golden(data: bytes | str, path: str = "golden set") -> list[GoldenRecord]:
    """Validate JSON Lines text; blank lines are skipped, anything else must be a valid record."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise GoldenSetError(path, line, "not UTF-8 text; save the file as UTF-8") from None
    else:
        text = data
    records: list[GoldenRecord] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        record = _parse_line(raw, path, number)
        if record.id in seen:
            raise GoldenSetError(
                path, number, f"field 'id': duplicate id {record.id!r} (first used on line {seen[record.id]})"
            )
        seen[record.id] = number
        records.append(record)
    if not records:
        raise GoldenSetError(path, 1, "no questions found; expected one JSON object per line")
    return records


def _parse_line(raw: str, path: str, line: int) -> GoldenRecord:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldenSetError(path, line, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise GoldenSetError(path, line, f"expected a JSON object {{...}}, got {type(obj).__name__}")
    unknown = sorted(set(obj) - set(FIELDS))
    if unknown:
        raise GoldenSetError(path, line, f"unknown field {unknown[0]!r} (allowed: {', '.join(FIELDS)})")

    def text_field(name: str, required: bool) -> str:
        if name not in obj:
            if required:
                raise GoldenSetError(path, line, f"missing field {name!r}")
            return ""
        value = obj[name]
        if not isinstance(value, str):
            raise GoldenSetError(path, line, f"field {name!r} must be a string, got {json.dumps(value)[:40]}")
        if required and not value.strip():
            raise GoldenSetError(path, line, f"field {name!r} is empty")
        return value.strip()

    if "answerable" not in obj:
        raise GoldenSetError(path, line, "missing field 'answerable' (true or false)")
    answerable = obj["answerable"]
    if not isinstance(answerable, bool):
        raise GoldenSetError(path, line, f"field 'answerable' must be true or false, got {json.dumps(answerable)[:40]}")
    raw_id = obj.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        obj["id"] = str(raw_id)
    record_id = text_field("id", True)
    question = text_field("question", True)
    # An unanswerable question has no answer, source or evidence to check; an answerable one needs all three.
    answer = text_field("answer", answerable)
    source = text_field("source", answerable)
    evidence = text_field("evidence", answerable)
    history = _parse_history(obj.get("history"), path, line)
    return GoldenRecord(record_id, question, answer, source, evidence, answerable, history, line)


def _parse_history(value: Any, path: str, line: int) -> tuple[dict[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise GoldenSetError(
            path, line, 'field \'history\' must be a list of turns like {"role": "user", "content": "..."}'
        )
    turns: list[dict[str, str]] = []
    for i, turn in enumerate(value, 1):
        if isinstance(turn, str):
            turn = {"role": "user", "content": turn}
        if not isinstance(turn, dict):
            raise GoldenSetError(
                path, line, f"field 'history', turn {i}: expected a string or an object with role and content"
            )
        role, content = turn.get("role"), turn.get("content")
        if role not in ROLES:
            raise GoldenSetError(
                path, line, f"field 'history', turn {i}: role must be 'user' or 'assistant', got {json.dumps(role)}"
            )
        if not isinstance(content, str) or not content.strip():
            raise GoldenSetError(path, line, f"field 'history', turn {i}: content must be a non-empty string")
        turns.append({"role": str(role), "content": content.strip()})
    return tuple(turns)


def dump_golden(records: list[GoldenRecord]) -> str:
    """JSON Lines text for records (used by tests and tools that write golden sets)."""
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records)
