"""Partner systems: `Authorization: Token <40 hex>` plus `Namens-Gebruiker` (API §1.4, AC-08)."""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuidlib

import structlog
from rest_framework import authentication, exceptions

from zorgvuldig.core.clock import now, today
from zorgvuldig.organisaties import policies
from zorgvuldig.organisaties.models import ApiToken, Gebruiker
from zorgvuldig.organisaties.services import token_hash

log = structlog.get_logger("zorgvuldig.api")
SLEUTEL = re.compile(r"[0-9a-f]{40}")
GEBRUIK_BIJWERKEN = dt.timedelta(minutes=1)  # `laatstGebruikt` is coarse: no write per call


class PartnerSysteem:
    """The caller of a token call that names no professional: it may only list its own users."""

    is_authenticated = True
    is_active = True
    rollen: list[str] = []

    def __init__(self, token: ApiToken):
        self.token = token
        self.organisatie = token.organisatie


class TokenAuthenticatie(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Token "):
            return None
        sleutel = header.removeprefix("Token ").strip()
        token = None
        if SLEUTEL.fullmatch(sleutel):
            token = (
                ApiToken.objects.select_related("organisatie__verwerkingsverantwoordelijke")
                .filter(sleutel_hash=token_hash(sleutel))
                .first()
            )
        if (
            token is None
            or policies.token_status(
                ingetrokken=token.ingetrokken_op is not None, geldig_tot=token.geldig_tot, vandaag=today()
            )
            != "actief"
        ):
            log.info("api_token_geweigerd", token=str(token.uuid) if token else None)
            raise exceptions.AuthenticationFailed("API-sleutel is onbekend, ingetrokken of verlopen.")
        moment = now()
        if token.laatst_gebruikt is None or moment - token.laatst_gebruikt > GEBRUIK_BIJWERKEN:
            ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt=moment)
        namens = request.headers.get("Namens-Gebruiker")
        if namens is None:
            return PartnerSysteem(token), token
        return self._professional(request, token, namens), token

    @staticmethod
    def _professional(request, token: ApiToken, namens: str) -> Gebruiker:
        from zorgvuldig.api.permissions import Geweigerd

        try:
            key = uuidlib.UUID(namens.strip())
        except ValueError:
            key = None
        gebruiker = (
            Gebruiker.objects.select_related("organisatie__verwerkingsverantwoordelijke")
            .prefetch_related("mandaten")
            .filter(uuid=key)
            .first()
            if key
            else None
        )
        zelfde_organisatie = bool(gebruiker and gebruiker.organisatie_id == token.organisatie_id)
        # Only the token's own organisation's users are judged further: another organisation's
        # mandates are none of this caller's business (and the answer is the same anyway).
        eigen = gebruiker if zelfde_organisatie else None
        code = policies.namens_weigering(
            gevonden=gebruiker is not None,
            actief=bool(gebruiker and gebruiker.is_active),
            zelfde_organisatie=zelfde_organisatie,
            heeft_verklaring=bool(eigen and eigen.geheimhoudingsverklaring_op),
            token_scopes=frozenset(token.scopes),
            rollen=frozenset(eigen.rollen or []) if eigen else frozenset(),
            mandaten=frozenset(eigen.actieve_mandaten(today())) if eigen else frozenset(),
        )
        if code is None:
            assert gebruiker is not None
            return gebruiker
        # Refused before any view runs, so before any record is read; audited here because no
        # professional is authenticated for the view's own refusal log (AU-04).
        log.info("api_namens_geweigerd", token=str(token.uuid), code=code)
        _log_weigering(request, token, code, key)
        if code == "E_AC_NOT_MANDATED":
            raise Geweigerd(
                code,
                "Namens-Gebruiker moet een actieve, voor de verwijsindex gemandateerde medewerker van de "
                "organisatie van de sleutel zijn (AC-08).",
            )
        raise Geweigerd(code, "Deze medewerker heeft de geheimhoudingsverklaring nog niet aanvaard.")

    def authenticate_header(self, request) -> str:
        return "Token"


def _log_weigering(request, token: ApiToken, code: str, namens: uuidlib.UUID | None) -> None:
    """AU-04 for a refused Namens-Gebruiker: the attempt is the token's, not the named person's, so the
    entry names no acting user — it names the organisation and token (`namens`) and the uuid the call
    named (`namensGebruiker`, when it was one), under the token organisation's controller so its FG
    sees it. Nothing was read; like every refusal it names the existing record the path points at, if
    any, with its subject (`audit.onderwerpen`, AU-04)."""
    from zorgvuldig.audit import services as audit
    from zorgvuldig.core.context import Actor
    from zorgvuldig.core.errors import DomainError

    organisatie = token.organisatie
    kenmerken = {"organisatie": str(organisatie.uuid), "apiToken": str(token.uuid)}
    if namens is not None:
        kenmerken["namensGebruiker"] = str(namens)
    view = (getattr(request, "parser_context", None) or {}).get("view")
    audit.weigering(
        actor=Actor(organisatie=organisatie, kanaal="api", namens=kenmerken),
        actie="toegang.geweigerd",
        activiteit=getattr(view, "verwerkingsactiviteit", None) or "verantwoording-toezicht",
        fout=DomainError(code, "geweigerd"),
        verwerkingsverantwoordelijke=str(organisatie.verwerkingsverantwoordelijke.uuid),
    )


class SessieAuthenticatie(authentication.SessionAuthentication):
    """Staff sessions count only after both factors (password and TOTP code, django-otp): a session
    that passed the password step alone is no credential for the API either."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = request._request.user
        if not (hasattr(user, "is_verified") and user.is_verified()):
            return None
        return result
