"""The quick exit: leave for a neutral site, and come back only on purpose."""

from __future__ import annotations

from flask import Blueprint, current_app, g, redirect, request, url_for

from app import i18n
from app.web import quick_exit

bp = Blueprint("safety", __name__)


@bp.get("/exit")
def leave():
    """Mark this browser as having left, then go to the neutral page elsewhere.

    A GET, so that the exit is a plain link that works without JavaScript; all it changes
    is that this browser sees a blank page here until it chooses to continue.
    """
    response = redirect(current_app.config["QUICK_EXIT_URL"], code=303)
    return quick_exit.mark_left(response)


@bp.get("/notes")
def blank():
    """The blank page a browser that left sees instead of the site (also without the
    cookie: the address may be reopened from the history at any time)."""
    g.lang = i18n.best_language()  # the address names none
    return quick_exit.neutral_page()


@bp.post("/continue")
def resume():
    """The visitor chose to see the site again: to the start page (or ``next``, a page of
    this site)."""
    target = quick_exit.safe_next(request.form.get("next")) or url_for("main.root")
    return quick_exit.forget_left(redirect(target, code=303))
