"""Every short code people read aloud, copy from paper or type: one alphabet, one format,
one normalisation.

* class join codes (:data:`JOIN_CODE_LENGTH` symbols), written on a board or a handout;
* organisation invite codes (:data:`INVITE_CODE_LENGTH`), passed between colleagues;
* recovery codes (:data:`RECOVERY_CODE_LENGTH`), with which a learner continues on
  another device (found through the keyed :func:`lookup_key`, stored only hashed);
* verification codes of certificates (:data:`CERTIFICATE_CODE_LENGTH`), printed on the
  paper, encoded in the QR code's URL and typed by a third party (an employer, a teacher)
  who wants to check that the certificate is genuine.

So a code must be

* unguessable: drawn with :mod:`secrets` (a certificate code carries at least
  :data:`MIN_ENTROPY_BITS` bits; the shorter codes are protected by rate limits);
* easy to read aloud and to type: an alphabet of 30 symbols, Crockford's base-32
  without the digits ``0`` and ``1`` and without the letters ``I``, ``L``, ``O``
  and ``U`` (so that ``0/O``, ``1/I/L`` and ``U/V`` can never be confused), printed
  in groups of :data:`GROUP_SIZE` separated by dashes, e.g. ``K7QM-9XTR-4HNP-WZ3E``.

The certificate length is derived from the entropy requirement:
``ceil(64 / log2(30)) = 14`` symbols would be enough (13 give only 63.8 bits), rounded up
to whole groups of four: 16 symbols, about 78.5 bits.

:func:`normalize_code` turns whatever a person typed into the canonical form (or
``None``): see its docstring for the confusions it repairs and those it refuses. The
same function serves every kind of code, so a join code typed on a Serbian keyboard is
repaired exactly like a certificate code, and the rate limit of a class counts every
spelling of its code in one bucket.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import unicodedata

__all__ = [
    "ALPHABET",
    "CERTIFICATE_CODE_LENGTH",
    "CERTIFICATE_ENTROPY_BITS",
    "GROUP_SIZE",
    "INVITE_CODE_LENGTH",
    "JOIN_CODE_LENGTH",
    "MIN_ENTROPY_BITS",
    "RECOVERY_CODE_LENGTH",
    "configure",
    "format_code",
    "lookup_key",
    "new_code",
    "normalize_code",
]

#: The 30 symbols a code is made of: digits 2-9 and the letters of Crockford's
#: base-32 alphabet (which already lacks I, L, O, U), in sorting order.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

#: The least randomness a certificate code must carry, in bits.
MIN_ENTROPY_BITS = 64

#: Symbols per dash-separated group when printed.
GROUP_SIZE = 4

_BITS_PER_SYMBOL = math.log2(len(ALPHABET))
_MIN_SYMBOLS = math.ceil(MIN_ENTROPY_BITS / _BITS_PER_SYMBOL)

#: Symbols of a certificate's verification code (dashes not counted): the minimum for
#: :data:`MIN_ENTROPY_BITS`, rounded up to whole groups.
CERTIFICATE_CODE_LENGTH = math.ceil(_MIN_SYMBOLS / GROUP_SIZE) * GROUP_SIZE

#: Randomness of a certificate code in bits (``16 * log2(30)``, about 78.5).
CERTIFICATE_ENTROPY_BITS = CERTIFICATE_CODE_LENGTH * _BITS_PER_SYMBOL

#: Symbols of a class join code: short enough to copy from a board; guessing is
#: stopped by the rate limits of joining a class.
JOIN_CODE_LENGTH = 8

#: Symbols of an organisation invite code.
INVITE_CODE_LENGTH = 12

#: Symbols of a learner's recovery code.
RECOVERY_CODE_LENGTH = 12

# Characters that look like code symbols but are not: Cyrillic capitals typed on a
# Serbian or Macedonian keyboard layout that are indistinguishable from Latin
# letters in print (after upper-casing). NFKC already folds full-width forms.
_HOMOGLYPHS = str.maketrans(
    {
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "Ѕ": "S",  # Macedonian dze
        "Ј": "J",  # Serbian and Macedonian je
    }
)

# Separators people type (or that text editors and PDF viewers introduce) between
# groups: ASCII hyphen, the Unicode dashes, the minus sign, spaces of every kind,
# dots, underscores and slashes.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_.·/]+")

_SYMBOLS = re.compile(f"[{ALPHABET}]+")


def new_code(length: int = CERTIFICATE_CODE_LENGTH) -> str:
    """Return a new random code of ``length`` symbols in canonical form.

    Symbols are drawn uniformly with :func:`secrets.choice` and grouped by
    :func:`format_code`, e.g. ``"K7QM-9XTR-4HNP-WZ3E"`` for a certificate. Uniqueness
    is not guaranteed here: the database holds a unique constraint on each kind of
    code (and with 78 bits a certificate collision is astronomically unlikely).
    """
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(length)))


def format_code(symbols: str) -> str:
    """Group a string of bare symbols with dashes, ``GROUP_SIZE`` at a time.

    No validation is done: use :func:`normalize_code` for untrusted input.
    """
    return "-".join(symbols[i : i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))


def normalize_code(text: str | None, length: int = CERTIFICATE_CODE_LENGTH) -> str | None:
    """Return the canonical form of a typed code of ``length`` symbols, or ``None`` if it
    cannot be one.

    Accepted and repaired:

    * lower case (``k7qm-9xtr-...``);
    * spaces, missing dashes, extra or doubled dashes, other dash characters
      (en/em dash, minus sign, non-breaking hyphen), dots, underscores, slashes;
    * full-width characters (folded by Unicode NFKC);
    * Cyrillic capitals identical in print to Latin letters (``А В Е К М Н Р С Т Х``
      and Macedonian/Serbian ``Ѕ Ј``), which a Serbian or Macedonian reader may
      type with a Cyrillic keyboard layout still active.

    Refused (``None`` is returned): the characters ``0 O 1 I L U``. Codes never
    contain them, precisely so that nobody has to guess which of two look-alikes
    was meant; a code that contains one was mistyped or is not ours, and mapping
    ``O`` to ``0`` (as plain Crockford does) would only turn it into another
    invalid symbol. Also refused: any other character, and a wrong number of
    symbols. ``None`` as input gives ``None``.
    """
    if not text:
        return None
    cleaned = unicodedata.normalize("NFKC", text).upper().translate(_HOMOGLYPHS)
    cleaned = _SEPARATORS.sub("", cleaned)
    if len(cleaned) != length or not _SYMBOLS.fullmatch(cleaned):
        return None
    return format_code(cleaned)


# Recovery codes are found by a keyed hash of their canonical form --------------------

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

    Raises:
        RuntimeError: if :func:`configure` was not called.
    """
    if not _lookup_secret:
        raise RuntimeError("codes.configure() was not called")
    inner = hashlib.sha256(code.encode()).hexdigest()[:32]
    return hmac.new(_lookup_secret, inner.encode(), hashlib.sha256).hexdigest()[:32]
