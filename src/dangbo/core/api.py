"""What every router of the API shares, in one module that imports no router: the date type,
the answers' schemas and the one place where an error becomes an answer.

An endpoint raises and never builds an error answer itself:
- `Http404` (with `not_found(...)` to say what is missing) → 404;
- `PermissionDenied` → 403, "read only" unless it says otherwise;
- `Conflict` → 409, any other `DomainError` → 422 with every problem and whether an
  override reason would let the write through (`RuleBlocked`);
- `BadRequest` → 400; a body or parameter that does not parse → 422 naming the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import BeforeValidator, Field, WithJsonSchema

from dangbo.domain.dates import DATE_RANGE_TEXT, in_range
from dangbo.domain.problems import Conflict, DomainError, RuleBlocked

READ_ONLY = "Vai trò của bạn chỉ được xem."
NOT_IN_SCOPE = "Không có bản ghi này trong phạm vi của bạn."
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value):
    """Only a written date (NNNN-TT-NN) within the register's range is a date: pydantic would
    read a bare number as a timestamp, and a year 0001 cannot have its day before computed."""
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("phải là ngày có thật, dạng NNNN-TT-NN") from None
    if isinstance(value, dt.date):
        if not in_range(value):
            raise ValueError(f"phải là ngày {DATE_RANGE_TEXT}")
        return value
    raise ValueError("phải là ngày dạng NNNN-TT-NN")


# The document says which dates are accepted: years 1850 to 2100 (domain.dates.EARLIEST, LATEST).
DAY_PATTERN = r"^(18[5-9][0-9]|19[0-9][0-9]|20[0-9][0-9]|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
Day = Annotated[dt.date, BeforeValidator(_iso_day),
                WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN,
                                "description": f"Ngày dạng NNNN-TT-NN, {DATE_RANGE_TEXT}"})]


class VoidIn(Schema):
    """Voiding a record: the written reason, kept with it (no invisible control character)."""

    ly_do: Annotated[str, Field(min_length=1, max_length=2000,
                                pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*\S[^\x00-\x08\x0b\x0c\x0e-\x1f]*$")]


class Refusal(Schema):
    loi: list[str]
    chan_boi_quy_dinh: bool
    ma_loi: list[str] = Field(default_factory=list, description="Mã ổn định của từng lỗi (không đổi khi lời văn đổi)")


class Created(Schema):
    id: int


class Problem(Schema):
    loi: str | list[str]


# Every operation may answer 401 (no or bad token) and 422 (a parameter that does not parse).
COMMON = {401: Problem, 422: Problem}
# A write may also be refused: 400 (a body that cannot be read), 403, 404, 422 with the problems.
WRITE = {201: Created, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Refusal | Problem}
Limit = Query(50, ge=1, le=500, description="Số dòng tối đa")
Offset = Query(0, ge=0, le=100_000_000, description="Bỏ qua bao nhiêu dòng")


def day_or_today(day: dt.date | None) -> dt.date:
    return day or timezone.localdate()


class BadRequest(Exception):
    """A request whose parameters parse but do not go together (400)."""


@contextmanager
def not_found(message: str) -> Iterator[None]:
    """Inside, a 404 of the scope says what was not found, in the caller's words."""
    try:
        yield
    except Http404:
        raise Http404(message) from None


def require(condition: bool, message: str = NOT_IN_SCOPE) -> None:
    """A missing or unseen record is a 404 (`not_found` names it)."""
    if not condition:
        raise Http404(message)


PLACES = {"query": "tham số", "path": "đường dẫn", "body": "nội dung", "header": "tiêu đề"}
REASONS = {
    "missing": "bắt buộc phải có", "int_parsing": "phải là số nguyên", "int_type": "phải là số nguyên",
    "date_from_datetime_parsing": "phải là ngày dạng NNNN-TT-NN", "date_parsing": "phải là ngày dạng NNNN-TT-NN",
    "date_type": "phải là ngày dạng NNNN-TT-NN", "string_type": "phải là chuỗi ký tự", "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false", "json_invalid": "không phải JSON hợp lệ", "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON", "greater_than_equal": "phải từ {ge} trở lên", "less_than_equal": "phải không quá {le}",
    "greater_than": "phải lớn hơn {gt}", "value_error": "{error}", "less_than": "phải nhỏ hơn {lt}", "int_from_float": "phải là số nguyên",
    "string_too_short": "không được để trống", "string_too_long": "dài quá {max_length} ký tự",
    "string_pattern_mismatch": "có ký tự không hợp lệ (ký tự điều khiển vô hình, khoảng trắng ở đầu hoặc cuối) hoặc sai dạng",
    "literal_error": "phải là một trong: {expected}",
}


def validation_message(error: dict) -> str:
    """One pydantic error as a Vietnamese sentence naming where it is."""
    loc = [str(x) for x in error.get("loc", ())]
    place = PLACES.get(loc[0], loc[0]) if loc else "yêu cầu"
    if loc[:2] == ["body", "data"]:  # every body is the parameter `data`: name the column alone
        loc = loc[:1] + loc[2:]
    field = ".".join(loc[1:]) or "(toàn bộ)"
    reason = REASONS.get(error.get("type", ""), "không hợp lệ")
    ctx = {k: (v.replace(" or ", " hoặc ") if isinstance(v, str) else v) for k, v in error.get("ctx", {}).items()}
    try:
        reason = reason.format(**ctx)
    except (KeyError, IndexError):
        pass
    return f"{place.capitalize()} {field}: {reason}."


def refusal_body(exc: DomainError) -> dict:
    return {"loi": exc.messages, "chan_boi_quy_dinh": isinstance(exc, RuleBlocked), "ma_loi": exc.codes}


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error an endpoint raises becomes its answer here, in Vietnamese."""

    def answer(request, body, status: int):
        return api.create_response(request, body, status=status)

    @api.exception_handler(Http404)
    def missing(request, exc):
        return answer(request, {"loi": str(exc) or NOT_IN_SCOPE}, 404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return answer(request, {"loi": str(exc) or READ_ONLY}, 403)

    @api.exception_handler(DomainError)
    def refused(request, exc):
        # a clash with a stored record (a code, a citizen id, a change made meanwhile) is 409
        return answer(request, refusal_body(exc), 409 if isinstance(exc, Conflict) else 422)

    @api.exception_handler(BadRequest)
    def bad_request(request, exc):
        return answer(request, {"loi": str(exc)}, 400)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        # django-ninja's own HttpErrors carry English text; the one a caller can cause is an unreadable body.
        message = "Nội dung yêu cầu không đọc được: cần JSON hợp lệ, mã hóa UTF-8." if exc.status_code == 400 else str(exc)
        return answer(request, {"loi": message}, exc.status_code)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return answer(request, {"loi": "Cần khóa truy cập hợp lệ: Authorization: Bearer <khóa>."}, 401)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return answer(request, {"loi": [validation_message(e) for e in exc.errors]}, 422)
