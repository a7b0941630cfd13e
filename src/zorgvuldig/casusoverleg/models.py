"""The case-table workflow (SPEC §8): table types, cases, participants, contributions, allocations,
meetings and actions.

A case belongs to the organisation of its *procesregisseur* (the table's host); participants of other
organisations reach it only through a `deelname` grant on the case, and a contribution stays a row of
the organisation that brought it in (CT-10) — others see it through the case grant while the conference
runs, and afterwards only through a `toedeling` grant on the contribution itself (CT-12). Free text is
encrypted under the owning controller's key.
"""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Basis, Beschermd


class Overlegtype(Beschermd):
    """A table type (CT-01, CT-16): configuration of the host organisation, no personal data."""

    naam = models.CharField(max_length=200)
    soort = models.CharField(max_length=32)  # policies.SOORTEN
    doel = models.TextField()
    verwerkingsactiviteit = models.ForeignKey(
        "registers.Verwerkingsactiviteit", on_delete=models.PROTECT, related_name="+"
    )
    grondslag = models.CharField(max_length=1)  # AVG art. 6(1) a–f
    criteria = models.JSONField(default=list)
    minimumleeftijd = models.PositiveSmallIntegerField(default=0)
    partners = models.JSONField(default=list)  # [{organisatie uuid, taak, rol, grond}]
    convenant = models.ForeignKey("convenanten.Convenant", on_delete=models.PROTECT, related_name="+")
    toestemmingsmodus = models.CharField(max_length=16)  # casetable.discussion_consent
    bewaartermijn_maanden = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, default="concept")  # concept | actief
    # CT-16: the FG approves the basis and the grounds; a change of either withdraws the approval.
    basis_goedgekeurd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    basis_goedgekeurd_op = models.DateTimeField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "naam": "organisatorisch",
        "soort": "organisatorisch",
        "doel": "organisatorisch",
        "verwerkingsactiviteit": "organisatorisch",
        "grondslag": "organisatorisch",
        "criteria": "organisatorisch",
        "minimumleeftijd": "organisatorisch",
        "partners": "organisatorisch",
        "convenant": "organisatorisch",
        "toestemmingsmodus": "organisatorisch",
        "bewaartermijn_maanden": "organisatorisch",
        "status": "organisatorisch",
        "basis_goedgekeurd_door": "organisatorisch",
        "basis_goedgekeurd_op": "organisatorisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name_plural = "overlegtypen"


