"""Hostile and random input: never a server error, and a refusal changes nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.db import get_engine
from tests.factories import join, log_in, make_class, make_facilitator
from tests.helpers import FUZZ, HOSTILE, TRICKY, make_app, row_counts
from tests.schema import reset_schema

FORMS = {
    "/en/account/signup": ["username", "password", "confirm"],
    "/en/account/login": ["username", "password"],
    "/en/account/delete": ["confirm"],
    "/en/settings": ["neutral_title"],
    "/en/courses/demo/basics/quiz": ["q-forward", "q-signs", "q-vanish", "token"],
    "/en/courses/demo/basics/intro/done": [],
    "/en/join": ["code", "nickname"],
    "/en/continue": ["recovery_code"],
    "/en/classes/signup": ["username", "password", "confirm", "email"],
    "/en/classes/organisations/new": ["name"],
    "/en/classes/organisations/join": ["invite_code"],
    "/en/classes/new": ["name", "organisation", "language", "modules", "ends_on"],
    "/en/classes/1/edit": ["name", "organisation", "language", "modules", "ends_on"],
    "/en/classes/1/joining": ["open"],
    "/en/classes/1/members/1/remove": [],
}
QUERIES = {
    "/en/help": ["country"],
    "/en/legal/rs": ["print"],
    "/en/classes/new": ["course"],
    "/": ["next"],
}


@pytest.fixture(scope="module")
def site(catalog):
    app = make_app(catalog)
    reset_schema(app)
    teacher = make_facilitator(app, "teacher")
    _org, _class_id, code = make_class(app, teacher)
    join(app.test_client(), code, "Mila")
    facilitator = app.test_client()
    log_in(facilitator, "teacher")
    yield app, {"anonymous": app.test_client(), "facilitator": facilitator}
    with app.app_context():
        get_engine().dispose()


@pytest.mark.parametrize("who", ["anonymous", "facilitator"])
@pytest.mark.parametrize("url", sorted(FORMS))
@FUZZ
@given(data=st.data())
def test_forms_never_break(site, url, who, data):
    app, clients = site
    fields = FORMS[url]
    form = {
        name: data.draw(st.one_of(HOSTILE, st.lists(HOSTILE, max_size=3)), label=name)
        for name in fields
        if data.draw(st.booleans(), label=f"send {name}")
    }
    before = row_counts(app)
    response = clients[who].post(url, data=form)
    assert response.status_code < 500
    if 400 <= response.status_code < 500:
        assert row_counts(app) == before


@pytest.mark.parametrize("url", sorted(QUERIES))
@FUZZ
@given(data=st.data())
def test_query_parameters_never_break(site, url, data):
    _app, clients = site
    query = {name: data.draw(HOSTILE, label=name) for name in QUERIES[url]}
    response = clients["facilitator"].get(url, query_string=query)
    assert response.status_code < 500


@FUZZ
@given(segment=HOSTILE)
def test_hostile_path_segments_are_not_found_not_errors(site, segment):
    _app, clients = site
    for template in (
        "/en/courses/{}/",
        "/en/courses/demo/{}/",
        "/en/legal/{}",
        "/{}/",
        "/en/join/{}",
        "/en/courses/demo/basics/quiz/result/{}",
    ):
        path = template.format(segment.replace("/", "").replace("?", "").replace("#", ""))
        response = clients["anonymous"].get(path)
        assert response.status_code < 500, path


QUIZ_FIELDS = ("q-forward", "q-signs", "q-vanish")


@FUZZ
@given(data=st.data())
def test_quiz_submissions_never_break(site, data):
    """Answers near the valid ones (option numbers mixed with tricky ones) and hostile tokens."""
    app, clients = site
    answer = st.one_of(st.sampled_from(["0", "1", "2", "3"]), TRICKY, HOSTILE)
    form = {
        name: data.draw(st.lists(answer, min_size=1, max_size=3), label=name)
        for name in QUIZ_FIELDS
    }
    form["token"] = data.draw(st.one_of(HOSTILE, st.text(max_size=64)), label="token")
    before = row_counts(app)
    response = clients["anonymous"].post("/en/courses/demo/basics/quiz", data=form)
    assert response.status_code < 500
    if 400 <= response.status_code < 500:
        assert row_counts(app) == before


@FUZZ
@given(
    host=st.one_of(HOSTILE, st.text(alphabet="ab.-:[]0", min_size=60, max_size=3000)).filter(
        lambda h: "\r" not in h and "\n" not in h
    )
)  # a header cannot hold a newline
def test_hostile_host_headers_are_refused_not_errors(site, host):
    _app, clients = site
    for method, path in (("get", "/en/"), ("post", "/en/courses/demo/basics/intro/done")):
        response = getattr(clients["anonymous"], method)(path, headers={"Host": host})
        assert response.status_code < 500, (method, host)
