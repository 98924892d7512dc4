"""The website a document was published on and the mail domains it gives: two documents of one site, or giving
addresses at one domain, are one body's."""

from __future__ import annotations

import re

# Hosts of many unrelated sites, each under its own first path segment ("github.com/<owner>/…"): that segment is
# part of the site.
_SHARED_HOSTS = frozenset(
    "github.com gitlab.com bitbucket.org codeberg.org sites.google.com medium.com issuu.com scribd.com".split()
)


def site_of(url: str) -> str:
    """The website a document was published on ("coriff.org"): two pages of one festival's site belong together even
    when their titles name it differently ("International Jury 2025" beside "Corvanne International Film
    Festival – Regulations"). '' for no address."""
    found = re.match(r"(?:[a-z][a-z0-9+.-]*://)?([^/\s?#:]+)[^/\s?#]*(?:/([^/\s?#]+))?", url.strip().lower())
    if not found or "." not in found.group(1):
        return ""
    host = found.group(1).removeprefix("www.")
    return f"{host}/{found.group(2) or ''}" if host in _SHARED_HOSTS else host


# Free mail services: an address there says nothing of the body a document speaks for.
_FREE_MAIL = re.compile(
    r"(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|gmx|proton|protonmail|yandex|mail|web)"
    r"\.[a-z]{2,3}(?:\.[a-z]{2})?"
)


def mail_hosts(text: str) -> frozenset[str]:
    """The domains of the e-mail addresses a document gives ("jury@lanternandkeys.org"): two documents that give one
    of the same are one body's, as two pages of one website are (a jury page and the awards page beside it)."""
    hosts = {h.lower().rstrip(".") for h in re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", text)}
    return frozenset(h for h in hosts if not _FREE_MAIL.fullmatch(h))
