"""Reads of the register on any date: members of a subtree, a member's state, alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Left

from dangbo.accounts.access import SENSITIVE_ROLES, visible_people
from dangbo.core.temporal import on
from dangbo.domain import codes as C
from dangbo.domain import file_codes as FC
from dangbo.domain import member_file as MF
from dangbo.domain.dates import add_months, add_working_days, months_between, next_award_occasion
from dangbo.domain.text import fold, sort_key
from dangbo.orgs.models import Org
from dangbo.orgs.selectors import subtree_versions
from dangbo.rules.selectors import holidays, rulebook

from .models import MemberEvent, MemberSpell, NameKey, Person

_PAST_EVERY_KEY = "\U0010ffff"  # after every key that begins the same: keys are in byte order


def _begins(key: str, path: str = "") -> Q:
    """Name keys that begin with `key` (a range of the key index); one or two letters ("an")
    are a whole word, which is what so short a search means."""
    if len(key) < 3:
        return Q(**{f"{path}key": key}) | Q(**{f"{path}key__gte": f"{key} ", f"{path}key__lt": f"{key} {_PAST_EVERY_KEY}"})
    return Q(**{f"{path}key__gte": key, f"{path}key__lt": key + _PAST_EVERY_KEY})


def _earlier_match(key: str):
    """Whether the same person has an earlier word that begins with `key` too (a subquery
    of the outer row's person and position), written so that it is not a range of the key
    index: asked of one person's few keys, found by the (person, position) index."""
    word = key if len(key) >= 3 else f"{key} "
    same = Q(_start=word) if len(key) >= 3 else Q(key=key) | Q(_start=word)
    return (NameKey.objects.filter(person_id=OuterRef("person_id"), position__lt=OuterRef("_position"))
            .annotate(_start=Left("key", len(word))).filter(same))


def searched(spells, typed: str):
    """The spells of the persons a search names: the person whose code was typed, or those
    whose name's words begin with it, diacritics aside ("van an" finds "Nguyễn Văn Anh").
    Names come ordered by the words that matched, each person once (at the first word that
    does), so the first page is read off the key index however many names match."""
    typed = typed.strip()
    coded = list(Person.objects.filter(code__in={typed, typed.upper()}).values_list("id", flat=True))
    if coded:
        return spells.filter(person_id__in=coded).order_by("person_id")
    key = fold(typed)
    if not key:
        return spells.none()
    return (spells.filter(_begins(key, "person__name_keys__"))
            .annotate(_key=F("person__name_keys__key"), _position=F("person__name_keys__position"))
            .filter(~Exists(_earlier_match(key))).order_by("_key", "person_id"))


def spells_on(day: dt.date):
    return MemberSpell.objects.filter(on(day))


def members_on(org: Org | int, day: dt.date):
    """Membership spells of everyone in the unit's subtree on `day`, with person and cell."""
    cells = subtree_versions(org, day).filter(level__in=C.CELL_LEVELS).values("org_id")
    return spells_on(day).filter(cell_id__in=cells).select_related("person", "cell")


def member_page(org: Org | int, day: dt.date, page: int = 1, size: int = 50):
    """One page of the member list of a subtree on a date, by name."""
    start = (page - 1) * size
    return list(members_on(org, day).order_by("person__sort_name", "person_id")[start:start + size])


@dataclass
class MemberState:
    """A person's membership on a date."""

    status: str
    cell_id: int
    exempt: bool
    party_age_months: int
    card_no: str
    badge_years: int | None


def member_state(person: Person | int, day: dt.date) -> MemberState | None:
    pid = person.pk if isinstance(person, Person) else person
    s = spells_on(day).filter(person_id=pid).first()
    if s is None:
        return None
    return MemberState(s.status, s.cell_id, s.exempt, months_between(s.party_age_from, day), s.card_no, s.badge_years)


@dataclass
class Alert:
    """Something on the dashboard: which rule, about whom, and why."""

    kind: str
    subject_type: str
    subject_id: int
    message: str


def alerts_on(org: Org | int, day: dt.date) -> list[Alert]:
    """The alerts of domain.md for the unit's subtree on `day`."""
    rules = rulebook()
    out: list[Alert] = []
    hol = holidays()
    probation = rules.value("probation_months", day)
    grace = rules.value("probation_grace_working_days", day)
    card_months = rules.value("card_alert_months", day)
    milestones = rules.value("badge_milestones", day) or C.BADGE_MILESTONES
    occasion = next_award_occasion(day)
    members = members_on(org, day).select_related(None).order_by("person__sort_name", "person_id")
    fields = ("person_id", "person__full_name", "ceremony_date", "official_date", "party_age_from", "badge_years")
    # Each query narrows in SQL a month wider than the rule, then the rule is applied exactly.
    overdue = members.filter(status="du_bi", ceremony_date__lte=add_months(day, 1 - probation)) if probation else members.none()
    for pid, name, ceremony, _official, _from, _badge in overdue.values_list(*fields):
        due = add_working_days(add_months(ceremony, probation), grace, hol)
        if day > due:
            out.append(Alert("probation_overdue", "person", pid,
                             f"{name}: quá hạn xét chính thức (lễ kết nạp {ceremony:%d/%m/%Y}, hạn {due:%d/%m/%Y})."))
    no_card = (members.filter(status="chinh_thuc", card_no="", official_date__lt=add_months(day, 1 - card_months))
               if card_months is not None else members.none())
    for pid, name, _ceremony, official, _from, _badge in no_card.values_list(*fields):
        if add_months(official, card_months) < day:
            out.append(Alert("card_missing", "person", pid, f"{name}: chính thức từ {official:%d/%m/%Y} nhưng chưa được phát thẻ."))
    due_q = Q(pk__in=[])
    for m in milestones:
        due_q |= Q(party_age_from__lte=add_months(occasion, 1 - 12 * m)) & (Q(badge_years__isnull=True) | Q(badge_years__lt=m))
    senior = members.filter(due_q)
    for pid, name, _ceremony, _official, since, badge in senior.values_list(*fields):
        age = months_between(since, occasion)
        reached = [m for m in milestones if age >= m * 12 and (badge or 0) < m]
        if reached:
            out.append(Alert("badge_due", "person", pid,
                             f"{name}: đủ {max(reached)} năm tuổi đảng vào dịp {occasion:%d/%m/%Y}, chưa nhận Huy hiệu."))
    min_official = rules.value("cell_min_official", day)
    upgrade = rules.value("cell_upgrade_members", day)
    cells = subtree_versions(org, day).filter(level__in=C.CELL_LEVELS)
    counts = {r["cell_id"]: r for r in spells_on(day).filter(cell_id__in=cells.values("org_id")).values("cell_id").annotate(
        total=Count("id"), official=Count("id", filter=Q(status="chinh_thuc")))}
    for v in cells:
        c = counts.get(v.org_id, {"total": 0, "official": 0})
        if c["official"] < min_official:
            out.append(Alert("cell_small", "org", v.org_id, f"{v.name}: chỉ có {c['official']} đảng viên chính thức (dưới {min_official})."))
        if v.level == C.CBCS and c["total"] >= upgrade:
            out.append(Alert("cell_upgrade", "org", v.org_id, f"{v.name}: có {c['total']} đảng viên, đủ điều kiện nâng cấp thành đảng bộ cơ sở."))
    out += meeting_alerts(cells, members, day, rules.value("absence_months_per_year", day))
    return out


def meeting_alerts(cells, members, day: dt.date, absence_months: int | None) -> list[Alert]:
    """Cells with no regular meeting in the last complete month, and members absent without
    reason from the regular meetings of `absence_months` months of the current year (the
    ground for striking off, Điều lệ art. 8). A subtree that records no meeting at all in
    the last year is not alerted: its meetings are not kept in dangbo (yet)."""
    from dangbo.meetings.models import Attendance, Meeting

    out: list[Alert] = []
    month_end = day.replace(day=1) - dt.timedelta(days=1)
    month_start = month_end.replace(day=1)
    regular = Meeting.objects.current().filter(kind="thuong_ky", cell_id__in=cells.values("org_id"))
    if not regular.filter(date__gt=add_months(day, -12), date__lte=day).exists():
        return out
    held = set(regular.filter(date__gte=month_start, date__lte=month_end).values_list("cell_id", flat=True))
    for v in cells.filter(valid_from__lte=month_start):
        if v.org_id not in held:
            out.append(Alert("no_meeting", "org", v.org_id,
                             f"{v.name}: không có buổi sinh hoạt thường kỳ nào trong tháng {month_end:%m/%Y}."))
    if absence_months:
        absent = (Attendance.objects.current().filter(
            status="vang_khong_ly_do", meeting__in=regular.filter(date__gte=day.replace(month=1, day=1), date__lte=day),
            person_id__in=members.order_by().values("person_id"))
            .values_list("person_id", "person__full_name", "meeting__date"))
        months: dict[tuple[int, str], set[int]] = {}
        for pid, name, when in absent:
            months.setdefault((pid, name), set()).add(when.month)
        for (pid, name), seen in sorted(months.items(), key=lambda kv: sort_key(kv[0][1])):
            if len(seen) >= absence_months:
                out.append(Alert("absent", "person", pid,
                                 f"{name}: vắng sinh hoạt không lý do {len(seen)} tháng trong năm {day.year} "
                                 f"(từ {absence_months} tháng là căn cứ xóa tên)."))
    return out


def event_for_writer(user, event_id: int) -> MemberEvent:
    """The member event `event_id` if `user` may write about its person today and on its date
    (the rule of every write); Http404 otherwise, an unknown id alike."""
    from django.http import Http404

    from dangbo.accounts.access import reaches_now_and_then

    event = MemberEvent.objects.select_related("person", "cell").filter(pk=event_id).first() if 0 < event_id < 2**63 else None
    if event is None or not reaches_now_and_then(user, event.person, event.date):
        raise Http404
    return event


def official_spells(codes: list[str]) -> dict[str, list[tuple[dt.date, dt.date | None]]]:
    """The official spells (from, to) of the persons with these codes: an empty list for a
    person never official; no entry for a code that names nobody."""
    out: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    for i in range(0, len(codes), 900):
        part = codes[i:i + 900]
        out.update((c, []) for c in Person.objects.filter(code__in=part).values_list("code", flat=True))
        for code, vf, vt in (MemberSpell.objects.filter(person__code__in=part, status=C.MemberStatus.CHINH_THUC)
                             .values_list("person__code", "valid_from", "valid_to")):
            out[code].append((vf, vt))
    return out


def official_during(spells, day: dt.date) -> bool:
    """Does one of these official spells cover the end of `day`?"""
    return any(start <= day and (end is None or day < end) for start, end in spells)


def official_on(code: str, day: dt.date) -> bool | None:
    """Is the person with `code` an official member at the end of `day` (None: no such
    person; the text is then the name of someone outside the register)?"""
    spells = official_spells([code]).get(code)
    return None if spells is None else official_during(spells, day)


def _unclear(detail: MF.Detail) -> Q:
    known = FC.gdpt_values() if detail.kind == "gdpt" else FC.codes(detail.kind)
    return ~Q(**{detail.field: ""}) & ~Q(**{f"{detail.field}__in": known})


def files_to_correct(user, day: dt.date):
    """The persons `user` sees whose file holds a coded detail stored as text that matches
    no code (kept from before the coding): the sensitive details (an ethnic group, a
    religion) count only for the persons the user reaches through a role that reads them."""
    open_q, sensitive_q = Q(), Q()
    for d in MF.CODED:
        if d.sensitive:
            sensitive_q |= _unclear(d)
        else:
            open_q |= _unclear(d)
    readable = visible_people(user, day, SENSITIVE_ROLES)
    return Person.objects.filter(open_q | (sensitive_q & Q(id__in=readable)), id__in=visible_people(user, day))
