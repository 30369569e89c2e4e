"""A facilitator runs a class; learners join with a code and a nickname."""

from __future__ import annotations

import csv
import io

import openpyxl
from sqlalchemy import func, select

from app.db import get_session
from app.models import Classroom, User
from tests.factories import PASSWORD, join, log_in, make_class, make_facilitator
from tests.helpers import ALL_RIGHT, ALL_WRONG, QUIZ_URL, database, make_app, signing_key_file
from tests.schema import reset_schema


def test_facilitator_signs_up_creates_organisation_and_class(client, app):
    response = client.post(
        "/en/classes/signup",
        data={"username": "nastavnica", "password": PASSWORD, "confirm": PASSWORD, "email": ""},
    )
    assert response.status_code == 303
    client.post("/en/classes/organisations/new", data={"name": "OŠ Vuk Karadžić"})
    form = client.get("/en/classes/new").get_data(as_text=True)
    assert "Module basics" in form and 'type="date"' in form
    response = client.post(
        "/en/classes/new",
        data={"name": "VIII-2", "organisation": "1", "language": "sr-Latn", "modules": ["basics"]},
    )
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    with database(app) as db:
        classroom = db.scalar(select(Classroom))
        assert classroom.language == "sr-Latn" and [m.module_slug for m in classroom.modules] == [
            "basics"
        ]
    assert classroom.join_code in page and f"/sr-Latn/join/{classroom.join_code}" in page


def test_class_form_errors_rerender_and_store_nothing(client, app):
    make_facilitator(app)
    log_in(client, "teacher")
    client.post("/en/classes/organisations/new", data={"name": "NGO Iskra"})
    response = client.post(
        "/en/classes/new",
        data={"name": "Volonteri", "organisation": "1", "language": "en", "modules": []},
    )
    assert response.status_code == 422
    assert "Choose at least one module" in response.get_data(as_text=True)
    with database(app) as db:
        assert db.scalar(select(Classroom)) is None


def test_whole_session_join_quiz_dashboard(client, app):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher)
    log_in(client, "teacher")
    learner = app.test_client()
    learner.post("/en/courses/demo/basics/intro/done")  # studied before joining
    recovery = join(learner, code.lower(), "Mila")
    assert recovery
    learner.post(QUIZ_URL, data=ALL_WRONG)
    other = app.test_client()
    join(other, code, "Luka")
    other.post(QUIZ_URL, data=ALL_RIGHT)
    dashboard = client.get(f"/en/classes/{class_id}/").get_data(as_text=True)
    assert "Mila" in dashboard and "Luka" in dashboard
    assert "In progress" in dashboard and "Passed" in dashboard
    # Per-question analysis: "forward" 1 of 2 right; Mila's wrong option is the top wrong one.
    live = client.get(f"/en/classes/{class_id}/live").get_data(as_text=True)
    assert "50%" in live and "Yes, it is his now." in live
    # Another device continues with the recovery code and sees Mila's progress.
    phone = app.test_client()
    response = phone.post("/en/continue", data={"recovery_code": recovery})
    assert response.status_code == 303
    assert "1 of 2 lessons read" in phone.get("/en/courses/demo/basics/").get_data(as_text=True)


def _exports_class(client, app):  # type: ignore[no-untyped-def]
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher)
    log_in(client, "teacher")
    learner = app.test_client()
    join(learner, code, "Đurđa Čačak Šćž")
    learner.post(QUIZ_URL, data=ALL_RIGHT)
    join(app.test_client(), code, "Luka")
    return class_id


