"""Static files under hashed names, cached for a year; pages and files sent compressed."""

from __future__ import annotations

import gzip
import re
import time
from pathlib import Path

import brotli
from flask.testing import FlaskClient

from app.web.assets import Assets

STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def static_links(client: FlaskClient, path: str = "/en/") -> list[str]:
    return STATIC.findall(client.get(path).get_data(as_text=True))


def test_pages_link_static_files_by_a_hash_of_their_bytes(client):
    links = static_links(client)
    assert {re.sub(r"\.[0-9a-f]{12}\.", ".", link) for link in links} >= {
        "/static/css/site.css",
        "/static/js/site.js",
        "/static/favicon.svg",
    }
    for link in links:
        response = client.get(link)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_hash_changes_with_the_file_and_an_old_hash_is_never_cached(tmp_path: Path):
    (tmp_path / "a.css").write_text("body { color: red }")
    assets = Assets(tmp_path)
    first = assets.hashed_name("a.css")
    time.sleep(0.01)
    (tmp_path / "a.css").write_text("body { color: blue }")
    second = assets.hashed_name("a.css")
    assert first != second and re.fullmatch(r"a\.[0-9a-f]{12}\.css", second)


def test_an_old_or_plain_address_still_serves_the_file_but_is_revalidated(client):
    plain = client.get("/static/css/site.css")
    assert plain.status_code == 200 and plain.headers["Cache-Control"] == "no-cache"
    again = client.get("/static/css/site.css", headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304
    old = client.get("/static/css/site.000000000000.css")
    assert old.status_code == 200 and old.headers["Cache-Control"] == "no-cache"
    assert old.data == plain.data


def test_nothing_outside_the_static_folder_is_served(client):
    assert client.get("/static/../../wsgi.py").status_code == 404
    assert client.get("/static/css/missing.css").status_code == 404


def test_pages_come_compressed_with_brotli_or_gzip_as_the_browser_accepts(client):
    plain = client.get("/en/", headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers
    html = plain.data
    br = client.get("/en/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(br.data) == html
    gz = client.get("/en/", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.data) == html
    assert "Accept-Encoding" in br.headers["Vary"]
    # Compression does not make a page cacheable: pages are never stored by the browser.
    assert br.headers["Cache-Control"] == "no-store"


def test_static_files_come_compressed(client):
    css = next(link for link in static_links(client) if link.endswith(".css"))
    response = client.get(css, headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    original = (Path(__file__).parents[2] / "app/static/css/site.css").read_bytes()
    assert brotli.decompress(response.data) == original
    assert len(response.data) < len(original) / 2
