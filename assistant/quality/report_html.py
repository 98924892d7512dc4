"""The evaluation report as one self-contained HTML page: inline CSS, an inline SVG chart, no scripts.

Every piece of text from the golden set, the library or the answers is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from assistant.quality.evaluation import CLASS_LABELS, LABELS, METRICS, RATES
from assistant.quality.metrics import holds_evidence
from assistant.quality.report_text import (
    NOISE_NOTE,
    class_rows,
    fmt,
    fmt_ci,
    fmt_paired,
    follow_up_phrase,
    gate_failures,
    gate_limit,
    variant_rows,
    within_gate,
)

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2433;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #e3e7ef;padding-bottom:.3rem}
.meta{color:#5b6475;font-size:.9rem}table{border-collapse:collapse;width:100%;margin:.6rem 0}
th,td{border-bottom:1px solid #e3e7ef;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#f4f6fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#16703a;font-weight:600}.bad{color:#b42318;font-weight:600}.gate{padding:.6rem 1rem;border-radius:6px;margin:1rem 0}
.gate.ok{background:#e7f6ec}.gate.bad{background:#fdecea}.card{border:1px solid #e3e7ef;border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
.card h3{margin:.1rem 0 .4rem;font-size:1.05rem}.fail{color:#b42318}.quote{background:#f7f8fb;border-left:3px solid #9aa4b8;padding:.3rem .6rem;margin:.3rem 0}
.ctx{font-size:.85rem;color:#394150}.ctx.hit{background:#eef8f1}.tag{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:4px;background:#e3e7ef;margin-right:.3rem}
.tag.cls{background:#fdecea;color:#b42318}.better{color:#16703a}.worse{color:#b42318}details summary{cursor:pointer;font-weight:600}
"""

OURS_COLOUR = "#2f5fd0"
BASE_COLOUR = "#a3abbd"


def _metric_rows(report: dict[str, Any]) -> str:
    base = report.get("baseline", {}).get("summary")
    ours = report["summary"]
    rows = []
    for key, label, _ in METRICS:
        cells = [
            f"<td>{escape(label)}</td>",
            f'<td class="num">{escape(fmt(ours[key]["value"], key))}</td>',
            f'<td class="num">{ours[key]["n"]}</td>',
            f'<td class="num">{escape(fmt_ci(ours[key]))}</td>',
        ]
        if base:
            cells += [
                f'<td class="num">{escape(fmt(base[key]["value"], key))}</td>',
                f'<td class="num">{base[key]["n"]}</td>',
            ]
        limit = gate_limit(key)
        if limit:
            ok = within_gate(key, ours[key]["value"])
            cells.append(f'<td class="{"ok" if ok else "bad"}">{escape(limit)}</td>')
        else:
            cells.append("<td></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = (
        "<tr><th>Metric</th><th>Ours</th><th>n</th><th>95% interval</th>"
        + ("<th>Baseline</th><th>n</th>" if base else "")
        + "<th>Gate</th></tr>"
    )
    return f"<table>{head}{''.join(rows)}</table>"


def _class_table(report: dict[str, Any]) -> str:
    """Failing questions per class (each counted once, under its first class), ours and the baseline."""
    base = bool(report.get("baseline"))
    rows = "".join(
        f"<tr><td>{escape(label)}</td><td><code>{escape(key)}</code></td><td class='num'>{escape(fmt(ours))}</td>"
        + (f"<td class='num'>{escape(fmt(theirs))}</td>" if base else "")
        + "</tr>"
        for key, label, ours, theirs in class_rows(report)
    )
    head = "<tr><th>Failure class</th><th>Key</th><th>Ours</th>" + ("<th>Baseline</th>" if base else "") + "</tr>"
    return f"<table class='classes'>{head}{rows}</table>"


def _class_tag(record: dict[str, Any]) -> str:
    key = record.get("failure_class")
    if not key:
        return ""
    return f"<span class='tag cls' title='{escape(key)}'>{escape(CLASS_LABELS.get(key, key))}</span>"


