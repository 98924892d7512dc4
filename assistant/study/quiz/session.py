"""A quiz session: the questions in order, grading, scores per theme, and a Leitner review schedule."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.study.quiz.questions import Question

# ---------------------------------------------------------------- the session


class ReviewScheduler:
    """Spaced repetition inside one session: a missed question comes back after a few others.

    The first miss returns after `gap` questions, a second miss sooner; a question is retired when
    answered correctly or after `max_reviews` returns.
    """

    def __init__(self, ids: Iterable[str], gap: int = 3, max_reviews: int = 2) -> None:
        self.queue: deque[str] = deque(ids)
        self.gap = gap
        self.max_reviews = max_reviews
        self.misses: Counter[str] = Counter()

    def current(self) -> str | None:
        return self.queue[0] if self.queue else None

    def record(self, qid: str, correct: bool) -> None:
        if qid in self.queue:
            self.queue.remove(qid)
        if correct:
            return
        self.misses[qid] += 1
        if self.misses[qid] <= self.max_reviews:
            position = min(len(self.queue), max(1, self.gap - (self.misses[qid] - 1)))
            self.queue.insert(position, qid)

    def __len__(self) -> int:
        return len(self.queue)


@dataclass
class Grade:
    question: Question
    response: str
    correct: bool
    review: bool

    @property
    def verdict(self) -> str:
        return "Correct" if self.correct else "Not quite"

    @property
    def expected(self) -> str:
        return self.question.answer


@dataclass
class ThemeScore:
    title: str
    correct: int = 0
    answered: int = 0

    @property
    def share(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass
class QuizSession:
    """One juror's run through a quiz: current question, grading, reviews and the score by theme."""

    questions: list[Question]
    gap: int = 3
    scheduler: ReviewScheduler = field(init=False)
    grades: list[Grade] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_id = {q.id: q for q in self.questions}
        self.scheduler = ReviewScheduler([q.id for q in self.questions], gap=self.gap)

    def current(self) -> Question | None:
        qid = self.scheduler.current()
        return self.by_id[qid] if qid else None

    def is_review(self, question: Question) -> bool:
        return any(g.question.id == question.id for g in self.grades)

    def answer(self, response: str | int) -> Grade:
        question = self.current()
        if question is None:
            raise ValueError("the quiz is finished")
        index = question.choice_index(response)
        shown = question.choices[index] if index is not None else str(response)
        grade = Grade(question, shown, question.is_correct(response), self.is_review(question))
        self.grades.append(grade)
        self.scheduler.record(question.id, grade.correct)
        return grade

    @property
    def done(self) -> bool:
        return self.current() is None

    @property
    def first_attempts(self) -> list[Grade]:
        return [g for g in self.grades if not g.review]

    def score(self) -> tuple[int, int]:
        firsts = self.first_attempts
        return sum(g.correct for g in firsts), len(firsts)

    def score_by_theme(self) -> dict[str, ThemeScore]:
        out: dict[str, ThemeScore] = {}
        for g in self.first_attempts:
            s = out.setdefault(g.question.theme, ThemeScore(g.question.theme_title))
            s.answered += 1
            s.correct += int(g.correct)
        return out

    def reread(self, threshold: float = 0.7) -> list[str]:
        """Theme titles whose first-attempt score is below the threshold: what to read again."""
        return [s.title for s in self.score_by_theme().values() if s.answered and s.share < threshold]
