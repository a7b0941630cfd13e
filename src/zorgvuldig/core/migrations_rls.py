"""A migration operation that adds PostgreSQL row-level security to protected tables (ADR 0002)."""

from django.db import migrations

from zorgvuldig.core.database import rls_reverse_sql, rls_sql


def rls(tabellen: dict[str, str]) -> migrations.RunPython:
    """`tabellen`: table name → grant object type (`app_label.model`)."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table, object_type in tabellen.items():
                schema_editor.execute(rls_sql(table, object_type))

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in tabellen:
                schema_editor.execute(rls_reverse_sql(table))

    return migrations.RunPython(forwards, backwards)
