"""Making sure the database is created and migrated before a command uses it."""

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def ensure_ready() -> None:
    """Migrate and seed the rules when the database is new or behind (cheap when it is not)."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("init", verbosity=0)
