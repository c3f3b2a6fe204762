"""Rules of the records beside the events: classes, study, ratings, inspections, discipline,
awards, meetings, candidates, terms and targets.

Each check takes the state of the register (a `ReplayResult`: units and members on any
date) and returns the problems of one record; the importer and the single-record services
call the same functions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from . import codes as C
from .counting_root import cell_scope, rating_scope, unit_scope
from .dates import FIRST_YEAR, LAST_YEAR, ONE_DAY, add_months
from .metric_keys import ALL_KEYS
from .problems import Problem, Ref
from .replay import ReplayResult
from .rulebook import RuleBook


@dataclass
class World:
    """What a record check may look at."""

    register: ReplayResult
    rules: RuleBook
    persons: set[str]
    classes: dict[str, dt.date] = field(default_factory=dict)  # code -> start
    meetings: dict[str, tuple[str, dt.date]] = field(default_factory=dict)  # code -> (cell, date)
    terms: dict[str, tuple[str, dt.date, dt.date]] = field(default_factory=dict)
    closed_years: set[tuple[str, int]] = field(default_factory=set)  # (root code, year)
    disciplines: dict[str, list[tuple[dt.date, str]]] = field(default_factory=dict)  # person -> [(date, form)]

    def org_on(self, code, day):
        return self.register.org_on(code, day)

    def member_on(self, person, day):
        return self.register.spell_on(person, day)


def _p(code: str, ref: Ref, column: str | None, value, message: str, rule: str | None = None) -> Problem:
    """A problem of a record under its stable code (a breach's code is its rule's)."""
    return Problem(ref, column, value, message, rule, code=code)


def _need_org(world: World, ref: Ref, column: str, code: str, day: dt.date, out: list[Problem],
              or_day_before: bool = False):
    org = world.org_on(code, day) or (world.org_on(code, day - ONE_DAY) if or_day_before else None)
    if org is None:
        out.append(_p("unit_missing", ref, column, code, f"Tổ chức {code} không tồn tại vào ngày {day:%d/%m/%Y}."))
    return org


def _need_member(world: World, ref: Ref, column: str, code: str, day: dt.date, out: list[Problem],
                 or_day_before: bool = False):
    if code not in world.persons:
        out.append(_p("unknown_person", ref, column, code, f"Không có người mang mã {code}."))
        return None
    spell = world.member_on(code, day) or (world.member_on(code, day - ONE_DAY) if or_day_before else None)
    if spell is None:
        out.append(_p("not_a_member", ref, column, code, f"{code} không phải là đảng viên vào ngày {day:%d/%m/%Y}."))
    return spell


def check_class(world: World, ref: Ref, *, start: dt.date, end: dt.date | None, org: str) -> list[Problem]:
    out: list[Problem] = []
    if end is not None and end < start:
        out.append(_p("end_before_start", ref, "den_ngay", end, "Ngày kết thúc trước ngày bắt đầu."))
    _need_org(world, ref, "ma_to_chuc", org, start, out)
    return out


def check_enrolment(world: World, ref: Ref, *, class_code: str, person: str) -> list[Problem]:
    out: list[Problem] = []
    if class_code not in world.classes:
        out.append(_p("unknown_class", ref, "ma_lop", class_code, f"Không có lớp mang mã {class_code}."))
    if person not in world.persons:
        out.append(_p("unknown_person", ref, "ma_nguoi", person, f"Không có người mang mã {person}."))
    return out


def check_study(world: World, ref: Ref, *, day: dt.date, org: str, dv_tong: int, dv_tham_gia: int,
                cnvc_tong: int, cnvc_tham_gia: int) -> list[Problem]:
    out: list[Problem] = []
    _need_org(world, ref, "ma_to_chuc", org, day, out)
    for col, v in (("dv_tong", dv_tong), ("dv_tham_gia", dv_tham_gia), ("cnvc_tong", cnvc_tong), ("cnvc_tham_gia", cnvc_tham_gia)):
        if v < 0:
            out.append(_p("negative", ref, col, v, "Không được âm."))
    if dv_tham_gia > dv_tong:
        out.append(_p("reached_over_expected", ref, "dv_tham_gia", dv_tham_gia, f"Số đảng viên tham gia lớn hơn số phải học ({dv_tong})."))
    if cnvc_tham_gia > cnvc_tong:
        out.append(_p("reached_over_expected", ref, "cnvc_tham_gia", cnvc_tham_gia, f"Số CNVC-LĐ tham gia lớn hơn số phải học ({cnvc_tong})."))
    return out


def score_band(rules: RuleBook, year: int, score: int) -> str | None:
    """The level a score gives in `year` (None when no bands apply that year)."""
    bands = rules.value("score_bands", dt.date(year, 12, 31))
    if not bands:
        return None
    for level in ("xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"):
        if score >= bands[level]:
            return level
    return "khong_hoan_thanh"


def check_rating(world: World, ref: Ref, *, year: int, subject_kind: str, code: str, level: str,
                 score: int | None) -> list[Problem]:
    return rating_checked(world, ref, year=year, subject_kind=subject_kind, code=code, level=level, score=score)[0]


def rating_checked(world: World, ref: Ref, *, year: int, subject_kind: str, code: str, level: str,
                   score: int | None) -> tuple[list[Problem], str | None, str | None]:
    """The problems of a rating, and its counting root and quota group (`scope.rating_scope`),
    found with the same look-ups (the importer asks this of tens of millions of rows)."""
    out: list[Problem] = []
    day = dt.date(year, 12, 31) if FIRST_YEAR <= year <= LAST_YEAR else None
    if day is None:
        out.append(_p("year_invalid", ref, "nam", year, "Năm không hợp lệ."))
        return out, None, None
    if subject_kind == "to_chuc":
        unit = _need_org(world, ref, "ma", code, day, out)
        counted, group = unit_scope(unit) if unit is not None else (None, None)
    else:
        spell = _need_member(world, ref, "ma", code, day, out)
        unit = world.org_on(spell.cell, day) if spell else None
        counted, group = cell_scope(unit) if unit is not None else (None, None)
    root = unit.path[0] if unit is not None else None  # a closed year binds every rating of the root
    if score is not None:
        if not 0 <= score <= 100:
            out.append(_p("score_out_of_range", ref, "diem", score, "Điểm phải từ 0 đến 100."))
        elif level != "khong_xep_loai":
            band = score_band(world.rules, year, score)
            if band is not None and band != level:
                out.append(_p("score_band", ref, "diem", score, f"Điểm {score} ứng với mức {band}, không khớp xếp loại {level}.", "score_band"))
    if root is not None and (root, year) in world.closed_years:
        out.append(_p("closed_year", ref, "nam", year, f"Năm {year} đã khóa đánh giá; thay đổi cần được cho phép.", "closed_year"))
    return out, counted, group


@dataclass(frozen=True)
class Quota:
    """The excellent-rating quota of one group (a TCCSĐ's members, or a root's TCCSĐ) in a year."""

    percent: int
    good: int  # rated `tot` or `xuat_sac`
    excellent: int
    limit: int

    @property
    def breached(self) -> bool:
        return self.excellent > self.limit

    @property
    def room(self) -> int:
        """How many more `xuat_sac` the group may still give (negative: over by that many)."""
        return self.limit - self.excellent


def excellent_quota(rules: RuleBook, year: int, levels) -> Quota | None:
    """`xuat_sac` ≤ ⌊p% × (tot + xuat_sac)⌋ over the levels of one group; None before the rule."""
    levels = list(levels)
    good = sum(1 for lvl in levels if lvl in ("tot", "xuat_sac"))
    excellent = sum(1 for lvl in levels if lvl == "xuat_sac")
    return quota_of(rules, year, good, excellent)


def quota_of(rules: RuleBook, year: int, good: int, excellent: int) -> Quota | None:
    """The quota of a group with `good` ratings `tot` or `xuat_sac`, `excellent` of them
    `xuat_sac`; None before the rule."""
    percent = rules.value("excellent_quota_percent", dt.date(year, 12, 31))
    if percent is None:
        return None
    return Quota(percent, good, excellent, math.floor(percent * good / 100))


def quota_breaches(world: World, ratings: list[tuple[Ref, int, str, str, str, bool]]) -> list[Problem]:
    """The excellent-rating quota: `xuat_sac` ≤ ⌊p% × (tot + xuat_sac)⌋.

    `ratings` holds (ref, year, subject kind, code, level, is_new). Members are grouped by
    their TCCSĐ and TCCSĐ by their root, both on 31 December. A breach is reported on the
    new `xuat_sac` rows of the group.
    """
    groups: dict[tuple, list] = defaultdict(list)
    for ref, year, kind, code, level, is_new in ratings:
        _root, group = rating_scope(world.register, kind, code, year)
        if group is not None:
            groups[(kind, year, group)].append((ref, level, is_new))
    out: list = []
    for (kind, year, unit), rows in groups.items():
        quota = excellent_quota(world.rules, year, [lvl for _, lvl, _ in rows])
        if quota is not None and quota.breached:
            out.extend(quota_breach(ref, kind, year, unit, quota) for ref, lvl, is_new in rows if is_new and lvl == "xuat_sac")
    return out


def quota_breach(ref: Ref, kind: str, year: int, unit: str, quota: Quota) -> Problem:
    """The breach of a group's quota, said on one of its new `xuat_sac` rows."""
    who = "tổ chức cơ sở đảng của" if kind == "to_chuc" else "đảng viên của"
    return _p("excellent_quota", ref, "xep_loai", "xuat_sac",
              f"Năm {year}, {who} {unit}: {quota.excellent} xuất sắc vượt mức {quota.limit} "
              f"(≤ {quota.percent}% của {quota.good} hoàn thành tốt trở lên): thừa {quota.excellent - quota.limit}.",
              "excellent_quota")


