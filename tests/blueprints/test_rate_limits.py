"""Rate limits that fit a school: a class of 40 behind one address gets in and continues,
guesses of codes are stopped, and behind a reverse proxy only a trusted X-Forwarded-For
counts (see app/blueprints/classes/limits.py and app/web/guard.py).

The test configuration turns the limiter off; every test here turns it on."""

from __future__ import annotations

import pytest

from app.config import ConfigError
from app.db import get_engine
from app.services import joining
from tests.factories import PASSWORD, make_class, make_facilitator
from tests.helpers import database, make_app
from tests.schema import reset_schema

SCHOOL = {"REMOTE_ADDR": "198.51.100.20"}  # one address for the whole school (NAT)
WRONG_CODE = "ZZZZ-ZZZZ"


def _limited(catalog, **overrides):
    app = make_app(catalog, RATELIMIT_ENABLED=True, **overrides)
    reset_schema(app)
    return app


def _pupil(app, address: dict = SCHOOL):
    client = app.test_client()
    client.environ_base.update(address)
    return client


JOINED = 200  # the welcome page with the new recovery code, shown in the join response


def _join(client, code: str, nickname: str) -> int:
    response = client.post("/en/join", data={"code": code, "nickname": nickname})
    if response.status_code == JOINED:
        assert "recovery code" in response.get_data(as_text=True).lower()
    return response.status_code


def test_a_class_of_40_behind_one_address_all_join_despite_typos(catalog):
    app = _limited(catalog)
    _org, _class_id, code = make_class(app, make_facilitator(app))
    statuses = []
    for number in range(1, 41):
        pupil = _pupil(app)
        if number % 4 == 0:  # every fourth pupil first mistypes the code
            assert _join(pupil, WRONG_CODE, f"Pupil {number}") == 422
        assert _join(pupil, code, "x") == 422  # a nickname too short, then a good one
        statuses.append(_join(pupil, code, f"Pupil {number}"))
    assert statuses == [JOINED] * 40


def test_guessing_class_codes_from_one_address_is_stopped(catalog):
    app = _limited(catalog)
    _org, _class_id, code = make_class(app, make_facilitator(app))
    guesser = _pupil(app)
    guesses = [_join(guesser, f"ZZZZ-{n:04d}".replace("0", "Z"), "Guess") for n in range(60)]
    assert guesses == [422] * 60
    # Past the limit even the right code is refused, so a guess cannot succeed there.
    assert _join(guesser, code, "Guess") == 429
    assert _join(_pupil(app, {"REMOTE_ADDR": "203.0.113.9"}), code, "Elsewhere") == JOINED


def test_bad_nicknames_do_not_spend_the_class_budget(catalog):
    app = _limited(catalog)
    _org, _class_id, code = make_class(app, make_facilitator(app))
    prankster = _pupil(app)
    refusals = [_join(prankster, code, "!") for _ in range(250)]
    assert refusals == [422] * 250
    assert [_join(_pupil(app), code, f"Pupil {n}") for n in range(40)] == [JOINED] * 40
    assert _join(prankster, code, "Prankster") == JOINED


def test_successful_joins_are_budgeted_per_class_code(catalog):
    app = _limited(catalog)
    teacher = make_facilitator(app)
    _org, _class_id, code = make_class(app, teacher)
    _org2, _class2, other = make_class(app, teacher, name="II-4", organisation="Druga")
    # Every spelling of the code is the same class, so it spends the same budget.
    typed = [
        code,
        code.lower(),
        code.replace("-", " \u2013 "),
        code.translate(str.maketrans("AEKMHPCTX", "АЕКМНРСТХ")),
    ]
    joins = [
        _join(
            _pupil(app, {"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250}"}),
            typed[n % len(typed)],
            f"P{n}",
        )
        for n in range(151)
    ]
    assert joins[:150] == [JOINED] * 150 and joins[150] == 429
    assert _join(_pupil(app), other, "Another class") == JOINED


def _recovery_codes(app, code: str, count: int) -> list[str]:
    with database(app) as db:
        recovery = [joining.join_class(db, code, f"Pupil {n}", None)[2] for n in range(count)]
        db.commit()
    return recovery


def test_a_class_of_40_continues_from_one_address_and_unknown_codes_are_limited(catalog):
    app = _limited(catalog)
    _org, _class_id, code = make_class(app, make_facilitator(app))
    recovery = _recovery_codes(app, code, 40)
    statuses = [
        _pupil(app).post("/en/continue", data={"recovery_code": r}).status_code for r in recovery
    ]
    assert statuses == [303] * 40
    guesser = _pupil(app)
    wrong = [
        guesser.post("/en/continue", data={"recovery_code": "ABCD-EFGH-JKMN"}).status_code
        for _ in range(21)
    ]
    assert wrong[:20] == [422] * 20 and wrong[20] == 429


def _exhaust_unknown_codes(client, headers: dict) -> None:
    for _ in range(60):
        assert (
            client.post(
                "/en/join", data={"code": WRONG_CODE, "nickname": "Guess"}, headers=headers
            ).status_code
            == 422
        )


