"""Input a browser can send that once caused a server error: each is now a clear 4xx, or an
idempotent success, and a refusal writes nothing (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import pytest

from tests.factories import make_class, make_facilitator
from tests.helpers import ALL_RIGHT, QUIZ_URL, row_counts


@pytest.mark.parametrize("answer", ["²", "¹", "①", "٣", "9" * 5000, "+1", " 1"])
def test_a_quiz_answer_that_is_not_an_option_number_is_left_unanswered(client, app, answer):
    before = row_counts(app)
    response = client.post(QUIZ_URL, data=dict(ALL_RIGHT, **{"q-vanish": answer}))
    assert response.status_code == 422
    assert "Please answer every question" in response.get_data(as_text=True)
    assert row_counts(app) == before


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("post", QUIZ_URL, dict(ALL_RIGHT, token="t\x00ken")),
        ("post", QUIZ_URL, dict(ALL_RIGHT, **{"q-vanish\x00": "1"})),
        ("post", "/en/courses/demo/basics/intro/done", {"x": "\x00"}),
        ("post", "/en/account/login", {"username": "mi\x00la", "password": "whatever it is"}),
        (
            "post",
            "/en/account/signup",
            {
                "username": "mi\x00la",
                "password": "a long phrase here",
                "confirm": "a long phrase here",
            },
        ),
        ("post", "/en/join", {"code": "KQ7M-4TRZ", "nickname": "Mi\x00la"}),
        ("post", "/en/continue", {"recovery_code": "ABCD-EFGH-\x00JKM"}),
        ("get", "/en/help?country=r\x00s", None),
        ("get", "/verify/AB%00CD", None),
        ("get", "/en/join/KQ7M%004TRZ", None),
    ],
)
def test_a_nul_byte_anywhere_is_refused_before_anything_is_written(client, app, method, path, data):
    teacher = make_facilitator(app)
    make_class(app, teacher)
    before = row_counts(app)
    response = getattr(client, method)(path, data=data)
    assert response.status_code == 400
    assert "Something in that request was not right" in response.get_data(as_text=True)
    assert row_counts(app) == before


@pytest.mark.parametrize("host", ["a" * 3000, "x" * 64 + ".example.org", "."])
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_impossible_host_header_gets_the_friendly_400_page(client, app, host, method):
    before = row_counts(app)
    response = getattr(client, method)(
        "/en/courses/demo/basics/intro/done" if method == "post" else "/en/", headers={"Host": host}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Something in that request was not right" in page
    assert 'id="quick-exit"' in page and 'href="/en/"' in page
    assert len(host) == 1 or host not in page
    assert row_counts(app) == before
