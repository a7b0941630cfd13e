"""The team's case file (SPEC §5): dossier, members, assignments, sections and their items.

Free text that says something about a client is encrypted at rest under the controller's data key
(`*_versleuteld`, one JSON document or text per row); what selectors filter or count on stays in clear
(status, frame, section, note type, dates). Every row carries controller and organisation (AC-15): the
dossier's, so row-level security keeps a team's files in its own organisation.
"""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Beschermd
from zorgvuldig.dossiers.policies import BIJZONDERE_SECTIES, SECTIES


class Dossier(Beschermd):
    class Soort(models.TextChoices):
        INDIVIDUEEL = "individueel", "Individueel"
        GEZIN = "gezin", "Gezin"

    kenmerk = models.CharField(max_length=32, unique=True)  # human reference without personal data
    soort = models.CharField(max_length=16, choices=Soort.choices)
    team = models.ForeignKey(
        "organisaties.Team", on_delete=models.PROTECT, related_name="dossiers", db_index=False
    )
    huishouden = models.ForeignKey(
        "personen.Huishouden", null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers"
    )
    status = models.CharField(max_length=20)  # policies.STATUSSEN; destroyed rows are gone (RT-03)
    kader = models.CharField(max_length=12)  # current frame; its history is Kaderwijziging (DS-14)
    casusregie = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    geopend_op = models.DateField()
    aangemaakt_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    client_contact = models.BooleanField(default=False)  # AC-11: break-glass is for before contact
    # DS-02: the information checklist (dates, topics, who) or the leidinggevende's approved deviation.
    informering = models.JSONField(default=dict, blank=True)
    afwijking_versleuteld = models.TextField(blank=True)
    afwijking_goedgekeurd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # DS-16/DS-17: closure (end date, reason in clear; opinion and results encrypted).
    einddatum = models.DateField(null=True, blank=True)
    afsluitreden = models.CharField(max_length=20, blank=True)
    afsluiting_versleuteld = models.TextField(blank=True)
    afgesloten_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bevestigd_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bevestigd_op = models.DateField(null=True, blank=True)
    vernietigen_op = models.DateField(null=True, blank=True)  # RT-01, set when closed

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "kenmerk": "technisch",
        "soort": "organisatorisch",
        "team": "organisatorisch",
        "huishouden": "relatie",
        "status": "organisatorisch",
        "kader": "gevoelig",
        "casusregie": "medewerker",
        "geopend_op": "organisatorisch",
        "aangemaakt_door": "medewerker",
        "client_contact": "organisatorisch",
        "informering": "organisatorisch",
        "afwijking_versleuteld": "vrije_tekst",
        "afwijking_goedgekeurd_door": "medewerker",
        "einddatum": "organisatorisch",
        "afsluitreden": "organisatorisch",
        "afsluiting_versleuteld": "vrije_tekst",
        "afgesloten_door": "medewerker",
        "bevestigd_door": "medewerker",
        "bevestigd_op": "organisatorisch",
        "vernietigen_op": "organisatorisch",
    }
    BEWAARREGEL = "dossier"
    # What section grants may name (AC-05, AC-10); checked by toegang.services.verleen.
    GRANT_SECTIES = SECTIES
    GRANT_BIJZONDERE_SECTIES = BIJZONDERE_SECTIES

    class Meta:
        verbose_name_plural = "dossiers"
        indexes = [models.Index(fields=["team", "status"], name="dossier_team_status_idx")]


class Lid(models.Model):
    """A person in the dossier (DS-11): the client, or a household member with own sub-record."""

    class Rol(models.TextChoices):
        CLIENT = "client", "Cliënt"
        GEZINSLID = "gezinslid", "Gezinslid"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="leden", db_index=False)
    persoon = models.ForeignKey("personen.Persoon", on_delete=models.PROTECT, related_name="dossierleden")
    rol = models.CharField(max_length=12, choices=Rol.choices)

    DATACATEGORIEEN = {"id": "technisch", "dossier": "relatie", "persoon": "relatie", "rol": "relatie"}
    BEWAARREGEL = "dossier"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dossier", "persoon"], name="uniek_dossierlid")]


class Toewijzing(Beschermd):
    """AC-04: who is on the case team, substitute or zorgcoördinator; the access itself is the grant."""

    class Rol(models.TextChoices):
        CASUSTEAM = "casusteam", "Casusteam"
        VERVANGER = "vervanger", "Vervanger"
        ZORGCOORDINATOR = "zorgcoordinator", "Zorgcoördinator"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="toewijzingen")
    gebruiker = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(max_length=16, choices=Rol.choices)
    toegang = models.OneToOneField("toegang.Toegang", on_delete=models.PROTECT, related_name="+")
    door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "dossier": "technisch",
        "gebruiker": "medewerker",
        "rol": "organisatorisch",
        "toegang": "technisch",
        "door": "medewerker",
    }
    BEWAARREGEL = "dossier"


