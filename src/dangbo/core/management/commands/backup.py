from pathlib import Path

from django.core.management.base import CommandError

from dangbo.core.backup import BackupError, backup_database
from dangbo.core.management.base import DataCommand


class Command(DataCommand):
    help = "Sao lưu nhất quán cơ sở dữ liệu, kể cả khi đang được sử dụng."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp sao lưu sẽ ghi")

    def handle(self, *args, **options):
        try:
            out = backup_database(Path(options["path"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã sao lưu vào {out}.")