def check_inspection(world: World, ref: Ref, *, day: dt.date, actor: str, body: str, subject_kind: str,
                     subject: str) -> list[Problem]:
    out: list[Problem] = []
    org = _need_org(world, ref, "ma_chu_the", actor, day, out)
    if org is not None and body == "ubkt" and org.level in C.CELL_LEVELS:
        out.append(_p("no_inspection_committee", ref, "co_quan", body, "Chi bộ không có ủy ban kiểm tra: cơ quan ubkt chỉ dùng cho đảng bộ."))
    if subject_kind == "to_chuc":
        _need_org(world, ref, "ma_doi_tuong", subject, day, out, or_day_before=True)
    else:
        _need_member(world, ref, "ma_doi_tuong", subject, day, out, or_day_before=True)
    return out


def check_discipline(world: World, ref: Ref, *, day: dt.date, subject_kind: str, subject: str, form: str,
                     decided_by: str) -> list[Problem]:
    out: list[Problem] = []
    _need_org(world, ref, "ma_co_quan", decided_by, day, out, or_day_before=True)
    allowed = C.DISCIPLINE_ORG if subject_kind == "to_chuc" else C.DISCIPLINE_MEMBER
    if form not in allowed:
        who = "tổ chức" if subject_kind == "to_chuc" else "đảng viên"
        out.append(_p("discipline_form_not_allowed", ref, "hinh_thuc", form, f"Hình thức kỷ luật {who} chỉ gồm: {', '.join(allowed)}."))
        return out
    if subject_kind == "to_chuc":
        _need_org(world, ref, "ma_doi_tuong", subject, day, out, or_day_before=True)
        return out
    # An expulsion takes the member out that day, so it is judged on the day before.
    spell = _need_member(world, ref, "ma_doi_tuong", subject, day - ONE_DAY if form == "khai_tru" else day,
                         out, or_day_before=form != "khai_tru")
    if spell is not None and spell.status == "du_bi":
        allowed_p = world.rules.value("probationary_discipline_forms", day) or []
        if form not in allowed_p:
            out.append(_p("probationary_discipline", ref, "hinh_thuc", form, f"Đảng viên dự bị chỉ bị kỷ luật {' hoặc '.join(allowed_p)}.",
                          "probationary_discipline"))
    return out


