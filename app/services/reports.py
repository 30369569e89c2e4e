"""What a facilitator sees of a class: learners × modules, and how each quiz question went.

Numbers are computed here, never in templates, with the rules of
:mod:`app.services.progress` (the assigned modules, the pass rule, a learner's state in a
module). Both reports read the class's progress in a fixed number of statements, whatever
its size, and let the database do the counting.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.content.model import Course, Module, Question, QuestionText, text_for
from app.models import Classroom, Membership, QuizAnswer, QuizAttempt
from app.services import quizzes
from app.services.errors import NotFound
from app.services.progress import (
    ModuleProgress,
    assigned_modules,
    is_complete,
    module_states,
    states_of,
)


@dataclass(frozen=True, slots=True)
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


def learner_rows(session: Session, classroom: Classroom, course: Course) -> list[LearnerRow]:
    """Every learner of the class with their progress in the assigned modules, by nickname
    (three statements, whatever the class size)."""
    modules = assigned_modules(classroom, course)
    members = session.execute(
        select(
            Membership.id,
            Membership.user_id,
            Membership.nickname,
            Membership.joined_at,
        )
        .where(Membership.classroom_id == classroom.id)
        .order_by(Membership.nickname)
    ).all()
    states = module_states(session, _member_ids(classroom), course, modules)
    return [
        LearnerRow(member_id, nickname, joined_at, states_of(states, user_id, modules))
        for member_id, user_id, nickname, joined_at in members
    ]


def _member_ids(classroom: Classroom) -> Select[int]:
    return select(Membership.user_id).where(Membership.classroom_id == classroom.id)


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


def question_analysis(
    session: Session, classroom: Classroom, course: Course, language: str
) -> list[tuple[Module, list[QuestionStats]]]:
    """Each assigned module with, per question of its quiz, the share of the class correct
    and the wrong option chosen most (no questions for a module without a quiz).

    One statement: the answers of each learner's latest attempt at each quiz, counted per
    question and set of options chosen (rows bounded by the quizzes, not by the class)."""
    modules = assigned_modules(classroom, course)
    ranked = (
        select(
            QuizAttempt.id,
            QuizAttempt.module_slug,
            func.row_number()
            .over(
                partition_by=(QuizAttempt.user_id, QuizAttempt.module_slug),
                order_by=(QuizAttempt.submitted_at.desc(), QuizAttempt.id.desc()),
            )
            .label("rank"),
        )
        .where(
            QuizAttempt.user_id.in_(_member_ids(classroom)),
            QuizAttempt.course_slug == course.slug,
            QuizAttempt.module_slug.in_([m.slug for m in modules if m.quiz is not None]),
        )
        .subquery()
    )
    counts: dict[tuple[str, str], list[tuple[frozenset[int], bool, int]]] = defaultdict(list)
    for module_slug, question_id, choices, is_correct, n in session.execute(
        select(
            ranked.c.module_slug,
            QuizAnswer.question_id,
            QuizAnswer.choices,
            QuizAnswer.is_correct,
            func.count(),
        )
        .join(ranked, QuizAnswer.attempt_id == ranked.c.id)
        .where(ranked.c.rank == 1)
        .group_by(
            ranked.c.module_slug,
            QuizAnswer.question_id,
            QuizAnswer.choices,
            QuizAnswer.is_correct,
        )
    ):
        counts[(module_slug, question_id)].append((_chosen(choices), bool(is_correct), n))
    return [
        (
            module,
            [
                _question(q, q.text(language), counts.get((module.slug, q.id), []))
                for q in (module.quiz.questions if module.quiz else ())
            ],
        )
        for module in modules
    ]


def _chosen(choices: str) -> frozenset[int]:
    return frozenset(int(c) for c in choices.split(",") if c)


def _question(
    question: Question, text: QuestionText, counts: Sequence[tuple[frozenset[int], bool, int]]
) -> QuestionStats:
    answered = correct = 0
    wrong: Counter[int] = Counter()
    missed: Counter[int] = Counter()
    for chosen, is_correct, n in counts:
        answered += n
        if is_correct:
            correct += n
            continue
        for index in chosen - question.correct:
            wrong[index] += n
        if question.type == "multiple":
            for index in question.correct - chosen:
                missed[index] += n
    common_text, common_count = _most_common(wrong, text)
    missed_text, missed_count = _most_common(missed, text)
    return QuestionStats(
        question.id,
        _plain(text.prompt),
        answered,
        correct,
        common_text,
        common_count,
        missed_text,
        missed_count,
    )


def _most_common(counts: Counter[int], text: QuestionText) -> tuple[str | None, int]:
    """The option chosen most often (the first one on a tie), and how often."""
    if not counts:
        return None, 0
    index, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    if index >= len(text.options):
        return None, 0
    return _plain(text.options[index].text), count


def _status_label(state: ModuleProgress, labels: dict[str, str]) -> str:
    return labels[state.status]


Table = list[list[object]]


def progress_table(
    session: Session, classroom: Classroom, course: Course, language: str, labels: dict[str, str]
) -> Table:
    """The learners × modules table, header row first, for :mod:`app.services.spreadsheets`
    (``labels``: the interface strings, translated once)."""
    header: list[object] = [labels["nickname"]]
    for module in assigned_modules(classroom, course):
        title = text_for(module.title, language)
        header += [f"{title}: {labels['status']}", f"{title}: {labels['best']}"]
    header += [labels["complete"], labels["last_activity"]]
    table: Table = [header]
    for row in learner_rows(session, classroom, course):
        cells: list[object] = [row.nickname]
        for state in row.modules:
            cells += [
                _status_label(state, labels),
                "" if state.best_percent is None else f"{state.best_percent}%",
            ]
        cells += [
            labels["yes"] if row.is_complete else labels["no"],
            row.last_activity.strftime("%Y-%m-%d %H:%M") if row.last_activity else "",
        ]
        table.append(cells)
    return table


def questions_table(
    session: Session, classroom: Classroom, course: Course, language: str, labels: dict[str, str]
) -> Table:
    """Per-question analysis of every assigned quiz, header row first (``labels`` as for
    :func:`progress_table`)."""
    table: Table = [
        [
            labels["module"],
            labels["question"],
            labels["answered"],
            labels["percent_correct"],
            labels["common_wrong"],
            labels["common_missed"],
        ]
    ]
    for module, stats in question_analysis(session, classroom, course, language):
        for s in stats:
            table.append(
                [
                    text_for(module.title, language),
                    s.prompt,
                    s.answered,
                    "" if s.percent_correct is None else f"{s.percent_correct}%",
                    s.common_wrong or "",
                    s.common_missed or "",
                ]
            )
    return table


# One learner ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerLine:
    """One question of an attempt: what the learner chose, and whether it was right."""

    prompt: str
    chosen: tuple[str, ...]
    is_correct: bool


@dataclass(frozen=True)
class AttemptLine:
    """One attempt as the facilitator sees it, passed or not by today's pass mark."""

    submitted_at: datetime
    correct: int
    total: int
    percent: int
    is_passed: bool


