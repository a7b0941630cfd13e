"""Writes on organisations and users."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.organisaties import policies
from zorgvuldig.organisaties.models import ApiToken, Gebruiker, Rol, Team


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


def _gebruiker_fouten(*, rollen, teams, organisatie) -> list[InvalidParam]:
    fouten = []
    if not set(rollen) <= ROLLEN:
        fouten.append(InvalidParam("rollen", "invalid", "Kies een of meer bestaande rollen."))
    elif reden := policies.rollen_fout(rollen):
        fouten.append(InvalidParam("rollen", "invalid", reden))
    if any(t.organisatie_id != organisatie.pk for t in teams):
        fouten.append(InvalidParam("teams", "invalid", "Een team hoort bij de organisatie van de gebruiker."))
    return fouten


def maak_gebruiker(
    *, actor, email: str, naam: str, organisatie, functie: str = "", rollen, teams=(), werkgever=None
):
    """A new staff account without password: the user activates it through a one-time link sent by
    e-mail (72 h), sets a password and enrols the second factor. No grants (AC-05)."""
    email = email.strip().lower()
    fouten = _gebruiker_fouten(rollen=rollen, teams=teams, organisatie=organisatie)
    if Gebruiker.objects.filter(email=email).exists():
        fouten.append(InvalidParam("email", "unique", "Er is al een gebruiker met dit e-mailadres."))
    if fouten:
        raise DomainError("E_INVALID_INPUT", "De gebruiker kan zo niet worden aangemaakt.", fouten)
    with transaction.atomic():
        g = Gebruiker.objects.create_user(
            email=email,
            naam=naam,
            organisatie=organisatie,
            functie=functie,
            rollen=sorted(set(rollen)),
            werkgever=_werkgever(werkgever, organisatie),
        )
        g.teams.set(teams)
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit="beheer-platform",
            object=g,
            velden=["email", "naam", "organisatie", "functie", "rollen", "teams", "werkgever"],
        )
        stuur_activatie(g)
    return g


def _werkgever(werkgever, organisatie):
    """AC-12: None when the user is employed by the organisation it acts for (import-config does the same)."""
    return None if werkgever is None or werkgever.pk == organisatie.pk else werkgever


_ONGEWIJZIGD = object()


def wijzig_gebruiker(*, actor, gebruiker, rollen, teams, actief: bool, functie: str, werkgever=_ONGEWIJZIGD):
    fouten = _gebruiker_fouten(rollen=rollen, teams=teams, organisatie=gebruiker.organisatie)
    if reden := policies.zelfbeheer_fout(
        zichzelf=actor.gebruiker is not None and actor.gebruiker.pk == gebruiker.pk,
        rollen_gewijzigd=sorted(set(rollen)) != sorted(gebruiker.rollen or []),
        gedeactiveerd=gebruiker.is_active and not actief,
    ):
        fouten.append(InvalidParam("rollen", "not_allowed", reden))
    if fouten:
        raise DomainError("E_INVALID_INPUT", "De wijziging is ongeldig.", fouten)
    with transaction.atomic():
        g = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
        velden: list[str] = []
        if sorted(g.rollen or []) != sorted(set(rollen)):
            g.rollen, velden = sorted(set(rollen)), [*velden, "rollen"]
        if g.is_active != actief:
            g.is_active, velden = actief, [*velden, "is_active"]
        if g.functie != functie:
            g.functie, velden = functie, [*velden, "functie"]
        if werkgever is not _ONGEWIJZIGD:
            werkgever = _werkgever(werkgever, g.organisatie)
            if g.werkgever_id != (werkgever.pk if werkgever else None):
                g.werkgever, velden = werkgever, [*velden, "werkgever"]
        if set(g.teams.all()) != set(teams):
            g.teams.set(teams)
            velden.append("teams")
        if velden:
            g.save()
            audit.record(
                actor=actor,
                actie="configuratie.gewijzigd",
                activiteit="beheer-platform",
                object=g,
                velden=velden,
            )
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
    if Team.objects.filter(code=code).exists():
        raise DomainError(
            "E_INVALID_INPUT",
            "Deze teamcode bestaat al.",
            [InvalidParam("code", "unique", "Deze teamcode bestaat al.")],
        )
    with transaction.atomic():
        team = Team.objects.create(code=code, naam=naam, organisatie=organisatie)
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit="beheer-platform",
            object=team,
            velden=["code", "naam", "organisatie"],
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
