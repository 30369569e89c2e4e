"""Short codes people read aloud or type: class join codes, organisation invites, recovery
codes. The alphabet leaves out characters that look or sound alike (0/O, 1/l/I, U/V)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"


def make(length: int, group: int = 4) -> str:
    """A random code of ``length`` symbols, grouped with dashes for reading aloud."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return "-".join(symbols[i:i + group] for i in range(0, length, group))


def normalize(text: str, length: int, group: int = 4) -> str | None:
    """The canonical form of a typed code, or ``None`` if it cannot be one."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) != length or any(ch not in ALPHABET for ch in cleaned):
        return None
    return "-".join(cleaned[i:i + group] for i in range(0, length, group))


_lookup_secret = b""


def configure(secret: str | bytes) -> None:
    """Set the secret that recovery-code lookups are keyed with (the factory passes the
    RECOVERY_CODE_KEY setting, or SECRET_KEY when that is unset)."""
    global _lookup_secret
    if isinstance(secret, str):
        secret = secret.encode()
    _lookup_secret = hmac.new(secret, b"unshared recovery-code lookup", hashlib.sha256).digest()


def lookup_key(code: str) -> str:
    """A fast key to find a recovery code's owner without a slow hash per row.

    Keyed (HMAC), so that a copy of the database alone cannot be searched for codes: an
    unkeyed hash of a ~60-bit code could be brute-forced offline, which would make the slow
    ``recovery_hash`` pointless. The inner SHA-256 is the old unkeyed lookup, which lets the
    migration re-key existing rows without knowing their codes.
    """
    if not _lookup_secret:
        raise RuntimeError("codes.configure() was not called")
    inner = hashlib.sha256(code.encode()).hexdigest()[:32]
    return hmac.new(_lookup_secret, inner.encode(), hashlib.sha256).hexdigest()[:32]