class Item(Beschermd):
    """What every dossier item shares: its dossier, author, and who it concerns (DS-11, DS-12)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    betreft = models.ManyToManyField("personen.Persoon", blank=True, related_name="+")
    deelbaar_met_alle_leden = models.BooleanField(default=False)  # GP-06: narrowest by default

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "dossier": "technisch",
        "door": "medewerker",
        "betreft": "relatie",
        "deelbaar_met_alle_leden": "organisatorisch",
    }
    BEWAARREGEL = "dossier"

    class Meta:
        abstract = True


class Notitie(Item):
    """DS-07: a typed, sourced note; append-only: a correction is a new note that `corrigeert` the old."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+", db_index=False)
    sectie = models.CharField(max_length=16)  # policies.NOTITIE_SECTIES
    soort = models.CharField(max_length=16)  # feit | mening | client_visie
    bron_soort = models.CharField(max_length=20)  # eigen_waarneming | client | derde | document | partner
    geverifieerd = models.BooleanField()
    # AC-12, only with bron_soort `partner`: the partner organisation from whose own system the data come
    # (the author is employed there) and that the data were discussed with the client. The necessity
    # statement is free text and lives in the encrypted document.
    bron_organisatie = models.ForeignKey(
        "organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    besproken_met_client = models.BooleanField(null=True, blank=True)
    # {tekst, basis, bron_omschrijving, noodzaak} as one encrypted JSON document.
    inhoud_versleuteld = models.TextField()
    corrigeert = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="correcties"
    )
    # DS-10: {soort: uitdrukkelijke_toestemming | wettelijke_taak, toestemming: uuid, wettelijke_bepaling}
    bijzondere_grondslag = models.JSONField(default=dict, blank=True)

    DATACATEGORIEEN = {
        **Item.DATACATEGORIEEN,
        "sectie": "organisatorisch",
        "soort": "organisatorisch",
        "bron_soort": "organisatorisch",
        "geverifieerd": "organisatorisch",
        "bron_organisatie": "organisatorisch",
        "besproken_met_client": "organisatorisch",
        "inhoud_versleuteld": "bijzonder",
        "corrigeert": "technisch",
        "bijzondere_grondslag": "organisatorisch",
    }

    class Meta:
        indexes = [models.Index(fields=["dossier", "sectie"], name="notitie_dossier_sectie_idx")]
        constraints = [
            # AC-12: partner data name their partner and were discussed with the client; no other note
            # names a partner.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        bron_soort="partner",
                        bron_organisatie__isnull=False,
                        besproken_met_client=True,
                    )
                    | (
                        ~models.Q(bron_soort="partner")
                        & models.Q(bron_organisatie__isnull=True, besproken_met_client__isnull=True)
                    )
                ),
                name="notitie_partnergegevens",
            )
        ]


class Clientverklaring(Beschermd):
    """DS-09: the client's own statement on an opinion, stored unaltered; it travels with the opinion."""

    notitie = models.ForeignKey(Notitie, on_delete=models.CASCADE, related_name="verklaringen")
    persoon = models.ForeignKey("personen.Persoon", on_delete=models.PROTECT, related_name="+")
    tekst_versleuteld = models.TextField()
    vastgelegd_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "notitie": "technisch",
        "persoon": "relatie",
        "tekst_versleuteld": "vrije_tekst",
        "vastgelegd_door": "medewerker",
    }
    BEWAARREGEL = "dossier"


class Afscherming(Beschermd):
    """DS-13: an item hidden for safety from a named member, with reason and review date."""

    object_type = models.CharField(max_length=64)
    object_id = models.BigIntegerField()
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    persoon = models.ForeignKey("personen.Persoon", on_delete=models.PROTECT, related_name="+")
    reden_versleuteld = models.TextField()
    reviewdatum = models.DateField()
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    opgeheven_op = models.DateField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "object_type": "technisch",
        "object_id": "technisch",
        "dossier": "technisch",
        "persoon": "relatie",
        "reden_versleuteld": "vrije_tekst",
        "reviewdatum": "organisatorisch",
        "door": "medewerker",
        "opgeheven_op": "organisatorisch",
    }
    BEWAARREGEL = "dossier"

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"], name="afscherming_object_idx")]


class Zrmscore(Item):
    """DS-05: one ZRM domain level with its factual justification; append-only, so history is kept."""

    persoon = models.ForeignKey("personen.Persoon", on_delete=models.PROTECT, related_name="+")
    domein = models.CharField(max_length=32)
    niveau = models.PositiveSmallIntegerField()
    onderbouwing_versleuteld = models.TextField()
    besproken_met_client = models.BooleanField()

    DATACATEGORIEEN = {
        **Item.DATACATEGORIEEN,
        "persoon": "relatie",
        "domein": "organisatorisch",
        "niveau": "bijzonder",
        "onderbouwing_versleuteld": "bijzonder",
        "besproken_met_client": "organisatorisch",
    }


