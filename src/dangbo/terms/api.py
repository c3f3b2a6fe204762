"""API of terms: adding a congress target to a term."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Router, Schema, Status

from dangbo.core.api import WRITE, not_found

from . import services
from .selectors import term_for_writer

router = Router(tags=["Nhiệm kỳ, chỉ tiêu"])


class TargetIn(Schema):
    stt: int
    noi_dung: str
    chi_so: str = ""
    so_sanh: str = ""
    gia_tri: float | None = Field(None, ge=-1e9, le=1e9, allow_inf_nan=False)
    dat: bool | None = None


@router.post("/terms/{code}/targets", response=WRITE,
             summary="Thêm một chỉ tiêu vào nhiệm kỳ")
def post_target(request, code: str, data: TargetIn):
    with not_found("Không có nhiệm kỳ này trong phạm vi của bạn."):
        term = term_for_writer(request.user, code)
    target = services.add_target(user=request.user, term=term, number=data.stt, text=data.noi_dung, metric=data.chi_so,
                                 comparator=data.so_sanh,
                                 threshold=Decimal(str(data.gia_tri)) if data.gia_tri is not None else None, met=data.dat)
    return Status(201, {"id": target.pk})
