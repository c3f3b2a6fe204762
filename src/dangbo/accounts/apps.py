from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangbo.accounts"
    verbose_name = "Người dùng và phân quyền"

    def ready(self):
        from . import security  # noqa: F401  (connects the sign-in audit signals)
