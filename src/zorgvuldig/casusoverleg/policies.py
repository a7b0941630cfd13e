"""Pure rules of the case-table workflow (SPEC §8, CT-01 … CT-16, RT-08). No database, no request.

The services gather facts into plain values and ask these functions; each answers with the failures
(`Fout`, first one decides the code) or a plain value. Transitions are data (DESIGN §5.4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zorgvuldig.core.kalender import plus_maanden
from zorgvuldig.dossiers.policies import Fout
from zorgvuldig.toestemmingen import policies as cs
from zorgvuldig.verstrekkingen.policies import PLICHT_ONTVANGERS

# --- Table types (SPEC §8 table; CT-01, CT-16) ------------------------------------------------------

SOORTEN = (
    "lokaal_pga",
    "pga_zvh",
    "veiligheidshuis",
    "vroegsignalering",
    "jeugdgroepen",
    "kinderbeschermingstafel",
)
VROEGSIGNALERING = "vroegsignalering"
# Tables whose cases are about safety: only concrete facts, and a jointly kept safety plan (CT-14).
VEILIGHEIDSTAFELS = frozenset({"veiligheidshuis", "kinderbeschermingstafel"})

REQUIRED, INFORM_ONLY = "required", "inform_only"  # casetable.discussion_consent
TOESTEMMINGSMODI = (REQUIRED, INFORM_ONLY)

# The partner's role at the table decides its ground (CT-08): care contributes with consent or a
# sharing ground, police and OM under their own statutes, never on consent.
ZORG, POLITIE, OM, OVERHEID = "zorg", "politie", "om", "overheid"
PARTNERROLLEN = (ZORG, POLITIE, OM, OVERHEID)
WPG_ART20, OM_WET, TOESTEMMING = "wpg_art20", "om_wet", "toestemming"
STATUTAIRE_GROND = {POLITIE: WPG_ART20, OM: OM_WET}

# The SH grounds (SH-03, SH-09); kept here as codes so the rules stay pure.
G1, G4, G5, G6, G7, G8 = (
    "g1_toestemming",
    "g4_wettelijke_bevoegdheid",
    "g5_wettelijke_plicht",
    "g6_conflict_van_plichten",
    "g7_vitaal_belang",
    "g8_verenigbaar_doel",
)
SH_GRONDEN = frozenset(
    {G1, "g2_medebehandeling", "g3_ouderinformatie", G4, G5, G6, G7, G8}
)  # every SH-03 ground
ZONDER_TOESTEMMING_REQUIRED = frozenset({G4, G5, G6, G7})  # SH-09 via `required`


@dataclass(frozen=True)
class Partner:
    organisatie: str  # uuid
    taak: str
    rol: str  # PARTNERROLLEN
    grond: str  # what the role contributes under (CT-16: configuration)


def overlegtype_fouten(
    *,
    naam: str,
    soort: str,
    doel: str,
    grondslag: str,
    criteria: Iterable[str],
    minimumleeftijd: int | None,
    partners: Iterable[Partner],
    toestemmingsmodus: str,
    bewaartermijn_maanden: int | None,
    grondslagen: Iterable[str],
) -> tuple[Fout, ...]:
    """A table type is complete: purpose, basis, criteria, partners with task, role and ground (CT-16)."""
    fouten = []
    if not naam.strip():
        fouten.append(Fout("E_INVALID_INPUT", "naam", "Geef het type een naam."))
    if soort not in SOORTEN:
        fouten.append(Fout("E_INVALID_INPUT", "soort", "Onbekend soort overleg."))
    if not doel.strip():
        fouten.append(Fout("E_INVALID_INPUT", "doel", "Een overleg heeft een omschreven doel (CT-03)."))
    if grondslag not in set(grondslagen):
        fouten.append(Fout("E_INVALID_INPUT", "grondslag", "Kies een grondslag uit AVG art. 6(1) a–f."))
    if not [c for c in criteria if c.strip()]:
        fouten.append(Fout("E_INVALID_INPUT", "criteria", "Noem de criteria voor aanmelding (CT-02)."))
    if minimumleeftijd is None or not 0 <= minimumleeftijd <= 120:
        fouten.append(Fout("E_INVALID_INPUT", "minimumleeftijd", "Minimumleeftijd 0 tot 120 jaar."))
    partners = list(partners)
    if not partners:
        fouten.append(Fout("E_INVALID_INPUT", "partners", "Noem de partners van het overleg."))
    for i, p in enumerate(partners):
        if not p.taak.strip():
            fouten.append(Fout("E_INVALID_INPUT", f"partners.{i}.taak", "Noem de taak van de partner."))
        if p.rol not in PARTNERROLLEN:
            fouten.append(Fout("E_INVALID_INPUT", f"partners.{i}.rol", "Rol: zorg, politie, om of overheid."))
        elif grond_past_bij_rol(p.rol, p.grond) is False:
            fouten.append(
                Fout("E_CT_NO_GROUND", f"partners.{i}.grond", "Deze grond past niet bij de rol (CT-08).")
            )
    if len({p.organisatie for p in partners}) != len(partners):
        fouten.append(Fout("E_INVALID_INPUT", "partners", "Een organisatie staat maar één keer in de lijst."))
    if toestemmingsmodus not in TOESTEMMINGSMODI:
        fouten.append(Fout("E_INVALID_INPUT", "toestemmingsmodus", "Kies required of inform_only."))
    if bewaartermijn_maanden is None or not 1 <= bewaartermijn_maanden <= 240:
        fouten.append(Fout("E_INVALID_INPUT", "bewaartermijnMaanden", "Bewaartermijn 1 tot 240 maanden."))
    return tuple(fouten)


def grond_past_bij_rol(rol: str, grond: str) -> bool:
    """CT-08: police and OM contribute under their own statute, never consent; care and government under
    consent or an SH ground."""
    if rol in STATUTAIRE_GROND:
        return grond == STATUTAIRE_GROND[rol]
    return grond == TOESTEMMING or grond in SH_GRONDEN


def activering_fouten(
    *,
    convenant_actief: bool,
    partner_organisaties: Iterable[str],
    toegetreden: Iterable[str],
    basis_goedgekeurd: bool,
) -> tuple[Fout, ...]:
    """CT-01: only with an active convenant that every partner has acceded to; CT-16: the legal basis and
    the grounds approved by the FG."""
    fouten = []
    if not convenant_actief:
        fouten.append(Fout("E_AC_NOT_SIGNATORY", "convenant", "Het convenant is niet actief (CT-01)."))
    buiten = sorted(set(partner_organisaties) - set(toegetreden))
    if buiten:
        fouten.append(
            Fout(
                "E_AC_NOT_SIGNATORY",
                "partners",
                f"{len(buiten)} partner(s) zijn niet toegetreden tot het convenant (CT-01).",
            )
        )
    if not basis_goedgekeurd:
        fouten.append(
            Fout("E_AC_NOT_AUTHORISED", "grondslag", "De FG keurt grondslag en gronden eerst goed (CT-16).")
        )
    return tuple(fouten)


def basiswijziging(oud: Mapping[str, object], nieuw: Mapping[str, object]) -> bool:
    """CT-16: a change of the legal basis or of a role's ground needs the FG's approval again."""
    return any(oud.get(k) != nieuw.get(k) for k in ("grondslag", "partners", "toestemmingsmodus"))


# --- Phases and states (SPEC §8 Phases and states) -----------------------------------------------------

AANGEMELD, GEACCEPTEERD, AFGEWEZEN = "aangemeld", "geaccepteerd", "afgewezen"
TRIAGE, GEAGENDEERD = "triage", "geagendeerd"
IN_OVERLEG, PLAN_VASTGESTELD, MONITORING, PLAN_HERZIEN = (
    "in_overleg",
    "plan_vastgesteld",
    "monitoring",
    "plan_herzien",
)
AFSCHALING, GESLOTEN = "afschaling", "gesloten"
STATUSSEN = (
    AANGEMELD,
    GEACCEPTEERD,
    AFGEWEZEN,
    TRIAGE,
    GEAGENDEERD,
    IN_OVERLEG,
    PLAN_VASTGESTELD,
    MONITORING,
    PLAN_HERZIEN,
    AFSCHALING,
    GESLOTEN,
)

FASE_INTAKE, FASE_TRIAGE, FASE_OVERLEG, FASE_AFSCHALING = "intake", "triage", "overleg", "afschaling"
FASEN = (FASE_INTAKE, FASE_TRIAGE, FASE_OVERLEG, FASE_AFSCHALING)
FASE_VAN = {
    AANGEMELD: FASE_INTAKE,
    GEACCEPTEERD: FASE_INTAKE,
    AFGEWEZEN: FASE_INTAKE,
    TRIAGE: FASE_TRIAGE,
    GEAGENDEERD: FASE_TRIAGE,
    IN_OVERLEG: FASE_OVERLEG,
    PLAN_VASTGESTELD: FASE_OVERLEG,
    MONITORING: FASE_OVERLEG,
    PLAN_HERZIEN: FASE_OVERLEG,
    AFSCHALING: FASE_AFSCHALING,
    GESLOTEN: FASE_AFSCHALING,
}

PROCES, CASUS = "procesregisseur", "casusregisseur"
# (from, to) → who may move it. Intake and triage are the procesregisseur's; the conference and
# afschaling either director's; closing (handing over, retention) the procesregisseur's (SPEC §8).
TRANSITIES: dict[tuple[str, str], frozenset[str]] = {
    (AANGEMELD, GEACCEPTEERD): frozenset({PROCES}),
    (AANGEMELD, AFGEWEZEN): frozenset({PROCES}),
    (GEACCEPTEERD, TRIAGE): frozenset({PROCES}),
    (TRIAGE, GEAGENDEERD): frozenset({PROCES}),
    (GEAGENDEERD, IN_OVERLEG): frozenset({PROCES, CASUS}),
    (IN_OVERLEG, PLAN_VASTGESTELD): frozenset({PROCES, CASUS}),
    (PLAN_VASTGESTELD, MONITORING): frozenset({PROCES, CASUS}),
    (MONITORING, PLAN_HERZIEN): frozenset({PROCES, CASUS}),
    (PLAN_HERZIEN, MONITORING): frozenset({PROCES, CASUS}),
    (PLAN_VASTGESTELD, AFSCHALING): frozenset({PROCES, CASUS}),
    (MONITORING, AFSCHALING): frozenset({PROCES, CASUS}),
    (PLAN_HERZIEN, AFSCHALING): frozenset({PROCES, CASUS}),
    (AFSCHALING, GESLOTEN): frozenset({PROCES}),
}


def overgang_fout(van: str, naar: str, rollen: Iterable[str]) -> str | None:
    """None when `rollen` (the actor's director roles in this case) may move `van` → `naar`; else the code:
    E_STATE_CONFLICT for a transition that does not exist, E_AC_NOT_AUTHORISED for the wrong person."""
    wie = TRANSITIES.get((van, naar))
    if wie is None:
        return "E_STATE_CONFLICT"
    if not wie & set(rollen):
        return "E_AC_NOT_AUTHORISED"
    return None


def allocatie_afgerond(status: str) -> bool:
    """After the conference the allocation decides what each participant sees (CT-10, CT-12)."""
    return STATUSSEN.index(status) >= STATUSSEN.index(PLAN_VASTGESTELD) if status in STATUSSEN else False


# --- Intake (CT-02, CT-07, CT-08 informing) ----------------------------------------------------------


def intake_fouten(
    *,
    leeftijd: int | None,
    minimumleeftijd: int,
    type_criteria: Iterable[str],
    criteria_toets: Mapping[str, bool],
    client_geinformeerd: bool,
    uitzondering_reden: str,
) -> tuple[Fout, ...]:
    """Accepting records the criteria check (every criterion answered, at least one met), the minimum age
    (`E_CT_MIN_AGE`) and that the resident is informed — or the recorded exception."""
    fouten = []
    if leeftijd is None:
        fouten.append(
            Fout("E_PE_AGE_UNKNOWN", "persoon", "De leeftijd is onbekend; leg de geboortedatum vast.")
        )
    elif leeftijd < minimumleeftijd:
        fouten.append(
            Fout(
                "E_CT_MIN_AGE",
                "persoon",
                f"Jonger dan de minimumleeftijd van {minimumleeftijd} jaar (CT-02).",
            )
        )
    criteria = [c for c in type_criteria if c.strip()]
    onbeantwoord = [c for c in criteria if not isinstance(criteria_toets.get(c), bool)]
    onbekend = [c for c in criteria_toets if c not in criteria]
    if onbeantwoord or onbekend:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "criteriaToets",
                "Beantwoord elk criterium van het type met ja of nee (CT-02).",
            )
        )
    elif not any(criteria_toets[c] for c in criteria):
        fouten.append(
            Fout(
                "E_INVALID_INPUT", "criteriaToets", "Geen criterium vervuld: wijs af met een advies (CT-02)."
            )
        )
    if client_geinformeerd and uitzondering_reden.strip():
        fouten.append(
            Fout("E_INVALID_INPUT", "uitzonderingReden", "Geïnformeerd of een uitzondering, niet beide.")
        )
    elif not client_geinformeerd and len(uitzondering_reden.strip()) < 10:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "clientGeinformeerd",
                "Informeer de betrokkene, of leg concreet vast waarom niet (SPEC §8 Intake).",
            )
        )
    return tuple(fouten)


def afwijzing_fouten(advies: str) -> tuple[Fout, ...]:
    """CT-02: REJECTED records advice to the registrant."""
    if len(advies.strip()) < 10:
        return (Fout("E_INVALID_INPUT", "advies", "Geef de aanmelder een advies bij de afwijzing (CT-02)."),)
    return ()


def weging_fouten(*, soort: str, agenderen: bool | None, advies: str) -> tuple[Fout, ...]:
    """CT-02: early signalling starts with an anonymous weighing: agenda yes/no plus advice."""
    if soort != VROEGSIGNALERING:
        return (Fout("E_STATE_CONFLICT", "soort", "Anoniem wegen hoort bij vroegsignalering (CT-02)."),)
    fouten = []
    if not isinstance(agenderen, bool):
        fouten.append(Fout("E_INVALID_INPUT", "agenderen", "Geef aan of het signaal geagendeerd wordt."))
    if len(advies.strip()) < 10:
        fouten.append(Fout("E_INVALID_INPUT", "advies", "Geef een advies bij de weging (CT-02)."))
    return tuple(fouten)


def persoon_vereist(soort: str, status: str, heeft_persoon: bool) -> bool:
    """CT-02: an early-signalling case stays anonymous until its weighing put it on the agenda and it is
    accepted; every other case names its person from registration."""
    if heeft_persoon:
        return False
    return soort != VROEGSIGNALERING or status != AANGEMELD


def clientbetrokkenheid_fouten(wijze: str, reden_niet: str) -> tuple[Fout, ...]:
    """CT-07: how the client is involved, or why not (e.g. safety) — one of the two."""
    if bool(wijze.strip()) == bool(reden_niet.strip()):
        return (
            Fout(
                "E_INVALID_INPUT",
                "clientBetrokkenheid",
                "Leg vast hoe de cliënt betrokken wordt, of waarom niet (CT-07).",
            ),
        )
    return ()


# --- Participants (CT-04, CT-05, CT-06) ----------------------------------------------------------------

EIGEN_TAAK, ADVISEUR, INFORMANT = "eigen_taak", "adviseur", "informant"
DEELNEMERROLLEN = (EIGEN_TAAK, ADVISEUR, INFORMANT)
# CT-06: the roles in words, as the grant's reason and the pages name them.
DEELNEMERROL_NAMEN = {EIGEN_TAAK: "eigen taak", ADVISEUR: "adviseur", INFORMANT: "informant"}
# Parties are invited once the intake accepted the case (CT-02) and until afschaling.
UITNODIGEN_IN = frozenset({TRIAGE, GEAGENDEERD, IN_OVERLEG, PLAN_VASTGESTELD, MONITORING, PLAN_HERZIEN})


def deelnamereden(rol: str, reden: str) -> str:
    """CT-04/CT-06: the reason on a participant's grant (AC-02): the role in words, then why the party is
    needed; at most 500 characters, as the grant's field."""
    return f"Deelnemer ({DEELNEMERROL_NAMEN.get(rol, rol)}): {reden}"[:500]


def leesbare_toegangsreden(reden: str) -> str:
    """A grant's reason for a page: grants made before `deelnamereden` named the role by its code
    ("Deelnemer (eigen_taak): …"); those show the role in words too. Any other reason is unchanged."""
    for rol, naam in DEELNEMERROL_NAMEN.items():
        oud = f"Deelnemer ({rol}): "
        if reden.startswith(oud):
            return f"Deelnemer ({naam}): {reden.removeprefix(oud)}"
    return reden


def uitnodiging_fouten(
    *,
    rol: str,
    reden: str,
    vraag: str,
    is_partner: bool,
    toegetreden: bool,
    al_uitgenodigd: bool,
    status: str,
) -> tuple[Fout, ...]:
    """CT-04: only parties the case needs, each with its reason; AC-01: a signatory of the convenant;
    CT-06: an explicit role, and an informant gets a question."""
    fouten = []
    if status not in UITNODIGEN_IN:
        # before the intake decided, nobody is shown the person (CT-02); afterwards the table is closed
        fouten.append(
            Fout("E_STATE_CONFLICT", "status", "Uitnodigen kan vanaf de triage tot de afschaling (CT-04).")
        )
    if rol not in DEELNEMERROLLEN:
        fouten.append(Fout("E_INVALID_INPUT", "rol", "Rol: eigen_taak, adviseur of informant (CT-06)."))
    if len(reden.strip()) < 10:
        fouten.append(Fout("E_INVALID_INPUT", "reden", "Leg vast waarom deze partij nodig is (CT-04)."))
    if rol == INFORMANT and not vraag.strip():
        fouten.append(
            Fout("E_INVALID_INPUT", "vraag", "Een informant krijgt de vraag die hem gesteld wordt.")
        )
    if not is_partner:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "organisatie",
                "Deze organisatie is geen partner van dit type overleg (CT-04).",
            )
        )
    if not toegetreden:
        fouten.append(
            Fout(
                "E_AC_NOT_SIGNATORY",
                "organisatie",
                "De organisatie is niet toegetreden tot het convenant (AC-01).",
            )
        )
    if al_uitgenodigd:
        fouten.append(Fout("E_INVALID_INPUT", "organisatie", "Deze deelnemer is al uitgenodigd."))
    return tuple(fouten)


