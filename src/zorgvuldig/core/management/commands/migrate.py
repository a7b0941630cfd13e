"""`zorgvuldig migrate`: Django's, run as the owner of the tables (docs/operators.md).

Two additions: the start-up check of the database role does not apply (the owner is the one role that
must run it), and in production mode on PostgreSQL a run without ZORGVULDIG_DB_RUNTIME_ROLE ends with a
warning on stderr, because the runtime role then got no rights on the tables this run created.
"""

from __future__ import annotations

from django.core.management.commands.migrate import Command as DjangoMigrate

from zorgvuldig.core import database, startcontrole


class Command(DjangoMigrate):
    def execute(self, *args, **options):
        try:
            with startcontrole.als_eigenaar():  # execute() runs the system checks, then handle()
                return super().execute(*args, **options)
        finally:
            tekst = database.migrate_waarschuwing(options.get("database") or "default")
            if tekst:
                self.stderr.write(tekst)
