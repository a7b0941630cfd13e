"""Append-only audit tables: triggers on both databases (privileges on PostgreSQL: post_migrate)."""

from django.db import migrations

from zorgvuldig.core.database import (
    PG_APPEND_ONLY,
    PG_APPEND_ONLY_REVERSE,
    SQLITE_APPEND_ONLY,
    SQLITE_APPEND_ONLY_REVERSE,
)


def forwards(apps, schema_editor):
    sql = PG_APPEND_ONLY if schema_editor.connection.vendor == "postgresql" else SQLITE_APPEND_ONLY
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.connection.connection.executescript(sql)
    else:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    sql = (
        PG_APPEND_ONLY_REVERSE
        if schema_editor.connection.vendor == "postgresql"
        else SQLITE_APPEND_ONLY_REVERSE
    )
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.connection.connection.executescript(sql)
    else:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
