"""Read ``courses/`` into an immutable :class:`Catalog`, collecting every problem.

Loading has two phases, as in mkdocs: each file is parsed and checked on its own, then
references across files (glossary terms, country pages, languages a course promises) are
checked once everything is known. Serbian Cyrillic versions are made from Serbian Latin
ones when no Cyrillic file exists (:mod:`app.content.derive`).

This module walks the folders; what a manifest or front matter may say is checked in
:mod:`app.content.validation`, and images are resolved by :mod:`app.content.media`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.content import validation
from app.content.derive import derive_pages, derive_question, with_generated
from app.content.glossary import load_glossary
from app.content.legal import load_legal
from app.content.markdown import References, RenderContext, render_markdown
from app.content.media import MediaUrl, media_resolver
from app.content.model import EMPTY, Catalog, Course, Lesson, Module, Page, Quiz
from app.content.problems import ProblemList
from app.content.quiz_balance import check_balance
from app.content.quizzes import ParsedQuiz, merge_quizzes, parse_quiz
from app.content.translations import (
    TranslationCollector,
    collect_glossary,
    source_path_of,
    translated_languages,
)
from app.content.yamlfile import LineDict, read_text
from app.languages import LANGUAGES, source_of, written

_LANG_TAGS = "|".join(re.escape(tag) for tag in sorted(LANGUAGES, key=len, reverse=True))
_LESSON_FILE = re.compile(rf"^(?P<stem>\d+-[\w-]+?)\.(?P<lang>{_LANG_TAGS})\.md$")
_QUIZ_FILE = re.compile(rf"^quiz\.(?P<lang>{_LANG_TAGS})\.yaml$")
_NOTES_FILE = re.compile(rf"^facilitator\.(?P<lang>{_LANG_TAGS})\.md$")
_NUMBERED_DIR = re.compile(r"^\d+-")
_RESERVED_DIRS = {"glossary", "legal"}


@dataclass
class _Loading:
    """State shared while one catalogue loads."""

    problems: ProblemList
    translations: TranslationCollector
    refs: list[tuple[Path, References]] = field(default_factory=list)
    media: dict[tuple[str, str], str] = field(default_factory=dict)
    # Each Markdown file's text and front matter, read once (for its hash and its source).
    texts: dict[Path, tuple[str, LineDict | None]] = field(default_factory=dict)


def load_catalog(courses_dir: Path, *, root: Path | None = None) -> tuple[Catalog, ProblemList]:
    """Load every course, the glossary and the legal guide below ``courses_dir``.

    Never raises on a content mistake: the problems come back with the catalogue, which
    holds whatever could be loaded.
    """
    problems = ProblemList(root if root is not None else courses_dir.parent)
    state = _Loading(problems, TranslationCollector(problems))
    if not courses_dir.is_dir():
        problems.error(courses_dir, 0, "C000", "the courses folder does not exist")
        return Catalog((), EMPTY), problems
    courses: list[Course] = []
    for folder in sorted(p for p in courses_dir.iterdir() if p.is_dir()):
        if folder.name in _RESERVED_DIRS or folder.name.startswith((".", "_")):
            continue
        course = _load_course(folder, state)
        if course is not None:
            if any(c.slug == course.slug for c in courses):
                problems.error(
                    folder / "course.yaml",
                    1,
                    "C003",
                    f"course slug '{course.slug}' is used by another course",
                )
            courses.append(course)
    all_languages = sorted({lang for c in courses for lang in c.languages} or {"en"})
    # A glossary written in a language no course lists yet is loaded too, so that learners
    # reading that language get it (it is still checked against the same slugs).
    extra = sorted(
        p.stem
        for p in (courses_dir / "glossary").glob("*.yaml")
        if p.stem in LANGUAGES and p.stem not in all_languages
    )
    glossary = load_glossary(courses_dir / "glossary", [*all_languages, *extra], problems)
    legal = None
    if (courses_dir / "legal").is_dir():
        legal = load_legal(
            courses_dir / "legal",
            written(all_languages),
            problems,
            on_read=state.translations.add_legal,
        )
    validation.check_references(state.refs, glossary, legal, problems)
    collect_glossary(courses_dir, state.translations, translated_languages())
    catalog = Catalog(
        tuple(courses), glossary, legal, MappingProxyType(state.media), state.translations.finish()
    )
    return catalog, problems


def _load_course(folder: Path, state: _Loading) -> Course | None:
    path = folder / "course.yaml"
    data = validation.read_manifest(path, state.problems)
    if data is None:
        return None
    validation.unknown_keys(data, validation.COURSE_KEYS)
    slug = validation.read_slug(data)
    languages = validation.read_languages(data)
    min_age, version = validation.read_min_age(data), validation.read_version(data)
    if slug is None:
        return None
    media_url = media_resolver(folder, slug, state.media)
    modules: list[Module] = []
    module_dirs = sorted(p for p in folder.iterdir() if p.is_dir() and _NUMBERED_DIR.match(p.name))
    for position, module_dir in enumerate(module_dirs, start=1):
        module = _load_module(module_dir, position, tuple(languages), media_url, state)
        if module is None:
            continue
        if any(m.slug == module.slug for m in modules):
            state.problems.error(
                module_dir / "module.yaml",
                1,
                "C003",
                f"module slug '{module.slug}' is used twice in this course",
            )
        modules.append(module)
    if not modules:
        state.problems.error(path, 0, "C011", "the course has no module folders (01-name/)")
    return Course(
        slug=slug,
        version=version,
        languages=with_generated(languages),
        min_age=min_age,
        audience=validation.read_localized(data, "audience", languages),
        title=validation.read_localized(data, "title", languages),
        summary=validation.read_localized(data, "summary", languages),
        content_warning=validation.read_localized(data, "content_warning", languages),
        modules=tuple(modules),
        folder=state.problems.rel(folder),
        content_hash=_hash_tree(folder),
    )


def _module_files(
    folder: Path, state: _Loading
) -> tuple[dict[str, dict[str, Path]], dict[str, Path], dict[str, Path]]:
    """A module's lessons (stem -> language -> file), quizzes and notes, by language."""
    lesson_files: dict[str, dict[str, Path]] = {}
    quiz_files: dict[str, Path] = {}
    note_files: dict[str, Path] = {}
    for file in sorted(folder.iterdir()):
        if file.name == "module.yaml" or file.is_dir():
            continue
        if match := _LESSON_FILE.match(file.name):
            lesson_files.setdefault(match["stem"], {})[match["lang"]] = file
        elif match := _QUIZ_FILE.match(file.name):
            quiz_files[match["lang"]] = file
        elif match := _NOTES_FILE.match(file.name):
            note_files[match["lang"]] = file
        else:
            state.problems.warning(
                file,
                0,
                "C012",
                "file name not understood: lessons are NN-name.<lang>.md, quizzes quiz.<lang>.yaml",
            )
    return lesson_files, quiz_files, note_files


