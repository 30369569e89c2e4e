"""Verification codes printed on certificates.

A code is the short, human-facing key of a certificate: it is printed on the paper,
encoded in the QR code's URL and typed by a third party (an employer, a teacher) who
wants to check that the certificate is genuine. So it must be

* unguessable: drawn with :mod:`secrets`, at least :data:`MIN_ENTROPY_BITS` bits;
* easy to read aloud and to type: an alphabet of 30 symbols, Crockford's base-32
  without the digits ``0`` and ``1`` and without the letters ``I``, ``L``, ``O``
  and ``U`` (so that ``0/O``, ``1/I/L`` and ``U/V`` can never be confused), printed
  in groups of :data:`GROUP_SIZE` separated by dashes, e.g. ``K7QM-9XTR-4HNP-WZ3E``.

The length is derived from the entropy requirement: ``ceil(64 / log2(30)) = 14``
symbols would be enough (13 give only 63.8 bits), rounded up to whole groups of four:
16 symbols, about 78.5 bits.

:func:`normalize_code` turns whatever a person typed into the canonical form (or
``None``): see its docstring for the confusions it repairs and those it refuses.
"""

from __future__ import annotations

import math
import re
import secrets
import unicodedata

__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "ENTROPY_BITS",
    "GROUP_SIZE",
    "MIN_ENTROPY_BITS",
    "format_code",
    "new_code",
    "normalize_code",
]

#: The 30 symbols a code is made of: digits 2-9 and the letters of Crockford's
#: base-32 alphabet (which already lacks I, L, O, U), in sorting order.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

#: The least randomness a code must carry, in bits.
MIN_ENTROPY_BITS = 64

#: Symbols per dash-separated group when printed.
GROUP_SIZE = 4

_BITS_PER_SYMBOL = math.log2(len(ALPHABET))
_MIN_SYMBOLS = math.ceil(MIN_ENTROPY_BITS / _BITS_PER_SYMBOL)

#: Number of symbols in a code (dashes not counted): the minimum for
#: :data:`MIN_ENTROPY_BITS`, rounded up to whole groups.
CODE_LENGTH = math.ceil(_MIN_SYMBOLS / GROUP_SIZE) * GROUP_SIZE

#: Randomness of a code in bits (``CODE_LENGTH * log2(30)``, about 78.5).
ENTROPY_BITS = CODE_LENGTH * _BITS_PER_SYMBOL

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

_VALID = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")


def new_code() -> str:
    """Return a new random verification code in canonical form.

    ``CODE_LENGTH`` symbols drawn uniformly with :func:`secrets.choice`, grouped by
    :func:`format_code`, e.g. ``"K7QM-9XTR-4HNP-WZ3E"``. Uniqueness is not
    guaranteed by the library: with 78 bits a collision is astronomically unlikely,
    but the database should still hold a unique constraint on the code.
    """
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))


def format_code(symbols: str) -> str:
    """Group a string of bare symbols with dashes, ``GROUP_SIZE`` at a time.

    No validation is done: use :func:`normalize_code` for untrusted input.
    """
    return "-".join(symbols[i : i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))


def normalize_code(text: str | None) -> str | None:
    """Return the canonical form of a typed code, or ``None`` if it cannot be one.

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
    if not _VALID.fullmatch(cleaned):
        return None
    return format_code(cleaned)
