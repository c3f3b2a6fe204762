"""The `nguoi` sheet's own rules, row by row in file order: a code once per file, a citizen
id for one person only, no birth in the future; and whether a row is a new person or the
update of a stored one.

It is the one check that needs every row of the sheet at once (two persons with one citizen
id may sit in any two rows), so it keeps only what it must — the codes accepted and each
citizen id as a number — and asks the database only about the codes and ids of the rows in
hand, a few thousand at a time.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from dangbo.domain.problems import Problem
from dangbo.members.models import Person

Accept = Callable[[int, int, dict, bool], None]  # (row index, row number, values, is an update)


class PersonCheck:
    """Feed the sheet's parsed rows in order with `add`, then `flush`; each accepted row is
    handed to `accept`."""

    def __init__(self, problems: list[Problem], accept: Accept, *, stored: bool, chunk: int = 5000):
        self.problems = problems
        self.accept = accept
        self.stored = stored  # does the database hold any person? (else nothing to ask it)
        self.chunk = chunk
        self.accepted: set[str] = set()
        self.owner: dict[int, str] = {}  # citizen id (as a number) -> the code it belongs to in the file
        self.pending: list[tuple[int, int, dict]] = []
        self.today = timezone.localdate()
        self.new = self.updates = 0

    def add(self, i: int, number: int, v: dict) -> None:
        self.pending.append((i, number, v))
        if len(self.pending) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        stored_codes: set[str] = set()
        stored_owner: dict[str | None, str] = {}
        if self.stored and self.pending:
            codes = [v["ma"] for _, _, v in self.pending if v.get("ma")]
            ids = [v["so_cccd"] for _, _, v in self.pending if v.get("so_cccd")]
            for i in range(0, len(codes), 900):
                stored_codes.update(Person.objects.filter(code__in=codes[i:i + 900]).values_list("code", flat=True))
            for i in range(0, len(ids), 900):
                stored_owner.update(Person.objects.filter(citizen_id__in=ids[i:i + 900]).values_list("citizen_id", "code"))
        for i, number, v in self.pending:
            self._row(i, number, v, stored_codes, stored_owner)
        self.pending = []

    def _row(self, i: int, number: int, v: dict, stored_codes: set[str], stored_owner: dict[str | None, str]) -> None:
        code = v.get("ma")
        if not code:
            return
        if code in self.accepted:
            self._err("code_twice", number, "ma", code, f"Mã người {code} xuất hiện hai lần trong tệp.")
            return
        cccd = v.get("so_cccd")
        if cccd:
            owner = self.owner.get(int(cccd)) or stored_owner.get(cccd)
            if owner is not None and owner != code:
                self._err("citizen_id_taken", number, "so_cccd", cccd, f"Số CCCD đã thuộc về người mang mã {owner} (một người hai mã).")
                return
            self.owner[int(cccd)] = code
        birth = v.get("ngay_sinh")
        if birth and birth > self.today:
            self._err("date_in_future", number, "ngay_sinh", birth, "Ngày sinh ở tương lai.")
        self.accepted.add(code)
        update = code in stored_codes
        self.updates += update
        self.new += not update
        self.accept(i, number, v, update)

    def _err(self, code: str, number: int, column: str, value, message: str) -> None:
        self.problems.append(Problem(("nguoi", number), column, value, message, code=code))
