"""A migration operation that adds PostgreSQL row-level security to protected tables (ADR 0002)."""

from django.db import migrations

from zorgvuldig.core.database import rls_reverse_sql, rls_sql


def rls(tabellen: dict[str, str | tuple[str, tuple[str, str]]]) -> migrations.RunPython:
    """`tabellen`: table name → grant object type (`app_label.model`), or (object type, (parent object
    type, parent column)) for a child row that a grant on its parent opens too."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table, soort in tabellen.items():
                if isinstance(soort, tuple):
                    schema_editor.execute(rls_sql(table, soort[0], soort[1]))
                else:
                    schema_editor.execute(rls_sql(table, soort))

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in tabellen:
                schema_editor.execute(rls_reverse_sql(table))

    return migrations.RunPython(forwards, backwards)
