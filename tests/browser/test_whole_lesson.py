"""Issue 11's "done when": a whole 45-minute lesson in Serbian Latin, on a 360 px phone and
on a 1280 px screen, through the real pages and buttons only.

A teacher signs up, opens a Serbian class and prints its join sheet; four pupils join (two
by the sheet's QR code, two by typing the code at the printed address), read their lessons
and take the quizzes; one gets "not yet", the teacher reads the question analysis and that
pupil's answers, and the pupil passes on the next try; one pupil goes on on a second device
with the recovery code. Three pupils collect their certificates where they are offered
(the result page, "My certificates", the course page), the teacher issues the fourth's (a
pupil without a device of their own), presents a lesson, exports the class as .xlsx and
prints a handout. Every page visited is checked by :class:`tests.browser.visits.Visits`:
it does not scroll sideways, it is in Serbian Latin, and every address it shows resolves.

The fixture course keeps it quick; ``UNSHARED_E2E_COURSES=real`` runs it on the real one
(the class is given its first two modules either way, and the right answers are read from
the course).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright, expect
from pypdf import PdfReader

from app.content.model import Catalog, Course, Module, Question, text_for
from tests.browser.support import LiveServer, serve, with_legal_guide
from tests.browser.visits import Visits, printed_pages, screenshot, sr, sr_plural
from tests.factories import PASSWORD
from tests.helpers import real_catalog

pytestmark = pytest.mark.browser
LANG = "sr-Latn"
SCREENS = os.environ.get("UNSHARED_SCREENS")
CLASS_NAME = "VII-3 Đurđevdan"
SCHOOL = "OŠ „Desanka Maksimović“ Čačak"


@pytest.fixture(scope="module")
def server(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A live server whose public address is its own, so that every printed address and QR
    code can be followed (the development default is another port)."""
    if os.environ.get("UNSHARED_E2E_COURSES") == "real":
        catalog, problems = real_catalog()
        assert not problems.errors
    else:
        catalog = with_legal_guide(catalog)
    with serve(catalog, tmp_path_factory.mktemp("lesson") / "l.sqlite3") as live:
        live.app.config["PUBLIC_URL"] = live.url
        yield live


@dataclass
class Day:
    """What the whole lesson shares: the server, the screen, the checks, the class."""

    browser: Browser
    server: LiveServer
    width: int
    visits: Visits
    course: Course
    modules: tuple[Module, ...]
    class_id: str = ""
    code: str = ""

    def context(self) -> BrowserContext:
        """A new device of this screen size, in Serbian."""
        ctx = self.browser.new_context(
            base_url=self.server.url,
            locale="sr-Latn-RS",
            viewport={"width": self.width, "height": 740 if self.width < 600 else 800},
        )
        ctx.set_default_timeout(15_000)
        return ctx

    def seen(self, page: Page, who: str, shot: str | None = None, **kwargs: object) -> None:
        """Check the page now shown, and keep its picture when asked to."""
        page.wait_for_load_state()
        self.visits.check(page, who, **kwargs)  # type: ignore[arg-type]
        screenshot(page, SCREENS, f"{self.width}-{shot or who}-{page.url.split('/', 3)[-1]}")


def follow(link: Locator) -> None:
    """Click ``link`` (or a button) and wait for the page it leads to."""
    with link.page.expect_navigation():
        link.click()


# Answers, from the course -------------------------------------------------------------------


def right(question: Question) -> list[int]:
    return sorted(question.correct)


def not_yet(question: Question) -> list[int]:
    """A wrong answer: half of a multiple-answer question's right options, else a wrong one."""
    if question.type == "multiple" and len(question.correct) > 1:
        return right(question)[:1]
    return [next(i for i in range(question.option_count) if i not in question.correct)]


def tick(page: Page, module: Module, choose: dict[str, list[int]] | None = None) -> None:
    """Answer the quiz on ``page``: the right answers, but those in ``choose``."""
    assert module.quiz is not None
    for question in module.quiz.questions:
        for index in (choose or {}).get(question.id, right(question)):
            page.locator(f'label[for="q-{question.id}-{index}"]').click()
    page.get_by_role("button", name=sr("Send my answers")).click()


def failing(module: Module) -> dict[str, list[int]]:
    """Answers that do not reach the pass mark: all wrong, the first question only half."""
    assert module.quiz is not None
    return {q.id: not_yet(q) for q in module.quiz.questions}


