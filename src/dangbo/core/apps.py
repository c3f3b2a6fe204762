from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared pieces: the record base, dates, text, and the operating commands."""

    name = "dangbo.core"
    verbose_name = "Hệ thống"
