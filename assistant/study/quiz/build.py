"""A festival's quiz: questions about the juror's rules and the films' eligibility numbers, in a stable order."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable

from assistant.schema import Citation
from assistant.study.briefing import APPENDIX_GROUP, FILM_GROUP, Briefing, BriefingItem
from assistant.study.quiz.facts import Fact, FactPools, facts_in, names_something
from assistant.study.quiz.questions import Question, question_for, verify
from assistant.study.quiz.scenarios import scenario_for

_PRIORITY = {"money": 0, "percent": 0, "quantity": 0, "time": 1, "date": 1, "role": 2, "term": 3}


def build_quiz(
    briefing: Briefing, pools: FactPools, count: int | None = 20, seed: int = 0, themes: Iterable[str] | None = None
) -> list[Question]:
    """`count` verified questions spread over the juror's themes (all possible ones when count is None); same seed,
    same quiz. Questions come from the juror's rules (numbers, actors, terms; "May I ...?" scenarios from what the
    rule permits or forbids), and from the numbers that make a film eligible; never from the entrants' appendix."""
    rng = random.Random(seed)
    wanted = set(themes) if themes else None
    per_theme: dict[str, list[tuple[BriefingItem, Fact | None]]] = {}
    titles = {s.theme.key: s.theme.title for s in briefing.sections}
    for section in briefing.sections:
        if wanted and section.theme.key not in wanted:
            continue
        if section.theme.group == APPENDIX_GROUP:
            continue
        film = section.theme.group == FILM_GROUP
        for item in section.key_items + section.more_items:
            facts = [f for f in facts_in(item.text, pools.roles, pools.terms) if not names_something(f.text, item.text)]
            if film:  # what a juror judges a film against: its numbers (running time, dates)
                facts = [f for f in facts if _PRIORITY[f.kind.split(":")[0]] <= 1]
            elif not item.modal:
                facts = [f for f in facts if _PRIORITY[f.kind.split(":")[0]] <= 1]  # a statement's numbers only
            scenario = None if film else scenario_for(item, titles.get(item.theme, item.theme))
            if scenario is not None and (not facts or rng.random() < 0.5):
                per_theme.setdefault(section.theme.key, []).append((item, None))
                continue
            if not facts:
                continue
            best = min(_PRIORITY[f.kind.split(":")[0]] for f in facts)
            top = [f for f in facts if _PRIORITY[f.kind.split(":")[0]] == best]
            per_theme.setdefault(section.theme.key, []).append((item, rng.choice(top)))
    # the juror's themes first, key items first within a theme, shuffled; then the rest, shuffled
    queues: list[deque[tuple[BriefingItem, Fact | None]]] = []
    for key in sorted(per_theme, key=lambda k: list(titles).index(k)):
        entries = per_theme[key]
        first = [e for e in entries if e[0].key]
        rest = [e for e in entries if not e[0].key]
        rng.shuffle(first)
        rng.shuffle(rest)
        queues.append(deque(first + rest))
    questions: list[Question] = []
    seen: set[str] = set()
    limit = count if count is not None else 10**9
    while queues and len(questions) < limit:
        for queue in list(queues):
            if not queue:
                queues.remove(queue)
                continue
            item, fact = queue.popleft()
            title = titles.get(item.theme, item.theme)
            if fact is None:
                q = scenario_for(item, title)
            else:
                kind = "true_false" if len(questions) % 3 == 2 else "choice"
                q = question_for(item, fact, kind, pools, rng, title)
                if q is None and kind == "choice":
                    q = question_for(item, fact, "true_false", pools, rng, title)
            if q is None or q.id in seen or not verify(q):
                continue
            seen.add(q.id)
            questions.append(q)
            if len(questions) >= limit:
                break
    for n, q in enumerate(questions, start=1):
        q.citation = Citation(**{**q.citation.__dict__, "n": n})
    return questions
