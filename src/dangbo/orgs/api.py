"""API of units' corrections: void a unit event recorded by mistake (issue 20, item 2)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Status

from dangbo.api import Created, Problem, Refusal, VoidIn, refusal
from dangbo.domain.problems import DomainError

from . import services
from .models import OrgEvent
from .selectors import event_for_writer

router = Router(tags=["Tổ chức đảng"])
WRITE = {201: Created, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Refusal | Problem}


@router.post("/org-events/{event_id}/void", response=WRITE, summary="Hủy một biến động tổ chức ghi nhầm (có lý do)")
def void_org_event(request, event_id: int, data: VoidIn):
    try:
        event: OrgEvent = event_for_writer(request.user, event_id)
    except Http404:
        return Status(404, {"loi": "Không có biến động này trong phạm vi ghi của bạn."})
    except PermissionDenied:
        return Status(403, {"loi": "Vai trò của bạn chỉ được xem."})
    try:
        services.void_org_event(user=request.user, event=event, reason=data.ly_do.strip())
    except DomainError as exc:
        return refusal(exc)
    return Status(201, {"id": event.pk})


