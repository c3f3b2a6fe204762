"""The demo bloc: the seed article's Đảng ủy Khối, with synthetic people, from 2015 to 2020.

Two blocs (KCQ, KDN) merge into KCQDN on 2020-04-01, as in the article. The structure and
the flows are laid out so that `dangbo report --bloc KCQDN --term 2015-2020` gives the
article's figures exactly (term-report.md, "The seed article, as data"). Everything is
generated deterministically and loaded through the importer — the same domain rules as any
other data — in two workbooks: the register first, then the records that are chosen from
the register as it stands (ratings of the members on 31 December, study counts proposed
from the member count on the day, inspected and awarded members in scope on the day).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import tempfile
from collections import Counter as collections_counter
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from faker import Faker

from dangbo.domain.dates import add_months, next_award_occasion
from dangbo.domain.metrics import round_rate

D = dt.date
OPEN = D(2015, 1, 1)
TERM_START, TERM_END = D(2015, 10, 1), D(2020, 6, 30)
MERGER = D(2020, 4, 1)

AGENCIES = ["Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Tư pháp", "Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo",
            "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Công Thương", "Sở Nông nghiệp và PTNT", "Sở Tài nguyên và Môi trường",
            "Sở Văn hóa, Thể thao và Du lịch", "Sở Lao động - Thương binh và Xã hội", "Sở Khoa học và Công nghệ",
            "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh", "Văn phòng HĐND tỉnh", "Thanh tra tỉnh", "Ban Dân tộc tỉnh",
            "Kho bạc Nhà nước tỉnh", "Cục Thuế tỉnh", "Cục Thống kê tỉnh", "Bảo hiểm xã hội tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh",
            "Đài Phát thanh - Truyền hình tỉnh", "Báo Lai Châu", "Trường Chính trị tỉnh", "Bệnh viện Đa khoa tỉnh",
            "Trung tâm Kiểm soát bệnh tật tỉnh", "Trường Cao đẳng Cộng đồng", "Ban Quản lý dự án xây dựng", "Cục Hải quan",
            "Liên minh Hợp tác xã tỉnh", "Hội Nông dân tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Ủy ban MTTQ tỉnh",
            "Quỹ Đầu tư phát triển", "Trung tâm Xúc tiến đầu tư", "Chi cục Kiểm lâm", "Chi cục Thủy lợi", "Chi cục Thú y",
            "Ban Quản lý Khu kinh tế", "Trung tâm Phục vụ hành chính công", "Sở Ngoại vụ", "Trung tâm Công nghệ thông tin",
            "Nhà xuất bản tỉnh", "Trung tâm Văn hóa tỉnh", "Thư viện tỉnh", "Bảo tàng tỉnh", "Trung tâm Dịch vụ việc làm"]
COMPANIES = ["Công ty Điện lực Lai Châu", "Công ty Cấp nước Lai Châu", "Công ty Môi trường đô thị", "Công ty Xổ số kiến thiết",
             "Công ty Cổ phần Sách - Thiết bị", "Công ty Lâm nghiệp", "Công ty Cổ phần Xây dựng số 1", "Ngân hàng Nông nghiệp chi nhánh tỉnh",
             "Ngân hàng Đầu tư và Phát triển chi nhánh tỉnh", "Ngân hàng Công thương chi nhánh tỉnh", "Viễn thông Lai Châu",
             "Bưu điện tỉnh", "Viettel Lai Châu", "Công ty Thủy điện Nậm Na", "Công ty Chè Tam Đường", "Công ty Cổ phần Vận tải",
             "Công ty Quản lý đường bộ", "Công ty Khai thác công trình thủy lợi", "Công ty Dược phẩm", "Công ty Cổ phần Thương mại",
             "Công ty Xăng dầu", "Ngân hàng Chính sách xã hội chi nhánh tỉnh", "Công ty Cổ phần Khoáng sản", "Công ty Cao su",
             "Công ty In", "Công ty Cổ phần Tư vấn xây dựng", "Công ty Du lịch", "Bảo Việt Lai Châu", "Công ty Thủy điện Bản Chát",
             "Công ty Cổ phần Đầu tư hạ tầng", "Hợp tác xã Dịch vụ", "Công ty Giống cây trồng", "Công ty Cổ phần Cơ khí"]
DISTRICTS = ["Tam Đường", "Phong Thổ", "Sìn Hồ", "Mường Tè", "Than Uyên", "Tân Uyên", "Nậm Nhùn", "thành phố Lai Châu"]


@dataclass
class Unit:
    code: str
    name: str
    level: str
    parent: str | None
    org_type: str | None = None
    root: str = ""
    members: list[str] = field(default_factory=list)


class Builder:
    """Rows of the exchange format, built in memory."""

    # Set by the members' part for the later parts: members not yet given a role, each
    # member's cell, the open cells of some roots on a day ((roots, day) -> cells).
    plain_left: list[str]
    member_cell: dict[str, str]
    open_cells: Callable[..., list[str]]

    def __init__(self, seed: int = 2020):
        self.rng = random.Random(seed)
        Faker.seed(seed)
        self.fake = Faker("vi_VN")
        self.sheets: dict[str, list[dict]] = defaultdict(list)
        self.units: dict[str, Unit] = {}
        self.people: dict[str, dict] = {}
        self.n_person = itertools.count(1)

    # ---- helpers -----------------------------------------------------------------------
    def org(self, day, kind, code, **kw):
        self.sheets["bien_dong_to_chuc"].append({"ngay": day, "loai": kind, "ma": code, **kw})

    def ev(self, day, kind, person, **kw):
        self.sheets["bien_dong_dang_vien"].append({"ngay": day, "loai": kind, "ma_nguoi": person, **kw})

    def person(self, age_on: dt.date, lo: int = 23, hi: int = 45, female: bool | None = None) -> str:
        code = f"DV{next(self.n_person):05d}"
        female = self.rng.random() < 0.42 if female is None else female
        name = self.vietnamese_name(female)
        birth = add_months(age_on, -self.rng.randint(12 * lo + 1, 12 * hi - 1))
        row = {"ma": code, "ho_ten": name, "ngay_sinh": birth, "gioi_tinh": "nu" if female else "nam",
               "so_cccd": f"012{self.rng.randint(0, 10**9 - 1):09d}", "dan_toc": self.rng.choice(["Kinh"] * 6 + ["Thái", "Mông", "Dao"]),
               "que_quan": f"{self.rng.choice(DISTRICTS)}, Lai Châu", "trinh_do_chuyen_mon": self.rng.choice(["Đại học", "Thạc sĩ", "Cao đẳng"])}
        self.people[code] = row
        self.sheets["nguoi"].append(row)
        return code

    def vietnamese_name(self, female: bool) -> str:
        """Họ, đệm, tên in the Vietnamese order, without the honorifics Faker's `name()` adds
        ("Quý cô", "Ông") in a Western order. Drawn from Faker's own random stream, so the
        demo's figures (drawn from `rng`) do not move."""
        fake = self.fake
        middle = fake.random_element(MIDDLE_FEMALE if female else MIDDLE_MALE)
        first = fake.first_name_female() if female else fake.first_name_male()
        return f"{fake.last_name()} {middle} {first}"

    def day_between(self, a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=self.rng.randrange((b - a).days + 1))


