"""API of the yearly assessment: a unit's grid with its quota, and saving ratings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Path, Router, Schema, Status

from dangbo.accounts.access import may_write, visible_version
from dangbo.core.api import COMMON, WRITE, Problem, not_found
from dangbo.domain import codes as C
from dangbo.domain.dates import FIRST_YEAR, LAST_YEAR

from . import selectors, services

router = Router(tags=["Đánh giá, xếp loại"])


class RatingRow(Schema):
    doi_tuong: str
    ma: str
    ten: str
    tinh_ty_le: bool
    xep_loai: str | None
    diem: int | None
    ghi_chu: str


class QuotaOut(Schema):
    ty_le: int
    tot_tro_len: int
    xuat_sac: int
    toi_da: int
    vuot: bool


class GridOut(Schema):
    nam: int
    ma_to_chuc: str
    da_khoa: bool
    ty_le_xuat_sac: QuotaOut | None
    dong: list[RatingRow]


class RatingIn(Schema):
    ma: str
    xep_loai: str
    diem: int | None = None
    ghi_chu: str = ""


class RatingsIn(Schema):
    xep_loai: list[RatingIn]
    ly_do_vuot: str | None = None


@not_found("Không có đơn vị đánh giá này trong phạm vi của bạn.")
def _unit(request, year: int, code: str):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    unit = visible_version(request.user, code, selectors.year_end(year))
    if unit.level not in (C.ROOT, *C.TCCSD_LEVELS):
        raise Http404
    return unit


@router.get("/ratings/{year}/{code}", response={200: GridOut, 404: Problem, **COMMON}, summary="Bảng xếp loại của một đơn vị trong năm")
def get_grid(request, code: str, year: int = Path(..., ge=FIRST_YEAR, le=LAST_YEAR)):
    unit = _unit(request, year, code)
    rows = selectors.grid(unit, year)
    q = selectors.grid_quota(year, [r.rating.level for r in rows if r.counted and r.rating])
    return {
        "nam": year, "ma_to_chuc": code, "da_khoa": selectors.is_closed(unit.root_id, year),
        "ty_le_xuat_sac": {"ty_le": q.percent, "tot_tro_len": q.good, "xuat_sac": q.excellent, "toi_da": q.limit,
                           "vuot": q.breached} if q else None,
        "dong": [{"doi_tuong": r.kind, "ma": r.code, "ten": r.name, "tinh_ty_le": r.counted,
                  "xep_loai": r.rating.level if r.rating else None, "diem": r.rating.score if r.rating else None,
                  "ghi_chu": r.rating.note if r.rating else ""} for r in rows]}


@router.post("/ratings/{year}/{code}", response=WRITE,
             summary="Ghi xếp loại (các dòng thay đổi) của bảng một đơn vị")
def post_grid(request, code: str, data: RatingsIn, year: int = Path(..., ge=FIRST_YEAR, le=LAST_YEAR)):
    unit = _unit(request, year, code)
    if not may_write(request.user, unit, selectors.year_end(year)):
        raise PermissionDenied
    n = services.save_ratings(user=request.user, year=year, unit=unit,
                              entries={r.ma: (r.xep_loai, r.diem, r.ghi_chu) for r in data.xep_loai},
                              override_reason=data.ly_do_vuot)
    return Status(201, {"id": n})
