"""Classes and organisations for facilitators; joining and continuing for learners."""

from __future__ import annotations

import io
from datetime import date

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import refresh

from app import i18n
from app.blueprints.classes.forms import (
    ClassForm,
    ContinueForm,
    FacilitatorSignUpForm,
    JoinForm,
    JoinOrganisationForm,
    OrganisationForm,
    ReasonForm,
)
from app.blueprints.classes.limits import (
    JOINS_PER_CLASS_CODE,
    UNKNOWN_CODES_PER_ADDRESS,
    UNKNOWN_RECOVERY_CODES_PER_ADDRESS,
    join_limit_key,
    outcome,
)
from app.content.ext import get_catalog
from app.content.legal_currency import old_facts
from app.content.model import Course, text_for
from app.db import get_session
from app.extensions import limiter
from app.languages import LANGUAGES
from app.models import Classroom, Membership, Organisation, User
from app.services import access, accounts, classes, reports, spreadsheets
from app.services.errors import NotFound, Refused
from app.web.auth import current_learner, start_session
from app.web.forms import attach_error
from app.web.limits import SIGNUPS_PER_ADDRESS
from app.web.urls import public_url

bp = Blueprint("classes", __name__)


# Helpers ----------------------------------------------------------------------------------

def _facilitator() -> User:
    user = current_learner()
    if user is None or user.is_guest:
        abort(401)
    if not user.is_facilitator:
        abort(403)
    return user


def _classroom(class_id: int) -> tuple[Classroom, User]:
    """The class if the facilitator may manage it; 404 otherwise (existence is not told)."""
    user = _facilitator()
    db = get_session()
    try:
        classroom = classes.get_class(db, class_id)
    except NotFound:
        abort(404)
    if not access.can_manage_class(db, user, classroom):
        abort(404)
    return classroom, user


def _organisation(org_id: int) -> tuple[Organisation, User]:
    user = _facilitator()
    db = get_session()
    organisation = db.get(Organisation, org_id)
    if organisation is None or not access.can_manage_organisation(db, user, org_id):
        abort(404)
    return organisation, user


def _join_link(classroom: Classroom) -> str:
    """The class's join link, in the class's language: a pupil who scans it studies in it."""
    return public_url("classes.join_link", lang_code=classroom.language,
                      code=classroom.join_code)


def _class_language(classroom: Classroom | None) -> None:
    """Answer this request in the class's language (and remember it in the language
    cookie), so that a member's pages default to it; the switcher still changes it."""
    if classroom is not None and classroom.language in i18n.enabled():
        g.lang = classroom.language
        refresh()


def _course(slug: str) -> Course:
    course = get_catalog().course(slug)
    if course is None:
        abort(404)
    return course



def _class_form(user: User, course: Course, classroom: Classroom | None = None) -> ClassForm:
    db = get_session()
    form = ClassForm(obj=None)
    organisations = classes.list_organisations(db, user)
    form.organisation.choices = [(o.id, o.name) for o in organisations]
    form.language.choices = [(tag, LANGUAGES[tag].name) for tag in i18n.enabled()]
    lang = i18n.current().tag
    form.modules.choices = [(m.slug, text_for(m.title, lang)) for m in course.modules]
    if classroom is not None and request.method == "GET":
        form.name.data = classroom.name
        form.organisation.data = classroom.organisation_id
        form.language.data = classroom.language
        form.modules.data = [m.slug for m in reports.assigned_modules(classroom, course)]
        form.ends_on.data = date.fromisoformat(classroom.ends_on) if classroom.ends_on else None
    elif request.method == "GET":
        form.language.data = lang
        form.modules.data = [m.slug for m in course.modules]
    return form


def _confirmed() -> bool:
    """Whether a destructive form was sent from its confirmation page."""
    return request.form.get("confirm") == "yes"


def _confirm_page(title: str, losses: list[str], button: str, cancel: str,
                  fields: dict[str, str] | None = None) -> str:
    """A page that says what will be lost and posts the same form again, confirmed (no JS
    needed); cancelling goes back to where the button was."""
    return render_template("classes/confirm.html", title=title, losses=losses,
                           button=button, cancel=cancel, fields=fields or {},
                           action=request.path, form=ReasonForm())


# Facilitator home, sign-up, organisations -------------------------------------------------

