"""The learner's path: course → module → lesson → quiz → result; and a module for a
classroom: presented on a projector, or printed as a handout."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from app import i18n
from app.content.model import Course, Lesson, Module
from app.db import get_session
from app.services import certificate_offers, progress, quizzes, teaching
from app.services.errors import NotFound
from app.web import catalogue, fragments, page_shell
from app.web import country as countries
from app.web.auth import current_learner, ensure_learner
from app.web.converters import MAX_ID
from app.web.templating import translation_of
from app.web.urls import public_url

bp = Blueprint("learning", __name__)


@bp.get("/courses/<course_slug>/")
def course(course_slug: str):
    """A course: its warning, modules, durations and the learner's progress."""
    course = catalogue.course(course_slug)
    user = current_learner()
    state = progress.course_progress(get_session(), user, course)
    return render_template(
        "learning/course.html",
        course=course,
        state=state,
        cert_offers=certificate_offers.offers(get_session(), user, [course]),
        step=progress.next_step(get_session(), user, course),
        pass_marks=sorted({m.quiz.pass_mark for m in course.modules if m.quiz}),
    )


@bp.get("/courses/<course_slug>/<module_slug>/")
def module(course_slug: str, module_slug: str):
    """A module: its content warning, lessons and quiz."""
    course = catalogue.course(course_slug)
    module = catalogue.module(course, module_slug)
    state = progress.course_progress(get_session(), current_learner(), course).module(module.slug)
    return render_template("learning/module.html", course=course, module=module, state=state)


@bp.get("/courses/<course_slug>/<module_slug>/<lesson_slug>")
def lesson(course_slug: str, module_slug: str, lesson_slug: str):
    """A lesson page, with its position in the module and previous/next links."""
    course = catalogue.course(course_slug)
    module = catalogue.module(course, module_slug)
    lesson = catalogue.lesson(module, lesson_slug)
    page = lesson.page(i18n.current().tag)
    index = module.lessons.index(lesson)
    # A new visitor has no progress: no database session is opened for them.
    user = current_learner()
    is_done = user is not None and progress.lesson_done(get_session(), user, course, module, lesson)
    parts = _lesson_parts(course, module, lesson, index)
    # The page around the lesson's text is kept per lesson, language and state: it holds
    # the title, the parts below and whether this learner has read the lesson, no more.
    return page_shell.render(
        "learning/lesson.html",
        (*_lesson_key(course, module, lesson), is_done),
        (course, module, lesson, page),
        {"lesson_body": parts.pop("lesson_body")},
        page=page,
        is_done=is_done,
        **parts,
    )


#: The cached parts of a lesson page, each a template rendered with the same context.
_LESSON_PARTS = {
    "lesson_body": "learning/_lesson_body.html",
    "lesson_action": "learning/_lesson_action.html",
    "lesson_button": "learning/_lesson_button.html",
    "lesson_pager": "learning/_lesson_pager.html",
}


def _lesson_parts(course: Course, module: Module, lesson: Lesson, index: int) -> dict[str, Markup]:
    """The lesson's text (breadcrumbs, heading, notices, contents, content blocks and
    content notes), the address and button of its "Done" form, and its pager, rendered once
    per worker for each lesson and language.

    Cached under the lesson's address, the language (its words, its fallback page, the
    Cyrillic made from Latin), the script root (every link starts with it) and the address
    for translation feedback (the review notice's link), and made again if the content
    objects differ: that is everything these templates are given, and none of it is
    personal. What is (whether this learner has read the lesson, the form with their CSRF
    token, flashed messages) stays in lesson.html and base.html, rendered per request."""
    lang = i18n.current()
    page = lesson.page(lang.tag)
    email = current_app.config.get("TRANSLATION_FEEDBACK_EMAIL")
    key = _lesson_key(course, module, lesson)
    context = {
        "course": course,
        "module": module,
        "lesson": lesson,
        "page": page,
        "index": index,
        "previous": module.lessons[index - 1] if index > 0 else None,
        "next": module.lessons[index + 1] if index + 1 < len(module.lessons) else None,
        "lang": lang,
        "translation_of": translation_of,
        "feedback_email": email,
    }
    cache, sources = fragments.cache(), (course, module, lesson, page)
    return {
        name: cache.get((name, *key), partial(fragments.render, template, **context), sources)
        for name, template in _LESSON_PARTS.items()
    }