# Common middle names (tên đệm); Faker's vi_VN has family and given names only.
MIDDLE_MALE = ("Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Công", "Ngọc", "Xuân", "Hoàng")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Phương", "Minh", "Hải", "Kim")


def _decision(rng) -> str:
    return f"{rng.randint(100, 999)}-QĐ/ĐUK"


def build_register(b: Builder) -> None:
    """Units, members and their events, and the classes that the admission rules need."""
    rng = b.rng
    b.org(OPEN, "khoi_tao", "KCQ", ten="Đảng bộ Khối Các cơ quan tỉnh", cap="dang_bo_cap_tren")
    b.org(OPEN, "khoi_tao", "KDN", ten="Đảng bộ Khối Doanh nghiệp tỉnh", cap="dang_bo_cap_tren")
    # Final TCCSĐ types: KCQ 40 hành chính + 5 sự nghiệp; KDN 14 doanh nghiệp, 12 hành chính, 5 sự nghiệp.
    plan = {"KCQ": {"dbcs": 8, "upgrade": 9, "cbcs": 25, "new": 3, "end": 6},
            "KDN": {"dbcs": 6, "upgrade": 6, "cbcs": 17, "new": 2, "end": 4}}
    final_types = {"KCQ": ["hanh_chinh"] * 40 + ["su_nghiep"] * 5,
                   "KDN": ["doanh_nghiep"] * 14 + ["hanh_chinh"] * 12 + ["su_nghiep"] * 5}
    names = {"KCQ": iter(AGENCIES), "KDN": iter(COMPANIES)}
    groups: dict[str, dict[str, list]] = {}
    born: dict[str, dt.date] = {}          # cell -> first day it can take members
    doomed: set[str] = set()               # cells that end or are upgraded: no new members there
    n = itertools.count(1)
    cells_per_dbcs = iter([7] * 7 + [8] * 7)
    dbcs_seen = itertools.count()

    def add_cell(code, name, level, parent, root, day, org_type=None, kind="khoi_tao"):
        b.org(day, kind, code, ten=name, cap=level, ma_cap_tren=parent, loai_hinh=org_type)
        b.units[code] = Unit(code, name, level, parent, org_type, root)
        born[code] = day

    for root in ("KCQ", "KDN"):
        types = final_types[root][:]
        rng.shuffle(types)
        g = groups[root] = {k: [] for k in ("dbcs", "upgrade", "cbcs", "end", "new")}
        for kind in ("dbcs", "upgrade", "cbcs", "end"):
            for _ in range(plan[root][kind]):
                code = f"{root}{next(n):03d}"
                label = next(names[root], None) or f"Đơn vị {code}"
                org_type = types.pop() if kind != "end" else ("doanh_nghiep" if root == "KDN" else "hanh_chinh")
                g[kind].append(code)
                if kind != "dbcs":
                    add_cell(code, f"Chi bộ {label}", "chi_bo_co_so", root, root, OPEN, org_type)
                    if kind in ("upgrade", "end"):
                        doomed.add(code)
                    continue
                b.org(OPEN, "khoi_tao", code, ten=f"Đảng bộ {label}", cap="dang_bo_co_so", loai_hinh=org_type, ma_cap_tren=root)
                b.units[code] = Unit(code, f"Đảng bộ {label}", "dang_bo_co_so", root, org_type, root)
                for c in range(next(cells_per_dbcs)):
                    add_cell(f"{code}C{c + 1:02d}", f"Chi bộ {c + 1} - {label}", "chi_bo", code, root, OPEN)
                if next(dbcs_seen) in (0, 8):  # two đảng bộ bộ phận, with 9 and 8 cells
                    bp = f"{code}BP"
                    b.org(OPEN, "khoi_tao", bp, ten=f"Đảng bộ bộ phận Văn phòng - {label}", cap="dang_bo_bo_phan", ma_cap_tren=code)
                    b.units[bp] = Unit(bp, "Đảng bộ bộ phận", "dang_bo_bo_phan", code, None, root)
                    for c in range(9 if root == "KCQ" else 8):
                        add_cell(f"{bp}{c + 1:02d}", f"Chi bộ phòng {c + 1} - {label}", "chi_bo", bp, root, OPEN)
        for _ in range(plan[root]["new"]):
            g["new"].append((f"{root}{next(n):03d}", next(names[root], None) or "Đơn vị mới", types.pop()))
        assert not types
    transfer_out = groups["KDN"]["end"][0]
    merged_away = groups["KDN"]["end"][1:3] + groups["KCQ"]["end"][:2]
    dissolved = groups["KDN"]["end"][3:] + groups["KCQ"]["end"][2:]

    # ---- opening members: 2.234, of whom 258 probationary (ceremony in Oct–Dec 2014) ----
    opening_cells = [c for c, u in b.units.items() if u.level in ("chi_bo", "chi_bo_co_so")]
    placement = [c for c in opening_cells for _ in range(4)]
    placement += rng.choices(opening_cells, k=2234 - len(placement))
    rng.shuffle(placement)
    probationary: list[tuple[str, dt.date]] = []
    badge_holders: list[tuple[str, dt.date]] = []
    plain: list[str] = []
    for i, cell in enumerate(placement):
        special = cell != transfer_out
        code = b.person(OPEN, 25, 58)
        b.units[cell].members.append(code)
        if special and len(probationary) < 258 and i % 8 == 3:
            ceremony = D(2014, 10, 1) + dt.timedelta(days=len(probationary) % 92)
            b.people[code]["ngay_sinh"] = add_months(ceremony, -12 * rng.randint(22, 40) - 1)
            b.ev(OPEN, "khoi_tao", code, ma_to_chuc=cell, trang_thai="du_bi", ngay_ket_nap=ceremony, ngay_le_ket_nap=ceremony)
            probationary.append((code, ceremony))
        elif special and len(badge_holders) < 60 and i % 8 == 5:
            admitted = D(1985, 10, 2) + dt.timedelta(days=len(badge_holders) * 27)  # 30 years: Oct 2015 … May 2020
            b.people[code]["ngay_sinh"] = add_months(admitted, -12 * rng.randint(22, 28) - 1)
            b.ev(OPEN, "khoi_tao", code, ma_to_chuc=cell, trang_thai="chinh_thuc", ngay_ket_nap=admitted,
                 ngay_chinh_thuc=add_months(admitted, 12), so_the=f"{rng.randint(10**7, 10**8 - 1)}")
            badge_holders.append((code, admitted))
        else:
            veteran = rng.random() < 0.15
            admitted = b.day_between(D(1981, 1, 1), D(1985, 6, 30)) if veteran else b.day_between(D(1991, 1, 1), D(2013, 9, 30))
            b.people[code]["ngay_sinh"] = add_months(admitted, -12 * rng.randint(20, 30) - 1)
            b.ev(OPEN, "khoi_tao", code, ma_to_chuc=cell, trang_thai="chinh_thuc", ngay_ket_nap=admitted,
                 ngay_chinh_thuc=add_months(admitted, 12), so_the=f"{rng.randint(10**7, 10**8 - 1)}",
                 huy_hieu_da_nhan=30 if veteran else None)
            if cell not in doomed:
                plain.append(code)  # never moved by a unit event: free to leave, move, be exempted
    rng.shuffle(plain)
    plain_pool = iter(plain)
    member_cell = {m: c for c, u in b.units.items() for m in u.members}

    def move(day, person, cell):
        b.ev(day, "chuyen_noi_bo", person, ma_to_chuc=cell)
        b.units[member_cell[person]].members.remove(person)
        b.units[cell].members.append(person)
        member_cell[person] = cell

    def open_cells(roots, day, since=None):
        since = since or day
        return [c for c, u in b.units.items() if u.root in roots and u.level in ("chi_bo", "chi_bo_co_so")
                and c not in doomed and born.get(c, D(9999, 1, 1)) <= since]

    # ---- unit events of the term ----
    for i, code in enumerate(groups["KCQ"]["upgrade"] + groups["KDN"]["upgrade"]):
        day = D(2016, 3, 15) + dt.timedelta(days=97 * i)
        unit = b.units[code]
        b.org(day, "nang_cap", code, cap="dang_bo_co_so", so_quyet_dinh=_decision(rng))
        unit.level = "dang_bo_co_so"
        label = unit.name.removeprefix("Chi bộ ")
        unit.name = f"Đảng bộ {label}"
        subs = [f"{code}C{s:02d}" for s in (1, 2)]
        for s, sc in enumerate(subs, start=1):
            add_cell(sc, f"Chi bộ {s} - {label}", "chi_bo", code, unit.root, day, kind="thanh_lap")
        for j, m in enumerate(list(unit.members)):
            move(day, m, subs[j % 2])
    dbcs_all = [c for c, u in b.units.items() if u.level == "dang_bo_co_so" and born.get(c) is None]
    for i in range(15):
        day = D(2016, 2, 1) + dt.timedelta(days=101 * i)
        parent = dbcs_all[i % len(dbcs_all)]
        code = f"{parent}TN{i + 1:02d}"
        district = DISTRICTS[i % len(DISTRICTS)]
        add_cell(code, f"Chi bộ {b.units[parent].name.removeprefix('Đảng bộ ')} huyện {district}", "chi_bo", parent,
                 b.units[parent].root, day, kind="tiep_nhan")
        for _ in range(5):
            m = b.person(day, 25, 50)
            b.ev(day, "chuyen_den", m, ma_to_chuc=code, trang_thai="chinh_thuc",
                 ngay_ket_nap=b.day_between(D(1995, 1, 1), D(2012, 12, 31)))
            b.units[code].members.append(m)
            member_cell[m] = code
    for i, root in enumerate(["KCQ", "KCQ", "KCQ", "KDN", "KDN"]):
        code, label, org_type = groups[root]["new"][i if root == "KCQ" else i - 3]
        day = D(2017, 4, 10) + dt.timedelta(days=150 * i)
        add_cell(code, f"Chi bộ {label}", "chi_bo_co_so", root, root, day, org_type, kind="thanh_lap")
        donors = [m for m in itertools.islice(plain_pool, 40) if b.units[member_cell[m]].root == root][:4]
        for m in donors:
            move(day, m, code)
    b.org(D(2018, 7, 1), "chuyen_giao", transfer_out, ghi_chu="Chuyển giao về Đảng bộ huyện Tam Đường")
    for i, code in enumerate(merged_away):
        root = b.units[code].root
        target = groups[root]["cbcs"][i]
        day = D(2016, 9, 1) + dt.timedelta(days=300 * i)
        b.org(day, "sap_nhap", code, ma_dich=target, so_quyet_dinh=_decision(rng))
        for m in b.units[code].members:
            member_cell[m] = target
        b.units[target].members.extend(b.units[code].members)
        b.units[code].members = []
    for i, code in enumerate(dissolved):
        root = b.units[code].root
        target = groups[root]["cbcs"][-1 - i]
        day = D(2016, 11, 20) + dt.timedelta(days=280 * i)
        for m in list(b.units[code].members):
            move(day, m, target)
        b.org(day, "giai_the", code, so_quyet_dinh=_decision(rng))

    # ---- classes: 18 awareness and 18 new-member classes in the term, one of each before ----
    nt_classes, dvm_classes = [], [("DVM2015A", D(2015, 3, 2), D(2015, 3, 6), "KCQ")]
    for i in range(18):
        start = D(2015, 10, 1) + dt.timedelta(days=i * 100)
        root = "KCQDN" if start >= MERGER else ("KCQ" if i % 2 == 0 else "KDN")
        nt_classes.append((f"NT{i + 1:02d}", start, start + dt.timedelta(days=4), root))
        dstart = start + dt.timedelta(days=20) if i < 17 else D(2020, 6, 20)
        droot = "KCQDN" if dstart >= MERGER else root
        dvm_classes.append((f"DVM{i + 1:02d}", dstart, dstart + dt.timedelta(days=4), droot))
    enrol: dict[str, list[str]] = defaultdict(list)
    # ---- admissions: 1.035 in the term; 835 early enough to be official by 30/6/2020 ----
    admit_days = sorted([b.day_between(D(2015, 11, 2), D(2019, 6, 30)) for _ in range(835)] +
                        [b.day_between(D(2019, 7, 1), D(2020, 6, 10)) for _ in range(200)])
    officials = [(add_months(ceremony, 12), code) for code, ceremony in probationary]
    for day in admit_days:
        roots = ("KCQ", "KDN") if day >= MERGER else (rng.choice(["KCQ", "KCQ", "KDN"]),)
        cell = rng.choice(open_cells(roots, day, since=add_months(day, -3)))
        code = b.person(day, 22, 38)
        enrol[max((c for c in nt_classes if c[2] < day), key=lambda c: c[2])[0]].append(code)
        b.sheets["quan_chung"].append({"ma_nguoi": code, "ma_to_chuc": cell, "ngay_mo_ho_so": add_months(day, -3)})
        b.ev(day, "ket_nap", code, ma_to_chuc=cell, so_quyet_dinh=_decision(rng))
        enrol[min((c for c in dvm_classes if c[1] >= day), key=lambda c: c[1])[0]].append(code)
        member_cell[code] = cell
        b.units[cell].members.append(code)
        if add_months(day, 12) <= TERM_END:
            officials.append((add_months(day, 12), code))
    # The 2014 probationers studied before the term, but 43 of them in its first class.
    first = dvm_classes[1]
    late = [code for code, ceremony in probationary if add_months(ceremony, 12) >= first[2]]
    for code, _ in probationary:
        enrol[first[0] if code in late[:43] else "DVM2015A"].append(code)
    for i in range(58):  # candidates trained but not (yet) admitted
        nt = nt_classes[i % 18]
        enrol[nt[0]].append(b.person(nt[1], 19, 35))
    officials.sort()
    for day, code in officials:
        b.ev(day, "chuyen_chinh_thuc", code, ngay_quyet_dinh=day + dt.timedelta(days=rng.randint(0, 20)), so_quyet_dinh=_decision(rng))
    for day, code in officials[:1029]:
        b.ev(day + dt.timedelta(days=rng.randint(20, 60)), "phat_the", code, so_the=f"{rng.randint(10**7, 10**8 - 1)}")
    for code, admitted in badge_holders:
        b.ev(next_award_occasion(add_months(admitted, 360)), "huy_hieu", code, so_nam=30, so_quyet_dinh=_decision(rng))
    # ---- members coming and going (free figures: tuned below to the article's total) ----
    for _ in range(40):
        day = b.day_between(D(2015, 10, 5), D(2020, 6, 20))
        roots = ("KCQ", "KDN") if day >= MERGER else (rng.choice(["KCQ", "KDN"]),)
        m = b.person(day, 28, 50)
        cell = rng.choice(open_cells(roots, day))
        b.ev(day, "chuyen_den", m, ma_to_chuc=cell, trang_thai="chinh_thuc", ngay_ket_nap=b.day_between(D(1998, 1, 1), D(2014, 12, 31)))
        member_cell[m] = cell
    for kind, count in (("chuyen_di", 60), ("tu_tran", 12), ("xoa_ten", 8), ("khai_tru", 3)):
        for _ in range(count):
            m = next(plain_pool)
            day = b.day_between(D(2015, 10, 5), D(2020, 6, 20))
            b.ev(day, kind, m, so_quyet_dinh=None if kind == "tu_tran" else _decision(rng))
            if kind == "khai_tru":
                b.sheets["ky_luat"].append({"ngay": day, "doi_tuong": "dang_vien", "ma_doi_tuong": m, "hinh_thuc": "khai_tru",
                                            "ma_co_quan": "KCQDN" if day >= MERGER else b.units[member_cell[m]].root,
                                            "so_quyet_dinh": _decision(rng)})
    for _ in range(30):
        b.ev(b.day_between(D(2016, 1, 1), D(2019, 12, 31)), "mien_sinh_hoat", next(plain_pool), ghi_chu="Ốm đau dài ngày")
    b.plain_left = list(plain_pool)
    b.member_cell = member_cell
    b.open_cells = open_cells
    # ---- the merger of the two blocs ----
    b.org(MERGER, "thanh_lap", "KCQDN", ten="Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh", cap="dang_bo_cap_tren",
          so_quyet_dinh="1234-QĐ/TU")
    b.org(MERGER, "sap_nhap", "KCQ", ma_dich="KCQDN")
    b.org(MERGER, "sap_nhap", "KDN", ma_dich="KCQDN")
    for code, start, end, root in nt_classes + dvm_classes:
        awareness = code.startswith("NT")
        label = "Bồi dưỡng nhận thức về Đảng" if awareness else "Bồi dưỡng lý luận chính trị cho đảng viên mới"
        b.sheets["lop_hoc"].append({"ma": code, "ten": f"{label} ({start:%m/%Y})", "loai": "nhan_thuc" if awareness else "dang_vien_moi",
                                    "tu_ngay": start, "den_ngay": end, "ma_to_chuc": root})
    for cls, people in enrol.items():
        b.sheets["hoc_vien"].extend({"ma_lop": cls, "ma_nguoi": p} for p in people)
    b.sheets["nhiem_ky"].append({"ma": "2015-2020", "ma_to_chuc": "KCQDN", "tu_ngay": TERM_START, "den_ngay": TERM_END})


