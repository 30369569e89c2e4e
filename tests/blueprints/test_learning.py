"""The learner's path through the site, as a learner would walk it."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.models import QuizAttempt
from tests.helpers import ALL_RIGHT, ALL_WRONG, QUIZ_URL, database


def test_catalogue_course_module_lesson(client):
    home = client.get("/en/").get_data(as_text=True)
    assert "Demo course" in home and "/en/courses/demo/" in home
    course = client.get("/en/courses/demo/").get_data(as_text=True)
    assert "Mentions of pressure." in course  # the content warning
    assert "18 minutes" in course and "Module basics" in course
    assert "pass mark" in course.lower() or "at least the pass mark" in course
    module = client.get("/en/courses/demo/basics/").get_data(as_text=True)
    assert "What consent is" in module and "Asking first" in module
    lesson = client.get("/en/courses/demo/basics/intro").get_data(as_text=True)
    assert "Lesson 1 of 2" in lesson
    assert 'href="/en/courses/demo/basics/more"' in lesson  # next
    assert 'href="/en/glossary#term-consent"' in lesson
    assert "Content note:" in lesson and 'href="#sensitive-1-end"' in lesson


def test_marking_lessons_done_moves_on_and_is_remembered(client):
    response = client.post("/en/courses/demo/basics/intro/done")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/en/courses/demo/basics/more")
    last = client.post("/en/courses/demo/basics/more/done")
    assert last.headers["Location"].endswith("/en/courses/demo/basics/quiz")
    module = client.get("/en/courses/demo/basics/").get_data(as_text=True)
    assert "2 of 2 lessons read" in module


def test_quiz_page_leaks_no_answer(client, catalog):
    html = client.get(QUIZ_URL).get_data(as_text=True)
    quiz = catalog.course("demo").module("basics").quiz
    for question in quiz.questions:
        text = question.text("en")
        assert re.sub("<[^>]+>", "", text.explanation).strip() not in html
        for option in text.options:
            assert re.sub("<[^>]+>", "", option.feedback).strip() not in html
    assert "FEEDBACK" not in html and "EXPLANATION" not in html and "correct" not in html.lower()
    # Every option input of a question is marked up the same way but for its index.
    inputs = re.findall(r'<input type="(?:radio|checkbox)"[^>]*>', html)
    shapes = {
        re.sub(r'(id|value)="[^"]*"', "", i)
        .replace("q-forward", "Q")
        .replace("q-signs", "Q")
        .replace("q-vanish", "Q")
        .replace("checkbox", "radio")
        for i in inputs
    }
    assert len(shapes) == 1, shapes


def test_result_page_explains_every_question_and_offers_retake(client):
    response = client.post(QUIZ_URL, data=ALL_WRONG)
    assert response.status_code == 303
    result = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Not yet" in result and "failed" not in result.lower()
    # What the learner chose is explained, and why; the retake comes first on the page.
    for marker in (
        "FEEDBACK-forward-yes",
        "FEEDBACK-signs-forever",
        "EXPLANATION-forward",
        "EXPLANATION-signs",
        "EXPLANATION-vanish",
        "FEEDBACK-vanish-true",
    ):
        assert marker in result
    assert result.index("Take the quiz again") < result.index("EXPLANATION-forward")
    assert 'href="#r-forward"' in result
    retake = client.post(QUIZ_URL, data=ALL_RIGHT)
    passed = client.get(retake.headers["Location"]).get_data(as_text=True)
    assert "you passed this module" in passed and "100%" in passed


def test_a_not_yet_result_does_not_give_away_the_right_options(client):
    response = client.post(QUIZ_URL, data=ALL_WRONG)
    result = client.get(response.headers["Location"]).get_data(as_text=True)
    # The right options' own feedback would turn the retake into copying.
    for marker in (
        "FEEDBACK-forward-no",
        "FEEDBACK-signs-free",
        "FEEDBACK-signs-reversible",
        "FEEDBACK-vanish-false",
        "a right answer",
    ):
        assert marker not in result
    assert "shown once you have passed" in result
    client.post(QUIZ_URL, data=ALL_RIGHT)
    # Once passed, every earlier attempt shows the right options too.
    again = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "FEEDBACK-forward-no" in again and "a right answer" in again


def test_options_are_shown_in_an_order_of_their_own_on_each_attempt(client, catalog):
    question = catalog.course("demo").module("basics").quiz.question("signs")
    orders = {question.option_order(f"attempt-{n}") for n in range(12)}
    assert len(orders) > 1
    assert all(sorted(order) == [0, 1, 2] for order in orders)
    assert question.option_order("same") == question.option_order("same")
    true_false = catalog.course("demo").module("basics").quiz.question("vanish")
    assert {true_false.option_order(f"attempt-{n}") for n in range(12)} == {(0, 1)}
    # Whatever the order shown, each box sends the option it is labelled with.
    html = client.get(QUIZ_URL).get_data(as_text=True)
    for value, label in (("0", "Freely given"), ("1", "Forever"), ("2", "Reversible")):
        assert re.search(
            rf'id="q-signs-{value}" value="{value}">\s*<label for="q-signs-{value}">'
            rf"{label}</label>",
            html,
        )


def test_double_submit_records_one_attempt(client, app):
    first = client.post(QUIZ_URL, data=ALL_RIGHT)
    second = client.post(QUIZ_URL, data=ALL_RIGHT)
    assert first.headers["Location"] == second.headers["Location"]
    with database(app) as db:
        assert db.scalar(select(func.count()).select_from(QuizAttempt)) == 1


def test_unanswered_questions_rerender_with_answers_kept(client, app):
    response = client.post(QUIZ_URL, data={"q-forward": "1", "token": "x"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please answer every question" in html
    assert 'id="q-forward-1" value="1" checked' in html
    assert 'href="#q-signs"' in html and 'href="#q-vanish"' in html
    with database(app) as db:
        assert db.scalar(select(func.count()).select_from(QuizAttempt)) == 0


def test_someone_elses_result_is_not_found(app, client):
    response = client.post(QUIZ_URL, data=ALL_RIGHT)
    other = app.test_client()
    assert other.get(response.headers["Location"]).status_code == 404


def test_progress_survives_a_new_visit_with_the_same_cookie(client):
    client.post("/en/courses/demo/basics/intro/done")
    course = client.get("/en/courses/demo/basics/").get_data(as_text=True)
    assert "1 of 2 lessons read" in course
    assert "Continue where you stopped" in course


def test_unknown_content_is_a_404_not_an_error(client):
    for url in (
        "/en/courses/nope/",
        "/en/courses/demo/nope/",
        "/en/courses/demo/basics/nope",
        "/en/courses/demo/basics/quiz/result/999",
        "/xx/",
        "/en/legal/zz",
    ):
        assert client.get(url).status_code == 404, url


def test_huge_ids_are_not_found_not_errors(client):
    huge = "9" * 300
    assert client.get(f"/en/courses/demo/basics/quiz/result/{huge}").status_code == 404
    assert client.get(f"/en/classes/{huge}/").status_code == 404


def _button(html: str, label: str) -> str | None:
    """The address of the button (a link styled as one) with this label, if any."""
    match = re.search(rf'<a class="button[^"]*" href="([^"]+)">{re.escape(label)}</a>', html)
    return match[1] if match else None


def test_the_course_page_starts_and_continues_where_the_learner_is(client):
    course = client.get("/en/courses/demo/").get_data(as_text=True)
    assert _button(course, "Start the course") == "/en/courses/demo/basics/intro"
    client.post("/en/courses/demo/basics/intro/done")
    course = client.get("/en/courses/demo/").get_data(as_text=True)
    assert _button(course, "Continue the course") == "/en/courses/demo/basics/more"
    assert "Next: Asking first (Module basics)" in course
    client.post("/en/courses/demo/basics/more/done")
    course = client.get("/en/courses/demo/").get_data(as_text=True)
    assert _button(course, "Continue the course") == QUIZ_URL  # every lesson read
    client.post(QUIZ_URL, data=ALL_RIGHT)
    course = client.get("/en/courses/demo/").get_data(as_text=True)
    assert _button(course, "Continue the course") == "/en/courses/demo/next/next-lesson"
    client.post("/en/courses/demo/next/quiz", data={"q-friend": "0", "token": "t"})
    course = client.get("/en/courses/demo/").get_data(as_text=True)
    assert "Continue the course" not in course and "Start the course" not in course


def test_a_class_member_continues_with_the_modules_of_their_class(app, client):
    from tests.factories import join, make_class, make_facilitator

    _org, _class_id, code = make_class(app, make_facilitator(app), modules=("next",))
    join(client, code, "Mila")
    course = client.get("/en/courses/demo/").get_data(as_text=True)
    assert _button(course, "Start the course") == "/en/courses/demo/next/next-lesson"


def test_a_module_offers_its_lessons_first_and_its_quiz_after(client):
    module = client.get("/en/courses/demo/basics/").get_data(as_text=True)
    start = _button(module, "Start the first lesson")
    assert start == "/en/courses/demo/basics/intro"
    # The quiz is not a button before a lesson is read, but it is still one tap away.
    assert _button(module, "Take the quiz") is None
    assert "so read them first" in module
    assert module.index(start) < module.index(f'href="{QUIZ_URL}"')
    client.post("/en/courses/demo/basics/intro/done")
    module = client.get("/en/courses/demo/basics/").get_data(as_text=True)
    assert _button(module, "Continue where you stopped") == "/en/courses/demo/basics/more"
    assert _button(module, "Take the quiz") == QUIZ_URL
    client.post("/en/courses/demo/basics/more/done")
    module = client.get("/en/courses/demo/basics/").get_data(as_text=True)
    # Every lesson read: the quiz is the next step, at the top.
    assert module.index(_button(module, "Take the quiz") or "-") < module.index("Lessons</h2>")
    client.post(QUIZ_URL, data=ALL_WRONG)
    module = client.get("/en/courses/demo/basics/").get_data(as_text=True)
    assert _button(module, "Take the quiz again") == QUIZ_URL
