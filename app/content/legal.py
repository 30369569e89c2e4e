"""Load the legal guide: what the law says about image-based sexual abuse, country by country.

The guide lives in ``courses/legal/`` as plain YAML that NGO editors maintain (see
``courses/legal/README.md``):

* ``frame.yaml`` holds the regional frame (EU directive 2024/1385, the Council of Europe
  conventions) and the international takedown tools that work in every country;
* ``<code>.yaml`` holds one country (``rs``, ``me``, ``hr``, ``xk``, ``ba``, ``mk``, ``al``).

Every fact carries a source and the date it was last checked. :func:`load_legal` never raises
on an editor's mistake: it records each one in a :class:`~app.content.problems.ProblemList`
as ``path:line: error CODE message`` and skips what it cannot use, so that one run of the
checker shows every problem at once. Line numbers come from the YAML node marks, so a problem
points at the line the editor has to change.

This module does not import Flask; the web layer wraps the returned :class:`LegalGuide`.

Problem codes (all errors unless marked *warning*):

====  =================================================================================
L001  the file cannot be read or is not valid YAML
L002  a value has the wrong shape (e.g. a list where a mapping is expected)
L003  a required field is missing
L004  *warning* an unknown field (usually a typo)
L005  a text is missing one of the required languages
L006  *warning* an unknown language tag in a text
L007  a fact has no source, or a source has no title
L008  a URL does not start with ``https://`` or ``http://``
L009  ``checked`` is missing or is not a date written ``YYYY-MM-DD``
L010  a ``covers`` entry is missing or has a value other than yes/no/partly/unclear
L011  an unknown ``kind`` or ``confidence`` value
L012  an id is used twice, or a key appears twice in one mapping
L013  an unknown country code, a file name that does not match its code, or (*warning*)
      a country or the frame without a file
L014  a language is the default of two countries
L015  an empty text or an empty required list
L016  a Serbian Latin text contains Cyrillic letters (write Latin only)
L017  ``specific_offence`` disagrees with the offences marked ``specific: true``
L018  a phone number contains characters other than digits, spaces, ``+ - ( ) /``
L019  a country has no ``crisis`` entry (a crisis or suicide-prevention line, or, where
      none could be verified, the emergency number with a text that says so)
====  =================================================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from app.content.problems import ProblemList

__all__ = [
    "CONFIDENCE_LEVELS",
    "CONTACT_KINDS",
    "CRISIS_KINDS",
    "COUNTRY_CODES",
    "COVERS_KEYS",
    "COVERS_VALUES",
    "INSTRUMENT_KINDS",
    "KNOWN_LANGUAGES",
    "Contact",
    "Country",
    "Coverage",
    "Fact",
    "Frame",
    "Instrument",
    "LegalGuide",
    "Offence",
    "Source",
    "Text",
    "Unconfirmed",
    "load_legal",
]

#: Country codes in the order the guide lists them.
COUNTRY_CODES: tuple[str, ...] = ("rs", "me", "hr", "xk", "ba", "mk", "al")
#: Language tags a text may carry (the site's UI languages).
KNOWN_LANGUAGES: tuple[str, ...] = ("en", "sr-Latn", "sr-Cyrl", "sq", "hr", "bs", "mk", "cnr",
                                     "cnr-Cyrl")
#: What an offence may cover, and the allowed answers.
COVERS_KEYS: tuple[str, ...] = ("sharing", "threats", "deepfakes", "minors")
COVERS_VALUES: tuple[str, ...] = ("yes", "no", "partly", "unclear")
#: Kinds of places where one can report or get support.
CONTACT_KINDS: tuple[str, ...] = (
    "police",
    "prosecutor",
    "hotline",
    "helpline",
    "data-protection",
    "platform",
    "tool",
    "ngo",
    "crisis",
    "emergency",
)
#: Kinds allowed in a country's ``crisis`` section (shown first, on the help page too).
CRISIS_KINDS: tuple[str, ...] = ("crisis", "emergency", "helpline")
#: Kinds of instruments in the regional frame.
INSTRUMENT_KINDS: tuple[str, ...] = (
    "eu-directive",
    "eu-regulation",
    "coe-convention",
    "coe-recommendation",
)
#: How sure the research is: ``primary`` = read in the official text or on the body's own
#: site; ``secondary`` = read in reputable media or an NGO/legal analysis; ``partial`` =
#: part of the claim only, an old source, or sources that disagree (the text says which).
CONFIDENCE_LEVELS: tuple[str, ...] = ("primary", "secondary", "partial")

#: A text in several languages: language tag -> text (read-only).
Text = Mapping[str, str]

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PHONE_RE = re.compile(r"^[0-9+()\-/ ]+$")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_T = TypeVar("_T")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


# --------------------------------------------------------------------------------------------
# The data model (all frozen; texts are read-only mappings, lists are tuples)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a fact was read: a title, the address if there is one, the source's own date."""

    title: str
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Fact:
    """One sourced statement, e.g. "Serbia has no specific offence"."""

    text: Text
    sources: tuple[Source, ...]
    checked: date
    confidence: str
    id: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Coverage:
    """Whether an offence covers sharing, threats to share, deepfakes and minors."""

    sharing: str
    threats: str
    deepfakes: str
    minors: str


