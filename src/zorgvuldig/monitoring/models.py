"""Monitoring exports (RP-04, RP-05).

* `Exportdefinitie` — an organisational register row of one controller: what goes (fields from the closed
  catalogue in policies), to whom (`ontvanger`), for which purpose, and why that is proportionate. The FG
  approves it (RP-05); an approved definition never changes (a change is a new definition).
* `Export` — one run of an approved definition: the pseudonymised CSV, encrypted at rest under the
  controller's data key. Its row belongs to the recipient organisation (`organisatie`), so row-level
  security lets the recipient read it and the controller's FG see it. The key that made its pseudonyms
  is never stored (RP-04). The content is wiped when the recipient fetches it, or when it was not fetched
  within `ZORGVULDIG_MONITORING_EXPORT_DAYS` (`verlopen_op`).
"""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Basis, Beschermd
from zorgvuldig.monitoring import policies


class Exportdefinitie(Basis):
    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    naam = models.CharField(max_length=policies.NAAM_MAX)
    ontvanger = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="+")
    doel = models.ForeignKey("registers.Doel", on_delete=models.PROTECT, related_name="+")
    velden = models.JSONField(default=list)  # keys of policies.CATALOGUS
    noodzaak = models.TextField(blank=True)
    afweging = models.TextField(blank=True)
    minder_ingrijpend = models.TextField(blank=True)
    status = models.CharField(max_length=12, default=policies.CONCEPT)  # policies.STATUSSEN
    aangemaakt_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    goedgekeurd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)
    oordeel = models.TextField(blank=True)  # the FG's proportionality judgement (RP-05)
    ingetrokken_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "verwerkingsverantwoordelijke": "organisatorisch",
        "naam": "organisatorisch",
        "ontvanger": "organisatorisch",
        "doel": "organisatorisch",
        "velden": "organisatorisch",
        "noodzaak": "organisatorisch",
        "afweging": "organisatorisch",
        "minder_ingrijpend": "organisatorisch",
        "status": "organisatorisch",
        "aangemaakt_door": "medewerker",
        "goedgekeurd_door": "medewerker",
        "goedgekeurd_op": "organisatorisch",
        "oordeel": "organisatorisch",
        "ingetrokken_door": "medewerker",
        "ingetrokken_op": "organisatorisch",
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name_plural = "exportdefinities"
        indexes = [
            models.Index(fields=["verwerkingsverantwoordelijke", "status"], name="exportdef_vv_status_idx")
        ]


class Export(Beschermd):
    """`organisatie` is the recipient, `verwerkingsverantwoordelijke` the definition's controller."""

    definitie = models.ForeignKey(Exportdefinitie, on_delete=models.PROTECT, related_name="exporten")
    aangemaakt_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    aantal_rijen = models.PositiveIntegerField(default=0)
    inhoud_versleuteld = models.TextField(blank=True)  # the CSV; wiped when fetched
    opgehaald_op = models.DateTimeField(null=True, blank=True)
    opgehaald_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # not fetched within ZORGVULDIG_MONITORING_EXPORT_DAYS: the content was wiped (`monitoring.opruimen`)
    verlopen_op = models.DateTimeField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "definitie": "organisatorisch",
        "aangemaakt_door": "medewerker",
        "aantal_rijen": "technisch",
        "inhoud_versleuteld": "bijzonder",  # pseudonymised rows, possibly special-category (ZRM)
        "opgehaald_op": "technisch",
        "opgehaald_door": "medewerker",
        "verlopen_op": "technisch",
    }
    # Like a message: the content goes at delivery; what remains (who, when, how many rows) is
    # administration (SPEC §10).
    BEWAARREGEL = "bericht"

    class Meta:
        verbose_name_plural = "exporten"
