"""Pure rules of the dossier (SPEC §5, AC-04 … AC-11 as they apply to sections, RT-01, RT-05).

No database, no request, no clock: dates are arguments, so tests pin time and mutmut can run them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from zorgvuldig.core.kalender import plus_maanden


@dataclass(frozen=True)
class Fout:
    code: str
    naam: str  # dotted API field path
    reden: str


def _leeg(tekst: str | None) -> bool:
    return not (tekst or "").strip()


# --- States (SPEC §5 States; DESIGN §5.4: transitions as data) ------------------------------------

GEREGISTREERD, VRAAGVERHELDERING, PLAN_VASTGESTELD = "geregistreerd", "vraagverheldering", "plan_vastgesteld"
MONITORING, PLAN_HERZIEN, GESLOTEN = "monitoring", "plan_herzien", "gesloten"
STATUSSEN = (GEREGISTREERD, VRAAGVERHELDERING, PLAN_VASTGESTELD, MONITORING, PLAN_HERZIEN, GESLOTEN)
OPEN = frozenset(STATUSSEN) - {GESLOTEN}

# Every open dossier may close (DS-15: a client in a voluntary frame may stop at any time); a revised
# plan, once agreed, brings the dossier back to monitoring (MONITORING ⇄ PLAN_REVISED).
TRANSITIES: dict[str, frozenset[str]] = {
    GEREGISTREERD: frozenset({VRAAGVERHELDERING, GESLOTEN}),
    VRAAGVERHELDERING: frozenset({PLAN_VASTGESTELD, GESLOTEN}),
    PLAN_VASTGESTELD: frozenset({MONITORING, GESLOTEN}),
    MONITORING: frozenset({PLAN_HERZIEN, GESLOTEN}),
    PLAN_HERZIEN: frozenset({MONITORING, GESLOTEN}),
    GESLOTEN: frozenset(),
}


def overgang_fout(van: str, naar: str) -> str | None:
    """SPEC §5 States: the transition table; anything else is a state conflict."""
    if naar in TRANSITIES.get(van, frozenset()):
        return None
    return f"Van '{van}' naar '{naar}' is geen toegestane overgang van het dossier (SPEC §5)."


def na_plan_vaststellen(status: str) -> str | None:
    """Agreeing a plan: the first one → PLAN_AGREED, a revision → back to MONITORING (DS-06)."""
    return {VRAAGVERHELDERING: PLAN_VASTGESTELD, PLAN_HERZIEN: MONITORING}.get(status)


# --- Frame (DS-14, DS-15, CS-13) ------------------------------------------------------------------

VRIJWILLIG, DRANG, DWANG = "vrijwillig", "drang", "dwang"
KADERS = (VRIJWILLIG, DRANG, DWANG)
UITSPRAAK_SOORTEN = ("machtiging_gesloten_jeugdhulp", "kinderbeschermingsmaatregel", "jeugdreclassering")


def kaderwijziging_fouten(
    *,
    huidig: str,
    nieuw: str,
    datum: dt.date | None,
    vandaag: dt.date,
    reden: str,
    grondslag: str,
    client_geinformeerd: bool | None,
    uitspraak_soort: str = "",
    uitspraak_kenmerk: str = "",
) -> tuple[Fout, ...]:
    """DS-14: date, reason, legal basis, decider and that the client was told what the frame means;
    DWANG needs the court decision it rests on (SPEC §5 Frame)."""
    fouten = []
    if nieuw not in KADERS:
        fouten.append(Fout("E_INVALID_INPUT", "kader", "Onbekend kader."))
    elif nieuw == huidig:
        fouten.append(Fout("E_STATE_CONFLICT", "kader", "Het dossier heeft dit kader al (DS-14)."))
    if datum is None or datum > vandaag:
        fouten.append(Fout("E_INVALID_INPUT", "datum", "Datum ontbreekt of ligt in de toekomst (DS-14)."))
    if _leeg(reden):
        fouten.append(Fout("E_INVALID_INPUT", "reden", "Een kaderwijziging vraagt een reden (DS-14)."))
    if _leeg(grondslag):
        fouten.append(Fout("E_INVALID_INPUT", "grondslag", "Noem de wettelijke grondslag (DS-14)."))
    if client_geinformeerd is not True:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "clientGeinformeerd",
                "De cliënt moet zijn uitgelegd wat het kader betekent en welke rechten gelden (DS-14).",
            )
        )
    if nieuw == DWANG and (uitspraak_soort not in UITSPRAAK_SOORTEN or _leeg(uitspraak_kenmerk)):
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "uitspraak",
                "Dwang vraagt de rechterlijke uitspraak: soort en kenmerk (SPEC §5 Kader).",
            )
        )
    return tuple(fouten)


def client_mag_stoppen(kader: str) -> bool:
    """DS-15: in a voluntary frame (and under pressure, which is not coercion) the client may stop;
    court-ordered help (DWANG) does not end on the client's wish."""
    return kader != DWANG


