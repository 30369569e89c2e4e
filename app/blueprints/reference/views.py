"""Reference pages: the glossary and the legal guide by country."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from app import i18n
from app.content.ext import get_catalog
from app.content.legal import Country, by_area
from app.services.errors import NotFound
from app.web import catalogue
from app.web import country as countries

bp = Blueprint("reference", __name__)
_STRENGTH = {"yes": 3, "partly": 2, "unclear": 1, "no": 0}
# The sections whose entries may belong to one part of the country (an area).
_PLACED = ("crisis", "offences", "not_a_crime", "report", "support", "minors", "context")


def compare_row(country: Country) -> dict[str, object]:
    """What the country's offences cover, taking the widest coverage of any offence."""
    row: dict[str, object] = {"country": country}
    for key in ("sharing", "threats", "deepfakes", "minors"):
        values = [getattr(o.covers, key) for o in country.offences] or ["no"]
        row[key] = max(values, key=lambda v: _STRENGTH.get(v, 0))
    return row


@bp.get("/glossary")
def glossary():
    """All glossary terms, alphabetically, each with an anchor lessons link to."""
    terms, used = get_catalog().terms(i18n.current().tag)
    return render_template("reference/glossary.html", terms=terms, used=used)


@bp.get("/legal/")
def legal_index():
    """Countries of the legal guide, with the learner's likely country first."""
    legal = catalogue.legal_guide()
    return render_template(
        "reference/legal_index.html", legal=legal, suggested=countries.current(legal)
    )


@bp.get("/legal/compare")
def legal_compare():
    """One table comparing the countries."""
    legal = catalogue.legal_guide()
    return render_template(
        "reference/legal_compare.html",
        legal=legal,
        rows=[compare_row(country) for country in legal.countries],
    )


@bp.get("/legal/<code>")
def legal_country(code: str):
    """Everything the guide knows about one country, every fact with its source and date."""
    legal = catalogue.legal_guide()
    country = legal.country(code)
    if country is None:
        raise NotFound(code)
    # With a part of the country chosen (BiH: FBiH, Republika Srpska, Brčko), each section
    # shows its entries first and the other parts' below, labelled: (first, elsewhere).
    area = countries.area_from_query(legal, country)
    return render_template(
        "reference/legal_country.html",
        legal=legal,
        country=country,
        area=country.area(area),
        area_labels=countries.area_labels(country) if country.areas else None,
        sections={name: by_area(getattr(country, name), area) for name in _PLACED},
        print_view=request.args.get("print") == "1",
    )
