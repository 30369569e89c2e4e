"""Configuration defaults, read from ``UNSHARED_*`` environment variables and the instance
folder, and checked before the app starts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
        # Languages offered in the switcher (the ones whose interface is translated).
        "LANGUAGES": ["en", "sr-Latn", "sr-Cyrl"],
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
    }


def load(app: Flask, test_config: dict | None) -> None:
    """Fill ``app.config``: defaults, then instance/config.py, then environment, then tests."""
    app.config.from_mapping(defaults(app))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("UNSHARED")
    else:
        app.config.from_mapping(test_config)
    if isinstance(app.config["LANGUAGES"], str):
        app.config["LANGUAGES"] = [x.strip() for x in app.config["LANGUAGES"].split(",")]
    if app.config["ENV_NAME"] == "production":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    check(app)


def check(app: Flask) -> None:
    """Refuse settings that are unsafe in production."""
    production = app.config["ENV_NAME"] == "production"
    if not app.config.get("SECRET_KEY"):
        if production:
            raise ConfigError(
                "UNSHARED_SECRET_KEY is not set: refusing to start in production without a "
                "secret key (generate one with: python -c 'import secrets; "
                "print(secrets.token_hex(32))')"
            )
        app.config["SECRET_KEY"] = "development-only-not-secret"
    for name in ("PROXY_FIX_X_FOR", "PROXY_FIX_X_PROTO"):
        value = str(app.config[name]).strip()
        if not value.isascii() or not value.isdigit() or int(value) > 5:
            raise ConfigError(f"UNSHARED_{name} must be a number of proxies from 0 to 5, "
                              f"not {value!r}")
        app.config[name] = int(value)
    from app.languages import LANGUAGES

    unknown = [lang for lang in app.config["LANGUAGES"] if lang not in LANGUAGES]
    if unknown:
        raise ConfigError(f"UNSHARED_LANGUAGES names unknown languages: {', '.join(unknown)}")
