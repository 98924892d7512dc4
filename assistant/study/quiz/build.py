"""A festival's quiz: questions that teach the juror's job, from the rules that bind the jury, in a stable order.

Every rule of the briefing's juror section can give a few questions, tried in this order: "May I ...?" / "Must I
...?" from what it permits, forbids or requires; a blank over a number when the number is the rule (a quorum, a
majority, the jury's size, a limit on awards, a deadline; never a line of a scoring sheet), over a role or a
defined term that is not a name; true or false, with the rule as written or turned around; and "which of these is
a rule?" with other rules turned around. The first round takes one question from each rule, theme by theme, key
rules first; later rounds take the next ones, so a festival with few jury rules still gets a quiz of several
questions and one with many gets one question a rule. The numbers that make a film eligible come last; the
entrants' appendix never gives a question. Same seed, same quiz.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable

from assistant.schema import Citation
from assistant.study.briefing import FILM_GROUP, JUROR_GROUP, Briefing, BriefingItem
from assistant.study.quiz.facts import Fact, FactPools, facts_in, names_something, number_is_the_rule
from assistant.study.quiz.questions import Question, question_for, verify
from assistant.study.quiz.scenarios import scenario_for
from assistant.study.quiz.statements import list_count, listed_under, true_or_false, which_rule
from assistant.text import content_terms

_PRIORITY = {"money": 0, "percent": 0, "quantity": 0, "time": 1, "date": 1, "role": 2, "term": 3}
MAX_PER_RULE = 2  # questions one rule may give in a quiz
ENOUGH = 5  # questions about the jury's duties below which a quiz says why it has so few
SAME_PROMPT = 0.75  # share of the shorter prompt's content words in the other's from which they ask one thing twice


def askable_facts(item: BriefingItem, pools: FactPools) -> list[Fact]:
    """The facts of a rule a question may blank: numbers that are the rule, roles and terms that name nobody."""
    if item.joined and item.addressee == "juror":
        return []  # a rule shown with the sentence it refers back to: its blanks would need both
    out = []
    for fact in facts_in(item.text, pools.roles, pools.terms):
        if names_something(fact.text, item.text, pools.proper):
            continue
        kind = fact.kind.split(":")[0]
        if kind in ("role", "term"):
            if item.addressee == "juror" and item.modal:
                out.append(fact)
        elif number_is_the_rule(fact, item.text, item.modality):
            out.append(fact)
    return out


def _candidates(
    item: BriefingItem,
    pools: FactPools,
    title: str,
    others: list[BriefingItem],
    labels: list[str],
    rng: random.Random,
) -> list[Callable[[int], Question | None]]:
    """The questions one rule can give, best first, each made when it is asked for (`n`: questions made so far)."""
    out: list[Callable[[int], Question | None]] = []
    if item.addressee == "juror":
        out.append(lambda n: scenario_for(item, title))
    facts = askable_facts(item, pools)
    if facts:
        best = min(_PRIORITY[f.kind.split(":")[0]] for f in facts)
        fact = rng.choice([f for f in facts if _PRIORITY[f.kind.split(":")[0]] == best])

        def blank(n: int, fact: Fact = fact) -> Question | None:
            q = question_for(item, fact, "choice", pools, rng, title, pools.proper)
            return q or question_for(item, fact, "true_false", pools, rng, title, pools.proper, changed=True)

        def changed(n: int, fact: Fact = fact) -> Question | None:  # the same fact, asked the other way
            return question_for(item, fact, "true_false", pools, rng, title, pools.proper, changed=True)

        out += [blank, changed]
    if item.addressee == "juror":
        out.append(lambda n: list_count(item, others, title, rng))
        out.append(lambda n: listed_under(item, labels, title, rng, pools.proper))
        out.append(lambda n: true_or_false(item, title))
        out.append(lambda n: which_rule(item, others, title, rng))
        out.append(lambda n: true_or_false(item, title, as_written=True))
    return out


def build_quiz(
    briefing: Briefing, pools: FactPools, count: int | None = 20, seed: int = 0, themes: Iterable[str] | None = None
) -> list[Question]:
    """`count` verified questions spread over the juror's themes (all possible ones when count is None)."""
    rng = random.Random(seed)
    wanted = set(themes) if themes else None
    titles = {s.theme.key: s.theme.title for s in briefing.sections}
    juror = [s for s in briefing.sections if s.theme.group == JUROR_GROUP and (not wanted or s.theme.key in wanted)]
    film = [s for s in briefing.sections if s.theme.group == FILM_GROUP and (not wanted or s.theme.key in wanted)]
    juror_items = [i for s in juror for i in s.items]
    # One queue per rule, rules interleaved by theme (key rules first, shuffled within a theme).
    per_theme: list[list[BriefingItem]] = []
    for section in juror:
        first, rest = list(section.key_items), list(section.more_items)
        rng.shuffle(first)
        rng.shuffle(rest)
        per_theme.append(first + rest)
    order: list[BriefingItem] = []
    while any(per_theme):
        for items in per_theme:
            if items:
                order.append(items.pop(0))
    film_items = [i for s in film for i in s.items]
    rng.shuffle(film_items)
    labels = [i.label for i in briefing.items() if i.label]
    queues = [
        (item, _candidates(item, pools, titles.get(item.theme, item.theme), juror_items, labels, rng)) for item in order
    ]
    film_queues = [
        (item, _candidates(item, pools, titles.get(item.theme, item.theme), [], labels, rng)) for item in film_items
    ]
    questions: list[Question] = []
    seen: set[str] = set()
    statements: set[str] = set()
    limit = count if count is not None else 10**9
    given: dict[int, int] = {}

    def take(item: BriefingItem, makers: list[Callable[[int], Question | None]]) -> bool:
        while makers:
            q = makers.pop(0)(len(questions))
            if q is None or q.id in seen or not verify(q):
                continue
            if q.fact_kind == "list" and any(p.fact_kind == "list" and p.answer == q.answer for p in questions):
                continue  # "Where are the awards listed?" once a list: asked again, its answer is known
            if any(_same_prompt(q, p) for p in questions):
                continue  # two rules that say one thing ("May I promote a film in competition?"): asked once
            if q.kind == "true_false" and q.statement in statements:
                continue  # one true-or-false statement once
            if q.kind == "choice" and any(p.kind == "choice" and p.answer == q.answer for p in questions):
                continue  # one answer once: four prizes of "5,000 US dollar" in a row teach one thing
            if given.get(id(item)) and q.kind == "true_false" and q.answer == "True":
                continue  # a rule already asked is not asked again as written: that would give the answer away
            seen.add(q.id)
            if q.kind == "true_false":
                statements.add(q.statement)
            questions.append(q)
            given[id(item)] = given.get(id(item), 0) + 1
            return True
        return False

    for _round in range(MAX_PER_RULE):
        for item, makers in queues:
            if len(questions) >= limit:
                break
            if given.get(id(item), 0) <= _round:
                take(item, makers)
    for item, makers in film_queues:  # then the numbers a juror judges a film against
        if len(questions) >= limit:
            break
        take(item, makers)
    for n, q in enumerate(questions, start=1):
        q.citation = Citation(**{**q.citation.__dict__, "n": n})
    return questions


def _same_prompt(a: Question, b: Question) -> bool:
    """One question twice, or two "May I …?" questions that read alike: nearly all the words of the shorter one's question in the other's
    (two documents that state one rule). Other kinds quote the rule with its lead-in, which the items of one list
    share while each asks its own thing."""
    if a.prompt == b.prompt:
        return True  # "How many awards are listed under “Awards presented”?" of two lists of that name
    if a.kind != "scenario" or b.kind != "scenario":
        return False
    x, y = (set(content_terms(q.prompt.split(": ", 1)[-1])) for q in (a, b))
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= SAME_PROMPT


def jury_questions(questions: list[Question], briefing: Briefing) -> int:
    """How many questions are about the jury's own rules (not a film's eligibility)."""
    juror = {s.theme.key for s in briefing.sections if s.theme.group == JUROR_GROUP}
    return sum(q.theme in juror for q in questions)
