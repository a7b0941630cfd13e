"""The consent registry (SPEC §6): one row per consent, with what it covers and who gave it.

What the checks filter on (kind, status, dates, recipients, data categories) is in clear; the content
description, reasons and evidence are encrypted as one JSON document under the controller's key.
"""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Beschermd


class Toestemming(Beschermd):
    betrokkene = models.ForeignKey(
        "personen.Persoon", on_delete=models.PROTECT, related_name="toestemmingen", db_index=False
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.PROTECT, related_name="toestemmingen"
    )
    soort = models.CharField(max_length=32)  # CS-01
    status = models.CharField(
        max_length=12
    )  # gevraagd | gegeven | geweigerd | ingetrokken (verlopen: derived)
    gevers = models.JSONField(default=list)  # [{persoon: uuid, hoedanigheid}]
    jongere_gehoord = models.JSONField(default=dict, blank=True)  # {datum}; the view itself is encrypted
    andere_ouder = models.JSONField(
        default=dict, blank=True
    )  # {persoon, reactie, geinformeerdDoor, datum, wijze}
    uitzondering = models.CharField(max_length=40, blank=True)  # CS-14/CS-15 ground
    # GP-02, CS-02: the code of a processing activity (RG-01), the same closed list a sharing decision's
    # step 1 names; `doel_toelichting` keeps the free text an older record held where it differs (the
    # migration to the closed list lost nothing), never filled by new records
    doel = models.CharField(max_length=200)
    doel_toelichting = models.CharField(max_length=200, blank=True)
    ontvangers = models.JSONField(default=list)  # [{organisatie: uuid} | {naam}]
    gegevenscategorieen = models.JSONField(default=list)
    vorm = models.CharField(max_length=12)  # schriftelijk | mondeling | digitaal
    uitdrukkelijk = models.BooleanField(default=False)
    als_grondslag = models.BooleanField(default=False)  # kind (4) used as the legal basis (CS-01)
    informatie_gegeven = models.JSONField(default=dict)  # {datum, onderwerpen}
    belang_bevestigd = models.BooleanField(default=False)  # CS-11
    datum = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)
    # {inhoud, waaromNodig, afhankelijkheidReden, jongereMening, uitzonderingRedenen, bewijs, terzijdeRedenen}
    inhoud_versleuteld = models.TextField(blank=True)
    vastgelegd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_kanaal = models.CharField(max_length=12, blank=True)
    terzijdegelegd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "betrokkene": "relatie",
        "dossier": "technisch",
        "soort": "organisatorisch",
        "status": "organisatorisch",
        "gevers": "relatie",
        "jongere_gehoord": "organisatorisch",
        "andere_ouder": "relatie",
        "uitzondering": "gevoelig",
        "doel": "organisatorisch",
        "doel_toelichting": "vrije_tekst",
        "ontvangers": "verstrekking",
        "gegevenscategorieen": "organisatorisch",
        "vorm": "organisatorisch",
        "uitdrukkelijk": "organisatorisch",
        "als_grondslag": "organisatorisch",
        "informatie_gegeven": "organisatorisch",
        "belang_bevestigd": "organisatorisch",
        "datum": "organisatorisch",
        "geldig_tot": "organisatorisch",
        "inhoud_versleuteld": "vrije_tekst",
        "vastgelegd_door": "medewerker",
        "ingetrokken_op": "organisatorisch",
        "ingetrokken_kanaal": "organisatorisch",
        "terzijdegelegd_door": "medewerker",
    }
    BEWAARREGEL = "toestemming"

    class Meta:
        verbose_name_plural = "toestemmingen"
        indexes = [models.Index(fields=["betrokkene", "status"], name="toestemming_betrokkene_idx")]
