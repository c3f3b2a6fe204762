"""Rule values in one versioned place: each value with the date it applies from and its source.

The defaults below are loaded into the `rules.RuleVersion` table by `dangbo init`; an
administrator adds a new version there (a new row with a later `valid_from`) without
touching code, and old data keeps being judged by the version in force on its own date.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleDefault:
    code: str
    name: str
    value: object
    valid_from: dt.date
    source: str


D = dt.date
DEFAULTS: tuple[RuleDefault, ...] = (
    RuleDefault("admission_age_min", "Tuổi tối thiểu khi kết nạp (năm tròn)", 18, D(1930, 1, 1), "Điều lệ Đảng, Điều 1"),
    RuleDefault("admission_age_max", "Tuổi tối đa khi kết nạp (năm tròn)", 60, D(1930, 1, 1), "Điều lệ Đảng; HD 01-HD/TW 2021; HD 06-HD/TW 2025"),
    RuleDefault("awareness_certificate_months", "Hiệu lực giấy chứng nhận lớp nhận thức về Đảng (tháng)", 60, D(2016, 1, 1), "QĐ 29-QĐ/TW 2016; QĐ 24-QĐ/TW 2021"),
    RuleDefault("admission_file_months", "Thời hạn xem xét hồ sơ kết nạp kể từ khi mở (tháng)", 12, D(2016, 1, 1), "HD 01-HD/TW 2021"),
    RuleDefault("readmission_gap_months", "Thời gian tối thiểu trước khi kết nạp lại (tháng)", 36, D(2016, 1, 1), "QĐ 24-QĐ/TW 2021; QĐ 294-QĐ/TW 2025"),
    RuleDefault("readmission_max_times", "Số lần được kết nạp lại", 1, D(2016, 1, 1), "QĐ 24-QĐ/TW 2021"),
    RuleDefault("probation_months", "Thời gian dự bị (tháng)", 12, D(1930, 1, 1), "Điều lệ Đảng, Điều 5"),
    RuleDefault("probation_grace_working_days", "Hạn xét công nhận chính thức sau khi hết dự bị (ngày làm việc)", 30, D(2016, 1, 1), "HD 01-HD/TW 2021"),
    RuleDefault("card_alert_months", "Cảnh báo chưa phát thẻ sau ngày chính thức (tháng)", 3, D(2016, 1, 1), "HD 12-HD/BTCTW"),
    RuleDefault("badge_milestones", "Các mốc Huy hiệu Đảng (năm tuổi đảng)", [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90], D(2016, 1, 1), "QĐ 24-QĐ/TW 2021"),
    RuleDefault("badge_early_months_low", "Trao sớm tối đa, mốc 30–65 năm (tháng)", 12, D(2016, 1, 1), "QĐ 24-QĐ/TW 2021"),
    RuleDefault("badge_early_months_high", "Trao sớm tối đa, mốc từ 70 năm (tháng)", 24, D(2016, 1, 1), "QĐ 24-QĐ/TW 2021"),
    RuleDefault("badge_delay_months", "Hoãn xét Huy hiệu sau kỷ luật (tháng theo hình thức)", {"khien_trach": 6, "canh_cao": 9, "cach_chuc": 12}, D(2021, 1, 1), "QĐ 24-QĐ/TW 2021"),
    RuleDefault("award_discipline_months", "Không khen thưởng, đề nghị khen thưởng cá nhân trong thời gian sau kỷ luật (tháng)", 12, D(1930, 1, 1), "Cách đọc của dangbo (README, mục thiết kế); quản trị viên điều chỉnh được"),
    RuleDefault("probationary_discipline_forms", "Hình thức kỷ luật đảng viên dự bị", ["khien_trach", "canh_cao"], D(1930, 1, 1), "Điều lệ Đảng"),
    RuleDefault("cell_min_official", "Chi bộ có ít hơn số đảng viên chính thức này thì cảnh báo", 3, D(1930, 1, 1), "Điều lệ Đảng, Điều 21"),
    RuleDefault("cell_upgrade_members", "Chi bộ cơ sở có từ số đảng viên này thì cảnh báo nâng cấp", 30, D(1930, 1, 1), "HD 01-HD/TW 2021"),
    RuleDefault("absence_months_per_year", "Số tháng vắng sinh hoạt không lý do trong năm", 3, D(1930, 1, 1), "Điều lệ Đảng, Điều 8"),
    RuleDefault("excellent_quota_percent", "Tỷ lệ tối đa xuất sắc trên số hoàn thành tốt trở lên (%)", 20, D(2018, 1, 1), "QĐ 132-QĐ/TW 2018; HD 21-HD/BTCTW 2019"),
    RuleDefault("score_bands", "Khung điểm xếp loại (điểm tối thiểu)", None, D(1930, 1, 1), "—"),
    RuleDefault("score_bands", "Khung điểm xếp loại (điểm tối thiểu)", {"xuat_sac": 90, "tot": 70, "hoan_thanh": 50, "khong_hoan_thanh": 0}, D(2025, 1, 1), "QĐ 366-QĐ/TW 2025"),
)


class RuleBook:
    """The rule values in force on any date, built from (code, valid_from, value) rows."""

    def __init__(self, rows: list[tuple[str, dt.date, object]]):
        self._by_code: dict[str, tuple[list[dt.date], list[object]]] = {}
        for code, valid_from, value in sorted(rows, key=lambda r: (r[0], r[1])):
            dates, values = self._by_code.setdefault(code, ([], []))
            dates.append(valid_from)
            values.append(value)

    @classmethod
    def defaults(cls) -> RuleBook:
        return cls([(r.code, r.valid_from, r.value) for r in DEFAULTS])

    def value(self, code: str, on: dt.date):
        """The value of rule `code` in force on `on` (None before its first version)."""
        dates, values = self._by_code[code]
        i = bisect.bisect_right(dates, on) - 1
        return values[i] if i >= 0 else None
