"""A page of a loaded PDF as a picture, the quoted words marked (the Ask page's citation view)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import LoadError
from assistant.text import quote_parts


def pdf_page_png(path: Path, page: int, width_px: int = 1000, highlight: str = "") -> bytes:
    """One page of a loaded PDF as a PNG, the cited words marked, so a juror sees the passage where it stands."""
    import io

    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise LoadError(path.name, f"the PDF cannot be opened ({exc})") from None
    try:
        if not 1 <= page <= len(pdf):
            raise LoadError(path.name, f"there is no page {page} (the PDF has {len(pdf)} pages)")
        pdf_page = pdf[page - 1]
        scale = width_px / max(1.0, pdf_page.get_width())
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        boxes = _quote_boxes(pdf_page, highlight) if highlight.strip() else []
        if boxes:
            overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
            draw = ImageDraw.Draw(overlay)
            height = pdf_page.get_height()
            for left, bottom, right, top in boxes:
                draw.rectangle(
                    (
                        (left - 2) * scale,
                        (height - top - 2) * scale,
                        (right + 2) * scale,
                        (height - bottom + 2) * scale,
                    ),
                    fill=(255, 196, 0, 90),
                )
            image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        pdf.close()


def _quote_boxes(pdf_page: Any, quote: str) -> list[tuple[float, float, float, float]]:
    """One box per text line covered by each part of the quote (parts joined by an ellipsis); [] if not found.

    PDF text differs from the loaded text in line breaks and hyphenation, so each part is located by its first
    and last few words rather than as a whole.
    """
    textpage = pdf_page.get_textpage()
    lines: dict[tuple[int, int], list[float]] = {}
    for part in quote_parts(quote):
        tokens = part.lstrip("> ").split()
        if not tokens:
            continue
        start = _find(textpage, tokens, 0, from_end=False)
        if start is None:
            continue
        end = _find(textpage, tokens, start[0], from_end=True) or start
        for i in range(start[0], max(end[0] + end[1], start[0] + start[1])):
            left, bottom, right, top = textpage.get_charbox(i)
            if right - left <= 0 or top - bottom <= 0:
                continue
            key = (round(bottom / 3), round(top / 3))  # characters of one line share their baseline
            box = lines.setdefault(key, [left, bottom, right, top])
            box[0], box[1], box[2], box[3] = (
                min(box[0], left),
                min(box[1], bottom),
                max(box[2], right),
                max(box[3], top),
            )
    return [(b[0], b[1], b[2], b[3]) for b in lines.values()]


def _find(textpage: Any, tokens: list[str], index: int, *, from_end: bool) -> tuple[int, int] | None:
    """(first char, length) of the quote's first (or last) few words on the page, trying shorter runs."""
    for n in (6, 4, 3, 2):
        run = tokens[-n:] if from_end else tokens[:n]
        if len(run) < min(n, len(tokens)):
            continue
        found = textpage.search(" ".join(run), index=index, match_case=False).get_next()
        if found:
            return int(found[0]), int(found[1])
    return None