def _lesson_key(course: Course, module: Module, lesson: Lesson) -> tuple[object, ...]:
    """What a lesson's cached parts are kept under (see :func:`_lesson_parts`)."""
    return (
        course.slug,
        module.slug,
        lesson.slug,
        i18n.current().tag,
        request.script_root,
        current_app.config.get("TRANSLATION_FEEDBACK_EMAIL"),
    )


@bp.get("/courses/<course_slug>/<module_slug>/<lesson_slug>/done")
def save_progress(course_slug: str, module_slug: str, lesson_slug: str):
    """Where the "Done" button of a visitor without a session leads: the same page for
    everyone, so a new visitor's lessons carry no cookie and no token (they are served from
    the page cache). Nothing is written; this page starts the session, and its form (with
    the token) marks the lesson. Two tabs that come here share that one session, so they
    name one guest."""
    course = catalogue.course(course_slug)
    module = catalogue.module(course, module_slug)
    lesson = catalogue.lesson(module, lesson_slug)
    return render_template(
        "learning/save_progress.html",
        course=course,
        module=module,
        lesson=lesson,
        next_step=_after(course, module, lesson),
        guest_days=current_app.config["GUEST_RETENTION_DAYS"],
    )


@bp.post("/courses/<course_slug>/<module_slug>/<lesson_slug>/done")
def complete(course_slug: str, module_slug: str, lesson_slug: str):
    """Mark a lesson as done and go on to the next step."""
    course = catalogue.course(course_slug)
    module = catalogue.module(course, module_slug)
    lesson = catalogue.lesson(module, lesson_slug)
    user = ensure_learner()
    db = get_session()
    progress.complete_lesson(db, user, course, module, lesson, i18n.current().tag)
    db.commit()
    return redirect(_after(course, module, lesson), code=303)


def _after(course: Course, module: Module, lesson: Lesson) -> str:
    """The step after ``lesson``: the module's next lesson, or its quiz."""
    index = module.lessons.index(lesson)
    if index + 1 < len(module.lessons):
        return url_for(
            "learning.lesson",
            course_slug=course.slug,
            module_slug=module.slug,
            lesson_slug=module.lessons[index + 1].slug,
        )
    return url_for("learning.quiz", course_slug=course.slug, module_slug=module.slug)


@bp.route("/courses/<course_slug>/<module_slug>/quiz", methods=["GET", "POST"])
def quiz(course_slug: str, module_slug: str):
    """The module quiz: untimed, unlimited retakes, answers shown only after submitting."""
    course = catalogue.course(course_slug)
    module = catalogue.module(course, module_slug)
    if module.quiz is None:
        raise NotFound(module_slug)
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
            attempt, _created = quizzes.submit(
                db, user, course.slug, module.slug, quiz, chosen, token, i18n.current().tag
            )
            db.commit()
            return redirect(
                url_for(
                    "learning.result",
                    course_slug=course.slug,
                    module_slug=module.slug,
                    attempt_id=attempt.id,
                ),
                code=303,
            )
        flash(_("Please answer every question. The ones still open are marked."), "error")
    status = 422 if missing else 200
    return render_template(
        "learning/quiz.html",
        course=course,
        module=module,
        quiz=quiz,
        chosen=chosen,
        missing=missing,
        token=token,
        positions={q.id: i for i, q in enumerate(quiz.questions, 1)},
    ), status


@bp.get("/courses/<course_slug>/<module_slug>/quiz/result/<id:attempt_id>")
def result(course_slug: str, module_slug: str, attempt_id: int):
    """Feedback on every question of one of the learner's own attempts."""
    course = catalogue.course(course_slug)
    module = catalogue.module(course, module_slug)
    user = current_learner()
    attempt = quizzes.find_attempt(get_session(), user, attempt_id) if user else None
    if attempt is None or attempt.module_slug != module.slug or module.quiz is None:
        raise NotFound(attempt_id)
    state = progress.course_progress(get_session(), user, course)
    next_module = next(
        (m.module for m in state.modules if not m.is_passed and m.module.slug != module.slug), None
    )
    answers = {a.question_id: a for a in attempt.answers}
    module_state = state.module(module.slug)
    passed = quizzes.passes(module.quiz, attempt.percent)  # today's pass mark, as everywhere
    return render_template(
        "learning/result.html",
        course=course,
        module=module,
        quiz=module.quiz,
        attempt=attempt,
        passed=passed,
        answers=answers,
        state=state,
        next_module=next_module,
        # The right options are shown only to someone who has passed: before that, the
        # result page would turn the retake into copying.
        reveal=passed or (module_state is not None and module_state.is_passed),
        missed=[
            q for q in module.quiz.questions if not (answers.get(q.id) and answers[q.id].is_correct)
        ],
        positions={q.id: i for i, q in enumerate(module.quiz.questions, 1)},
        # Offered the moment it is earned: the pass that completed a class's modules.
        cert_offers=certificate_offers.offers(get_session(), user, [course]),
    )


