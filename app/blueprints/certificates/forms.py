"""Certificate forms. The rules for names and reasons live in services/certificates, so the
fields here only carry input (and the CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length


class ClaimForm(FlaskForm):
    """The name to print, and (for a learner in a class) which certificate."""

    name = StringField(
        _l("Name to print on the certificate"),
        validators=[DataRequired(message=_l("Please type the name to print."))],
        description=_l(
            "Write it exactly as it should appear, in Latin or Cyrillic letters. "
            "It is printed on the certificate and shown to anyone who checks it."
        ),
    )
    # Choices are set by the view; the service checks the choice.
    scope = RadioField(_l("Which certificate?"), choices=[], validate_choice=False)


class RevokeForm(FlaskForm):
    """Withdraw a certificate, saying why."""

    reason = TextAreaField(
        _l("Reason"),
        validators=[
            DataRequired(message=_l("Please say why the certificate is withdrawn.")),
            Length(max=500),
        ],
        description=_l(
            "Anyone who checks the certificate sees this reason. Do not write anything private."
        ),
    )


class VerifyForm(FlaskForm):
    """A code typed from paper. Read-only, so sent by GET and without a CSRF token."""

    class Meta:
        csrf = False

    code = StringField(
        _l("Verification code"),
        description=_l(
            "For example K7QM-9XTR-4HNP-WZ3E. Dashes, spaces and small letters do not matter."
        ),
    )
