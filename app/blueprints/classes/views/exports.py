"""A class's progress and question analysis as spreadsheets (CSV in UTF-8, or Excel)."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _

from app import i18n
from app.blueprints.classes.views.base import bp
from app.db import get_session
from app.services import reports, spreadsheets
from app.web import catalogue
from app.web.facilitators import managed_class

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _labels() -> dict[str, str]:
    return {
        "nickname": _("Nickname"),
        "status": _("status"),
        "best": _("best quiz result"),
        "complete": _("All assigned modules passed"),
        "last_activity": _("Last activity (UTC)"),
        "yes": _("yes"),
        "no": _("no"),
        "passed": _("passed"),
        "in-progress": _("in progress"),
        "not-started": _("not started"),
        "module": _("Module"),
        "question": _("Question"),
        "answered": _("Learners who answered"),
        "percent_correct": _("Answered correctly"),
        "common_wrong": _("Wrong answer chosen most often"),
        "common_missed": _("Right answer left out most often"),
    }


def _download(table: list[list[object]], name: str, fmt: str, title: str) -> Response:
    if fmt == "xlsx":
        body, content_type = spreadsheets.xlsx_bytes(table, title), XLSX
    else:
        body, content_type = spreadsheets.csv_bytes(table), "text/csv; charset=utf-8"
    return Response(
        body,
        headers={
            "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
            "Content-Type": content_type,
        },
    )


def _progress(class_id: int, fmt: str) -> Response:
    classroom = managed_class(class_id)
    course = catalogue.course(classroom.course_slug)
    table = reports.progress_table(get_session(), classroom, course, i18n.current().tag, _labels())
    return _download(table, f"class-{classroom.id}-progress", fmt, _("Progress"))


def _questions(class_id: int, fmt: str) -> Response:
    classroom = managed_class(class_id)
    course = catalogue.course(classroom.course_slug)
    table = reports.questions_table(get_session(), classroom, course, i18n.current().tag, _labels())
    return _download(table, f"class-{classroom.id}-questions", fmt, _("Questions"))


@bp.get("/classes/<id:class_id>/progress.csv")
def progress_csv(class_id: int):
    """Learners × modules as CSV (UTF-8)."""
    return _progress(class_id, "csv")


@bp.get("/classes/<id:class_id>/progress.xlsx")
def progress_xlsx(class_id: int):
    """Learners × modules as an Excel workbook."""
    return _progress(class_id, "xlsx")


@bp.get("/classes/<id:class_id>/questions.csv")
def questions_csv(class_id: int):
    """Per-question analysis as CSV (UTF-8)."""
    return _questions(class_id, "csv")


@bp.get("/classes/<id:class_id>/questions.xlsx")
def questions_xlsx(class_id: int):
    """Per-question analysis as an Excel workbook."""
    return _questions(class_id, "xlsx")