def test_a_spoofed_forwarded_for_is_ignored_when_not_behind_a_proxy(catalog):
    app = _limited(catalog)
    client = _pupil(app)
    _exhaust_unknown_codes(client, {"X-Forwarded-For": "192.0.2.1"})
    fresh = client.post(
        "/en/join",
        data={"code": WRONG_CODE, "nickname": "Guess"},
        headers={"X-Forwarded-For": "192.0.2.2"},
    )
    assert fresh.status_code == 429


def test_behind_a_proxy_the_trusted_forwarded_for_is_the_address(catalog):
    app = _limited(catalog, PROXY_FIX_X_FOR=1)
    proxy = _pupil(app, {"REMOTE_ADDR": "10.0.0.1"})  # every request comes from the proxy
    _exhaust_unknown_codes(proxy, {"X-Forwarded-For": "192.0.2.1"})
    same = proxy.post(
        "/en/join",
        data={"code": WRONG_CODE, "nickname": "Guess"},
        headers={"X-Forwarded-For": "192.0.2.1"},
    )
    assert same.status_code == 429
    # A client that puts its own X-Forwarded-For first does not escape: the proxy appends
    # the real address, and only the last entry is trusted.
    spoofed = proxy.post(
        "/en/join",
        data={"code": WRONG_CODE, "nickname": "Guess"},
        headers={"X-Forwarded-For": "192.0.2.99, 192.0.2.1"},
    )
    assert spoofed.status_code == 429
    other = proxy.post(
        "/en/join",
        data={"code": WRONG_CODE, "nickname": "Guess"},
        headers={"X-Forwarded-For": "192.0.2.2"},
    )
    assert other.status_code == 422


@pytest.mark.parametrize("value", ["-1", "two", "9", "1.5"])
def test_a_proxy_hop_count_that_is_not_a_small_number_is_refused(catalog, value):
    with pytest.raises(ConfigError, match="PROXY_FIX_X_FOR"):
        make_app(catalog, PROXY_FIX_X_FOR=value)


def test_the_proxy_hop_count_is_read_from_the_environment(catalog, monkeypatch):
    from tests.helpers import VALID_COURSES

    monkeypatch.setenv("UNSHARED_PROXY_FIX_X_FOR", "1")
    monkeypatch.setenv("UNSHARED_COURSES_DIR", str(VALID_COURSES))
    monkeypatch.setenv("UNSHARED_SECRET_KEY", "test-secret")
    monkeypatch.setenv("UNSHARED_DATABASE_URL", "sqlite://")
    from app import create_app

    app = create_app(catalog=catalog)
    assert app.config["PROXY_FIX_X_FOR"] == 1

    @app.get("/_address")
    def _address() -> str:
        from flask import request

        return request.remote_addr or ""

    client = _pupil(app, {"REMOTE_ADDR": "10.0.0.1"})
    assert client.get("/_address", headers={"X-Forwarded-For": "192.0.2.5"}).text == "192.0.2.5"
    with app.app_context():
        get_engine().dispose()


def _sign_in(client, username: str, password: str) -> int:
    return client.post(
        "/en/account/login", data={"username": username, "password": password}
    ).status_code


def test_a_class_of_40_creates_accounts_and_signs_in_from_one_address(catalog):
    app = _limited(catalog)
    names = [f"pupil{n:02d}" for n in range(40)]
    for name in names:  # sign-up answers 303 to the account page
        response = _pupil(app).post(
            "/en/account/signup", data={"username": name, "password": PASSWORD, "confirm": PASSWORD}
        )
        assert response.status_code == 303, name
    # Everyone mistypes once, then signs in: all in the same minute, from the same address.
    statuses = []
    for name in names:
        pupil = _pupil(app)
        assert _sign_in(pupil, name, "not the password at all") == 422
        statuses.append(_sign_in(pupil, name, PASSWORD))
    assert statuses == [303] * 40


def test_guessing_one_persons_password_is_stopped_from_any_address(catalog):
    app = _limited(catalog)
    _pupil(app).post(
        "/en/account/signup", data={"username": "jelena", "password": PASSWORD, "confirm": PASSWORD}
    )
    guesses = [
        _sign_in(_pupil(app, {"REMOTE_ADDR": f"203.0.113.{n}"}), "Jelena", f"guess {n}")
        for n in range(11)
    ]
    assert guesses[:10] == [422] * 10 and guesses[10] == 429
    # Past the limit even the right password is refused, so a guess cannot succeed there;
    # other people sign in as usual.
    assert _sign_in(_pupil(app), "jelena", PASSWORD) == 429
    _pupil(app).post(
        "/en/account/signup", data={"username": "marko", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert _sign_in(_pupil(app), "marko", PASSWORD) == 303


def test_when_redis_is_down_a_class_still_joins_signs_in_and_verifies(catalog):
    # Port 1: nothing listens, so every call to the rate-limit storage fails at once.
    app = _limited(catalog, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    _org, _class_id, code = make_class(app, make_facilitator(app))
    pupil = _pupil(app)
    assert _join(pupil, WRONG_CODE, "Mila") == 422
    assert _join(pupil, code, "Mila") == JOINED
    teacher = _pupil(app)
    signed_in = teacher.post(
        "/en/account/login", data={"username": "teacher", "password": PASSWORD}
    )
    assert signed_in.status_code == 303
    assert teacher.get("/en/verify/K7QM-9XTR-4HNP-WZ3E").status_code == 404  # no such code
