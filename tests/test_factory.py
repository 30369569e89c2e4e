"""The app factory and its safety checks."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import ConfigError
from app.content.ext import ContentError, warm
from tests.helpers import FIXTURES, VALID_COURSES, signing_key_file


def test_testing_flag():
    assert not create_app({"SECRET_KEY": "x", "DATABASE_URL": "sqlite://"}).testing
    assert create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite://"}).testing


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"ENV_NAME": "production", "DATABASE_URL": "sqlite://"})


def test_production_cookies_are_secure():
    app = create_app(
        {
            "ENV_NAME": "production",
            "SECRET_KEY": "s",
            "DATABASE_URL": "sqlite://",
            "PUBLIC_URL": "https://unshared.example.org",
            "COURSES_DIR": str(VALID_COURSES),
            "CREDENTIAL_KEY_FILE": signing_key_file(),
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_production_refuses_broken_content_and_development_shows_it():
    broken = str(FIXTURES / "courses" / "broken" / "raw-html")
    prod = create_app(
        {
            "ENV_NAME": "production",
            "SECRET_KEY": "s",
            "DATABASE_URL": "sqlite://",
            "PUBLIC_URL": "https://unshared.example.org",
            "COURSES_DIR": broken,
            "CREDENTIAL_KEY_FILE": signing_key_file(),
        }
    )
    with pytest.raises(ContentError, match="M001"):
        warm(prod)
    dev = create_app({"SECRET_KEY": "s", "DATABASE_URL": "sqlite://", "COURSES_DIR": broken})
    warm(dev)
    html = dev.test_client().get("/en/").get_data(as_text=True)
    assert "content problem(s)" in html and "M001" in html


def test_unknown_language_setting_is_refused():
    with pytest.raises(ConfigError, match="xx"):
        create_app({"SECRET_KEY": "s", "DATABASE_URL": "sqlite://", "LANGUAGES": ["en", "xx"]})


def test_passwords_use_full_strength_scrypt_by_default():
    app = create_app({"SECRET_KEY": "s", "DATABASE_URL": "sqlite://"})
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt"
    from app.services import passwords

    assert passwords.hash_password("x" * 12).startswith("scrypt:32768:8:1$")


def test_production_warns_when_rate_limits_are_counted_per_worker(caplog):
    config = {
        "ENV_NAME": "production",
        "SECRET_KEY": "s",
        "DATABASE_URL": "sqlite://",
        "PUBLIC_URL": "https://unshared.example.org",
        "COURSES_DIR": str(VALID_COURSES),
        "CREDENTIAL_KEY_FILE": signing_key_file(),
    }
    create_app(config)
    assert "every worker counts rate limits on its own" in caplog.text
    caplog.clear()
    create_app({**config, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"})
    assert "every worker counts" not in caplog.text
