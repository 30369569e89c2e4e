"""Revocation travels with the credential: a verifier that is not the signer reads it.

The verifier below is written from W3C Bitstring Status List v1.0 and uses joserfc, not
the site's PyJWT: it verifies the credential against the published key set, follows its
``credentialStatus`` to the status list, verifies the list's signature against the same
key set, decodes the bitstring (multibase ``u`` + base64url, GZIP) and reads the bit."""

from __future__ import annotations

import base64
import gzip
import time
from urllib.parse import urlsplit

import pytest

from tests.factories import LATIN, claim_code, log_in, make_facilitator, pass_course
from tests.helpers import assert_valid, jose_decode


def _path(url: str) -> str:
    assert url.startswith("http://127.0.0.1:5000/"), url  # the site's PUBLIC_URL, nobody else
    return urlsplit(url).path


def is_revoked(verifier, token: str) -> bool:  # type: ignore[no-untyped-def]
    """What a verifier concludes about the VC-JWT ``token`` (raises if anything is off)."""
    jwks = verifier.get("/issuer/jwks.json").get_json()
    credential = jose_decode(token, jwks).claims
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    index = int(entry["statusListIndex"])
    assert index >= 0 and str(index) == entry["statusListIndex"]

    response = verifier.get(_path(entry["statusListCredential"]))
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    status = jose_decode(response.get_data(as_text=True), jwks).claims  # signed by the issuer
    assert status["id"] == entry["statusListCredential"]
    assert "BitstringStatusListCredential" in status["type"]
    assert status["issuer"]["id"] == credential["issuer"]["id"] == status["iss"]
    assert status["nbf"] <= time.time()  # valid already for a verifier whose clock is behind
    subject = status["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == entry["statusPurpose"]
    encoded = subject["encodedList"]
    assert encoded.startswith("u")  # multibase: base64url without padding
    compressed = base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    bits = gzip.decompress(compressed)
    assert len(bits) * 8 >= 131072  # at least 16 KiB uncompressed
    assert index < len(bits) * 8
    return bool((bits[index // 8] >> (7 - index % 8)) & 1)  # index 0 is the left-most bit


def revoke_as_admin(app, code: str) -> None:  # type: ignore[no-untyped-def]
    make_facilitator(app, "chief", admin=True)
    admin = app.test_client()
    log_in(admin, "chief")
    response = admin.post(f"/en/certificates/{code}/revoke", data={"reason": "Issued by mistake"})
    assert response.status_code == 303, response.get_data(as_text=True)[:1000]


def test_a_revoked_credential_reads_as_revoked_to_an_independent_verifier(app, client):
    pass_course(client)
    code = claim_code(client, LATIN)
    verifier = app.test_client()
    token = verifier.get(f"/credentials/{code}.jwt").get_data(as_text=True)
    credential = verifier.get(f"/credentials/{code}.json").get_json()
    assert_valid("achievementcredential.json", credential)
    assert (
        credential["credentialStatus"]["statusListCredential"]
        == "http://127.0.0.1:5000/credentials/status/1"
    )
    assert is_revoked(verifier, token) is False

    revoke_as_admin(app, code)
    # The token the verifier was given before still has a good signature ...
    assert (
        jose_decode(token, verifier.get("/issuer/jwks.json").get_json()).claims["jti"]
        == credential["id"]
    )
    # ... and its status now says revoked, both for it and for a fresh download.
    assert is_revoked(verifier, token) is True
    fresh = verifier.get(f"/credentials/{code}.jwt").get_data(as_text=True)
    assert is_revoked(verifier, fresh) is True


def test_a_corrected_name_revokes_the_old_credential_only(app, client):
    pass_course(client)
    old = claim_code(client, LATIN)
    old_token = client.get(f"/credentials/{old}.jwt").get_data(as_text=True)
    new = claim_code(client, "Đorđe Šćekić Petrović")
    new_token = client.get(f"/credentials/{new}.jwt").get_data(as_text=True)
    verifier = app.test_client()
    assert is_revoked(verifier, old_token) is True
    assert is_revoked(verifier, new_token) is False
    entries = [
        client.get(f"/credentials/{c}.json").get_json()["credentialStatus"] for c in (old, new)
    ]
    assert entries[0]["statusListIndex"] != entries[1]["statusListIndex"]


def test_the_status_list_is_readable_as_json_and_unknown_lists_are_404(app, client):
    pass_course(client)
    claim_code(client, LATIN)
    document = client.get("/credentials/status/1.json")
    assert document.status_code == 200
    assert document.get_json()["credentialSubject"]["statusPurpose"] == "revocation"
    assert document.get_json()["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    for missing in (
        "/credentials/status/2",
        "/credentials/status/0.json",
        "/credentials/status/99999999999999999999",
    ):
        assert client.get(missing).status_code == 404, missing


@pytest.mark.parametrize("tamper", ["bit", "signature"])
def test_a_forged_status_list_does_not_verify(app, client, tamper):
    pass_course(client)
    claim_code(client, LATIN)
    token = client.get("/credentials/status/1").get_data(as_text=True)
    head, body, signature = token.split(".")
    if tamper == "bit":
        body = body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB")
    else:
        signature = signature[::-1]
    from joserfc.errors import JoseError

    with pytest.raises((JoseError, ValueError)):
        jose_decode(f"{head}.{body}.{signature}", client.get("/issuer/jwks.json").get_json())