TRIAGE_VELDEN = frozenset({"bekend", "contact"})
CONTACT_VELDEN = frozenset({"naam", "email", "telefoon"})


def triage_antwoord_fouten(antwoord: Mapping[str, object], status: str) -> tuple[Fout, ...]:
    """CT-05: triage asks only "do you know or are you involved with the person", plus a contact."""
    fouten = []
    if status != TRIAGE:
        fouten.append(Fout("E_STATE_CONFLICT", "status", "Alleen tijdens de triage (CT-05)."))
    for veld in sorted(set(antwoord) - TRIAGE_VELDEN):
        fouten.append(
            Fout("E_INVALID_INPUT", veld, "De triage vraagt alleen of u betrokken bent en een contact.")
        )
    if not isinstance(antwoord.get("bekend"), bool):
        fouten.append(Fout("E_INVALID_INPUT", "bekend", "Geef aan of u de persoon kent of betrokken bent."))
    contact = antwoord.get("contact")
    if contact is not None:
        if not isinstance(contact, Mapping):
            fouten.append(Fout("E_INVALID_INPUT", "contact", "Contact: naam, e-mail, telefoon."))
        else:
            for veld in sorted(set(contact) - CONTACT_VELDEN):
                fouten.append(
                    Fout("E_INVALID_INPUT", f"contact.{veld}", "Contact: alleen naam, e-mail, telefoon.")
                )
    if antwoord.get("bekend") is True and not (
        isinstance(contact, Mapping) and str(contact.get("naam", "")).strip()
    ):
        fouten.append(Fout("E_INVALID_INPUT", "contact.naam", "Noem de contactpersoon als u betrokken bent."))
    return tuple(fouten)


