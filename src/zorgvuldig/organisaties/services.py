"""Writes on organisations and users."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from typing import Any

from django.db import IntegrityError, transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound
from zorgvuldig.organisaties import policies
from zorgvuldig.organisaties.models import ApiToken, Gebruiker, Mandaat, Rol, Team
from zorgvuldig.organisaties.selectors import eigen_verwerkingsverantwoordelijke

ACTIVITEIT = "beheer-platform"


def aanvaard_verklaring(*, actor, versie: str) -> None:
    """AC-07: the confidentiality undertaking, accepted before first access to personal data — the version
    in force, so the record shows what the user agreed to."""
    from django.conf import settings

    if versie != settings.UI_VERKLARING_VERSIE:
        raise DomainError(
            "E_INVALID_INPUT",
            "Alleen de geldende geheimhoudingsverklaring kan worden aanvaard (AC-07).",
            [InvalidParam("versie", "invalid", f"De geldende versie is {settings.UI_VERKLARING_VERSIE}.")],
        )
    with transaction.atomic():
        g = actor.gebruiker
        g.geheimhoudingsverklaring_op = today()
        g.geheimhoudingsverklaring_versie = versie
        g.save(update_fields=["geheimhoudingsverklaring_op", "geheimhoudingsverklaring_versie", "gewijzigd"])
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit=ACTIVITEIT,
            object=g,
            velden=["geheimhoudingsverklaring_op"],
        )


def token_hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


def _eigen_controller(actor, organisatie) -> None:
    """API keys, like accounts, are issued and revoked within the beheerder's own controller (AC-15): a key
    acts for that organisation's professionals, so another controller's keys are that controller's business.
    Keys for another controller come from `import-config`, run by the operator (the system)."""
    if not _beheert(actor, organisatie):
        raise DomainError(
            "E_AC_NOT_AUTHORISED",
            "U beheert alleen API-sleutels van organisaties van uw eigen verwerkingsverantwoordelijke.",
        )


def _beheert(actor, organisatie) -> bool:
    """The system does everything; others their own organisation, the beheerder his controller's (AC-15)."""
    return actor.is_systeem or policies.beheert_organisatie(
        rollen=actor.rollen,
        eigen_organisatie_id=actor.organisatie.pk,
        organisatie_id=organisatie.pk,
        eigen_vv_id=actor.organisatie.verwerkingsverantwoordelijke_id,
        vv_id=organisatie.verwerkingsverantwoordelijke_id,
    )


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def maak_token(*, actor, organisatie, naam: str, scopes: list[str], geldig_tot) -> tuple[ApiToken, str]:
    """Issue a partner credential; the secret is returned once and only its hash is stored."""
    _eigen_controller(actor, organisatie)
    fouten = policies.token_fouten(scopes=scopes, geldig_tot=geldig_tot, vandaag=today())
    if ApiToken.objects.filter(organisatie=organisatie, naam=naam, ingetrokken_op__isnull=True).exists():
        fouten["naam"] = "Deze organisatie heeft al een API-sleutel met deze naam."
    if fouten:
        raise DomainError(
            "E_INVALID_INPUT",
            "De API-sleutel kan zo niet worden uitgegeven.",
            [InvalidParam(veld, "invalid", reden) for veld, reden in fouten.items()],
        )
    sleutel = secrets.token_hex(20)
    with transaction.atomic():
        token = ApiToken.objects.create(
            organisatie=organisatie,
            naam=naam,
            sleutel_hash=token_hash(sleutel),
            scopes=sorted(scopes),
            geldig_tot=geldig_tot,
            aangemaakt_door=actor.gebruiker,
        )
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit=ACTIVITEIT,
            object=token,
            velden=["naam", "scopes", "geldig_tot"],
            verwerkingsverantwoordelijke=str(organisatie.verwerkingsverantwoordelijke.uuid),
        )
    return token, sleutel


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def trek_token_in(*, actor, token: ApiToken) -> ApiToken:
    """Revoke at once; revoking twice changes nothing."""
    _eigen_controller(actor, token.organisatie)
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.ingetrokken_op is None:
            token.ingetrokken_op = now()
            token.save(update_fields=["ingetrokken_op", "gewijzigd"])
            audit.record(
                actor=actor,
                actie="configuratie.gewijzigd",
                activiteit=ACTIVITEIT,
                object=token,
                velden=["ingetrokken_op"],
                verwerkingsverantwoordelijke=str(token.organisatie.verwerkingsverantwoordelijke.uuid),
            )
    return token


ROLLEN = {r.value for r in Rol}
BEHEREN = "gebruiker:beheren"
GEEN_REGISTRATIE = ("", "")


def _mag_beheren(actor, organisatie) -> None:
    """Second line behind the API's scope and visibility checks (and the UI's page guard): users and
    teams are managed with `gebruiker:beheren`, within the own organisation; the beheerder: every
    organisation of his controller (API §2.1, AC-15)."""
    if actor.is_systeem:
        return
    if BEHEREN not in actor.scopes or not _beheert(actor, organisatie):
        raise DomainError("E_AC_NOT_AUTHORISED", "U beheert geen gebruikers of teams van deze organisatie.")


def _gebruiker_fouten(
    *,
    rollen=None,
    teams=None,
    organisatie,
    registratie=None,
    mandaten=None,
    bestaande_mandaten=frozenset(),
    huidig=None,
) -> list[InvalidParam]:
    """What is wrong with the given values (None: not given, not checked). `huidig`: the user's present
    (roles, mandates), for the value of the pair that is not given."""
    fouten = []
    if rollen is not None:
        if not set(rollen) <= ROLLEN:
            fouten.append(InvalidParam("rollen", "invalid", "Kies een of meer bestaande rollen."))
        elif reden := policies.rollen_fout(rollen):
            fouten.append(InvalidParam("rollen", "invalid", reden))
    if teams is not None and any(t.organisatie_id != organisatie.pk for t in teams):
        fouten.append(InvalidParam("teams", "invalid", "Een team hoort bij de organisatie van de gebruiker."))
    if registratie is not None and (reden := policies.registratie_fout(*registratie)):
        fouten.append(InvalidParam("registratie", "invalid", reden))
    if mandaten is not None:
        fouten += [InvalidParam(*f) for f in policies.mandaten_fouten(mandaten, bestaande_mandaten)]
    if rollen is not None or mandaten is not None:
        # with the roles and mandates the user will have. Checked: a mandate being added, or all of them
        # when the roles change; ending one is always possible (a record, RG-06)
        rol_nu, mandaten_nu = huidig or ((), ())
        rollen_anders = rollen is not None and set(rollen) != set(rol_nu)
        lijst = mandaten if mandaten is not None else mandaten_nu
        te_toetsen = [
            i
            for i, m in enumerate(lijst)
            if rollen_anders or (m["soort"], m["vanaf"]) not in bestaande_mandaten
        ]
        fouten += [
            InvalidParam(
                f"mandaten.{te_toetsen[j]}.soort" if mandaten is not None else "rollen", "invalid", reden
            )
            for j, reden in policies.mandaat_rol_fouten(
                [lijst[i] for i in te_toetsen], rol_nu if rollen is None else rollen, today()
            )
        ]
    return fouten


