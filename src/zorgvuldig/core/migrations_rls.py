"""Migration operations for PostgreSQL only: row-level security on protected tables (ADR 0002), and
dropping the pattern indexes Django adds beside an indexed text column (ADR 0017)."""

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


def zonder_patroonindex(tabel: str, kolommen: list[str]) -> migrations.RunPython:
    """Drop the `varchar_pattern_ops` index PostgreSQL gets beside every indexed or unique CharField of
    `kolommen`. It only serves `LIKE 'prefix%'`, which no query runs on these columns, and every insert
    pays for it. Django drops these indexes with `DROP INDEX IF EXISTS`, so a later migration of the
    field still works; SQLite never has them."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cur:
            for kolom in kolommen:
                cur.execute(
                    "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s"
                    " AND indexdef LIKE %s",
                    [tabel, f"%({kolom} varchar_pattern_ops)"],
                )
                for (naam,) in cur.fetchall():
                    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(naam)}")

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for kolom in kolommen:
                naam = schema_editor.quote_name(f"{tabel}_{kolom}_like")
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {naam} ON {tabel} ({schema_editor.quote_name(kolom)}"
                    " varchar_pattern_ops)"
                )

    return migrations.RunPython(forwards, backwards)