@bp.get("/classes/")
def index():
    """A facilitator's organisations and classes."""
    user = current_learner()
    if user is None or user.is_guest or not user.is_facilitator:
        return render_template("classes/start.html")
    return _index_page(user)


def _index_page(user: User, org_form: OrganisationForm | None = None,
                join_form: JoinOrganisationForm | None = None) -> str:
    db = get_session()
    organisations = classes.list_organisations(db, user)
    return render_template(
        "classes/index.html", organisations=organisations,
        classrooms=classes.list_classes(db, [o.id for o in organisations]),
        org_form=org_form or OrganisationForm(), join_form=join_form or JoinOrganisationForm(),
        catalog=get_catalog(),
    )


@bp.route("/classes/signup", methods=["GET", "POST"])
@limiter.limit(SIGNUPS_PER_ADDRESS, methods=["POST"])
def signup():
    """Create a facilitator account (e-mail optional)."""
    form = FacilitatorSignUpForm()
    if form.validate_on_submit():
        db = get_session()
        guest = current_learner()
        try:
            user = accounts.sign_up(db, guest if guest and guest.is_guest else None,
                                    form.username.data or "", form.password.data or "",
                                    role="facilitator")
        except Refused as error:
            db.rollback()
            attach_error(form, error)
        else:
            user.email = form.email.data or None
            db.commit()
            start_session(user)
            db.commit()
            flash(_("Your facilitator account is ready. Start by creating or joining your "
                    "organisation."), "success")
            return redirect(url_for("classes.index"), code=303)
    return render_template("classes/signup.html", form=form), 422 if form.errors else 200


@bp.post("/classes/organisations/new")
def create_organisation():
    """Create a school or NGO."""
    user = _facilitator()
    form = OrganisationForm()
    db = get_session()
    if form.validate_on_submit():
        try:
            organisation = classes.create_organisation(db, user, form.name.data or "")
        except Refused as error:
            db.rollback()
            attach_error(form, error)
        else:
            db.commit()
            return redirect(url_for("classes.organisation", org_id=organisation.id), code=303)
    return _index_page(user, org_form=form), 422


@bp.post("/classes/organisations/join")
@limiter.limit("20 per hour")
def join_organisation():
    """Join an organisation with an invite code."""
    user = _facilitator()
    form = JoinOrganisationForm()
    db = get_session()
    if form.validate_on_submit():
        try:
            organisation = classes.join_organisation(db, user, form.invite_code.data or "")
        except Refused as error:
            db.rollback()
            attach_error(form, error)
        else:
            db.commit()
            flash(_("You are now a facilitator of %(name)s.", name=organisation.name), "success")
            return redirect(url_for("classes.organisation", org_id=organisation.id), code=303)
    return _index_page(user, join_form=form), 422


@bp.get("/classes/organisations/<int(max=2147483647):org_id>")
def organisation(org_id: int):
    """An organisation: its facilitators, invite code and classes."""
    organisation, user = _organisation(org_id)
    db = get_session()
    return render_template("classes/organisation.html", organisation=organisation,
                           facilitators=classes.list_facilitators(db, organisation),
                           classrooms=classes.list_classes(db, [organisation.id]),
                           form=ReasonForm(), user=user)


@bp.post("/classes/organisations/<int(max=2147483647):org_id>/members/<int(max=2147483647):user_id>/remove")
def remove_facilitator(org_id: int, user_id: int):
    """Take a facilitator out of the organisation (administrators, or oneself)."""
    organisation, user = _organisation(org_id)
    if not (user.is_admin or user.id == user_id):
        abort(403)
    db = get_session()
    back = url_for("classes.organisation", org_id=org_id)
    if not ReasonForm().validate_on_submit():
        abort(400)
    if not _confirmed():
        if user.id == user_id:
            return _confirm_page(
                _("Leave %(name)s?", name=organisation.name),
                [_("You will no longer see its classes, their learners or their certificates."),
                 _("To come back, you need its invite code from another facilitator.")],
                _("Leave the organisation"), back)
        return _confirm_page(
            _("Remove this facilitator from %(name)s?", name=organisation.name),
            [_("They will no longer see its classes, their learners or their certificates.")],
            _("Remove the facilitator"), back)
    try:
        classes.remove_facilitator(db, organisation, user_id)
    except Refused as error:
        db.rollback()
        flash(error.message, "error")
        return redirect(back, code=303)
    db.commit()
    flash(_("The facilitator was removed from %(name)s.", name=organisation.name), "success")
    target = "classes.organisation" if user.id != user_id else "classes.index"
    return redirect(url_for(target, org_id=org_id) if target == "classes.organisation"
                    else url_for(target), code=303)


