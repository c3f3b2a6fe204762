"""Writes of persons and member events: each checked by the replay engine, in one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangbo.audit.models import AuditEntry
from dangbo.audit.services import record_audit
from dangbo.core.services import (
    check_lengths,
    jsonable,
    judge,
    keep_overrides,
    recorder,
    refuse,
    refuse_future,
    void,
)
from dangbo.domain import codes as C
from dangbo.domain import file_codes
from dangbo.domain import member_file as MF
from dangbo.domain import records as REC
from dangbo.domain import replay as R
from dangbo.domain.problems import FORM_REF, Conflict, DomainError, Problem
from dangbo.domain.text import fold, sort_key, unwritable_character
from dangbo.orgs.models import Org, OrgVersion
from dangbo.projections import narrow
from dangbo.projections.world import stored_world
from dangbo.rules.selectors import rulebook

from .file import dated_changes
from .models import (
    Candidate,
    DetailChange,
    FamilyMember,
    IntroductionLetter,
    MemberEvent,
    MemberSpell,
    Person,
    Photo,
    WorkHistory,
)
from .name_keys import rewrite_name_keys
from .photos import normalized
from .selectors import official_on

PERSON_FIELDS = MF.FIELDS
# The exchange format's column of each free-text detail, to name a refused one.
TEXT_COLUMNS = {f: MF.COLUMN_OF[f] for f in MF.TEXT_FIELDS}


def _check_text(values: dict) -> None:
    """Text a workbook or a Word document could not hold (an invisible control character
    pasted from another program) is refused by name, as the import refuses it; and no text
    longer than its column."""
    for field, column in TEXT_COLUMNS.items():
        value = values.get(field)
        bad = unwritable_character(value) if isinstance(value, str) else None
        if bad is not None:
            refuse(f"Có ký tự điều khiển vô hình (U+{ord(bad):04X}), thường do dán từ chương trình khác: hãy gõ lại.",
                   column, value, code="invisible_character")
    check_lengths(Person, **{f: v for f, v in values.items() if f in TEXT_COLUMNS})


def _coded(values: dict, stored: Person | None = None) -> dict:
    """Coded details as their codes (a label or another name typed for one is read as it);
    a value naming no code is refused, unless it is the text already stored (kept as written
    from before the detail was coded, until someone corrects it)."""
    out = dict(values)
    problems = []
    for d in MF.CODED:
        value = values.get(d.field)
        if not value:
            continue
        code = file_codes.match(d.kind, value)
        if code is not None:
            out[d.field] = code
        elif stored is None or getattr(stored, d.field) != value:
            problems.append(Problem(FORM_REF, d.column, value, f"{d.label}: không có mã hay tên «{value}» trong danh mục.",
                                    code="unknown_code"))
    if problems:
        raise DomainError(problems)
    return out


def _check_dates(values: dict) -> None:
    refuse_future(**{MF.COLUMN_OF[f]: v for f, v in values.items() if MF.BY_FIELD[f].kind == "date"})


@transaction.atomic
def create_person(*, user, code: str, full_name: str, birth_date: dt.date, sex: str, citizen_id: str | None = None,
                  **details: str) -> Person:
    """A new person (member or not); codes and citizen ids are unique."""
    if not code or not full_name:
        refuse("Cần mã người và họ tên.", code="required_missing")
    unknown = set(details) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {unknown}")
    _check_dates({"birth_date": birth_date, **details})
    _check_text({"full_name": full_name, **details})
    details = _coded(details)
    if sex not in C.SEXES:
        refuse("Giới tính là nam hoặc nu.", "gioi_tinh", sex, code="unknown_code")
    if Person.objects.filter(code=code).exists():
        raise Conflict([Problem(FORM_REF, "ma", code, f"Mã người {code} đã có.", code="code_taken")])
    if citizen_id and (len(citizen_id) != 12 or not citizen_id.isdigit()):
        refuse("Số CCCD phải gồm đúng 12 chữ số.", "so_cccd", citizen_id, code="citizen_id_invalid")
    if citizen_id and Person.objects.filter(citizen_id=citizen_id).exists():
        raise Conflict([Problem(FORM_REF, "so_cccd", citizen_id, "Số CCCD đã thuộc về một người khác.",
                                code="citizen_id_taken")])
    try:
        with transaction.atomic():  # a savepoint: the same code or id entered at the same moment elsewhere
            person = Person.objects.create(code=code, full_name=full_name, search_name=fold(full_name),
                                           sort_name=sort_key(full_name), birth_date=birth_date,
                                           sex=sex, citizen_id=citizen_id or None, **details)
    except IntegrityError:
        raise Conflict([Problem(FORM_REF, "ma", code, f"Mã người {code} hoặc số CCCD vừa được người khác ghi.",
                                code="code_taken")]) from None
    rewrite_name_keys(person)
    record_audit(user=user, action="person.create", object_type="person", object_id=code,
                 after=jsonable({f: getattr(person, f) for f in PERSON_FIELDS if getattr(person, f) not in ("", None)}))
    return person


def _keep_changes(*, user, person: Person, before: dict, after: dict, changed_on: dt.date | None) -> None:
    """The dated details among `after` as changes that took effect on `changed_on` (the
    yearly supplement, a statistic on a past date); none kept for a correction (no date) nor
    for the details read as they stand now (a name, a birth date). A change dated before the
    last kept change of the same detail is refused: the person's field holds the latest."""
    if changed_on is None:
        return
    dated = [f for f in after if MF.BY_FIELD[f].dated]
    if not dated:
        return
    refuse_future(ngay_thay_doi=changed_on)
    columns = [MF.COLUMN_OF[f] for f in dated]
    later = (DetailChange.objects.filter(person=person, column__in=columns, date__gt=changed_on)
             .order_by("-date").values_list("column", "date").first())
    if later is not None:
        label = MF.BY_COLUMN[later[0]].label
        refuse(f"{label} đã có thay đổi từ ngày {later[1]:%d/%m/%Y}, sau ngày {changed_on:%d/%m/%Y}: "
               "ghi thay đổi theo thứ tự ngày, hoặc để trống ngày nếu chỉ sửa sai.", "ngay_thay_doi", changed_on,
               code="change_out_of_order")
    DetailChange.objects.bulk_create(dated_changes(person, before, after, changed_on, timezone.now(),
                                                   getattr(recorder(user), "pk", None)))


