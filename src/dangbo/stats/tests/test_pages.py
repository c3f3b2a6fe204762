"""The statistics page, the list behind a figure and the API (member-file.md), on the small
bloc: on 31/12/2016 P1, P2, P3 (D1's cells) and P4, P5 (S1) are members."""

from __future__ import annotations

import pytest

from dangbo.accounts.services import issue_token
from dangbo.accounts.tests.personas import sign_in
from dangbo.domain import basic_stats as S
from dangbo.members.models import Person

Q = "don_vi=R1&ngay=31/12/2016"


@pytest.fixture
def files(people):
    Person.objects.filter(code__in=["P1", "P2"]).update(ethnicity="03")
    Person.objects.filter(code__in=["P3", "P4", "P5"]).update(ethnicity="01")


def test_the_page_shows_each_group_with_its_total(client, people, files):
    page = sign_in(client, people["board"]).get("/thong-ke/?" + Q).content.decode()
    assert "Đảng bộ Khối A" in page and "<strong>5</strong> đảng viên" in page
    assert "Đảng bộ Sở Tài chính" in page and "Chi bộ Công ty Điện" in page  # the TCCSĐ as rows


def test_a_figure_links_to_the_members_it_counts(client, people, files):
    sign_in(client, people["board"])
    page = client.get("/thong-ke/?" + Q).content.decode()
    assert "chi_so=dan_toc.thieu_so" in page
    listed = client.get("/thong-ke/danh-sach/?" + Q + "&chi_so=dan_toc.thieu_so").content.decode()
    assert "Có 2 đảng viên được tính" in listed and "/dang-vien/P1/" in listed and "/dang-vien/P4/" not in listed


def test_a_row_links_to_the_members_of_that_unit_only(client, people, files):
    sign_in(client, people["board"])
    listed = client.get("/thong-ke/danh-sach/?" + Q + "&chi_so=dan_toc.kinh&hang=S1").content.decode()
    assert "Có 2 đảng viên được tính" in listed and "/dang-vien/P4/" in listed and "/dang-vien/P3/" not in listed


def test_leadership_sees_the_figures_of_ethnicity_but_not_who_they_count(client, people, files):
    sign_in(client, people["leader"])
    page = client.get("/thong-ke/?" + Q).content.decode()
    assert "chi_so=dan_toc" not in page and "chi_so=gioi_tinh.nu" in page
    assert client.get("/thong-ke/danh-sach/?" + Q + "&chi_so=dan_toc.thieu_so").status_code == 403


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_the_page_downloads_each_document(client, people, files, fmt):
    response = sign_in(client, people["board"]).get(f"/thong-ke/tai-ve/{fmt}/?" + Q)
    assert response.status_code == 200 and len(b"".join(response.streaming_content)) > 1000


def test_the_api_gives_every_key_and_each_tccsd_adding_up_to_the_total(client, people, files):
    key = issue_token(user=people["board"], name="thử")
    got = client.get("/api/stats/R1?ngay=2016-12-31", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert (got["to_chuc"], got["chi_so"]["dang_vien.tong"], got["chi_so"]["dan_toc.thieu_so"]) == ("R1", 5, 2)
    assert list(got["chi_so"]) == list(S.KEYS)
    assert [u["ma"] for u in got["theo_don_vi"]] == ["D1", "S1"]
    for k in S.KEYS:
        assert sum(u["chi_so"][k] for u in got["theo_don_vi"]) == got["chi_so"][k]


def test_the_files_to_correct_list_text_kept_from_before_the_coding(client, people):
    Person.objects.filter(code="P2").update(qualification="Cử nhân luật, kỹ sư")
    page = sign_in(client, people["board"]).get("/dang-vien/ho-so-can-sua/").content.decode()
    assert "Có 1 người" in page and "Trình độ chuyên môn: «Cử nhân luật, kỹ sư»" in page


def test_a_leader_who_is_also_a_cells_secretary_lists_ethnicity_in_that_cell_only(client, people, files):
    import datetime as dt

    from dangbo.accounts.models import Grant
    from dangbo.orgs.models import Org

    Grant.objects.create(user=people["leader"], role="bi_thu", org=Org.objects.get(code="S1"), valid_from=dt.date(1900, 1, 1))
    sign_in(client, people["leader"])
    assert client.get("/thong-ke/danh-sach/?" + Q + "&chi_so=dan_toc.kinh").status_code == 403
    assert client.get("/thong-ke/danh-sach/?" + Q + "&chi_so=dan_toc.kinh&hang=S1").status_code == 200


def test_the_files_to_correct_hide_a_sensitive_detail_from_a_role_that_may_not_read_it(client, people):
    Person.objects.filter(code="P2").update(ethnicity="Tai Dam")
    assert "Tai Dam" in sign_in(client, people["board"]).get("/dang-vien/ho-so-can-sua/").content.decode()
    page = sign_in(client, people["leader"]).get("/dang-vien/ho-so-can-sua/").content.decode()
    assert "Tai Dam" not in page and "Có 0 người" in page
