"""A class learner finds the certificate they earned; a teacher can issue it for them."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.models import Certificate, Membership
from tests.factories import join, log_in, make_class, make_facilitator
from tests.helpers import ALL_RIGHT, ALL_WRONG, QUIZ_URL, database

OFFER = "Your certificate is ready to collect"
SCOPE = "You have passed the modules your class II-3 was given: 1 of the 2 in Demo course."


def test_the_certificate_is_offered_when_earned_and_wherever_the_pupil_looks(app):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher, modules=("basics",))
    pupil = app.test_client()
    join(pupil, code, "Mila")
    not_yet = pupil.post(QUIZ_URL, data=ALL_WRONG, follow_redirects=True).get_data(as_text=True)
    assert OFFER not in not_yet
    result = pupil.post(QUIZ_URL, data=ALL_RIGHT, follow_redirects=True).get_data(as_text=True)
    assert OFFER in result and SCOPE in result
    link = f'href="/en/certificates/claim/demo?scope=class-{class_id}"'
    assert link in result
    for page in ("/en/courses/demo/", "/en/", "/en/certificates/"):
        html = pupil.get(page).get_data(as_text=True)
        assert OFFER in html and link in html, page
    claim = pupil.get(f"/en/certificates/claim/demo?scope=class-{class_id}").get_data(as_text=True)
    assert "every module" not in claim  # 1 of the course's 2 modules was assigned and passed
    assert "you have passed the modules your class II-3 was given: 1 of the 2" in claim
    assert pupil.post("/en/certificates/claim/demo", data={"name": "Mila Ilić"}).status_code == 303
    for page in ("/en/courses/demo/", "/en/", "/en/certificates/"):
        assert OFFER not in pupil.get(page).get_data(as_text=True), page
    assert "Mila Ilić" not in pupil.get("/en/").get_data(as_text=True)
    assert "Demo course" in pupil.get("/en/certificates/").get_data(as_text=True)


def test_a_facilitator_issues_the_certificate_of_a_pupil_who_completed(app, client):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher, modules=("basics",), language="sr-Latn")
    luka, ana = app.test_client(), app.test_client()
    join(luka, code, "Luka")
    luka.post(QUIZ_URL, data=ALL_RIGHT)
    join(ana, code, "Ana")
    with database(app) as db:
        ids = dict(db.execute(select(Membership.nickname, Membership.id)).all())
    log_in(client, "teacher")
    listing = client.get(f"/en/classes/{class_id}/certificates").get_data(as_text=True)
    assert f"/en/classes/{class_id}/certificates/issue/{ids['Luka']}" in listing
    assert f"/certificates/issue/{ids['Ana']}" not in listing  # not completed: no form
    response = client.post(
        f"/en/classes/{class_id}/certificates/issue/{ids['Luka']}",
        data={"name": "Luka Lukić"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "Luka Lukić" in html and re.search(r"cert-badge--valid", html)
    refused = client.post(
        f"/en/classes/{class_id}/certificates/issue/{ids['Ana']}",
        data={"name": "Ana Anić"},
        follow_redirects=True,
    )
    assert "passed the quiz of every module" in refused.get_data(as_text=True)
    with database(app) as db:
        certs = db.scalars(select(Certificate)).all()
        assert [(c.name, c.language) for c in certs] == [("Luka Lukić", "sr-Latn")]
    assert "Probni kurs" in luka.get("/sr-Latn/certificates/").get_data(as_text=True)
    # Another school's facilitator cannot issue for this class.
    make_facilitator(app, "stranger")
    stranger = app.test_client()
    log_in(stranger, "stranger")
    assert (
        stranger.post(
            f"/en/classes/{class_id}/certificates/issue/{ids['Ana']}", data={"name": "X Y"}
        ).status_code
        == 404
    )


def test_a_class_given_the_whole_course_offers_one_certificate_not_two(app):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher, modules=("basics", "next"))
    pupil = app.test_client()
    join(pupil, code, "Mila")
    pupil.post(QUIZ_URL, data=ALL_RIGHT)
    result = pupil.post(
        "/en/courses/demo/next/quiz", data={"q-friend": "0", "token": "t"}, follow_redirects=True
    ).get_data(as_text=True)
    assert result.count(OFFER) == 1
    assert f"scope=class-{class_id}" in result and "scope=self" not in result
    # The claim page still lets the pupil choose a certificate on their own instead.
    claim = pupil.get("/en/certificates/claim/demo").get_data(as_text=True)
    assert 'value="self"' in claim