def _load_module(
    folder: Path,
    position: int,
    languages: tuple[str, ...],
    media_url: MediaUrl,
    state: _Loading,
) -> Module | None:
    path = folder / "module.yaml"
    data = validation.read_manifest(path, state.problems)
    if data is None:
        return None
    validation.unknown_keys(data, validation.MODULE_KEYS)
    slug = validation.read_slug(data)
    if slug is None:
        return None
    lesson_files, quiz_files, note_files = _module_files(folder, state)
    lessons: list[Lesson] = []
    for number, (stem, files) in enumerate(sorted(lesson_files.items()), start=1):
        lesson = _load_lesson(stem, number, files, languages, media_url, state)
        if lesson is None:
            continue
        if any(existing.slug == lesson.slug for existing in lessons):
            state.problems.error(
                next(iter(files.values())),
                2,
                "C003",
                f"lesson slug '{lesson.slug}' is used twice in this module",
            )
        lessons.append(lesson)
    if not lessons:
        state.problems.error(path, 0, "C013", "the module has no lessons (NN-name.<lang>.md)")
    quiz = _load_quiz(folder, quiz_files, languages, media_url, state)
    notes = _load_notes(folder, note_files, languages, media_url, state)
    return Module(
        slug=slug,
        position=position,
        title=validation.read_localized(data, "title", languages),
        summary=validation.read_localized(data, "summary", languages),
        content_warning=validation.read_localized(
            data, "content_warning", languages, required=False
        ),
        lessons=tuple(lessons),
        quiz=quiz,
        facilitator=notes,
    )


def _load_notes(
    folder: Path,
    files: dict[str, Path],
    languages: tuple[str, ...],
    media_url: MediaUrl,
    state: _Loading,
) -> MappingProxyType[str, Page]:
    notes: dict[str, Page] = {}
    for lang in languages:
        if lang not in files:
            state.problems.error(
                folder / f"facilitator.{lang}.md",
                0,
                "T001",
                f"facilitator notes missing in declared language '{lang}'",
            )
    for lang, file in files.items():
        page, _slug = _load_page(file, lang, media_url, state, lesson=False)
        _remember(state, "notes", file, lang)
        if page is not None:
            notes[lang] = page
    derive_pages(notes)
    return MappingProxyType(notes)


