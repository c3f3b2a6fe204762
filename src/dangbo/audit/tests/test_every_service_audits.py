"""Every write service records its audit entry in its own transaction, and a regulatory
block is set aside only with a written reason. A new service function without a case here
fails the first test."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest

import dangbo
from dangbo.audit.models import AuditEntry
from dangbo.domain.problems import RuleBlocked

# Functions in a services module that write nothing (reads and helpers).
READS = {"user_for_token", "make_request", "build_report", "changes_since", "judge", "keep_overrides", "jsonable", "record_audit",
         # steps the audited services share (core.services), never called on their own
         "recorder", "refuse", "refuse_future", "named", "supersede", "void", "link", "check_lengths",
         "issued_request"}
D = dt.date


def service_functions() -> set[str]:
    names = set()
    for mod in (m for m in pkgutil.iter_modules(dangbo.__path__) if m.ispkg):
        try:
            module = importlib.import_module(f"dangbo.{mod.name}.services")
        except ModuleNotFoundError:
            continue
        names |= {n for n, f in inspect.getmembers(module, inspect.isfunction)
                  if f.__module__ == module.__name__ and not n.startswith("_")}
    return names - READS


def _jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 400), (200, 180, 160)).save(out, "JPEG")
    return out.getvalue()


def _cases(people):
    from dangbo.accounts import services as acc
    from dangbo.accounts.models import ApiToken
    from dangbo.meetings.services import record_meeting
    from dangbo.members import services as mem
    from dangbo.members.models import Candidate, MemberEvent, Person
    from dangbo.orgs import services as org
    from dangbo.orgs.models import Org
    from dangbo.reports import services as rep
    from dangbo.rules import services as rules

    board = people["board"]
    p = lambda code: Person.objects.get(code=code)  # noqa: E731
    return {
        "issue_token": ("api_token.issue", lambda: acc.issue_token(user=board, name="thử")),
        "revoke_token": ("api_token.revoke", lambda: acc.revoke_token(
            user=board, token=ApiToken.objects.get(pk=(acc.issue_token(user=board, name="x") and ApiToken.objects.latest("pk").pk)))),
        "unlock_sign_in": ("sign_in.unlock", lambda: acc.unlock_sign_in(user=board, username="bithu_d1")),
        "reset_two_factor": ("otp.reset", lambda: acc.reset_two_factor(user=board, target=people["secretary_a"])),
        "create_person": ("person.create", lambda: mem.create_person(user=board, code="Q9", full_name="Lý Thị Quỳnh",
                                                                     birth_date=D(1990, 2, 2), sex="nu")),
        "update_person": ("person.update", lambda: mem.update_person(user=board, person=p("P1"), position="Chánh Văn phòng")),
        "record_member_event": ("member_event.mien_sinh_hoat", lambda: mem.record_member_event(
            user=board, kind="mien_sinh_hoat", person=p("P1"), date=D(2017, 1, 5))),
        "void_member_event": ("member_event.void", lambda: mem.void_member_event(
            user=board, event=MemberEvent.objects.get(person__code="P5", kind="phat_the"), reason="Ghi nhầm")),
        "correct_member_event": ("member_event.void", lambda: mem.correct_member_event(
            user=board, event=MemberEvent.objects.get(person__code="P5", kind="phat_the"), reason="Sai số thẻ", card_no="87654321")),
        "issue_introduction_letter": ("introduction.issue", lambda: mem.issue_introduction_letter(
            user=board, event=mem.record_member_event(user=board, kind="chuyen_di", person=p("P1"), date=D(2017, 2, 1)))),
        "record_print": ("paper.print", lambda: mem.record_print(user=board, paper="Phiếu đảng viên", subject="P1")),
        "set_photo": ("person.photo", lambda: mem.set_photo(user=board, person=p("P1"), data=_jpeg())),
        "add_work_history": ("work_history.create", lambda: mem.add_work_history(
            user=board, person=p("P1"), start=D(2010, 9, 1), end=None, content="Chuyên viên Sở Tài chính")),
        "add_family_member": ("family.create", lambda: mem.add_family_member(
            user=board, person=p("P1"), relation="Bố", full_name="Nguyễn Văn Bình", birth_year=1950)),
        "void_file_line": ("work_history.void", lambda: mem.void_file_line(
            user=board, row=mem.add_work_history(user=board, person=p("P1"), start=D(2010, 9, 1), end=None, content="Sai"),
            reason="Ghi nhầm")),
        "open_candidate_file": ("candidate.open", lambda: mem.open_candidate_file(
            user=board, person=p("P7"), cell=Org.objects.get(code="C2"), opened=D(2018, 4, 2), note="Giới thiệu của Công đoàn")),
        "set_candidate_documents": ("candidate.documents", lambda: mem.set_candidate_documents(
            user=board, candidate=Candidate.objects.get(person__code="P5"), documents=["1-KNĐ"])),
        "record_org_event": ("org_event.doi_ten", lambda: org.record_org_event(user=board, kind="doi_ten", org="C2",
                                                                             date=D(2018, 1, 1), name="Chi bộ Ngân sách Nhà nước")),
        "save_document_settings": ("org.document_settings", lambda: org.save_document_settings(
            user=board, org=Org.objects.get(code="R1"), settings={"nguoi_ky": "Hoàng Văn Minh", "noi_nhan": ["Lưu"]})),
        "void_org_event": ("org_event.void", lambda: org.void_org_event(
            user=board, event=org.record_org_event(user=board, kind="doi_ten", org="C1", date=D(2019, 1, 1), name="Chi bộ Hành chính"),
            reason="Nhập nhầm")),
        "issue_report": ("report.issue", lambda: rep.issue_report(user=board, req=rep.make_request(roots=["R1"], term="2015-2020"),
                                                                  fmt="json")),
        "seed_rules_and_holidays": ("rules.seed", lambda: rules.seed_rules_and_holidays(first_year=2041, last_year=2041)),
        "record_meeting": ("meeting.record", lambda: record_meeting(
            user=board, cell=Org.objects.get(code="C1"), date=D(2017, 1, 5), kind="thuong_ky",
            attendance={"P1": "co_mat", "P2": "vang_khong_ly_do"})),
        **_work_area_cases(people),
        "add_rule_version": ("rule.add_version", lambda: rules.add_rule_version(
            user=board, code="probation_months", name="Thời gian dự bị", value=12, valid_from=D(2030, 1, 1), source="Thử")),
    }


def _work_area_cases(people):
    from dangbo.assessment import services as ass
    from dangbo.awards import services as awd
    from dangbo.awards.models import Award
    from dangbo.inspection import services as ins
    from dangbo.inspection.models import Inspection
    from dangbo.meetings import services as mtg
    from dangbo.meetings.models import Meeting
    from dangbo.members.models import Person
    from dangbo.orgs.models import Org, OrgVersion
    from dangbo.study.services import record_study
    from dangbo.terms import services as trm
    from dangbo.terms.models import Target, Term
    from dangbo.training import services as trn
    from dangbo.training.models import TrainingClass

    board, inspector = people["board"], people["inspector"]
    org = lambda code: Org.objects.get(code=code)  # noqa: E731
    unit = lambda code: OrgVersion.objects.get(org__code=code, valid_to__isnull=True)  # noqa: E731
    return {
        "plan_class": ("training_class.plan", lambda: trn.plan_class(
            user=board, code="NV1", name="Nghiệp vụ", kind="nghiep_vu", start=D(2017, 1, 1), end=None, org=org("R1"))),
        "enrol": ("training_class.enrol", lambda: trn.enrol(
            user=board, training_class=TrainingClass.objects.get(code="L1"), people=[Person.objects.get(code="P7")])),
        "record_results": ("training_class.results", lambda: trn.record_results(
            user=board, training_class=TrainingClass.objects.get(code="L1"), results={"P5": ("hoan_thanh", D(2015, 3, 6))})),
        "record_study": ("study.record", lambda: record_study(
            user=board, campaign_code="NQ9", date=D(2017, 1, 1), org=org("S1"), members_total=2, members_reached=2,
            workers_total=0, workers_reached=0)),
        "save_ratings": ("rating.save", lambda: ass.save_ratings(user=board, year=2017, unit=unit("S1"), entries={"P4": ("tot", None, "")})),
        "close_year": ("rating.close_year", lambda: ass.close_year(user=board, root=unit("R1"), year=2017)),
        "record_inspection": ("inspection.kiem_tra", lambda: ins.record_inspection(
            user=inspector, date=D(2017, 1, 1), form="kiem_tra", actor=org("R1"), body="ubkt", subject_kind="to_chuc", subject="S1")),
        "record_conclusion": ("inspection.conclude", lambda: ins.record_conclusion(
            user=inspector, inspection=Inspection.objects.first(), conclusion="Đạt yêu cầu")),
        "record_discipline": ("discipline.canh_cao", lambda: ins.record_discipline(
            user=inspector, date=D(2017, 1, 1), subject_kind="dang_vien", subject="P1", form="canh_cao", decided_by=org("R1"))),
        "record_award": ("award.quyet_dinh", lambda: awd.record_award(
            user=board, date=D(2017, 1, 1), form="giay_khen", subject_kind="tap_the", subject="S1", decision_no="12-QĐ/ĐUK")),
        "decide_proposal": ("award.granted", lambda: awd.decide_proposal(
            user=board, proposal=Award.objects.get(status="de_nghi"), granted=True, date=D(2016, 3, 1), decision_no="99/QĐ-UBND")),
        "record_minutes": ("meeting.minutes", lambda: mtg.record_minutes(user=board, meeting=Meeting.objects.get(code="SH1"), minutes="Biên bản")),
        "void_meeting": ("meeting.void", lambda: mtg.void_meeting(user=board, meeting=Meeting.objects.get(code="SH1"), reason="Ghi nhầm ngày")),
        "create_term": ("term.create", lambda: trm.create_term(user=board, code="2020-2025", org=org("R1"), start=D(2020, 7, 1),
                                                              end=D(2025, 6, 30))),
        "add_target": ("target.add", lambda: trm.add_target(user=board, term=Term.objects.get(code="2015-2020"), number=3,
                                                            text="Chỉ tiêu ba", met=True)),
        "judge_target": ("target.judge", lambda: trm.judge_target(user=board, target=Target.objects.get(number=2), met=False,
                                                                  reason="Tổng kết")),
        **_correction_cases(people),
    }


def _correction_cases(people):
    from dangbo.assessment import services as ass
    from dangbo.assessment.models import Rating
    from dangbo.awards import services as awd
    from dangbo.awards.models import Award
    from dangbo.inspection import services as ins
    from dangbo.inspection.models import Discipline, Inspection
    from dangbo.members import services as mem
    from dangbo.members.models import Candidate
    from dangbo.orgs.models import Org
    from dangbo.study import services as std
    from dangbo.study.models import StudyReport
    from dangbo.terms import services as trm
    from dangbo.terms.models import Target, Term
    from dangbo.training import services as trn
    from dangbo.training.models import Enrolment, TrainingClass

    board, inspector = people["board"], people["inspector"]
    org = lambda code: Org.objects.get(code=code)  # noqa: E731
    why = "Ghi nhầm"
    return {
        "void_class": ("training_class.void", lambda: trn.void_class(
            user=board, training_class=TrainingClass.objects.get(code="L1"), reason=why)),
        "correct_class": ("training_class.correct", lambda: trn.correct_class(
            user=board, training_class=TrainingClass.objects.get(code="L1"), reason="Sai ngày bế giảng", name="Lớp nhận thức 2015",
            kind="nhan_thuc", start=D(2015, 3, 1), end=D(2015, 3, 6), org=org("R1"))),
        "void_enrolment": ("training_class.unenrol", lambda: trn.void_enrolment(
            user=board, enrolment=Enrolment.objects.get(training_class__code="L1", person__code="P6"), reason=why)),
        "void_rating": ("rating.void", lambda: ass.void_rating(
            user=board, rating=Rating.objects.get(year=2015, person__code="P1"), reason=why)),
        "void_award": ("award.void", lambda: awd.void_award(user=board, award=Award.objects.get(status="de_nghi"), reason=why)),
        "correct_award": ("award.void", lambda: awd.correct_award(
            user=board, award=Award.objects.get(subject_org__code="D1"), reason="Sai số quyết định", date=D(2016, 1, 15),
            form="giay_khen", subject_kind="tap_the", subject="D1", granted_by=org("R1"), decision_no="15-QĐ/ĐUK")),
        "void_inspection": ("inspection.void", lambda: ins.void_inspection(
            user=inspector, inspection=Inspection.objects.first(), reason=why)),
        "correct_inspection": ("inspection.void", lambda: ins.correct_inspection(
            user=inspector, inspection=Inspection.objects.first(), reason="Sai ngày", date=D(2015, 10, 2), form="kiem_tra",
            actor=org("R1"), body="ubkt", subject_kind="to_chuc", subject="D1")),
        "void_discipline": ("discipline.void", lambda: ins.void_discipline(
            user=inspector, discipline=Discipline.objects.first(), reason=why)),
        "correct_discipline": ("discipline.void", lambda: ins.correct_discipline(
            user=inspector, discipline=Discipline.objects.first(), reason="Sai ngày", date=D(2015, 12, 2),
            subject_kind="dang_vien", subject="P4", form="khien_trach", decided_by=org("S1"))),
        "void_study_report": ("study.void", lambda: std.void_study_report(
            user=board, report=StudyReport.objects.first(), reason=why)),
        "correct_study_report": ("study.void", lambda: std.correct_study_report(
            user=board, report=StudyReport.objects.first(), reason="Sai số", date=D(2015, 11, 1), members_total=2,
            members_reached=2, workers_total=0, workers_reached=0)),
        "void_target": ("target.void", lambda: trm.void_target(user=board, target=Target.objects.get(number=2), reason=why)),
        "correct_target": ("target.void", lambda: trm.correct_target(
            user=board, target=Target.objects.get(number=2), reason="Sai nội dung", number=2, text="Chỉ tiêu hai", met=True)),
        "void_term": ("term.void", lambda: trm.void_term(user=board, term=Term.objects.get(code="2015-2020"), reason=why)),
        "void_candidate_file": ("candidate.void", lambda: mem.void_candidate_file(
            user=board, candidate=Candidate.objects.get(person__code="P5"), reason=why)),
    }


def test_every_service_has_a_case(people):
    assert service_functions() == set(_cases(people)), "a service without an audit case"


@pytest.mark.parametrize("name", sorted(service_functions()))
def test_service_writes_its_audit_entry(name, people):
    from django.db import DatabaseError

    action, call = _cases(people)[name]
    before = AuditEntry.objects.count()
    try:
        call()
    except (RuleBlocked, DatabaseError) as exc:  # a refusal writes nothing, so no entry either
        pytest.fail(f"{name} was refused: {exc}")
    assert AuditEntry.objects.filter(pk__gt=0).count() > before
    assert AuditEntry.objects.filter(action=action).exists(), (name, action)


def test_override_without_a_reason_is_refused_and_writes_nothing(people):
    from dangbo.members.models import MemberEvent, Person
    from dangbo.members.services import record_member_event
    from dangbo.orgs.models import Org

    before = (AuditEntry.objects.count(), MemberEvent.objects.count())
    for reason in (None, "", "   "):
        with pytest.raises(RuleBlocked):
            record_member_event(user=people["board"], kind="ket_nap", person=Person.objects.get(code="P6"), date=D(2017, 3, 1),
                                cell=Org.objects.get(code="S1"), override_reason=reason)
    assert (AuditEntry.objects.count(), MemberEvent.objects.count()) == before
    record_member_event(user=people["board"], kind="ket_nap", person=Person.objects.get(code="P6"), date=D(2017, 3, 1),
                        cell=Org.objects.get(code="S1"), override_reason="Đã học bù lớp nhận thức")
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "member_event.ket_nap" and entry.reason == "Đã học bù lớp nhận thức"


def test_the_log_cannot_be_edited_through_the_application(people):
    from django.urls import get_resolver

    entry = AuditEntry.objects.first()
    with pytest.raises(PermissionError):  # the model refuses any update or delete
        entry.reason = "sửa"
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    routes = " ".join(str(p.pattern) for p in get_resolver().url_patterns)
    assert "admin" not in routes  # no admin site through which the log could be changed
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="sửa")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
