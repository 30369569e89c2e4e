"""Static files under content-hashed names, cached for a year, and compressed responses.

``url_for("static", filename="css/site.css")`` gives ``/static/css/site.<hash>.css``, where
the hash is taken from the file's bytes: a browser may keep that address forever
(``immutable``), and a changed file gets a new address, so nobody sees a stale stylesheet.
The plain name still works (revalidated on every use) for anything that kept an old link.

Every response the browser accepts compressed (HTML, CSS, JS, SVG, JSON) is sent with brotli
or gzip by Flask-Compress. HTML itself is never stored by the browser (app/security.py), so a
warm visit costs the compressed page and nothing else.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, abort, request
from flask_compress import Compress

YEAR = 365 * 24 * 3600
_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")

compress = Compress()


@dataclass(frozen=True)
class Asset:
    """One static file, read once: its bytes, type and the hash in its address."""

    data: bytes
    mimetype: str
    digest: str


class Assets:
    """The files of one static folder, read lazily and again when one changes on disk."""

    def __init__(self, folder: Path, *, watch: bool = True) -> None:
        self.folder = folder.resolve()
        self.watch = watch
        self._cache: dict[str, tuple[float, Asset]] = {}
        self._names: dict[str, str] = {}

    def get(self, filename: str) -> Asset | None:
        """The asset at ``filename`` (a path inside the folder), or ``None``.

        Without ``watch`` (in production) a file read once is not looked at again."""
        cached = self._cache.get(filename)
        if cached is not None and not self.watch:
            return cached[1]
        path = (self.folder / filename).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        mtime = path.stat().st_mtime
        if cached is None or cached[0] != mtime:
            data = path.read_bytes()
            mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            asset = Asset(data, mimetype, hashlib.sha256(data).hexdigest()[:12])
            cached = self._cache[filename] = (mtime, asset)
        return cached[1]

    def hashed_name(self, filename: str) -> str:
        """``css/site.css`` -> ``css/site.<hash>.css`` (unchanged if there is no such file).

        Without ``watch`` the name is kept, as the file's bytes are: every page asks for it."""
        known = self._names.get(filename)
        if known is not None:
            return known
        asset = self.get(filename)
        if asset is None:
            return filename
        path = Path(filename)
        name = str(path.with_name(f"{path.stem}.{asset.digest}{path.suffix}"))
        if not self.watch:
            self._names[filename] = name
        return name

    def serve(self, filename: str) -> Response:
        """The response for ``/static/<filename>``, hashed or plain."""
        match = _HASHED.match(filename)
        immutable = False
        if match:
            plain = match["stem"] + match["suffix"]
            asset = self.get(plain)
            immutable = asset is not None and asset.digest == match["digest"]
            if asset is None or not immutable:
                # An old hash: the current file, never cached as if it were the old one.
                asset = asset or self.get(filename)
        else:
            asset = self.get(filename)
        if asset is None:
            abort(404)
        response = Response(asset.data, mimetype=asset.mimetype)
        if immutable:
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        else:
            response.headers["Cache-Control"] = "no-cache"
            response.set_etag(asset.digest)
            response.make_conditional(request)
        return response


def init_app(app: Flask) -> None:
    """Serve ``static`` through :class:`Assets` and compress what the client accepts."""
    assert app.static_folder is not None
    assets = Assets(Path(app.static_folder), watch=app.debug or app.testing)
    app.extensions["assets"] = assets

    def static_defaults(endpoint: str, values: dict[str, object]) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = assets.hashed_name(str(values["filename"]))

    app.url_defaults(static_defaults)
    app.view_functions["static"] = assets.serve
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    compress.init_app(app)
