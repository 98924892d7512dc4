"""The briefing as a printable PDF (fpdf2), with each rule's citation under it.

Real regulations carry accents, curly quotes and dashes, so a Unicode TrueType font is used: the `pdf_font` setting,
else DejaVu Sans where the system has it. Without one the PDF is still made with the core Helvetica font, the text
folded to Latin-1 (accents kept, other characters replaced by their closest plain form).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError
from assistant.study.briefing import APPENDIX_GROUP, Briefing, BriefingItem
from assistant.study.sentences import where

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/local/share/fonts/DejaVuSans.ttf"),
    Path("/Library/Fonts/DejaVuSans.ttf"),
)
_PLAIN = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "•": "-", "›": ">", "\u00a0": " "}


def find_font(configured: Path | None = None) -> Path | None:
    """The TrueType font to embed: the configured one (it must exist), else a DejaVu Sans the system has."""
    if configured is not None:
        if not Path(configured).is_file():
            raise ConfigError(
                f"the PDF font {configured} does not exist; set JUROR_PDF_FONT to a .ttf file or unset it"
            )
        return Path(configured)
    return next((p for p in FONT_CANDIDATES if p.is_file()), None)


def latin1(text: str) -> str:
    """Text the core PDF fonts can show: curly quotes and dashes made plain, other characters decomposed or '?'."""
    out = []
    for ch in text:
        ch = _PLAIN.get(ch, ch)
        try:
            ch.encode("latin-1")
            out.append(ch)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
    return "".join(out)


def start_pdf(title: str, font: Path | None = None) -> tuple[Any, str, Callable[[str], str]]:
    """An A4 document with its first page: (pdf, font family, text cleaner). The cleaner keeps what the built-in
    Helvetica cannot draw from failing the export when no Unicode font is found."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 16, 18)
    pdf.set_title(title)
    pdf.set_creator("Juror Assistant")
    path = find_font(font)
    if path is not None:
        pdf.add_font("Body", "", str(path))
        bold = path.with_name(path.stem + "-Bold" + path.suffix)
        pdf.add_font("Body", "B", str(bold if bold.is_file() else path))
        family, clean = "Body", (lambda t: t)
    else:
        family, clean = "Helvetica", latin1
    pdf.add_page()
    return pdf, family, clean


def briefing_pdf(briefing: Briefing, font: Path | None = None) -> bytes:
    """The briefing as PDF bytes: the juror's rules by theme, what makes a film eligible, then the appendix."""
    from fpdf.enums import XPos, YPos

    pdf, family, clean = start_pdf(briefing.title, font)
    width = pdf.epw

    def line(text: str, size: float, style: str = "", gap: float = 1.0, colour: int = 20) -> None:
        pdf.set_font(family, style, size)
        pdf.set_text_color(colour)
        pdf.multi_cell(width, size * 0.5, clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    def item(it: BriefingItem) -> None:
        badge = f"{it.badge}: " if it.badge else ""
        note = f" ({it.note})" if it.note else ""
        line(f"[{it.citation.n}] {badge}{it.text}{note}", 10, gap=0.2)
        line(f"      {where(it.citation)}", 8, gap=1.6, colour=90)

    line(briefing.title, 18, "B", gap=1)
    line(briefing.subtitle, 10, gap=4, colour=70)
    group = None
    for section in briefing.sections:
        if section.theme.group != group:
            group = section.theme.group
            line(group, 14, "B", gap=1)
            if group == APPENDIX_GROUP:
                line(
                    "Rules for those who enter films and for the festival office; a juror rarely needs them.", 9, gap=2
                )
        if section.theme.title != group:
            line(section.theme.title, 12, "B", gap=1)
        for it in section.items:
            item(it)
        pdf.ln(2)
    return bytes(pdf.output())
