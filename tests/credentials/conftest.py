"""Fixtures of the credential library tests: one sample certificate per script."""

from __future__ import annotations

import pytest

from app.credentials.pdf import ENGLISH_LABELS, CertificateData

from .samples import (
    ALBANIAN_LABELS,
    MACEDONIAN_LABELS,
    SERBIAN_LATIN_LABELS,
    make_certificate,
)


@pytest.fixture
def cyrillic() -> CertificateData:
    """Serbian Cyrillic certificate."""
    return make_certificate()


@pytest.fixture
def latin() -> CertificateData:
    """Serbian Latin certificate with diacritics, no issuer."""
    return make_certificate(
        name="Đorđe Šćekić",
        course_title="Pristanak i zloupotreba intimnih snimaka",
        module_titles=("Šta je pristanak", "Pojmovi", "Prava i zakon"),
        issued_on_text="3. mart 2026.",
        issuer=None,
        language="sr-Latn",
        labels=SERBIAN_LATIN_LABELS,
    )


@pytest.fixture
def albanian() -> CertificateData:
    """Albanian certificate (ë, ç)."""
    return make_certificate(
        name="Arbër Çeliku",
        course_title="Pëlqimi dhe keqpërdorimi i imazheve intime",
        module_titles=("Çfarë është pëlqimi", "Të drejtat"),
        issued_on_text="3 mars 2026",
        issuer="Shkolla e mesme „Sami Frashëri“",
        language="sq",
        labels=ALBANIAN_LABELS,
    )


@pytest.fixture
def macedonian() -> CertificateData:
    """Macedonian certificate (ѓ ќ ѕ џ)."""
    return make_certificate(
        name="Ѓорѓи Ќосевски",
        course_title="Согласност, ѕвезди и џебни телефони",
        module_titles=("Што е согласност", "Правата"),
        issued_on_text="3 март 2026",
        issuer=None,
        language="mk",
        labels=MACEDONIAN_LABELS,
    )


@pytest.fixture
def english() -> CertificateData:
    """English certificate with the reference labels."""
    return make_certificate(
        name="Jane Doe",
        course_title="Consent and image-based abuse",
        module_titles=(),
        issued_on_text="3 March 2026",
        issuer=None,
        language="en",
        labels=ENGLISH_LABELS,
    )
