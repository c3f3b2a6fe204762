"""The coded details of a member's file (member-file.md): the 54 ethnic groups with the
General Statistics Office's numbering (Quyết định 121-TCTK/PPCĐ, 1979), the religions the
Government Committee for Religious Affairs recognises, the general-education grades and the
professional, academic and political-theory levels — each code with its Vietnamese label and
the other names clerks write for it.

`match(kind, text)` reads what a clerk typed (the code, the label or another name; case,
diacritics, spaces, hyphens and apostrophes ignored) and gives the code, or None."""

from __future__ import annotations

import re
from functools import cache

from .text import fold

# (code, label, other names)
ETHNIC_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("01", "Kinh", ("Việt",)), ("02", "Tày", ()), ("03", "Thái", ()), ("04", "Hoa", ("Hán",)),
    ("05", "Khơ-me", ("Khmer", "Khơ me")), ("06", "Mường", ()), ("07", "Nùng", ()),
    ("08", "Mông", ("Hmông", "H'Mông", "Hmong")), ("09", "Dao", ()), ("10", "Gia-rai", ("Jrai", "Gia Lai")),
    ("11", "Ngái", ()), ("12", "Ê-đê", ("Ê Đê", "Rhade")), ("13", "Ba-na", ("Bahnar",)), ("14", "Xơ-đăng", ("Sê Đăng",)),
    ("15", "Sán Chay", ("Cao Lan", "Sán Chỉ")), ("16", "Cơ-ho", ("K'Ho",)), ("17", "Chăm", ("Chàm",)),
    ("18", "Sán Dìu", ()), ("19", "Hrê", ("H're",)), ("20", "Mnông", ("M'Nông",)), ("21", "Ra-glai", ()),
    ("22", "Xtiêng", ("Stiêng",)), ("23", "Bru-Vân Kiều", ("Vân Kiều", "Bru")), ("24", "Thổ", ()),
    ("25", "Giáy", ()), ("26", "Cơ-tu", ("Katu",)), ("27", "Gié-Triêng", ("Gié Triêng",)), ("28", "Mạ", ()),
    ("29", "Khơ-mú", ("Khơ mú", "Khmu")), ("30", "Co", ()), ("31", "Tà-ôi", ("Tà Ôi", "Pa Kô")), ("32", "Chơ-ro", ()),
    ("33", "Kháng", ()), ("34", "Xinh-mun", ()), ("35", "Hà Nhì", ()), ("36", "Chu-ru", ()), ("37", "Lào", ()),
    ("38", "La Chí", ()), ("39", "La Ha", ()), ("40", "Phù Lá", ()), ("41", "La Hủ", ()), ("42", "Lự", ()),
    ("43", "Lô Lô", ()), ("44", "Chứt", ()), ("45", "Mảng", ()), ("46", "Pà Thẻn", ()), ("47", "Cơ Lao", ()),
    ("48", "Cống", ()), ("49", "Bố Y", ()), ("50", "Si La", ()), ("51", "Pu Péo", ()), ("52", "Brâu", ()),
    ("53", "Ơ Đu", ()), ("54", "Rơ-măm", ()),
    ("nuoc_ngoai", "Người nước ngoài", ("Nước ngoài", "Gốc nước ngoài")),
)
KINH = "01"
FOREIGN = "nuoc_ngoai"

# The 16 religions recognised in Vietnam (Ban Tôn giáo Chính phủ), with none and other.
RELIGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("khong", "Không", ("Không tôn giáo", "Không theo tôn giáo")),
    ("phat_giao", "Phật giáo", ("Đạo Phật",)), ("cong_giao", "Công giáo", ("Thiên Chúa giáo", "Đạo Thiên Chúa")),
    ("tin_lanh", "Tin Lành", ("Đạo Tin Lành",)), ("cao_dai", "Cao Đài", ("Đạo Cao Đài",)),
    ("hoa_hao", "Phật giáo Hòa Hảo", ("Hòa Hảo",)), ("hoi_giao", "Hồi giáo", ("Islam",)),
    ("bahai", "Tôn giáo Baha'i", ("Baha'i",)), ("tinh_do_cu_si", "Tịnh độ Cư sĩ Phật hội Việt Nam", ()),
    ("tu_an_hieu_nghia", "Đạo Tứ Ân Hiếu Nghĩa", ("Tứ Ân Hiếu Nghĩa",)),
    ("buu_son_ky_huong", "Đạo Bửu Sơn Kỳ Hương", ("Bửu Sơn Kỳ Hương",)), ("minh_su_dao", "Minh Sư Đạo", ()),
    ("minh_ly_dao", "Minh Lý Đạo – Tam Tông Miếu", ("Minh Lý Đạo",)),
    ("ba_la_mon", "Bà-la-môn giáo", ("Bà La Môn",)),
    ("mac_mon", "Giáo hội Các Thánh hữu ngày sau của Chúa Giê-su Ki-tô (Mặc Môn)", ("Mặc Môn",)),
    ("hieu_nghia_ta_lon", "Phật giáo Hiếu Nghĩa Tà Lơn", ()),
    ("co_doc_phuc_lam", "Giáo hội Cơ đốc Phục lâm Việt Nam", ("Cơ đốc Phục lâm",)),
    ("khac", "Tôn giáo khác", ("Khác",)),
)
NO_RELIGION = "khong"

