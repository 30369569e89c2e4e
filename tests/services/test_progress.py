"""Progress and the completion rule, and progress moving into an account."""

from __future__ import annotations

from app.services import accounts, progress, quizzes

RIGHT = {"forward": frozenset({1}), "signs": frozenset({0, 2}), "vanish": frozenset({1})}


def test_module_passes_on_best_attempt_and_course_completes_when_all_pass(db, catalog):
    course = catalog.course("demo")
    basics, nxt = course.module("basics"), course.module("next")
    user = accounts.new_guest(db)
    quizzes.submit(db, user, "demo", "basics", basics.quiz, {}, "a", "en")
    state = progress.course_progress(db, user, course)
    assert state.module("basics").status == "in-progress"
    assert state.module("basics").best_percent == 0
    quizzes.submit(db, user, "demo", "basics", basics.quiz, RIGHT, "b", "en")
    state = progress.course_progress(db, user, course)
    assert state.module("basics").is_passed and not state.is_complete
    # A class that assigned only "basics" is complete now.
    assert progress.course_progress(db, user, course, ["basics"]).is_complete
    quizzes.submit(db, user, "demo", "next", nxt.quiz, {"friend": frozenset({0})}, "c", "en")
    assert progress.course_progress(db, user, course).is_complete


def test_lesson_completion_is_idempotent(db, catalog):
    course = catalog.course("demo")
    module = course.module("basics")
    user = accounts.new_guest(db)
    assert progress.complete_lesson(db, user, course, module, module.lessons[0], "en")
    assert not progress.complete_lesson(db, user, course, module, module.lessons[0], "en")
    state = progress.course_progress(db, user, course).module("basics")
    assert state.done_count == 1 and state.next_lesson().slug == "more"


def test_sign_up_keeps_guest_progress(db, catalog):
    course = catalog.course("demo")
    module = course.module("basics")
    guest = accounts.new_guest(db)
    progress.complete_lesson(db, guest, course, module, module.lessons[0], "en")
    account = accounts.sign_up(db, guest, "mila", "a long and unusual phrase")
    assert account.id == guest.id and not account.is_guest
    assert progress.course_progress(db, account, course).module("basics").done_count == 1


def test_log_in_merges_guest_progress_into_existing_account(db, catalog):
    course = catalog.course("demo")
    module = course.module("basics")
    account = accounts.sign_up(db, None, "dren", "a long and unusual phrase")
    progress.complete_lesson(db, account, course, module, module.lessons[0], "en")
    guest = accounts.new_guest(db)
    progress.complete_lesson(db, guest, course, module, module.lessons[0], "en")
    progress.complete_lesson(db, guest, course, module, module.lessons[1], "en")
    quizzes.submit(db, guest, "demo", "basics", module.quiz, RIGHT, "g", "en")
    accounts.log_in(db, account, guest)
    db.commit()
    state = progress.course_progress(db, account, course).module("basics")
    assert state.done_count == 2 and state.is_passed
    assert db.get(type(guest), guest.id) is None
