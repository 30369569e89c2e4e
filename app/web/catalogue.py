"""Content looked up from a URL: the course, module or lesson it names, or the 404 page.

The catalogue answers ``None`` for a slug it does not know; these turn that into
:class:`~app.services.errors.NotFound`, which the error handler renders as the 404 page
(see :mod:`app.web.errors`), so no view writes its own check.
"""

from __future__ import annotations

from app.content.ext import get_catalog
from app.content.legal import LegalGuide
from app.content.model import Course, Lesson, Module
from app.services.errors import NotFound


def course(slug: str) -> Course:
    """The course ``slug``."""
    found = get_catalog().course(slug)
    if found is None:
        raise NotFound(slug)
    return found


def module(course: Course, slug: str) -> Module:
    """The module ``slug`` of ``course``."""
    found = course.module(slug)
    if found is None:
        raise NotFound(slug)
    return found


def lesson(module: Module, slug: str) -> Lesson:
    """The lesson ``slug`` of ``module``."""
    found = module.lesson(slug)
    if found is None:
        raise NotFound(slug)
    return found


def find_legal_guide() -> LegalGuide | None:
    """The legal guide, or ``None``: a site may be deployed with courses only."""
    guide = get_catalog().legal
    return guide if isinstance(guide, LegalGuide) else None


def legal_guide() -> LegalGuide:
    """The legal guide, for the pages that are only about it."""
    guide = find_legal_guide()
    if guide is None:
        raise NotFound("legal")
    return guide
