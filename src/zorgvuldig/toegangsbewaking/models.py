"""Access-pattern monitoring of staff for the FG (RP-06; SPEC §0.2 `monitoring.access_patterns`: off).

* `Instemming`  — the works council's (ondernemingsraad) recorded consent (WOR art 27(1)(l)): date, its
                  reference and a short description. An organisational register row of the controller.
* `Bewaking`    — one row per controller: on or off, who switched it on and when, and the thresholds.
                  It can only be switched on with an approved DPIA (RG-02) and a recorded consent.
* `Adresindex`  — per staff member only a keyed index (HMAC, the blind-index key) of the home address,
                  loaded by the operator from the HR system (`zorgvuldig toegangsbewaking-adressen`) while
                  monitoring is on, deleted when it is switched off. Never the address itself, never shown.
* `Signalering` — one alert: a kind of pattern, the staff member, the day, counts and references to the
                  audit entries it rests on (never their content). The FG reviews it: `open` → `beoordeeld`
                  with an outcome from a closed list.

Alerts are personal data of employees. They are protected rows (`Beschermd`) with row-level security
that opens them to the FG of the controller (and the system job) only — not to the staff member's own
organisation as other protected tables do, so a leidinggevende cannot read them (migration 0002).
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from zorgvuldig.core.models import Basis, Beschermd, eigenaar
from zorgvuldig.toegangsbewaking import policies


class Instemming(Basis):
    """The works council's consent to the monitoring (WOR art 27(1)(l)); the newest one counts."""

    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke", on_delete=models.PROTECT, related_name="+"
    )
    datum = models.DateField()
    kenmerk = models.CharField(max_length=100)  # the council's letter or minutes reference
    omschrijving = models.CharField(max_length=500, blank=True)
    vastgelegd_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "verwerkingsverantwoordelijke": "organisatorisch",
        "datum": "organisatorisch",
        "kenmerk": "organisatorisch",
        "omschrijving": "organisatorisch",
        "vastgelegd_door": "medewerker",
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name_plural = "instemmingen"


class Bewaking(Basis):
    """The controller's switch and thresholds. No row, or `actief` false: monitoring is off (§0.2)."""

    verwerkingsverantwoordelijke = models.OneToOneField(
        "organisaties.Verwerkingsverantwoordelijke", on_delete=models.PROTECT, related_name="+"
    )
    actief = models.BooleanField(default=False)
    geactiveerd_op = models.DateTimeField(null=True, blank=True)
    geactiveerd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gedeactiveerd_op = models.DateTimeField(null=True, blank=True)
    gedeactiveerd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dpia = models.ForeignKey(
        "registers.Dpia", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # the approved DPIA the activation rested on
    instemming = models.ForeignKey(
        Instemming, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # the consent the activation rested on
    max_personen_per_dag = models.PositiveIntegerField(default=policies.MAX_PERSONEN_STANDAARD)
    werktijd_van = models.TimeField(default=dt.time(7, 0))
    werktijd_tot = models.TimeField(default=dt.time(19, 0))

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "verwerkingsverantwoordelijke": "organisatorisch",
        "actief": "organisatorisch",
        "geactiveerd_op": "technisch",
        "geactiveerd_door": "medewerker",
        "gedeactiveerd_op": "technisch",
        "gedeactiveerd_door": "medewerker",
        "dpia": "organisatorisch",
        "instemming": "organisatorisch",
        "max_personen_per_dag": "organisatorisch",
        "werktijd_van": "organisatorisch",
        "werktijd_tot": "organisatorisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name_plural = "bewakingen"


class Adresindex(Basis):
    """RP-06 `zelfde_adres`: the keyed index of one staff member's home address (`<key version>:<hex>`,
    HMAC-SHA256 over the controller and `policies.adres_sleutel`). Only the daily job compares it."""

    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke", on_delete=models.PROTECT, related_name="+"
    )
    gebruiker = models.OneToOneField("organisaties.Gebruiker", on_delete=models.CASCADE, related_name="+")
    index = models.CharField(max_length=80)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "verwerkingsverantwoordelijke": "organisatorisch",
        "gebruiker": "medewerker",
        "index": "medewerker",
    }
    BEWAARREGEL = "configuratie"  # replaced by every load, deleted when monitoring is switched off

    class Meta:
        verbose_name_plural = "adresindexen"


class Signalering(Beschermd):
    """One alert about one staff member on one day; `organisatie` is the staff member's organisation."""

    verwerkingsverantwoordelijke = eigenaar("organisaties.Verwerkingsverantwoordelijke", db_index=False)
    soort = models.CharField(max_length=20, choices=list(policies.SOORTEN.items()))
    gebruiker = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    dag = models.DateField()
    aantal = models.PositiveIntegerField()  # per kind: persons, or break-glass grants (policies.SOORTEN)
    drempel = models.PositiveIntegerField(null=True, blank=True)  # veel_personen: the threshold that day
    auditregels = models.JSONField(default=list)  # uuids of the audit entries it rests on (at most 100)
    status = models.CharField(max_length=12, default=policies.OPEN)
    uitkomst = models.CharField(max_length=24, blank=True)
    toelichting_versleuteld = models.TextField(blank=True)
    beoordeeld_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "soort": "medewerker",
        "gebruiker": "medewerker",
        "dag": "medewerker",
        "aantal": "medewerker",
        "drempel": "organisatorisch",
        "auditregels": "technisch",
        "status": "organisatorisch",
        "uitkomst": "medewerker",
        "toelichting_versleuteld": "vrije_tekst",
        "beoordeeld_door": "medewerker",
        "beoordeeld_op": "technisch",
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name_plural = "signaleringen"
        constraints = [
            # a rerun of the daily job for the same day creates nothing twice
            models.UniqueConstraint(
                fields=["verwerkingsverantwoordelijke", "gebruiker", "dag", "soort"],
                name="toegangssignalering_uniek",
            )
        ]
        indexes = [
            models.Index(fields=["verwerkingsverantwoordelijke", "status", "dag"], name="toegangssign_vv_idx")
        ]
