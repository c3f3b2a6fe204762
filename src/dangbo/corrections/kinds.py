"""Voiding and correcting the records of the work areas, from their pages and by the API
(issue 20, item 2): a class, a learner's enrolment, a rating, an inspection, a discipline,
an award, a study report, a term, a target, a candidate's file and a meeting.

One entry per kind of record says how to find it for a writer (404 outside their reach,
as everywhere), which service voids it, and, for those corrected by a new copy, the form
of the copy (named by the exchange format's columns, as the API's bodies are) and the
service that writes it. Member and unit events have their own pages (`members/views/events.py`,
`orgs/views/events.py`): they replay the register.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.access import (
    INSPECTORS,
    check_subject,
    reach,
    visible_version,
    writable_version,
)
from dangbo.accounts.choices import WRITERS
from dangbo.assessment import services as rating_services
from dangbo.assessment.models import Rating
from dangbo.awards import services as award_services
from dangbo.awards.forms import AwardForm
from dangbo.awards.models import Award
from dangbo.domain import labels
from dangbo.inspection import services as inspection_services
from dangbo.inspection.forms import DisciplineForm, InspectionForm
from dangbo.inspection.models import Discipline, Inspection
from dangbo.meetings import services as meeting_services
from dangbo.meetings.models import Meeting
from dangbo.members import services as member_services
from dangbo.members.models import Candidate, FamilyMember, WorkHistory
from dangbo.study import services as study_services
from dangbo.study.forms import StudyFiguresForm
from dangbo.study.models import StudyReport
from dangbo.terms import services as term_services
from dangbo.terms.forms import TargetFields
from dangbo.terms.models import Target, Term
from dangbo.terms.selectors import term_for_writer
from dangbo.training import services as training_services
from dangbo.training.forms import ClassFields
from dangbo.training.models import Enrolment, TrainingClass

Owner = tuple[str, str, dt.date]  # (subject kind, code, the record's day): whose record it is


class CorrectForm(forms.Form):
    ly_do = forms.CharField(label="Lý do sửa (được lưu cùng bản cũ)", max_length=2000)


class AwardCorrectionForm(AwardForm, CorrectForm):
    """A new award's form and the reason of the correction."""


class InspectionCorrectionForm(InspectionForm, CorrectForm):
    pass


class DisciplineCorrectionForm(DisciplineForm, CorrectForm):
    pass


class ClassForm(ClassFields, CorrectForm):
    """A class's fields (its code kept) and the reason of the correction."""


class StudyForm(StudyFiguresForm, CorrectForm):
    """A study report's figures and the reason of the correction."""


class TargetForm(TargetFields, CorrectForm):
    """A target's fields, judged by hand as the API says it (true / false), and the reason."""

    dat = forms.NullBooleanField(label="Đạt (đánh giá thủ công)", required=False, widget=forms.Select(
        choices=[("unknown", "Chưa đánh giá"), ("true", "Đạt"), ("false", "Không đạt")]))


def _unit(user, code: str, day: dt.date):
    return writable_version(user, code, day).org


def _correct_award(user, award: Award, reason: str, f: dict) -> Award:
    check_subject(user, f["doi_tuong"] if f["doi_tuong"] == "tap_the" else "ca_nhan", f["ma_doi_tuong"], f["ngay"])
    by = _unit(user, f["ma_co_quan"], f["ngay"]) if f.get("ma_co_quan") else None
    return award_services.correct_award(
        user=user, award=award, reason=reason, date=f["ngay"], form=f["hinh_thuc"], subject_kind=f["doi_tuong"],
        subject=f["ma_doi_tuong"], status=f.get("trang_thai") or "quyet_dinh", granted_by=by,
        content=f.get("noi_dung") or "", decision_no=f.get("so_quyet_dinh") or "",
        override_reason=f.get("ly_do_vuot") or None)


def _correct_inspection(user, record: Inspection, reason: str, f: dict) -> Inspection:
    check_subject(user, f["doi_tuong"], f["ma_doi_tuong"], f["ngay"], INSPECTORS)
    actor = visible_version(user, f["ma_chu_the"], f["ngay"], INSPECTORS).org
    return inspection_services.correct_inspection(
        user=user, inspection=record, reason=reason, date=f["ngay"], form=f["hinh_thuc"], actor=actor,
        body=f["co_quan"], subject_kind=f["doi_tuong"], subject=f["ma_doi_tuong"], content=f.get("noi_dung") or "",
        conclusion=f.get("ket_luan") or "")


