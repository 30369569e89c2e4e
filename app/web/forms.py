"""A service's refusal, shown where the person will read it, with its writes undone.

Every view that calls a service which may refuse does it the same way::

    with refusals(form) as outcome:
        organisation = classes.create_organisation(db, user, form.name.data or "")
    if not outcome.refused:
        db.commit()
        return redirect(...)
    return render_template(..., form=form), 422

A :class:`~app.services.errors.Refused` raised in the block rolls the request's session
back (whatever the service flushed before refusing is undone, so nothing half-done can be
committed later) and is shown under the form field it names, or as a message at the top.
The form keeps what was typed, so the page can be rendered again as it was sent. Without
a form, the refusal is flashed, for a view that redirects back.
"""

from __future__ import annotations

from types import TracebackType

from flask import flash
from flask_wtf import FlaskForm

from app.db import get_session
from app.services.errors import Refused


def attach_error(form: FlaskForm, error: Refused) -> None:
    """Show ``error`` under its field, or as a message at the top if it names none."""
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")


class Refusals:
    """The context manager :func:`refusals` returns; ``error`` is the refusal, if any."""

    def __init__(self, form: FlaskForm | None) -> None:
        self.form = form
        self.error: Refused | None = None

    @property
    def refused(self) -> bool:
        """Whether the service refused (and its writes were rolled back)."""
        return self.error is not None

    def __enter__(self) -> Refusals:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        _traceback: TracebackType | None,
    ) -> bool:
        if not isinstance(exc, Refused):
            return False
        get_session().rollback()
        self.error = exc
        if self.form is not None:
            attach_error(self.form, exc)
        else:
            flash(exc.message, "error")
        return True


def refusals(form: FlaskForm | None = None) -> Refusals:
    """Catch a service's :class:`Refused` in a ``with`` block: roll back, then show it on
    ``form`` (or flash it when there is none)."""
    return Refusals(form)