@transaction.atomic
def update_person(*, user, person: Person, expected_version: int | None = None, changed_on: dt.date | None = None,
                  **changes) -> Person:
    """Change a person's details; the audit entry keeps before and after. `changed_on`: the
    day a change took effect (kept by date); without it the edit corrects the record. With
    `expected_version` (the version the editor saw), a change made meanwhile by someone else
    is not overwritten: the edit is refused with who changed it and when."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {unknown}")
    if expected_version is not None and expected_version != person.version:
        last = AuditEntry.objects.filter(object_type="person", object_id=person.code).select_related("user").order_by("-pk").first()
        who = (last.user.username if last and last.user else "lần nhập dữ liệu") if last else "người khác"
        when = f" lúc {timezone.localtime(last.at):%H:%M %d/%m/%Y}" if last else ""
        raise Conflict.of([f"Hồ sơ của {person.full_name} đã được {who} sửa{when}, sau khi bạn mở trang này. "
                        "Thay đổi của bạn chưa được ghi: hãy xem bản mới nhất rồi sửa lại."])
    _check_dates(changes)
    _check_text(changes)
    changes = _coded(changes, person)
    cid = changes.get("citizen_id")
    if cid and Person.objects.filter(citizen_id=cid).exclude(pk=person.pk).exists():
        refuse("Số CCCD đã thuộc về một người khác.", "so_cccd", cid, code="citizen_id_taken")
    changes = {f: v for f, v in changes.items() if getattr(person, f) != v}
    before = {f: getattr(person, f) for f in changes}
    _keep_changes(user=user, person=person, before=before, after=changes, changed_on=changed_on)
    for f, v in changes.items():
        setattr(person, f, v)
    renamed = person.search_name != fold(person.full_name)
    person.search_name, person.sort_name = fold(person.full_name), sort_key(person.full_name)
    person.version += 1
    person.save()
    if renamed:
        rewrite_name_keys(person)
    if "sex" in changes:
        MemberSpell.objects.filter(person=person).update(sex=person.sex)  # the spells' copy (the register's women)
    record_audit(user=user, action="person.update", object_type="person", object_id=person.code,
                 before=jsonable(before), after=jsonable(changes | ({"changed_on": changed_on} if changed_on else {})))
    return person


@transaction.atomic
def set_photo(*, user, person: Person, data: bytes) -> Photo:
    """The member's photo: a new one becomes the file's, the earlier ones are kept."""
    image = normalized(data)
    photo = Photo.objects.create(person=person, image=image, uploaded_at=timezone.now(),
                                 uploaded_by=user if getattr(user, "pk", None) else None)
    record_audit(user=user, action="person.photo", object_type="person", object_id=person.code,
                 after={"anh": f"{len(image) // 1024} KB"})
    return photo


@transaction.atomic
def add_work_history(*, user, person: Person, start: dt.date, end: dt.date | None, content: str) -> WorkHistory:
    """A line of the member's work history (months: their first days)."""
    start, end = start.replace(day=1), end.replace(day=1) if end else None
    refuse_future(tu_thang=start, den_thang=end)
    if not content.strip():
        refuse("Cần ghi công việc, chức vụ, đơn vị.", "noi_dung", content, code="required_missing")
    check_lengths(WorkHistory, content=content)
    judge(REC.check_work_history(REC.World(R.ReplayResult({}, {}, [], []), rulebook(), {person.code}), FORM_REF,
                                 person=person.code, start=start, end=end))
    row = WorkHistory.objects.create(person=person, from_month=start, to_month=end, content=content.strip(),
                                     recorded_by=recorder(user))
    record_audit(user=user, action="work_history.create", object_type="person", object_id=person.code,
                 after=jsonable({"tu_thang": f"{start:%m/%Y}", "den_thang": f"{end:%m/%Y}" if end else "", "noi_dung": content}))
    return row


