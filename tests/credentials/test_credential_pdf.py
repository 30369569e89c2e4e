"""PDF certificates: text in four scripts, embedded fonts, pages, QR code, layout."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from app.credentials.fitting import shaping_language
from app.credentials.pdf import (
    ENGLISH_LABELS,
    FONT_DIR,
    REQUIRED_LABEL_KEYS,
    CertificateData,
    missing_glyphs,
    render_certificates,
)

from .samples import (
    ALBANIAN_LABELS,
    MACEDONIAN_LABELS,
    SERBIAN_LATIN_LABELS,
    VERIFY_URL,
    make_certificate,
    poppler_tool,
)

zxingcpp = pytest.importorskip("zxingcpp")

A4_LANDSCAPE_PT = (841.89, 595.28)
MM = 72 / 25.4  # points per millimetre


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page, NFC-normalised, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(pdf))
    return [
        " ".join(unicodedata.normalize("NFC", page.extract_text()).split()) for page in reader.pages
    ]


@pytest.fixture(scope="module")
def four_languages_pdf() -> bytes:
    """One document with a Serbian Cyrillic, Serbian Latin, Albanian, Macedonian page."""
    items = [
        make_certificate(),
        make_certificate(
            name="Đorđe Šćekić",
            course_title="Pristanak i zloupotreba intimnih snimaka",
            issued_on_text="3. mart 2026.",
            issuer=None,
            language="sr-Latn",
            labels=SERBIAN_LATIN_LABELS,
        ),
        make_certificate(
            name="Arbër Çeliku",
            course_title="Pëlqimi dhe keqpërdorimi i imazheve intime",
            issued_on_text="3 mars 2026",
            issuer="Shkolla e mesme „Sami Frashëri“",
            language="sq",
            labels=ALBANIAN_LABELS,
        ),
        make_certificate(
            name="Ѓорѓи Ќосевски",
            course_title="Согласност, ѕвезди и џебни телефони",
            issued_on_text="3 март 2026",
            language="mk",
            labels=MACEDONIAN_LABELS,
        ),
    ]
    return render_certificates(items)


def test_one_a4_landscape_page_per_certificate(four_languages_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(four_languages_pdf))
    assert len(reader.pages) == 4
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width == pytest.approx(A4_LANDSCAPE_PT[0], abs=0.5)
        assert height == pytest.approx(A4_LANDSCAPE_PT[1], abs=0.5)


def test_names_print_in_every_script(four_languages_pdf: bytes) -> None:
    cyrillic, latin, albanian, macedonian = page_texts(four_languages_pdf)
    assert "Ђорђе Шћекић" in cyrillic
    assert "Đorđe Šćekić" in latin
    assert "Arbër Çeliku" in albanian
    assert "Ѓорѓи Ќосевски" in macedonian
    assert "ѕвезди и џебни" in macedonian
    # The Serbian б is a localised glyph of its own: it must still read as б.
    assert "Пристанак и злоупотреба интимних снимака" in cyrillic
    assert "Гимназија „Бора Станковић“, IV-2" in cyrillic
    assert "Pristanak i zloupotreba intimnih snimaka" in latin
    assert "Shkolla e mesme „Sami Frashëri“" in albanian


def test_every_page_carries_code_url_date_and_labels(four_languages_pdf: bytes) -> None:
    cyrillic, latin, albanian, macedonian = page_texts(four_languages_pdf)
    for text in (cyrillic, latin, albanian, macedonian):
        assert "K7QM-9XTR-4HNP-WZ3E" in text
        assert VERIFY_URL in text
    assert "3. март 2026." in cyrillic
    assert "3. mart 2026." in latin
    assert "ОВИМ СЕ ПОТВРЂУЈЕ ДА ЈЕ" in cyrillic.upper()
    assert "Шта је пристанак · Појмови" in cyrillic
    assert "ОРГАНИЗАЦИЈА ИЛИ ОДЕЉЕЊЕ" in cyrillic
    assert "ORGANIZACIJA" not in latin.upper()  # no issuer, no caption


def test_fonts_are_embedded_and_subset(four_languages_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(four_languages_pdf))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for reference in fonts.values():
            font = reference.get_object()
            assert font["/Subtype"] == "/Type0"
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans.*", str(font["/BaseFont"]))
            seen.add(str(font["/BaseFont"]).split("+")[1])
    assert seen == {"DejaVuSansBook", "DejaVuSansBold"}


def test_language_metadata(cyrillic: CertificateData) -> None:
    reader = PdfReader(io.BytesIO(render_certificates([cyrillic])))
    assert reader.trailer["/Root"]["/Lang"] == "sr-Cyrl"
    assert reader.metadata.title == "Потврда о завршеном курсу: Ђорђе Шћекић"


def test_a_few_tens_of_kilobytes(cyrillic: CertificateData) -> None:
    # Speed is measured in bench/bench_certificates.py, not asserted here.
    pdf = render_certificates([cyrillic])
    assert 10_000 < len(pdf) < 80_000, len(pdf)


def test_a_class_prints_one_page_per_learner(cyrillic: CertificateData) -> None:
    items = [dataclasses.replace(cyrillic, name=f"Ученик {n}") for n in range(30)]
    pdf = render_certificates(items)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 30


def test_shipped_fonts_and_licence() -> None:
    assert (FONT_DIR / "DejaVuSans.ttf").stat().st_size > 500_000
    assert (FONT_DIR / "DejaVuSans-Bold.ttf").stat().st_size > 500_000
    assert "Bitstream" in (FONT_DIR / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Ђорђе Шћекић", "sr-Cyrl", ("cyrl", "sr")),
        ("Đorđe Šćekić", "sr-Latn", ("latn", "sr")),
        ("Ѓорѓи Ќосевски", "mk", ("cyrl", "mk")),
        ("Arbër Çeliku", "sq", ("latn", "sq")),
        ("Ђорђе Шћекић", "sq", ("cyrl", "sr")),  # a Serbian name on an Albanian page
        ("Ђорђе Шћекић", "cnr", ("cyrl", "sr")),
        ("Ђорђе Шћекић", "bs-Cyrl", ("cyrl", "sr")),
        ("Jane Doe", "sr-Cyrl", ("latn", "sr")),
        ("K7QM-9XTR", "en", ("latn", "en")),
    ],
)
def test_shaping_follows_script_and_language(
    text: str, language: str, expected: tuple[str, str]
) -> None:
    assert shaping_language(text, language) == expected


def test_labels_are_validated_and_frozen() -> None:
    labels = dict(ENGLISH_LABELS)
    del labels["verify"]
    with pytest.raises(ValueError, match="verify"):
        make_certificate(labels=labels)
    with pytest.raises(ValueError, match="name"):
        make_certificate(name="  ")
    minimal = {key: key.upper() for key in REQUIRED_LABEL_KEYS}
    certificate = make_certificate(labels=minimal, module_titles=["a", "b"])
    assert certificate.module_titles == ("a", "b")
    with pytest.raises(TypeError):
        certificate.labels["verify"] = "changed"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        certificate.name = "changed"  # type: ignore[misc]
    # optional labels may be missing: the page still renders
    assert "VERIFY" in page_texts(render_certificates([certificate]))[0]


def test_nothing_to_render() -> None:
    with pytest.raises(ValueError):
        render_certificates([])


# ------------------------------------------------------------------ rendered pages


def rasterize(pdf: bytes, tmp_path: Path, page: int = 1, dpi: int = 150) -> Path:
    """Render one page to PNG with pdftoppm and return the PNG's path."""
    pdftoppm = poppler_tool("pdftoppm")
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / f"page-{page}"
    subprocess.run(
        [
            pdftoppm,
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(source),
            str(prefix),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return prefix.with_suffix(".png")


@pytest.mark.parametrize("page", [1, 2, 3, 4])
def test_qr_code_decodes_to_the_verify_url(
    four_languages_pdf: bytes, tmp_path: Path, page: int
) -> None:
    png = rasterize(four_languages_pdf, tmp_path, page)
    with Image.open(png) as image:
        results = zxingcpp.read_barcodes(image)
    assert [result.text for result in results] == [VERIFY_URL]
    # at least 3 cm wide on paper: 150 dpi is 5.9 pixels a millimetre
    position = results[0].position
    width_px = max(position.top_right.x, position.bottom_right.x) - min(
        position.top_left.x, position.bottom_left.x
    )
    assert width_px / (150 / 25.4) >= 30


def test_long_url_still_scans(tmp_path: Path) -> None:
    url = "https://unshared.example.org/sr-Latn/certificates/verify/K7QM-9XTR-4HNP-WZ3E?from=print"
    png = rasterize(render_certificates([make_certificate(verify_url=url)]), tmp_path)
    with Image.open(png) as image:
        assert [result.text for result in zxingcpp.read_barcodes(image)] == [url]


def words_with_boxes(pdf: bytes, tmp_path: Path) -> list[tuple[str, float, float, float, float]]:
    """Words of page 1 with their boxes in millimetres, from ``pdftotext -bbox``."""
    pdftotext = poppler_tool("pdftotext")
    source = tmp_path / "layout.pdf"
    source.write_bytes(pdf)
    html = subprocess.run(
        [pdftotext, "-bbox", "-f", "1", "-l", "1", str(source), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    pattern = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        (word, float(x0) / MM, float(y0) / MM, float(x1) / MM, float(y1) / MM)
        for x0, y0, x1, y1, word in pattern.findall(html)
    ]


def test_long_texts_shrink_and_stay_inside_the_frame(tmp_path: Path) -> None:
    long = make_certificate(
        name="Александра-Магдалена Петровић-Стојановић Јовановић-Драгићевић",
        course_title=(
            "Пристанак, приватност и злоупотреба интимних снимака на интернету: шта свако "
            "треба да зна и како да реагује када се то догоди, са посебним освртом на "
            "правну заштиту и подршку жртвама у Србији, Црној Гори и Босни и Херцеговини"
        ),
        module_titles=tuple(
            f"Модул {n}: приватност и подршка у дигиталном свету" for n in range(20)
        ),
        issuer="Удружење за заштиту права детета и младих у дигиталном окружењу „Сигуран интернет“",
        verify_url="https://unshared.example.org/sr-Cyrl/certificates/verify/K7QM-9XTR-4HNP-WZ3E?x=1",
    )
    words = words_with_boxes(render_certificates([long]), tmp_path)
    assert words
    for word, x0, y0, x1, y1 in words:
        assert x0 >= 20 and x1 <= 277, (word, x0, x1)
        assert y0 >= 20 and y1 <= 190, (word, y0, y1)
    text = " ".join(word for word, *_ in words)
    assert "Александра-Магдалена" in text
    assert "…" in text  # the 20 modules could not all be listed
    # main column (above the bottom band) and bottom band do not overlap
    name_words = [w for w in words if w[0] in {"Петровић-Стојановић", "Јовановић-Драгићевић"}]
    assert name_words and all(y1 < 140 for *_, y1 in name_words)


def test_short_certificate_layout(english: CertificateData, tmp_path: Path) -> None:
    words = words_with_boxes(render_certificates([english]), tmp_path)
    boxes = {word: (x0, y0, x1, y1) for word, x0, y0, x1, y1 in words}
    # the name is large and centred
    x0, y0, x1, y1 = boxes["Jane"][0], boxes["Jane"][1], boxes["Doe"][2], boxes["Doe"][3]
    assert y1 - y0 > 10  # about 36 pt
    assert (x0 + x1) / 2 == pytest.approx(297 / 2, abs=1.0)


def test_missing_poppler_skips_locally_but_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="poppler-utils"):
        poppler_tool("no-such-poppler-tool")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        poppler_tool("no-such-poppler-tool")


def test_missing_glyphs() -> None:
    assert missing_glyphs("Ђорђе Šćekić Arbër Çeliku Ѓорѓи Ќосевски ѕ џ „“ – …") == ""
    assert missing_glyphs("Jane 李 Doe 李 王") == "李王"
    assert missing_glyphs("tab\tand\nnewline") == ""
