"""Writes on organisations and users."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.organisaties import policies
from zorgvuldig.organisaties.models import ApiToken


def aanvaard_verklaring(*, actor, versie: str) -> None:
    """AC-07: the confidentiality undertaking, accepted before first access to personal data."""
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
    if ApiToken.objects.filter(organisatie=organisatie, naam=naam).exists():
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
