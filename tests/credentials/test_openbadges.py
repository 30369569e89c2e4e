"""Open Badges 3.0: key file, JWK, profile and credential schemas, VC-JWT checked by joserfc."""

from __future__ import annotations

import base64
import json
import logging
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc import jwt as jose_jwt
from joserfc.errors import BadSignatureError, InvalidKeyIdError
from joserfc.jwk import OKPKey

from app.credentials.openbadges import (
    CONTEXT,
    KEY_FILENAME,
    build_credential,
    issuer_profile,
    jwk_set,
    jwk_thumbprint,
    load_or_create_key,
    public_jwk,
    sign_credential,
)
from app.credentials.openbadges import keys as signing_keys
from tests.helpers import assert_valid, jose_decode

from .samples import VERIFY_URL

ISSUER_ID = "https://unshared.example.org/credentials/issuer"
KID = "https://unshared.example.org/credentials/keys/main"
ISSUED = datetime(2026, 3, 3, 14, 30, 5, 123456, tzinfo=UTC)


REGISTERED = {"iss", "jti", "nbf", "sub", "exp"}


def carried(token: str, jwk: dict) -> dict:
    """The credential a verified token carries: its claims less the registered ones."""
    return {k: v for k, v in jose_decode(token, jwk).claims.items() if k not in REGISTERED}


@pytest.fixture
def key() -> Ed25519PrivateKey:
    """A fresh signing key."""
    return Ed25519PrivateKey.generate()


@pytest.fixture
def issuer() -> dict:
    """The platform's issuer profile."""
    return issuer_profile(ISSUER_ID, "Unshared", "https://unshared.example.org/")


@pytest.fixture
def credential(issuer: dict) -> dict:
    """A credential for a learner with a Serbian Cyrillic name."""
    return build_credential(
        credential_id=VERIFY_URL,
        issuer=issuer,
        recipient_name="Ђорђе Шћекић",
        achievement_id="https://unshared.example.org/courses/consent-images-rights",
        achievement_name="Пристанак и злоупотреба интимних снимака",
        achievement_description="Пет модула о пристанку, правима и подршци.",
        criteria_narrative="Завршених свих пет модула и положених провера знања.",
        valid_from=ISSUED,
        language="sr-cyrl",
    )


# ------------------------------------------------------------------ key file


