"""``flush`` empties every table, the audit log included.

Emptying a whole database is an operator's act outside the application (the test suite does
it between tests that commit). PostgreSQL empties tables with ``TRUNCATE``, which the audit
log's row triggers do not see; SQLite deletes row by row, so its delete trigger is lifted for
the flush and put back, in the same transaction, afterwards.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from cloudpark.core.audit_seal import SQLITE_DELETE_TRIGGER, TABLE


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_delete")
            super().handle(**options)
            if TABLE in connection.introspection.table_names(cursor):
                cursor.execute(SQLITE_DELETE_TRIGGER)