@dataclass(frozen=True)
class Offence:
    """A criminal offence that applies to image-based sexual abuse."""

    id: str
    title: Text
    law: Text
    penalty: Text
    covers: Coverage
    specific: bool
    text: Text
    sources: tuple[Source, ...]
    checked: date
    confidence: str
    article: str | None = None
    title_original: str | None = None
    law_original: str | None = None
    jurisdiction: Text | None = None
    prosecution: Text | None = None
    line: int = 0


@dataclass(frozen=True)
class Contact:
    """A place to report or to get support: police, prosecutor, helpline, NGO, tool ..."""

    id: str
    name: Text
    kind: str
    text: Text
    sources: tuple[Source, ...]
    checked: date
    confidence: str
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    url: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Unconfirmed:
    """Something the research could not confirm; shown as "could not be confirmed"."""

    text: Text
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Country:
    """Everything the guide says about one country."""

    code: str
    name: Text
    languages_default: tuple[str, ...]
    specific_offence: bool
    summary: Text
    offences: tuple[Offence, ...]
    not_a_crime: tuple[Fact, ...]
    report: tuple[Contact, ...]
    support: tuple[Contact, ...]
    minors: tuple[Fact, ...]
    context: tuple[Fact, ...]
    unconfirmed: tuple[Unconfirmed, ...]
    path: str = ""
    #: Where to turn when it feels unbearable: crisis lines, or the emergency number.
    crisis: tuple[Contact, ...] = ()

    def facts(self) -> Iterator[Offence | Fact | Contact]:
        """Every sourced item of this country, in file order by section."""
        yield from self.crisis
        yield from self.offences
        yield from self.not_a_crime
        yield from self.report
        yield from self.support
        yield from self.minors
        yield from self.context