def _correct_discipline(user, record: Discipline, reason: str, f: dict) -> Discipline:
    check_subject(user, f["doi_tuong"], f["ma_doi_tuong"], f["ngay"], INSPECTORS)
    body = visible_version(user, f["ma_co_quan"], f["ngay"], INSPECTORS).org
    return inspection_services.correct_discipline(
        user=user, discipline=record, reason=reason, date=f["ngay"], subject_kind=f["doi_tuong"], subject=f["ma_doi_tuong"],
        form=f["hinh_thuc"], decided_by=body, decision_no=f.get("so_quyet_dinh") or "", note=f.get("ghi_chu") or "",
        override_reason=f.get("ly_do_vuot") or None)


def _correct_class(user, cls: TrainingClass, reason: str, f: dict) -> TrainingClass:
    return training_services.correct_class(user=user, training_class=cls, reason=reason, name=f["ten"], kind=f["loai"],
                                           start=f["tu_ngay"], end=f.get("den_ngay"),
                                           org=_unit(user, f["ma_to_chuc"], f["tu_ngay"]))


def _correct_study(user, report: StudyReport, reason: str, f: dict) -> StudyReport:
    _unit(user, report.org.code, f["ngay"])
    return study_services.correct_study_report(
        user=user, report=report, reason=reason, date=f["ngay"], members_total=f["dv_tong"],
        members_reached=f["dv_tham_gia"], workers_total=f["cnvc_tong"], workers_reached=f["cnvc_tham_gia"])


def _correct_target(user, target: Target, reason: str, f: dict) -> Target:
    return term_services.correct_target(user=user, target=target, reason=reason, number=f["stt"], text=f["noi_dung"],
                                        metric=f.get("chi_so") or "", comparator=f.get("so_sanh") or "",
                                        threshold=f.get("gia_tri"), met=f.get("dat"))


@dataclass(frozen=True)
class Kind:
    """One kind of record that can be voided (and perhaps corrected)."""

    slug: str  # in the pages' addresses
    api: str  # in the API's paths
    label: str  # "khen thưởng": the record named in messages
    model: type[models.Model]
    owner: Callable[[Any], Owner]  # whose record it is: writers reach it today and on its day
    void: Callable[..., Any]  # service(user=, <record>=, reason=)
    arg: str  # the service's keyword for the record
    back: Callable[[Any], str]  # the page the record is shown on
    form: type[CorrectForm] | None = None
    initial: Callable[[Any], dict] = field(default=lambda r: {})
    correct: Callable[[Any, Any, str, dict], Any] | None = None
    related: tuple[str, ...] = ()
    roles: frozenset[str] = WRITERS  # the roles that write it (the inspection roles for their records)


def _subject(r) -> tuple[str, str]:
    s = r.subject_org or r.subject_person
    return r.subject_kind, s.code


def _rating_day(r: Rating) -> dt.date:
    return min(dt.date(r.year, 12, 31), timezone.localdate())


def _term_owner(term: Term) -> Owner:
    return "nhiem_ky", term.code, term.end


