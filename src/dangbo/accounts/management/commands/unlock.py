from dangbo.accounts.services import unlock_sign_in
from dangbo.core.management.base import DataCommand
from dangbo.core.setup import ensure_ready


class Command(DataCommand):
    help = "Mở khóa đăng nhập của một tên đăng nhập bị tạm khóa vì nhập sai mật khẩu nhiều lần."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **o):
        ensure_ready()
        n = unlock_sign_in(user=None, username=o["username"])
        self.stdout.write(f"Đã mở khóa {o['username']} ({n} lần đăng nhập sai được xóa khỏi bộ đếm).")