# What a participant sees of the case (CT-06) — the directors see it all.
VOLLEDIG, PSEUDONIEM, ALLEEN_VRAAG = "volledig", "pseudoniem", "alleen_vraag"


def zicht(rol: str | None, is_regisseur: bool) -> str | None:
    """CT-06: OWN_TASK sees the case; ADVISOR a pseudonymised case; INFORMANT only the identification and
    its question; nobody else anything (None)."""
    if is_regisseur:
        return VOLLEDIG
    return {EIGEN_TAAK: VOLLEDIG, ADVISEUR: PSEUDONIEM, INFORMANT: ALLEEN_VRAAG}.get(rol or "")


def mag_bijdragen(rol: str | None, is_regisseur: bool, status: str) -> str | None:
    """Who may contribute when. In triage only the directors outline the problem; the parties answer
    only the triage question (CT-05). From the conference on (and again while monitoring or revising the
    plan, when new items need a new allocation) a participant with its own task or an advisor; an
    informant answers its question during the conference. None, or the refusal code."""
    if status not in (TRIAGE, GEAGENDEERD, IN_OVERLEG, MONITORING, PLAN_HERZIEN):
        return "E_STATE_CONFLICT"
    if is_regisseur:
        return None
    if status in (TRIAGE, GEAGENDEERD):
        return "E_STATE_CONFLICT" if rol in DEELNEMERROLLEN else "E_AC_NOT_AUTHORISED"
    if rol in (EIGEN_TAAK, ADVISEUR):
        return None
    if rol == INFORMANT:
        return None if status == IN_OVERLEG else "E_STATE_CONFLICT"
    return "E_AC_NOT_AUTHORISED"


