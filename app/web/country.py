"""Which country's law and help numbers a learner sees: their choice, else their language's.

An Albanian speaker may live in Kosovo, Albania or North Macedonia, so the country follows
the learner's choice, not the language. The choice is kept in the signed session cookie with
the other settings; nothing looks up where the visitor is. So is the part of a country with
laws of its own (BiH: the Federation, Republika Srpska or Brčko), chosen on the country page:
its entries come first there and on the help page, and "All of ..." (the default) forgets it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import request, session
from flask_babel import lazy_gettext as _l

from app import i18n
from app.content.legal import Contact, Country, LegalGuide, by_area

SESSION_KEY = "country"
# The part of a country with laws of its own (BiH: fbih, rs, brcko), per country code.
AREA_KEY = "area"
# Languages spoken in several countries: the countries to offer first when nobody chose.
SUGGESTED = {"sq": ("xk", "al", "mk"), "en": ()}


def chosen(legal: LegalGuide | None) -> str | None:
    """The country the learner chose (``None`` if none, or no longer in the guide)."""
    code = session.get(SESSION_KEY)
    return code if isinstance(code, str) and legal is not None and code in legal.codes else None


def remember(legal: LegalGuide | None, code: str) -> bool:
    """Keep ``code`` as the learner's country; ``False`` (nothing kept) if it is unknown."""
    if legal is None or code not in legal.codes:
        return False
    session[SESSION_KEY] = code
    return True


def current(legal: LegalGuide | None) -> str | None:
    """The learner's country: chosen, else the default of the page's language, else ``None``
    (ask: Albanian and English do not say where someone lives)."""
    if legal is None:
        return None
    return chosen(legal) or legal.default_country_for(i18n.current().tag)


def suggested(legal: LegalGuide | None) -> tuple[str, ...]:
    """Countries to offer first to a learner who has not chosen one."""
    if legal is None:
        return ()
    return tuple(c for c in SUGGESTED.get(i18n.current().tag, ()) if c in legal.codes)


def from_query(legal: LegalGuide | None) -> str | None:
    """A country picked in a form on this request (``?country=``), remembered."""
    code = request.args.get("country", "")[:8]
    return code if code and remember(legal, code) else None


def chosen_area(country: Country | None) -> str | None:
    """The part of ``country`` the learner chose, or ``None`` (all of it, the default)."""
    if country is None:
        return None
    areas = session.get(AREA_KEY)
    code = areas.get(country.code) if isinstance(areas, dict) else None
    return code if isinstance(code, str) and country.area(code) is not None else None


def forget_areas() -> None:
    """Forget every area chosen (the learner reset their country)."""
    session.pop(AREA_KEY, None)


def area_from_query(legal: LegalGuide | None, country: Country) -> str | None:
    """The part of ``country`` to show first on this request.

    ``?area=rs`` (an area of the country) is remembered, and so is the country: "I live in
    Republika Srpska" says the country too. ``?area=`` (All of ...) forgets the choice. Without
    the parameter it is the choice kept in the session.
    """
    if "area" not in request.args or not country.areas:
        return chosen_area(country)
    code = request.args.get("area", "")[:16]
    stored = session.get(AREA_KEY)
    areas = dict(stored) if isinstance(stored, dict) else {}
    if code and country.area(code) is not None:
        areas[country.code] = code
        remember(legal, country.code)
    else:
        code = ""
        areas.pop(country.code, None)
    session[AREA_KEY] = areas
    return code or None


@dataclass(frozen=True)
class AreaLabels:
    """What the area picker and the other parts' heading say for one country."""

    question: str
    everywhere: str
    elsewhere: str


# The label names the country in the grammatical case each language needs, so Bosnia and
# Herzegovina (the one country with areas) has its own; any other country gets the general one.
_AREA_LABELS = {
    "ba": (
        _l("Where in Bosnia and Herzegovina do you live?"),
        _l("All of Bosnia and Herzegovina"),
        _l("In other parts of Bosnia and Herzegovina"),
    ),
}
_GENERAL_LABELS = (
    _l("Which part of the country do you live in?"),
    _l("The whole country"),
    _l("In other parts of the country"),
)


def area_labels(country: Country) -> AreaLabels:
    """The area picker's question, its "all" option and the other parts' heading."""
    question, everywhere, elsewhere = _AREA_LABELS.get(country.code, _GENERAL_LABELS)
    return AreaLabels(str(question), str(everywhere), str(elsewhere))


@dataclass(frozen=True)
class HelpNow:
    """The numbers the help page puts first for one country, to call now."""

    country: Country
    # The police, when the crisis section has no emergency number of its own (Serbia lists
    # crisis lines there instead); elsewhere the crisis section's 112 already comes first.
    police: Contact | None
    crisis: tuple[Contact, ...]
    # Support helplines with a phone. A line only partly confirmed (an old source, a trial
    # that may have ended) is left for "Support in ...": nobody in crisis should dial it first.
    helplines: tuple[Contact, ...]
    # Where to report, the learner's part of the country first (its own police unit ...).
    report: tuple[Contact, ...] = ()

    @property
    def other_support(self) -> tuple[Contact, ...]:
        """The country's support entries not already shown among the numbers."""
        return tuple(c for c in self.country.support if c not in self.helplines)


def _area_first(items: tuple[Contact, ...], area: str | None) -> tuple[Contact, ...]:
    first, elsewhere = by_area(items, area)
    return (*first, *elsewhere)


def help_now(country: Country, area: str | None = None) -> HelpNow:
    """What the help page shows first for ``country``: who to call, in order.

    With the learner's ``area`` (a part of the country), its entries come before the ones
    for the whole country, and the other parts' after them: reordered, never left out.
    """
    has_emergency = any(c.kind == "emergency" for c in country.crisis)
    police = (
        None
        if has_emergency
        else next((c for c in country.report if c.kind == "police" and c.phones), None)
    )
    helplines = tuple(
        c
        for c in country.support
        if c.kind == "helpline" and c.phones and c.confidence != "partial"
    )
    return HelpNow(
        country,
        police,
        _area_first(country.crisis, area),
        _area_first(helplines, area),
        _area_first(country.report, area),
    )
