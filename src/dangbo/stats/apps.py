from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "dangbo.stats"
    verbose_name = "Thống kê cơ bản"
