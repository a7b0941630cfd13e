"""Controllers, organisations, teams, users with roles and mandates (AC-15, SPEC §2)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models

from zorgvuldig.core.models import Basis
from zorgvuldig.organisaties.policies import VI_MAX_LEEFTIJD


class Verwerkingsverantwoordelijke(Basis):
    """A controller: a municipal executive or a partner organisation's board (AC-15)."""

    code = models.SlugField(max_length=64, unique=True)
    naam = models.CharField(max_length=200)
    fg_naam = models.CharField(max_length=200, blank=True)
    fg_email = models.EmailField(blank=True)
    fg_telefoon = models.CharField(max_length=32, blank=True)
    # RI-16: where a client lodges bezwaar against a rights decision of this controller's bestuursorgaan
    # (postal address on one line; e-mail if the body accepts bezwaar by e-mail). Named in the bezwaar clause.
    bezwaar_adres = models.CharField(max_length=300, blank=True)
    bezwaar_email = models.EmailField(blank=True)
    # Created by a `demo: true` import-config file: fictional. import-config refuses a demo file while a
    # controller without this mark exists, and a real file while one with it exists (API §3.1).
    demo = models.BooleanField(default=False, editable=False)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "code": "organisatorisch",
        "naam": "organisatorisch",
        "fg_naam": "medewerker",
        "fg_email": "medewerker",
        "fg_telefoon": "medewerker",
        "bezwaar_adres": "organisatorisch",
        "bezwaar_email": "organisatorisch",
        "demo": "technisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name = "verwerkingsverantwoordelijke"
        verbose_name_plural = "verwerkingsverantwoordelijken"

    def __str__(self) -> str:
        return self.naam


class OrganisatieType(models.TextChoices):
    GEMEENTELIJK_TEAM = "gemeentelijk_team", "Gemeentelijk team"
    JEUGDHULP = "jeugdhulp", "Jeugdhulp"
    WGBO_ZORG = "wgbo_zorg", "Zorg (Wgbo)"
    SCHOOL = "school", "School"
    VEILIG_THUIS = "veilig_thuis", "Veilig Thuis"
    RAAD_KINDERBESCHERMING = "raad_kinderbescherming", "Raad voor de Kinderbescherming"
    GECERTIFICEERDE_INSTELLING = "gecertificeerde_instelling", "Gecertificeerde instelling"
    POLITIE_OM = "politie_om", "Politie/OM"
    OVERIG = "overig", "Overig"


