"""Convenants and accessions (RG-04): the agreements under which organisations share data, e.g. in the
verwijsindex (AC-01, VI-25)."""

from __future__ import annotations

from django.db import models

from zorgvuldig.convenanten import policies
from zorgvuldig.core.models import Basis

# API key (RG-04 item) → model field.
INHOUD_VELDEN = {
    "deelnemersEnDoelen": "deelnemers_en_doelen",
    "bijzondereGegevens": "bijzondere_gegevens",
    "informeringBetrokkenen": "informering_betrokkenen",
    "verwerkingenEnProtocol": "verwerkingen_en_protocol",
    "toestemmingKetenpartner": "toestemming_ketenpartner",
    "zonderToestemming": "zonder_toestemming",
    "escalatie": "escalatie",
    "rechtenBetrokkenen": "rechten_betrokkenen",
    "beveiliging": "beveiliging",
}


class Convenant(Basis):
    class Status(models.TextChoices):
        CONCEPT = policies.CONCEPT, "Concept"
        ACTIEF = policies.ACTIEF, "Actief"
        BEEINDIGD = policies.BEEINDIGD, "Beëindigd"

    code = models.SlugField(max_length=64, unique=True)
    naam = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONCEPT)
    # RG-04 (a)–(i); all nine must be filled before the convenant is `actief`.
    deelnemers_en_doelen = models.TextField(blank=True)
    bijzondere_gegevens = models.TextField(blank=True)
    informering_betrokkenen = models.TextField(blank=True)
    verwerkingen_en_protocol = models.TextField(blank=True)
    toestemming_ketenpartner = models.TextField(blank=True)
    zonder_toestemming = models.TextField(blank=True)
    escalatie = models.TextField(blank=True)
    rechten_betrokkenen = models.TextField(blank=True)
    beveiliging = models.TextField(blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "code": "organisatorisch",
        "naam": "organisatorisch",
        "status": "organisatorisch",
        **dict.fromkeys(INHOUD_VELDEN.values(), "organisatorisch"),
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name = "convenant"
        verbose_name_plural = "convenanten"

    def __str__(self) -> str:
        return self.naam

    def inhoud(self) -> dict[str, str]:
        """The nine items under their API keys."""
        return {sleutel: getattr(self, veld) for sleutel, veld in INHOUD_VELDEN.items()}


class Toetreding(Basis):
    """An organisation's accession to a convenant, and its end (RG-04; the end starts VI-25)."""

    convenant = models.ForeignKey(Convenant, on_delete=models.PROTECT, related_name="toetredingen")
    organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="toetredingen"
    )
    datum = models.DateField()
    tot = models.DateField(null=True, blank=True)  # API: `einddatum`

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "convenant": "organisatorisch",
        "organisatie": "organisatorisch",
        "datum": "organisatorisch",
        "tot": "organisatorisch",
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name = "toetreding"
        verbose_name_plural = "toetredingen"
        constraints = [
            models.UniqueConstraint(fields=["convenant", "organisatie", "datum"], name="toetreding_uniek"),
            models.CheckConstraint(
                condition=models.Q(tot__isnull=True) | models.Q(tot__gte=models.F("datum")),
                name="toetreding_tot_na_datum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} — {self.convenant}"
