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
         "recorder", "refuse", "check", "named", "supersede", "void"}
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
        "record_member_event": ("member_event.huy_hieu", lambda: mem.record_member_event(
            user=board, kind="huy_hieu", person=p("P1"), date=D(2036, 1, 5), badge_years=30)),
        "void_member_event": ("member_event.void", lambda: mem.void_member_event(
            user=board, event=MemberEvent.objects.get(person__code="P5", kind="phat_the"), reason="Ghi nhầm")),
        "correct_member_event": ("member_event.void", lambda: mem.correct_member_event(
            user=board, event=MemberEvent.objects.get(person__code="P5", kind="phat_the"), reason="Sai số thẻ", card_no="87654321")),
        "set_candidate_documents": ("candidate.documents", lambda: mem.set_candidate_documents(
            user=board, candidate=Candidate.objects.get(person__code="P5"), documents=["1-KNĐ"])),
        "record_org_event": ("org_event.doi_ten", lambda: org.record_org_event(user=board, kind="doi_ten", org="C2",
                                                                             date=D(2018, 1, 1), name="Chi bộ Ngân sách Nhà nước")),
        "void_org_event": ("org_event.void", lambda: org.void_org_event(
            user=board, event=org.record_org_event(user=board, kind="doi_ten", org="C1", date=D(2019, 1, 1), name="Chi bộ Hành chính"),
            reason="Nhập nhầm")),
        "issue_report": ("report.issue", lambda: rep.issue_report(user=board, req=rep.make_request(roots=["R1"], term="2015-2020"),
                                                                  fmt="json")),
        "seed_rules_and_holidays": ("rules.seed", lambda: rules.seed_rules_and_holidays(first_year=2041, last_year=2041)),
        "record_meeting": ("meeting.record", lambda: record_meeting(
            user=board, cell=Org.objects.get(code="C1"), date=D(2017, 1, 5), kind="thuong_ky",
            attendance={"P1": "co_mat", "P2": "vang_khong_ly_do"})),
        "add_rule_version": ("rule.add_version", lambda: rules.add_rule_version(
            user=board, code="probation_months", name="Thời gian dự bị", value=12, valid_from=D(2030, 1, 1), source="Thử")),
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
