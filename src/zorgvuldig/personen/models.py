"""Persons, relations, assessments, households (PE-*)."""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Beschermd

RELATIE_SOORTEN = [
    ("ouder_met_gezag", "Ouder met gezag"),
    ("voogd", "Voogd"),
    ("curator", "Curator"),
    ("mentor", "Mentor"),
    ("echtgenoot_partner", "Echtgenoot of partner"),
    ("ouder", "Ouder (zonder gezag)"),
    ("meerderjarige_broer_zus", "Meerderjarige broer of zus"),
    ("meerderjarig_kind", "Meerderjarig kind"),
]
LEEFTIJDSCATEGORIEEN = [("onder_12", "Onder 12"), ("12_15", "12–15"), ("16_17", "16–17"), ("18_plus", "18+")]


class Persoon(Beschermd):
    """One record per person (client, family or network member, representative)."""

    class Geslacht(models.TextChoices):
        MAN = "man", "Man"
        VROUW = "vrouw", "Vrouw"
        X = "x", "X"
        ONBEKEND = "onbekend", "Onbekend"

    bsn_versleuteld = models.TextField(blank=True)  # AES-GCM, bound to this row (ADR 0005)
    bsn_index = models.CharField(max_length=80, blank=True, db_index=True)  # versioned HMAC blind index
    bsn_ontbreekt_reden = models.TextField(blank=True)  # PE-01
    voornamen = models.CharField(max_length=200, blank=True)
    voorvoegsel = models.CharField(max_length=20, blank=True)
    geslachtsnaam = models.CharField(max_length=200)
    geboortedatum = models.DateField(null=True, blank=True)
    geboorteplaats = models.CharField(max_length=100, blank=True)
    geslacht = models.CharField(max_length=10, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    adres_straat = models.CharField(max_length=200, blank=True)
    adres_huisnummer = models.CharField(max_length=16, blank=True)
    adres_huisnummertoevoeging = models.CharField(max_length=16, blank=True)
    adres_postcode = models.CharField(max_length=7, blank=True)
    adres_woonplaats = models.CharField(max_length=100, blank=True)
    geheim_adres = models.BooleanField(default=False)  # PE-03
    telefoon = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    relevantie = models.TextField(blank=True)  # PE-10: why a network member's details are stored
    geschatte_leeftijdscategorie = models.CharField(max_length=10, choices=LEEFTIJDSCATEGORIEEN, blank=True)
    schatting_reden = models.TextField(blank=True)  # PE-05

    @property
    def volledige_naam(self) -> str:
        """Voornamen, voorvoegsel and geslachtsnaam, without the empty ones (no double spaces)."""
        return " ".join(d for d in (self.voornamen, self.voorvoegsel, self.geslachtsnaam) if d)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "bsn_versleuteld": "bsn",
        "bsn_index": "bsn",
        "bsn_ontbreekt_reden": "vrije_tekst",
        "voornamen": "identificerend",
        "voorvoegsel": "identificerend",
        "geslachtsnaam": "identificerend",
        "geboortedatum": "identificerend",
        "geboorteplaats": "identificerend",
        "geslacht": "identificerend",
        "adres_straat": "adres",
        "adres_huisnummer": "adres",
        "adres_huisnummertoevoeging": "adres",
        "adres_postcode": "adres",
        "adres_woonplaats": "adres",
        "geheim_adres": "adres",
        "telefoon": "contact",
        "email": "contact",
        "relevantie": "vrije_tekst",
        "geschatte_leeftijdscategorie": "identificerend",
        "schatting_reden": "vrije_tekst",
    }
    BEWAARREGEL = "persoon"
    ADRES_VELDEN = [
        "adres_straat",
        "adres_huisnummer",
        "adres_huisnummertoevoeging",
        "adres_postcode",
        "adres_woonplaats",
    ]

    class Meta:
        verbose_name_plural = "personen"
        indexes = [models.Index(fields=["geslachtsnaam", "geboortedatum"], name="persoon_naam_gebdat_idx")]

    def __str__(self) -> str:
        return f"persoon {self.uuid}"  # never a name or BSN in logs or errors


