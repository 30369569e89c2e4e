"""Currency of the legal guide: facts last checked long ago are flagged, against a frozen today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.content.legal import load_legal
from app.content.legal_currency import currency_problems, months_ago, old_facts
from app.content.problems import ProblemList, Severity

REPO = Path(__file__).resolve().parents[2]
STALE = REPO / "tests" / "fixtures" / "legal" / "stale"
TODAY = date(2026, 12, 1)


def _guide():
    return load_legal(STALE, ("en", "sr-Latn"), ProblemList(REPO))


def test_old_facts_lists_what_is_over_12_months_oldest_first() -> None:
    facts = old_facts(_guide(), TODAY)
    assert [(f.id, f.checked, f.stale) for f in facts] == [
        ("rs-test-fact", date(2025, 3, 1), True),
        ("rs-test-145", date(2025, 10, 15), False),
    ]
    assert facts[0].path == "tests/fixtures/legal/stale/rs.yaml" and facts[0].line == 35
    assert facts[0].months == 21 and facts[1].months == 13


def test_warning_over_12_months_error_over_18_only_under_strict() -> None:
    relaxed = currency_problems(_guide(), TODAY, strict=False)
    assert [(p.code, p.severity, p.line) for p in relaxed] == [
        ("L021", Severity.WARNING, 35),
        ("L020", Severity.WARNING, 21),
    ]
    strict = currency_problems(_guide(), TODAY, strict=True)
    assert [(p.code, p.severity) for p in strict] == [
        ("L021", Severity.ERROR),
        ("L020", Severity.WARNING),
    ]
    expected = "tests/fixtures/legal/stale/rs.yaml:35: error L021 `rs-test-fact`"
    assert str(strict[0]).startswith(expected)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 10, 15), ["rs-test-fact"]),  # the review fact is exactly 12 months old
        (date(2026, 10, 16), ["rs-test-fact", "rs-test-145"]),
        (date(2026, 3, 1), []),  # the stale fact was under 12 months then
        (date(2027, 11, 2), ["rs-test-fact", "rs-test-145", "rs-test-crisis"]),
    ],
)
def test_boundaries_move_with_the_day_passed_in(today: date, expected: list[str]) -> None:
    assert [f.id for f in old_facts(_guide(), today)] == expected


def test_months_ago_clamps_to_the_end_of_the_month() -> None:
    assert months_ago(date(2026, 8, 31), 18) == date(2025, 2, 28)
    assert months_ago(date(2026, 12, 1), 12) == date(2025, 12, 1)
    assert old_facts(None, TODAY) == []


def test_check_command_fails_strict_only_on_facts_over_18_months(tmp_path: Path) -> None:
    import shutil

    from app import create_app

    courses = tmp_path / "courses"
    shutil.copytree(REPO / "tests" / "fixtures" / "courses" / "valid", courses)
    shutil.copy(STALE / "rs.yaml", courses / "legal" / "rs.yaml")
    (courses / "legal" / "frame.yaml").unlink()  # a copy of the real frame, with its own dates
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": "sqlite://",
            "COURSES_DIR": str(courses),
        }
    )
    runner = app.test_cli_runner()
    relaxed = runner.invoke(args=["courses", "check", "--today", "2026-12-01"])
    assert relaxed.exit_code == 0, relaxed.output
    assert "rs.yaml:35: warning L021" in relaxed.output
    assert "rs.yaml:21: warning L020" in relaxed.output
    strict = runner.invoke(args=["courses", "check", "--strict", "--today", "2026-12-01"])
    assert strict.exit_code == 1
    assert "rs.yaml:35: error L021" in strict.output
    assert "rs.yaml:21: warning L020" in strict.output
    earlier = runner.invoke(args=["courses", "check", "--today", "2026-03-01"])
    assert "L020" not in earlier.output and "L021" not in earlier.output
