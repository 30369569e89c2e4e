"""Certificates: claim, download, verify, revoke, batch (to be filled in)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("certificates", __name__)
