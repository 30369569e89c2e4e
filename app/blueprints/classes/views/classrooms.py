"""A class: create and change it, its dashboard, its printed join sheet and QR code, the
facilitator notes, and the buttons that open, close, archive or delete it."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app import i18n
from app.blueprints.classes import tables
from app.blueprints.classes.forms import ClassForm, ReasonForm
from app.blueprints.classes.views.base import (
    bp,
    check_form,
    confirm_page,
    confirmed,
    join_link,
)
from app.content.ext import get_catalog
from app.content.model import Course, text_for
from app.db import get_session
from app.languages import LANGUAGES
from app.models import Classroom, Membership, User
from app.services import classes, progress, reports, teaching
from app.services.errors import NotFound
from app.web import catalogue
from app.web.facilitators import (
    current_facilitator,
    facilitator_required,
    managed_class,
    managed_organisation,
)
from app.web.forms import refusals
from app.web.urls import public_url, url_pattern


def _class_form(user: User, course: Course, classroom: Classroom | None = None) -> ClassForm:
    form = ClassForm()
    form.organisation.choices = [
        (o.id, o.name) for o in classes.list_organisations(get_session(), user)
    ]
    form.language.choices = [(tag, LANGUAGES[tag].name) for tag in i18n.enabled()]
    lang = i18n.current().tag
    form.modules.choices = [(m.slug, text_for(m.title, lang)) for m in course.modules]
    if request.method != "GET":
        return form
    if classroom is not None:
        form.name.data = classroom.name
        form.organisation.data = classroom.organisation_id
        form.language.data = classroom.language
        form.modules.data = [m.slug for m in progress.assigned_modules(classroom, course)]
        form.ends_on.data = date.fromisoformat(classroom.ends_on) if classroom.ends_on else None
    else:
        form.language.data = lang
        form.modules.data = [m.slug for m in course.modules]
        # Opened from an organisation's page: that organisation, not the first one.
        chosen = request.args.get("organisation", type=int)
        if chosen in {value for value, _label in form.organisation.choices}:
            form.organisation.data = chosen
    return form


@bp.route("/classes/new", methods=["GET", "POST"])
@facilitator_required
def new_class():
    """Create a class: name, organisation, language, modules, end date."""
    catalog = get_catalog()
    first = catalog.courses[0].slug if catalog.courses else ""
    course = catalogue.course(request.args.get("course", first))
    form = _class_form(current_facilitator(), course)
    if not form.organisation.choices:
        flash(_("First create or join your organisation."), "error")
        return redirect(url_for("classes.index"))
    if form.validate_on_submit():
        db = get_session()
        with refusals(form) as outcome:
            classroom = classes.create_class(
                db,
                managed_organisation(form.organisation.data),
                course,
                form.name.data or "",
                form.language.data,
                form.modules.data or [],
                form.ends_on.data,
            )
        if not outcome.refused:
            db.commit()
            flash(_("The class is ready. Share the join code below."), "success")
            return redirect(url_for("classes.dashboard", class_id=classroom.id), code=303)
    return render_template("classes/form.html", form=form, course=course, classroom=None), (
        422 if form.errors else 200
    )


@bp.route("/classes/<id:class_id>/edit", methods=["GET", "POST"])
def edit_class(class_id: int):
    """Change a class."""
    classroom = managed_class(class_id)
    course = catalogue.course(classroom.course_slug)
    form = _class_form(current_facilitator(), course, classroom)
    if form.validate_on_submit():
        db = get_session()
        with refusals(form) as outcome:
            classes.update_class(
                db,
                classroom,
                course,
                form.name.data or "",
                form.language.data,
                form.modules.data or [],
                form.ends_on.data,
            )
        if not outcome.refused:
            db.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("classes.dashboard", class_id=classroom.id), code=303)
    return render_template(
        "classes/form.html", form=form, course=course, classroom=classroom
    ), 422 if form.errors else 200


def dashboard_context(classroom: Classroom) -> dict[str, Any]:
    """What the dashboard shows (and the spreadsheets hold): modules, learners, questions."""
    course = catalogue.course(classroom.course_slug)
    db = get_session()
    lang = i18n.current().tag
    modules = progress.assigned_modules(classroom, course)
    rows = reports.learner_rows(db, classroom, course)
    texts = table_texts(classroom)
    return {
        "classroom": classroom,
        "course": course,
        "modules": modules,
        "rows": rows,
        "cells": tables.progress_cells(rows, texts),
        "stats": reports.question_analysis(db, classroom, course, lang),
        "texts": texts,
    }


def table_texts(classroom: Classroom) -> dict[str, str]:
    """What every row of the progress table repeats, translated and built once per page
    rather than once per learner or cell: the status labels, format strings (``%``) and
    addresses with ``{}`` for the member's id (``str.format``)."""
    return {
        "passed": _("Passed"),
        "in-progress": _("In progress"),
        "not-started": _("Not started"),
        "best": _("best %(p)d%%"),
        "lessons": _("%(done)d/%(total)d lessons"),
        "remove": _("Remove %(name)s and their data"),
        "learner_url": url_pattern("classes.learner", "member_id", class_id=classroom.id),
        "remove_url": url_pattern("classes.remove_member", "member_id", class_id=classroom.id),
    }


@bp.get("/classes/<id:class_id>/")
def dashboard(class_id: int):
    """Who joined, who finished, and which questions the class found hard."""
    classroom = managed_class(class_id)
    return render_template(
        "classes/dashboard.html",
        form=ReasonForm(),
        join_url=join_link(classroom),
        **dashboard_context(classroom),
    )


@bp.get("/classes/<id:class_id>/live")
def live(class_id: int):
    """The dashboard's tables alone, for refreshing without a page reload."""
    classroom = managed_class(class_id)
    return render_template("classes/_live.html", form=ReasonForm(), **dashboard_context(classroom))


