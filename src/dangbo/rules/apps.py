from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "dangbo.rules"
    verbose_name = "Quy định"
