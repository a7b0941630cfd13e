"""The retention engine's tables (SPEC §10, ADR 0014).

* `Bewaarregel`       — a controller's setting per record type: permanent under the Archiefwet (RT-11).
* `Bewaartermijn`     — one row per record with a date of its own (RT-10): rule, start event, due date.
                        After the sweep it is the tombstone (RT-03): type, uuid, rule, how and when — its
                        free text is wiped, so nothing in it identifies anyone.
* `Blokkade`          — a legal hold with reason and end date (RT-07).
* `Vernietigingslijst`— what is due on a date, judged per item and approved by leidinggevende and FG (RT-13).
* `Opschoonronde`     — one run of the sweep (RT-09): dry or real, counts, finished or broken off.
"""

from __future__ import annotations

import uuid

from django.db import models

from zorgvuldig.core.models import Beschermd


class Bewaarregel(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    code = models.CharField(max_length=32)  # policies.REGELS
    archiefcategorie = models.CharField(max_length=40, blank=True)  # Selectielijst category (RT-11)
    gewijzigd = models.DateTimeField(auto_now=True)

    DATACATEGORIEEN = {
        "id": "technisch",
        "uuid": "technisch",
        "verwerkingsverantwoordelijke": "organisatorisch",
        "code": "organisatorisch",
        "archiefcategorie": "organisatorisch",
        "gewijzigd": "technisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["verwerkingsverantwoordelijke", "code"], name="bewaarregel_uniek")
        ]


class Opschoonronde(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gestart = models.DateTimeField()
    beeindigd = models.DateTimeField(null=True, blank=True)
    peildatum = models.DateField()
    droog = models.BooleanField(default=False)
    status = models.CharField(max_length=12, default="bezig")  # bezig | klaar | afgebroken
    telling = models.JSONField(default=dict)  # {uitkomst/reden: aantal}

    DATACATEGORIEEN = {
        "id": "technisch",
        "uuid": "technisch",
        "gestart": "technisch",
        "beeindigd": "technisch",
        "peildatum": "technisch",
        "droog": "technisch",
        "status": "technisch",
        "telling": "technisch",
    }
    BEWAARREGEL = "audit"


class Vernietigingslijst(Beschermd):
    peildatum = models.DateField()
    status = models.CharField(max_length=12)  # policies: concept | goedgekeurd | uitgevoerd
    aangemaakt_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    goedkeuringen = models.JSONField(default=list)  # [{rol, gebruiker (uuid), datum}]
    uitgevoerd_op = models.DateTimeField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "peildatum": "organisatorisch",
        "status": "organisatorisch",
        "aangemaakt_door": "medewerker",
        "goedkeuringen": "medewerker",
        "uitgevoerd_op": "technisch",
    }
    BEWAARREGEL = "register"


class Bewaartermijn(Beschermd):
    objecttype = models.CharField(max_length=64)  # app_label.model
    object_id = models.BigIntegerField()
    object_uuid = models.UUIDField()
    regel = models.CharField(max_length=32)
    brondatum = models.DateField(null=True, blank=True)
    vervaldatum = models.DateField(null=True, blank=True)
    # RT-02 / RI-10: a decision that moved the date (extension, destruction on request): {soort, datum,
    # door, verzoek}; its reason is encrypted and wiped at destruction
    besluit = models.JSONField(default=dict, blank=True)
    reden_versleuteld = models.TextField(blank=True)
    lijst = models.ForeignKey(
        Vernietigingslijst,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
        db_index=False,
    )
    beoordeling = models.CharField(max_length=12, blank=True)  # on the list: policies.BEOORDELINGEN
    uitkomst = models.CharField(max_length=16, blank=True)  # policies.UITKOMSTEN
    uitgevoerd_op = models.DateTimeField(null=True, blank=True)
    opschoonronde = models.ForeignKey(
        Opschoonronde, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "objecttype": "technisch",
        "object_id": "technisch",
        "object_uuid": "technisch",
        "regel": "organisatorisch",
        "brondatum": "organisatorisch",
        "vervaldatum": "organisatorisch",
        "besluit": "medewerker",
        "reden_versleuteld": "vrije_tekst",
        "lijst": "technisch",
        "beoordeling": "organisatorisch",
        "uitkomst": "organisatorisch",
        "uitgevoerd_op": "technisch",
        "opschoonronde": "technisch",
    }
    BEWAARREGEL = "audit"  # as a tombstone it is kept as long as the log (SPEC §10)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["objecttype", "object_id"], name="bewaartermijn_object_uniek")
        ]
        indexes = [
            models.Index(fields=["uitkomst", "vervaldatum"], name="bewaartermijn_verval_idx"),
            models.Index(fields=["lijst"], name="bewaartermijn_lijst_idx"),
        ]


class Blokkade(Beschermd):
    termijn = models.ForeignKey(Bewaartermijn, on_delete=models.CASCADE, related_name="blokkades")
    reden = models.CharField(max_length=32)  # policies.BLOKKADEREDENEN
    einddatum = models.DateField()
    toelichting_versleuteld = models.TextField(blank=True)
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    opgeheven_op = models.DateTimeField(null=True, blank=True)
    opgeheven_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "termijn": "technisch",
        "reden": "organisatorisch",
        "einddatum": "organisatorisch",
        "toelichting_versleuteld": "vrije_tekst",
        "door": "medewerker",
        "opgeheven_op": "technisch",
        "opgeheven_door": "medewerker",
    }
    BEWAARREGEL = "register"
