"""The access matrix: every route of the URL map, requested as each role, against a
declared expectation. A new route without an entry here fails, so nobody forgets to decide
who may use it."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.db import get_engine
from tests.factories import join, log_in, make_class, make_facilitator
from tests.helpers import ALL_RIGHT, QUIZ_URL, make_app, row_counts
from tests.routes import rules, url_for_rule
from tests.schema import reset_schema

ROLES = ("anonymous", "learner", "other_learner", "facilitator", "other_facilitator", "admin")

# Who may do what, by kind of route: the status each role gets on GET.
PUBLIC = dict.fromkeys(ROLES, 200)
REDIRECT = dict.fromkeys(ROLES, 302)
CLASS = {
    "anonymous": 401,
    "learner": 403,
    "other_learner": 403,
    "facilitator": 200,
    "other_facilitator": 404,
    "admin": 200,
}
ADMIN = {
    "anonymous": 401,
    "learner": 403,
    "other_learner": 403,
    "facilitator": 403,
    "other_facilitator": 403,
    "admin": 200,
}
OWN_ATTEMPT = {**dict.fromkeys(ROLES, 404), "learner": 200}
NOT_FOUND = dict.fromkeys(ROLES, 404)

GET_EXPECTED: dict[str, dict[str, int]] = {
    "main.root": REDIRECT,
    "main.healthz": PUBLIC,
    "main.home": PUBLIC,
    "main.help_page": PUBLIC,
    "main.privacy": PUBLIC,
    "main.settings": PUBLIC,
    "main.translation_status": PUBLIC,
    "main.course_media": PUBLIC,
    # The quick exit: everybody may leave (and is then sent to the neutral page elsewhere).
    "safety.leave": dict.fromkeys(ROLES, 303),
    "safety.blank": PUBLIC,
    "static": PUBLIC,
    "learning.course": PUBLIC,
    "learning.module": PUBLIC,
    "learning.lesson": PUBLIC,
    "learning.save_progress": PUBLIC,
    "learning.quiz": PUBLIC,
    "learning.result": OWN_ATTEMPT,
    "reference.glossary": PUBLIC,
    "reference.legal_index": PUBLIC,
    "reference.legal_compare": PUBLIC,
    "reference.legal_country": PUBLIC,
    "accounts.signup": {
        **dict.fromkeys(ROLES, 302),
        "anonymous": 200,
        "learner": 200,
        "other_learner": 200,
    },
    "accounts.login": PUBLIC,
    "accounts.account": {**PUBLIC, "anonymous": 302},
    "accounts.download": {**PUBLIC, "anonymous": 404},
    "classes.index": PUBLIC,
    "classes.signup": PUBLIC,
    "classes.organisation": CLASS,
    "admin.index": ADMIN,
    "classes.new_class": {**CLASS, "other_facilitator": 200},
    "classes.edit_class": CLASS,
    "classes.dashboard": CLASS,
    "classes.live": CLASS,
    "classes.learner": CLASS,
    "classes.progress_csv": CLASS,
    "classes.questions_csv": CLASS,
    "classes.progress_xlsx": CLASS,
    "classes.questions_xlsx": CLASS,
    "classes.join_sheet": CLASS,
    "classes.qr": CLASS,
    "classes.notes": CLASS,
    "learning.present": PUBLIC,
    "learning.handout": PUBLIC,
    "learning.handout_full": PUBLIC,
    "classes.join": PUBLIC,
    "classes.join_link": PUBLIC,
    "classes.welcome": {**PUBLIC, "anonymous": 302},
    "classes.continue_": PUBLIC,
    # Certificates. The sample code belongs to no certificate here, so every look-up is a 404
    # for everyone; tests/blueprints/test_certificates.py checks holders, facilitators,
    # administrators and strangers against real certificates.
    "certificates.mine": PUBLIC,
    "certificates.claim": PUBLIC,
    "certificates.detail": NOT_FOUND,
    "certificates.pdf": NOT_FOUND,
    "certificates.revoke": NOT_FOUND,
    "certificates.verify_start": REDIRECT,
    "certificates.verify_redirect": REDIRECT,
    "certificates.verify_form": PUBLIC,
    "certificates.verify": NOT_FOUND,
    "certificates.credential_json": NOT_FOUND,
    "certificates.credential_jwt": NOT_FOUND,
    "certificates.issuer": PUBLIC,
    "certificates.jwks": PUBLIC,
    "certificates.status_list": PUBLIC,  # list 1 exists before any certificate
    "certificates.status_list_json": PUBLIC,
    "certificates.class_list": CLASS,
    # Nobody has claimed a certificate yet: the class's facilitators are sent to the list.
    "certificates.class_pdf": {**CLASS, "facilitator": 303, "admin": 303},
}

# POST: the roles allowed through; everyone else must be refused and nothing may change.
EVERYONE = set(ROLES)
FACILITATORS = {"facilitator", "other_facilitator", "admin"}
OWN_CLASS = {"facilitator", "admin"}
POST_ALLOWED: dict[str, set[str]] = {
    "main.settings": EVERYONE,
    "safety.resume": EVERYONE,
    "learning.complete": EVERYONE,
    "learning.quiz": EVERYONE,
    "accounts.signup": EVERYONE,
    "accounts.login": EVERYONE,
    "accounts.logout": EVERYONE,
    "accounts.delete": EVERYONE,
    "accounts.change_password": EVERYONE,
    # Only a learner without a password gets a code; anyone else is sent to their account page.
    "accounts.recovery_code": EVERYONE,
    "classes.signup": EVERYONE,
    "classes.join": EVERYONE,
    "classes.continue_": EVERYONE,
    "classes.create_organisation": FACILITATORS,
    "classes.join_organisation": FACILITATORS,
    "classes.new_class": FACILITATORS,
    "classes.edit_class": OWN_CLASS,
    "classes.toggle_joining": OWN_CLASS,
    "classes.regenerate": OWN_CLASS,
    "classes.archive": OWN_CLASS,
    "classes.delete": OWN_CLASS,
    "classes.remove_member": OWN_CLASS,
    "classes.remove_facilitator": OWN_CLASS,
    "classes.delete_organisation": {"admin"},
    # Nobody here has passed every module, and the sample certificate code does not exist.
    "certificates.claim": set(),
    "certificates.revoke": set(),
    "certificates.issue": OWN_CLASS,
    "certificates.verify_form": EVERYONE,
}
REFUSED = {401, 403, 404}


def build_world(app: Flask) -> dict[str, FlaskClient]:
    """Two organisations with a class and a learner each, an administrator, and a client
    signed in as each role. The first learner owns quiz attempt 1."""
    teacher = make_facilitator(app, "teacher")
    _org, _class, code = make_class(app, teacher)
    other = make_facilitator(app, "other-teacher")
    _org2, _class2, code2 = make_class(app, other, name="Volonteri", organisation="NGO")
    make_facilitator(app, "admin", admin=True)
    clients = {role: app.test_client() for role in ROLES}
    join(clients["learner"], code, "Mila")
    clients["learner"].post(QUIZ_URL, data=ALL_RIGHT)
    join(clients["other_learner"], code2, "Luka")
    log_in(clients["facilitator"], "teacher")
    log_in(clients["other_facilitator"], "other-teacher")
    log_in(clients["admin"], "admin")
    return clients


@pytest.fixture(scope="module")
def world(catalog):
    app = make_app(catalog)
    reset_schema(app)
    clients = build_world(app)
    yield app, clients
    with app.app_context():
        get_engine().dispose()


def test_every_route_has_a_declared_expectation(catalog):
    app = make_app(catalog)
    get_endpoints = {r.endpoint for r in rules(app, "GET")}
    post_endpoints = {r.endpoint for r in rules(app, "POST")}
    assert get_endpoints - set(GET_EXPECTED) == set(), "declare who may GET these"
    assert post_endpoints - set(POST_ALLOWED) == set(), "declare who may POST to these"


@pytest.fixture(scope="module")
def get_rules(catalog):
    return {r.endpoint: r for r in rules(make_app(catalog), "GET")}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(GET_EXPECTED))
def test_get_matrix(world, get_rules, endpoint, role):
    _app, clients = world
    rule = get_rules[endpoint]
    response = clients[role].get(url_for_rule(rule))
    response.close()
    assert response.status_code == GET_EXPECTED[endpoint][role], (rule.rule, role)


@pytest.fixture(scope="module")
def post_rules(catalog):
    return {r.endpoint: r for r in rules(make_app(catalog), "POST")}


@pytest.fixture(scope="module")
def post_app(catalog):
    app = make_app(catalog)
    yield app
    with app.app_context():
        get_engine().dispose()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(POST_ALLOWED))
def test_post_matrix(post_app, post_rules, endpoint, role):
    app = post_app
    reset_schema(app)  # POSTs change things: every case starts from the same world
    clients = build_world(app)
    before = row_counts(app)
    response = clients[role].post(url_for_rule(post_rules[endpoint]), data={})
    if role in POST_ALLOWED[endpoint]:
        assert response.status_code not in REFUSED, (endpoint, role, response.status_code)
    else:
        assert response.status_code in REFUSED, (endpoint, role, response.status_code)
        assert row_counts(app) == before, "a refused request changed stored data"