# The teacher ----------------------------------------------------------------------------


def teacher_opens_the_class(day: Day, page: Page) -> None:
    page.goto(f"/{LANG}/")
    day.seen(page, "teacher", lang=LANG)
    page.goto(f"/{LANG}/classes/signup")
    day.seen(page, "teacher")
    page.fill("#username", f"nastavnica-jelena-{day.width}")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(sr("My classes"))
    day.seen(page, "teacher")
    page.fill("#name", SCHOOL)
    page.get_by_role("button", name=sr("Create"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(SCHOOL)
    day.seen(page, "teacher")
    follow(page.get_by_role("link", name=sr("Open a new class")))
    day.seen(page, "teacher")
    page.fill("#name", CLASS_NAME)
    page.select_option("#language", LANG)
    for module in day.course.modules:
        box = page.locator(f'input[name="modules"][value="{module.slug}"]')
        box.set_checked(module in day.modules)
    page.get_by_role("button", name=sr("Open the class")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CLASS_NAME)
    day.class_id = re.search(r"/classes/(\d+)/", page.url)[1]  # type: ignore[index]
    day.code = page.locator(".join-panel .big-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", day.code)
    day.seen(page, "teacher", "dashboard-empty")


def teacher_prints_the_sheet(day: Day, page: Page) -> tuple[str, str]:
    """The printed address and the address in the QR code."""
    follow(page.get_by_role("link", name=sr("Join sheet to print or project")))
    day.seen(page, "teacher", "sheet")
    printed = page.locator(".sheet-url").inner_text().strip()
    assert page.locator(".big-code").inner_text().strip() == day.code
    pages, text = printed_pages(page)
    assert pages == 1, f"the join sheet prints on {pages} pages"
    assert day.code in text and printed in text.replace("\n", "")
    picture = page.locator(".sheet-qr img").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(picture)))
    assert len(found) == 1, "the sheet's QR code cannot be read"
    scanned = found[0].text
    assert scanned == f"{day.server.url}/{LANG}/join/{day.code}", scanned
    assert printed == f"{day.server.url}/{LANG}/join", printed
    page.get_by_role("link", name=sr("Back to the class")).click()
    return printed, scanned


# The pupils -----------------------------------------------------------------------------


@dataclass
class Pupil:
    nickname: str
    context: BrowserContext
    page: Page
    recovery_code: str = ""


def pupil_joins(
    day: Day, nickname: str, *, scanned: str | None = None, printed: str | None = None
) -> Pupil:
    context = day.context()
    page = context.new_page()
    if scanned:
        page.goto(scanned)  # what the phone's camera opens
        expect(page.locator("#code")).to_have_value(day.code)
    else:
        assert printed is not None
        page.goto(printed)  # typed from the sheet, and the code as a pupil types it
        page.fill("#code", day.code.lower().replace("-", " "))
    day.seen(page, nickname, "join")
    page.fill("#nickname", nickname)
    page.get_by_role("button", name=sr("Join"), exact=True).click()
    recovery = page.locator(".recovery .big-code")
    expect(recovery).to_be_visible()
    pupil = Pupil(nickname, context, page, recovery.inner_text().strip())
    day.seen(page, nickname, "welcome")
    page.get_by_role("link", name=sr("Start: %(name)s", name=CLASS_NAME)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text_for(day.course.title, LANG))
    day.seen(page, nickname, "course")
    return pupil


def reads_the_module(day: Day, pupil: Pupil, module: Module) -> None:
    """From the module's first lesson (where the page is now) to its quiz."""
    page = pupil.page
    for index, lesson in enumerate(module.lessons):
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson.page(LANG).title)
        day.seen(page, pupil.nickname, "lesson")
        last = index == len(module.lessons) - 1
        page.get_by_role(
            "button", name=sr("Done, go to the quiz" if last else "Done, next lesson")
        ).click()
    expect(page).to_have_url(re.compile(f"/{module.slug}/quiz$"))
    day.seen(page, pupil.nickname, "quiz")


