"""A name cannot be changed silently: correcting it revokes the old code, which says so."""

from __future__ import annotations

import re

from tests.factories import (
    LATIN,
    certificate_count,
    claim_code,
    enrol,
    facilitator_with_class,
    learner_id,
    pass_course,
)

CORRECTED = "Đorđe Šćekić Petrović"


def _result(html: str) -> str:
    match = re.search(r'<div class="cert-result[^"]*"[^>]*>(.*?)</div>', html, re.S)
    assert match, html[:2000]
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_correcting_the_name_revokes_the_old_code_and_links_the_new_one_for_the_holder(app, client):
    pass_course(client)
    old = claim_code(client, LATIN)
    new = claim_code(client, CORRECTED)
    assert new != old and certificate_count(app) == 2

    stranger = app.test_client()
    page = stranger.get(f"/en/verify/{old}").get_data(as_text=True)
    result = _result(page)
    assert "Revoked" in result and "Name corrected" in result
    assert "Ask the holder for the new certificate" in result
    # The old paper's name stays what was issued; the new name and code are not told to a
    # stranger who holds the old paper.
    assert LATIN in page and CORRECTED not in page and new not in page
    assert "Valid" in _result(stranger.get(f"/en/verify/{new}").get_data(as_text=True))

    holder = _result(client.get(f"/en/verify/{old}").get_data(as_text=True))
    assert f"Check the new certificate {new}" in holder

    serbian = _result(stranger.get(f"/sr-Latn/verify/{old}").get_data(as_text=True))
    assert "Ime je ispravljeno" in serbian
    mine = client.get("/en/certificates/").get_data(as_text=True)
    assert CORRECTED in mine
    assert "Ime je ispravljeno" in client.get(f"/sr-Latn/certificates/{old}").get_data(
        as_text=True
    )  # the holder's own page gives the reason in the reader's language


def test_an_unrelated_facilitator_is_not_shown_the_replacement(app, client):
    teacher = app.test_client()
    facilitator_with_class(app, teacher, "nastavnica", "OŠ Vuk", "VIII-1")
    pass_course(client)
    old = claim_code(client, LATIN)
    new = claim_code(client, CORRECTED)
    # Not in the teacher's class: an unrelated facilitator is a stranger here.
    assert new not in teacher.get(f"/en/verify/{old}").get_data(as_text=True)


def test_the_class_list_shows_the_corrected_certificate_once(app, client):
    teacher = app.test_client()
    class_id = facilitator_with_class(app, teacher, "nastavnica", "OŠ Vuk", "VIII-1")
    pass_course(client)
    enrol(app, class_id, learner_id(app), "Zeka")
    scope = {"scope": f"class-{class_id}"}
    old = claim_code(client, LATIN, **scope)
    new = claim_code(client, CORRECTED, **scope)
    page = teacher.get(f"/en/classes/{class_id}/certificates").get_data(as_text=True)
    assert new in page and CORRECTED in page
    assert old not in page and page.count("Zeka") == 1
    # The facilitator of the class may know the replacement of a code of their class.
    assert new in teacher.get(f"/en/verify/{old}").get_data(as_text=True)
