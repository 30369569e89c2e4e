"""What a certificate says, in one language: the titles to show or print."""

from __future__ import annotations

from dataclasses import dataclass

from app.content.model import Catalog, text_for
from app.models import Certificate


@dataclass(frozen=True)
class CertificateTexts:
    """What a certificate says, in one language, from the catalogue where it still has the
    course (so a Serbian Cyrillic certificate gets Cyrillic titles), else as issued."""

    course_title: str
    course_summary: str
    module_titles: tuple[str, ...]
    module_slugs: tuple[str, ...]
    is_partial: bool


def texts(cert: Certificate, catalog: Catalog, language: str | None = None) -> CertificateTexts:
    """The titles to show or print for ``cert`` in ``language`` (default: its own)."""
    language = language or cert.language
    course = catalog.course(cert.course_slug)
    stored = [m for m in cert.modules if isinstance(m, dict)]
    slugs = tuple(str(m.get("slug", "")) for m in stored)
    if course is None:
        return CertificateTexts(
            cert.course_title, "", tuple(str(m.get("title", "")) for m in stored), slugs, False
        )
    titles = []
    for entry in stored:
        module = course.module(str(entry.get("slug", "")))
        titles.append(text_for(module.title, language) if module else str(entry.get("title")))
    return CertificateTexts(
        text_for(course.title, language),
        text_for(course.summary, language),
        tuple(titles),
        slugs,
        not {m.slug for m in course.modules} <= set(slugs),
    )
