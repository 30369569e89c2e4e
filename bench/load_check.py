"""After the load benchmark: what the learners were told against what was stored.

Each learner is found by its session cookie, which names the user's ``session_key``
(Flask-Login); the cookie is signed, not encrypted, and read here with the benchmark's own
secret key. For every learner, the lessons the server said were done, the quiz attempts it
redirected to and the class it said was joined must be exactly the rows of that user: a told
write without a row is lost, a row nobody was told of (or two rows for one told write) is a
duplicate. Rows of users no learner holds count as duplicates too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bench.learners import Told


@dataclass
class Mismatches:
    """Writes lost or duplicated, with a line for each and totals of what was told."""

    count: int = 0
    details: list[str] = field(default_factory=list)
    told: Counter[str] = field(default_factory=Counter)

    def add(self, what: str, number: int) -> None:
        """Record ``number`` (if any) writes gone wrong, described by ``what``."""
        if number:
            self.count += number
            self.details.append(f"{what}: {number}")

    @property
    def summary(self) -> str:
        """What was told, in one line."""
        told = self.told
        return (
            f"{told['lessons']} lessons done, {told['attempts']} attempts, "
            f"{told['joins']} joins: as told"
            if not self.count
            else f"{self.count} of {sum(told.values())} writes differ"
        )


def _user_key(secret: str, cookie: str) -> str | None:
    from flask import Flask
    from flask.sessions import SecureCookieSessionInterface

    app = Flask(__name__)
    app.secret_key = secret
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    if not cookie or serializer is None:
        return None
    key = serializer.loads(cookie).get("_user_id")
    return str(key) if key else None


def compare(database_url: str, secret: str, learners: list[Told]) -> Mismatches:
    """Compare every learner's :class:`Told` with the rows of its user."""
    import psycopg
    from sqlalchemy.engine import make_url

    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(False)
    result = Mismatches()
    seen: set[int] = set()
    with psycopg.connect(dsn) as db:
        for number, told in enumerate(learners):
            result.told.update(
                lessons=len(told.lessons_done),
                attempts=len(told.attempts),
                joins=1 if told.nickname else 0,
            )
            key = _user_key(secret, told.session_cookie)
            row = db.execute("SELECT id FROM users WHERE session_key = %s", (key,)).fetchone()
            if row is None:
                told_any = len(told.lessons_done) + len(told.attempts) + bool(told.nickname)
                result.add(f"learner {number}: no user for its cookie", told_any)
                continue
            seen.add(row[0])
            _compare_one(db, row[0], number, told, result)
        others = db.execute(
            "SELECT (SELECT count(*) FROM lesson_progress WHERE NOT user_id = ANY(%(s)s))"
            " + (SELECT count(*) FROM quiz_attempts WHERE NOT user_id = ANY(%(s)s))"
            " + (SELECT count(*) FROM memberships WHERE NOT user_id = ANY(%(s)s))",
            {"s": list(seen)},
        ).fetchone()
        result.add("rows of users no learner holds", int(others[0]) if others else 0)
    return result


def _compare_one(db: object, user_id: int, number: int, told: Told, result: Mismatches) -> None:
    execute = db.execute  # type: ignore[attr-defined]
    lessons = Counter(
        (module, lesson)
        for module, lesson in execute(
            "SELECT module_slug, lesson_slug FROM lesson_progress WHERE user_id = %s", (user_id,)
        )
    )
    attempts = Counter(
        row[0] for row in execute("SELECT id FROM quiz_attempts WHERE user_id = %s", (user_id,))
    )
    names = Counter(
        row[0] for row in execute("SELECT nickname FROM memberships WHERE user_id = %s", (user_id,))
    )
    joined = Counter([told.nickname] if told.nickname else [])
    for what, rows, wanted in (
        ("lessons", lessons, Counter(told.lessons_done)),
        ("attempts", attempts, Counter(told.attempts)),
        ("memberships", names, joined),
    ):
        result.add(f"learner {number}: {what} told but not stored", sum((wanted - rows).values()))
        result.add(f"learner {number}: {what} stored but not told", sum((rows - wanted).values()))


def joins_counted(redis_url: str, prefix: str, code: str) -> int:
    """How many joins of the class the rate limiter counted in Redis, over every instance."""
    import redis

    client = redis.Redis.from_url(redis_url)
    # Flask-Limiter's fixed windows: LIMITS:LIMITER/<prefix>/join:<code>/classes.join/150/1/hour
    keys = client.keys(f"LIMITS:LIMITER/{prefix}/join:{code}/*")
    return sum(int(client.get(key) or 0) for key in keys)