KINDS: dict[str, Kind] = {k.slug: k for k in (
    Kind("khen-thuong", "awards", "khen thưởng", Award, lambda a: (*_subject(a), a.date),
         award_services.void_award, "award", lambda a: reverse("awards"), AwardCorrectionForm,
         lambda a: {"ngay": a.date, "hinh_thuc": a.form, "doi_tuong": a.subject_kind, "ma_doi_tuong": _subject(a)[1],
                    "trang_thai": a.status or "quyet_dinh", "ma_co_quan": a.granted_by.code if a.granted_by else "",
                    "so_quyet_dinh": a.decision_no, "noi_dung": a.content},
         _correct_award, ("subject_org", "subject_person", "granted_by")),
    Kind("kiem-tra", "inspections", "cuộc kiểm tra, giám sát", Inspection, lambda r: (*_subject(r), r.date),
         inspection_services.void_inspection, "inspection", lambda r: reverse("inspections"), InspectionCorrectionForm,
         lambda r: {"ngay": r.date, "hinh_thuc": r.form, "ma_chu_the": r.actor.code, "co_quan": r.body,
                    "doi_tuong": r.subject_kind, "ma_doi_tuong": _subject(r)[1], "noi_dung": r.content,
                    "ket_luan": r.conclusion},
         _correct_inspection, ("subject_org", "subject_person", "actor"), INSPECTORS),
    Kind("ky-luat", "disciplines", "quyết định kỷ luật", Discipline, lambda r: (*_subject(r), r.date),
         inspection_services.void_discipline, "discipline", lambda r: reverse("inspections"), DisciplineCorrectionForm,
         lambda r: {"ngay": r.date, "doi_tuong": r.subject_kind, "ma_doi_tuong": _subject(r)[1], "hinh_thuc": r.form,
                    "ma_co_quan": r.decided_by.code, "so_quyet_dinh": r.decision_no, "ghi_chu": r.note},
         _correct_discipline, ("subject_org", "subject_person", "decided_by"), INSPECTORS),
    Kind("lop-hoc", "classes", "lớp học", TrainingClass, lambda c: ("to_chuc", c.org.code, c.start),
         training_services.void_class, "training_class",
         lambda c: reverse("class-detail", args=[c.code]) if c.voided_at is None else reverse("class-list"), ClassForm,
         lambda c: {"ten": c.name, "loai": c.kind, "tu_ngay": c.start, "den_ngay": c.end, "ma_to_chuc": c.org.code},
         _correct_class, ("org",)),
    Kind("hoc-vien", "enrolments", "học viên của lớp", Enrolment,
         lambda e: ("ca_nhan", e.person.code, e.training_class.start), training_services.void_enrolment,
         "enrolment", lambda e: reverse("class-detail", args=[e.training_class.code]),
         related=("person", "training_class")),
    Kind("danh-gia", "rating-records", "xếp loại", Rating,
         lambda r: ("to_chuc" if r.org_id else "ca_nhan", (r.org or r.person).code, _rating_day(r)),
         rating_services.void_rating, "rating", lambda r: reverse("ratings"), related=("org", "person")),
    Kind("hoc-tap", "study-reports", "báo cáo học tập nghị quyết", StudyReport,
         lambda r: ("to_chuc", r.org.code, r.date), study_services.void_study_report, "report",
         lambda r: reverse("study"), StudyForm,
         lambda r: {"ngay": r.date, "dv_tong": r.members_total, "dv_tham_gia": r.members_reached,
                    "cnvc_tong": r.workers_total, "cnvc_tham_gia": r.workers_reached},
         _correct_study, ("org",)),
    Kind("nhiem-ky", "terms", "nhiệm kỳ", Term, _term_owner, term_services.void_term, "term",
         lambda t: reverse("term-progress"), related=("org",)),
    Kind("chi-tieu", "targets", "chỉ tiêu", Target, lambda t: _term_owner(t.term), term_services.void_target, "target",
         lambda t: reverse("term-progress"), TargetForm,
         lambda t: {"stt": t.number, "noi_dung": t.text, "chi_so": t.metric, "so_sanh": t.comparator,
                    "gia_tri": t.threshold, "dat": t.met},
         _correct_target, ("term",)),
    Kind("quan-chung", "candidates", "hồ sơ quần chúng", Candidate,
         lambda c: ("to_chuc", c.cell.code, c.file_opened), member_services.void_candidate_file, "candidate",
         lambda c: reverse("candidate-list"), related=("person", "cell")),
    Kind("sinh-hoat", "meetings", "buổi sinh hoạt", Meeting, lambda m: ("to_chuc", m.cell.code, m.date),
         meeting_services.void_meeting, "meeting", lambda m: reverse("org-detail", args=[m.cell.code]),
         related=("cell",)),
    # the lines of a member's file: whoever writes the member's file today
    Kind("qua-trinh-cong-tac", "work-history", "dòng quá trình công tác", WorkHistory,
         lambda w: ("dang_vien", w.person.code, timezone.localdate()), member_services.void_file_line, "row",
         lambda w: reverse("member-detail", args=[w.person.code]), related=("person",)),
    Kind("gia-dinh", "family", "quan hệ gia đình", FamilyMember,
         lambda f: ("dang_vien", f.person.code, timezone.localdate()), member_services.void_file_line, "row",
         lambda f: reverse("member-detail", args=[f.person.code]), related=("person",)),
)}


