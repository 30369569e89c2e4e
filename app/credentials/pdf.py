"""Printable PDF certificates.

:func:`render_certificates` turns a sequence of :class:`CertificateData` into one PDF
with one A4 landscape page per certificate (a teacher can print a whole class at
once). Everything needed is in this package: the DejaVu Sans fonts in ``fonts/``
(embedded and subset, so Serbian Cyrillic and Latin, Albanian, Macedonian, Croatian
and Bosnian names print and can be copied or searched), and the QR code, drawn as
vector squares from :mod:`segno`. Nothing is fetched from anywhere.

Text is shaped with HarfBuzz for the script and language of each string and fitted to
its box by :mod:`app.credentials.fitting`; where each box is on the page is
:mod:`app.credentials.layout`'s.

The library formats nothing itself: the caller passes translated labels and the
date already formatted for the certificate's language (see :class:`CertificateData`
and :data:`LABEL_KEYS`), so no Babel is needed here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from fpdf import FPDF

from .fitting import FONT_DIR, add_fonts, missing_glyphs
from .layout import MARGIN, Page

__all__ = [
    "ENGLISH_LABELS",
    "FONT_DIR",
    "LABEL_KEYS",
    "OPTIONAL_LABEL_KEYS",
    "REQUIRED_LABEL_KEYS",
    "CertificateData",
    "missing_glyphs",
    "render_certificates",
]

#: Labels a :class:`CertificateData` must carry, with their meaning:
#:
#: ``heading``
#:     the line above the name, e.g. "This certifies that" / "Овим се потврђује да је";
#: ``completed``
#:     the line between the name and the course title, e.g. "has completed the course";
#: ``modules``
#:     the caption of the list of modules, e.g. "Modules" (unused when there are none);
#: ``date``
#:     the caption of the date of issue, e.g. "Date of issue";
#: ``issuer``
#:     the caption of the organisation or class, e.g. "Organisation or class" (unused
#:     when ``issuer`` is ``None``);
#: ``verify``
#:     the caption of the verification URL, e.g. "Check this certificate at".
REQUIRED_LABEL_KEYS = ("heading", "completed", "modules", "date", "issuer", "verify")

#: Labels that are printed when present and simply left out otherwise:
#:
#: ``title``
#:     the document title at the top, e.g. "Certificate of completion";
#: ``code``
#:     the caption of the verification code, e.g. "Verification code";
#: ``platform``
#:     a small word mark above the title, e.g. "Unshared".
OPTIONAL_LABEL_KEYS = ("title", "code", "platform")

#: All the label keys the renderer reads (other keys are ignored).
LABEL_KEYS = REQUIRED_LABEL_KEYS + OPTIONAL_LABEL_KEYS

#: English labels: the reference wording for translators, used by the tests.
ENGLISH_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "platform": "Unshared",
        "title": "Certificate of completion",
        "heading": "This certifies that",
        "completed": "has completed the course",
        "modules": "Modules",
        "date": "Date of issue",
        "issuer": "Organisation or class",
        "verify": "Check that this certificate is genuine at",
        "code": "Verification code",
    }
)


@dataclass(frozen=True, kw_only=True)
class CertificateData:
    """Everything printed on one certificate, already translated and formatted.

    Attributes:
        name: the learner's name as they want it printed.
        course_title: the course title, in the certificate's language.
        module_titles: titles of the modules completed, in order (may be empty).
        issued_on: the date of issue (kept for metadata; not formatted here).
        issued_on_text: the same date formatted for ``language`` by the caller,
            e.g. ``"3. март 2026."``.
        issuer: an organisation or class the learner took the course with, or
            ``None`` for an individual learner.
        code: the verification code (see :mod:`app.credentials.codes`).
        verify_url: the URL of the verification page, encoded in the QR code and
            printed underneath it.
        language: BCP 47 tag of the certificate's language, e.g. ``"sr-Cyrl"``,
            ``"sr-Latn"``, ``"sq"``, ``"mk"``, ``"hr"``, ``"bs"``, ``"cnr"``, ``"en"``.
            It chooses the text-shaping language and is written into the PDF.
        labels: translated UI strings, see :data:`REQUIRED_LABEL_KEYS` and
            :data:`OPTIONAL_LABEL_KEYS`. Copied into a read-only mapping.

    Raises:
        ValueError: if a required label is missing or a required text is blank.
    """

    name: str
    course_title: str
    module_titles: tuple[str, ...] = ()
    issued_on: date
    issued_on_text: str
    issuer: str | None = None
    code: str
    verify_url: str
    language: str
    labels: Mapping[str, str] = field(default_factory=lambda: ENGLISH_LABELS)

    def __post_init__(self) -> None:
        """Validate the fields and freeze ``labels`` and ``module_titles``."""
        object.__setattr__(self, "module_titles", tuple(self.module_titles))
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))
        missing = [key for key in REQUIRED_LABEL_KEYS if not self.labels.get(key)]
        if missing:
            raise ValueError(f"missing certificate labels: {', '.join(missing)}")
        for attribute in ("name", "course_title", "issued_on_text", "code", "verify_url"):
            if not str(getattr(self, attribute)).strip():
                raise ValueError(f"certificate {attribute} must not be blank")


# --------------------------------------------------------------------------- rendering


def render_certificates(items: Sequence[CertificateData]) -> bytes:
    """Render certificates to a PDF, one A4 landscape page each, and return its bytes.

    Fonts are embedded and subset; long names, course titles, module lists, issuers
    and URLs are shrunk (then wrapped, then shortened with an ellipsis) to fit their
    boxes. Takes about 0.2 s for the first page and a few ms for each further one.

    Raises:
        ValueError: if ``items`` is empty.
    """
    if not items:
        raise ValueError("no certificates to render")
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, 20, MARGIN)
    pdf.c_margin = 0
    add_fonts(pdf)

    first = items[0]
    pdf.set_creator("Unshared")
    pdf.set_title(_document_title(items))
    if len(items) == 1:
        pdf.set_subject(first.course_title)
        pdf.set_keywords(first.code)
    if first.issuer and all(item.issuer == first.issuer for item in items):
        pdf.set_author(first.issuer)
    if all(item.language == first.language for item in items):
        pdf.set_lang(first.language)

    for item in items:
        Page(pdf, item).draw()
    return bytes(pdf.output())


def _document_title(items: Sequence[CertificateData]) -> str:
    """The PDF title: the certificate title and the name, or the number of pages."""
    first = items[0]
    title = first.labels.get("title") or first.course_title
    return f"{title}: {first.name}" if len(items) == 1 else f"{title} ({len(items)})"
