from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    dependencies = [("verstrekkingen", "0001_initial"), ("toegang", "0001_initial")]
    operations = [rls({"verstrekkingen_verstrekking": "verstrekkingen.verstrekking"})]
