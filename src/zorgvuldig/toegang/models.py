"""The one grant table (AC-14, DESIGN §4): every access to protected content rests on a row here."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from zorgvuldig.core.models import Beschermd


class Bron(models.TextChoices):
    CASUSTEAM = "casusteam", "Casusteam"
    VERVANGER = "vervanger", "Vervanger"
    TEAMBESPREKING = "teambespreking", "Teambespreking (één dag)"
    SECTIE = "sectie", "Sectie"
    BIJZONDERE_CATEGORIE = "bijzondere_categorie", "Bijzondere categorie"
    WETTELIJK = "wettelijk", "Wettelijke toegang"
    NOODTOEGANG = "noodtoegang", "Noodtoegang"
    DEELBESLUIT = "deelbesluit", "Deelbesluit"
    TOEDELING = "toedeling", "Toedeling casusoverleg"
    DEELNAME = "deelname", "Deelname casusoverleg"
    GEHEIM_ADRES = "geheim_adres", "Geheim adres"
    VERZOEK = "verzoek", "Behandeling verzoek van betrokkene"


class ToegangQuerySet(models.QuerySet):
    def geldig_op(self, op: dt.date) -> ToegangQuerySet:
        """Valid on `op` (RT-12: derived from dates, never a stored flag)."""
        return self.filter(ingetrokken_op__isnull=True, geldig_vanaf__lte=op).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=op)
        )

    def voor_actor(self, actor) -> ToegangQuerySet:
        return self.filter(
            Q(ontvanger_gebruiker_id=actor.gebruiker.pk) | Q(ontvanger_organisatie_id=actor.organisatie.pk)
        )


class Toegang(Beschermd):
    """A grant: grantee, object (and sections), rights, source, reason, validity."""

    object_type = models.CharField(max_length=64)  # app_label.model, e.g. "personen.persoon"
    object_id = models.BigIntegerField()
    secties = models.JSONField(default=list, blank=True)
    bron = models.CharField(max_length=32, choices=Bron.choices)
    # No index of their own: toegang_gebruiker_idx and toegang_organisatie_idx below start with these
    # columns and serve every look-up by them (ADR 0017).
    ontvanger_gebruiker = models.ForeignKey(
        "organisaties.Gebruiker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="toegangen",
        db_index=False,
    )
    ontvanger_organisatie = models.ForeignKey(
        "organisaties.Organisatie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="toegangen",
        db_index=False,
    )
    lezen = models.BooleanField(default=True)
    aanmaken = models.BooleanField(default=False)
    aanvullen = models.BooleanField(default=False)
    wijzigen = models.BooleanField(default=False)
    reden = models.TextField()
    # the record that gave rise to it; indexed: retention deletes grants by it (SPEC §10)
    herkomst = models.CharField(max_length=200, blank=True, db_index=True)
    verleend_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ingetrokken_reden = models.CharField(max_length=500, blank=True)  # e.g. "andere functie" (beheerder)
    wettelijk = models.JSONField(default=dict, blank=True)  # AC-09: {instantie, bepaling, doel}

    objects = ToegangQuerySet.as_manager()

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "object_type": "technisch",
        "object_id": "technisch",
        "secties": "organisatorisch",
        "bron": "organisatorisch",
        "ontvanger_gebruiker": "organisatorisch",
        "ontvanger_organisatie": "organisatorisch",
        "lezen": "organisatorisch",
        "aanmaken": "organisatorisch",
        "aanvullen": "organisatorisch",
        "wijzigen": "organisatorisch",
        "reden": "vrije_tekst",
        "herkomst": "technisch",
        "verleend_door": "organisatorisch",
        "geldig_vanaf": "organisatorisch",
        "geldig_tot": "organisatorisch",
        "ingetrokken_op": "organisatorisch",
        "ingetrokken_door": "organisatorisch",
        "ingetrokken_reden": "organisatorisch",
        "wettelijk": "organisatorisch",
    }
    BEWAARREGEL = "toegang"

    class Meta:
        verbose_name = "toegang"
        verbose_name_plural = "toegangen"
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="toegang_object_idx"),
            models.Index(fields=["ontvanger_gebruiker", "object_type"], name="toegang_gebruiker_idx"),
            models.Index(fields=["ontvanger_organisatie", "object_type"], name="toegang_organisatie_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ontvanger_gebruiker__isnull=False) | Q(ontvanger_organisatie__isnull=False),
                name="toegang_heeft_ontvanger",
            ),
        ]

    @property
    def rechten(self) -> list[str]:
        return [r for r in ("lezen", "aanmaken", "aanvullen", "wijzigen") if getattr(self, r)]

    def geldig(self, op: dt.date) -> bool:
        from zorgvuldig.toegang.policies import grant_geldig

        return grant_geldig(self.geldig_vanaf, self.geldig_tot, self.ingetrokken_op is not None, op)


class Noodtoegang(Beschermd):
    """AC-11: a break-glass access, its stated indications, and the leidinggevende's review."""

    toegang = models.OneToOneField(Toegang, on_delete=models.PROTECT, related_name="noodtoegang")
    reden = models.TextField()
    dreiging_voor = models.JSONField(default=list)
    beoordelen_voor = models.DateField()
    beoordeeld_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    akkoord = models.BooleanField(null=True)
    toelichting = models.TextField(blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "toegang": "organisatorisch",
        "reden": "vrije_tekst",
        "dreiging_voor": "organisatorisch",
        "beoordelen_voor": "organisatorisch",
        "beoordeeld_door": "organisatorisch",
        "beoordeeld_op": "organisatorisch",
        "akkoord": "organisatorisch",
        "toelichting": "vrije_tekst",
    }
    BEWAARREGEL = "toegang"
