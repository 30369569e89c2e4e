"""The legal guide: what the law says about image-based sexual abuse, country by country.

The guide lives in ``courses/legal/`` as plain YAML that NGO editors maintain (see
``courses/legal/README.md``):

* ``frame.yaml`` holds the regional frame (EU directive 2024/1385, the Council of Europe
  conventions) and the international takedown tools that work in every country;
* ``<code>.yaml`` holds one country (``rs``, ``me``, ``hr``, ``xk``, ``ba``, ``mk``, ``al``).

Every fact carries a source and the date it was last checked. :func:`load_legal` never raises
on an editor's mistake: it records each one in a :class:`~app.content.problems.ProblemList`
as ``path:line: error CODE message`` and skips what it cannot use, so that one run of the
checker shows every problem at once. The objects are in :mod:`.model`, the reading in
:mod:`.load` and :mod:`.read`. This package does not import Flask.

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
L016  a Serbian (or Montenegrin) Latin text contains Cyrillic letters (write Latin only)
L017  ``specific_offence`` disagrees with the offences marked ``specific: true``
L018  a phone number contains characters other than digits, spaces, ``+ - ( ) /``
L019  a country has no ``crisis`` entry (a crisis or suicide-prevention line, or, where
      none could be verified, the emergency number with a text that says so)
L022  an entry names an ``area`` its country file does not declare under ``areas:``, or
      an area code is not written in lowercase letters, digits and hyphens
====  =================================================================================
"""

from app.content.legal.load import load_legal
from app.content.legal.model import (
    CONFIDENCE_LEVELS,
    CONTACT_KINDS,
    COUNTRY_CODES,
    COVERS_KEYS,
    COVERS_VALUES,
    CRISIS_KINDS,
    INSTRUMENT_KINDS,
    KNOWN_LANGUAGES,
    Area,
    Contact,
    Country,
    Coverage,
    Fact,
    Frame,
    Instrument,
    LegalGuide,
    Offence,
    Source,
    Sourced,
    Text,
    Unconfirmed,
    by_area,
    default_country_for,
)

__all__ = [
    "CONFIDENCE_LEVELS",
    "CONTACT_KINDS",
    "COUNTRY_CODES",
    "COVERS_KEYS",
    "COVERS_VALUES",
    "CRISIS_KINDS",
    "INSTRUMENT_KINDS",
    "KNOWN_LANGUAGES",
    "Area",
    "Contact",
    "Country",
    "Coverage",
    "Fact",
    "Frame",
    "Instrument",
    "LegalGuide",
    "Offence",
    "Source",
    "Sourced",
    "Text",
    "Unconfirmed",
    "by_area",
    "default_country_for",
    "load_legal",
]
