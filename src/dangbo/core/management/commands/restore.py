from pathlib import Path

from django.core.management.base import CommandError

from dangbo.core.backup import BackupError, restore_database
from dangbo.core.management.base import DataCommand


class Command(DataCommand):
    help = "Khôi phục cơ sở dữ liệu từ một tệp sao lưu của dangbo backup (thay toàn bộ dữ liệu hiện có)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp sao lưu")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"Không tìm thấy {path}.")
        try:
            restore_database(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã khôi phục từ {path}.")
