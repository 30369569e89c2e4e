"""The plumbing every view shares: the id converter, who may open facilitator pages, and
how a service's refusal reaches the form (with its writes undone)."""

from __future__ import annotations

import pytest
from flask import render_template_string
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import StringField

from app.db import get_session
from app.models import Classroom, Organisation
from app.services.errors import Refused
from app.web.converters import IdConverter
from app.web.forms import refusals
from tests.factories import PASSWORD, join, log_in, make_class, make_facilitator
from tests.helpers import database
from tests.routes import rules, url_for_rule

BAD_IDS = ["0", "2147483648", "99999999999999999999999999", "abc", "-1", "1.5", "１"]


def _id_arguments(rule):
    return [
        name for name, converter in rule._converters.items() if isinstance(converter, IdConverter)
    ]


def test_every_numeric_id_in_the_url_map_is_an_id(app):
    """No route takes a bare ``int`` (which lets any run of digits reach the database)."""
    for rule in app.url_map.iter_rules():
        assert "<int" not in rule.rule, rule.rule


@pytest.mark.parametrize("bad", BAD_IDS)
def test_ids_out_of_range_or_not_numbers_are_404_on_every_route(app, bad):
    teacher = make_facilitator(app, "admin", admin=True)
    make_class(app, teacher)
    client = app.test_client()
    log_in(client, "admin")
    checked = 0
    for method in ("GET", "POST"):
        for rule in rules(app, method):
            for name in _id_arguments(rule):
                url = url_for_rule(rule, {name: bad})
                response = client.open(url, method=method, data={"confirm": "yes"})
                assert response.status_code == 404, (method, url, response.status_code)
                checked += 1
    assert checked >= 30  # every id argument of every route, GET and POST


def test_the_largest_id_routes_and_is_simply_not_found(app):
    make_facilitator(app, "admin", admin=True)
    client = app.test_client()
    log_in(client, "admin")
    for url in (
        "/en/classes/2147483647/",
        "/credentials/status/2147483647",
        "/en/courses/demo/basics/quiz/result/2147483647",
    ):
        assert client.get(url).status_code == 404, url


# Who may open a facilitator page --------------------------------------------------------


@pytest.fixture
def people(app):
    """A client per kind of person: nobody, a guest, a class learner, a learner with an
    account, a facilitator and an administrator."""
    teacher = make_facilitator(app, "teacher")
    _org, _class_id, code = make_class(app, teacher)
    make_facilitator(app, "admin", admin=True)
    clients = {
        name: app.test_client()
        for name in ("anonymous", "guest", "class_learner", "account", "facilitator", "admin")
    }
    clients["guest"].post("/en/courses/demo/basics/intro/done")
    join(clients["class_learner"], code, "Mila")
    clients["account"].post(
        "/en/account/signup", data={"username": "luka", "password": PASSWORD, "confirm": PASSWORD}
    )
    log_in(clients["facilitator"], "teacher")
    log_in(clients["admin"], "admin")
    return clients


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/en/classes/new"),
        ("POST", "/en/classes/organisations/new"),
        ("POST", "/en/classes/organisations/join"),
        ("GET", "/en/classes/1/"),
        ("GET", "/en/classes/1/certificates"),
        ("GET", "/en/admin/"),
    ],
)
def test_facilitator_pages_ask_to_sign_in_or_refuse(app, people, method, url):
    before = _count(app, Organisation)
    for name in ("anonymous", "guest"):
        response = people[name].open(url, method=method, data={"name": "Iskra"})
        assert response.status_code == 401, (name, url)
        assert 'href="/en/account/login"' in response.get_data(as_text=True), (name, url)
    for name in ("class_learner", "account"):
        response = people[name].open(url, method=method, data={"name": "Iskra"})
        assert response.status_code == 403, (name, url)
        assert "This page is not for you" in response.get_data(as_text=True)
    assert _count(app, Organisation) == before
    expected = 403 if url == "/en/admin/" else (200, 303, 422)
    status = people["facilitator"].open(url, method=method, data={"name": "Iskra"}).status_code
    assert status in (expected if isinstance(expected, tuple) else (expected,)), status
    assert people["admin"].open(url, method=method, data={"name": "Iskra"}).status_code in (
        200,
        303,
        422,
    )


def test_the_classes_start_page_stays_open_to_everyone(people):
    for name, client in people.items():
        assert client.get("/en/classes/").status_code == 200, name


# A service's refusal ----------------------------------------------------------------------


def _count(app, model) -> int:
    with database(app) as db:
        return db.scalar(select(func.count()).select_from(model))


class _NameForm(FlaskForm):
    name = StringField()


PAGE = (
    "<input name=name value='{{ form.name.data }}'>{% for e in form.name.errors %}"
    "<p class=error>{{ e }}</p>{% endfor %}{{ get_flashed_messages()|join }}"
)


def test_a_refusal_rolls_back_what_the_service_wrote_and_keeps_the_input(app, client):
    def view():
        form = _NameForm()
        db = get_session()
        if form.validate_on_submit():
            with refusals(form) as outcome:
                # A service that writes, then finds the rule broken.
                db.add(Organisation(name=form.name.data, invite_code="HALF-DONE"))
                db.flush()
                raise Refused("Choose another name.", "name")
            # Even a later commit must not store what was flushed before the refusal.
            db.commit()
            assert outcome.refused and outcome.error.field == "name"
        return render_template_string(PAGE, form=form), 422 if form.errors else 200

    app.add_url_rule("/en/test-refusal", "test_refusal", view, methods=["GET", "POST"])
    response = client.post("/en/test-refusal", data={"name": "Gimnazija Iskra"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "value='Gimnazija Iskra'" in page and "<p class=error>Choose another name.</p>" in page
    assert _count(app, Organisation) == 0


def test_a_refusal_without_a_field_or_a_form_is_flashed(app, client):
    def view():
        with refusals() as outcome:
            raise Refused("Not now.")
        with refusals(_NameForm()) as second:
            raise Refused("Not here either.", "no-such-field")
        assert outcome.refused and second.refused
        return render_template_string("{{ get_flashed_messages()|join('|') }}")

    app.add_url_rule("/en/test-flash", "test_flash", view)
    assert client.get("/en/test-flash").get_data(as_text=True) == "Not now.|Not here either."


def test_other_errors_pass_through_a_refusal_block(app):
    with app.test_request_context(), pytest.raises(KeyError), refusals():
        raise KeyError("not a refusal")


def test_a_refused_class_form_keeps_what_was_typed_and_stores_nothing(app, client):
    teacher = make_facilitator(app)
    _org, class_id, _code = make_class(app, teacher, name="II-3")
    log_in(client, "teacher")
    response = client.post(
        f"/en/classes/{class_id}/edit",
        data={"name": "X", "organisation": "1", "language": "en", "modules": ["next"]},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Use between 2 and 120 characters." in page
    assert 'value="X"' in page
    assert 'checked id="modules-1" name="modules" type="checkbox" value="next"' in page
    assert 'id="modules-0" name="modules" type="checkbox" value="basics"' in page
    with database(app) as db:
        classroom = db.get(Classroom, class_id)
        assert classroom.name == "II-3"
        assert [m.module_slug for m in classroom.modules] == ["basics", "next"]