# --- Information checklist and agreement (DS-02, DS-03, DS-04) ------------------------------------

INFORMATIE_ONDERWERPEN = {
    "a": "Welke gegevens worden vastgelegd",
    "b": "Waarom, en op welke grondslag",
    "c": "De rechten van de cliënt, ook klagen bij de Autoriteit Persoonsgegevens",
    "d": "Bij wie de cliënt terecht kan: verwerkingsverantwoordelijke en FG",
    "e": "Samenstelling en werkwijze van het team",
    "f": "Dat teamleden gegevens zien voor zover nodig, ook in teamoverleg",
    "g": "Hoe lang de gegevens bewaard worden",
    "verwijzer": "Wie verwees en wat daarbij is doorgegeven",
}


def ontbrekende_onderwerpen(onderwerpen: Iterable[str], verwezen: bool) -> tuple[str, ...]:
    """DS-02 (a)–(g), plus the referral topic when the client was referred."""
    nodig = [k for k in INFORMATIE_ONDERWERPEN if k != "verwijzer" or verwezen]
    gegeven = set(onderwerpen)
    return tuple(k for k in nodig if k not in gegeven)


def informering_fouten(
    *,
    mondeling_op: dt.date | None,
    schriftelijk_op: dt.date | None,
    onderwerpen: Iterable[str],
    verwezen: bool,
    vandaag: dt.date,
) -> tuple[Fout, ...]:
    """DS-02: told orally **and** in writing, every topic covered; dates not in the future."""
    fouten = []
    for naam, datum in (("mondelingOp", mondeling_op), ("schriftelijkOp", schriftelijk_op)):
        if datum is None:
            fouten.append(Fout("E_INVALID_INPUT", naam, "Mondeling én schriftelijk informeren (DS-02)."))
        elif datum > vandaag:
            fouten.append(Fout("E_INVALID_INPUT", naam, "De datum ligt in de toekomst."))
    onbekend = sorted(set(onderwerpen) - set(INFORMATIE_ONDERWERPEN))
    if onbekend:
        fouten.append(
            Fout("E_INVALID_INPUT", "onderwerpen", f"Onbekende onderwerpen: {', '.join(onbekend)}.")
        )
    ontbreekt = ontbrekende_onderwerpen(onderwerpen, verwezen)
    if ontbreekt:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "onderwerpen",
                f"Nog niet verteld: {', '.join(ontbreekt)} (DS-02).",
            )
        )
    return tuple(fouten)


def starten_fout(*, informering_compleet: bool, afwijking_goedgekeurd: bool) -> str | None:
    """DS-02: the dossier stays REGISTERED until the checklist is done or the leidinggevende approved a
    reason to deviate."""
    if informering_compleet or afwijking_goedgekeurd:
        return None
    return (
        "Het dossier blijft 'geregistreerd' tot de cliënt mondeling en schriftelijk is geïnformeerd, "
        "of de leidinggevende een reden om af te wijken heeft goedgekeurd (DS-02)."
    )


CONTACT_DOOR = ("team", "verwijzer")


