"""Certificates: who may claim, one per learner, course and class, names, revoking, lists."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.content.translit import to_cyrillic
from app.models import (
    Certificate,
    Classroom,
    ClassroomModule,
    Membership,
    Organisation,
    OrganisationMember,
    User,
)
from app.services import (
    access,
    accounts,
    certificate_texts,
    certificates,
    class_certificates,
    quizzes,
)
from app.services.errors import NotFound, Refused

RIGHT = {"forward": frozenset({1}), "signs": frozenset({0, 2}), "vanish": frozenset({1})}
PASSWORD = "a long and unusual phrase"


def pass_module(db, catalog, user: User, module_slug: str) -> None:
    """Pass one quiz of the demo course with every answer right."""
    quiz = catalog.course("demo").module(module_slug).quiz
    answers = RIGHT if module_slug == "basics" else {"friend": frozenset({0})}
    quizzes.submit(db, user, "demo", module_slug, quiz, answers, f"t-{module_slug}", "en")


def make_class(
    db,
    facilitator: User,
    modules=("basics", "next"),
    *,
    name="IV-2",
    organisation="Gimnazija",
    invite="INVITE1",
    join_code="JOIN0001",
) -> Classroom:
    """An organisation with ``facilitator`` and one class of the demo course."""
    org = Organisation(name=organisation, invite_code=invite)
    db.add(org)
    db.flush()
    db.add(OrganisationMember(organisation_id=org.id, user_id=facilitator.id))
    classroom = Classroom(
        organisation_id=org.id, name=name, language="en", course_slug="demo", join_code=join_code
    )
    classroom.modules = [
        ClassroomModule(module_slug=slug, position=i) for i, slug in enumerate(modules)
    ]
    db.add(classroom)
    db.flush()
    return classroom


def enrol(db, classroom: Classroom, user: User, nickname: str) -> None:
    db.add(Membership(classroom_id=classroom.id, user_id=user.id, nickname=nickname))
    db.flush()


def count(db) -> int:
    return db.scalar(select(func.count()).select_from(Certificate))


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("  Đorđe   Šćekić ", "Đorđe Šćekić"),
        ("Ђорђе Шћекић", "Ђорђе Шћекић"),
        ("Arbër Çeliku", "Arbër Çeliku"),
        ("Ѓорѓи Ќосевски", "Ѓорѓи Ќосевски"),
        ("Ana-Marija O'Neil", "Ana-Marija O'Neil"),
        ("Dj\u0301", "Dj\u0301"),  # a combining accent is a letter's mark, not a control
        ("Ana\u00a0Kovač", "Ana Kovač"),  # no-break space becomes a plain one
        ("Đ" * 120, "Đ" * 120),
    ],
)
def test_names_are_trimmed_and_kept(typed, expected):
    assert certificates.clean_name(typed) == expected


def test_names_are_normalised_to_composed_letters():
    assert certificates.clean_name("S\u030cc\u0301ekic\u0301") == "Šćekić"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "A",
        "Đ" * 121,
        "Ana\x00Kovač",
        "Ana\tKovač",
        "Ana\nKovač",
        "Ana\u202eKovač",
        "Ana\u200bKovač",
        "Ana\u2028Kovač",
        "12345",
        "—·—",
    ],
)
def test_bad_names_are_refused(typed):
    with pytest.raises(Refused) as error:
        certificates.clean_name(typed)
    assert error.value.field == "name"


def test_names_the_pdf_cannot_print_are_refused_with_the_characters():
    with pytest.raises(Refused) as error:
        certificates.clean_name("李小龍 Lee")
    assert "李 小 龍" in error.value.message and "Latin or Cyrillic" in error.value.message


def test_claim_needs_every_module_passed_is_kept_once_and_a_new_name_replaces_it(db, catalog):
    course = catalog.course("demo")
    user = accounts.new_guest(db)
    with pytest.raises(certificates.NotEligible):
        certificates.claim(db, None, course, "Mila", "en")
    pass_module(db, catalog, user, "basics")
    with pytest.raises(certificates.NotEligible):
        certificates.claim(db, user, course, "Mila Petrović", "en")
    assert count(db) == 0
    pass_module(db, catalog, user, "next")
    cert = certificates.claim(db, user, course, " Mila  Petrović ", "en")
    assert cert.name == "Mila Petrović" and cert.classroom_id is None
    assert cert.issuer_name is None and cert.course_title == "Demo course"
    assert [m["slug"] for m in cert.modules] == ["basics", "next"]
    code, issued = cert.code, cert.issued_at
    again = certificates.claim(db, user, course, "Mila Petrović", "sr-Cyrl")
    assert again.id == cert.id and again.code == code and again.issued_at == issued
    assert again.language == "sr-Cyrl" and again.course_title == "Пробни курс"
    assert count(db) == 1
    # Another name is a correction: a new certificate, the old one revoked and pointing
    # to it, so the old code never shows a name it was not issued with.
    corrected = certificates.claim(db, user, course, "Mila Petrović Jovanović", "sr-Cyrl")
    assert corrected.id != cert.id and corrected.code != code
    assert corrected.name == "Mila Petrović Jovanović" and not corrected.is_revoked
    assert cert.name == "Mila Petrović" and cert.is_revoked
    assert cert.revoked_reason == certificates.NAME_CORRECTED
    assert cert.replaced_by_id == corrected.id and cert.revoked_by_id == user.id
    assert count(db) == 2
    assert certificates.claim(db, user, course, "Mila Petrović Jovanović", "en").id == corrected.id


def test_a_class_certificate_covers_the_modules_the_class_assigned(db, catalog):
    course = catalog.course("demo")
    teacher = accounts.sign_up(db, None, "nastavnica", PASSWORD, role="facilitator")
    classroom = make_class(db, teacher, modules=("basics",))
    learner = accounts.new_guest(db)
    enrol(db, classroom, learner, "Zeka")
    pass_module(db, catalog, learner, "basics")
    state = certificates.claim_state(db, learner, course)
    assert [s.key for s in state.scopes] == [f"class-{classroom.id}", "self"]
    assert [s.key for s in state.eligible] == [f"class-{classroom.id}"]
    with pytest.raises(certificates.NotEligible):
        certificates.claim(db, learner, course, "Zoran Zekić", "en", scope_key="self")
    cert = certificates.claim(db, learner, course, "Zoran Zekić", "en")
    assert cert.classroom_id == classroom.id and cert.issuer_name == "Gimnazija, IV-2"
    assert [m["slug"] for m in cert.modules] == ["basics"]
    words = certificate_texts.texts(cert, catalog)
    assert words.is_partial and words.module_titles == ("Module basics",)
    # Completing the whole course as well earns a second, separate certificate.
    pass_module(db, catalog, learner, "next")
    own = certificates.claim(db, learner, course, "Zoran Zekić", "en", scope_key="self")
    assert own.id != cert.id and own.classroom_id is None
    assert not certificate_texts.texts(own, catalog).is_partial
    assert count(db) == 2


def test_a_class_that_assigned_no_modules_means_the_whole_course(db, catalog):
    course = catalog.course("demo")
    teacher = accounts.sign_up(db, None, "nastavnik", PASSWORD, role="facilitator")
    classroom = make_class(db, teacher, modules=())
    learner = accounts.new_guest(db)
    enrol(db, classroom, learner, "Zeka")
    pass_module(db, catalog, learner, "basics")
    assert not certificates.claim_state(db, learner, course).eligible
    pass_module(db, catalog, learner, "next")
    assert certificates.claim_state(db, learner, course).eligible[0].classroom is not None


def test_texts_follow_the_language_and_survive_the_course_leaving(db, catalog):
    course = catalog.course("demo")
    user = accounts.new_guest(db)
    pass_module(db, catalog, user, "basics")
    pass_module(db, catalog, user, "next")
    cert = certificates.claim(db, user, course, "Ђорђе Шћекић", "sr-Cyrl")
    words = certificate_texts.texts(cert, catalog)
    assert words.course_title == "Пробни курс"
    assert words.module_titles == (to_cyrillic("Modul basics"), "Модул next")
    assert certificate_texts.texts(cert, catalog, "en").course_title == "Demo course"
    cert.course_slug = "retired-course"
    gone = certificate_texts.texts(cert, catalog, "en")
    assert gone.course_title == "Пробни курс" and gone.module_titles[1] == "Модул next"


def test_find_by_code_accepts_typing_variants(db, catalog):
    user = accounts.new_guest(db)
    pass_module(db, catalog, user, "basics")
    pass_module(db, catalog, user, "next")
    cert = certificates.claim(db, user, catalog.course("demo"), "Mila", "en")
    typed = cert.code.lower().replace("-", " ")
    assert certificates.find_by_code(db, typed) is cert
    assert certificates.find_by_code(db, "K7QM-9XTR-4HNP-WZ3O") is None  # O: never in codes
    assert certificates.find_by_code(db, "") is None


def test_revoking_is_for_the_class_facilitators_and_admins(db, catalog):
    course = catalog.course("demo")
    teacher = accounts.sign_up(db, None, "nastavnica", PASSWORD, role="facilitator")
    stranger = accounts.sign_up(db, None, "drugaskola", PASSWORD, role="facilitator")
    admin = accounts.sign_up(db, None, "admin", PASSWORD, role="admin")
    classroom = make_class(db, teacher)
    make_class(db, stranger, invite="INVITE2", join_code="JOIN0002")
    learner = accounts.new_guest(db)
    enrol(db, classroom, learner, "Zeka")
    pass_module(db, catalog, learner, "basics")
    pass_module(db, catalog, learner, "next")
    cert = certificates.claim(db, learner, course, "Zoran Zekić", "en")
    own = certificates.claim(db, learner, course, "Zoran Zekić", "en", scope_key="self")

    assert access.can_view_certificate(db, teacher, cert)
    assert not access.can_view_certificate(db, stranger, cert)
    assert access.can_view_certificate(db, learner, cert)
    assert not access.can_revoke_certificate(db, learner, cert)
    for nobody in (stranger, learner):
        with pytest.raises(NotFound):
            certificates.revoke(db, nobody, cert, "Copied the answers")
    with pytest.raises(NotFound):  # no class: only an administrator
        certificates.revoke(db, teacher, own, "Copied the answers")
    for bad in (" x ", "Copied\x00 the answers", "Copied \u202eanswers", "x" * 501):
        with pytest.raises(Refused) as error:
            certificates.revoke(db, teacher, cert, bad)
        assert error.value.field == "reason" and not cert.is_revoked

    certificates.revoke(db, teacher, cert, "  Copied   the answers ")
    assert cert.is_revoked and cert.revoked_reason == "Copied the answers"
    assert cert.revoked_by_id == teacher.id
    with pytest.raises(Refused):
        certificates.revoke(db, teacher, cert, "Again")
    with pytest.raises(Refused):  # a revoked certificate is never changed by re-claiming
        certificates.claim(db, learner, course, "Someone Else", "en")
    assert cert.name == "Zoran Zekić"
    certificates.revoke(db, admin, own, "Issued by mistake")
    assert own.is_revoked


def test_class_rows_and_printable_certificates(db, catalog):
    course = catalog.course("demo")
    teacher = accounts.sign_up(db, None, "nastavnica", PASSWORD, role="facilitator")
    classroom = make_class(db, teacher)
    people = {}
    for nickname in ("Ana", "Bojan", "Ceca", "Dara"):
        people[nickname] = accounts.new_guest(db)
        enrol(db, classroom, people[nickname], nickname)
    for nickname in ("Ana", "Bojan", "Ceca"):
        pass_module(db, catalog, people[nickname], "basics")
        pass_module(db, catalog, people[nickname], "next")
    ana = certificates.claim(db, people["Ana"], course, "Ana Anić", "en")
    bojan = certificates.claim(db, people["Bojan"], course, "Bojan Bojić", "sr-Cyrl")
    certificates.revoke(db, teacher, bojan, "Not the person who took the course")
    rows = class_certificates.class_rows(db, catalog, classroom)
    assert [(r.nickname, r.status) for r in rows] == [
        ("Ana", "valid"),
        ("Bojan", "revoked"),
        ("Ceca", "not-claimed"),
        ("Dara", "in-progress"),
    ]
    assert class_certificates.list_printable(db, classroom) == [ana]
    # A learner who leaves keeps the certificate; the list still shows it.
    db.delete(db.scalar(select(Membership).where(Membership.user_id == people["Ana"].id)))
    db.flush()
    rows = class_certificates.class_rows(db, catalog, classroom)
    assert (rows[-1].nickname, rows[-1].certificate) == (None, ana)
    assert len(rows) == 4


def test_managed_class_is_hidden_from_other_organisations(db):
    teacher = accounts.sign_up(db, None, "nastavnica", PASSWORD, role="facilitator")
    stranger = accounts.sign_up(db, None, "drugaskola", PASSWORD, role="facilitator")
    classroom = make_class(db, teacher)
    assert class_certificates.get_managed_class(db, teacher, classroom.id) is classroom
    for nobody in (stranger, None):
        with pytest.raises(NotFound):
            class_certificates.get_managed_class(db, nobody, classroom.id)
    for missing in (999, 0, 10**30):
        with pytest.raises(NotFound):
            class_certificates.get_managed_class(db, teacher, missing)


def test_merge_moves_a_guests_certificates_into_the_account(db, catalog):
    guest = accounts.new_guest(db)
    account = accounts.sign_up(db, None, "mila", PASSWORD)
    pass_module(db, catalog, guest, "basics")
    pass_module(db, catalog, guest, "next")
    cert = certificates.claim(db, guest, catalog.course("demo"), "Mila", "en")
    certificates.merge_into(db, guest, account)
    assert cert.user_id == account.id
    assert certificates.list_mine(db, account) == [cert]
    assert certificates.list_mine(db, guest) == []


def test_merging_a_guest_into_an_account_keeps_one_valid_certificate_each_scope(db, catalog):
    """Both claimed the course on their own: the account keeps its certificate, and the
    guest's, already printed, stays valid but unlinked (not an error, not revoked)."""
    course = catalog.course("demo")
    guest, account = accounts.new_guest(db), accounts.new_guest(db)
    for user in (guest, account):
        pass_module(db, catalog, user, "basics")
        pass_module(db, catalog, user, "next")
    printed = certificates.claim(db, guest, course, "Mila Petrović", "en")
    kept = certificates.claim(db, account, course, "Mila Petrović", "en")
    certificates.merge_into(db, guest, account)
    db.commit()
    assert [c.id for c in certificates.list_mine(db, account)] == [kept.id]
    assert printed.user_id is None and not printed.is_revoked