@bp.post("/classes/organisations/<int(max=2147483647):org_id>/delete")
def delete_organisation(org_id: int):
    """Delete an organisation with all its classes (administrators only)."""
    organisation, user = _organisation(org_id)
    if not user.is_admin:
        abort(403)
    if not ReasonForm().validate_on_submit():
        abort(400)
    if not _confirmed():
        return _confirm_page(
            _("Delete %(name)s?", name=organisation.name),
            [_("Every class of the organisation is deleted, with its learners' progress."),
             _("Every printed join sheet of its classes stops working."),
             _("This cannot be undone.")],
            _("Delete the organisation"), url_for("classes.organisation", org_id=org_id))
    db = get_session()
    classes.delete_organisation(db, organisation)
    db.commit()
    flash(_("The organisation and all its classes were deleted."), "success")
    return redirect(url_for("classes.admin"), code=303)


@bp.get("/admin/")
def admin():
    """Site administration: every organisation and facilitator."""
    user = _facilitator()
    if not user.is_admin:
        abort(403)
    db = get_session()
    organisations = classes.list_organisations(db, user)
    return render_template("classes/admin.html", organisations=organisations,
                           facilitators={o.id: classes.list_facilitators(db, o)
                                         for o in organisations},
                           form=ReasonForm(),
                           old_facts=old_facts(get_catalog().legal, date.today()))


# Classes ----------------------------------------------------------------------------------

@bp.route("/classes/new", methods=["GET", "POST"])
def new_class():
    """Create a class: name, organisation, language, modules, end date."""
    user = _facilitator()
    db = get_session()
    catalog = get_catalog()
    course = catalog.courses[0] if catalog.courses else abort(404)
    course = _course(request.args.get("course", course.slug))
    form = _class_form(user, course)
    if not form.organisation.choices:
        flash(_("First create or join your organisation."), "error")
        return redirect(url_for("classes.index"))
    if form.validate_on_submit():
        organisation_id = form.organisation.data
        if not access.can_manage_organisation(db, user, organisation_id):
            abort(404)
        try:
            classroom = classes.create_class(
                db, db.get(Organisation, organisation_id), course, form.name.data or "",
                form.language.data, form.modules.data or [], form.ends_on.data)
        except Refused as error:
            db.rollback()
            attach_error(form, error)
        else:
            db.commit()
            flash(_("The class is ready. Share the join code below."), "success")
            return redirect(url_for("classes.dashboard", class_id=classroom.id), code=303)
    return render_template("classes/form.html", form=form, course=course, classroom=None), (
        422 if form.errors else 200)


@bp.route("/classes/<int(max=2147483647):class_id>/edit", methods=["GET", "POST"])
def edit_class(class_id: int):
    """Change a class."""
    classroom, user = _classroom(class_id)
    course = _course(classroom.course_slug)
    form = _class_form(user, course, classroom)
    db = get_session()
    if form.validate_on_submit():
        try:
            classes.update_class(db, classroom, course, form.name.data or "",
                                 form.language.data, form.modules.data or [], form.ends_on.data)
        except Refused as error:
            db.rollback()
            attach_error(form, error)
        else:
            db.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("classes.dashboard", class_id=classroom.id), code=303)
    return render_template("classes/form.html", form=form, course=course,
                           classroom=classroom), 422 if form.errors else 200


def _dashboard_context(classroom: Classroom) -> dict:
    course = _course(classroom.course_slug)
    db = get_session()
    lang = i18n.current().tag
    modules = reports.assigned_modules(classroom, course)
    return {
        "classroom": classroom, "course": course, "modules": modules,
        "rows": reports.learner_rows(db, classroom, course),
        "stats": reports.question_analysis(db, classroom, course, lang),
    }


@bp.get("/classes/<int(max=2147483647):class_id>/")
def dashboard(class_id: int):
    """Who joined, who finished, and which questions the class found hard."""
    classroom, _user = _classroom(class_id)
    return render_template("classes/dashboard.html", form=ReasonForm(),
                           join_url=_join_link(classroom), **_dashboard_context(classroom))


