"""The floor of the stack: the least a Flask app built on the site's libraries does for a
signed-in learner, with none of the site's own work (issue 15, items 2, 6 and 7).

    gunicorn --preload bench.stack_floor:app        (BENCH_BODY names the page to serve)

It imports every library the site imports at start (Flask, SQLAlchemy's ORM, Flask-Babel,
Flask-Login, Flask-WTF, Flask-Limiter, Flask-Compress, Python-Markdown, nh3, PyJWT, PyYAML),
and for each request does what any signed-in page of any Flask app on this stack does:
decode the signed session cookie, load the user with one ORM query (Flask-Login, session
protection on as on the site) and read the user's progress with a second, then answers the
same bytes as the site's page, compressed as the site compresses for a client that asks. A
form sent (the load benchmark's quizzes and "Done") writes one row and commits. The
throughput, memory and load benchmarks print its figure beside the site's, so that a budget
can be read against what the stack itself costs: no change to the site can make it faster
or smaller than this.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import flask_babel  # noqa: F401 - imported as the site imports it: its memory counts
import flask_compress
import flask_limiter  # noqa: F401
import flask_wtf  # noqa: F401
import jwt  # noqa: F401
import markdown  # noqa: F401
import nh3  # noqa: F401
import yaml  # noqa: F401
from flask import Flask, Response, g, request
from flask_login import LoginManager, UserMixin, current_user, login_user
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

BODY = Path(os.environ.get("BENCH_BODY", "/dev/null")).read_bytes()
SECRET = "floor-" + "0" * 58
DATABASE = Path(os.environ.get("BENCH_FLOOR_DB", Path(tempfile.gettempdir()) / "floor.sqlite3"))
#: A database URL instead (the load benchmark's PostgreSQL); SQLite in ``DATABASE`` if unset.
DATABASE_URL = os.environ.get("BENCH_FLOOR_DATABASE_URL", f"sqlite:///{DATABASE}")


class Base(DeclarativeBase):
    """The floor's two tables."""


class User(UserMixin, Base):
    """A learner: an id and a nickname."""

    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    nickname: Mapped[str] = mapped_column(String(40))


class Done(Base):
    """A lesson the learner has finished."""

    __tablename__ = "done"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    lesson: Mapped[str] = mapped_column(String(80))


engine = create_engine(DATABASE_URL)
Base.metadata.create_all(engine)
Sessions = sessionmaker(engine)
with Sessions.begin() as db:
    if db.get(User, 1) is None:
        db.add(User(id=1, nickname="learner"))
        db.flush()  # the user's row first: the ORM orders rows by relationships, not keys
        db.add_all(Done(user_id=1, lesson=f"lesson-{n}") for n in range(5))
# No connection made here may reach a forked worker (gunicorn --preload).
engine.dispose()

app = Flask(__name__)
app.config.update(
    SECRET_KEY=SECRET,
    SESSION_COOKIE_NAME="floor",
    # As the site compresses (app/web/assets.py), for a client that accepts it.
    COMPRESS_ALGORITHM=["br", "gzip"],
    COMPRESS_BR_LEVEL=5,
    COMPRESS_MIN_SIZE=500,
)
flask_compress.Compress(app)
login_manager = LoginManager(app)
login_manager.session_protection = "basic"


def database() -> Session:
    """One ORM session per request, closed after it."""
    if "db" not in g:
        g.db = Sessions()
    return g.db  # type: ignore[no-any-return]


@app.teardown_appcontext
def close(_error: BaseException | None) -> None:
    """Give the connection back."""
    if "db" in g:
        g.db.close()


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The learner named by the session."""
    return database().get(User, int(user_id))


@app.get("/sign-in")
def sign_in() -> str:
    """Sign the learner in (the benchmark does this once, to get a cookie)."""
    login_user(database().get_one(User, 1))
    return "ok"


@app.route("/<path:page>", methods=["GET", "POST"])
def page(page: str) -> Response:
    """The page, after the work every signed-in page of the site does at least: a visitor
    with no session is signed in as the learner (the load benchmark's learners arrive so);
    a form sent is one row written and committed."""
    db = database()
    if not current_user.is_authenticated:
        login_user(db.get_one(User, 1))
    if request.method == "POST":
        db.add(Done(user_id=current_user.id, lesson=page[:80]))
        db.commit()
    done = db.scalars(select(Done.lesson).where(Done.user_id == current_user.id)).all()
    if not done:
        raise RuntimeError("the learner has no progress")
    return Response(BODY, mimetype="text/html")


@app.get("/")
def ready() -> str:
    """Answers once the server is up."""
    return "ok"


def cookie(user_agent: str) -> str:
    """The ``Cookie`` header of the signed-in learner, for a browser sending ``user_agent``
    from 127.0.0.1 (Flask-Login binds the session to both, as on the site)."""
    client = app.test_client()
    client.environ_base.update({"HTTP_USER_AGENT": user_agent, "REMOTE_ADDR": "127.0.0.1"})
    client.get("/sign-in")
    signed = client.get_cookie("floor")
    if signed is None:
        raise RuntimeError("the floor app gave no session")
    page = client.get("/lesson")
    if page.status_code != 200 or "Set-Cookie" in page.headers:
        raise RuntimeError("the floor app's learner is not kept signed in")
    return f"floor={signed.value}"


@contextmanager
def served(user_agent: str, body: str = "/dev/null") -> Iterator[tuple[str, dict[str, str]]]:
    """This app on the benchmarks' gunicorn, on a SQLite database of its own, answering
    ``body``; yields its base URL and the headers its signed-in learner's browser sends.
    Signing in here needs only the secret key: the cookie names user 1, whom every floor
    database has (the settings go to the server alone, never to ``os.environ``, which the
    benchmarks' later servers would inherit)."""
    from bench.common import gunicorn

    with tempfile.TemporaryDirectory() as folder:
        env = {"BENCH_BODY": body, "BENCH_FLOOR_DB": str(Path(folder) / "floor.sqlite3")}
        headers = {"Cookie": cookie(user_agent), "User-Agent": user_agent}
        with gunicorn("bench.stack_floor:app", env, ready_path="/") as base:
            yield base, headers