@bp.get("/classes/<id:class_id>/learners/<id:member_id>")
def learner(class_id: int, member_id: int):
    """One learner's quiz attempts and their latest answers, question by question."""
    classroom = managed_class(class_id)
    course = catalogue.course(classroom.course_slug)
    membership, modules = reports.learner_attempts(
        get_session(), classroom, course, member_id, i18n.current().tag
    )
    return render_template(
        "classes/learner.html",
        classroom=classroom,
        course=course,
        membership=membership,
        modules=modules,
    )


def _class_action(
    class_id: int, action: Callable[[Session, Classroom], object], message: str
) -> ResponseReturnValue:
    classroom = managed_class(class_id)
    check_form()
    db = get_session()
    action(db, classroom)
    db.commit()
    flash(message, "success")
    return redirect(url_for("classes.dashboard", class_id=class_id), code=303)


@bp.post("/classes/<id:class_id>/joining")
def toggle_joining(class_id: int):
    """Open or close joining."""
    is_open = request.form.get("open") == "1"
    return _class_action(
        class_id,
        lambda db, c: classes.set_joining(db, c, is_open),
        _("Joining is open.") if is_open else _("Joining is closed."),
    )


@bp.post("/classes/<id:class_id>/code")
def regenerate(class_id: int):
    """Make a new join code; the old one stops working."""
    if not confirmed():
        classroom = managed_class(class_id)
        check_form()
        return confirm_page(
            _("Make a new join code for %(name)s?", name=classroom.name),
            [
                _(
                    "The code %(code)s stops working: every printed join sheet, its QR code and "
                    "the link you shared lead nowhere.",
                    code=classroom.join_code,
                ),
                _("Learners who have already joined keep their place and progress."),
            ],
            _("Make a new join code"),
            url_for("classes.dashboard", class_id=class_id),
        )
    return _class_action(
        class_id,
        classes.regenerate_code,
        _("The class has a new join code. The old one no longer works."),
    )


@bp.post("/classes/<id:class_id>/archive")
def archive(class_id: int):
    """Archive the class."""
    days = current_app.config["ARCHIVED_CLASS_RETENTION_DAYS"]
    return _class_action(
        class_id,
        classes.archive_class,
        _("The class is archived. Its learners' data will be deleted in %(days)d days.", days=days),
    )


@bp.post("/classes/<id:class_id>/delete")
def delete(class_id: int):
    """Delete the class and its learners' data."""
    classroom = managed_class(class_id)
    check_form()
    if not confirmed():
        return confirm_page(
            _("Delete the class %(name)s?", name=classroom.name),
            [
                _("Every learner's nickname, progress and quiz answers in this class are deleted."),
                _("The join code stops working, so every printed join sheet does too."),
                _("Certificates already issued stay valid."),
                _("This cannot be undone. To keep the results for now, archive the class instead."),
            ],
            _("Delete the class"),
            url_for("classes.dashboard", class_id=class_id),
        )
    db = get_session()
    classes.delete_class(db, classroom)
    db.commit()
    flash(_("The class and its learners' data were deleted."), "success")
    return redirect(url_for("classes.index"), code=303)


@bp.post("/classes/<id:class_id>/members/<id:member_id>/remove")
def remove_member(class_id: int, member_id: int):
    """Remove a learner and their data from the class."""
    classroom = managed_class(class_id)
    check_form()
    db = get_session()
    if not confirmed():
        membership = db.get(Membership, member_id)
        if membership is None or membership.classroom_id != classroom.id:
            raise NotFound(member_id)
        return confirm_page(
            _("Remove %(name)s from the class?", name=membership.nickname),
            [
                _("Their progress and quiz answers in this class are deleted."),
                _(
                    "A learner without a password of their own loses all their progress, and "
                    "their recovery code stops working."
                ),
                _("Certificates already issued stay valid."),
            ],
            _("Remove the learner"),
            url_for("classes.dashboard", class_id=class_id),
        )
    classes.remove_member(db, classroom, member_id)
    db.commit()
    flash(_("The learner and their data were removed from the class."), "success")
    return redirect(url_for("classes.dashboard", class_id=class_id), code=303)


@bp.get("/classes/<id:class_id>/sheet")
def join_sheet(class_id: int):
    """A printable sheet with the join code, link and QR code, to hand out or project."""
    classroom = managed_class(class_id)
    return render_template(
        "classes/sheet.html",
        classroom=classroom,
        course=catalogue.course(classroom.course_slug),
        join_url=public_url("classes.join", lang_code=classroom.language),
    )


@bp.get("/classes/<id:class_id>/qr.svg")
def qr(class_id: int):
    """The QR code of the class's join link."""
    import segno  # only for this image: not held by every worker (bench/bench_memory.py)

    classroom = managed_class(class_id)
    buffer = io.BytesIO()
    segno.make(join_link(classroom), error="m").save(
        buffer,
        kind="svg",
        scale=8,
        border=2,
        xmldecl=False,
        svgns=True,
        dark="#000",
        title=_("QR code of the link to join the class"),
    )
    return Response(buffer.getvalue(), mimetype="image/svg+xml")


@bp.get("/classes/<id:class_id>/notes/<module_slug>")
def notes(class_id: int, module_slug: str):
    """The module's facilitator notes (facilitators only)."""
    classroom = managed_class(class_id)
    course = catalogue.course(classroom.course_slug)
    module = catalogue.module(course, module_slug)
    page = teaching.facilitator_page(module, i18n.current().tag)
    if page is None:
        raise NotFound(module_slug)
    return render_template(
        "classes/notes.html", classroom=classroom, course=course, module=module, page=page
    )