class Relatie(Beschermd):
    """A relation of `persoon` (the subject) to `ander` (e.g. a parent with gezag)."""

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="relaties")
    ander = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="relaties_als_ander")
    soort = models.CharField(max_length=32, choices=RELATIE_SOORTEN)
    bewijs = models.CharField(max_length=300, blank=True)
    beschikking_kenmerk = models.CharField(max_length=100, blank=True)  # curator/mentor court order (CS-16)
    beschikking_datum = models.DateField(null=True, blank=True)
    reikwijdte = models.JSONField(default=list, blank=True)
    bereid = models.BooleanField(default=True)  # PE-08
    vanaf = models.DateField(null=True, blank=True)
    tot = models.DateField(null=True, blank=True)

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "persoon": "relatie",
        "ander": "relatie",
        "soort": "relatie",
        "bewijs": "relatie",
        "beschikking_kenmerk": "relatie",
        "beschikking_datum": "relatie",
        "reikwijdte": "relatie",
        "bereid": "relatie",
        "vanaf": "relatie",
        "tot": "relatie",
    }
    BEWAARREGEL = "persoon"

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(persoon=models.F("ander")), name="relatie_niet_met_zichzelf"
            )
        ]


class Beoordeling(Beschermd):
    """Competence 12–15 (PE-06) or incapacity 16+ (PE-07). Append-only: a new one supersedes."""

    class Soort(models.TextChoices):
        BEKWAAMHEID_12_15 = "bekwaamheid_12_15", "Bekwaamheid 12–15 jaar"
        WILSONBEKWAAMHEID = "wilsonbekwaamheid", "Wilsonbekwaamheid (16+)"

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="beoordelingen")
    soort = models.CharField(max_length=32, choices=Soort.choices)
    uitkomst = models.BooleanField()
    datum = models.DateField()
    redenen = models.TextField()
    beoordelaar = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "persoon": "gevoelig",
        "soort": "gevoelig",
        "uitkomst": "gevoelig",
        "datum": "gevoelig",
        "redenen": "gevoelig",
        "beoordelaar": "organisatorisch",
    }
    BEWAARREGEL = "persoon"


class Huishouden(Beschermd):
    """PE-09: persons who live or lived together in a family relationship."""

    naam = models.CharField(max_length=200, blank=True)

    DATACATEGORIEEN = {**Beschermd.DATACATEGORIEEN, "naam": "identificerend"}
    BEWAARREGEL = "persoon"


class Huishoudlid(models.Model):
    huishouden = models.ForeignKey(Huishouden, on_delete=models.CASCADE, related_name="leden")
    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="huishoudens")
    vanaf = models.DateField(null=True, blank=True)
    tot = models.DateField(null=True, blank=True)

    DATACATEGORIEEN = {
        "id": "technisch",
        "huishouden": "relatie",
        "persoon": "relatie",
        "vanaf": "relatie",
        "tot": "relatie",
    }
    BEWAARREGEL = "persoon"


class NietVoorVertegenwoordigers(Beschermd):
    """PE-11: an item a young person asked to keep from their representatives, with the reason.

    Items are referenced by type and uuid (dossier notes and sections arrive with the dossier module);
    the rights module leaves marked items out of a representative's inzage (RI-03, DS-11).
    """

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="markeringen", db_index=False)
    object_type = models.CharField(max_length=64)
    object_uuid = models.UUIDField()
    reden = models.TextField()
    gemarkeerd_door = models.ForeignKey("organisaties.Gebruiker", on_delete=models.PROTECT, related_name="+")

    DATACATEGORIEEN = {
        **Beschermd.DATACATEGORIEEN,
        "persoon": "gevoelig",
        "object_type": "technisch",
        "object_uuid": "technisch",
        "reden": "gevoelig",
        "gemarkeerd_door": "organisatorisch",
    }
    BEWAARREGEL = "persoon"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["persoon", "object_type", "object_uuid"], name="uniek_markering")
        ]
