"""Reads of the register on any date: members of a subtree, a member's state, alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from dangbo.core.temporal import on
from dangbo.domain import codes as C
from dangbo.domain.dates import add_months, add_working_days, months_between, next_award_occasion
from dangbo.orgs.models import Org
from dangbo.orgs.selectors import subtree_versions
from dangbo.rules.selectors import holidays, rulebook

from .models import MemberSpell, Person


def spells_on(day: dt.date):
    return MemberSpell.objects.filter(on(day))


def members_on(org: Org | int, day: dt.date):
    """Membership spells of everyone in the unit's subtree on `day`, with person and cell."""
    cells = subtree_versions(org, day).filter(level__in=C.CELL_LEVELS).values("org_id")
    return spells_on(day).filter(cell_id__in=cells).select_related("person", "cell")


def member_page(org: Org | int, day: dt.date, page: int = 1, size: int = 50):
    """One page of the member list of a subtree on a date, by name."""
    start = (page - 1) * size
    return list(members_on(org, day).order_by("person__search_name", "person_id")[start:start + size])


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
    for s in members_on(org, day).select_related(None).select_related("person").iterator(chunk_size=5000):
        name = s.person.full_name
        if s.status == "du_bi" and s.ceremony_date:
            due = add_working_days(add_months(s.ceremony_date, probation), grace, hol)
            if day > due:
                out.append(Alert("probation_overdue", "person", s.person_id,
                                 f"{name}: quá hạn xét chính thức (lễ kết nạp {s.ceremony_date:%d/%m/%Y}, hạn {due:%d/%m/%Y})."))
        if s.status == "chinh_thuc" and not s.card_no and s.official_date and add_months(s.official_date, card_months) < day:
            out.append(Alert("card_missing", "person", s.person_id,
                             f"{name}: chính thức từ {s.official_date:%d/%m/%Y} nhưng chưa được phát thẻ."))
        age = months_between(s.party_age_from, occasion)
        reached = [m for m in milestones if age >= m * 12 and (s.badge_years or 0) < m]
        if reached:
            out.append(Alert("badge_due", "person", s.person_id,
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
    return out
