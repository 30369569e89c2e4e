"""Keys and URLs that cannot be spoofed: no public development key outside the development
server, and every absolute URL on ``PUBLIC_URL``, never on the request's Host header."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys

import pytest

from app import create_app
from app.config import ConfigError
from app.db import get_engine
from tests.factories import make_class, make_facilitator
from tests.helpers import ALL_RIGHT, PROJECT, QUIZ_URL, make_app
from tests.schema import reset_schema

SPOOFED = "evil.example"
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # as in app/config.py
NEXT_QUIZ_URL = "/en/courses/demo/next/quiz"
NEXT_RIGHT = {"q-friend": "0", "token": "t-next"}


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNSHARED_", "FLASK_"))}
    env.update(extra)
    return env


def test_without_a_secret_key_only_the_flask_command_may_use_the_development_key(monkeypatch):
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    with pytest.raises(ConfigError, match="development server"):
        create_app({"DATABASE_URL": "sqlite://"})
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")  # what `flask run` sets
    assert create_app({"DATABASE_URL": "sqlite://"}).config["SECRET_KEY"] == DEVELOPMENT_SECRET_KEY


def test_production_refuses_the_public_development_key(monkeypatch):
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(
            {
                "ENV_NAME": "production",
                "SECRET_KEY": DEVELOPMENT_SECRET_KEY,
                "PUBLIC_URL": "https://unshared.example.org",
                "DATABASE_URL": "sqlite://",
            }
        )


def test_gunicorn_without_a_secret_key_refuses_to_start_with_one_clear_line():
    env = _environment()
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "--check-config", "wsgi:app"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Unshared refuses to start: UNSHARED_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_flask_command_still_runs_without_a_secret_key():
    """`make run` and `flask --app wsgi courses check` load wsgi.py through the flask
    command, which may use the development key."""
    result = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "flask"),
            "--app",
            "wsgi",
            "courses",
            "check",
        ],
        cwd=PROJECT,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "url, message",
    [
        (None, "UNSHARED_PUBLIC_URL is not set"),
        ("http://unshared.example.org", "https://"),
        ("unshared.example.org", "must be an address"),
        ("https://unshared.example.org/?x=1", "must be an address"),
    ],
)
def test_production_requires_a_proper_public_url(url, message):
    settings = {"ENV_NAME": "production", "SECRET_KEY": "s", "DATABASE_URL": "sqlite://"}
    if url is not None:
        settings["PUBLIC_URL"] = url
    with pytest.raises(ConfigError, match=message):
        create_app(settings)


def test_development_falls_back_to_a_fixed_local_address():
    app = create_app({"SECRET_KEY": "s", "DATABASE_URL": "sqlite://"})
    assert app.config["PUBLIC_URL"] == "http://127.0.0.1:5000"
    app = create_app(
        {
            "SECRET_KEY": "s",
            "DATABASE_URL": "sqlite://",
            "PUBLIC_URL": "https://ngo.example/unshared/",
        }
    )
    assert app.config["PUBLIC_URL"] == "https://ngo.example/unshared"


@pytest.fixture
def site(catalog):  # type: ignore[no-untyped-def]
    app = make_app(catalog, PUBLIC_URL="https://ngo.example/unshared")
    reset_schema(app)
    yield app
    with app.app_context():
        get_engine().dispose()


@pytest.mark.parametrize(
    "configured, base",
    [
        (None, "http://127.0.0.1:5000"),  # development without UNSHARED_PUBLIC_URL
        ("https://ngo.example/unshared", "https://ngo.example/unshared"),
    ],
)
def test_a_spoofed_host_header_never_reaches_a_signed_credential(catalog, configured, base):
    site = make_app(catalog, **({"PUBLIC_URL": configured} if configured else {}))
    reset_schema(site)
    learner = site.test_client()
    headers = {"Host": SPOOFED}
    assert learner.post(QUIZ_URL, data=ALL_RIGHT, headers=headers).status_code == 303
    assert learner.post(NEXT_QUIZ_URL, data=NEXT_RIGHT, headers=headers).status_code == 303
    claimed = learner.post(
        "/en/certificates/claim/demo", data={"name": "Ana Anić"}, headers=headers
    )
    code = claimed.headers["Location"].rsplit("/", 1)[1]
    documents = [
        learner.get(f"/credentials/{code}.json", headers=headers).get_data(as_text=True),
        learner.get(f"/credentials/{code}.jwt", headers=headers).get_data(as_text=True),
        learner.get("/issuer", headers=headers).get_data(as_text=True),
        learner.get("/issuer/jwks.json", headers=headers).get_data(as_text=True),
        learner.get(f"/en/certificates/{code}", headers=headers).get_data(as_text=True),
    ]
    token = documents[1]
    payload = base64.urlsafe_b64decode(token.split(".")[1] + "==").decode()
    assert all(SPOOFED not in text for text in [*documents, payload])
    assert f"{base}/verify/{code}" in documents[0]
    assert f'"iss": "{base}/issuer"' in payload.replace('":"', '": "')


def test_join_links_use_the_public_url_once_even_under_a_sub_path(site):
    """The app mounted at /unshared behind a proxy: the sub-path appears once, and the
    Host header the request came with does not appear at all."""
    facilitator = make_facilitator(site)
    _org, class_id, join_code = make_class(site, facilitator)
    client = site.test_client()
    base = f"http://{SPOOFED}/unshared"
    response = client.post(
        "/en/account/login",
        base_url=base,
        data={"username": "teacher", "password": "a long unusual phrase"},
    )
    assert response.status_code == 303
    pages = {
        f"/en/classes/{class_id}/": f"https://ngo.example/unshared/en/join/{join_code}",
        f"/en/classes/{class_id}/sheet": "https://ngo.example/unshared/en/join<",
    }
    for page, link in pages.items():
        html = client.get(page, base_url=base).get_data(as_text=True)
        assert link in html, page
        assert "/unshared/unshared/" not in html and SPOOFED not in html


def test_links_inside_lessons_stay_under_the_sub_path(site):
    """Lessons are rendered before any request, so their links to the glossary, the legal
    guide and their pictures were paths from the host's root: behind a proxy that mounts
    the site at /unshared they led out of it (the picture did not load)."""
    client = site.test_client()
    base = "http://ngo.example/unshared"
    html = client.get("/en/courses/demo/basics/intro", base_url=base).get_data(as_text=True)
    assert 'href="/unshared/en/glossary#term-consent"' in html
    assert 'href="/unshared/en/legal/rs"' in html
    picture = re.search(r'src="(/unshared/course-media/demo/[^"]+)"', html)
    assert picture, "the lesson's picture is not under the sub-path"
    with client.get(picture[1].removeprefix("/unshared"), base_url=base) as served:
        assert served.status_code == 200 and served.mimetype == "image/svg+xml"
    assert not re.search(r'(href|src)="/(?!unshared/|/)', html)
