"""Pure rules of data-subject rights (SPEC §9): states, terms, grounds, decisions, the inzage filters.

Who may exercise a right is the platform core's `personen.policies.mag_recht_uitoefenen` (RI-01);
everything here takes facts and dates and returns answers, so the rules are tested without a database.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from zorgvuldig.personen import policies as personen
from zorgvuldig.verstrekkingen import policies as delen

SOORTEN = (
    "inzage",
    "correctie",
    "aanvulling",
    "verwijdering",
    "afscherming",
    "eigen_verklaring",
    "vernietiging",
    "verzet",
    "klacht",
)
CORRECTIES = ("correctie", "aanvulling", "verwijdering", "afscherming")

ONTVANGEN = "ontvangen"
GEVERIFIEERD = "geverifieerd"
IN_BEHANDELING = "in_behandeling"
VERLENGD = "verlengd"
TOEGEWEZEN = "toegewezen"
GEDEELTELIJK = "gedeeltelijk"
AFGEWEZEN = "afgewezen"
UITGEVOERD = "uitgevoerd"
GESLOTEN = "gesloten"
UITKOMSTEN = (TOEGEWEZEN, GEDEELTELIJK, AFGEWEZEN)
OPEN = (ONTVANGEN, GEVERIFIEERD, IN_BEHANDELING, VERLENGD)  # not yet decided
STATUSSEN = (*OPEN, *UITKOMSTEN, UITGEVOERD, GESLOTEN)

# RECEIVED → VERIFIED → IN_REVIEW (→ EXTENDED) → GRANTED / PARTIAL / REFUSED → EXECUTED → CLOSED (SPEC §9).
# A refusal is executed too: sending the reasoned decision is its execution.
TRANSITIES: dict[str, tuple[str, ...]] = {
    ONTVANGEN: (GEVERIFIEERD,),
    GEVERIFIEERD: (IN_BEHANDELING,),
    IN_BEHANDELING: (VERLENGD, *UITKOMSTEN),
    VERLENGD: UITKOMSTEN,
    TOEGEWEZEN: (UITGEVOERD,),
    GEDEELTELIJK: (UITGEVOERD,),
    AFGEWEZEN: (UITGEVOERD,),
    UITGEVOERD: (GESLOTEN,),
    GESLOTEN: (),
}


def mag_naar(van: str, naar: str) -> bool:
    return naar in TRANSITIES.get(van, ())


# --- Filing in "Mijn gegevens" about oneself (RI-01, PE-05, PE-06) --------------------------------------

ZELF_JA = "ja"  # the form as on paper: the handler verifies identity and capacity (RI-01)
ZELF_EERST_BEKWAAMHEID = "eerst_bekwaamheid"  # 12–15, not (yet) assessed competent: PE-06 comes first
ZELF_NEE = "nee"  # under 12: the parent or guardian exercises the child's rights


def zelf_indienen(s: personen.Situatie, op: dt.date) -> str:
    """RI-01 for a request the subject files about themselves in "Mijn gegevens", from the age band on
    `op`. Under 12 the representative exercises the rights: no form, and
    a request is refused before it is filed, so no child gets a formal refusal. 12–15: the youth may act
    alone only when assessed competent (PE-06); until then the form stays and the handler assesses that
    first. Otherwise — entitled, age unknown (PE-05), incapacity (PE-07) — the handler verifies as on
    paper."""
    if s.categorie is None:
        return ZELF_JA
    uitkomst = personen.mag_recht_uitoefenen(s, indiener=personen.ZELF, hoedanigheid="zelf", op=op)
    if uitkomst.toegestaan:
        return ZELF_JA
    if s.categorie == personen.Leeftijdscategorie.ONDER_12:
        return ZELF_NEE
    if s.categorie == personen.Leeftijdscategorie.JONG_12_15:
        return ZELF_EERST_BEKWAAMHEID
    return ZELF_JA


# A second identical request by the same person within this time is a double submit, not a new request.
DUBBEL_BINNEN = dt.timedelta(minutes=10)


def is_dubbel(
    *,
    nieuw: tuple[str, str, str, str],
    bestaand: tuple[str, str, str, str],
    status: str,
    ingediend: dt.datetime,
    nu: dt.datetime,
) -> bool:
    """A request the portal received again — (subject, requester, kind, explanation) the same as one still
    open that came in within `DUBBEL_BINNEN` — is the same request (a double click, a resent form): it
    gets no second term, handler or message. A different explanation is a different request."""
    return nieuw == bestaand and status in OPEN and nu - ingediend <= DUBBEL_BINNEN


REGISTREERDERS = frozenset({"medewerker", "leidinggevende", "vi_beheerder"})


def mag_registreren(rollen) -> bool:
    """Who records a request: staff who handle them (the VI-beheerder its VI requests). The FG oversees
    requests and does not handle them (ADR 0013)."""
    return bool(set(rollen) & REGISTREERDERS)


def mag_besluiten(status: str, uitkomst: str, gronden: Iterable[str]) -> bool:
    """Decisions follow the review; a request that failed verification (RI-01) may be refused at once,
    on that ground alone, so it does not stay open without a decision."""
    if mag_naar(status, uitkomst):
        return True
    return status == ONTVANGEN and uitkomst == AFGEWEZEN and tuple(gronden) == ("niet_bevoegd",)


# --- Terms (RI-05, RI-08, RI-10, RI-15), derived at read time (RT-12) -----------------------------------

BESLISTERMIJN = dt.timedelta(weeks=4)
UITVOERTERMIJN_CORRECTIE = dt.timedelta(weeks=4)
VERNIETIGING_MAANDEN = 3
MAX_VERLENGING_MAANDEN = 2
WAARSCHUWING = dt.timedelta(days=7)
BEZWAARTERMIJN = dt.timedelta(weeks=6)


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """Calendar months; a day the target month lacks becomes its last day (31 Jan + 1 → 28/29 Feb)."""
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar += datum.year
    maand += 1
    return datum.replace(year=jaar, month=maand, day=min(datum.day, calendar.monthrange(jaar, maand)[1]))


def besluittermijn(ontvangen_op: dt.date, verlenging_maanden: int = 0) -> dt.date:
    """RI-05/RI-15: 4 weeks from receipt, once extended by at most 2 months."""
    return plus_maanden(ontvangen_op + BESLISTERMIJN, verlenging_maanden)


def uitvoeringstermijn(soort: str, ontvangen_op: dt.date, besluit_op: dt.date | None) -> dt.date | None:
    """RI-10: destruction within 3 months of receipt; RI-08: a correction within 4 weeks of the decision."""
    if soort == "vernietiging":
        return plus_maanden(ontvangen_op, VERNIETIGING_MAANDEN)
    if soort in CORRECTIES and besluit_op is not None:
        return besluit_op + UITVOERTERMIJN_CORRECTIE
    return None


def termijnstand(termijn: dt.date | None, vandaag: dt.date, klaar: bool) -> str:
    """`op_tijd`, `waarschuwing` (7 days before, SPEC §9) or `verlopen`; a met term is `klaar`."""
    if termijn is None or klaar:
        return "klaar"
    if vandaag > termijn:
        return "verlopen"
    if vandaag >= termijn - WAARSCHUWING:
        return "waarschuwing"
    return "op_tijd"


@dataclass(frozen=True)
class Fout:
    code: str
    naam: str  # the field, as in the API's invalidParams
    reden: str


def verlenging_fouten(
    *, status: str, ontvangen_op: dt.date, vandaag: dt.date, maanden: int, redenen: str, al_verlengd: bool
) -> list[Fout]:
    """RI-15: once, by 1 or 2 months, with reasons, told to the requester within the first term."""
    if al_verlengd or status != IN_BEHANDELING:
        return [
            Fout("E_STATE_CONFLICT", "status", "Een termijn wordt één keer verlengd, tijdens de behandeling.")
        ]
    fouten = []
    if vandaag > besluittermijn(ontvangen_op):
        fouten.append(
            Fout("E_RI_EXTENSION_LATE", "datum", "Verlengen kan alleen binnen de eerste termijn van 4 weken.")
        )
    if maanden not in range(1, MAX_VERLENGING_MAANDEN + 1):
        fouten.append(Fout("E_INVALID_INPUT", "maanden", "Verlengen met 1 of 2 maanden (RI-15)."))
    if not redenen.strip():
        fouten.append(Fout("E_INVALID_INPUT", "redenen", "Vermeld waarom de termijn wordt verlengd (RI-15)."))
    return fouten


# --- Grounds of refusal (RI-02, RI-04, RI-07, RI-08, RI-10, RI-12) ------------------------------------

# RI-07: UAVG art 41(1); letters as in the API (weigeringsgronden a–e).
UAVG_41 = {
    "a": "de veiligheid van de staat (UAVG art. 41 lid 1 onder a)",
    "b": "het voorkomen, opsporen en vervolgen van strafbare feiten (UAVG art. 41 lid 1 onder d)",
    "c": "gewichtige economische of financiële belangen van de staat of andere openbare lichamen "
    "(UAVG art. 41 lid 1 onder e)",
    "d": "toezicht en inspectie ten behoeve van a tot en met c (UAVG art. 41 lid 1 onder h)",
    "e": "de bescherming van de betrokkene of van de rechten en vrijheden van anderen "
    "(UAVG art. 41 lid 1 onder i)",
}
UAVG_41_VI = ("b", "e")  # RI-07: VI data only on these two
OVERIGE_GRONDEN = {
    "niet_bevoegd": "de indiener is niet bevoegd dit recht uit te oefenen (RI-01)",
    "belang_kind": "verstrekking aan de ouder is niet verenigbaar met goede zorg voor het kind (RI-02)",
    "beperking_vertegenwoordiger": "zwaarwegende belangen van de cliënt verzetten zich ertegen (RI-04)",
    "gegevens_juist": "de gegevens zijn feitelijk juist, volledig en ter zake dienend (RI-08)",
    "belang_ander": "bewaren is van aanmerkelijk belang voor een ander dan de betrokkene (RI-10 a)",
    "wettelijke_plicht": "een wettelijke plicht of de verantwoording aan de financier vraagt om bewaren "
    "(RI-10 b)",
    "verzet_ongegrond": "de bijzondere omstandigheden wegen niet op tegen het belang van de verwerking "
    "(RI-12)",
}
GRONDEN = {**UAVG_41, **OVERIGE_GRONDEN}
# The same grounds as the client reads them in the decision, on Mijn gegevens and in the PDF (B1, RI-07:
# naming the ground): a whole sentence each, the law named where a law is the ground, no rule IDs.
GRONDEN_CLIENT = {
    "a": "Dit is nodig voor de veiligheid van Nederland (Uitvoeringswet AVG, artikel 41 lid 1 onder a).",
    "b": "Dit is nodig om strafbare feiten te voorkomen, op te sporen of te vervolgen (Uitvoeringswet AVG, "
    "artikel 41 lid 1 onder d).",
    "c": "Dit is nodig voor belangrijke financiële belangen van de overheid (Uitvoeringswet AVG, artikel 41 "
    "lid 1 onder e).",
    "d": "Dit is nodig voor het toezicht daarop (Uitvoeringswet AVG, artikel 41 lid 1 onder h).",
    "e": "Dit is nodig om u of andere mensen te beschermen (Uitvoeringswet AVG, artikel 41 lid 1 onder i).",
    "niet_bevoegd": "U mag dit verzoek niet doen voor deze persoon. Bijvoorbeeld omdat u geen gezag heeft, "
    "of omdat het kind 16 jaar of ouder is en dit zelf beslist.",
    "belang_kind": "Het is niet goed voor uw kind als wij u deze gegevens geven.",
    "beperking_vertegenwoordiger": "Het belang van de persoon over wie het gaat, weegt zwaarder. Daarom mag "
    "u dit niet namens die persoon vragen.",
    "gegevens_juist": "De gegevens kloppen, zijn volledig en zijn nodig voor de hulp.",
    "belang_ander": "De gegevens zijn heel belangrijk voor iemand anders. Daarom bewaren wij ze.",
    "wettelijke_plicht": "De wet of de organisatie die de hulp betaalt, verplicht ons de gegevens te "
    "bewaren.",
    "verzet_ongegrond": "Uw persoonlijke situatie weegt niet zwaarder dan de reden waarom wij de gegevens "
    "gebruiken.",
}


def grond_voor_client(code: str) -> str:
    """RI-07: a ground of refusal in the client's words (the staff label carries the rule ID)."""
    from zorgvuldig.core.teksten import zonder_spec_ids

    return GRONDEN_CLIENT.get(code) or zonder_spec_ids(GRONDEN.get(code, code))


