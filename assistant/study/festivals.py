"""Festivals as a unit: which documents belong to one festival or body, and which edition each one is.

Built on the library's scope index (`assistant.answers.scope`), not on a second identity matcher: a document whose
manifest names its festival (CLI `--festival`, the Library page, or a "Festival:" line in the document) belongs
to that festival, and explicit names win; a document that names none joins the festival of the documents the
scope index groups it with (only documents that name the same body), or forms its own.

A group without a festival setting is called by what its documents say about themselves
(`assistant.answers.festival_names`, the name the answer path uses too).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.answers.names import join_titles
from assistant.answers.scope import ScopeIndex
from assistant.errors import FestivalNotFound
from assistant.library.store import DocumentRecord

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True)
class Festival:
    """One festival or body: its name, the editions its documents are of, and the documents."""

    key: str  # a slug for URLs and the command line: "harbour-lights-film-festival"
    name: str
    editions: tuple[str, ...]
    sources: tuple[str, ...]
    explicit: bool  # the name comes from the documents' festival setting, not from their titles
    initials: str = ""  # the initials its documents use for it ("VIFF"), when they do

    @property
    def label(self) -> str:
        """ "Harbour Lights Film Festival (2024)", "Valmora International Film Festival (VIFF, 2024)": the name,
        its initials and its editions, for a selector."""
        extra = ([self.initials] if self.initials else []) + list(self.editions)
        return f"{self.name} ({', '.join(extra)})" if extra else self.name

    def filters(self) -> dict[str, list[str]]:
        """The retrieval filter that confines a question to this festival's documents."""
        return {"source": list(self.sources)}


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "festival"


def document_edition(record: DocumentRecord) -> str:
    """The edition a document is of: its explicit edition, else the year its title, file name or header gives."""
    if record.edition:
        return record.edition
    for text in (record.title, record.source, record.header):
        years = _YEAR.findall(text or "")
        if years:
            return max(years)
    return ""


def build_festivals(records: Sequence[DocumentRecord], index: ScopeIndex) -> list[Festival]:
    """The library's festivals, largest first, then by name."""
    by_source = {r.source: r for r in records}
    explicit: dict[str, str] = {}  # source -> explicit festival name (case and spacing as most often written)
    spelled: dict[str, Counter[str]] = {}
    for r in records:
        name = " ".join(r.festival.split())
        if name:
            key = slug(name)
            explicit[r.source] = key
            spelled.setdefault(key, Counter())[name] += 1
    members: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    initials: dict[str, str] = {}
    for source in by_source:
        if source in explicit:
            key = explicit[source]
            names[key] = spelled[key].most_common(1)[0][0]
        else:
            group = index.group(source)
            named = Counter(explicit[s] for s in group if s in explicit)
            if named:
                key = named.most_common(1)[0][0]
                names[key] = spelled[key].most_common(1)[0][0]
            else:
                name, short = index.named(source)
                key = f"~{slug(name)}"
                names.setdefault(key, name)
                initials.setdefault(key, short)
        members.setdefault(key, set()).add(source)
    out = []
    used: set[str] = set()
    for key, sources in members.items():
        base = slug(names[key])
        unique = base
        n = 2
        while unique in used:
            unique = f"{base}-{n}"
            n += 1
        used.add(unique)
        editions = sorted({e for s in sources if (e := document_edition(by_source[s]))})
        out.append(
            Festival(
                unique,
                names[key],
                tuple(editions),
                tuple(sorted(sources)),
                not key.startswith("~"),
                initials.get(key, ""),
            )
        )
    return sorted(out, key=lambda f: (-len(f.sources), f.name.lower()))


def find_festival(festivals: Sequence[Festival], text: str) -> Festival:
    """The festival a user names: its key, its name, or words of its name ("black nights"); FestivalNotFound, naming
    the library's festivals, when none or several match."""
    wanted = text.strip()
    if not wanted:
        raise FestivalNotFound("no festival named; give one of: " + _listing(festivals))
    key = slug(wanted)
    for match in (
        lambda f: f.key == key,
        lambda f: slug(f.name) == key,
        lambda f: slug(f.label) == key,
    ):
        found = [f for f in festivals if match(f)]
        if len(found) == 1:
            return found[0]
    found = [f for f in festivals if f.initials and f.initials.lower() == wanted.lower()]
    if len(found) == 1:
        return found[0]
    words = set(key.split("-"))
    found = [f for f in festivals if words <= set(slug(f.name).split("-")) | set(f.editions) | {f.initials.lower()}]
    if not found:
        found = [f for f in festivals if any(key in slug(s) for s in f.sources)]
    if len(found) == 1:
        return found[0]
    if found:
        raise FestivalNotFound(f"{text!r} matches several festivals ({_listing(found)}); give more of the name")
    raise FestivalNotFound(f"no festival {text!r} in the library; festivals: {_listing(festivals)}")


def _listing(festivals: Iterable[Festival]) -> str:
    labels = [f"{f.name} [{f.key}]" for f in festivals]
    return join_titles(labels, limit=12) or "(the library is empty)"
