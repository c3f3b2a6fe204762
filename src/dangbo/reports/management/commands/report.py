import datetime as dt
import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management.base import CommandError

from dangbo.core.management.base import DataCommand
from dangbo.core.setup import ensure_ready
from dangbo.reports.services import ReportRequestError, build_report, issue_report, make_request

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {text} (dùng YYYY-MM-DD).", returncode=2) from exc


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Thời điểm không hợp lệ: {text} (ISO 8601).", returncode=2) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL)


class Command(DataCommand):
    help = "Báo cáo nhiệm kỳ hoặc theo kỳ: JSON các chỉ số, hoặc văn bản .docx/.pdf/.xlsx."

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--bloc", help="mã đảng bộ (nhiều mã cách nhau bởi dấu phẩy)")
        who.add_argument("--all", action="store_true", help="mọi đảng bộ cấp trên")
        parser.add_argument("--term", help="mã nhiệm kỳ, ví dụ 2015-2020")
        parser.add_argument("--from", dest="start")
        parser.add_argument("--to", dest="end")
        parser.add_argument("--as-of", dest="as_of")
        parser.add_argument("--as-recorded", dest="as_recorded", help="thời điểm ISO 8601 (giờ Việt Nam nếu không ghi múi giờ)")
        parser.add_argument("--format", default="json", choices=["json", "xlsx", "docx", "pdf"])
        parser.add_argument("-o", dest="output")
        parser.add_argument("--issue", action="store_true",
                            help="ban hành: cấp số văn bản tiếp theo của năm và lưu báo cáo (không có: bản dự thảo)")

    def handle(self, *args, **o):
        if o["term"] and (o["start"] or o["end"]):
            raise CommandError("Không dùng --term cùng với --from/--to.", returncode=2)
        if not o["term"] and not (o["start"] and o["end"]):
            raise CommandError("Cần --term, hoặc cả --from và --to.", returncode=2)
        start, end = (_date(o["start"]) if o["start"] else None), (_date(o["end"]) if o["end"] else None)
        as_of = _date(o["as_of"]) if o["as_of"] else None
        if as_of and end and as_of > end:
            raise CommandError("--as-of không được sau --to.", returncode=2)
        ensure_ready()
        try:
            req = make_request(roots=o["bloc"].split(",") if o["bloc"] else None, all_roots=o["all"], term=o["term"],
                               start=start, end=end, as_of=as_of,
                               as_recorded=_moment(o["as_recorded"]) if o["as_recorded"] else None)
        except ReportRequestError as exc:
            raise CommandError(str(exc)) from exc
        issued = None
        if o["issue"]:
            report, issued = issue_report(user=None, req=req, fmt=o["format"])
        else:
            report = build_report(req, series=o["format"] != "json")
        if o["format"] == "json":
            text = json.dumps(report.as_json(), ensure_ascii=False, indent=2)
            if o["output"]:
                Path(o["output"]).write_text(text + "\n", encoding="utf-8")
            else:
                sys.stdout.write(text + "\n")
            return
        from dangbo.reports.documents import write_document

        name = "-".join(req.roots) + "-" + (req.term.code if req.term else f"{req.start}_{req.end}")
        out = Path(o["output"] or f"{name}.{o['format']}")
        write_document(report, req, o["format"], out, issued)
        self.stdout.write(f"Đã ghi báo cáo vào {out}.")