# --- Contributions (CT-03, CT-08 … CT-11, CT-14) --------------------------------------------------------

ACTIEF, BEPERKT, INGETROKKEN = "actief", "beperkt", "ingetrokken"
BIJDRAGESTATUSSEN = (ACTIEF, BEPERKT, INGETROKKEN)
FEIT, GEBEURTENIS, MENING, CLIENT_VISIE = "feit", "gebeurtenis", "mening", "client_visie"
BIJDRAGESOORTEN = (FEIT, GEBEURTENIS, MENING, CLIENT_VISIE)
BRONNEN = ("eigen_waarneming", "client", "derde", "document", "registratie")


def fase_sleutel(fase: str, doelversie: int) -> str:
    return f"{fase}:{doelversie}"


def bijdrage_zichtbaar_in_fase(
    *, fase: str, doelversie: int, bevestigd_voor: str, huidige_fase: str, huidige_doelversie: int
) -> bool:
    """CT-03: a contribution serves the phase and purpose it was made for; in a later phase, or after the
    purpose changed, it shows only once the procesregisseur re-confirmed it for the current one."""
    huidig = fase_sleutel(huidige_fase, huidige_doelversie)
    return fase_sleutel(fase, doelversie) == huidig or bevestigd_voor == huidig


@dataclass(frozen=True)
class Bijdragefeit:
    partnerrol: str  # the contributor's role at this table (ZORG, POLITIE, OM, OVERHEID)
    grond: str  # toestemming | an SH ground | wpg_art20 | om_wet
    toestemming_geldig: bool  # a valid consent of the person covering this table
    geheimhouder: bool  # the contributor is bound by professional secrecy
    deelbesluit_doorstaan: bool  # a sharing decision that passed SH-03 for this contribution
    bijzonder: bool
    noodzaak: str  # why the contributor's own task needs it (CT-09)
    soort: str
    bron: str
    veiligheidszaak: bool
    toestemmingsmodus: str
    # why the consent does not cover this table (`toestemming_tafel_fouten`), and why the sharing decision
    # does not carry a G4–G7 ground here (`deelbesluit_tafel_fouten`)
    toestemming_fouten: tuple[Fout, ...] = ()
    deelbesluit_fouten: tuple[Fout, ...] = ()