def _who(r) -> str:
    """A unit by its code (its name is dated, on its versions), a person by name."""
    return r.subject_org.code if r.subject_org else r.subject_person.full_name


DESCRIBE: dict[str, Callable[[Any], str]] = {
    "khen-thuong": lambda a: f"{labels.AWARD_FORM.get(a.form, a.form)} — {_who(a)}, ngày {a.date:%d/%m/%Y}",
    "kiem-tra": lambda r: f"{labels.INSPECTION_FORM.get(r.form, r.form)} {_who(r)}, ngày {r.date:%d/%m/%Y}",
    "ky-luat": lambda r: f"{labels.DISCIPLINE.get(r.form, r.form)} — {_who(r)}, ngày {r.date:%d/%m/%Y}",
    "lop-hoc": lambda c: f"{c.name} ({c.code}), từ {c.start:%d/%m/%Y}",
    "hoc-vien": lambda e: f"{e.person.full_name} — {e.training_class.name}",
    "danh-gia": lambda r: f"{(r.org.code if r.org else r.person.full_name)}: {labels.RATING.get(r.level, r.level)} năm {r.year}",
    "hoc-tap": lambda r: f"{r.campaign_name or r.campaign_code} — {r.org.code}: {r.members_reached}/{r.members_total} đảng viên",
    "nhiem-ky": lambda t: f"Nhiệm kỳ {t.code} ({t.start:%d/%m/%Y}–{t.end:%d/%m/%Y})",
    "chi-tieu": lambda t: f"Chỉ tiêu {t.number}: {t.text}",
    "quan-chung": lambda c: f"{c.person.full_name}, mở hồ sơ ngày {c.file_opened:%d/%m/%Y}",
    "sinh-hoat": lambda m: f"Sinh hoạt ngày {m.date:%d/%m/%Y}",
    "qua-trinh-cong-tac": lambda w: f"{w.person.full_name}: {w.from_month:%m/%Y} — {w.content}",
    "gia-dinh": lambda f: f"{f.person.full_name}: {f.relation} {f.full_name}",
}


def describe(kind: Kind, record) -> str:
    return DESCRIBE[kind.slug](record)


def seen_by(user, kind: Kind, record) -> bool:
    """May the user see this record (voided or not)? Its subject in their reach on its day."""
    subject_kind, code, day = kind.owner(record)
    if kind.roles is INSPECTORS and not reach(user, timezone.localdate()).sees_inspections:
        return False
    try:
        if subject_kind == "nhiem_ky":
            term = Term.objects.select_related("org").filter(code=code).first()
            visible_version(user, term.org.code if term else "", min(day, timezone.localdate()))
        else:
            check_subject(user, subject_kind, code, day, None if kind.roles is WRITERS else kind.roles)
    except Http404:
        return False
    return True


def voided(user, kind: Kind, limit: int = 50) -> list:
    """The latest voided or superseded records of `kind` the user may see, newest first."""
    rows = (kind.model.objects.filter(voided_at__isnull=False)  # type: ignore[attr-defined]
            .select_related("voided_by", *kind.related).order_by("-voided_at")[:limit * 4])
    return [r for r in rows if seen_by(user, kind, r)][:limit]


def record_for_writer(user, kind: Kind, pk: int):
    """The current record `pk` of `kind` if the user may write about it (today and on its
    day); PermissionDenied for a role that does not write it, Http404 outside the reach or
    for an unknown or voided record."""
    today = timezone.localdate()
    if not (reach(user, today).sees_inspections if kind.roles is INSPECTORS else reach(user, today).can_write):
        raise PermissionDenied
    record = (kind.model.objects.current().select_related(*kind.related).filter(pk=pk).first()  # type: ignore[attr-defined]
              if 0 < pk < 2**63 else None)
    if record is None:
        raise Http404
    subject_kind, code, day = kind.owner(record)
    if subject_kind == "nhiem_ky":
        term_for_writer(user, code)
    else:
        check_subject(user, subject_kind, code, day, kind.roles)
    return record


def kind_of(slug: str) -> Kind:
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]
