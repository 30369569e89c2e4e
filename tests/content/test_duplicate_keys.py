"""A key written twice in any content YAML is an error at its line, and the first one counts.

YAML itself lets the second value silently replace the first, so an author who pasted a
field twice would never learn which one the site shows.
"""

from __future__ import annotations

from datetime import date

from app.content.loader import load_catalog
from app.content.problems import Severity
from tests.helpers import FIXTURES

CASE = FIXTURES / "courses" / "broken" / "duplicate-keys"


def _twice(key: str, first: int) -> str:
    return f"field '{key}' appears twice (first on line {first}): only the first is used"


def test_every_kind_of_file_reports_a_repeated_key_at_its_line():
    _catalog, problems = load_catalog(CASE, root=CASE)
    errors = sorted(str(p) for p in problems if p.severity is Severity.ERROR)
    assert errors == sorted(
        [
            f"demo/course.yaml:5: error C016 {_twice('min_age', 4)}",
            f"demo/01-basics/module.yaml:4: error C016 {_twice('en', 3)}",
            f"demo/01-basics/01-intro.en.md:5: error C016 {_twice('duration', 4)}",
            f"demo/01-basics/quiz.en.yaml:9: error Q016 {_twice('feedback', 8)}",
            f"glossary/en.yaml:3: error G013 {_twice('term', 2)}",
            f"legal/rs.yaml:30: error L012 {_twice('checked', 29)}",
        ]
    )


def test_the_first_value_is_the_one_used():
    catalog, _problems = load_catalog(CASE, root=CASE)
    course = catalog.course("demo")
    assert course.min_age == 14
    basics = course.module("basics")
    assert basics.title["en"] == "Module basics"
    assert basics.lesson("intro").page("en").duration == 5
    option = basics.quiz.questions[0].text("en").options[0]
    assert "FEEDBACK-forward-yes" in option.feedback
    assert [t.term for t in catalog.glossary["en"] if t.slug == "consent"] == ["Consent"]
    crisis = catalog.legal.country("rs").crisis[0]
    assert crisis.checked == date(2026, 2, 21)


def test_a_file_that_is_not_utf8_is_reported_not_raised(tmp_path):
    course = tmp_path / "demo"
    course.mkdir()
    (course / "course.yaml").write_bytes(b"slug: demo\ntitle: \xff\xfe\n")
    _catalog, problems = load_catalog(tmp_path, root=tmp_path)
    assert any(
        str(p).startswith("demo/course.yaml:0: error C001 cannot read the file") for p in problems
    ), [str(p) for p in problems]
