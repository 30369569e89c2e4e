"""Simulated learners for the load benchmark (issue 15, item 6).

Each learner is a thread with its own cookies, like a browser: it reads every lesson of a
module, marks each one done, takes the module's quiz, looks at the result and goes on to the
next module (and round again). Some start by joining a class with its code; the others are
guests, known only by their session. Between two requests a learner waits a random "think
time". Every request goes to the next server in turn, as behind a load balancer without
sticky sessions, so two successive requests of one learner usually reach different
machines.

What the server told each learner is recorded (lessons marked done, quiz attempts and their
numbers, the class joined) so that it can be compared with the rows of the database. Some
quiz forms are sent twice, one after the other (a reload) or at the same moment (a double
click): the server must answer both with the same attempt.

With ``bare=True`` the same requests, in the same rhythm, go to a bare WSGI app that answers
200 to everything: the reference latency of the machine, the client and gunicorn alone.
"""

from __future__ import annotations

import gzip
import http.client
import random
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import brotli

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_TOKEN = re.compile(r'name="token"[^>]*value="([^"]+)"')
_INPUT = re.compile(r"<input\b[^>]*>")
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
_ATTEMPT = re.compile(r"/quiz/result/(\d+)")


@dataclass(frozen=True)
class Module:
    """What a learner needs to know of a module: its address and its lessons' slugs."""

    path: str  # /courses/<course>/<module>
    slug: str
    lessons: tuple[str, ...]


@dataclass
class Told:
    """What the server told one learner it had stored."""

    session_cookie: str = ""
    lessons_done: set[tuple[str, str]] = field(default_factory=set)
    attempts: set[int] = field(default_factory=set)
    nickname: str | None = None


@dataclass(frozen=True)
class Sample:
    """One request: what it was, how it ended, how long it took (seconds)."""

    kind: str
    status: int
    seconds: float
    error: str = ""
    at: float = 0.0  # time.monotonic() when it was sent


