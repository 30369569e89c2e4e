"""The site's public, absolute URLs: the one place they are made.

Everything that leaves the page with an address in it (certificates and their QR codes,
signed Open Badges credentials, the issuer profile, the key set, the status lists, class
join links) is built here, on ``PUBLIC_URL``. That setting is required in production and
defaults to :data:`app.config.DEVELOPMENT_PUBLIC_URL` elsewhere (see
:func:`app.config.check`); the request's Host header, which anyone can set, is never used.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request, url_for


def public_url(endpoint: str, **values: Any) -> str:
    """The absolute public URL of ``endpoint``.

    ``PUBLIC_URL`` includes the sub-path the site is mounted under, if any (e.g.
    ``https://ngo.example/unshared``), so the script root that :func:`flask.url_for` puts
    in front of the path is dropped rather than repeated.
    """
    path = url_for(endpoint, **values)
    if has_request_context() and request.script_root and path.startswith(request.script_root):
        path = path[len(request.script_root):]
    return current_app.config["PUBLIC_URL"] + path