@dataclass(frozen=True)
class ModuleAttempts:
    """A learner's attempts at one assigned quiz, newest first, and their latest answers."""

    module: Module
    attempts: tuple[AttemptLine, ...]
    latest: tuple[AnswerLine, ...]


def learner_attempts(
    session: Session, classroom: Classroom, course: Course, membership_id: int, language: str
) -> tuple[Membership, list[ModuleAttempts]]:
    """One learner of the class (:class:`NotFound` otherwise) and their attempts at each
    assigned quiz, for the facilitator's drill-down."""
    membership = session.get(Membership, membership_id)
    if membership is None or membership.classroom_id != classroom.id:
        raise NotFound(membership_id)
    modules = [m for m in assigned_modules(classroom, course) if m.quiz is not None]
    by_module: dict[str, list[QuizAttempt]] = defaultdict(list)
    for attempt in session.scalars(
        select(QuizAttempt)
        .options(selectinload(QuizAttempt.answers))
        .where(
            QuizAttempt.user_id == membership.user_id,
            QuizAttempt.course_slug == course.slug,
            QuizAttempt.module_slug.in_([m.slug for m in modules]),
        )
        .order_by(QuizAttempt.submitted_at.desc(), QuizAttempt.id.desc())
    ):
        by_module[attempt.module_slug].append(attempt)
    return membership, [_module_attempts(m, by_module[m.slug], language) for m in modules]


def _module_attempts(
    module: Module, attempts: Sequence[QuizAttempt], language: str
) -> ModuleAttempts:
    assert module.quiz is not None
    lines = []
    if attempts:
        answers = {a.question_id: a for a in attempts[0].answers}
        for question in module.quiz.questions:
            text = question.text(language)
            answer = answers.get(question.id)
            chosen = (
                tuple(
                    _plain(text.options[i].text)
                    for i in sorted(answer.chosen)
                    if i < len(text.options)
                )
                if answer
                else ()
            )
            lines.append(
                AnswerLine(_plain(text.prompt), chosen, bool(answer and answer.is_correct))
            )
    return ModuleAttempts(
        module,
        tuple(
            AttemptLine(
                a.submitted_at,
                a.correct,
                a.total,
                a.percent,
                quizzes.passes(module.quiz, a.percent),
            )
            for a in attempts
        ),
        tuple(lines),
    )