def verwijzing_fouten(
    *, besproken_met_client: bool | None, client_akkoord: bool | None, contact_door: str, reden: str
) -> tuple[Fout, ...]:
    """DS-04: whether the referrer discussed it and the client agreed; if not, who contacts the client."""
    fouten = []
    if _leeg(reden):
        fouten.append(Fout("E_INVALID_INPUT", "reden", "De reden van verwijzing ontbreekt (DS-04)."))
    if besproken_met_client is None:
        fouten.append(
            Fout(
                "E_INVALID_INPUT", "besprokenMetClient", "Leg vast of de verwijzer het met de cliënt besprak."
            )
        )
    zonder_akkoord = besproken_met_client is False or client_akkoord is not True
    if contact_door not in ("", *CONTACT_DOOR):
        fouten.append(Fout("E_INVALID_INPUT", "contactDoor", "Kies team of verwijzer (DS-04)."))
    elif zonder_akkoord and contact_door not in CONTACT_DOOR:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "contactDoor",
                "Zonder besproken akkoord leggen team en verwijzer vast wie de cliënt benadert (DS-04).",
            )
        )
    return tuple(fouten)


def handelen_zonder_akkoord_fout(client_akkoord: bool | None, veiligheidsindicaties: str) -> str | None:
    """DS-04: if the client still does not agree, the team acts only on recorded concrete indications of
    a threat to the safety of client, family, referrer, staff or others."""
    if client_akkoord is False and _leeg(veiligheidsindicaties):
        return (
            "De cliënt stemt niet in met de verwijzing; het team handelt alleen bij vastgelegde concrete "
            "aanwijzingen van een bedreiging van de veiligheid (DS-04)."
        )
    return None


# --- Sections and access (AC-04, AC-05, AC-09, AC-10, AC-11) --------------------------------------

SECTIES = (
    "identificatie",
    "verwijzing",
    "zrm",
    "plan",
    "voortgang",
    "notities",
    "eigen_verklaringen",
    "gezondheid",
    "justitie",
    "veiligheid",
    "delen",
    "afsluiting",
)
BIJZONDERE_SECTIES = frozenset({"gezondheid", "justitie"})  # SPEC §5 "S"
NOTITIE_SECTIES = ("voortgang", "notities", "gezondheid", "justitie", "veiligheid")
SAMENVATTING = "samenvatting"  # AC-04: what a team meeting's participants read that day

# Grants that open the dossier itself; their `secties` (empty: all general ones) say how far.
DOSSIER_BRONNEN = frozenset({"casusteam", "vervanger", "sectie", "wettelijk", "noodtoegang"})
ALLEEN_LEZEN = frozenset({"wettelijk", "noodtoegang", "teambespreking"})  # AC-09, AC-11, AC-04


@dataclass(frozen=True)
class Grant:
    """A valid grant on the dossier, as the access rules see it."""

    bron: str
    secties: frozenset[str]
    rechten: frozenset[str]


def _dekt(g: Grant, sectie: str, recht: str) -> bool:
    if recht not in g.rechten or (recht != "lezen" and g.bron in ALLEEN_LEZEN):
        return False
    return not g.secties or sectie in g.secties


def sectie_grant(grants: Iterable[Grant], sectie: str, recht: str) -> int | None:
    """Index of the grant that allows `recht` on `sectie`, or None (AC-14; AU-09 names it).

    General sections: a dossier grant (case team, substitute, AC-05 section grant, AC-09 statutory, AC-11
    break-glass) covering the section and right; statutory and break-glass only read. A team meeting
    (AC-04) opens only the summary. Special-category sections (AC-10) need, besides a dossier grant, a
    separate special-category grant for that section and right — that grant is the one named.
    """
    grants = list(grants)
    if sectie == SAMENVATTING:
        for i, g in enumerate(grants):
            if recht == "lezen" and (g.bron == "teambespreking" or g.bron in DOSSIER_BRONNEN):
                return i
        return None
    basis = [i for i, g in enumerate(grants) if g.bron in DOSSIER_BRONNEN]
    if sectie in BIJZONDERE_SECTIES:
        if not any("lezen" in grants[i].rechten for i in basis):
            return None
        for i, g in enumerate(grants):
            if g.bron == "bijzondere_categorie" and _dekt(g, sectie, recht):
                return i
        return None
    for i in basis:
        if grants[i].secties & BIJZONDERE_SECTIES and not grants[i].secties - BIJZONDERE_SECTIES:
            continue  # a grant for special sections only opens nothing general
        if _dekt(grants[i], sectie, recht):
            return i
    return None


def leesbare_secties(grants: Iterable[Grant]) -> frozenset[str]:
    grants = list(grants)
    return frozenset(s for s in SECTIES if sectie_grant(grants, s, "lezen") is not None)


