"""The printed papers, each from the page where the clerk is (member-file.md): an event's
decision or letter of introduction (from the member's history), the member's sheet and life
record (from the member's page), a unit's register of members (from the unit's page). Word or
PDF. Papers that carry sensitive details are for the roles that read them, and audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from dangbo.accounts.access import SENSITIVE_ROLES, sees_sensitive, visible_spell, visible_version
from dangbo.core.documents import Document, write_docx, write_pdf
from dangbo.core.web import day_of, document_response

from .. import papers, services
from ..models import Person
from ..selectors import event_for_writer

FORMATS = ("docx", "pdf")  # a paper in Word, or in PDF
EVENT_PAPERS = {"ket_nap": "quyet-dinh-ket-nap", "chuyen_chinh_thuc": "quyet-dinh-cong-nhan-chinh-thuc",
                "chuyen_di": "giay-gioi-thieu", "chuyen_noi_bo": "giay-gioi-thieu"}


def _file(doc: Document, fmt: str, name: str):
    return document_response(lambda path: (write_docx if fmt == "docx" else write_pdf)(doc, path), f"{name}.{fmt}")


@login_required
def event_paper(request, pk: int, fmt: str):
    """The decision of an admission or a recognition; the letter of introduction of a
    transfer (numbered in the register when first printed)."""
    event = event_for_writer(request.user, pk)  # 404 outside the write reach
    if event.kind not in EVENT_PAPERS or event.voided_at is not None or fmt not in FORMATS:
        raise Http404
    if event.kind == "ket_nap":
        doc = papers.admission_decision(event)
    elif event.kind == "chuyen_chinh_thuc":
        doc = papers.recognition_decision(event)
    else:
        letter = services.issue_introduction_letter(user=request.user, event=event)
        doc = papers.introduction_letter(event, letter)
    return _file(doc, fmt, f"{EVENT_PAPERS[event.kind]}-{event.person.code}")


MEMBER_PAPERS = {"phieu-dang-vien": ("Phiếu đảng viên (2-HSĐV)", papers.member_sheet),
                 "ly-lich": ("Lý lịch đảng viên", papers.life_record),
                 "phieu-bo-sung": ("Phiếu bổ sung hồ sơ đảng viên", papers.supplement)}  # of the day's year


@login_required
def member_paper(request, code: str, paper: str, fmt: str):
    """The member's sheet or life record on a day: sensitive details, so for the roles that
    read them; each print audited."""
    if paper not in MEMBER_PAPERS or fmt not in FORMATS:
        raise Http404
    day, _ = day_of(request)
    person = get_object_or_404(Person, code=code)
    _, seen_on = visible_spell(request.user, person, day)  # 404 for a member out of sight
    if not sees_sensitive(request.user, person, seen_on):
        raise PermissionDenied
    title, build = MEMBER_PAPERS[paper]
    services.record_print(user=request.user, paper=title, subject=person.code)
    return _file(build(person, day), fmt, f"{paper}-{person.code}")


@login_required
def unit_book(request, code: str, fmt: str):
    """Sổ danh sách đảng viên (7-HSĐV) of a unit on a day: ethnicity and religion in it, so
    for the roles that read them."""
    if fmt not in FORMATS:
        raise Http404
    day, _ = day_of(request)
    version = visible_version(request.user, code, day)
    try:
        visible_version(request.user, code, day, SENSITIVE_ROLES)
    except Http404:
        raise PermissionDenied from None
    services.record_print(user=request.user, paper="Sổ danh sách đảng viên (7-HSĐV)", subject=f"{code}@{day.isoformat()}")
    return _file(papers.member_book(version, day), fmt, f"so-danh-sach-dang-vien-{code}-{day.isoformat()}")


