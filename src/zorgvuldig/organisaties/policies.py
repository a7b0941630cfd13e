"""Pure rules for partner-system credentials (API §1.4, AC-08). No database, no clock."""

from __future__ import annotations

import datetime as dt

# A partner system acts in the verwijsindex only (API §1.4: at most the three VI scopes).
PARTNER_SCOPES = frozenset({"signaal:registreren", "signaal:beheren", "match:behandelen"})
MAX_GELDIGHEID_DAGEN = 731  # a credential is re-issued at least every two years


def token_status(*, ingetrokken: bool, geldig_tot: dt.date, vandaag: dt.date) -> str:
    """`actief`, `verlopen` or `ingetrokken`, derived at read time (RT-12)."""
    if ingetrokken:
        return "ingetrokken"
    if vandaag > geldig_tot:
        return "verlopen"
    return "actief"


def token_fouten(*, scopes: list[str], geldig_tot: dt.date, vandaag: dt.date) -> dict[str, str]:
    """Why a new credential may not be issued, per field (empty: it may)."""
    fouten = {}
    if not scopes:
        fouten["scopes"] = "Kies ten minste één scope."
    elif not set(scopes) <= PARTNER_SCOPES:
        niet = ", ".join(sorted(set(scopes) - PARTNER_SCOPES))
        fouten["scopes"] = f"Een partnersysteem krijgt alleen verwijsindex-scopes, niet: {niet}."
    if geldig_tot < vandaag:
        fouten["geldigTot"] = "De einddatum ligt in het verleden."
    elif (geldig_tot - vandaag).days > MAX_GELDIGHEID_DAGEN:
        fouten["geldigTot"] = "Een API-sleutel is hoogstens twee jaar geldig."
    return fouten


def namens_weigering(
    *, gevonden: bool, actief: bool, zelfde_organisatie: bool, heeft_verklaring: bool
) -> str | None:
    """AC-08: the professional a partner call names must be an active user of the token's own
    organisation who accepted the undertaking (AC-07). Every failure looks the same to the caller."""
    if not (gevonden and actief and zelfde_organisatie):
        return "E_AC_NOT_MANDATED"
    if not heeft_verklaring:
        return "E_AC_NO_UNDERTAKING"
    return None


def partner_weigering(
    *, token_scopes: frozenset[str], gebruiker_scopes: frozenset[str], scope: str
) -> str | None:
    """AC-08: the token allows the act but the named professional may not do it himself (e.g. has no
    `vi_signaleren` mandate) → `E_AC_NOT_MANDATED`. Other refusals follow the normal scope rule."""
    if scope in token_scopes and scope not in gebruiker_scopes:
        return "E_AC_NOT_MANDATED"
    return None
