import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

# The path without the query string: searches carry people's names, and logs are not the
# place for personal data.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


class Command(BaseCommand):
    help = "Chạy ứng dụng web bằng máy chủ gunicorn (không phải máy chủ phát triển)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=int(os.environ.get("DANGBO_WORKERS", "3")))

    def handle(self, *args, **options):
        call_command("init", verbosity=0)
        # gunicorn forks its workers from this process: a database connection opened by
        # `init` must not be inherited, or workers share one socket and corrupt each other's
        # replies ("lost synchronization with server") under load.
        from django.db import connections

        connections.close_all()
        from gunicorn.app.wsgiapp import WSGIApplication

        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"dangbo đang chạy tại http://{bind}/ (Ctrl+C để dừng)")
        argv = ["gunicorn", "dangbo.wsgi:application", "--bind", bind, "--workers", str(options["workers"]),
                "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT, "--timeout", "120"]
        import sys

        sys.argv = argv
        WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