GRONDCODES = tuple(GRONDEN)
_ALGEMEEN = ("niet_bevoegd", "beperking_vertegenwoordiger")
TOEGESTANE_GRONDEN: dict[str, tuple[str, ...]] = {
    "inzage": (*UAVG_41, "belang_kind", *_ALGEMEEN),
    **{s: (*UAVG_41, "gegevens_juist", *_ALGEMEEN) for s in CORRECTIES},
    "vernietiging": ("belang_ander", "wettelijke_plicht", *_ALGEMEEN),
    "verzet": ("verzet_ongegrond", *UAVG_41, *_ALGEMEEN),
    "eigen_verklaring": _ALGEMEEN,  # RI-09: adding a statement is the person's right, not a favour
    "klacht": (),  # RI-14: a complaint is handled, not refused on a ground
}


@dataclass(frozen=True)
class Achtergehouden:
    """An item withheld or kept, with the ground that allows it."""

    item: str
    grond: str
    vi: bool = False


def besluit_fouten(
    *,
    soort: str,
    uitkomst: str,
    redenen: str,
    gronden: Iterable[str],
    achtergehouden: Iterable[Achtergehouden],
    betreft_vi: bool,
) -> list[Fout]:
    """RI-02, RI-07, RI-10, RI-16: a reasoned decision; every refusal, whole or partial, names a ground this
    kind of request allows (VI data: only b and e); a partial decision names what it withholds."""
    gronden = tuple(gronden)
    achtergehouden = tuple(achtergehouden)
    fouten = []
    if uitkomst not in UITKOMSTEN:
        fouten.append(Fout("E_INVALID_INPUT", "uitkomst", "Kies toegewezen, gedeeltelijk of afgewezen."))
        return fouten
    if not redenen.strip():
        fouten.append(Fout("E_INVALID_INPUT", "redenen", "Een besluit is gemotiveerd (RI-16)."))
    toegestaan = TOEGESTANE_GRONDEN[soort]
    alle = gronden + tuple(a.grond for a in achtergehouden)
    for grond in alle:
        if grond not in toegestaan:
            fouten.append(
                Fout("E_INVALID_INPUT", "weigeringsgronden", f"Grond '{grond}' geldt niet voor dit verzoek.")
            )
    vi_gronden = gronden if betreft_vi else ()
    for grond in (*vi_gronden, *(a.grond for a in achtergehouden if a.vi)):
        if grond in UAVG_41 and grond not in UAVG_41_VI:
            fouten.append(
                Fout(
                    "E_INVALID_INPUT",
                    "weigeringsgronden",
                    "Gegevens uit de verwijsindex worden alleen geweigerd op grond b of e (RI-07).",
                )
            )
    if uitkomst == TOEGEWEZEN and alle:
        fouten.append(Fout("E_INVALID_INPUT", "uitkomst", "Een toewijzing weigert niets; kies gedeeltelijk."))
    if uitkomst == AFGEWEZEN and not gronden and soort != "klacht":
        fouten.append(Fout("E_INVALID_INPUT", "weigeringsgronden", "Een weigering noemt haar grond (RI-07)."))
    if uitkomst == GEDEELTELIJK and not achtergehouden:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "achtergehouden",
                "Een gedeeltelijke toewijzing noemt wat niet wordt verstrekt of vernietigd, met de grond.",
            )
        )
    return fouten


