"""Forms for facilitators (organisations, classes) and learners (joining a class)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class FacilitatorSignUpForm(FlaskForm):
    """A facilitator account: username and password; e-mail only if they want it."""

    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=40)])
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
    email = EmailField(
        _l("E-mail (optional)"),
        validators=[
            Optional(),
            Email(message=_l("This does not look like an e-mail address.")),
            Length(max=254),
        ],
        description=_l("Only for your own records; we send no e-mail."),
    )


class OrganisationForm(FlaskForm):
    """Create an organisation (a school or an NGO)."""

    name = StringField(
        _l("Name of your school or organisation"), validators=[DataRequired(), Length(max=120)]
    )


class JoinOrganisationForm(FlaskForm):
    """Join an organisation with an invite code from a colleague."""

    invite_code = StringField(
        _l("Invite code"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("A colleague finds it on their organisation page."),
    )


class ClassForm(FlaskForm):
    """Create or edit a class."""

    name = StringField(
        _l("Name of the class or group"), validators=[DataRequired(), Length(max=120)]
    )
    organisation = SelectField(_l("Organisation"), coerce=int)
    language = SelectField(_l("Language of the class"))
    modules = MultiCheckboxField(_l("Modules to assign"))
    ends_on = DateField(
        _l("End date (optional)"),
        validators=[Optional()],
        description=_l("For your planning; nothing closes automatically."),
    )


class JoinForm(FlaskForm):
    """Join a class with its code and a nickname."""

    code = StringField(
        _l("Class code"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("Your teacher or trainer shows it, e.g. KQ7M-4TRZ."),
    )
    nickname = StringField(
        _l("Nickname"),
        validators=[DataRequired(), Length(max=30)],
        description=_l("Not your full name. The class sees only this."),
    )


class ContinueForm(FlaskForm):
    """Continue on another device with a recovery code."""

    recovery_code = StringField(_l("Recovery code"), validators=[DataRequired(), Length(max=40)])


class ReasonForm(FlaskForm):
    """A confirmation with nothing else to fill in."""
