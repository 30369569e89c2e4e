"""Site administration: every organisation and its facilitators, and the legal facts that
are due for a check."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template

from app.blueprints.classes.forms import ReasonForm
from app.content.legal_currency import old_facts
from app.db import get_session
from app.services import classes
from app.web.catalogue import find_legal_guide
from app.web.facilitators import admin_required, current_admin

bp = Blueprint("admin", __name__)


@bp.get("/admin/")
@admin_required
def index():
    """Every organisation and facilitator."""
    db = get_session()
    organisations = classes.list_organisations(db, current_admin())
    return render_template(
        "admin/index.html",
        organisations=organisations,
        facilitators={o.id: classes.list_facilitators(db, o) for o in organisations},
        form=ReasonForm(),
        old_facts=old_facts(find_legal_guide(), date.today()),
    )
