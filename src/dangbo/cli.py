"""The `dangbo` console command: a thin front over the management commands."""

import os
import sys

PUBLIC = ["init", "demo", "import", "export", "report", "serve", "createuser", "token", "unlock", "reset-2fa",
          "backup", "restore"]


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    import django
    from django.core.management import execute_from_command_line

    if not argv or argv[0] in ("-h", "--help"):
        argv = ["help"]
    if argv[0] == "help" and len(argv) == 1:
        django.setup()
        print("dangbo — hồ sơ tổ chức đảng và đảng viên\n\nCác lệnh:")
        from django.core.management import get_commands, load_command_class

        commands = get_commands()
        for name in PUBLIC:
            if name in commands:
                cmd = load_command_class(commands[name], name)
                print(f"  {name:<12} {cmd.help.splitlines()[0] if cmd.help else ''}")
        print("\nChi tiết một lệnh: dangbo help LỆNH. Mọi lệnh quản trị khác của Django cũng dùng được.")
        return
    execute_from_command_line(["dangbo", *argv])
