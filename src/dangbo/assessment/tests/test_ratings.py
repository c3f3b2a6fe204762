"""Rating a year from a unit's grid: levels, scores and their bands, reasons for not rating,
the 20% quota per TCCSĐ and per root on a worked example, overrides and a closed year."""

import datetime as dt

import pytest

from dangbo.assessment import selectors, services
from dangbo.assessment.models import Rating
from dangbo.audit.models import AuditEntry
from dangbo.domain.problems import DomainError, RuleBlocked
from dangbo.members.services import create_person, record_member_event
from dangbo.orgs.models import Org, OrgVersion
from dangbo.rules.models import Override

D = dt.date


def unit(code, year=2018):
    return OrgVersion.objects.get(org__code=code, valid_from__lte=D(year, 12, 31), valid_to__isnull=True)


@pytest.fixture
def ten_in_d1(people):
    """D1 with ten official members in 2018 (the quota applies from 2018): P1, P2, P3 and seven more in C2."""
    for i in range(7):
        person = create_person(user=people["board"], code=f"T{i}", full_name=f"Đảng viên Thử {i}", birth_date=D(1985, 1, i + 1), sex="nam")
        record_member_event(user=people["board"], kind="khoi_tao", person=person, date=D(2017, 1, 2), cell=Org.objects.get(code="C2"),
                            status="chinh_thuc", admission_date=D(2005, 1, i + 1), official_date=D(2006, 1, i + 1))
    return people


def test_the_grid_lists_what_each_unit_rates(ten_in_d1):
    root = {r.code: r for r in selectors.grid(unit("R1"), 2018)}
    assert set(root) == {"D1", "S1"} and all(r.counted for r in root.values())
    d1 = {r.code: r for r in selectors.grid(unit("D1"), 2018)}
    assert {c for c, r in d1.items() if r.kind == "to_chuc"} == {"C1", "C2"}
    assert {c for c, r in d1.items() if r.counted} == {"P1", "P2", "P3"} | {f"T{i}" for i in range(7)}
    s1 = {r.code for r in selectors.grid(unit("S1"), 2018)}
    assert s1 == {"P4", "P5"}  # a chi bộ cơ sở rates its own members


def test_quota_per_tccsd_worked_example(ten_in_d1):
    """Seven rated tốt or better allow ⌊20% × 7⌋ = 1 xuất sắc; a second one is blocked."""
    board = ten_in_d1["board"]
    entries = {f"T{i}": ("tot", None, "") for i in range(5)} | {"T5": ("xuat_sac", None, "")}
    assert services.save_ratings(user=board, year=2018, unit=unit("D1"), entries=entries) == 6
    q = selectors.grid_quota(2018, [r.rating.level for r in selectors.grid(unit("D1"), 2018) if r.counted and r.rating])
    assert (q.good, q.excellent, q.limit, q.breached) == (6, 1, 1, False)
    with pytest.raises(RuleBlocked) as blocked:
        services.save_ratings(user=board, year=2018, unit=unit("D1"), entries={"T6": ("xuat_sac", None, "")})
    assert blocked.value.messages == ["Năm 2018, đảng viên của D1: 2 xuất sắc vượt mức 1 (≤ 20% của 7 hoàn thành tốt trở lên): thừa 1."]
    assert not Rating.objects.filter(person__code="T6").exists()
    # one more tốt makes room: 8 good -> limit 1 still; three more -> 10 good -> limit 2
    services.save_ratings(user=board, year=2018, unit=unit("D1"), entries={c: ("tot", None, "") for c in ("P1", "P2", "P3")})
    assert services.save_ratings(user=board, year=2018, unit=unit("D1"), entries={"T6": ("xuat_sac", None, "")}) == 1


def test_quota_per_root_and_override(people):
    board = people["board"]
    with pytest.raises(RuleBlocked):
        services.save_ratings(user=board, year=2018, unit=unit("R1"), entries={"D1": ("xuat_sac", None, ""), "S1": ("tot", None, "")})
    services.save_ratings(user=board, year=2018, unit=unit("R1"), entries={"D1": ("xuat_sac", None, ""), "S1": ("tot", None, "")},
                          override_reason="Cấp ủy cấp trên cho phép: đơn vị tiêu biểu")
    assert Rating.objects.current().get(org__code="D1", year=2018).level == "xuat_sac"
    assert Override.objects.filter(rule="excellent_quota", reason__startswith="Cấp ủy").count() == 2
    entry = AuditEntry.objects.get(action="rating.save", object_id="2018/R1")
    assert entry.after == {"D1": "xuat_sac", "S1": "tot"} and entry.reason.startswith("Cấp ủy")