def bar_chart(report: dict[str, Any]) -> str:
    """Horizontal bars (0 to 1) for every rate metric: ours, and the baseline beside it when present."""
    base = report.get("baseline", {}).get("summary")
    keys = list(RATES)
    left, width, bar_h = 200, 460, 12
    row_h = bar_h * (2 if base else 1) + 14
    height = 30 + row_h * len(keys)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Metrics chart" width="{left + width + 60}" height="{height}" font-family="system-ui,sans-serif" font-size="12">'
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * width
        parts.append(
            f'<line x1="{x:.0f}" y1="18" x2="{x:.0f}" y2="{height - 4}" stroke="#e3e7ef"/><text x="{x:.0f}" y="12" text-anchor="middle" fill="#5b6475">{tick:g}</text>'
        )
    for i, key in enumerate(keys):
        y = 24 + i * row_h
        parts.append(
            f'<text x="{left - 8}" y="{y + bar_h}" text-anchor="end" fill="#1d2433">{escape(LABELS[key])}</text>'
        )
        series = [("ours", report["summary"][key]["value"], OURS_COLOUR)]
        if base:
            series.append(("baseline", base[key]["value"], BASE_COLOUR))
        for j, (name, value, colour) in enumerate(series):
            by = y + j * bar_h
            if value is None:
                parts.append(f'<text x="{left + 4}" y="{by + bar_h - 2}" fill="#5b6475">{name}: n/a</text>')
                continue
            w = max(0.0, min(1.0, float(value))) * width
            parts.append(
                f'<rect x="{left}" y="{by}" width="{w:.1f}" height="{bar_h - 2}" fill="{colour}"><title>{name} {value:.3f}</title></rect>'
            )
            parts.append(f'<text x="{left + w + 4:.1f}" y="{by + bar_h - 2}" fill="#394150">{value:.2f}</text>')
    legend_y = height - 2
    if base:
        parts.append(
            f'<rect x="{left}" y="{legend_y - 9}" width="10" height="8" fill="{OURS_COLOUR}"/><text x="{left + 14}" y="{legend_y}">ours</text>'
        )
        parts.append(
            f'<rect x="{left + 60}" y="{legend_y - 9}" width="10" height="8" fill="{BASE_COLOUR}"/><text x="{left + 74}" y="{legend_y}">baseline</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _record_card(record: dict[str, Any]) -> str:
    exp = record["expected"]
    out = [
        f'<div class="card" id="q-{escape(record["id"])}"><h3><span class="tag">{escape(record["id"])}</span>{escape(record["question"])}</h3>',
        f"<p><b>Failure class:</b> {_class_tag(record)}"
        + "".join(
            f" <span class='tag'>also {escape(CLASS_LABELS.get(k, k))}</span>"
            for k in record.get("failure_classes", [])[1:]
        )
        + "</p>",
    ]
    if record.get("history"):
        turns = "".join(f"<li><b>{escape(t['role'])}:</b> {escape(t['content'])}</li>" for t in record["history"])
        out.append(f"<div class='ctx'>Earlier turns:<ul>{turns}</ul></div>")
    out.append("<ul>" + "".join(f'<li class="fail">{escape(f)}</li>' for f in record["failures"]) + "</ul>")
    if exp["answerable"]:
        out.append(
            f"<p><b>Expected</b> ({escape(exp['source'])}): {escape(exp['answer'])}</p><div class='quote'>{escape(exp['evidence'])}</div>"
        )
    else:
        out.append("<p><b>Expected:</b> the assistant should say the library does not cover this.</p>")
    out.append(f"<p><b>Answer</b>{' (abstained)' if record['abstained'] else ''}: {escape(record['answer'])}</p>")
    for c in record.get("citations", []):
        out.append(
            f"<div class='quote'>[{c['n']}] {escape(c['source'])} § {escape(c.get('section') or '')}: {escape(c['quote'])}</div>"
        )
    out.append("<p><b>Retrieved passages</b></p><ol>")
    for ctx in record.get("contexts", [])[:5]:
        hit = exp["answerable"] and holds_evidence(exp["evidence"], ctx.get("text", ""))
        text = ctx.get("text", "")
        snippet = text[:300] + ("…" if len(text) > 300 else "")
        out.append(
            f"<li class='ctx{' hit' if hit else ''}'>{escape(ctx.get('source', ''))} § {escape(ctx.get('section') or '')} <span class='tag'>{ctx.get('score', 0):.2f}</span>{' <b>holds the evidence</b>' if hit else ''}<br>{escape(snippet)}</li>"
        )
    out.append("</ol></div>")
    return "".join(out)


def _comparison(comparison: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{escape(r['label'])}</td><td class='num'>{escape(fmt(r['before'], r['metric']))}</td><td class='num'>{escape(fmt(r['after'], r['metric']))}</td><td class='{r['direction']}'>{escape(r['direction'])}</td><td>{escape(fmt_paired(r))}</td></tr>"
        for r in comparison["summary"]
    )
    items = []
    for c in comparison["changes"]:
        bits = [f"<span class='better'>+ {escape(t)}</span>" for t in c["better"]] + [
            f"<span class='worse'>− {escape(t)}</span>" for t in c["worse"]
        ]
        items.append(f"<li><b>{escape(c['id'])}</b> {escape(c['question'])}<br>{'<br>'.join(bits)}</li>")
    extra = ""
    if comparison["added"]:
        extra += f"<p>New questions: {escape(', '.join(comparison['added']))}</p>"
    if comparison["removed"]:
        extra += f"<p>No longer in the set: {escape(', '.join(comparison['removed']))}</p>"
    changed = f"<ul>{''.join(items)}</ul>" if items else "<p>No question changed.</p>"
    class_rows_html = "".join(
        f"<tr><td>{escape(r['label'])}</td><td class='num'>{escape(fmt(r['before']))}</td><td class='num'>{escape(fmt(r['after']))}</td></tr>"
        for r in comparison.get("failure_classes", [])
        if r["delta"]
    )
    classes = (
        f"<h3>Failure classes that changed</h3><table><tr><th>Class</th><th>Before</th><th>Now</th></tr>{class_rows_html}</table>"
        if class_rows_html
        else ""
    )
    return f"<h2>Compared with the previous run</h2><table><tr><th>Metric</th><th>Before</th><th>Now</th><th></th><th>Questions</th></tr>{rows}</table><p class='note'>{escape(NOISE_NOTE)}</p>{classes}<h3>Question by question</h3>{changed}{extra}"


def _variants(report: dict[str, Any]) -> str:
    """The questions typed another way (`eval --variants`): the rates beside the questions as written, and the
    questions that pass as written but fail typed that way."""
    variants = report["variants"]
    rows = variant_rows(report)
    head = "".join(f"<th>{escape(c)}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row.values()) + "</tr>" for row in rows)
    lost = "".join(
        f"<p><b>{escape(name)}</b> ({escape(v['label'])}): {len(v['lost'])} passing question(s) fail typed this way"
        + "".join(
            f"<br>{escape(i['id'])} ({escape(str(i['failure_class']))}): {escape(i['question'])}" for i in v["lost"]
        )
        + "</p>"
        for name, v in variants.items()
    )
    return f"<h2>Typed another way</h2><table><tr>{head}</tr>{body}</table>{lost}"


def render_report(report: dict[str, Any]) -> str:
    """The whole report as an HTML document (string)."""
    meta = report.get("meta", {})
    s = report["summary"]
    gate = gate_failures(s)
    gate_html = (
        '<div class="gate ok">Quality gate: passed.</div>'
        if not gate
        else '<div class="gate bad">Quality gate: failed — ' + escape("; ".join(gate)) + "</div>"
    )
    failing = [r for r in report["records"] if not r["passed"]]
    all_rows = "".join(
        f"<tr><td><a href='#q-{escape(r['id'])}'>{escape(r['id'])}</a></td><td>{escape(r['question'])}</td><td class='{'ok' if r['passed'] else 'bad'}'>{'pass' if r['passed'] else 'fail'}</td>"
        f"<td>{_class_tag(r)}</td><td class='num'>{escape(str(r['metrics'].get('evidence_rank') or '-'))}</td><td>{'yes' if r['abstained'] else 'no'}</td><td class='num'>{r['latency_ms']:.0f}</td></tr>"
        for r in report["records"]
    )
    baseline_note = (
        f"<p class='meta'>Baseline: {escape(report['baseline'].get('name', ''))}</p>" if report.get("baseline") else ""
    )
    warnings = "".join(f"<li>{escape(w)}</li>" for w in report.get("warnings", []))
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Answer-quality report — {escape(str(meta.get('golden', '')))}</title><style>{CSS}</style></head><body>",
        "<h1>Answer-quality report</h1>",
        f"<p class='meta'>Golden set {escape(str(meta.get('golden', '')))} · {s['questions']} questions ({s['answerable']} answerable, {s['unanswerable']} unanswerable) · "
        f"{escape(str(meta.get('documents', '')))} documents · answerer {escape(str(meta.get('answerer', '')))} · {escape(str(meta.get('created', '')))}</p>",
        gate_html,
        f"<p>{s['passed']} questions passed, {s['failed']} failed{escape(follow_up_phrase(s))}.</p>",
        "<h2>Summary</h2>",
        _metric_rows(report),
        baseline_note,
        "<h2>Failures by class</h2>",
        "<p class='meta'>Each failing question counted once, under the first class that applies (see the evaluation "
        "guide); the last row counts every quote that is front matter of its document, passed questions included.</p>",
        _class_table(report),
        "<h2>Chart</h2>",
        bar_chart(report),
    ]
    if warnings:
        parts.append(f"<h2>Warnings</h2><ul>{warnings}</ul>")
    if report.get("variants"):
        parts.append(_variants(report))
    if report.get("comparison"):
        parts.append(_comparison(report["comparison"]))
    parts.append(f"<h2>Failing questions ({len(failing)})</h2>")
    parts.extend(_record_card(r) for r in failing)
    if not failing:
        parts.append("<p>None.</p>")
    parts.append(
        f"<h2>All questions</h2><details><summary>Show all {len(report['records'])}</summary><table><tr><th>Id</th><th>Question</th><th>Result</th><th>Class</th><th>Evidence rank</th><th>Abstained</th><th>ms</th></tr>{all_rows}</table></details>"
    )
    parts.append("</body></html>")
    return "\n".join(parts)