CASUSTEAM_RECHTEN = frozenset({"lezen", "aanmaken", "aanvullen"})
VERVANGER_RECHTEN = frozenset({"lezen", "aanvullen"})


def toewijzing_rechten(rol: str) -> frozenset[str]:
    """AC-04/AC-05/GP-06: the case team records; a substitute reads and adds; altering stored data is a
    right only the leidinggevende grants per section (AC-05)."""
    return VERVANGER_RECHTEN if rol == "vervanger" else CASUSTEAM_RECHTEN


# --- ZRM (DS-05) ----------------------------------------------------------------------------------

ZRM_DOMEINEN: dict[str, str | None] = {
    "inkomen": None,
    "dagbesteding": None,
    "huisvesting": None,
    "gezinsrelaties": None,
    "geestelijke_gezondheid": "gezondheid",
    "lichamelijke_gezondheid": "gezondheid",
    "verslaving": "gezondheid",
    "adl": None,
    "sociaal_netwerk": None,
    "maatschappelijke_participatie": None,
    "justitie": "justitie",
}


def zrm_sectie(domein: str) -> str:
    """The section whose rights apply: special domains (S) are special-category data (AC-10)."""
    return ZRM_DOMEINEN.get(domein) or "zrm"


def zrm_fouten(
    *, domein: str, niveau: int | None, onderbouwing: str, besproken_met_client: bool | None
) -> tuple[Fout, ...]:
    """DS-05: one of the 11 domains, level 1–5, the factual circumstances behind it, and whether it was
    composed with the client."""
    fouten = []
    if domein not in ZRM_DOMEINEN:
        fouten.append(Fout("E_INVALID_INPUT", "domein", "Onbekend ZRM-domein."))
    if not isinstance(niveau, int) or isinstance(niveau, bool) or not 1 <= niveau <= 5:
        fouten.append(Fout("E_INVALID_INPUT", "niveau", "Het niveau is 1 tot en met 5 (DS-05)."))
    if _leeg(onderbouwing):
        fouten.append(
            Fout("E_INVALID_INPUT", "onderbouwing", "Elk niveau heeft een feitelijke onderbouwing (DS-05).")
        )
    if besproken_met_client is None:
        fouten.append(
            Fout("E_INVALID_INPUT", "besprokenMetClient", "Leg vast of de ZRM met de cliënt is opgesteld.")
        )
    return tuple(fouten)


# --- Notes (DS-07, DS-09, DS-10) ------------------------------------------------------------------

SOORTEN = ("feit", "mening", "client_visie")
PARTNER = "partner"  # AC-12: data from a partner organisation's own system
BRONNEN = ("eigen_waarneming", "client", "derde", "document", PARTNER)
BIJZONDERE_GRONDSLAGEN = ("uitdrukkelijke_toestemming", "wettelijke_taak")


def notitie_fouten(
    *,
    sectie: str,
    soort: str | None,
    bron: str | None,
    bron_omschrijving: str,
    geverifieerd: bool | None,
    basis: str,
    tekst: str,
) -> tuple[Fout, ...]:
    """DS-07: a type, a source and verified yes/no; an opinion states its basis; a third party or document
    is named. Untyped or unsourced: `E_DS_NOTE_TYPE`."""
    fouten = []
    if sectie not in NOTITIE_SECTIES:
        reden = "Onbekende sectie voor een notitie." if sectie else "Kies het onderdeel van het dossier."
        fouten.append(Fout("E_INVALID_INPUT", "sectie", reden))
    if soort not in SOORTEN:
        fouten.append(Fout("E_DS_NOTE_TYPE", "soort", "Kies feit, mening of visie van de cliënt (DS-07)."))
    if bron not in BRONNEN:
        fouten.append(
            Fout(
                "E_DS_NOTE_TYPE",
                "bron.soort",
                "Geef de bron: eigen waarneming, cliënt, derde, document of partnerorganisatie.",
            )
        )
    elif bron in ("derde", "document") and _leeg(bron_omschrijving):
        fouten.append(Fout("E_DS_NOTE_TYPE", "bron.omschrijving", "Noem de derde of het document (DS-07)."))
    if not isinstance(geverifieerd, bool):
        fouten.append(Fout("E_DS_NOTE_TYPE", "geverifieerd", "Geef aan of het geverifieerd is (DS-07)."))
    if soort == "mening" and _leeg(basis):
        fouten.append(
            Fout("E_DS_NOTE_TYPE", "basis", "Een professioneel oordeel vermeldt waarop het rust (DS-07).")
        )
    if _leeg(tekst):
        fouten.append(Fout("E_INVALID_INPUT", "tekst", "De notitie is leeg."))
    return tuple(fouten)


