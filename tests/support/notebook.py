"""A made-up competition film list for the sample festival (corpus/), and helpers the notebook tests share."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Five films of the sample festival's three competitions; one title would run as a formula in a spreadsheet.
FILMS_CSV = (
    "Title,Director,Section,Running time,Screenings\n"
    "Sunfall,Ana Reyes,International Feature Competition,95 min,2027-06-11 19:30 Harbour Hall; 2027-06-12 10:00\n"
    "The Salt Road,Cleo Marr,Documentary Competition,1h28,12/06/2027 15:00 Lighthouse Cinema\n"
    "Tide Pools,Ben Ong,Short Film Competition,12,Sat 12 June 2027 18:00\n"
    "Quiet Harbour,Dara Voss,International Feature Competition,104,2027-06-13 21:00\n"
    '"=HYPERLINK(""http://evil.example"",""click"")",Eli Stone,Short Film Competition,9,2027-06-14 11:00\n'
)
# The same list with a fifth film an organiser would really load (for the screenshots in the juror guide).
PLAIN_FILMS_CSV = (
    FILMS_CSV.rsplit("\n", 2)[0] + "\nPaper Lanterns,Eli Stone,Short Film Competition,9,2027-06-14 11:00\n"
)
FORMULA_TITLE = '=HYPERLINK("http://evil.example","click")'
SECRET = "lantern harbour 7"
OTHER_SECRET = "dune sparrow 42"
CONFLICT_NOTE = "I co-produced a film with this director's company two years ago"


def write_films(folder: Path, name: str = "competition-films.csv", text: str = FILMS_CSV) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def pass_time(data_dir: Path, seconds: float) -> None:
    """Make every failed notebook sign-in `seconds` older: the throttle's wait passes without sleeping."""
    with sqlite3.connect(data_dir / "notebook.sqlite3") as conn:
        conn.execute("UPDATE login_failures SET at = at - ?", (seconds,))
