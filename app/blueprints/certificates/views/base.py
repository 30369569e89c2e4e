"""The certificates blueprint, its shared lookup limit and the file responses its views send."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from app.blueprints.certificates.forms import VerifyForm
from app.extensions import limiter

bp = Blueprint("certificates", __name__)

LOOKUP_LIMIT = "30 per minute"
lookup_limit = limiter.shared_limit(LOOKUP_LIMIT, scope="certificate-lookup")
# The empty form looks nothing up; a typed code counts like any other lookup.
typed_lookup_limit = limiter.shared_limit(
    LOOKUP_LIMIT, scope="certificate-lookup", exempt_when=lambda: not request.values.get("code")
)


def not_found_page(code: str | None = None) -> tuple[str, int]:
    """The 404 page of a code that names no certificate, with the form to type it again."""
    form = VerifyForm(formdata=None, code=code)
    return render_template("certificates/not_found.html", form=form, code=code), 404


def file_response(
    body: bytes | str, mimetype: str, filename: str | None = None, public: bool = False
) -> Response:
    """A document to download or read, never cached (a revoked certificate must not linger)."""
    response = Response(body, mimetype=mimetype)
    if filename:
        response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if public:  # read by wallets and verifiers on other sites
        response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "no-store"
    return response
