from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangbo.accounts"
    verbose_name = "Người dùng và phân quyền"
