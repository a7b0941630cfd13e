from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    """An incoming request belongs to the organisation asked (ADR 0002)."""

    dependencies = [("verstrekkingen", "0006_informatieverzoek"), ("toegang", "0001_initial")]
    operations = [rls({"verstrekkingen_informatieverzoek": "verstrekkingen.informatieverzoek"})]
