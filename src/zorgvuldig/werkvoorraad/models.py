"""A user's tasks are derived from the data at read time (RT-12, `selectors.taken_voor`); only the
dismissal of a reminder is stored, so a dismissed reminder stays away until its cause raises it again."""

from __future__ import annotations

from django.db import models


class Afronding(models.Model):
    """A user dismissed the reminder with this task uuid (API §2.1 `POST /taken/{uuid}/_afronden`)."""

    # no index of its own: the unique constraint (gebruiker, taak) starts with it (ADR 0017)
    gebruiker = models.ForeignKey(
        "organisaties.Gebruiker", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    taak = models.UUIDField()
    soort = models.CharField(max_length=40)  # policies.SOORTEN
    afgerond_op = models.DateTimeField(auto_now_add=True)

    DATACATEGORIEEN = {
        "id": "technisch",
        "gebruiker": "medewerker",
        "taak": "technisch",
        "soort": "organisatorisch",
        "afgerond_op": "technisch",
    }
    # the user's own work settings: kept as long as the account (CASCADE), like configuration
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name_plural = "afrondingen"
        constraints = [models.UniqueConstraint(fields=["gebruiker", "taak"], name="uniek_afronding")]
