"""Files in: discovery, names, size limits, encodings, and the one entry point that picks a format reader.

Every failure is a `LoadError` naming the file and the problem; nothing here writes anywhere.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from assistant.errors import LoadError
from assistant.library.loading.document import CONTROL, LoadedDocument, clean, ends_sentence
from assistant.library.loading.docx import read_docx
from assistant.library.loading.front_matter import merge_title_runs, split_front_matter
from assistant.library.loading.furniture import mail_identity, without_contents
from assistant.library.loading.html import read_html
from assistant.library.loading.language import language_warning
from assistant.library.loading.lines import ARTICLE_LINE, NUMBERED, read_plain
from assistant.library.loading.markdown import read_markdown
from assistant.library.loading.metadata import (
    KEY_VALUE,
    body_named,
    find_effective_date,
    header_fields,
    infer_kind,
    parse_date,
    parse_front_matter,
    take_metadata_lines,
)
from assistant.library.loading.pdf import read_pdf
from assistant.text import file_words

SUPPORTED = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}


# ---------------------------------------------------------------- file names and discovery


def safe_filename(name: str) -> str:
    """A file name with no directories, control characters or leading dots; never empty."""
    base = re.split(r"[\\/]", name.replace("\x00", ""))[-1]
    base = CONTROL.sub("", base).strip().lstrip(".")
    base = re.sub(r"[^\w .()+,-]", "_", base)
    base = re.sub(r"\s+", " ", base)
    if len(base) > 150:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 150 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:150]
    return base or "unnamed"


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and supported files inside folders (sorted; README files and hidden entries skipped)."""
    for path in paths:
        if path.is_dir():
            yield from (child for child in _folder_files(path) if child.suffix.lower() in SUPPORTED)
        else:
            yield path


# Companion files that sit beside a library (golden sets, data, images, scripts): skipped without a warning.
NOT_DOCUMENTS = frozenset(
    ".jsonl .json .csv .tsv .yaml .yml .toml .py .sh .png .jpg .jpeg .gif .svg .webp .css .js .log .lock .zip".split()
)


def unsupported_in_folders(paths: Iterable[Path]) -> list[Path]:
    """Files a folder scan passes over because of their type (so the organiser can be told, not left guessing)."""
    return [
        child
        for path in paths
        if path.is_dir()
        for child in _folder_files(path)
        if child.suffix.lower() not in SUPPORTED and child.suffix.lower() not in NOT_DOCUMENTS
    ]


def _folder_files(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.rglob("*")):
        rel = child.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not child.is_file() or child.is_symlink():
            continue
        if not child.name.lower().startswith("readme"):
            yield child


def too_big(size: int, max_bytes: int) -> str:
    """The size-limit message, readable for small limits too (0.01 MB, not 0 MB)."""

    def human(n: float) -> str:
        return f"{n / 1024 / 1024:.3g} MB" if n >= 1024 * 1024 else f"{n / 1024:.3g} KB"

    return f"file is {human(size)}, over the {human(max_bytes)} limit (JUROR_MAX_FILE_MB)"


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes, source: str) -> tuple[str, str | None]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. Returns (text, warning)."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise LoadError(source, "looks like a binary file, not text")
    try:
        return data.decode("cp1252"), f"{source}: not UTF-8; read as Windows-1252 (legacy encoding)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"{source}: not UTF-8; read as Latin-1 (legacy encoding)"


# ---------------------------------------------------------------- entry point