def vertrouwelijk_fouten(
    vertrouwelijk: Iterable[str], achtergehouden: Iterable[Achtergehouden]
) -> list[Fout]:
    """RI-02, PE-11 (SPEC E3): an item the person asked to keep from their representatives stays out of the
    representative's answer, and that is a refusal, recorded in the decision with its ground — never left
    out silently under "granted in full"."""
    ontbreekt = set(vertrouwelijk) - {a.item for a in achtergehouden}
    if not ontbreekt:
        return []
    return [
        Fout(
            "E_INVALID_INPUT",
            "achtergehouden",
            f"Het antwoord laat {len(ontbreekt)} item(s) weg die de betrokkene niet met de vertegenwoordiger "
            "wil delen (PE-11). Houd ze achter in het besluit, met de grond (RI-02).",
        )
    ]


def is_awb_besluit(soort: str, bestuursorgaan: bool) -> bool:
    """RI-16: a rights decision of a bestuursorgaan is an Awb besluit; a complaint's handling is not."""
    return bestuursorgaan and soort != "klacht"


MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def lange_datum(datum: dt.date) -> str:
    """A date as the letters and pages to the client write it ("9 januari 2027"), whatever the locale."""
    return f"{datum.day} {MAANDEN[datum.month - 1]} {datum.year}"


