"""The write rule of the pages and the API, row by row, for an import by a user who does not
reach everything (a secretary's monthly workbook, a board officer's bloc): each row's units
and persons must be in the writer's reach today and on the row's date (accounts/scope), and
inspection and discipline rows need an inspection role. A row outside is a hard error naming
its column, so the file is refused as a whole and nothing is written.

Units and persons that the file itself creates are not stored yet: their creating rows are
judged (a new unit by its parent, a new person by the cell their events bring them to), and
later rows naming them are left to the importer's own checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from dangbo.accounts.access import (
    INSPECTORS,
    check_member_event,
    check_org_event,
    check_subject,
    reach,
    reaches_now_and_then,
    visible_version,
    writable_version,
)
from dangbo.accounts.choices import WRITERS
from dangbo.domain import codes as C
from dangbo.domain.dates import FIRST_YEAR, LAST_YEAR
from dangbo.domain.problems import Problem
from dangbo.meetings.models import Meeting
from dangbo.members.models import Person
from dangbo.orgs.models import Org
from dangbo.terms.models import Term

from .cells import RowParser
from .reader import WorkbookStream

OUTSIDE = "ngoài phạm vi ghi của bạn"
CREATING = frozenset({"khoi_tao", "thanh_lap", "tiep_nhan"})

Row = dict[str, object]


def reach_problems(path, user, limits=None) -> list[Problem]:
    """Every row of the file at `path` that `user` may not write, as a problem (none for a
    user who reaches everything)."""
    if reach(user, timezone.localdate()).everything:
        return []
    return list(_Judge(user).file(path, limits))


def _inspectors_see(user, code: str, day: dt.date) -> None:
    """A unit in reach of the user's inspection grants (Http404 otherwise)."""
    visible_version(user, code, day, INSPECTORS)


