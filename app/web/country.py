"""Which country's law and help numbers a learner sees: their choice, else their language's.

An Albanian speaker may live in Kosovo, Albania or North Macedonia, so the country follows
the learner's choice, not the language. The choice is kept in the signed session cookie with
the other settings; nothing looks up where the visitor is.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import request, session

from app import i18n
from app.content.legal import Contact, Country, LegalGuide

SESSION_KEY = "country"
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

    @property
    def other_support(self) -> tuple[Contact, ...]:
        """The country's support entries not already shown among the numbers."""
        return tuple(c for c in self.country.support if c not in self.helplines)


def help_now(country: Country) -> HelpNow:
    """What the help page shows first for ``country``: who to call, in order."""
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
    return HelpNow(country, police, country.crisis, helplines)
