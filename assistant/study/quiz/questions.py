"""Quiz questions built on one briefing item: fill in the blank, true or false, which rule applies; each verified
against the passage it quotes.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from typing import Any

from assistant.library.units import clean_display
from assistant.schema import Citation
from assistant.study.briefing import BriefingItem
from assistant.study.modality import modality
from assistant.study.quiz.facts import Fact, FactPools, names_something
from assistant.study.sentences import normalise


@dataclass
class Question:
    id: str
    kind: str  # "choice" | "true_false"
    theme: str
    theme_title: str
    prompt: str
    statement: str
    choices: list[str]
    answer: str
    key_fact: str
    citation: Citation
    why: str
    fact_kind: str = ""
    context: str = ""  # the rule as the briefing shows it (a list item with its lead-in)
    rule: str = ""  # the rule's stable key (document and words), for progress across sessions and reloads

    def choice_index(self, response: str | int | None) -> int | None:
        """Which choice a response means: an index, '2', 'b', 't'/'f', or the choice's own text."""
        if response is None:
            return None
        if isinstance(response, int):
            return response if 0 <= response < len(self.choices) else None
        text = normalise(str(response)).lower()
        if not text:
            return None
        if text.isdigit():
            n = int(text)
            return n - 1 if 1 <= n <= len(self.choices) else None
        for i, choice in enumerate(self.choices):
            if text == choice.lower():
                return i
        if self.kind in ("true_false", "scenario") and text in ("t", "f", "true", "false", "yes", "no", "y", "n"):
            return 0 if text[0] in "ty" else 1
        letters = "abcdefgh"
        if len(text) == 1 and text in letters[: len(self.choices)]:
            return letters.index(text)
        return None

    def is_correct(self, response: str | int | None) -> bool:
        index = self.choice_index(response)
        return index is not None and self.choices[index] == self.answer

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "theme": self.theme,
            "theme_title": self.theme_title,
            "prompt": self.prompt,
            "statement": self.statement,
            "choices": list(self.choices),
            "answer": self.answer,
            "key_fact": self.key_fact,
            "fact_kind": self.fact_kind,
            "rule": self.rule,
            "why": self.why,
            "citation": self.citation.to_dict() | {"chunk_id": self.citation.chunk_id},
        }


def verify(question: Question, passage_text: str | None = None) -> bool:
    """The key must be in the cited quote (a list's name: in the rule as shown), and the quote in the cited passage:
    otherwise never shown."""
    quote = normalise(question.citation.quote)
    passage = normalise(passage_text if passage_text is not None else question.citation.passage_text)
    if not quote or quote not in passage:
        return False
    where = normalise(question.context) if question.fact_kind == "list" else quote
    if question.fact_kind != "count" and normalise(question.key_fact) not in where:
        return False  # a count of a list's entries is counted, not quoted (assistant.study.quiz.statements)
    if question.answer not in question.choices or len(set(question.choices)) != len(question.choices):
        return False
    if question.kind == "true_false":
        statement = normalise(question.statement)
        context = normalise(question.context)
        stated = statement in quote or (statement == context and normalise(clean_display(quote)) in context)
        return stated == (question.answer == "True")
    if question.kind == "scenario":
        expected = "No" if modality(question.key_fact) == "prohibition" else "Yes"
        return question.choices == ["Yes", "No"] and question.answer == expected
    if question.prompt.startswith("Fill in the blank") and BLANK not in question.prompt:
        return False  # a blank is shown as a blank
    return len(question.choices) >= 3 and question.answer == question.key_fact


BLANK = "_____"


def _blank(text: str, fact: str) -> str:
    out = re.sub(rf"(?<![\w-]){re.escape(fact)}(?![\w-])", BLANK, text, flags=re.I)
    return re.sub(r"\b([Aa])n? _____", r"\1/an _____", out)  # 'an _____' would give the answer away


def _replace(text: str, fact: str, other: str) -> str:
    article = "an" if re.match(r"[aeiouAEIOU]", other) else "a"
    out = re.sub(
        rf"\b([Aa])n? ({re.escape(fact)})(?![\w-])",
        lambda m: f"{article if m.group(1) == 'a' else article.capitalize()} {m.group(2)}",
        text,
    )
    return re.sub(rf"(?<![\w-]){re.escape(fact)}(?![\w-])", lambda _m: other, out, flags=re.I)


