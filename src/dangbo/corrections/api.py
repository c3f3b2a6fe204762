"""The API of corrections: POST /api/<kind>/{id}/void for every kind of `kinds.KINDS`, and
/correct for those corrected by a new copy (the body named by the exchange format's columns)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Router, Schema, Status
from pydantic import Field

from dangbo.awards.api import AwardIn
from dangbo.core.api import WRITE, Day, VoidIn, not_found
from dangbo.domain.problems import FORM_REF, DomainError, Problem
from dangbo.inspection.api import DisciplineIn, InspectionIn
from dangbo.terms.api import TargetIn

from .kinds import KINDS, Kind, record_for_writer

router = Router(tags=["Hủy và sửa bản ghi"])


def _api_record(request, k: Kind, record_id: int):
    with not_found(f"Không có {k.label} này trong phạm vi ghi của bạn."):
        return record_for_writer(request.user, k, record_id)


def _add_void(k: Kind) -> None:
    def void(request, record_id: int, data: VoidIn):
        record = _api_record(request, k, record_id)
        k.void(user=request.user, reason=data.ly_do.strip(), **{k.arg: record})
        return Status(201, {"id": record.pk})

    router.post(f"/{k.api}/{{record_id}}/void", response=WRITE, operation_id=f"void_{k.api.replace('-', '_')}",
                summary=f"Hủy {k.label} ghi nhầm (có lý do)")(void)


class Correction(Schema):
    ly_do: Annotated[str, Field(min_length=1, max_length=2000, pattern=r"\S")]


class AwardCorrection(AwardIn, Correction):
    """The body of a new award (`POST /api/awards`) and the reason of the correction."""


class InspectionCorrection(InspectionIn, Correction):
    pass


class DisciplineCorrection(DisciplineIn, Correction):
    pass


class ClassCorrection(Correction):
    ten: str
    loai: str
    tu_ngay: Day
    den_ngay: Day | None = None
    ma_to_chuc: str


class StudyCorrection(Correction):
    ngay: Day
    dv_tong: int = Field(ge=0, le=2_000_000_000)
    dv_tham_gia: int = Field(ge=0, le=2_000_000_000)
    cnvc_tong: int = Field(ge=0, le=2_000_000_000)
    cnvc_tham_gia: int = Field(ge=0, le=2_000_000_000)


class TargetCorrection(TargetIn, Correction):
    stt: int = Field(ge=1, le=32767)


def _as_posted(value) -> str:
    """A body's value as the page's form receives it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _add_correct(k: Kind, schema: type[Correction]) -> None:
    def correct(request, record_id: int, data):
        record = _api_record(request, k, record_id)
        # the API's body passes through the page's form: one set of checks and messages
        posted = {n: _as_posted(v) for n, v in data.dict().items()}
        assert k.form is not None and k.correct is not None
        form = k.form(posted)
        if not form.is_valid():
            raise DomainError([Problem(FORM_REF, n, None, f"{form.fields[n].label}: {' '.join(str(m) for m in e)}",
                                       code="form_invalid")
                               for n, e in form.errors.items()])
        if not form.cleaned_data["ly_do"].strip():
            raise DomainError([Problem(FORM_REF, "ly_do", None, "Sửa một bản ghi cần ghi rõ lý do.", code="reason_missing")])
        with not_found("Đối tượng hoặc đơn vị đã nhập không thuộc phạm vi ghi của bạn vào ngày này."):
            new = k.correct(request.user, record, form.cleaned_data["ly_do"].strip(), form.cleaned_data)
        return Status(201, {"id": new.pk})

    correct.__annotations__["data"] = schema
    router.post(f"/{k.api}/{{record_id}}/correct", response=WRITE, operation_id=f"correct_{k.api.replace('-', '_')}",
                summary=f"Sửa {k.label} (bản sửa thay bản cũ)")(correct)


for _k in KINDS.values():
    _add_void(_k)
for _slug, _schema in (("khen-thuong", AwardCorrection), ("kiem-tra", InspectionCorrection),
                       ("ky-luat", DisciplineCorrection), ("lop-hoc", ClassCorrection), ("hoc-tap", StudyCorrection),
                       ("chi-tieu", TargetCorrection)):
    _add_correct(KINDS[_slug], _schema)
