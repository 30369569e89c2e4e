"""Rules that used to be written in several places, each now read from one home.

Which script is generated from which (app.languages), the languages a legal text may carry
(app.languages), and which images a lesson may show (app.content.media). Where the copies
disagreed, the test shows the behaviour of the one rule.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.content.legal import KNOWN_LANGUAGES, load_legal
from app.content.loader import load_catalog
from app.content.model import text_for
from app.content.problems import ProblemList
from app.i18n_tools import write_cyrillic_catalogs
from app.languages import LANGUAGES
from tests.helpers import FIXTURES

VALID_LEGAL = FIXTURES / "legal" / "valid" / "rs.yaml"
BASE = FIXTURES / "courses" / "broken" / "image-without-alt"


def _legal_with_name(tmp_path: Path, name: str) -> list[str]:
    text = VALID_LEGAL.read_text(encoding="utf-8")
    old = next(line for line in text.split("\n") if line.startswith("name:"))
    (tmp_path / "rs.yaml").write_text(text.replace(old, f"name: {name}"), encoding="utf-8")
    problems = ProblemList(tmp_path)
    load_legal(tmp_path, ("en", "sr-Latn"), problems)
    return [f"{p.code} {p.message}" for p in problems if p.code in {"L006", "L016"}]


def test_a_legal_text_may_carry_every_language_of_the_site_and_no_other(tmp_path):
    assert tuple(LANGUAGES) == KNOWN_LANGUAGES
    every = ", ".join(f"{tag}: Srbija" for tag in LANGUAGES)
    assert _legal_with_name(tmp_path, "{" + every + "}") == []
    assert _legal_with_name(tmp_path, "{en: Serbia, sr-Latn: Srbija, sr-ME: Srbija}") == [
        f"L006 name: unknown language `sr-ME` (known: {', '.join(LANGUAGES)})"
    ]


def test_montenegrin_latin_must_be_latin_like_serbian_latin(tmp_path):
    # Montenegrin Cyrillic is generated from Montenegrin Latin, as Serbian Cyrillic is from
    # Serbian Latin; the legal check used to know only Serbian.
    found = _legal_with_name(tmp_path, "{en: Serbia, sr-Latn: Srbija, cnr: Србија}")
    assert found == [
        "L016 name [cnr] contains Cyrillic letters; write Montenegrin in Latin "
        "script only (Cyrillic is generated automatically)"
    ]
    found = _legal_with_name(tmp_path, "{en: Serbia, sr-Latn: Србија}")
    assert [f.split(";")[1] for f in found] == [
        " write Serbian in Latin script only (Cyrillic is generated automatically)"
    ]


def test_montenegrin_cyrillic_is_generated_everywhere_from_the_one_list(tmp_path):
    assert text_for({"en": "Help", "cnr": "Potraži pomoć"}, "cnr-Cyrl") == "Потражи помоћ"
    course = tmp_path / "courses"
    shutil.copytree(BASE, course)
    for file in list(course.rglob("*sr-Latn*")):
        file.rename(file.with_name(file.name.replace("sr-Latn", "cnr")))
    for file in course.rglob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        file.write_text(text.replace("sr-Latn", "cnr"), encoding="utf-8")
    catalog, _problems = load_catalog(course, root=course)
    demo = catalog.course("demo")
    assert demo.languages == ("en", "cnr", "cnr-Cyrl")
    assert demo.title["cnr-Cyrl"] == "Пробни курс"
    page = demo.module("basics").lesson("intro").page("cnr-Cyrl")
    assert (page.language, page.title) == ("cnr-Cyrl", "Шта је пристанак")
    assert "cnr-Cyrl" in demo.module("basics").quiz.languages
    assert "Пристанак" in [term.term for term in catalog.glossary["cnr-Cyrl"]]
    # A generated page has no translation state of its own: it follows its Latin source.
    state = catalog.translations.get(page.path.replace(".cnr.", ".cnr-Cyrl."), "cnr-Cyrl")
    assert state is not None and state.language == "cnr"


def test_every_generated_catalogue_is_written_from_its_source(tmp_path):
    for babel in ("sr_Latn", "sr_Latn_ME"):
        folder = tmp_path / babel / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "Get help"\nmsgstr "Potraži pomoć"\n',
            encoding="utf-8",
        )
    written = write_cyrillic_catalogs(tmp_path)
    assert written == [("sr/LC_MESSAGES/messages.po", 1), ("sr_Cyrl_ME/LC_MESSAGES/messages.po", 1)]
    made = (tmp_path / "sr_Cyrl_ME" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert 'msgstr "Потражи помоћ"' in made


def test_a_lesson_shows_the_image_types_of_one_list_in_any_case(tmp_path):
    course = tmp_path / "courses"
    shutil.copytree(BASE, course)
    images = course / "demo" / "images"
    for name in ("photo.WEBP", "scan.gif"):
        shutil.copy(images / "bench.svg", images / name)
    lesson = course / "demo" / "01-basics" / "02-more.en.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + "\n![A photo](images/photo.WEBP)\n\n"
        "![A scan](images/scan.gif)\n",
        encoding="utf-8",
    )
    catalog, problems = load_catalog(course, root=course)
    assert [(p.line, p.code) for p in problems if p.path.endswith("02-more.en.md")] == [
        (11, "M003")
    ]
    page = catalog.course("demo").module("basics").lesson("more").page("en")
    assert 'src="/course-media/demo/photo.WEBP"' in page.blocks[0].html
    assert catalog.media[("demo", "photo.WEBP")].endswith("photo.WEBP")