# ---- the second workbook: records chosen from the register as imported ----------------
def _search(sizes: list[int], target: float, spread: int = 4, caps: list[int] | None = None) -> list[int] | None:
    """Counts k_y (one per year) whose mean of 100·k_y/n_y rounds half-up to `target`, or None."""
    centers = [round(target * n / 100) for n in sizes]
    ranges = [range(max(0, c - spread), min(n if not caps else min(n, cap), c + spread) + 1)
              for c, n, cap in zip(centers, sizes, caps or sizes, strict=True)]
    best = None
    for combo in itertools.product(*ranges):
        approx = sum(100 * k / n for k, n in zip(combo, sizes, strict=True)) / len(sizes)
        if abs(approx - target) > 0.006:
            continue
        mean = sum((Fraction(100 * k, n) for k, n in zip(combo, sizes, strict=True)), Fraction(0)) / len(sizes)
        if round_rate(mean) == target:
            score = sum(abs(k - c) for k, c in zip(combo, centers, strict=True))
            if best is None or score < best[0]:
                best = (score, combo)
    return list(best[1]) if best else None


def _best_split(sizes: dict[str, int], good: int) -> dict[str, int]:
    """How many good units per root so that the excellent quota ⌊20% × good⌋ summed is largest."""
    roots = sorted(sizes)
    best = None
    for split in itertools.product(*[range(sizes[r] + 1) for r in roots]):
        if sum(split) == good:
            cap = sum(g // 5 for g in split)
            if best is None or cap > best[0]:
                best = (cap, dict(zip(roots, split, strict=True)))
    assert best is not None
    return best[1]


def _org_rating_plan(by_year: list[dict[str, int]]):
    """Units left unrated per year, and the counts of good and excellent units per year."""
    for unrated in sorted(itertools.product(range(4), repeat=len(by_year)), key=lambda d: (sum(d), d)):
        sizes = [sum(c.values()) - d for c, d in zip(by_year, unrated, strict=True)]
        goods = _search(sizes, 91.6)
        if goods is None:
            continue
        caps = []
        for c, d, g in zip(by_year, unrated, goods, strict=True):
            left = dict(c)
            left[max(left, key=lambda k: left[k])] -= d
            caps.append(sum(v // 5 for v in _best_split(left, g).values()))
        excellent = _search(sizes, 16.7, caps=caps)
        if excellent is not None:
            return unrated, goods, excellent
    raise RuntimeError("no rating plan for the units")


def _spread_dates(rng, n: int, start=TERM_START + dt.timedelta(days=3), end=TERM_END - dt.timedelta(days=5)) -> list[dt.date]:
    return sorted(start + dt.timedelta(days=rng.randrange((end - start).days)) for _ in range(n))


def build_records(b: Builder, reg) -> dict[str, list[dict]]:
    """Ratings, study, inspections, discipline, awards, other classes and the term's targets."""
    rng = b.rng
    out: dict[str, list[dict]] = defaultdict(list)
    stable = set(b.plain_left)
    years = range(2015, 2020)
    # Transfers in or out at the end of the term bring the total to the article's 3.281.
    surplus = len(reg.members_on(TERM_END)) - 3281
    last_day = D(2020, 6, 29)
    for m in sorted(stable)[:max(0, surplus)]:
        stable.discard(m)
        out["bien_dong_dang_vien"].append({"ngay": last_day, "loai": "chuyen_di", "ma_nguoi": m, "so_quyet_dinh": _decision(rng)})
    for _ in range(max(0, -surplus)):
        m = b.person(last_day, 28, 50)
        out["nguoi"].append(b.people[m])
        out["bien_dong_dang_vien"].append({"ngay": last_day, "loai": "chuyen_den", "ma_nguoi": m, "trang_thai": "chinh_thuc",
                                           "ma_to_chuc": b.open_cells(("KCQ", "KDN"), last_day)[0],
                                           "ngay_ket_nap": D(2010, 5, 19)})

    def root_on(day):
        return ("KCQDN",) if day >= MERGER else ("KCQ", "KDN")

    def units(day, roots, tccsd_only=False):
        return sorted(u.code for u in reg.units_on(day) if u.path[0] in roots and u.level != "dang_bo_cap_tren"
                      and (not tccsd_only or u.level in ("dang_bo_co_so", "chi_bo_co_so")))

    def members(day, roots, under=None):
        res = []
        for s in reg.members_on(day):
            if s.person not in stable:
                continue
            v = reg.org_on(s.cell, day)
            if v is not None and v.path[0] in roots and (under is None or under in v.path):
                res.append(s.person)
        return sorted(res)

    # ---- yearly ratings ----
    org_sizes, org_units, mem_sizes, mem_by_year = [], {}, [], {}
    for y in years:
        day = D(y, 12, 31)
        tccsd = [u for u in reg.units_on(day) if u.level in ("dang_bo_co_so", "chi_bo_co_so")]
        org_units[y] = tccsd
        org_sizes.append(len(tccsd))
        rated: list = []
        unrated: list = []
        for s in reg.members_on(day):
            late = s.status == "du_bi" and s.ceremony_date and s.ceremony_date > D(y, 9, 30)
            (unrated if late or s.exempt else rated).append(s)
        mem_by_year[y] = (rated, unrated)
        mem_sizes.append(len(rated))
    by_year = [dict(collections_counter(u.path[0] for u in org_units[y])) for y in years]
    unrated_units, org_good, org_exc = _org_rating_plan(by_year)
    mem_ok = _search(mem_sizes, 99.46)
    mem_good = _search(mem_sizes, 98.0)
    mem_exc = _search(mem_sizes, 14.88)
    assert mem_ok and mem_good and mem_exc
    for i, y in enumerate(years):
        # units: some not rated (reorganising); per root, excellent within ⌊20% of good⌋
        counts = dict(by_year[i])
        big = max(counts, key=lambda k: counts[k])
        counts[big] -= unrated_units[i]
        split = _best_split(counts, org_good[i])
        levels = {}
        left = org_exc[i]
        for root in sorted(counts):
            us = sorted(u.code for u in org_units[y] if u.path[0] == root)
            rng.shuffle(us)
            if root == big:
                for code in us[:unrated_units[i]]:
                    levels[code] = "khong_xep_loai"
                us = us[unrated_units[i]:]
            take = min(left, split[root] // 5)
            left -= take
            for j, code in enumerate(us):
                levels[code] = "xuat_sac" if j < take else ("tot" if j < split[root] else "hoan_thanh")
        assert left == 0, (y, org_exc[i])
        for code, level in sorted(levels.items()):
            out["danh_gia"].append({"nam": y, "doi_tuong": "to_chuc", "ma": code, "xep_loai": level})
        # members: per TCCSĐ, excellent within ⌊20% of good⌋
        rated, unrated = mem_by_year[y]
        rated = sorted(rated, key=lambda s: s.person)
        rng.shuffle(rated)
        n = len(rated)
        lv = ["tot"] * n
        for j in range(n - mem_ok[i]):
            lv[j] = "khong_hoan_thanh"
        for j in range(n - mem_ok[i], n - mem_good[i]):
            lv[j] = "hoan_thanh"
        by_unit = defaultdict(list)
        for s, level in zip(rated, lv, strict=True):
            if level == "tot":
                by_unit[reg.org_on(s.cell, D(y, 12, 31)).path[1]].append(s)
        left = mem_exc[i]
        assigned = {}
        for _unit, ss in sorted(by_unit.items(), key=lambda kv: -len(kv[1])):
            take = min(left, int(0.2 * len(ss)))
            for s in ss[:take]:
                assigned[s.person] = "xuat_sac"
            left -= take
        assert left == 0, (y, mem_exc[i])
        for s, level in zip(rated, lv, strict=True):
            out["danh_gia"].append({"nam": y, "doi_tuong": "dang_vien", "ma": s.person, "xep_loai": assigned.get(s.person, level)})
        for s in unrated:
            out["danh_gia"].append({"nam": y, "doi_tuong": "dang_vien", "ma": s.person, "xep_loai": "khong_xep_loai"})

    # ---- study of resolutions: members proposed from the register, 98,8% and 98,2x% reached ----
    campaigns = [("NQ-DH-XII", "Nghị quyết Đại hội XII của Đảng", D(2016, 5, 10)),
                 ("NQ-TW4-XII", "Nghị quyết Trung ương 4 khóa XII", D(2017, 1, 12)),
                 ("NQ-TW6-XII", "Nghị quyết Trung ương 6 khóa XII", D(2018, 3, 8)),
                 ("NQ-TW7-XII", "Nghị quyết Trung ương 7 khóa XII", D(2018, 9, 6)),
                 ("CT-05", "Chỉ thị 05-CT/TW về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", D(2019, 4, 4)),
                 ("NQ-DH-TINH", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIII", D(2016, 1, 20))]
    rows = []
    for code, name, day in campaigns:
        count: defaultdict[str, int] = defaultdict(int)
        for s in reg.members_on(day):
            count[reg.org_on(s.cell, day).path[1]] += 1
        for unit in units(day, root_on(day), tccsd_only=True):
            if count[unit]:
                rows.append({"ma_dot": code, "ten_dot": name, "ngay": day, "ma_to_chuc": unit, "dv_tong": count[unit],
                             "cnvc_tong": count[unit] * 3 + rng.randint(5, 40)})
    dv_total = sum(r["dv_tong"] for r in rows)
    cnvc_total = sum(r["cnvc_tong"] for r in rows)
    dv_missing = dv_total - next(k for k in range(dv_total + 1) if round_rate(Fraction(100 * (dv_total - k), dv_total)) == 98.8)
    cnvc_missing = cnvc_total - min(
        (k for k in range(cnvc_total + 1) if 98.2 <= (round_rate(Fraction(100 * (cnvc_total - k), cnvc_total)) or 0) < 98.3),
        key=lambda k: abs(Fraction(100 * (cnvc_total - k), cnvc_total) - Fraction(9825, 100)))
    dv_missing, cnvc_missing = dv_total - dv_missing, cnvc_total - cnvc_missing
    for r in rows:
        r["dv_tham_gia"], r["cnvc_tham_gia"] = r["dv_tong"], r["cnvc_tong"]
    for missing, key in ((dv_missing, "dv"), (cnvc_missing, "cnvc")):
        i = 0
        while missing:
            r = rows[i % len(rows)]
            if r[f"{key}_tham_gia"] > 0:
                r[f"{key}_tham_gia"] -= 1
                missing -= 1
            i += 7
    out["hoc_tap_nghi_quyet"] = rows

    # ---- inspection and supervision ----
    def inspect(form, actor_kind, subject_kind, count, body=None):
        for day in _spread_dates(rng, count):
            roots = root_on(day)
            if actor_kind == "root":
                actor = roots[0] if len(roots) == 1 else rng.choice(roots)
                scope, under = (actor,), None
                use_body = body or rng.choice(["cap_uy", "ubkt"])
            else:
                use_body = "ubkt"
                actors = [u for u in units(day, roots, tccsd_only=True) if reg.org_on(u, day).level == "dang_bo_co_so"]
                rng.shuffle(actors)
                for actor in actors:
                    if subject_kind == "to_chuc":
                        pool = [u for u in units(day, roots) if actor in reg.org_on(u, day).path and u != actor]
                    else:
                        pool = members(day, roots, actor)
                    if pool:
                        break
            if actor_kind == "root":
                pool = units(day, scope) if subject_kind == "to_chuc" else members(day, scope, under)
            out["kiem_tra_giam_sat"].append({"ngay": day, "hinh_thuc": form, "ma_chu_the": actor, "co_quan": use_body,
                                             "doi_tuong": subject_kind, "ma_doi_tuong": rng.choice(pool),
                                             "noi_dung": "Kiểm tra việc thực hiện nhiệm vụ" if form == "kiem_tra" else "Giám sát chuyên đề"})

    for form, sk, times in (("kiem_tra", "to_chuc", 152), ("kiem_tra", "dang_vien", 673), ("giam_sat", "to_chuc", 131), ("giam_sat", "dang_vien", 857)):
        inspect(form, "root", sk, times)
    for form, sk, times in (("kiem_tra", "to_chuc", 131), ("kiem_tra", "dang_vien", 230), ("giam_sat", "to_chuc", 117), ("giam_sat", "dang_vien", 287)):
        inspect(form, "dbcs", sk, times)

    # ---- discipline (besides the three expulsions) ----
    for day, form in zip(_spread_dates(rng, 6), ["khien_trach", "khien_trach", "canh_cao", "khien_trach", "canh_cao", "khien_trach"], strict=True):
        roots = root_on(day)
        person = rng.choice(members(day, roots))
        out["ky_luat"].append({"ngay": day, "doi_tuong": "dang_vien", "ma_doi_tuong": person, "hinh_thuc": form,
                               "ma_co_quan": roots[0], "so_quyet_dinh": _decision(rng)})
    day = D(2018, 5, 15)
    out["ky_luat"].append({"ngay": day, "doi_tuong": "to_chuc", "ma_doi_tuong": units(day, ("KCQ",), tccsd_only=True)[3],
                           "hinh_thuc": "khien_trach", "ma_co_quan": "KCQ", "so_quyet_dinh": _decision(rng)})

    # ---- awards and proposals ----
    def award(form, subject_kind, count, status="quyet_dinh"):
        for day in _spread_dates(rng, count):
            roots = root_on(day)
            subject = rng.choice(units(day, roots) if subject_kind == "tap_the" else members(day, roots))
            granting = roots[0] if len(roots) == 1 else reg.org_on(subject if subject_kind == "tap_the" else reg.spell_on(subject, day).cell, day).path[0]
            out["khen_thuong"].append({"ngay": day, "hinh_thuc": form, "doi_tuong": subject_kind, "ma_doi_tuong": subject,
                                       "trang_thai": status, "ma_co_quan": granting, "so_quyet_dinh": _decision(rng),
                                       "noi_dung": "Hoàn thành xuất sắc nhiệm vụ"})

    award("giay_khen", "tap_the", 75)
    award("giay_khen", "ca_nhan", 236)
    award("bang_khen_thu_tuong", "ca_nhan", 1, "de_nghi")
    award("bang_khen_ubnd_tinh", "tap_the", 4, "de_nghi")
    award("bang_khen_ubnd_tinh", "ca_nhan", 22, "de_nghi")

    # ---- other classes: 12 intermediate (826), 4 party-building skills, briefings (846 lượt) ----
    def classes(prefix, kind, name, counts):
        pool = sorted(stable)
        for i, (day, n) in enumerate(zip(_spread_dates(rng, len(counts)), counts, strict=True)):
            code = f"{prefix}{i + 1:02d}"
            root = root_on(day)[i % len(root_on(day))]
            out["lop_hoc"].append({"ma": code, "ten": f"{name} ({day:%m/%Y})", "loai": kind, "tu_ngay": day,
                                   "den_ngay": day + dt.timedelta(days=60 if kind == "trung_cap" else 2), "ma_to_chuc": root})
            for p in rng.sample(pool, n):
                out["hoc_vien"].append({"ma_lop": code, "ma_nguoi": p})

    classes("TC", "trung_cap", "Trung cấp lý luận chính trị - hành chính", [69] * 10 + [68, 68])
    classes("NV", "nghiep_vu", "Bồi dưỡng nghiệp vụ công tác xây dựng Đảng", [45, 52, 48, 50])
    classes("GB", "giao_ban", "Giao ban công tác xây dựng Đảng", [85] * 6 + [84] * 4)

    # ---- the term's 15 targets (13 met) ----
    targets = [
        ("Kết nạp từ 1.000 đảng viên mới trở lên", "dang_vien.ket_nap", ">=", 1000),
        ("Trên 98% cán bộ, đảng viên được học tập, quán triệt nghị quyết", "hoc_tap.dang_vien_ty_le", ">=", 98),
        ("Trên 98% CNVC-LĐ được học tập, quán triệt nghị quyết", "hoc_tap.cnvc_ty_le", ">=", 98),
        ("Hằng năm trên 90% TCCSĐ hoàn thành tốt nhiệm vụ trở lên", "danh_gia.to_chuc.tot_tro_len", ">=", 90),
        ("Hằng năm trên 15% TCCSĐ hoàn thành xuất sắc nhiệm vụ", "danh_gia.to_chuc.xuat_sac", ">=", 15),
        ("Hằng năm trên 99% đảng viên hoàn thành nhiệm vụ trở lên", "danh_gia.dang_vien.hoan_thanh_tro_len", ">=", 99),
        ("Hằng năm trên 95% đảng viên hoàn thành tốt nhiệm vụ trở lên", "danh_gia.dang_vien.tot_tro_len", ">=", 95),
        ("Hằng năm trên 15% đảng viên hoàn thành xuất sắc nhiệm vụ", "danh_gia.dang_vien.xuat_sac", ">=", 15),
        ("Mở ít nhất 15 lớp bồi dưỡng nhận thức về Đảng", "dao_tao.nhan_thuc.so_lop", ">=", 15),
        ("Mở ít nhất 15 lớp bồi dưỡng lý luận chính trị cho đảng viên mới", "dao_tao.dang_vien_moi.so_lop", ">=", 15),
        ("Đào tạo trung cấp lý luận chính trị cho ít nhất 800 học viên", "dao_tao.trung_cap.so_hoc_vien", ">=", 800),
        ("Kiểm tra ít nhất 150 lượt tổ chức đảng", "kiem_tra.cap_tren.to_chuc", ">=", 150),
        ("Không có tổ chức đảng bị kỷ luật", "ky_luat.to_chuc", "<=", 0),
        ("Lãnh đạo các doanh nghiệp hoàn thành kế hoạch sản xuất kinh doanh", None, None, 1),
        ("Xây dựng cơ quan, đơn vị đạt chuẩn văn hóa", None, None, 1),
    ]
    for i, (text, metric, cmp, value) in enumerate(targets, start=1):
        row = {"ma_nhiem_ky": "2015-2020", "stt": i, "noi_dung": text}
        if metric:
            row.update(chi_so=metric, so_sanh=cmp, gia_tri=value)
        else:
            row["dat"] = value
        out["chi_tieu"].append(row)
    return out


def load_demo(*, user=None) -> dict:
    """Generate the demo bloc and import it (two workbooks, through the importer)."""
    from dangbo.domain.metrics import lineage
    from dangbo.exchange.importer import import_workbook
    from dangbo.orgs.models import Org
    from dangbo.testing.workbooks import write_csv_folder

    from .sources import merges_from_db, register_from_db

    b = Builder()
    build_register(b)
    with tempfile.TemporaryDirectory() as tmp:
        first = import_workbook(write_csv_folder(dict(b.sheets), Path(tmp) / "dang-bo-khoi-1-so-dang-ky"), user=user)
        if first.status != "applied":
            raise RuntimeError(f"demo register refused ({len(first.errors)}): " + "; ".join(str(p) for p in first.errors[:10]))
        reg = register_from_db(lineage(["KCQDN"], merges_from_db()), [], None, D(2014, 12, 31), TERM_END)
        records = build_records(b, reg)
        second = import_workbook(write_csv_folder(records, Path(tmp) / "dang-bo-khoi-2-cong-tac"), user=user)
        if second.status != "applied":
            raise RuntimeError(f"demo records refused ({len(second.errors)}): " + "; ".join(str(p) for p in second.errors[:10]))
    Org.objects.filter(code="KCQDN").update(settings={
        "co_quan_cap_tren": "ĐẢNG BỘ TỈNH LAI CHÂU",
        "co_quan_ban_hanh": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        "dia_danh": "Lai Châu",
        "ky_hieu": "BC/ĐUK",
        "tham_quyen": "T/M",
        "chuc_vu_ky": "BÍ THƯ",
        "nguoi_ky": "Hoàng Văn Minh",
        "ten_viet_tat": "Đảng ủy Khối",
        "ten_goi": "Đảng bộ Khối",
    })
    return {"register": first.counts, "records": second.counts, "warnings": len(first.warnings) + len(second.warnings)}
