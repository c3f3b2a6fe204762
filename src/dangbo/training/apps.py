from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dangbo.training"
    verbose_name = "Đào tạo, bồi dưỡng"
