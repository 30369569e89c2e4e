"""W3C Bitstring Status List v1.0: where a credential says it may be revoked, and the list.

Each certificate has a place (an index) in a list of at least 131,072 bits (16 KiB, the
minimum the specification sets, so that one bit says little about any one person). Its
credential carries a ``credentialStatus`` of type ``BitstringStatusListEntry`` that names
the list's URL and the index; the list itself is a ``BitstringStatusListCredential``
signed by the same key as the credentials, whose ``encodedList`` is the bitstring,
GZIP-compressed, base64url-encoded without padding and prefixed with ``u`` (the multibase
code of base64url). Index 0 is the left-most (most significant) bit of the first byte; a
set bit means revoked. The purpose is ``revocation`` only: a withdrawn certificate is
never reinstated.
"""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from .openbadges.credential import timestamp

__all__ = ["LIST_SIZE", "PURPOSE", "encode_list", "status_entry", "status_list_credential"]

#: Bits per list: the specification's minimum (16 KiB uncompressed).
LIST_SIZE = 131072

#: The one status purpose the site publishes.
PURPOSE = "revocation"


def encode_list(revoked: Iterable[int], size: int = LIST_SIZE) -> str:
    """The ``encodedList`` of a list whose bits at ``revoked`` are set.

    Raises:
        ValueError: for an index outside the list.
    """
    bits = bytearray(size // 8)
    for index in revoked:
        if not 0 <= index < size:
            raise ValueError(f"status index {index} is outside a list of {size}")
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)  # mtime 0: the same list, the same bytes
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def status_entry(list_url: str, index: int) -> dict[str, Any]:
    """The ``credentialStatus`` of a credential at ``index`` of the list at ``list_url``."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def status_list_credential(
    list_url: str, issuer: Mapping[str, Any], encoded: str, valid_from: datetime
) -> dict[str, Any]:
    """The unsigned ``BitstringStatusListCredential`` at ``list_url`` (sign it like any
    credential, with :func:`app.credentials.openbadges.signing.sign_credential`)."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": {key: value for key, value in issuer.items() if key != "@context"},
        "validFrom": timestamp(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encoded,
        },
    }
