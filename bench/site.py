"""A production-like copy of the site for benchmarks: its own SQLite file, secret key and
settings, and a learner with progress made through the site itself."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.common import BIN, ROOT

PUBLIC = "https://bench.example"
#: The browser the learner uses, here and in the benchmarks that send their cookie: the
#: session is bound to it (Flask-Login's session protection), as a real one would be.
USER_AGENT = "unshared-bench"


@dataclass(frozen=True)
class Site:
    """Environment for ``gunicorn wsgi:app`` and what the benchmark needs to know of it."""

    env: dict[str, str]
    lesson_path: str
    learner_cookie: str


def production_env(folder: Path) -> dict[str, str]:
    """Settings as in production, on a database and signing key of the benchmark's own
    (production refuses to start without the key, as a real deploy would)."""
    from app.credentials.openbadges.keys import KEY_FILENAME, load_or_create_key

    load_or_create_key(folder / KEY_FILENAME)
    return {
        "UNSHARED_CREDENTIAL_KEY_FILE": str(folder / KEY_FILENAME),
        "UNSHARED_ENV_NAME": "production",
        "UNSHARED_SECRET_KEY": "bench-" + "0" * 58,
        "UNSHARED_PUBLIC_URL": PUBLIC,
        "UNSHARED_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
    }


def largest_lesson(env: dict[str, str]) -> str:
    """The address of the lesson with the most text, in English."""
    os.environ.update(env)
    from app import create_app
    from app.content.ext import warm

    catalog = warm(create_app())
    lessons = [
        (
            sum(len(block.html) for block in lesson.page("en").blocks),
            f"/en/courses/{course.slug}/{module.slug}/{lesson.slug}",
        )
        for course in catalog.courses
        for module in course.modules
        for lesson in module.lessons
    ]
    return max(lessons)[1]


def course_paths(env: dict[str, str]) -> list[str]:
    """Every course, module, lesson and quiz page of every course, without the language."""
    os.environ.update(env)
    from app import create_app
    from app.content.ext import warm

    paths = []
    for course in warm(create_app()).courses:
        paths.append(f"/courses/{course.slug}/")
        for module in course.modules:
            prefix = f"/courses/{course.slug}/{module.slug}"
            paths += [f"{prefix}/", *(f"{prefix}/{x.slug}" for x in module.lessons)]
            paths.append(f"{prefix}/quiz")
    return paths


def learner_with_progress(env: dict[str, str], lesson_path: str) -> str:
    """Complete every lesson of the first module as a guest; return the ``Cookie`` header
    their browser then sends (the session and the language)."""
    os.environ.update(env)
    from app import create_app
    from app.content.ext import warm

    app = create_app()
    catalog = warm(app)
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = USER_AGENT
    course = catalog.courses[0]
    module = course.modules[0]
    for lesson in [*module.lessons, None]:
        path = f"/en/courses/{course.slug}/{module.slug}/{lesson.slug}" if lesson else lesson_path
        page = client.get(path, base_url=PUBLIC).get_data(as_text=True)
        if lesson and "csrf_token" not in page:  # a new visitor: "Done" asks first
            page = client.get(path + "/done", base_url=PUBLIC).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if lesson and token:
            # Flask-WTF refuses an HTTPS post without a same-origin Referer; the site's
            # Referrer-Policy (no-referrer) keeps browsers from sending one, which is the
            # lead's to settle: here the header is sent so that the post counts.
            done = client.post(
                path + "/done",
                data={"csrf_token": token[1]},
                headers={"Referer": PUBLIC + path},
                base_url=PUBLIC,
            )
            if done.status_code != 303:
                raise RuntimeError(f"marking {path} done answered {done.status}")
    # wrk sends the same Cookie header on every request, as a browser sends the cookies it
    # holds after the loop's last page: the session and the language cookie the site set.
    # Without the latter every request would answer a Set-Cookie for the language, which
    # no real learner's browser causes.
    cookies = {
        name: client.get_cookie(name, domain="bench.example")
        for name in ("unshared_session", "lang")
    }
    if cookies["unshared_session"] is None:
        raise RuntimeError("the site gave the learner no session")
    with client.session_transaction(base_url=PUBLIC) as session:
        if "_user_id" not in session:
            raise RuntimeError("the learner's session names nobody: no progress was kept")
    if "Set-Cookie" in client.get(lesson_path, base_url=PUBLIC).headers:
        raise RuntimeError("the learner's page sets a cookie on every visit")
    return "; ".join(f"{name}={c.value}" for name, c in cookies.items() if c is not None)


def prepare() -> Site:
    """Migrate a fresh database and make a learner."""
    folder = Path(tempfile.mkdtemp(prefix="unshared-bench-"))
    env = production_env(folder)
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    lesson = largest_lesson(env)
    return Site(env, lesson, learner_with_progress(env, lesson))