class Casusoverleg(Beschermd):
    """One person's case at a table, through its four phases."""

    kenmerk = models.CharField(max_length=32, unique=True)  # reference without personal data
    overlegtype = models.ForeignKey(Overlegtype, on_delete=models.PROTECT, related_name="casussen")
    # Empty only for early signalling until its weighing put it on the agenda (CT-02).
    persoon = models.ForeignKey(
        "personen.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pseudoniem = models.CharField(max_length=32)  # what an ADVISOR sees instead (CT-06)
    status = models.CharField(max_length=16)
    doelversie = models.PositiveSmallIntegerField(default=1)  # CT-03: a changed question re-confirms
    aanmelder = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    procesregisseur = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    casusregisseur = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # {vraag, weging, criteria_toets, uitzondering_reden, advies, client_betrokkenheid, deelbaar_met_client,
    #  plan, veiligheidsplan} as one encrypted JSON document.
    inhoud_versleuteld = models.TextField()
    client_geinformeerd = models.BooleanField(null=True)
    informeert_client = models.ForeignKey(
        "Deelnemer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    overnemende_partij = models.ForeignKey(
        "organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gesloten_op = models.DateField(null=True, blank=True)
    vernietigen_op = models.DateField(null=True, blank=True)  # RT-08

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "kenmerk": "technisch",
        "overlegtype": "organisatorisch",
        "persoon": "relatie",
        "pseudoniem": "technisch",
        "status": "organisatorisch",
        "doelversie": "technisch",
        "aanmelder": "medewerker",
        "procesregisseur": "medewerker",
        "casusregisseur": "medewerker",
        "inhoud_versleuteld": "bijzonder",
        "client_geinformeerd": "organisatorisch",
        "informeert_client": "organisatorisch",
        "overnemende_partij": "organisatorisch",
        "gesloten_op": "organisatorisch",
        "vernietigen_op": "organisatorisch",
    }
    BEWAARREGEL = "casusoverleg"

    class Meta:
        verbose_name_plural = "casusoverleggen"
        indexes = [models.Index(fields=["status"], name="casusoverleg_status_idx")]


class Deelnemer(Beschermd):
    """An invited party (CT-04, CT-06): its role, why it is needed, its triage answer (CT-05)."""

    casusoverleg = models.ForeignKey(
        Casusoverleg, on_delete=models.CASCADE, related_name="deelnemers", db_index=False
    )
    deelnemende_organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="+"
    )
    gebruiker = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rol = models.CharField(max_length=12)  # policies.DEELNEMERROLLEN
    partnerrol = models.CharField(max_length=12)  # from the table type: zorg | politie | om | overheid
    # {reden, vraag, contact} encrypted; the triage answer "bekend" in clear (it is all triage asks).
    inhoud_versleuteld = models.TextField()
    bekend = models.BooleanField(null=True)
    toegang = models.OneToOneField("toegang.Toegang", on_delete=models.PROTECT, related_name="+")
    uitgenodigd_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "casusoverleg": "technisch",
        "deelnemende_organisatie": "organisatorisch",
        "gebruiker": "medewerker",
        "rol": "organisatorisch",
        "partnerrol": "organisatorisch",
        "inhoud_versleuteld": "vrije_tekst",
        "bekend": "relatie",
        "toegang": "technisch",
        "uitgenodigd_door": "medewerker",
    }
    BEWAARREGEL = "casusoverleg"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["casusoverleg", "deelnemende_organisatie"], name="uniek_deelnemer_per_organisatie"
            )
        ]


class Bijdrage(Beschermd):
    """A contribution: a row of the contributing organisation (CT-10), with its phase (CT-03) and ground
    (CT-08)."""

    casusoverleg = models.ForeignKey(Casusoverleg, on_delete=models.CASCADE, related_name="bijdragen")
    deelnemer = models.ForeignKey(
        Deelnemer, null=True, blank=True, on_delete=models.PROTECT, related_name="bijdragen"
    )  # empty for a director's own contribution
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    fase = models.CharField(max_length=12)
    doelversie = models.PositiveSmallIntegerField()
    bevestigd_voor = models.CharField(max_length=24, blank=True)  # "fase:doelversie" (CT-03)
    soort = models.CharField(max_length=16)
    bron = models.CharField(max_length=20)
    bijzonder = models.BooleanField(default=False)
    grond = models.CharField(max_length=40)
    toestemming = models.ForeignKey(
        "toestemmingen.Toestemming", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deelbesluit = models.ForeignKey(
        "verstrekkingen.Deelbesluit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # CT-15: the contributor's own executed sharing decision towards the taking-over party
    overdracht_deelbesluit = models.ForeignKey(
        "verstrekkingen.Deelbesluit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=12, default="actief")
    beperkt_tot = models.JSONField(default=list, blank=True)  # participant uuids (CT-10)
    inhoud_versleuteld = models.TextField()  # {tekst, noodzaak}
    gearchiveerd = models.BooleanField(default=False)  # RT-08
    vernietigen_op = models.DateField(null=True, blank=True)  # RT-08

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "casusoverleg": "technisch",
        "deelnemer": "technisch",
        "door": "medewerker",
        "fase": "organisatorisch",
        "doelversie": "technisch",
        "bevestigd_voor": "organisatorisch",
        "soort": "organisatorisch",
        "bron": "organisatorisch",
        "bijzonder": "organisatorisch",
        "grond": "organisatorisch",
        "toestemming": "relatie",
        "deelbesluit": "relatie",
        "overdracht_deelbesluit": "relatie",
        "status": "organisatorisch",
        "beperkt_tot": "organisatorisch",
        "inhoud_versleuteld": "bijzonder",
        "gearchiveerd": "organisatorisch",
        "vernietigen_op": "organisatorisch",
    }
    BEWAARREGEL = "casusoverleg"

    class Meta:
        verbose_name_plural = "bijdragen"


class Toedeling(Beschermd):
    """CT-12: which participant gets which contributions for its part of the plan."""

    casusoverleg = models.ForeignKey(Casusoverleg, on_delete=models.CASCADE, related_name="toedelingen")
    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.PROTECT, related_name="toedelingen")
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    verstrekt_op = models.DateField(null=True, blank=True)  # every contributor approved: grants written

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "casusoverleg": "technisch",
        "deelnemer": "technisch",
        "door": "medewerker",
        "verstrekt_op": "organisatorisch",
    }
    BEWAARREGEL = "casusoverleg"


