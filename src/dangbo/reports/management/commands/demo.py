from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from dangbo.members.models import Person
from dangbo.orgs.models import Org


class Command(BaseCommand):
    help = "Khởi tạo và nạp bộ dữ liệu mẫu: Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh, nhiệm kỳ 2015-2020."

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="xóa dữ liệu hiện có rồi nạp dữ liệu mẫu")

    def handle(self, *args, **options):
        call_command("init", verbosity=0)
        if Org.objects.exists() or Person.objects.exists():
            if not options["replace"]:
                raise CommandError("Cơ sở dữ liệu đã có dữ liệu: dùng --replace để thay bằng dữ liệu mẫu.")
            self._empty()
        from dangbo.reports.demo import load_demo

        counts = load_demo()
        self.stdout.write(f"Đã nạp dữ liệu mẫu: {counts['register'].get('nguoi', 0)} người, "
                          f"{counts['register'].get('bien_dong_dang_vien', 0) + counts['records'].get('bien_dong_dang_vien', 0)} biến động đảng viên. "
                          "Thử: dangbo report --bloc KCQDN --term 2015-2020")

    def _empty(self) -> None:
        """--replace: the demo replaces everything (the audit log keeps a record of it)."""
        from django.db import transaction

        from dangbo.audit.services import record_audit
        from dangbo.core.maintenance import empty_data_tables

        with transaction.atomic():
            empty_data_tables()
            record_audit(action="demo.replace", object_type="database", reason="dangbo demo --replace", source="cli")
