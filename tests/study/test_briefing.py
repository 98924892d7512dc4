"""The briefing on the real sample library: coverage of every rule, themes, the rule in force, exports.

"In the briefing" (the coverage test) means: the rule sentence is shown as a key item of a theme, listed
under that theme's "More rules like this", or merged into an item that states the same rule ("Also stated
in"). Sentences of passages that an amendment replaces are not expected; the amending text is.
"""

from __future__ import annotations

import re

from support.library import library_of

from assistant.answers.assistant import Assistant
from assistant.study.briefing import JUROR_GROUP, MEANING_THEMES, THEME_BY_KEY
from assistant.study.sentences import normalise
from assistant.study.study import Study

RULE = re.compile(r"\b(must|shall|may not)\b", re.I)


def corpus_rule_sentences(assistant: Assistant) -> list[tuple[str, str]]:
    """(source, sentence) for every must / shall / may-not sentence of the rules in force."""
    retriever = assistant.retriever
    lex = retriever.lexical()
    out = []
    for chunk in lex.chunks:
        if retriever.amendments_for(chunk, lex):
            continue  # replaced by an amendment: its text is no longer the rule
        text = normalise(chunk.text)
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
            sentence = re.sub(r"^\d{1,3}(?:\.\d{1,3})+\s+", "", sentence).strip()
            if RULE.search(sentence) and len(sentence.split()) >= 5:
                out.append((chunk.source, sentence))
    return out


def test_briefing_covers_the_obligations_and_prohibitions_of_every_document(assistant: Assistant, study: Study) -> None:
    briefing = study.briefing()
    rules = corpus_rule_sentences(assistant)
    assert len(rules) > 100, "the sample corpus is full of rules; the listing itself must work"
    quotes = [normalise(q).lower() for item in briefing.items() for q in item.quotes]
    themed = [
        normalise(q).lower()
        for s in briefing.sections
        if s.theme.key not in ("other", "administration")
        for i in s.items
        for q in i.quotes
    ]

    def covered(sentence: str, pool: list[str]) -> bool:
        s = sentence.lower()
        return any(s in q or (len(q) > 40 and q in s) for q in pool)

    missing = [(src, s) for src, s in rules if not covered(s, quotes)]
    share = 1 - len(missing) / len(rules)
    assert share >= 0.9, f"{len(missing)} of {len(rules)} rules missing, e.g. {missing[:5]}"
    # most rules sit under a named theme, not in the catch-all
    in_theme = sum(covered(s, themed) for _, s in rules) / len(rules)
    assert in_theme >= 0.75, in_theme
    # a jurors' library: nearly all of its rules are the juror's, and lead the briefing
    juror = [normalise(q).lower() for i in briefing.juror_items() for q in i.quotes]
    assert sum(covered(s, juror) for _, s in rules) / len(rules) >= 0.85
    assert briefing.sections[0].theme.group == JUROR_GROUP
    # every document that states rules contributes to the briefing
    per_doc = {src for src, _ in rules}
    in_briefing = {i.citation.source for i in briefing.items()} | {c.source for i in briefing.items() for c in i.also}
    assert per_doc <= in_briefing, per_doc - in_briefing


def test_each_juror_theme_has_key_rules_about_its_subject(study: Study) -> None:
    """Themes are chosen by meaning, one per rule: each theme of a juror's work has key rules, and a rule sits in one
    theme only."""
    briefing = study.briefing()
    sections = {s.theme.key: s for s in briefing.sections}
    for key in MEANING_THEMES:
        assert key in sections, f"no section for {THEME_BY_KEY[key].title}"
        assert 3 <= len(sections[key].key_items) <= 8
    refs = [r for i in briefing.items() for r in [i.ref, *i.also_refs]]
    assert len(refs) == len(set(refs)), "a rule goes in at most one theme"
    words = {
        "attendance": ("attend", "screening", "late", "miss"),
        "conduct": ("press", "interview", "social", "gift", "post", "publish", "media"),
        "conflicts": ("conflict", "interest", "recus", "declar", "link"),
        "confidentiality": ("confidential", "secret", "disclos", "reveal", "deliberat"),
        "voting": ("vote", "ballot", "majority", "quorum", "deliberat", "score", "criteri", "round"),
        "awards": ("award", "prize", "mention", "aequo", "golden"),
    }
    for key, stems in words.items():
        keys = sections[key].key_items
        on_topic = [i for i in keys if any(w in i.text.lower() for w in stems)]
        assert len(on_topic) >= len(keys) // 2 + 1, (key, [i.text for i in keys])


def test_briefing_states_the_rule_in_force_where_an_amendment_applies(study: Study) -> None:
    items = study.briefing().items()
    texts = [normalise(i.text) for i in items]
    assert not any("gifts worth more than EUR 50" in t for t in texts), "the replaced gift limit is not taught"
    amended = [i for i in items if "gifts worth more than EUR 25" in i.text]
    assert amended and amended[0].citation.source == "amendment-01.md"
    assert "replaces" in amended[0].note and amended[0].theme == "conduct" and amended[0].badge == "Must not"


def test_briefing_has_no_duplicate_items_and_exports_markdown_and_print_view(study: Study) -> None:
    briefing = study.briefing()
    texts = [normalise(i.text).lower() for i in briefing.items()]
    assert len(texts) == len(set(texts))
    assert [i.citation.n for i in briefing.items()] == list(range(1, len(texts) + 1))
    md = briefing.to_markdown()
    assert md.startswith("# What you must know before day one")
    assert "More rules like this" in md and "## Sources" in md
    first = briefing.items()[0]
    assert f"{first.text} [1]" in md
    sources = md.split("## Sources", 1)[1].strip().splitlines()
    places = [line.split("] ", 1)[1] for line in sources]
    assert len(places) == len(set(places)), "each place is listed once, with the numbers of every rule quoted from it"
    assert len(sources) < len(texts)
    page = briefing.to_html()
    assert "@media print" in page and "<script" not in page and "[1]" in page


def test_sources_name_each_place_once_with_its_numbers() -> None:
    from assistant.schema import Citation
    from assistant.study.sentences import by_place

    def cite(n: int, section: str) -> Citation:
        return Citation(n=n, source="rules.md", title="Rules", section=section, page=None, quote="")

    lines = by_place([cite(1, "Jury"), cite(2, "Jury"), cite(3, "Jury"), cite(4, "Awards"), cite(5, "Jury")])
    assert lines == ["[1–3, 5] Rules (rules.md) § Jury", "[4] Rules (rules.md) § Awards"]


def test_a_whole_sentence_under_a_section_label_is_shown_without_the_label(tmp_path, embeddings) -> None:
    """ "Festival Rules: You may submit more than one film" shows the section's name as if it were part of the rule;
    the citation already names the section. An item that is no sentence ("White Beard") keeps what it completes."""

    assistant = library_of(
        tmp_path,
        embeddings,
        {
            "holiday-film-challenge-rules.md": (
                "Title: Holiday Film Challenge Rules 2025\n\n"
                "Festival Rules\n"
                "- You may submit more than one film\n"
                "- Each film must be 10, 30 or 60 seconds long\n\n"
                "Categories\n"
                "Your film must include one or more of these categories:\n"
                "- White Beard\n"
                "- Holiday Ornament\n"
            )
        },
    )
    texts = [i.text for i in Study.of(assistant).briefing().items()]
    assert "You may submit more than one film" in texts, texts
    assert not any(t.startswith("Festival Rules") for t in texts), texts
    assert any("categories" in t and "White Beard" in t for t in texts), texts
