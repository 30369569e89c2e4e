"""Unshared: courses on consent and image-based sexual abuse.

:func:`create_app` wires configuration, extensions, content and blueprints together and
does nothing else: no content parsing, no database writes, no network.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from app.content.model import Catalog


def create_app(test_config: dict | None = None, *, catalog: Catalog | None = None) -> Flask:
    """Build the Flask app. ``catalog`` lets tests inject content parsed once per session."""
    app = Flask(__name__, instance_relative_config=True)
    from app import config

    config.load(app, test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    from app.credentials import codes
    from app.services import passwords

    passwords.configure(app.config["PASSWORD_HASH_METHOD"])
    codes.configure(config.recovery_code_key(app.config))

    from app import cli, db, i18n, security
    from app.content import ext as content_ext
    from app.extensions import csrf, limiter
    from app.web import (
        activity,
        assets,
        auth,
        converters,
        errors,
        fragments,
        guard,
        page_cache,
        quick_exit,
        sessions,
        templating,
    )

    converters.init_app(app)
    sessions.init_app(app)
    guard.init_app(app)
    db.init_app(app)
    content_ext.init_app(app, catalog)
    i18n.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    auth.init_app(app)
    activity.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    quick_exit.init_app(app)
    templating.init_app(app)
    fragments.init_app(app)
    errors.init_app(app)
    cli.init_app(app)

    from app.blueprints.accounts.views import bp as accounts_bp
    from app.blueprints.admin.views import bp as admin_bp
    from app.blueprints.certificates.views import bp as certificates_bp
    from app.blueprints.classes.views import bp as classes_bp
    from app.blueprints.learning.views import bp as learning_bp
    from app.blueprints.main.views import bp as main_bp
    from app.blueprints.reference.views import bp as reference_bp
    from app.blueprints.safety.views import bp as safety_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(safety_bp)
    app.register_blueprint(learning_bp, url_prefix="/<lang_code>")
    app.register_blueprint(reference_bp, url_prefix="/<lang_code>")
    app.register_blueprint(accounts_bp, url_prefix="/<lang_code>/account")
    app.register_blueprint(classes_bp, url_prefix="/<lang_code>")
    app.register_blueprint(admin_bp, url_prefix="/<lang_code>")
    # Certificates are checked from paper: /verify/<code> must work without a language.
    app.register_blueprint(certificates_bp)
    # Outermost: answers new visitors' public pages before the app (app/web/page_cache.py).
    page_cache.init_app(app)
    return app
