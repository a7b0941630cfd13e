from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    """A sharing decision belongs to its dossier's organisation (ADR 0002)."""

    dependencies = [("verstrekkingen", "0004_deelbesluit"), ("toegang", "0001_initial")]
    operations = [rls({"verstrekkingen_deelbesluit": "verstrekkingen.deelbesluit"})]
