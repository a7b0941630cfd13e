from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    """An export's row belongs to the recipient organisation; the controller's FG sees it (RP-04)."""

    dependencies = [("monitoring", "0001_initial"), ("toegang", "0005_alter_toegang_bron")]
    operations = [rls({"monitoring_export": "monitoring.export"})]
