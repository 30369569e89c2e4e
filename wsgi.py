"""Production entry point: ``gunicorn wsgi:app``.

Content is loaded here, before the first request (and before gunicorn forks with
``--preload``), so a deploy with broken content stops at once with the list of problems.
"""

from app import create_app
from app.content.ext import warm

app = create_app()
warm(app)
