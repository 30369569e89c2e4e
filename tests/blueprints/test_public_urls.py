"""Every address a page prints, links or encodes in a QR code leads somewhere.

A join sheet is printed and handed out: an address on it that 404s cannot be fixed after
the lesson started. So every URL on the facilitator's pages (links, images, forms' targets,
addresses written out as text, the QR code's content) is requested with the test client.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.factories import join, log_in, make_class, make_facilitator
from tests.helpers import ALL_RIGHT, PUBLIC, qr_text

zxingcpp = pytest.importorskip("zxingcpp")

TEXT_URL = re.compile(r"https?://[^\s<>\"']+")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.posts: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form" and (values.get("method") or "get").lower() == "post":
            self.posts.append(values.get("action") or "")
            return
        for name, value in attrs:
            if value and name in ("href", "src", "action", "data-refresh-url"):
                self.urls.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page_urls(html: str, posts: bool = False) -> set[str]:
    """Every URL in the page: attributes and addresses written out in the text (or, with
    ``posts``, the targets of its POST forms)."""
    parser = _Links()
    parser.feed(html)
    found = (
        set(parser.posts)
        if posts
        else set(parser.urls) | set(TEXT_URL.findall(" ".join(parser.text)))
    )
    # The quick exit leaves for another site on purpose (and blanks the site afterwards).
    return {
        u
        for u in found
        if not u.startswith(("#", "mailto:", "tel:", "javascript:")) and urlsplit(u).path != "/exit"
    }


def resolves(client, url: str) -> int:  # type: ignore[no-untyped-def]
    """The final status of ``url`` (the site's own addresses only), redirects followed."""
    if url.startswith(PUBLIC):
        url = url[len(PUBLIC) :] or "/"
    parts = urlsplit(url)
    assert not parts.netloc, f"an address outside the site: {url}"
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    response = client.get(path, follow_redirects=True)
    response.close()  # static files are streamed from disk
    return response.status_code


@pytest.mark.parametrize(("lang", "class_lang"), [("en", "sr-Latn"), ("sr-Cyrl", "en")])
def test_every_url_on_the_facilitator_pages_and_in_the_qr_code_resolves(
    app, client, lang, class_lang
):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher, modules=("basics",), language=class_lang)
    log_in(client, "teacher")
    pupil = app.test_client()
    join(pupil, code, "Đurđa")
    pupil.post("/en/courses/demo/basics/quiz", data=ALL_RIGHT)
    claimed = pupil.post("/en/certificates/claim/demo", data={"name": "Đurđa Čakić"})
    assert claimed.status_code == 303
    cert_page = claimed.headers["Location"]

    pages = [
        f"/{lang}/classes/{class_id}/sheet",
        f"/{lang}/classes/{class_id}/",
        f"/{lang}/classes/{class_id}/certificates",
        cert_page.replace("/en/", f"/{lang}/"),
    ]
    seen: set[str] = set()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        for url in page_urls(response.get_data(as_text=True)) - seen:
            seen.add(url)
            if url.startswith(("http://", "https://")) and not url.startswith(PUBLIC):
                continue  # another site (a help line, a licence)
            viewer = pupil if "/join" in url or "/verify" in url else client
            assert resolves(viewer, url) == 200, f"{url} (on {page})"
        adapter = app.url_map.bind("localhost")
        for url in page_urls(response.get_data(as_text=True), posts=True):
            adapter.match(urlsplit(url).path, method="POST")  # raises if nothing is there
    # The dashboard shows the QR code it tells learners to scan (item 14).
    dashboard = client.get(f"/{lang}/classes/{class_id}/").get_data(as_text=True)
    assert f'src="/{lang}/classes/{class_id}/qr.svg"' in dashboard
    # The sheet writes out the join address; the QR code holds the same one, with the code.
    sheet = client.get(f"/{lang}/classes/{class_id}/sheet").get_data(as_text=True)
    assert any(u.startswith(PUBLIC) and "/join" in u for u in page_urls(sheet))
    scanned = qr_text(client.get(f"/{lang}/classes/{class_id}/qr.svg").get_data())
    assert scanned.startswith(PUBLIC) and code in scanned
    phone = app.test_client()
    assert resolves(phone, scanned) == 200
    assert code in phone.get(scanned[len(PUBLIC) :]).get_data(as_text=True)
