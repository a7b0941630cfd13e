"""Queue every audit entry for the sequencer with an AFTER INSERT trigger (ADR 0004)."""

from django.db import migrations

from zorgvuldig.core.database import PG_QUEUE, PG_QUEUE_REVERSE, SQLITE_QUEUE, SQLITE_QUEUE_REVERSE


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_QUEUE)
    else:
        schema_editor.execute(SQLITE_QUEUE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_QUEUE_REVERSE)
    else:
        schema_editor.execute(SQLITE_QUEUE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
