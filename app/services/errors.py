"""Errors that services raise for the web layer to turn into a message or a 404."""

from __future__ import annotations


class NotFound(LookupError):
    """The thing asked for does not exist (or the asker may not know it exists)."""


class Refused(ValueError):
    """A request that breaks a rule; ``message`` is shown to the user, ``field`` marks where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
