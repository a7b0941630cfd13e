"""Pure access rules: roles → scopes, grant validity. No database, no request."""

from __future__ import annotations

import datetime as dt

MEDEWERKER_SCOPES = frozenset(
    {
        "persoon:inzien",
        "persoon:bewerken",
        "dossier:inzien",
        "dossier:bewerken",
        "toestemming:registreren",
        "deelbesluit:nemen",
        "verstrekking:inzien",
        "verzoek:registreren",
        "casusoverleg:deelnemen",
        "casusoverleg:regisseren",
    }
)

ROL_SCOPES: dict[str, frozenset[str]] = {
    "medewerker": MEDEWERKER_SCOPES,
    "leidinggevende": MEDEWERKER_SCOPES
    | {
        "signaal:beheren",
        "dossier:autoriseren",
        "deelbesluit:goedkeuren",
        "bewaartermijn:inzien",
        "bewaartermijn:verlengen",
        "bewaartermijn:blokkeren",
        "vernietigingslijst:goedkeuren",
        "toegang:lezen",
        "toegang:verlenen",
        "audit:lezen",
        "register:lezen",
        "rapportage:lezen",
    },
    # The technical beheerder has configuration scopes only, never content (AC-06).
    "beheerder": frozenset(
        {
            "organisatie:beheren",
            "gebruiker:beheren",
            "token:beheren",
            "configuratie:beheren",
            "overlegtype:beheren",
            "convenant:beheren",
            "bewaartermijn:inzien",
        }
    ),
    # RI-08, RI-12: the VI-beheerder registers and (VI_BEHEERDER_EXTRA) decides requests about VI data
    "vi_beheerder": frozenset({"vi:beheren", "vi:archief", "verzoek:registreren"}),
    "fg": frozenset(
        {
            "vi:archief",
            "toegang:lezen",
            "toegang:verlenen",
            "audit:lezen",
            "register:lezen",
            "register:beheren",
            "convenant:beheren",
            "bewaartermijn:inzien",
            "bewaartermijn:blokkeren",
            "vernietigingslijst:goedkeuren",
            "rapportage:lezen",
            "export:goedkeuren",
            "verzoek:registreren",  # SPEC §9: the FG sees requests and decides on naming staff (RI-17)
        }
    ),
    # The auditor (inspector, accountant) reads the log and dossiers only within an AC-09 grant; the
    # grant check narrows these scopes to what the grant names.
    "auditor": frozenset({"audit:lezen", "dossier:inzien"}),
}

# Scopes that come from a mandate rather than a role (AC-08, RI-13).
MANDAAT_SCOPES: dict[str, frozenset[str]] = {
    "vi_signaleren": frozenset({"signaal:registreren", "match:behandelen"}),
    "verzoeken_besluiten": frozenset({"verzoek:besluiten"}),
}
MANDAAT_VEREIST_ROL = {
    "vi_signaleren": {"medewerker", "leidinggevende"},
    "verzoeken_besluiten": {"leidinggevende"},
}
VI_BEHEERDER_EXTRA = frozenset({"verzoek:besluiten"})  # VI requests (RI-08, RI-12)

PORTAAL_SCOPES = frozenset({"client:eigen"})

ALLE_SCOPES = frozenset().union(
    *ROL_SCOPES.values(), *MANDAAT_SCOPES.values(), VI_BEHEERDER_EXTRA, PORTAAL_SCOPES
)

# Roles that see personal content, and so need 2FA and the undertaking (AC-07).
CONTENT_ROLLEN = frozenset({"medewerker", "leidinggevende", "vi_beheerder", "fg", "auditor"})


# Scopes that reach personal content; the technical beheerder never holds them (AC-06).
CONTENT_SCOPE_PREFIXES = (
    "persoon:",
    "dossier:",
    "toestemming:",
    "deelbesluit:",
    "verstrekking:",
    "verzoek:",
    "casusoverleg:",
    "signaal:",
    "match:",
    "audit:",
    "vi:",
)


def weigering_zonder_scope(
    rollen: frozenset[str], scope: str, item_pad: bool, via_token: bool = False
) -> str:
    """What a request without the scope answers (API §1.4 check order, AC-06).

    The technical beheerder asking for content: 403 E_AC_ADMIN_CONTENT. Anyone else on an item path: the
    item is not visible to them, so 404 like a missing one. On a collection: 403 E_AC_NOT_AUTHORISED.
    """
    if scope.startswith(CONTENT_SCOPE_PREFIXES) and rollen and rollen <= {"beheerder"}:
        return "E_AC_ADMIN_CONTENT"
    if item_pad:
        return "E_NOT_FOUND"
    if scope.split("|")[0] in MANDAAT_SCOPES["vi_signaleren"] and not via_token:
        # AC-08: the verwijsindex asks an individual mandate, not a role. (Through a partner token the
        # professional's mandate is checked first; reaching here means the token lacks the scope.)
        return "E_AC_NOT_MANDATED"
    return "E_AC_NOT_AUTHORISED"


