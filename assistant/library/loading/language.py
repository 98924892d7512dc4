"""A document not written in English, told to the organiser when it is loaded.

The bundled embedding model and the answer path read English: a regulation in Italian or Spanish is stored and
cited, but questions asked in English will seldom find its rules. An organiser who hears so at load time can load
the festival's English version instead; one who does not finds out from jurors' unanswered questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text import STOPWORDS

# The commonest function words of the languages festival rules are most often published in besides English.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "Italian": frozenset(
        "il lo la gli le di del della dei delle che è per una nel nella con non sono al alla ai dal".split()
    ),
    "Spanish": frozenset("el los las del que y en se por una con para es al lo como más su sus ser está".split()),
    "French": frozenset("le les des du et est une que qui dans pour par sur au aux ne pas ce cette sont".split()),
    "German": frozenset("der die das und ist nicht ein eine zu den von mit sich des auf für im dem wird".split()),
    "Portuguese": frozenset("os das dos do da que em uma para com não por ao pelo pela são é".split()),
}
# Below this share of English function words a text is not English (English rules run at 35-50%); fewer words
# than MIN_WORDS tell nothing either way.
ENGLISH_SHARE = 0.15
MIN_WORDS = 80
SAMPLE_CHARS = 100_000
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")  # ("www.apple.com": no Portuguese "com")


def language_of(text: str) -> tuple[str, float] | None:
    """(the language a text reads as, its share of common English words) when it is not English, else None; the
    language is "" for another script or none of the languages known here."""
    text = text[:SAMPLE_CHARS]  # the language shows in the first pages; a 50 MB file need not be read twice
    tokens = [w.lower() for w in _WORD.findall(text)]
    if len(tokens) < MIN_WORDS:
        return None
    english = sum(1 for w in tokens if w in STOPWORDS) / len(tokens)
    shares = {lang: sum(1 for w in tokens if w in words) / len(tokens) for lang, words in FUNCTION_WORDS.items()}
    language, share = max(shares.items(), key=lambda item: item[1])
    beyond_latin = [ord(c) >= 0x250 for c in text if c.isalpha()]
    other_script = sum(beyond_latin) > len(beyond_latin) / 2  # Cyrillic, Greek, CJK, …
    if english >= ENGLISH_SHARE or not (other_script or share > english):
        return None  # English, or a list of names and numbers (a prize table) that reads as no language at all
    return (language if share > english else "", english)


def _function_words(sentence: str) -> tuple[int, int, int]:
    """(words, English function words, the most of one other language's) of a sentence, addresses left out."""
    tokens = [w.lower() for w in _WORD.findall(_ADDRESS.sub(" ", sentence))]
    english = sum(1 for w in tokens if w in STOPWORDS)
    # ("€45 per feature, €20 per short" and "GBP 195 + VAT per entry" are English)
    foreign = max(sum(1 for w in tokens if w in f and w != "per") for f in FUNCTION_WORDS.values())
    return len(tokens), english, foreign


def english_half(texts: Sequence[str], sources: Sequence[str]) -> list[bool]:
    """Which texts to keep: all but the sentences in another language of a document that has sentences in English too
    (the French half of a bilingual article, which a juror reading English is answered and taught from the English
    half of; a document in one other language keeps its own)."""
    counts = [_function_words(t) for t in texts]
    english = {s for (n, en, other), s in zip(counts, sources, strict=True) if n >= 6 and en >= 3 and en >= 2 * other}
    return [
        s not in english or not (n >= 6 and other >= 2 and other > en)
        for (n, en, other), s in zip(counts, sources, strict=True)
    ]


def language_warning(source: str, text: str) -> str | None:
    """The load warning for a text that reads as another language than English, or None."""
    found = language_of(text)
    if found is None:
        return None
    language, english = found
    named = f"reads as {language}" if language else "is not written in the Latin alphabet"
    return (
        f"{source}: {named} ({english:.0%} of its words are common English ones); the bundled embedding model reads "
        "English, so questions asked in English will seldom find its rules. Load the festival's English version "
        "if it publishes one."
    )
