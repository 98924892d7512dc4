"""The notebook facade: one festival's films, criteria and rules, and a signed-in juror's notes, checks and exports.

`notebook_for(assistant)` gives one Notebook per Assistant (its caches shared by every page and command). What it
reads of the rules is cached by the library's signature, so a replaced document shows on the next call. A juror's
notes are reached only through a `JurorSession`, which only `sign_in` and `create` make: the CLI and the UI hold
one after the secret was checked, and nothing here takes a juror's code alone. There is no organiser view of notes.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from assistant.errors import NotebookError
from assistant.notebook.checks import Checklist, build_checks, my_films
from assistant.notebook.criteria import FestivalCriteria, corrected, derive
from assistant.notebook.entries import JurorEntries, read_entries
from assistant.notebook.export import build_model, to_markdown, to_pdf
from assistant.notebook.films import Film, FilmListReport, film_key, parse_films
from assistant.notebook.refusal import Refusal, refusal
from assistant.notebook.rulebook import Rulebook
from assistant.notebook.store import Change, Database, FilmStore, Jurors, NoteStore, SignIn
from assistant.organiser.throttle import Policy
from assistant.study.study import study_for

if TYPE_CHECKING:
    from assistant.answers.assistant import Assistant
    from assistant.study.festivals import Festival


@dataclass(frozen=True)
class JurorSession:
    """Proof that a juror signed in: the key their notes are stored under, and the festival they work on."""

    juror: str


class Notebook:
    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.study = study_for(assistant)
        self.db = Database.in_folder(assistant.settings.data_dir)
        self.film_store = FilmStore(self.db)
        self.notes = NoteStore(self.db)
        self.jurors = Jurors(self.db, Policy.from_settings(assistant.settings))
        self._cache: dict[str, tuple[str, Any]] = {}

    def _cached(self, name: str, version: str, build: Any) -> Any:
        hit = self._cache.get(name)
        if hit is None or hit[0] != version:
            hit = (version, build())
            self._cache[name] = hit
        return hit[1]

    # ------------------------------------------------------------ festivals
    def festival(self, name: str | None = None) -> Festival | None:
        """The festival named, or the library's only one (FestivalNotFound lists them when several and none named)."""
        return self.study.require_festival(name)

    @staticmethod
    def key_of(festival: Festival | None) -> str:
        return festival.key if festival is not None else ""

    # ------------------------------------------------------------ films (organisers)
    def read_films(self, data: bytes | str, name: str = "the film list") -> FilmListReport:
        return parse_films(data, name)

    def load_films(self, festival: Festival | None, data: bytes | str, name: str = "the film list") -> FilmListReport:
        """Read a film list and make it the festival's (the rows that can be used; each other row has a message).
        Nothing changes when the file cannot be read at all (NotebookError)."""
        report = parse_films(data, name)
        if not report.films:
            raise NotebookError(
                f"no film in {name} could be used ("
                + "; ".join(str(m) for m in report.errors[:3])
                + "): nothing loaded"
            )
        self.film_store.replace(self.key_of(festival), report.films, name)
        return report

    def films(self, festival: Festival | None) -> list[Film]:
        return self.film_store.films(self.key_of(festival))

    def find_film(self, festival: Festival | None, name: str) -> Film:
        """A film by its number in the list (1, 2, ...), its title, or words of its title when only one has them."""
        films = self.films(festival)
        if not films:
            raise NotebookError("no film list is loaded for this festival: the organisers load it first")
        text = name.strip()
        if text.isdigit() and 1 <= int(text) <= len(films):
            return films[int(text) - 1]
        key = film_key(text)
        exact = [f for f in films if f.key == key]
        if exact:
            return exact[0]
        partial = [f for f in films if key and key in f.key]
        if len(partial) == 1:
            return partial[0]
        listing = "; ".join(f"{i}. {f.title}" for i, f in enumerate(films[:20], 1))
        several = f"{len(partial)} films match" if partial else "no film matches"
        raise NotebookError(f"{several} {name!r}; give the number or the full title ({listing})")

    # ------------------------------------------------------------ rules
    def rulebook(self, festival: Festival | None) -> Rulebook:
        return self._cached(
            f"rulebook:{self.key_of(festival)}",
            self.assistant.library.signature(),
            lambda: Rulebook.of(self.study, festival),
        )

    def criteria(self, festival: Festival | None) -> FestivalCriteria:
        """The festival's criteria, awards and scale from the rules, with the organisers' corrections."""
        key = self.key_of(festival)
        corrections = self.film_store.corrections(key)
        version = self.assistant.library.signature() + json.dumps(corrections, sort_keys=True)

        def build() -> FestivalCriteria:
            wanted = set(festival.sources) if festival is not None else None
            chunks = [c for c in self.assistant.retriever.lexical().chunks if wanted is None or c.source in wanted]
            entrants = frozenset(
                ref
                for item in self.study.briefing(festival).items()
                if item.addressee == "entrant"
                for ref in [item.ref, *item.also_refs]
            )
            derived = derive(chunks, entrants)
            return corrected(derived, corrections, self.rulebook(festival) if corrections else None)

        return self._cached(f"criteria:{key}", version, build)

    def correct(self, festival: Festival | None, corrections: dict[str, Any]) -> FestivalCriteria:
        """Save an organiser's corrections ({} puts back what the rules state) and return the result."""
        self.film_store.correct(self.key_of(festival), corrections)
        return self.criteria(festival)

    def refusal(self, festival: Festival | None) -> Refusal:
        return refusal(self.rulebook(festival))

    # ------------------------------------------------------------ jurors
    def create(self, code: str, secret: str) -> JurorSession:
        return JurorSession(self.jurors.create(code, secret))

    def sign_in(self, code: str, secret: str) -> tuple[SignIn, JurorSession | None]:
        result = self.jurors.sign_in(code, secret)
        return result, (JurorSession(result.juror) if result.ok else None)

    def entries(self, session: JurorSession, festival: Festival | None) -> JurorEntries:
        return read_entries(self.notes.latest(session.juror, self.key_of(festival)))

    def write(self, session: JurorSession, festival: Festival | None, changes: list[Change]) -> int:
        return self.notes.write(session.juror, self.key_of(festival), changes)

    def history(self, session: JurorSession, festival: Festival | None, film: str, field: str) -> list[tuple[str, str]]:
        return self.notes.history(session.juror, self.key_of(festival), film, field)

    def earlier(self, session: JurorSession, festival: Festival | None, film: str) -> list[tuple[str, str, str]]:
        """What this juror wrote on a film before their latest version of each field (field, at, value)."""
        return self.notes.earlier(session.juror, self.key_of(festival), film)

    def checks(self, session: JurorSession, festival: Festival | None) -> Checklist:
        return build_checks(self.films(festival), self.entries(session, festival), self.rulebook(festival))

    def my_films(self, session: JurorSession, festival: Festival | None) -> list[Film]:
        return my_films(self.films(festival), self.entries(session, festival))

    def _model(self, session: JurorSession, festival: Festival | None, when: datetime | None = None) -> Any:
        name = festival.label if festival is not None else ""
        return build_model(
            session.juror,
            name,
            self.films(festival),
            self.entries(session, festival),
            self.criteria(festival),
            self.rulebook(festival),
            when,
        )

    def export_markdown(self, session: JurorSession, festival: Festival | None, when: datetime | None = None) -> str:
        return to_markdown(self._model(session, festival, when))

    def export_pdf(self, session: JurorSession, festival: Festival | None, when: datetime | None = None) -> bytes:
        return to_pdf(self._model(session, festival, when), self.assistant.settings.pdf_font)

    def forget(self, session: JurorSession) -> int:
        """Delete all of this juror's notes (every festival) and their code and secret; returns the rows deleted."""
        gone = self.notes.forget(session.juror)
        self.jurors.delete(session.juror)
        return gone


_NOTEBOOKS: weakref.WeakKeyDictionary[Assistant, Notebook] = weakref.WeakKeyDictionary()


def notebook_for(assistant: Assistant) -> Notebook:
    """One Notebook per Assistant (made on first use, gone with the Assistant)."""
    notebook = _NOTEBOOKS.get(assistant)
    if notebook is None:
        notebook = _NOTEBOOKS[assistant] = Notebook(assistant)
    return notebook
