"""Certificates: claim, download, verify, revoke, print a class, Open Badges 3.0.

The blueprint has no URL prefix: a certificate is checked from paper years later, so the
address on it (``/verify/<code>``) carries no language, and the Open Badges documents
(``/credentials/...``, ``/issuer``) are the same in every language. Everything a person
reads lives under ``/<lang_code>/``.

Looking a code up is rate-limited per address (all lookup routes share one budget), so
codes cannot be guessed in bulk; the redirects and the issuer documents look nothing up.
A revoked certificate's JSON and JWT are still served (they say what was issued); whether
it still stands is what the verification page answers, and, for software, the signed
revocation list its ``credentialStatus`` names (``/credentials/status/<n>``).

The routes are in modules by who uses them: :mod:`.learners` (a learner's own
certificates: claim, download, revoke), :mod:`.verification` (the public check page),
:mod:`.open_badges` (the language-free Open Badges documents) and :mod:`.classes` (a class's
certificates, for its facilitators). Importing them adds their routes to :data:`bp`.
"""

from __future__ import annotations

from app.blueprints.certificates.views import classes, learners, open_badges, verification
from app.blueprints.certificates.views.base import bp

__all__ = ["bp", "classes", "learners", "open_badges", "verification"]