def bijdrage_fouten(f: Bijdragefeit) -> tuple[Fout, ...]:
    """CT-08, CT-09, CT-14: the ground recorded per contribution and participant role; a care role only
    what its task needs, secrecy-bound only through a passed sharing decision; facts in safety cases."""
    fouten = []
    if f.soort not in BIJDRAGESOORTEN:
        fouten.append(
            Fout("E_DS_NOTE_TYPE", "soort", "Kies feit, gebeurtenis, mening of visie van de cliënt.")
        )
    elif f.veiligheidszaak and f.soort not in (FEIT, GEBEURTENIS):
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "soort",
                "In een veiligheidszaak alleen concrete feiten en gebeurtenissen (CT-14).",
            )
        )
    if f.bron not in BRONNEN:
        fouten.append(Fout("E_DS_NOTE_TYPE", "bron", "Geef de bron van de bijdrage (DS-07)."))
    fouten.extend(grond_fouten(f))
    if f.partnerrol == ZORG and len(f.noodzaak.strip()) < 10:
        fouten.append(
            Fout("E_INVALID_INPUT", "noodzaak", "Leg vast waarom uw eigen taak dit vraagt (CT-09).")
        )
    return tuple(fouten)


def grond_fouten(f: Bijdragefeit) -> tuple[Fout, ...]:
    """CT-08: police and OM under their statute, never consent; care (and government) under consent or,
    per the table's consent mode, G4–G7 (`required`) or any SH ground (`inform_only`). Secrecy-bound and
    without consent, SH-03 is passed through a sharing decision (`E_SH_RECIPIENT_TASK_ONLY`)."""
    if f.partnerrol in STATUTAIRE_GROND:
        if f.grond != STATUTAIRE_GROND[f.partnerrol]:
            return (
                Fout(
                    "E_CT_NO_GROUND",
                    "grond.soort",
                    "Politie en OM brengen in op hun eigen wettelijke grond, nooit op toestemming (CT-08).",
                ),
            )
        return ()
    fouten: list[Fout] = []
    if f.grond in (TOESTEMMING, G1):
        if f.toestemming_fouten:
            fouten.extend(f.toestemming_fouten)
        elif not f.toestemming_geldig:
            fouten.append(
                Fout(
                    "E_CT_NO_GROUND",
                    "grond.toestemming",
                    "Er is geen geldige toestemming voor dit overleg (CT-08).",
                )
            )
    elif f.toestemmingsmodus == REQUIRED and f.grond not in ZONDER_TOESTEMMING_REQUIRED:
        fouten.append(
            Fout("E_CT_NO_GROUND", "grond.soort", "Zonder toestemming alleen op grond G4–G7 (CT-08, SH-09).")
        )
    elif f.toestemmingsmodus == INFORM_ONLY and f.grond not in SH_GRONDEN:
        fouten.append(Fout("E_CT_NO_GROUND", "grond.soort", "Kies een grond uit SH-03 (CT-08)."))
    # A secrecy-bound contributor passes SH-03 by the person's consent, or else through a sharing decision
    # that weighed class and ground (CT-09).
    if (
        f.geheimhouder
        and not f.deelbesluit_doorstaan
        and not (f.grond in (TOESTEMMING, G1) and f.toestemming_geldig)
    ):
        fouten.append(
            Fout(
                "E_SH_RECIPIENT_TASK_ONLY",
                "grond.deelbesluit",
                "Een geheimhouder brengt in via een deelbesluit dat SH-03 doorstaat (CT-09).",
            )
        )
    fouten.extend(f.deelbesluit_fouten)
    return tuple(fouten)


# --- What a ground rests on: the consent or the sharing decision (CT-08, CT-09; CS-02, CS-03; SH §7) -----

# G5 is a duty towards Veilig Thuis, the RvdK, a GI or a Participatiewet inspector only (SPEC §7 G5).
PLICHTONTVANGERS = frozenset(PLICHT_ONTVANGERS.values())


def _naam(waarde: str | None) -> str:
    return " ".join((waarde or "").casefold().split())


@dataclass(frozen=True)
class Lezer:
    """An organisation at the table that reads a contribution of another: the host (its directors) or a
    participant with its own task or as advisor (CT-06; an informant reads only its own question)."""

    organisatie: str  # uuid
    naam: str
    soort: str = ""  # organisation type (verstrekkingen vocabulary)


