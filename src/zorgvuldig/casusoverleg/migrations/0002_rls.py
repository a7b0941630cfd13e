from django.db import migrations

from zorgvuldig.core.migrations_rls import rls

CASUS = ("casusoverleg.casusoverleg", "casusoverleg_id")


class Migration(migrations.Migration):
    """A case belongs to its host organisation, a contribution to its contributor (ADR 0012); a participant
    reaches the case and its rows through the `deelname` grant on the case, an allocated contribution
    through its `toedeling` grant."""

    dependencies = [("casusoverleg", "0001_initial"), ("toegang", "0001_initial")]
    operations = [
        rls(
            {
                "casusoverleg_casusoverleg": "casusoverleg.casusoverleg",
                "casusoverleg_deelnemer": ("casusoverleg.deelnemer", CASUS),
                "casusoverleg_bijdrage": ("casusoverleg.bijdrage", CASUS),
                "casusoverleg_toedeling": ("casusoverleg.toedeling", CASUS),
                "casusoverleg_bijeenkomst": ("casusoverleg.bijeenkomst", CASUS),
                "casusoverleg_actiepunt": ("casusoverleg.actiepunt", CASUS),
            }
        )
    ]
