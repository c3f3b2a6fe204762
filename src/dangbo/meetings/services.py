"""Recording a cell meeting with the attendance of each member (sinh hoạt chi bộ)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from dangbo.audit.services import record_audit
from dangbo.core.services import void
from dangbo.core.temporal import on
from dangbo.domain import codes as C
from dangbo.domain.labels import ATTENDANCE, MEETING_KIND
from dangbo.domain.problems import FORM_REF, DomainError, Problem
from dangbo.members.models import MemberSpell
from dangbo.orgs.models import Org, OrgVersion

from .models import Attendance, Meeting


@transaction.atomic
def record_meeting(*, user, cell: Org, date: dt.date, kind: str, topic: str = "",
                   attendance: dict[str, str]) -> Meeting:
    """Record one meeting of `cell` on `date` and, for members of that cell on that day, their
    attendance (person code -> co_mat / vang_co_ly_do / vang_khong_ly_do). Every problem is
    named and nothing is written if there is one."""
    problems: list[Problem] = []

    def problem(code: str, column: str, value, message: str) -> None:
        problems.append(Problem(FORM_REF, column, value, message, code=code))
    version = OrgVersion.objects.filter(on(date), org=cell).first()
    if version is None:
        problem("cell_missing", "ma_to_chuc", cell.code, f"Chi bộ {cell.code} không tồn tại vào ngày {date:%d/%m/%Y}.")
    elif version.level not in C.CELL_LEVELS:
        problem("not_a_cell", "ma_to_chuc", cell.code, f"{cell.code} không phải là chi bộ.")
    if kind not in MEETING_KIND:
        problem("unknown_code", "loai", kind, f"Loại buổi sinh hoạt không hợp lệ: {kind}.")
    if attendance and date > timezone.localdate():
        problem("attendance_before_meeting", "ngay", date,
                f"Buổi sinh hoạt ngày {date:%d/%m/%Y} chưa diễn ra: ghi kế hoạch thì chưa ghi dự sinh hoạt.")
    members = dict(MemberSpell.objects.filter(on(date), cell=cell).values_list("person__code", "person_id"))
    for code, status in attendance.items():
        if code not in members:
            problem("not_in_cell", "ma_nguoi", code, f"{code} không sinh hoạt ở chi bộ {cell.code} vào ngày {date:%d/%m/%Y}.")
        if status not in ATTENDANCE:
            problem("unknown_code", "trang_thai", status, f"Tình trạng dự sinh hoạt của {code} không hợp lệ: {status}.")
    if problems:
        raise DomainError(problems)
    n = Meeting.objects.filter(cell=cell, date=date).count() + 1
    meeting = Meeting.objects.create(code=f"SH-{cell.code}-{date:%Y%m%d}-{n}", cell=cell, date=date, kind=kind, topic=topic,
                                     recorded_by=user if getattr(user, "pk", None) else None)
    Attendance.objects.bulk_create([Attendance(meeting=meeting, person_id=members[code], status=status,
                                               recorded_by=meeting.recorded_by) for code, status in attendance.items()])
    record_audit(user=user, action="meeting.record", object_type="meeting", object_id=meeting.code,
                 after={"chi_bo": cell.code, "ngay": date.isoformat(), "loai": kind,
                        "vang_khong_ly_do": sorted(c for c, s in attendance.items() if s == "vang_khong_ly_do")})
    return meeting



@transaction.atomic
def record_minutes(*, user, meeting: Meeting, minutes: str) -> Meeting:
    """The minutes (biên bản) of a held meeting; the audit entry keeps the earlier text."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.voided_at is not None:
        raise DomainError.of(["Buổi sinh hoạt này đã bị hủy."], code="already_voided")
    before, meeting.minutes = meeting.minutes, minutes.strip()
    meeting.save(update_fields=["minutes"])
    record_audit(user=user, action="meeting.minutes", object_type="meeting", object_id=meeting.code,
                 before={"bien_ban": before}, after={"bien_ban": meeting.minutes})
    return meeting


@transaction.atomic
def void_meeting(*, user, meeting: Meeting, reason: str) -> Meeting:
    """A meeting recorded by mistake is voided with its attendance (kept, not deleted): it no
    longer counts for the monthly-meeting and absence alerts."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    void(meeting, user=user, reason=reason)
    Attendance.objects.current().filter(meeting=meeting).update(voided_at=meeting.voided_at, voided_by=meeting.voided_by,
                                                                void_reason=meeting.void_reason)
    record_audit(user=user, action="meeting.void", object_type="meeting", object_id=meeting.code, reason=reason)
    return meeting
