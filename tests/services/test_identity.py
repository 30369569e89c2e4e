"""Secrets stay secret: keyed recovery lookups, hidden SQL parameters, equal-cost logins,
passwords that resist guessing, and an upgrade that keeps existing people working."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from app.credentials import codes
from app.db import get_engine
from app.models import User
from app.services import accounts, joining, passwords
from tests.factories import PASSWORD, make_class, make_facilitator
from tests.helpers import database
from tests.schema import empty_database


def test_recovery_lookup_is_keyed_so_a_database_copy_alone_cannot_be_searched(app, db):
    _org, _class_id, code = make_class(app, make_facilitator(app))
    _m, user, recovery = joining.join_class(db, code, "Mila", None)
    db.commit()
    assert user.recovery_lookup != hashlib.sha256(recovery.encode()).hexdigest()[:32]
    assert joining.find_by_recovery_code(db, recovery).id == user.id
    try:
        codes.configure("another secret")
        assert joining.find_by_recovery_code(db, recovery) is None
    finally:
        codes.configure(app.config["SECRET_KEY"])


def test_sql_errors_never_show_their_parameters(db):
    db.add(User(username="mila", password_hash="scrypt:first-hash"))
    db.commit()
    db.add(User(username="mila", password_hash="scrypt:the-secret-hash"))
    with pytest.raises(IntegrityError) as error:
        db.flush()
    assert "the-secret-hash" not in str(error.value)
    assert "hidden" in str(error.value)


@pytest.fixture
def hashes(monkeypatch) -> list[int]:
    """Counts the scrypt computations Werkzeug makes."""
    calls: list[int] = []
    real = hashlib.scrypt

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    return calls


def test_a_login_costs_one_hash_whether_or_not_the_username_exists(db, hashes):
    accounts.sign_up(db, None, "jelena", PASSWORD)
    db.commit()
    counts = []
    for username in ("nobody-here", "jelena", "nobody-else", "bad\x00name"):
        hashes.clear()
        assert accounts.authenticate(db, username, "not the password") is None
        counts.append(len(hashes))
    assert counts == [1, 1, 1, 1]


def test_a_recovery_code_costs_one_hash_whether_or_not_it_exists(app, db, hashes):
    _org, _class_id, code = make_class(app, make_facilitator(app))
    _m, _user, recovery = joining.join_class(db, code, "Mila", None)
    db.commit()
    counts = []
    for typed in ("AAAA-BBBB-CCCC", recovery, "not a code"):
        hashes.clear()
        joining.find_by_recovery_code(db, typed)
        counts.append(len(hashes))
    assert counts == [1, 1, 1]


@pytest.mark.parametrize(
    "password",
    ["aaaaaaaaaa", "0000000000", "abcdefghij", "Passw0rd!!", "qwertyuiop", "lozinka123456"],
)
def test_guessable_passwords_are_refused_with_advice(app, password):
    with app.test_request_context():
        problem = passwords.problem(password, "ana")
        assert problem is not None and "unrelated words" in problem


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "plum violin harbour seven", "moja mačka pije čaj", "x7#Lq9!vR2$mWp"],
)
def test_passphrases_and_random_passwords_are_accepted(app, password):
    with app.test_request_context():
        assert passwords.problem(password, "ana") is None


def test_upgrade_keeps_existing_recovery_codes_and_sessions_working(app):
    """Rows written before revision b9c1e0a1d201: unkeyed lookups, numeric cookies, and two
    accounts that differ only in case (which the old code let through)."""
    runner = app.test_cli_runner()
    empty_database(app)
    assert runner.invoke(args=["db", "upgrade", "40df2647d7d8"]).exit_code == 0
    recovery = "ABCD-EFGH-JKMN"
    now = datetime.now(UTC)
    rows = [
        {
            "id": 1,
            "username": None,
            "password_hash": None,
            "recovery_hash": passwords.hash_password(recovery),
            "recovery_lookup": hashlib.sha256(recovery.encode()).hexdigest()[:32],
        },
        {
            "id": 2,
            "username": "Marko",
            "password_hash": passwords.hash_password(PASSWORD),
            "recovery_hash": None,
            "recovery_lookup": None,
        },
        {
            "id": 3,
            "username": "marko",
            "password_hash": passwords.hash_password(PASSWORD),
            "recovery_hash": None,
            "recovery_lookup": None,
        },
    ]
    with app.app_context(), get_engine().begin() as conn:
        for row in rows:
            conn.execute(
                text(
                    "INSERT INTO users (id, username, password_hash, recovery_hash, "
                    "recovery_lookup, role, created_at, last_seen_at) VALUES (:id, :username, "
                    ":password_hash, :recovery_hash, :recovery_lookup, 'learner', :now, :now)"
                ),
                {**row, "now": now},
            )
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with database(app) as db:
        assert joining.find_by_recovery_code(db, recovery).id == 1
        users = {u.id: u for u in db.scalars(select(User))}
        assert all(u.session_key.startswith("legacy-") for u in users.values())
        assert len({u.session_key for u in users.values()}) == 3
        assert accounts.authenticate(db, "MARKO", PASSWORD).id == 2
        assert users[3].username == "marko-3"
        assert accounts.authenticate(db, "marko-3", PASSWORD).id == 3