def _email_fouten(email: str, zelf=None) -> list[InvalidParam]:
    if not email:
        return [InvalidParam("email", "required", "Vul een e-mailadres in.")]
    andere = Gebruiker.objects.filter(email=email)
    if zelf is not None:
        andere = andere.exclude(pk=zelf.pk)
    if andere.exists():
        return [InvalidParam("email", "unique", "Er is al een gebruiker met dit e-mailadres.")]
    return []


def _dubbel_email() -> DomainError:
    """Two requests creating the same address at once: the database's unique index refuses the second."""
    return DomainError(
        "E_INVALID_INPUT",
        "Er is al een gebruiker met dit e-mailadres.",
        [InvalidParam("email", "unique", "Er is al een gebruiker met dit e-mailadres.")],
    )


def _zet_mandaten(actor, gebruiker, mandaten) -> bool:
    """Upsert the written mandates by (soort, vanaf), as import-config does; each change is audited on
    the mandate (a register entry). None is deleted: `mandaten_fouten` refused a list that drops one."""
    bestaand = {(m.soort, m.vanaf): m for m in gebruiker.mandaten.all()}
    gewijzigd = False
    for item in mandaten:
        m = bestaand.get((item["soort"], item["vanaf"]))
        velden = ["soort", "vanaf", "tot", "besluit"]
        if m is None:
            m = Mandaat(gebruiker=gebruiker, soort=item["soort"], vanaf=item["vanaf"])
        else:
            velden = [v for v in ("tot", "besluit") if getattr(m, v) != _mandaat_waarde(item, v)]
            if not velden:
                continue
        m.tot, m.besluit = item.get("tot"), item.get("besluit") or ""
        m.save()
        audit.record(
            actor=actor, actie="configuratie.gewijzigd", activiteit=ACTIVITEIT, object=m, velden=velden
        )
        gewijzigd = True
    return gewijzigd


def _mandaat_waarde(item, veld):
    return item.get("tot") if veld == "tot" else item.get("besluit") or ""


def _mandaten_gewijzigd(gebruiker, mandaten) -> bool:
    nu = {(m.soort, m.vanaf, m.tot, m.besluit) for m in gebruiker.mandaten.all()}
    nieuw = {(m["soort"], m["vanaf"], m.get("tot"), m.get("besluit") or "") for m in mandaten}
    return nu != nieuw


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def maak_gebruiker(
    *,
    actor,
    email: str,
    naam: str,
    organisatie,
    functie: str = "",
    rollen,
    teams=(),
    werkgever=None,
    telefoon: str = "",
    registratie: tuple[str, str] = GEEN_REGISTRATIE,
    mandaten=(),
):
    """A new staff account without password: the user activates it through a one-time link sent by
    e-mail (72 h), sets a password and enrols the second factor. No grants (AC-05): content is opened
    only by grants that others give later."""
    _mag_beheren(actor, organisatie)
    email = email.strip().lower()
    fouten = _gebruiker_fouten(
        rollen=rollen, teams=teams, organisatie=organisatie, registratie=registratie, mandaten=list(mandaten)
    )
    fouten += _email_fouten(email)
    if not naam.strip():
        fouten.append(InvalidParam("naam", "required", "Vul een naam in."))
    if fouten:
        raise DomainError("E_INVALID_INPUT", "De gebruiker kan zo niet worden aangemaakt.", fouten)
    velden = ["email", "naam", "organisatie", "functie", "rollen", "teams", "werkgever"]
    velden += [v for v, w in (("telefoon", telefoon), ("registratie", any(registratie))) if w]
    try:
        with transaction.atomic():
            g = Gebruiker.objects.create_user(
                email=email,
                naam=naam,
                organisatie=organisatie,
                functie=functie,
                telefoon=telefoon,
                registratie_register=registratie[0],
                registratie_nummer=registratie[1],
                rollen=sorted(set(rollen)),
                werkgever=_werkgever(werkgever, organisatie),
            )
            g.teams.set(teams)
            if _zet_mandaten(actor, g, mandaten):
                velden.append("mandaten")
            audit.record(
                actor=actor,
                actie="configuratie.gewijzigd",
                activiteit=ACTIVITEIT,
                object=g,
                velden=velden,
                koppeling=policies.rollen_koppeling(oud=[], nieuw=g.rollen),
            )
            _meld_rollen_aan_fg(g, policies.fg_te_melden_rollen(oud=[], nieuw=g.rollen))
            stuur_activatie(g)
    except IntegrityError as exc:
        raise _dubbel_email() from exc
    return g


def _werkgever(werkgever, organisatie):
    """AC-12: None when the user is employed by the organisation it acts for (import-config does the same)."""
    return None if werkgever is None or werkgever.pk == organisatie.pk else werkgever


