"""What a load, re-embedding or repair tells the organiser: one result per file, warnings, what was repaired."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["added", "updated", "unchanged", "renamed", "re-embedded", "failed"]


@dataclass
class FileResult:
    source: str
    status: Status
    chunks: int = 0
    message: str = ""

    @property
    def wrote_passages(self) -> bool:
        """Added or updated: new passages were embedded (renamed and unchanged files reuse theirs)."""
        return self.status in ("added", "updated")


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    swept: int = 0
    repaired: list[str] = field(default_factory=list)  # what an earlier, interrupted run left and this one fixed

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def changed(self) -> list[str]:
        """Documents whose passages this load wrote: the ones worth a health check."""
        return [r.source for r in self.results if r.wrote_passages]

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in ("added", "updated", "unchanged", "renamed", "failed")]
        if self.count("re-embedded"):
            parts.insert(4, f"{self.count('re-embedded')} re-embedded")
        return ", ".join(parts)


@dataclass
class RepairReport:
    """What a repair found left over by an interrupted load or removal, and fixed, in words for organisers."""

    actions: list[str] = field(default_factory=list)
    swept: int = 0  # document versions whose stray passages were deleted