def toestemming_tafel_fouten(
    t: cs.Toestemmingsfeit | None,
    *,
    zelfde_persoon: bool,
    tafelnaam: str,
    lezers: Iterable[Lezer],
    doel: str,
    gegevens: frozenset[str],
    bijzonder: bool,
    vandaag: dt.date,
) -> tuple[Fout, ...]:
    """CT-08 with CS-02/CS-03: a contribution on consent needs a consent of the contributor's own registry,
    of this person, valid today and written, that covers the table: it names every organisation that reads
    the contribution (or the table itself, by its type's name: the FG-approved partners of its convenant,
    CT-01, CT-16), the table's processing activity as its purpose, and every data category contributed;
    explicit for special categories or a secrecy release (CS-04). The registry's own `dekt` names the gap."""
    veld = "grond.toestemming"
    if t is None or not zelfde_persoon:
        return (Fout("E_CT_NO_GROUND", veld, "Er is geen geldige toestemming voor dit overleg (CT-08)."),)
    if cs.status_op(t.status, t.geldig_tot, vandaag) != cs.GEGEVEN:
        return (Fout("E_CT_NO_GROUND", veld, "Deze toestemming geldt vandaag niet (meer) (CT-08)."),)
    if not gegevens:
        return (
            Fout(
                cs.E_CS_NOT_SPECIFIC,
                "gegevenscategorieen",
                "Noem welke soorten gegevens u inbrengt; de toestemming moet ze dekken (CS-02).",
            ),
        )
    tafel = _naam(tafelnaam)
    noemt_tafel = bool(tafel) and any(_naam(o.naam) == tafel for o in t.ontvangers)
    # Recipients the consent must name: each reader, or the table's own name for all of them. With no
    # other reader (yet) the rest of the consent (purpose, data, form) is still weighed, against a
    # recipient it names.
    genoemd = next((o.organisatie or o.naam for o in t.ontvangers if o.genoemd()), None) or tafelnaam
    ontvangers = [tafelnaam] if noemt_tafel else [lezer.organisatie for lezer in lezers] or [genoemd]
    namen = {lezer.organisatie: lezer.naam for lezer in lezers}
    for ontvanger in ontvangers:
        gat = cs.dekt(
            t, ontvanger=ontvanger, doel=doel, gegevens=gegevens, vandaag=vandaag, bijzonder=bijzonder
        )
        if gat is None:
            continue
        if gat.naam == "ontvangers":
            wie = namen.get(ontvanger) or ontvanger
            reden = (
                f"De toestemming noemt {wie} niet als ontvanger, maar {wie} leest aan deze tafel mee "
                "(CS-02, CT-08)."
            )
        elif gat.naam == "doel":
            reden = "De toestemming geldt niet voor het doel van dit overleg (CS-02, CT-08)."
        elif gat.naam == "gegevenscategorieen":
            reden = gat.reden.replace("(CS-03)", "(CS-02, CT-08)")
        else:
            reden = gat.reden
        code = "E_CT_NO_GROUND" if gat.naam in ("soort", "vorm") else gat.code
        return (Fout(code, veld if gat.naam != "gegevenscategorieen" else "gegevenscategorieen", reden),)
    return ()


@dataclass(frozen=True)
class Deelbesluitfeit:
    """The contributor's own sharing decision as far as the table needs it."""

    over_persoon: bool  # its dossier concerns the case's person
    doorstaan: bool  # DECIDED or executed, to share wholly or partly
    grond: str  # its SH ground
    ontvanger: str | None  # uuid of its recipient organisation
    ontvanger_type: str  # its recipient's type (verstrekkingen vocabulary)


def deelbesluit_tafel_fouten(
    grond: str,
    d: Deelbesluitfeit | None,
    *,
    eigen: str,
    aan_tafel: Mapping[str, str],
    geconfigureerd: bool,
) -> tuple[Fout, ...]:
    """CT-08, SH-09: a care or government contribution on G4–G7 rests on the contributor's own sharing
    decision — decided or executed, about this person, on the same ground, addressed to an organisation
    at the table (`aan_tafel`: uuid → type, the host and the participants) other than its own. Only the
    ground the FG approved for the contributor's role at this table (`geconfigureerd`, CT-16) needs none.
    G5 is a duty towards Veilig Thuis, the RvdK, a GI or a Participatiewet inspector: only when one sits at
    the table, and a decision on it must be addressed to that party."""
    if grond not in ZONDER_TOESTEMMING_REQUIRED:
        return ()
    veld = "grond.deelbesluit"
    fouten = []
    plicht_aan_tafel = any(soort in PLICHTONTVANGERS for org, soort in aan_tafel.items() if org != eigen)
    if grond == G5 and not plicht_aan_tafel:
        fouten.append(
            Fout(
                "E_CT_NO_GROUND",
                "grond.soort",
                "G5 (wettelijke plicht) geldt alleen tegenover Veilig Thuis, de Raad voor de "
                "Kinderbescherming, een gecertificeerde instelling of een toezichthouder, en die zit niet "
                "aan deze tafel (CT-08).",
            )
        )
    if d is None:
        if not geconfigureerd:
            fouten.append(
                Fout(
                    "E_CT_NO_GROUND",
                    veld,
                    "Zonder toestemming brengt u in op een deelbesluit van uw organisatie met deze grond "
                    "(CT-08, SH-09).",
                )
            )
        return tuple(fouten)
    if not (d.over_persoon and d.doorstaan):
        fouten.append(
            Fout(
                "E_CT_NO_GROUND",
                veld,
                "Kies een besloten of uitgevoerd deelbesluit over deze persoon (CT-08).",
            )
        )
    if d.grond != grond:
        fouten.append(
            Fout("E_CT_NO_GROUND", veld, "Het deelbesluit rust op een andere grond dan u kiest (CT-08).")
        )
    if d.ontvanger is None or d.ontvanger == eigen or d.ontvanger not in aan_tafel:
        fouten.append(
            Fout(
                "E_CT_NO_GROUND",
                veld,
                "De ontvanger van het deelbesluit zit niet aan deze tafel (CT-08).",
            )
        )
    elif grond == G5 and d.ontvanger_type not in PLICHTONTVANGERS:
        fouten.append(
            Fout(
                "E_CT_NO_GROUND",
                veld,
                "Het deelbesluit op G5 is niet gericht aan een partij met een wettelijke plicht (CT-08).",
            )
        )
    return tuple(fouten)


def intrekken_fout(*, is_bijdrager: bool, status_bijdrage: str, toegedeeld: bool) -> str | None:
    """CT-10: the contributor may restrict or withdraw until allocation."""
    if not is_bijdrager:
        return "E_AC_NOT_AUTHORISED"
    if status_bijdrage == INGETROKKEN or toegedeeld:
        return "E_STATE_CONFLICT"
    return None


