"""Load the legal guide from ``courses/legal/``: one file per country and the regional frame.

The files are read with :func:`app.content.fields.read_yaml` (scalars as written), their
sections item by item with :mod:`.records`. See :mod:`app.content.legal` for the problem
codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.content.fields import LEGAL_CODES, Fields, read_yaml
from app.content.legal import records
from app.content.legal.model import (
    COUNTRY_CODES,
    CRISIS_KINDS,
    KNOWN_LANGUAGES,
    Area,
    Contact,
    Country,
    Frame,
    LegalGuide,
    Offence,
)
from app.content.legal.read import Reader
from app.content.problems import ProblemList

_Defaults = dict[str, tuple[str, str, int]]
_COUNTRY_REQUIRED = ("code", "name", "languages_default", "specific_offence", "summary", "offences")
_COUNTRY_OPTIONAL = (
    "crisis",
    "not_a_crime",
    "report",
    "support",
    "minors",
    "context",
    "unconfirmed",
    "translations",
    "areas",
)
_AREA_CODE_RE = re.compile(r"^[a-z][a-z0-9-]*$")


def _read_file(
    path: Path, r: Reader, what: str, on_read: Callable[[Path, Any], None] | None
) -> Fields | None:
    document = read_yaml(path, r.problems, LEGAL_CODES, raw=True)
    if document is None:
        return None
    if document.data is None:
        r.error(0, "L015", "the file is empty")
        return None
    if on_read is not None:
        on_read(path, document.data)
    return r.mapping(document.data, getattr(document.data, "line", 1), what)


def _country_code(r: Reader, fields: Fields, path: Path) -> str | None:
    if "code" not in fields:
        return None
    line = fields.value_line("code")
    code = r.scalar(fields.get("code"), line, "code")
    if code is not None and code not in COUNTRY_CODES:
        r.error(line, "L013", f"unknown country code `{code}` (known: {', '.join(COUNTRY_CODES)})")
        return None
    if code is not None and path.stem != code:
        r.error(line, "L013", f"code `{code}` does not match the file name {path.name}")
    return code


def _languages_default(
    r: Reader, fields: Fields, code: str | None, defaults: _Defaults
) -> tuple[str, ...]:
    """The languages whose learners start on this country; each may lead to one country."""
    languages: tuple[str, ...] = ()
    if "languages_default" not in fields:
        return languages
    items = r.sequence(
        fields.get("languages_default"), fields.value_line("languages_default"), "languages_default"
    )
    for value, line in items:
        lang = r.scalar(value, line, "languages_default entry")
        if lang is None:
            continue
        if lang not in KNOWN_LANGUAGES:
            r.error(line, "L006", f"languages_default: unknown language `{lang}`")
            continue
        if lang in defaults and code is not None:
            other_code, other_path, other_line = defaults[lang]
            r.error(
                line,
                "L014",
                f"language `{lang}` is already the default of `{other_code}` "
                f"({other_path}:{other_line})",
            )
            continue
        if code is not None:
            defaults[lang] = (code, r.problems.rel(r.path), line)
        languages += (lang,)
    return languages


def _check_specific(
    r: Reader, fields: Fields, specific: bool | None, offences: tuple[Offence, ...]
) -> None:
    """``specific_offence`` must agree with the offences marked ``specific: true`` (L017)."""
    if specific is None or "offences" not in fields:
        return
    marked = [o for o in offences if o.specific]
    line = fields.value_line("specific_offence")
    if specific and not marked:
        r.error(line, "L017", "specific_offence is true but no offence is marked `specific: true`")
    if not specific and marked:
        r.error(
            line,
            "L017",
            f"specific_offence is false but offence `{marked[0].id}` is marked `specific: true`",
        )


def _area(r: Reader, value: Any, line: int, seen: dict[str, int]) -> Area | None:
    fields = r.mapping(value, line, "area")
    if fields is None:
        return None
    ok = r.check_fields(fields, "area", ("code", "name"), ())
    code = r.at(fields, "code", r.scalar)
    name = r.at(fields, "name", r.text)
    if code is not None and not _AREA_CODE_RE.match(code):
        message = f"area code `{code}` must be lowercase letters, digits and hyphens (e.g. `rs`)"
        r.error(fields.value_line("code"), "L022", message)
        return None
    if code is not None and code in seen:
        message = f"area `{code}` is already declared at line {seen[code]}"
        r.error(fields.value_line("code"), "L012", message)
        return None
    if not ok or code is None or name is None:
        return None
    seen[code] = fields.value_line("code")
    return Area(code=code, name=name, line=line)


def _areas(r: Reader, fields: Fields) -> tuple[Area, ...]:
    """The parts of the country with laws of their own, which entries name with ``area:``."""
    if "areas" not in fields:
        return ()
    seen: dict[str, int] = {}
    items = r.sequence(fields.get("areas"), fields.value_line("areas"), "areas")
    parsed = (_area(r, value, line, seen) for value, line in items)
    return tuple(area for area in parsed if area is not None)


def _crisis(r: Reader, fields: Fields) -> tuple[Contact, ...]:
    """The ``crisis`` section: required, non-empty, and only crisis-type kinds."""
    crisis = records.contacts(r, fields, "crisis")
    if not crisis:
        line = fields.value_line("crisis") if "crisis" in fields else fields.line
        r.error(
            line,
            "L019",
            "no `crisis` entry: list a verified crisis or suicide-prevention "
            "line, or the emergency number with a text saying none could be verified",
        )
    for entry in crisis:
        if entry.kind not in CRISIS_KINDS:
            r.error(
                entry.line,
                "L019",
                f"crisis entry {entry.id}: kind `{entry.kind}` "
                f"must be one of {', '.join(CRISIS_KINDS)}",
            )
    return tuple(c for c in crisis if c.kind in CRISIS_KINDS)


def _country(
    path: Path, r: Reader, defaults: _Defaults, on_read: Callable[[Path, Any], None] | None
) -> Country | None:
    fields = _read_file(path, r, "country file", on_read)
    if fields is None:
        return None
    ok = r.check_fields(fields, "country file", _COUNTRY_REQUIRED, _COUNTRY_OPTIONAL)
    code = _country_code(r, fields, path)
    name, summary = r.at(fields, "name", r.text), r.at(fields, "summary", r.text)
    specific = r.at(fields, "specific_offence", r.boolean)
    languages = _languages_default(r, fields, code, defaults)
    areas = _areas(r, fields)
    r.areas = tuple(area.code for area in areas)
    offences = records.offences(r, fields)
    _check_specific(r, fields, specific, offences)
    crisis = _crisis(r, fields)
    not_a_crime = records.facts(r, fields, "not_a_crime")
    report, support = records.contacts(r, fields, "report"), records.contacts(r, fields, "support")
    minors, context = records.facts(r, fields, "minors"), records.facts(r, fields, "context")
    unconfirmed = records.unconfirmed(r, fields)
    if not ok or code is None or name is None or summary is None or specific is None:
        return None
    return Country(
        code=code,
        name=name,
        languages_default=languages,
        specific_offence=specific,
        summary=summary,
        offences=offences,
        not_a_crime=not_a_crime,
        report=report,
        support=support,
        minors=minors,
        context=context,
        unconfirmed=unconfirmed,
        path=r.problems.rel(path),
        crisis=crisis,
        areas=areas,
    )


def _frame(path: Path, r: Reader, on_read: Callable[[Path, Any], None] | None) -> Frame | None:
    fields = _read_file(path, r, "frame file", on_read)
    if fields is None:
        return None
    ok = r.check_fields(
        fields,
        "frame file",
        ("summary", "instruments"),
        ("report", "minors", "unconfirmed", "translations"),
    )
    summary = r.at(fields, "summary", r.text)
    instruments = records.instruments(r, fields)
    report, minors = records.contacts(r, fields, "report"), records.facts(r, fields, "minors")
    unconfirmed = records.unconfirmed(r, fields)
    if not ok or summary is None:
        return None
    return Frame(
        summary=summary,
        instruments=instruments,
        report=report,
        minors=minors,
        unconfirmed=unconfirmed,
        path=r.problems.rel(path),
    )


def load_legal(
    legal_dir: Path,
    languages: Sequence[str],
    problems: ProblemList,
    on_read: Callable[[Path, Any], None] | None = None,
) -> LegalGuide:
    """Read ``frame.yaml`` and every ``<code>.yaml`` in ``legal_dir`` into a :class:`LegalGuide`.

    ``languages`` are the languages every text must have (e.g. ``["en", "sr-Latn"]``).
    Problems are appended to ``problems``; the function never raises on bad data. Items that
    cannot be used (no source, no valid ``checked`` date, missing required fields) are left
    out of the result, so the guide never shows an unsourced fact. ``on_read`` gets each
    file's data as read (the translation check hashes its English texts).
    """
    r = Reader(problems, languages)
    defaults: _Defaults = {}
    frame = None
    r.path = legal_dir / "frame.yaml"
    if r.path.is_file():
        frame = _frame(r.path, r, on_read)
    else:
        r.warning(0, "L013", "the regional frame has no file frame.yaml")
    countries: dict[str, Country] = {}
    for path in sorted(legal_dir.glob("*.yaml")):
        if path.name in ("frame.yaml", "verified.yaml"):
            continue
        r.path, r.areas = path, ()
        if path.stem not in COUNTRY_CODES:
            known = ", ".join(c + ".yaml" for c in COUNTRY_CODES)
            r.error(
                0,
                "L013",
                f"{path.name}: not a known country file (known: {known}, "
                "frame.yaml, verified.yaml)",
            )
            continue
        country = _country(path, r, defaults, on_read)
        if country is not None:
            countries[country.code] = country
    for code in COUNTRY_CODES:
        if not (legal_dir / f"{code}.yaml").is_file():
            r.path = legal_dir / f"{code}.yaml"
            r.warning(0, "L013", f"country `{code}` has no file")
    ordered = tuple(countries[c] for c in COUNTRY_CODES if c in countries)
    return LegalGuide(
        countries=ordered,
        frame=frame,
        languages=tuple(languages),
        _by_code=MappingProxyType({c.code: c for c in ordered}),
        _default_by_language=MappingProxyType(
            {lang: code for lang, (code, _, _) in defaults.items() if code in countries}
        ),
    )
