"""Account forms. No e-mail field anywhere: a username and a password are enough."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class SignUpForm(FlaskForm):
    """Create an account; any progress made as a guest moves into it."""

    username = StringField(
        _l("Username"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("Not your real name: any name you will remember."),
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("At least 10 characters."),
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )


class LogInForm(FlaskForm):
    """Sign in with username and password."""

    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=40)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class DeleteForm(FlaskForm):
    """Confirm deleting everything."""

    confirm = BooleanField(
        _l("Yes, delete my account and all my progress"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )


class PasswordForm(FlaskForm):
    """Change the password; every other device is signed out."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("At least 10 characters."),
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )
