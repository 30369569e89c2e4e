"""Configuration defaults, read from ``UNSHARED_*`` environment variables and the instance
folder, and checked before the app starts."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: The secret key of the development server. It is public (it is in this file), so anyone
#: can forge a session signed with it: :func:`check` allows it only under ``flask``.
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # public on purpose

#: The public URL outside production when ``UNSHARED_PUBLIC_URL`` is unset: the address
#: ``make run`` serves on. Never taken from a request, whose Host header anyone can set.
DEVELOPMENT_PUBLIC_URL = "http://127.0.0.1:5000"


class ConfigError(RuntimeError):
    """The configuration would make the app unsafe or broken."""


def defaults(app: Flask) -> dict:
    """Settings that work for local development."""
    return {
        "ENV_NAME": "development",
        "SECRET_KEY": None,
        "DATABASE_URL": f"sqlite:///{Path(app.instance_path) / 'unshared.sqlite3'}",
        "COURSES_DIR": str(PROJECT_ROOT / "courses"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "BABEL_DEFAULT_LOCALE": "en",
        # Languages offered in the switcher; empty: those whose interface and course are
        # complete and not stale (app/translation_status.py). UNSHARED_LANGUAGES=en,sq,...
        "LANGUAGES": [],
        # Where readers report a translation problem (a mailto: link); unset: the help page.
        "TRANSLATION_FEEDBACK_EMAIL": None,
        "QUICK_EXIT_URL": "https://www.google.com/search?q=vremenska+prognoza",
        "SITE_NAME": "Unshared",
        "PERMANENT_SESSION_LIFETIME": timedelta(days=180),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_NAME": "unshared_session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # When Redis cannot be reached, the limits go on in each worker's memory and a class
        # can still join, sign in and check certificates (it used to be a 500 on each).
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "GUEST_RETENTION_DAYS": 365,
        "ARCHIVED_CLASS_RETENTION_DAYS": 90,
        "PUBLIC_URL": None,
        # How many reverse proxies in front of the app set X-Forwarded-For (and -Proto);
        # 0: not behind a proxy, the headers are ignored (see app/web/guard.py).
        "PROXY_FIX_X_FOR": 0,
        "PROXY_FIX_X_PROTO": 0,
        "PASSWORD_HASH_METHOD": "scrypt",
        # Keys recovery-code lookups; unset, it is derived from SECRET_KEY. Set it on its own
        # if SECRET_KEY may ever be replaced: changing this key voids every recovery code.
        "RECOVERY_CODE_KEY": None,
        # The Ed25519 key that signs certificates (see credential_key_file); unset: the file
        # credential-signing-key.pem in the instance folder.
        "CREDENTIAL_KEY_FILE": None,
    }


def recovery_code_key(config: Mapping[str, Any]) -> str | bytes:
    """The secret recovery-code lookups are keyed with: ``RECOVERY_CODE_KEY``, or
    ``SECRET_KEY`` when that is unset (the factory and the migrations both need it)."""
    key: str | bytes = config.get("RECOVERY_CODE_KEY") or config["SECRET_KEY"]
    return key


#: ``app.extensions`` key: the signing keys in use, by file (loaded at start in production,
#: on first use elsewhere; see ``signing_key`` in app/blueprints/certificates).
CREDENTIAL_KEYS = "unshared.credential_keys"


def credential_key_file(app: Flask) -> Path:
    """The certificate signing key's file: ``CREDENTIAL_KEY_FILE`` (a relative path is taken
    from the instance folder) or ``credential-signing-key.pem`` in the instance folder.

    Every machine of one site must sign with the same file (docs/deploy.md)."""
    from app.credentials.openbadges.keys import KEY_FILENAME

    return Path(app.instance_path) / (app.config.get("CREDENTIAL_KEY_FILE") or KEY_FILENAME)


def may_create_credential_key(app: Flask) -> bool:
    """Whether a missing signing key may be made on first use: not in production, where a
    machine that made its own would sign certificates no other machine's key set verifies."""
    return app.config["ENV_NAME"] != "production"


def load(app: Flask, test_config: dict | None) -> None:
    """Fill ``app.config``: defaults, then instance/config.py, then environment, then tests."""
    app.config.from_mapping(defaults(app))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("UNSHARED")
    else:
        app.config.from_mapping(test_config)
    if isinstance(app.config["LANGUAGES"], str):
        app.config["LANGUAGES"] = [
            x.strip() for x in app.config["LANGUAGES"].split(",") if x.strip()
        ]
    if app.config["ENV_NAME"] == "production":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    check(app)


def _under_flask_command() -> bool:
    """Whether the ``flask`` command loaded the app (``flask run``, ``flask db upgrade``...).

    Flask's command line sets ``FLASK_RUN_FROM_CLI`` before it imports the app
    (``FlaskGroup.make_context``); gunicorn and other WSGI servers do not.
    """
    return os.environ.get("FLASK_RUN_FROM_CLI") == "true"


def check(app: Flask) -> None:
    """Refuse settings that are unsafe in production, or anywhere but the development server."""
    production = app.config["ENV_NAME"] == "production"
    key = app.config.get("SECRET_KEY")
    if not key or key == DEVELOPMENT_SECRET_KEY:
        if production:
            raise ConfigError(
                "UNSHARED_SECRET_KEY is not set (or is the public development key): refusing "
                "to start in production without a secret key (generate one with: "
                "python -c 'import secrets; print(secrets.token_hex(32))')"
            )
        if not _under_flask_command():
            raise ConfigError(
                "UNSHARED_SECRET_KEY is not set: the development key is public, so it is only "
                "used by the development server (flask run, make run). To serve with gunicorn "
                "or another WSGI server, set UNSHARED_SECRET_KEY (generate one with: python -c "
                "'import secrets; print(secrets.token_hex(32))')"
            )
        app.config["SECRET_KEY"] = DEVELOPMENT_SECRET_KEY
    app.config["PUBLIC_URL"] = _public_url(app.config.get("PUBLIC_URL"), production)
    for name in ("PROXY_FIX_X_FOR", "PROXY_FIX_X_PROTO"):
        value = str(app.config[name]).strip()
        if not value.isascii() or not value.isdigit() or int(value) > 5:
            raise ConfigError(
                f"UNSHARED_{name} must be a number of proxies from 0 to 5, not {value!r}"
            )
        app.config[name] = int(value)
    from app.languages import LANGUAGES

    unknown = [lang for lang in app.config["LANGUAGES"] if lang not in LANGUAGES]
    if unknown:
        raise ConfigError(f"UNSHARED_LANGUAGES names unknown languages: {', '.join(unknown)}")
    if production and str(app.config["RATELIMIT_STORAGE_URI"]).startswith("memory://"):
        # Allowed (one small server still works), but each worker then counts on its own: a
        # guesser gets the budget once per worker and machine (docs/deploy.md).
        app.logger.warning(
            "UNSHARED_RATELIMIT_STORAGE_URI is memory://: every worker counts rate limits on "
            "its own; set it to redis://... when you run more than one worker or machine"
        )
    key_file = credential_key_file(app)
    if production and not _under_flask_command():
        from app.credentials.openbadges.keys import load_or_create_key

        try:
            # Loaded once, at start: a file moved or deleted later (a deploy, a full disk)
            # cannot take the key set and the signing away from a running site.
            app.extensions[CREDENTIAL_KEYS] = {key_file: load_or_create_key(key_file, create=False)}
        except FileNotFoundError:
            raise ConfigError(
                f"the certificate signing key {key_file} does not exist: refusing to start in "
                "production rather than sign with a new key that no other machine knows. "
                "Create it once with: flask --app wsgi credentials create-key, copy the same "
                "file to every machine, or set UNSHARED_CREDENTIAL_KEY_FILE to where it is "
                "(docs/deploy.md)"
            ) from None
        except OSError as error:
            raise ConfigError(
                f"the certificate signing key {key_file} cannot be read ({error.strerror}): "
                "the user the site runs as must be able to read it (chmod 600, owned by it)"
            ) from None
        except ValueError as error:  # not a PEM file, or not an Ed25519 key
            raise ConfigError(f"the certificate signing key cannot be used: {error}") from None


def _public_url(url: str | None, production: bool) -> str:
    """The site's address without a trailing slash, checked: signed credentials, the issuer
    profile and join links are built on it, never on the Host header of a request."""
    if not url:
        if production:
            raise ConfigError(
                "UNSHARED_PUBLIC_URL is not set: refusing to start in production without the "
                "site's public address (e.g. https://unshared.example.org), which certificates, "
                "signed credentials and join links carry"
            )
        return DEVELOPMENT_PUBLIC_URL
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(
            f"UNSHARED_PUBLIC_URL must be an address like https://unshared.example.org, not {url!r}"
        )
    if production and parts.scheme != "https":
        raise ConfigError(f"UNSHARED_PUBLIC_URL must start with https:// in production: {url!r}")
    return url.strip().rstrip("/")
