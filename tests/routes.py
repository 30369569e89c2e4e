"""Every route of the URL map with sample arguments, for tests that must cover them all.

A new route needs sample values here (or the tests that walk the map fail), so no page
escapes the checks on quick exit, headers, CSRF and access.
"""

from __future__ import annotations

import functools
import re

from flask import Flask
from werkzeug.routing import Rule

SAMPLE_VALUES = {
    "lang_code": "en",
    "course_slug": "demo",
    "module_slug": "basics",
    "lesson_slug": "intro",
    "attempt_id": "1",
    "code": "rs",
    "name": "bench.svg",
    "filename": "css/site.css",
    "class_id": "1",
    "org_id": "1",
    "member_id": "1",
    "user_id": "1",
    "cert_code": "K7QM-9XTR-4HNP-WZ3E",
    "number": "1",
}
# Responses that are not HTML pages (files, JSON, redirects only).
NOT_PAGES = {
    "static",
    "main.healthz",
    "main.course_media",
    "accounts.download",
    "main.root",
    "classes.qr",
    "classes.progress_csv",
    "classes.questions_csv",
    "classes.progress_xlsx",
    "classes.questions_xlsx",
    "classes.live",
    "certificates.pdf",
    "certificates.class_pdf",
    "certificates.credential_json",
    "certificates.credential_jwt",
    "certificates.issuer",
    "certificates.jwks",
    "certificates.status_list",
    "certificates.status_list_json",
    "safety.leave",
    "safety.blank",
}
# Pages about one certificate: the sample code exists in no database, so the walk above
# cannot reach them; tests/blueprints/test_certificates.py walks them with a real one.
CERTIFICATE_PAGES = {
    "certificates.detail",
    "certificates.revoke",
    "certificates.verify",
    "certificates.verify_redirect",
}
NOT_PAGES |= CERTIFICATE_PAGES
# One learner of a class: the sample class has none; tests/blueprints/test_classes.py and
# tests/browser/test_facilitator_phone.py open it with a real one.
MEMBER_PAGES = {"classes.learner"}
NOT_PAGES |= MEMBER_PAGES


def url_for_rule(rule: Rule, overrides: dict[str, str] | None = None) -> str:
    """A concrete URL for ``rule`` using sample values."""
    values = {**SAMPLE_VALUES, **(overrides or {})}
    missing = [arg for arg in rule.arguments if arg not in values]
    assert not missing, f"tests/routes.py has no sample value for {missing} of {rule.rule}"
    path = rule.rule
    for arg in rule.arguments:
        # "<name>", "<id:name>", "<path:name>" ...
        path = re.sub(rf"<(?:[^<>]*:)?{re.escape(arg)}>", lambda _m, a=arg: values[a], path)
    return path


def rules(app: Flask, method: str) -> list[Rule]:
    """Rules accepting ``method``, sorted for stable test ids."""
    return sorted(
        (r for r in app.url_map.iter_rules() if method in (r.methods or ())), key=lambda r: r.rule
    )


@functools.cache
def _site_rules(method: str) -> tuple[Rule, ...]:
    # An app of its own, built on first use and kept for the run: it has no content and
    # never opens its (in-memory) database, and only its URL map is read.
    from app import create_app
    from app.content.model import Catalog
    from tests.helpers import app_config

    app = create_app(app_config(DATABASE_URL="sqlite://"), catalog=Catalog((), {}))
    return tuple(rules(app, method))


def get_rules() -> list[Rule]:
    """Every GET rule of the site's URL map."""
    return list(_site_rules("GET"))


def page_rules() -> list[Rule]:
    """The GET rules of HTML pages (not files, JSON or redirects)."""
    return [r for r in _site_rules("GET") if r.endpoint not in NOT_PAGES]


def rule_id(rule: Rule | None) -> str:
    """A test id: the rule, or ``404`` for the not-found page."""
    return "404" if rule is None else rule.rule
