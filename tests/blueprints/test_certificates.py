"""Certificates end to end: claim as a guest, print, scan, verify, revoke, print a class,
and the Open Badges 3.0 credential checked with an independent library."""

from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import unicodedata
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from joserfc.errors import BadSignatureError
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from app.credentials import new_code
from app.db import get_engine
from app.models import (
    Certificate,
)
from app.services import accounts, certificates
from tests.credentials.samples import poppler_tool
from tests.factories import (
    CYRILLIC,
    LATIN,
    PASSWORD,
    certificate_count,
    claim,
    claim_code,
    enrol,
    facilitator_with_class,
    learner_id,
    pass_course,
    signup,
)
from tests.helpers import (
    ALL_RIGHT,
    FUZZ,
    HOSTILE,
    NEXT_QUIZ_URL,
    NEXT_RIGHT,
    QUIZ_URL,
    assert_valid,
    csrf_token,
    database,
    jose_decode,
    make_app,
    row_counts,
)
from tests.routes import CERTIFICATE_PAGES, NOT_PAGES, rules
from tests.schema import reset_schema

# Helpers --------------------------------------------------------------------------------


def page_texts(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        " ".join(unicodedata.normalize("NFC", page.extract_text()).split()) for page in reader.pages
    ]


def rasterize(pdf: bytes, tmp_path: Path) -> Path:
    """Page 1 as a 150 dpi PNG (pdftoppm; skipped without poppler unless CI=true)."""
    pdftoppm = poppler_tool("pdftoppm")
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "150",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return tmp_path / "page.png"


class _FirstFocusable(HTMLParser):
    """The first element a keyboard user reaches (as in test_every_page)."""

    def __init__(self) -> None:
        super().__init__()
        self.first: dict | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if self.first is None and (
            (tag == "a" and a.get("href"))
            or tag in ("button", "select", "textarea")
            or (tag == "input" and a.get("type") != "hidden")
        ):
            self.first = a


def first_focusable(html: str) -> dict:
    parser = _FirstFocusable()
    parser.feed(html)
    return parser.first or {}


@pytest.fixture
def graduate(app, client):  # type: ignore[no-untyped-def]
    """A guest who passed the demo course and claimed a certificate; returns its code."""
    pass_course(client)
    return claim_code(client, LATIN)


# Earning --------------------------------------------------------------------------------


def test_guest_claims_after_passing_both_quizzes(app, client):
    page = client.get("/en/certificates/claim/demo").get_data(as_text=True)
    assert "Not yet" in page and 'name="name"' not in page
    assert claim(client, LATIN).status_code == 403
    client.post(QUIZ_URL, data=ALL_RIGHT)
    course = client.get("/en/courses/demo/").get_data(as_text=True)
    assert "/en/certificates/claim/demo" not in course
    assert claim(client, LATIN).status_code == 403
    assert certificate_count(app) == 0

    client.post(NEXT_QUIZ_URL, data=NEXT_RIGHT)
    course = client.get("/en/courses/demo/").get_data(as_text=True)
    assert 'href="/en/certificates/claim/demo?scope=self"' in course
    assert "Get your certificate" in course
    form = client.get("/en/certificates/claim/demo").get_data(as_text=True)
    assert 'name="name"' in form and "You do not need an account" in form
    code = claim_code(client, f"  {LATIN} ")
    detail = client.get(f"/en/certificates/{code}").get_data(as_text=True)
    assert LATIN in detail and code in detail and "Demo course" in detail
    assert f"http://127.0.0.1:5000/verify/{code}" in detail

    # Claiming again with the same name keeps the certificate (code and all).
    again = client.get("/en/certificates/claim/demo").get_data(as_text=True)
    assert "You already have this certificate" in again and f'value="{LATIN}"' in again
    assert claim_code(client, LATIN) == code
    assert certificate_count(app) == 1


