"""The items of the legal guide that carry a source, read by one skeleton.

An offence, a contact, an instrument and a fact share what makes them trustworthy: an id
(facts may go without), the sources, the ``checked`` date and the confidence. :func:`_sourced`
reads those for every kind; what differs is a table of the other fields (:data:`_OFFENCE`,
:data:`_CONTACT` ...), each with its reader. An item that lacks a common field or a required
one is left out, so the guide never shows an unsourced fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from app.content.fields import Fields
from app.content.legal.model import (
    CONTACT_KINDS,
    COVERS_KEYS,
    COVERS_VALUES,
    INSTRUMENT_KINDS,
    Contact,
    Coverage,
    Fact,
    Instrument,
    Offence,
    Unconfirmed,
)
from app.content.legal.read import Reader

_PHONE_RE = re.compile(r"^[0-9+()\-/ ]+$")
_T = TypeVar("_T")
#: Reads field ``name`` of the item called ``what``.
_Read = Callable[[Reader, Fields, str, str], Any]
#: Fields every sourced item may have.
_SOURCED = ("source", "checked", "confidence")


@dataclass(frozen=True)
class _Field:
    """How to read one field of a sourced item, and where it goes."""

    read: _Read
    required: bool = True
    attr: str = ""  # the dataclass attribute, when it is not the field's name


def _text(r: Reader, f: Fields, name: str, what: str) -> Any:
    return r.text(f.get(name), f.value_line(name), f"{what} {name}")


def _plain(r: Reader, f: Fields, name: str, what: str) -> Any:
    return r.scalar(f.get(name), f.value_line(name), f"{what} {name}")


def _flag(r: Reader, f: Fields, name: str, what: str) -> Any:
    return r.boolean(f.get(name), f.value_line(name), f"{what} {name}")


def _url(r: Reader, f: Fields, name: str, what: str) -> Any:
    return r.url(f.get(name), f.value_line(name), f"{what} {name}")


def _kind(kinds: Sequence[str]) -> _Read:
    def read(r: Reader, f: Fields, name: str, what: str) -> str | None:
        line = f.value_line(name)
        kind = r.scalar(f.get(name), line, f"{what} kind")
        if kind is not None and kind not in kinds:
            r.error(line, "L011", f"{what}: kind `{kind}` must be one of {', '.join(kinds)}")
            return None
        return kind

    return read


def _phones(r: Reader, f: Fields, name: str, what: str) -> tuple[str, ...]:
    phones = r.strings(f.get(name), f.value_line(name), f"{what} phone")
    for phone in phones:
        if not _PHONE_RE.match(phone):
            message = f"{what}: phone `{phone}` may only contain digits, spaces and + - ( ) /"
            r.error(f.value_line(name), "L018", message)
    return phones


def _emails(r: Reader, f: Fields, name: str, what: str) -> tuple[str, ...]:
    emails = r.strings(f.get(name), f.value_line(name), f"{what} email")
    for email in emails:
        if "@" not in email or " " in email:
            r.error(f.value_line(name), "L002", f"{what}: `{email}` is not an e-mail address")
    return emails


def _area(r: Reader, f: Fields, name: str, what: str) -> str | None:
    """The code of one of the file's ``areas`` (L022 when the file declares no such area)."""
    line = f.value_line(name)
    code = r.scalar(f.get(name), line, f"{what} area")
    if code is None or code in r.areas:
        return code
    declared = f"declared: {', '.join(r.areas)}" if r.areas else "this file declares no `areas:`"
    r.error(line, "L022", f"{what}: unknown area `{code}` ({declared})")
    return None


def _as_written(value: Any) -> str:
    if isinstance(value, Mapping | list):
        return "..."
    return "" if value is None else str(value).strip()


def _covers(r: Reader, f: Fields, name: str, what: str) -> Coverage | None:
    fields = r.mapping(f.get(name), f.value_line(name), f"{what} covers")
    if fields is None:
        return None
    values: dict[str, str] = {}
    for key in COVERS_KEYS:
        if key not in fields:
            message = f"{what} covers: missing `{key}` (yes, no, partly or unclear)"
            r.error(fields.line, "L010", message)
            continue
        value = fields.get(key)
        raw = _as_written(value)
        if raw.lower() not in COVERS_VALUES:
            allowed = ", ".join(COVERS_VALUES)
            message = f"{what} covers `{key}`: `{raw}` must be one of {allowed}"
            r.error(fields.value_line(key), "L010", message)
            continue
        values[key] = raw.lower()
    unknown = "L004"
    fields.unknown(
        COVERS_KEYS, unknown, lambda key: f"{what} covers: unknown entry `{key}`", warn=True
    )
    return Coverage(**values) if len(values) == len(COVERS_KEYS) else None


def _points(r: Reader, f: Fields, name: str, what: str) -> tuple[Fact, ...]:
    return facts(r, f, name, f"{what} point")


