"""Class rules: codes, joining, removing, deleting and purging."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.credentials import codes
from app.models import LessonProgress, Membership, QuizAttempt, User, utcnow
from app.services import accounts, classes, joining, progress, quizzes
from app.services.errors import Refused
from tests.factories import make_class, make_facilitator

RIGHT = {"forward": frozenset({1}), "signs": frozenset({0, 2}), "vanish": frozenset({1})}


def test_join_codes_are_readable_aloud_and_typed_any_way():
    code = codes.new_code(classes.JOIN_CODE_LENGTH)
    assert len(code) == 9 and code[4] == "-"
    # U is never a symbol, so V cannot be mistaken for it (one alphabet for every code).
    assert not set(code) & set("0O1lIU")
    assert codes.normalize_code(code.lower().replace("-", " "), classes.JOIN_CODE_LENGTH) == code
    assert codes.normalize_code("ABCD-EFG0", classes.JOIN_CODE_LENGTH) is None


@pytest.fixture
def world(app):
    teacher = make_facilitator(app)
    org_id, class_id, code = make_class(app, teacher, modules=("basics",))
    return {"teacher": teacher, "org": org_id, "class": class_id, "code": code}


def test_joining_with_nickname_gives_a_recovery_code_that_works_elsewhere(db, world):
    membership, user, recovery = joining.join_class(db, world["code"].lower(), "Mila", None)
    db.commit()
    assert membership.nickname == "Mila" and recovery and user.username is None
    assert joining.find_by_recovery_code(db, recovery.lower()).id == user.id
    assert joining.find_by_recovery_code(db, "AAAA-BBBB-CCCC") is None


def test_a_guest_keeps_progress_when_joining(db, world, catalog):
    course = catalog.course("demo")
    module = course.module("basics")
    guest = accounts.new_guest(db)
    progress.complete_lesson(db, guest, course, module, module.lessons[0], "en")
    _m, user, recovery = joining.join_class(db, world["code"], "Luka", guest)
    assert user.id == guest.id and recovery
    assert progress.course_progress(db, user, course).module("basics").done_count == 1


def test_wrong_closed_and_taken_are_refused_clearly(db, world):
    with pytest.raises(Refused, match="no class with this code"):
        joining.join_class(db, "ZZZZ-ZZZZ", "Ana", None)
    joining.join_class(db, world["code"], "Ana", None)
    with pytest.raises(Refused, match="already uses this nickname"):
        joining.join_class(db, world["code"], "ana", None)
    with pytest.raises(Refused, match="nickname"):
        joining.join_class(db, world["code"], "x", None)
    classroom = classes.get_class(db, world["class"])
    classes.set_joining(db, classroom, False)
    with pytest.raises(Refused, match="not taking new learners"):
        joining.join_class(db, world["code"], "Marko", None)


def test_regenerated_code_replaces_the_old_one(db, world):
    classroom = classes.get_class(db, world["class"])
    new = classes.regenerate_code(db, classroom)
    assert new != world["code"]
    assert joining.find_class_by_code(db, world["code"]) is None
    assert joining.find_class_by_code(db, new).id == classroom.id


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def test_removing_a_learner_deletes_their_data(db, world, catalog):
    quiz = catalog.course("demo").module("basics").quiz
    membership, user, _r = joining.join_class(db, world["code"], "Dren", None)
    quizzes.submit(db, user, "demo", "basics", quiz, RIGHT, "t", "en")
    account = accounts.sign_up(db, None, "arta", "a long unusual phrase")
    kept, _u, _r = joining.join_class(db, world["code"], "Arta", account)
    classroom = classes.get_class(db, world["class"])
    classes.remove_member(db, classroom, membership.id)
    classes.remove_member(db, classroom, kept.id)
    db.commit()
    assert db.get(User, user.id) is None  # existed only for the class
    assert _count(db, QuizAttempt) == 0
    assert db.get(User, account.id) is not None  # has an account of their own
    assert _count(db, Membership) == 0


def test_deleting_a_class_deletes_its_learners(db, world, catalog):
    course = catalog.course("demo")
    module = course.module("basics")
    _m, user, _r = joining.join_class(db, world["code"], "Jelena", None)
    progress.complete_lesson(db, user, course, module, module.lessons[0], "en")
    classes.delete_class(db, classes.get_class(db, world["class"]))
    db.commit()
    assert _count(db, LessonProgress) == 0 and _count(db, Membership) == 0
    assert db.get(User, user.id) is None


def test_archived_classes_are_purged_after_the_retention_period(db, world):
    joining.join_class(db, world["code"], "Stefan", None)
    classroom = classes.get_class(db, world["class"])
    classes.archive_class(db, classroom)
    assert classes.purge_expired(db, archived_days=90, guest_days=365) == (0, 0)
    classroom.archived_at = utcnow() - timedelta(days=91)
    old_guest = accounts.new_guest(db)
    old_guest.last_seen_at = utcnow() - timedelta(days=400)
    assert classes.purge_expired(db, archived_days=90, guest_days=365) == (1, 1)
    db.commit()
    assert _count(db, Membership) == 0
