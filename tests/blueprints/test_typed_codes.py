"""A code typed the way people type it works everywhere a code is asked for.

Join codes, recovery codes and certificate codes share one normalisation
(app/credentials/codes.py): a pupil with a Serbian keyboard layout still active, or who
types lower case, spaces, en dashes or full-width digits, gets in exactly as with the
printed form, and the rate limit of a class counts every spelling of its code as one.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from app.blueprints.classes.limits import join_limit_key
from app.models import Certificate, Classroom
from tests.factories import LATIN, claim_code, make_class, make_facilitator, pass_course
from tests.helpers import database

JOIN_CODE = "KQ7M-4TRZ"
CERTIFICATE_CODE = "K7QM-9XTR-4HNP-WZ3E"

_FULLWIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"}
_CYRILLIC = str.maketrans("AEKMHPCTX", "АЕКМНРСТХ")


def spellings(code: str) -> dict[str, str]:
    """``code`` as people type it, by the kind of slip."""
    return {
        "cyrillic look-alikes": code.translate(_CYRILLIC),
        "lower case": code.lower(),
        "cyrillic lower case": code.translate(_CYRILLIC).lower(),
        "spaces": " " + code.replace("-", " ") + " ",
        "no dashes": code.replace("-", ""),
        "en dash": code.replace("-", "\u2013"),
        "spaced en dash": code.replace("-", " \u2013 "),
        "full width": code.translate(_FULLWIDTH),
        "full width digits": code.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),
    }


def test_the_spellings_really_differ() -> None:
    join, certificate = spellings(JOIN_CODE), spellings(CERTIFICATE_CODE)
    assert join["cyrillic look-alikes"] == "КQ7М-4ТRZ"  # the Serbian keyboard of the issue
    assert all(typed != JOIN_CODE for typed in join.values())
    assert all(typed != CERTIFICATE_CODE for typed in certificate.values())


@pytest.mark.parametrize("slip", list(spellings(JOIN_CODE)))
def test_a_join_code_typed_any_way_joins_the_class(app, slip: str) -> None:
    _org, class_id, _code = make_class(app, make_facilitator(app))
    with database(app) as db:
        db.execute(update(Classroom).where(Classroom.id == class_id).values(join_code=JOIN_CODE))
        db.commit()
    pupil = app.test_client()
    response = pupil.post("/en/join", data={"code": spellings(JOIN_CODE)[slip], "nickname": "Mila"})
    assert response.status_code == 200, response.get_data(as_text=True)[:600]
    page = response.get_data(as_text=True)
    assert "recovery code" in page.lower() and "II-3" in page


@pytest.mark.parametrize("slip", list(spellings(CERTIFICATE_CODE)))
def test_a_certificate_code_typed_any_way_finds_the_certificate(app, client, slip: str) -> None:
    pass_course(client)
    claimed = claim_code(client, LATIN)
    with database(app) as db:
        db.execute(
            update(Certificate).where(Certificate.code == claimed).values(code=CERTIFICATE_CODE)
        )
        db.commit()
    verifier = app.test_client()
    typed = spellings(CERTIFICATE_CODE)[slip]
    response = verifier.get("/en/verify", query_string={"code": typed})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/en/verify/{CERTIFICATE_CODE}")
    page = verifier.get(response.headers["Location"]).get_data(as_text=True)
    assert LATIN in page


def test_a_recovery_code_typed_with_a_cyrillic_keyboard_continues(app) -> None:
    _org, _class_id, code = make_class(app, make_facilitator(app))
    joined = app.test_client().post("/en/join", data={"code": code, "nickname": "Mila"})
    page = joined.get_data(as_text=True)
    recovery = page.split('class="big-code">', 1)[1].split("<", 1)[0]
    typed = recovery.translate(_CYRILLIC).lower().replace("-", " \u2013 ")
    response = app.test_client().post("/en/continue", data={"recovery_code": typed})
    assert response.status_code == 303


def test_two_spellings_of_one_join_code_share_one_rate_limit_bucket(app) -> None:
    keys = set()
    for typed in [JOIN_CODE, *spellings(JOIN_CODE).values()]:
        with app.test_request_context("/en/join", method="POST", data={"code": typed}):
            keys.add(join_limit_key())
    assert keys == {f"join:{JOIN_CODE}"}
    with app.test_request_context("/en/join", method="POST", data={"code": "KQ7M-4TRA"}):
        assert join_limit_key() != f"join:{JOIN_CODE}"