def test_key_is_created_once_with_mode_0600(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    path = instance / KEY_FILENAME
    first = load_or_create_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    second = load_or_create_key(path)
    assert public_jwk(first) == public_jwk(second)
    assert [p.name for p in instance.iterdir()] == [KEY_FILENAME]  # no temporary left


def test_key_creation_race_uses_the_winners_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    winner = Ed25519PrivateKey.generate()
    real_link = os.link

    def link_after_another_process(source: str, destination: str) -> None:
        Path(destination).write_bytes(
            winner.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        os.chmod(destination, 0o600)
        real_link(source, destination)  # raises FileExistsError

    monkeypatch.setattr(signing_keys.os, "link", link_after_another_process)
    assert public_jwk(load_or_create_key(tmp_path / KEY_FILENAME)) == public_jwk(winner)
    assert [p.name for p in tmp_path.iterdir()] == [KEY_FILENAME]


def test_readable_key_file_is_used_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    key = load_or_create_key(tmp_path / KEY_FILENAME)
    (tmp_path / KEY_FILENAME).chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="app.credentials.openbadges.keys"):
        again = load_or_create_key(tmp_path / KEY_FILENAME)
    assert public_jwk(again) == public_jwk(key)
    assert "readable by other users" in caplog.text


def test_other_key_types_are_refused(tmp_path: Path) -> None:
    ec = generate_private_key(SECP256R1())
    (tmp_path / KEY_FILENAME).write_bytes(
        ec.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    with pytest.raises(ValueError, match="Ed25519"):
        load_or_create_key(tmp_path / KEY_FILENAME)


def test_a_key_that_may_not_be_created_is_never_made(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_or_create_key(tmp_path / KEY_FILENAME, create=False)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ JWK


def test_public_jwk(key: Ed25519PrivateKey) -> None:
    jwk = public_jwk(key)
    assert jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519" and jwk["alg"] == "EdDSA"
    assert "d" not in jwk
    raw = base64.urlsafe_b64decode(jwk["x"] + "=")
    assert raw == key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    assert jwk["kid"] == jwk_thumbprint(key) == jwk_thumbprint(key.public_key())
    assert public_jwk(key, kid=KID)["kid"] == KID


def test_thumbprint_agrees_with_joserfc(key: Ed25519PrivateKey) -> None:
    assert jwk_thumbprint(key) == OKPKey.import_key(public_jwk(key)).thumbprint()


def test_jwk_set(key: Ed25519PrivateKey) -> None:
    old = Ed25519PrivateKey.generate()
    keys = jwk_set(public_jwk(key), public_jwk(old))
    assert [k["kid"] for k in keys["keys"]] == [jwk_thumbprint(key), jwk_thumbprint(old)]
    json.dumps(keys)
    private = OKPKey.import_key(key).as_dict(private=True)
    with pytest.raises(ValueError, match="private"):
        jwk_set(private)
    with pytest.raises(ValueError, match="duplicate"):
        jwk_set(public_jwk(key), public_jwk(key))


# ------------------------------------------------------------------ documents


def test_issuer_profile_is_valid(issuer: dict) -> None:
    assert_valid("profile.json", issuer)
    standalone = issuer_profile(
        ISSUER_ID, "Unshared", "https://unshared.example.org/", standalone=True
    )
    assert standalone["@context"] == list(CONTEXT)
    assert_valid("profile.json", standalone)


def test_credential_is_a_valid_open_badge(credential: dict, issuer: dict) -> None:
    assert_valid("achievementcredential.json", credential)
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == VERIFY_URL
    assert credential["issuer"] == issuer
    assert credential["validFrom"] == "2026-03-03T14:30:05Z"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["id"].startswith("urn:uuid:")
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "identityHash": "Ђорђе Шћекић",
            "identityType": "name",
            "hashed": False,
        }
    ]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["inLanguage"] == "sr-Cyrl"
    assert achievement["criteria"]["narrative"].startswith("Завршених")


def test_credential_is_stable_across_rebuilds(credential: dict, issuer: dict) -> None:
    again = build_credential(
        credential_id=VERIFY_URL,
        issuer=issuer,
        recipient_name="Ђорђе Шћекић",
        achievement_id="https://unshared.example.org/courses/consent-images-rights",
        achievement_name="Пристанак и злоупотреба интимних снимака",
        achievement_description="Пет модула о пристанку, правима и подршци.",
        criteria_narrative="Завршених свих пет модула и положених провера знања.",
        valid_from=ISSUED,
        language="sr-Cyrl",
    )
    assert again == credential


def test_a_date_is_taken_as_midnight_utc(issuer: dict) -> None:
    credential = build_credential(
        credential_id=VERIFY_URL,
        issuer=issuer,
        recipient_name="Arbër Çeliku",
        achievement_id="https://unshared.example.org/courses/c",
        achievement_name="Pëlqimi",
        achievement_description="Kursi",
        criteria_narrative="Të gjitha modulet",
        valid_from=date(2026, 3, 3),
        language="sq",
        credential_description="Kursi me shkollën",
        credential_status={"id": "https://x/status/1#7", "type": "BitstringStatusListEntry"},
    )
    assert_valid("achievementcredential.json", credential)
    assert credential["validFrom"] == "2026-03-03T00:00:00Z"
    assert credential["description"] == "Kursi me shkollën"
    assert credential["credentialStatus"]["id"] == "https://x/status/1#7"


def test_bad_inputs_are_refused(issuer: dict) -> None:
    arguments: dict[str, Any] = {
        "credential_id": VERIFY_URL,
        "issuer": issuer,
        "recipient_name": "X",
        "achievement_id": "https://x/a",
        "achievement_name": "A",
        "achievement_description": "D",
        "criteria_narrative": "C",
    }
    with pytest.raises(ValueError, match="timezone"):
        build_credential(**arguments, valid_from=datetime(2026, 3, 3, 12, 0))
    with pytest.raises(ValueError, match="language"):
        build_credential(**arguments, valid_from=ISSUED, language="serbian")


# ------------------------------------------------------------------ VC-JWT


def test_signed_token_verifies_with_joserfc(credential: dict, key: Ed25519PrivateKey) -> None:
    token = sign_credential(credential, key, KID)
    decoded = jose_decode(token, public_jwk(key, kid=KID))
    assert decoded.header == {"alg": "EdDSA", "kid": KID, "typ": "JWT"}
    claims = decoded.claims
    jose_jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": ISSUER_ID},
        jti={"essential": True, "value": VERIFY_URL},
        sub={"essential": True, "value": credential["credentialSubject"]["id"]},
        nbf={"essential": True},
    ).validate(claims)
    assert claims["nbf"] == int(datetime(2026, 3, 3, 14, 30, 5, tzinfo=UTC).timestamp())
    assert "exp" not in claims and "vc" not in claims
    # the payload is the credential itself, plus the registered claims
    assert {k: v for k, v in claims.items() if k not in {"iss", "jti", "nbf", "sub"}} == credential


