"""Rate limits of joining a class and of continuing on another device, sized for a school.

A class of 40 behind one school address must always get in, while guesses of codes are
still stopped. So only what a guesser produces counts per address: a class code or a
recovery code that matches nothing. Successful joins count against the class's own code,
with room for a large class and its retries. A refused nickname counts nowhere, so one
pupil with the code cannot spend the budget of the others. Once a limit is reached it
refuses the next request whatever it carries, so a guess cannot succeed past it.

Behind a reverse proxy the address is the client's only when ``UNSHARED_PROXY_FIX_X_FOR``
says how many proxies to trust (see :mod:`app.web.guard`); otherwise a whole school, or a
whole town, shares the proxy's budget.
"""

from __future__ import annotations

from flask import request

from app.credentials.codes import JOIN_CODE_LENGTH, normalize_code
from app.web.limits import outcome

__all__ = [
    "JOINS_PER_CLASS_CODE",
    "UNKNOWN_CODES_PER_ADDRESS",
    "UNKNOWN_RECOVERY_CODES_PER_ADDRESS",
    "join_limit_key",
    "outcome",
]

# A class code has 8 symbols of 30 (6.6 * 10^11 codes): 60 wrong ones an hour find nothing,
# and a class of 40 may mistype a code once each.
UNKNOWN_CODES_PER_ADDRESS = "60 per hour"
# Joins that worked, per class code: a class of 40 with every pupil joining three times.
JOINS_PER_CLASS_CODE = "150 per hour"
# Recovery codes have 12 symbols; wrong ones cost a password hash each, so they are limited
# per minute too.
UNKNOWN_RECOVERY_CODES_PER_ADDRESS = "20 per minute; 100 per hour"


def join_limit_key() -> str:
    """The class code typed, as the key of that class's budget.

    Normalised as the join itself does, so every spelling of one code (lower case, a
    Cyrillic keyboard, other dashes) counts in one bucket. Text that cannot be a code
    never joins, so it never spends a budget: one key serves all of it.
    """
    return "join:" + (normalize_code(request.form.get("code", ""), JOIN_CODE_LENGTH) or "?")
