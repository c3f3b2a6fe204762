"""The regulatory rules the replay checks on a member event, as pure functions: each takes
the event, the person's state before it and the context, and returns the breaches it finds
(`Problem`s carrying the rule's code). The engine keeps them for new input only."""

from __future__ import annotations

import datetime as dt

from .. import codes as C
from ..dates import add_months, full_years, months_between
from ..problems import Problem
from .events import Context, MemberEvent
from .state import PersonState, Phase


def _breach(ev: MemberEvent, rule: str, column: str | None, value, message: str) -> Problem:
    return Problem(ev.ref, column, value, message, rule, code=rule)


def party_age(p: PersonState, day: dt.date) -> int:
    """Completed months of party age on `day` (domain.md: gaps outside the party removed)."""
    if p.first_admission is None:
        return 0
    return months_between(add_months(p.first_admission, p.gap_months), day)


def admission_breaches(ev: MemberEvent, p: PersonState, decided: dt.date, ctx: Context) -> list[Problem]:
    """Age at the decision, the awareness certificate, the file's age, and a readmission's
    waiting time and count."""
    rules, found = ctx.rules, []
    birth = ctx.birth_dates.get(ev.person)
    if birth is not None:
        age = full_years(birth, decided)
        lo, hi = rules.value("admission_age_min", decided), rules.value("admission_age_max", decided)
        if (lo is not None and age < lo) or (hi is not None and age > hi):
            bounds = f"{lo}–{hi}" if hi is not None else f"từ {lo}"
            found.append(_breach(ev, "admission_age", "ngay_quyet_dinh", decided,
                                 f"Tuổi khi kết nạp là {age}, ngoài khoảng {bounds} tuổi."))
    months = rules.value("awareness_certificate_months", decided)
    if months is not None:
        certs = [d for kind, d, done in ctx.certificates.get(ev.person, ())
                 if kind == "nhan_thuc" and done and d is not None and d <= decided]
        if not certs or add_months(max(certs), months) < decided:
            found.append(_breach(ev, "awareness_certificate", "ma_nguoi", ev.person,
                                 f"Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng còn hiệu lực ({months} tháng) tại ngày quyết định kết nạp."))
    opened = [d for d in ctx.files_opened.get(ev.person, ()) if d <= decided]
    limit = rules.value("admission_file_months", decided)
    if opened and limit is not None and add_months(max(opened), limit) < decided:
        found.append(_breach(ev, "admission_file_expired", "ngay_quyet_dinh", decided,
                             f"Hồ sơ kết nạp mở ngày {max(opened):%d/%m/%Y} đã quá {limit} tháng chưa được xem xét."))
    if p.phase == Phase.LEFT_STRUCK:
        gap = rules.value("readmission_gap_months", decided)
        times = rules.value("readmission_max_times", decided)
        if gap is not None and add_months(p.left_on, gap) > decided:  # type: ignore[arg-type]
            found.append(_breach(ev, "readmission_gap", "ngay_quyet_dinh", decided,
                                 f"Kết nạp lại khi chưa đủ {gap} tháng kể từ ngày ra khỏi Đảng ({p.left_on:%d/%m/%Y})."))
        if times is not None and p.readmissions >= times:
            found.append(_breach(ev, "readmission_times", "ma_nguoi", ev.person,
                                 f"Đã được kết nạp lại {p.readmissions} lần; chỉ được kết nạp lại {times} lần."))
    return found


def recognition_breaches(ev: MemberEvent, p: PersonState, day: dt.date, ctx: Context) -> list[Problem]:
    """The probation's length and the new members' class during it."""
    found = []
    months = ctx.rules.value("probation_months", day)
    if p.ceremony and add_months(p.ceremony, months) > day:
        found.append(_breach(ev, "official_too_early", "ngay", day,
                             f"Ngày chính thức sớm hơn {months} tháng kể từ lễ kết nạp ({p.ceremony:%d/%m/%Y})."))
    if p.ceremony:
        done = [d for kind, d, ok in ctx.certificates.get(ev.person, ())
                if kind == "dang_vien_moi" and ok and d is not None and p.ceremony <= d <= day]
        if not done:
            found.append(_breach(ev, "new_member_class", "ma_nguoi", ev.person,
                                 "Chưa hoàn thành lớp bồi dưỡng lý luận chính trị cho đảng viên mới trong thời gian dự bị."))
    return found


def badge_breaches(ev: MemberEvent, p: PersonState, day: dt.date, ctx: Context) -> list[Problem]:
    """The milestones' order, the party age (or how early), and a discipline's delay.
    The milestone itself (a hard error) is checked before."""
    rules, found = ctx.rules, []
    years = ev.years
    assert years is not None
    if p.badge is not None and p.badge >= years:
        found.append(_breach(ev, "badge_order", "so_nam", years, f"Đã nhận Huy hiệu {p.badge} năm."))
    age = party_age(p, day)
    need = years * 12
    if age < need:
        early = rules.value("badge_early_months_low" if years < 70 else "badge_early_months_high", day)
        if not ev.early:
            found.append(_breach(ev, "badge_party_age", "so_nam", years,
                                 f"Tuổi đảng {age // 12} năm {age % 12} tháng chưa đủ {years} năm (trao sớm cần đánh dấu 'som')."))
        elif need - age > early:
            found.append(_breach(ev, "badge_party_age", "so_nam", years, f"Trao sớm quá {early} tháng so với mốc {years} năm."))
    delays = rules.value("badge_delay_months", day) or {}
    for when, form in ctx.disciplines.get(ev.person, ()):
        months = delays.get(form)
        if months and when <= day < add_months(when, months):
            found.append(_breach(ev, "badge_discipline_delay", "ngay", day,
                                 f"Kỷ luật {form} ngày {when:%d/%m/%Y}: chưa hết {months} tháng hoãn xét Huy hiệu."))
    return found


def badge_milestones(ctx: Context, day: dt.date) -> tuple[int, ...]:
    return ctx.rules.value("badge_milestones", day) or C.BADGE_MILESTONES