def test_signed_token_verifies_with_the_published_key_set(
    credential: dict, key: Ed25519PrivateKey
) -> None:
    token = sign_credential(credential, key, KID)
    assert carried(token, jwk_set(public_jwk(key, kid=KID))) == credential
    assert_valid("achievementcredential.json", carried(token, public_jwk(key)))
    # the same credential and key give the same token (Ed25519 is deterministic)
    assert sign_credential(credential, key, KID) == token


def tamper(token: str, change: dict) -> str:
    """Return ``token`` with its payload changed and the old signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(change)
    encoded = (
        base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode())
        .rstrip(b"=")
        .decode()
    )
    return f"{header}.{encoded}.{signature}"


def test_tampered_token_is_rejected(credential: dict, key: Ed25519PrivateKey) -> None:
    token = sign_credential(credential, key, KID)
    jwk = public_jwk(key, kid=KID)
    subject = {
        **credential["credentialSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": "Someone Else",
                "identityType": "name",
                "hashed": False,
            }
        ],
    }
    forged = tamper(token, {"credentialSubject": subject})
    assert forged != token
    with pytest.raises(BadSignatureError):
        jose_decode(forged, jwk)


def test_signature_from_another_key_is_rejected(credential: dict, key: Ed25519PrivateKey) -> None:
    other = Ed25519PrivateKey.generate()
    token = sign_credential(credential, other, KID)
    with pytest.raises(BadSignatureError):
        jose_decode(token, public_jwk(key, kid=KID))
    with pytest.raises(BadSignatureError):
        jose_decode(token, jwk_set(public_jwk(key, kid=KID)))
    # a verifier looks the key up by kid: a token naming a key not published is refused
    with pytest.raises(InvalidKeyIdError):
        jose_decode(sign_credential(credential, key, "other"), jwk_set(public_jwk(key, kid=KID)))


def test_valid_until_becomes_exp(credential: dict, key: Ed25519PrivateKey) -> None:
    expiring = {**credential, "validUntil": "2036-03-03T00:00:00Z"}
    claims = jose_decode(sign_credential(expiring, key, KID), public_jwk(key)).claims
    assert claims["exp"] == int(datetime(2036, 3, 3, tzinfo=UTC).timestamp())
    assert claims["nbf"] == int(datetime(2026, 3, 3, 14, 30, 5, tzinfo=UTC).timestamp())
    assert "exp" not in jose_decode(sign_credential(credential, key, KID), public_jwk(key)).claims


def test_sign_refuses_incomplete_credentials(credential: dict, key: Ed25519PrivateKey) -> None:
    subject = {k: v for k, v in credential["credentialSubject"].items() if k != "id"}
    with pytest.raises(ValueError, match=r"credentialSubject\.id"):
        sign_credential({**credential, "credentialSubject": subject}, key, KID)
    with pytest.raises(ValueError, match="JWT claims"):
        sign_credential({**credential, "iss": ISSUER_ID}, key, KID)
