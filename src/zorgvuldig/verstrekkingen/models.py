"""The disclosure register (SH-16): one entry per provision per recipient."""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Beschermd, eigenaar


class Verstrekking(Beschermd):
    verwerkingsverantwoordelijke = eigenaar("organisaties.Verwerkingsverantwoordelijke", db_index=False)

    class Bron(models.TextChoices):
        DEELBESLUIT = "deelbesluit", "Deelbesluit"
        TOEDELING = "toedeling", "Toedeling casusoverleg"
        VI_MATCH = "vi_match", "Matchbericht verwijsindex"

    bron = models.CharField(max_length=16, choices=Bron.choices)
    # the decision, allocation or match it comes from; indexed: retention deletes by it (SPEC §10)
    herkomst = models.CharField(max_length=200, db_index=True)
    # The subject: a person record, or — for a VI match notice, whose subject is known to the index only by
    # BSN — the BSN blind index, so an *inzage* by BSN finds it (RI-05).
    persoon = models.ForeignKey(
        "personen.Persoon", null=True, blank=True, on_delete=models.CASCADE, related_name="verstrekkingen"
    )
    bsn_index = models.CharField(max_length=80, blank=True, db_index=True)
    ontvanger_organisatie = models.ForeignKey(
        "organisaties.Organisatie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
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
        indexes = [
            models.Index(fields=["ontvanger_organisatie", "datum"], name="verstrekking_ontvanger_idx"),
            # the FG's search "everything to organisation X in period T" within the own controller
            models.Index(
                fields=["verwerkingsverantwoordelijke", "ontvanger_organisatie", "datum"],
                name="verstrekking_fg_ontvanger_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(persoon__isnull=False) | ~models.Q(bsn_index=""),
                name="verstrekking_heeft_betrokkene",
            )
        ]


class Deelbesluit(Beschermd):
    """A sharing decision (SH-01): "may I share this, with whom, on which ground?", answered step by step.

    The wizard's structured answers, the items and every free-text reason are one encrypted JSON document;
    what is filtered, counted or locked on (status, ground, class, dates, consent) is in clear.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="deelbesluiten", db_index=False
    )
    richting = models.CharField(max_length=12)  # verstrekken | opvragen
    status = models.CharField(max_length=24)
    spoed = models.BooleanField(default=False)
    ontvanger_organisatie = models.ForeignKey(
        "organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ontvanger_type = models.CharField(max_length=32)
    ontvanger = models.JSONField(default=dict)  # {naam, functie, taak}: a professional or organisation
    klasse = models.CharField(max_length=1, blank=True)
    grond = models.CharField(max_length=32, blank=True)
    toestemming = models.ForeignKey(
        "toestemmingen.Toestemming",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deelbesluiten",
    )
    antwoorden_versleuteld = models.TextField()
    toetsing = models.JSONField(default=list)  # [{stap, naam, ok, code}]: no content
    consultatie_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consultatie_op = models.DateTimeField(null=True, blank=True)
    consultatie_uiterlijk = models.DateField(null=True, blank=True)  # urgent path: afterwards, 1 working day
    besluit = models.CharField(max_length=12, blank=True)
    besloten_op = models.DateTimeField(null=True, blank=True)
    besloten_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uitgevoerd_op = models.DateField(null=True, blank=True)
    uitvoering_vorm = models.CharField(max_length=12, blank=True)
    informeren_moment = models.CharField(max_length=12, blank=True)  # voor | na | uitgesteld
    informeren_grond = models.CharField(max_length=16, blank=True)  # veiligheid | participatiewet
    reviewdatum = models.DateField(null=True, blank=True)
    uitstel_goedgekeurd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    geinformeerd_op = models.DateField(null=True, blank=True)
    verschoningsrecht = models.BooleanField(default=False)
    beeindigd_op = models.DateTimeField(null=True, blank=True)  # CS-08: its consent was revoked
    verzoek_van = models.ForeignKey(
        "organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # an incoming request (SH-06) from this organisation started it
    aangemaakt_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "dossier": "technisch",
        "richting": "verstrekking",
        "status": "organisatorisch",
        "spoed": "organisatorisch",
        "ontvanger_organisatie": "verstrekking",
        "ontvanger_type": "verstrekking",
        "ontvanger": "verstrekking",
        "klasse": "verstrekking",
        "grond": "verstrekking",
        "toestemming": "technisch",
        "antwoorden_versleuteld": "bijzonder",
        "toetsing": "organisatorisch",
        "consultatie_door": "medewerker",
        "consultatie_op": "organisatorisch",
        "consultatie_uiterlijk": "organisatorisch",
        "besluit": "verstrekking",
        "besloten_op": "organisatorisch",
        "besloten_door": "medewerker",
        "uitgevoerd_op": "verstrekking",
        "uitvoering_vorm": "verstrekking",
        "informeren_moment": "organisatorisch",
        "informeren_grond": "gevoelig",
        "reviewdatum": "organisatorisch",
        "uitstel_goedgekeurd_door": "medewerker",
        "geinformeerd_op": "organisatorisch",
        "verschoningsrecht": "organisatorisch",
        "beeindigd_op": "organisatorisch",
        "verzoek_van": "verstrekking",
        "aangemaakt_door": "medewerker",
    }
    BEWAARREGEL = "verstrekking"

    class Meta:
        verbose_name_plural = "deelbesluiten"
        indexes = [models.Index(fields=["dossier", "status"], name="deelbesluit_dossier_idx")]


class Informatieverzoek(Beschermd):
    """An incoming request for information (SH-06, SH-13): a partner asks an organisation, stating purpose
    and context. It belongs to the organisation asked; for each of its dossiers on that person it becomes a
    sharing decision in DRAFT for the case team. The requester learns nothing about whether a dossier
    exists (its existence is itself sensitive)."""

    aanvrager_organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="+"
    )
    aanvrager = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    bsn_index = models.CharField(max_length=80, db_index=True)
    kenmerk = models.CharField(max_length=100, blank=True)  # the requester's own reference
    inhoud_versleuteld = models.TextField()  # {doel, context, gegevens, bepaling}
    deelbesluiten = models.ManyToManyField(Deelbesluit, blank=True, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "aanvrager_organisatie": "verstrekking",
        "aanvrager": "medewerker",
        "bsn_index": "bsn",
        "kenmerk": "technisch",
        "inhoud_versleuteld": "vrije_tekst",
        "deelbesluiten": "technisch",
    }
    BEWAARREGEL = "verstrekking"

    class Meta:
        verbose_name_plural = "informatieverzoeken"
