"""Writes on organisations and users."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import IntegrityError, transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.organisaties import policies
from zorgvuldig.organisaties.models import ApiToken, Gebruiker, Mandaat, Rol, Team


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
            activiteit="beheer-platform",
            object=g,
            velden=["geheimhoudingsverklaring_op"],
        )


def token_hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


def maak_token(*, actor, organisatie, naam: str, scopes: list[str], geldig_tot) -> tuple[ApiToken, str]:
    """Issue a partner credential; the secret is returned once and only its hash is stored."""
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
            activiteit="beheer-platform",
            object=token,
            velden=["naam", "scopes", "geldig_tot"],
            verwerkingsverantwoordelijke=str(organisatie.verwerkingsverantwoordelijke.uuid),
        )
    return token, sleutel


def trek_token_in(*, actor, token: ApiToken) -> ApiToken:
    """Revoke at once; revoking twice changes nothing."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.ingetrokken_op is None:
            token.ingetrokken_op = now()
            token.save(update_fields=["ingetrokken_op", "gewijzigd"])
            audit.record(
                actor=actor,
                actie="configuratie.gewijzigd",
                activiteit="beheer-platform",
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
    teams are managed with `gebruiker:beheren`, within the own organisation; the beheerder: all (API §2.1)."""
    if actor.is_systeem:
        return
    if BEHEREN not in actor.scopes or not policies.beheert_organisatie(
        rollen=actor.rollen, eigen_organisatie_id=actor.organisatie.pk, organisatie_id=organisatie.pk
    ):
        raise DomainError("E_AC_NOT_AUTHORISED", "U beheert geen gebruikers of teams van deze organisatie.")


def _gebruiker_fouten(
    *, rollen=None, teams=None, organisatie, registratie=None, mandaten=None, bestaande_mandaten=frozenset()
) -> list[InvalidParam]:
    """What is wrong with the given values (None: not given, not checked)."""
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
            actor=actor, actie="configuratie.gewijzigd", activiteit="beheer-platform", object=m, velden=velden
        )
        gewijzigd = True
    return gewijzigd


def _mandaat_waarde(item, veld):
    return item.get("tot") if veld == "tot" else item.get("besluit") or ""


def _mandaten_gewijzigd(gebruiker, mandaten) -> bool:
    nu = {(m.soort, m.vanaf, m.tot, m.besluit) for m in gebruiker.mandaten.all()}
    nieuw = {(m["soort"], m["vanaf"], m.get("tot"), m.get("besluit") or "") for m in mandaten}
    return nu != nieuw


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
                activiteit="beheer-platform",
                object=g,
                velden=velden,
            )
            stuur_activatie(g)
    except IntegrityError as exc:
        raise _dubbel_email() from exc
    return g


def _werkgever(werkgever, organisatie):
    """AC-12: None when the user is employed by the organisation it acts for (import-config does the same)."""
    return None if werkgever is None or werkgever.pk == organisatie.pk else werkgever


_ONGEWIJZIGD: Any = object()


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
                    activiteit="beheer-platform",
                    object=g,
                    velden=velden,
                )
    except IntegrityError as exc:
        raise _dubbel_email() from exc
    return g


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
                activiteit="beheer-platform",
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
        if team.naam != naam:
            team.naam = naam
            team.save(update_fields=["naam", "gewijzigd"])
            audit.record(
                actor=actor,
                actie="configuratie.gewijzigd",
                activiteit="beheer-platform",
                object=team,
                velden=["naam"],
            )
    return team


def geactiveerd(gebruiker) -> None:
    """The user chose a password and linked an authenticator app through the activation link."""
    from zorgvuldig.core.context import Actor

    audit.record(
        actor=Actor.voor(gebruiker),
        actie="configuratie.gewijzigd",
        activiteit="beheer-platform",
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
            activiteit="beheer-platform",
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
            activiteit="beheer-platform",
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
