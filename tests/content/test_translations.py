"""Translations know which English version they were made from (issue 13, item 3-4)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.content.loader import load_catalog
from app.content.stamp import StampError, stamp
from app.translation_status import format_table, language_status, ready_languages
from tests.helpers import PROJECT, VALID_COURSES, real_catalog

LESSON = "demo/01-basics/01-intro"
TRANSLATIONS = PROJECT / "translations"


@pytest.fixture
def courses(tmp_path: Path) -> Path:
    """A copy of the fixture courses that a test may change."""
    target = tmp_path / "courses"
    shutil.copytree(VALID_COURSES, target)
    return target


def _stale(courses: Path) -> list[str]:
    _catalog, problems = load_catalog(courses, root=courses.parent)
    return [str(p) for p in problems if p.code == "STALE"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_translations_start_up_to_date(courses: Path) -> None:
    assert _stale(courses) == []


def test_changing_one_english_lesson_makes_exactly_its_translation_stale(courses: Path) -> None:
    english = courses / f"{LESSON}.en.md"
    english.write_text(
        english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8"
    )
    stale = _stale(courses)
    assert len(stale) == 1
    assert stale[0].startswith(f"courses/{LESSON}.sr-Latn.md:")
    assert "warning STALE" in stale[0]
    assert stale[0].endswith(f"(source: courses/{LESSON}.en.md)")


def test_stamping_after_updating_makes_the_translation_current_again(courses: Path) -> None:
    english = courses / f"{LESSON}.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    catalog, _ = load_catalog(courses, root=courses.parent)
    changed = stamp(
        catalog.translations, courses.parent, "sr-Latn", [f"courses/{LESSON}.sr-Latn.md"]
    )
    assert changed == [f"courses/{LESSON}.sr-Latn.md"]
    assert _stale(courses) == []
    assert "source:" in (courses / f"{LESSON}.sr-Latn.md").read_text(encoding="utf-8")


def test_a_translation_without_a_source_hash_is_stale(courses: Path) -> None:
    quiz = courses / "demo/01-basics/quiz.sr-Latn.yaml"
    lines = [
        line
        for line in quiz.read_text(encoding="utf-8").split("\n")
        if not line.startswith("source:")
    ]
    quiz.write_text("\n".join(lines), encoding="utf-8")
    stale = _stale(courses)
    assert len(stale) == 1 and "records no source hash" in stale[0]
    assert stale[0].startswith("courses/demo/01-basics/quiz.sr-Latn.yaml:")


def test_legal_files_go_stale_on_english_words_not_on_checked_dates(courses: Path) -> None:
    rs = courses / "legal/rs.yaml"
    text = rs.read_text(encoding="utf-8")
    date = re.search(r"checked: (\d{4}-\d{2}-\d{2})", text)
    assert date is not None
    rs.write_text(text.replace(date.group(0), "checked: 2026-11-30", 1), encoding="utf-8")
    assert _stale(courses) == []
    english = re.search(r"\n +en: [A-Z][^\n]+\n", rs.read_text(encoding="utf-8"))
    assert english is not None
    _edit(rs, english.group(0), english.group(0).rstrip("\n") + " Changed.\n")
    stale = _stale(courses)
    assert len(stale) == 1 and stale[0].startswith("courses/legal/rs.yaml:")


def test_stamping_a_bare_glossary_list_keeps_it_loadable(courses: Path) -> None:
    glossary = courses / "glossary/sr-Latn.yaml"
    text = glossary.read_text(encoding="utf-8")
    bare = "\n".join(
        line for line in text.split("\n") if not line.startswith(("source:", "terms:"))
    )
    glossary.write_text(bare, encoding="utf-8")
    assert len(_stale(courses)) == 1
    catalog, _ = load_catalog(courses, root=courses.parent)
    stamp(catalog.translations, courses.parent, "sr-Latn")
    catalog, problems = load_catalog(courses, root=courses.parent)
    assert not problems.errors and _stale(courses) == []
    assert len(catalog.glossary["sr-Latn"]) == len(catalog.glossary["en"])


def test_generated_cyrillic_is_never_stamped(courses: Path) -> None:
    catalog, _ = load_catalog(courses, root=courses.parent)
    with pytest.raises(StampError):
        stamp(catalog.translations, courses.parent, "sr-Cyrl")


def test_status_counts_stale_missing_and_reviewed(courses: Path) -> None:
    _edit(courses / f"{LESSON}.sr-Latn.md", "---\n", "---\nreviewed: {by: Ana, on: 2026-12-01}\n")
    english = courses / "demo/02-next/01-next.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nNew.\n", encoding="utf-8")
    catalog, _ = load_catalog(courses, root=courses.parent)
    rows = {row.tag: row for row in language_status(catalog.translations, TRANSLATIONS)}
    assert (rows["sr-Latn"].stale, rows["sr-Latn"].reviewed, rows["sr-Latn"].missing) == (1, 1, 0)
    assert rows["sr-Cyrl"].stale == 1
    assert rows["sq"].missing == rows["sq"].total > 0
    # A stale lesson keeps Serbian out of the language menu; English stays.
    assert ready_languages(catalog.translations, TRANSLATIONS) == ["en"]
    assert "sr-Latn" in format_table(list(rows.values()))


def test_stamp_and_status_commands(courses: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import create_app

    english = courses / f"{LESSON}.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    monkeypatch.chdir(courses.parent)
    app = create_app({"SECRET_KEY": "s", "DATABASE_URL": "sqlite://", "COURSES_DIR": str(courses)})
    runner = app.test_cli_runner()
    check = runner.invoke(args=["courses", "check", "--strict"])
    assert check.exit_code == 1 and "warning STALE" in check.output
    result = runner.invoke(args=["courses", "stamp", "sr-Latn"])
    assert result.exit_code == 0 and f"stamped courses/{LESSON}.sr-Latn.md" in result.output
    status = runner.invoke(args=["courses", "status"])
    assert status.exit_code == 0 and "sr-Latn" in status.output


def test_the_real_course_passes_check_strict_with_serbian_complete(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app import create_app

    monkeypatch.chdir(PROJECT)
    app = create_app(
        {"SECRET_KEY": "s", "DATABASE_URL": "sqlite://", "COURSES_DIR": str(PROJECT / "courses")}
    )
    runner = app.test_cli_runner()
    check = runner.invoke(args=["courses", "check", "--strict"])
    assert check.exit_code == 0, check.output
    assert "STALE" not in check.output
    catalog, _ = real_catalog()
    rows = {row.tag: row for row in language_status(catalog.translations, TRANSLATIONS)}
    assert rows["sr-Latn"].complete == rows["sr-Latn"].total == rows["en"].total
    assert rows["sr-Latn"].ready and rows["sr-Cyrl"].ready


def test_montenegrin_cyrillic_catalogue_is_made_from_the_latin_one(tmp_path: Path) -> None:
    from app.i18n_tools import write_cyrillic_catalog

    latin = tmp_path / "sr_Latn_ME" / "LC_MESSAGES"
    latin.mkdir(parents=True)
    (latin / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Get help"\nmsgstr "Potraži pomoć"\n',
        encoding="utf-8",
    )
    assert write_cyrillic_catalog(tmp_path, "sr_Latn_ME", "sr_Cyrl_ME") == 1
    made = (tmp_path / "sr_Cyrl_ME" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert 'msgstr "Потражи помоћ"' in made


def test_a_legal_file_with_one_text_untranslated_is_not_complete(courses: Path) -> None:
    rs = courses / "legal/rs.yaml"
    _edit(
        rs,
        "text: {en: Free and every day., sr-Latn: Besplatno i svakog dana.}",
        "text: {en: Free and every day.}",
    )
    catalog, problems = load_catalog(courses, root=courses.parent)
    stale = [str(p) for p in problems if p.code == "STALE"]
    assert len(stale) == 1 and "sr-Latn is incomplete: 1 of" in stale[0]
    line = next(
        n
        for n, text in enumerate(rs.read_text(encoding="utf-8").split("\n"), 1)
        if "text: {en: Free and every day.}" in text
    )
    assert stale[0].startswith(f"courses/legal/rs.yaml:{line}:")
    summary = catalog.translations.summary("sr-Latn")
    assert summary.stale >= 1 and summary.complete < summary.total
    with pytest.raises(StampError, match="1 texts have no sr-Latn text yet"):
        stamp(catalog.translations, courses.parent, "sr-Latn", ["courses/legal/rs.yaml"])


def test_a_language_with_only_some_legal_texts_is_not_counted_complete(courses: Path) -> None:
    rs = courses / "legal/rs.yaml"
    _edit(
        rs, "name: {en: Serbia, sr-Latn: Srbija}", "name: {en: Serbia, sr-Latn: Srbija, sq: Serbia}"
    )
    catalog, _problems = load_catalog(courses, root=courses.parent)
    row = next(
        f
        for f in catalog.translations.files
        if f.language == "sq" and f.kind == "legal" and f.path.endswith("rs.yaml")
    )
    assert row.state == "stale" and row.untranslated > 0
    assert stamp(catalog.translations, courses.parent, "sq") == []  # stamps nothing incomplete