_ONGEWIJZIGD: Any = object()


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def wijzig_gebruiker(
    *,
    actor,
    gebruiker,
    rollen=_ONGEWIJZIGD,
    teams=_ONGEWIJZIGD,
    actief: bool = _ONGEWIJZIGD,
    functie: str = _ONGEWIJZIGD,
    werkgever=_ONGEWIJZIGD,
    naam: str = _ONGEWIJZIGD,
    email: str = _ONGEWIJZIGD,
    telefoon: str = _ONGEWIJZIGD,
    registratie: tuple[str, str] = _ONGEWIJZIGD,
    mandaten=_ONGEWIJZIGD,
):
    """Change what is given, leave the rest (the web UI's form and the API's merge patch). A beheerder
    does not change his own roles, mandates or account (AC-06: separation of duties)."""
    gegeven = lambda w: w is not _ONGEWIJZIGD  # noqa: E731
    _mag_beheren(actor, gebruiker.organisatie)
    fouten = _gebruiker_fouten(
        rollen=rollen if gegeven(rollen) else None,
        teams=teams if gegeven(teams) else None,
        organisatie=gebruiker.organisatie,
        registratie=registratie if gegeven(registratie) else None,
        mandaten=list(mandaten) if gegeven(mandaten) else None,
        bestaande_mandaten={(m.soort, m.vanaf) for m in gebruiker.mandaten.all()},
        huidig=(
            gebruiker.rollen or [],
            [{"soort": m.soort, "vanaf": m.vanaf, "tot": m.tot} for m in gebruiker.mandaten.all()],
        ),
    )
    if gegeven(email):
        email = email.strip().lower()
        fouten += _email_fouten(email, zelf=gebruiker)
    if gegeven(naam) and not naam.strip():
        fouten.append(InvalidParam("naam", "required", "Vul een naam in."))
    eigen = {
        "rollen": gegeven(rollen) and sorted(set(rollen)) != sorted(gebruiker.rollen or []),
        "actief": gegeven(actief) and gebruiker.is_active and not actief,
        "mandaten": gegeven(mandaten) and _mandaten_gewijzigd(gebruiker, mandaten),
    }
    if reden := policies.zelfbeheer_fout(
        zichzelf=actor.gebruiker is not None and actor.gebruiker.pk == gebruiker.pk,
        rollen_gewijzigd=eigen["rollen"],
        gedeactiveerd=eigen["actief"],
        mandaten_gewijzigd=eigen["mandaten"],
    ):
        fouten += [InvalidParam(veld, "not_allowed", reden) for veld, ja in eigen.items() if ja]
    if fouten:
        raise DomainError("E_INVALID_INPUT", "De wijziging is ongeldig.", fouten)
    try:
        with transaction.atomic():
            g = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
            rollen_voor = list(g.rollen or [])
            velden: list[str] = []
            if gegeven(rollen) and sorted(g.rollen or []) != sorted(set(rollen)):
                g.rollen, velden = sorted(set(rollen)), [*velden, "rollen"]
            if gegeven(actief) and g.is_active != actief:
                g.is_active, velden = actief, [*velden, "is_active"]
            for veld, waarde in (
                ("naam", naam),
                ("email", email),
                ("functie", functie),
                ("telefoon", telefoon),
            ):
                if gegeven(waarde) and getattr(g, veld) != waarde:
                    setattr(g, veld, waarde)
                    velden.append(veld)
            if gegeven(registratie) and (g.registratie_register, g.registratie_nummer) != tuple(registratie):
                g.registratie_register, g.registratie_nummer = registratie
                velden.append("registratie")
            if gegeven(werkgever):
                werkgever = _werkgever(werkgever, g.organisatie)
                if g.werkgever_id != (werkgever.pk if werkgever else None):
                    g.werkgever, velden = werkgever, [*velden, "werkgever"]
            if gegeven(teams) and set(g.teams.all()) != set(teams):
                g.teams.set(teams)
                velden.append("teams")
            if gegeven(mandaten) and _zet_mandaten(actor, g, mandaten):
                velden.append("mandaten")
            if velden:
                g.save()
                audit.record(
                    actor=actor,
                    actie="configuratie.gewijzigd",
                    activiteit=ACTIVITEIT,
                    object=g,
                    velden=velden,
                    koppeling=(
                        policies.rollen_koppeling(oud=rollen_voor, nieuw=g.rollen)
                        if "rollen" in velden
                        else None
                    ),
                )
                if "rollen" in velden:
                    _meld_rollen_aan_fg(g, policies.fg_te_melden_rollen(oud=rollen_voor, nieuw=g.rollen))
    except IntegrityError as exc:
        raise _dubbel_email() from exc
    return g


ROLLEN_BERICHT = "rollen:"  # key prefix of the FG's role notices; the dashboard inbox lists them


def _meld_rollen_aan_fg(gebruiker, rollen: list[str]) -> None:
    """AC-05, AC-06: the FG of the user's controller hears at once, in the app's inbox and by e-mail (the
    outbox, in the change's own transaction), that roles seeing or supervising content were granted:
    which account and which roles, no content. Not an approval: a second pair of eyes after the fact."""
    if not rollen:
        return
    import uuid as uuidlib

    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.core import tenancy
    from zorgvuldig.organisaties.selectors import met_rol

    rol_namen = dict(Rol.choices)
    namen = ", ".join(str(rol_namen.get(r, r)) for r in rollen)
    onderwerp = f"Rol toegekend aan {gebruiker.naam} ({gebruiker.email}): {namen}"[:255]
    vv_id = gebruiker.organisatie.verwerkingsverantwoordelijke_id
    with tenancy.systeem():  # the FG may work at another organisation of the same controller (AC-15)
        fgs = met_rol(
            Gebruiker.objects.filter(organisatie__verwerkingsverantwoordelijke_id=vv_id).exclude(
                pk=gebruiker.pk
            ),
            "fg",
        )
    gebeurtenis = uuidlib.uuid4()
    for fg in fgs:
        plaats_email(
            aan=fg.email,
            onderwerp=onderwerp,
            tekst=(
                f"Beste {fg.naam},\n\nAan het account {gebruiker.naam} ({gebruiker.email}, "
                f"{gebruiker.organisatie.naam}) zijn rollen toegekend: {namen}.\n"
                "Kijk in het auditlog wie dit deed en of het klopt (AC-05, AC-06).\n"
            ),
            sleutel=f"{ROLLEN_BERICHT}{gebeurtenis}:{fg.uuid}",
            gebruiker=fg,
        )


