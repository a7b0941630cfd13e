"""The data-breach register per controller (RG-03, API §2.11 `/datalekken`).

One row per breach, recorded by the FG of the controller (AC-15). Breach records hold minimal personal
data: the free text (description, affected data and persons, measures, the decision's reason) is one
encrypted JSON document under the controller's data key; what is filtered, counted or derived (times,
status, risk, the decision's booleans, counts) is in clear. The 72-hour clock is never stored: it is
derived from `ontdekt_op` at read time (RT-12, `policies.klok`). `waarschuwingen` only records which
alert marks were e-mailed, so each is sent once.

Informing the data subjects (GDPR art 34) is recorded after the decision as facts: the day, the means
(`policies.INFORMEER_WIJZEN`), how many persons; its short note is in the encrypted document.

The scope of the breach (*afbakening*: an account, a period, a recipient organisation) feeds the
affected-persons query (`selectors.getroffen`); only its counts are stored (`analyse`), never the names.
"""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Beschermd, eigenaar


class Datalek(Beschermd):
    verwerkingsverantwoordelijke = eigenaar("organisaties.Verwerkingsverantwoordelijke", db_index=False)
    ontdekt_op = models.DateTimeField()
    # {omschrijving, gegevens, betrokkenen, maatregelen, reden, informeren_toelichting}, encrypted (§5.6)
    inhoud_versleuteld = models.TextField(blank=True)
    aantal_betrokkenen = models.PositiveIntegerField(null=True, blank=True)
    risico = models.CharField(max_length=12, blank=True)  # policies.RISICOS; empty until assessed
    # RG-05: who notifies under the joint-controller arrangement (default: the own controller)
    melder = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke", on_delete=models.PROTECT, related_name="+"
    )
    # RG-05: the FG chose `melder`; else it is the default (arrangement for a module, else own controller)
    # and follows a corrected module or discovery date.
    melder_gekozen = models.BooleanField(default=False)
    # RG-05: the shared module the breach happened in (convenanten.policies.MODULES), empty: own processing.
    # Registered without a notifier, a breach in a module gets the notifier its arrangement names.
    module = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=12)  # policies.STATUSSEN
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    melden = models.BooleanField(null=True, blank=True)  # notify the AP (GDPR art 33)
    betrokkenen_informeren = models.BooleanField(null=True, blank=True)  # inform subjects (GDPR art 34)
    besloten_op = models.DateTimeField(null=True, blank=True)
    gemeld_op = models.DateTimeField(null=True, blank=True)
    ap_kenmerk = models.CharField(max_length=64, blank=True)
    # GDPR art 34: the data subjects were informed — the day, the means, how many (services.informeer)
    geinformeerd_op = models.DateField(null=True, blank=True)
    informeren_wijze = models.CharField(max_length=20, blank=True)  # policies.INFORMEER_WIJZEN
    aantal_geinformeerd = models.PositiveIntegerField(null=True, blank=True)
    gesloten_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    # the breach's scope for the affected-persons query (selectors.getroffen)
    afbakening_account = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    afbakening_vanaf = models.DateTimeField(null=True, blank=True)
    afbakening_tot = models.DateTimeField(null=True, blank=True)
    afbakening_ontvanger = models.ForeignKey(
        "organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    analyse = models.JSONField(default=dict, blank=True)  # counts only: {personen, records, ontvangers, …}
    waarschuwingen = models.JSONField(default=list, blank=True)  # alert marks e-mailed: [24, 48, 72]

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "ontdekt_op": "organisatorisch",
        "inhoud_versleuteld": "vrije_tekst",
        "aantal_betrokkenen": "organisatorisch",
        "risico": "organisatorisch",
        "melder": "organisatorisch",
        "melder_gekozen": "organisatorisch",
        "module": "organisatorisch",
        "status": "organisatorisch",
        "beoordeeld_op": "technisch",
        "melden": "organisatorisch",
        "betrokkenen_informeren": "organisatorisch",
        "besloten_op": "technisch",
        "gemeld_op": "organisatorisch",
        "ap_kenmerk": "organisatorisch",
        "geinformeerd_op": "organisatorisch",
        "informeren_wijze": "organisatorisch",
        "aantal_geinformeerd": "organisatorisch",
        "gesloten_op": "technisch",
        "aangemaakt_door": "medewerker",
        "afbakening_account": "medewerker",
        "afbakening_vanaf": "organisatorisch",
        "afbakening_tot": "organisatorisch",
        "afbakening_ontvanger": "organisatorisch",
        "analyse": "technisch",
        "waarschuwingen": "technisch",
    }
    BEWAARREGEL = "administratie"  # 5 years after closing (SPEC §10), a retention row of its own

    class Meta:
        verbose_name_plural = "datalekken"
        indexes = [
            models.Index(fields=["verwerkingsverantwoordelijke", "status"], name="datalek_vv_status_idx")
        ]
