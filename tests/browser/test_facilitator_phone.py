"""No facilitator page scrolls sideways on a 360 px phone, with a class that has learners,
long nicknames, results and certificates (an empty class hides the wide tables); on a
1280 px laptop the class's tables fit without scrolling inside."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from app.content.ext import get_catalog
from app.db import get_session
from app.models import Membership
from app.services import accounts, class_certificates, classes
from tests.browser.support import LiveServer
from tests.factories import PASSWORD
from tests.helpers import ALL_RIGHT, QUIZ_URL

pytestmark = pytest.mark.browser
SCREENS = os.environ.get("UNSHARED_SCREENS")
NEXT_QUIZ_URL = "/en/courses/demo/next/quiz"
NEXT_RIGHT = {"q-friend": "0", "token": "t-next"}


def _post(context, url: str, data: dict) -> str:  # type: ignore[no-untyped-def]
    response = context.request.post(
        url,
        data=urlencode(data, doseq=True),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        assert response.ok, (url, response.status)
        return response.url
    finally:
        response.dispose()


def _class_with_learners(
    browser: Browser, server: LiveServer, teacher: str = "telefon-nastavnica"
) -> dict[str, str]:
    with server.app.app_context():
        db = get_session()
        user = accounts.sign_up(db, None, teacher, PASSWORD, role="facilitator")
        org = classes.create_organisation(db, user, "Osnovna škola Desanka Maksimović Čačak")
        classroom = classes.create_class(
            db,
            org,
            get_catalog().course("demo"),
            "VIII-3 Đorđevićeva grupa",
            "sr-Latn",
            ["basics", "next"],
        )
        db.commit()
        values = {"class_id": str(classroom.id), "org_id": str(org.id), "code": classroom.join_code}
    nicknames = ["Aleksandra Đorđević", "Konstantin Miloradović", "Mila", "Luka Stefanović"]
    for i, nickname in enumerate(nicknames):
        pupil = browser.new_context(base_url=server.url)
        _post(pupil, "/en/join", {"code": values["code"], "nickname": nickname})
        _post(pupil, QUIZ_URL, ALL_RIGHT)
        if i < 3:
            _post(pupil, NEXT_QUIZ_URL, NEXT_RIGHT)
        if i == 0:
            _post(pupil, "/en/certificates/claim/demo", {"name": "Aleksandra Đorđević-Milošević"})
        pupil.close()
    with server.app.app_context():
        db = get_session()
        cert = class_certificates.list_printable(
            db, classes.get_class(db, int(values["class_id"]))
        )[0]
        values["cert"] = cert.code
        values["member"] = str(
            db.scalar(
                select(Membership.id)
                .where(Membership.classroom_id == int(values["class_id"]))
                .order_by(Membership.id)
            )
        )
    return values


def _signed_in(browser: Browser, server: LiveServer, teacher: str, width: int, height: int) -> Page:
    """A page of a new browser of ``width`` x ``height`` px, signed in as ``teacher``."""
    context = browser.new_context(base_url=server.url, viewport={"width": width, "height": height})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/en/account/login")
    page.fill("#username", teacher)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    return page


def _width(page: Page, path: str, shot: str) -> int | None:
    """The page's width when wider than 360 px, else ``None``."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9]+", "_", shot).strip("_")
        page.screenshot(path=Path(SCREENS) / f"{name}-360.png", full_page=True)
    return width if width > 360 else None


def test_no_facilitator_page_scrolls_sideways_at_360_px(browser: Browser, live_server: LiveServer):
    values = _class_with_learners(browser, live_server)
    page = _signed_in(browser, live_server, "telefon-nastavnica", width=360, height=740)
    c, o = values["class_id"], values["org_id"]
    pages = [
        "/classes/",
        f"/classes/organisations/{o}",
        "/classes/new",
        f"/classes/{c}/edit",
        f"/classes/{c}/",
        f"/classes/{c}/sheet",
        f"/classes/{c}/notes/basics",
        f"/classes/{c}/certificates",
        "/present/demo/basics/intro",
        "/handout/demo/basics",
        f"/certificates/{values['cert']}",
        f"/certificates/{values['cert']}/revoke",
        f"/classes/{c}/learners/{values['member']}",
    ]
    wide = []
    for lang in ("en", "sr-Cyrl"):
        for path in pages:
            response = page.goto(f"/{lang}{path}")
            assert response is not None and response.status == 200, path
            if (width := _width(page, f"/{lang}{path}", f"{lang}{path}")) is not None:
                wide.append(f"/{lang}{path}: {width}px")
        # The confirmation pages that the destructive buttons open.
        for button, shot in (
            (".progress-table button", "confirm-remove"),
            (f"form[action$='/classes/{c}/code'] button", "confirm-code"),
            ("form.danger-zone button", "confirm-delete"),
        ):
            page.goto(f"/{lang}/classes/{c}/")
            page.locator(button).first.click()
            page.wait_for_selector(".confirm-panel")
            if (width := _width(page, page.url, f"{lang}-{shot}")) is not None:
                wide.append(f"{page.url} ({shot}): {width}px")
    assert not wide, "pages that scroll sideways at 360 px:\n" + "\n".join(wide)


def test_a_class_and_its_certificates_fit_a_laptop(browser: Browser, live_server: LiveServer):
    values = _class_with_learners(browser, live_server, teacher="laptop-nastavnica")
    page = _signed_in(browser, live_server, "laptop-nastavnica", width=1280, height=800)
    scrolled = []
    c = values["class_id"]
    for lang in ("en", "sr-Cyrl"):
        for path in (f"/classes/{c}/", f"/classes/{c}/certificates"):
            page.goto(f"/{lang}{path}")
            for region in page.locator(".table-scroll").all():
                inner, shown = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
                if inner > shown:
                    scrolled.append(f"/{lang}{path}: {inner}px of table in {shown}")
    page.context.close()
    assert not scrolled, "tables that scroll sideways at 1280 px:\n" + "\n".join(scrolled)
