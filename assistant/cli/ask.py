"""Juror command: ask a question, get a cited answer (or a plain "the library does not say")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from assistant.cli import data_dir_option, friendly, main, make_settings
from assistant.errors import ConfigError


def read_history(path: Path) -> list[dict[str, Any] | str]:
    """A JSON list of turns ({"role": "user"|"assistant", "content": ...} or plain user strings), or JSON lines."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"history file {path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        data = (
            json.loads(raw)
            if raw.strip().startswith("[")
            else [json.loads(line) for line in raw.splitlines() if line.strip()]
        )
    except json.JSONDecodeError as exc:
        raise ConfigError(f"history file {path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    turns: list[dict[str, Any] | str] = []
    for i, turn in enumerate(data, start=1):
        is_turn = (
            isinstance(turn, dict)
            and isinstance(turn.get("content"), str)
            and turn.get("role", "user") in ("user", "assistant")
        )
        if not (isinstance(turn, str) or is_turn):
            raise ConfigError(
                f'history file {path}: turn {i} must be a string or {{"role": "user"|"assistant", "content": "..."}}'
            )
        turns.append(turn)
    return turns


def _where(section: str, page: int | None) -> str:
    parts = [section] if section else []
    if page:
        parts.append(f"p. {page}")
    return ", ".join(parts)


def render(answer: Any) -> str:
    """The human form: answer, numbered citations with their quotes, then notes."""
    lines: list[str] = []
    if answer.abstained:
        lines.append(click.style("Not answered (abstained):", fg="yellow", bold=True) + f" {answer.answer}")
        if answer.related:
            lines.append("")
            lines.append("Related passages (may help):")
            for p in answer.related:
                where = _where(p.chunk.section, p.chunk.page)
                lines.append(
                    f"  - {p.chunk.title} — {where} ({p.chunk.source})"
                    if where
                    else f"  - {p.chunk.title} ({p.chunk.source})"
                )
    else:
        lines.append(answer.answer)
    if answer.scope:
        lines.append(click.style("From: " + "; ".join(answer.scope), dim=True))
    if answer.citations:
        lines.append("")
        lines.append("Sources:")
        for c in answer.citations:
            where = _where(c.section, c.page)
            head = f"  [{c.n}] {c.title}" + (f" — {where}" if where else "") + f" ({c.source})"
            lines.append(head)
            lines.append(f"      “{c.quote}”")
    shown_notes = [n for n in answer.notes if not n.startswith("confidence ")]
    if shown_notes:
        lines.append("")
        lines.extend(click.style(f"note: {n}", dim=True) for n in shown_notes)
    return "\n".join(lines)


@main.command()
@click.argument("question")
@data_dir_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the answer as JSON (answer, abstained, citations, contexts, latency_ms).",
)
@click.option(
    "--history-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Earlier turns, as a JSON list, for a follow-up question.",
)
@click.option(
    "--answerer",
    type=click.Choice(["extractive", "openai", "ollama"]),
    help="Who writes the answer (default: JUROR_ANSWERER or extractive).",
)
@click.option("--llm-base-url", help="Chat endpoint for openai/ollama, e.g. http://127.0.0.1:8080/v1.")
@click.option("--llm-model", help="Model name sent to the chat endpoint.")
@click.option("--kind", help="Only passages from documents of this kind (e.g. regulations, code-of-conduct).")
@click.option(
    "--festival",
    help="Only this festival's documents: its name, words of it or its key (see `juror-assistant festivals`).",
)
@click.option("--edition", help="Only passages from this edition (e.g. 2027).")
@friendly
def ask(
    question: str,
    data_dir: Path | None,
    as_json: bool,
    history_file: Path | None,
    answerer: str | None,
    llm_base_url: str | None,
    llm_model: str | None,
    kind: str | None,
    festival: str | None,
    edition: str | None,
) -> None:
    """Ask a question about the festival's rules; the answer cites the passages it rests on.

    \b
    Examples:
      juror-assistant ask "Can I tell a journalist how we voted?"
      juror-assistant ask "and for short films?" --history-file chat.json
      juror-assistant ask "Who breaks a tie?" --answerer openai --llm-base-url http://127.0.0.1:8080/v1 --llm-model smollm2
    """
    from assistant.answers.assistant import Assistant

    history = read_history(history_file) if history_file else None
    settings = make_settings(data_dir, answerer=answerer, llm_base_url=llm_base_url, llm_model=llm_model)
    assistant = Assistant.from_settings(settings)
    if settings.answerer != "extractive":
        assistant.answerer  # noqa: B018 - a missing URL/model or package is reported now, not after retrieval
    filters: dict[str, Any] = {k: v for k, v in {"kind": kind, "edition": edition}.items() if v}
    if festival:
        from assistant.study.study import study_for

        chosen = study_for(assistant).festival(festival)
        if chosen is not None:
            filters |= chosen.filters()
    result = assistant.ask(question, history=history, filters=filters or None)
    for note in assistant.library.embeddings.notes:  # a fallback to torch, a model cache made again
        click.secho(f"note: {note}", fg="yellow", err=True)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render(result))