@dataclass(frozen=True)
class Instrument:
    """A European instrument of the regional frame (directive, convention, ...)."""

    id: str
    title: Text
    kind: str
    applies: Text
    text: Text
    sources: tuple[Source, ...]
    checked: date
    confidence: str
    points: tuple[Fact, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Frame:
    """The regional frame and the international reporting and takedown routes."""

    summary: Text
    instruments: tuple[Instrument, ...]
    report: tuple[Contact, ...]
    minors: tuple[Fact, ...]
    unconfirmed: tuple[Unconfirmed, ...]
    path: str = ""

    def facts(self) -> Iterator[Instrument | Fact | Contact]:
        """Every sourced item of the frame."""
        for instrument in self.instruments:
            yield instrument
            yield from instrument.points
        yield from self.report
        yield from self.minors


@dataclass(frozen=True)
class LegalGuide:
    """The whole guide: the countries in display order and the regional frame."""

    countries: tuple[Country, ...]
    frame: Frame | None
    languages: tuple[str, ...]
    _by_code: Mapping[str, Country] = field(default_factory=dict, repr=False, compare=False)
    _default_by_language: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def country(self, code: str) -> Country | None:
        """Return the country with this code (``rs``, ``me`` ...), or ``None``."""
        return self._by_code.get(code.lower())

    @property
    def codes(self) -> tuple[str, ...]:
        """The country codes in display order."""
        return tuple(c.code for c in self.countries)

    def default_country_for(self, language: str) -> str | None:
        """Return the country a learner using ``language`` starts on, or ``None``.

        The mapping comes from each country's ``languages_default``. The tag is matched
        case-insensitively; a tag with a region or script (``sr-RS``, ``hr-HR``) falls back to
        its primary language if that primary language leads to exactly one country. Languages
        spoken in several countries (English, Albanian) map to ``None``: ask the learner.
        """
        return default_country_for(language, self)


def default_country_for(language: str, guide: LegalGuide) -> str | None:
    """Return the default country code for a UI ``language`` in ``guide`` (or ``None``).

    See :meth:`LegalGuide.default_country_for`, which calls this.
    """
    table = {lang.lower(): code for lang, code in guide._default_by_language.items()}
    tag = language.strip().replace("_", "-").lower()
    if not tag:
        return None
    if tag in table:
        return table[tag]
    primary = tag.split("-", 1)[0]
    candidates = {code for lang, code in table.items() if lang.split("-", 1)[0] == primary}
    if len(candidates) == 1:
        return candidates.pop()
    return None


# --------------------------------------------------------------------------------------------
# Reading YAML with line numbers
# --------------------------------------------------------------------------------------------


def _line(node: Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0


class _Ctx:
    """What the parsing functions share: the file, the problems, the languages, the ids."""

    def __init__(
        self, problems: ProblemList, languages: Sequence[str], ids: dict[str, tuple[str, int]]
    ) -> None:
        self.problems = problems
        self.languages = tuple(languages)
        self.ids = ids
        self.path = Path()
        #: Called with each file's parsed tree (the translation check reads it from there).
        self.on_compose: Callable[[Path, Node], None] | None = None

    def error(self, where: Node | int | None, code: str, message: str) -> None:
        line = where if isinstance(where, int) else _line(where)
        self.problems.error(self.path, line, code, message)

    def warning(self, where: Node | int | None, code: str, message: str) -> None:
        line = where if isinstance(where, int) else _line(where)
        self.problems.warning(self.path, line, code, message)


_Fields = dict[str, tuple[ScalarNode, Node]]


def _mapping(node: Node, ctx: _Ctx, what: str) -> _Fields | None:
    """Return ``key -> (key node, value node)``, reporting duplicates; ``None`` if no mapping."""
    if not isinstance(node, MappingNode):
        ctx.error(node, "L002", f"{what} must be a mapping of `field: value` lines")
        return None
    out: _Fields = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            ctx.error(key_node, "L002", f"{what}: a field name must be a plain word")
            continue
        key = str(key_node.value)
        if key in out:
            ctx.error(key_node, "L012", f"{what}: field `{key}` appears twice")
            continue
        out[key] = (key_node, value_node)
    return out


def _check_fields(
    fields: _Fields,
    node: Node,
    ctx: _Ctx,
    what: str,
    required: Sequence[str],
    optional: Sequence[str],
) -> bool:
    """Report missing and unknown fields; return whether all required fields are present."""
    ok = True
    for name in required:
        if name not in fields:
            ctx.error(node, "L003", f"{what}: missing required field `{name}`")
            ok = False
    allowed = set(required) | set(optional)
    for name, (key_node, _) in fields.items():
        if name not in allowed:
            ctx.warning(
                key_node,
                "L004",
                f"{what}: unknown field `{name}` (allowed: {', '.join(sorted(allowed))})",
            )
    return ok


def _scalar(node: Node, ctx: _Ctx, what: str) -> str | None:
    """Return a non-empty string from a scalar node, or report and return ``None``."""
    if not isinstance(node, ScalarNode):
        ctx.error(node, "L002", f"{what} must be a single value, not a list or mapping")
        return None
    value = str(node.value).strip()
    if not value or node.tag == "tag:yaml.org,2002:null":
        ctx.error(node, "L015", f"{what} is empty")
        return None
    return value


def _bool(node: Node, ctx: _Ctx, what: str) -> bool | None:
    value = _scalar(node, ctx, what)
    if value is None:
        return None
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    ctx.error(node, "L002", f"{what} must be true or false, not `{value}`")
    return None


def _string_list(node: Node, ctx: _Ctx, what: str) -> tuple[str, ...]:
    """A single string or a list of strings."""
    if isinstance(node, ScalarNode):
        value = _scalar(node, ctx, what)
        return (value,) if value is not None else ()
    if not isinstance(node, SequenceNode):
        ctx.error(node, "L002", f"{what} must be a value or a list of values")
        return ()
    out = []
    for item in node.value:
        value = _scalar(item, ctx, what)
        if value is not None:
            out.append(value)
    return tuple(out)


def _text(node: Node, ctx: _Ctx, what: str) -> Text | None:
    """A text in several languages, ``{en: ..., sr-Latn: ...}``."""
    fields = _mapping(node, ctx, f"{what} (a text in each language)")
    if fields is None:
        return None
    texts: dict[str, str] = {}
    for lang, (key_node, value_node) in fields.items():
        if lang not in KNOWN_LANGUAGES:
            ctx.warning(
                key_node,
                "L006",
                f"{what}: unknown language `{lang}` (known: {', '.join(KNOWN_LANGUAGES)})",
            )
        value = _scalar(value_node, ctx, f"{what} [{lang}]")
        if value is None:
            continue
        if lang == "sr-Latn" and _CYRILLIC_RE.search(value):
            ctx.error(
                value_node,
                "L016",
                f"{what} [sr-Latn] contains Cyrillic letters; write Serbian in Latin script "
                "only (Cyrillic is generated automatically)",
            )
        texts[lang] = value
    missing = [lang for lang in ctx.languages if lang not in fields]
    if missing:
        ctx.error(node, "L005", f"{what}: missing language(s) {', '.join(missing)}")
    # Marks of foreign-language text ([Rruga e Kavajës]{lang=sq}) stay in: the pages turn
    # them into <span lang>, and text_for removes them for plain-text uses.
    return MappingProxyType(texts)


def _url(node: Node, ctx: _Ctx, what: str) -> str | None:
    value = _scalar(node, ctx, what)
    if value is None:
        return None
    if not (value.startswith("https://") or value.startswith("http://")) or " " in value:
        ctx.error(node, "L008", f"{what} `{value}` must start with https:// or http://")
        return None
    return value


def _source(node: Node, ctx: _Ctx) -> Source | None:
    fields = _mapping(node, ctx, "source")
    if fields is None:
        return None
    _check_fields(fields, node, ctx, "source", ("title",), ("url", "date"))
    if "title" not in fields:
        ctx.error(node, "L007", "source has no `title`")
        return None
    title = _scalar(fields["title"][1], ctx, "source title")
    url = _url(fields["url"][1], ctx, "source url") if "url" in fields else None
    when = _scalar(fields["date"][1], ctx, "source date") if "date" in fields else None
    if title is None:
        return None
    return Source(title=title, url=url, date=when)


def _sources(fields: _Fields, node: Node, ctx: _Ctx, what: str) -> tuple[Source, ...] | None:
    """``source`` (one mapping or a list of them); ``None`` if there is no usable source."""
    if "source" not in fields:
        ctx.error(node, "L007", f"{what} has no `source`: every fact needs one")
        return None
    value = fields["source"][1]
    items = value.value if isinstance(value, SequenceNode) else [value]
    sources = tuple(s for s in (_source(item, ctx) for item in items) if s is not None)
    if not sources:
        ctx.error(value, "L007", f"{what} has no usable source")
        return None
    return sources


def _checked(fields: _Fields, node: Node, ctx: _Ctx, what: str) -> date | None:
    if "checked" not in fields:
        ctx.error(node, "L009", f"{what} has no `checked` date (YYYY-MM-DD)")
        return None
    value_node = fields["checked"][1]
    raw = str(value_node.value).strip() if isinstance(value_node, ScalarNode) else ""
    if _DATE_RE.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    ctx.error(value_node, "L009", f"{what}: `checked` must be a real date written YYYY-MM-DD")
    return None


def _confidence(fields: _Fields, node: Node, ctx: _Ctx, what: str) -> str | None:
    if "confidence" not in fields:
        ctx.error(node, "L003", f"{what}: missing required field `confidence`")
        return None
    value_node = fields["confidence"][1]
    value = _scalar(value_node, ctx, f"{what} confidence")
    if value is not None and value not in CONFIDENCE_LEVELS:
        ctx.error(
            value_node,
            "L011",
            f"{what}: confidence `{value}` must be one of {', '.join(CONFIDENCE_LEVELS)}",
        )
        return None
    return value


def _id(fields: _Fields, ctx: _Ctx, what: str, required: bool, node: Node) -> str | None:
    if "id" not in fields:
        if required:
            ctx.error(node, "L003", f"{what}: missing required field `id`")
        return None
    id_node = fields["id"][1]
    value = _scalar(id_node, ctx, f"{what} id")
    if value is None:
        return None
    if value in ctx.ids:
        other_path, other_line = ctx.ids[value]
        ctx.error(id_node, "L012", f"id `{value}` is already used at {other_path}:{other_line}")
        return None
    ctx.ids[value] = (ctx.problems.rel(ctx.path), _line(id_node))
    return value


def _sequence(node: Node, ctx: _Ctx, what: str) -> list[Node]:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return []
    if not isinstance(node, SequenceNode):
        ctx.error(node, "L002", f"`{what}` must be a list (lines starting with `- `)")
        return []
    return list(node.value)


_FACT_COMMON = ("source", "checked", "confidence")


def _fact(node: Node, ctx: _Ctx, what: str) -> Fact | None:
    fields = _mapping(node, ctx, what)
    if fields is None:
        return None
    ok = _check_fields(fields, node, ctx, what, ("text",), ("id", *_FACT_COMMON))
    fact_id = _id(fields, ctx, what, False, node)
    sources = _sources(fields, node, ctx, what)
    checked = _checked(fields, node, ctx, what)
    confidence = _confidence(fields, node, ctx, what)
    text = _text(fields["text"][1], ctx, f"{what} text") if "text" in fields else None
    if not ok or sources is None or checked is None or confidence is None or text is None:
        return None
    return Fact(
        text=text,
        sources=sources,
        checked=checked,
        confidence=confidence,
        id=fact_id,
        line=_line(node),
    )


def _coverage(node: Node, ctx: _Ctx, what: str) -> Coverage | None:
    fields = _mapping(node, ctx, f"{what} covers")
    if fields is None:
        return None
    values: dict[str, str] = {}
    for key in COVERS_KEYS:
        if key not in fields:
            ctx.error(node, "L010", f"{what} covers: missing `{key}` (yes, no, partly or unclear)")
            continue
        value_node = fields[key][1]
        raw = str(value_node.value).strip() if isinstance(value_node, ScalarNode) else "..."
        value = raw.lower()
        if value not in COVERS_VALUES:
            ctx.error(
                value_node,
                "L010",
                f"{what} covers `{key}`: `{raw}` must be one of {', '.join(COVERS_VALUES)}",
            )
            continue
        values[key] = value
    for key, (key_node, _) in fields.items():
        if key not in COVERS_KEYS:
            ctx.warning(key_node, "L004", f"{what} covers: unknown entry `{key}`")
    if len(values) != len(COVERS_KEYS):
        return None
    return Coverage(**values)


def _offence(node: Node, ctx: _Ctx) -> Offence | None:
    what = "offence"
    fields = _mapping(node, ctx, what)
    if fields is None:
        return None
    required = ("id", "title", "law", "penalty", "covers", "specific", "text")
    optional = (
        "article",
        "title_original",
        "law_original",
        "jurisdiction",
        "prosecution",
        *_FACT_COMMON,
    )
    ok = _check_fields(fields, node, ctx, what, required, optional)
    offence_id = _id(fields, ctx, what, True, node)
    what = f"offence {offence_id}" if offence_id else what
    sources = _sources(fields, node, ctx, what)
    checked = _checked(fields, node, ctx, what)
    confidence = _confidence(fields, node, ctx, what)

    def text(name: str) -> Text | None:
        return _text(fields[name][1], ctx, f"{what} {name}") if name in fields else None

    def plain(name: str) -> str | None:
        return _scalar(fields[name][1], ctx, f"{what} {name}") if name in fields else None

    title, law, penalty, body = text("title"), text("law"), text("penalty"), text("text")
    jurisdiction, prosecution = text("jurisdiction"), text("prosecution")
    covers = _coverage(fields["covers"][1], ctx, what) if "covers" in fields else None
    specific = (
        _bool(fields["specific"][1], ctx, f"{what} specific") if "specific" in fields else None
    )
    article, title_original, law_original = (
        plain("article"),
        plain("title_original"),
        plain("law_original"),
    )
    if (
        not ok
        or offence_id is None
        or sources is None
        or checked is None
        or confidence is None
        or title is None
        or law is None
        or penalty is None
        or body is None
        or covers is None
        or specific is None
    ):
        return None
    return Offence(
        id=offence_id,
        title=title,
        law=law,
        penalty=penalty,
        covers=covers,
        specific=specific,
        text=body,
        sources=sources,
        checked=checked,
        confidence=confidence,
        article=article,
        title_original=title_original,
        law_original=law_original,
        jurisdiction=jurisdiction,
        prosecution=prosecution,
        line=_line(node),
    )


def _contact(node: Node, ctx: _Ctx, section: str) -> Contact | None:
    what = f"{section} entry"
    fields = _mapping(node, ctx, what)
    if fields is None:
        return None
    ok = _check_fields(
        fields,
        node,
        ctx,
        what,
        ("id", "name", "kind", "text"),
        ("phone", "email", "url", *_FACT_COMMON),
    )
    contact_id = _id(fields, ctx, what, True, node)
    what = f"{section} entry {contact_id}" if contact_id else what
    sources = _sources(fields, node, ctx, what)
    checked = _checked(fields, node, ctx, what)
    confidence = _confidence(fields, node, ctx, what)
    name = _text(fields["name"][1], ctx, f"{what} name") if "name" in fields else None
    body = _text(fields["text"][1], ctx, f"{what} text") if "text" in fields else None
    kind = None
    if "kind" in fields:
        kind_node = fields["kind"][1]
        kind = _scalar(kind_node, ctx, f"{what} kind")
        if kind is not None and kind not in CONTACT_KINDS:
            ctx.error(
                kind_node,
                "L011",
                f"{what}: kind `{kind}` must be one of {', '.join(CONTACT_KINDS)}",
            )
            kind = None
    phones: tuple[str, ...] = ()
    if "phone" in fields:
        phones = _string_list(fields["phone"][1], ctx, f"{what} phone")
        for phone in phones:
            if not _PHONE_RE.match(phone):
                ctx.error(
                    fields["phone"][1],
                    "L018",
                    f"{what}: phone `{phone}` may only contain digits, spaces and + - ( ) /",
                )
    emails = _string_list(fields["email"][1], ctx, f"{what} email") if "email" in fields else ()
    for email in emails:
        if "@" not in email or " " in email:
            ctx.error(fields["email"][1], "L002", f"{what}: `{email}` is not an e-mail address")
    url = _url(fields["url"][1], ctx, f"{what} url") if "url" in fields else None
    if (
        not ok
        or contact_id is None
        or sources is None
        or checked is None
        or confidence is None
        or name is None
        or body is None
        or kind is None
    ):
        return None
    return Contact(
        id=contact_id,
        name=name,
        kind=kind,
        text=body,
        sources=sources,
        checked=checked,
        confidence=confidence,
        phones=phones,
        emails=emails,
        url=url,
        line=_line(node),
    )


def _unconfirmed(node: Node, ctx: _Ctx) -> Unconfirmed | None:
    what = "unconfirmed item"
    fields = _mapping(node, ctx, what)
    if fields is None:
        return None
    ok = _check_fields(fields, node, ctx, what, ("text",), ("note",))
    text = _text(fields["text"][1], ctx, f"{what} text") if "text" in fields else None
    note = _scalar(fields["note"][1], ctx, f"{what} note") if "note" in fields else None
    if not ok or text is None:
        return None
    return Unconfirmed(text=text, note=note, line=_line(node))


def _list_of(
    fields: _Fields, name: str, ctx: _Ctx, parse: Callable[..., _T | None], *args: str
) -> tuple[_T, ...]:
    """Parse the list ``name`` item by item with ``parse``, dropping unusable items."""
    if name not in fields:
        return ()
    items = (parse(item, ctx, *args) for item in _sequence(fields[name][1], ctx, name))
    return tuple(item for item in items if item is not None)


def _compose(path: Path, ctx: _Ctx) -> Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        ctx.error(0, "L001", f"cannot read the file: {exc}")
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        ctx.error(line, "L001", f"not valid YAML: {exc.problem or exc.context}")
        return None
    except yaml.YAMLError as exc:
        ctx.error(0, "L001", f"not valid YAML: {exc}")
        return None
    if node is None:
        ctx.error(0, "L015", "the file is empty")
    elif ctx.on_compose is not None:
        ctx.on_compose(path, node)
    return node


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def _country(path: Path, ctx: _Ctx, defaults: dict[str, tuple[str, str, int]]) -> Country | None:
    node = _compose(path, ctx)
    if node is None:
        return None
    fields = _mapping(node, ctx, "country file")
    if fields is None:
        return None
    required = ("code", "name", "languages_default", "specific_offence", "summary", "offences")
    optional = ("crisis", "not_a_crime", "report", "support", "minors", "context", "unconfirmed",
                "translations")
    ok = _check_fields(fields, node, ctx, "country file", required, optional)

    code = None
    if "code" in fields:
        code_node = fields["code"][1]
        code = _scalar(code_node, ctx, "code")
        if code is not None and code not in COUNTRY_CODES:
            ctx.error(
                code_node,
                "L013",
                f"unknown country code `{code}` (known: {', '.join(COUNTRY_CODES)})",
            )
            code = None
        elif code is not None and path.stem != code:
            ctx.error(code_node, "L013", f"code `{code}` does not match the file name {path.name}")
    name = _text(fields["name"][1], ctx, "name") if "name" in fields else None
    summary = _text(fields["summary"][1], ctx, "summary") if "summary" in fields else None
    specific = (
        _bool(fields["specific_offence"][1], ctx, "specific_offence")
        if "specific_offence" in fields
        else None
    )
    languages: tuple[str, ...] = ()
    if "languages_default" in fields:
        lang_node = fields["languages_default"][1]
        for item in _sequence(lang_node, ctx, "languages_default"):
            lang = _scalar(item, ctx, "languages_default entry")
            if lang is None:
                continue
            if lang not in KNOWN_LANGUAGES:
                ctx.error(item, "L006", f"languages_default: unknown language `{lang}`")
                continue
            if lang in defaults and code is not None:
                other_code, other_path, other_line = defaults[lang]
                ctx.error(
                    item,
                    "L014",
                    f"language `{lang}` is already the default of `{other_code}` "
                    f"({other_path}:{other_line})",
                )
                continue
            if code is not None:
                defaults[lang] = (code, ctx.problems.rel(path), _line(item))
            languages += (lang,)

    offences = _list_of(fields, "offences", ctx, _offence)
    if specific is not None and "offences" in fields:
        marked = [o for o in offences if o.specific]
        if specific and not marked:
            ctx.error(
                fields["specific_offence"][1],
                "L017",
                "specific_offence is true but no offence is marked `specific: true`",
            )
        if not specific and marked:
            ctx.error(
                fields["specific_offence"][1],
                "L017",
                f"specific_offence is false but offence `{marked[0].id}` is marked "
                "`specific: true`",
            )
    crisis = _crisis(fields, node, ctx)
    not_a_crime = _list_of(fields, "not_a_crime", ctx, _fact, "not_a_crime item")
    report = _list_of(fields, "report", ctx, _contact, "report")
    support = _list_of(fields, "support", ctx, _contact, "support")
    minors = _list_of(fields, "minors", ctx, _fact, "minors item")
    context = _list_of(fields, "context", ctx, _fact, "context item")
    unconfirmed = _list_of(fields, "unconfirmed", ctx, _unconfirmed)
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
        path=ctx.problems.rel(path),
        crisis=crisis,
    )


def _crisis(fields: _Fields, node: Node, ctx: _Ctx) -> tuple[Contact, ...]:
    """The ``crisis`` section: required, non-empty, and only crisis-type kinds."""
    crisis = _list_of(fields, "crisis", ctx, _contact, "crisis")
    if not crisis:
        where = fields["crisis"][1] if "crisis" in fields else node
        ctx.error(where, "L019", "no `crisis` entry: list a verified crisis or suicide-prevention "
                  "line, or the emergency number with a text saying none could be verified")
    for contact in crisis:
        if contact.kind not in CRISIS_KINDS:
            ctx.error(contact.line, "L019", f"crisis entry {contact.id}: kind `{contact.kind}` "
                      f"must be one of {', '.join(CRISIS_KINDS)}")
    return tuple(c for c in crisis if c.kind in CRISIS_KINDS)


def _instrument(node: Node, ctx: _Ctx) -> Instrument | None:
    what = "instrument"
    fields = _mapping(node, ctx, what)
    if fields is None:
        return None
    ok = _check_fields(
        fields,
        node,
        ctx,
        what,
        ("id", "title", "kind", "applies", "text"),
        ("points", *_FACT_COMMON),
    )
    instrument_id = _id(fields, ctx, what, True, node)
    what = f"instrument {instrument_id}" if instrument_id else what
    sources = _sources(fields, node, ctx, what)
    checked = _checked(fields, node, ctx, what)
    confidence = _confidence(fields, node, ctx, what)
    title = _text(fields["title"][1], ctx, f"{what} title") if "title" in fields else None
    applies = _text(fields["applies"][1], ctx, f"{what} applies") if "applies" in fields else None
    body = _text(fields["text"][1], ctx, f"{what} text") if "text" in fields else None
    kind = None
    if "kind" in fields:
        kind = _scalar(fields["kind"][1], ctx, f"{what} kind")
        if kind is not None and kind not in INSTRUMENT_KINDS:
            ctx.error(
                fields["kind"][1],
                "L011",
                f"{what}: kind `{kind}` must be one of {', '.join(INSTRUMENT_KINDS)}",
            )
            kind = None
    points = _list_of(fields, "points", ctx, _fact, f"{what} point")
    if (
        not ok
        or instrument_id is None
        or sources is None
        or checked is None
        or confidence is None
        or title is None
        or applies is None
        or body is None
        or kind is None
    ):
        return None
    return Instrument(
        id=instrument_id,
        title=title,
        kind=kind,
        applies=applies,
        text=body,
        sources=sources,
        checked=checked,
        confidence=confidence,
        points=points,
        line=_line(node),
    )


def _frame(path: Path, ctx: _Ctx) -> Frame | None:
    node = _compose(path, ctx)
    if node is None:
        return None
    fields = _mapping(node, ctx, "frame file")
    if fields is None:
        return None
    ok = _check_fields(
        fields,
        node,
        ctx,
        "frame file",
        ("summary", "instruments"),
        ("report", "minors", "unconfirmed", "translations"),
    )
    summary = _text(fields["summary"][1], ctx, "summary") if "summary" in fields else None
    instruments = _list_of(fields, "instruments", ctx, _instrument)
    report = _list_of(fields, "report", ctx, _contact, "report")
    minors = _list_of(fields, "minors", ctx, _fact, "minors item")
    unconfirmed = _list_of(fields, "unconfirmed", ctx, _unconfirmed)
    if not ok or summary is None:
        return None
    return Frame(
        summary=summary,
        instruments=instruments,
        report=report,
        minors=minors,
        unconfirmed=unconfirmed,
        path=ctx.problems.rel(path),
    )


def load_legal(
    legal_dir: Path, languages: Sequence[str], problems: ProblemList,
    on_compose: Callable[[Path, Node], None] | None = None,
) -> LegalGuide:
    """Read ``frame.yaml`` and every ``<code>.yaml`` in ``legal_dir`` into a :class:`LegalGuide`.

    ``languages`` are the languages every text must have (e.g. ``["en", "sr-Latn"]``).
    Problems are appended to ``problems``; the function never raises on bad data. Items that
    cannot be used (no source, no valid ``checked`` date, missing required fields) are left
    out of the result, so the guide never shows an unsourced fact.
    """
    ctx = _Ctx(problems, languages, {})
    ctx.on_compose = on_compose
    defaults: dict[str, tuple[str, str, int]] = {}

    frame = None
    frame_path = legal_dir / "frame.yaml"
    ctx.path = frame_path
    if frame_path.is_file():
        frame = _frame(frame_path, ctx)
    else:
        ctx.warning(0, "L013", "the regional frame has no file frame.yaml")

    countries: dict[str, Country] = {}
    for path in sorted(legal_dir.glob("*.yaml")):
        if path.name == "frame.yaml" or path.name == "verified.yaml":
            continue
        ctx.path = path
        if path.stem not in COUNTRY_CODES:
            ctx.error(
                0,
                "L013",
                f"{path.name}: not a known country file (known: "
                f"{', '.join(c + '.yaml' for c in COUNTRY_CODES)}, frame.yaml, verified.yaml)",
            )
            continue
        country = _country(path, ctx, defaults)
        if country is not None:
            countries[country.code] = country
    for code in COUNTRY_CODES:
        if not (legal_dir / f"{code}.yaml").is_file():
            ctx.path = legal_dir / f"{code}.yaml"
            ctx.warning(0, "L013", f"country `{code}` has no file")

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
