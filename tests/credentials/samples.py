"""Sample data and helpers of the credential library tests."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from app.credentials.pdf import CertificateData

#: The offline copies of the Open Badges 3.0 schemas and context.
STANDARDS = Path(__file__).resolve().parents[1] / "standards" / "openbadges-3.0"

VERIFY_URL = "https://unshared.example.org/verify/K7QM-9XTR-4HNP-WZ3E"

SERBIAN_CYRILLIC_LABELS = {
    "platform": "Unshared",
    "title": "Потврда о завршеном курсу",
    "heading": "Овим се потврђује да је",
    "completed": "успешно завршио/ла курс",
    "modules": "Модули",
    "date": "Датум издавања",
    "issuer": "Организација или одељење",
    "verify": "Проверите веродостојност на",
    "code": "Код за проверу",
}

SERBIAN_LATIN_LABELS = {
    "platform": "Unshared",
    "title": "Potvrda o završenom kursu",
    "heading": "Ovim se potvrđuje da je",
    "completed": "uspešno završio/la kurs",
    "modules": "Moduli",
    "date": "Datum izdavanja",
    "issuer": "Organizacija ili odeljenje",
    "verify": "Proverite verodostojnost na",
    "code": "Kod za proveru",
}

ALBANIAN_LABELS = {
    "title": "Certifikatë përfundimi",
    "heading": "Vërtetohet se",
    "completed": "ka përfunduar kursin",
    "modules": "Modulet",
    "date": "Data e lëshimit",
    "issuer": "Organizata ose klasa",
    "verify": "Kontrolloni vërtetësinë në",
    "code": "Kodi i verifikimit",
}

MACEDONIAN_LABELS = {
    "title": "Потврда за завршен курс",
    "heading": "Со ова се потврдува дека",
    "completed": "го заврши курсот",
    "modules": "Модули",
    "date": "Датум на издавање",
    "issuer": "Организација или паралелка",
    "verify": "Проверете ја веродостојноста на",
    "code": "Код за проверка",
}


def make_certificate(**changes: object) -> CertificateData:
    """A Serbian Cyrillic certificate, with ``changes`` applied."""
    fields: dict[str, object] = {
        "name": "Ђорђе Шћекић",
        "course_title": "Пристанак и злоупотреба интимних снимака",
        "module_titles": (
            "Шта је пристанак",
            "Појмови",
            "Права и закон",
            "Када видиш да се дешава",
            "Ако се десило теби",
        ),
        "issued_on": date(2026, 3, 3),
        "issued_on_text": "3. март 2026.",
        "issuer": "Гимназија „Бора Станковић“, IV-2",
        "code": "K7QM-9XTR-4HNP-WZ3E",
        "verify_url": VERIFY_URL,
        "language": "sr-Cyrl",
        "labels": SERBIAN_CYRILLIC_LABELS,
    }
    fields.update(changes)
    return CertificateData(**fields)  # type: ignore[arg-type]


def poppler_tool(name: str) -> str:
    """Path of a poppler tool; skip the test without it, but fail when ``CI=true``."""
    path = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
    if path is None:
        message = f"{name} (Debian package poppler-utils) is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}, and CI=true requires it")
        pytest.skip(message)
    return path
