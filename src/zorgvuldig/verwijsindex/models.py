"""The verwijsindex (SPEC §4): signals, their justification kept apart, matches, notices, hand-overs and
the minimal archive. See ADR 0009 for why the index is a jointly controlled module with its own tables."""

from __future__ import annotations

import uuid

from django.db import models

from zorgvuldig.core.models import Basis, Beschermd, eigenaar
from zorgvuldig.verwijsindex import policies


class Instellingen(models.Model):
    """The region's `vi.*` settings (SPEC §0.2). One row; changes are audited (AU-02)."""

    field_set = models.CharField(
        max_length=16,
        choices=[(policies.STATUTORY, "statutory"), (policies.EXTENDED_2009, "extended_2009")],
        default=policies.STATUTORY,
    )
    match_scope = models.CharField(
        max_length=16,
        choices=[(policies.ORGANISATIE, "organisation"), (policies.SIGNALEERDER, "signaler")],
        default=policies.ORGANISATIE,
    )
    family_matching = models.BooleanField(default=False)  # VI-22: off
    # VI-22: reference to the household processing's register entry and approved DPIA, if any.
    huishoudverwerking = models.CharField(max_length=200, blank=True)
    archive_months = models.PositiveSmallIntegerField(default=24)
    exit_days = models.PositiveSmallIntegerField(default=30)
    # GP-04, VI-22: the FG's approved DPIA on which a wider field set or family matching rests (None: none).
    verruiming_dpia = models.UUIDField(null=True, blank=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    DATACATEGORIEEN = {
        "id": "technisch",
        "field_set": "organisatorisch",
        "match_scope": "organisatorisch",
        "family_matching": "organisatorisch",
        "huishoudverwerking": "organisatorisch",
        "archive_months": "organisatorisch",
        "exit_days": "organisatorisch",
        "verruiming_dpia": "organisatorisch",
        "gewijzigd": "technisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name = "instellingen verwijsindex"
        verbose_name_plural = "instellingen verwijsindex"
        constraints = [
            models.CheckConstraint(condition=models.Q(archive_months__gte=1), name="vi_archief_positief"),
        ]

    @classmethod
    def huidig(cls) -> Instellingen:
        row = cls.objects.order_by("pk").first()
        return row if row is not None else cls.objects.create()


class Match(Basis):
    """Two or more organisations signal the same youth (SPEC §4 "Match states"). Joint: it belongs to no
    single organisation; who sees it follows from the signals in it (row-level security, ADR 0009)."""

    bsn_index = models.CharField(max_length=80, db_index=True)
    status = models.CharField(
        max_length=16,
        choices=[(policies.NIEUW, "Nieuw"), (policies.CONTACT_GELEGD, "Contact gelegd")],
        default=policies.NIEUW,
    )
    afstemming_datum = models.DateField(null=True, blank=True)
    afstemming_door = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    afstemming_met = models.JSONField(default=list, blank=True)  # deelnemer uuids
    zorgcoordinator = models.ForeignKey(
        "Signaal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    zorgcoordinator_op = models.DateField(null=True, blank=True)
    informeren_datum = models.DateField(null=True, blank=True)
    informeren_door = models.ForeignKey(
        "Signaal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    informeren_wijze = models.CharField(max_length=16, blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "bsn_index": "bsn",
        "status": "organisatorisch",
        "afstemming_datum": "organisatorisch",
        "afstemming_door": "medewerker",
        "afstemming_met": "technisch",
        "zorgcoordinator": "medewerker",
        "zorgcoordinator_op": "organisatorisch",
        "informeren_datum": "organisatorisch",
        "informeren_door": "medewerker",
        "informeren_wijze": "organisatorisch",
    }
    BEWAARREGEL = "signaal"

    class Meta:
        verbose_name_plural = "matches"

    def __str__(self) -> str:
        return f"match {self.uuid}"


class Signaal(Beschermd):
    """*That* a professional is involved with a young person (a *dat-gegeven*), nothing more (VI-09).

    `organisatie`/`verwerkingsverantwoordelijke` are the signaler's. Whether it is active is derived from
    its dates at read time (RT-12); `status` stores only what people did: concept, actief, ingetrokken."""

    organisatie = eigenaar("organisaties.Organisatie", db_index=False)

    class Status(models.TextChoices):
        CONCEPT = policies.CONCEPT, "Concept"
        ACTIEF = policies.ACTIEF, "Actief"
        INGETROKKEN = policies.INGETROKKEN, "Ingetrokken"

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONCEPT)
    bsn_versleuteld = models.TextField()
    bsn_index = models.CharField(max_length=80)
    signaleerder = models.ForeignKey(
        "organisaties.Gebruiker",
        on_delete=models.PROTECT,
        related_name="signalen",
        db_index=False,
    )
    # The participant id other signalers see in a match (API §2.3); never the signal's own uuid.
    deelnemer_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    signaleringstijdstip = models.DateTimeField(null=True, blank=True)
    verwijderdatum = models.DateField(null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    match = models.ForeignKey(
        Match, null=True, blank=True, on_delete=models.SET_NULL, related_name="signalen"
    )
    # VI-25: the user of a signatory organisation the signal is offered to, until accepted.
    aangeboden_aan = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overgedragen_na_uittreding = models.BooleanField(default=False)
    # `extended_2009` only (seed 004 §3.5); empty under `statutory`. Never a secret address (VI-10).
    jongere_naam = models.CharField(max_length=200, blank=True)
    jongere_adres = models.CharField(max_length=300, blank=True)
    jongere_woonplaats = models.CharField(max_length=100, blank=True)
    jongere_geslacht = models.CharField(max_length=10, blank=True)
    jongere_geboortedatum = models.DateField(null=True, blank=True)
    jongere_geboorteplaats = models.CharField(max_length=100, blank=True)
    bronorganisatie = models.CharField(max_length=200, blank=True)
    bekend_sinds = models.DateField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "status": "organisatorisch",
        "bsn_versleuteld": "bsn",
        "bsn_index": "bsn",
        "signaleerder": "medewerker",
        "deelnemer_uuid": "technisch",
        "signaleringstijdstip": "organisatorisch",
        "verwijderdatum": "organisatorisch",
        "ingetrokken_op": "organisatorisch",
        "match": "technisch",
        "aangeboden_aan": "medewerker",
        "overgedragen_na_uittreding": "organisatorisch",
        "jongere_naam": "identificerend",
        "jongere_adres": "adres",
        "jongere_woonplaats": "adres",
        "jongere_geslacht": "identificerend",
        "jongere_geboortedatum": "identificerend",
        "jongere_geboorteplaats": "identificerend",
        "bronorganisatie": "organisatorisch",
        "bekend_sinds": "organisatorisch",
    }
    BEWAARREGEL = "signaal"

    class Meta:
        verbose_name_plural = "signalen"
        indexes = [
            # The match look-up: active signals on one BSN (VI-11), independent of the index size.
            models.Index(
                fields=["bsn_index", "verwijderdatum"],
                condition=models.Q(status="actief"),
                name="signaal_match_idx",
            ),
            models.Index(fields=["organisatie", "status", "verwijderdatum"], name="signaal_org_idx"),
            models.Index(fields=["signaleerder", "status"], name="signaal_signaleerder_idx"),
        ]

    def __str__(self) -> str:
        return f"signaal {self.uuid}"  # never a BSN in logs or errors


class Verantwoording(Beschermd):
    """The justification (VI-02 … VI-08): kept in the signaler's own file, never in the index, visible only
    to the signaler and the own *leidinggevende*. Encrypted as one JSON document (criteria are sensitive)."""

    signaal = models.OneToOneField(Signaal, on_delete=models.CASCADE, related_name="verantwoording")
    inhoud_versleuteld = models.TextField()
    vastgelegd_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "signaal": "technisch",
        "inhoud_versleuteld": "vrije_tekst",
        "vastgelegd_door": "medewerker",
    }
    BEWAARREGEL = "signaal"


class Overdracht(Basis):
    """VI-24/VI-25: a signal handed to another signaler; dates unchanged."""

    class Soort(models.TextChoices):
        COLLEGA = "collega", "Aan een collega (VI-24)"
        UITTREDING = "uittreding", "Na uittreding (VI-25)"

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="overdrachten")
    soort = models.CharField(max_length=16, choices=Soort.choices)
    van = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    naar = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")
    datum = models.DateField()
    reden = models.CharField(max_length=500)
    aanvaard_op = models.DateTimeField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "signaal": "technisch",
        "soort": "organisatorisch",
        "van": "medewerker",
        "naar": "medewerker",
        "door": "medewerker",
        "datum": "organisatorisch",
        "reden": "vrije_tekst",
        "aanvaard_op": "organisatorisch",
    }
    BEWAARREGEL = "signaal"