def stuur_activatie(gebruiker) -> None:
    """E-mail the one-time activation link through the outbox, in the caller's transaction: sent iff
    the account change committed, delivered at least once. Never shown to the beheerder or logged; the
    outbox wipes the text once delivered."""
    import uuid as uuidlib

    from django.conf import settings

    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.organisaties.activatie import activatie_pad

    link = settings.BASE_URL.rstrip("/") + activatie_pad(gebruiker)
    plaats_email(
        aan=gebruiker.email,
        onderwerp="Activeer uw account voor zorgvuldig",
        tekst=(
            f"Beste {gebruiker.naam},\n\nEr is een account voor u aangemaakt. "
            "Activeer het binnen 72 uur via\n"
            f"{link}\n\nU kiest daar een wachtwoord en koppelt een authenticator-app.\n"
            "Heeft u dit niet verwacht? Neem dan contact op met uw beheerder."
        ),
        sleutel=f"activatie:{gebruiker.uuid}:{uuidlib.uuid4()}",  # every new link is a new message
        gebruiker=gebruiker,
    )


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def maak_team(*, actor, code: str, naam: str, organisatie):
    _mag_beheren(actor, organisatie)
    if Team.objects.filter(code=code).exists():
        raise DomainError(
            "E_INVALID_INPUT",
            "Deze teamcode bestaat al.",
            [InvalidParam("code", "unique", "Deze teamcode bestaat al.")],
        )
    try:
        with transaction.atomic():
            team = Team.objects.create(code=code, naam=naam, organisatie=organisatie)
            audit.record(
                actor=actor,
                actie="configuratie.gewijzigd",
                activiteit=ACTIVITEIT,
                object=team,
                velden=["code", "naam", "organisatie"],
            )
    except IntegrityError as exc:  # created by a concurrent request after the check above
        raise DomainError(
            "E_INVALID_INPUT",
            "Deze teamcode bestaat al.",
            [InvalidParam("code", "unique", "Deze teamcode bestaat al.")],
        ) from exc
    return team


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def wijzig_team(*, actor, team, naam: str):
    """A team's name. Its code (the natural key of import-config and dossiers) and organisation stay;
    its members are set per user (`teams`), so membership has one road."""
    _mag_beheren(actor, team.organisatie)
    if not naam.strip():
        raise DomainError(
            "E_INVALID_INPUT",
            "Een team heeft een naam.",
            [InvalidParam("naam", "required", "Vul een naam in.")],
        )
    with transaction.atomic():
        team = Team.objects.select_for_update().get(pk=team.pk)
        _wijzig(actor, team, {"naam": naam}, ["naam"])
    return team


def geactiveerd(gebruiker) -> None:
    """The user chose a password and linked an authenticator app through the activation link."""
    from zorgvuldig.core.context import Actor

    audit.record(
        actor=Actor.voor(gebruiker),
        actie="configuratie.gewijzigd",
        activiteit=ACTIVITEIT,
        object=gebruiker,
        velden=["password", "tweede_factor"],
    )


def nieuwe_activatielink(*, actor, gebruiker) -> None:
    """A new one-time link for an account that was never activated (the old one expired or got lost)."""
    from zorgvuldig.organisaties.selectors import is_geactiveerd

    if is_geactiveerd(gebruiker) or not gebruiker.is_active:
        raise DomainError("E_STATE_CONFLICT", "Dit account is al geactiveerd of niet actief.")
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit=ACTIVITEIT,
            object=gebruiker,
            velden=["activatielink"],
        )
        stuur_activatie(gebruiker)


TABEL_TOKEN = "organisaties_apitoken"


def webhook_url_fout(url: str) -> str | None:
    """A webhook goes to HTTPS; plain HTTP only to this machine outside production (tests, demo)."""
    from urllib.parse import urlparse

    from django.conf import settings

    deel = urlparse(url)
    if deel.scheme == "https" and deel.hostname:
        return None
    if (
        deel.scheme == "http"
        and deel.hostname in {"127.0.0.1", "localhost"}
        and settings.MODE != "production"
    ):
        return None
    return "Een webhook-adres begint met https:// (API §2.3)."


def zet_webhook(*, actor, token: ApiToken, url: str) -> str:
    """Give a partner credential a webhook for its match notices; returns the signing secret, once.
    Like scopes it is fixed for the token's life: to change it, revoke and issue again."""
    from zorgvuldig.core import crypto

    fout = webhook_url_fout(url)
    if fout:
        raise DomainError("E_INVALID_INPUT", fout, [InvalidParam("webhook.url", "invalid", fout)])
    geheim = "whsec_" + secrets.token_hex(32)
    vv = token.organisatie.verwerkingsverantwoordelijke
    with transaction.atomic():
        token.webhook_url = url
        token.webhook_geheim = crypto.encrypt(vv.pk, TABEL_TOKEN, "webhook_geheim", token.uuid, geheim)
        token.save(update_fields=["webhook_url", "webhook_geheim", "gewijzigd"])
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit=ACTIVITEIT,
            object=token,
            velden=["webhook_url", "webhook_geheim"],
            verwerkingsverantwoordelijke=str(vv.uuid),
        )
    return geheim


def webhook_geheim(token: ApiToken) -> str:
    from zorgvuldig.core import crypto

    return crypto.decrypt(
        token.organisatie.verwerkingsverantwoordelijke_id,
        TABEL_TOKEN,
        "webhook_geheim",
        token.uuid,
        token.webhook_geheim,
    )


# --- controllers, organisations, VI profiles (API §2.1, AC-15, VI-19, VI-23) ------------------------------
# The REST API and the admin call these; import-config applies the same policies in bulk as the system.
# A controller's and an organisation's settings are changed by a beheerder of that controller (AC-15):
# another controller's answers like a missing one. Profiles are regional configuration, like the `vi.*`
# settings; only criterion (l) is the FG's, with the controller's approved DPIA (VI-23).

CONFIGURATIE = "configuratie:beheren"
FG_SCOPE = "register:beheren"

ADRES_VELDEN = {"adres_straat": 200, "adres_huisnummer": 16, "adres_postcode": 7, "adres_plaats": 100}
# model field → API name, for the errors (the API's names, which the admin maps back to its fields)
ORGANISATIE_NAMEN = {
    "code": "code",
    "naam": "naam",
    "type": "type",
    "sectorwetten": "sectorwetten",
    "bestuursorgaan": "bestuursorgaan",
    "adres_straat": "adres.straat",
    "adres_huisnummer": "adres.huisnummer",
    "adres_postcode": "adres.postcode",
    "adres_plaats": "adres.plaats",
    "g5_participatiewet": "sharing.g5Participatiewet",
    "profiel": "profiel",
    "verwerkingsverantwoordelijke": "verwerkingsverantwoordelijke",
}
PROFIEL_NAMEN = {
    "code": "code",
    "naam": "naam",
    "meldrecht_bepaling": "meldrecht",
    "extra_criteria": "extraCriteria",
    "vi_seek_agreement": "vi.seekAgreement",
    "vi_criterion_l": "vi.criterionL",
    "vi_max_age": "vi.maxAge",
    "vi_term_months": "vi.termMonths",
    "vi_extension_months": "vi.extensionMonths",
    "wgbo": "wgbo",
    "toepasselijk_recht": "toepasselijkRecht",
    "toestemming_en_informatieplicht": "toestemmingEnInformatieplicht",
    "vi_criterion_l_dpia": "criterionLDpia",
}


