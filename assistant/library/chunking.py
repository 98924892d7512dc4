"""Structure-aware chunking: articles, clauses and headings first, size second.

A chunk is one citable rule where possible; a chunk never spans two documents.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from assistant.library.loading.document import Block, LoadedDocument
from assistant.schema import SEP, Chunk
from assistant.text import AUXILIARY, CLAUSE_TITLE_END, LETTERED_CLAUSE, opens_list

CHUNKER_VERSION = "31"  # 31: a Word file's list numbers read as Word shows them ("8.", "3.1"); 30: an amendment's "In Art. 13.2, … is replaced by …" amends Art. 13.2, and a heading "Article 9 is replaced by the following:" for the text under it; 29: a PDF's running header or footer dropped however long (up to 200 characters); 28: an old page's or an e-mail's layout tables read as its paragraphs, a <br> in a table cell a space; 27: the body a Markdown front matter names as publisher or organiser read with its name; 26: a table of contents printed with dot leaders dropped, a note under a table or at a page's foot read on its own by its mark ("† …", "[3] …"), a note's link back ("↑") dropped, a numbered section's heading no title; 25: an HTML aside kept unless its words are mostly links; 24: a "Question | Answer" table read as an FAQ, each question heading its answer; 23: a web footer with its page mark ("… · Page 1 of 1 (web version)") dropped; 22: a <dl> term heads its definition, a PDF table's rows read whole; 21: a Word file's footnotes read where cited; 20: an amendment's bare "Article 9 is replaced" amends the document it is to; 19: "§ 4 Entry of works" heads a section; 18: an amending instrument's preamble amends nothing; 17: a contents list of headings dropped; 16: struck-through wording read as deleted; 15: lettered clauses ("B.2") and e-mail quotes; 14: Markdown footnotes read where cited, checklist boxes dropped; 13: sibling articles at one level, PDF title blocks (12: an information sheet's fields)

# "8.4 Tie-breaks. If two films..." / "8.4. Text" / "(a) text" / "Article 8.4 - text"
_CLAUSE = re.compile(
    rf"^(?:(?:article|art\.|clause|rule|section)\s+)?(\d{{1,3}}(?:\.\d{{1,3}})+|\d{{1,3}}|{LETTERED_CLAUSE})[.)]?\s+(.*)$",
    re.I | re.S,
)
_ARTICLE = re.compile(
    r"^(article|art\.|section|chapter|part|annex|appendix|schedule|rule|§)\s*(?<=\s|§)([0-9IVXLC]+[A-Za-z]?|[A-Z])\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"'“])")
_AMEND_REF = re.compile(
    r"(?:articles?|art\.|clauses?|sections?|paragraphs?|rules?)\s+(\d{1,3}(?:\.\d{1,3})*)(?:\s+of\s+(?:the\s+)?([Tt]his\b|(?-i:[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|on|the)\s+)*[A-Z][\w'’-]*)*)))?(?=[\s,.;:)]|$)",
    re.I,
)
# (the noun only as a heading's "Amendment to Article 8.4": not "This Amendment was adopted under Article 12.2", which
# cites the article it acts under)
_AMEND_VERB = re.compile(
    r"\b(replac|amend(?!ment)|amendments? (?:to|of) (?:articles?|sections?|clauses?|rules?|paragraphs?)\b|delet|"
    r"substitut|shall (now )?read|is revoked|are revoked|repeal|inserted|is added)",
    re.I,
)


@dataclass
class _Unit:
    path: list[str]
    blocks: list[Block] = field(default_factory=list)
    clause: bool = False
    sheet_field: bool = False  # an information sheet's field: the paragraphs after it are the section's again

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def _clause_label(text: str) -> str | None:
    """'8.4 Tie-breaks' for a paragraph that opens a numbered clause, else None."""
    m = _CLAUSE.match(text)
    if not m:
        return None
    number, rest = m.group(1), m.group(2)
    if "." not in number and not re.match(r"(?i)(article|art\.|clause|rule|section)\s", text):
        return None  # a bare "3 " list item is not a clause
    head = re.match(rf"([A-Z][^.:;!?]{{1,60}}){CLAUSE_TITLE_END}(?=\S)", rest)
    if head and AUXILIARY.search(head.group(1)):
        return number  # "4.2 The early deadline is 15 February 2026. …" opens with a rule, not a title
    return f"{number} {head.group(1).strip()}" if head else number


# "Deliberation: Friday 13 March from 10:00 … Phones are handed in at the door.": an information sheet's field, whose
# label heads a paragraph of its own (not a "Date: 19 June" line, nor a list's lead-in).
_FIELD_LABEL = r"[A-Z][\w'’&/-]*(?:\s+[\w'’&/-]+){0,3}"
_FIELD = re.compile(rf"^({_FIELD_LABEL}):\s+([A-Z0-9€$£].{{40,}})$", re.S)
_FIELD_LINE = re.compile(rf"^{_FIELD_LABEL}:\s")  # any field line, however short ("Email: jury@…")


def _field_label(text: str) -> str | None:
    """The label of a field whose value is at least a sentence, else None."""
    m = _FIELD.match(text)
    return m.group(1) if m and re.search(r"[.!?]\s|[.!?]$", m.group(2)) else None


def _split_long(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for part in re.split(r"\n", text):
        sentences = _SENTENCE_END.split(part) if len(part) > limit else [part]
        for sentence in sentences:
            while len(sentence) > limit:  # a single monster sentence: hard wrap on spaces
                cut = sentence.rfind(" ", 0, limit) or limit
                pieces.append((current + " " + sentence[:cut]).strip() if current else sentence[:cut])
                current, sentence = "", sentence[cut:].strip()
            if current and len(current) + len(sentence) + 1 > limit:
                pieces.append(current.strip())
                current = ""
            current = (
                f"{current}\n{sentence}"
                if current and sentence.startswith(("-", "•"))
                else f"{current} {sentence}"
                if current
                else sentence
            )
    if current.strip():
        pieces.append(current.strip())
    return pieces


def amendment_refs(text: str, amended: str = "") -> list[tuple[str, str]]:
    """(clause number, target document phrase) pairs that a sentence of an amending passage replaces or changes.

    Only sentences with an amending verb count; a reference without "of the X" inherits the last named
    document in the same sentence, else `amended`, the document the instrument amends as a whole ("Article 9.3 is
    replaced by the following:" in "Amendment No. 1 to the Regulations 2026"); references to the amending
    instrument itself ("of this Amendment") are skipped.
    """
    refs: list[tuple[str, str]] = []
    # (split where a sentence starts: "In Art. 13.2, … is replaced by …" is one sentence, not "In Art." and "13.2, …")
    for sentence in _SENTENCE_END.split(text):
        if not _AMEND_VERB.search(sentence):
            continue
        target = amended
        for m in _AMEND_REF.finditer(sentence):
            named = (m.group(2) or "").strip()
            if named.lower() == "this" or _PLACE.search(sentence[: m.start()]):
                continue  # ("… is inserted AFTER clause 7.4": where it goes, not a clause it changes)
            target = named or target
            if target and (m.group(1), target) not in refs:
                refs.append((m.group(1), target))
    return refs


_PLACE = re.compile(r"(?i)\b(?:after|before)\s+$")
# An amendment's own numbered heading ("Article 1 — ", "Section 1 - "), not a clause it changes
_OWN_NUMBER = re.compile(r"(?i)^(?:(?:article|art\.|section|part|§)\s*)?[\dIVX.]+[a-z]?\s*[—–:-]\s+")


def _amended_by(path: list[str], text: str, amended: str) -> list[tuple[str, str]]:
    """The clauses an amending passage changes: those its text names, else those a heading above it names with an
    amending verb ("Article 9 is replaced by the following:", "Replacement of Article 9": the new text under it)."""
    named = amendment_refs(text, amended)
    if named:
        return named
    own = re.match(r"\d{1,3}(?:\.\d{1,3})+\b", path[-1]) if path else None  # "9.4" under "Article 9 is replaced"
    return [
        (own[0] if own and own[0].startswith(f"{number}.") else number, target)
        for heading in path
        for number, target in amendment_refs(_OWN_NUMBER.sub("", heading), amended)
    ]


# "Amendment No. 2 to the Regulations of the Vellamo Dance Film Festival 2025": the document it amends
_AMENDED = re.compile(
    r"(?i)^(?:amendments?|addend(?:um|a)|annex|corrigend(?:um|a)|errat(?:um|a))\b[^:;]*?\bto\s+(?:the\s+)?"
)


def amended_document(doc: LoadedDocument) -> str:
    """What an amending instrument amends as a whole: the organiser's setting, else its title after "Amendment No. 2
    to the", else its title as it stands (an annex titled like the regulations it amends)."""
    return doc.amends or _AMENDED.sub("", doc.title) or doc.title


def clause_refs(text: str) -> list[tuple[str, str]]:
    """(clause number, document phrase or "") for every clause a text points to ("as provided in Article 8.4 of
    the Jury Regulations" -> ("8.4", "Jury Regulations")); "" means the text's own document."""
    refs: list[tuple[str, str]] = []
    for m in _AMEND_REF.finditer(text):
        named = (m.group(2) or "").strip()
        ref = (m.group(1), "" if named.lower() == "this" else named)
        if ref not in refs:
            refs.append(ref)
    return refs


def chunk_document(doc: LoadedDocument, max_chars: int = 1200, version: str | None = None) -> list[Chunk]:
    """`version` names this load of the document (chunk ids derive from it); default: its content fingerprint."""
    stack: list[tuple[int, str]] = []  # (level, heading)
    units: list[_Unit] = []
    current: _Unit | None = None
    title_norm = doc.title.strip().lower()

    def path() -> list[str]:
        return [h for _, h in stack]

    def close() -> None:
        nonlocal current
        if current and current.blocks:
            units.append(current)
        current = None

    for block in doc.blocks:
        if block.level:
            close()
            if block.level == 1 and block.text.strip().lower() == title_norm:
                stack.clear()
                continue
            level = block.level
            kind = _ARTICLE.match(block.text)
            # "Article 2" goes where "Article 1" went (its sibling, promoted or not); the first article of a
            # document heads a level of its own under the title ("Part I" above it keeps it nested)
            sibling = [lv for lv, h in stack if kind and (m := _ARTICLE.match(h)) and m[1].lower() == kind[1].lower()]
            if sibling:
                level = sibling[0]
            elif kind and not any(_ARTICLE.match(h) for _, h in stack):
                level = min(level, 2)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, block.text))
            continue
        clause = None if block.table else _clause_label(block.text)
        label = clause or (None if block.table else _field_label(block.text))
        # "…is replaced by the following:" / "as follows:" — what follows belongs to the same rule.
        continues = current is not None and opens_list(current.blocks[-1].text)
        if label and not continues:
            close()
            # A clause "8.4" under "Article 8": drop any previous clause in the path.
            current = _Unit(path() + [label], [block], clause=True, sheet_field=not clause)
            continue
        # after a field, a paragraph that is no short field line of its own is the section's again
        field_done = current is not None and current.sheet_field and not continues and not _FIELD_LINE.match(block.text)
        if current is None or field_done or (not current.clause and len(current.text) + len(block.text) > max_chars):
            # A lead-in ("the applicant agrees to:") goes with what it announces, not to the end of the passage before.
            lead = current.blocks.pop() if continues and current is not None and len(current.blocks) > 1 else None
            close()
            current = _Unit(path(), [lead, block] if lead else [block])
        else:
            current.blocks.append(block)
    close()

    chunks: list[Chunk] = []
    version = version or document_version(doc)
    headings = {_heading_words(b.text) for b in doc.blocks if b.level}
    for unit in units:
        if _lists_contents(unit, headings):
            continue
        section = SEP.join(unit.path)
        page = next((b.page for b in unit.blocks if b.page is not None), None)
        for piece in _split_long(unit.text, max_chars):
            refs = _amended_by(unit.path, piece, amended_document(doc)) if doc.kind == "amendment" else []
            index = len(chunks)
            chunks.append(
                Chunk(
                    id=f"{version}-{index:05d}",
                    text=piece,
                    source=doc.source,
                    title=doc.title,
                    section=section,
                    page=page,
                    kind=doc.kind,
                    doc_version=version,
                    index=index,
                    festival=doc.festival,
                    edition=doc.edition,
                    effective_date=doc.effective_date,
                    amends=";".join(f"{n}|{t}" for n, t in refs),
                )
            )
    return chunks