def scopes_voor(rollen: frozenset[str], mandaten: frozenset[str]) -> frozenset[str]:
    """Scopes of a user with these roles and currently valid mandates."""
    scopes: set[str] = set()
    for rol in rollen:
        scopes |= ROL_SCOPES.get(rol, frozenset())
    for mandaat in mandaten:
        if rollen & MANDAAT_VEREIST_ROL.get(mandaat, set()):
            scopes |= MANDAAT_SCOPES[mandaat]
    if "vi_beheerder" in rollen:
        scopes |= VI_BEHEERDER_EXTRA
    return frozenset(scopes)


def grant_geldig(vanaf: dt.date, tot: dt.date | None, ingetrokken: bool, op: dt.date) -> bool:
    """A grant is valid on `op` iff it has started, has not ended (`tot` inclusive) and is not revoked.

    Derived at read time (RT-12): no job has to flip a flag for a grant to expire.
    """
    if ingetrokken:
        return False
    if op < vanaf:
        return False
    return tot is None or op <= tot


WETTELIJK_MAX_DAGEN = 90  # AC-09 [design]


def wettelijke_grant_fout(vanaf: dt.date, tot: dt.date | None, rechten: frozenset[str]) -> str | None:
    """AC-09: a statutory grant is read-only and ends within 90 days. Returns an error reason or None."""
    if tot is None:
        return "Een wettelijke toegang heeft een einddatum."
    if tot < vanaf:
        return "De einddatum ligt voor de begindatum."
    if (tot - vanaf).days > WETTELIJK_MAX_DAGEN:
        return "Een wettelijke toegang duurt hoogstens 90 dagen."
    if rechten != frozenset({"lezen"}):
        return "Een wettelijke toegang geeft alleen leesrecht."
    return None


DREIGING_VOOR = frozenset({"client", "gezin", "verwijzer", "team", "anderen"})
NOODTOEGANG_MIN_TEKENS = 40  # a reason this short cannot state concrete indications


def noodtoegang_fout(reden: str, dreiging_voor: frozenset[str]) -> str | None:
    """AC-11: break-glass needs stated concrete indications of a threat to someone's safety."""
    if not dreiging_voor or not dreiging_voor <= DREIGING_VOOR:
        return "Geef aan voor wie de dreiging geldt (cliënt, gezin, verwijzer, team of anderen)."
    if len((reden or "").strip()) < NOODTOEGANG_MIN_TEKENS:
        return "Beschrijf de concrete aanwijzingen voor de dreiging (AC-11)."
    return None


# AC-11 review of a break-glass access, derived from the review row (RT-12: never a stored status).
BEOORDELING_OPEN = "open"
BEOORDELING_TE_LAAT = "te_laat"
BEOORDELING_TERECHT = "terecht"
BEOORDELING_NIET_TERECHT = "niet_terecht"
BEOORDELINGEN = (BEOORDELING_OPEN, BEOORDELING_TE_LAAT, BEOORDELING_TERECHT, BEOORDELING_NIET_TERECHT)
BEOORDELING_LABELS = {
    BEOORDELING_OPEN: "Nog te beoordelen",
    BEOORDELING_TE_LAAT: "Te laat: nog niet beoordeeld",
    BEOORDELING_TERECHT: "Terecht",
    BEOORDELING_NIET_TERECHT: "Niet terecht",
}
# The audit action of a recorded review names its outcome, so the log itself says it (not free text).
BEOORDELING_ACTIE = {
    True: "toegang.noodtoegang_terecht",
    False: "toegang.noodtoegang_niet_terecht",
}
NIET_TERECHT_REDEN = "Noodtoegang niet terecht bevonden door de leidinggevende (AC-11)."


def noodtoegang_beoordeling(
    *, beoordeeld: bool, akkoord: bool | None, beoordelen_voor: dt.date, vandaag: dt.date
) -> str:
    """AC-11: where a break-glass review stands. Unreviewed after its deadline (2 working days) is overdue."""
    if beoordeeld:
        return BEOORDELING_TERECHT if akkoord else BEOORDELING_NIET_TERECHT
    return BEOORDELING_TE_LAAT if vandaag > beoordelen_voor else BEOORDELING_OPEN


def noodtoegang_oordeel_fout(akkoord: bool, toelichting: str) -> str | None:
    """AC-11: "not justified" is a finding about a colleague; it says why, for the FG to follow up."""
    if not akkoord and not (toelichting or "").strip():
        return "Licht toe waarom de noodtoegang niet terecht was; dit gaat naar de FG."
    return None


def noodtoegang_beeindigen(*, akkoord: bool, grant_geldig_nu: bool) -> bool:
    """AC-11, GP-06: access judged unjustified ends at once, not at the end of its day. A grant already
    ended (midnight passed, or revoked) needs no second end."""
    return not akkoord and grant_geldig_nu
