"""A unit's report of a study campaign: checked, and a second report replacing the first."""

import datetime as dt

import pytest

from dangbo.domain.problems import DomainError
from dangbo.orgs.models import Org
from dangbo.study import selectors, services
from dangbo.study.models import StudyReport

D = dt.date


def test_a_second_report_of_a_campaign_supersedes_the_first(people):
    board, s1 = people["board"], Org.objects.get(code="S1")
    services.record_study(user=board, campaign_code="NQ2", campaign_name="Nghị quyết Trung ương 4", date=D(2017, 3, 1), org=s1,
                          members_total=2, members_reached=1, workers_total=30, workers_reached=28)
    services.record_study(user=board, campaign_code="NQ2", date=D(2017, 3, 15), org=s1, members_total=2, members_reached=2,
                          workers_total=30, workers_reached=30)
    current = StudyReport.objects.current().get(campaign_code="NQ2")
    assert (current.members_reached, current.campaign_name) == (2, "Nghị quyết Trung ương 4")
    assert StudyReport.objects.filter(campaign_code="NQ2").count() == 2


def test_refusals_named(people):
    with pytest.raises(DomainError) as refused:
        services.record_study(user=people["board"], campaign_code="NQ2", date=D(2017, 3, 1), org=Org.objects.get(code="S1"),
                              members_total=2, members_reached=3, workers_total=10, workers_reached=11)
    assert refused.value.messages == ["Số đảng viên tham gia lớn hơn số phải học (2).", "Số CNVC-LĐ tham gia lớn hơn số phải học (10)."]


def test_member_count_proposed_from_the_register(people):
    assert selectors.members_expected(Org.objects.get(code="D1"), D(2017, 3, 1)) == 3
    assert selectors.members_expected(Org.objects.get(code="S1"), D(2015, 3, 1)) == 1
