from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    """A request belongs to the organisation that handles it; the handler also through its grant."""

    dependencies = [("rechten", "0001_initial"), ("toegang", "0005_alter_toegang_bron")]
    operations = [rls({"rechten_verzoek": "rechten.verzoek", "rechten_beperking": "rechten.beperking"})]
