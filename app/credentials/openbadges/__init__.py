"""Open Badges 3.0 credentials, signed as VC-JWT with an Ed25519 key.

* :mod:`.keys` -- the signing key in the instance folder, its public JWK and JWK Set;
* :mod:`.credential` -- the issuer ``Profile`` and the ``OpenBadgeCredential``;
* :mod:`.signing` -- the credential as a VC-JWT (section 8.2 of the specification).

The names below are re-exported for convenience.
"""

from .credential import CONTEXT, build_credential, issuer_profile, timestamp
from .keys import ALGORITHM, KEY_FILENAME, jwk_set, jwk_thumbprint, load_or_create_key, public_jwk
from .signing import sign_credential

__all__ = [
    "ALGORITHM",
    "CONTEXT",
    "KEY_FILENAME",
    "build_credential",
    "issuer_profile",
    "jwk_set",
    "jwk_thumbprint",
    "load_or_create_key",
    "public_jwk",
    "sign_credential",
    "timestamp",
]
