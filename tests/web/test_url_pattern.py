"""An address made once for a whole table is the address each row would have built."""

from __future__ import annotations

from flask import Flask, url_for

from app.web.urls import url_pattern


def test_a_pattern_filled_with_an_id_is_that_rows_address(app: Flask) -> None:
    with app.test_request_context("/sr-Cyrl/"):
        pattern = url_pattern(
            "classes.remove_member", "member_id", class_id=12, lang_code="sr-Cyrl"
        )
        for member_id in (1, 12, 987654):
            expected = url_for(
                "classes.remove_member", class_id=12, member_id=member_id, lang_code="sr-Cyrl"
            )
            assert pattern.format(member_id) == expected