# The fields of each kind of item besides id, source, checked and confidence, in file order.
_OFFENCE = {
    "title": _Field(_text),
    "law": _Field(_text),
    "penalty": _Field(_text),
    "covers": _Field(_covers),
    "specific": _Field(_flag),
    "text": _Field(_text),
    "article": _Field(_plain, required=False),
    "title_original": _Field(_plain, required=False),
    "law_original": _Field(_plain, required=False),
    "jurisdiction": _Field(_text, required=False),
    "prosecution": _Field(_text, required=False),
    "area": _Field(_area, required=False),
}
_CONTACT = {
    "name": _Field(_text),
    "kind": _Field(_kind(CONTACT_KINDS)),
    "text": _Field(_text),
    "phone": _Field(_phones, required=False, attr="phones"),
    "email": _Field(_emails, required=False, attr="emails"),
    "url": _Field(_url, required=False),
    "area": _Field(_area, required=False),
}
_INSTRUMENT = {
    "title": _Field(_text),
    "kind": _Field(_kind(INSTRUMENT_KINDS)),
    "applies": _Field(_text),
    "text": _Field(_text),
    "points": _Field(_points, required=False),
}
_FACT = {"text": _Field(_text), "area": _Field(_area, required=False)}


def _sourced(
    r: Reader,
    value: Any,
    line: int,
    what: str,
    cls: Callable[..., _T],
    spec: Mapping[str, _Field],
    *,
    named: bool = True,
) -> _T | None:
    """The skeleton of every sourced item; ``named`` items need an id (and are called by it)."""
    fields = r.mapping(value, line, what)
    if fields is None:
        return None
    identity: tuple[str, ...] = ("id",)
    required = (identity if named else ()) + tuple(n for n, f in spec.items() if f.required)
    optional = (() if named else identity) + tuple(n for n, f in spec.items() if not f.required)
    ok = r.check_fields(fields, what, required, (*optional, *_SOURCED))
    item_id = r.item_id(fields, what, named)
    if named and item_id:
        what = f"{what} {item_id}"
    sources, checked = r.sources(fields, what), r.checked(fields, what)
    confidence = r.confidence(fields, what)
    values = {f.attr or n: f.read(r, fields, n, what) for n, f in spec.items() if n in fields}
    missing = not ok or any(values[f.attr or n] is None for n, f in spec.items() if f.required)
    if (
        missing
        or (named and item_id is None)
        or any(common is None for common in (sources, checked, confidence))
    ):
        return None
    return cls(
        id=item_id, sources=sources, checked=checked, confidence=confidence, line=line, **values
    )


def _fact(r: Reader, value: Any, line: int, what: str) -> Fact | None:
    return _sourced(r, value, line, what, Fact, _FACT, named=False)


def _unconfirmed(r: Reader, value: Any, line: int) -> Unconfirmed | None:
    what = "unconfirmed item"
    fields = r.mapping(value, line, what)
    if fields is None:
        return None
    ok = r.check_fields(fields, what, ("text",), ("note",))
    text = _text(r, fields, "text", what) if "text" in fields else None
    note = _plain(r, fields, "note", what) if "note" in fields else None
    if not ok or text is None:
        return None
    return Unconfirmed(text=text, note=note, line=line)


def _list_of(
    r: Reader, fields: Fields, name: str, parse: Callable[[Any, int], _T | None]
) -> tuple[_T, ...]:
    """Parse the list ``name`` item by item with ``parse``, dropping unusable items."""
    if name not in fields:
        return ()
    items = r.sequence(fields.get(name), fields.value_line(name), name)
    parsed = (parse(value, line) for value, line in items)
    return tuple(item for item in parsed if item is not None)


def facts(r: Reader, fields: Fields, name: str, what: str = "") -> tuple[Fact, ...]:
    """The sourced statements listed under ``name`` (each called ``what``, by default
    "<name> item"); their ids are optional."""
    what = what or f"{name} item"
    return _list_of(r, fields, name, lambda value, line: _fact(r, value, line, what))


def offences(r: Reader, fields: Fields) -> tuple[Offence, ...]:
    """The criminal offences of a country."""
    spec = _OFFENCE
    return _list_of(
        r, fields, "offences", lambda v, line: _sourced(r, v, line, "offence", Offence, spec)
    )


def contacts(r: Reader, fields: Fields, name: str) -> tuple[Contact, ...]:
    """The places to report or get support listed under ``name`` (``report``, ``crisis`` ...)."""
    what = f"{name} entry"
    return _list_of(r, fields, name, lambda v, line: _sourced(r, v, line, what, Contact, _CONTACT))


def instruments(r: Reader, fields: Fields) -> tuple[Instrument, ...]:
    """The European instruments of the regional frame, with their points."""
    return _list_of(
        r,
        fields,
        "instruments",
        lambda v, line: _sourced(r, v, line, "instrument", Instrument, _INSTRUMENT),
    )


def unconfirmed(r: Reader, fields: Fields) -> tuple[Unconfirmed, ...]:
    """What the research could not confirm (no source needed: it says so)."""
    return _list_of(r, fields, "unconfirmed", lambda value, line: _unconfirmed(r, value, line))
