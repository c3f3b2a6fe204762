"""Writes of organization events: each checked by the replay engine, in one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from dangbo.audit.services import record_audit
from dangbo.core.services import jsonable, refuse, refuse_future
from dangbo.domain import codes as C
from dangbo.domain import replay as R
from dangbo.domain.problems import FORM_REF, DomainError
from dangbo.domain.text import unwritable_character
from dangbo.projections import narrow
from dangbo.rules.selectors import rulebook

from .models import Org, OrgEvent


@transaction.atomic
def record_org_event(*, user, kind: str, org: str, date: dt.date, name: str = "", level: str = "",
                     org_type: str = "", parent: str = "", target: str = "", decision_no: str = "",
                     note: str = "") -> OrgEvent:
    """Record one organization event (domain.md) after checking every hard invariant."""
    if kind not in C.ORG_EVENTS:
        refuse(f"Loại biến động tổ chức không hợp lệ: {kind}.", "loai", kind, code="unknown_code")
    if not org:
        refuse("Thiếu mã tổ chức.", "ma", code="required_missing")
    refuse_future(ngay=date)
    new = R.OrgEvent((1, 0), date, kind, org, FORM_REF, name or None, level or None, org_type or None,
                     parent or None, target or None)
    replayed = narrow.replay_units(rulebook(), new)
    if replayed.result.errors:
        raise DomainError(replayed.result.errors)
    unit, _ = Org.objects.get_or_create(code=org)
    codes = {c.code: c for c in Org.objects.filter(code__in=[x for x in (parent, target) if x])}
    event = OrgEvent.objects.create(
        date=date, kind=kind, org=unit, name=name, level=level, org_type=org_type,
        parent=codes.get(parent), target=codes.get(target), decision_no=decision_no, note=note,
        recorded_by=user if getattr(user, "pk", None) else None)
    replayed.write()
    record_audit(user=user, action=f"org_event.{kind}", object_type="org", object_id=org,
                 after=jsonable({"ngay": date, "ten": name, "cap": level, "loai_hinh": org_type,
                                 "ma_cap_tren": parent, "ma_dich": target, "so_quyet_dinh": decision_no}))
    return event


@transaction.atomic
def void_org_event(*, user, event: OrgEvent, reason: str) -> OrgEvent:
    """Void a wrong organization event; the rest of the history must still hold without it."""
    if not reason.strip():
        refuse("Hủy một biến động cần ghi rõ lý do.", "ly_do", code="reason_missing")
    event = OrgEvent.objects.select_for_update(of=("self",)).select_related("org", "parent", "target").get(pk=event.pk)
    if event.voided_at:
        refuse("Biến động này đã bị hủy trước đó.", code="already_voided")
    event.voided_at, event.voided_by, event.void_reason = timezone.now(), user if getattr(user, "pk", None) else None, reason
    event.save(update_fields=["voided_at", "voided_by", "void_reason"])
    voided = R.OrgEvent((0, event.pk), event.date, event.kind, event.org.code, ("db:bien_dong_to_chuc", event.pk),
                        parent=event.parent.code if event.parent else None,
                        target=event.target.code if event.target else None, new=False)
    replayed = narrow.replay_units(rulebook(), voided, voided=True)
    if replayed.result.errors:
        raise DomainError(replayed.result.errors)
    replayed.write()
    record_audit(user=user, action="org_event.void", object_type="org_event", object_id=event.pk,
                 before=jsonable({"ngay": event.date, "loai": event.kind, "ma": event.org.code}), reason=reason)
    return event


DOCUMENT_SETTINGS = ("co_quan_cap_tren", "co_quan_ban_hanh", "dia_danh", "ten_viet_tat", "ten_goi", "ky_hieu",
                     "tham_quyen", "chuc_vu_ky", "nguoi_ky", "noi_nhan")


@transaction.atomic
def save_document_settings(*, user, org: Org, settings: dict) -> Org:
    """The settings a root's documents are printed with (issuing lines, place, register
    symbol, signer, recipients: term-report.md); the audit entry keeps the earlier ones."""
    unknown = set(settings) - set(DOCUMENT_SETTINGS)
    if unknown:
        refuse(f"Thiết lập không có: {', '.join(sorted(unknown))}.", code="unknown_setting")
    for key, value in settings.items():
        text = "\n".join(value) if isinstance(value, list) else str(value)
        if len(text) > 2000:
            refuse("Thiết lập dài quá 2.000 ký tự.", key, code="too_long")
        if unwritable_character(text) is not None:
            refuse("Có ký tự điều khiển vô hình, thường do dán từ chương trình khác: hãy gõ lại.", key, code="invisible_character")
    org = Org.objects.select_for_update().get(pk=org.pk)
    before = dict(org.settings or {})
    org.settings = {**before, **settings}
    org.settings.pop("so_van_ban", None)  # the register's symbol (ky_hieu) replaces the fixed number
    org.save(update_fields=["settings"])
    record_audit(user=user, action="org.document_settings", object_type="org", object_id=org.code,
                 before=before, after=org.settings)
    return org
