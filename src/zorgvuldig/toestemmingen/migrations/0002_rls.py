from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    """A consent belongs to the organisation that recorded it (ADR 0002)."""

    dependencies = [("toestemmingen", "0001_initial"), ("toegang", "0001_initial")]
    operations = [rls({"toestemmingen_toestemming": "toestemmingen.toestemming"})]