@transaction.atomic
def add_family_member(*, user, person: Person, relation: str, full_name: str, birth_year: int | None = None,
                      content: str = "") -> FamilyMember:
    """A relative in the member's file."""
    if not relation.strip() or not full_name.strip():
        refuse("Cần ghi quan hệ và họ tên.", "ho_ten", full_name, code="required_missing")
    if birth_year is not None and not 1850 <= birth_year <= timezone.localdate().year:
        refuse(f"Năm sinh {birth_year} không hợp lệ.", "nam_sinh", birth_year, code="date_in_future"
               if birth_year > timezone.localdate().year else "unreadable_value")
    check_lengths(FamilyMember, relation=relation, full_name=full_name, content=content)
    row = FamilyMember.objects.create(person=person, relation=relation.strip(), full_name=full_name.strip(),
                                      birth_year=birth_year, content=content.strip(), recorded_by=recorder(user))
    record_audit(user=user, action="family.create", object_type="person", object_id=person.code,
                 after={"quan_he": relation, "ho_ten": full_name})
    return row


@transaction.atomic
def void_file_line(*, user, row: WorkHistory | FamilyMember, reason: str) -> None:
    """Void a line of the work history or the family recorded by mistake (kept, struck through)."""
    void(row, user=user, reason=reason)
    kind = "work_history" if isinstance(row, WorkHistory) else "family"
    record_audit(user=user, action=f"{kind}.void", object_type="person", object_id=row.person.code, reason=reason)


TRANSFERS = ("chuyen_di", "chuyen_noi_bo")


@transaction.atomic
def issue_introduction_letter(*, user, event: MemberEvent, destination: str = "") -> IntroductionLetter:
    """The letter of introduction of a transfer, numbered in its committee's register
    (10-SHĐ): the next number of the year in the committee the member leaves, on the day of
    the transfer; printed again, the same letter."""
    from dangbo.orgs.letterhead import grassroots_of

    if event.kind not in TRANSFERS or event.voided_at is not None:
        refuse("Chỉ in giấy giới thiệu sinh hoạt đảng cho một lần chuyển sinh hoạt còn hiệu lực.", "loai", event.kind,
               code="not_a_transfer")
    existing = IntroductionLetter.objects.filter(event=event).first()
    if existing is not None:
        return existing
    before = event.date - dt.timedelta(days=1)
    spell = MemberSpell.objects.filter(person_id=event.person_id, valid_from__lte=before).order_by("-valid_from").first()
    if spell is None:
        refuse("Không tìm thấy chi bộ đảng viên sinh hoạt trước khi chuyển.", code="no_cell")
    issuer, _ = grassroots_of(spell.cell, before)
    if not destination and event.kind == "chuyen_noi_bo" and event.cell_id:
        to = OrgVersion.objects.filter(org_id=event.cell_id, valid_from__lte=event.date).order_by("-valid_from").first()
        destination = to.name if to else ""
    destination = (destination or event.note).strip()[:300]
    # one number at a time in the committee's register: its row locked while the next is taken
    Org.objects.select_for_update().get(pk=issuer.org_id)
    year = event.date.year
    last = IntroductionLetter.objects.filter(issuer_id=issuer.org_id, year=year).order_by("-number").first()
    letter = IntroductionLetter.objects.create(event=event, issuer_id=issuer.org_id, year=year,
                                               number=(last.number if last else 0) + 1, issued_on=event.date,
                                               destination=destination, recorded_at=timezone.now(),
                                               recorded_by=recorder(user))
    record_audit(user=user, action="introduction.issue", object_type="person", object_id=event.person.code,
                 after={"so": f"{letter.number:02d}/GTSHĐ", "nam": year, "cap_uy": issuer.org.code, "noi_den": destination})
    return letter