class Plan(Item):
    """DS-06: the (family) plan; a new version for every revision, the latest is current."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+", db_index=False)
    versie = models.PositiveIntegerField()
    gezamenlijk = models.BooleanField(default=False)  # DS-12: a joint family plan
    # {doelen, acties, voorzieningen, basishulp, betrokken_professionals} encrypted.
    inhoud_versleuteld = models.TextField()
    notities = models.ManyToManyField(Notitie, blank=True, related_name="plannen")
    vastgesteld_op = models.DateField(null=True, blank=True)
    met_client_afgesproken_op = models.DateField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Item.DATACATEGORIEEN,
        "versie": "technisch",
        "gezamenlijk": "organisatorisch",
        "inhoud_versleuteld": "vrije_tekst",
        "notities": "technisch",
        "vastgesteld_op": "organisatorisch",
        "met_client_afgesproken_op": "organisatorisch",
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dossier", "versie"], name="uniek_planversie")]


class Verwijzing(Item):
    """DS-04: how the client was referred, and whether the referrer discussed it with the client."""

    besproken_met_client = models.BooleanField()
    client_akkoord = models.BooleanField(null=True)
    contact_door = models.CharField(max_length=12, blank=True)  # team | verwijzer
    # {verwijzer: {naam, contact}, reden, veiligheidsindicaties} encrypted.
    inhoud_versleuteld = models.TextField()

    DATACATEGORIEEN = {
        **Item.DATACATEGORIEEN,
        "besproken_met_client": "organisatorisch",
        "client_akkoord": "organisatorisch",
        "contact_door": "organisatorisch",
        "inhoud_versleuteld": "vrije_tekst",
    }


class Instemming(Beschermd):
    """DS-03: agreement to being helped by the team; not consent — the basis stays public task."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="instemmingen")
    persoon = models.ForeignKey("personen.Persoon", on_delete=models.PROTECT, related_name="+")
    gegeven = models.BooleanField()
    datum = models.DateField()
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "dossier": "technisch",
        "persoon": "relatie",
        "gegeven": "organisatorisch",
        "datum": "organisatorisch",
        "door": "medewerker",
    }
    BEWAARREGEL = "dossier"


class Kaderwijziging(Beschermd):
    """DS-14: every frame change with date, reason, legal basis, decider and that the client was told."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="kaderwijzigingen")
    kader = models.CharField(max_length=12)
    van = models.CharField(max_length=12)
    datum = models.DateField()
    reden_versleuteld = models.TextField()
    grondslag = models.CharField(max_length=200)
    besluitvormer = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    client_geinformeerd = models.BooleanField()
    uitspraak_soort = models.CharField(max_length=40, blank=True)
    uitspraak_kenmerk = models.CharField(max_length=100, blank=True)
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "dossier": "technisch",
        "kader": "gevoelig",
        "van": "gevoelig",
        "datum": "organisatorisch",
        "reden_versleuteld": "vrije_tekst",
        "grondslag": "organisatorisch",
        "besluitvormer": "medewerker",
        "client_geinformeerd": "organisatorisch",
        "uitspraak_soort": "strafrechtelijk",
        "uitspraak_kenmerk": "strafrechtelijk",
        "door": "medewerker",
    }
    BEWAARREGEL = "dossier"


class Veiligheidsbeoordeling(Item):
    """DS-08: risk assessment and Meldcode step, with the leidinggevende consulted."""

    meldcodestap = models.PositiveSmallIntegerField()
    geconsulteerd = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    geconsulteerd_op = models.DateField()
    inhoud_versleuteld = models.TextField()  # {risicotaxatie, veiligheidsplan}

    DATACATEGORIEEN = {
        **Item.DATACATEGORIEEN,
        "meldcodestap": "gevoelig",
        "geconsulteerd": "medewerker",
        "geconsulteerd_op": "organisatorisch",
        "inhoud_versleuteld": "gevoelig",
    }


class Teambespreking(Beschermd):
    """AC-04: a case presented in a team meeting; those present read its summary that day only."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="teambesprekingen")
    datum = models.DateField()
    aanwezigen = models.ManyToManyField("organisaties.Gebruiker", related_name="+")
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "dossier": "technisch",
        "datum": "organisatorisch",
        "aanwezigen": "medewerker",
        "door": "medewerker",
    }
    BEWAARREGEL = "dossier"


class Zorgsignaal(Beschermd):
    """An outreach signal: a third party's concern before any melding (SPEC §5 States, RT-05)."""

    team = models.ForeignKey("organisaties.Team", on_delete=models.PROTECT, related_name="+")
    ontvangen_op = models.DateField()
    kanaal = models.CharField(max_length=32)
    persoon = models.ForeignKey(
        "personen.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    inhoud_versleuteld = models.TextField()  # {melder: {naam, contact}, zorg}
    status = models.CharField(max_length=12)  # ontvangen | beoordeeld | melding | afgewezen
    ernst = models.CharField(max_length=12, blank=True)
    dossier = models.ForeignKey(Dossier, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verwijderen_op = models.DateField()  # RT-05: only meaningful while no melding
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "team": "organisatorisch",
        "ontvangen_op": "organisatorisch",
        "kanaal": "organisatorisch",
        "persoon": "relatie",
        "inhoud_versleuteld": "vrije_tekst",
        "status": "organisatorisch",
        "ernst": "organisatorisch",
        "dossier": "technisch",
        "verwijderen_op": "organisatorisch",
        "door": "medewerker",
    }
    BEWAARREGEL = "zorgsignaal"
