"""Writes of organization events: each checked by the replay engine, in one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from dangbo import projections
from dangbo.audit.services import record_audit
from dangbo.core.locks import lock_register
from dangbo.core.services import jsonable, refuse, refuse_future
from dangbo.domain import codes as C
from dangbo.domain import replay as R
from dangbo.domain.problems import FORM_REF, DomainError
from dangbo.domain.text import unwritable_character
from dangbo.rules.selectors import rulebook

from .models import Org, OrgEvent


def _rebuild(result: R.ReplayResult, persons: dict[int, str], units: set[str]) -> None:
    """Store the replay's versions, and the spells and scopes of the persons it replayed."""
    oid = {code: id_ for id_, code in projections.org_codes().items()}
    projections.write_org_projection(result, oid, projections.subtree_codes(result, units))
    projections.write_person_projection(result, oid, {code: id_ for id_, code in persons.items()}, only=set(persons))


def _replay_with(units: set[str], new: R.OrgEvent | None = None) -> tuple[R.ReplayResult, dict[int, str]]:
    """Replay every unit event (plus `new`) and the history of the persons the change can
    touch (the members, at any time, of the subtrees of `units`): everyone else's history
    does not depend on it, so a unit event costs the same in a bloc and in the national
    register."""
    rules = rulebook()
    orgs = projections.org_codes()
    persons = projections.affected_persons(units)
    ids = set(persons)
    result = R.Replay(projections.load_org_events(orgs) + ([new] if new else []),
                      projections.load_member_events(orgs, persons, ids), projections.load_expulsions(persons, ids),
                      projections.load_context(rules, persons, ids)).run()
    errors = result.errors
    if errors:
        raise DomainError(errors)
    return result, persons


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
    lock_register(exclusive=True)
    units = projections.touched_units(kind, org)
    result, persons = _replay_with(units, new)
    unit, _ = Org.objects.get_or_create(code=org)
    codes = {c.code: c for c in Org.objects.filter(code__in=[x for x in (parent, target) if x])}
    event = OrgEvent.objects.create(
        date=date, kind=kind, org=unit, name=name, level=level, org_type=org_type,
        parent=codes.get(parent), target=codes.get(target), decision_no=decision_no, note=note,
        recorded_by=user if getattr(user, "pk", None) else None)
    _rebuild(result, persons, units)
    record_audit(user=user, action=f"org_event.{kind}", object_type="org", object_id=org,
                 after=jsonable({"ngay": date, "ten": name, "cap": level, "loai_hinh": org_type,
                                 "ma_cap_tren": parent, "ma_dich": target, "so_quyet_dinh": decision_no}))
    return event


@transaction.atomic
def void_org_event(*, user, event: OrgEvent, reason: str) -> OrgEvent:
    """Void a wrong organization event; the rest of the history must still hold without it."""
    if not reason.strip():
        refuse("Hủy một biến động cần ghi rõ lý do.", "ly_do", code="reason_missing")
    lock_register(exclusive=True)
    event = OrgEvent.objects.select_for_update().get(pk=event.pk)
    if event.voided_at:
        refuse("Biến động này đã bị hủy trước đó.", code="already_voided")
    event.voided_at, event.voided_by, event.void_reason = timezone.now(), user if getattr(user, "pk", None) else None, reason
    event.save(update_fields=["voided_at", "voided_by", "void_reason"])
    units = projections.touched_units(event.kind, event.org.code)
    _rebuild(*_replay_with(units), units)
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
