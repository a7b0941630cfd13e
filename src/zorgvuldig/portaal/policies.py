"""Pure rules of the client portal "Mijn gegevens": no database, no request (DESIGN §2).

Which requests and consents are the client's own, which consent the client may revoke (CS-07), when a
portal session ends, and the plain-Dutch (B1) words the pages use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from zorgvuldig.rechten.policies import lange_datum
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
    "afscherming": (
        "Afschermen",
        "Er staat iets over u dat niet klopt of dat wij niet nodig hebben, en u wilt dat niemand het nog "
        "kan zien of gebruiken. U vraagt ons om het af te schermen.",
    ),
    "eigen_verklaring": (
        "Eigen verklaring toevoegen",
        "U bent het niet eens met wat een hulpverlener over u opschreef, bijvoorbeeld een mening. U "
        "schrijft zelf op hoe u het ziet. Wij voegen dat toe aan uw dossier, bij wat de hulpverlener "
        "schreef.",
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
    "ontvangen": ("Ontvangen", "Wij hebben uw verzoek ontvangen. Wij controleren eerst of u dit mag vragen."),
    "geverifieerd": ("Gecontroleerd", "Wij weten wie u bent. Wij gaan uw verzoek behandelen."),
    "in_behandeling": ("In behandeling", "Wij zijn met uw verzoek bezig."),
    "verlengd": ("In behandeling, het duurt langer", "Wij hebben meer tijd nodig om te beslissen."),
    "toegewezen": ("Besluit: toegewezen", "Wij doen wat u vroeg. U hoort het als het klaar is."),
    "gedeeltelijk": (
        "Besluit: gedeeltelijk toegewezen",
        "Wij doen een deel van wat u vroeg. In het besluit staat waarom niet alles.",
    ),
    "afgewezen": ("Besluit: afgewezen", "Wij doen niet wat u vroeg. In het besluit staat waarom."),
    "uitgevoerd": ("Klaar", "Wij hebben gedaan wat in het besluit staat."),
    "gesloten": ("Afgesloten", "Dit verzoek is klaar en afgesloten."),
}

# The outcome of the decision (rechten.policies.UITKOMSTEN), in words, once the request is done.
UITKOMST: dict[str, tuple[str, str]] = {
    "toegewezen": ("toegewezen", "Wij hebben gedaan wat u vroeg."),
    "gedeeltelijk": (
        "gedeeltelijk toegewezen",
        "Wij hebben een deel gedaan van wat u vroeg. In ons besluit hieronder staat waarom niet alles.",
    ),
    "afgewezen": ("afgewezen", "Wij doen niet wat u vroeg. In ons besluit hieronder staat waarom."),
}
KLAAR = ("uitgevoerd", "gesloten")
OPEN = ("ontvangen", "geverifieerd", "in_behandeling", "verlengd")

# RI-01, PE-06: a youth of 12–15 who files about themselves, before the team assessed their competence.
BEKWAAMHEID_STATUS = "Wij hebben je verzoek ontvangen. Het team kijkt eerst of je dit zelf kunt beslissen."
BEKWAAMHEID_UITLEG = (
    "Je bent jonger dan 16. Daarom kijkt het team eerst of je goed kunt overzien wat je vraagt. Misschien "
    "wil iemand van het team daarover eerst met je praten. Kun je dit zelf beslissen? Dan behandelen wij je "
    "verzoek en krijg je binnen 4 weken antwoord. Vinden wij dat je dit nog niet zelf kunt beslissen? Dan "
    "krijg je een brief waarin staat waarom. Je ouder of voogd kan het dan voor je vragen."
)


def ontvangen_melding(*, jeugd: bool) -> str:
    if jeugd:  # a youth under 16 filing about themselves (a parent is never `jeugd`)
        return (
            "Wij hebben je verzoek ontvangen. Je krijgt binnen 4 weken antwoord. Hieronder zie je hoe het "
            "ermee staat."
        )
    return (
        "Wij hebben uw verzoek ontvangen. U krijgt binnen 4 weken antwoord. Hieronder ziet u hoe het ermee "
        "staat."
    )


# RI-01: under 12 the parent or guardian asks.
ONDER_12_UITLEG = "Je bent jonger dan 12. Je ouder of voogd kan dit voor je vragen."

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


def status_woorden(status: str, uitkomst: str = "") -> tuple[str, str]:
    """The request's state for the client (label, explanation); once done, with the outcome in words
    (toegewezen / gedeeltelijk toegewezen / afgewezen), never a bare "Klaar"."""
    label, uitleg = STATUS.get(status, (status.replace("_", " ").capitalize(), ""))
    if status in KLAAR and uitkomst in UITKOMST:
        woord, klaar_uitleg = UITKOMST[uitkomst]
        label = f"{label}: {woord}"
        uitleg = klaar_uitleg if status == "uitgevoerd" else f"{klaar_uitleg} {uitleg}"
    return label, uitleg


def besluit_zin(uitkomst: str) -> str:
    """ "Ons besluit" in one sentence."""
    woord = UITKOMST.get(uitkomst, (uitkomst.replace("_", " "), ""))[0]
    return f"Uw verzoek is {woord}"


def vervolg(status: str, *, eerst_bekwaamheid: bool = False) -> str:
    """What happens next, only while it still applies: the check of who may ask (RI-01) before it is
    verified; the 4-week term and its possible extension (RI-15) until the term was extended or decided."""
    if status == "ontvangen" and eerst_bekwaamheid:
        return BEKWAAMHEID_UITLEG
    verlengen = (
        "Duurt het langer dan 4 weken? Dan hoort u dat binnen die 4 weken van ons, met de reden. Het kan "
        "dan hooguit 2 maanden langer duren."
    )
    if status == "ontvangen":
        return f"Daarna beslissen wij. {verlengen}"
    if status in ("geverifieerd", "in_behandeling"):
        return f"Wij beslissen binnen 4 weken nadat wij uw verzoek ontvingen. {verlengen}"
    return ""


def verlenging_tekst(maanden: int, nieuwe_datum: dt.date) -> str:
    """RI-15: the extension as the client reads it: by how much, and the new date."""
    duur = "1 maand" if maanden == 1 else f"{maanden} maanden"
    return (
        f"Wij hebben de termijn met {duur} verlengd. U krijgt uiterlijk op {lange_datum(nieuwe_datum)} "
        "ons besluit."
    )


def termijn_tekst(stand: str) -> str:
    """The term's state (rechten.policies.termijnstand) in plain words for the client."""
    return {
        "op_tijd": "op tijd",
        "waarschuwing": "op tijd",
        "verlopen": "te laat: wij hadden al moeten antwoorden",
        "klaar": "klaar",
    }.get(stand, "")


