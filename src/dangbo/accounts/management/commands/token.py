from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from dangbo.accounts.services import issue_token
from dangbo.core.management.base import DataCommand
from dangbo.core.setup import ensure_ready


class Command(DataCommand):
    help = "Cấp một khóa truy cập REST API cho người dùng (khóa chỉ hiện một lần)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="tên gợi nhớ của khóa")

    def handle(self, *args, **o):
        ensure_ready()
        user = get_user_model().objects.filter(username=o["username"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng {o['username']}.")
        self.stdout.write(issue_token(user=user, name=o["name"]))
