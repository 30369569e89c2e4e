"""Areas of a country (BiH: the Federation, Republika Srpska, Brčko) and the entries naming one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.content.legal import Contact, Fact, LegalGuide, Offence, by_area, load_legal
from app.content.problems import ProblemList, Severity

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "legal"
LANGUAGES = ("en", "sr-Latn")


def _load(legal_dir: Path) -> tuple[LegalGuide, ProblemList]:
    problems = ProblemList(REPO)
    return load_legal(legal_dir, LANGUAGES, problems), problems


def _errors(problems: ProblemList) -> list[str]:
    return [str(p) for p in problems if p.severity is Severity.ERROR]


def test_declared_areas_are_read_with_the_entries_naming_them() -> None:
    guide, problems = _load(FIXTURES / "areas")
    assert _errors(problems) == []
    country = guide.country("rs")
    assert country is not None
    assert [a.code for a in country.areas] == ["north", "south"]
    assert country.areas[1].name["sr-Latn"] == "Jug"
    assert country.area("north") is country.areas[0]
    assert country.area("east") is None and country.area(None) is None
    assert country.offences[0].area == "north"
    assert country.not_a_crime[0].area == "south"
    assert country.crisis[0].area is None  # no area: applies everywhere


def _write(tmp_path: Path, old: str, new: str) -> Path:
    text = (FIXTURES / "areas" / "rs.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "rs.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path / "rs.yaml"


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def test_an_unknown_area_is_an_error_at_its_line_and_the_entry_stays(tmp_path: Path) -> None:
    path = _write(tmp_path, "    area: south\n", "    area: west\n")
    guide, problems = _load(tmp_path)
    errors = _errors(problems)
    assert len(errors) == 1, errors
    line = _line_of(path, "area: west")
    assert errors[0].startswith(f"{problems.rel(path)}:{line}: error L022 ")
    assert "`west`" in errors[0] and "north, south" in errors[0]
    country = guide.country("rs")
    assert country is not None
    # The fact is still shown (as applying everywhere): an editor's slip never hides it.
    assert len(country.not_a_crime) == 1 and country.not_a_crime[0].area is None


def test_an_area_in_a_file_without_areas_is_an_error(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "rs.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: rs-test-fact\n", "  - id: rs-test-fact\n    area: north\n")
    (tmp_path / "rs.yaml").write_text(text, encoding="utf-8")
    _, problems = _load(tmp_path)
    errors = _errors(problems)
    assert len(errors) == 1 and " L022 " in errors[0], errors
    assert "declares no `areas:`" in errors[0]


def test_a_duplicate_or_badly_written_area_code_is_reported(tmp_path: Path) -> None:
    _write(tmp_path, "  - code: south\n", "  - code: north\n")
    _, problems = _load(tmp_path)
    # The second `north` is refused (L012), so the fact naming `south` names no area (L022).
    assert [p.code for p in problems if p.severity is Severity.ERROR] == ["L012", "L022"]
    _write(tmp_path, "  - code: south\n", "  - code: South Part\n")
    _, problems = _load(tmp_path)
    assert "L022" in {p.code for p in problems if p.severity is Severity.ERROR}


def test_bosnia_tags_its_entries_by_entity() -> None:
    guide, problems = _load(REPO / "courses" / "legal")
    assert _errors(problems) == []
    ba = guide.country("ba")
    assert ba is not None
    assert [a.code for a in ba.areas] == ["fbih", "rs", "brcko"]
    for area in ba.areas:
        assert set(area.name) == {"en", "sr-Latn", "sq", "mk", "hr", "bs", "cnr"}
    assert ba.area("brcko").name["en"] == "Brčko District of Bosnia and Herzegovina"  # type: ignore[union-attr]
    for item in ba.facts():
        prefix = (item.id or "").split("-")[1] if (item.id or "").count("-") > 1 else ""
        expected = prefix if prefix in ("fbih", "rs", "brcko") else None
        assert item.area == expected, item.id
    assert next(c for c in ba.report if c.id == "ba-rs-mup-vtk").area == "rs"
    # No other country declares areas.
    assert all(not c.areas for c in guide.countries if c.code != "ba")


def _fact(area: str | None, name: str) -> Fact:
    return Fact(
        text={"en": name}, sources=(), checked=date(2026, 1, 1), confidence="primary", area=area
    )


def test_by_area_puts_the_area_first_then_everywhere_then_the_others() -> None:
    items = [_fact("a", "a1"), _fact(None, "all"), _fact("b", "b1"), _fact("a", "a2")]
    first, others = by_area(items, "a")
    assert [f.text["en"] for f in first] == ["a1", "a2", "all"]
    assert [f.text["en"] for f in others] == ["b1"]
    first, others = by_area(items, None)
    assert first == items and others == []
    # Offences and contacts go the same way; nothing is ever dropped.
    assert Offence.__dataclass_fields__["area"] and Contact.__dataclass_fields__["area"]
    first, others = by_area(items, "c")
    assert len(first) + len(others) == len(items)
