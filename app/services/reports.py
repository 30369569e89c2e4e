"""What a facilitator sees of a class: learners × modules, and how each quiz question went.

Numbers are computed here, never in templates. Both reports read all the class's progress
in a fixed number of queries, whatever the class size.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.content.model import Course, Module, QuestionText, text_for
from app.models import Classroom, LessonProgress, Membership, QuizAttempt
from app.services.errors import NotFound
from app.services.progress import ModuleProgress, is_complete


@dataclass(frozen=True)
class LearnerRow:
    """One learner of the class and their state in each assigned module."""

    membership_id: int
    nickname: str
    joined_at: datetime
    modules: tuple[ModuleProgress, ...]

    @property
    def is_complete(self) -> bool:
        """Passed every assigned module (the same rule as everywhere)."""
        return is_complete(self.modules)

    @property
    def last_activity(self) -> datetime | None:
        """The latest lesson or quiz of any module."""
        times = [m.last_activity for m in self.modules if m.last_activity]
        return max(times) if times else None


@dataclass(frozen=True)
class QuestionStats:
    """How the class answered one question (each learner's latest attempt counts)."""

    question_id: str
    prompt: str
    answered: int
    correct: int
    common_wrong: str | None
    common_wrong_count: int
    #: Multiple-answer questions: the right option left out most often (a learner who
    #: chose only right options, but not all of them, chose no wrong one).
    common_missed: str | None = None
    common_missed_count: int = 0

    @property
    def percent_correct(self) -> int | None:
        """Share of learners who got it right, or None if nobody answered yet."""
        return round(100 * self.correct / self.answered) if self.answered else None


def assigned_modules(classroom: Classroom, course: Course) -> list[Module]:
    """The course's modules the class assigned, in course order."""
    slugs = {m.module_slug for m in classroom.modules}
    return [m for m in course.modules if m.slug in slugs]


def learner_rows(session: Session, classroom: Classroom, course: Course) -> list[LearnerRow]:
    """Every learner of the class with their progress in the assigned modules."""
    modules = assigned_modules(classroom, course)
    members = session.scalars(select(Membership).where(Membership.classroom_id == classroom.id)
                              .order_by(Membership.nickname)).all()
    user_ids = [m.user_id for m in members]
    done: dict[tuple[int, str], set[str]] = defaultdict(set)
    last: dict[tuple[int, str], datetime] = {}
    for user_id, module_slug, lesson_slug, at in session.execute(select(
        LessonProgress.user_id, LessonProgress.module_slug, LessonProgress.lesson_slug,
        LessonProgress.completed_at,
    ).where(LessonProgress.user_id.in_(user_ids), LessonProgress.course_slug == course.slug)):
        done[(user_id, module_slug)].add(lesson_slug)
        last[(user_id, module_slug)] = max(at, last.get((user_id, module_slug), at))
    best: dict[tuple[int, str], int] = {}
    count: Counter[tuple[int, str]] = Counter()
    for user_id, module_slug, percent, at in session.execute(select(
        QuizAttempt.user_id, QuizAttempt.module_slug, QuizAttempt.percent,
        QuizAttempt.submitted_at,
    ).where(QuizAttempt.user_id.in_(user_ids), QuizAttempt.course_slug == course.slug)):
        key = (user_id, module_slug)
        best[key] = max(percent, best.get(key, percent))
        count[key] += 1
        last[key] = max(at, last.get(key, at))
    rows = []
    for member in members:
        states = []
        for module in modules:
            key = (member.user_id, module.slug)
            top = best.get(key)
            passed = module.quiz is not None and top is not None and top >= module.quiz.pass_mark
            states.append(ModuleProgress(module, frozenset(done.get(key, set())), top,
                                         count[key], passed, last.get(key)))
        rows.append(LearnerRow(member.id, member.nickname, member.joined_at, tuple(states)))
    return rows


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


def question_stats(
    session: Session, classroom: Classroom, course: Course, module: Module, language: str
) -> list[QuestionStats]:
    """Per question of the module's quiz: share correct and the wrong option chosen most."""
    if module.quiz is None:
        return []
    user_ids = select(Membership.user_id).where(Membership.classroom_id == classroom.id)
    attempts = session.scalars(
        select(QuizAttempt).options(selectinload(QuizAttempt.answers)).where(
            QuizAttempt.user_id.in_(user_ids), QuizAttempt.course_slug == course.slug,
            QuizAttempt.module_slug == module.slug,
        ).order_by(QuizAttempt.submitted_at)
    ).all()
    latest: dict[int, QuizAttempt] = {}
    for attempt in attempts:
        latest[attempt.user_id] = attempt
    result = []
    for question in module.quiz.questions:
        text = question.text(language)
        answered = correct = 0
        wrong: Counter[int] = Counter()
        missed: Counter[int] = Counter()
        for attempt in latest.values():
            answer = next((a for a in attempt.answers if a.question_id == question.id), None)
            if answer is None:
                continue
            answered += 1
            if answer.is_correct:
                correct += 1
            else:
                wrong.update(i for i in answer.chosen if i not in question.correct)
                if question.type == "multiple":
                    missed.update(i for i in question.correct if i not in answer.chosen)
        common_text, common_count = _most_common(wrong, text)
        missed_text, missed_count = _most_common(missed, text)
        result.append(QuestionStats(question.id, _plain(text.prompt), answered, correct,
                                    common_text, common_count, missed_text, missed_count))
    return result


def _most_common(counts: Counter[int], text: QuestionText) -> tuple[str | None, int]:
    top = counts.most_common(1)
    if not top or top[0][0] >= len(text.options):
        return None, 0
    index, count = top[0]
    return _plain(text.options[index].text), count


def _status_label(state: ModuleProgress, labels: dict[str, str]) -> str:
    return labels[state.status]


Table = list[list[object]]


def progress_table(
    rows: Sequence[LearnerRow], modules: Sequence[Module], language: str, labels: dict[str, str]
) -> Table:
    """The learners × modules table, header row first, for :mod:`app.services.spreadsheets`."""
    header: list[object] = [labels["nickname"]]
    for module in modules:
        title = text_for(module.title, language)
        header += [f"{title}: {labels['status']}", f"{title}: {labels['best']}"]
    header += [labels["complete"], labels["last_activity"]]
    table: Table = [header]
    for row in rows:
        cells: list[object] = [row.nickname]
        for state in row.modules:
            cells += [_status_label(state, labels),
                      "" if state.best_percent is None else f"{state.best_percent}%"]
        cells += [labels["yes"] if row.is_complete else labels["no"],
                  row.last_activity.strftime("%Y-%m-%d %H:%M") if row.last_activity else ""]
        table.append(cells)
    return table


def questions_table(
    per_module: Sequence[tuple[Module, Sequence[QuestionStats]]], language: str,
    labels: dict[str, str],
) -> Table:
    """Per-question analysis of every assigned quiz, header row first."""
    table: Table = [[labels["module"], labels["question"], labels["answered"],
                     labels["percent_correct"], labels["common_wrong"],
                     labels["common_missed"]]]
    for module, stats in per_module:
        for s in stats:
            table.append([text_for(module.title, language), s.prompt, s.answered,
                          "" if s.percent_correct is None else f"{s.percent_correct}%",
                          s.common_wrong or "", s.common_missed or ""])
    return table


# One learner ------------------------------------------------------------------------------

@dataclass(frozen=True)
class AnswerLine:
    """One question of an attempt: what the learner chose, and whether it was right."""

    prompt: str
    chosen: tuple[str, ...]
    is_correct: bool


@dataclass(frozen=True)
class ModuleAttempts:
    """A learner's attempts at one assigned quiz, newest first, and their latest answers."""

    module: Module
    attempts: Sequence[QuizAttempt]
    latest: tuple[AnswerLine, ...]


def learner_attempts(
    session: Session, classroom: Classroom, course: Course, membership_id: int, language: str
) -> tuple[Membership, list[ModuleAttempts]]:
    """One learner of the class (:class:`NotFound` otherwise) and their attempts at each
    assigned quiz, for the facilitator's drill-down."""
    membership = session.get(Membership, membership_id)
    if membership is None or membership.classroom_id != classroom.id:
        raise NotFound(membership_id)
    result = []
    for module in assigned_modules(classroom, course):
        if module.quiz is None:
            continue
        attempts = session.scalars(
            select(QuizAttempt).options(selectinload(QuizAttempt.answers)).where(
                QuizAttempt.user_id == membership.user_id,
                QuizAttempt.course_slug == course.slug, QuizAttempt.module_slug == module.slug,
            ).order_by(QuizAttempt.submitted_at.desc(), QuizAttempt.id.desc())).all()
        lines = []
        if attempts:
            answers = {a.question_id: a for a in attempts[0].answers}
            for question in module.quiz.questions:
                text = question.text(language)
                answer = answers.get(question.id)
                chosen = tuple(_plain(text.options[i].text) for i in sorted(answer.chosen)
                               if i < len(text.options)) if answer else ()
                lines.append(AnswerLine(_plain(text.prompt), chosen,
                                        bool(answer and answer.is_correct)))
        result.append(ModuleAttempts(module, attempts, tuple(lines)))
    return membership, result
