"""Awards and proposals: subjects checked, a proposal decided once, a discipline delaying an award."""

import datetime as dt

import pytest

from dangbo.audit.models import AuditEntry
from dangbo.awards import services
from dangbo.awards.models import Award
from dangbo.domain.problems import DomainError, RuleBlocked
from dangbo.inspection.services import record_discipline
from dangbo.orgs.models import Org

D = dt.date


def test_propose_then_granted_counts_once(people):
    board = people["board"]
    prop = services.record_award(user=board, date=D(2017, 1, 10), form="bang_khen_ubnd_tinh", subject_kind="ca_nhan", subject="P2",
                                 status="de_nghi", granted_by=Org.objects.get(code="R1"), content="Thành tích 5 năm")
    award = services.decide_proposal(user=board, proposal=prop, granted=True, date=D(2017, 3, 1), decision_no="345/QĐ-UBND")
    assert list(Award.objects.current().filter(subject_person__code="P2").values_list("status", "decision_no")) == [("quyet_dinh", "345/QĐ-UBND")]
    prop.refresh_from_db()
    assert prop.superseded_by_id == award.pk
    with pytest.raises(DomainError, match="không phải là một đề nghị"):
        services.decide_proposal(user=board, proposal=prop, granted=True, date=D(2017, 3, 1), decision_no="1")


def test_a_proposal_not_granted_is_voided_with_its_reason(people):
    prop = Award.objects.get(subject_person__code="P1", status="de_nghi")
    with pytest.raises(DomainError, match="cần ghi rõ lý do"):
        services.decide_proposal(user=people["board"], proposal=prop, granted=False)
    services.decide_proposal(user=people["board"], proposal=prop, granted=False, reason="Hội đồng tỉnh không xét")
    prop.refresh_from_db()
    assert prop.void_reason == "Hội đồng tỉnh không xét"
    assert AuditEntry.objects.filter(action="award.not_granted").exists()


def test_refusals(people):
    board = people["board"]
    with pytest.raises(DomainError, match="cần số quyết định"):
        services.record_award(user=board, date=D(2017, 1, 10), form="giay_khen", subject_kind="tap_the", subject="C1")
    with pytest.raises(DomainError, match="Không có tập thể mang mã X9"):
        services.record_award(user=board, date=D(2017, 1, 10), form="giay_khen", subject_kind="tap_the", subject="X9", decision_no="1")
    with pytest.raises(DomainError, match="không phải là đảng viên"):
        services.record_award(user=board, date=D(2017, 1, 10), form="giay_khen", subject_kind="ca_nhan", subject="P6", decision_no="1")


def test_a_discipline_delays_an_individual_award(people):
    board, r1 = people["board"], Org.objects.get(code="R1")
    record_discipline(user=people["inspector"], date=D(2017, 2, 1), subject_kind="dang_vien", subject="P3", form="khien_trach", decided_by=r1)
    with pytest.raises(RuleBlocked, match="chưa được khen thưởng hay đề nghị khen thưởng trước ngày 01/02/2018"):
        services.record_award(user=board, date=D(2017, 12, 1), form="giay_khen", subject_kind="ca_nhan", subject="P3", decision_no="9")
    services.record_award(user=board, date=D(2018, 2, 1), form="giay_khen", subject_kind="ca_nhan", subject="P3", decision_no="9")
