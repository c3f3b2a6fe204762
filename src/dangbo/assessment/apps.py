from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "dangbo.assessment"
    verbose_name = "Đánh giá, xếp loại"
