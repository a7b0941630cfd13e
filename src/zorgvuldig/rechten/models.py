"""Requests of data subjects (SPEC §9) and the leidinggevende's limits on representatives (RI-04)."""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Beschermd, eigenaar


class Verzoek(Beschermd):
    """One request: who asks for whom, what, when received; its verification, term, decision, execution.

    Terms are derived from the dates at read time (RT-12); free text (the request's explanation, the
    reasons of extension and decision) is one encrypted JSON document, as it may name persons.
    """

    organisatie = eigenaar("organisaties.Organisatie", db_index=False)
    soort = models.CharField(max_length=20)  # policies.SOORTEN
    status = models.CharField(max_length=16)  # policies.STATUSSEN
    persoon = models.ForeignKey("personen.Persoon", on_delete=models.PROTECT, related_name="+")
    indiener = models.ForeignKey(
        "personen.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hoedanigheid = models.CharField(max_length=40)  # personen.policies.HOEDANIGHEDEN
    toestemming = models.ForeignKey(
        "toestemmingen.Toestemming", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ontvangen_op = models.DateField()
    schriftelijk = models.BooleanField(default=True)
    kanaal = models.CharField(max_length=16, default="medewerker")  # medewerker | portaal
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verwijsindex = models.BooleanField(default=False)  # the request concerns VI data (RI-07, RI-08)
    items = models.JSONField(default=list, blank=True)  # uuids of the items a correction concerns
    behandelaar = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    geverifieerd_op = models.DateField(null=True, blank=True)
    verlenging_maanden = models.PositiveSmallIntegerField(default=0)
    verlengd_op = models.DateField(null=True, blank=True)
    # {datum, uitkomst, gronden, achtergehouden, mandaat, verzondenOp, bezwaarTot}; reasons encrypted
    besluit = models.JSONField(default=dict, blank=True)
    besloten_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # {datum, vorm, notificaties: [{verstrekking, datum | overgeslagen}]}; the vorm's reason encrypted
    uitvoering = models.JSONField(default=dict, blank=True)
    naam_vermelding = models.BooleanField(default=False)  # RI-17: the FG's decision for this request
    gesloten_op = models.DateField(null=True, blank=True)
    # {indienerNaam, toelichting, verlengingRedenen, besluitRedenen, beperkingRedenen, uitvoeringToelichting,
    #  naamVermeldingRedenen}
    inhoud_versleuteld = models.TextField(blank=True)
    # What was delivered (RI-05): the compiled overview as sent, encrypted; it never changes afterwards.
    overzicht_versleuteld = models.TextField(blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "soort": "organisatorisch",
        "status": "organisatorisch",
        "persoon": "relatie",
        "indiener": "relatie",
        "hoedanigheid": "relatie",
        "toestemming": "technisch",
        "ontvangen_op": "organisatorisch",
        "schriftelijk": "organisatorisch",
        "kanaal": "organisatorisch",
        "dossier": "technisch",
        "verwijsindex": "organisatorisch",
        "items": "technisch",
        "behandelaar": "medewerker",
        "geverifieerd_op": "organisatorisch",
        "verlenging_maanden": "organisatorisch",
        "verlengd_op": "organisatorisch",
        "besluit": "organisatorisch",
        "besloten_door": "medewerker",
        "uitvoering": "organisatorisch",
        "naam_vermelding": "organisatorisch",
        "gesloten_op": "organisatorisch",
        "inhoud_versleuteld": "vrije_tekst",
        "overzicht_versleuteld": "bijzonder",
    }
    BEWAARREGEL = "administratie"

    class Meta:
        verbose_name_plural = "verzoeken"
        indexes = [models.Index(fields=["organisatie", "status"], name="verzoek_org_status_idx")]

    def __str__(self) -> str:
        return f"verzoek {self.uuid}"


class Beperking(Beschermd):
    """RI-04: the leidinggevende limits a representative's exercise of the person's rights, with reasons."""

    persoon = models.ForeignKey("personen.Persoon", on_delete=models.CASCADE, related_name="+")
    vertegenwoordiger = models.ForeignKey("personen.Persoon", on_delete=models.CASCADE, related_name="+")
    verzoek = models.ForeignKey(Verzoek, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    redenen_versleuteld = models.TextField()
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    vanaf = models.DateField()
    opgeheven_op = models.DateField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "persoon": "relatie",
        "vertegenwoordiger": "relatie",
        "verzoek": "technisch",
        "redenen_versleuteld": "vrije_tekst",
        "door": "medewerker",
        "vanaf": "organisatorisch",
        "opgeheven_op": "organisatorisch",
    }
    BEWAARREGEL = "persoon"

    class Meta:
        verbose_name_plural = "beperkingen"


class Correctienotificatie(Beschermd):
    """RI-11: an earlier recipient told of a correction, deletion or destruction — by the outbox, by the
    handler on a date, or skipped with a reason. A row of the disclosure entry's organisation, so the case
    team sees it with the entry (API §2.6 `correctieNotificaties`)."""

    class Wijze(models.TextChoices):
        BERICHT = "bericht", "Bericht via zorgvuldig"
        HANDMATIG = "handmatig", "Door de behandelaar"
        OVERGESLAGEN = "overgeslagen", "Overgeslagen met reden"

    verzoek = models.ForeignKey(
        Verzoek, on_delete=models.CASCADE, related_name="correctienotificaties", db_index=False
    )
    verstrekking = models.ForeignKey(
        "verstrekkingen.Verstrekking", on_delete=models.CASCADE, related_name="correctienotificaties"
    )
    wijze = models.CharField(max_length=16, choices=Wijze.choices)
    datum = models.DateField()
    reden_versleuteld = models.TextField(blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "verzoek": "technisch",
        "verstrekking": "verstrekking",
        "wijze": "verstrekking",
        "datum": "verstrekking",
        "reden_versleuteld": "vrije_tekst",
    }
    BEWAARREGEL = "verstrekking"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["verzoek", "verstrekking"], name="een_notificatie_per_ontvanger")
        ]