@bp.get("/classes/<int(max=2147483647):class_id>/live")
def live(class_id: int):
    """The dashboard's tables alone, for refreshing without a page reload."""
    classroom, _user = _classroom(class_id)
    return render_template("classes/_live.html", form=ReasonForm(),
                           **_dashboard_context(classroom))


@bp.get("/classes/<int(max=2147483647):class_id>/learners/<int(max=2147483647):member_id>")
def learner(class_id: int, member_id: int):
    """One learner's quiz attempts and their latest answers, question by question."""
    classroom, _user = _classroom(class_id)
    course = _course(classroom.course_slug)
    try:
        membership, modules = reports.learner_attempts(get_session(), classroom, course,
                                                       member_id, i18n.current().tag)
    except NotFound:
        abort(404)
    return render_template("classes/learner.html", classroom=classroom, course=course,
                           membership=membership, modules=modules)


def _class_action(class_id: int, action, message: str):  # type: ignore[no-untyped-def]
    classroom, _user = _classroom(class_id)
    if not ReasonForm().validate_on_submit():
        abort(400)
    db = get_session()
    action(db, classroom)
    db.commit()
    flash(message, "success")
    return redirect(url_for("classes.dashboard", class_id=class_id), code=303)


@bp.post("/classes/<int(max=2147483647):class_id>/joining")
def toggle_joining(class_id: int):
    """Open or close joining."""
    is_open = request.form.get("open") == "1"
    return _class_action(class_id, lambda db, c: classes.set_joining(db, c, is_open),
                         _("Joining is open.") if is_open else _("Joining is closed."))


@bp.post("/classes/<int(max=2147483647):class_id>/code")
def regenerate(class_id: int):
    """Make a new join code; the old one stops working."""
    if not _confirmed():
        classroom, _user = _classroom(class_id)
        return _confirm_page(
            _("Make a new join code for %(name)s?", name=classroom.name),
            [_("The code %(code)s stops working: every printed join sheet, its QR code and "
               "the link you shared lead nowhere.", code=classroom.join_code),
             _("Learners who have already joined keep their place and progress.")],
            _("Make a new join code"), url_for("classes.dashboard", class_id=class_id))
    return _class_action(class_id, classes.regenerate_code,
                         _("The class has a new join code. The old one no longer works."))


@bp.post("/classes/<int(max=2147483647):class_id>/archive")
def archive(class_id: int):
    """Archive the class."""
    days = current_app.config["ARCHIVED_CLASS_RETENTION_DAYS"]
    return _class_action(class_id, classes.archive_class, _(
        "The class is archived. Its learners' data will be deleted in %(days)d days.",
        days=days))


@bp.post("/classes/<int(max=2147483647):class_id>/delete")
def delete(class_id: int):
    """Delete the class and its learners' data."""
    classroom, _user = _classroom(class_id)
    if not ReasonForm().validate_on_submit():
        abort(400)
    if not _confirmed():
        return _confirm_page(
            _("Delete the class %(name)s?", name=classroom.name),
            [_("Every learner's nickname, progress and quiz answers in this class are "
               "deleted."),
             _("The join code stops working, so every printed join sheet does too."),
             _("Certificates already issued stay valid."),
             _("This cannot be undone. To keep the results for now, archive the class "
               "instead.")],
            _("Delete the class"), url_for("classes.dashboard", class_id=class_id))
    db = get_session()
    classes.delete_class(db, classroom)
    db.commit()
    flash(_("The class and its learners' data were deleted."), "success")
    return redirect(url_for("classes.index"), code=303)


@bp.post("/classes/<int(max=2147483647):class_id>/members/<int(max=2147483647):member_id>/remove")
def remove_member(class_id: int, member_id: int):
    """Remove a learner and their data from the class."""
    classroom, _user = _classroom(class_id)
    if not ReasonForm().validate_on_submit():
        abort(400)
    db = get_session()
    if not _confirmed():
        membership = db.get(Membership, member_id)
        if membership is None or membership.classroom_id != classroom.id:
            abort(404)
        return _confirm_page(
            _("Remove %(name)s from the class?", name=membership.nickname),
            [_("Their progress and quiz answers in this class are deleted."),
             _("A learner without a password of their own loses all their progress, and "
               "their recovery code stops working."),
             _("Certificates already issued stay valid.")],
            _("Remove the learner"), url_for("classes.dashboard", class_id=class_id))
    try:
        classes.remove_member(db, classroom, member_id)
    except NotFound:
        abort(404)
    db.commit()
    flash(_("The learner and their data were removed from the class."), "success")
    return redirect(url_for("classes.dashboard", class_id=class_id), code=303)