def partnergegevens_fouten(
    *,
    bron: str | None,
    bron_organisatie: object | None,
    werkgever: object | None,
    acterende_organisatie: object | None,
    noodzaak: str,
    besproken_met_client: bool | None,
) -> tuple[Fout, ...]:
    """AC-12 (seed 001 art 8(1)): data held in a partner organisation's own system enter the file only
    through the team member employed by that partner, only as far as necessary for the support, and after
    discussing them with the client. Organisations are compared by identity (ids); `werkgever` None means
    the author is employed by the organisation it acts for, which is no partner. Other sources name no
    partner and state neither necessity nor discussion (those belong to partner data only)."""
    if bron != PARTNER:
        extra = (
            ("bron.organisatie", bron_organisatie is not None),
            ("bron.noodzaak", not _leeg(noodzaak)),
            ("bron.besprokenMetClient", besproken_met_client is not None),
        )
        return tuple(
            Fout(
                "E_INVALID_INPUT",
                naam,
                "Dit hoort alleen bij gegevens uit het systeem van een partner (AC-12).",
            )
            for naam, gegeven in extra
            if gegeven
        )
    alleen_via_werknemer = Fout(
        "E_AC_PARTNER_DATA",
        "bron.organisatie",
        "Gegevens uit het systeem van een partner komen alleen in het dossier via het teamlid dat bij "
        "die partner in dienst is (AC-12).",
    )
    if werkgever is None or werkgever == acterende_organisatie:
        return (alleen_via_werknemer,)  # no partner's employee: nothing else could make it allowed
    fouten = []
    if bron_organisatie is None:
        fouten.append(
            Fout(
                "E_AC_PARTNER_DATA",
                "bron.organisatie",
                "Noem de partnerorganisatie uit wier systeem de gegevens komen (AC-12).",
            )
        )
    elif werkgever != bron_organisatie:
        fouten.append(alleen_via_werknemer)
    if _leeg(noodzaak):
        fouten.append(
            Fout(
                "E_AC_PARTNER_DATA",
                "bron.noodzaak",
                "Leg uit waarom deze gegevens nodig zijn voor de ondersteuning: alleen wat noodzakelijk is "
                "(AC-12).",
            )
        )
    if besproken_met_client is not True:
        fouten.append(
            Fout(
                "E_AC_PARTNER_DATA",
                "bron.besprokenMetClient",
                "Bespreek de gegevens uit het systeem van de partner eerst met de cliënt (AC-12).",
            )
        )
    return tuple(fouten)


def niet_eigen_waarneming(soort: str, bron: str) -> bool:
    """DS-07: facts not from own observation are marked so wherever shown."""
    return soort == "feit" and bron != "eigen_waarneming"


def bijzondere_grondslag_fout(
    *,
    sectie: str,
    soort: str | None,
    toestemming_dekt: bool,
    wettelijke_bepaling: str,
) -> Fout | None:
    """DS-10: a special-category entry needs explicit consent (a valid, explicit consent covering it) or
    a statutory task that provides for the processing (e.g. Wmo 2015 art 5.1.1, Jeugdwet art 7.4.0)."""
    if sectie not in BIJZONDERE_SECTIES:
        return None
    if soort == "uitdrukkelijke_toestemming" and toestemming_dekt:
        return None
    if soort == "wettelijke_taak" and not _leeg(wettelijke_bepaling):
        return None
    return Fout(
        "E_DS_SPECIAL_BASIS",
        "bijzondereGrondslag",
        "Bijzondere persoonsgegevens vragen uitdrukkelijke toestemming of een wettelijke taak die de "
        "verwerking regelt, met de bepaling (DS-10).",
    )


