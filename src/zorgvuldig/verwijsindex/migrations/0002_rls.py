from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    """Signals and their justification belong to the signaler's organisation (ADR 0002, ADR 0009); the
    matching service reads across organisations only in the system context."""

    dependencies = [("verwijsindex", "0001_initial"), ("toegang", "0001_initial")]
    operations = [
        rls(
            {
                "verwijsindex_signaal": "verwijsindex.signaal",
                "verwijsindex_verantwoording": "verwijsindex.verantwoording",
            }
        )
    ]
