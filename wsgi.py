"""Production entry point: ``gunicorn wsgi:app``.

Content is loaded here, before the first request (and before gunicorn forks with
``--preload``), so a deploy with broken content stops at once with the list of problems.
A configuration that would be unsafe (no secret key outside the development server, no
public URL in production) stops it too, with one line saying what to set.
"""

from app import create_app
from app.config import ConfigError
from app.content.ext import warm
from app.web import prefork

try:
    app = create_app()
except ConfigError as error:
    raise SystemExit(f"Unshared refuses to start: {error}") from None
warm(app)

prefork.warm(app)
