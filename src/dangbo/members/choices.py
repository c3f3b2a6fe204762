"""Choices of the member app, with Vietnamese labels."""

from dangbo.domain import labels
from dangbo.domain.labels import choices

MEMBER_EVENT_CHOICES = choices(labels.MEMBER_EVENT)
STATUS_CHOICES = choices(labels.MEMBER_STATUS)
SEX_CHOICES = choices(labels.SEX)

# The admission file (Hướng dẫn của Ban Tổ chức Trung ương), 1-KNĐ … 9-KNĐ.
ADMISSION_DOCUMENTS = [
    ("1-KNĐ", "Đơn xin vào Đảng"),
    ("2-KNĐ", "Lý lịch của người xin vào Đảng"),
    ("3-KNĐ", "Giấy giới thiệu của đảng viên chính thức"),
    ("4-KNĐ", "Nghị quyết giới thiệu đoàn viên của Ban Chấp hành Đoàn cơ sở"),
    ("5-KNĐ", "Nghị quyết giới thiệu đoàn viên công đoàn của Ban Chấp hành Công đoàn cơ sở"),
    ("6-KNĐ", "Tổng hợp ý kiến nhận xét của tổ chức đoàn thể và chi ủy nơi cư trú"),
    ("7-KNĐ", "Nghị quyết đề nghị kết nạp của chi bộ"),
    ("8-KNĐ", "Báo cáo thẩm định của đảng ủy bộ phận"),
    ("9-KNĐ", "Nghị quyết xét kết nạp của đảng ủy cơ sở"),
]
