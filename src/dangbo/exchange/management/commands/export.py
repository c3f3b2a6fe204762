from django.core.management.base import CommandError

from dangbo.audit.services import record_audit
from dangbo.core.management.base import DataCommand
from dangbo.core.setup import ensure_ready
from dangbo.exchange.exporter import ExportTooLarge, export_database


class Command(DataCommand):
    help = "Xuất toàn bộ cơ sở dữ liệu theo định dạng trao đổi: tệp .xlsx hoặc thư mục CSV."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp .xlsx, hoặc thư mục để ghi các tệp CSV")

    def handle(self, *args, **options):
        ensure_ready()
        try:
            counts = export_database(options["path"])
        except ExportTooLarge as exc:
            raise CommandError(str(exc)) from exc
        record_audit(action="export.database", object_type="database", after={"path": str(options["path"]), "counts": counts},
                     source="cli")
        total = sum(counts.values())
        self.stdout.write(f"Đã xuất {total} dòng vào {options['path']}.")
