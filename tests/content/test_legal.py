"""Tests for the legal guide: the real data in courses/legal and its loader, app/content/legal/."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from app.content.legal import (
    CONFIDENCE_LEVELS,
    CONTACT_KINDS,
    COUNTRY_CODES,
    COVERS_KEYS,
    COVERS_VALUES,
    Contact,
    LegalGuide,
    Offence,
    load_legal,
)
from app.content.problems import ProblemList, Severity

REPO = Path(__file__).resolve().parents[2]
LEGAL_DIR = REPO / "courses" / "legal"
FIXTURES = REPO / "tests" / "fixtures" / "legal"
LANGUAGES = ("en", "sr-Latn")


def _load(legal_dir: Path) -> tuple[LegalGuide, ProblemList]:
    problems = ProblemList(REPO)
    guide = load_legal(legal_dir, LANGUAGES, problems)
    return guide, problems


@pytest.fixture(scope="module")
def guide() -> LegalGuide:
    guide, problems = _load(LEGAL_DIR)
    assert [str(p) for p in problems] == []
    return guide


def _all_items(guide: LegalGuide, frame: bool = True):
    for country in guide.countries:
        for item in country.facts():
            yield country.code, item
    if frame:
        assert guide.frame is not None
        for item in guide.frame.facts():
            yield "frame", item


# --------------------------------------------------------------------------------------------
# The real data
# --------------------------------------------------------------------------------------------


def test_real_data_loads_with_zero_problems() -> None:
    _, problems = _load(LEGAL_DIR)
    assert [str(p) for p in problems] == []


def test_all_countries_in_order_and_frame(guide: LegalGuide) -> None:
    assert guide.codes == COUNTRY_CODES
    assert [c.code for c in guide.countries] == list(COUNTRY_CODES)
    assert guide.frame is not None
    assert {i.id for i in guide.frame.instruments} >= {
        "eu-dir-2024-1385",
        "coe-grevio-gr1",
        "coe-lanzarote",
        "coe-budapest",
    }
    for code in COUNTRY_CODES:
        country = guide.country(code)
        assert country is not None and country.code == code
    assert guide.country("RS") is guide.country("rs")
    assert guide.country("si") is None


def test_every_fact_has_a_source_and_a_checked_date(guide: LegalGuide) -> None:
    count = 0
    for where, item in _all_items(guide):
        count += 1
        assert item.sources, f"{where}: {item} has no source"
        for source in item.sources:
            assert source.title.strip(), f"{where}: a source without a title"
            if source.url is not None:
                assert source.url.startswith(("https://", "http://"))
        assert isinstance(item.checked, date), f"{where}: {item} has no checked date"
        assert item.checked <= date.today(), f"{where}: checked date in the future"
        assert item.confidence in CONFIDENCE_LEVELS
    assert count > 100


def test_every_country_has_the_required_sections(guide: LegalGuide) -> None:
    for country in guide.countries:
        kinds = {c.kind for c in country.report + country.support}
        assert "police" in kinds, country.code
        assert "data-protection" in kinds, country.code
        assert country.minors, f"{country.code}: nothing for under-18s"
        assert country.unconfirmed, f"{country.code}: empty 'could not be confirmed' list"
        assert country.offences, country.code
        for contact in country.report + country.support:
            assert contact.kind in CONTACT_KINDS
        for offence in country.offences:
            for key in COVERS_KEYS:
                assert getattr(offence.covers, key) in COVERS_VALUES


def test_what_is_not_a_crime_is_said_plainly(guide: LegalGuide) -> None:
    # Countries without an offence specific to image-based abuse must say so in not_a_crime.
    assert {c.code for c in guide.countries if not c.specific_offence} == {"rs", "xk", "mk", "al"}
    assert {c.code for c in guide.countries if c.specific_offence} == {"me", "hr", "ba"}
    for country in guide.countries:
        if not country.specific_offence:
            assert country.not_a_crime, f"{country.code}: no not_a_crime entry"
            assert not any(o.specific for o in country.offences)
        else:
            assert any(o.specific for o in country.offences)


def test_texts_have_both_languages_and_latin_only(guide: LegalGuide) -> None:
    def texts(item):
        for f in dataclasses.fields(item):
            value = getattr(item, f.name)
            if hasattr(value, "keys") and not f.name.startswith("_"):
                yield f.name, value

    for where, item in _all_items(guide):
        for name, text in texts(item):
            for lang in LANGUAGES:
                assert text.get(lang, "").strip(), f"{where} {name}: no {lang}"
            assert not re.search(r"[\u0400-\u04FF]", text["sr-Latn"]), f"{where} {name}"


# Ijekavian spellings that should not appear in ekavian sr-Latn texts (names excepted).
_IJEKAVIAN = re.compile(
    r"\b(djel\w*|dijel\w*|prijet\w*|mjesec\w*|vrijem\w*|dijete|djec\w*|uvijek|lijep\w*|"
    r"riječ\w*|poslije|prije|svjedo\w*|cijel\w*|mjest\w*|vidjet\w*|razumje\w*)\b",
    re.IGNORECASE,
)


def test_serbian_latin_is_ekavian(guide: LegalGuide) -> None:
    for where, item in _all_items(guide):
        fields = ["text", "penalty", "prosecution", "summary", "applies"]
        for name in fields:
            text = getattr(item, name, None)
            if text is None:
                continue
            # Words quoted „like this” are original-language terms and may be ijekavian.
            found = _IJEKAVIAN.findall(re.sub(r"„[^”]*”", "", text["sr-Latn"]))
            assert not found, f"{where} {getattr(item, 'id', '')} {name}: {found}"
    for country in guide.countries:
        assert not _IJEKAVIAN.findall(country.summary["sr-Latn"]), country.code


def test_result_is_immutable(guide: LegalGuide) -> None:
    country = guide.country("hr")
    assert country is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        country.code = "xx"  # type: ignore[misc]
    with pytest.raises(TypeError):
        country.summary["en"] = "changed"  # type: ignore[index]
    assert isinstance(country.offences, tuple)
    offence = country.offences[0]
    assert isinstance(offence, Offence)
    with pytest.raises(dataclasses.FrozenInstanceError):
        offence.article = "Art. 1"  # type: ignore[misc]


def test_default_country_for(guide: LegalGuide) -> None:
    assert guide.default_country_for("sr-Latn") == "rs"
    assert guide.default_country_for("sr-Cyrl") == "rs"
    assert guide.default_country_for("sr") == "rs"
    assert guide.default_country_for("sr_RS") == "rs"
    assert guide.default_country_for("hr") == "hr"
    assert guide.default_country_for("hr-HR") == "hr"
    assert guide.default_country_for("bs") == "ba"
    assert guide.default_country_for("mk") == "mk"
    assert guide.default_country_for("cnr") == "me"
    # Spoken in several countries: the learner chooses.
    assert guide.default_country_for("sq") is None
    assert guide.default_country_for("en") is None
    assert guide.default_country_for("") is None


# --------------------------------------------------------------------------------------------
# Every phone number, e-mail and web address is traceable to a source
# --------------------------------------------------------------------------------------------


def _contact_values(item) -> list[tuple[str, str]]:
    """The phone numbers, e-mails and web addresses a contact shows to learners."""
    if not isinstance(item, Contact):
        return []
    values = [("phone", p) for p in item.phones] + [("email", e) for e in item.emails]
    return values + ([("url", item.url)] if item.url else [])


def _verified() -> list[dict]:
    return yaml.safe_load((LEGAL_DIR / "verified.yaml").read_text(encoding="utf-8"))


def test_verified_list_is_well_formed(guide: LegalGuide) -> None:
    entries = _verified()
    assert isinstance(entries, list) and entries
    used = {value for _, item in _all_items(guide) for _, value in _contact_values(item)}
    used |= {s.url for _, item in _all_items(guide) for s in item.sources if s.url}
    for entry in entries:
        assert set(entry) <= {"value", "kind", "entry", "source", "checked", "quote"}, entry
        assert {"value", "kind", "source", "checked"} <= set(entry), entry
        assert entry["kind"] in {"phone", "email", "url"}, entry
        # A web address where there is one; otherwise the source named in words.
        assert str(entry["source"]).strip(), entry
        assert isinstance(entry["checked"], date), entry
        assert str(entry["value"]) in used, f"verified.yaml lists an unused value: {entry['value']}"


def _unverified(guide: LegalGuide, verified: set[tuple[str, str]]) -> list[str]:
    """Numbers and addresses shown to learners that are neither verified nor the own source."""
    missing = []
    for where, item in _all_items(guide, frame=guide.frame is not None):
        own_sources = {s.url for s in item.sources if s.url}
        for kind, value in _contact_values(item):
            if (kind, value) in verified or (kind == "url" and value in own_sources):
                continue
            missing.append(f"{where} {item.id}: {kind} {value}")
    return missing


def test_every_number_and_address_is_verified_or_its_own_source(guide: LegalGuide) -> None:
    # Only files in the repository: a clone with nothing beside it runs this test.
    verified = {(e["kind"], str(e["value"])) for e in _verified()}
    missing = _unverified(guide, verified)
    assert missing == [], "not in verified.yaml nor the entry's own source:\n" + "\n".join(missing)


def test_an_unverified_number_is_reported() -> None:
    guide, _ = _load(FIXTURES / "valid")
    assert _unverified(guide, set()) == ["rs rs-test-crisis: phone 0800 000 000"]
    assert _unverified(guide, {("phone", "0800 000 000")}) == []


# --------------------------------------------------------------------------------------------
# Broken files: each produces the expected problem at the expected line
# --------------------------------------------------------------------------------------------


def _expected_line(path: Path) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if "# EXPECTED" in line:
            return number
    raise AssertionError(f"{path} has no '# EXPECTED' marker")


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("missing-source", "L007"),
        ("bad-date", "L009"),
        ("missing-language", "L005"),
        ("bad-covers", "L010"),
        ("cyrillic-in-latin", "L016"),
        ("bad-url", "L008"),
        ("specific-mismatch", "L017"),
        ("duplicate-id", "L012"),
        ("invalid-yaml", "L001"),
        ("missing-crisis", "L019"),
        ("unknown-area", "L022"),
    ],
)
def test_broken_fixture_reports_path_and_line(case: str, code: str) -> None:
    path = FIXTURES / case / "rs.yaml"
    _, problems = _load(FIXTURES / case)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    expected = f"tests/fixtures/legal/{case}/rs.yaml:{_expected_line(path)}: error {code} "
    assert any(str(p).startswith(expected) for p in errors), [str(p) for p in problems]
    assert all(p.code == code for p in errors), [str(p) for p in errors]


def test_valid_fixture_has_no_errors_and_warns_about_missing_files() -> None:
    guide, problems = _load(FIXTURES / "valid")
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    warnings = [str(p) for p in problems]
    assert any("frame.yaml" in w and "L013" in w for w in warnings)
    assert any("tests/fixtures/legal/valid/me.yaml:0: warning L013" in w for w in warnings)
    assert guide.codes == ("rs",)
    country = guide.country("rs")
    assert country is not None
    assert country.offences[0].article == "Art. 145"
    assert country.not_a_crime[0].sources[0].url == "https://example.org/source"


def test_items_without_source_are_left_out() -> None:
    guide, _ = _load(FIXTURES / "missing-source")
    country = guide.country("rs")
    assert country is not None
    assert country.not_a_crime == ()  # never shown without a source
    assert len(country.offences) == 1


def test_loader_never_raises_on_odd_shapes(tmp_path: Path) -> None:
    cases = {
        "rs.yaml": "- just\n- a list\n",
        "me.yaml": "",
        "hr.yaml": "code: hr\nname: Croatia\nlanguages_default: hr\nspecific_offence: maybe\n"
        "summary: {en: x, sr-Latn: y}\noffences: {not: a list}\n",
        "xk.yaml": "code: rs\n",
        "zz.yaml": "code: zz\n",
        "frame.yaml": "summary: [1, 2]\ninstruments:\n  - 42\n  - {id: x}\n",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "ba.yaml").write_bytes(b"\xff\xfe not utf-8")
    guide, problems = _load(tmp_path)
    codes = {p.code for p in problems}
    assert {"L001", "L002", "L003", "L013", "L015"} <= codes
    assert guide.countries == ()
    for problem in problems:
        assert str(problem).startswith(problem.path + ":")


def test_duplicate_language_default(tmp_path: Path) -> None:
    template = (FIXTURES / "valid" / "rs.yaml").read_text(encoding="utf-8")
    (tmp_path / "rs.yaml").write_text(template, encoding="utf-8")
    other = template.replace("code: rs", "code: me").replace("rs-test-", "me-test-")
    (tmp_path / "me.yaml").write_text(other, encoding="utf-8")
    guide, problems = _load(tmp_path)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert [p.code for p in errors] == ["L014"]
    assert errors[0].path.endswith("rs.yaml") or errors[0].path.endswith("me.yaml")
    assert guide.default_country_for("sr-Latn") in {"rs", "me"}
