"""Classes and organisations for facilitators; joining and continuing for learners.

One blueprint, ``classes``, under ``/<lang_code>``, in route modules by feature:
:mod:`.organisations` (a facilitator's home, sign-up, schools and NGOs),
:mod:`.classrooms` (a class, its dashboard and its printed join sheet), :mod:`.exports`
(the spreadsheets) and :mod:`.joining` (learners join and continue). Importing them adds
their routes to :data:`bp`.
"""

from __future__ import annotations

from app.blueprints.classes.views import classrooms, exports, joining, organisations
from app.blueprints.classes.views.base import bp

__all__ = ["bp", "classrooms", "exports", "joining", "organisations"]
