"""The bitstring of a status list, encoded as W3C Bitstring Status List v1.0 says."""

from __future__ import annotations

import base64
import gzip

import pytest

from app.credentials.statuslist import LIST_SIZE, encode_list, status_entry


def _bits(encoded: str) -> bytes:
    assert encoded[0] == "u"
    return gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded) % 4)))


def test_index_zero_is_the_left_most_bit_and_the_list_is_16_kib():
    bits = _bits(encode_list([0, 9, LIST_SIZE - 1]))
    assert len(bits) == 16 * 1024
    assert bits[0] == 0b1000_0000 and bits[1] == 0b0100_0000 and bits[-1] == 0b0000_0001
    assert sum(bin(byte).count("1") for byte in bits) == 3
    assert "=" not in encode_list([]) and encode_list([5]) == encode_list([5])


def test_an_index_outside_the_list_is_refused():
    with pytest.raises(ValueError):
        encode_list([LIST_SIZE])


def test_the_entry_names_the_list_and_the_index_as_a_string():
    assert status_entry("https://x.example/credentials/status/1", 42) == {
        "id": "https://x.example/credentials/status/1#42",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "42",
        "statusListCredential": "https://x.example/credentials/status/1",
    }
