from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    dependencies = [("personen", "0001_initial"), ("toegang", "0001_initial")]
    operations = [
        rls(
            {
                "personen_persoon": "personen.persoon",
                "personen_relatie": "personen.relatie",
                "personen_beoordeling": "personen.beoordeling",
                "personen_huishouden": "personen.huishouden",
            }
        )
    ]