def check_award(world: World, ref: Ref, *, day: dt.date, subject_kind: str, subject: str,
                granted_by: str | None) -> list[Problem]:
    out: list[Problem] = []
    if subject_kind == "tap_the":
        _need_org(world, ref, "ma_doi_tuong", subject, day, out)
    else:
        _need_member(world, ref, "ma_doi_tuong", subject, day, out)
        months = world.rules.value("award_discipline_months", day)
        for when, form in world.disciplines.get(subject, []):
            if months and when <= day < add_months(when, months):
                out.append(_p("award_after_discipline", ref, "ngay", day, f"{subject} bị kỷ luật {form} ngày {when:%d/%m/%Y}: chưa được khen thưởng "
                              f"hay đề nghị khen thưởng trước ngày {add_months(when, months):%d/%m/%Y}.", "award_after_discipline"))
    if granted_by:
        _need_org(world, ref, "ma_co_quan", granted_by, day, out)
    return out


def check_meeting(world: World, ref: Ref, *, day: dt.date, cell: str) -> list[Problem]:
    out: list[Problem] = []
    org = _need_org(world, ref, "ma_to_chuc", cell, day, out)
    if org is not None and org.level not in C.CELL_LEVELS:
        out.append(_p("not_a_cell", ref, "ma_to_chuc", cell, f"{cell} không phải là chi bộ."))
    return out


def check_attendance(world: World, ref: Ref, *, meeting: str, person: str) -> list[Problem]:
    out: list[Problem] = []
    if meeting not in world.meetings:
        out.append(_p("unknown_meeting", ref, "ma_sinh_hoat", meeting, f"Không có buổi sinh hoạt mang mã {meeting}."))
        return out
    cell, day = world.meetings[meeting]
    spell = _need_member(world, ref, "ma_nguoi", person, day, out)
    if spell is not None and spell.cell != cell:
        out.append(_p("not_in_cell", ref, "ma_nguoi", person, f"{person} không sinh hoạt ở chi bộ {cell} vào ngày {day:%d/%m/%Y}."))
    return out


