"""One small exception hierarchy; the CLI and the UI turn these into one readable line."""

from __future__ import annotations


class JurorError(Exception):
    """Base class: every message names the bad value and what to do about it."""


class ConfigError(JurorError):
    """A setting is missing or has a value we cannot use."""


class LoadError(JurorError):
    """A file could not be turned into text (corrupt, empty, scanned, unsupported, too big...)."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class StoreError(JurorError):
    """A store in the data folder (the library, a notebook, progress or a log file) could not be opened or written."""


class LibraryBusy(StoreError):
    """Another load or removal is writing to the same library folder."""


class DocumentNotFound(JurorError):
    """A document named by the user is not in the library."""


class LLMError(JurorError):
    """The configured chat model endpoint failed, timed out or answered nonsense."""


class GoldenSetError(JurorError):
    """A golden-set file has a bad line."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(f"{path}, line {line}: {problem}")


class FestivalNotFound(JurorError):
    """A festival named by the user is not in the library (or the name fits several)."""


class JurorCodeError(JurorError):
    """A juror's name or code for saved study progress is empty or unusable."""


class MetadataError(JurorError):
    """A document's details given by an organiser (festival, edition...) cannot be used."""


class NotebookError(JurorError):
    """A juror's notebook or a film list refused a value (a row, a note, a juror code or secret) or a sign-in."""
