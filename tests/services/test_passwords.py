"""Hash costs: a chosen password gets the full scrypt cost, a random recovery code less."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from werkzeug.security import generate_password_hash

from app.credentials import new_code
from app.credentials.codes import RECOVERY_CODE_LENGTH
from app.services import passwords


@pytest.fixture
def production_cost() -> Iterator[None]:
    """The production setting (the suite runs with a cheaper one), restored afterwards."""
    before = passwords._method
    passwords.configure("scrypt")
    yield
    passwords.configure(before)


def _cost(hashed: str) -> int:
    return int(hashed.split("$", 1)[0].split(":")[1])


def test_a_recovery_code_is_hashed_at_an_eighth_of_a_passwords_cost(production_cost) -> None:
    code = new_code(RECOVERY_CODE_LENGTH)
    hashed = passwords.hash_code(code)
    assert _cost(hashed) == passwords.CODE_COST == 2**12
    assert _cost(passwords.hash_password("a long odd sentence")) == 2**15
    assert passwords.verify_code(hashed, code)
    assert not passwords.verify_code(hashed, new_code(RECOVERY_CODE_LENGTH))
    assert not passwords.verify_code(None, code)


def test_a_code_hashed_at_the_old_password_cost_still_works(production_cost) -> None:
    code = new_code(RECOVERY_CODE_LENGTH)
    assert passwords.verify_code(generate_password_hash(code, method="scrypt"), code)


def test_a_cheaper_test_setting_is_kept_for_codes_too() -> None:
    before = passwords._method
    passwords.configure("scrypt:1024:8:1")
    try:
        assert _cost(passwords.hash_code("K7QM9XTR4HNP")) == 1024
    finally:
        passwords.configure(before)
