from django.core.management import call_command

from dangbo.core.management.base import DataCommand
from dangbo.rules.services import seed_rules_and_holidays


class Command(DataCommand):
    help = "Tạo hoặc nâng cấp cơ sở dữ liệu (chạy lại nhiều lần không sao)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        added = seed_rules_and_holidays()
        from django.db import connection

        if options["verbosity"] >= 1:
            self.stdout.write(f"Cơ sở dữ liệu sẵn sàng ({connection.vendor}: {connection.settings_dict['NAME']}); "
                              f"đã nạp {added} quy định và ngày nghỉ lễ mới.")
