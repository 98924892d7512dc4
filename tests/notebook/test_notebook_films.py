"""Film lists as organisers have them: CSV files from spreadsheets, tables pasted from a web page, and the hostile
ones (binary, huge, wrong encoding, formulas in cells, missing columns, duplicate titles). No model needed."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile

import pytest
from support.notebook import FILMS_CSV, FORMULA_TITLE

from assistant.errors import NotebookError
from assistant.notebook.films import (
    MAX_BYTES,
    MAX_CELL_CHARS,
    MAX_ROWS,
    column_of,
    film_key,
    films_csv,
    parse_films,
    parse_minutes,
    parse_screening,
    safe_cell,
)


def test_a_spreadsheet_csv_gives_every_film_with_its_running_time_and_screenings() -> None:
    report = parse_films(FILMS_CSV.encode("utf-8"), "competition-films.csv")
    assert [f.title for f in report.films] == ["Sunfall", "The Salt Road", "Tide Pools", "Quiet Harbour", FORMULA_TITLE]
    assert not report.messages and not report.notes
    sunfall, salt, tide = report.films[:3]
    assert (sunfall.director, sunfall.section, sunfall.minutes) == (
        "Ana Reyes",
        "International Feature Competition",
        95,
    )
    assert [(s.when, s.place) for s in sunfall.screenings] == [
        ("2027-06-11 19:30", "Harbour Hall"),
        ("2027-06-12 10:00", ""),
    ]
    assert salt.minutes == 88 and salt.screenings[0].when == "2027-06-12 15:00"  # 1h28; day first
    assert salt.screenings[0].place == "Lighthouse Cinema"
    assert tide.screenings[0].when == "2027-06-12 18:00"  # "Sat 12 June 2027 18:00"
    assert sunfall.label == "Sunfall — Ana Reyes (International Feature Competition, 95 min)"


@pytest.mark.parametrize(
    "text",
    [
        "Film\tDirected by\tCompetition\tRuntime\tScreening 1\tScreening 2\n"
        "Sunfall\tAna Reyes\tFeatures\t95'\t2027-06-11 19:30\t2027-06-12 10:00\n",  # pasted from a spreadsheet
        "| Film | Directed by | Competition | Runtime | Screenings |\n|---|---|---|---|---|\n"
        "| Sunfall | Ana Reyes | Features | 1:35 | 2027-06-11 19:30; 2027-06-12 10:00 |\n",  # a Markdown table
        "Titre;Réalisateur;Section;Durée;Séances\nSunfall;Ana Reyes;Features;95;2027-06-11 19:30 | 12/06/2027 10:00\n",
    ],
    ids=["tab-separated", "markdown", "semicolons"],
)
def test_pasted_tables_and_other_spellings_of_the_columns_are_read(text: str) -> None:
    report = parse_films(text)
    assert len(report.films) == 1, report.messages
    film = report.films[0]
    assert film.title == "Sunfall" and film.director == "Ana Reyes" and film.section == "Features"
    assert [s.when for s in film.screenings][:2] in (["2027-06-11 19:30", "2027-06-12 10:00"],)
    if "Durée" not in text:
        assert film.minutes == 95


def test_each_row_that_cannot_be_used_has_a_message_and_the_others_load() -> None:
    text = (
        "Title,Director,Running time,Screenings\n"
        "Sunfall,Ana Reyes,95,2027-06-11 19:30\n"
        ",Nobody,90,\n"  # row 3: no title
        "  SUNFALL ,Someone Else,80,\n"  # row 4: the same title again
        "Tide Pools,Ben Ong,twelve-ish,31/13/2027 18:00\n"  # row 5: bad running time and an impossible date
        f"{'x' * (MAX_CELL_CHARS + 1)},Long,10,\n"  # row 6: a cell over the limit
        "Quiet Harbour,Dara Voss,104,next Tuesday,extra cell\n"  # row 7: not a date, one cell too many
        "\n"
    )
    report = parse_films(text)
    assert [f.title for f in report.films] == ["Sunfall", "Tide Pools", "Quiet Harbour"]
    errors = {m.row: m.message for m in report.errors}
    warnings = "\n".join(str(m) for m in report.warnings)
    assert errors[3] == "no title; the row was skipped"
    assert "'SUNFALL' is already on row 2; the row was skipped" in errors[4]
    assert "row 5: running time 'twelve-ish' is not a number of minutes" in warnings
    assert "row 5: screening '31/13/2027 18:00' is not a date" in warnings
    assert f"has {MAX_CELL_CHARS + 1} characters" in errors[6]
    assert any(m.row == 7 and "'next Tuesday' is not a date" in m.message for m in report.warnings)
    assert any(m.row == 7 and "cells for 4 columns" in m.message for m in report.warnings)
    tide = report.films[1]
    assert tide.minutes is None and not tide.screenings[0].parsed  # kept as typed, not guessed
    assert str(report.errors[0]).startswith("row 3: ")
    assert report.summary() == "3 films read, 3 rows skipped"


def test_a_binary_file_is_refused_whole_with_what_to_do() -> None:
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    for data in (workbook.getvalue(), b"Title\n\x00\x01\x02\x03 film\n", bytes(range(256)) * 4):
        with pytest.raises(NotebookError, match=r"is not text \(it looks like a spreadsheet.*Save as… CSV \(UTF-8\)"):
            parse_films(data, "films.xlsx")


def test_a_huge_file_or_too_many_rows_is_refused_before_it_is_read() -> None:
    with pytest.raises(NotebookError, match="at most 1 MB"):
        parse_films(b"Title\n" + b"A film\n" * (MAX_BYTES // 7 + 10), "huge.csv")
    rows = "Title\n" + "".join(f"Film {i}\n" for i in range(MAX_ROWS + 5))
    with pytest.raises(NotebookError, match=f"at most {MAX_ROWS} films"):
        parse_films(rows)
    with pytest.raises(NotebookError, match="at most 1 MB"):
        parse_films("Title\n" + "A film\n" * (MAX_BYTES // 7 + 10))


def test_a_file_in_another_encoding_is_read_with_a_note_and_utf16_with_its_mark() -> None:
    latin = "Title,Director\nLa Nuit des Étoiles,René Clément\n".encode("cp1252")
    report = parse_films(latin, "films.csv")
    assert report.films[0].title == "La Nuit des Étoiles" and report.films[0].director == "René Clément"
    assert "not UTF-8; it was read as Windows-1252" in report.notes[0]
    utf16 = codecs.BOM_UTF16_LE + "Title,Director\nLa Nuit,René\n".encode("utf-16-le")
    assert parse_films(utf16).films[0].director == "René"
    bom = codecs.BOM_UTF8 + b"Title\nSunfall\n"
    assert parse_films(bom).films[0].title == "Sunfall"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"Director,Section\nAna Reyes,Features\n", "has no Title column"),
        (b"Title,Director\n", "lists no film"),
        (b'Title\n"Sunfall\n', None),  # an unclosed quote: read as one cell, never a crash
    ],
)
def test_missing_columns_and_empty_lists_say_what_the_first_row_must_be(data: bytes, message: str | None) -> None:
    if message is None:
        assert parse_films(data).films[0].title.startswith("Sunfall")
        return
    with pytest.raises(NotebookError, match=message) as raised:
        parse_films(data)
    if "Title column" in message:
        assert "Title,Director,Section,Running time,Screenings" in str(raised.value)


def test_formulas_in_cells_are_kept_as_typed_and_neutralised_in_every_csv_export() -> None:
    text = "Title,Director,Section\n" + "".join(
        f'"{t}",X,Y\n' for t in ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "Plain")
    )
    films = parse_films(text).films
    assert films[0].title == "=cmd|' /C calc'!A0"  # the list keeps what the organiser typed
    rows = list(csv.reader(io.StringIO(films_csv(films))))[1:]
    assert [r[0] for r in rows] == ["'=cmd|' /C calc'!A0", "'+1+1", "'-2+3", "'@SUM(A1)", "Tab", "Plain"]
    assert safe_cell("＝cmd") == "'＝cmd" and safe_cell("Sunfall") == "Sunfall"


def test_control_characters_are_dropped_and_titles_match_whatever_their_case_and_spacing() -> None:
    film = parse_films("Title\nSun\x07fall\x1b\n").films[0]
    assert film.title == "Sunfall"
    assert film_key("  The  Salt Road ") == film_key("the salt road")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("95", 95),
        ("95 min", 95),
        ("95'", 95),
        ("1h35", 95),
        ("1 h 35 min", 95),
        ("1:35", 95),
        ("1:35:00", 95),
        ("94.6", 95),
        ("soon", None),
        ("", None),
    ],
)
def test_running_times_in_the_usual_forms(text: str, minutes: int | None) -> None:
    assert parse_minutes(text) == minutes


def test_screenings_in_the_usual_forms() -> None:
    assert parse_screening("Fri 11 June 2027, 19:30 — Harbour Hall").when == "2027-06-11 19:30"
    assert parse_screening("2027-06-11T09:05").when == "2027-06-11 09:05"
    assert parse_screening("11.06.2027 21h00").when == "2027-06-11 21:00"
    assert parse_screening("2027-02-30 10:00").parsed is False


def test_headers_are_recognised_in_the_spellings_programmes_use() -> None:
    assert column_of("Directed by") == "director"
    assert column_of("Running time (min)") == "minutes"
    assert column_of("Screening 3") == "screenings"
    assert column_of("Original title") == "title"
    assert column_of("Country") is None
