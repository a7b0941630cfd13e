from django.db import migrations

from zorgvuldig.core.migrations_rls import rls

TABELLEN = [
    "dossier",
    "toewijzing",
    "notitie",
    "clientverklaring",
    "afscherming",
    "zrmscore",
    "plan",
    "verwijzing",
    "instemming",
    "kaderwijziging",
    "veiligheidsbeoordeling",
    "teambespreking",
    "zorgsignaal",
]


class Migration(migrations.Migration):
    """A dossier and its items belong to the team's organisation (ADR 0002); others reach a dossier only
    through a grant on it (ADR 0003)."""

    dependencies = [("dossiers", "0001_initial"), ("toegang", "0001_initial")]
    operations = [rls({f"dossiers_{t}": f"dossiers.{t}" for t in TABELLEN})]