@dataclass(frozen=True)
class Bijdragezicht:
    eigen: bool  # the viewer's organisation contributed it
    status: str
    beperkt_tot: frozenset[str]  # participant uuids it is restricted to
    in_fase: bool  # CT-03
    toegedeeld_aan_kijker: bool  # CT-12
    gearchiveerd: bool  # RT-08


def bijdrage_zichtbaar(
    z: Bijdragezicht,
    *,
    zicht_: str | None,
    deelnemer: str | None,
    is_regisseur: bool,
    is_fg: bool,
    status: str,
    is_procesregisseur: bool,
) -> bool:
    """What one viewer sees of one contribution.

    RT-08: archived, only the procesregisseur and the FG. The contributor sees its own. CT-12: after the
    allocation only what was allocated to the viewer (a director sees the file). Before it: the items of
    the current phase and purpose (CT-03) — earlier ones only the procesregisseur, who re-confirms them —,
    not withdrawn, within a restriction (CT-10), and never for an informant, who sees only its question
    (CT-06).
    """
    if z.gearchiveerd:
        return is_fg or is_procesregisseur
    if z.eigen:
        return True
    if z.status == INGETROKKEN:
        return False
    if allocatie_afgerond(status):
        return z.toegedeeld_aan_kijker or is_regisseur
    if zicht_ not in (VOLLEDIG, PSEUDONIEM):
        return False
    if not z.in_fase:
        return is_procesregisseur
    if z.status == BEPERKT:
        return is_regisseur or (deelnemer is not None and deelnemer in z.beperkt_tot)
    return True


# --- Allocation (CT-12) and the conference's end (CT-13) ------------------------------------------------


def toedeling_fouten(
    *, ontvanger_rol: str, bijdragen_status: Iterable[str], status: str, aantal: int
) -> tuple[Fout, ...]:
    """CT-12: during the conference, to a participant with its own part of the plan, of active items."""
    fouten = []
    if status not in (IN_OVERLEG, PLAN_HERZIEN):
        fouten.append(
            Fout("E_STATE_CONFLICT", "status", "Toedelen gebeurt aan het eind van het overleg (CT-12).")
        )
    if ontvanger_rol != EIGEN_TAAK:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "deelnemer",
                "Alleen een deelnemer met een eigen taak krijgt gegevens toegedeeld.",
            )
        )
    if aantal == 0:
        fouten.append(
            Fout("E_INVALID_INPUT", "bijdragen", "Kies de bijdragen die deze deelnemer nodig heeft.")
        )
    if any(s == INGETROKKEN for s in bijdragen_status):
        fouten.append(
            Fout("E_INVALID_INPUT", "bijdragen", "Een ingetrokken bijdrage kan niet worden toegedeeld.")
        )
    return tuple(fouten)


def plan_fouten(
    *,
    plan: str,
    informeert_client: bool,
    deelbaar_met_client: str,
    toedelingen: int,
    open_goedkeuringen: int,
) -> tuple[Fout, ...]:
    """Adopting the plan ends the conference: a plan, an allocation every contributor approved (CT-12),
    and who informs the client with what may be shared (CT-13)."""
    fouten = []
    if len(plan.strip()) < 10:
        fouten.append(Fout("E_INVALID_INPUT", "plan", "Leg het plan vast."))
    if toedelingen == 0:
        fouten.append(
            Fout("E_INVALID_INPUT", "toedelingen", "Het overleg eindigt met een toedeling (CT-12).")
        )
    if open_goedkeuringen:
        fouten.append(
            Fout(
                "E_STATE_CONFLICT",
                "toedelingen",
                f"{open_goedkeuringen} bijdrage(n) wachten op goedkeuring van de inbrenger (CT-12).",
            )
        )
    if not informeert_client:
        fouten.append(
            Fout("E_INVALID_INPUT", "informeertClient", "Leg vast wie de cliënt informeert (CT-13).")
        )
    if not deelbaar_met_client.strip():
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "deelbaarMetClient",
                "Leg vast wat met de cliënt gedeeld mag worden (CT-13).",
            )
        )
    return tuple(fouten)


def veiligheidsplan_fouten(soort: str, afspraken: Iterable[Mapping[str, object]]) -> tuple[Fout, ...]:
    """CT-14: agreements of a safety case are concrete: who does what by when."""
    fouten = []
    if soort not in VEILIGHEIDSTAFELS:
        fouten.append(
            Fout("E_STATE_CONFLICT", "soort", "Een veiligheidsplan hoort bij een veiligheidstafel (CT-14).")
        )
    afspraken = list(afspraken)
    if not afspraken:
        fouten.append(Fout("E_INVALID_INPUT", "afspraken", "Een veiligheidsplan heeft afspraken."))
    for i, a in enumerate(afspraken):
        for veld in ("wie", "wat", "wanneer"):
            if not str(a.get(veld) or "").strip():
                fouten.append(
                    Fout("E_INVALID_INPUT", f"afspraken.{i}.{veld}", "Wie doet wat wanneer (CT-14).")
                )
    return tuple(fouten)


# --- Afschaling and closing (CT-15, RT-08) --------------------------------------------------------------


@dataclass(frozen=True)
class Overdrachtfeit:
    bijdrage_bekend: bool
    deelbesluit_bekend: bool
    deelbesluit_uitgevoerd: bool
    deelbesluit_van_inbrenger: bool
    ontvanger_is_overnemer: bool


