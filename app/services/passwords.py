"""Password rules and hashing.

Hashes use Werkzeug's scrypt. The rules follow NIST SP 800-63B: a minimum length, no
upper limit that matters, no composition rules, and a check against commonly used
passwords (zxcvbn's list of 30,000, plus a few local ones) and against guessable patterns
(zxcvbn's strength score: repeats, sequences, keyboard walks, l33t spellings of words).
"""

from __future__ import annotations

import secrets
from functools import cache

from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 10
# Werkzeug's scrypt defaults (N=2**15, r=8, p=1). Tests lower the cost through the
# PASSWORD_HASH_METHOD setting, which the app factory passes to configure().
_method = "scrypt"


def configure(method: str) -> None:
    """Set the hashing method, e.g. ``scrypt`` (default) or ``scrypt:1024:8:1`` in tests."""
    global _method
    if not method.startswith("scrypt"):
        raise ValueError("only scrypt is supported")
    _method = method
    _dummy_hash.cache_clear()
    # Made now, so that even the first unknown username or code costs one hash.
    _dummy_hash(_method)
    _dummy_hash(_code_method())


MAX_LENGTH = 200
# zxcvbn's score 3: "safely unguessable" for an online attack with rate limits. zxcvbn reads
# at most its first 72 characters, which are plenty to tell.
MIN_SCORE = 3
_ZXCVBN_MAX = 72
_LOCAL_COMMON = {
    "lozinka",
    "lozinka123",
    "sifra",
    "sifra123",
    "šifra",
    "sifra1234",
    "zaporka",
    "fjalekalimi",
    "unshared",
    "unshared123",
    "beograd",
    "zagreb",
    "sarajevo",
    "podgorica",
    "skopje",
    "pristina",
    "prishtina",
    "tirana",
    "crvenazvezda",
    "partizan",
    "volimte",
    "teamo",
    "dusan123",
}


@cache
def _common() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"]) | _LOCAL_COMMON


def problem(password: str, username: str | None = None) -> str | None:
    """Why ``password`` is not acceptable, or ``None`` if it is."""
    if len(password) < MIN_LENGTH:
        return str(
            _l("Use at least %(n)d characters. A short sentence is easy to remember.", n=MIN_LENGTH)
        )
    if len(password) > MAX_LENGTH:
        return str(_l("Use at most %(n)d characters.", n=MAX_LENGTH))
    # Imported here: zxcvbn's word lists are some 12 MiB that only a password form needs,
    # and a gunicorn worker that never shows one should not hold them (bench_memory.py).
    from zxcvbn import zxcvbn

    lowered = password.casefold()
    if (
        lowered in _common()
        or (username and username.casefold() in lowered)
        or zxcvbn(password[:_ZXCVBN_MAX], user_inputs=[username] if username else [])["score"]
        < MIN_SCORE
    ):
        return str(
            _l(
                "This password is too easy to guess. A good one is three or four "
                "unrelated words, like a short odd sentence; avoid names, dates and "
                "keyboard patterns."
            )
        )
    return None


# A recovery code is not a chosen password but 12 random symbols of 30 (about 59 bits), and
# it is found through a keyed lookup (app.credentials.codes.lookup_key). A memory-hard hash
# an eighth of a password's cost still puts an offline search of a stolen database (and its
# key) out of reach, and lets a class of 30 join at once on a small server: at the password
# cost each join held a worker for ~100 ms (issue 15, the first bottleneck under load).
CODE_COST = 2**12


def _code_method() -> str:
    parts = _method.split(":")
    cost = int(parts[1]) if len(parts) > 1 else 2**15
    return _method if cost <= CODE_COST else f"scrypt:{CODE_COST}:8:1"


def hash_password(password: str) -> str:
    """A salted scrypt hash."""
    return generate_password_hash(password, method=_method)


def hash_code(code: str) -> str:
    """A salted scrypt hash of a random code (a recovery code), at :data:`CODE_COST`."""
    return generate_password_hash(code, method=_code_method())


def verify(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches. Without a hash (an unknown username) it checks against
    a dummy hash of the same cost, so the time taken does not tell whether a name exists."""
    if not password_hash:
        check_password_hash(_dummy_hash(_method), password)
        return False
    return check_password_hash(password_hash, password)


def verify_code(code_hash: str | None, code: str) -> bool:
    """:func:`verify` for a code made by :func:`hash_code` (a hash records its own cost, so
    codes hashed at the password cost before still match)."""
    if not code_hash:
        check_password_hash(_dummy_hash(_code_method()), code)
        return False
    return check_password_hash(code_hash, code)


@cache
def _dummy_hash(method: str) -> str:
    # Made once per hashing method: making it on every call would cost a second hash and
    # make unknown usernames slower than known ones.
    return generate_password_hash(secrets.token_hex(16), method=method)
