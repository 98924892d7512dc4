"""The notebook's SQLite file, for real: a journal where the latest row of a field wins and nothing typed is lost,
jurors who cannot read each other, secrets kept only as salted hashes and wrong ones slowed down, forget-all.
No model needed."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from support.notebook import OTHER_SECRET, SECRET, pass_time

from assistant.errors import NotebookError
from assistant.notebook.criteria import Scale
from assistant.notebook.entries import (
    conflict_change,
    mark_change,
    note_change,
    read_entries,
    seen_change,
)
from assistant.notebook.films import parse_films
from assistant.notebook.store import FILE, MAX_VALUE_CHARS, Change, Database, FilmStore, Jurors, NoteStore
from assistant.organiser.throttle import Policy


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return Database.in_folder(tmp_path)


def test_the_latest_row_of_a_field_wins_and_every_earlier_one_stays_in_its_history(db: Database) -> None:
    notes = NoteStore(db)
    notes.write("anna-k", "lumen", [note_change("sunfall", "Direction", "First thought.")])
    notes.write("anna-k", "lumen", [note_change("sunfall", "Direction", "Second thought, after sleeping on it.")])
    entries = read_entries(notes.latest("anna-k", "lumen"))
    assert entries.of("sunfall").criteria == {"direction": "Second thought, after sleeping on it."}
    assert [v for _, v in notes.history("anna-k", "lumen", "sunfall", "note:direction")] == [
        "Second thought, after sleeping on it.",
        "First thought.",
    ]
    assert [(f, v) for f, _, v in notes.earlier("anna-k", "lumen", "sunfall")] == [("note:direction", "First thought.")]


def test_two_tabs_writing_different_fields_of_one_film_both_keep_what_they_wrote(db: Database) -> None:
    tab_one, tab_two = NoteStore(Database(db.path)), NoteStore(Database(db.path))  # two connections, one file
    tab_one.write("anna-k", "lumen", [note_change("sunfall", "Direction", "Long takes, never showy.")])
    tab_two.write("anna-k", "lumen", [note_change("sunfall", "Screenplay", "The ending is earned.")])
    tab_one.write("anna-k", "lumen", [seen_change("sunfall", True, "2027-06-11", "screening")])
    tab_two.write("anna-k", "lumen", [conflict_change("sunfall", False, "")])
    film = read_entries(tab_one.latest("anna-k", "lumen")).of("sunfall")
    assert film.criteria == {"direction": "Long takes, never showy.", "screenplay": "The ending is earned."}
    assert film.seen and film.seen_on == "2027-06-11" and film.how == "screening"


def test_many_writers_at_once_lose_nothing(db: Database) -> None:
    def writer(n: int) -> None:
        store = NoteStore(Database(db.path))
        for i in range(25):
            store.write("anna-k", "lumen", [note_change(f"film {n}", "Direction", f"take {i}")])

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store = NoteStore(db)
    assert store.count("anna-k") == 100
    latest = read_entries(store.latest("anna-k", "lumen"))
    assert {k: v.criteria["direction"] for k, v in latest.films.items()} == {f"film {n}": "take 24" for n in range(4)}


def test_a_juror_reads_only_their_own_notes_and_festival(db: Database) -> None:
    notes = NoteStore(db)
    notes.write("anna-k", "lumen", [note_change("sunfall", "", "Anna's private thought")])
    notes.write("bo-2", "lumen", [note_change("sunfall", "", "Bo's private thought")])
    notes.write("anna-k", "other-festival", [note_change("sunfall", "", "Elsewhere")])
    assert read_entries(notes.latest("bo-2", "lumen")).of("sunfall").free == "Bo's private thought"
    assert read_entries(notes.latest("anna-k", "lumen")).of("sunfall").free == "Anna's private thought"
    assert read_entries(notes.latest("carla", "lumen")).films == {}


def test_marks_stay_on_the_rules_scale_and_dates_are_dates() -> None:
    scale = Scale(1, 10)
    assert mark_change("sunfall", "7", scale).value == "7"
    assert mark_change("sunfall", "7,5", scale).value == "7.5"
    assert mark_change("sunfall", "", scale).value == ""
    with pytest.raises(NotebookError, match="outside the rules' scale 1–10"):
        mark_change("sunfall", "11", scale)
    with pytest.raises(NotebookError, match="not a number on the scale"):
        mark_change("sunfall", "great", scale)
    with pytest.raises(NotebookError, match="the rules give no scale"):
        mark_change("sunfall", "7", None)
    with pytest.raises(NotebookError, match="not a date like 2027-06-11"):
        seen_change("sunfall", True, "11 June")


def test_a_note_too_long_is_refused_with_its_size(db: Database) -> None:
    with pytest.raises(NotebookError, match=f"keep one note under {MAX_VALUE_CHARS}"):
        NoteStore(db).write("anna-k", "lumen", [Change("sunfall", "note", "x" * (MAX_VALUE_CHARS + 1))])
    assert not db.exists() or NoteStore(db).count("anna-k") == 0


def test_secrets_are_stored_only_as_salted_hashes_and_checked(db: Database) -> None:
    jurors = Jurors(db, Policy())
    assert jurors.create("Anna-K", SECRET) == "anna-k"
    assert SECRET.encode() not in db.path.read_bytes()
    with sqlite3.connect(db.path) as conn:
        stored = conn.execute("SELECT secret FROM jurors").fetchone()[0]
    assert stored.startswith("scrypt$n=")
    assert jurors.sign_in(" anna-k ", SECRET).ok
    assert not jurors.sign_in("anna-k", OTHER_SECRET).ok
    assert not jurors.sign_in("nobody-here", SECRET).ok, "an unknown code fails like a wrong secret"
    with pytest.raises(NotebookError, match="already a notebook for 'anna-k'"):
        jurors.create("anna-k", OTHER_SECRET)
    with pytest.raises(NotebookError, match="use at least 8"):
        jurors.create("bo-2", "short")
    with pytest.raises(NotebookError, match="cannot be a juror code"):
        jurors.create("<script>", SECRET)


def test_wrong_secrets_are_slowed_down_per_juror_code_like_the_organiser_log_in(db: Database) -> None:
    jurors = Jurors(db, Policy(free_attempts=2, delay_s=600, max_failures=50))
    jurors.create("anna-k", SECRET)
    jurors.create("bo-2", OTHER_SECRET)
    assert [jurors.sign_in("anna-k", "guess number 1").ok, jurors.sign_in("anna-k", "guess number 2").ok] == [0, 0]
    refused = jurors.sign_in("anna-k", SECRET)
    assert not refused.ok and 590 < refused.wait_s <= 600, "the right secret waits too, while the wait lasts"
    assert jurors.sign_in("bo-2", OTHER_SECRET).ok, "another juror's code is not held up"
    pass_time(db.path.parent, 601)
    assert jurors.sign_in("anna-k", SECRET).ok
    assert jurors.throttle.failures("juror anna-k") == 0


def test_forget_deletes_every_note_and_the_account_and_leaves_no_text_in_the_file(db: Database) -> None:
    jurors, notes = Jurors(db, Policy()), NoteStore(db)
    jurors.create("anna-k", SECRET)
    notes.write("anna-k", "lumen", [note_change("sunfall", "", "A very recognisable sentence about Sunfall")])
    notes.write("anna-k", "other", [conflict_change("tide pools", True, "my cousin")])
    notes.write("bo-2", "lumen", [note_change("sunfall", "", "Bo keeps this")])
    assert notes.forget("anna-k") == 2
    jurors.delete("anna-k")
    assert notes.count("anna-k") == 0 and not jurors.exists("anna-k")
    assert b"recognisable sentence" not in db.path.read_bytes()
    assert read_entries(notes.latest("bo-2", "lumen")).of("sunfall").free == "Bo keeps this"


def test_a_film_list_is_replaced_whole_and_corrections_are_a_journal(db: Database) -> None:
    films = FilmStore(db)
    assert films.films("lumen") == [] and not db.exists(), "reading makes no file"
    first = parse_films("Title,Screenings\nSunfall,2027-06-11 19:30\nTide Pools,\n").films
    films.replace("lumen", first, "first.csv")
    films.replace("lumen", first[1:], "second.csv")
    assert [f.title for f in films.films("lumen")] == ["Tide Pools"]
    assert films.lists() == [
        {"festival": "lumen", "source": "second.csv", "loaded_at": films.lists()[0]["loaded_at"], "films": 1}
    ]
    films.correct("lumen", {"scale": None})
    films.correct("lumen", {"awards": ["Golden Lantern"]})
    assert films.corrections("lumen") == {"awards": ["Golden Lantern"]}
    with pytest.raises(NotebookError, match="unknown corrections"):
        films.correct("lumen", {"winner": "Sunfall"})


def test_a_damaged_notebook_file_is_named_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / FILE).write_bytes(b"this is not a database at all" * 100)
    from assistant.errors import StoreError

    with pytest.raises(StoreError, match="move it aside"):
        NoteStore(Database.in_folder(tmp_path)).latest("anna-k", "lumen")


def test_the_journal_holds_one_row_per_change(db: Database) -> None:
    NoteStore(db).write(
        "anna-k", "lumen", [seen_change("sunfall", True, "2027-06-11"), note_change("sunfall", "x", "y")]
    )
    with sqlite3.connect(db.path) as conn:
        rows = conn.execute("SELECT film, field, value FROM notes ORDER BY id").fetchall()
    assert rows == [
        ("sunfall", "seen", json.dumps({"seen": True, "date": "2027-06-11", "how": ""})),
        ("sunfall", "note:x", "y"),
    ]