def test_rerating_supersedes_and_keeps_history(people):
    board = people["board"]
    services.save_ratings(user=board, year=2018, unit=unit("S1"), entries={"P4": ("tot", None, "")})
    services.save_ratings(user=board, year=2018, unit=unit("S1"), entries={"P4": ("hoan_thanh", None, "")})
    rows = list(Rating.objects.filter(person__code="P4", year=2018).order_by("pk"))
    assert [r.level for r in rows] == ["tot", "hoan_thanh"]
    assert rows[0].voided_at is not None and rows[0].superseded_by_id == rows[1].pk and rows[1].voided_at is None
    # saving the same grid again writes nothing
    assert services.save_ratings(user=board, year=2018, unit=unit("S1"), entries={"P4": ("hoan_thanh", None, "")}) == 0


def test_bad_rows_are_named_and_nothing_written(people):
    with pytest.raises(DomainError) as refused:
        services.save_ratings(user=people["board"], year=2018, unit=unit("S1"), entries={
            "P4": ("gioi", None, ""), "P5": ("khong_xep_loai", None, ""), "P1": ("tot", None, "")})
    assert refused.value.messages == [
        "Xếp loại của Phạm Thị Dung không hợp lệ: gioi.",
        "Hoàng Văn Em: không xếp loại cần ghi lý do (miễn sinh hoạt, đình chỉ, ốm dài ngày, mới vào đảng…).",
        "P1 không thuộc danh sách đánh giá năm 2018 của Chi bộ Công ty Điện."]
    assert not Rating.objects.filter(year=2018).exists()
    services.save_ratings(user=people["board"], year=2018, unit=unit("S1"), entries={"P5": ("khong_xep_loai", None, "Ốm dài ngày")})
    assert Rating.objects.get(person__code="P5", year=2018).note == "Ốm dài ngày"


def test_score_bands_from_2025(people):
    board = people["board"]
    with pytest.raises(RuleBlocked) as blocked:
        services.save_ratings(user=board, year=2025, unit=unit("S1", 2025), entries={"P4": ("xuat_sac", 85, "")})
    assert "Phạm Thị Dung: Điểm 85 ứng với mức tot" in blocked.value.messages[0]
    with pytest.raises(DomainError):
        services.save_ratings(user=board, year=2025, unit=unit("S1", 2025), entries={"P4": ("tot", 120, "")})
    assert services.save_ratings(user=board, year=2025, unit=unit("S1", 2025), entries={"P4": ("tot", 85, "")}) == 1


def test_a_closed_year_needs_an_override(people):
    board = people["board"]
    services.close_year(user=board, root=unit("R1"), year=2018)
    with pytest.raises(DomainError, match="đã được khóa"):
        services.close_year(user=board, root=unit("R1"), year=2018)
    with pytest.raises(DomainError, match="Chỉ đảng bộ cấp trên"):
        services.close_year(user=board, root=unit("D1"), year=2018)
    with pytest.raises(RuleBlocked, match="đã khóa đánh giá"):
        services.save_ratings(user=board, year=2018, unit=unit("S1"), entries={"P4": ("tot", None, "")})
    services.save_ratings(user=board, year=2018, unit=unit("S1"), entries={"P4": ("tot", None, "")}, override_reason="Sửa sai sót theo Kết luận 12")
    assert AuditEntry.objects.filter(action="rating.close_year", object_id="R1", after={"nam": 2018}).exists()


def test_calibration_compares_units(ten_in_d1):
    board = ten_in_d1["board"]
    services.save_ratings(user=board, year=2018, unit=unit("D1"), entries={f"T{i}": ("tot", None, "") for i in range(5)} | {"T5": ("xuat_sac", None, "")})
    services.save_ratings(user=board, year=2018, unit=unit("S1"), entries={"P4": ("xuat_sac", None, ""), "P5": ("tot", None, "")},
                          override_reason="Thử so sánh")
    rows, root_quota = selectors.calibration(unit("R1"), 2018)
    got = {r.unit.org.code: (r.counts, r.rated, r.quota.limit, r.quota.breached) for r in rows}
    assert got == {"D1": ({"tot": 5, "xuat_sac": 1}, 6, 1, False), "S1": ({"xuat_sac": 1, "tot": 1}, 2, 0, True)}
    assert root_quota.good == 0


def test_a_grid_over_the_quota_is_refused_once_saying_by_how_much(ten_in_d1):
    """Three new xuất sắc of seven tốt or better (limit 1): one refusal, not three."""
    entries = {f"T{i}": ("tot", None, "") for i in range(4)} | {f"T{i}": ("xuat_sac", None, "") for i in (4, 5, 6)}
    with pytest.raises(RuleBlocked) as blocked:
        services.save_ratings(user=ten_in_d1["board"], year=2018, unit=unit("D1"), entries=entries)
    assert blocked.value.messages == ["Năm 2018, đảng viên của D1: 3 xuất sắc vượt mức 1 (≤ 20% của 7 hoàn thành tốt trở lên): thừa 2."]
