"""Training classes: planning, enrolling, results; a certificate feeding the admission rule."""

import datetime as dt

import pytest

from dangbo.audit.models import AuditEntry
from dangbo.domain.problems import DomainError, RuleBlocked
from dangbo.members.models import Person
from dangbo.members.services import create_person, record_member_event
from dangbo.orgs.models import Org
from dangbo.training import services
from dangbo.training.models import Enrolment, TrainingClass

D = dt.date


def test_plan_enrol_and_record_results(people):
    board = people["board"]
    cls = services.plan_class(user=board, code="NT-2017", name="Lớp nhận thức về Đảng 2017", kind="nhan_thuc",
                              start=D(2017, 3, 1), end=D(2017, 3, 5), org=Org.objects.get(code="R1"))
    services.enrol(user=board, training_class=cls, people=[Person.objects.get(code="P6"), Person.objects.get(code="P7")])
    assert services.record_results(user=board, training_class=cls, results={
        "P6": ("hoan_thanh", D(2017, 3, 10)), "P7": ("khong_hoan_thanh", None)}) == 2
    rows = dict(Enrolment.objects.current().filter(training_class=cls).values_list("person__code", "result"))
    assert rows == {"P6": "hoan_thanh", "P7": "khong_hoan_thanh"}
    assert Enrolment.objects.filter(training_class=cls).count() == 4  # the enrolments before the results are kept
    assert [e.action for e in AuditEntry.objects.filter(object_id="NT-2017").order_by("pk")] == [
        "training_class.plan", "training_class.enrol", "training_class.results"]


def test_refusals_are_named(people):
    board, r1 = people["board"], Org.objects.get(code="R1")
    with pytest.raises(DomainError, match="Mã lớp L1 đã có"):
        services.plan_class(user=board, code="L1", name="Trùng", kind="nhan_thuc", start=D(2017, 1, 1), end=None, org=r1)
    with pytest.raises(DomainError, match="Loại lớp không hợp lệ"):
        services.plan_class(user=board, code="X", name="X", kind="boi_duong", start=D(2017, 1, 1), end=None, org=r1)
    with pytest.raises(DomainError, match="Ngày kết thúc trước ngày bắt đầu"):
        services.plan_class(user=board, code="X", name="X", kind="nhan_thuc", start=D(2017, 1, 5), end=D(2017, 1, 1), org=r1)
    with pytest.raises(DomainError, match="không tồn tại vào ngày 01/01/2014"):
        services.plan_class(user=board, code="X", name="X", kind="nhan_thuc", start=D(2014, 1, 1), end=None, org=r1)
    cls = TrainingClass.objects.get(code="L1")
    with pytest.raises(DomainError, match=r"Hoàng Văn Em \(P5\) đã có trong lớp L1"):
        services.enrol(user=board, training_class=cls, people=[Person.objects.get(code="P5")])
    with pytest.raises(DomainError) as refused:
        services.record_results(user=board, training_class=cls, results={"P1": ("hoan_thanh", None), "P6": ("khong_hoan_thanh", D(2015, 3, 9)),
                                                                          "P5": ("gioi", D(2015, 2, 1))})
    assert refused.value.messages == [
        "P1 không học lớp L1.", "Vũ Thị Phương (P6) không hoàn thành lớp: không cấp chứng chỉ.",
        "Kết quả của Hoàng Văn Em (P5) không hợp lệ: gioi.",
        "Ngày cấp chứng chỉ của Hoàng Văn Em (P5) (01/02/2015) trước ngày khai giảng lớp (01/03/2015)."]
    assert not TrainingClass.objects.filter(code="X").exists() and Enrolment.objects.count() == 3


def test_a_completed_awareness_certificate_lets_the_admission_through(people):
    board, s1 = people["board"], Org.objects.get(code="S1")
    person = create_person(user=board, code="N1", full_name="Ngô Thị Nga", birth_date=D(1995, 5, 5), sex="nu")
    with pytest.raises(RuleBlocked, match="nhận thức"):
        record_member_event(user=board, kind="ket_nap", person=person, date=D(2017, 9, 1), cell=s1)
    cls = services.plan_class(user=board, code="NT-2017", name="Lớp nhận thức 2017", kind="nhan_thuc", start=D(2017, 3, 1),
                              end=D(2017, 3, 5), org=Org.objects.get(code="R1"))
    services.enrol(user=board, training_class=cls, people=[person])
    services.record_results(user=board, training_class=cls, results={"N1": ("hoan_thanh", D(2017, 3, 6))})
    from dangbo.members.models import Candidate

    Candidate.objects.create(person=person, cell=s1, file_opened=D(2017, 6, 1))
    record_member_event(user=board, kind="ket_nap", person=person, date=D(2017, 9, 1), cell=s1)
    assert person.spells.get().status == "du_bi"