def check_candidate(world: World, ref: Ref, *, person: str, cell: str, opened: dt.date) -> list[Problem]:
    out: list[Problem] = []
    if person not in world.persons:
        out.append(_p("unknown_person", ref, "ma_nguoi", person, f"Không có người mang mã {person}."))
    elif world.member_on(person, opened) is not None:
        out.append(_p("already_a_member", ref, "ma_nguoi", person, f"{person} đã là đảng viên vào ngày {opened:%d/%m/%Y}."))
    check = check_meeting(world, ref, day=opened, cell=cell)
    out.extend(Problem(p.ref, "ma_to_chuc", p.value, p.message, p.rule, p.code) for p in check)
    return out


def check_term(world: World, ref: Ref, *, org: str, start: dt.date, end: dt.date) -> list[Problem]:
    out: list[Problem] = []
    if end < start:
        out.append(_p("end_before_start", ref, "den_ngay", end, "Ngày kết thúc nhiệm kỳ trước ngày bắt đầu."))
    unit = _need_org(world, ref, "ma_to_chuc", org, end, out)
    if unit is not None and unit.level != C.ROOT:
        out.append(_p("term_not_of_a_root", ref, "ma_to_chuc", org, "Nhiệm kỳ thuộc về một đảng bộ cấp trên trực tiếp cơ sở."))
    return out


def check_target(world: World, ref: Ref, *, term: str, metric: str | None, comparator: str | None,
                 threshold, met: bool | None) -> list[Problem]:
    out: list[Problem] = []
    if term not in world.terms:
        out.append(_p("unknown_term", ref, "ma_nhiem_ky", term, f"Không có nhiệm kỳ mang mã {term}."))
    if metric:
        if metric not in ALL_KEYS:
            out.append(_p("unknown_metric", ref, "chi_so", metric, "Không phải là chỉ số của báo cáo nhiệm kỳ."))
        if comparator is None:
            out.append(_p("comparator_missing", ref, "so_sanh", None, "Chỉ tiêu gắn chỉ số cần phép so sánh (>= hoặc <=)."))
        if threshold is None:
            out.append(_p("threshold_missing", ref, "gia_tri", None, "Chỉ tiêu gắn chỉ số cần giá trị ngưỡng."))
    elif met is None:
        out.append(_p("judgement_missing", ref, "dat", None, "Chỉ tiêu đánh giá thủ công cần cột dat (1 đạt, 0 không đạt)."))
    return out


# ---- the member's file (member-file.md) ----------------------------------------------------
INTRODUCER_COLUMNS = ("nguoi_gioi_thieu_1", "nguoi_gioi_thieu_2")


def check_introducers(ref: Ref, *, kind: str, day: dt.date, person: str, introducers: tuple[str, str],
                      official) -> list[Problem]:
    """The two introducers of an admission: a person code of the register must name an
    official member on the day (`official(code, day)`: True/False, None for a code the
    register does not know — then it is the name of someone outside it); nobody introduces
    themselves, and the two are two people."""
    out: list[Problem] = []
    given = [(c, t.strip()) for c, t in zip(INTRODUCER_COLUMNS, introducers, strict=True) if t and t.strip()]
    for column, text in given:
        if kind != "ket_nap":
            out.append(_p("introducer_not_admission", ref, column, text, "Người giới thiệu chỉ ghi ở biến động kết nạp."))
        elif text == person:
            out.append(_p("introducer_self", ref, column, text, "Người được kết nạp không tự giới thiệu mình."))
        elif official(text, day) is False:
            out.append(_p("introducer_not_official", ref, column, text,
                          f"Người giới thiệu {text} không phải đảng viên chính thức vào ngày {day:%d/%m/%Y}."))
    if len(given) == 2 and given[0][1] == given[1][1] and kind == "ket_nap":
        out.append(_p("introducer_twice", ref, "nguoi_gioi_thieu_2", given[1][1], "Hai người giới thiệu phải là hai người khác nhau."))
    return out


def check_work_history(world: World, ref: Ref, *, person: str, start: dt.date, end: dt.date | None) -> list[Problem]:
    """A line of the work history: about a person of the register, ending after it starts."""
    out: list[Problem] = []
    if person not in world.persons:
        out.append(_p("unknown_person", ref, "ma_nguoi", person, f"Không có người mang mã {person} (thêm vào sheet nguoi)."))
    if end is not None and end < start:
        out.append(_p("end_before_start", ref, "den_thang", f"{end:%m/%Y}", f"Đến tháng {end:%m/%Y} trước từ tháng {start:%m/%Y}."))
    return out


def check_family_member(world: World, ref: Ref, *, person: str) -> list[Problem]:
    out: list[Problem] = []
    if person not in world.persons:
        out.append(_p("unknown_person", ref, "ma_nguoi", person, f"Không có người mang mã {person} (thêm vào sheet nguoi)."))
    return out