# A module for a classroom, open to everyone --------------------------------------------

_NUMBER = re.compile(r"[0-9]{1,10}")


def _number(name: str) -> int | None:
    """A positive whole number from the query string (``None`` if absent or malformed)."""
    raw = request.args.get(name, "")
    value = int(raw) if _NUMBER.fullmatch(raw) else 0
    return value if 0 < value <= MAX_ID else None


def _screen_url(course: Course, module: Module, index: int, part: int, class_id: int | None) -> str:
    extra: dict[str, Any] = {"part": part} if part > 1 else {}
    if class_id is not None:
        extra["class"] = class_id
    return url_for(
        "learning.present",
        course_slug=course.slug,
        module_slug=module.slug,
        lesson_slug=module.lessons[index].slug,
        **extra,
    )


@bp.get("/present/<course_slug>/<module_slug>/<lesson_slug>")
def present(course_slug: str, module_slug: str, lesson_slug: str):
    """A lesson on a projector, one screen per section (``?part=``), with previous and next
    links that go on across the module's lessons (and the arrow keys, with JavaScript).
    Opened from a class (``?class=``), it leads back to the class."""
    course = catalogue.course(course_slug)
    module = catalogue.module(course, module_slug)
    lesson = catalogue.lesson(module, lesson_slug)
    lang = i18n.current().tag
    index = module.lessons.index(lesson)
    page = lesson.page(lang)
    parts = teaching.screens(page)
    part = _number("part") if "part" in request.args else 1
    if part is None or part > len(parts):
        raise NotFound(part)
    class_id = _number("class")
    previous = next_ = None
    if part > 1:
        previous = _screen_url(course, module, index, part - 1, class_id)
    elif index > 0:
        before = len(teaching.screens(module.lessons[index - 1].page(lang)))
        previous = _screen_url(course, module, index - 1, before, class_id)
    if part < len(parts):
        next_ = _screen_url(course, module, index, part + 1, class_id)
    elif index + 1 < len(module.lessons):
        next_ = _screen_url(course, module, index + 1, 1, class_id)
    back = (
        url_for("classes.dashboard", class_id=class_id)
        if class_id
        else url_for("learning.module", course_slug=course.slug, module_slug=module.slug)
    )
    return render_template(
        "learning/present.html",
        course=course,
        module=module,
        lesson=lesson,
        index=index,
        page=page,
        screen=parts[part - 1],
        part=part,
        parts=len(parts),
        previous=previous,
        next=next_,
        back=back,
        from_class=class_id is not None,
    )


@bp.get("/handout/<course_slug>/<module_slug>")
def handout(course_slug: str, module_slug: str):
    """The module on two printed pages: the key points of every lesson, the activity (for
    facilitators, whose notes it comes from) and where to get help in the chosen country."""
    course = catalogue.course(course_slug)
    module = catalogue.module(course, module_slug)
    lang = i18n.current().tag
    legal = catalogue.find_legal_guide()
    # As on the help page: the chosen country, else the language's, else the first one
    # suggested or listed; the form on the page changes it.
    code = (
        countries.from_query(legal)
        or countries.current(legal)
        or next(
            iter(countries.suggested(legal) or (legal.codes if legal is not None else ())), None
        )
    )
    country = legal.country(code) if legal is not None and code else None
    user = current_learner()
    is_facilitator = user is not None and user.is_facilitator
    return render_template(
        "learning/handout.html",
        course=course,
        module=module,
        legal=legal,
        country=country,
        points=teaching.key_points(module, lang),
        contacts=teaching.help_contacts(country),
        activity=teaching.activity(module, lang) if is_facilitator else None,
        help_url=public_url("main.help_page", lang_code=lang),
    )


@bp.get("/handout/<course_slug>/<module_slug>/full")
def handout_full(course_slug: str, module_slug: str):
    """Every lesson of a module on one page, for printing (each lesson on a new sheet)."""
    course = catalogue.course(course_slug)
    module = catalogue.module(course, module_slug)
    return render_template("learning/handout_full.html", course=course, module=module)
