"""Every state-changing request needs the form's CSRF token; without it nothing changes."""

from __future__ import annotations

import pytest

from app.db import get_engine
from tests.factories import PASSWORD, make_class, make_facilitator
from tests.helpers import CSRF_INPUT, csrf_token, make_app, row_counts
from tests.routes import rules, url_for_rule
from tests.schema import reset_schema


@pytest.fixture(scope="module")
def signed_in(catalog):
    """An administrator (allowed everywhere) signed in through the real, protected form."""
    app = make_app(catalog, WTF_CSRF_ENABLED=True)
    reset_schema(app)
    admin = make_facilitator(app, "admin", admin=True)
    make_class(app, admin)
    client = app.test_client()
    token = csrf_token(client, "/en/account/login")
    response = client.post(
        "/en/account/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 303
    yield app, client
    with app.app_context():
        get_engine().dispose()


def test_every_post_route_refuses_a_request_without_token(signed_in):
    app, client = signed_in
    checked = 0
    for rule in rules(app, "POST"):
        before = row_counts(app)
        response = client.post(
            url_for_rule(rule), data={"confirm": "yes", "name": "X Y", "open": "0"}
        )
        assert response.status_code == 400, rule.rule
        assert "This form has expired" in response.get_data(as_text=True)
        assert row_counts(app) == before, rule.rule
        checked += 1
    assert checked >= 20


def test_a_valid_token_is_accepted(signed_in):
    _app, client = signed_in
    token = csrf_token(client, "/en/settings")
    response = client.post("/en/settings", data={"csrf_token": token, "neutral_title": "on"})
    assert response.status_code == 302
    assert "<title>Notes</title>" in client.get("/en/").get_data(as_text=True)


def test_a_form_posted_over_https_from_the_sites_own_page_is_accepted(catalog):
    """Behind TLS, Flask-WTF also wants a same-origin Referer with every post: the site's
    referrer policy must let a browser send its own address to the site (and to nobody
    else). Under "no-referrer" every sign-in, "Done" and quiz failed in production."""
    app = make_app(catalog, WTF_CSRF_ENABLED=True)
    reset_schema(app)
    make_facilitator(app, "ana")
    client = app.test_client()
    site = "https://unshared.example"
    page = client.get("/en/account/login", base_url=site)
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in page.text
    match = CSRF_INPUT.search(page.text)
    assert match
    form = {"username": "ana", "password": PASSWORD, "csrf_token": match.group(1)}
    # What a browser sends under "no-referrer": no Referer at all, and the post is refused.
    refused = client.post("/en/account/login", base_url=site, data=form)
    assert refused.status_code == 400
    # What it sends under "same-origin": the page it was on.
    signed_in = client.post(
        "/en/account/login",
        base_url=site,
        data=form,
        headers={"Referer": f"{site}/en/account/login"},
    )
    assert signed_in.status_code == 303
    with app.app_context():
        get_engine().dispose()
