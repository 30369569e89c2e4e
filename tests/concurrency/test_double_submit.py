"""Double clicks with several workers: "Mark as done" and "Submit" of the same quiz form,
sent at the same instant by one browser, are each stored once and answered alike."""

from __future__ import annotations

from sqlalchemy import func, select

from app.db import get_session
from app.models import LessonProgress, QuizAttempt
from tests.concurrency.harness import Browser, at_once
from tests.helpers import ALL_RIGHT, QUIZ_URL

ROUNDS = 8
FIRST_STEP = "/en/courses/demo/next/next-lesson/done"


def _count(live, model) -> int:
    with live.app.app_context():
        return get_session().scalar(select(func.count()).select_from(model))


def test_a_double_click_on_mark_as_done_marks_it_once(live):
    for _round in range(ROUNDS):
        live.reset()
        browser = Browser(live.url)
        assert browser.post(FIRST_STEP).status == 303  # now a known learner
        replies = at_once(2, lambda b=browser: b.post("/en/courses/demo/basics/intro/done"))
        assert [r.status for r in replies] == [303, 303], [r.body[:300] for r in replies]
        assert {r.headers["Location"] for r in replies} == {"/en/courses/demo/basics/more"}
        assert _count(live, LessonProgress) == 2
    module = browser.get("/en/courses/demo/basics/").body
    assert "1 of 2 lessons read" in module


def test_a_double_click_on_submit_stores_one_attempt_and_shows_it_twice(live):
    for round_ in range(ROUNDS):
        live.reset()
        browser = Browser(live.url)
        assert browser.post(FIRST_STEP).status == 303  # now a known learner
        answers = dict(ALL_RIGHT, token=f"double-click-{round_}")
        replies = at_once(2, lambda b=browser, a=answers: b.post(QUIZ_URL, a))
        assert [r.status for r in replies] == [303, 303], [r.body[:300] for r in replies]
        assert len({r.headers["Location"] for r in replies}) == 1
        assert _count(live, QuizAttempt) == 1
    result = browser.get(replies[0].headers["Location"])
    assert result.status == 200 and "100" in result.body
