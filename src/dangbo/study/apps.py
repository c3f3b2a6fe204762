from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "dangbo.study"
    verbose_name = "Học tập nghị quyết"
