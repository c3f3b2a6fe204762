import argparse
import sys
import time
from pathlib import Path

from django.core.management.base import CommandError

from dangbo.core.management.base import DataCommand
from dangbo.core.setup import ensure_ready
from dangbo.exchange.importer import import_workbook
from dangbo.rules.services import seed_rules_and_holidays


class Command(DataCommand):
    help = "Nhập một tệp .xlsx hoặc thư mục CSV theo định dạng trao đổi dữ liệu (tất cả hoặc không gì cả)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp .xlsx hoặc thư mục chứa <sheet>.csv")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
        parser.add_argument("--annotated", metavar="OUT", help="nơi ghi bản có chú thích lỗi (mặc định <tên>.loi.xlsx)")
        parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                            help="in từng bước và thời gian đã chạy ra stderr (mặc định: khi chạy trong terminal)")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"Không tìm thấy {path}.")
        ensure_ready()
        seed_rules_and_holidays()
        stem = path.name if path.is_dir() else path.stem
        annotated = Path(options["annotated"]) if options["annotated"] else path.parent / f"{stem}.loi.xlsx"
        show = options["progress"] if options["progress"] is not None else sys.stderr.isatty()
        started = time.monotonic()

        def progress(message: str) -> None:
            self.stderr.write(f"[{time.monotonic() - started:7.1f} s] {message}…")

        result = import_workbook(path, dry_run=options["dry_run"], annotated=annotated, progress=progress if show else None)
        if result.status == "duplicate":
            self.stdout.write(f"Tệp {path.name} đã được nhập trước đây: không có gì thay đổi.")
            return
        for w in result.warnings:
            self.stdout.write(f"Cảnh báo: {w}")
        if result.status == "refused":
            for e in result.errors:
                self.stderr.write(f"Lỗi: {e}")
            raise CommandError(f"Tệp bị từ chối: {len(result.errors)} lỗi, không ghi gì vào cơ sở dữ liệu. "
                               f"Bản có chú thích lỗi: {annotated}")
        counts = ", ".join(f"{k}: {v}" for k, v in result.counts.items()) or "không có dòng nào"
        verb = "Kiểm tra xong (chưa ghi, --dry-run)" if result.status == "checked" else "Đã nhập"
        self.stdout.write(f"{verb} {path.name} trong {result.seconds:.1f} giây — {counts}; "
                          f"{len(result.warnings)} cảnh báo.")
