"""The basic statistics by the API (member-file.md): the keys of a unit in the caller's reach
on a date, and the same for each unit under it."""

from __future__ import annotations

from django.utils import timezone
from ninja import Router, Schema

from dangbo.accounts.access import visible_version
from dangbo.core.api import COMMON, Day, Problem, not_found
from dangbo.domain import basic_stats as S

from .selectors import count, for_unit, row_units

router = Router(tags=["Thống kê cơ bản"])


class UnitStats(Schema):
    ma: str
    ten: str
    chi_so: dict[str, int]


class StatsOut(Schema):
    to_chuc: str
    ngay_so_lieu: Day
    chi_so: dict[str, int]
    theo_don_vi: list[UnitStats]


@router.get("/stats/{code}", response={200: StatsOut, 404: Problem, **COMMON}, summary="Thống kê cơ bản về đảng viên")
def unit_stats(request, code: str, ngay: Day | None = None):
    """Every key of the basic statistics for the unit on `ngay` (default today), and for
    each unit directly under it (a root: its TCCSĐ)."""
    day = ngay or timezone.localdate()
    with not_found("Không có tổ chức này trong phạm vi của bạn vào ngày đó."):
        version = visible_version(request.user, code, day)
    asked = for_unit(version, day)
    stats = count(asked.scope)
    return {"to_chuc": code, "ngay_so_lieu": day, "chi_so": {k: stats.total[k] for k in S.KEYS},
            "theo_don_vi": [{"ma": c, "ten": name, "chi_so": {k: stats.rows[uid][k] for k in S.KEYS}}
                            for uid, c, name in row_units(stats, day)]}
