"""Immutable objects that hold the loaded course content.

Everything here is frozen and built once at start-up; requests only read it. Texts that
exist per language are ``Mapping[str, str]`` keyed by language tag; :func:`pick` chooses
one along a language's fallback chain.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from app.content.translit import strip_marks, to_cyrillic
from app.languages import chain, source_of

if TYPE_CHECKING:
    from app.content.legal import LegalGuide
    from app.content.translations import TranslationIndex

Localized = Mapping[str, str]
#: An empty read-only mapping, shared by every object with nothing in one of its mappings.
EMPTY: Mapping[Any, Any] = MappingProxyType({})


def pick(texts: Localized, language: str) -> tuple[str, str]:
    """Return ``(text, language_used)`` for ``language``, following its fallback chain."""
    for tag in chain(language):
        if tag in texts:
            return texts[tag], tag
    if texts:
        tag = next(iter(texts))
        return texts[tag], tag
    return "", language


def text_for(texts: Localized, language: str, *, keep_marks: bool = False) -> str:
    """The text for ``language``; Serbian Cyrillic is made from Latin when only that exists.

    Marks of text in another language (``[Report]{lang=en}``) are removed unless
    ``keep_marks`` (the web layer turns them into ``<span lang>``).
    """
    text, used = pick(texts, language)
    if used == source_of(language):
        return to_cyrillic(text, keep_marks=keep_marks)
    return text if keep_marks else strip_marks(text)


@dataclass(frozen=True)
class Heading:
    """A heading inside a lesson, for its table of contents."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Block:
    """A run of lesson HTML; ``note`` is set when the run follows a content note."""

    html: str
    note: str | None = None
    anchor: str = ""


@dataclass(frozen=True)
class Page:
    """One rendered Markdown document in one language."""

    language: str
    title: str
    blocks: tuple[Block, ...]
    headings: tuple[Heading, ...]
    path: str
    content_hash: str
    duration: int = 0

    @property
    def has_content_note(self) -> bool:
        """Whether any section of this page is preceded by a content note."""
        return any(block.note for block in self.blocks)


@dataclass(frozen=True)
class Lesson:
    """A lesson, identified by its slug, with one :class:`Page` per language."""

    slug: str
    position: int
    versions: Mapping[str, Page]

    def page(self, language: str) -> Page:
        """The page to show a learner of ``language`` (check ``page.language`` for fallback)."""
        for tag in chain(language):
            if tag in self.versions:
                return self.versions[tag]
        return next(iter(self.versions.values()))

    @property
    def duration(self) -> int:
        """Minutes, from the default version."""
        return next(iter(self.versions.values())).duration


@dataclass(frozen=True)
class Option:
    """One answer option; ``feedback`` explains why it is right or wrong."""

    text: str
    feedback: str


@dataclass(frozen=True)
class QuestionText:
    """The words of a question in one language (HTML, already sanitised)."""

    prompt: str
    options: tuple[Option, ...]
    explanation: str


QUESTION_TYPES = ("single", "multiple", "true-false")


@dataclass(frozen=True)
class Question:
    """A quiz question: its structure is the same in every language, its words are not."""

    id: str
    type: str
    correct: frozenset[int]
    texts: Mapping[str, QuestionText]
    #: Whether the options are shown in a different order on each attempt (authors pin the
    #: order with ``shuffle: false`` where it carries meaning, e.g. a scale).
    shuffle: bool = True

    @property
    def option_count(self) -> int:
        """How many options the learner chooses from."""
        return len(next(iter(self.texts.values())).options)

    def option_order(self, seed: str) -> tuple[int, ...]:
        """The order in which to show the options on the attempt identified by ``seed``.

        The same seed gives the same order, so a form shown again (an open question) keeps
        its order; a new attempt gets a new one. The values sent back are always the
        authored option indexes, so grading never depends on the order shown.
        """
        order = list(range(self.option_count))
        if self.shuffle and seed:
            digest = hashlib.sha256(f"{seed}:{self.id}".encode()).digest()
            random.Random(digest).shuffle(order)
        return tuple(order)

    def text(self, language: str) -> QuestionText:
        """The words of this question for ``language``, following fallbacks."""
        for tag in chain(language):
            if tag in self.texts:
                return self.texts[tag]
        return next(iter(self.texts.values()))


@dataclass(frozen=True)
class Quiz:
    """A module's quiz. ``pass_mark`` is a percentage of questions answered correctly."""

    pass_mark: int
    questions: tuple[Question, ...]
    content_hash: str
    languages: frozenset[str]

    def question(self, question_id: str) -> Question | None:
        """Find a question by id."""
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class Module:
    """A module of a course: lessons, one quiz and facilitator notes."""

    slug: str
    position: int
    title: Localized
    summary: Localized
    content_warning: Localized
    lessons: tuple[Lesson, ...]
    quiz: Quiz | None
    facilitator: Mapping[str, Page] = field(default_factory=lambda: EMPTY)

    @property
    def duration(self) -> int:
        """Minutes for all lessons."""
        return sum(lesson.duration for lesson in self.lessons)

    def lesson(self, slug: str) -> Lesson | None:
        """Find a lesson by slug."""
        return next((lesson for lesson in self.lessons if lesson.slug == slug), None)


@dataclass(frozen=True)
class Course:
    """A course as declared by its ``course.yaml`` and folders."""

    slug: str
    version: str
    languages: tuple[str, ...]
    min_age: int
    audience: Localized
    title: Localized
    summary: Localized
    content_warning: Localized
    modules: tuple[Module, ...]
    folder: str
    content_hash: str

    @property
    def duration(self) -> int:
        """Minutes for all lessons of all modules."""
        return sum(module.duration for module in self.modules)

    def module(self, slug: str) -> Module | None:
        """Find a module by slug."""
        return next((m for m in self.modules if m.slug == slug), None)


@dataclass(frozen=True)
class Term:
    """A glossary term in one language."""

    slug: str
    term: str
    definition: str
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """All content: courses, the glossary per language, and the legal guide."""

    courses: tuple[Course, ...]
    glossary: Mapping[str, tuple[Term, ...]]
    legal: LegalGuide | None = None
    media: Mapping[tuple[str, str], str] = field(default_factory=lambda: EMPTY)
    #: Each translation's source hash state and review (app.content.translations).
    translations: TranslationIndex | None = None

    def course(self, slug: str) -> Course | None:
        """Find a course by slug."""
        return next((c for c in self.courses if c.slug == slug), None)

    def terms(self, language: str) -> tuple[tuple[Term, ...], str]:
        """The glossary for ``language`` (following fallbacks) and the language used."""
        for tag in chain(language):
            if tag in self.glossary:
                return self.glossary[tag], tag
        return (), language
