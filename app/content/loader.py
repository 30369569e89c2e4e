"""Read ``courses/`` into an immutable :class:`Catalog`, collecting every problem.

Loading has two phases, as in mkdocs: each file is parsed and checked on its own, then
references across files (glossary terms, country pages, languages a course promises) are
checked once everything is known. Serbian Cyrillic versions are made from Serbian Latin
ones when no Cyrillic file exists.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.content.glossary import load_glossary
from app.content.legal import load_legal
from app.content.legal_links import link_problem
from app.content.markdown import References, RenderContext, render_markdown
from app.content.model import (
    Block,
    Catalog,
    Course,
    Heading,
    Lesson,
    Localized,
    Module,
    Option,
    Page,
    Question,
    QuestionText,
    Quiz,
)
from app.content.problems import ProblemList
from app.content.quiz_balance import check_balance
from app.content.quizzes import ParsedQuiz, merge_quizzes, parse_quiz
from app.content.translations import (
    TranslationCollector,
    collect_glossary,
    source_path_of,
    translated_languages,
)
from app.content.translit import html_to_cyrillic, strip_marks, to_cyrillic
from app.content.yamlfile import LineDict, YamlError, parse_yaml, read_text, split_front_matter
from app.languages import LANGUAGES, derived

_LANG_TAGS = "|".join(re.escape(tag) for tag in sorted(LANGUAGES, key=len, reverse=True))
_LESSON_FILE = re.compile(rf"^(?P<stem>\d+-[\w-]+?)\.(?P<lang>{_LANG_TAGS})\.md$")
_QUIZ_FILE = re.compile(rf"^quiz\.(?P<lang>{_LANG_TAGS})\.yaml$")
_NOTES_FILE = re.compile(rf"^facilitator\.(?P<lang>{_LANG_TAGS})\.md$")
_NUMBERED_DIR = re.compile(r"^\d+-")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RESERVED_DIRS = {"glossary", "legal"}


@dataclass
class _Loading:
    """State shared while one catalogue loads."""

    problems: ProblemList
    refs: list[tuple[Path, References]]
    media: dict[tuple[str, str], str]
    # Each Markdown file's text and front matter, read once (for its hash and its source).
    texts: dict[Path, tuple[str, LineDict | None]] = field(default_factory=dict)
    translations: TranslationCollector | None = None


def load_catalog(courses_dir: Path, *, root: Path | None = None) -> tuple[Catalog, ProblemList]:
    """Load every course, the glossary and the legal guide below ``courses_dir``.

    Never raises on a content mistake: the problems come back with the catalogue, which
    holds whatever could be loaded.
    """
    problems = ProblemList(root if root is not None else courses_dir.parent)
    state = _Loading(problems, [], {}, translations=TranslationCollector(problems))
    if not courses_dir.is_dir():
        problems.error(courses_dir, 0, "C000", "the courses folder does not exist")
        return Catalog((), MappingProxyType({})), problems
    courses: list[Course] = []
    for folder in sorted(p for p in courses_dir.iterdir() if p.is_dir()):
        if folder.name in _RESERVED_DIRS or folder.name.startswith((".", "_")):
            continue
        course = _load_course(folder, state)
        if course is not None:
            if any(c.slug == course.slug for c in courses):
                problems.error(folder / "course.yaml", 1, "C003",
                               f"course slug '{course.slug}' is used by another course")
            courses.append(course)
    all_languages = sorted({lang for c in courses for lang in c.languages} or {"en"})
    # A glossary written in a language no course lists yet is loaded too, so that learners
    # reading that language get it (it is still checked against the same slugs).
    extra = sorted(p.stem for p in (courses_dir / "glossary").glob("*.yaml")
                   if p.stem in LANGUAGES and p.stem not in all_languages)
    glossary = load_glossary(courses_dir / "glossary", [*all_languages, *extra], problems)
    legal = None
    if (courses_dir / "legal").is_dir():
        written = [lang for lang in all_languages if lang not in derived()]
        legal = load_legal(courses_dir / "legal", written, problems,
                           on_compose=state.translations.add_legal if state.translations else None)
    _check_references(state, glossary, legal)
    assert state.translations is not None
    collect_glossary(courses_dir, state.translations, translated_languages())
    catalog = Catalog(tuple(courses), glossary, legal, MappingProxyType(state.media),
                      state.translations.finish())
    return catalog, problems


def _check_references(state: _Loading, glossary: Any, legal: Any) -> None:
    slugs = {term.slug for terms in glossary.values() for term in terms}
    for path, refs in state.refs:
        for slug, line in refs.glossary:
            if slug not in slugs:
                state.problems.error(path, line, "R001", f"glossary term '{slug}' does not exist")
        for target, line in refs.countries:
            problem = link_problem(target, legal)
            if problem is not None:
                state.problems.error(path, line, *problem)


def _read_manifest(path: Path, state: _Loading) -> LineDict | None:
    if not path.is_file():
        state.problems.error(path, 0, "C001", f"{path.name} is missing")
        return None
    try:
        data = parse_yaml(read_text(path))
    except YamlError as exc:
        state.problems.error(path, exc.line, "C001", str(exc))
        return None
    if not isinstance(data, LineDict):
        state.problems.error(path, 1, "C001", f"{path.name} must be a set of 'field: value' lines")
        return None
    return data


def _slug(data: LineDict, path: Path, state: _Loading) -> str | None:
    slug = data.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        state.problems.error(path, data.line_of("slug"), "C002",
                             "'slug' is missing or not lower-case letters, digits and dashes")
        return None
    return slug


def _localized(
    data: LineDict, key: str, languages: Iterable[str], path: Path, state: _Loading,
    *, required: bool = True,
) -> Localized:
    value = data.get(key)
    if value is None and not required:
        return MappingProxyType({})
    if not isinstance(value, LineDict):
        state.problems.error(path, data.line_of(key), "C004",
                             f"'{key}' is missing: give it per language, e.g. 'en: ...'")
        return MappingProxyType({})
    result: dict[str, str] = {}
    for lang in languages:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            state.problems.error(path, value.line_of(lang) if lang in value else value.line,
                                 "C005", f"'{key}' has no text in language '{lang}'")
        else:
            result[lang] = " ".join(text.split())
    for lang in value:
        if lang not in LANGUAGES:
            state.problems.error(path, value.line_of(lang), "C006", f"unknown language '{lang}'")
        elif lang not in result and isinstance(value[lang], str):
            result[lang] = " ".join(value[lang].split())
    for target, source in derived().items():
        if source in result and target not in result:
            result[target] = to_cyrillic(result[source])
    # Marks of foreign-language text only guide the Cyrillic; readers never see them.
    return MappingProxyType({lang: strip_marks(text) for lang, text in result.items()})


def _unknown_keys(data: LineDict, allowed: set[str], path: Path, state: _Loading) -> None:
    for key in data:
        if key not in allowed:
            state.problems.error(path, data.line_of(key), "C007", f"unknown field '{key}'")


def _load_course(folder: Path, state: _Loading) -> Course | None:
    path = folder / "course.yaml"
    data = _read_manifest(path, state)
    if data is None:
        return None
    _unknown_keys(data, {"slug", "version", "languages", "min_age", "audience", "title",
                         "summary", "content_warning"}, path, state)
    slug = _slug(data, path, state)
    languages = data.get("languages")
    if not isinstance(languages, list) or not languages or not all(
        isinstance(lang, str) and lang in LANGUAGES for lang in languages
    ):
        state.problems.error(path, data.line_of("languages"), "C008",
                             f"'languages' must list known language tags ({', '.join(LANGUAGES)})")
        languages = ["en"]
    min_age = data.get("min_age")
    if not isinstance(min_age, int) or isinstance(min_age, bool) or not 6 <= min_age <= 99:
        state.problems.error(path, data.line_of("min_age"), "C009",
                             "'min_age' must be a whole number of years")
        min_age = 0
    version = data.get("version")
    if not isinstance(version, str | int) or isinstance(version, bool):
        state.problems.error(path, data.line_of("version"), "C010", "'version' is missing")
        version = "0"
    if slug is None:
        return None

    def media_url(src: str) -> str | None:
        name = src.removeprefix("images/")
        if src == name or "/" in name or not name.lower().endswith(
            (".svg", ".png", ".jpg", ".jpeg", ".webp")
        ):
            return None
        file = folder / "images" / name
        if not file.is_file():
            return None
        state.media[(slug, name)] = str(file.resolve())
        return f"/course-media/{slug}/{name}"

    modules: list[Module] = []
    module_dirs = sorted(p for p in folder.iterdir() if p.is_dir() and _NUMBERED_DIR.match(p.name))
    for position, module_dir in enumerate(module_dirs, start=1):
        module = _load_module(module_dir, position, tuple(languages), media_url, state)
        if module is None:
            continue
        if any(m.slug == module.slug for m in modules):
            state.problems.error(module_dir / "module.yaml", 1, "C003",
                                 f"module slug '{module.slug}' is used twice in this course")
        modules.append(module)
    if not modules:
        state.problems.error(path, 0, "C011", "the course has no module folders (01-name/)")
    effective = list(languages)
    for target, source in derived().items():
        if source in effective and target not in effective:
            effective.append(target)
    return Course(
        slug=slug,
        version=str(version),
        languages=tuple(effective),
        min_age=min_age,
        audience=_localized(data, "audience", languages, path, state),
        title=_localized(data, "title", languages, path, state),
        summary=_localized(data, "summary", languages, path, state),
        content_warning=_localized(data, "content_warning", languages, path, state),
        modules=tuple(modules),
        folder=state.problems.rel(folder),
        content_hash=_hash_tree(folder),
    )


def _load_module(
    folder: Path, position: int, languages: tuple[str, ...],
    media_url: Callable[[str], str | None], state: _Loading,
) -> Module | None:
    path = folder / "module.yaml"
    data = _read_manifest(path, state)
    if data is None:
        return None
    _unknown_keys(data, {"slug", "title", "summary", "content_warning"}, path, state)
    slug = _slug(data, path, state)
    if slug is None:
        return None
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
            state.problems.warning(file, 0, "C012", "file name not understood: lessons are "
                                   "NN-name.<lang>.md, quizzes quiz.<lang>.yaml")

    lessons: list[Lesson] = []
    for number, (stem, files) in enumerate(sorted(lesson_files.items()), start=1):
        lesson = _load_lesson(stem, number, files, languages, media_url, state)
        if lesson is None:
            continue
        if any(existing.slug == lesson.slug for existing in lessons):
            state.problems.error(next(iter(files.values())), 2, "C003",
                                 f"lesson slug '{lesson.slug}' is used twice in this module")
        lessons.append(lesson)
    if not lessons:
        state.problems.error(path, 0, "C013", "the module has no lessons (NN-name.<lang>.md)")

    quiz = _load_quiz(folder, quiz_files, languages, media_url, state)
    notes: dict[str, Page] = {}
    for lang in languages:
        if lang not in note_files:
            state.problems.error(folder / f"facilitator.{lang}.md", 0, "T001",
                                 f"facilitator notes missing in declared language '{lang}'")
    for lang, file in note_files.items():
        page = _load_page(file, lang, media_url, state, require_duration=False)
        _remember(state, "notes", file, lang)
        if page is not None:
            notes[lang] = page
    _derive_cyrillic_pages(notes)

    return Module(
        slug=slug,
        position=position,
        title=_localized(data, "title", languages, path, state),
        summary=_localized(data, "summary", languages, path, state),
        content_warning=_localized(data, "content_warning", languages, path, state,
                                   required=False),
        lessons=tuple(lessons),
        quiz=quiz,
        facilitator=MappingProxyType(notes),
    )


def _load_lesson(
    stem: str, position: int, files: dict[str, Path], languages: tuple[str, ...],
    media_url: Callable[[str], str | None], state: _Loading,
) -> Lesson | None:
    reference = files.get(languages[0]) or next(iter(files.values()))
    for lang in languages:
        if lang not in files:
            state.problems.error(reference.parent / f"{stem}.{lang}.md", 0, "T001",
                                 f"lesson missing in declared language '{lang}' "
                                 f"(translate {reference.name})")
    versions: dict[str, Page] = {}
    slugs: dict[str, tuple[str, Path]] = {}
    ordered = sorted(files.items(), key=lambda item: item[0] != languages[0])
    for lang, file in ordered:
        page, slug = _load_page_with_slug(file, lang, media_url, state)
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
            state.problems.error(file, 2, "C014", f"slug '{slug}' differs from '{first_slug}' "
                                 f"in {first_file.name}: translations share one slug")
    _derive_cyrillic_pages(versions)
    return Lesson(first_slug, position, MappingProxyType(versions))


_PAGE_KEYS = {"slug", "title", "duration", "source", "reviewed"}


def _remember(state: _Loading, kind: str, file: Path, lang: str) -> None:
    """Hand a file already read to the translation check (generated scripts are not)."""
    if state.translations is None or LANGUAGES[lang].transliterated_from is not None:
        return
    text, data = state.texts.get(file, ("", None))
    state.translations.add(kind, source_path_of(file, lang), lang, file, text, data)


def _front_matter(file: Path, state: _Loading) -> tuple[LineDict | None, str, int]:
    text = read_text(file)
    state.texts[file] = (text, None)
    front, body, first_line = split_front_matter(text)
    if front is None:
        state.problems.error(file, 1, "C001", "front matter missing: start the file with '---', "
                             "then 'slug:', 'title:', 'duration:', then '---'")
        return None, text, 1
    try:
        data = parse_yaml(front)
    except YamlError as exc:
        state.problems.error(file, exc.line + 1, "C001", str(exc))
        return None, body, first_line
    if not isinstance(data, LineDict):
        state.problems.error(file, 2, "C001", "front matter must be 'field: value' lines")
        return None, body, first_line
    # Front matter lines are counted from the line after the opening '---'.
    data.line += 1
    data.key_lines = {key: line + 1 for key, line in data.key_lines.items()}
    state.texts[file] = (text, data)
    return data, body, first_line


def _load_page_with_slug(
    file: Path, lang: str, media_url: Callable[[str], str | None], state: _Loading,
) -> tuple[Page | None, str | None]:
    data, body, first_line = _front_matter(file, state)
    if data is None:
        return None, None
    _unknown_keys(data, _PAGE_KEYS, file, state)
    slug = _slug(data, file, state)
    page = _page(file, lang, data, body, first_line, media_url, state, require_duration=True)
    return page, slug


def _load_page(
    file: Path, lang: str, media_url: Callable[[str], str | None], state: _Loading,
    *, require_duration: bool,
) -> Page | None:
    data, body, first_line = _front_matter(file, state)
    if data is None:
        return None
    _unknown_keys(data, {"title", "source", "reviewed"}, file, state)
    return _page(file, lang, data, body, first_line, media_url, state,
                 require_duration=require_duration)


def _page(
    file: Path, lang: str, data: LineDict, body: str, first_line: int,
    media_url: Callable[[str], str | None], state: _Loading, *, require_duration: bool,
) -> Page:
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        state.problems.error(file, data.line_of("title"), "C004", "'title' is missing")
        title = file.stem
    duration = data.get("duration", 0)
    if require_duration and (
        not isinstance(duration, int) or isinstance(duration, bool) or not 1 <= duration <= 60
    ):
        state.problems.error(file, data.line_of("duration"), "C015",
                             "'duration' must be the minutes the lesson takes, 1 to 60")
        duration = 0
    ctx = RenderContext(file, lang, state.problems, media_url)
    blocks, headings = render_markdown(body, first_line, ctx)
    state.refs.append((file, ctx.refs))
    if re.search(r"^#\s", body, re.MULTILINE):
        line = first_line + body.split("\n").index(
            next(line for line in body.split("\n") if re.match(r"#\s", line)))
        state.problems.warning(file, line, "M010", "use '## ' for headings: the lesson title "
                               "is the page's only top-level heading")
    text = state.texts[file][0] if file in state.texts else read_text(file)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Page(lang, title.strip(), blocks, headings, state.problems.rel(file), digest,
                int(duration or 0))


def _load_quiz(
    folder: Path, files: dict[str, Path], languages: tuple[str, ...],
    media_url: Callable[[str], str | None], state: _Loading,
) -> Quiz | None:
    if not files:
        state.problems.error(folder / f"quiz.{languages[0]}.yaml", 0, "Q000",
                             "the module has no quiz")
        return None
    parsed: list[ParsedQuiz] = []
    ordered = sorted(files.items(), key=lambda item: item[0] != languages[0])
    for lang, file in ordered:
        ctx = RenderContext(file, lang, state.problems, media_url)

        def on_read(text: str, data: Any, file: Path = file, lang: str = lang) -> None:
            if state.translations is not None and LANGUAGES[lang].transliterated_from is None:
                meta = data if isinstance(data, LineDict) else None
                state.translations.add("quiz", source_path_of(file, lang), lang, file, text, meta)

        quiz = parse_quiz(file, lang, ctx, on_read)
        state.refs.append((file, ctx.refs))
        if quiz is not None:
            check_balance(quiz, state.problems)
            parsed.append(quiz)
    for lang in languages:
        if lang not in files:
            state.problems.error(folder / f"quiz.{lang}.yaml", 0, "T001",
                                 f"quiz missing in declared language '{lang}'")
    ref_path = files.get(languages[0], next(iter(files.values())))
    quiz = merge_quizzes(parsed, RenderContext(ref_path, languages[0], state.problems, media_url))
    if quiz is None:
        return None
    return replace(
        quiz,
        questions=tuple(_derive_cyrillic_question(q) for q in quiz.questions),
        languages=quiz.languages | {t for t, s in derived().items() if s in quiz.languages},
    )


def _derive_cyrillic_question(question: Question) -> Question:
    texts = dict(question.texts)
    for target, source in derived().items():
        if source not in texts or target in texts:
            continue
        latin = texts[source]
        texts[target] = QuestionText(
            html_to_cyrillic(latin.prompt),
            tuple(Option(html_to_cyrillic(o.text), html_to_cyrillic(o.feedback))
                  for o in latin.options),
            html_to_cyrillic(latin.explanation),
        )
    if len(texts) == len(question.texts):
        return question
    return replace(question, texts=MappingProxyType(texts))


def _derive_cyrillic_pages(versions: dict[str, Page]) -> None:
    for target, source in derived().items():
        if source in versions and target not in versions:
            _derive_page(versions, source, target)


def _derive_page(versions: dict[str, Page], source: str, target: str) -> None:
    page = versions[source]
    # Titles and content notes are plain text: their foreign-language marks are removed here.
    versions[source] = replace(
        page, title=strip_marks(page.title),
        blocks=tuple(replace(b, note=strip_marks(b.note) if b.note else None) for b in page.blocks),
    )
    versions[target] = replace(
        page,
        language=target,
        title=to_cyrillic(page.title),
        blocks=tuple(
            Block(html_to_cyrillic(b.html), to_cyrillic(b.note) if b.note else None, b.anchor)
            for b in page.blocks
        ),
        headings=tuple(Heading(h.level, to_cyrillic(h.text), h.anchor) for h in page.headings),
    )


def _hash_tree(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(folder.rglob("*")):
        if file.is_file():
            digest.update(file.relative_to(folder).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]