def _load_lesson(
    stem: str,
    position: int,
    files: dict[str, Path],
    languages: tuple[str, ...],
    media_url: MediaUrl,
    state: _Loading,
) -> Lesson | None:
    reference = files.get(languages[0]) or next(iter(files.values()))
    for lang in languages:
        if lang not in files:
            state.problems.error(
                reference.parent / f"{stem}.{lang}.md",
                0,
                "T001",
                f"lesson missing in declared language '{lang}' (translate {reference.name})",
            )
    versions: dict[str, Page] = {}
    slugs: dict[str, tuple[str, Path]] = {}
    ordered = sorted(files.items(), key=lambda item: item[0] != languages[0])
    for lang, file in ordered:
        page, slug = _load_page(file, lang, media_url, state, lesson=True)
        _remember(state, "lesson", file, lang)
        if page is None or slug is None:
            continue
        versions[lang] = page
        slugs[lang] = (slug, file)
    if not versions:
        return None
    first_slug, first_file = next(iter(slugs.values()))
    for slug, file in slugs.values():
        if slug != first_slug:
            state.problems.error(
                file,
                2,
                "C014",
                f"slug '{slug}' differs from '{first_slug}' "
                f"in {first_file.name}: translations share one slug",
            )
    derive_pages(versions)
    return Lesson(first_slug, position, MappingProxyType(versions))


def _remember(state: _Loading, kind: str, file: Path, lang: str) -> None:
    """Hand a file already read to the translation check (generated scripts are not)."""
    if source_of(lang) is not None:
        return
    text, data = state.texts.get(file, ("", None))
    state.translations.add(kind, source_path_of(file, lang), lang, file, text, data)


def _load_page(
    file: Path, lang: str, media_url: MediaUrl, state: _Loading, *, lesson: bool
) -> tuple[Page | None, str | None]:
    """A lesson (with its slug) or facilitator notes (slug ``None``) in one language."""
    try:
        text = read_text(file)
    except (OSError, UnicodeDecodeError) as exc:
        state.problems.error(file, 0, "C001", f"cannot read the file: {exc}")
        return None, None
    state.texts[file] = (text, None)
    data, body, first_line = validation.read_front_matter(file, text, state.problems)
    if data is None:
        return None, None
    state.texts[file] = (text, data.data)
    validation.unknown_keys(data, validation.LESSON_KEYS if lesson else validation.NOTES_KEYS)
    slug = validation.read_slug(data) if lesson else None
    title = validation.read_title(data, file.stem)
    duration = validation.read_duration(data) if lesson else 0
    ctx = RenderContext(file, lang, state.problems, media_url)
    blocks, headings = render_markdown(body, first_line, ctx)
    state.refs.append((file, ctx.refs))
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    page = Page(lang, title, blocks, headings, state.problems.rel(file), digest, duration)
    return page, slug


def _load_quiz(
    folder: Path,
    files: dict[str, Path],
    languages: tuple[str, ...],
    media_url: MediaUrl,
    state: _Loading,
) -> Quiz | None:
    if not files:
        state.problems.error(
            folder / f"quiz.{languages[0]}.yaml", 0, "Q000", "the module has no quiz"
        )
        return None
    parsed: list[ParsedQuiz] = []
    ordered = sorted(files.items(), key=lambda item: item[0] != languages[0])
    for lang, file in ordered:
        ctx = RenderContext(file, lang, state.problems, media_url)

        def on_read(text: str, data: Any, file: Path = file, lang: str = lang) -> None:
            if source_of(lang) is None:
                meta = data if isinstance(data, LineDict) else None
                state.translations.add("quiz", source_path_of(file, lang), lang, file, text, meta)

        one = parse_quiz(file, lang, ctx, on_read)
        state.refs.append((file, ctx.refs))
        if one is not None:
            check_balance(one, state.problems)
            parsed.append(one)
    for lang in languages:
        if lang not in files:
            state.problems.error(
                folder / f"quiz.{lang}.yaml",
                0,
                "T001",
                f"quiz missing in declared language '{lang}'",
            )
    ref_path = files.get(languages[0], next(iter(files.values())))
    quiz = merge_quizzes(parsed, RenderContext(ref_path, languages[0], state.problems, media_url))
    if quiz is None:
        return None
    return replace(
        quiz,
        questions=tuple(derive_question(q) for q in quiz.questions),
        languages=frozenset(with_generated(quiz.languages)),
    )


def _hash_tree(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(folder.rglob("*")):
        if file.is_file():
            digest.update(file.relative_to(folder).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]
