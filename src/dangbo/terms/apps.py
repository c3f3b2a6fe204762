from django.apps import AppConfig


class TermsConfig(AppConfig):
    name = "dangbo.terms"
    verbose_name = "Nhiệm kỳ, chỉ tiêu"
