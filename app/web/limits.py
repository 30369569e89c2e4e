"""Rate limits that count only what an attacker produces, so that a class behind one school
address is never refused for being many.

A view marks what happened (``g.limit_outcome``) and a limit declared with
``deduct_when=outcome("...")`` counts only that. Once a limit is reached it refuses the next
request whatever it carries, so a guess cannot succeed past it.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, g, request

# Failed sign-ins per address: 40 pupils who each mistype their password twice stay well
# inside; a password guesser from one address is stopped.
FAILED_LOGINS_PER_ADDRESS = "100 per hour"
# Failed sign-ins per username, whatever the address: stops guessing one person's password
# from many addresses.
FAILED_LOGINS_PER_USERNAME = "10 per minute; 30 per hour"
# New accounts per address: a class of 40 signing up at once, with retries.
SIGNUPS_PER_ADDRESS = "80 per hour"


def mark(name: str) -> None:
    """Record what this request was, for the limits that count it."""
    g.limit_outcome = name


def outcome(name: str) -> Callable[[Response], bool]:
    """Deduct from a limit only when the view called :func:`mark` with ``name``."""
    return lambda _response: g.get("limit_outcome") == name


def username_key() -> str:
    """The username typed, as the key of that account's budget of failed sign-ins."""
    return "login:" + request.form.get("username", "").strip().casefold()[:64]
