from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    """A breach belongs to the FG's organisation; the FG sees the controller's register (RG-03)."""

    dependencies = [("datalekken", "0001_initial"), ("toegang", "0005_alter_toegang_bron")]
    operations = [rls({"datalekken_datalek": "datalekken.datalek"})]