class Notificatie(Basis):
    """A match notice to one signaler (VI-11): the in-app inbox entry and the link to its e-mail."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="notificaties")
    # Kept when the signal is archived: the other signals' archive records list every notice (VI-21).
    signaal = models.ForeignKey(
        Signaal, null=True, blank=True, on_delete=models.SET_NULL, related_name="notificaties"
    )
    aan = models.ForeignKey(
        "organisaties.Gebruiker",
        on_delete=models.PROTECT,
        related_name="vi_notificaties",
        db_index=False,
    )
    # nieuw | signaal (a further signal) | overdracht (VI-24/25) | zorgcoordinator | zc_vervangen (VI-15)
    aanleiding = models.CharField(max_length=16)
    bericht = models.ForeignKey(
        "berichten.Bericht", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gelezen_op = models.DateTimeField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "match": "technisch",
        "signaal": "technisch",
        "aan": "medewerker",
        "aanleiding": "organisatorisch",
        "bericht": "technisch",
        "gelezen_op": "technisch",
    }
    BEWAARREGEL = "signaal"

    class Meta:
        indexes = [models.Index(fields=["aan", "aangemaakt"], name="vi_notificatie_aan_idx")]


class ArchiefSignaal(Basis):
    """VI-21: what stays of an ended signal, for the FG and *VI-beheerder* to answer *inzage* and *verzet*:
    the subject's pseudonym (AU-07; no BSN), who signalled, the dates, and who got which notice when."""

    class Einde(models.TextChoices):
        INGETROKKEN = "ingetrokken", "Ingetrokken"
        VERLOPEN = "verlopen", "Verlopen"
        UITTREDING = "uittreding", "Uittreding"

    signaal_uuid = models.UUIDField(unique=True)
    betrokkene = models.CharField(max_length=64, db_index=True)
    organisatie = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="+")
    signaleerder = models.ForeignKey(
        "organisaties.Gebruiker", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signaleerder_naam = models.CharField(max_length=200)
    signaleringstijdstip = models.DateTimeField()
    einddatum = models.DateField()
    einde = models.CharField(max_length=16, choices=Einde.choices)
    matches = models.JSONField(default=list)  # [{aangemaakt, opgeheven, notificaties: [{aan, op}]}]
    purgeren_op = models.DateField(db_index=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "signaal_uuid": "technisch",
        "betrokkene": "pseudoniem",
        "organisatie": "organisatorisch",
        "signaleerder": "medewerker",
        "signaleerder_naam": "medewerker",
        "signaleringstijdstip": "organisatorisch",
        "einddatum": "organisatorisch",
        "einde": "organisatorisch",
        "matches": "verstrekking",
        "purgeren_op": "technisch",
    }
    BEWAARREGEL = "vi_archief"

    class Meta:
        verbose_name = "archiefsignaal"
        verbose_name_plural = "archiefsignalen"
