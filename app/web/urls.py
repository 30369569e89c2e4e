"""The site's URLs outside :func:`flask.url_for`: the one place they are made.

Everything that leaves the page with an address in it (certificates and their QR codes,
signed Open Badges credentials, the issuer profile, the key set, the status lists, class
join links) is built by :func:`public_url`, on ``PUBLIC_URL``. That setting is required in
production and defaults to :data:`app.config.DEVELOPMENT_PUBLIC_URL` elsewhere (see
:func:`app.config.check`); the request's Host header, which anyone can set, is never used.

Course content is rendered once, before any request, so its links to the site's own pages
(the glossary, the legal guide, pictures) are paths from the site's root;
:func:`under_script_root` puts them under the sub-path the site is mounted at, per request.
"""

from __future__ import annotations

import re
from typing import Any

from flask import current_app, has_request_context, request, url_for

# href="/…" or src="/…", but not a protocol-relative "//host" address.
_ROOT_RELATIVE = re.compile(r'\b(href|src)="/(?!/)')


def _script_root() -> str:
    return request.script_root if has_request_context() else ""


def public_url(endpoint: str, **values: Any) -> str:
    """The absolute public URL of ``endpoint``.

    ``PUBLIC_URL`` includes the sub-path the site is mounted under, if any (e.g.
    ``https://ngo.example/unshared``), so the script root that :func:`flask.url_for` puts
    in front of the path is dropped rather than repeated.
    """
    path = url_for(endpoint, **values)
    root = _script_root()
    if root and path.startswith(root):
        path = path[len(root) :]
    return current_app.config["PUBLIC_URL"] + path


def under_script_root(html: str) -> str:
    """Rendered content HTML whose links to the site start at its root (``/en/glossary``,
    ``/course-media/...``), put under the sub-path this request came through: behind a proxy
    that mounts the site at ``/unshared``, ``/unshared/en/glossary``."""
    root = _script_root()
    return _ROOT_RELATIVE.sub(lambda m: f'{m[1]}="{root}/', html) if root else html


#: Stands for the varying id in :func:`url_pattern` (no real id is this large).
_ANY_ID = 987654321987654321


def url_pattern(endpoint: str, varying: str, **values: Any) -> str:
    """:func:`flask.url_for` once for a whole table: the address with ``{}`` in place of
    the id ``varying`` (fill it with ``str.format``), where a row each would build it again."""
    address = url_for(endpoint, **{**values, varying: _ANY_ID})
    head, _marker, tail = (
        part.replace("{", "{{").replace("}", "}}") for part in address.rpartition(str(_ANY_ID))
    )
    return head + "{}" + tail