def _ongeldig(fouten: list[InvalidParam], detail: str = "De gegevens zijn ongeldig.") -> DomainError:
    return DomainError("E_INVALID_INPUT", detail, fouten)


def is_fg(actor) -> bool:
    """The FG acting as such (role and scope): what only she may switch on (VI-22, VI-23)."""
    return not actor.is_systeem and "fg" in actor.rollen and actor.heeft(FG_SCOPE)


@contextlib.contextmanager
def _benoemd(obj):
    """A refusal about a record the caller may see names it in the audit entry (AU-02, AU-04)."""
    try:
        yield
    except DomainError as fout:
        if getattr(fout, "audit_object", None) is None:
            fout.audit_object = obj  # type: ignore[attr-defined]
        raise


def _zet(obj, data: dict, velden: list[str]) -> list[str]:
    """Set the given model fields on `obj`; the names of those that changed."""
    gewijzigd = []
    for veld in velden:
        if veld in data and getattr(obj, veld) != data[veld]:
            setattr(obj, veld, data[veld])
            gewijzigd.append(veld)
    return gewijzigd


def _wijzig(actor, obj, data: dict, velden: list[str], **extra) -> None:
    """Set, save and audit what changed (AU-02); nothing when nothing changed. In the caller's transaction."""
    gewijzigd = _zet(obj, data, velden)
    if gewijzigd:
        obj.save()
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit=ACTIVITEIT,
            object=obj,
            velden=gewijzigd,
            **extra,
        )


def _vrije_code(model, naam: str, standaard: str) -> str:
    from django.utils.text import slugify

    basis = (slugify(naam) or standaard)[:56]
    code, n = basis, 1
    while model.objects.filter(code=code).exists():
        n += 1
        code = f"{basis}-{n}"
    return code


def _tekstlijst_fout(waarde, max_lengte: int) -> str | None:
    if not isinstance(waarde, list) or not all(isinstance(t, str) for t in waarde):
        return "Verwacht een lijst van teksten."
    if any(not t.strip() or len(t) > max_lengte for t in waarde):
        return f"Elke waarde is tekst van 1 tot {max_lengte} tekens."
    return None


# -- controllers --

ORGANISATIE_BEHEREN = "organisatie:beheren"
VV_VELDEN = ["naam", "fg_naam", "fg_email", "fg_telefoon"]
BEZWAAR_VELDEN = ("bezwaar_adres", "bezwaar_email")  # where clients lodge bezwaar (RI-16)
VV_LENGTES = {"code": 64, "naam": 200, "fg_naam": 200, "fg_email": 254, "fg_telefoon": 32}
# model field → API name, for the errors (the admin maps them back to its fields)
VV_NAMEN = {
    "code": "code",
    "naam": "naam",
    "fg_naam": "fg.naam",
    "fg_email": "fg.email",
    "fg_telefoon": "fg.telefoon",
}


def _bewaar_nieuw(rij, bezet: str) -> None:
    """Save a new controller or organisation; the same code created at the same moment is refused as a
    taken code (`bezet`), not a 500."""
    try:
        with transaction.atomic():
            rij.save()
    except IntegrityError as exc:
        raise _ongeldig([InvalidParam("code", "unique", bezet)]) from exc


def _schoon_vv(data: dict) -> dict:
    schoon = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    if schoon.get("fg_email"):
        schoon["fg_email"] = schoon["fg_email"].lower()
    return schoon


def controleer_verwerkingsverantwoordelijke(*, actor, data: dict) -> None:
    """Every reason a new controller (`code`, `naam`, `fg_naam`, `fg_email`, `fg_telefoon`) may not be
    recorded, raised as one DomainError; the admin form calls this too, before saving."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email, validate_slug

    from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke

    if not (actor.is_systeem or actor.heeft(ORGANISATIE_BEHEREN)):
        raise DomainError(
            "E_AC_NOT_AUTHORISED", "Alleen de beheerder legt een nieuwe verwerkingsverantwoordelijke vast."
        )
    data = _schoon_vv(data)
    fouten = [
        InvalidParam(naam, "required", reden)
        for naam, reden in policies.controller_fouten(
            naam=data.get("naam") or "",
            fg_naam=data.get("fg_naam") or "",
            fg_email=data.get("fg_email") or "",
        ).items()
    ]
    for veld, lengte in VV_LENGTES.items():
        if len(data.get(veld) or "") > lengte:
            fouten.append(InvalidParam(VV_NAMEN[veld], "invalid", f"Ten hoogste {lengte} tekens."))
    if data.get("fg_email"):
        try:
            validate_email(data["fg_email"])
        except ValidationError:
            fouten.append(InvalidParam("fg.email", "invalid", "Geen geldig e-mailadres."))
    if code := data.get("code"):
        try:
            validate_slug(code)
        except ValidationError:
            fouten.append(
                InvalidParam("code", "invalid", "Alleen letters, cijfers, streepjes en liggende streepjes.")
            )
        else:
            if Verwerkingsverantwoordelijke.objects.filter(code=code).exists():
                fouten.append(
                    InvalidParam("code", "unique", "Er is al een verwerkingsverantwoordelijke met deze code.")
                )
    if fouten:
        raise _ongeldig(fouten, "De verwerkingsverantwoordelijke kan zo niet worden vastgelegd.")


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def maak_verwerkingsverantwoordelijke(*, actor, data: dict):
    """AC-15, API §2.1: a new controller joins the region — a municipal executive or a partner's board —
    recorded by the beheerder (`organisatie:beheren`) with its FG. It is organisational data, no content
    (AC-06): the record gives its maker nothing of the new controller, whose organisations, users, register
    and accession follow through import-config (AC-15: a beheerder manages only his own controller). `code`
    is derived from the name when absent. A demo installation's new controller is fictional like the rest,
    so import-config's demo guard keeps holding (API §3.1). The entry goes to the log of the maker's
    controller, whose FG supervises him; the system's names the new controller."""
    from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke

    data = _schoon_vv(data)
    controleer_verwerkingsverantwoordelijke(actor=actor, data=data)
    code = data.get("code") or _vrije_code(
        Verwerkingsverantwoordelijke, data["naam"], "verwerkingsverantwoordelijke"
    )
    with transaction.atomic():
        vv = Verwerkingsverantwoordelijke(
            code=code, demo=Verwerkingsverantwoordelijke.objects.filter(demo=True).exists()
        )
        velden = _zet(vv, data, [*VV_VELDEN, *BEZWAAR_VELDEN])
        _bewaar_nieuw(vv, "Er is al een verwerkingsverantwoordelijke met deze code.")
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit=ACTIVITEIT,
            object=vv,
            velden=["code", *velden],
            verwerkingsverantwoordelijke=str(vv.uuid),
        )
    return vv