PROFESSIONAL_LEVELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("so_cap", "Sơ cấp", ()), ("trung_cap", "Trung cấp", ("Trung học chuyên nghiệp",)),
    ("cao_dang", "Cao đẳng", ()), ("dai_hoc", "Đại học", ("Cử nhân", "Kỹ sư", "Bác sĩ")),
    ("thac_si", "Thạc sĩ", ("Bác sĩ chuyên khoa I", "Bác sĩ chuyên khoa II")),
    ("tien_si", "Tiến sĩ", ("Tiến sĩ khoa học", "TSKH")),
)
ACADEMIC_TITLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("gs", "Giáo sư", ()), ("pgs", "Phó Giáo sư", ()),
)
THEORY_LEVELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("so_cap", "Sơ cấp", ()), ("trung_cap", "Trung cấp", ()), ("cao_cap", "Cao cấp", ()),
    ("cu_nhan", "Cử nhân", ("Cử nhân chính trị",)),
)

LISTS = {"dan_toc": ETHNIC_GROUPS, "ton_giao": RELIGIONS, "chuyen_mon": PROFESSIONAL_LEVELS,
         "hoc_ham": ACADEMIC_TITLES, "llct": THEORY_LEVELS}

# General education: "12/12", "9/12", "10/10", "7/10" …, "bo_tuc" after it for the
# complementary system ("12/12 bổ túc").
_GDPT = re.compile(r"^\s*(\d{1,2})\s*/\s*(10|12)\s*(\(?\s*(bo\s*tuc|bt|btvh|bo_tuc)\s*\)?)?\s*$")
COMPLEMENTARY = " bo_tuc"


def gdpt_values() -> tuple[str, ...]:
    """Every general-education value as stored: grade/system, either system."""
    plain = [f"{g}/{top}" for top in (10, 12) for g in range(1, top + 1)]
    return tuple(plain + [v + COMPLEMENTARY for v in plain])


UPPER_SECONDARY = frozenset({"12/12", "10/10", "12/12 bo_tuc", "10/10 bo_tuc"})


def _key(text: str) -> str:
    """What is compared: folded, with no spaces, hyphens, apostrophes or dots."""
    return re.sub(r"[\s\-'’.–()_]", "", fold(text))


@cache
def _lookup(kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, label, others in LISTS[kind]:
        for name in (code, label, *others):
            out[_key(name)] = code
    return out


def labels(kind: str) -> dict[str, str]:
    return {code: label for code, label, _ in LISTS[kind]}


def codes(kind: str) -> tuple[str, ...]:
    return tuple(code for code, _, _ in LISTS[kind])


def match(kind: str, text: object) -> str | None:
    """The code a clerk's value names, or None when it names none."""
    if text is None:
        return None
    if kind == "gdpt":
        return gdpt(str(text))
    if kind == "dan_toc" and isinstance(text, (int, float)) and not isinstance(text, bool) and float(text).is_integer():
        text = f"{int(text):02d}"  # a spreadsheet's number cell drops the leading zero
    value = str(text).strip()
    if kind == "dan_toc" and value.isdigit() and len(value) == 1:
        value = "0" + value
    return _lookup(kind).get(_key(value))


def gdpt(text: str) -> str | None:
    found = _GDPT.match(fold(text))
    if not found:
        return None
    grade, top = int(found.group(1)), int(found.group(2))
    if not 1 <= grade <= top:
        return None
    return f"{grade}/{top}" + (COMPLEMENTARY if found.group(3) else "")


def label(kind: str, value: str) -> str:
    """What a page shows for a stored value: its label; free text kept as written from before
    the details were coded, marked as not yet matching a code."""
    if not value:
        return ""
    if kind == "gdpt":
        known = gdpt(value)
        if known is None:
            return f"{value} (chưa rõ)"
        return known.replace(COMPLEMENTARY, " bổ túc")
    names = labels(kind)
    return names[value] if value in names else f"{value} (chưa rõ)"


def is_coded(kind: str, value: str) -> bool:
    return (gdpt(value) == value) if kind == "gdpt" else value in labels(kind)