class Toedelingsitem(Basis):
    """One contribution in an allocation, approved by its contributor (CT-10, CT-12)."""

    toedeling = models.ForeignKey(Toedeling, on_delete=models.CASCADE, related_name="items", db_index=False)
    bijdrage = models.ForeignKey(Bijdrage, on_delete=models.PROTECT, related_name="toedelingsitems")
    goedgekeurd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "toedeling": "technisch",
        "bijdrage": "technisch",
        "goedgekeurd_door": "medewerker",
        "goedgekeurd_op": "organisatorisch",
    }
    BEWAARREGEL = "casusoverleg"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["toedeling", "bijdrage"], name="uniek_toedelingsitem")]


class Bijeenkomst(Beschermd):
    """A meeting of the table: date, agenda, attendance and decisions."""

    casusoverleg = models.ForeignKey(Casusoverleg, on_delete=models.CASCADE, related_name="bijeenkomsten")
    datum = models.DateField()
    aanwezig = models.JSONField(default=list)  # participant uuids
    inhoud_versleuteld = models.TextField()  # {agenda: [..], besluiten: [..]}

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "casusoverleg": "technisch",
        "datum": "organisatorisch",
        "aanwezig": "organisatorisch",
        "inhoud_versleuteld": "vrije_tekst",
    }
    BEWAARREGEL = "casusoverleg"

    class Meta:
        verbose_name_plural = "bijeenkomsten"


class Actiepunt(Beschermd):
    """An action from a meeting or the plan, with its owner and due date; reminded before it is due."""

    casusoverleg = models.ForeignKey(Casusoverleg, on_delete=models.CASCADE, related_name="actiepunten")
    bijeenkomst = models.ForeignKey(
        Bijeenkomst, null=True, blank=True, on_delete=models.SET_NULL, related_name="actiepunten"
    )
    eigenaar = models.ForeignKey(Deelnemer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    eigenaar_gebruiker = models.ForeignKey(
        "organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+"
    )  # who is reminded
    omschrijving_versleuteld = models.TextField()
    deadline = models.DateField()
    gereed_op = models.DateField(null=True, blank=True)
    herinnerd_op = models.DateField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "casusoverleg": "technisch",
        "bijeenkomst": "technisch",
        "eigenaar": "technisch",
        "eigenaar_gebruiker": "medewerker",
        "omschrijving_versleuteld": "vrije_tekst",
        "deadline": "organisatorisch",
        "gereed_op": "organisatorisch",
        "herinnerd_op": "organisatorisch",
    }
    BEWAARREGEL = "casusoverleg"

    class Meta:
        verbose_name_plural = "actiepunten"
        indexes = [models.Index(fields=["gereed_op", "deadline"], name="actiepunt_open_idx")]
