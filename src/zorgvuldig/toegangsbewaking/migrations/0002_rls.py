from django.db import migrations

from zorgvuldig.core.database import RLS_FG, RLS_SYSTEEM, rls_reverse_sql

TABEL = "toegangsbewaking_signalering"

# Alerts are personal data of employees (RP-06): unlike other protected tables (core.database.rls_sql) the
# staff member's own organisation does not open them, and no grant does — only the FG of the controller and
# the system job. A leidinggevende of the same organisation sees none of them, not even through a query
# that forgets the selector's filter.
RLS = f"""
ALTER TABLE {TABEL} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenancy ON {TABEL};
CREATE POLICY tenancy ON {TABEL} USING (
    {RLS_SYSTEEM}
    OR verwerkingsverantwoordelijke_id = {RLS_FG}
);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RLS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(rls_reverse_sql(TABEL))


class Migration(migrations.Migration):
    dependencies = [("toegangsbewaking", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