def _labels() -> dict[str, str]:
    return {
        "nickname": _("Nickname"), "status": _("status"), "best": _("best quiz result"),
        "complete": _("All assigned modules passed"), "last_activity": _("Last activity (UTC)"),
        "yes": _("yes"), "no": _("no"), "passed": _("passed"), "in-progress": _("in progress"),
        "not-started": _("not started"), "module": _("Module"), "question": _("Question"),
        "answered": _("Learners who answered"), "percent_correct": _("Answered correctly"),
        "common_wrong": _("Wrong answer chosen most often"),
        "common_missed": _("Right answer left out most often"),
    }


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(table: list[list[object]], name: str, fmt: str, title: str) -> Response:
    if fmt == "xlsx":
        body, content_type = spreadsheets.xlsx_bytes(table, title), XLSX
    else:
        body, content_type = spreadsheets.csv_bytes(table), "text/csv; charset=utf-8"
    return Response(body, headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
        "Content-Type": content_type,
    })


def _progress(class_id: int, fmt: str) -> Response:
    classroom, _user = _classroom(class_id)
    table = reports.progress_table(get_session(), classroom, _course(classroom.course_slug),
                                   i18n.current().tag, _labels())
    return _download(table, f"class-{classroom.id}-progress", fmt, _("Progress"))


def _questions(class_id: int, fmt: str) -> Response:
    classroom, _user = _classroom(class_id)
    table = reports.questions_table(get_session(), classroom, _course(classroom.course_slug),
                                    i18n.current().tag, _labels())
    return _download(table, f"class-{classroom.id}-questions", fmt, _("Questions"))


@bp.get("/classes/<int(max=2147483647):class_id>/progress.csv")
def progress_csv(class_id: int):
    """Learners × modules as CSV (UTF-8)."""
    return _progress(class_id, "csv")


@bp.get("/classes/<int(max=2147483647):class_id>/progress.xlsx")
def progress_xlsx(class_id: int):
    """Learners × modules as an Excel workbook."""
    return _progress(class_id, "xlsx")


@bp.get("/classes/<int(max=2147483647):class_id>/questions.csv")
def questions_csv(class_id: int):
    """Per-question analysis as CSV (UTF-8)."""
    return _questions(class_id, "csv")


@bp.get("/classes/<int(max=2147483647):class_id>/questions.xlsx")
def questions_xlsx(class_id: int):
    """Per-question analysis as an Excel workbook."""
    return _questions(class_id, "xlsx")


@bp.get("/classes/<int(max=2147483647):class_id>/sheet")
def join_sheet(class_id: int):
    """A printable sheet with the join code, link and QR code, to hand out or project."""
    classroom, _user = _classroom(class_id)
    return render_template("classes/sheet.html", classroom=classroom,
                           course=_course(classroom.course_slug),
                           join_url=public_url("classes.join", lang_code=classroom.language))


@bp.get("/classes/<int(max=2147483647):class_id>/qr.svg")
def qr(class_id: int):
    """The QR code of the class's join link."""
    classroom, _user = _classroom(class_id)
    buffer = io.BytesIO()
    segno.make(_join_link(classroom), error="m").save(
        buffer, kind="svg", scale=8, border=2, xmldecl=False, svgns=True, dark="#000",
        title=_("QR code of the link to join the class"))
    return Response(buffer.getvalue(), mimetype="image/svg+xml")


@bp.get("/classes/<int(max=2147483647):class_id>/notes/<module_slug>")
def notes(class_id: int, module_slug: str):
    """The module's facilitator notes (facilitators only)."""
    classroom, _user = _classroom(class_id)
    course = _course(classroom.course_slug)
    module = course.module(module_slug)
    if module is None or not module.facilitator:
        abort(404)
    lang = i18n.current().tag
    page = next((module.facilitator[t] for t in (lang, *LANGUAGES[lang].fallbacks, "en")
                 if t in module.facilitator), next(iter(module.facilitator.values())))
    return render_template("classes/notes.html", classroom=classroom, course=course,
                           module=module, page=page)


