"""The letterhead of a document (Hướng dẫn 36-HD/VPTW): a root's settings — the issuing lines,
place, register symbol, signer — and the header of a paper issued by the grassroots
committee of a cell (a decision, a letter of introduction)."""

from __future__ import annotations

import datetime as dt

from dangbo.core.documents import Header
from dangbo.core.temporal import on
from dangbo.domain import codes as C

from .models import Org, OrgVersion
from .selectors import nearest_version

RECIPIENTS = ("Ban Thường vụ Tỉnh ủy (b/c)", "Ban Tổ chức Tỉnh ủy", "Các TCCSĐ trực thuộc", "Lưu Văn phòng")


def document_settings(org: Org | None) -> dict:
    """The root's document settings with their defaults (an older `so_van_ban` such as
    "Số 01-BC/ĐUK" gives the register's symbol "BC/ĐUK")."""
    s = dict((org.settings if org else {}) or {})
    code = org.code if org else ""
    symbol = s.get("ky_hieu") or (s["so_van_ban"].split("-", 1)[1] if "-" in s.get("so_van_ban", "") else "BC")
    return {"co_quan_cap_tren": s.get("co_quan_cap_tren", ""), "co_quan_ban_hanh": s.get("co_quan_ban_hanh", code),
            "dia_danh": s.get("dia_danh", ""), "ten_viet_tat": s.get("ten_viet_tat", "Đảng ủy"),
            "ten_goi": s.get("ten_goi", "Đảng bộ"), "ky_hieu": symbol, "tham_quyen": s.get("tham_quyen", "T/M"),
            "chuc_vu_ky": s.get("chuc_vu_ky", "BÍ THƯ"), "nguoi_ky": s.get("nguoi_ky", ""),
            "noi_nhan": list(s.get("noi_nhan") or RECIPIENTS)}


def committee_name(version: OrgVersion) -> str:
    """How a unit signs: a đảng bộ by its committee ("Đảng bộ Sở Y tế" → "ĐẢNG ỦY SỞ Y TẾ"),
    a chi bộ as itself."""
    name = version.name.strip()
    for prefix in ("Đảng bộ ", "đảng bộ "):
        if name.startswith(prefix):
            return ("Đảng ủy " + name[len(prefix):]).upper()
    return name.upper()


def grassroots_of(cell: Org, day: dt.date) -> tuple[OrgVersion, OrgVersion | None]:
    """The TCCSĐ a cell belonged to on `day` (the cell itself for a chi bộ cơ sở), and its
    root; from the cell's version on that day (or its last before)."""
    version = nearest_version(cell, day)
    assert version is not None
    ids = [int(i) for i in version.path.strip("/").split("/")]
    seen = min(day, version.valid_to - dt.timedelta(days=1)) if version.valid_to else day
    versions = {v.org_id: v for v in OrgVersion.objects.filter(on(seen), org_id__in=ids)}
    tccsd = next((versions[i] for i in ids if i in versions and versions[i].level in C.TCCSD_LEVELS), version)
    return tccsd, versions.get(ids[0])


def committee_header(cell: Org, day: dt.date, number: str) -> Header:
    """The header of a paper the grassroots committee of `cell` issues on `day`."""
    tccsd, root = grassroots_of(cell, day)
    s = document_settings(root.org if root else None)
    short = "Chi bộ" if tccsd.level == C.CBCS else "Đảng ủy"
    upper = root.name.upper() if root is not None and root.org_id != tccsd.org_id else s["co_quan_cap_tren"]
    return Header(upper, committee_name(tccsd), s["dia_danh"], number, short, tccsd.name, day, False, "T/M",
                  "BÍ THƯ", "", ())
