"""Home, catalogue, help, privacy, settings and the files courses ship."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _

from app import i18n
from app.content.ext import get_catalog
from app.db import get_session
from app.services import certificate_offers, joining, progress
from app.web import country as countries
from app.web.auth import current_learner

bp = Blueprint("main", __name__)


@bp.get("/")
def root():
    """Send a visitor to the site in their language."""
    return redirect(url_for("main.home", lang_code=i18n.best_language()))


@bp.get("/healthz")
def healthz():
    """Liveness check for load balancers."""
    return {"status": "ok"}


@bp.get("/<lang_code>/")
def home():
    """The catalogue of courses, with the learner's progress in each."""
    catalog = get_catalog()
    user = current_learner()
    db = get_session()
    items = [progress.course_progress(db, user, c) for c in catalog.courses]
    my_classes = []
    for membership in joining.memberships_of(db, user):
        course = catalog.course(membership.classroom.course_slug)
        if course is not None:
            my_classes.append(
                (membership, progress.class_progress(db, user, membership.classroom, course))
            )
    return render_template(
        "main/home.html",
        items=items,
        my_classes=my_classes,
        cert_offers=certificate_offers.offers(db, user, catalog.courses),
    )


@bp.get("/<lang_code>/help")
def help_page():
    """Where to get support, by country."""
    legal = get_catalog().legal
    country = None
    ask: list = []
    if legal is not None:
        code = countries.from_query(legal) or countries.current(legal)
        country = legal.country(code) if code else None
        if country is None:
            # Nobody chose and the language does not say: show the likely countries' crisis
            # lines side by side, and ask.
            ask = [legal.country(c) for c in countries.suggested(legal)]
            ask = ask or list(legal.countries[:1])
    # What to call now comes first: for the learner's country, or for each likely one.
    # The learner's part of the country (BiH: an entity) puts its own entries first.
    now = [countries.help_now(c, countries.chosen_area(c)) for c in ([country] if country else ask)]
    return render_template("main/help.html", legal=legal, country=country, ask=ask, now=now)


@bp.get("/<lang_code>/privacy")
def privacy():
    """What is stored, for how long, and who sees it."""
    return render_template(
        "main/privacy.html",
        guest_days=current_app.config["GUEST_RETENTION_DAYS"],
        class_days=current_app.config["ARCHIVED_CLASS_RETENTION_DAYS"],
    )


@bp.route("/<lang_code>/settings", methods=["GET", "POST"])
def settings():
    """Interface preferences kept in this browser only (e.g. a neutral tab title)."""
    if request.method == "POST":
        session["neutral_title"] = request.form.get("neutral_title") == "on"
        session["keep_out_of_history"] = request.form.get("keep_out_of_history") == "on"
        code = request.form.get("country", "")[:8]
        if code:
            countries.remember(get_catalog().legal, code)
        elif "country" in request.form:
            session.pop(countries.SESSION_KEY, None)
            countries.forget_areas()
        flash(_("Your settings are saved in this browser."), "success")
        return redirect(url_for("main.settings"))
    legal = get_catalog().legal
    return render_template("main/settings.html", legal=legal, chosen=countries.chosen(legal))


@bp.get("/<lang_code>/status")
def translation_status():
    """How complete each language is: the same table as ``flask courses status``."""
    from pathlib import Path

    from app.translation_status import language_status

    index = get_catalog().translations
    folder = Path(str(current_app.config["BABEL_TRANSLATION_DIRECTORIES"]).split(";")[0])
    rows = language_status(index, folder) if index is not None else []
    return render_template("main/status.html", rows=rows, offered=i18n.enabled())


@bp.get("/course-media/<course_slug>/<name>")
def course_media(course_slug: str, name: str):
    """A picture used by a lesson (only files the content loader registered)."""
    path = get_catalog().media.get((course_slug, name))
    if path is None:
        abort(404)
    return send_file(path, max_age=86400)
