"""Reads on users and teams: who may list whom, users with a role, whether an account is activated."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.organisaties import policies
from zorgvuldig.organisaties.models import Gebruiker, Team


def gebruikers_voor(user) -> QuerySet[Gebruiker]:
    """Users a caller may list: its own organisation's (the technical beheerder: all, API §2.1)."""
    qs = Gebruiker.objects.select_related("organisatie", "werkgever").order_by("naam", "id")
    if policies.beheert_alle_organisaties(getattr(user, "rollen", None)):
        return qs
    return qs.filter(organisatie=user.organisatie)


def teams_voor(user) -> QuerySet[Team]:
    """Teams a caller may list: its own organisation's (the technical beheerder: all, API §2.1)."""
    qs = Team.objects.select_related("organisatie").order_by("organisatie__naam", "naam", "id")
    if policies.beheert_alle_organisaties(getattr(user, "rollen", None)):
        return qs
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
