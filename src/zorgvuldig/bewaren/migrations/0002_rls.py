from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    """Retention rows, holds and lists belong to the record's organisation; the FG sees the controller."""

    dependencies = [("bewaren", "0001_initial"), ("toegang", "0005_alter_toegang_bron")]
    operations = [
        rls(
            {
                "bewaren_bewaartermijn": "bewaren.bewaartermijn",
                "bewaren_blokkade": "bewaren.blokkade",
                "bewaren_vernietigingslijst": "bewaren.vernietigingslijst",
            }
        )
    ]
