"""dangbo: hồ sơ tổ chức đảng, đảng viên và báo cáo nhiệm kỳ của Đảng ủy Khối."""

__version__ = "0.1.0"