# Teaching tools open to everyone ----------------------------------------------------------

@bp.get("/present/<course_slug>/<module_slug>/<lesson_slug>")
def present(course_slug: str, module_slug: str, lesson_slug: str):
    """A lesson big and clean for a projector, with previous/next."""
    course = _course(course_slug)
    module = course.module(module_slug) or abort(404)
    lesson = module.lesson(lesson_slug) or abort(404)
    index = module.lessons.index(lesson)
    return render_template(
        "classes/present.html", course=course, module=module, lesson=lesson, index=index,
        page=lesson.page(i18n.current().tag),
        previous=module.lessons[index - 1] if index else None,
        next=module.lessons[index + 1] if index + 1 < len(module.lessons) else None)


@bp.get("/handout/<course_slug>/<module_slug>")
def handout(course_slug: str, module_slug: str):
    """Every lesson of a module on one page, for printing."""
    course = _course(course_slug)
    module = course.module(module_slug) or abort(404)
    return render_template("classes/handout.html", course=course, module=module)


# Learners: join and continue --------------------------------------------------------------

@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(UNKNOWN_CODES_PER_ADDRESS, methods=["POST"], deduct_when=outcome("unknown-code"))
@limiter.limit(JOINS_PER_CLASS_CODE, methods=["POST"], key_func=join_limit_key,
               deduct_when=outcome("joined"))
def join():
    """Join a class with its code and a nickname."""
    form = JoinForm()
    if form.validate_on_submit():
        db = get_session()
        user = current_learner()
        try:
            membership, member, recovery = classes.join_class(
                db, form.code.data or "", form.nickname.data or "", user)
        except Refused as error:
            db.rollback()
            if isinstance(error, classes.UnknownCode):
                g.limit_outcome = "unknown-code"
            attach_error(form, error)
        else:
            db.commit()
            g.limit_outcome = "joined"
            if user is None or user.id != member.id:
                start_session(member)
                db.commit()
            _class_language(membership.classroom)
            if recovery:
                # Shown in this response and kept nowhere: the session cookie is signed, not
                # encrypted, so a code put there could be read by whoever sees the cookie.
                # (The page is never cached; reloading it resubmits and shows no code.)
                return _welcome_page(member, membership.classroom.name, recovery)
            session["joined_class"] = membership.classroom.name
            return redirect(url_for("classes.welcome"), code=303)
    return render_template("classes/join.html", form=form), 422 if form.errors else 200


def _welcome_page(user: User, class_name: str | None, recovery_code: str | None) -> str:
    return render_template("classes/welcome.html", recovery_code=recovery_code,
                           class_name=class_name,
                           memberships=classes.memberships_of(get_session(), user))


@bp.get("/join/<code>")
def join_link(code: str):
    """The link (and QR code) a class hands out: the join form with the code filled in."""
    form = JoinForm()
    form.code.data = code[:20]
    return render_template("classes/join.html", form=form)


@bp.get("/join/welcome")
def welcome():
    """After joining with an account or a recovery code already: where to start."""
    user = current_learner()
    if user is None:
        return redirect(url_for("classes.join"))
    return _welcome_page(user, session.pop("joined_class", None), None)


@bp.route("/continue", methods=["GET", "POST"])
@limiter.limit(UNKNOWN_RECOVERY_CODES_PER_ADDRESS, methods=["POST"],
               deduct_when=outcome("unknown-code"))
def continue_():
    """Continue on another device with a recovery code."""
    form = ContinueForm()
    if form.validate_on_submit():
        db = get_session()
        member = classes.find_by_recovery_code(db, form.recovery_code.data or "")
        if member is None:
            g.limit_outcome = "unknown-code"
            form.recovery_code.errors = [_("This recovery code is not right. Check each "
                                           "character and try again.")]
        else:
            accounts.log_in(db, member, current_learner())
            db.commit()
            start_session(member)
            db.commit()
            memberships = classes.memberships_of(db, member)
            _class_language(memberships[-1].classroom if memberships else None)
            flash(_("Welcome back. Your progress is here."), "success")
            return redirect(url_for("main.home"), code=303)
    return render_template("classes/continue.html", form=form), 422 if form.errors else 200