def load_bytes(
    data: bytes, source: str, *, max_bytes: int | None = None, overrides: dict[str, str] | None = None
) -> LoadedDocument:
    """Parse one file's bytes. `source` is the (sanitised) file name used in citations."""
    ext = Path(source).suffix.lower()
    fmt = SUPPORTED.get(ext)
    if fmt is None:
        kinds = ", ".join(sorted(SUPPORTED))
        raise LoadError(source, f"unsupported file type {ext or '(no extension)'!r}; supported: {kinds}")
    if max_bytes is not None and len(data) > max_bytes:
        raise LoadError(source, too_big(len(data), max_bytes))
    if not data.strip():
        raise LoadError(source, "the file is empty")
    warnings: list[str] = []
    subject, signature = "", list[str]()
    if fmt == "pdf":
        meta, blocks = read_pdf(data, source)
    elif fmt == "docx":
        meta, blocks = read_docx(data, source)
    else:
        text, warning = decode_text(data, source)
        if warning:
            warnings.append(warning)
        if fmt != "html":
            subject, signature = mail_identity(text.splitlines())
        if fmt == "html":
            meta, blocks = read_html(text, source)
        elif fmt == "markdown":
            meta, blocks = read_markdown(text)
        else:
            meta, body = parse_front_matter(text)
            fields, body = take_metadata_lines(body)
            meta = fields | meta
            blocks = read_plain(body)
    if not blocks or sum(len(b.text) for b in blocks) < 20:
        raise LoadError(source, "no extractable text (the file has no readable content)")
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    for key, value in header_fields(blocks).items():
        meta.setdefault(key, value)
    # (a numbered section's heading is no title: "1. About the Competition" of Word's Heading 1, the running title
    # above it names the document)
    title = meta.get("title") or next((b.text for b in blocks if b.level == 1), "")
    title = "" if (NUMBERED.match(title) or ARTICLE_LINE.match(title)) and not meta.get("title") else title
    blocks, header = split_front_matter(blocks, title)
    header = _unwrapped(header)
    if meta.get("page_title"):
        header.insert(0, meta["page_title"])
    header += [body for body in body_named(meta) if body not in header]
    if not title:  # no title given: a short running title at the head of the text, else the file name
        # (not a letter's greeting: "Hi all,", "Dear Judge,")
        title = next((h for h in header if 2 <= len(h.split()) <= 12 and not KEY_VALUE.match(h) and h[-1] != ","), "")
        title = _title_case(title) if title.isupper() else title
        title = title or subject or file_words(source).title()
    header += [line for line in signature if line not in header]
    blocks = without_contents([b for b in merge_title_runs(blocks) if b.text])
    if not blocks:
        raise LoadError(source, "no extractable text (only a title and header lines)")
    for block in blocks[:10]:  # the title printed as a heading opens the document rather than a section
        if block.level > 1 and block.text.lower() == clean(title).lower():
            block.level = 1
            break
    foreign = language_warning(source, "\n".join(b.text for b in blocks))
    if foreign:
        warnings.append(foreign)
    full = "\n".join(header + [b.text for b in blocks[:60]])
    effective = parse_date(meta.get("effective_date", "") or meta.get("effective", "")) or find_effective_date(full)
    kind = meta.get("kind") or infer_kind(title, source)
    return LoadedDocument(
        source=source,
        title=clean(title)[:200],
        kind=kind,
        blocks=blocks,
        sha256=file_sha256(data),
        festival=meta.get("festival", ""),
        edition=str(meta.get("edition", "")),
        effective_date=effective,
        amends=meta.get("amends", ""),
        format=fmt,
        warnings=warnings,
        url=meta.get("url", ""),
        header=" · ".join(header),
    )


def _title_case(line: str) -> str:
    """A title set in capitals as a name is written: "Festival of Wild Cinema", not "Festival Of Wild Cinema"."""
    small = {"of", "and", "the", "for", "in", "on", "at", "to", "a", "an", "de", "del", "la"}
    words = line.split()
    return " ".join(
        w
        if w.startswith(("(", '"', "“")) and w.strip('()"“”').isupper()  # "(KLCFF)" stays as written
        else w.lower()
        if i and w.lower() in small
        else w[:1].upper() + w[1:].lower()
        for i, w in enumerate(words)
    )


def _unwrapped(header: list[str]) -> list[str]:
    """A title printed in capitals over two lines is one line ("... FESTIVAL OF FANTASTIC" / "CINEMA", "... OF FAITH
    AND" / "VALUES IN FILM"); two titles in capitals, one under the other, stay two."""
    out: list[str] = []
    for line in header:
        wrapped = (
            len(line.split()) <= 2 or out and out[-1].split()[-1].lower() in ("of", "and", "for", "the", "&", "in")
        )
        if out and out[-1].isupper() and line.isupper() and not ends_sentence(out[-1]) and wrapped:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def load_file(path: Path, *, max_bytes: int | None = None, overrides: dict[str, str] | None = None) -> LoadedDocument:
    source = safe_filename(path.name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(str(path), f"cannot read the file ({exc.strerror or exc})") from exc
    if max_bytes is not None and size > max_bytes:
        raise LoadError(source, too_big(size, max_bytes))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(source, f"cannot read the file ({exc.strerror or exc})") from exc
    return load_bytes(data, source, max_bytes=max_bytes, overrides=overrides)
