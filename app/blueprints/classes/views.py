"""Classes and organisations for facilitators; joining for learners."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("classes", __name__)