def wijziging_fouten(vv, data: dict) -> list[InvalidParam]:
    """The controller as `data` would leave it: a change may not empty its name nor leave it without an FG
    (AC-15). The admin's change form asks this too, before saving."""
    fouten = policies.controller_fouten(
        **{veld: data.get(veld, getattr(vv, veld)) or "" for veld in ("naam", "fg_naam", "fg_email")}
    )
    return [InvalidParam(naam, "required", reden) for naam, reden in fouten.items()]


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def wijzig_verwerkingsverantwoordelijke(*, actor, uuid, data: dict):
    """AC-15: a controller's name, FG contact (`naam`, `fg_naam`, `fg_email`, `fg_telefoon`) and where
    clients lodge bezwaar (`bezwaar_adres`, `bezwaar_email`; RI-16), by a beheerder of that controller."""
    from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke

    with transaction.atomic():
        vv = Verwerkingsverantwoordelijke.objects.select_for_update().filter(uuid=uuid).first()
        if vv is None or not eigen_verwerkingsverantwoordelijke(actor, vv.pk):
            raise NotFound()
        data = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
        if fouten := wijziging_fouten(vv, data):
            with _benoemd(vv):
                raise _ongeldig(fouten)
        for veld in ("fg_email", "bezwaar_email"):
            if data.get(veld):
                data[veld] = data[veld].lower()
        _wijzig(actor, vv, data, ["naam", "fg_naam", "fg_email", "fg_telefoon", *BEZWAAR_VELDEN])
    return vv


# -- organisations --


def criterion_l_verwerkingsverantwoordelijke(profiel) -> int | None:
    """VI-23: the controller whose approved DPIA criterion (l) of this profile rests on (None: none)."""
    if not profiel.vi_criterion_l_dpia:
        return None
    from zorgvuldig.registers.models import Dpia

    return (
        Dpia.objects.filter(uuid=profiel.vi_criterion_l_dpia)
        .values_list("verwerkingsverantwoordelijke_id", flat=True)
        .first()
    )


def _criterion_l_toewijzing(profiel, vv_id: int) -> DomainError | None:
    """VI-23: a profile with criterion (l) on serves only the organisations of the controller whose DPIA
    allowed it."""
    if profiel is None or not profiel.vi_criterion_l:
        return None
    if policies.criterion_l_controller_weigering(
        dpia_verwerkingsverantwoordelijke=criterion_l_verwerkingsverantwoordelijke(profiel),
        organisatie_verwerkingsverantwoordelijken={vv_id},
    ):
        reden = (
            "Dit profiel heeft criterium (l) aan op grond van de DPIA van een andere "
            "verwerkingsverantwoordelijke; kies een ander profiel (VI-23)."
        )
        return DomainError(
            "E_VI_CRITERION_DISABLED", reden, [InvalidParam("profiel", "E_VI_CRITERION_DISABLED", reden)]
        )
    return None


def controleer_organisatie(*, actor, organisatie, data: dict) -> None:
    """Every reason `data` (model fields) may not be stored on `organisatie` (None: a new one), raised as
    one DomainError; the admin form calls this too, before saving."""
    from zorgvuldig.organisaties.models import Organisatie, OrganisatieType

    fouten: list[InvalidParam] = []
    vv = data.get("verwerkingsverantwoordelijke") if organisatie is None else None
    vv_id = vv.pk if vv is not None else organisatie.verwerkingsverantwoordelijke_id if organisatie else None
    if organisatie is None:
        if vv is None:
            fouten.append(
                InvalidParam(
                    "verwerkingsverantwoordelijke", "required", "Kies de verwerkingsverantwoordelijke."
                )
            )
        elif not eigen_verwerkingsverantwoordelijke(actor, vv.pk):
            raise DomainError(
                "E_AC_NOT_AUTHORISED",
                "U maakt alleen organisaties aan van uw eigen verwerkingsverantwoordelijke (AC-15).",
                [
                    InvalidParam(
                        "verwerkingsverantwoordelijke", "not_allowed", "Niet uw verwerkingsverantwoordelijke."
                    )
                ],
            )
        code = data.get("code")
        if code and Organisatie.objects.filter(code=code).exists():
            fouten.append(InvalidParam("code", "unique", "Er is al een organisatie met deze code."))
        for veld in ("naam", "type"):
            if not (data.get(veld) or "").strip():
                fouten.append(InvalidParam(veld, "required", "Een waarde is verplicht."))
    elif "naam" in data and not (data["naam"] or "").strip():
        fouten.append(InvalidParam("naam", "required", "Geef de organisatie een naam."))
    if data.get("type") and data["type"] not in OrganisatieType.values:
        fouten.append(InvalidParam("type", "invalid", f"Kies uit {', '.join(OrganisatieType.values)}."))
    if "sectorwetten" in data and (reden := _tekstlijst_fout(data["sectorwetten"], 100)):
        fouten.append(InvalidParam("sectorwetten", "invalid", reden))
    for veld, lengte in ADRES_VELDEN.items():
        if len(data.get(veld) or "") > lengte:
            fouten.append(InvalidParam(ORGANISATIE_NAMEN[veld], "invalid", f"Ten hoogste {lengte} tekens."))
    if fouten:
        raise _ongeldig(fouten, "De organisatie kan zo niet worden opgeslagen.")
    if "profiel" in data and vv_id is not None and (fout := _criterion_l_toewijzing(data["profiel"], vv_id)):
        raise fout


