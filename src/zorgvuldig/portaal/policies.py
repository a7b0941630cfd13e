"""Pure rules of the client portal "Mijn gegevens": no database, no request (DESIGN §2).

Which requests and consents are the client's own, which consent the client may revoke (CS-07), when a
portal session ends, and the plain-Dutch (B1) words the pages use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from zorgvuldig.toestemmingen import policies as toestemming_policies

ZELF = "zelf"
VERTEGENWOORDIGER = "wettelijk_vertegenwoordiger"
# Relations that give a parent or guardian the rights of a child under 16 (RI-01, RI-02, PE-04).
GEZAG = ("ouder_met_gezag", "voogd")


def sessie_verlopen(
    *,
    begonnen: dt.datetime,
    laatst_actief: dt.datetime,
    nu: dt.datetime,
    inactief_max: dt.timedelta,
    duur_max: dt.timedelta,
) -> bool:
    """A portal session ends after `inactief_max` without a request, and at the latest `duur_max` after
    log-in, whatever the activity (DigiD's session rules)."""
    return nu - laatst_actief > inactief_max or nu - begonnen > duur_max


def is_eigen_verzoek(*, hoedanigheid: str, persoon: str, indiener: str | None, eigen: Iterable[str]) -> bool:
    """A request is the client's own when they filed it: about themselves in the capacity 'zelf', or as
    its named requester (a parent for a child). A request someone else filed about the client stays with
    that requester (SPEC §9 Visibility: "the requester gets the decision, never others' data")."""
    eigen = set(eigen)
    if hoedanigheid == ZELF:
        return persoon in eigen
    return indiener is not None and indiener in eigen


def is_gever(gevers: Iterable[dict], eigen: Iterable[str]) -> bool:
    eigen = set(eigen)
    return any(g.get("persoon") in eigen for g in gevers or [])


def mag_intrekken(*, status: str, gevers: Iterable[dict], eigen: Iterable[str]) -> bool:
    """CS-07: whoever gave a consent may revoke it, at any time, while it is given (not yet revoked,
    refused or expired); the portal offers it in one step, as giving took one."""
    return status == "gegeven" and is_gever(gevers, eigen)


# --- words (B1) ------------------------------------------------------------------------------------

SOORTEN: dict[str, tuple[str, str]] = {
    "inzage": (
        "Inzien",
        "U wilt weten welke gegevens wij over u hebben, waarvoor wij ze gebruiken en aan wie wij ze gaven. "
        "U krijgt een overzicht op papier of als PDF.",
    ),
    "correctie": (
        "Verbeteren",
        "Er staat iets over u dat niet klopt. U vraagt ons om het te verbeteren.",
    ),
    "aanvulling": (
        "Aanvullen",
        "Er ontbreekt iets belangrijks. U vraagt ons om het toe te voegen.",
    ),
    "verwijdering": (
        "Verwijderen",
        "Er staat iets over u dat wij niet (meer) nodig hebben. U vraagt ons om het weg te halen.",
    ),
    "vernietiging": (
        "Vernietigen",
        "U wilt dat wij uw dossier of een deel daarvan helemaal vernietigen. Dat doen wij binnen 3 maanden, "
        "tenzij de wet of het belang van iemand anders dat verbiedt.",
    ),
    # verzet (RI-12) — not the bezwaar against a decision (RI-16), which the decision itself explains
    "verzet": (
        "Stoppen met het gebruik van mijn gegevens (verzet)",
        "U wilt niet dat wij uw gegevens (nog langer) gebruiken. Wij kijken of wij daarmee moeten stoppen. "
        "Bent u het niet eens met een besluit dat u van ons kreeg? Dan maakt u bezwaar; hoe dat gaat, staat "
        "in het besluit.",
    ),
    "klacht": (
        "Klagen",
        "U bent niet tevreden over hoe wij met u of met uw gegevens omgingen.",
    ),
}

STATUS: dict[str, tuple[str, str]] = {
    "ontvangen": ("Ontvangen", "Wij hebben uw verzoek ontvangen. Wij controleren eerst wie u bent."),
    "geverifieerd": ("Gecontroleerd", "Wij weten wie u bent. Wij gaan uw verzoek behandelen."),
    "in_behandeling": ("In behandeling", "Wij zijn met uw verzoek bezig."),
    "verlengd": (
        "In behandeling, het duurt langer",
        "Uw verzoek kost meer tijd. U heeft een brief gekregen waarin staat waarom.",
    ),
    "toegewezen": ("Besluit: ja", "Wij doen wat u vroeg. U hoort het als het klaar is."),
    "gedeeltelijk": (
        "Besluit: gedeeltelijk",
        "Wij doen een deel van wat u vroeg. In het besluit staat waarom.",
    ),
    "afgewezen": ("Besluit: nee", "Wij doen niet wat u vroeg. In het besluit staat waarom."),
    "uitgevoerd": ("Klaar", "Wij hebben gedaan wat in het besluit staat."),
    "gesloten": ("Afgesloten", "Dit verzoek is klaar en afgesloten."),
}

# CS-07 in the client's words: why a consent cannot be revoked (the staff message names the rule).
NIET_INTREKBAAR = {
    "ingetrokken": "Deze toestemming is al ingetrokken. U hoeft niets meer te doen.",
    "verlopen": "Deze toestemming is al verlopen. Hij geldt niet meer, dus u hoeft niets te doen.",
}
NIET_INTREKBAAR_ANDERS = "Deze toestemming kunt u niet intrekken, want hij geldt niet."

# RI-08, RI-12: a request about the verwijsindex goes to its VI-beheerder. Offered to everyone, whether or
# not the index holds a signal on them: the portal never tells (VI-01: the index cannot be browsed).
VERWIJSINDEX_LABEL = "over de verwijsindex"
VERWIJSINDEX_UITLEG = (
    "De verwijsindex is een lijst waarin hulpverleners, scholen en zorgverleners laten weten dat zij "
    "betrokken zijn bij een jongere tot 23 jaar over wie zij zich zorgen maken. Er staat niet in waarom. Zo "
    "vinden zij elkaar en kunnen zij samenwerken. Wilt u weten of er iets over u (of uw kind) in staat? Of "
    "wilt u dat een school of hulpverlener uw gegevens daar niet meer gebruikt? Kies dan 'over de "
    "verwijsindex'."
)

CONSENT_SOORTEN = toestemming_policies.SOORT_NAMEN
CONSENT_STATUS = toestemming_policies.STATUS_NAMEN


def niet_intrekbaar(status: str) -> str:
    """CS-07: why this consent cannot be revoked, for the client (no rule IDs)."""
    return NIET_INTREKBAAR.get(status, NIET_INTREKBAAR_ANDERS)


def soort_titel(soort: str) -> str:
    return SOORTEN.get(soort, (soort.replace("_", " ").capitalize(), ""))[0]


def status_woorden(status: str) -> tuple[str, str]:
    return STATUS.get(status, (status.replace("_", " ").capitalize(), ""))


def termijn_tekst(stand: str) -> str:
    """The term's state (rechten.policies.termijnstand) in plain words for the client."""
    return {
        "op_tijd": "op tijd",
        "waarschuwing": "op tijd",
        "verlopen": "te laat: wij hadden al moeten antwoorden",
        "klaar": "klaar",
    }.get(stand, "")
