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
# RG-05: API key in `gezamenlijkeVerantwoordelijkheid` → model field (text items; `modules` and
# `melderDatalekken` are fields of their own).
REGELING_VELDEN = {
    "informerenBetrokkenen": "gv_informeren_betrokkenen",
    "contactpunt": "gv_contactpunt",
    "beveiliging": "gv_beveiliging",
    "klachten": "gv_klachten",
    "incidenten": "gv_incidenten",
    "aansprakelijkheid": "gv_aansprakelijkheid",
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
    # RG-05: the joint-controller arrangement (GDPR art. 26) for the shared modules it names.
    gv_modules = models.JSONField(default=list, blank=True)  # ["verwijsindex", "casusoverleg"]
    gv_informeren_betrokkenen = models.TextField(blank=True)
    gv_contactpunt = models.TextField(blank=True)
    gv_melder_datalekken = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    gv_beveiliging = models.TextField(blank=True)
    gv_klachten = models.TextField(blank=True)
    gv_incidenten = models.TextField(blank=True)
    gv_aansprakelijkheid = models.TextField(blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "code": "organisatorisch",
        "naam": "organisatorisch",
        "status": "organisatorisch",
        **dict.fromkeys(INHOUD_VELDEN.values(), "organisatorisch"),
        "gv_modules": "organisatorisch",
        "gv_melder_datalekken": "organisatorisch",
        **dict.fromkeys(REGELING_VELDEN.values(), "organisatorisch"),
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

    def regeling(self) -> dict:
        """RG-05's items under their API keys; `melderDatalekken` as the controller (or None)."""
        return {
            "modules": list(self.gv_modules or []),
            **{sleutel: getattr(self, veld) for sleutel, veld in REGELING_VELDEN.items()},
            "melderDatalekken": self.gv_melder_datalekken,
        }


class Toetreding(Basis):
    """An organisation's accession to a convenant, and its end (RG-04; the end starts VI-25)."""

    convenant = models.ForeignKey(
        Convenant, on_delete=models.PROTECT, related_name="toetredingen", db_index=False
    )
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


class Verwerkersovereenkomst(Basis):
    """RG-06: a processor agreement of one controller, with its scope and validity. Organisational data,
    not content: no row-level security; the selectors filter on the controller (AC-15). Written mandates
    are `organisaties.Mandaat`; the API shows both under `/overeenkomsten`."""

    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke", on_delete=models.PROTECT, related_name="+"
    )
    partij = models.CharField(max_length=200)  # the processor
    reikwijdte = models.TextField()  # what it processes, for which activities
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "verwerkingsverantwoordelijke": "organisatorisch",
        "partij": "organisatorisch",
        "reikwijdte": "organisatorisch",
        "geldig_vanaf": "organisatorisch",
        "geldig_tot": "organisatorisch",
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name = "verwerkersovereenkomst"
        verbose_name_plural = "verwerkersovereenkomsten"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(geldig_tot__isnull=True)
                | models.Q(geldig_tot__gte=models.F("geldig_vanaf")),
                name="verwerkersovereenkomst_tot_na_vanaf",
            ),
        ]

    def __str__(self) -> str:
        return self.partij
