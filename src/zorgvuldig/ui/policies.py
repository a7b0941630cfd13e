"""Pure rules of the web UI: navigation by role, session expiry, re-authentication. No DB, no clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Menu:
    label: str
    url_naam: str
    scope: str | None  # None: every signed-in staff member; "a|b": either scope (as `Actor.heeft`)


# Order is the order on screen. A menu item shows only with its scope (AC-06: the beheerder sees no
# content menus; AC-14: every page checks the same scope again).
MENU = (
    Menu("Overzicht", "ui:dashboard", None),
    Menu("Personen", "ui:personen", "persoon:inzien"),
    Menu("Dossiers", "ui:dossiers", "dossier:inzien"),
    Menu("Casusoverleg", "ui:casussen", "casusoverleg:deelnemen"),
    Menu("Verzoeken", "ui:verzoeken", "verzoek:registreren"),
    Menu("Verwijsindex", "ui:vi_overzicht", "signaal:registreren|signaal:beheren"),
    Menu("Toegangen", "ui:toegangen", "toegang:lezen"),
    Menu("Logboek", "ui:audit", "audit:lezen"),
    Menu("Rapportage", "ui:rapportage_verwijsindex", "rapportage:lezen"),
    Menu("Monitoringexports", "ui:monitoring", "rapportage:lezen"),
    Menu("Verstrekkingenregister", "ui:verstrekkingenregister", "register:lezen"),
    Menu("Registers", "ui:registers", "register:lezen"),
    Menu("Datalekken", "ui:datalekken", "register:lezen"),
    Menu("Convenanten", "ui:convenanten", "register:lezen|convenant:beheren"),
    Menu("Toegangsbewaking", "ui:toegangsbewaking", "register:beheren"),
    Menu("Bewaren", "ui:bewaren", "bewaartermijn:inzien"),
    Menu("Beheer verwijsindex", "ui:vi_beheer", "vi:beheren|vi:archief"),
    Menu("Gebruikers", "ui:gebruikers", "gebruiker:beheren"),
    Menu("Teams", "ui:teams", "gebruiker:beheren"),
    Menu("API-sleutels", "ui:tokens", "token:beheren"),
    Menu("Typen casusoverleg", "ui:overlegtypen", "overlegtype:beheren|register:beheren"),
    Menu("Mijn profiel", "ui:profiel", None),
)


def heeft_scope(scope: str | None, scopes: frozenset[str]) -> bool:
    """`a|b` opens an item to holders of either scope, exactly as `Actor.heeft` does for the page."""
    return scope is None or any(s in scopes for s in scope.split("|"))


def navigatie(scopes: frozenset[str]) -> list[Menu]:
    return [m for m in MENU if heeft_scope(m.scope, scopes)]


def sessie_verlopen(
    *, laatst_actief: dt.datetime | None, nu: dt.datetime, inactief_max: dt.timedelta
) -> bool:
    """A session ends after a period without activity (on top of its absolute lifetime)."""
    return laatst_actief is not None and nu - laatst_actief > inactief_max


def herbevestiging_nodig(*, bevestigd_op: dt.datetime | None, nu: dt.datetime, geldig: dt.timedelta) -> bool:
    """Break-glass and other heavy acts need a password + code entered just before (AC-11)."""
    return bevestigd_op is None or nu - bevestigd_op > geldig or bevestigd_op > nu


def veilige_vervolgpagina(volgende: str | None) -> str:
    """Only a local path may follow log-in: no open redirect, no scheme-relative `//host`."""
    if volgende and volgende.startswith("/") and not volgende.startswith(("//", "/\\")):
        return volgende
    return "/"