@pytest.mark.parametrize(
    "name, message",
    [
        ("", "Please type the name to print."),
        ("A", "Use between 2 and 120 characters."),
        ("Đ" * 121, "Use between 2 and 120 characters."),
        ("Ana\x07Kovač", "without special characters"),
        ("Ana\u202eKovač", "without special characters"),
        ("王小明", "The certificate cannot print these characters: 王 小 明"),
    ],
)
def test_bad_names_rerender_the_form_and_store_nothing(app, client, name, message):
    pass_course(client)
    response = claim(client, name)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and 'aria-invalid="true"' in html and 'name="name"' in html
    assert certificate_count(app) == 0


def test_a_learner_who_has_not_passed_cannot_claim(app, client):
    client.post(QUIZ_URL, data=ALL_RIGHT)
    response = claim(client, LATIN)
    assert response.status_code == 403
    assert "Not yet" in response.get_data(as_text=True)
    assert claim(app.test_client(), LATIN).status_code == 403  # nobody at all
    assert certificate_count(app) == 0


def test_a_class_learner_claims_for_the_assigned_modules(app, client):
    teacher = app.test_client()
    class_id = facilitator_with_class(
        app, teacher, "nastavnica", "Gimnazija „Bora Stanković“", "IV-2", modules=("basics",)
    )
    client.post(QUIZ_URL, data=ALL_RIGHT)
    enrol(app, class_id, learner_id(app), "Zeka")
    page = client.get("/en/certificates/claim/demo").get_data(as_text=True)
    assert "Gimnazija „Bora Stanković“" in page and "IV-2" in page
    code = claim_code(client, "Zoran Zekić")
    with database(app) as db:
        cert = db.scalar(select(Certificate).where(Certificate.code == code))
        assert cert.classroom_id == class_id
        assert cert.issuer_name == "Gimnazija „Bora Stanković“, IV-2"
    text = page_texts(client.get(f"/en/certificates/{code}.pdf").data)[0]
    assert "has completed these modules of the course" in text and "Module basics" in text
    assert "IV-2" in text


