from django.db import migrations

from zorgvuldig.core.migrations_rls import rls


class Migration(migrations.Migration):
    """A notice belongs to the disclosure entry's organisation; the request's handler reaches it through
    the grant on the request."""

    dependencies = [("rechten", "0003_correctienotificatie")]
    operations = [
        rls(
            {
                "rechten_correctienotificatie": (
                    "rechten.correctienotificatie",
                    ("rechten.verzoek", "verzoek_id"),
                )
            }
        )
    ]