def bezwaarclausule(
    verzonden_op: dt.date, *, bestuursorgaan: str = "", adres: str = "", email: str = ""
) -> tuple[str, dt.date]:
    """RI-16 (Awb 3:45, 6:4, 6:5, 6:7, 6:8): bezwaar within 6 weeks, counted from the day after sending,
    lodged with the bestuursorgaan that decided — named, with the address (and e-mail) its controller set
    for bezwaar, so the client knows where to send it."""
    tot = verzonden_op + BEZWAARTERMIJN
    aan = f"aan {bestuursorgaan}" if bestuursorgaan.strip() else "aan het bestuursorgaan dat het besluit nam"
    if adres.strip():
        aan += f", {adres.strip()}"
    per_mail = f" U kunt het ook e-mailen naar {email.strip()}." if email.strip() else ""
    tekst = (
        "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag waarop het is "
        f"verzonden bezwaar maken, dus uiterlijk op {lange_datum(tot)}. Stuur uw bezwaarschrift "
        f"{aan}.{per_mail} Schrijf erin: uw naam en adres, de datum, welk besluit het is en waarom u het er "
        "niet mee eens bent. Zet uw handtekening eronder. U kunt ook een klacht indienen bij de Autoriteit "
        "Persoonsgegevens."
    )
    return tekst, tot


