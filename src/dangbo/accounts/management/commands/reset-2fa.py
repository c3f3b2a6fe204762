from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from dangbo.accounts.services import reset_two_factor
from dangbo.core.management.base import DataCommand
from dangbo.core.setup import ensure_ready


class Command(DataCommand):
    help = "Bỏ ứng dụng xác thực hai bước của một người dùng (mất điện thoại): lần đăng nhập sau sẽ cài lại."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **o):
        ensure_ready()
        target = get_user_model().objects.filter(username=o["username"]).first()
        if target is None:
            raise CommandError(f"Không có người dùng {o['username']}.")
        n = reset_two_factor(user=None, target=target)
        self.stdout.write(f"Đã bỏ {n} ứng dụng xác thực của {target.username}.")
