"""Each benchmark owns one `## ...` section of docs/benchmarks.md and rewrites only that one."""

from __future__ import annotations

from pathlib import Path


def write_section(doc: Path, heading: str, text: str) -> None:
    """Replace the section that starts with `heading` by `text` (which starts with it), or append it."""
    doc.parent.mkdir(parents=True, exist_ok=True)
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    lines = current.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    if start is None:
        new = current.rstrip("\n") + "\n\n" + text
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        tail = "".join(lines[end:])
        new = "".join(lines[:start]) + text + ("\n" + tail if tail else "")
    doc.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