class _Judge:
    def __init__(self, user):
        self.user = user
        self.today = timezone.localdate()
        self.new_units: set[str] = set()
        self.new_persons: set[str] = set()
        self.persons: dict[str, Person | None] = {}
        self.units: dict[str, bool] = {}
        self.judged: dict[tuple, bool] = {}  # (what, code, day, …) -> in reach: rows repeat the same cell and day
        self.inspector = reach(user, self.today).sees_inspections

    def file(self, path, limits) -> Iterator[Problem]:
        stream = WorkbookStream(path, limits)
        for layout, rows in stream.sheets():
            name = layout.sheet.name
            judge = getattr(self, f"_{name}")  # one method per sheet of the exchange format
            parser = RowParser(layout.sheet, layout.codes)
            for number, cells in rows:
                row = parser.parse(number, cells, [])
                for column, why in judge(row):
                    yield Problem((name, number), column, row.get(column), f"{why}.", code="outside_write_reach")

    # ---- lookups, remembered for the file ---------------------------------------------------
    def person(self, code) -> Person | None:
        if code not in self.persons:
            self.persons[code] = Person.objects.filter(code=code).first()
        return self.persons[code]

    def stored_unit(self, code) -> bool:
        if code not in self.units:
            self.units[code] = Org.objects.filter(code=code).exists()
        return self.units[code]

    def _unit_ok(self, code, day, check: Callable = writable_version) -> bool:
        """A unit named by a row: in reach on the day (and today); one the file creates passes."""
        if not code or not isinstance(day, dt.date) or (code in self.new_units and not self.stored_unit(code)):
            return True
        key = (check, code, day)
        if key not in self.judged:
            try:
                check(self.user, code, day)
                self.judged[key] = True
            except (Http404, PermissionDenied):
                self.judged[key] = False
        return self.judged[key]

    def _unit(self, row: Row, column: str, day_column: str, label: str = "Đơn vị") -> Iterator[tuple[str, str]]:
        code = row.get(column)
        if not self._unit_ok(code, row.get(day_column)):
            yield column, f"{label} {code} {OUTSIDE}"

    def _person_ok(self, code, day, **kwargs) -> bool:
        person = self.person(code)
        if person is None or not isinstance(day, dt.date):
            return True  # a person the file creates (or a row the importer refuses anyway)
        key = ("person", code, day, *sorted(kwargs.items()))
        if key not in self.judged:
            self.judged[key] = reaches_now_and_then(self.user, person, day, **kwargs)
        return self.judged[key]

    # ---- one method per sheet, named after it -----------------------------------------------
    def _nguoi(self, row: Row):
        code = row.get("ma")
        if code and self.person(code) is None:
            self.new_persons.add(str(code))
        elif code and not self._person_ok(code, self.today):
            yield "ma", f"Người {code} {OUTSIDE}: chỉ sửa được hồ sơ của người trong đơn vị mình"

    def _bien_dong_to_chuc(self, row: Row):
        kind, code, day = row.get("loai"), row.get("ma"), row.get("ngay")
        if not kind or not code or not isinstance(day, dt.date):
            return
        if kind in CREATING and not self.stored_unit(code):
            self.new_units.add(str(code))
        if code in self.new_units and not self.stored_unit(code) and kind not in CREATING:
            return
        parent, target = row.get("ma_cap_tren") or "", row.get("ma_dich") or ""
        parent = "" if parent in self.new_units and not self.stored_unit(parent) else parent
        target = "" if target in self.new_units and not self.stored_unit(target) else target
        try:
            check_org_event(self.user, kind=str(kind), code=str(code), parent=str(parent), target=str(target), day=day)
        except (Http404, PermissionDenied):
            yield "ma", f"Biến động của đơn vị {code} (hoặc đơn vị cấp trên, đơn vị nhận) {OUTSIDE}"

    def _bien_dong_dang_vien(self, row: Row):
        code, cell, day, kind = row.get("ma_nguoi"), row.get("ma_to_chuc"), row.get("ngay"), row.get("loai")
        if not code or not isinstance(day, dt.date):
            return
        if cell and not self._unit_ok(cell, day):
            yield "ma_to_chuc", f"Chi bộ {cell} {OUTSIDE}"
            return
        person = self.person(code)
        if person is None:
            return
        try:
            check_member_event(self.user, person=person, cell_code=None, day=day, kind=str(kind or ""))
        except Http404:
            if not (kind in ("chuyen_den",) and cell and self._person_ok(code, day, arriving=True)):
                yield "ma_nguoi", f"Đảng viên {code} {OUTSIDE} (hôm nay hoặc vào ngày {day:%d/%m/%Y})"

    def _lop_hoc(self, row: Row):
        yield from self._unit(row, "ma_to_chuc", "tu_ngay", "Đơn vị tổ chức lớp")

    def _hoc_vien(self, row: Row):
        code = row.get("ma_nguoi")
        if code and not self._person_ok(code, self.today):
            yield "ma_nguoi", f"Người {code} {OUTSIDE}"

    def _hoc_tap_nghi_quyet(self, row: Row):
        yield from self._unit(row, "ma_to_chuc", "ngay")

    def _danh_gia(self, row: Row):
        year, kind, code = row.get("nam"), row.get("doi_tuong"), row.get("ma")
        if not isinstance(year, int) or not code or not FIRST_YEAR <= year <= LAST_YEAR:
            return
        day = dt.date(year, 12, 31)
        if kind == "to_chuc" and not self._unit_ok(code, day):
            yield "ma", f"Đơn vị {code} {OUTSIDE}"
        elif kind == "dang_vien" and not self._person_ok(code, day):
            yield "ma", f"Đảng viên {code} {OUTSIDE}"

    def _inspection_subject(self, row: Row, actor_column: str):
        if not self.inspector:
            yield "ma_doi_tuong", "Chỉ Ủy ban Kiểm tra (và quản trị) được nhập kiểm tra, giám sát, kỷ luật"
            return
        day, kind, code, actor = row.get("ngay"), row.get("doi_tuong"), row.get("ma_doi_tuong"), row.get(actor_column)
        if not isinstance(day, dt.date) or not code:
            return
        if actor and not self._unit_ok(actor, day, _inspectors_see):
            yield actor_column, f"Đơn vị {actor} {OUTSIDE}"
        if kind in C.SUBJECT_KINDS:
            yield from self._subject(str(kind), str(code), day, INSPECTORS)

    def _subject(self, kind: str, code: str, day: dt.date, roles: frozenset[str]):
        """The unit or person a record is about (one the file creates passes)."""
        if code in self.new_persons | self.new_units:
            return
        try:
            check_subject(self.user, kind, code, day, roles)
        except Http404:
            yield "ma_doi_tuong", f"Đối tượng {code} {OUTSIDE}"

    def _kiem_tra_giam_sat(self, row: Row):
        yield from self._inspection_subject(row, "ma_chu_the")

    def _ky_luat(self, row: Row):
        yield from self._inspection_subject(row, "ma_co_quan")

    def _khen_thuong(self, row: Row):
        day, kind, code, by = row.get("ngay"), row.get("doi_tuong"), row.get("ma_doi_tuong"), row.get("ma_co_quan")
        if not isinstance(day, dt.date) or not code:
            return
        if by and not self._unit_ok(by, day):
            yield "ma_co_quan", f"Đơn vị {by} {OUTSIDE}"
        if kind in C.AWARD_SUBJECT_KINDS:
            yield from self._subject(str(kind), str(code), day, WRITERS)

    def _sinh_hoat(self, row: Row):
        yield from self._unit(row, "ma_to_chuc", "ngay", "Chi bộ")

    def _du_sinh_hoat(self, row: Row):
        meeting = Meeting.objects.current().select_related("cell").filter(code=row.get("ma_sinh_hoat")).first()
        if meeting is not None and not self._unit_ok(meeting.cell.code, meeting.date):
            yield "ma_sinh_hoat", f"Buổi sinh hoạt {meeting.code} của chi bộ {meeting.cell.code} {OUTSIDE}"

    def _quan_chung(self, row: Row):
        code, cell, day = row.get("ma_nguoi"), row.get("ma_to_chuc"), row.get("ngay_mo_ho_so")
        if cell and not self._unit_ok(cell, day):
            yield "ma_to_chuc", f"Chi bộ {cell} {OUTSIDE}"
        elif code and isinstance(day, dt.date) and not self._person_ok(code, day, arriving=True):
            yield "ma_nguoi", f"Người {code} {OUTSIDE} (là đảng viên hoặc quần chúng do đơn vị khác theo dõi)"

    def _nhiem_ky(self, row: Row):
        yield from self._unit(row, "ma_to_chuc", "tu_ngay", "Đảng bộ")

    def _chi_tieu(self, row: Row):
        term = Term.objects.current().select_related("org").filter(code=row.get("ma_nhiem_ky")).first()
        if term is not None and not self._unit_ok(term.org.code, self.today):
            yield "ma_nhiem_ky", f"Nhiệm kỳ {term.code} của {term.org.code} {OUTSIDE}"
