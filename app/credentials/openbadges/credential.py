"""The documents of Open Badges 3.0: the issuer's ``Profile`` and the ``OpenBadgeCredential``.

Besides the printable PDF, each certificate can be downloaded as an Open Badges 3.0
``OpenBadgeCredential`` (a W3C Verifiable Credential, data model 2.0) that a learner
can keep in a wallet or a backpack and that anyone can verify offline with the
platform's public key. This module builds the JSON; signing it is
:mod:`app.credentials.openbadges.signing`'s, serving it the web layer's.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

__all__ = ["CONTEXT", "build_credential", "issuer_profile", "timestamp"]

#: The two JSON-LD contexts every Open Badges 3.0 credential starts with.
CONTEXT = (
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
)

# Achievement.inLanguage in the Open Badges 3.0 JSON schema.
_IN_LANGUAGE = re.compile(r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")


def issuer_profile(
    issuer_id: str, name: str, url: str, *, standalone: bool = False
) -> dict[str, Any]:
    """Return an Open Badges 3.0 ``Profile`` of the issuer (the platform).

    ``issuer_id`` is a URL that should serve this very profile as JSON (that is what
    ``issuer.id`` and the ``iss`` claim point to); ``url`` is the home page. With
    ``standalone=True`` the ``@context`` is included, for serving the profile as a
    document of its own; inside a credential it is not needed.
    """
    profile: dict[str, Any] = {}
    if standalone:
        profile["@context"] = list(CONTEXT)
    profile.update({"id": issuer_id, "type": ["Profile"], "name": name, "url": url})
    return profile


def timestamp(value: datetime | date) -> str:
    """Format an aware datetime (or a date, taken as midnight UTC) as ``...Z``, to the second.

    Raises:
        ValueError: for a naive datetime.
    """
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0), tzinfo=UTC)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetimes in a credential must be timezone-aware")
    value = value.astimezone(UTC).replace(microsecond=0)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _language_tag(language: str) -> str:
    """Normalise a BCP 47 tag's case (``sr-latn`` -> ``sr-Latn``) and check it."""
    parts = language.replace("_", "-").split("-")
    fixed = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            fixed.append(part.title())
        elif len(part) == 2:
            fixed.append(part.upper())
        else:
            fixed.append(part)
    tag = "-".join(fixed)
    if not _IN_LANGUAGE.match(tag):
        raise ValueError(f"language {language!r} is not a tag Open Badges accepts")
    return tag


def _achievement(
    achievement_id: str, name: str, description: str, narrative: str, language: str | None
) -> dict[str, Any]:
    """The course as an ``Achievement`` (the same for every learner)."""
    achievement: dict[str, Any] = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": name,
        "description": description,
        "criteria": {"narrative": narrative},
    }
    if language:
        achievement["inLanguage"] = _language_tag(language)
    return achievement


def _identity(name: str) -> dict[str, Any]:
    """The learner, named in clear: an ``IdentityObject`` of ``identityType`` ``"name"``."""
    return {"type": "IdentityObject", "identityHash": name, "identityType": "name", "hashed": False}


def build_credential(
    *,
    credential_id: str,
    issuer: Mapping[str, Any],
    recipient_name: str,
    achievement_id: str,
    achievement_name: str,
    achievement_description: str,
    criteria_narrative: str,
    valid_from: datetime | date,
    language: str | None = None,
    credential_description: str | None = None,
    credential_status: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return an unsigned ``OpenBadgeCredential`` (Open Badges 3.0) as a dict.

    Args:
        credential_id: the verification URL of the certificate (``id`` and ``jti``).
        issuer: the issuer :func:`issuer_profile` (embedded; its ``id`` is ``iss``).
        recipient_name: the learner's name, in ``credentialSubject.identifier``.
        achievement_id: a stable URL of the course (the same for every learner).
        achievement_name: the course title, also the credential's name in wallets.
        achievement_description: what the course is about.
        criteria_narrative: what the learner had to do (Markdown allowed).
        valid_from: when the credential was issued: an aware datetime, or a date
            (taken as midnight UTC). Seconds precision.
        language: BCP 47 tag of the texts (``Achievement.inLanguage``).
        credential_description: optional short description for wallets.
        credential_status: where a verifier checks whether the credential was revoked
            (``credentialStatus``, e.g. :func:`app.credentials.statuslist.status_entry`).

    The subject's ``id`` (``sub``) is a ``urn:uuid:`` derived from ``credential_id``:
    stable across rebuilds, and not linkable between a learner's credentials.

    Raises:
        ValueError: for a naive datetime or a language tag the schema rejects.
    """
    achievement = _achievement(
        achievement_id, achievement_name, achievement_description, criteria_narrative, language
    )
    credential: dict[str, Any] = {
        "@context": list(CONTEXT),
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {key: value for key, value in issuer.items() if key != "@context"},
        "validFrom": timestamp(valid_from),
        "name": achievement_name,
        "credentialSubject": {
            "id": uuid.uuid5(uuid.NAMESPACE_URL, credential_id).urn,
            "type": ["AchievementSubject"],
            "identifier": [_identity(recipient_name)],
            "achievement": achievement,
        },
    }
    if credential_description:
        credential["description"] = credential_description
    if credential_status is not None:
        credential["credentialStatus"] = dict(credential_status)
    return credential
