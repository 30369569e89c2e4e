"""Where a lesson's ``country:`` link may point in the legal guide.

Lessons keep the legal layer short for learners and link to the legal guide, where every fact
shows its law, article, source and the date it was last checked: an adult who wants the
evidence is one tap away. A link can open

* ``country:rs`` a country page, ``country:rs#report`` one of its sections, or
  ``country:rs#o-rs-kz-145`` one offence (``o-`` and the offence's id);
* ``country:`` the guide's first page (the European rules and the removal tools that work in
  every country), ``country:#tools`` a section of it, or ``country:#eu-dir-2024-1385`` one
  European instrument (its id in ``frame.yaml``).

The anchors listed here are the ids that ``reference/legal_country.html`` and
``reference/legal_index.html`` write; a test renders both pages and checks each of them, so a
link the checker accepts never lands on a missing anchor.
"""

from __future__ import annotations

from app.content.legal import Country, LegalGuide

#: The sections of a country page, each shown only when the country has something in it.
COUNTRY_SECTIONS = (
    "crisis",
    "offences",
    "not-a-crime",
    "report",
    "support",
    "minors",
    "context",
    "unconfirmed",
)
#: The sections of the guide's first page.
INDEX_SECTIONS = ("frame", "tools")


def country_anchors(country: Country) -> frozenset[str]:
    """The anchors a link may use on this country's page."""
    present = {
        "crisis": country.crisis,
        "not-a-crime": country.not_a_crime,
        "context": country.context,
        "unconfirmed": country.unconfirmed,
    }
    sections = {name for name in COUNTRY_SECTIONS if present.get(name, True)}
    return frozenset(sections | {f"o-{offence.id}" for offence in country.offences})


def index_anchors(legal: LegalGuide) -> frozenset[str]:
    """The anchors a link may use on the guide's first page."""
    if legal.frame is None:
        return frozenset()
    return frozenset(INDEX_SECTIONS) | {i.id for i in legal.frame.instruments}


def link_problem(target: str, legal: LegalGuide | None) -> tuple[str, str] | None:
    """Why the target of a ``country:`` link does not exist, as (code, message), or ``None``."""
    code, _, anchor = target.partition("#")
    if legal is None:
        return "R002", f"country page '{code}' does not exist: there is no legal guide"
    if not code:
        if anchor and anchor not in index_anchors(legal):
            return "R003", f"the legal guide's first page has no section '#{anchor}'"
        return None
    country = legal.country(code)
    if country is None:
        return "R002", f"country page '{code}' does not exist"
    if anchor and anchor not in country_anchors(country):
        return "R003", (
            f"the page of '{code}' has no section '#{anchor}': use one of "
            f"{', '.join(COUNTRY_SECTIONS)} or o-<offence id>"
        )
    return None
