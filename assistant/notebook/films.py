"""The competition's films: the list an organiser loads per festival, read from a CSV file or a table pasted from a
spreadsheet, a web page or a Markdown document, with a message for each row that could not be used.

A list names its columns in its first row (Title, Director, Section, Running time, Screenings, in any order and
spelling a programme uses: "Film", "Directed by", "Competition", "Runtime", "Screening 1"...). Only the title is
required. Hostile input is refused whole (binary data, over the size or row limits, no title column) or row by row
(no title, a title already listed, a cell too long), never half-read: nothing is loaded from a file that cannot be
read. Cells are kept as typed; what could run as a spreadsheet formula is neutralised on every export
(`safe_cell`).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from assistant.errors import NotebookError
from assistant.text import MONTHS

MAX_BYTES = 1_000_000
MAX_ROWS = 1000
MAX_COLUMNS = 40
MAX_CELL_CHARS = 300
MAX_SCREENINGS = 20
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
COLUMNS: dict[str, tuple[str, ...]] = {
    "title": (
        "title",
        "film",
        "film title",
        "original title",
        "english title",
        "international title",
        "name",
        "titre",
        "titulo",
        "titel",
    ),
    "director": (
        "director",
        "directors",
        "directed by",
        "director s",
        "filmmaker",
        "filmmakers",
        "realisateur",
        "realisation",
        "regie",
        "director a",
    ),
    "section": ("section", "competition", "category", "programme", "program", "strand", "jury"),
    "minutes": (
        "running time",
        "runtime",
        "run time",
        "duration",
        "length",
        "minutes",
        "mins",
        "min",
        "running time min",
        "duree",
        "duracion",
        "dauer",
        "laufzeit",
    ),
    "screenings": (
        "screenings",
        "screening",
        "screening times",
        "screening time",
        "showtimes",
        "show times",
        "dates",
        "date",
        "times",
        "time",
        "when",
        "schedule",
        "seances",
        "projections",
        "horaires",
        "proyecciones",
        "funciones",
    ),
}
TEMPLATE = "Title,Director,Section,Running time,Screenings\n"
_MONTHS = {m: i + 1 for i, m in enumerate(MONTHS)} | {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_DMY = re.compile(r"(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})")
_WORDY = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})")
_TIME = re.compile(r"(?:^|[\sT,])(?P<h>[01]?\d|2[0-3])[:h.](?P<mi>[0-5]\d)\b")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_HOURS = re.compile(r"^(?:(?P<h>\d{1,2})\s*h(?:ours?|rs?)?\s*)?(?:(?P<m>\d{1,3})\s*(?:m|min|mins|minutes|')?)?$", re.I)
_CLOCK = re.compile(r"^(?P<h>\d{1,2}):(?P<m>[0-5]\d)(?::[0-5]\d)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Screening:
    when: str  # "2027-06-11 19:30" (or the words as typed, when they are not a date)
    place: str = ""
    parsed: bool = True

    @property
    def label(self) -> str:
        return f"{self.when} {self.place}".strip()


@dataclass(frozen=True)
class Film:
    title: str
    director: str = ""
    section: str = ""
    minutes: int | None = None
    screenings: tuple[Screening, ...] = ()

    @property
    def key(self) -> str:
        return film_key(self.title)

    @property
    def label(self) -> str:
        """ "Sunfall — Ana Reyes (Feature Competition, 95 min)" """
        facts = ", ".join(x for x in (self.section, f"{self.minutes} min" if self.minutes else "") if x)
        by = f" — {self.director}" if self.director else ""
        return f"{self.title}{by}" + (f" ({facts})" if facts else "")


@dataclass(frozen=True)
class RowMessage:
    row: int  # as the organiser counts it in the file: the header is row 1
    level: str  # "error" (the row was not loaded) or "warning" (loaded, one value left out or kept as typed)
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass
class FilmListReport:
    films: list[Film] = field(default_factory=list)
    messages: list[RowMessage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the whole file (encoding, ignored columns)

    @property
    def errors(self) -> list[RowMessage]:
        return [m for m in self.messages if m.level == "error"]

    @property
    def warnings(self) -> list[RowMessage]:
        return [m for m in self.messages if m.level == "warning"]

    def summary(self) -> str:
        skipped = len(self.errors)
        return f"{len(self.films)} films read" + (f", {skipped} rows skipped" if skipped else "")


def film_key(title: str) -> str:
    """How notes refer to a film: its title, normalised (case, accents' composition and spacing do not matter)."""
    return " ".join(unicodedata.normalize("NFKC", title).casefold().split())


def safe_cell(text: str) -> str:
    """A value as it may go into an export a spreadsheet could open: one that would start a formula ("=cmd|…",
    "+1", "@SUM(…)") gets a leading apostrophe, so it is shown as text and never run."""
    value = str(text)
    return "'" + value if value.startswith(FORMULA_START) else value


# ---------------------------------------------------------------- reading the bytes
def decode(data: bytes, name: str = "the film list") -> tuple[str, str]:
    """(text, note): UTF-8 (with or without a byte-order mark) or UTF-16 with its mark; anything else is read as
    Windows-1252 with a note to check accents. Binary data is refused."""
    if len(data) > MAX_BYTES:
        raise NotebookError(
            f"{name} is {len(data) / 1e6:.1f} MB; a film list is at most {MAX_BYTES / 1e6:.0f} MB: split it or "
            "remove columns the notebook does not use"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            raise NotebookError(
                f"{name} starts like UTF-16 text but is damaged: save it again as CSV (UTF-8)"
            ) from None
    if b"\x00" in data[:4096] or _looks_binary(data[:4096]):
        raise NotebookError(
            f"{name} is not text (it looks like a spreadsheet or another binary file): in your spreadsheet use "
            "'Save as… CSV (UTF-8)', or copy the table and paste it"
        )
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text, (
            f"{name} is not UTF-8; it was read as Windows-1252 (Western European). Check accented titles below; "
            "if they look wrong, save the file as CSV (UTF-8) and load it again."
        )


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls / len(head) > 0.01


# ---------------------------------------------------------------- reading the table
def _rows(text: str) -> list[list[str]]:
    """The table's rows: tab-separated (pasted from a spreadsheet), a Markdown pipe table, or CSV (comma or
    semicolon, whichever the header uses)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return []
    if len(lines) > MAX_ROWS + 1:
        raise NotebookError(
            f"the film list has {len(lines) - 1} rows; the notebook takes at most {MAX_ROWS} films per festival"
        )
    header = lines[0]
    if "\t" in header:
        return [[c.strip() for c in ln.split("\t")] for ln in lines]
    if header.lstrip().startswith("|"):
        out = []
        for ln in lines:
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # the |---|---| line under the header
            out.append(cells)
        return out
    delimiter = ";" if header.count(";") > header.count(",") else ","
    try:
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(row)]
    except csv.Error as exc:
        raise NotebookError(
            f"the film list is not a readable CSV table ({exc}); save it again as CSV (UTF-8)"
        ) from None


def _normal(header: str) -> str:
    folded = unicodedata.normalize("NFKD", header)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def column_of(header: str) -> str | None:
    """Which field a header names ("Directed by" -> director, "Screening 2" -> screenings), or None."""
    name = _normal(header)
    if not name:
        return None
    for key, names in COLUMNS.items():
        if name in names:
            return key
    base = re.sub(r"\s*\d+$", "", name)  # "screening 1", "screening 2"
    if base in COLUMNS["screenings"]:
        return "screenings"
    for key, names in COLUMNS.items():
        if any(name.startswith(n + " ") for n in names if len(n) > 3):
            return key
    return None


def parse_minutes(text: str) -> int | None:
    """95, "95 min", "95'", "1h35", "1 h 35 min", "1:35" (h:mm) or "1:35:00" -> minutes; None for anything else."""
    value = text.strip().lower().replace(",", ".")
    if not value:
        return None
    clock = _CLOCK.match(value)
    if clock:
        return int(clock.group("h")) * 60 + int(clock.group("m"))
    if re.fullmatch(r"\d{1,3}(?:\.\d+)?", value):
        return round(float(value))
    hours = _HOURS.match(value.replace(" ", ""))
    if hours and (hours.group("h") or hours.group("m")):
        return int(hours.group("h") or 0) * 60 + int(hours.group("m") or 0)
    return None


def parse_screening(text: str) -> Screening:
    """ "2027-06-11 19:30 Harbour Hall", "11/06/2027 19:30" (day first), "Fri 11 June 2027, 19:30" -> a screening
    with an ISO date and time and the rest as its place; anything else is kept as typed (parsed=False)."""
    raw = " ".join(text.split())
    rest = _WEEKDAY.sub("", raw)
    day = None
    for pattern in (_ISO, _DMY, _WORDY):
        found = pattern.search(rest)
        if not found:
            continue
        month = found.groupdict().get("m") or _MONTHS.get(found.group("mon").lower().rstrip("."), 0)
        try:
            day = datetime(int(found.group("y")), int(month), int(found.group("d")))
        except ValueError:
            return Screening(raw, "", parsed=False)
        rest = (rest[: found.start()] + " " + rest[found.end() :]).strip(" ,")
        break
    if day is None:
        return Screening(raw, "", parsed=False)
    clock = _TIME.search(" " + rest)
    when = day.strftime("%Y-%m-%d")
    if clock:
        when += f" {int(clock.group('h')):02d}:{clock.group('mi')}"
        start, end = clock.span()
        rest = ((" " + rest)[:start] + " " + (" " + rest)[end:]).strip()
    place = rest.strip(" ,-–—@") if rest else ""
    return Screening(when, place)


def _screenings(cells: list[str]) -> tuple[list[Screening], list[str]]:
    found, bad = [], []
    for cell in cells:
        for part in re.split(r"\s*[;|\n]\s*|\s+/\s+", cell):
            if not part.strip():
                continue
            screening = parse_screening(part)
            found.append(screening)
            if not screening.parsed:
                bad.append(part.strip())
    return found, bad


def parse_films(data: bytes | str, name: str = "the film list") -> FilmListReport:
    """Read a film list (file bytes or pasted text): the films, and a message for each row that was skipped or kept
    with a value left out. NotebookError when nothing can be read (binary, too big, no header with a title)."""
    report = FilmListReport()
    if isinstance(data, bytes):
        text, note = decode(data, name)
        if note:
            report.notes.append(note)
    else:
        if len(data.encode("utf-8", errors="replace")) > MAX_BYTES:
            raise NotebookError(
                f"{name} is over {MAX_BYTES / 1e6:.0f} MB; a film list is at most {MAX_BYTES / 1e6:.0f} MB: split it "
                "or remove columns the notebook does not use"
            )
        text = data
    rows = _rows(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not rows:
        raise NotebookError(f"{name} is empty: the first row names the columns ({TEMPLATE.strip()}), one film a row")
    header = rows[0]
    if len(header) > MAX_COLUMNS:
        raise NotebookError(f"{name} has {len(header)} columns; a film list has at most {MAX_COLUMNS}")
    fields = [column_of(h) for h in header]
    if "title" not in fields:
        shown = ", ".join(repr(h[:30]) for h in header[:8])
        raise NotebookError(
            f"{name} has no Title column (its first row reads {shown}): the first row must name the columns, e.g. "
            f"{TEMPLATE.strip()}"
        )
    ignored = [h for h, f in zip(header, fields, strict=True) if f is None and h.strip()]
    if ignored:
        report.notes.append("Columns not used by the notebook: " + ", ".join(repr(h[:30]) for h in ignored[:10]) + ".")
    taken: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        film = _film(row, fields, number, taken, report)
        if film is not None:
            taken[film.key] = number
            report.films.append(film)
    if not report.films and not report.errors:
        raise NotebookError(f"{name} names its columns but lists no film")
    return report


def _film(
    row: list[str], fields: list[str | None], number: int, taken: dict[str, int], report: FilmListReport
) -> Film | None:
    def say(level: str, message: str) -> None:
        report.messages.append(RowMessage(number, level, message))

    if not any(c.strip() for c in row):
        return None
    if len(row) > len(fields) and any(c.strip() for c in row[len(fields) :]):
        say("warning", f"{len(row)} cells for {len(fields)} columns; the cells past the last column were left out")
    values: dict[str, list[str]] = {}
    for f, cell in zip(fields, row, strict=False):
        if f is None:
            continue
        if len(cell) > MAX_CELL_CHARS:
            say("error", f"a {f} cell has {len(cell)} characters (at most {MAX_CELL_CHARS}); the row was skipped")
            return None
        clean = _CONTROL.sub("", cell).strip()
        values.setdefault(f, []).append(clean)
    title = " ".join(" ".join(values.get("title", [])).split())
    if not title:
        say("error", "no title; the row was skipped")
        return None
    key = film_key(title)
    if key in taken:
        say(
            "error",
            f"{title!r} is already on row {taken[key]}; the row was skipped (if these are two films, tell them apart "
            "in the title, e.g. with the year or the director in brackets)",
        )
        return None
    minutes_text = " ".join(values.get("minutes", [])).strip()
    minutes = parse_minutes(minutes_text) if minutes_text else None
    if minutes_text and (minutes is None or not 1 <= minutes <= 1500):
        say(
            "warning", f"running time {minutes_text!r} is not a number of minutes (e.g. 95, 95 min or 1h35); left empty"
        )
        minutes = None
    screenings, bad = _screenings(values.get("screenings", []))
    for part in bad:
        say("warning", f"screening {part!r} is not a date (e.g. 2027-06-11 19:30, or 11/06/2027 19:30); kept as typed")
    if len(screenings) > MAX_SCREENINGS:
        say("warning", f"{len(screenings)} screenings; the first {MAX_SCREENINGS} were kept")
        screenings = screenings[:MAX_SCREENINGS]
    return Film(
        title,
        " ".join(" ".join(values.get("director", [])).split()),
        " ".join(" ".join(values.get("section", [])).split()),
        minutes,
        tuple(screenings),
    )


def films_csv(films: list[Film]) -> str:
    """The list as CSV (the template's columns), every cell made safe for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Title", "Director", "Section", "Running time", "Screenings"])
    for f in films:
        writer.writerow(
            [
                safe_cell(f.title),
                safe_cell(f.director),
                safe_cell(f.section),
                f.minutes or "",
                safe_cell("; ".join(s.label for s in f.screenings)),
            ]
        )
    return out.getvalue()