ORGANISATIE_VELDEN = [
    "naam",
    "type",
    "sectorwetten",
    "bestuursorgaan",
    *ADRES_VELDEN,
    "g5_participatiewet",
    "profiel",
]


def _schoon_organisatie(data: dict) -> dict:
    schoon = dict(data)
    for veld in ("naam", *ADRES_VELDEN):
        if veld in schoon:
            schoon[veld] = (schoon[veld] or "").strip()
    return schoon


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def maak_organisatie(*, actor, data: dict):
    """An organisation of the caller's own controller (AC-15). `code` is derived from the name when
    absent; options left out take the narrowest value (GP-06): no G5 to the Participatiewet (SH-20), no
    profile — so no signalling (VI-05) —, no bestuursorgaan."""

    from zorgvuldig.organisaties.models import Organisatie

    data = _schoon_organisatie(data)
    controleer_organisatie(actor=actor, organisatie=None, data=data)
    vv = data["verwerkingsverantwoordelijke"]
    code = data.get("code") or _vrije_code(Organisatie, data["naam"], "organisatie")
    org = Organisatie(code=code, verwerkingsverantwoordelijke=vv)
    velden = _zet(org, data, ORGANISATIE_VELDEN)
    with transaction.atomic():
        _bewaar_nieuw(org, "Er is al een organisatie met deze code.")
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit=ACTIVITEIT,
            object=org,
            velden=["code", "verwerkingsverantwoordelijke", *velden],
            verwerkingsverantwoordelijke=str(vv.uuid),
        )
    return org


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def wijzig_organisatie(*, actor, uuid, data: dict):
    """An organisation's settings, by a beheerder of its controller (AC-15); `code` and the controller
    stay as created."""
    from zorgvuldig.organisaties.models import Organisatie

    data = _schoon_organisatie({k: v for k, v in data.items() if k in ORGANISATIE_VELDEN})
    with transaction.atomic():
        org = (
            # `of=("self",)`: profiel is nullable, and PostgreSQL locks no outer-joined side
            Organisatie.objects.select_for_update(of=("self",))
            .select_related("verwerkingsverantwoordelijke", "profiel")
            .filter(uuid=uuid)
            .first()
        )
        if org is None or not eigen_verwerkingsverantwoordelijke(actor, org.verwerkingsverantwoordelijke_id):
            raise NotFound()
        if "profiel" in data and data["profiel"] == org.profiel:
            del data["profiel"]  # unchanged: keeps working even if its criterion (l) came later
        with _benoemd(org):
            controleer_organisatie(actor=actor, organisatie=org, data=data)
        _wijzig(
            actor,
            org,
            data,
            ORGANISATIE_VELDEN,
            verwerkingsverantwoordelijke=str(org.verwerkingsverantwoordelijke.uuid),
        )
    return org


# -- VI profiles (VI-19, VI-23) --

PROFIEL_VELDEN = [
    "naam",
    "meldrecht_bepaling",
    "extra_criteria",
    "vi_seek_agreement",
    "vi_criterion_l",
    "vi_max_age",
    "vi_term_months",
    "vi_extension_months",
    "wgbo",
    "toepasselijk_recht",
    "toestemming_en_informatieplicht",
    "vi_criterion_l_dpia",
]
CRITERION_L_VELDEN = frozenset({"vi_criterion_l", "vi_criterion_l_dpia"})


def _profiel_fouten(data: dict, nieuw: bool) -> list[InvalidParam]:
    fouten: list[InvalidParam] = []
    if (nieuw or "naam" in data) and not (data.get("naam") or "").strip():
        fouten.append(InvalidParam("naam", "required", "Geef het profiel een naam."))
    if len(data.get("meldrecht_bepaling") or "") > 200:
        fouten.append(InvalidParam("meldrecht.bepaling", "invalid", "Ten hoogste 200 tekens."))
    for sleutel, reden in policies.profiel_vi_fouten(
        max_age=data.get("vi_max_age"),
        term_months=data.get("vi_term_months"),
        extension_months=data.get("vi_extension_months"),
    ).items():
        fouten.append(InvalidParam(f"vi.{sleutel}", "invalid", reden))
    for i, reden in policies.extra_criteria_fouten(data.get("extra_criteria") or []).items():
        fouten.append(InvalidParam(f"extraCriteria.{i}", "invalid", reden))
    if "toepasselijk_recht" in data and (lijstfout := _tekstlijst_fout(data["toepasselijk_recht"], 200)):
        fouten.append(InvalidParam("toepasselijkRecht", "invalid", lijstfout))
    if len(data.get("toestemming_en_informatieplicht") or "") > 2000:
        fouten.append(InvalidParam("toestemmingEnInformatieplicht", "invalid", "Ten hoogste 2000 tekens."))
    return fouten


