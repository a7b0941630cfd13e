"""Processing-activity catalogue (GP-02, RG-01) and purposes."""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Basis
from zorgvuldig.registers.catalogus import GRONDSLAGEN


class Doel(Basis):
    """A purpose of the closed list (GP-02). The shipped ones have no controller and cannot be deleted; the
    FG extends the list for the own controller (`verwerkingsverantwoordelijke` set). Codes are unique over
    the installation, because audit entries name the purpose by its code."""

    code = models.SlugField(max_length=64, unique=True)
    omschrijving = models.CharField(max_length=300)
    actief = models.BooleanField(default=True)
    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )  # null: shipped with the product (catalogus.DOELEN)
    grondslagen = models.CharField(max_length=6, blank=True)  # letters a–f the FG chose (GP-03)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "code": "organisatorisch",
        "omschrijving": "organisatorisch",
        "actief": "organisatorisch",
        "verwerkingsverantwoordelijke": "organisatorisch",
        "grondslagen": "organisatorisch",
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name_plural = "doelen"

    def __str__(self) -> str:
        return self.omschrijving


class Verwerkingsactiviteit(Basis):
    """An entry of the verwerkingsregister; every audit entry maps to one (RG-01)."""

    code = models.SlugField(max_length=64, unique=True)
    naam = models.CharField(max_length=300)
    doel = models.ForeignKey(Doel, on_delete=models.PROTECT, related_name="activiteiten")
    grondslag = models.CharField(max_length=1, choices=sorted(GRONDSLAGEN.items()))
    bijzondere_categorieen = models.BooleanField(default=False)
    ontvangers = models.CharField(max_length=300, blank=True)
    gratis_direct_aan_minderjarige = models.BooleanField(default=False)  # CS-14
    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )  # null: a regional (joint) activity
    actief = models.BooleanField(default=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "code": "organisatorisch",
        "naam": "organisatorisch",
        "doel": "organisatorisch",
        "grondslag": "organisatorisch",
        "bijzondere_categorieen": "organisatorisch",
        "ontvangers": "organisatorisch",
        "gratis_direct_aan_minderjarige": "organisatorisch",
        "verwerkingsverantwoordelijke": "organisatorisch",
        "actief": "organisatorisch",
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name_plural = "verwerkingsactiviteiten"

    def __str__(self) -> str:
        return self.naam


class Dpia(Basis):
    """A data-protection impact assessment of one processing activity for one controller (RG-02).

    Organisational data, not content: no row-level security; selectors filter on the controller.
    """

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        GEADVISEERD = "geadviseerd", "Geadviseerd door de FG"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
        IN_HERZIENING = "in_herziening", "In herziening"

    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    verwerkingsactiviteit = models.ForeignKey(
        Verwerkingsactiviteit, on_delete=models.PROTECT, related_name="dpias"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONCEPT)
    # The four steps of RG-02.
    proces = models.TextField(blank=True)  # 1 the process and its sharing moments
    rechtmatigheid = models.TextField(blank=True)  # 2 lawfulness
    risicos = models.TextField(blank=True)  # 3 risks for the data subjects
    maatregelen = models.TextField(blank=True)  # 4 mitigating measures
    fg_advies = models.TextField(blank=True)
    geadviseerd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    geadviseerd_op = models.DateTimeField(null=True, blank=True)
    besluit_door = models.CharField(max_length=200, blank=True)  # who approved for the controller
    besluitdatum = models.DateField(null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    herziendatum = models.DateField(null=True, blank=True)  # periodic review

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        **dict.fromkeys(
            [
                "verwerkingsverantwoordelijke",
                "verwerkingsactiviteit",
                "status",
                "proces",
                "rechtmatigheid",
                "risicos",
                "maatregelen",
                "fg_advies",
                "geadviseerd_door",
                "geadviseerd_op",
                "besluit_door",
                "besluitdatum",
                "vastgelegd_door",
                "herziendatum",
            ],
            "organisatorisch",
        ),
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name = "DPIA"
        verbose_name_plural = "DPIA's"
        constraints = [
            models.UniqueConstraint(
                fields=["verwerkingsverantwoordelijke", "verwerkingsactiviteit"],
                name="een_dpia_per_activiteit",
            )
        ]

    def __str__(self) -> str:
        return f"DPIA {self.verwerkingsactiviteit}"


class Registerversie(Basis):
    """One version of a controller's verwerkingsregister entry for one processing activity (RG-01).

    A change is a new version: `concept` until the FG approves it, then `goedgekeurd` and never edited
    again. The current entry is the approved version with the highest number; an earlier approved version
    stays current until a newer one is approved. At most one concept per controller and activity. The
    linked DPIA is the controller's DPIA of the activity (one per activity, `Dpia`)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"

    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    verwerkingsactiviteit = models.ForeignKey(
        Verwerkingsactiviteit, on_delete=models.PROTECT, related_name="registerversies"
    )
    versie = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONCEPT)
    # The items of GDPR art 30(1) as RG-01 lists them.
    gezamenlijke_verantwoordelijken = models.TextField(blank=True)  # joint controllers (RG-05), if any
    doelen = models.JSONField(default=list)  # codes of `Doel`
    categorieen_betrokkenen = models.TextField(blank=True)
    categorieen_gegevens = models.TextField(blank=True)
    bijzondere_categorieen = models.BooleanField(default=False)
    ontvangers = models.TextField(blank=True)
    bewaartermijn = models.TextField(blank=True)
    grondslag = models.CharField(max_length=1, blank=True, choices=sorted(GRONDSLAGEN.items()))
    grondslag_toelichting = models.TextField(blank=True)
    beveiliging = models.TextField(blank=True)
    wijziging = models.TextField(blank=True)  # what changed and why
    opgesteld_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    goedgekeurd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        **dict.fromkeys(
            [
                "verwerkingsverantwoordelijke",
                "verwerkingsactiviteit",
                "versie",
                "status",
                "gezamenlijke_verantwoordelijken",
                "doelen",
                "categorieen_betrokkenen",
                "categorieen_gegevens",
                "bijzondere_categorieen",
                "ontvangers",
                "bewaartermijn",
                "grondslag",
                "grondslag_toelichting",
                "beveiliging",
                "wijziging",
                "opgesteld_door",
                "goedgekeurd_door",
                "goedgekeurd_op",
            ],
            "organisatorisch",
        ),
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name = "versie van het verwerkingsregister"
        verbose_name_plural = "versies van het verwerkingsregister"
        constraints = [
            models.UniqueConstraint(
                fields=["verwerkingsverantwoordelijke", "verwerkingsactiviteit", "versie"],
                name="registerversie_uniek",
            ),
            models.UniqueConstraint(
                fields=["verwerkingsverantwoordelijke", "verwerkingsactiviteit"],
                condition=models.Q(status="concept"),
                name="registerversie_een_concept",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verwerkingsactiviteit} v{self.versie}"
