"""Short codes people read aloud or type: class join codes, organisation invites, recovery
codes. The alphabet leaves out characters that look or sound alike (0/O, 1/l/I, U/V)."""

from __future__ import annotations

import hashlib
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


def lookup_key(code: str) -> str:
    """A fast, non-reversible key to find a recovery code's owner (the code has ~60 bits)."""
    return hashlib.sha256(code.encode()).hexdigest()[:32]
