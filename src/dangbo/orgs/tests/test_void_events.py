"""Voiding a unit event recorded by mistake, from the unit's page and the API (issue 20, item
2): the tree follows at once and the event stays in the timeline, struck through."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangbo.accounts.services import issue_token
from dangbo.accounts.tests.personas import sign_in
from dangbo.core.temporal import on
from dangbo.orgs.models import OrgEvent, OrgVersion
from dangbo.orgs.services import record_org_event


def _rename(people):
    return record_org_event(user=people["board"], kind="doi_ten", org="S1", date=dt.date(2018, 1, 1), name="Chi bộ Sai Tên")


def _name_today() -> str:
    return OrgVersion.objects.get(on(timezone.localdate()), org__code="S1").name


def test_voiding_a_wrong_rename_gives_the_unit_its_name_back(client, people):
    event = _rename(people)
    key = issue_token(user=people["secretary_b"], name="thử")
    response = client.post(f"/api/org-events/{event.pk}/void", {"ly_do": "Gõ nhầm tên"}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 201 and _name_today() == "Chi bộ Công ty Điện"
    assert OrgEvent.objects.get(pk=event.pk).void_reason == "Gõ nhầm tên"


def test_another_secretary_cannot_void_the_units_event(client, people):
    event = _rename(people)
    key = issue_token(user=people["secretary_a"], name="thử")
    response = client.post(f"/api/org-events/{event.pk}/void", {"ly_do": "Nhầm"}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 404 and _name_today() == "Chi bộ Sai Tên"


def test_the_units_page_voids_and_strikes_the_event_through(client, people):
    event = _rename(people)
    sign_in(client, people["board"])
    page = client.post(f"/to-chuc/bien-dong/{event.pk}/huy/", {"ly_do": "Gõ nhầm tên"}, follow=True).content.decode()
    assert "Đã hủy biến động" in page and "<s>01/01/2018</s>" in page and "đã hủy bởi bantochuc" in page
    assert _name_today() == "Chi bộ Công ty Điện"


def test_a_void_without_a_reason_is_refused_on_the_page(client, people):
    event = _rename(people)
    sign_in(client, people["board"])
    page = client.post(f"/to-chuc/bien-dong/{event.pk}/huy/", {"ly_do": " "}, follow=True).content.decode()
    assert "cần ghi rõ lý do" in page and _name_today() == "Chi bộ Sai Tên"
