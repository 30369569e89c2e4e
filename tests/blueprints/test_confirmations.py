"""Destructive buttons ask first, on a page of their own, and say what will be lost."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Classroom, Membership, Organisation, User
from app.services import classes
from tests.factories import PASSWORD, join, log_in, make_class, make_facilitator
from tests.helpers import database


def _confirm_form(html: str, action: str) -> None:
    """The page posts back to ``action`` with confirm=yes, and offers to cancel."""
    assert f'action="{action}"' in html and 'name="confirm" value="yes"' in html
    assert "Cancel" in html


def test_removing_a_learner_asks_first_and_says_what_is_lost(app, client):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher)
    join(app.test_client(), code, "Mila")
    log_in(client, "teacher")
    with database(app) as db:
        member_id = db.scalar(select(Membership.id))
    url = f"/en/classes/{class_id}/members/{member_id}/remove"
    page = client.post(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Remove Mila from the class?" in html
    assert "recovery code stops working" in html
    _confirm_form(html, url)
    assert "Mila" in client.get(f"/en/classes/{class_id}/").get_data(as_text=True)
    assert client.post(url, data={"confirm": "yes"}).status_code == 303
    with database(app) as db:
        assert db.scalar(select(Membership.id)) is None


def test_a_new_join_code_warns_that_printed_sheets_stop_working(app, client):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher)
    log_in(client, "teacher")
    url = f"/en/classes/{class_id}/code"
    html = client.post(url).get_data(as_text=True)
    assert "every printed join sheet" in html and code in html
    _confirm_form(html, url)
    with database(app) as db:
        assert db.get(Classroom, class_id).join_code == code
    assert client.post(url, data={"confirm": "yes"}).status_code == 303
    with database(app) as db:
        assert db.get(Classroom, class_id).join_code != code


def test_deleting_a_class_asks_first(app, client):
    teacher = make_facilitator(app)
    _org, class_id, _code = make_class(app, teacher)
    log_in(client, "teacher")
    url = f"/en/classes/{class_id}/delete"
    html = client.post(url).get_data(as_text=True)
    assert "Delete the class II-3?" in html and "printed join sheet" in html
    _confirm_form(html, url)
    with database(app) as db:
        assert db.get(Classroom, class_id) is not None
    assert client.post(url, data={"confirm": "yes"}).status_code == 303
    with database(app) as db:
        assert db.get(Classroom, class_id) is None


def test_the_only_facilitator_cannot_leave_the_organisation(app, client):
    teacher = make_facilitator(app)
    org_id, class_id, _code = make_class(app, teacher)
    log_in(client, "teacher")
    page = client.get(f"/en/classes/organisations/{org_id}").get_data(as_text=True)
    assert "Leave this organisation" not in page and "The only facilitator" in page
    url = f"/en/classes/organisations/{org_id}/members/{teacher}/remove"
    response = client.post(url, data={"confirm": "yes"}, follow_redirects=True)
    assert "has no other facilitator" in response.get_data(as_text=True)
    assert client.get(f"/en/classes/{class_id}/").status_code == 200

    colleague = app.test_client()
    colleague.post(
        "/en/classes/signup", data={"username": "kolega", "password": PASSWORD, "confirm": PASSWORD}
    )
    with database(app) as db:
        invite = db.get(Organisation, org_id).invite_code
    colleague.post("/en/classes/organisations/join", data={"invite_code": invite})
    html = client.post(url).get_data(as_text=True)
    assert "Leave Gimnazija?" in html and "invite code" in html
    _confirm_form(html, url)
    assert client.get(f"/en/classes/{class_id}/").status_code == 200  # not yet left
    assert client.post(url, data={"confirm": "yes"}).status_code == 303
    assert client.get(f"/en/classes/{class_id}/").status_code == 404


def test_the_service_never_removes_the_last_facilitator(app, db):
    first = make_facilitator(app)
    second = make_facilitator(app, "second")
    org_id, _class_id, _code = make_class(app, first)
    organisation = db.get(Organisation, org_id)
    with pytest.raises(classes.LastFacilitator):
        classes.remove_facilitator(db, organisation, first)
    classes.join_organisation(db, db.get(User, second), organisation.invite_code)
    classes.remove_facilitator(db, organisation, first)
    with pytest.raises(classes.LastFacilitator):
        classes.remove_facilitator(db, organisation, second)
    assert [u.id for u in classes.list_facilitators(db, organisation)] == [second]


def test_a_class_learner_sees_their_nickname_and_is_warned_before_signing_out(app):
    teacher = make_facilitator(app)
    _org, _class_id, code = make_class(app, teacher)
    pupil = app.test_client()
    join(pupil, code, "Mila")
    page = pupil.get("/en/account/").get_data(as_text=True)
    assert "None" not in page and "In the class II-3 you are Mila." in page
    warning = pupil.post("/en/account/logout")
    html = warning.get_data(as_text=True)
    assert warning.status_code == 200 and "you need your recovery code" in html
    assert 'name="confirm" value="yes"' in html and 'href="/en/account/"' in html  # cancel
    assert "Mila" in pupil.get("/en/account/").get_data(as_text=True)  # still signed in
    assert pupil.post("/en/account/logout", data={"confirm": "yes"}).status_code == 303
    assert "Mila" not in pupil.get("/en/account/", follow_redirects=True).get_data(as_text=True)


def test_someone_with_a_password_signs_out_at_once(app):
    make_facilitator(app)
    client = app.test_client()
    log_in(client, "teacher")
    assert client.post("/en/account/logout").status_code == 303


def test_the_only_facilitator_cannot_delete_their_account_and_orphan_a_class(app, client):
    teacher = make_facilitator(app)
    org_id, class_id, _code = make_class(app, teacher)
    log_in(client, "teacher")
    account = client.get("/en/account/").get_data(as_text=True)
    assert "Before you can delete your account, hand over these organisations" in account
    assert f'href="/en/classes/organisations/{org_id}">Gimnazija</a>' in account
    refused = client.post("/en/account/delete", data={"confirm": "y"})
    assert refused.status_code == 422
    assert "You are the only facilitator of Gimnazija" in refused.get_data(as_text=True)
    assert client.get(f"/en/classes/{class_id}/").status_code == 200  # still signed in
    with database(app) as db:
        assert db.get(User, teacher) is not None
        assert [u.id for u in classes.list_facilitators(db, db.get(Organisation, org_id))] == [
            teacher
        ]

    # With a colleague to hand over to, the account goes and the class stays theirs.
    colleague = app.test_client()
    colleague.post(
        "/en/classes/signup", data={"username": "kolega", "password": PASSWORD, "confirm": PASSWORD}
    )
    with database(app) as db:
        invite = db.get(Organisation, org_id).invite_code
    colleague.post("/en/classes/organisations/join", data={"invite_code": invite})
    assert "hand over" not in client.get("/en/account/").get_data(as_text=True)
    assert client.post("/en/account/delete", data={"confirm": "y"}).status_code == 303
    assert colleague.get(f"/en/classes/{class_id}/").status_code == 200
    with database(app) as db:
        assert db.get(User, teacher) is None


def test_an_organisation_without_classes_goes_with_its_only_facilitator(app, client):
    teacher = make_facilitator(app)
    with database(app) as db:
        org_id = classes.create_organisation(db, db.get(User, teacher), "Prazna škola").id
        db.commit()
    log_in(client, "teacher")
    assert client.post("/en/account/delete", data={"confirm": "y"}).status_code == 303
    with database(app) as db:
        assert db.get(Organisation, org_id) is None
