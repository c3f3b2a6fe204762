import datetime as dt
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from dangbo.accounts.choices import ADMIN, ROLE_CHOICES
from dangbo.accounts.models import Grant
from dangbo.audit.services import record_audit
from dangbo.core.management.base import DataCommand
from dangbo.core.setup import ensure_ready
from dangbo.orgs.models import Org


class Command(DataCommand):
    help = "Tạo người dùng với một vai trò và phạm vi (một đơn vị và các đơn vị trực thuộc)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument("--password", help="mật khẩu (hoặc biến môi trường DANGBO_PASSWORD)")
        parser.add_argument("--email", default="")
        parser.add_argument("--full-name", default="", help="họ và tên")
        parser.add_argument("--role", default=ADMIN, choices=[r for r, _ in ROLE_CHOICES],
                            help="admin (quản trị), ban_to_chuc, kiem_tra, bi_thu, lanh_dao")
        parser.add_argument("--scope", help="mã đơn vị của phạm vi (bắt buộc, trừ quản trị hệ thống)")
        parser.add_argument("--only-unit", action="store_true", help="chỉ đơn vị đó, không gồm các đơn vị trực thuộc")

    def handle(self, *args, **o):
        ensure_ready()
        User = get_user_model()
        password = o["password"] or os.environ.get("DANGBO_PASSWORD")
        if not password:
            raise CommandError("Cần mật khẩu: --password hoặc biến môi trường DANGBO_PASSWORD.")
        if User.objects.filter(username=o["username"]).exists():
            raise CommandError(f"Tên đăng nhập {o['username']} đã có.")
        org = None
        if o["scope"]:
            org = Org.objects.filter(code=o["scope"]).first()
            if org is None:
                raise CommandError(f"Không có đơn vị mang mã {o['scope']}.")
        elif o["role"] != ADMIN:
            raise CommandError("Vai trò này cần --scope MÃ_ĐƠN_VỊ.")
        user = User(username=o["username"], email=o["email"], first_name=o["full_name"])
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("Mật khẩu không đạt yêu cầu: " + " ".join(exc.messages)) from exc
        with transaction.atomic():
            user.set_password(password)
            user.is_staff = user.is_superuser = o["role"] == ADMIN and org is None
            user.save()
            Grant.objects.create(user=user, role=o["role"], org=org, include_subunits=not o["only_unit"],
                                 valid_from=dt.date(1900, 1, 1))
            record_audit(action="user.create", object_type="user", object_id=user.username,
                         after={"role": o["role"], "scope": o["scope"] or ""}, source="cli")
        self.stdout.write(f"Đã tạo người dùng {user.username} (vai trò {o['role']}{', phạm vi ' + o['scope'] if o['scope'] else ''}).")
