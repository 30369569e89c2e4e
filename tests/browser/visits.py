"""What every page of a browser walk must satisfy: it fits the screen, it is in the expected
language, and every address it shows (links, pictures, addresses printed as text, the
target of a ``#fragment``) resolves.

:class:`Visits` is handed to a test that walks real pages; it checks each page it is shown
and keeps the problems, so that one run lists all of them instead of stopping at the first.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from babel.support import Translations
from playwright.sync_api import BrowserContext, Page, Playwright
from pypdf import PdfReader

from tests.helpers import PROJECT

# Addresses a page prints as text (the join sheet's, a certificate's verification address).
TEXT_URL = re.compile(r"\bhttps?://[^\s<>\"'”“»«)]+")
# Links that must not be followed by a checker: the quick exit marks the browser as having
# left (it blanks the site for this browser until the mark is removed).
NOT_FOLLOWED = re.compile(r"^/(exit|notes)\b")
LINKS_ON_PAGE = """() => {
  const urls = [];
  for (const a of document.querySelectorAll("a[href]")) urls.push(a.href);
  for (const i of document.querySelectorAll("img[src]")) urls.push(i.src);
  return urls;
}"""
# Chromium's default print margins are about 10 mm; Firefox prints with 12.7 mm.
PRINT_MARGINS = {side: "12.7mm" for side in ("top", "right", "bottom", "left")}

_SERBIAN = Translations.load(str(PROJECT / "translations"), ["sr_Latn"])


def sr(message: str, **values: object) -> str:
    """``message`` as the Serbian Latin interface shows it (it must be translated)."""
    assert message in _SERBIAN._catalog, f"no Serbian Latin translation of {message!r}"
    text = _SERBIAN.gettext(message)
    return text % values if values else text


def sr_plural(singular: str, plural: str, num: int) -> str:
    """The Serbian Latin plural form for ``num`` (``%(num)d`` filled in)."""
    text = _SERBIAN.ngettext(singular, plural, num)
    assert text not in (singular, plural), f"no Serbian Latin translation of {singular!r}"
    return text % {"num": num}


@dataclass
class Visits:
    """Checks every page a walk shows it; the problems found, page by page."""

    playwright: Playwright
    base_url: str
    problems: list[str] = field(default_factory=list)
    pages: int = 0
    _checked: set[tuple[str, str]] = field(default_factory=set)

    @property
    def netloc(self) -> str:
        return urlsplit(self.base_url).netloc

    def check(self, page: Page, who: str, lang: str | None = "sr-Latn") -> None:
        """Check the page ``page`` shows now, as seen by ``who`` (a name for the report)."""
        self.pages += 1
        where = f"{who} at {page.url}"
        width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width > inner:
            self.problems.append(f"{where}: scrolls sideways ({width} px > {inner} px)")
        page_lang = page.evaluate("document.documentElement.lang")
        if lang is not None and page_lang != lang:
            self.problems.append(f"{where}: the page is in {page_lang!r}, not {lang!r}")
        self._check_urls(page, who, where)

    def _check_urls(self, page: Page, who: str, where: str) -> None:
        urls: set[str] = set(page.evaluate(LINKS_ON_PAGE))
        urls |= {u.rstrip(".,;:") for u in TEXT_URL.findall(page.inner_text("body"))}
        to_fetch = []
        for url in sorted(urls):
            target, fragment = urldefrag(urljoin(page.url, url))
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https"):
                continue
            if parts.netloc != self.netloc:
                if parts.hostname in ("127.0.0.1", "localhost"):
                    self.problems.append(f"{where}: shows {url}, an address on another server")
                continue  # another site (a helpline's): not reachable from here
            if fragment and target == urldefrag(page.url)[0]:
                if not page.evaluate(
                    "id => document.getElementById(id) !== null", unquote(fragment)
                ):
                    self.problems.append(f"{where}: links to #{fragment}, which is not there")
                continue
            if NOT_FOLLOWED.match(parts.path) or (who, target) in self._checked:
                continue
            self._checked.add((who, target))
            to_fetch.append(target)
        if to_fetch:
            self._fetch(page.context, to_fetch, where)

    def _fetch(self, context: BrowserContext, urls: list[str], where: str) -> None:
        # A copy of the browser's cookies: what a check sets (a language, say) stays there.
        request = self.playwright.request.new_context(storage_state=context.storage_state())
        try:
            for url in urls:
                response = request.get(url, max_redirects=5)
                if response.status >= 400:
                    self.problems.append(f"{where}: {url} answers {response.status}")
                response.dispose()
        finally:
            request.dispose()

    def assert_clean(self) -> None:
        """Fail with every problem found, if any."""
        assert not self.problems, (
            f"{len(self.problems)} problems on {self.pages} pages:\n" + "\n".join(self.problems)
        )


def printed_pages(page: Page) -> tuple[int, str]:
    """How many A4 pages ``page`` prints on (with the usual margins), and their text."""
    page.emulate_media(media="print")
    try:
        pdf = page.pdf(format="A4", margin=PRINT_MARGINS, print_background=True)
    finally:
        page.emulate_media(media="screen")
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def screenshot(page: Page, folder: str | None, name: str) -> None:
    """Keep a full-page picture of ``page`` when ``folder`` is set (UNSHARED_SCREENS)."""
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=Path(folder) / f"{re.sub(r'[^A-Za-z0-9]+', '_', name)}.png", full_page=True
        )
