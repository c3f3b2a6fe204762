"""Every page, as each persona sees it: in scope, out of scope, anonymous."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

DAY = "2016-12-31"


def test_anonymous_is_sent_to_sign_in(client, imported_bloc):
    for name in ("dashboard", "org-tree", "member-list", "report"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_sign_in_page_and_wrong_password(client, people):
    assert "Đăng nhập" in client.get(reverse("dang-nhap")).content.decode()
    bad = client.post(reverse("dang-nhap"), {"username": "bantochuc", "password": "sai"})
    assert "không đúng" in bad.content.decode()
    good = client.post(reverse("dang-nhap"), {"username": "bantochuc", "password": "Mat-khau-dai-2026"})
    assert good.status_code == 302


def test_dashboard_counts_and_alerts(as_user):
    page = as_user("board").get(reverse("dashboard"), {"ngay": DAY}).content.decode()
    assert "Tổng quan ngày 31/12/2016" in page and "Chi bộ dưới 3 đảng viên chính thức" in page
    page = as_user("secretary_b").get(reverse("dashboard"), {"ngay": DAY}).content.decode()
    assert "Chi bộ Công ty Điện" in page and "Sở Tài chính" not in page


def test_dashboard_alerts_follow_every_write(as_user, people):
    import datetime as dt

    from dangbo.members.models import Person
    from dangbo.members.services import record_member_event
    from dangbo.orgs.models import Org

    client = as_user("board")
    assert "Chi bộ Văn phòng: chỉ có" not in client.get(reverse("dashboard"), {"ngay": DAY}).content.decode()
    record_member_event(user=people["board"], kind="chuyen_noi_bo", person=Person.objects.get(code="P1"),
                        date=dt.date(2016, 12, 1), cell=Org.objects.get(code="C2"))
    assert "Chi bộ Văn phòng: chỉ có 2 đảng viên chính thức" in client.get(reverse("dashboard"), {"ngay": DAY}).content.decode()


def test_bad_date_is_explained(as_user):
    page = as_user("board").get(reverse("org-tree"), {"ngay": "31/02/2016"}).content.decode()
    assert "không hợp lệ" in page


def test_tree_on_a_past_date_and_htmx_partial(as_user):
    client = as_user("board")
    page = client.get(reverse("org-tree"), {"ngay": "2014-12-31"}).content.decode()
    assert "Không có đơn vị nào" in page
    page = client.get(reverse("org-tree"), {"ngay": DAY}).content.decode()
    assert "Đảng bộ Sở Tài chính" in page and "<html" in page
    partial = client.get(reverse("org-tree"), {"ngay": DAY}, HTTP_HX_REQUEST="true").content.decode()
    assert "Đảng bộ Sở Tài chính" in partial and "<html" not in partial


def test_unit_page_in_and_out_of_scope(as_user):
    assert as_user("secretary_a").get(reverse("org-detail", args=["C1"]), {"ngay": DAY}).status_code == 200
    assert as_user("secretary_a").get(reverse("org-detail", args=["S1"]), {"ngay": DAY}).status_code == 404
    assert as_user("outsider").get(reverse("org-detail", args=["C1"]), {"ngay": DAY}).status_code == 404
    page = as_user("board").get(reverse("org-detail", args=["S1"]), {"ngay": DAY}).content.decode()
    assert "Hoàng Văn Em" in page and "Chi bộ cơ sở" in page


def test_member_list_search_is_diacritic_insensitive(as_user):
    client = as_user("board")
    page = client.get(reverse("member-list"), {"ngay": DAY, "q": "nguyen van an"}).content.decode()
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" not in page
    page = client.get(reverse("member-list"), {"ngay": DAY, "gioi_tinh": "nu"}).content.decode()
    assert "Trần Thị Bình" in page and "Nguyễn Văn An" not in page
    page = client.get(reverse("member-list"), {"ngay": DAY, "don_vi": "S1"}).content.decode()
    assert "Hoàng Văn Em" in page and "Nguyễn Văn An" not in page


def test_member_list_is_scoped(as_user):
    page = as_user("secretary_b").get(reverse("member-list"), {"ngay": DAY}).content.decode()
    assert "Hoàng Văn Em" in page and "Nguyễn Văn An" not in page
    assert as_user("secretary_b").get(reverse("member-list"), {"ngay": DAY, "don_vi": "D1"}).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_member_list_query_count_does_not_grow(as_user, size):
    client = as_user("board")
    from dangbo.members.services import create_person, record_member_event
    from dangbo.orgs.models import Org

    for i in range(size * 10):
        p = create_person(user=None, code=f"N{i}", full_name=f"Người {i}", birth_date=__import__("datetime").date(1980, 1, 1), sex="nam")
        record_member_event(user=None, kind="chuyen_den", person=p, date=__import__("datetime").date(2016, 1, 1),
                            cell=Org.objects.get(code="C1"), status="chinh_thuc", admission_date=__import__("datetime").date(2010, 1, 1))
    with CaptureQueriesContext(connection) as q:
        assert client.get(reverse("member-list"), {"ngay": DAY}).status_code == 200
    assert len(q.captured_queries) <= 9


def test_member_page_in_and_out_of_scope(as_user):
    page = as_user("secretary_a").get(reverse("member-detail", args=["P1"]), {"ngay": DAY}).content.decode()
    assert "Nguyễn Văn An" in page and "10000001" in page
    assert as_user("secretary_b").get(reverse("member-detail", args=["P1"]), {"ngay": DAY}).status_code == 404
    assert as_user("secretary_b").get(reverse("member-detail", args=["P6"]), {"ngay": DAY}).status_code == 404  # not a member


def test_links_by_id_respect_scope(as_user):
    from dangbo.members.models import Person
    from dangbo.orgs.models import Org

    p1, s1 = Person.objects.get(code="P1"), Org.objects.get(code="S1")
    assert as_user("secretary_b").get(reverse("member-by-id", args=[p1.pk])).status_code == 404
    assert as_user("secretary_a").get(reverse("org-by-id", args=[s1.pk])).status_code == 404
    assert as_user("board").get(reverse("org-by-id", args=[s1.pk])).status_code == 302


def test_report_page_and_downloads(as_user):
    client = as_user("board")
    page = client.get(reverse("report")).content.decode()
    assert "Kỳ báo cáo 01/10/2015 – 30/06/2020" in page and "<svg" in page and "dang_vien.tong" in page
    for fmt, kind in (("docx", "wordprocessingml"), ("pdf", "pdf"), ("xlsx", "spreadsheetml")):
        response = client.get(reverse("report-download", args=[fmt]), {"goc": "R1", "nhiem_ky": "2015-2020"})
        assert response.status_code == 200 and kind in response["Content-Type"]
    bad = client.get(reverse("report"), {"goc": "R1", "tu": "2016-13-01", "den": "2016-12-31"})
    assert bad.status_code == 400 and "không hợp lệ" in bad.content.decode()
    assert as_user("secretary_a").get(reverse("report")).status_code == 404  # reports are for a whole bloc


def test_each_report_figure_lists_its_records(as_user):
    client = as_user("board")
    query = {"goc": "R1", "nhiem_ky": "2015-2020"}
    page = client.get(reverse("report"), query).content.decode()
    assert reverse("report-figure", args=["dang_vien.nu"]) + "?goc=R1&amp;nhiem_ky=2015-2020" in page
    women = client.get(reverse("report-figure", args=["dang_vien.nu"]), query).content.decode()
    assert "Đảng viên nữ" in women and "Có 2 hồ sơ" in women
    assert "Trần Thị Bình" in women and "Phạm Thị Dung" in women and "Nguyễn Văn An" not in women
    assert reverse("member-detail", args=["P2"]) in women
    admitted = client.get(reverse("report-figure", args=["dang_vien.chuyen_chinh_thuc"]), query).content.decode()
    assert "Hoàng Văn Em" in admitted and "Công nhận đảng viên chính thức" in admitted
    assert client.get(reverse("report-figure", args=["khong.co"]), query).status_code == 404
    assert as_user("secretary_a").get(reverse("report-figure", args=["dang_vien.nu"]), query).status_code == 404


def test_dashboard_cards_link_to_what_they_count(as_user):
    page = as_user("board").get(reverse("dashboard"), {"ngay": DAY}).content.decode()
    assert '<a class="card" href="/dang-vien/?ngay=2016-12-31&amp;trang_thai=du_bi">' in page
    # cells under a grassroots committee and under a committee's section are counted apart
    assert "Chi bộ trực thuộc đảng bộ cơ sở" in page and "Chi bộ trực thuộc đảng bộ bộ phận" in page


def test_a_grant_without_a_start_date_reads_without_one(as_user, people):
    from dangbo.accounts.models import Grant

    Grant.objects.filter(user=people["board"]).update(valid_from="1900-01-01")
    page = as_user("board").get(reverse("why-visible", args=["D1"])).content.decode()
    assert "không thời hạn" in page and "1900" not in page


def test_dashboard_counts_the_files_to_correct_the_user_sees(as_user, people):
    from dangbo.members.models import Person

    Person.objects.filter(code="P1").update(qualification="Kỹ sư máy")  # text from before the coding
    Person.objects.filter(code="P2").update(ethnicity="Tai Dam")  # sensitive: only for the roles that read it
    board = as_user("board").get(reverse("dashboard"), {"ngay": DAY}).content.decode()
    assert '<a href="/dang-vien/ho-so-can-sua/">2 hồ sơ có thông tin chưa rõ cần sửa</a>' in board
    leader = as_user("leader").get(reverse("dashboard"), {"ngay": DAY}).content.decode()
    assert '<a href="/dang-vien/ho-so-can-sua/">1 hồ sơ có thông tin chưa rõ cần sửa</a>' in leader
