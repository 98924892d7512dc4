"""Which documents speak for one festival or body: the same festival setting, the same short name, each naming the
body the other speaks for, or pages of one website (or giving addresses at one mail domain); and the words that name one document."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.answers.festival_names import short_title
from assistant.answers.hosts import mail_hosts
from assistant.answers.names import GENERIC, initials_of, names_in, ordered_match, tokens
from assistant.text import stem

if TYPE_CHECKING:
    from assistant.answers.scope import DocumentProfile


def identity_text(title: str, festival: str, edition: str, header: str, url: str) -> str:
    """The words that name a document: its title, festival, edition, header lines and web address."""
    address = re.sub(r"https?://|www\.|[/._?=&#:-]+", " ", url)
    return " · ".join(x for x in (title, festival, edition, header, address) if x)  # a name never runs across two


def festival_groups(profiles: Sequence[DocumentProfile]) -> dict[str, set[str]]:
    """Documents of one festival or body: the same festival setting; the same short name defined for themselves
    ("SALTDOC"), or one's own name using a short name the other defines ("saltdoc_green_jury_faq.html"); each naming
    the body the other speaks for (the Shanghai International Film Festival's award page and call); pages of one
    website, unless they speak for bodies with no distinctive word in common. A place or a word of the trade
    ("International Film Festival") is no body."""
    parent = {p.source: p.source for p in profiles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def names_body_of(a: DocumentProfile, b: DocumentProfile) -> bool:
        """a's own name (title, header, file name) holds the body b speaks for, or a short name b defines for it."""
        # (the initials of b's body count as a short name: "VIDF 2024 … Minutes" of the Veldmoor International
        # Documentary Festival)
        initials = initials_of(b.label.split()) if b.primary else ""
        if a.primary and a.primary != b.primary and initials_of(a.label.split()) == initials:
            initials = ""  # its own name has those initials too: the Youth and the Young Film Festival are two
        return (
            (bool(b.primary) and ordered_match(b.primary, a.identity))
            # (a short name b defines, or the name it abbreviates: "Lantern Competition", "Lantern Screenwriting & …")
            or any(ordered_match(tokens(name), a.identity) for name in (*b.aliases, *b.aliases.values()))
            or bool(initials and tokens(initials)[0] in a.identity)
        )

    def titled_by(a: DocumentProfile, b: DocumentProfile) -> bool:
        """a's title names only b's body ("OIAF Jury Charter 2026", its header the foundation that runs OIAF)."""
        title = tokens(a.title)
        names = [tokens(n) for n in (*b.aliases, *b.aliases.values())] + [list(b.primary)] * bool(b.primary)
        return not ordered_match(a.primary, title) and any(ordered_match(n, title) for n in names)

    # (a page that gives addresses at three domains or more is a directory of bodies, the network's FAQ listing each
    # member festival's jury office: it speaks for none of them)
    mail = {p.source: hosts if len(hosts := mail_hosts(p.text)) < 3 else frozenset() for p in profiles}
    for a in profiles:
        for b in profiles:
            if a.source >= b.source:
                continue
            if a.festival and b.festival:
                same = a.festival == b.festival
            elif set(a.aliases) & set(b.aliases):  # both define the same short name for themselves
                same = True
            elif a.primary and b.primary:
                same = names_body_of(a, b) and names_body_of(b, a) or titled_by(a, b) or titled_by(b, a)
            else:  # one speaks for no named body (a welcome letter): it belongs where it names the other's
                same = names_body_of(a, b) or names_body_of(b, a)
            if not (a.festival and b.festival) and (a.site and a.site == b.site or mail[a.source] & mail[b.source]):
                same = same or not (a.primary and b.primary) or bool(set(a.primary) & set(b.primary) - GENERIC)
            if same:
                parent[find(a.source)] = find(b.source)
    groups: dict[str, set[str]] = {}
    for p in profiles:
        groups.setdefault(find(p.source), set()).add(p.source)
    return {p.source: groups[find(p.source)] for p in profiles}


def institution_name(title: str) -> str:
    """The festival or body a title names ("Regulations for the Harbour Film Awards 2006" -> "Harbour Film
    Awards"), preferring a festival; the short title when it names none."""
    found = [n for n in names_in(title, frozenset(tokens(title))) if n.institution and n.core]
    found.sort(key=lambda n: stem("festival") not in n.words)
    return found[0].text if found else short_title(title)


def sibling_award(own: set[str], festival: set[str], asked: set[str]) -> bool:
    """Is a document whose title names `own` (not its festival's name, `festival`) another award of the body than
    the one asked about, sharing some of the name's words but not all? "Silver Reel Award" for "the Golden Reel jury":
    its regulations mention the Golden Reel, but are not asked about it."""
    return own != festival and bool(own & asked) and not asked <= own
