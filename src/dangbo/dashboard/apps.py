from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The first page: the counts that open the seed article and the register's alerts."""

    name = "dangbo.dashboard"
    verbose_name = "Tổng quan"
