"""A record dated after today is a typing error (15/01/2029 for 2019), refused with the reason
by the pages, the API and imports alike (issue 20, item 3); a class or a meeting may be
planned ahead."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dangbo.accounts.services import issue_token
from dangbo.accounts.tests.personas import sign_in
from dangbo.domain.problems import DomainError
from dangbo.exchange.importer import import_workbook
from dangbo.fixtures.workbooks import write_csv_folder
from dangbo.members.models import MemberEvent
from dangbo.orgs.models import Org

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


def test_a_member_event_dated_tomorrow_is_refused_by_the_api(client, people):
    key = issue_token(user=people["board"], name="thử")
    response = client.post("/api/member-events", {"loai": "mien_sinh_hoat", "ngay": TOMORROW.isoformat(), "ma_nguoi": "P1"},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 422 and "sau hôm nay" in response.json()["loi"][0]
    assert not MemberEvent.objects.filter(kind="mien_sinh_hoat").exists()


def test_a_unit_event_dated_next_year_is_refused_on_the_form(client, people):
    sign_in(client, people["board"])
    response = client.post("/to-chuc/bien-dong/", {"loai": "doi_ten", "ngay": TOMORROW.replace(year=TOMORROW.year + 1).isoformat(),
                                                   "ma": "S1", "ten": "Chi bộ Điện lực"})
    assert response.status_code == 400 and "là ngày sau hôm nay" in response.content.decode()


def test_an_imported_row_dated_after_today_is_refused_by_cell(rules, tmp_path):
    folder = write_csv_folder({"nguoi": [{"ma": "F1", "ho_ten": "Lò Văn Pọm", "ngay_sinh": "1990-01-01", "gioi_tinh": "nam"}],
                               "bien_dong_dang_vien": [{"ngay": TOMORROW.isoformat(), "loai": "chuyen_den", "ma_nguoi": "F1"}],
                               "danh_gia": [{"nam": TOMORROW.year + 1, "doi_tuong": "dang_vien", "ma": "F1", "xep_loai": "tot"}]},
                              tmp_path / "tuong-lai")
    result = import_workbook(folder)
    future = [(p.ref, p.column) for p in result.errors if "sau hôm nay" in p.message]
    assert future == [(("bien_dong_dang_vien", 2), "ngay"), (("danh_gia", 2), "nam")]


@pytest.mark.parametrize("record", ["award", "discipline", "study", "ratings"])
def test_other_records_dated_after_today_are_refused(people, record):
    from dangbo.assessment.services import save_ratings
    from dangbo.awards.services import record_award
    from dangbo.inspection.services import record_discipline
    from dangbo.orgs.models import OrgVersion
    from dangbo.study.services import record_study

    user, s1 = people["admin"], Org.objects.get(code="S1")
    calls = {
        "award": lambda: record_award(user=user, date=TOMORROW, form="giay_khen", subject_kind="tap_the", subject="S1",
                                      decision_no="1"),
        "discipline": lambda: record_discipline(user=user, date=TOMORROW, subject_kind="dang_vien", subject="P4",
                                                form="khien_trach", decided_by=s1),
        "study": lambda: record_study(user=user, campaign_code="NQ9", date=TOMORROW, org=s1, members_total=2, members_reached=2,
                                      workers_total=1, workers_reached=1),
        "ratings": lambda: save_ratings(user=user, year=TOMORROW.year + 1, unit=OrgVersion.objects.filter(org=s1).last(),
                                        entries={"P4": ("tot", None, "")}),
    }
    with pytest.raises(DomainError) as refused:
        calls[record]()
    assert "sau hôm nay" in refused.value.messages[0] or "chưa đến" in refused.value.messages[0]


def test_a_class_may_be_planned_ahead(people):
    from dangbo.training.services import plan_class

    planned = plan_class(user=people["admin"], code="LTL", name="Lớp bồi dưỡng kết nạp", kind="nhan_thuc",
                         start=TOMORROW + dt.timedelta(days=30), end=None, org=Org.objects.get(code="R1"))
    assert planned.pk