def afsluit_fouten(
    *, status: str, overnemende_partij: bool, overdracht: Iterable[Overdrachtfeit]
) -> tuple[Fout, ...]:
    """CT-15: DE_ESCALATION → CLOSED needs the taking-over party and the items for transfer, each a
    sharing decision of its contributor executed towards that party."""
    fouten = []
    if status != AFSCHALING:
        fouten.append(Fout("E_STATE_CONFLICT", "status", "Sluiten kan alleen vanuit afschaling (CT-15)."))
    if not overnemende_partij:
        fouten.append(Fout("E_INVALID_INPUT", "overnemendePartij", "Noem de partij die overneemt (CT-15)."))
    for i, o in enumerate(overdracht):
        if not o.bijdrage_bekend:
            fouten.append(Fout("E_INVALID_INPUT", f"overdracht.{i}.bijdrage", "Onbekende bijdrage."))
        if not (o.deelbesluit_bekend and o.deelbesluit_uitgevoerd):
            fouten.append(
                Fout(
                    "E_INVALID_INPUT",
                    f"overdracht.{i}.deelbesluit",
                    "Elke overdracht is een uitgevoerd deelbesluit (CT-15).",
                )
            )
        elif not o.deelbesluit_van_inbrenger or not o.ontvanger_is_overnemer:
            fouten.append(
                Fout(
                    "E_INVALID_INPUT",
                    f"overdracht.{i}.deelbesluit",
                    "Het deelbesluit is van de inbrenger, gericht aan de overnemende partij (CT-10, CT-15).",
                )
            )
    return tuple(fouten)


def bewaren_tot(gesloten_op: dt.date, bewaartermijn_maanden: int) -> dt.date:
    """RT-08: the joint file's items that were not transferred are kept the type's term after closing."""
    return plus_maanden(gesloten_op, bewaartermijn_maanden)


# --- Meeting support ------------------------------------------------------------------------------------

HERINNERING_DAGEN = 3


def herinnering_nodig(
    *, deadline: dt.date, gereed: bool, vandaag: dt.date, al_herinnerd: dt.date | None
) -> bool:
    """An open action is reminded from three days before its due date, at most once a day."""
    if gereed or vandaag < deadline - dt.timedelta(days=HERINNERING_DAGEN):
        return False
    return al_herinnerd is None or al_herinnerd < vandaag


# --- The six table types of SPEC §8 as ready-made templates ------------------------------------------
# A template fills purpose, criteria, minimum age, consent mode and retention; the host adds its partners
# (organisations with task, role and ground) and the convenant, and the FG approves the basis (CT-16).

SJABLONEN: dict[str, dict] = {
    "lokaal_pga": {
        "naam": "Lokale persoonsgerichte aanpak (PGA)",
        "doel": "Recidive van probleemgedrag voorkomen door een gezamenlijke persoonsgerichte aanpak.",
        "grondslag": "e",
        "criteria": [
            "Minstens twee politieregistraties in de afgelopen twaalf maanden",
            "Sociale of zorgproblematiek",
        ],
        "minimumleeftijd": 12,
        "toestemmingsmodus": REQUIRED,
        "bewaartermijn_maanden": 24,
        "partnerrollen": [OVERHEID, POLITIE, OVERHEID, ZORG],
    },
    "pga_zvh": {
        "naam": "PGA Zorg- en Veiligheidshuis",
        "doel": "Recidiverende criminaliteit, ernstige overlast en onveiligheid aanpakken met straf- of "
        "bestuursrecht en zorg.",
        "grondslag": "e",
        "criteria": [
            "Recidiverende criminaliteit of ernstige overlast",
            "Straf- of bestuursrecht én zorg nodig",
        ],
        "minimumleeftijd": 12,
        "toestemmingsmodus": INFORM_ONLY,
        "bewaartermijn_maanden": 24,
        "partnerrollen": [OM, POLITIE, ZORG, OVERHEID],
    },
    "veiligheidshuis": {
        "naam": "Casusoverleg Veiligheidshuis",
        "doel": "Complexe problematiek van verdachten, overlast, huiselijk geweld, nazorg ex-gedetineerden, "
        "radicalisering of ernstig gevaar door een stoornis gezamenlijk aanpakken.",
        "grondslag": "e",
        "criteria": [
            "Verdachte met complexe problematiek",
            "Ernstige overlast",
            "Huiselijk geweld",
            "Nazorg ex-gedetineerde",
            "Radicalisering",
            "Ernstig gevaar door psychiatrische of persoonlijkheidsstoornis of verstandelijke beperking",
        ],
        "minimumleeftijd": 12,
        "toestemmingsmodus": INFORM_ONLY,
        "bewaartermijn_maanden": 24,
        "partnerrollen": [OVERHEID, POLITIE, OM, OVERHEID, ZORG],
    },
    "vroegsignalering": {
        "naam": "Vroegsignalering",
        "doel": "Signalen wegen en naar de juiste partij leiden; vooral dat-gegevens.",
        "grondslag": "e",
        "criteria": ["Signaal van zorg dat om afstemming vraagt"],
        "minimumleeftijd": 0,
        "toestemmingsmodus": REQUIRED,
        "bewaartermijn_maanden": 12,
        "partnerrollen": [OVERHEID, ZORG],
    },
    "jeugdgroepen": {
        "naam": "Aanpak problematische jeugdgroepen",
        "doel": "Problematisch groepsgedrag aanpakken; alleen wat convenantpartners hebben, geen individuele "
        "analyses met zorgpartners; leden via een schakelpersoon doorgeleid.",
        "grondslag": "e",
        "criteria": ["Lid van een problematische jeugdgroep"],
        "minimumleeftijd": 12,
        "toestemmingsmodus": INFORM_ONLY,
        "bewaartermijn_maanden": 24,
        "partnerrollen": [POLITIE, OVERHEID, OM, OVERHEID],
    },
    "kinderbeschermingstafel": {
        "naam": "Kinderbeschermingstafel",
        "doel": "Besluiten of een procedure voor een kinderbeschermingsmaatregel start; veiligheidsplan.",
        "grondslag": "e",
        "criteria": ["Zorgen over de veiligheid van een kind die vrijwillige hulp niet wegneemt"],
        "minimumleeftijd": 0,
        "toestemmingsmodus": INFORM_ONLY,
        "bewaartermijn_maanden": 60,
        "partnerrollen": [OVERHEID, OVERHEID, OVERHEID],
    },
}
