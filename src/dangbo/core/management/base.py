"""The base of the data commands (init, import, export, report, createuser…)."""

from django.core.management.base import BaseCommand


class DataCommand(BaseCommand):
    """A command that reads or writes the register and never serves a page. Django's system
    checks would import every view and chart library first (a second per command, for a
    clerk and for every test that runs the command); `dangbo serve` still runs them."""

    requires_system_checks: list[str] = []