def record_print(*, user, paper: str, subject: str) -> None:
    """A paper carrying sensitive details printed (Decree 13/2023/NĐ-CP): who, what, whose."""
    record_audit(user=user, action="paper.print", object_type="person", object_id=subject, after={"giay_to": paper})


@transaction.atomic
def record_member_event(*, user, kind: str, person: Person, date: dt.date, cell: Org | None = None,
                        status: str = "", admission_date: dt.date | None = None,
                        ceremony_date: dt.date | None = None, official_date: dt.date | None = None,
                        badge_received: int | None = None, decision_date: dt.date | None = None,
                        early: bool = False, card_no: str = "", badge_years: int | None = None,
                        decision_no: str = "", note: str = "", override_reason: str | None = None,
                        introducer_1: str = "", introducer_2: str = "") -> MemberEvent:
    """Record one member event (domain.md), with an admission's two introducers.

    Hard invariants refuse it (DomainError); regulatory rules refuse it (RuleBlocked) unless
    `override_reason` is given, which is kept with each rule set aside.
    """
    if kind not in C.MEMBER_EVENTS:
        refuse(f"Loại biến động đảng viên không hợp lệ: {kind}.", "loai", kind, code="unknown_code")
    refuse_future(ngay=date, ngay_ket_nap=admission_date, ngay_le_ket_nap=ceremony_date, ngay_chinh_thuc=official_date,
                  ngay_quyet_dinh=decision_date)
    if card_no and (len(card_no) != 8 or not card_no.isdigit()):
        refuse("Số thẻ đảng viên phải gồm đúng 8 chữ số.", "so_the", card_no, code="card_no_invalid")
    # One action at a time per member; NO KEY UPDATE lets a unit event write their spells
    # meanwhile (its foreign key checks), so that it never waits on this lock while holding
    # the root's lock this write waits for.
    person = Person.objects.select_for_update(no_key=True).get(pk=person.pk)
    new = R.MemberEvent((1, 0), date, kind, person.code, FORM_REF, cell.code if cell else None, status or None,
                        admission_date, ceremony_date, official_date, badge_received, decision_date, early,
                        card_no or None, badge_years)
    result = narrow.replay_person(rulebook(), (person.pk, person.code), new=[new])
    introducers = (introducer_1.strip(), introducer_2.strip())
    breaches = judge(result.problems + REC.check_introducers(FORM_REF, kind=kind, day=date, person=person.code,
                                                              introducers=introducers, official=official_on),
                     override_reason)
    event = MemberEvent.objects.create(
        introducer_1=introducers[0], introducer_2=introducers[1],
        date=date, kind=kind, person=person, cell=cell, status=status, admission_date=admission_date,
        ceremony_date=ceremony_date, official_date=official_date, badge_received=badge_received,
        decision_date=decision_date, early=early, card_no=card_no, badge_years=badge_years,
        decision_no=decision_no, note=note, recorded_by=recorder(user))
    keep_overrides(user=user, breaches=breaches, object_type="member_event", object_id=event.pk, reason=override_reason)
    narrow.write_person(result, (person.pk, person.code))
    record_audit(user=user, action=f"member_event.{kind}", object_type="person", object_id=person.code,
                 after=jsonable({"ngay": date, "ma_to_chuc": cell.code if cell else None, "trang_thai": status,
                                 "so_the": card_no, "so_nam": badge_years, "so_quyet_dinh": decision_no,
                                 **({"gioi_thieu": [t for t in introducers if t]} if any(introducers) else {}),
                                 "vuot_quy_dinh": [p.rule for p in breaches]}),
                 reason=override_reason or "")
    return event


