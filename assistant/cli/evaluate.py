"""Tester commands: eval (golden-set metrics, reports, regression view, baseline) and check-library."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from assistant.cli import data_dir_option, friendly, main, make_settings


def _bar(quiet: bool) -> Callable[[str, int, int], None]:
    """A progress callback drawing one tqdm bar per stage on stderr (nothing when quiet)."""
    bars: dict[str, Any] = {}
    names = {"assistant": "Asking", "baseline-index": "Indexing baseline", "baseline": "Baseline", "health": "Probing"}

    def progress(stage: str, done: int, total: int) -> None:
        if quiet:
            return
        from tqdm import tqdm

        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(
                total=total,
                desc=names.get(stage, stage),
                unit="q" if stage != "baseline-index" else "chunk",
                file=sys.stderr,
                leave=False,
            )
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return progress


@main.command("eval")
@click.option(
    "--golden",
    "golden_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Golden set (JSON Lines).",
)
@data_dir_option
@click.option(
    "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON report here."
)
@click.option(
    "--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the HTML report here."
)
@click.option(
    "--compare",
    "compare_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An earlier JSON report: show what got better and worse.",
)
@click.option("--baseline", is_flag=True, help="Also score the LangChain-tutorial pipeline on the same questions.")
@click.option(
    "--failures",
    "show_failures",
    is_flag=True,
    help="Print every failing question with its failure class, answer and retrieved passages.",
)
@click.option(
    "--gate",
    is_flag=True,
    help="Exit with status 3 when a metric is under its minimum or over its maximum (default minimums: hit@5 0.95, "
    "citation accuracy 0.90, answer support 0.95, quote precision 0.60, abstention recall 0.80, answered when "
    "answerable 0.95; default maximum: median answer length 35 words).",
)
@click.option(
    "--min",
    "minimums",
    multiple=True,
    metavar="METRIC=VALUE",
    help="Your own minimum for a rate metric (0 to 1), e.g. --min hit_at_5=0.9 (repeatable; implies --gate). With "
    "--min or --max, only the limits you give are checked, not the default ones.",
)
@click.option(
    "--max",
    "maximums",
    multiple=True,
    metavar="METRIC=VALUE",
    help="Your own maximum for a metric where lower is better (answer_words_median, answer_words_p90, "
    "latency_p50_ms, latency_p95_ms), e.g. --max answer_words_median=35 (repeatable; implies --gate).",
)
@click.option(
    "--variants",
    is_flag=True,
    help="Also ask every question as jurors type it (in lower case, after a polite opener, after a sentence about "
    "the asker, after the asker's role) and list the questions that pass as written but fail typed another way.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@friendly
def eval_cmd(
    golden_path: Path,
    data_dir: Path | None,
    report_path: Path | None,
    html_path: Path | None,
    compare_path: Path | None,
    baseline: bool,
    show_failures: bool,
    gate: bool,
    minimums: tuple[str, ...],
    maximums: tuple[str, ...],
    variants: bool,
    quiet: bool,
) -> None:
    """Score the assistant on a golden set: retrieval, citations, support, abstention, latency, and why each
    failing question failed (its failure class).

    Every question goes through the same assistant the app uses. Exit status is 0 when the run
    completes, whatever the scores; with --gate, --min or --max it is 3 when a metric is under its
    minimum or over its maximum.

    \b
    Examples:
      juror-assistant eval --golden corpus/golden.jsonl --report r.json --html r.html --baseline
      juror-assistant eval --golden corpus/golden.jsonl --compare r.json --failures
      juror-assistant eval --golden ours.jsonl --min hit_at_5=0.9 --min abstention_recall=0.6
      juror-assistant eval --golden ours.jsonl --min quote_precision=0.6 --max answer_words_median=40
      juror-assistant eval --golden ours.jsonl --variants --report r.json
    """
    from assistant.answers.assistant import Assistant
    from assistant.quality.comparison import compare, load_report
    from assistant.quality.evaluation import (
        GATE,
        GATE_MAX,
        evaluate_assistant,
        parse_maximums,
        parse_minimums,
        write_json,
    )
    from assistant.quality.golden import load_golden
    from assistant.quality.report_text import (
        format_comparison,
        format_failures,
        format_summary,
        format_variants,
        gate_failures,
    )

    # Your own limits replace the default ones; --gate alone checks the defaults in both directions.
    limits: tuple[dict[str, float], dict[str, float]] | None = None
    if minimums or maximums:
        limits = parse_minimums(minimums), parse_maximums(maximums)
    elif gate:
        limits = GATE, GATE_MAX
    golden = load_golden(golden_path)
    previous = load_report(compare_path) if compare_path else None
    assistant = Assistant.from_settings(make_settings(data_dir))
    progress = _bar(quiet)
    report = evaluate_assistant(assistant, golden, golden_path.name, baseline=baseline, progress=progress)
    if variants:
        from assistant.quality.variants import run_variants

        report["variants"] = run_variants(assistant, golden, report["records"], progress)
    if previous is not None:
        report["comparison"] = compare(report, previous)
    for warning in report["warnings"]:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    click.echo(format_summary(report))
    if show_failures and report["summary"]["failed"]:
        click.echo("\nFailing questions:")
        click.echo(format_failures(report))
    if variants:
        click.echo("\n" + format_variants(report))
    if previous is not None:
        click.echo("\n" + format_comparison(report["comparison"]))
    if report_path:
        write_json(report, report_path)
        click.echo(f"JSON report: {report_path}")
    if html_path:
        from assistant.quality.report_html import render_report

        html_path.write_text(render_report(report), encoding="utf-8")
        click.echo(f"HTML report: {html_path}")
    if limits is not None:
        lows, highs = limits
        problems = gate_failures(report["summary"], lows, highs)
        if problems:
            for problem in problems:
                click.secho(f"gate: {problem}", fg="red", err=True)
            sys.exit(3)
        within = [
            text for text, given in (("at or above its minimum", lows), ("at or below its maximum", highs)) if given
        ]
        click.echo(f"Gate: every metric is {' and '.join(within)}.")


@main.command("check-library")
@data_dir_option
@click.option("--all", "show_all", is_flag=True, help="List every section, not only the ones that look unreachable.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@friendly
def check_library(data_dir: Path | None, show_all: bool, as_json: bool, quiet: bool) -> None:
    """Probe every section of the library with questions and list those the assistant cannot find.

    A section that its own heading and key words do not retrieve is usually a heading without text, a
    table that was not parsed, or a scanned page; fix the source file and load it again.
    """
    import json

    from assistant.answers.assistant import Assistant
    from assistant.quality.health import check_library as run_check

    assistant = Assistant.from_settings(make_settings(data_dir))
    report = run_check(assistant.library, assistant.retriever, progress=_bar(quiet or as_json))
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    for note in report.notes:
        click.secho(f"warning: {note}", fg="yellow")
    rows = report.sections if show_all else report.unreachable
    for s in rows:
        status = "ok" if s.reachable else "UNREACHABLE"
        click.echo(f"{status:<12} {s.source} § {s.section or '(no heading)'}" + (f" (p. {s.page})" if s.page else ""))
        if not s.reachable:
            click.echo(f"             this section may be unreachable: {s.reason}")
    click.echo(report.summary())