def takes_the_quiz(day: Day, pupil: Pupil, module: Module, *, passes: bool = True) -> None:
    page = pupil.page
    tick(page, module, None if passes else failing(module))
    expect(page).to_have_url(re.compile(r"/quiz/result/\d+$"))
    summary = page.locator(".result-summary")
    if passes:
        expect(summary).to_contain_text(sr("Well done: you passed this module."))
    else:
        expect(summary).to_contain_text(
            sr(
                "Not yet. Read why below, go back to the lessons "
                "if you like, and try again when you are ready."
            )
        )
        # Not yet: the right answers stay hidden, so that the retake is not copying.
        expect(page.locator(".tag--right")).to_have_count(0)
    day.seen(page, pupil.nickname, "result")


def studies(day: Day, pupil: Pupil, module: Module, *, first_try_passes: bool = True) -> None:
    """Open the next module from where the pupil is, read it and pass its quiz."""
    page = pupil.page
    start = page.get_by_role(
        "link",
        name=re.compile(
            "^("
            + "|".join(
                re.escape(sr(s))
                for s in ("Start the course", "Continue the course", "Start the first lesson")
            )
            + ")$"
        ),
    )
    if start.count() == 0:  # on a result page: on to the next module
        follow(
            page.get_by_role(
                "link", name=sr("Next module: %(title)s", title=text_for(module.title, LANG))
            )
        )
        day.seen(page, pupil.nickname, "module")
        start = page.get_by_role("link", name=sr("Start the first lesson"))
    start.first.click()
    reads_the_module(day, pupil, module)
    takes_the_quiz(day, pupil, module, passes=first_try_passes)


# The whole lesson -----------------------------------------------------------------------


@pytest.mark.parametrize("width", [360, 1280])
def test_a_whole_lesson_in_serbian(
    browser: Browser, playwright: Playwright, server: LiveServer, width: int
) -> None:
    course = server.catalog.courses[0]
    day = Day(
        browser, server, width, Visits(playwright, server.url), course, tuple(course.modules[:2])
    )
    first, second = day.modules
    teacher = day.context()
    desk = teacher.new_page()
    teacher_opens_the_class(day, desk)
    printed, scanned = teacher_prints_the_sheet(day, desk)

    mina = pupil_joins(day, f"Mina {width}", scanned=scanned)
    lazar = pupil_joins(day, f"Lazar {width}", printed=printed)
    jovana = pupil_joins(day, f"Jovana {width}", scanned=scanned)
    nikola = pupil_joins(day, f"Nikola {width}", printed=printed)
    pupils = [mina, lazar, jovana, nikola]

    teacher_presents(day, desk, first)
    studies(day, mina, first)
    studies(day, lazar, first, first_try_passes=False)
    studies(day, jovana, first)
    studies(day, nikola, first)

    teacher_reads_the_analysis(day, desk, lazar, first)

    # Lazar goes back to the lesson he missed, and passes the second time.
    follow(lazar.page.get_by_role("link", name=sr("Back to the lessons")))
    day.seen(lazar.page, lazar.nickname, "module-again")
    lazar.page.get_by_role("link", name=sr("Take the quiz again")).first.click()
    takes_the_quiz(day, lazar, first)

    for pupil in (lazar, jovana, nikola):
        studies(day, pupil, second)
    # Mina goes on at home, on another device, with her recovery code.
    mina_home = continues_elsewhere(day, mina)
    studies(day, mina_home, second)

    collects_on_the_result_page(day, mina_home)
    collects_under_my_certificates(day, lazar)
    collects_on_the_course_page(day, jovana)
    teacher_issues_and_prints(day, desk, nikola, [mina, lazar, jovana])
    teacher_exports(day, desk, pupils)
    teacher_prints_a_handout(day, desk, first)

    for context in (teacher, *(p.context for p in pupils), mina_home.context):
        context.close()
    assert day.visits.pages > 60, day.visits.pages
    day.visits.assert_clean()


def continues_elsewhere(day: Day, pupil: Pupil) -> Pupil:
    context = day.context()
    page = context.new_page()
    page.goto(f"/{LANG}/join")
    follow(page.get_by_role("link", name=sr("Continue with your recovery code")))
    day.seen(page, pupil.nickname, "continue")
    page.fill("#recovery_code", pupil.recovery_code.lower())
    page.get_by_role("button", name=sr("Continue"), exact=True).click()
    expect(page.locator(".flash, [role=status]").first).to_contain_text(
        sr("Welcome back. Your progress is here.")
    )
    day.seen(page, pupil.nickname, "home-again")
    follow(page.get_by_role("link", name=text_for(day.course.title, LANG)).first)
    day.seen(page, pupil.nickname, "course-again")
    return Pupil(pupil.nickname, context, page, pupil.recovery_code)


