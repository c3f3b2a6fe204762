"""API of training classes: list, plan, enrol, results."""

from __future__ import annotations

from django.utils import timezone
from ninja import Router, Schema, Status

from dangbo.accounts.access import require_writer, visible_people, writable_version
from dangbo.accounts.choices import WRITERS
from dangbo.core.api import COMMON, WRITE, Day, Limit, Offset, not_found, require
from dangbo.members.models import Person

from . import services
from .selectors import classes_in_reach, learners_named

router = Router(tags=["Lớp học"])


class ClassOut(Schema):
    ma: str
    ten: str
    loai: str
    tu_ngay: Day
    den_ngay: Day | None
    ma_to_chuc: str


class ClassIn(Schema):
    ma: str
    ten: str
    loai: str
    tu_ngay: Day
    den_ngay: Day | None = None
    ma_to_chuc: str


class EnrolIn(Schema):
    ma_nguoi: list[str]


class ResultIn(Schema):
    ma_nguoi: str
    ket_qua: str = ""
    ngay_cap_chung_chi: Day | None = None


@router.get("/classes", response={200: list[ClassOut], **COMMON}, summary="Các lớp học trong phạm vi")
def list_classes(request, limit: int = Limit, offset: int = Offset):
    rows = classes_in_reach(request.user, timezone.localdate()).select_related("org").order_by("-start", "code")
    return [{"ma": c.code, "ten": c.name, "loai": c.kind, "tu_ngay": c.start, "den_ngay": c.end, "ma_to_chuc": c.org.code}
            for c in rows[offset:offset + limit]]


@router.post("/classes", response=WRITE, summary="Mở một lớp học")
def post_class(request, data: ClassIn):
    require_writer(request.user, data.tu_ngay)
    with not_found("Không có đơn vị này trong phạm vi của bạn."):
        org = writable_version(request.user, data.ma_to_chuc, data.tu_ngay).org
    cls = services.plan_class(user=request.user, code=data.ma, name=data.ten, kind=data.loai, start=data.tu_ngay,
                              end=data.den_ngay, org=org)
    return Status(201, {"id": cls.pk})


def _class_for_writer(request, code: str):
    today = timezone.localdate()
    require_writer(request.user, today)
    cls = classes_in_reach(request.user, today).filter(code=code).first()
    require(cls is not None, "Không có lớp này trong phạm vi của bạn.")
    return cls


@router.post("/classes/{code}/enrolments", response=WRITE, summary="Ghi danh học viên vào lớp")
def post_enrolments(request, code: str, data: EnrolIn):
    cls = _class_for_writer(request, code)
    found, missing = learners_named(request.user, timezone.localdate(), data.ma_nguoi)
    require(not missing, " ".join(f"Không có người mang mã {c} trong phạm vi của bạn." for c in missing))
    rows = services.enrol(user=request.user, training_class=cls, people=[found[c] for c in data.ma_nguoi])
    return Status(201, {"id": rows[-1].pk if rows else 0})


@router.post("/classes/{code}/results", response=WRITE, summary="Ghi kết quả và ngày cấp chứng chỉ")
def post_results(request, code: str, data: list[ResultIn]):
    cls = _class_for_writer(request, code)
    seen = set(Person.objects.filter(code__in=[r.ma_nguoi for r in data], id__in=visible_people(request.user, timezone.localdate(), WRITERS))
               .values_list("code", flat=True))
    require(all(r.ma_nguoi in seen for r in data), "Có học viên không thuộc phạm vi của bạn.")
    n = services.record_results(user=request.user, training_class=cls,
                                results={r.ma_nguoi: (r.ket_qua, r.ngay_cap_chung_chi) for r in data})
    return Status(201, {"id": n})