class Profiel(Basis):
    """A source organisation's verwijsindex profile (VI-19): meldrecht, criteria, deviations.

    Protocol deviations live only here; VI-07 and VI-08 have no switch. Criterion (l) is off unless an
    approved DPIA and the FG enable it (VI-23)."""

    code = models.SlugField(max_length=64, unique=True)
    naam = models.CharField(max_length=200)
    meldrecht_bepaling = models.CharField(max_length=200, blank=True)  # "" = no meldrecht (VI-05)
    extra_criteria = models.JSONField(default=list, blank=True)  # [{code, omschrijving}]
    vi_seek_agreement = models.BooleanField(default=True)  # SPEC §0.2 `vi.seek_agreement`: on
    vi_criterion_l = models.BooleanField(default=False)  # VI-23: ships disabled
    # VI-23: the approved DPIA (registers.Dpia uuid) the FG switched (l) on with; its controller is the only
    # one whose organisations may use this profile while (l) is on. Empty while (l) is off.
    vi_criterion_l_dpia = models.UUIDField(null=True, blank=True)
    vi_max_age = models.PositiveSmallIntegerField(default=VI_MAX_LEEFTIJD)
    vi_term_months = models.PositiveSmallIntegerField(default=6)
    vi_extension_months = models.PositiveSmallIntegerField(default=6)
    wgbo = models.BooleanField(default=False)
    toepasselijk_recht = models.JSONField(default=list, blank=True)
    # Seed 004 §3.2 "Toestemming en informatieplicht": the organisation's statutory provisions on
    # signalling without agreement and on how it informs. Shown to its signalers; VI-07 itself stays on.
    toestemming_en_informatieplicht = models.TextField(blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "code": "organisatorisch",
        "naam": "organisatorisch",
        "meldrecht_bepaling": "organisatorisch",
        "extra_criteria": "organisatorisch",
        "vi_seek_agreement": "organisatorisch",
        "vi_criterion_l": "organisatorisch",
        "vi_criterion_l_dpia": "organisatorisch",
        "vi_max_age": "organisatorisch",
        "vi_term_months": "organisatorisch",
        "vi_extension_months": "organisatorisch",
        "wgbo": "organisatorisch",
        "toepasselijk_recht": "organisatorisch",
        "toestemming_en_informatieplicht": "organisatorisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name = "profiel"
        verbose_name_plural = "profielen"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(vi_max_age__gte=1, vi_max_age__lte=VI_MAX_LEEFTIJD),
                name="profiel_max_leeftijd",
            ),
            models.CheckConstraint(
                condition=models.Q(vi_term_months__gte=1, vi_extension_months__gte=1),
                name="profiel_termijnen_positief",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def heeft_meldrecht(self) -> bool:
        return bool(self.meldrecht_bepaling)


class Organisatie(Basis):
    verwerkingsverantwoordelijke = models.ForeignKey(
        Verwerkingsverantwoordelijke, on_delete=models.PROTECT, related_name="organisaties"
    )
    code = models.SlugField(max_length=64, unique=True)
    naam = models.CharField(max_length=200)
    type = models.CharField(max_length=32, choices=OrganisatieType.choices)
    sectorwetten = models.JSONField(default=list, blank=True)
    bestuursorgaan = models.BooleanField(default=False)
    adres_straat = models.CharField(max_length=200, blank=True)
    adres_huisnummer = models.CharField(max_length=16, blank=True)
    adres_postcode = models.CharField(max_length=7, blank=True)
    adres_plaats = models.CharField(max_length=100, blank=True)
    g5_participatiewet = models.BooleanField(default=False)  # SH-20: off by default (GP-06)
    # No profile: the organisation may not signal (VI-05, VI-19).
    profiel = models.ForeignKey(
        Profiel, null=True, blank=True, on_delete=models.PROTECT, related_name="organisaties"
    )

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "verwerkingsverantwoordelijke": "organisatorisch",
        "code": "organisatorisch",
        "naam": "organisatorisch",
        "type": "organisatorisch",
        "sectorwetten": "organisatorisch",
        "bestuursorgaan": "organisatorisch",
        "adres_straat": "organisatorisch",
        "adres_huisnummer": "organisatorisch",
        "adres_postcode": "organisatorisch",
        "adres_plaats": "organisatorisch",
        "g5_participatiewet": "organisatorisch",
        "profiel": "organisatorisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def __str__(self) -> str:
        return self.naam


class Team(Basis):
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="teams")
    code = models.SlugField(max_length=64, unique=True)
    naam = models.CharField(max_length=200)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "organisatie": "organisatorisch",
        "code": "organisatorisch",
        "naam": "organisatorisch",
    }
    BEWAARREGEL = "configuratie"

    def __str__(self) -> str:
        return self.naam


class Rol(models.TextChoices):
    MEDEWERKER = "medewerker", "Medewerker"
    LEIDINGGEVENDE = "leidinggevende", "Leidinggevende"
    BEHEERDER = "beheerder", "Beheerder (technisch)"
    VI_BEHEERDER = "vi_beheerder", "VI-beheerder"
    FG = "fg", "Functionaris gegevensbescherming"
    AUDITOR = "auditor", "Auditor"


# Apps whose admin pages hold configuration only (the verwijsindex: its regional `vi.*` settings).
ADMIN_APPS = frozenset({"organisaties", "verwijsindex"})


class GebruikerManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("e-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        from django.core.exceptions import ValidationError

        # ValidationError: Django's `createsuperuser` shows it as one line (CommandError), no traceback
        raise ValidationError("zorgvuldig has no superusers: use import-config with the beheerder role")


class Gebruiker(AbstractBaseUser, PermissionsMixin):
    """A person who logs in personally (AC-08, AC-13) and acts for one organisation (AC-15)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(unique=True)
    naam = models.CharField(max_length=200)
    functie = models.CharField(max_length=200, blank=True)
    telefoon = models.CharField(max_length=32, blank=True)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="gebruikers")
    # AC-12: the partner organisation that employs (seconds) this team member; null = the organisation the
    # user acts for. Only through such a member may data held in that partner's own systems enter a file.
    werkgever = models.ForeignKey(
        Organisatie, null=True, blank=True, on_delete=models.PROTECT, related_name="gedetacheerden"
    )
    registratie_register = models.CharField(
        max_length=8, blank=True, choices=[("big", "BIG"), ("skj", "SKJ")]
    )
    registratie_nummer = models.CharField(max_length=32, blank=True)
    rollen = models.JSONField(default=list, blank=True)
    teams = models.ManyToManyField(Team, blank=True, related_name="leden")
    geheimhoudingsverklaring_op = models.DateField(null=True, blank=True)
    geheimhoudingsverklaring_versie = models.CharField(max_length=32, blank=True)
    is_active = models.BooleanField("actief", default=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    objects = GebruikerManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["naam"]

    DATACATEGORIEEN = {
        "id": "technisch",
        "uuid": "technisch",
        "password": "authenticatie",
        "last_login": "technisch",
        "is_superuser": "technisch",
        "groups": "technisch",
        "user_permissions": "technisch",
        "email": "medewerker",
        "naam": "medewerker",
        "functie": "medewerker",
        "telefoon": "medewerker",
        "organisatie": "organisatorisch",
        "werkgever": "organisatorisch",
        "registratie_register": "medewerker",
        "registratie_nummer": "medewerker",
        "rollen": "organisatorisch",
        "teams": "organisatorisch",
        "geheimhoudingsverklaring_op": "medewerker",
        "geheimhoudingsverklaring_versie": "medewerker",
        "is_active": "technisch",
        "aangemaakt": "technisch",
        "gewijzigd": "technisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    def __str__(self) -> str:
        return self.naam

    @property
    def is_staff(self) -> bool:
        # Only the technical beheerder reaches the admin, which holds configuration only (AC-06).
        return Rol.BEHEERDER in (self.rollen or [])

    def has_perm(self, perm, obj=None) -> bool:
        # The beheerder manages configuration models in the admin and nothing else (AC-06).
        return self.is_active and self.is_staff and perm.split(".")[0] in ADMIN_APPS

    def has_module_perms(self, app_label) -> bool:
        return self.is_active and self.is_staff and app_label in ADMIN_APPS

    @property
    def geheimhoudingsplicht(self) -> bool:
        return bool(self.registratie_register and self.registratie_nummer)

    @property
    def partnerwerkgever_id(self) -> int | None:
        """AC-12: the partner organisation employing this user, if it is not the one the user acts for."""
        return self.werkgever_id if self.werkgever_id not in (None, self.organisatie_id) else None

    def actieve_mandaten(self, op: dt.date) -> set[str]:
        return {m.soort for m in self.mandaten.all() if m.vanaf <= op and (m.tot is None or op <= m.tot)}


class Mandaat(Basis):
    """A written mandate (AC-08 VI signalling; RI-13 deciding requests), with validity."""

    class Soort(models.TextChoices):
        VI_SIGNALEREN = "vi_signaleren", "Signaleren in de verwijsindex"
        VERZOEKEN_BESLUITEN = "verzoeken_besluiten", "Besluiten op verzoeken van betrokkenen"

    gebruiker = models.ForeignKey(Gebruiker, on_delete=models.CASCADE, related_name="mandaten")
    soort = models.CharField(max_length=32, choices=Soort.choices)
    vanaf = models.DateField()
    tot = models.DateField(null=True, blank=True)
    besluit = models.CharField(max_length=200, blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "gebruiker": "organisatorisch",
        "soort": "organisatorisch",
        "vanaf": "organisatorisch",
        "tot": "organisatorisch",
        "besluit": "organisatorisch",
    }
    BEWAARREGEL = "register"  # a written mandate: admin_years after it ends (SPEC §10)


class ApiToken(Basis):
    """A partner system's credential for one organisation (API §1.4, AC-08).

    Only the SHA-256 of the 40-hex secret is kept: the secret has 160 bits of entropy, so a plain hash
    is as strong as a password hash here and lets the lookup be one indexed equality."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="api_tokens")
    naam = models.CharField(max_length=100)
    sleutel_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    geldig_tot = models.DateField()
    laatst_gebruikt = models.DateTimeField(null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        Gebruiker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optional: match notices are also POSTed here, signed with HMAC-SHA256 (API §2.3). The signing secret
    # must be usable, so it is encrypted with the controller's data key rather than hashed.
    webhook_url = models.URLField(max_length=500, blank=True)
    webhook_geheim = models.TextField(blank=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "organisatie": "organisatorisch",
        "naam": "organisatorisch",
        "sleutel_hash": "authenticatie",
        "webhook_url": "organisatorisch",
        "webhook_geheim": "sleutel",
        "scopes": "organisatorisch",
        "geldig_tot": "organisatorisch",
        "laatst_gebruikt": "technisch",
        "ingetrokken_op": "organisatorisch",
        "aangemaakt_door": "organisatorisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name = "API-sleutel"
        verbose_name_plural = "API-sleutels"
        # One live token per name: rotating = revoke, then issue again under the same name (API §3.1).
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "naam"],
                condition=models.Q(ingetrokken_op__isnull=True),
                name="api_token_naam_uniek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie.code})"