# Certificates ---------------------------------------------------------------------------


def _claims(day: Day, pupil: Pupil, name: str) -> None:
    page = pupil.page
    day.seen(page, pupil.nickname, "claim")
    expect(page.locator("main")).to_contain_text(
        sr(
            "Well done: you have passed the modules your class %(name)s was given: %(num)d of the "
            "%(total)d in %(course)s.",
            name=CLASS_NAME,
            num=len(day.modules),
            total=len(day.course.modules),
            course=text_for(day.course.title, LANG),
        )
    )
    page.fill("#name", name)
    page.get_by_role("button", name=sr("Get my certificate")).click()
    expect(page.locator("main")).to_contain_text(name)
    day.seen(page, pupil.nickname, "certificate")
    link = page.get_by_role("link", name=sr("Download the PDF to print"))
    text = "\n".join(p.extract_text() for p in _pdf(page, link.get_attribute("href")).pages)
    assert name in text and CLASS_NAME in text, text
    assert text_for(day.course.title, LANG) in text, text


def _pdf(page: Page, href: str | None) -> PdfReader:
    """The PDF a link opens (Chromium shows it rather than downloading it)."""
    assert href
    response = page.request.get(href)
    try:
        assert response.ok and response.headers["content-type"] == "application/pdf", href
        return PdfReader(io.BytesIO(response.body()))
    finally:
        response.dispose()


def collects_on_the_result_page(day: Day, pupil: Pupil) -> None:
    page = pupil.page
    follow(page.get_by_role("link", name=sr("Get your certificate")))
    _claims(day, pupil, "Mina Petrović")


