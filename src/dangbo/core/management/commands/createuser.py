import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dangbo.audit.services import record_audit
from dangbo.core.setup import ensure_ready


class Command(BaseCommand):
    help = "Tạo người dùng quản trị hệ thống (vai trò và phạm vi đơn vị sẽ có cùng phân quyền)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument("--password", help="mật khẩu (hoặc biến môi trường DANGBO_PASSWORD)")
        parser.add_argument("--email", default="")
        parser.add_argument("--full-name", default="", help="họ và tên")
        parser.add_argument("--role", default="admin", choices=["admin"], help="vai trò: admin (quản trị hệ thống)")

    def handle(self, *args, **options):
        ensure_ready()
        User = get_user_model()
        password = options["password"] or os.environ.get("DANGBO_PASSWORD")
        if not password:
            raise CommandError("Cần mật khẩu: --password hoặc biến môi trường DANGBO_PASSWORD.")
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"Tên đăng nhập {options['username']} đã có.")
        user = User(username=options["username"], email=options["email"], first_name=options["full_name"])
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("Mật khẩu không đạt yêu cầu: " + " ".join(exc.messages)) from exc
        with transaction.atomic():
            user.set_password(password)
            user.is_staff = user.is_superuser = options["role"] == "admin"
            user.save()
            record_audit(action="user.create", object_type="user", object_id=user.username,
                         after={"role": options["role"]}, source="cli")
        self.stdout.write(f"Đã tạo người dùng {user.username} (vai trò {options['role']}).")