def _criterion_l(actor, profiel, data: dict) -> None:
    """VI-23: switching criterion (l) on (or onto another DPIA) needs the FG, an approved DPIA of the FG's
    own controller for the verwijsindex, and no organisation of another controller on the profile. Off is
    always allowed (GP-06) and forgets the DPIA."""
    from zorgvuldig.registers.models import Dpia
    from zorgvuldig.registers.policies import CRITERIUM_L_ACTIVITEIT
    from zorgvuldig.registers.selectors import eigen_dpia

    aan = data.get("vi_criterion_l", profiel.vi_criterion_l if profiel else False)
    dpia_uuid = data.get("vi_criterion_l_dpia")
    if not aan:
        if dpia_uuid is not None:
            raise _ongeldig(
                [
                    InvalidParam(
                        "criterionLDpia", "not_allowed", "Een DPIA hoort alleen bij criterium (l) aan."
                    )
                ]
            )
        data["vi_criterion_l_dpia"] = None
        return
    opnieuw = "vi_criterion_l_dpia" in data and dpia_uuid != (
        profiel.vi_criterion_l_dpia if profiel else None
    )
    if profiel is not None and profiel.vi_criterion_l and not opnieuw:
        data.pop("vi_criterion_l_dpia", None)
        return  # on already, with its DPIA: nothing to decide
    door_fg = is_fg(actor)
    dpia = None
    if door_fg and dpia_uuid is not None:
        dpia = eigen_dpia(actor, dpia_uuid)
        if dpia is None:
            raise _ongeldig(
                [
                    InvalidParam(
                        "criterionLDpia", "invalid", "Onbekende DPIA van uw verwerkingsverantwoordelijke."
                    )
                ]
            )
    goedgekeurd = (
        dpia is not None
        and dpia.status == Dpia.Status.GOEDGEKEURD
        and dpia.verwerkingsactiviteit.code == CRITERIUM_L_ACTIVITEIT
    )
    if policies.criterion_l_weigering(aan=True, dpia_goedgekeurd=goedgekeurd, door_fg=door_fg):
        reden = (
            "Criterium (l) staat uit; alleen de FG zet het aan, met een goedgekeurde DPIA (VI-23)."
            if not door_fg
            else "Criterium (l) gaat alleen aan met de goedgekeurde DPIA van de verwijsindex in "
            "criterionLDpia (VI-23)."
        )
        raise DomainError(
            "E_VI_CRITERION_DISABLED",
            reden,
            [
                InvalidParam(
                    "vi.criterionL", "E_VI_CRITERION_DISABLED", "Niet zonder de FG en een goedgekeurde DPIA."
                )
            ],
        )
    gebruikers = (
        set(profiel.organisaties.values_list("verwerkingsverantwoordelijke_id", flat=True))
        if profiel
        else set()
    )
    if policies.criterion_l_controller_weigering(
        dpia_verwerkingsverantwoordelijke=actor.verwerkingsverantwoordelijke_id,
        organisatie_verwerkingsverantwoordelijken=gebruikers,
    ):
        raise DomainError(
            "E_VI_CRITERION_DISABLED",
            "Dit profiel geldt ook voor organisaties van een andere verwerkingsverantwoordelijke; hun DPIA "
            "dekt criterium (l) niet (VI-23).",
            [InvalidParam("vi.criterionL", "E_VI_CRITERION_DISABLED", "Het profiel is gedeeld.")],
        )
    assert dpia is not None
    data["vi_criterion_l_dpia"] = dpia.uuid


def _mag_profiel(actor, profiel, data: dict) -> None:
    """API §2.1: profiles are the beheerder's (`configuratie:beheren`); the FG changes criterion (l) only.
    Either only for a profile that no other controller's organisation uses (AC-15): a shared regional
    profile changes through `import-config`, or one controller could switch another's signalling off."""
    if actor.is_systeem:
        return
    if (
        profiel is not None
        and profiel.organisaties.exclude(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id
        ).exists()
    ):
        raise DomainError(
            "E_AC_NOT_AUTHORISED",
            "Dit profiel geldt ook voor organisaties van een andere verwerkingsverantwoordelijke; het wordt "
            "gewijzigd via de regionale inrichting (import-config).",
        )
    if actor.heeft(CONFIGURATIE):
        return
    anders = sorted(
        veld
        for veld in set(data) - CRITERION_L_VELDEN
        if profiel is None or getattr(profiel, veld) != data[veld]
    )
    if anders:
        raise DomainError(
            "E_AC_NOT_AUTHORISED",
            "De FG wijzigt van een profiel alleen criterium (l) (VI-23); de rest is aan de beheerder.",
            [
                InvalidParam(PROFIEL_NAMEN.get(veld, veld), "not_allowed", "Niet voor de FG.")
                for veld in anders
            ],
        )


def _schoon_profiel(data: dict) -> dict:
    schoon = {k: v for k, v in data.items() if k in PROFIEL_VELDEN or k == "code"}
    for veld in ("naam", "meldrecht_bepaling", "toestemming_en_informatieplicht"):
        if veld in schoon:
            schoon[veld] = (schoon[veld] or "").strip()
    if schoon.get("extra_criteria") is not None:
        schoon["extra_criteria"] = [
            {"code": (c.get("code") or "").strip(), "omschrijving": (c.get("omschrijving") or "").strip()}
            for c in schoon["extra_criteria"]
        ]
    return schoon


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def maak_profiel(*, actor, data: dict):
    """VI-19: a new profile; what is left out takes the SPEC's defaults (§0.2): agreement sought, (l) off,
    under 23, 6 + 6 months. Without `meldrecht` its organisations may not signal (VI-05)."""
    from django.db import IntegrityError

    from zorgvuldig.organisaties.models import Profiel

    data = _schoon_profiel(data)
    fouten = _profiel_fouten(data, nieuw=True)
    if data.get("code") and Profiel.objects.filter(code=data["code"]).exists():
        fouten.append(InvalidParam("code", "unique", "Er is al een profiel met deze code."))
    if fouten:
        raise _ongeldig(fouten, "Het profiel kan zo niet worden opgeslagen.")
    _mag_profiel(actor, None, data)
    _criterion_l(actor, None, data)
    profiel = Profiel(code=data.get("code") or _vrije_code(Profiel, data["naam"], "profiel"))
    velden = _zet(profiel, data, PROFIEL_VELDEN)
    with transaction.atomic():
        try:
            with transaction.atomic():
                profiel.save()
        except IntegrityError as exc:
            raise _ongeldig([InvalidParam("code", "unique", "Er is al een profiel met deze code.")]) from exc
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit=ACTIVITEIT,
            object=profiel,
            velden=["code", *velden],
        )
    return profiel


@audit.geweigerd_gelogd("configuratie.gewijzigd", ACTIVITEIT)
def wijzig_profiel(*, actor, uuid, data: dict):
    """VI-19, VI-23: change a profile (JSON merge patch semantics: only the given fields). VI-07 and VI-08
    have no field, so they cannot be switched off."""
    from zorgvuldig.organisaties.models import Profiel

    data = _schoon_profiel({k: v for k, v in data.items() if k != "code"})
    with transaction.atomic():
        profiel = Profiel.objects.select_for_update().filter(uuid=uuid).first()
        if profiel is None:
            raise NotFound()
        with _benoemd(profiel):
            _mag_profiel(actor, profiel, data)
            if fouten := _profiel_fouten(data, nieuw=False):
                raise _ongeldig(fouten, "Het profiel kan zo niet worden opgeslagen.")
            _criterion_l(actor, profiel, data)
        _wijzig(actor, profiel, data, PROFIEL_VELDEN)
    return profiel