def verklaring_fout(soort: str, tekst: str) -> Fout | None:
    """DS-09: a client's own statement answers an opinion (a professional judgement)."""
    if soort != "mening":
        return Fout(
            "E_INVALID_INPUT", "notitie", "Een eigen verklaring hoort bij een mening of oordeel (DS-09)."
        )
    if _leeg(tekst):
        return Fout("E_INVALID_INPUT", "tekst", "De verklaring is leeg.")
    return None


# --- Family dossier (DS-11, DS-12, DS-13) ---------------------------------------------------------


def zichtbaar_voor_lid(
    *,
    lid: str,
    betreft: frozenset[str],
    verborgen_voor: frozenset[str],
    niet_voor_vertegenwoordigers: bool,
    kinderen_met_gezag_onder_16: frozenset[str],
) -> bool:
    """DS-11 in client-facing output: a member sees items concerning themself; a parent with authority
    also those of their child under 16, unless the item is marked "not for representatives" (PE-11);
    never an item hidden for safety from them (DS-13)."""
    if lid in verborgen_voor:
        return False
    if lid in betreft:
        return True
    return bool(betreft & kinderen_met_gezag_onder_16) and not niet_voor_vertegenwoordigers


def gezamenlijk_plan_fout(items: Iterable[tuple[bool, bool]]) -> Fout | None:
    """DS-12: a joint plan holds only items shareable with all participating members; an item hidden from
    any member (or not marked shareable) cannot enter it. `items`: (deelbaar_met_alle_leden, verborgen)."""
    for deelbaar, verborgen in items:
        if verborgen or not deelbaar:
            return Fout(
                "E_DS_HIDDEN_IN_JOINT_PLAN",
                "notities",
                "Een gezamenlijk plan bevat alleen items die met alle leden gedeeld kunnen worden (DS-12).",
            )
    return None


def afscherming_fouten(
    *, reden: str, reviewdatum: dt.date | None, vandaag: dt.date, is_lid: bool
) -> tuple[Fout, ...]:
    """DS-13: hidden from a named member of the dossier, with a reason and a review date ahead."""
    fouten = []
    if not is_lid:
        fouten.append(Fout("E_INVALID_INPUT", "persoon", "Alleen te verbergen voor een lid van het dossier."))
    if _leeg(reden):
        fouten.append(
            Fout("E_INVALID_INPUT", "reden", "Verbergen voor de veiligheid vraagt een reden (DS-13).")
        )
    if reviewdatum is None or reviewdatum <= vandaag:
        fouten.append(Fout("E_INVALID_INPUT", "reviewdatum", "Kies een reviewdatum in de toekomst (DS-13)."))
    return tuple(fouten)


def review_verschuldigd(reviewdatum: dt.date, vandaag: dt.date) -> bool:
    """RT-12: a hiding's review is due from its date on; derived at read time."""
    return reviewdatum <= vandaag


# --- Plan (DS-06) ---------------------------------------------------------------------------------


def plan_fouten(*, doelen: list[str], acties: list[dict]) -> tuple[Fout, ...]:
    fouten = []
    if not [d for d in doelen if not _leeg(d)]:
        fouten.append(Fout("E_INVALID_INPUT", "doelen", "Een plan heeft minstens één doel (DS-06)."))
    for i, actie in enumerate(acties):
        if _leeg(actie.get("omschrijving")) or _leeg(actie.get("uitvoerder")):
            fouten.append(
                Fout("E_INVALID_INPUT", f"acties.{i}", "Elke actie noemt wat en wie het uitvoert (DS-06).")
            )
    return tuple(fouten)


def vaststellen_fout(met_client_afgesproken_op: dt.date | None, vandaag: dt.date) -> Fout | None:
    """DS-06: the plan is agreed with the client or household before PLAN_AGREED."""
    if met_client_afgesproken_op is None or met_client_afgesproken_op > vandaag:
        return Fout(
            "E_INVALID_INPUT",
            "metClientAfgesprokenOp",
            "Leg vast wanneer het plan met de cliënt of het gezin is afgesproken (DS-06).",
        )
    return None


# --- Safety (DS-08) -------------------------------------------------------------------------------


