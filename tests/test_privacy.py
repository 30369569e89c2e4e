"""What never leaves the server or lands in logs, and rate limits shared through Redis."""

from __future__ import annotations

import logging
import os
import socket
import uuid

import pytest

from tests.factories import join, make_class, make_facilitator
from tests.helpers import make_app
from tests.schema import reset_schema


def test_logs_never_contain_passwords_or_recovery_codes(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "very secret phrase 4711"
    client.post(
        "/en/account/signup", data={"username": "ana", "password": secret, "confirm": secret}
    )
    client.post("/en/account/login", data={"username": "ana", "password": secret + "x"})
    teacher = make_facilitator(app)
    _org, _class, code = make_class(app, teacher)
    recovery = join(app.test_client(), code, "Mila")
    app.test_client().post("/en/continue", data={"recovery_code": recovery})
    assert secret not in caplog.text and recovery not in caplog.text


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_rate_limits_are_shared_through_redis(catalog):
    if not _redis_up():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not reachable on 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    prefix = f"unshared-test-{uuid.uuid4().hex}"
    apps = [
        make_app(
            catalog,
            RATELIMIT_ENABLED=True,
            RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/15",
            RATELIMIT_KEY_PREFIX=prefix,
        )
        for _ in range(2)
    ]
    for each in apps:
        reset_schema(each)
    # Two "processes": the limit counts attempts made at either of them.
    codes = [
        apps[i % 2]
        .test_client()
        .post("/en/account/login", data={"username": "x", "password": "y"})
        .status_code
        for i in range(11)
    ]
    assert codes[-1] == 429 and 429 not in codes[:10]
