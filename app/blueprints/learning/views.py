"""The learner's path: course → module → lesson → quiz → result."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app import i18n
from app.content.ext import get_catalog
from app.content.model import Course, Module
from app.db import get_session
from app.services import certificate_offers, progress, quizzes
from app.web.auth import current_learner, ensure_learner

bp = Blueprint("learning", __name__)


def _course(course_slug: str) -> Course:
    course = get_catalog().course(course_slug)
    if course is None:
        abort(404)
    return course


def _module(course: Course, module_slug: str) -> Module:
    module = course.module(module_slug)
    if module is None:
        abort(404)
    return module


@bp.get("/<course_slug>/")
def course(course_slug: str):
    """A course: its warning, modules, durations and the learner's progress."""
    course = _course(course_slug)
    user = current_learner()
    state = progress.course_progress(get_session(), user, course)
    return render_template("learning/course.html", course=course, state=state,
                           cert_offers=certificate_offers.offers(get_session(), user, [course]),
                           pass_marks=sorted({m.quiz.pass_mark for m in course.modules if m.quiz}))


@bp.get("/<course_slug>/<module_slug>/")
def module(course_slug: str, module_slug: str):
    """A module: its content warning, lessons and quiz."""
    course = _course(course_slug)
    module = _module(course, module_slug)
    state = progress.course_progress(get_session(), current_learner(), course).module(module.slug)
    return render_template("learning/module.html", course=course, module=module, state=state)


@bp.get("/<course_slug>/<module_slug>/<lesson_slug>")
def lesson(course_slug: str, module_slug: str, lesson_slug: str):
    """A lesson page, with its position in the module and previous/next links."""
    course = _course(course_slug)
    module = _module(course, module_slug)
    lesson = module.lesson(lesson_slug)
    if lesson is None:
        abort(404)
    page = lesson.page(i18n.current().tag)
    index = module.lessons.index(lesson)
    state = progress.course_progress(get_session(), current_learner(), course).module(module.slug)
    return render_template(
        "learning/lesson.html", course=course, module=module, lesson=lesson, page=page,
        index=index, previous=module.lessons[index - 1] if index > 0 else None,
        next=module.lessons[index + 1] if index + 1 < len(module.lessons) else None,
        is_done=state is not None and lesson.slug in state.lessons_done,
    )


@bp.post("/<course_slug>/<module_slug>/<lesson_slug>/done")
def complete(course_slug: str, module_slug: str, lesson_slug: str):
    """Mark a lesson as done and go on to the next step."""
    course = _course(course_slug)
    module = _module(course, module_slug)
    lesson = module.lesson(lesson_slug)
    if lesson is None:
        abort(404)
    user = ensure_learner()
    db = get_session()
    progress.complete_lesson(db, user, course, module, lesson, i18n.current().tag)
    db.commit()
    index = module.lessons.index(lesson)
    if index + 1 < len(module.lessons):
        target = url_for("learning.lesson", course_slug=course.slug, module_slug=module.slug,
                         lesson_slug=module.lessons[index + 1].slug)
    else:
        target = url_for("learning.quiz", course_slug=course.slug, module_slug=module.slug)
    return redirect(target, code=303)


@bp.route("/<course_slug>/<module_slug>/quiz", methods=["GET", "POST"])
def quiz(course_slug: str, module_slug: str):
    """The module quiz: untimed, unlimited retakes, answers shown only after submitting."""
    course = _course(course_slug)
    module = _module(course, module_slug)
    if module.quiz is None:
        abort(404)
    quiz = module.quiz
    chosen: dict[str, frozenset[int]] = {}
    missing: list[str] = []
    token = quizzes.new_token()
    if request.method == "POST":
        token = request.form.get("token", "")[:64] or token
        chosen, missing = quizzes.parse_answers(quiz, request.form.to_dict(flat=False))
        if not missing:
            user = ensure_learner()
            db = get_session()
            attempt, _created = quizzes.submit(db, user, course.slug, module.slug, quiz, chosen,
                                               token, i18n.current().tag)
            db.commit()
            return redirect(url_for("learning.result", course_slug=course.slug,
                                    module_slug=module.slug, attempt_id=attempt.id), code=303)
        flash(_("Please answer every question. The ones still open are marked."), "error")
    status = 422 if missing else 200
    return render_template("learning/quiz.html", course=course, module=module, quiz=quiz,
                           chosen=chosen, missing=missing, token=token,
                           positions={q.id: i for i, q in enumerate(quiz.questions, 1)}), status


@bp.get("/<course_slug>/<module_slug>/quiz/result/<int(max=2147483647):attempt_id>")
def result(course_slug: str, module_slug: str, attempt_id: int):
    """Feedback on every question of one of the learner's own attempts."""
    course = _course(course_slug)
    module = _module(course, module_slug)
    user = current_learner()
    attempt = quizzes.find_attempt(get_session(), user, attempt_id) if user else None
    if attempt is None or attempt.module_slug != module.slug or module.quiz is None:
        abort(404)
    state = progress.course_progress(get_session(), user, course)
    next_module = next((m.module for m in state.modules if not m.is_passed
                        and m.module.slug != module.slug), None)
    answers = {a.question_id: a for a in attempt.answers}
    module_state = state.module(module.slug)
    passed = quizzes.passes(module.quiz, attempt.percent)  # today's pass mark, as everywhere
    return render_template(
        "learning/result.html", course=course, module=module, quiz=module.quiz,
        attempt=attempt, passed=passed, answers=answers, state=state, next_module=next_module,
        # The right options are shown only to someone who has passed: before that, the
        # result page would turn the retake into copying.
        reveal=passed or (module_state is not None and module_state.is_passed),
        missed=[q for q in module.quiz.questions
                if not (answers.get(q.id) and answers[q.id].is_correct)],
        positions={q.id: i for i, q in enumerate(module.quiz.questions, 1)},
        # Offered the moment it is earned: the pass that completed a class's modules.
        cert_offers=certificate_offers.offers(get_session(), user, [course]),
    )
