"""The classes blueprint and what its route modules share: confirmation pages, the join
link and the class's language."""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template, request
from flask_babel import refresh

from app import i18n
from app.blueprints.classes.forms import ReasonForm
from app.languages import same_language
from app.models import Classroom
from app.web.urls import public_url

bp = Blueprint("classes", __name__)


def check_form() -> None:
    """400 for a button's form that does not validate (its CSRF token, in production)."""
    if not ReasonForm().validate_on_submit():
        abort(400)


def confirmed() -> bool:
    """Whether a destructive form was sent from its confirmation page."""
    return request.form.get("confirm") == "yes"


def confirm_page(title: str, losses: list[str], button: str, cancel: str) -> str:
    """A page that says what will be lost and posts the same form again, confirmed (no JS
    needed); cancelling goes back to where the button was."""
    return render_template(
        "classes/confirm.html",
        title=title,
        losses=losses,
        button=button,
        cancel=cancel,
        fields={},
        action=request.path,
        form=ReasonForm(),
    )


def join_link(classroom: Classroom) -> str:
    """The class's join link, in the class's language: a pupil who scans it studies in it."""
    return public_url("classes.join_link", lang_code=classroom.language, code=classroom.join_code)


def answer_in_class_language(classroom: Classroom | None) -> None:
    """Answer this request in the class's language (and remember it in the language
    cookie), so that a member's pages default to it; the switcher still changes it. A pupil
    already reading that language in its other script keeps the script they chose: a class
    set to Serbian in Latin does not turn a pupil who reads Cyrillic to Latin."""
    if classroom is None or classroom.language not in i18n.enabled():
        return
    if same_language(i18n.current().tag, classroom.language):
        return
    g.lang = classroom.language
    refresh()