# --- consents (CS-07) --------------------------------------------------------------------------------


def en_lijst(namen: Iterable[str]) -> str:
    """ "A", "A en B", "A, B en C"."""
    namen = [n for n in namen if n]
    if len(namen) <= 1:
        return "".join(namen)
    return f"{', '.join(namen[:-1])} en {namen[-1]}"


def toestemming_kop(
    *, soort: str, ontvangers: Iterable[str], organisatie: str, datum: dt.date | None, voor: str = ""
) -> str:
    """A consent's own name — what, with whom, from when (and for which child) — so that every consent and
    its "Toestemming intrekken" button can be told apart, also by a screen reader."""
    namen = en_lijst(ontvangers)
    if soort == "doorbreking_beroepsgeheim" and namen:
        kop = f"Toestemming om gegevens te delen met {namen}"
    elif soort == "grondslag_verwerking":
        kop = f"Toestemming aan {organisatie} om gegevens te gebruiken"
    elif soort == "start_jeugdhulp":
        kop = f"Toestemming aan {organisatie} om met hulp te beginnen"
    else:
        kop = CONSENT_SOORTEN.get(soort, soort) + (f" ({namen})" if namen else "")
    if voor:
        kop += f", voor {voor}"
    return kop + (f", van {lange_datum(datum)}" if datum else "")


OPNIEUW_GEVEN = "U kunt later altijd opnieuw toestemming geven."
AL_GEZEGD = "U trekt uw toestemming in. "


def opnieuw_geven(organisatie: str, *, jeugd: bool = False) -> str:
    if jeugd:
        return f"Wil je later toch weer toestemming geven? Neem dan contact op met {organisatie}."
    return f"Wilt u later toch weer toestemming geven? Neem dan contact op met {organisatie}."


def intrek_melding(*, kop: str, gevolgen: str, organisatie: str) -> str:
    """CS-07: after revoking, which consent, and the consequences (toestemmingen.policies.gevolgen) without
    saying twice that it is revoked, ending with how to give it again: contact the organisation."""
    rest = gevolgen.replace("\n\n", " ").removeprefix(AL_GEZEGD)
    rest = rest.replace(OPNIEUW_GEVEN, opnieuw_geven(organisatie))
    return f"U heeft deze toestemming ingetrokken: {kop}. {rest}"


# Who revoked a consent, as the viewer reads it.
DOOR_U = "u"
DOOR_VERTEGENWOORDIGER = "vertegenwoordiger"
DOOR_BETROKKENE = "betrokkene"
DOOR_ANDERE_VERTEGENWOORDIGER = "andere_vertegenwoordiger"
DOOR_ORGANISATIE = "organisatie"


def ingetrokken_door(*, kanaal: str, namens: dict, eigen: Iterable[str], kijker_is_betrokkene: bool) -> str:
    """From the revocation's audit entry (channel and `namens`, AU-02): who revoked, seen from the client —
    they themselves, a parent or guardian (for the youth: shared consents may be revoked by either giver,
    CS-07), the child (for the parent), another representative, or the organisation that recorded it."""
    eigen = set(eigen)
    if kanaal != "portaal":
        return DOOR_ORGANISATIE
    vertegenwoordiger = (namens or {}).get("vertegenwoordiger", "")
    if vertegenwoordiger:
        if vertegenwoordiger in eigen:
            return DOOR_U
        return DOOR_VERTEGENWOORDIGER if kijker_is_betrokkene else DOOR_ANDERE_VERTEGENWOORDIGER
    return DOOR_U if kijker_is_betrokkene else DOOR_BETROKKENE


def door_tekst(door: str, *, jeugd: bool, kind: str = "", organisatie: str = "") -> str:
    return {
        DOOR_U: "door u",
        DOOR_VERTEGENWOORDIGER: "door je ouder of voogd" if jeugd else "door uw wettelijk vertegenwoordiger",
        DOOR_BETROKKENE: f"door {kind}" if kind else "door uw kind",
        DOOR_ANDERE_VERTEGENWOORDIGER: "door een andere ouder of voogd",
        DOOR_ORGANISATIE: f"vastgelegd door {organisatie}"
        if organisatie
        else "vastgelegd door de organisatie",
    }.get(door, "")


# SPEC §9 "Who may exercise": from 16 a parent's request is a third party's. Shown to every adult, so it says
# nothing about whether a child of 16 or older is known here.
KIND_16_PLUS = (
    "Kinderen van 16 jaar of ouder staan hier niet, want vanaf 16 jaar vraagt een kind zelf inzage en geeft "
    "het zelf toestemming, met een eigen DigiD hier in Mijn gegevens of bij de organisatie die helpt."
)
