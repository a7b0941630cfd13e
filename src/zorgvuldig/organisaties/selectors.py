"""Reads on users and teams: who may list whom, users with a role, whether an account is activated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.organisaties import policies
from zorgvuldig.organisaties.models import ApiToken, Gebruiker, Profiel, Team


def gebruikers_voor(user) -> QuerySet[Gebruiker]:
    """Users a caller may list: its own organisation's (the technical beheerder: his controller's, API
    §2.1, AC-15)."""
    qs = Gebruiker.objects.select_related("organisatie", "werkgever").order_by("naam", "id")
    return _binnen_bereik(qs, user)


def teams_voor(user) -> QuerySet[Team]:
    """Teams a caller may list: its own organisation's (the technical beheerder: his controller's)."""
    qs = Team.objects.select_related("organisatie").order_by("organisatie__naam", "naam", "id")
    return _binnen_bereik(qs, user)


def tokens_voor(user) -> QuerySet[ApiToken]:
    """API keys a beheerder sees and manages: those of his controller's organisations (AC-15), as users."""
    qs = ApiToken.objects.select_related("organisatie__verwerkingsverantwoordelijke")
    return _binnen_bereik(qs.order_by("organisatie__naam", "naam", "id"), user)


def _binnen_bereik(qs, user):
    if policies.beheert_controller(getattr(user, "rollen", None)):
        return qs.filter(
            organisatie__verwerkingsverantwoordelijke_id=user.organisatie.verwerkingsverantwoordelijke_id
        )
    return qs.filter(organisatie=user.organisatie)


def met_rol(qs: QuerySet[Gebruiker], rol: str) -> list[Gebruiker]:
    """Active users of `qs` holding `rol`. Roles are a JSON list; filtered here rather than with a JSON
    lookup so SQLite and PostgreSQL behave the same."""
    return [g for g in qs.filter(is_active=True) if rol in (g.rollen or [])]


def geactiveerd_annotatie() -> Exists:
    """Activated = an authenticator app is linked (OIDC users never get a password)."""
    return Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))


def is_geactiveerd(gebruiker) -> bool:
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).exists()


def organisaties() -> QuerySet:
    """Organisations with what their representation derives (API §2.1): controller, profile, accessions."""
    from django.db.models import Prefetch

    from zorgvuldig.convenanten.models import Toetreding
    from zorgvuldig.organisaties.models import Organisatie

    return (
        Organisatie.objects.select_related("verwerkingsverantwoordelijke", "profiel")
        .prefetch_related(
            Prefetch(
                "toetredingen",
                queryset=Toetreding.objects.select_related("convenant").order_by("datum", "id"),
            )
        )
        .order_by("naam", "id")
    )


@dataclass(frozen=True)
class Toetredingstand:
    ondertekenaar: bool  # AC-01: an accession to an active convenant runs today
    convenanten: list  # the active convenants whose accession runs
    vanaf: dt.date | None  # the running accession, else the latest one (VI-25: its end)
    tot: dt.date | None


def toetredingstand(organisatie, op: dt.date) -> Toetredingstand:
    """Derived per request (RT-12) from the prefetched accessions of `organisaties()`; the same rule as the
    verwijsindex's signatory check (AC-01)."""
    from zorgvuldig.convenanten.policies import ACTIEF

    alle = list(organisatie.toetredingen.all())
    lopend = [
        t for t in alle if t.convenant.status == ACTIEF and t.datum <= op and (t.tot is None or op <= t.tot)
    ]
    convenanten = list({t.convenant_id: t.convenant for t in lopend}.values())
    gekozen = lopend[0] if lopend else (max(alle, key=lambda t: (t.datum, t.pk)) if alle else None)
    return Toetredingstand(
        ondertekenaar=bool(lopend),
        convenanten=convenanten,
        vanaf=gekozen.datum if gekozen else None,
        tot=gekozen.tot if gekozen else None,
    )


# Who keeps the VI profiles (the beheerder) or decides on criterion (l) (the FG) reads every profile; a
# signaler, the leidinggevende and their partner system read only their own organisation's (VI-19).
PROFIELEN_BEHEREN = "configuratie:beheren|register:beheren"
SIGNAAL_SCOPES = "signaal:registreren|signaal:beheren"


def profielen_voor(actor) -> QuerySet[Profiel]:
    """VI-19 profiles the actor may read: every one for the beheerder and the FG; for a signaler (also
    through a partner token) only the profile of the own organisation — which criteria, extra criteria,
    agreement and terms its signals must meet. Another organisation's profile is not visible (404)."""
    qs = Profiel.objects.order_by("naam", "id")
    if actor.is_systeem or actor.heeft(PROFIELEN_BEHEREN):
        return qs
    if actor.heeft(SIGNAAL_SCOPES) and actor.organisatie is not None and actor.organisatie.profiel_id:
        return qs.filter(pk=actor.organisatie.profiel_id)
    return qs.none()


def eigen_verwerkingsverantwoordelijke(actor, verwerkingsverantwoordelijke_id: int) -> bool:
    """AC-15: a controller's and its organisations' settings are changed by a beheerder of that controller."""
    return actor.is_systeem or actor.verwerkingsverantwoordelijke_id == verwerkingsverantwoordelijke_id


def sleutelversie(verwerkingsverantwoordelijke) -> int | None:
    """The controller's active data-key version (ADR 0005); None until its first key is made on first use.
    Read only: `Datasleutel.voor` would create one."""
    from zorgvuldig.core.models import Datasleutel

    return (
        Datasleutel.objects.filter(verwerkingsverantwoordelijke=verwerkingsverantwoordelijke, actief=True)
        .order_by("-versie")
        .values_list("versie", flat=True)
        .first()
    )