class Learner(threading.Thread):
    """One simulated learner; call :meth:`start`, then read :attr:`told` and :attr:`samples`."""

    def __init__(
        self,
        number: int,
        bases: list[str],
        modules: list[Module],
        *,
        deadline: float,
        think: float,
        language: str = "en",
        join_code: str | None = None,
        bare: bool = False,
    ) -> None:
        super().__init__(name=f"learner-{number}", daemon=True)
        self.rng = random.Random(number)
        self.bases = [urlsplit(base) for base in bases]
        self.turn = number
        self.modules = modules
        self.deadline, self.think_time = deadline, think
        self.language, self.join_code, self.bare = language, join_code, bare
        self.nickname = f"Learner {number}"
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()
        self.told = Told()
        self.samples: list[Sample] = []

    # HTTP ---------------------------------------------------------------------------------

    def request(
        self,
        kind: str,
        method: str,
        path: str,
        form: list[tuple[str, str]] | None = None,
        wanted: int = 200,
    ) -> tuple[bool, str, str]:
        """Send one request; ``(answered as wanted, Location, body)``."""
        wanted = 200 if self.bare else wanted
        base = self.bases[self.turn % len(self.bases)]
        self.turn += 1
        with self.lock:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        headers["Accept-Encoding"] = "br, gzip"  # as browsers do: the server compresses
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start, sent = time.perf_counter(), time.monotonic()
        try:
            connection = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
            try:
                connection.request(method, f"/{self.language}{path}", body, headers)
                response = connection.getresponse()
                text = _decode(response.read(), response.headers.get("Content-Encoding", ""))
            finally:
                connection.close()
        except OSError as error:
            seconds = time.perf_counter() - start
            self.samples.append(Sample(kind, 0, seconds, repr(error), sent))
            return False, "", ""
        seconds = time.perf_counter() - start
        error = "" if response.status == wanted else f"expected {wanted}"
        self.samples.append(Sample(kind, response.status, seconds, error, sent))
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        return not error, response.headers.get("Location", ""), text

    def _keep_cookies(self, headers: list[str]) -> None:
        with self.lock:
            for header in headers:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)

    def fail(self, kind: str, why: str) -> None:
        """Record an answer that had the right status but the wrong content (status -1: not
        a request of its own, left out of the latencies)."""
        self.samples.append(Sample(kind, -1, 0.0, why))

    def think(self) -> None:
        """Wait as a reader would (shortened: see the benchmark's docstring)."""
        time.sleep(self.think_time * self.rng.uniform(0.5, 1.5))

    # The learner --------------------------------------------------------------------------

    def run(self) -> None:
        time.sleep(self.rng.uniform(0, 5))  # a class does not click at the same moment
        if self.join_code is not None:
            self.join_class()
        while time.monotonic() < self.deadline:
            for module in self.modules:
                if time.monotonic() >= self.deadline:
                    break
                self.study(module)
        self.told.session_cookie = self.cookies.get("unshared_session", "")

    def join_class(self) -> None:
        """Open the join page and join the class with its code and a nickname."""
        ok, _location, page = self.request("join page", "GET", "/join")
        if not ok:
            return
        self.think()
        form = [("csrf_token", _first(_CSRF, page)), ("code", self.join_code or "")]
        ok, _location, page = self.request(
            "join", "POST", "/join", [*form, ("nickname", self.nickname)]
        )
        if ok and (self.bare or "big-code" in page):  # the welcome page, with a recovery code
            self.told.nickname = self.nickname
        elif ok:
            self.fail("join", "no recovery code on the page")

    def study(self, module: Module) -> None:
        """Every lesson of ``module`` (each marked done), then its quiz and the result."""
        for lesson in module.lessons:
            if time.monotonic() >= self.deadline:
                return
            path = f"{module.path}/{lesson}"
            ok, _location, page = self.request("lesson", "GET", path)
            if not ok:
                continue
            self.think()
            if not _CSRF.search(page):  # no session yet: "Done" asks first, then saves
                ok, _location, page = self.request("save progress", "GET", path + "/done")
                if not ok:
                    continue
            form = [("csrf_token", _first(_CSRF, page))]
            again = self.rng.random() < 0.05  # back to a lesson already done
            for _time in range(2 if again else 1):
                if self.request("lesson done", "POST", path + "/done", form, 303)[0]:
                    self.told.lessons_done.add((module.slug, lesson))
            self.think()
        self.quiz(module)

    def quiz(self, module: Module) -> None:
        """Answer the quiz (at random), sometimes sending it twice, and read the result."""
        ok, _location, page = self.request("quiz", "GET", module.path + "/quiz")
        if not ok:
            return
        self.think()
        form = [("csrf_token", _first(_CSRF, page)), ("token", _first(_TOKEN, page))]
        form += self.answers(page)
        results: list[str] = []

        def submit() -> None:
            ok, location, _page = self.request(
                "quiz submit", "POST", module.path + "/quiz", form, 303
            )
            if ok:
                results.append(_first(_ATTEMPT, location) or "?")

        chance = self.rng.random()
        if chance < 0.05:  # a double click: both at once
            other = threading.Thread(target=submit)
            other.start()
            submit()
            other.join()
        else:
            for _copy in range(2 if chance < 0.1 else 1):  # sent again: a reload
                submit()
        if self.bare:
            results = ["1"] * len(results)
        if not results:
            return
        if len(set(results)) != 1 or not results[0].isdigit():
            self.fail("quiz submit", f"one form, attempts {results}")
            return
        self.told.attempts.add(int(results[0]))
        self.request("result", "GET", f"{module.path}/quiz/result/{results[0]}")
        self.think()

    def answers(self, page: str) -> list[tuple[str, str]]:
        """One option per single-choice question, one or more per multiple-choice one."""
        options: dict[str, tuple[str, list[str]]] = {}
        for tag in _INPUT.findall(page):
            attrs = dict(_ATTR.findall(tag))
            if attrs.get("type") in ("radio", "checkbox") and attrs.get("name", "").startswith(
                "q-"
            ):
                options.setdefault(attrs["name"], (attrs["type"], []))[1].append(attrs["value"])
        chosen = []
        for name, (kind, values) in options.items():
            count = self.rng.randint(1, len(values)) if kind == "checkbox" else 1
            chosen += [(name, value) for value in self.rng.sample(values, count)]
        return chosen


def _decode(data: bytes, encoding: str) -> str:
    if encoding == "br":
        data = brotli.decompress(data)
    elif encoding == "gzip":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


def _first(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(1) if match else ""