# The PDF --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, name, course, module",
    [
        ("sr-Cyrl", CYRILLIC, "Пробни курс", "Модул next"),
        ("sr-Latn", LATIN, "Probni kurs", "Modul next"),
        ("en", LATIN, "Demo course", "Module next"),
    ],
)
def test_pdf_prints_the_name_and_titles_in_the_certificates_script(
    app, client, lang, name, course, module
):
    pass_course(client)
    code = claim_code(client, name, lang)
    response = client.get(f"/{lang}/certificates/{code}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    text = page_texts(response.data)[0]
    assert name in text and course in text and module in text
    assert code in text and f"http://127.0.0.1:5000/verify/{code}" in text.replace(" ", "")
    # The PDF is the same whatever language the holder reads the site in now.
    assert name in page_texts(client.get(f"/en/certificates/{code}.pdf").data)[0]


def test_pdf_uses_public_url_when_configured(catalog):
    app = make_app(catalog, PUBLIC_URL="https://unshared.example.org/")
    reset_schema(app)
    try:
        client = app.test_client()
        pass_course(client)
        code = claim_code(client, LATIN)
        text = page_texts(client.get(f"/en/certificates/{code}.pdf").data)[0]
        assert f"https://unshared.example.org/verify/{code}" in text.replace(" ", "")
        credential = client.get(f"/credentials/{code}.json").get_json()
        assert credential["id"] == f"https://unshared.example.org/verify/{code}"
        assert credential["issuer"]["id"] == "https://unshared.example.org/issuer"
    finally:
        with app.app_context():
            get_engine().dispose()


def test_someone_elses_certificate_is_404(app, client, graduate):
    other = app.test_client()
    other.post(QUIZ_URL, data=ALL_RIGHT)  # another guest, with a row of their own
    for url in (
        f"/en/certificates/{graduate}.pdf",
        f"/en/certificates/{graduate}",
        f"/en/certificates/{graduate}/revoke",
    ):
        response = other.get(url)
        assert response.status_code == 404, url
        assert response.mimetype == "text/html"
    assert app.test_client().get(f"/en/certificates/{graduate}.pdf").status_code == 404
    assert client.get(f"/en/certificates/{graduate}/revoke").status_code == 404  # holder


# Scanning, verifying and revoking ---------------------------------------------------------


def test_scan_the_qr_code_verify_then_revoke(app, client, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    teacher = app.test_client()
    class_id = facilitator_with_class(app, teacher, "nastavnica", "Gimnazija", "IV-2")
    pass_course(client)
    enrol(app, class_id, learner_id(app), "Đole")
    code = claim_code(client, CYRILLIC, "sr-Cyrl")

    png = rasterize(client.get(f"/sr-Cyrl/certificates/{code}.pdf").data, tmp_path)
    with Image.open(png) as image:
        results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [f"http://127.0.0.1:5000/verify/{code}"]

    verifier = app.test_client()
    response = verifier.get(
        urlsplit(results[0].text).path, headers={"Accept-Language": "en"}, follow_redirects=True
    )
    assert response.status_code == 200 and response.request.path == f"/en/verify/{code}"
    html = response.get_data(as_text=True)
    assert "cert-result--valid" in html and "Valid:" in html
    assert "cert-result--revoked" not in html
    assert CYRILLIC in html and "Demo course" in html and "Gimnazija, IV-2" in html
    assert "Revoke this certificate" not in html

    assert "Revoke this certificate" in teacher.get(f"/en/verify/{code}").get_data(as_text=True)
    listing = teacher.get(f"/en/classes/{class_id}/certificates").get_data(as_text=True)
    assert "Đole" in listing and CYRILLIC in listing and code in listing
    assert f'href="/en/certificates/{code}/revoke"' in listing
    response = teacher.post(
        f"/en/certificates/{code}/revoke", data={"reason": "Someone else took the quizzes"}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/en/classes/{class_id}/certificates")

    html = verifier.get(f"/en/verify/{code}").get_data(as_text=True)
    assert "cert-result--revoked" in html and "Revoked:" in html
    assert "Someone else took the quizzes" in html and "cert-result--valid" not in html
    # The holder sees it too, and can no longer print it.
    assert "Someone else took the quizzes" in client.get(f"/en/certificates/{code}").get_data(
        as_text=True
    )
    assert client.get(f"/en/certificates/{code}.pdf").status_code == 303
    # Revoked credentials are still served; only the verify page says they no longer stand.
    assert verifier.get(f"/credentials/{code}.json").status_code == 200


def test_revoking_needs_a_reason_and_the_right_person(app, client):
    teacher = app.test_client()
    class_id = facilitator_with_class(app, teacher, "nastavnica", "Gimnazija", "IV-2")
    stranger = app.test_client()
    facilitator_with_class(app, stranger, "drugaskola", "Druga škola", "I-1")
    pass_course(client)
    enrol(app, class_id, learner_id(app), "Zeka")
    code = claim_code(client, LATIN)

    response = teacher.post(f"/en/certificates/{code}/revoke", data={"reason": ""})
    assert response.status_code == 422
    assert "Please say why" in response.get_data(as_text=True)
    for nobody in (stranger, client, app.test_client()):
        assert (
            nobody.post(
                f"/en/certificates/{code}/revoke", data={"reason": "No reason at all"}
            ).status_code
            == 404
        )
    with database(app) as db:
        assert not db.scalar(select(Certificate)).is_revoked


def test_an_administrator_may_revoke_a_certificate_without_a_class(app, client, graduate):
    with database(app) as db:
        accounts.sign_up(db, None, "admin", PASSWORD, role="admin")
        db.commit()
    admin = app.test_client()
    admin.post("/en/account/login", data={"username": "admin", "password": PASSWORD})
    response = admin.post(
        f"/en/certificates/{graduate}/revoke", data={"reason": "Issued by mistake"}
    )
    assert response.headers["Location"].endswith(f"/en/verify/{graduate}")
    assert "Issued by mistake" in admin.get(f"/en/verify/{graduate}").get_data(as_text=True)


def test_revoking_is_csrf_protected(csrf_app):
    learner, teacher = csrf_app.test_client(), csrf_app.test_client()
    class_id = facilitator_with_class(csrf_app, teacher, "nastavnica", "Gimnazija", "IV-2")
    # The first answer creates the guest and a fresh session: take a fresh token each time.
    for url, answers in ((QUIZ_URL, ALL_RIGHT), (NEXT_QUIZ_URL, NEXT_RIGHT)):
        response = learner.post(url, data={**answers, "csrf_token": csrf_token(learner, url)})
        assert response.status_code == 303
    enrol(csrf_app, class_id, learner_id(csrf_app), "Zeka")
    assert claim(learner, LATIN).status_code == 400
    code = claim_code(learner, LATIN, csrf_token=csrf_token(learner, "/en/certificates/claim/demo"))
    url = f"/en/certificates/{code}/revoke"
    assert teacher.post(url, data={"reason": "Copied"}).status_code == 400
    response = teacher.post(url, data={"reason": "Copied", "csrf_token": csrf_token(teacher, url)})
    assert response.status_code == 303


def test_unknown_code_is_a_404_page_with_the_quick_exit(app, client):
    for url in (
        "/en/verify/K7QM-9XTR-4HNP-WZ3E",
        "/verify/K7QM-9XTR-4HNP-WZ3E",
        "/en/verify/not-a-code",
        "/sr-Cyrl/verify/K7QM-9XTR-4HNP-WZ3E",
    ):
        response = client.get(url, follow_redirects=True)
        assert response.status_code == 404, url
        html = response.get_data(as_text=True)
        assert "cert-result--unknown" in html and 'name="code"' in html
        assert first_focusable(html).get("id") == "quick-exit"
    assert "No certificate with this code" in client.get("/en/verify/K7QM-9XTR-4HNP-WZ3E").get_data(
        as_text=True
    )
    assert client.get("/credentials/K7QM-9XTR-4HNP-WZ3E.json").status_code == 404
    assert client.get("/credentials/K7QM-9XTR-4HNP-WZ3E.jwt").status_code == 404


def test_typed_codes_are_cleaned_up(app, client, graduate):
    typed = graduate.lower().replace("-", " ")
    response = client.get("/en/verify", query_string={"code": typed})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/en/verify/{graduate}")
    assert (
        client.get(f"/en/verify/{graduate.lower()}")
        .headers["Location"]
        .endswith(f"/en/verify/{graduate}")
    )
    response = client.post("/en/verify", data={"code": graduate.replace("-", "")})
    assert response.headers["Location"].endswith(f"/en/verify/{graduate}")
    bad = client.get("/en/verify", query_string={"code": "hello"})
    assert bad.status_code == 422 and "This is not a certificate code" in bad.get_data(as_text=True)
    assert client.get("/verify?code=x").headers["Location"].endswith("/en/verify?code=x")


def test_verify_address_goes_to_the_visitors_language(app, client, graduate):
    visitor = app.test_client()
    response = visitor.get(f"/verify/{graduate}", headers={"Accept-Language": "sr-Cyrl-RS"})
    assert response.headers["Location"].endswith(f"/sr-Cyrl/verify/{graduate}")
    html = visitor.get(response.headers["Location"]).get_data(as_text=True)
    assert "Пробни курс" in html and LATIN in html and '<html lang="sr-Cyrl">' in html


def test_guessing_codes_is_rate_limited(catalog):
    app = make_app(catalog, RATELIMIT_ENABLED=True)
    reset_schema(app)
    try:
        client = app.test_client()
        statuses = {client.get(f"/en/verify/{new_code()}").status_code for _ in range(30)}
        assert statuses == {404}
        assert client.get("/credentials/K7QM-9XTR-4HNP-WZ3E.json").status_code == 429
        assert client.get("/en/verify/K7QM-9XTR-4HNP-WZ3E").status_code == 429
        assert client.get("/en/verify").status_code == 200  # the empty form looks nothing up
        assert client.get("/issuer/jwks.json").status_code == 200
    finally:
        with app.app_context():
            get_engine().dispose()


# Open Badges 3.0 ------------------------------------------------------------------------


def test_credential_is_a_valid_signed_open_badge(app, client, graduate):
    verifier = app.test_client()
    credential = verifier.get(f"/credentials/{graduate}.json").get_json()
    assert_valid("achievementcredential.json", credential)
    assert credential["id"] == f"http://127.0.0.1:5000/verify/{graduate}"
    assert credential["issuer"]["id"] == "http://127.0.0.1:5000/issuer"
    subject = credential["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == LATIN
    assert subject["achievement"]["name"] == "Demo course"

    issuer = verifier.get("/issuer")
    assert issuer.headers["Access-Control-Allow-Origin"] == "*"
    assert_valid("profile.json", issuer.get_json())
    assert issuer.get_json()["id"] == "http://127.0.0.1:5000/issuer"

    jwks = verifier.get("/issuer/jwks.json").get_json()
    assert [key["kty"] for key in jwks["keys"]] == ["OKP"]
    assert "d" not in jwks["keys"][0]
    token = verifier.get(f"/credentials/{graduate}.jwt").get_data(as_text=True)
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["kid"] == jwks["keys"][0]["kid"]
    assert header["kid"].startswith("http://127.0.0.1:5000/issuer/jwks.json#")

    claims = jose_decode(token, jwks).claims
    assert claims["iss"] == "http://127.0.0.1:5000/issuer" and claims["jti"] == credential["id"]
    assert claims["sub"] == subject["id"]
    assert claims["nbf"] == int(datetime.fromisoformat(credential["validFrom"]).timestamp())
    assert {k: v for k, v in claims.items() if k not in {"iss", "jti", "nbf", "sub"}} == credential

    # A tampered credential (another name) no longer verifies.
    head, body, signature = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    forged_body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    forged = f"{head}.{forged_body}.{signature}"
    with pytest.raises(BadSignatureError):
        jose_decode(forged, jwks)


def test_cyrillic_credential_has_cyrillic_titles(app, client):
    pass_course(client)
    code = claim_code(client, CYRILLIC, "sr-Cyrl")
    credential = client.get(f"/credentials/{code}.json").get_json()
    assert_valid("achievementcredential.json", credential)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Пробни курс" and achievement["inLanguage"] == "sr-Cyrl"
    assert achievement["id"] == "http://127.0.0.1:5000/sr-Cyrl/courses/demo/"


# Classes --------------------------------------------------------------------------------


def test_class_batch_pdf_has_a_page_per_claimed_certificate(app):
    teacher = app.test_client()
    class_id = facilitator_with_class(app, teacher, "nastavnica", "Gimnazija", "IV-2")
    names = {"Ana": "Ana Anić", "Bojan": "Бојан Бојић", "Ceca": None, "Dara": None}
    for nickname, name in names.items():
        learner = app.test_client()
        if nickname != "Dara":
            pass_course(learner)
        else:
            learner.post(QUIZ_URL, data=ALL_RIGHT)
        enrol(app, class_id, learner_id(app), nickname)
        if name:
            claim_code(learner, name, "sr-Cyrl" if nickname == "Bojan" else "en")

    listing = teacher.get(f"/en/classes/{class_id}/certificates")
    html = listing.get_data(as_text=True)
    assert listing.status_code == 200 and "Print all 2 certificates" in html
    assert "Completed, not claimed" in html and "Not completed yet" in html
    assert "typing the name" in html or "types the name to print" in html
    response = teacher.get(f"/en/classes/{class_id}/certificates.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    texts = page_texts(response.data)
    assert len(texts) == 2
    # One language for the batch, the class's (English), whatever each pupil read in.
    assert "Ana Anić" in texts[0] and "Бојан Бојић" in texts[1]
    assert all("Demo course" in text and "Пробни курс" not in text for text in texts)

    stranger = app.test_client()
    facilitator_with_class(app, stranger, "drugaskola", "Druga škola", "I-1")
    learner = app.test_client()
    signup(learner, "ucenik", PASSWORD)
    guest = app.test_client()
    guest.post(QUIZ_URL, data=ALL_RIGHT)
    for url in (f"/en/classes/{class_id}/certificates", f"/en/classes/{class_id}/certificates.pdf"):
        assert stranger.get(url).status_code == 404  # another organisation's class
        assert learner.get(url).status_code == 403
        assert guest.get(url).status_code == 401
        assert app.test_client().get(url).status_code == 401


def test_class_pdf_without_certificates_explains_instead(app):
    teacher = app.test_client()
    class_id = facilitator_with_class(app, teacher, "nastavnica", "Gimnazija", "IV-2")
    response = teacher.get(f"/en/classes/{class_id}/certificates.pdf", follow_redirects=True)
    assert response.status_code == 200
    assert "No learner of this class has claimed a certificate yet." in response.get_data(
        as_text=True
    )


# Every certificate page keeps the site's promises -----------------------------------------


def test_every_certificate_route_is_walked_somewhere(app):
    for rule in rules(app, "GET"):
        if rule.endpoint.startswith("certificates."):
            walked_by_every_page_test = rule.endpoint not in NOT_PAGES
            assert (
                walked_by_every_page_test
                or rule.endpoint in CERTIFICATE_PAGES
                or (
                    rule.rule.endswith((".pdf", ".json", ".jwt"))
                    or rule.rule == "/issuer"
                    or rule.endpoint == "certificates.status_list"  # test_certificate_status.py
                )
            ), rule.rule


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_certificate_pages_have_the_quick_exit_first_and_nothing_inline(app, client, lang):
    teacher = app.test_client()
    class_id = facilitator_with_class(app, teacher, "nastavnica", "Gimnazija", "IV-2")
    pass_course(client)
    enrol(app, class_id, learner_id(app), "Zeka")
    code = claim_code(client, CYRILLIC, lang)
    urls = {
        "certificates.detail": (client, f"/{lang}/certificates/{code}"),
        "certificates.revoke": (teacher, f"/{lang}/certificates/{code}/revoke"),
        "certificates.verify": (app.test_client(), f"/{lang}/verify/{code}"),
        "certificates.verify_redirect": (app.test_client(), f"/verify/{code}"),
    }
    assert set(urls) == CERTIFICATE_PAGES
    for endpoint, (who, url) in urls.items():
        response = who.get(url, follow_redirects=True)
        assert response.status_code == 200, endpoint
        html = response.get_data(as_text=True)
        first = first_focusable(html)
        assert first.get("id") == "quick-exit", (endpoint, first)
        assert "<style" not in html and " style=" not in html, endpoint
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), endpoint
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"] == "no-store"


# Hostile input ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(catalog):  # type: ignore[no-untyped-def]
    """A graduate in a class, its facilitator, and a stranger, on one app for many examples."""
    app = make_app(catalog)
    reset_schema(app)
    teacher = app.test_client()
    class_id = facilitator_with_class(app, teacher, "nastavnica", "Gimnazija", "IV-2")
    graduate = app.test_client()
    pass_course(graduate)
    enrol(app, class_id, learner_id(app), "Zeka")
    code = claim_code(graduate, LATIN)
    yield app, {"graduate": graduate, "teacher": teacher, "stranger": app.test_client()}, code
    with app.app_context():
        get_engine().dispose()


@pytest.mark.parametrize("who", ["graduate", "teacher", "stranger"])
@FUZZ
@given(data=st.data())
def test_hostile_input_never_breaks_and_refusals_change_nothing(hostile_site, who, data):
    app, clients, code = hostile_site
    client = clients[who]
    value = data.draw(HOSTILE, label="value")
    url = data.draw(
        st.sampled_from(
            ["/en/certificates/claim/demo", f"/en/certificates/{code}/revoke", "/en/verify"]
        )
    )
    field = {"/en/verify": "code"}.get(url, "reason" if "revoke" in url else "name")
    before = row_counts(app)
    with database(app) as db:
        old = db.scalar(select(Certificate).where(Certificate.code == code))
        was = (old.name, old.revoked_reason)
    response = client.post(url, data={field: value})
    assert response.status_code < 500
    if 400 <= response.status_code < 500:
        assert row_counts(app) == before
    with database(app) as db:
        cert = db.scalar(select(Certificate).where(Certificate.code == code))
        if (cert.name, cert.revoked_reason) != was:  # accepted: it must have passed the rules
            assert response.status_code == 303
            if cert.name != was[0]:
                assert cert.name == certificates.clean_name(value)
    assert client.get("/en/verify", query_string={"code": value}).status_code < 500
    assert client.get(f"/en/verify/{value.replace('/', '')[:200] or 'x'}").status_code < 500
