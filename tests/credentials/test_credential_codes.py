"""Verification codes: entropy, alphabet, format, normalisation."""

from __future__ import annotations

import ast
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from app.credentials import codes
from app.credentials.codes import (
    ALPHABET,
    CERTIFICATE_CODE_LENGTH,
    CERTIFICATE_ENTROPY_BITS,
    GROUP_SIZE,
    format_code,
    new_code,
    normalize_code,
)

CODE_RE = re.compile(rf"[{ALPHABET}]{{{GROUP_SIZE}}}(-[{ALPHABET}]{{{GROUP_SIZE}}})*")


def test_entropy_is_at_least_64_bits() -> None:
    bits = CERTIFICATE_CODE_LENGTH * math.log2(len(ALPHABET))
    assert bits >= 64
    assert pytest.approx(bits) == CERTIFICATE_ENTROPY_BITS
    # 14 symbols are the minimum (13 give 63.8 bits); the length rounds up to groups.
    assert 13 * math.log2(30) < 64 <= 14 * math.log2(30)
    assert CERTIFICATE_CODE_LENGTH == math.ceil(14 / GROUP_SIZE) * GROUP_SIZE == 16


def test_alphabet_has_no_confusable_characters() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 30
    assert not set("0O1ILU") & set(ALPHABET)
    assert "".join(sorted(ALPHABET)) == ALPHABET
    assert all(char.isascii() and (char.isdigit() or char.isupper()) for char in ALPHABET)


def test_new_code_format() -> None:
    code = new_code()
    assert CODE_RE.fullmatch(code), code
    assert len(code.replace("-", "")) == CERTIFICATE_CODE_LENGTH
    assert code.count("-") == CERTIFICATE_CODE_LENGTH // GROUP_SIZE - 1


def test_new_code_draws_from_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def fake_choice(sequence: str) -> str:
        calls.append(sequence)
        return sequence[-1]

    monkeypatch.setattr(codes.secrets, "choice", fake_choice)
    assert new_code() == "ZZZZ-ZZZZ-ZZZZ-ZZZZ"
    assert calls == [ALPHABET] * CERTIFICATE_CODE_LENGTH


def test_new_codes_are_unique_and_use_the_whole_alphabet() -> None:
    generated = [new_code() for _ in range(2000)]
    assert len(set(generated)) == len(generated)
    counts = Counter("".join(generated).replace("-", ""))
    assert set(counts) == set(ALPHABET)
    expected = 2000 * CERTIFICATE_CODE_LENGTH / len(ALPHABET)  # about 1067 each
    assert all(0.75 * expected < count < 1.25 * expected for count in counts.values())


@pytest.mark.parametrize(
    "typed",
    [
        "K7QM-9XTR-4HNP-WZ3E",
        "k7qm-9xtr-4hnp-wz3e",
        "K7QM9XTR4HNPWZ3E",
        "  k7qm 9xtr 4hnp wz3e  ",
        "K7QM--9XTR---4HNP-WZ3E-",
        "-K7-QM9X-TR4H-NPWZ3E",
        "K7QM–9XTR—4HNP−WZ3E",  # en dash, em dash, minus sign
        "K7QM.9XTR_4HNP/WZ3E",
        "Ｋ７ＱＭ－９ＸＴＲ－４ＨＮＰ－ＷＺ３Ｅ",  # full width
        "К7QМ 9ХТR 4НNР WZ3Е",  # Cyrillic К М Х Т Н Р Е
        "к7qм-9хтr-4нnр-wz3е",  # Cyrillic lower case
        "K7QM\u00a09XTR\t4HNP\nWZ3E",
    ],
)
def test_normalize_accepts_typing_variants(typed: str) -> None:
    assert normalize_code(typed) == "K7QM-9XTR-4HNP-WZ3E"


@pytest.mark.parametrize(
    "typed",
    [
        None,
        "",
        "   ",
        "K7QM-9XTR-4HNP",  # too short
        "K7QM-9XTR-4HNP-WZ3E-A",  # too long
        "K7QM-9XTR-4HNP-WZ3O",  # O is never used...
        "K7QM-9XTR-4HNP-WZ30",  # ...nor 0
        "K7QM-9XTR-4HNP-WZ31",
        "K7QM-9XTR-4HNP-WZ3I",
        "K7QM-9XTR-4HNP-WZ3L",
        "K7QM-9XTR-4HNP-WZ3U",
        "K7QM-9XTR-4HNP-WZ3!",
        "K7QM-9XTR-4HNP-WZ3Ж",
        "https://unshared.example.org/",
    ],
)
def test_normalize_rejects_what_cannot_be_a_code(typed: str | None) -> None:
    assert normalize_code(typed) is None


def test_normalize_round_trip() -> None:
    for _ in range(200):
        code = new_code()
        assert normalize_code(code) == code
        assert normalize_code(code.lower().replace("-", " ")) == code
        assert normalize_code(code.replace("-", "")) == code


def test_format_code_groups() -> None:
    assert format_code("ABCDEFGH") == "ABCD-EFGH"
    assert format_code("ABCDEF") == "ABCD-EF"


def test_the_library_imports_no_web_framework_or_database() -> None:
    package = Path(codes.__file__).resolve().parent
    forbidden = {"flask", "werkzeug", "sqlalchemy", "flask_babel", "babel", "psycopg"}
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{module.name} imports {name}"