def test_csv_exports_are_utf8_with_the_header_they_say(client, app):
    class_id = _exports_class(client, app)
    response = client.get(f"/en/classes/{class_id}/progress.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response.headers["Content-Disposition"]
        == f'attachment; filename="class-{class_id}-progress.csv"'
    )
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Nickname", "Module basics: status"]
    assert rows[0][-2:] == ["All assigned modules passed", "Last activity (UTC)"]
    by_name = {row[0]: row for row in rows[1:]}
    assert "100%" in by_name["Đurđa Čačak Šćž"] and "Luka" in by_name
    assert all(len(row) == len(rows[0]) for row in rows)
    questions = client.get(f"/en/classes/{class_id}/questions.csv")
    assert questions.headers["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(questions.get_data().decode("utf-8-sig"))))
    assert table[0] == [
        "Module",
        "Question",
        "Learners who answered",
        "Answered correctly",
        "Wrong answer chosen most often",
        "Right answer left out most often",
    ]
    assert any("Ana sent Marko a photo" in row[1] for row in table[1:])


def test_xlsx_exports_open_with_serbian_letters(client, app):
    class_id = _exports_class(client, app)
    response = client.get(f"/sr-Latn/classes/{class_id}/progress.xlsx")
    assert (
        response.headers["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert (
        response.headers["Content-Disposition"]
        == f'attachment; filename="class-{class_id}-progress.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Nadimak"
    by_name = {row[0]: row for row in rows[1:]}
    assert "Đurđa Čačak Šćž" in by_name and "Luka" in by_name
    assert sheet.cell(row=2, column=1).data_type == "s"  # text, never a formula
    questions = client.get(f"/en/classes/{class_id}/questions.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(questions.get_data())).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][:2] == ("Module", "Question")
    assert any("Ana sent Marko a photo" in (row[1] or "") for row in table[1:])


def test_wrong_and_closed_codes_say_so(client, app):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher)
    wrong = client.post("/en/join", data={"code": "ZZZZ-ZZZZ", "nickname": "Ana"})
    assert wrong.status_code == 422 and "no class with this code" in wrong.get_data(as_text=True)
    log_in(client, "teacher")
    client.post(f"/en/classes/{class_id}/joining", data={"open": "0"})
    closed = app.test_client().post("/en/join", data={"code": code, "nickname": "Ana"})
    assert "not taking new learners" in closed.get_data(as_text=True)


def test_teaching_tools(client, app):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher)
    log_in(client, "teacher")
    notes = client.get(f"/en/classes/{class_id}/notes/basics").get_data(as_text=True)
    assert "FACILITATOR-SECRET-basics" in notes
    present = client.get("/en/present/demo/basics/intro").get_data(as_text=True)
    assert 'class="present-mode"' in present and "What consent is" in present
    handout = client.get("/en/handout/demo/basics").get_data(as_text=True)
    assert "What consent is" in handout and "Asking first" in handout
    sheet = client.get(f"/en/classes/{class_id}/sheet").get_data(as_text=True)
    assert code in sheet and f"/en/classes/{class_id}/qr.svg" in sheet
    svg = client.get(f"/en/classes/{class_id}/qr.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.get_data()
    # Learners never see facilitator notes, not even of their own class.
    learner = app.test_client()
    join(learner, code, "Mila")
    assert learner.get(f"/en/classes/{class_id}/notes/basics").status_code == 403
    assert "FACILITATOR-SECRET" not in learner.get("/en/courses/demo/basics/intro").get_data(
        as_text=True
    )


def test_co_facilitator_joins_with_invite_code_and_sees_the_class(client, app):
    teacher = make_facilitator(app)
    org_id, class_id, _code = make_class(app, teacher)
    log_in(client, "teacher")
    import re

    page = client.get(f"/en/classes/organisations/{org_id}").get_data(as_text=True)
    invite = re.search(r'class="big-code">([A-Z0-9-]+)<', page).group(1)
    colleague = app.test_client()
    colleague.post(
        "/en/classes/signup", data={"username": "kolega", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert colleague.get(f"/en/classes/{class_id}/").status_code == 404
    colleague.post("/en/classes/organisations/join", data={"invite_code": invite.lower()})
    assert colleague.get(f"/en/classes/{class_id}/").status_code == 200


def test_demo_data_loads_once_and_never_in_production(app, catalog, tmp_path):
    app.instance_path = str(tmp_path)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "load"])
    assert "demo-teacher / projector-blue-42" in result.output
    with database(app) as db:
        users = db.scalar(select(func.count()).select_from(User))
    assert "already loaded" in runner.invoke(args=["demo", "load"]).output
    with database(app) as db:
        assert db.scalar(select(func.count()).select_from(User)) == users
    prod = make_app(
        catalog,
        ENV_NAME="production",
        PUBLIC_URL="https://unshared.example.org",
        CREDENTIAL_KEY_FILE=signing_key_file(),
    )
    reset_schema(prod)
    output = prod.test_cli_runner().invoke(args=["demo", "load"]).output
    assert "never loaded in production" in output


def test_create_admin_command_makes_an_administrator(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create-admin", "chief"],
        input="a long unusual phrase\na long unusual phrase\n",
    )
    assert result.exit_code == 0, result.output
    log_in(client, "chief")
    assert client.get("/en/admin/").status_code == 200
    weak = runner.invoke(args=["users", "create-admin", "weak"], input="123456\n123456\n")
    assert weak.exit_code != 0 and "characters" in weak.output


def test_question_analysis_of_a_multiple_answer_question_names_the_option_left_out(client, app):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher)
    log_in(client, "teacher")
    for nickname, signs in (("Mila", ["0", "2"]), ("Luka", ["0"]), ("Ana", ["2"])):
        learner = app.test_client()
        join(learner, code, nickname)
        learner.post(QUIZ_URL, data={**ALL_RIGHT, "q-signs": signs, "token": nickname})
    live = client.get(f"/en/classes/{class_id}/live").get_data(as_text=True)
    row = live[live.index("Which are part of consent?") :]
    row = row[: row.index("</tr>")]
    assert "33%" in row and "(1/3)" in row  # Luka and Ana chose only right options...
    assert "Left out: Freely given" in row or "Left out: Reversible" in row  # ...not all
    table = list(
        csv.reader(
            io.StringIO(
                client.get(f"/en/classes/{class_id}/questions.csv").get_data().decode("utf-8-sig")
            )
        )
    )
    assert table[0][-1] == "Right answer left out most often"
    signs = next(r for r in table if r[1] == "Which are part of consent?")
    assert signs[4] == "" and signs[5] in ("Freely given", "Reversible")


def test_the_dashboard_drills_into_one_learners_attempts(client, app):
    teacher = make_facilitator(app)
    _org, class_id, code = make_class(app, teacher)
    log_in(client, "teacher")
    learner = app.test_client()
    join(learner, code, "Mila")
    learner.post(QUIZ_URL, data=ALL_WRONG)
    learner.post(QUIZ_URL, data=ALL_RIGHT)
    with app.app_context():
        from app.models import Membership

        member_id = get_session().scalar(select(Membership.id))
    live = client.get(f"/en/classes/{class_id}/live").get_data(as_text=True)
    assert f'href="/en/classes/{class_id}/learners/{member_id}"' in live
    page = client.get(f"/en/classes/{class_id}/learners/{member_id}").get_data(as_text=True)
    assert "0 of 3 correct (0%)" in page and "3 of 3 correct (100%)" in page
    assert "Which are part of consent?" in page and "Freely given; Reversible" in page
    assert "No quiz attempt yet." in page  # module "next"
    assert client.get(f"/en/classes/{class_id}/learners/{member_id + 1}").status_code == 404