# RI-16: a decision that grants in full is an Awb besluit too (UAVG art 34), so it carries the clause
# (Awb 3:45); the client is told why — an inzage may still miss data they expected.
BEZWAAR_BIJ_TOEWIJZING = (
    "Wij doen wat u vroeg. Denkt u toch dat het besluit niet klopt, bijvoorbeeld omdat er gegevens "
    "ontbreken? Dan kunt u bezwaar maken."
)


def mandaat_geldig(
    *, soort: str, vanaf: dt.date, tot: dt.date | None, op: dt.date, rollen: Iterable[str]
) -> bool:
    """RI-13: the leidinggevende decides under the cited written mandate, valid on the decision date."""
    return (
        "leidinggevende" in set(rollen)
        and soort == "verzoeken_besluiten"
        and vanaf <= op
        and (tot is None or op <= tot)
    )


VERZENDING_MAX = dt.timedelta(days=14)


def datum_fouten(
    *,
    ontvangen_op: dt.date,
    besluit_op: dt.date | None,
    vandaag: dt.date,
    verzonden_op=None,
    uitgevoerd_op=None,
) -> list[Fout]:
    """Dates must fit the request's course: a decision is sent on or after its day and within two weeks
    (RI-16's term runs from sending); an execution lies between the decision and today."""
    fouten = []
    if verzonden_op is not None and not vandaag <= verzonden_op <= vandaag + VERZENDING_MAX:
        fouten.append(
            Fout("E_INVALID_INPUT", "verzondenOp", "Verzenden kan vanaf vandaag en binnen twee weken.")
        )
    if uitgevoerd_op is not None and not (besluit_op or ontvangen_op) <= uitgevoerd_op <= vandaag:
        fouten.append(Fout("E_INVALID_INPUT", "datum", "De uitvoering ligt tussen het besluit en vandaag."))
    return fouten


