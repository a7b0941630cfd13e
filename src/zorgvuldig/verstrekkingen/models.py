"""The disclosure register (SH-16): one entry per provision per recipient."""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Beschermd


class Verstrekking(Beschermd):
    class Bron(models.TextChoices):
        DEELBESLUIT = "deelbesluit", "Deelbesluit"
        TOEDELING = "toedeling", "Toedeling casusoverleg"
        VI_MATCH = "vi_match", "Matchbericht verwijsindex"

    bron = models.CharField(max_length=16, choices=Bron.choices)
    herkomst = models.CharField(max_length=200)  # the decision, allocation or match it comes from
    # The subject: a person record, or — for a VI match notice, whose subject is known to the index only by
    # BSN — the BSN blind index, so an *inzage* by BSN finds it (RI-05).
    persoon = models.ForeignKey(
        "personen.Persoon", null=True, blank=True, on_delete=models.CASCADE, related_name="verstrekkingen"
    )
    bsn_index = models.CharField(max_length=80, blank=True, db_index=True)
    ontvanger_organisatie = models.ForeignKey(
        "organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ontvanger_naam = models.CharField(max_length=200, blank=True)
    datum = models.DateField()
    gegevens = models.JSONField(default=list)
    doel = models.CharField(max_length=64)
    grond = models.CharField(max_length=40)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "bron": "verstrekking",
        "herkomst": "technisch",
        "persoon": "verstrekking",
        "bsn_index": "bsn",
        "ontvanger_organisatie": "verstrekking",
        "ontvanger_naam": "verstrekking",
        "datum": "verstrekking",
        "gegevens": "verstrekking",
        "doel": "verstrekking",
        "grond": "verstrekking",
    }
    BEWAARREGEL = "verstrekking"

    class Meta:
        verbose_name_plural = "verstrekkingen"
        indexes = [models.Index(fields=["ontvanger_organisatie", "datum"], name="verstrekking_ontvanger_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(persoon__isnull=False) | ~models.Q(bsn_index=""),
                name="verstrekking_heeft_betrokkene",
            )
        ]
