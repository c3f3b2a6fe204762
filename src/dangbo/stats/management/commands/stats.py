import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from dangbo.core.management.base import DataCommand
from dangbo.core.setup import ensure_ready
from dangbo.domain import basic_stats as S
from dangbo.stats.selectors import Stats, StatsRequestError, count, for_roots
from dangbo.stats.tally import built, totals


class Command(DataCommand):
    help = "Thống kê cơ bản về đảng viên của một hay nhiều đảng bộ vào một ngày: JSON, hoặc .xlsx/.docx/.pdf."

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--bloc", help="mã đảng bộ (nhiều mã cách nhau bởi dấu phẩy)")
        who.add_argument("--all", action="store_true", help="mọi đảng bộ cấp trên")
        parser.add_argument("--as-of", dest="as_of", help="ngày số liệu YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--format", default="json", choices=["json", "xlsx", "docx", "pdf"])
        parser.add_argument("-o", dest="output")

    def handle(self, *args, **o):
        try:
            day = dt.date.fromisoformat(o["as_of"]) if o["as_of"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {o['as_of']} (dùng YYYY-MM-DD).", returncode=2) from exc
        ensure_ready()
        try:
            asked = for_roots(o["bloc"].split(",") if o["bloc"] else None, day)
        except StatsRequestError as exc:
            raise CommandError(str(exc)) from exc
        if o["format"] == "json" and not o["bloc"]:
            building = not built()
            if building:
                self.stderr.write("Đang dựng bảng đếm thống kê từ mọi đảng viên (lần đầu sau khi nạp dữ liệu)…")
            stats = Stats(day, total=totals(day, self._tenths if building else None))  # every root's totals: the kept tally
        else:
            stats = count(asked.scope, rows=o["format"] != "json")  # the JSON holds the totals only
        if o["format"] == "json":
            text = json.dumps({"to_chuc": ",".join(asked.codes), "ngay_so_lieu": day.isoformat(),
                               "chi_so": {k: stats.total[k] for k in S.KEYS}}, ensure_ascii=False, indent=2)
            if o["output"]:
                Path(o["output"]).write_text(text + "\n", encoding="utf-8")
            else:
                sys.stdout.write(text + "\n")
            return
        from dangbo.stats.documents import write

        name = ("-".join(asked.codes) if o["bloc"] else "toan-bo") + f"-thong-ke-{day.isoformat()}"
        out = write(asked, stats, o["format"], Path(o["output"] or f"{name}.{o['format']}"))
        self.stdout.write(f"Đã ghi {out}")

    def _tenths(self, i: int, n: int) -> None:
        """A build's progress, each tenth once."""
        if (10 * i) // n != (10 * (i - 1)) // n:
            self.stderr.write(f"  đã đếm {100 * i // n}%")