def _label(item: BriefingItem) -> str:
    last = item.citation.section.split(" › ")[-1] if item.citation.section else ""
    last = re.sub(r"^(?:(?:article|section|clause)\s+)?\d+(?:\.\d+)*\s*[—–.:-]?\s*", "", last, flags=re.I).strip()
    return last if last and len(last) <= 60 else ""


def explanation(item: BriefingItem) -> str:
    amended = f" This is the rule in force ({item.note})." if item.note else ""
    return f'{item.citation.title}, {item.citation.section or "text"}: "{item.citation.quote}"{amended}'


def reads_right(text: str, key: str, other: str) -> bool:
    """Does the other value read right where the key stands? "in one rounds" does not, and gives the answer away."""
    single = re.match(r"(?:one|1|a single)\b\s*([a-z]*)", other.strip().lower())
    if not single:
        return True
    at = text.lower().find(key.lower())
    after = re.match(r"\s+([a-z]+)", text[at + len(key) :].lower()) if at >= 0 else None
    noun = single.group(1) or (after.group(1) if after else "")
    return not (noun.endswith("s") and not noun.endswith("ss"))


def question_for(
    item: BriefingItem,
    fact: Fact,
    kind: str,
    pools: FactPools,
    rng: random.Random,
    theme_title: str,
    proper: frozenset[str] | None = None,
    changed: bool = False,
) -> Question | None:
    """One question about one fact of one rule, or None when no fair question can be made (`proper`: the
    documents' own names, never blanked; `changed`: a true-or-false question states the rule with another value)."""
    if fact.text.lower() not in item.text.lower() or names_something(fact.text, item.text, proper):
        return None
    # an alternative already named in the rule would make a muddled question
    alternatives = [
        a
        for a in pools.alternatives(fact)
        if a.lower() not in item.text.lower() and reads_right(item.text, fact.text, a)
    ]
    ident = hashlib.sha1(f"{item.citation.chunk_id}|{item.text}|{kind}|{fact.text}".encode()).hexdigest()[:12]
    label = _label(item)
    if fact.text.lower() in label.lower() or item.text.startswith(label):
        label = ""  # the heading would give the answer away, or the rule already shows it
    context = f" ({label})" if label else ""
    common = {"context": item.text, "rule": rule_key(item)}
    if kind == "choice":
        blanked = _blank(item.text, fact.text)
        if len(alternatives) < 2 or BLANK not in blanked:
            return None
        distractors = rng.sample(alternatives, min(3, len(alternatives)))
        choices = [fact.text, *distractors]
        rng.shuffle(choices)
        return Question(
            ident,
            "choice",
            item.theme,
            theme_title,
            f"Fill in the blank{context}: “{blanked}”",
            item.text,
            choices,
            fact.text,
            fact.text,
            item.citation,
            explanation(item),
            fact.kind,
            **common,
        )
    if not alternatives or (not changed and rng.random() < 0.5):
        return Question(
            ident,
            "true_false",
            item.theme,
            theme_title,
            f"True or false{context}: “{item.text}”",
            item.text,
            ["True", "False"],
            "True",
            item.text,
            item.citation,
            explanation(item),
            fact.kind,
            **common,
        )
    other = rng.choice(alternatives)
    statement = _replace(item.text, fact.text, other)
    why = f"The rule says {fact.text}, not {other}. " + explanation(item)
    return Question(
        ident,
        "true_false",
        item.theme,
        theme_title,
        f"True or false{context}: “{statement}”",
        statement,
        ["True", "False"],
        "False",
        fact.text,
        item.citation,
        why,
        fact.kind,
        **common,
    )


def rule_key(item: BriefingItem) -> str:
    """A rule's key that survives reloading its document (passage ids change; the document and words do not)."""
    words = " ".join(re.findall(r"\w+", item.citation.quote.lower()))
    return hashlib.sha1(f"{item.citation.source}|{words}".encode()).hexdigest()[:16]