@transaction.atomic
def void_member_event(*, user, event: MemberEvent, reason: str) -> MemberEvent:
    """Void a wrong member event; the person's remaining history must still hold."""
    if not reason or not reason.strip():
        refuse("Hủy một biến động cần ghi rõ lý do.", "ly_do", code="reason_missing")
    person = Person.objects.select_for_update(no_key=True).get(pk=event.person_id)
    event = MemberEvent.objects.select_for_update().get(pk=event.pk)
    if event.voided_at:
        refuse("Biến động này đã bị hủy trước đó.", code="already_voided")
    result = narrow.replay_person(rulebook(), (person.pk, person.code), without_event=event.pk)
    judge([p for p in result.problems if p.is_error], None)
    event.voided_at, event.voided_by, event.void_reason = timezone.now(), recorder(user), reason
    event.save(update_fields=["voided_at", "voided_by", "void_reason"])
    narrow.write_person(result, (person.pk, person.code))
    record_audit(user=user, action="member_event.void", object_type="member_event", object_id=event.pk,
                 before=jsonable({"ngay": event.date, "loai": event.kind, "ma_nguoi": person.code}), reason=reason)
    return event


@transaction.atomic
def correct_member_event(*, user, event: MemberEvent, reason: str, override_reason: str | None = None,
                         **changes) -> MemberEvent:
    """Supersede a member event by a corrected copy: the old one is voided and points to the new."""
    fields = {f: getattr(event, f) for f in ("kind", "date", "cell", "status", "admission_date", "ceremony_date",
                                             "official_date", "badge_received", "decision_date", "early",
                                             "card_no", "badge_years", "decision_no", "note", "introducer_1",
                                             "introducer_2")}
    fields.update(changes)
    if fields["kind"] != "ket_nap":  # an admission corrected into another kind keeps no introducers
        fields["introducer_1"] = fields["introducer_2"] = ""
    void_member_event(user=user, event=event, reason=reason)
    new = record_member_event(user=user, person=event.person, override_reason=override_reason, **fields)
    MemberEvent.objects.filter(pk=event.pk).update(superseded_by=new)
    return new


@transaction.atomic
def open_candidate_file(*, user, person: Person, cell: Org, opened: dt.date, note: str = "") -> Candidate:
    """Open a candidate's file (quần chúng ưu tú) followed by `cell` from `opened` (the same
    checks as an imported `quan_chung` row): not a member that day, a cell that exists, and
    no other file of theirs still open (one cell follows a candidate at a time)."""
    refuse_future(ngay_mo_ho_so=opened)
    check_lengths(Candidate, note=note)
    person = Person.objects.select_for_update().get(pk=person.pk)
    judge(REC.check_candidate(stored_world(), FORM_REF, person=person.code, cell=cell.code, opened=opened))
    for other in Candidate.objects.current().filter(person=person).select_related("cell"):
        if not MemberSpell.objects.filter(person=person, valid_from__gte=other.file_opened).exists():
            refuse(f"{person.full_name} đang là quần chúng do {other.cell.code} theo dõi từ ngày {other.file_opened:%d/%m/%Y}.",
                   "ma_nguoi", person.code, code="candidate_elsewhere")
    candidate = Candidate.objects.create(person=person, cell=cell, file_opened=opened, note=note, recorded_by=recorder(user))
    record_audit(user=user, action="candidate.open", object_type="person", object_id=person.code,
                 after={"chi_bo": cell.code, "ngay_mo_ho_so": opened.isoformat(), "ghi_chu": note})
    return candidate


@transaction.atomic
def void_candidate_file(*, user, candidate: Candidate, reason: str) -> Candidate:
    """A candidate's file opened by mistake (the wrong person or cell) is voided with the
    reason; the person can then be followed by the right cell."""
    candidate = Candidate.objects.select_for_update(of=("self",)).select_related("person", "cell").get(pk=candidate.pk)
    void(candidate, user=user, reason=reason)
    record_audit(user=user, action="candidate.void", object_type="person", object_id=candidate.person.code,
                 before={"chi_bo": candidate.cell.code, "ngay_mo_ho_so": candidate.file_opened.isoformat()},
                 reason=candidate.void_reason)
    return candidate


@transaction.atomic
def set_candidate_documents(*, user, candidate, documents: list[str]):
    """Record which documents of the admission file a candidate has (audited)."""
    from .choices import ADMISSION_DOCUMENTS
    from .models import Candidate

    known = {code for code, _ in ADMISSION_DOCUMENTS}
    unknown = [d for d in documents if d not in known]
    if unknown:
        refuse(f"Giấy tờ không có trong hồ sơ kết nạp: {', '.join(unknown)}.", "giay_to", unknown, code="unknown_document")
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    before = list(candidate.documents)
    candidate.documents = [code for code, _ in ADMISSION_DOCUMENTS if code in documents]
    candidate.save(update_fields=["documents"])
    record_audit(user=user, action="candidate.documents", object_type="person", object_id=candidate.person.code,
                 before={"giay_to": before}, after={"giay_to": candidate.documents})
    return candidate