def collects_under_my_certificates(day: Day, pupil: Pupil) -> None:
    page = pupil.page
    page.goto(f"/{LANG}/")
    menu = page.locator(".site-nav summary")
    if menu.is_visible():  # the menu is folded on a phone
        menu.click()
    page.get_by_role("link", name=sr("My account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(sr("My account"))
    day.seen(page, pupil.nickname, "account")
    page.get_by_role("link", name=sr("My certificates")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(sr("My certificates"))
    day.seen(page, pupil.nickname, "mine")
    follow(page.get_by_role("link", name=sr("Get your certificate")))
    _claims(day, pupil, "Lazar Jovanović")


def collects_on_the_course_page(day: Day, pupil: Pupil) -> None:
    page = pupil.page
    follow(page.get_by_role("link", name=text_for(day.course.title, LANG)).first)
    day.seen(page, pupil.nickname, "course-done")
    follow(page.get_by_role("link", name=sr("Get your certificate")))
    _claims(day, pupil, "Jovana Đokić")


def teacher_issues_and_prints(day: Day, page: Page, pupil: Pupil, others: list[Pupil]) -> None:
    page.goto(f"/{LANG}/classes/{day.class_id}/")
    follow(page.get_by_role("link", name=sr("Certificates"), exact=True))
    day.seen(page, "teacher", "certificates")
    row = page.locator("tr", has_text=pupil.nickname)
    expect(row).to_contain_text(sr("Completed, not claimed"))
    row.locator("input[name=name]").fill("Nikola Stanković")
    row.get_by_role("button", name=re.compile(re.escape(sr("Issue")))).click()
    expect(page.locator("main")).to_contain_text("Nikola Stanković")
    day.seen(page, "teacher", "certificates-issued")
    expect(page.locator(".cert-badge--valid")).to_have_count(1 + len(others))
    link = page.get_by_role(
        "link",
        name=sr_plural(
            "Print %(num)d certificate (PDF)", "Print all %(num)d certificates (PDF)", 4
        ),
    )
    reader = _pdf(page, link.get_attribute("href"))
    assert len(reader.pages) == 1 + len(others)
    text = "\n".join(p.extract_text() for p in reader.pages)
    for name in ("Nikola Stanković", "Mina Petrović", "Lazar Jovanović", "Jovana Đokić"):
        assert name in text, name


# What the teacher shows, reads and takes home ------------------------------------------


def teacher_presents(day: Day, page: Page, module: Module) -> None:
    page.goto(f"/{LANG}/classes/{day.class_id}/")
    row = page.locator("tr", has_text=text_for(module.title, LANG))
    row.get_by_role("link", name=sr("Present lesson 1")).click()
    screens = 0
    while True:
        screens += 1
        day.seen(page, "teacher", f"present-{screens}")
        expect(page.locator(".site-nav")).to_be_hidden()
        following = page.get_by_role("link", name=re.compile(re.escape(sr("Next"))))
        if following.count() == 0:
            break
        before = page.url
        page.keyboard.press("ArrowRight")
        page.wait_for_url(lambda url, before=before: url != before)
        assert screens < 60
    assert screens >= len(module.lessons)
    page.get_by_role("link", name=sr("Back to the class")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CLASS_NAME)


def teacher_reads_the_analysis(day: Day, page: Page, pupil: Pupil, module: Module) -> None:
    """After the first round: three passed, one did not. The analysis shows the questions
    that one learner missed, including the right option left out of a multiple-answer one."""
    assert module.quiz is not None
    page.goto(f"/{LANG}/classes/{day.class_id}/")
    day.seen(page, "teacher", "dashboard-analysis")
    tables = page.locator(".questions-table")
    table = tables.nth(day.modules.index(module))
    for question in module.quiz.questions:
        prompt = re.sub(r"<[^>]+>", "", question.text(LANG).prompt).strip()
        cells = table.locator("tr", has_text=prompt).locator("td")
        expect(cells.nth(1)).to_contain_text("75%")
        expect(cells.nth(1)).to_contain_text("(3/4)")
        options = question.text(LANG).options
        if question.type == "multiple" and len(question.correct) > 1:
            left_out = re.sub(r"<[^>]+>", "", options[right(question)[1]].text).strip()
            expect(cells.nth(2)).to_contain_text(sr("Left out: %(option)s", option=left_out))
        else:
            wrong = re.sub(r"<[^>]+>", "", options[not_yet(question)[0]].text).strip()
            expect(cells.nth(2)).to_contain_text(f"{wrong} (1)")
    follow(page.get_by_role("link", name=pupil.nickname))
    day.seen(page, "teacher", "learner")
    expect(page.locator("main")).to_contain_text(sr("Not yet"))
    expect(page.locator(".learner-answers .status-no")).to_have_count(len(module.quiz.questions))
    page.get_by_role("link", name=sr("Back to the class")).click()


def _sheet_rows(path: Path) -> list[tuple]:
    """The rows of a downloaded workbook's first sheet, as openpyxl reads them."""
    workbook = load_workbook(io.BytesIO(path.read_bytes()))
    return list(workbook.active.iter_rows(values_only=True))


def teacher_exports(day: Day, page: Page, pupils: list[Pupil]) -> None:
    page.goto(f"/{LANG}/classes/{day.class_id}/")
    expect(page.locator("#live")).to_contain_text(
        sr("%(done)d of %(total)d learners have passed every assigned module.", done=4, total=4)
    )
    day.seen(page, "teacher", "dashboard-done")
    links = page.get_by_role("link", name=sr("Excel (.xlsx)"))
    with page.expect_download() as download:
        links.nth(0).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    rows = _sheet_rows(download.value.path())
    header, body = rows[0], rows[1:]
    assert header[0] == sr("Nickname")
    assert len(header) == 1 + 2 * len(day.modules) + 2
    assert sorted(r[0] for r in body) == sorted(p.nickname for p in pupils)
    for r in body:
        assert r[1::2][: len(day.modules)] == (sr("passed"),) * len(day.modules), r
        assert r[-2] == sr("yes"), r
    with page.expect_download() as download:
        links.nth(1).click()
    rows = _sheet_rows(download.value.path())
    questions = sum(len(m.quiz.questions) for m in day.modules if m.quiz)
    assert rows[0][:4] == (
        sr("Module"),
        sr("Question"),
        sr("Learners who answered"),
        sr("Answered correctly"),
    ), rows[0]
    assert len(rows) == 1 + questions
    assert all(r[2] == 4 and r[3] == "100%" for r in rows[1:]), rows


def teacher_prints_a_handout(day: Day, page: Page, module: Module) -> None:
    page.goto(f"/{LANG}/classes/{day.class_id}/")
    row = page.locator("tr", has_text=text_for(module.title, LANG))
    follow(row.get_by_role("link", name=sr("Handout")))
    day.seen(page, "teacher", "handout")
    pages, text = printed_pages(page)
    assert pages <= 2, f"the handout prints on {pages} pages"
    assert text_for(module.title, LANG) in text