UITVOERVORMEN = ("schriftelijk", "gesprek")


def uitvoering_fouten(*, vorm: str, toelichting: str, notificaties: Iterable[tuple[bool, str]]) -> list[Fout]:
    """RI-06: another form than writing is recorded with why; RI-11: every earlier recipient is told, a
    skip needs a reason. `notificaties`: (genotificeerd, overgeslagen_reden) per recipient."""
    fouten = []
    if vorm not in UITVOERVORMEN:
        fouten.append(Fout("E_INVALID_INPUT", "vorm", "Kies schriftelijk of gesprek (RI-06)."))
    elif vorm != "schriftelijk" and not toelichting.strip():
        fouten.append(
            Fout(
                "E_INVALID_INPUT", "toelichting", "Leg vast waarom de betrokkene het antwoord anders krijgt."
            )
        )
    for genotificeerd, reden in notificaties:
        if not genotificeerd and not reden.strip():
            fouten.append(
                Fout(
                    "E_INVALID_INPUT",
                    "notificaties",
                    "Elke eerdere ontvanger krijgt bericht; overslaan vraagt een reden (RI-11).",
                )
            )
            break
    return fouten


# --- The inzage answer (RI-03, RI-05, RI-17, DS-11, DS-13, PE-03, PE-11) ------------------------------


UITSLUITREDENEN = {
    "ander_lid": "Gaat over een ander lid van het gezin (RI-03, DS-11)",
    "verborgen": "Verborgen voor de veiligheid (DS-13)",
    "niet_voor_vertegenwoordigers": "Niet voor vertegenwoordigers (PE-11)",
    "besluit": "Achtergehouden in het besluit",
}

# A sharing decision that has not led to a provision (yet): drafted, consulted, decided, or discarded.
NIET_VERSTREKT = frozenset({delen.CONCEPT, delen.CONSULTATIE, delen.BESLOTEN, delen.BEEINDIGD})


def besluit_in_uitstel(status: str, informeren_moment: str) -> bool:
    """RI-07, SH-14: a sharing decision that postpones informing the client and has not been executed. It
    has no provision in the answer, but its log lines ("Besluit over delen genomen", the consultation)
    would tell the client what the postponement keeps from them; the decider is warned and may withhold
    it on a ground, as an executed provision under postponement (`met_uitgesteld_informeren`)."""
    return informeren_moment == delen.UITGESTELD and status in NIET_VERSTREKT


def uitsluitreden(
    *,
    betrokkenen: frozenset[str],
    indieners: frozenset[str],
    is_vertegenwoordiger: bool,
    betreft: frozenset[str],
    verborgen_voor: frozenset[str],
    niet_voor_vertegenwoordigers: bool,
) -> str | None:
    """Why an item stays out of the overview, or None. `betrokkenen` and `indieners` are all records of
    the subject and of the requester at the controller (a person may have several). RI-03: the subject's
    own items only; never one hidden for safety from the subject or the requester (DS-13); for a
    representative never one marked "not for representatives" (PE-11). An item naming no one in the
    subject's own dossier concerns the subject."""
    if betreft and not betreft & betrokkenen:
        return "ander_lid"
    if verborgen_voor & (betrokkenen | indieners):
        return "verborgen"
    if is_vertegenwoordiger and niet_voor_vertegenwoordigers:
        return "niet_voor_vertegenwoordigers"
    return None


