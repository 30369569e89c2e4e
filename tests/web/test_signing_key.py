"""The certificate signing key's file is a setting; production never makes a key of its own.

Every machine of one site must sign with the same key, or a certificate signed on one does
not verify against the key set another serves (docs/deploy.md)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app import create_app
from app.config import ConfigError
from app.credentials.openbadges.keys import jwk_thumbprint, load_or_create_key
from tests.helpers import PROJECT, VALID_COURSES


def _settings(**overrides: object) -> dict[str, object]:
    return {
        "SECRET_KEY": "s",
        "DATABASE_URL": "sqlite://",
        "COURSES_DIR": str(VALID_COURSES),
        "PUBLIC_URL": "https://unshared.example.org",
        **overrides,
    }


def _published_thumbprint(app) -> str:  # type: ignore[no-untyped-def]
    keys = app.test_client().get("/issuer/jwks.json").get_json()["keys"]
    return str(keys[0]["kid"]).rsplit("#", 1)[1]


def test_production_refuses_to_start_without_the_key_and_makes_none(tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    missing = tmp_path / "keys" / "signing.pem"
    with pytest.raises(ConfigError, match=r"signing key .*signing\.pem does not exist") as refused:
        create_app(_settings(ENV_NAME="production", CREDENTIAL_KEY_FILE=str(missing)))
    assert "flask --app wsgi credentials create-key" in str(refused.value)
    assert not missing.parent.exists()


def test_production_signs_with_the_configured_key_file(tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    shared = tmp_path / "shared" / "signing.pem"
    key = load_or_create_key(shared)
    first = create_app(_settings(ENV_NAME="production", CREDENTIAL_KEY_FILE=str(shared)))
    second = create_app(_settings(ENV_NAME="production", CREDENTIAL_KEY_FILE=str(shared)))
    # Two machines given the same file publish the same key.
    assert _published_thumbprint(first) == _published_thumbprint(second) == jwk_thumbprint(key)
    # Should the file go away later (a deploy, a full disk), the running site keeps the key
    # it read at start and never mints one of its own.
    shared.unlink()
    assert _published_thumbprint(second) == jwk_thumbprint(key)
    assert not shared.exists()


def test_production_refuses_an_unreadable_key_file_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    folder = tmp_path / "keys"
    folder.mkdir()
    with pytest.raises(ConfigError, match=r"signing key .*keys cannot be read"):
        create_app(_settings(ENV_NAME="production", CREDENTIAL_KEY_FILE=str(folder)))


def test_outside_production_a_missing_key_is_made_where_the_setting_says(tmp_path):
    app = create_app(_settings(TESTING=True, CREDENTIAL_KEY_FILE=str(tmp_path / "dev.pem")))
    thumbprint = _published_thumbprint(app)
    made = load_or_create_key(tmp_path / "dev.pem", create=False)
    assert thumbprint == jwk_thumbprint(made)
    # A relative path is taken from the instance folder.
    app.instance_path = str(tmp_path / "instance")
    app.config["CREDENTIAL_KEY_FILE"] = "keys/relative.pem"
    _published_thumbprint(app)
    assert (tmp_path / "instance" / "keys" / "relative.pem").is_file()


def test_create_key_command_makes_the_key_once_and_prints_its_thumbprint(tmp_path):
    app = create_app(_settings(TESTING=True, CREDENTIAL_KEY_FILE=str(tmp_path / "k.pem")))
    runner = app.test_cli_runner()
    made = runner.invoke(args=["credentials", "create-key"])
    key = load_or_create_key(tmp_path / "k.pem", create=False)
    assert "created a new signing key" in made.output
    assert jwk_thumbprint(key) in made.output
    kept = runner.invoke(args=["credentials", "create-key"])
    assert "kept the existing signing key" in kept.output
    assert jwk_thumbprint(key) in kept.output


def test_gunicorn_in_production_without_the_key_refuses_with_one_clear_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNSHARED_", "FLASK_"))}
    env.update(
        UNSHARED_ENV_NAME="production",
        UNSHARED_SECRET_KEY="s" * 64,
        UNSHARED_PUBLIC_URL="https://unshared.example.org",
        UNSHARED_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        UNSHARED_CREDENTIAL_KEY_FILE=str(tmp_path / "absent.pem"),
    )
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "--check-config", "wsgi:app"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Unshared refuses to start: the certificate signing key" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "absent.pem").exists()
