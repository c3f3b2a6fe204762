"""A small language for engine tests: events by keyword, replayed with the default rules."""

from __future__ import annotations

import datetime as dt
import itertools

from dangbo.domain import replay as R
from dangbo.domain.rulebook import RuleBook

_seq = itertools.count()


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def org(date: str, kind: str, code: str, **kw) -> R.OrgEvent:
    n = next(_seq)
    return R.OrgEvent((1, n), d(date), kind, code, ("bien_dong_to_chuc", n + 2), **kw)


def mem(date: str, kind: str, person: str, **kw) -> R.MemberEvent:
    n = next(_seq)
    for k in ("admission_date", "ceremony_date", "official_date", "decision_date"):
        if isinstance(kw.get(k), str):
            kw[k] = d(kw[k])
    return R.MemberEvent((1, n), d(date), kind, person, ("bien_dong_dang_vien", n + 2), **kw)


def expel(date: str, person: str) -> R.Expulsion:
    n = next(_seq)
    return R.Expulsion((1, n), d(date), person, ("ky_luat", n + 2))


def base_tree(date: str = "2015-01-01") -> list[R.OrgEvent]:
    """Root R, committee D (cells C1, C2, partial committee B with cell B1) and grassroots cell S."""
    return [
        org(date, "khoi_tao", "R", name="Khối", level="dang_bo_cap_tren"),
        org(date, "khoi_tao", "D", name="Đảng bộ D", level="dang_bo_co_so", org_type="hanh_chinh", parent="R"),
        org(date, "khoi_tao", "C1", name="Chi bộ 1", level="chi_bo", parent="D"),
        org(date, "khoi_tao", "C2", name="Chi bộ 2", level="chi_bo", parent="D"),
        org(date, "khoi_tao", "B", name="Đảng bộ bộ phận B", level="dang_bo_bo_phan", parent="D"),
        org(date, "khoi_tao", "B1", name="Chi bộ B1", level="chi_bo", parent="B"),
        org(date, "khoi_tao", "S", name="Chi bộ cơ sở S", level="chi_bo_co_so", org_type="doanh_nghiep", parent="R"),
    ]


def opening(person: str, cell: str, date: str = "2015-01-01", status: str = "chinh_thuc", **kw) -> R.MemberEvent:
    kw.setdefault("admission_date", "2000-01-10")
    if status == "du_bi":
        kw.setdefault("ceremony_date", kw["admission_date"])
    return mem(date, "khoi_tao", person, cell=cell, status=status, **kw)


def run(org_events=(), member_events=(), expulsions=(), context: R.Context | None = None, **ctx) -> R.ReplayResult:
    context = context or R.Context(RuleBook.defaults(), **ctx)
    return R.Replay(list(org_events), list(member_events), list(expulsions), context).run()


def messages(result: R.ReplayResult, rule: bool = False) -> list[str]:
    return [p.message for p in result.problems if (p.rule is not None) == rule]