def item_in_overzicht(**feiten) -> bool:
    return uitsluitreden(**feiten) is None


# Acts whose mere mention would reveal a protection the answer keeps (DS-13, PE-11): not in "who saw my data".
VERZWEGEN_ACTIES = frozenset({"dossier.item_verborgen", "markering.geregistreerd"})


def in_inzagen(actie: str) -> bool:
    """RI-17 with DS-13/PE-11: the audit part lists every act on the person's data except those whose
    mention alone discloses that something was hidden from, or kept confidential towards, someone."""
    return actie not in VERZWEGEN_ACTIES


def portaalhandeling_in_antwoord(
    *, is_vertegenwoordiger: bool, actor_rol: str, namens: dict | None, indieners: frozenset[str]
) -> bool:
    """RI-03, RI-01: a representative's answer leaves out what others did in "Mijn gegevens" about the
    person — the person's own log-ins, requests and revocations (a youth of 12 or older exercises these
    rights alone, without the parent learning of it) and another representative's. The requester's own
    acts stay; staff acts are judged elsewhere."""
    if not is_vertegenwoordiger or actor_rol != "client":
        return True
    return (namens or {}).get("vertegenwoordiger") in indieners


def adres_in_overzicht(geheim_adres: bool, is_vertegenwoordiger: bool) -> bool:
    """PE-03: a secret address — and with it the phone and e-mail that could lead to it — never reaches a
    representative; the person sees their own."""
    return not (geheim_adres and is_vertegenwoordiger)


def inzageregel(*, functie: str, organisatie: str, naam: str, namen_vrijgegeven: bool) -> dict[str, str]:
    """RI-17: who saw the data by function and organisation; a staff name only where the FG decided so
    for this request, with reasons."""
    regel = {"functie": functie or "medewerker", "organisatie": organisatie}
    if namen_vrijgegeven and naam:
        regel["naam"] = naam
    return regel


def naamvermelding_fouten(rollen: Iterable[str], redenen: str) -> list[Fout]:
    """RI-17: only the FG decides to name staff, in a specific case, with reasons."""
    fouten = []
    if "fg" not in set(rollen):
        fouten.append(Fout("E_AC_NOT_AUTHORISED", "naamVermelding", "Alleen de FG besluit dit (RI-17)."))
    if not redenen.strip():
        fouten.append(Fout("E_INVALID_INPUT", "redenen", "Vermeld waarom namen worden genoemd (RI-17)."))
    return fouten


# --- Origin of an item in the inzage answer (RI-05) ---------------------------------------------------

HERKOMST = {
    "eigen_waarneming": "Eigen waarneming van de hulpverlener",
    "client": "Uzelf",
    "derde": "Anderen (bijvoorbeeld school of huisarts)",
    "document": "Documenten",
}


# Items without a recorded source: what the professional made, not something the client said.
HERKOMST_SOORT = {
    "zrmscore": "Beoordeling door de hulpverlener (zelfredzaamheidsmatrix)",
    "plan": "Het plan dat de hulpverlener met u heeft opgesteld",
}


def herkomst(item: dict) -> str:
    """RI-05, GDPR art 15(1)(g): where an item's data came from, in words for the client."""
    if item.get("bronOrganisatie"):  # AC-12: a partner's own system, brought in by its employee
        return f"Het eigen systeem van {item['bronOrganisatie']}, via de medewerker die daar werkt"
    if item.get("bron") in HERKOMST:
        return HERKOMST[item["bron"]]
    return HERKOMST_SOORT.get(item.get("soort", ""), HERKOMST["eigen_waarneming"])
