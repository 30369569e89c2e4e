"""The content cache gives exactly what a load gives, and only for the content and code it
was made from; ``flask courses check`` never reads it."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app import create_app
from app.content import cache, ext
from app.content.ext import warm
from app.content.loader import load_catalog
from app.content.model import Catalog
from app.content.problems import ProblemList
from tests.helpers import FIXTURES, VALID_COURSES

BROKEN = FIXTURES / "courses" / "broken" / "image-without-alt"
LESSON = Path("demo", "01-basics", "01-intro.en.md")


@pytest.fixture
def courses(tmp_path: Path) -> Path:
    """A copy of the fixture courses that a test may change."""
    return Path(shutil.copytree(VALID_COURSES, tmp_path / "courses"))


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders really loaded (not read from a cache) during the test."""
    seen: list[Path] = []

    def counting(courses_dir: Path, *, root: Path | None = None) -> tuple[Catalog, ProblemList]:
        seen.append(courses_dir)
        return load_catalog(courses_dir, root=root)

    monkeypatch.setattr(cache, "load_catalog", counting)
    monkeypatch.setattr(ext, "load_catalog", counting)
    return seen


def _title(catalog: Catalog) -> str:
    return catalog.course("demo").module("basics").lesson("intro").page("en").title


def test_a_second_start_reads_the_cache_and_gets_the_same(
    courses: Path, tmp_path: Path, loads: list[Path]
) -> None:
    first = cache.load_cached(courses, tmp_path / "cache")
    second = cache.load_cached(courses, tmp_path / "cache")
    assert loads == [courses]
    assert second[0] == first[0] == load_catalog(courses)[0]
    assert second[0].media == first[0].media  # read-only mappings survive the pickle
    assert _title(second[0]) == "What consent is"


def test_problems_come_back_from_the_cache_as_found(tmp_path: Path, loads: list[Path]) -> None:
    expected = [str(problem) for problem in load_catalog(BROKEN)[1]]
    assert any(" M002 " in problem for problem in expected)
    cache.load_cached(BROKEN, tmp_path)
    _catalog, problems = cache.load_cached(BROKEN, tmp_path)
    assert len(loads) == 1
    assert [str(problem) for problem in problems] == expected
    assert [str(problem) for problem in problems.errors] == [
        str(problem) for problem in load_catalog(BROKEN)[1].errors
    ]


def test_a_changed_lesson_is_loaded_again(courses: Path, tmp_path: Path, loads: list[Path]) -> None:
    cache.load_cached(courses, tmp_path / "cache")
    lesson = courses / LESSON
    lesson.write_text(lesson.read_text().replace("title: What consent is", "title: Consent"))
    catalog, _problems = cache.load_cached(courses, tmp_path / "cache")
    assert len(loads) == 2
    assert _title(catalog) == "Consent"
    # The cache of the old content is gone; the new one is read next time.
    assert len(list((tmp_path / "cache").iterdir())) == 1
    assert _title(cache.load_cached(courses, tmp_path / "cache")[0]) == "Consent"
    assert len(loads) == 2


def test_a_new_file_is_loaded_again(courses: Path, tmp_path: Path, loads: list[Path]) -> None:
    cache.load_cached(courses, tmp_path / "cache")
    (courses / "demo" / "01-basics" / "notes.txt").write_text("not a lesson\n")
    _catalog, problems = cache.load_cached(courses, tmp_path / "cache")
    assert len(loads) == 2
    assert any(problem.code == "C012" for problem in problems)


def test_a_change_to_the_loading_code_is_loaded_again(
    courses: Path, tmp_path: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "content"
    shutil.copytree(Path(cache.__file__).parent, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "CODE_PATHS", (code,))
    cache.load_cached(courses, tmp_path / "cache")
    cache.load_cached(courses, tmp_path / "cache")
    assert len(loads) == 1
    markdown = code / "markdown.py"
    markdown.write_text(markdown.read_text() + "\n# a change\n")
    cache.load_cached(courses, tmp_path / "cache")
    assert len(loads) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # a write cut short
        lambda data: b"not a pickle at all",
        lambda data: b"",
        lambda data: pickle.dumps(("another key", None, None)),
        lambda data: pickle.dumps({"catalog": None}),
    ],
    ids=["truncated", "garbage", "empty", "other key", "other shape"],
)
def test_a_cache_that_cannot_be_used_is_loaded_again_and_replaced(
    courses: Path, tmp_path: Path, loads: list[Path], damage: Callable[[bytes], bytes]
) -> None:
    expected, _problems = cache.load_cached(courses, tmp_path / "cache")
    (path,) = (tmp_path / "cache").iterdir()
    path.write_bytes(damage(path.read_bytes()))
    catalog, _problems = cache.load_cached(courses, tmp_path / "cache")
    assert catalog == expected
    assert len(loads) == 2
    cache.load_cached(courses, tmp_path / "cache")
    assert len(loads) == 2


def test_a_folder_that_cannot_be_written_only_costs_a_load(
    courses: Path, tmp_path: Path, loads: list[Path]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way\n")
    catalog, _problems = cache.load_cached(courses, blocked / "cache")
    assert _title(catalog) == "What consent is"
    cache.load_cached(courses, blocked / "cache")
    assert len(loads) == 2


def test_nothing_but_the_cache_is_left_in_its_folder(courses: Path, tmp_path: Path) -> None:
    cache.load_cached(courses, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == [
        cache.cache_file(tmp_path / "cache", cache.content_key(courses, courses.parent))
    ]


def _app(courses: Path, **config: object):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": "sqlite://",
            "COURSES_DIR": str(courses),
            **config,
        }
    )


def test_the_site_reads_its_content_from_the_cache(
    courses: Path, tmp_path: Path, loads: list[Path]
) -> None:
    warm(_app(courses, CONTENT_CACHE_DIR=str(tmp_path / "cache")))
    catalog = warm(_app(courses, CONTENT_CACHE_DIR=str(tmp_path / "cache")))
    assert _title(catalog) == "What consent is"
    assert loads == [courses]
    warm(_app(courses, CONTENT_CACHE_DIR=""))  # "" turns the cache off
    assert len(loads) == 2


def test_courses_check_reports_from_a_real_load_whatever_the_cache_says(
    tmp_path: Path,
) -> None:
    courses = Path(shutil.copytree(BROKEN, tmp_path / "courses"))
    app = _app(courses, CONTENT_CACHE_DIR=str(tmp_path / "cache"))
    # A cache of this very content claiming it has no course and no problem.
    key = cache.content_key(courses, courses.parent)
    (tmp_path / "cache").mkdir()
    cache.cache_file(tmp_path / "cache", key).write_bytes(
        pickle.dumps((key, Catalog((), {}, media={}), ProblemList()))
    )
    assert warm(app).courses == ()  # the site believes it...
    result = app.test_cli_runner().invoke(args=["courses", "check"])
    assert result.exit_code == 1  # ...the check does not
    assert "01-intro.en.md:18: error M002" in result.output
