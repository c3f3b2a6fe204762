"""The rest of the outside probe's findings (issue 19), each named: odd input answered with a
reason, never a 500 (7); the report's period bounded (8); private files (9); no caching of
personal data (10); a former member's later history (12)."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys

import pytest

from dangbo.accounts.services import issue_token
from dangbo.accounts.tests.personas import sign_in
from dangbo.members import services as member_services
from dangbo.members.models import Person
from dangbo.orgs.models import Org

from .test_cli import dangbo

Q = "goc=R1&nhiem_ky=2015-2020"


# ---- finding 7: odd input -------------------------------------------------------------------
@pytest.mark.parametrize("path", [
    "/bao-cao/?goc=R1&tu=0001-01-01&den=2016-12-31",
    "/bao-cao/?goc=R1&tu=2015-01-01&den=2016-12-31&ngay_so_lieu=0001-01-01",
    "/bao-cao/?goc=R1&tu=9999-12-31&den=9999-12-31",
])
def test_finding_7_a_report_of_an_impossible_date_is_a_400_with_the_reason(client, people, path):
    sign_in(client, people["board"])
    response = client.get(path)
    assert response.status_code == 400 and "Ngày không hợp lệ" in response.content.decode()


def test_finding_7_a_page_on_year_0001_shows_today_and_says_why(client, people):
    sign_in(client, people["board"])
    response = client.get("/to-chuc/?ngay=0001-01-01")
    assert response.status_code == 200 and "không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("query", ["tu=0001-01-01&den=2016-12-31", "tu=2015-01-01&den=2016-12-31&ngay_so_lieu=0001-01-01"])
def test_finding_7_the_metrics_api_refuses_year_0001_in_json(client, people, query):
    key = issue_token(user=people["board"], name="thử")
    response = client.get(f"/api/metrics?goc=R1&{query}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 422 and response["Content-Type"].startswith("application/json")
    assert "1850" in response.json()["loi"][0]


def test_finding_7_a_member_event_dated_year_0001_is_a_form_error(client, people):
    sign_in(client, people["board"])
    response = client.post("/dang-vien/bien-dong/", {"loai": "mien_sinh_hoat", "ngay": "0001-01-01", "ma_nguoi": "P1"})
    assert response.status_code == 400 and "01/01/1850" in response.content.decode()


def test_finding_7_a_page_number_of_31_digits_shows_the_last_page(client, people):
    sign_in(client, people["board"])
    response = client.get("/dang-vien/?ngay=2016-12-31&trang=" + "9" * 31)
    assert response.status_code == 200 and "Nguyễn Văn An" in response.content.decode()


@pytest.mark.parametrize("path", ["/quan-chung/" + "9" * 31 + "/", "/dang-vien/id/" + "9" * 31 + "/"])
def test_finding_7_a_row_id_of_31_digits_is_a_404(client, people, path):
    sign_in(client, people["board"])
    assert client.get(path).status_code == 404


def test_finding_7_an_award_id_of_31_digits_is_a_404(client, people):
    key = issue_token(user=people["board"], name="thử")
    response = client.post("/api/awards/" + "9" * 31 + "/decision", {"duoc_khen": True}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 404


def test_finding_7_the_command_line_refuses_random_bytes_without_a_traceback(tmp_path):
    env = dict(os.environ)
    env.pop("DANGBO_DATABASE_URL", None)
    env["DANGBO_DATA_DIR"] = str(tmp_path / "data")
    (tmp_path / "rac.xlsx").write_bytes(os.urandom(2048))
    done = dangbo(env, "import", str(tmp_path / "rac.xlsx"), check=1)
    assert "không phải là tệp Excel .xlsx đọc được" in done.stderr and "Traceback" not in done.stderr


# ---- finding 8: the report's period -------------------------------------------------------------
def test_finding_8_a_report_over_more_years_than_the_setting_is_refused(client, people, settings):
    settings.DANGBO_REPORT_MAX_YEARS = 20
    sign_in(client, people["board"])
    longest = client.get("/bao-cao/?goc=R1&tu=1997-01-01&den=2016-12-31")
    too_long = client.get("/bao-cao/?goc=R1&tu=1996-12-31&den=2016-12-31")
    assert longest.status_code == 200
    assert too_long.status_code == 400 and "DANGBO_REPORT_MAX_YEARS" in too_long.content.decode()


# ---- finding 9: private files -----------------------------------------------------------------
def test_finding_9_the_data_folder_and_its_files_are_the_owners_alone(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "cu.sqlite3").write_text("made by an older dangbo")
    (data / "cu.sqlite3").chmod(0o644)
    env = dict(os.environ, DANGBO_DATA_DIR=str(data))
    env.pop("DANGBO_SECRET_KEY", None)
    code = ("import django, pathlib; django.setup(); from django.conf import settings; "
            "pathlib.Path(settings.DATA_DIR, 'moi.txt').write_text('x')")
    subprocess.run([sys.executable, "-c", code], env=dict(env, DJANGO_SETTINGS_MODULE="dangbo.settings"), check=True)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in data.iterdir()}
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert modes == {"cu.sqlite3": 0o600, "moi.txt": 0o600, "secret_key": 0o600, "static": 0o700}


def test_finding_9_a_backup_is_the_owners_alone(tmp_path):
    env = dict(os.environ)
    env.pop("DANGBO_DATABASE_URL", None)
    env["DANGBO_DATA_DIR"] = str(tmp_path / "data")
    dangbo(env, "init", check=0)
    dangbo(env, "backup", str(tmp_path / "sao_luu.sqlite3"), check=0)
    assert stat.S_IMODE((tmp_path / "sao_luu.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "data" / "dangbo.sqlite3").stat().st_mode) == 0o600


# ---- finding 10: nothing personal cached ----------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/dang-vien/P1/?ngay=2016-12-31", "/bao-cao/tai-ve/xlsx/?" + Q,
                                  "/nhap-du-lieu/mau.xlsx"])
def test_finding_10_signed_in_pages_and_downloads_are_not_stored(client, people, path):
    sign_in(client, people["board"])
    response = client.get(path)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_finding_10_api_answers_are_not_stored(client, people):
    key = issue_token(user=people["board"], name="thử")
    response = client.get("/api/members?ngay=2016-12-31", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


# ---- finding 12: a former member's later history ----------------------------------------------
@pytest.fixture
def p4_left_s1(people):
    """P4 left S1 (secretary B's) for C1 on 2017-01-10, and was exempted there in 2018."""
    admin, p4 = people["admin"], Person.objects.get(code="P4")
    member_services.record_member_event(user=admin, kind="chuyen_noi_bo", person=p4, date=dt.date(2017, 1, 10),
                                        cell=Org.objects.get(code="C1"))
    member_services.record_member_event(user=admin, kind="mien_sinh_hoat", person=p4, date=dt.date(2018, 3, 1))


def test_finding_12_a_secretary_sees_a_former_member_only_until_they_left(client, people, p4_left_s1):
    sign_in(client, people["secretary_b"])
    page = client.get("/dang-vien/P4/?ngay=2016-12-31").content.decode()
    assert "Phạm Thị Dung" in page and "đến ngày 09/01/2017" in page
    assert "01/03/2018" not in page and "10/01/2017" not in page


def test_finding_12_those_who_reach_the_member_today_see_all_of_it(client, people, p4_left_s1):
    sign_in(client, people["secretary_a"])
    page = client.get("/dang-vien/P4/?ngay=2018-06-01").content.decode()
    assert "01/03/2018" in page and "10/01/2017" in page and "chỉ hiện quá trình" not in page


def test_a_nul_character_in_an_api_body_or_query_is_refused_not_a_server_error(people, client):
    from dangbo.accounts.services import issue_token

    auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user=people['board'], name='thử')}"}
    body = client.post("/api/member-events", {"loai": "mien_sinh_hoat", "ngay": "2017-01-05", "ma_nguoi": "P\x001"},
                       content_type="application/json", **auth)
    assert body.status_code == 422 and "NUL" in body.json()["loi"][0]
    query = client.get("/api/members", {"q": "an\x00"}, **auth)
    assert query.status_code == 422
