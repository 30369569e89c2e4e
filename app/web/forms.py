"""Putting a service's refusal next to the form field it concerns."""

from __future__ import annotations

from flask import flash
from flask_wtf import FlaskForm

from app.services.errors import Refused


def attach_error(form: FlaskForm, error: Refused) -> None:
    """Show ``error`` under its field, or as a message at the top if it names none."""
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")
