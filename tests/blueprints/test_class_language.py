"""A class's language is what its members see first, and what their certificates say."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from app.db import get_session
from app.models import Certificate
from tests.factories import join, log_in, make_class, make_facilitator
from tests.helpers import ALL_RIGHT, PUBLIC, database, qr_text


def test_a_serbian_class_hands_out_serbian_links_and_its_pupils_study_in_serbian(app, client):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher, modules=("basics",), language="sr-Latn")
    log_in(client, "teacher")
    # The teacher reads the site in English; what the pupils get is in Serbian.
    dashboard = client.get(f"/en/classes/{class_id}/").get_data(as_text=True)
    assert f"{PUBLIC}/sr-Latn/join/{code}" in dashboard and "/en/join/" not in dashboard
    assert f"{PUBLIC}/sr-Latn/join" in client.get(f"/en/classes/{class_id}/sheet").get_data(
        as_text=True
    )
    assert (
        qr_text(client.get(f"/en/classes/{class_id}/qr.svg").get_data())
        == f"{PUBLIC}/sr-Latn/join/{code}"
    )

    # A pupil who types the code on the English join page still lands in Serbian...
    pupil = app.test_client()
    response = pupil.post("/en/join", data={"code": code, "nickname": "Mila"})
    assert response.status_code == 200 and '<html lang="sr-Latn"' in response.get_data(as_text=True)
    assert pupil.get("/").headers["Location"] == "/sr-Latn/"
    # ...and can still switch.
    assert '<html lang="en"' in pupil.get("/en/courses/demo/").get_data(as_text=True)
    recovery = join(app.test_client(), code, "Luka")
    phone = app.test_client()
    response = phone.post("/en/continue", data={"recovery_code": recovery})
    assert response.headers["Location"] == "/sr-Latn/"

    # The certificate is issued in the class's language, even when claimed in English.
    pupil.post("/en/courses/demo/basics/quiz", data=ALL_RIGHT)
    assert pupil.post("/en/certificates/claim/demo", data={"name": "Mila Ilić"}).status_code == 303
    with database(app) as db:
        assert db.scalar(select(Certificate.language)) == "sr-Latn"


def test_a_pupil_who_reads_cyrillic_keeps_it_in_a_class_set_to_serbian_latin(app, client):
    teacher = make_facilitator(app)
    _org, _class_id, code = make_class(app, teacher, modules=("basics",), language="sr-Latn")
    pupil = app.test_client()
    welcome = pupil.post("/sr-Cyrl/join", data={"code": code, "nickname": "Јована"})
    assert welcome.status_code == 200
    assert '<html lang="sr-Cyrl"' in welcome.get_data(as_text=True)
    assert pupil.get("/").headers["Location"] == "/sr-Cyrl/"
    # On another device, the recovery code opens the class in the script of that page too.
    recovery = join(app.test_client(), code, "Luka")
    phone = app.test_client()
    assert (
        phone.post("/sr-Cyrl/continue", data={"recovery_code": recovery}).headers["Location"]
        == "/sr-Cyrl/"
    )
    # Another language is still the class's: an English page turns to Serbian (Latin).
    english = app.test_client().post("/en/join", data={"code": code, "nickname": "Mila"})
    assert '<html lang="sr-Latn"' in english.get_data(as_text=True)


def test_the_class_certificate_batch_comes_out_in_the_class_language(app, client):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher, modules=("basics",), language="sr-Latn")
    for nickname, name in (("Mila", "Mila Ilić"), ("Luka", "Luka Đurić")):
        pupil = app.test_client()
        join(pupil, code, nickname)
        pupil.post("/en/courses/demo/basics/quiz", data=ALL_RIGHT)
        assert pupil.post("/en/certificates/claim/demo", data={"name": name}).status_code == 303
    with app.app_context():  # one claimed before the class's language was what it is now
        db = get_session()
        db.scalars(select(Certificate)).first().language = "en"
        db.commit()
    log_in(client, "teacher")
    response = client.get(f"/en/classes/{class_id}/certificates.pdf")
    assert response.status_code == 200
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages]
    assert len(pages) == 2
    assert all("Probni kurs" in text and "Demo course" not in text for text in pages)