def veiligheid_fouten(
    *, meldcodestap: int | None, risicotaxatie: str, geconsulteerd_is_leidinggevende: bool
) -> tuple[Fout, ...]:
    """DS-08: with concerns about a child's safety, a risk assessment and the Meldcode step are recorded,
    consulting the leidinggevende."""
    fouten = []
    if not isinstance(meldcodestap, int) or isinstance(meldcodestap, bool) or not 1 <= meldcodestap <= 5:
        fouten.append(Fout("E_INVALID_INPUT", "meldcodestap", "De meldcode kent stap 1 tot en met 5."))
    if _leeg(risicotaxatie):
        fouten.append(Fout("E_INVALID_INPUT", "risicotaxatie", "Leg de risicotaxatie vast (DS-08)."))
    if not geconsulteerd_is_leidinggevende:
        fouten.append(
            Fout("E_INVALID_INPUT", "geconsulteerd", "Raadpleeg de leidinggevende en leg dat vast (DS-08).")
        )
    return tuple(fouten)


# --- Closure (DS-15, DS-16, DS-17, RT-01) ---------------------------------------------------------

AFSLUITREDENEN = ("afgerond", "client_stopt", "niet_meewerken")


def afsluiten_fouten(
    *,
    einddatum: dt.date | None,
    geopend_op: dt.date,
    vandaag: dt.date,
    client_oordeel: str,
    oordeel_geweigerd: bool,
    resultaten: str,
    reden: str,
    kader: str,
    laatste_redmiddel: str = "",
) -> tuple[Fout, ...]:
    """DS-16: CLOSED needs end date, the client's opinion (or that they declined to give one) and results.
    DS-15: on the client's wish only outside coercion. DS-17: ending for non-cooperation is a recorded
    last-resort decision."""
    fouten = []
    if einddatum is None or einddatum > vandaag or einddatum < geopend_op:
        fouten.append(
            Fout("E_INVALID_INPUT", "einddatum", "Einddatum tussen opening en vandaag is verplicht (DS-16).")
        )
    if _leeg(client_oordeel) == (not oordeel_geweigerd):
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "clientOordeel",
                "Leg het oordeel van de cliënt vast, of dat de cliënt geen oordeel wilde geven (DS-16).",
            )
        )
    if _leeg(resultaten):
        fouten.append(Fout("E_INVALID_INPUT", "resultaten", "Leg de resultaten vast (DS-16)."))
    if reden not in AFSLUITREDENEN:
        fouten.append(Fout("E_INVALID_INPUT", "reden", "Kies afgerond, cliënt stopt of niet meewerken."))
    elif reden == "client_stopt" and not client_mag_stoppen(kader):
        fouten.append(
            Fout(
                "E_STATE_CONFLICT",
                "reden",
                "In een gedwongen kader eindigt de hulp niet op verzoek van de cliënt (DS-15).",
            )
        )
    elif reden == "niet_meewerken" and _leeg(laatste_redmiddel):
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "laatsteRedmiddel",
                "Stoppen wegens niet meewerken is een laatste redmiddel: leg het besluit vast (DS-17).",
            )
        )
    return tuple(fouten)


BEWAARTERMIJN_JAREN = 15  # retention.dossier_years


def vernietigen_op(einddatum: dt.date, jaren: int = BEWAARTERMIJN_JAREN) -> dt.date:
    """RT-01: destruction is due on 1 January of (end year + 15): ended 10 March 2024 → 1 January 2039."""
    return dt.date(einddatum.year + jaren, 1, 1)


# --- Outreach signals (SPEC §5 States, RT-05) ------------------------------------------------------

ZORGSIGNAAL_TRANSITIES: dict[str, frozenset[str]] = {
    "ontvangen": frozenset({"beoordeeld", "afgewezen"}),
    "beoordeeld": frozenset({"melding", "afgewezen"}),
    "melding": frozenset(),
    "afgewezen": frozenset(),
}
ERNST = ("laag", "midden", "hoog")
ZORGSIGNAAL_MAANDEN = 6  # retention.unconfirmed_signal_months


def zorgsignaal_verwijderen_op(ontvangen_op: dt.date, maanden: int = ZORGSIGNAAL_MAANDEN) -> dt.date:
    """RT-05: an outreach signal that led to no melding is deleted this many months after receipt."""
    return plus_maanden(ontvangen_op, maanden)


def zorgsignaal_actief(status: str, verwijderen_op: dt.date, vandaag: dt.date) -> bool:
    """RT-12: without a melding the signal is gone from its deletion date, sweep or no sweep."""
    return status == "melding" or vandaag < verwijderen_op