# A table of contents the document writes as a list of its headings (without page numbers, which furniture drops).
_CONTENTS = re.compile(r"(?i)^(?:table of )?contents|^on this page|^in this (?:document|handbook|guide|page)")


def _heading_words(text: str) -> str:
    return " ".join(re.sub(r"^\W*(?:\d+(?:\.\d+)*|[ivxIVX]+|[A-Z])[.)]?\s+", "", text).lower().split())


def _lists_contents(unit: _Unit, headings: set[str]) -> bool:
    """A section headed "Contents" whose every line is one of the document's headings: no text of its own."""
    if not unit.path or not _CONTENTS.match(unit.path[-1].strip()):
        return False
    lines = [line for b in unit.blocks for line in b.text.splitlines() if line.strip()]
    return bool(lines) and all(_heading_words(line.lstrip("-*• ")) in headings for line in lines)


def document_version(doc: LoadedDocument) -> str:
    """Fingerprint: content hash plus the chunker version plus organiser metadata; any change means new chunks."""
    h = hashlib.sha256(
        f"{doc.sha256}|{CHUNKER_VERSION}|{doc.kind}|{doc.festival}|{doc.edition}|{doc.effective_date}|{doc.title}".encode()
    )
    return h.hexdigest()[:20]


def embedding_text(chunk: Chunk) -> str:
    """What the model sees: where the passage sits, then the passage."""
    where = SEP.join(p for p in (chunk.title, chunk.section) if p)
    return f"{where}\n{chunk.text}" if where else chunk.text
