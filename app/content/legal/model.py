"""What the legal guide holds: countries, their offences, contacts and sourced facts.

Everything is frozen; texts are read-only mappings from language tag to text, lists are
tuples. :mod:`app.content.legal.load` builds these objects from ``courses/legal/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from app.languages import LANGUAGES

#: Country codes in the order the guide lists them.
COUNTRY_CODES: tuple[str, ...] = ("rs", "me", "hr", "xk", "ba", "mk", "al")
#: Language tags a text may carry: the site's languages (one list, in app.languages).
KNOWN_LANGUAGES: tuple[str, ...] = tuple(LANGUAGES)
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
    #: The part of the country it applies to (an :class:`Area` code); ``None``: everywhere.
    area: str | None = None


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
    area: str | None = None


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
    area: str | None = None


@dataclass(frozen=True)
class Unconfirmed:
    """Something the research could not confirm; shown as "could not be confirmed"."""

    text: Text
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Area:
    """A part of a country with laws of its own (BiH: the Federation, Republika Srpska, Brčko)."""

    code: str
    name: Text
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
    #: Parts of the country whose law differs; entries may name one with ``area``.
    areas: tuple[Area, ...] = ()

    def area(self, code: str | None) -> Area | None:
        """The area with this code, or ``None`` (also for ``None`` or an unknown code)."""
        return next((a for a in self.areas if a.code == code), None)

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


_Placed = TypeVar("_Placed", Offence, Fact, Contact)


def by_area(items: Sequence[_Placed], area: str | None) -> tuple[list[_Placed], list[_Placed]]:
    """``items`` for a learner in ``area``: (first, elsewhere).

    First come the entries of ``area``, then those that apply everywhere (no area), each in
    file order; ``elsewhere`` holds the entries of the country's other areas. Without an area
    every entry is first, in file order: nothing is left out either way.
    """
    if area is None:
        return list(items), []
    first = [i for i in items if i.area == area] + [i for i in items if i.area is None]
    return first, [i for i in items if i.area is not None and i.area != area]


#: Anything that carries a source and a ``checked`` date.
Sourced = Offence | Instrument | Fact | Contact
