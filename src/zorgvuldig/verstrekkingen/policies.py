"""Pure rules of sharing decisions, "mag ik delen?" (SPEC §7, SH-01 … SH-21, grounds G1–G8; API §2.6).

No database, no Django, no request, no clock: every date rule takes `vandaag` (Europe/Amsterdam) or the
dates it needs, so the same answers always give the same result (SH-21) and tests pin time.

Three layers:
- `toets(v)`: the eight wizard steps, each ok or with its code (API `toetsing`);
- `grond_fouten(v, vandaag)`: what the chosen ground (G1–G8) and the procedure (SH-03, SH-09, SH-17)
  additionally demand;
- `besluit_fouten(...)`: `_besluiten`; refusing needs only reasons, sharing needs everything.

Direction `opvragen` (asking a third party, SH-01) uses the same steps with these differences:
step 1 also needs the request's purpose and context (SH-06, `E_SH_NO_PURPOSE`); step 2 records no
recipient basis (we are the recipient) and a public body asks only for a statutory task, basis (c) or (e)
(GP-03); step 3 asks the client first (SH-07) unless the client consented (G1) or it is statutory
enrichment (SH-17); steps 7 and 8 judge what *leaves* the dossier and pass (requested data are typed on
receipt, DS-07); consultation (SH-09), class (SH-03) and SH-18 concern providing and do not apply;
enrichment (SH-17) and the medical-request rule (CS-04) apply only here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from zorgvuldig.core.kalender import plus_werkdagen
from zorgvuldig.dossiers.policies import BRONNEN as _NOTITIE_BRONNEN
from zorgvuldig.toestemmingen.policies import BIJZONDERE_CATEGORIEEN as _CS_BIJZONDER

# --- Vocabulary (API §2.6, §2.1) -------------------------------------------------------------------

VERSTREKKEN, OPVRAGEN = "verstrekken", "opvragen"

GEMEENTELIJK_TEAM = "gemeentelijk_team"
JEUGDHULP = "jeugdhulp"
WGBO_ZORG = "wgbo_zorg"
SCHOOL = "school"
VEILIG_THUIS = "veilig_thuis"
RAAD = "raad_kinderbescherming"
GI = "gecertificeerde_instelling"
POLITIE_OM = "politie_om"
OVERIG = "overig"
TOEZICHTHOUDER = "toezichthouder"
PERSOON = "persoon"

# GP-03: a municipality, Veilig Thuis, RvdK or GI is a public body, whatever its `bestuursorgaan` flag.
PUBLIEKE_TYPEN = frozenset({GEMEENTELIJK_TEAM, VEILIG_THUIS, RAAD, GI})
# SH-17: only these may enrich (collect from third parties without consent).
VERRIJKERS = frozenset({VEILIG_THUIS, RAAD, GI})

GRONDSLAGEN = ("a", "b", "c", "d", "e", "f")  # GP-03
GRONDSLAG_F = "f"
WETTELIJKE_TAAK_GRONDSLAGEN = frozenset({"c", "e"})  # GP-03: a public body asks only for a statutory task
KLASSE_A, KLASSE_B, KLASSE_C = "a", "b", "c"

G1 = "g1_toestemming"
G2 = "g2_medebehandeling"
G3 = "g3_ouderinformatie"
G4 = "g4_wettelijke_bevoegdheid"
G5 = "g5_wettelijke_plicht"
G6 = "g6_conflict_van_plichten"
G7 = "g7_vitaal_belang"
G8 = "g8_verenigbaar_doel"
ALLE_GRONDEN = (G1, G2, G3, G4, G5, G6, G7, G8)
# Everything but a consent record is "without consent" (SH-10, SH-14): G2/G3 rest on a rule, not on a
# consent the client gave for this share, so the client still hears of it and reasons are recorded.
ZONDER_TOESTEMMING = frozenset(ALLE_GRONDEN) - {G1}
# SH-03: class C (recipient's task only) is open only to a statutory, necessity or compatibility ground.
KLASSE_C_GRONDEN = frozenset({G4, G5, G6, G7, G8})
# SH-09: shares that need the leidinggevende consulted first.
CONSULTATIE_GRONDEN = frozenset({G5, G6, G7})

# SH-08 exceptions and the grounds each one fits.
UITDRUKKELIJKE_TOESTEMMING, WETTELIJKE_TAAK = "uitdrukkelijke_toestemming", "wettelijke_taak"
UITZONDERING_G6, UITZONDERING_G7 = "g6", "g7"
UITZONDERING_GRONDEN: dict[str, frozenset[str]] = {
    UITDRUKKELIJKE_TOESTEMMING: frozenset({G1}),
    # A statutory task that provides for the processing: only grounds that rest on a statute.
    WETTELIJKE_TAAK: frozenset({G4, G5}),
    UITZONDERING_G6: frozenset({G6}),
    UITZONDERING_G7: frozenset({G7}),
}
# SPEC §5 "S" plus GDPR art 9/10 categories: one list with the consent registry, so an item the registry
# treats as special is special here too (and the other way round).
BIJZONDERE_CATEGORIEEN = _CS_BIJZONDER | frozenset({"ras_etniciteit", "politiek", "seksuele_geaardheid"})
GEZONDHEID = "gezondheid"

SOORTEN = frozenset({"feit", "mening", "client_visie"})  # DS-07
MENING = "mening"
BRONNEN = frozenset(_NOTITIE_BRONNEN)  # DS-07: an item is sourced as the dossier's notes are (AC-12: partner)

TOESTEMMING_GRONDSLAG = "grondslag_verwerking"  # CS-01 kind (1)
TOESTEMMING_BEROEPSGEHEIM = "doorbreking_beroepsgeheim"  # CS-01 kind (2)

VOOR, NA, UITGESTELD = "voor", "na", "uitgesteld"
VEILIGHEID, PARTICIPATIEWET = "veiligheid", "participatiewet"
UITSTEL_GRONDEN = frozenset({VEILIGHEID, PARTICIPATIEWET})  # SH-14 (a), (b)

NIET_HAALBAAR = frozenset({"spoed", "gevaar", "pogingen_mislukt"})  # SH-12

# G5 recipients (API `wettelijkePlicht.ontvanger`) and the organisation type each one means.
PLICHT_ONTVANGERS: dict[str, str] = {
    VEILIG_THUIS: VEILIG_THUIS,
    RAAD: RAAD,
    GI: GI,
    PARTICIPATIEWET: TOEZICHTHOUDER,
}

LEIDINGGEVENDE, COLLEGA = "leidinggevende", "collega"

# GP-02 purpose binding: a client's data leave the team (or are asked for) only for the purposes they
# serve — the client's support and plan, and coordination between professionals (SH-01, SH-04). A
# processing activity of another purpose (supervision, rights handling, platform management, retention,
# reports, the verwijsindex's own signalling) is no purpose to share a client's data for. Purpose codes
# of the closed list (registers.catalogus.DOELEN).
DEELDOELEN = frozenset({"ondersteuning", "plan", "afstemming"})

DELEN, GEDEELTELIJK, WEIGEREN = "delen", "gedeeltelijk", "weigeren"
BESLUITEN = (DELEN, GEDEELTELIJK, WEIGEREN)

VT_START_DAGEN = 5  # `vt.start_days`
VT_BESLUIT_WEKEN = 10  # `vt.decision_weeks`
UITSTEL_REVIEW_DAGEN = 30  # `sharing.postpone_review_days`, 1–90
UITSTEL_REVIEW_MIN, UITSTEL_REVIEW_MAX = 1, 90
CONSULTATIE_ACHTERAF_WERKDAGEN = 1  # urgent path [design]


# --- Inputs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gegeven:
    """One item to share (API `gegevens[]`)."""

    omschrijving: str = ""
    bijzonder: bool = False
    categorie: str | None = None
    uitzondering: str | None = None  # SH-08
    soort: str | None = None  # DS-07
    bron: str | None = None  # DS-07
    heeft_eigen_verklaring: bool = False  # DS-09: the client made statements on this opinion
    verborgen_voor_ontvanger: bool = False  # DS-13: hidden for safety from the recipient or whom it reaches

    @property
    def is_bijzonder(self) -> bool:
        # A health or criminal item is special whatever the flag says.
        return self.bijzonder or self.categorie in BIJZONDERE_CATEGORIEEN


@dataclass(frozen=True)
class Toestemmingsfeit:
    """A consent record as this share sees it (G1); `geldig`: given, not revoked, not expired today."""

    soort: str
    schriftelijk: bool = False
    geldig: bool = False
    dekt_ontvanger: bool = False
    dekt_doel: bool = False
    dekt_gegevens: bool = False
    uitdrukkelijk: bool = False


@dataclass(frozen=True)
class Noodzaak:
    onderbouwing: str = ""
    van_client: bool | None = None  # could it be had from the client (SH-07, GP-04 subsidiarity)?
    anoniem_volstaat: bool | None = None
    dat_gegeven_volstaat: bool | None = None
    beeindigt_huiselijk_geweld: bool | None = None  # SH-18: Veilig Thuis → police/OM


@dataclass(frozen=True)
class Informeren:
    moment: str | None = None  # voor | na | uitgesteld
    grond: str | None = None  # veiligheid | participatiewet (only with `uitgesteld`)


@dataclass(frozen=True)
class Rechten:
    eigen_verklaringen_mee: bool | None = None  # DS-09
    geen_verborgen_items: bool | None = None  # DS-13


@dataclass(frozen=True)
class VierVragen:
    """VI-06's four questions, asked for this share (SH-12)."""

    legitiem_doel: bool | None = None
    enige_weg: bool | None = None
    instemming_onmogelijk_of_gezocht: bool | None = None
    belang_client_weegt_zwaarder: bool | None = None


@dataclass(frozen=True)
class ConflictVanPlichten:
    """SH-12's answers (G6)."""

    toestemming_niet_haalbaar: str | None = None  # spoed | gevaar | pogingen_mislukt
    ernstige_schade: str = ""
    andere_wegen: str = ""
    kans_beperking: str = ""
    objectief_eigen_waarneming: bool | None = None
    openheid_naar_client: bool | None = None


@dataclass(frozen=True)
class Verenigbaarheid:
    """SH-05's five considerations (G8)."""

    verband_doelen: str = ""
    context_verwachtingen: str = ""
    gevoeligheid: str = ""
    gevolgen: str = ""
    waarborgen: str = ""


@dataclass(frozen=True)
class VitaalBelang:
    """G7's conditions."""

    zeer_ernstige_situatie: bool | None = None
    vitaal_belang: bool | None = None
    dringend_nodig_niet_door_team: bool | None = None
    toestemming_onmogelijk: bool | None = None
    enige_weg: bool | None = None


@dataclass(frozen=True)
class SchriftelijkVerzoek:
    kenmerk: str = ""
    datum: dt.date | None = None
    bepaling: str = ""


@dataclass(frozen=True)
class WettelijkePlicht:
    """G5 (SH-13, SH-20)."""

    ontvanger: str | None = (
        None  # veilig_thuis | raad_kinderbescherming | gecertificeerde_instelling | participatiewet
    )
    bepaling: str = ""
    schriftelijk_verzoek: SchriftelijkVerzoek | None = None
    juridisch_advies: bool | None = None


@dataclass(frozen=True)
class VtMelding:
    datum: dt.date
    ambtshalve: bool = False


@dataclass(frozen=True)
class Consultatie:
    """SH-09/SH-11: who was consulted (role), when, and the advice."""

    door_rol: str | None = None  # leidinggevende | collega
    tijdstip: dt.date | None = None  # a date or datetime
    advies: str = ""


@dataclass(frozen=True)
class Deelvraag:
    """The whole wizard state of one sharing decision. Defaults are the narrowest answers (GP-06): an
    empty Deelvraag passes nothing."""

    richting: str = VERSTREKKEN
    # The sharer (acting organisation and professional).
    organisatietype: str = GEMEENTELIJK_TEAM
    bestuursorgaan: bool = False
    geheimhouder: bool = False  # Wet BIG/SKJ registration
    g5_participatiewet_aan: bool = False  # `sharing.g5_participatiewet` (SH-20)
    # The recipient (with `opvragen`: the party asked).
    ontvanger_type: str | None = None
    ontvanger_grondslag: str | None = None  # GP-03 letter (SH-06)
    ontvanger_direct_betrokken: bool = False  # G2, agreed list
    ontvanger_is_gezaghebbende_ouder: bool = False  # G3
    kind_onder_16: bool = False  # G3
    onverenigbaar_met_goede_zorg: bool = False  # G3
    # The wizard.
    doel: str | None = None  # the processing activity's code (RG-01)
    # The active processing activities of the sharer's controller (and the regional ones): code → purpose.
    activiteiten: Mapping[str, str] = field(default_factory=dict)
    grondslag_eigen: str | None = None
    klasse: str | None = None
    grond: str | None = None
    toestemming: Toestemmingsfeit | None = None
    noodzaak: Noodzaak = field(default_factory=Noodzaak)
    gegevens: tuple[Gegeven, ...] = ()
    beroepsgeheim: bool | None = None
    informeren: Informeren = field(default_factory=Informeren)
    kinderbeschermingstafel: bool = False  # SH-15
    rechten: Rechten = field(default_factory=Rechten)
    # Ground-specific answers.
    vier_vragen: VierVragen = field(default_factory=VierVragen)
    conflict_van_plichten: ConflictVanPlichten = field(default_factory=ConflictVanPlichten)
    verenigbaarheid: Verenigbaarheid = field(default_factory=Verenigbaarheid)
    vitaal_belang: VitaalBelang = field(default_factory=VitaalBelang)
    wettelijke_bevoegdheid_bepaling: str = ""  # G4
    wettelijke_plicht: WettelijkePlicht = field(default_factory=WettelijkePlicht)
    verzoek_context: str = ""  # SH-06, SH-13
    # Enrichment (SH-17); the sharer's type is `organisatietype`.
    verrijking: bool = False
    vt_melding: VtMelding | None = None
    onderzoek_gestart_op: dt.date | None = None
    verschoningsrecht: bool = False  # SH-19
    consultatie: Consultatie | None = None
    spoed: bool = False


# --- Outputs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fout:
    code: str
    naam: str  # dotted path in the request, e.g. "stappen.noodzaak.onderbouwing"
    reden: str


@dataclass(frozen=True)
class Stap:
    stap: int
    naam: str
    ok: bool
    code: str | None
    fouten: tuple[Fout, ...]


# When several rules fail, the answer's code is the first in this order; invalidParams lists all.
# 409 state and 403 setting first (API §1.4 check order), then the wizard's steps in order with the
# ground's own codes beside step 5 (the ground step), then procedure (consultation) and plain input.
FOUT_VOLGORDE = (
    "E_STATE_CONFLICT",
    "E_SH_G5_DISABLED",
    "E_NO_PURPOSE",
    "E_SH_NO_PURPOSE",
    "E_SH_NO_BASIS",
    "E_SH_NOT_NECESSARY",
    "E_SH_SPECIAL_BASIS",
    "E_SH_NO_GROUND",
    "E_SH_RECIPIENT_TASK_ONLY",
    "E_CS_NOT_SPECIFIC",
    "E_SH_COD_NOT_MET",
    "E_SH_NO_WRITTEN_REQUEST",
    "E_SH_ENRICH_WINDOW",
    "E_SH_INFORM_GROUND",
    "E_DS_NOTE_TYPE",
    "E_SH_RIGHTS",
    "E_SH_CONSULT_REQUIRED",
    "E_INVALID_INPUT",
)


def hoofdcode(fouten: Iterable[Fout]) -> str | None:
    """The answer's code: the first of FOUT_VOLGORDE among the fouten (None when there are none)."""
    lijst = list(fouten)
    codes = {f.code for f in lijst}
    return next((c for c in FOUT_VOLGORDE if c in codes), lijst[0].code if lijst else None)


def _leeg(tekst: str | None) -> bool:
    return not (tekst or "").strip()


def is_publiek(v: Deelvraag) -> bool:
    """GP-03: municipality, Veilig Thuis, RvdK, GI, or any organisation marked bestuursorgaan."""
    return v.bestuursorgaan or v.organisatietype in PUBLIEKE_TYPEN


def zonder_toestemming(grond: str | None) -> bool:
    """SH-10/SH-14: a share on any ground but G1 is a without-consent share."""
    return grond in ZONDER_TOESTEMMING


def gebonden(v: Deelvraag) -> bool:
    """SH-03/SH-04: professional secrecy applies when answered so, or the sharer is a registered
    secrecy-bound professional (whose secrecy covers all learned in that capacity)."""
    return v.beroepsgeheim is True or v.geheimhouder


# --- The wizard (SPEC §7 "The wizard", SH-21) ------------------------------------------------------

STAPNAMEN: dict[int, str] = {
    1: "doel",
    2: "grondslag",
    3: "noodzaak",
    4: "bijzondere_categorieen",
    5: "beroepsgeheim",
    6: "informeren",
    7: "juistheid",
    8: "rechten",
}


def doel_toegestaan(activiteit_doel: str | None) -> bool:
    """GP-02: may a processing activity of this purpose carry a sharing decision (DEELDOELEN)?"""
    return activiteit_doel in DEELDOELEN


def doel_fouten(doel: str | None, activiteiten: Mapping[str, str]) -> list[Fout]:
    """Step 1's purpose, GP-02: a known processing activity whose purpose allows sharing client data."""
    naam = "stappen.doel.verwerkingsactiviteit"
    if doel is None or doel not in activiteiten:
        return [Fout("E_NO_PURPOSE", naam, "Kies het doel uit de verwerkingsactiviteiten (GP-02).")]
    if not doel_toegestaan(activiteiten[doel]):
        return [
            Fout(
                "E_NO_PURPOSE",
                naam,
                "Voor dit doel deelt u geen gegevens van een cliënt; kies ondersteuning van de cliënt of "
                "afstemming tussen hulpverleners (GP-02).",
            )
        ]
    return []


def _stap_doel(v: Deelvraag) -> list[Fout]:
    """Step 1, GP-02/SH-06: a known processing activity of a sharing purpose; a request also states
    purpose and context."""
    fouten = doel_fouten(v.doel, v.activiteiten)
    if v.richting == OPVRAGEN and _leeg(v.verzoek_context):
        fouten.append(
            Fout(
                "E_SH_NO_PURPOSE",
                "verzoekContext",
                "Een verzoek noemt doel en context (SH-06).",
            )
        )
    return fouten


def _stap_grondslag(v: Deelvraag) -> list[Fout]:
    """Step 2, GP-03/SH-06: own basis a–f, never (f) for a public body, which asks only for a statutory
    task; when providing, the recipient's own basis is recorded (a private person has none to record)."""
    fouten = []
    if v.grondslag_eigen not in GRONDSLAGEN:
        fouten.append(
            Fout("E_SH_NO_BASIS", "stappen.grondslag.eigen", "Kies uw grondslag, a tot en met f (GP-03).")
        )
    elif is_publiek(v) and v.grondslag_eigen == GRONDSLAG_F:
        fouten.append(
            Fout(
                "E_SH_NO_BASIS",
                "stappen.grondslag.eigen",
                "Een overheidsorgaan kan zich niet op gerechtvaardigd belang (f) beroepen (GP-03).",
            )
        )
    elif v.richting == OPVRAGEN and is_publiek(v) and v.grondslag_eigen not in WETTELIJKE_TAAK_GRONDSLAGEN:
        fouten.append(
            Fout(
                "E_SH_NO_BASIS",
                "stappen.grondslag.eigen",
                "Een overheidsorgaan vraagt gegevens alleen op voor een wettelijke taak, grondslag c of e "
                "(GP-03).",
            )
        )
    if v.ontvanger_type is None:
        fouten.append(Fout("E_SH_NO_BASIS", "ontvanger", "Kies de ontvanger (SH-06)."))
    if v.richting == VERSTREKKEN and v.ontvanger_type != PERSOON:
        if v.ontvanger_grondslag not in GRONDSLAGEN:
            fouten.append(
                Fout(
                    "E_SH_NO_BASIS",
                    "stappen.grondslag.ontvanger",
                    "Leg de grondslag van de ontvanger vast (SH-06).",
                )
            )
        elif v.ontvanger_type in PUBLIEKE_TYPEN and v.ontvanger_grondslag == GRONDSLAG_F:
            fouten.append(
                Fout(
                    "E_SH_NO_BASIS",
                    "stappen.grondslag.ontvanger",
                    "Een overheidsorgaan als ontvanger heeft geen grondslag f (GP-03).",
                )
            )
    return fouten


def _stap_noodzaak(v: Deelvraag) -> list[Fout]:
    """Step 3, GP-04/SH-07/SH-18: substantiated; not if the client can give it (unless the client
    consented, or statutory enrichment), anonymous data or the dat-gegeven would do."""
    p = "stappen.noodzaak"
    n = v.noodzaak
    fouten = []
    if _leeg(n.onderbouwing):
        fouten.append(
            Fout("E_SH_NOT_NECESSARY", f"{p}.onderbouwing", "Onderbouw waarom delen nodig is (GP-04).")
        )
    if not v.gegevens:
        fouten.append(
            Fout("E_SH_NOT_NECESSARY", "gegevens", "Noem welke gegevens het betreft, niet meer (SH-06).")
        )
    for i, g in enumerate(v.gegevens):
        if _leeg(g.omschrijving):
            fouten.append(
                Fout(
                    "E_SH_NOT_NECESSARY",
                    f"gegevens[{i}].omschrijving",
                    "Omschrijf elk gegeven (SH-06).",
                )
            )
    vragen = (
        ("vanClient", n.van_client),
        ("anoniemVolstaat", n.anoniem_volstaat),
        ("datGegevenVolstaat", n.dat_gegeven_volstaat),
    )
    for sleutel, antwoord in vragen:
        if antwoord is None:
            fouten.append(
                Fout("E_SH_NOT_NECESSARY", f"{p}.{sleutel}", "Beantwoord deze vraag met ja of nee (SH-07).")
            )
    if n.van_client and v.grond != G1 and not v.verrijking:
        fouten.append(
            Fout(
                "E_SH_NOT_NECESSARY",
                f"{p}.vanClient",
                "Vraag het eerst aan de cliënt, of aan derden met diens toestemming (SH-07).",
            )
        )
    if n.anoniem_volstaat:
        fouten.append(
            Fout(
                "E_SH_NOT_NECESSARY",
                f"{p}.anoniemVolstaat",
                "Anonieme gegevens volstaan; deel geen persoonsgegevens (GP-04).",
            )
        )
    if n.dat_gegeven_volstaat:
        fouten.append(
            Fout(
                "E_SH_NOT_NECESSARY",
                f"{p}.datGegevenVolstaat",
                "Het dat-gegeven volstaat; deel of vraag geen inhoud (SH-07).",
            )
        )
    if (
        v.richting == VERSTREKKEN
        and v.organisatietype == VEILIG_THUIS
        and v.ontvanger_type == POLITIE_OM
        and n.beeindigt_huiselijk_geweld is not True
    ):
        fouten.append(
            Fout(
                "E_SH_NOT_NECESSARY",
                f"{p}.beeindigtHuiselijkGeweld",
                "Veilig Thuis deelt met politie of OM alleen als het huiselijk geweld helpt voorkomen of "
                "stoppen (SH-18).",
            )
        )
    return fouten


def _stap_bijzonder(v: Deelvraag) -> list[Fout]:
    """Step 4, SH-08: each special-category item names its category and an exception that fits the
    ground: explicit consent (G1 with an explicit consent), statutory task (G4, G5), G6 or G7."""
    fouten = []
    for i, g in enumerate(v.gegevens):
        if not g.is_bijzonder:
            continue
        p = f"gegevens[{i}].bijzonder"
        if g.categorie not in BIJZONDERE_CATEGORIEEN:
            fouten.append(
                Fout("E_SH_SPECIAL_BASIS", f"{p}.categorie", "Kies de bijzondere categorie (SH-08).")
            )
        past = g.uitzondering in UITZONDERING_GRONDEN and v.grond in UITZONDERING_GRONDEN[g.uitzondering]
        if past and g.uitzondering == UITDRUKKELIJKE_TOESTEMMING:
            past = v.toestemming is not None and v.toestemming.uitdrukkelijk
        if not past:
            fouten.append(
                Fout(
                    "E_SH_SPECIAL_BASIS",
                    f"{p}.uitzondering",
                    "Bijzondere gegevens gaan alleen mee met uitdrukkelijke toestemming, een wettelijke "
                    "taak, of G6 of G7 als gekozen grond (SH-08).",
                )
            )
    return fouten


def _stap_beroepsgeheim(v: Deelvraag) -> list[Fout]:
    """Step 5, SH-03/SH-04: one ground G1–G8; a secrecy-bound sharer needs a ground other than G8."""
    fouten = []
    if v.grond not in ALLE_GRONDEN:
        fouten.append(Fout("E_SH_NO_GROUND", "grond", "Kies één grond, G1 tot en met G8 (SH-04)."))
    if v.beroepsgeheim is None and not v.geheimhouder:
        fouten.append(
            Fout(
                "E_SH_NO_GROUND",
                "stappen.beroepsgeheim",
                "Geef aan of een beroepsgeheim geldt (SH-04).",
            )
        )
    if gebonden(v) and v.grond == G8:
        fouten.append(
            Fout(
                "E_SH_NO_GROUND",
                "grond",
                "Met beroepsgeheim is een verenigbaar doel (G8) geen grond om te delen (SH-03).",
            )
        )
    return fouten


def _stap_informeren(v: Deelvraag) -> list[Fout]:
    """Step 6, GP-05/SH-14/SH-15: when the client hears of it; postponing only for safety or Participatiewet
    enforcement (the latter only under G5 to a toezichthouder); a child-protection report always before."""
    p = "stappen.informeren"
    i = v.informeren
    fouten = []
    if i.moment not in (VOOR, NA, UITGESTELD):
        fouten.append(
            Fout(
                "E_SH_INFORM_GROUND",
                f"{p}.moment",
                "Kies wanneer de cliënt het hoort: voor, na of uitgesteld (SH-14).",
            )
        )
    if i.moment == UITGESTELD:
        if i.grond not in UITSTEL_GRONDEN:
            fouten.append(
                Fout(
                    "E_SH_INFORM_GROUND",
                    f"{p}.grond",
                    "Uitstel kan alleen om veiligheid of handhaving van de Participatiewet (SH-14).",
                )
            )
        elif i.grond == PARTICIPATIEWET and not (
            v.grond == G5 and v.wettelijke_plicht.ontvanger == PARTICIPATIEWET
        ):
            fouten.append(
                Fout(
                    "E_SH_INFORM_GROUND",
                    f"{p}.grond",
                    "Uitstel om de Participatiewet kan alleen bij G5 aan een toezichthouder (SH-14).",
                )
            )
        if v.grond == G1:
            fouten.append(
                Fout(
                    "E_SH_INFORM_GROUND",
                    f"{p}.moment",
                    "Met toestemming weet de cliënt ervan; uitstel past niet (SH-14).",
                )
            )
    if v.kinderbeschermingstafel and i.moment != VOOR:
        fouten.append(
            Fout(
                "E_SH_INFORM_GROUND",
                f"{p}.moment",
                "Bij een melding aan de kinderbeschermingstafel wordt vooraf geïnformeerd (SH-15).",
            )
        )
    return fouten


def _stap_juistheid(v: Deelvraag) -> list[Fout]:
    """Step 7, DS-07: every item that leaves has a type and a source."""
    if v.richting == OPVRAGEN:
        return []
    fouten = []
    for i, g in enumerate(v.gegevens):
        if g.soort not in SOORTEN:
            fouten.append(
                Fout(
                    "E_DS_NOTE_TYPE",
                    f"gegevens[{i}].soort",
                    "Geef aan: feit, mening of visie van de cliënt (DS-07).",
                )
            )
        if g.bron not in BRONNEN:
            fouten.append(Fout("E_DS_NOTE_TYPE", f"gegevens[{i}].bron", "Geef de bron aan (DS-07)."))
    return fouten


def _stap_rechten(v: Deelvraag) -> list[Fout]:
    """Step 8, DS-09/DS-13: the client's own statements travel with the opinion; nothing hidden for safety
    from the recipient leaves."""
    if v.richting == OPVRAGEN:
        return []
    p = "stappen.rechten"
    fouten = []
    met_verklaring = any(g.soort == MENING and g.heeft_eigen_verklaring for g in v.gegevens)
    if met_verklaring and v.rechten.eigen_verklaringen_mee is not True:
        fouten.append(
            Fout(
                "E_SH_RIGHTS",
                f"{p}.eigenVerklaringenMee",
                "Een mening gaat samen met de eigen verklaring van de cliënt (DS-09).",
            )
        )
    if v.rechten.geen_verborgen_items is not True:
        fouten.append(
            Fout(
                "E_SH_RIGHTS",
                f"{p}.geenVerborgenItems",
                "Bevestig dat geen gegeven voor de ontvanger is afgeschermd (DS-13).",
            )
        )
    for i, g in enumerate(v.gegevens):
        if g.verborgen_voor_ontvanger:
            fouten.append(
                Fout(
                    "E_SH_RIGHTS",
                    f"gegevens[{i}]",
                    "Dit gegeven is voor de veiligheid afgeschermd voor de ontvanger (DS-13).",
                )
            )
    return fouten


_STAPPEN = (
    _stap_doel,
    _stap_grondslag,
    _stap_noodzaak,
    _stap_bijzonder,
    _stap_beroepsgeheim,
    _stap_informeren,
    _stap_juistheid,
    _stap_rechten,
)


def toets(v: Deelvraag) -> tuple[Stap, ...]:
    """SH-21: the eight steps, always all eight, in order; same answers, same result. A failing step
    carries its code (the first of FOUT_VOLGORDE among its fouten)."""
    stappen = []
    for nummer, regel in enumerate(_STAPPEN, start=1):
        fouten = tuple(regel(v))
        stappen.append(Stap(nummer, STAPNAMEN[nummer], not fouten, hoofdcode(fouten), fouten))
    return tuple(stappen)


# --- Ground and procedure (G1–G8, SH-03, SH-05, SH-09, SH-12, SH-13, SH-17, SH-20) -----------------


def _g1(v: Deelvraag) -> list[Fout]:
    """G1, CS-01…CS-04: a valid written consent of kind (1) or (2) naming recipient, purpose and data;
    explicit for a secrecy release and for special-category data."""
    t = v.toestemming
    if t is None:
        return [Fout("E_CS_NOT_SPECIFIC", "toestemming", "Koppel de toestemming waarop u deelt (G1, CS-03).")]
    fouten = []
    if t.soort not in (TOESTEMMING_GRONDSLAG, TOESTEMMING_BEROEPSGEHEIM):
        fouten.append(
            Fout(
                "E_CS_NOT_SPECIFIC",
                "toestemming.soort",
                "Alleen toestemming als grondslag of voor doorbreking van het beroepsgeheim telt (CS-01).",
            )
        )
    if not t.geldig:
        fouten.append(
            Fout(
                "E_CS_NOT_SPECIFIC",
                "toestemming.status",
                "De toestemming is niet gegeven, ingetrokken of verlopen (CS-02).",
            )
        )
    if not t.schriftelijk:
        fouten.append(
            Fout(
                "E_CS_NOT_SPECIFIC",
                "toestemming.vorm",
                "Delen buiten het team vraagt schriftelijke toestemming (CS-03).",
            )
        )
    dekking = (
        ("toestemming.ontvangers", t.dekt_ontvanger, "De toestemming noemt deze ontvanger niet (CS-02)."),
        ("toestemming.doel", t.dekt_doel, "De toestemming noemt dit doel niet (CS-02)."),
        (
            "toestemming.gegevenscategorieen",
            t.dekt_gegevens,
            "De toestemming dekt deze gegevens niet (CS-02).",
        ),
    )
    for naam, gedekt, reden in dekking:
        if not gedekt:
            fouten.append(Fout("E_CS_NOT_SPECIFIC", naam, reden))
    if not t.uitdrukkelijk and t.soort == TOESTEMMING_BEROEPSGEHEIM:
        fouten.append(
            Fout(
                "E_CS_NOT_SPECIFIC",
                "toestemming.uitdrukkelijk",
                "Doorbreking van het beroepsgeheim vraagt uitdrukkelijke toestemming (CS-04).",
            )
        )
    if not t.uitdrukkelijk and any(g.is_bijzonder for g in v.gegevens):
        fouten.append(
            Fout(
                "E_CS_NOT_SPECIFIC",
                "toestemming.uitdrukkelijk",
                "Bijzondere gegevens vragen uitdrukkelijke toestemming (SH-08).",
            )
        )
    return fouten


def _g2(v: Deelvraag) -> list[Fout]:
    """G2: the recipient is directly involved in the help, or the substitute (agreed list)."""
    if v.ontvanger_direct_betrokken:
        return []
    return [
        Fout(
            "E_SH_NO_GROUND",
            "ontvanger",
            "Medebehandeling (G2) vraagt een ontvanger die direct bij de hulp betrokken is (SH-04).",
        )
    ]


def _g3(v: Deelvraag) -> list[Fout]:
    """G3: a parent with authority, a child under 16, not incompatible with good care."""
    fouten = []
    if not v.ontvanger_is_gezaghebbende_ouder:
        fouten.append(
            Fout(
                "E_SH_NO_GROUND",
                "ontvanger",
                "Ouderinformatie (G3) is alleen voor een ouder met gezag (SH-04).",
            )
        )
    if not v.kind_onder_16:
        fouten.append(
            Fout(
                "E_SH_NO_GROUND", "ontvanger", "Ouderinformatie (G3) geldt voor een kind onder de 16 (SH-04)."
            )
        )
    if v.onverenigbaar_met_goede_zorg:
        fouten.append(
            Fout(
                "E_SH_NO_GROUND",
                "ontvanger",
                "Informatie aan de ouder is hier onverenigbaar met goede zorg (G3, SH-04).",
            )
        )
    return fouten


def _g4(v: Deelvraag) -> list[Fout]:
    """G4: the statutory power is named."""
    if _leeg(v.wettelijke_bevoegdheid_bepaling):
        return [
            Fout(
                "E_SH_NO_GROUND",
                "wettelijkeBevoegdheid.bepaling",
                "Noem de wettelijke bepaling die het delen toestaat (G4, SH-04).",
            )
        ]
    return []


def _g5(v: Deelvraag, vandaag: dt.date) -> list[Fout]:
    """G5, SH-13/SH-20: a statutory duty toward this recipient, with its provision; a received request
    states its context; Participatiewet only when switched on, on a filed written request citing it,
    with legal advice recorded yes or no."""
    p = "wettelijkePlicht"
    w = v.wettelijke_plicht
    fouten = []
    # Providing: the duty is toward the recipient; asking: toward us.
    wie = v.ontvanger_type if v.richting == VERSTREKKEN else v.organisatietype
    if w.ontvanger not in PLICHT_ONTVANGERS:
        fouten.append(
            Fout("E_SH_NO_GROUND", f"{p}.ontvanger", "Kies voor wie de wettelijke plicht geldt (G5, SH-13).")
        )
    elif PLICHT_ONTVANGERS[w.ontvanger] != wie:
        fouten.append(
            Fout(
                "E_SH_NO_GROUND",
                f"{p}.ontvanger",
                "De wettelijke plicht geldt niet tegenover deze partij (G5, SH-13).",
            )
        )
    if _leeg(w.bepaling):
        fouten.append(Fout("E_SH_NO_GROUND", f"{p}.bepaling", "Noem de wettelijke bepaling (G5, SH-13)."))
    if v.richting == VERSTREKKEN and _leeg(v.verzoek_context):
        fouten.append(
            Fout(
                "E_SH_NO_PURPOSE",
                "verzoekContext",
                "Het verzoek van de ontvanger noemt de context (SH-13).",
            )
        )
    if w.ontvanger == PARTICIPATIEWET:
        if not v.g5_participatiewet_aan:
            fouten.append(
                Fout(
                    "E_SH_G5_DISABLED",
                    f"{p}.ontvanger",
                    "Delen met toezichthouder of sociaal rechercheur staat uit voor uw organisatie (SH-20).",
                )
            )
        s = w.schriftelijk_verzoek
        if (
            s is None
            or _leeg(s.kenmerk)
            or s.datum is None
            or s.datum > vandaag
            or not re.search(r"participatiewet|\bpw\b", s.bepaling, re.IGNORECASE)
        ):
            fouten.append(
                Fout(
                    "E_SH_NO_WRITTEN_REQUEST",
                    f"{p}.schriftelijkVerzoek",
                    "Alleen op een schriftelijk verzoek met kenmerk, datum en artikel uit de "
                    "Participatiewet (SH-20).",
                )
            )
        if w.juridisch_advies is None:
            fouten.append(
                Fout(
                    "E_INVALID_INPUT",
                    f"{p}.juridischAdvies",
                    "Leg vast of juridisch advies is ingewonnen (SH-20).",
                )
            )
    return fouten


VIER_VRAGEN_NAMEN = {
    "legitiem_doel": "legitiemDoel",
    "enige_weg": "enigeWeg",
    "instemming_onmogelijk_of_gezocht": "instemmingOnmogelijkOfGezocht",
    "belang_client_weegt_zwaarder": "belangClientWeegtZwaarder",
}


def _g6(v: Deelvraag) -> list[Fout]:
    """G6, SH-12: consent not feasible, four yes answers, harm/alternatives/effect in writing, objective
    own observations, openness where possible. Any no or empty answer refuses."""
    c = v.conflict_van_plichten
    p = "conflictVanPlichten"
    fouten = []
    if c.toestemming_niet_haalbaar not in NIET_HAALBAAR:
        fouten.append(
            Fout(
                "E_SH_COD_NOT_MET",
                f"{p}.toestemmingNietHaalbaar",
                "Geef aan waarom toestemming niet haalbaar is: spoed, gevaar of mislukte pogingen (SH-12).",
            )
        )
    for veld, naam in VIER_VRAGEN_NAMEN.items():
        if getattr(v.vier_vragen, veld) is not True:
            fouten.append(
                Fout(
                    "E_SH_COD_NOT_MET",
                    f"vierVragen.{naam}",
                    "Alle vier vragen moeten met ja beantwoord zijn (SH-12, VI-06).",
                )
            )
    teksten = (
        ("ernstigeSchade", c.ernstige_schade),
        ("andereWegen", c.andere_wegen),
        ("kansBeperking", c.kans_beperking),
    )
    for naam, tekst in teksten:
        if _leeg(tekst):
            fouten.append(
                Fout("E_SH_COD_NOT_MET", f"{p}.{naam}", "Beschrijf schade, andere wegen en effect (SH-12).")
            )
    if c.objectief_eigen_waarneming is not True:
        fouten.append(
            Fout(
                "E_SH_COD_NOT_MET",
                f"{p}.objectiefEigenWaarneming",
                "Deel alleen objectieve informatie uit eigen waarneming, anders vermeld (SH-12).",
            )
        )
    if c.openheid_naar_client is not True:
        fouten.append(
            Fout(
                "E_SH_COD_NOT_MET",
                f"{p}.openheidNaarClient",
                "Wees open naar de cliënt waar dat kan (SH-12).",
            )
        )
    return fouten


VITAAL_BELANG_NAMEN = {
    "zeer_ernstige_situatie": "zeerErnstigeSituatie",
    "vitaal_belang": "vitaalBelang",
    "dringend_nodig_niet_door_team": "dringendNodigNietDoorTeam",
    "toestemming_onmogelijk": "toestemmingOnmogelijk",
    "enige_weg": "enigeWeg",
}


def _g7(v: Deelvraag) -> list[Fout]:
    """G7: every condition holds (very serious situation, vital interest, urgent help the team cannot give,
    consent impossible despite efforts, sharing the only way)."""
    return [
        Fout(
            "E_SH_NO_GROUND",
            f"vitaalBelang.{naam}",
            "Een vitaal belang (G7) vraagt dat aan alle voorwaarden is voldaan (SH-04).",
        )
        for veld, naam in VITAAL_BELANG_NAMEN.items()
        if getattr(v.vitaal_belang, veld) is not True
    ]


VERENIGBAARHEID_NAMEN = {
    "verband_doelen": "verbandDoelen",
    "context_verwachtingen": "contextVerwachtingen",
    "gevoeligheid": "gevoeligheid",
    "gevolgen": "gevolgen",
    "waarborgen": "waarborgen",
}


def _g8(v: Deelvraag) -> list[Fout]:
    """G8, SH-05: the five compatibility considerations written down (secrecy: step 5, SH-03)."""
    return [
        Fout(
            "E_SH_NO_GROUND",
            f"verenigbaarheid.{naam}",
            "Een verenigbaar doel (G8) vraagt alle vijf afwegingen (SH-05).",
        )
        for veld, naam in VERENIGBAARHEID_NAMEN.items()
        if _leeg(getattr(v.verenigbaarheid, veld))
    ]


def consultatie_vereist(v: Deelvraag) -> bool:
    """SH-09: a without-consent share under G5–G7, or to Veilig Thuis (Meldcode report), is consulted."""
    if v.richting != VERSTREKKEN:
        return False
    return v.grond in CONSULTATIE_GRONDEN or (
        v.ontvanger_type == VEILIG_THUIS and zonder_toestemming(v.grond)
    )


def consultatie_rollen(v: Deelvraag) -> frozenset[str]:
    """SH-09: who may be consulted. Where the rule requires it, the leidinggevende (G6: also a colleague);
    an optional consultation may be with anyone of the team."""
    if consultatie_vereist(v) and v.grond != G6:
        return frozenset({LEIDINGGEVENDE})
    return frozenset({LEIDINGGEVENDE, COLLEGA})


def _consultatie(v: Deelvraag) -> list[Fout]:
    """SH-09/SH-11: beforehand, by the leidinggevende (G6: also a colleague), recorded who, when, advice;
    the urgent path consults afterwards (`consultatie_uiterlijk`)."""
    if not consultatie_vereist(v) or v.spoed:
        return []
    c = v.consultatie
    if c is None or c.door_rol not in consultatie_rollen(v) or c.tijdstip is None or _leeg(c.advies):
        wie = "een collega of de leidinggevende" if v.grond == G6 else "de leidinggevende"
        return [
            Fout(
                "E_SH_CONSULT_REQUIRED",
                "consultatie",
                f"Raadpleeg eerst {wie} en leg vast wie, wanneer en welk advies (SH-09, SH-11).",
            )
        ]
    return []


def verrijkingsvenster(
    melding: dt.date, *, vt_start_dagen: int = VT_START_DAGEN, vt_besluit_weken: int = VT_BESLUIT_WEKEN
) -> tuple[dt.date, dt.date]:
    """SH-17: (last day to start the investigation, last day to enrich) after a Veilig Thuis report."""
    return melding + dt.timedelta(days=vt_start_dagen), melding + dt.timedelta(weeks=vt_besluit_weken)


def _verrijking(v: Deelvraag, vandaag: dt.date, vt_start_dagen: int, vt_besluit_weken: int) -> list[Fout]:
    """SH-17: only Veilig Thuis, RvdK or GI enrich (else E_SH_NO_GROUND: there is no ground to collect
    without consent); Veilig Thuis only after a report, investigation started within 5 days of it, until
    10 weeks after it (E_SH_ENRICH_WINDOW); a new or ex officio report starts a new window."""
    if not v.verrijking:
        return []
    if v.richting != OPVRAGEN:
        return [Fout("E_INVALID_INPUT", "verrijking", "Verrijken is gegevens opvragen bij derden (SH-17).")]
    if v.organisatietype not in VERRIJKERS:
        return [
            Fout(
                "E_SH_NO_GROUND",
                "verrijking",
                "Verrijken mag alleen Veilig Thuis, de Raad of een gecertificeerde instelling (SH-17).",
            )
        ]
    if v.organisatietype != VEILIG_THUIS:
        return []
    if v.vt_melding is None:
        return [Fout("E_SH_ENRICH_WINDOW", "vtMelding", "Verrijken kan pas na een melding (SH-17).")]
    melding = v.vt_melding.datum
    start_uiterlijk, einde = verrijkingsvenster(
        melding, vt_start_dagen=vt_start_dagen, vt_besluit_weken=vt_besluit_weken
    )
    fouten = []
    if v.onderzoek_gestart_op is None or not melding <= v.onderzoek_gestart_op <= start_uiterlijk:
        fouten.append(
            Fout(
                "E_SH_ENRICH_WINDOW",
                "onderzoekGestartOp",
                f"Het onderzoek start binnen {vt_start_dagen} dagen na de melding (SH-17).",
            )
        )
    if not melding <= vandaag <= einde:
        fouten.append(
            Fout(
                "E_SH_ENRICH_WINDOW",
                "vtMelding.datum",
                f"Verrijken kan tot {vt_besluit_weken} weken na de melding; registreer anders een nieuwe "
                "melding (SH-17).",
            )
        )
    return fouten


def _cs04_medisch(v: Deelvraag) -> list[Fout]:
    """CS-04: asking a medical professional for medical information always needs an explicit secrecy
    release (statutory enrichment, SH-17, excepted)."""
    if v.richting != OPVRAGEN or v.ontvanger_type != WGBO_ZORG or v.verrijking:
        return []
    if not any(g.categorie == GEZONDHEID for g in v.gegevens):
        return []
    t = v.toestemming
    if v.grond == G1 and t is not None and t.soort == TOESTEMMING_BEROEPSGEHEIM and t.uitdrukkelijk:
        return []
    return [
        Fout(
            "E_CS_NOT_SPECIFIC",
            "toestemming",
            "Medische informatie opvragen bij een arts vraagt uitdrukkelijke toestemming (CS-04).",
        )
    ]


def _gekozen_grond(v: Deelvraag, vandaag: dt.date) -> list[Fout]:
    """The chosen ground's own conditions; an unknown or missing ground is step 5's."""
    if v.grond == G5:
        return _g5(v, vandaag)
    regels = {G1: _g1, G2: _g2, G3: _g3, G4: _g4, G6: _g6, G7: _g7, G8: _g8}
    regel = regels.get(v.grond or "")
    return regel(v) if regel else []


def grond_fouten(
    v: Deelvraag,
    vandaag: dt.date,
    *,
    vt_start_dagen: int = VT_START_DAGEN,
    vt_besluit_weken: int = VT_BESLUIT_WEKEN,
) -> tuple[Fout, ...]:
    """The chosen ground's conditions (G1–G8) and the procedure around it: class (SH-03), enrichment
    (SH-17), consultation (SH-09), medical requests (CS-04). A missing ground is step 5's."""
    fouten = _gekozen_grond(v, vandaag)
    if v.richting == VERSTREKKEN:
        if v.klasse not in (KLASSE_A, KLASSE_B, KLASSE_C):
            fouten.append(Fout("E_INVALID_INPUT", "klasse", "Kies de klasse: a, b of c (SH-03)."))
        elif v.klasse == KLASSE_C and v.grond not in KLASSE_C_GRONDEN:
            fouten.append(
                Fout(
                    "E_SH_RECIPIENT_TASK_ONLY",
                    "klasse",
                    "Delen alleen voor de taak van de ontvanger (klasse c) kan alleen op G4 tot en met G8 "
                    "(SH-03).",
                )
            )
    fouten += _verrijking(v, vandaag, vt_start_dagen, vt_besluit_weken)
    fouten += _cs04_medisch(v)
    fouten += _consultatie(v)
    return tuple(fouten)


def open_punten(
    v: Deelvraag,
    vandaag: dt.date,
    *,
    vt_start_dagen: int = VT_START_DAGEN,
    vt_besluit_weken: int = VT_BESLUIT_WEKEN,
) -> tuple[Fout, ...]:
    """What still stands between the draft and a decision to share, the consultation aside: every step and
    the chosen ground's own questions and procedure (SH-21). Only without these is the draft complete."""
    fouten = [f for s in toets(v) for f in s.fouten]
    fouten += [
        f
        for f in grond_fouten(v, vandaag, vt_start_dagen=vt_start_dagen, vt_besluit_weken=vt_besluit_weken)
        if f.code != "E_SH_CONSULT_REQUIRED"
    ]
    return tuple(fouten)


def consultatie_fouten(
    v: Deelvraag,
    door_rol: str | None,
    vandaag: dt.date,
    *,
    concept: bool,
    vt_start_dagen: int = VT_START_DAGEN,
    vt_besluit_weken: int = VT_BESLUIT_WEKEN,
) -> tuple[Fout, ...]:
    """`_consulteren`, SH-09/SH-11. Where SH-09 requires the leidinggevende, nobody else counts
    (E_SH_CONSULT_REQUIRED), so the consultation cannot leave the decision blocked. A consultation fixes
    the answers, so a draft is consulted only once it is otherwise complete (E_STATE_CONFLICT, with the
    open items)."""
    fouten = []
    if door_rol not in consultatie_rollen(v):
        fouten.append(
            Fout(
                "E_SH_CONSULT_REQUIRED",
                "adviseur",
                "Bij deze grond of ontvanger raadpleegt u de leidinggevende, geen andere collega (SH-09).",
            )
        )
    if concept:
        open_ = open_punten(v, vandaag, vt_start_dagen=vt_start_dagen, vt_besluit_weken=vt_besluit_weken)
        if open_:
            fouten.append(
                Fout(
                    "E_STATE_CONFLICT",
                    "status",
                    "Consulteer pas als alle stappen en de vragen bij de grond in orde zijn: daarna liggen "
                    "de antwoorden vast (SH-09).",
                )
            )
            fouten += open_
    return tuple(fouten)


# --- The decision (SH-10, SH-19) -------------------------------------------------------------------


def besluit_fouten(
    v: Deelvraag,
    besluit: str,
    redenen: str,
    vandaag: dt.date,
    *,
    vt_start_dagen: int = VT_START_DAGEN,
    vt_besluit_weken: int = VT_BESLUIT_WEKEN,
) -> tuple[Fout, ...]:
    """`_besluiten`: refusing needs only reasons; sharing (fully or partly) needs every step and the
    ground to hold, a prior consultation not dated after today, no invoked privilege (SH-19), and reasons
    for a partial or without-consent share (SH-10) or for informing afterwards (GP-05)."""
    if besluit not in BESLUITEN:
        return (Fout("E_INVALID_INPUT", "besluit", "Kies delen, gedeeltelijk of weigeren (SH-21)."),)
    reden_nodig = besluit != DELEN or zonder_toestemming(v.grond) or v.informeren.moment in (NA, UITGESTELD)
    reden_fout = Fout("E_INVALID_INPUT", "redenen", "Leg de redenen van het besluit vast (SH-10).")
    if besluit == WEIGEREN:
        return (reden_fout,) if _leeg(redenen) else ()
    fouten: list[Fout] = []
    if v.verschoningsrecht:
        fouten.append(
            Fout(
                "E_STATE_CONFLICT",
                "verschoningsrecht",
                "Er is een beroep op het verschoningsrecht gedaan; er wordt niets verstrekt (SH-19).",
            )
        )
    for stap in toets(v):
        fouten += stap.fouten
    fouten += grond_fouten(v, vandaag, vt_start_dagen=vt_start_dagen, vt_besluit_weken=vt_besluit_weken)
    c = v.consultatie
    if c is not None and c.tijdstip is not None and _dag(c.tijdstip) > vandaag and not v.spoed:
        fouten.append(
            Fout(
                "E_SH_CONSULT_REQUIRED",
                "consultatie.tijdstip",
                "De consultatie gaat aan het besluit vooraf (SH-09).",
            )
        )
    if reden_nodig and _leeg(redenen):
        fouten.append(reden_fout)
    return tuple(fouten)


def _dag(tijdstip: dt.date) -> dt.date:
    return tijdstip.date() if isinstance(tijdstip, dt.datetime) else tijdstip


# --- States (SPEC §7 "States") ---------------------------------------------------------------------

CONCEPT = "concept"
CONSULTATIE = "consultatie"
BESLOTEN = "besloten"
UITGEVOERD = "uitgevoerd"
INFORMEREN_UITGESTELD = "informeren_uitgesteld"
CLIENT_GEINFORMEERD = "client_geinformeerd"
# CS-08: its consent was revoked before it was executed; or a draft was discarded (`vervallen_fouten`)
BEEINDIGD = "beeindigd"

TRANSITIES: dict[str, frozenset[str]] = {
    # concept → besloten: no consultation needed, or the urgent path (consultation afterwards).
    CONCEPT: frozenset({CONSULTATIE, BESLOTEN, BEEINDIGD}),
    CONSULTATIE: frozenset({BESLOTEN, BEEINDIGD}),
    # besloten → client_geinformeerd is executing a share whose client was informed before (SH-15);
    # a refusal stays besloten. Recording "informed before" itself changes no status.
    BESLOTEN: frozenset({UITGEVOERD, CLIENT_GEINFORMEERD, BEEINDIGD}),
    UITGEVOERD: frozenset({INFORMEREN_UITGESTELD, CLIENT_GEINFORMEERD}),
    # A review renews the postponement (SH-14).
    INFORMEREN_UITGESTELD: frozenset({INFORMEREN_UITGESTELD, CLIENT_GEINFORMEERD}),
    CLIENT_GEINFORMEERD: frozenset(),
    BEEINDIGD: frozenset(),
}


def vervallen_fouten(status: str, reden: str) -> tuple[Fout, ...]:
    """Discarding a draft (SPEC §7 States: → beeindigd): only a draft, consulted or not, that was never
    decided; nothing was shared, so nothing is registered. A decision taken stays in the dossier (SH-10)."""
    fouten = []
    if status not in (CONCEPT, CONSULTATIE):
        fouten.append(
            Fout(
                "E_STATE_CONFLICT",
                "status",
                "Alleen een concept (ook na consultatie) vervalt; een genomen besluit blijft in het dossier "
                "(SH-10).",
            )
        )
    if _leeg(reden):
        fouten.append(Fout("E_INVALID_INPUT", "reden", "Geef de reden waarom het concept vervalt (SPEC §7)."))
    return tuple(fouten)


def overgang_fout(van: str, naar: str) -> str | None:
    """E_STATE_CONFLICT's message when `van → naar` is no transition of the sharing decision, else None."""
    if naar in TRANSITIES.get(van, frozenset()):
        return None
    return f"Een deelbesluit gaat niet van {van} naar {naar} (SPEC §7 States)."


def status_na_uitvoeren(client_vooraf_geinformeerd: bool) -> str:
    """The state after `_uitvoeren`: informed before means nothing is left to tell (SH-14)."""
    return CLIENT_GEINFORMEERD if client_vooraf_geinformeerd else UITGEVOERD


def consultatie_uiterlijk(besloten_op: dt.date, bevrijdingsdag_jaarlijks: bool = True) -> dt.date:
    """Urgent path: the consultation follows within 1 working day of the decision [design]."""
    return plus_werkdagen(besloten_op, CONSULTATIE_ACHTERAF_WERKDAGEN, bevrijdingsdag_jaarlijks)


def consultatie_te_laat(
    besloten_op: dt.date, vandaag: dt.date, *, geconsulteerd: bool, bevrijdingsdag_jaarlijks: bool = True
) -> bool:
    """RT-12: derived at read time; overdue once the working day after the urgent decision has passed."""
    return not geconsulteerd and vandaag > consultatie_uiterlijk(besloten_op, bevrijdingsdag_jaarlijks)


def uitvoeren_fouten(
    status: str,
    besluit: str | None,
    verschoningsrecht: bool,
    kinderbeschermingstafel: bool,
    client_vooraf_geinformeerd: bool,
) -> tuple[Fout, ...]:
    """`_uitvoeren` (409 E_STATE_CONFLICT): only a decided share or partial share; nothing once
    verschoningsrecht is invoked (SH-19); a child-protection report only after informing (SH-15)."""
    fouten = []
    if status != BESLOTEN:
        fouten.append(
            Fout("E_STATE_CONFLICT", "status", "Alleen een genomen besluit wordt uitgevoerd (SPEC §7).")
        )
    if besluit not in (DELEN, GEDEELTELIJK):
        fouten.append(
            Fout(
                "E_STATE_CONFLICT",
                "besluit",
                "Alleen een besluit tot (gedeeltelijk) delen wordt uitgevoerd (SH-10).",
            )
        )
    if verschoningsrecht:
        fouten.append(
            Fout(
                "E_STATE_CONFLICT",
                "verschoningsrecht",
                "Er is een beroep op het verschoningsrecht gedaan; er wordt niets verstrekt (SH-19).",
            )
        )
    if kinderbeschermingstafel and not client_vooraf_geinformeerd:
        fouten.append(
            Fout(
                "E_STATE_CONFLICT",
                "clientInformering",
                "Informeer jongere en/of ouders vóór de melding aan de kinderbeschermingstafel (SH-15).",
            )
        )
    return tuple(fouten)


# --- Informing (SH-14, RT-12) ----------------------------------------------------------------------


def uitstel_afwijzen_fouten(status: str, informeren_moment: str, toelichting: str) -> tuple[Fout, ...]:
    """SH-14: the leidinggevende may also refuse a postponement — asked for and awaiting approval, or
    running and under review. Informing is the rule (GP-05), so a refusal needs only a reason: the client
    is then informed as soon as possible."""
    fouten = []
    if informeren_moment != UITGESTELD or status not in (UITGEVOERD, INFORMEREN_UITGESTELD):
        fouten.append(
            Fout("E_STATE_CONFLICT", "status", "Er is geen uitstel van informeren om af te wijzen (SH-14).")
        )
    if _leeg(toelichting):
        fouten.append(
            Fout("E_INVALID_INPUT", "toelichting", "Leg uit waarom de cliënt wel geïnformeerd kan worden.")
        )
    return tuple(fouten)


def uitstel_fouten(
    grond_uitstel: str | None,
    toelichting: str,
    reviewdatum: dt.date | None,
    vandaag: dt.date,
    *,
    goedgekeurd_door_leidinggevende: bool,
    max_dagen: int = UITSTEL_REVIEW_DAGEN,
    participatiewet_g5: bool = False,
) -> tuple[Fout, ...]:
    """`_uitstellen`, SH-14: ground veiligheid (concrete indications, in `toelichting`) or participatiewet
    (only when the share is G5 to a toezichthouder: `participatiewet_g5`); the leidinggevende approves;
    the review date lies after today and at most `max_dagen` (`sharing.postpone_review_days`) ahead."""
    if not UITSTEL_REVIEW_MIN <= max_dagen <= UITSTEL_REVIEW_MAX:
        raise ValueError("sharing.postpone_review_days ligt tussen 1 en 90")
    fouten = []
    if grond_uitstel not in UITSTEL_GRONDEN:
        fouten.append(
            Fout(
                "E_SH_INFORM_GROUND",
                "grond",
                "Uitstel kan alleen om veiligheid of handhaving van de Participatiewet (SH-14).",
            )
        )
    elif grond_uitstel == PARTICIPATIEWET and not participatiewet_g5:
        fouten.append(
            Fout(
                "E_SH_INFORM_GROUND",
                "grond",
                "Uitstel om de Participatiewet kan alleen bij G5 aan een toezichthouder (SH-14).",
            )
        )
    if _leeg(toelichting):
        fouten.append(
            Fout(
                "E_SH_INFORM_GROUND",
                "toelichting",
                "Beschrijf de concrete aanwijzingen voor uitstel (SH-14).",
            )
        )
    if reviewdatum is None or not vandaag < reviewdatum <= vandaag + dt.timedelta(days=max_dagen):
        fouten.append(
            Fout(
                "E_SH_INFORM_GROUND",
                "reviewdatum",
                f"De reviewdatum ligt na vandaag en uiterlijk {max_dagen} dagen vooruit (SH-14).",
            )
        )
    if not goedgekeurd_door_leidinggevende:
        fouten.append(
            Fout(
                "E_SH_INFORM_GROUND",
                "goedkeuring",
                "Uitstel vraagt goedkeuring van de leidinggevende (SH-14).",
            )
        )
    return tuple(fouten)


def review_verschuldigd(reviewdatum: dt.date, vandaag: dt.date) -> bool:
    """RT-12/SH-14: a postponement's review is due from its review date on, derived at read time."""
    return vandaag >= reviewdatum


# --- Explanations for the wizard (B1 Dutch) --------------------------------------------------------

UITLEG: dict[int, str] = {
    1: "Waarom wilt u delen of opvragen? Kies het doel uit de lijst met verwerkingen van uw organisatie. "
    "Zonder vast doel mag u niets delen (GP-02). Vraagt u zelf iets op, schrijf dan ook op waarvoor en in "
    "welke situatie u het nodig hebt (SH-06).",
    2: "Op welke wettelijke grondslag rust dit? Kies a tot en met f. Een gemeente, Veilig Thuis, de Raad of "
    "een gecertificeerde instelling kan nooit kiezen voor gerechtvaardigd belang (f) en vraagt alleen "
    "gegevens op voor een wettelijke taak (GP-03). Noteer ook de grondslag van de ontvanger (SH-06).",
    3: "Is delen echt nodig? Leg uit waarom. Kan de informatie bij de cliënt zelf worden gevraagd, dan doet "
    "u dat eerst. Volstaan anonieme gegevens, of alleen het feit dat u betrokken bent (dat-gegeven), dan "
    "deelt u geen inhoud (GP-04, SH-07). Veilig Thuis deelt met politie of OM alleen als het helpt "
    "huiselijk geweld te voorkomen of te stoppen (SH-18).",
    4: "Zitten er bijzondere gegevens bij, zoals gezondheid of strafrecht? Geef per gegeven de categorie en "
    "de uitzondering: uitdrukkelijke toestemming, een wettelijke taak, conflict van plichten (G6) of "
    "vitaal belang (G7). De uitzondering moet passen bij de gekozen grond (SH-08).",
    5: "Hebt u een beroepsgeheim? Kies dan één grond om het te doorbreken. Een verenigbaar doel (G8) is "
    "dan niet genoeg. Deelt u alleen voor de taak van de ontvanger (klasse c), dan kan dat alleen op G4 tot "
    "en met G8 (SH-03, SH-04).",
    6: "Wanneer hoort de cliënt ervan? Het liefst vooraf. Achteraf mag, met redenen. Uitstellen kan alleen "
    "om de veiligheid of bij handhaving van de Participatiewet, met goedkeuring van de leidinggevende en "
    "een vaste reviewdatum (SH-14). Bij een melding aan de kinderbeschermingstafel informeert u altijd "
    "vooraf (SH-15).",
    7: "Is elk gegeven juist en duidelijk? Geef per gegeven aan of het een feit, een mening of de visie van "
    "de cliënt is, en waar het vandaan komt: eigen waarneming, de cliënt, een ander of een document (DS-07).",
    8: "Blijven de rechten van de cliënt overeind? Heeft de cliënt op een mening gereageerd, dan gaat die "
    "reactie mee (DS-09). Een gegeven dat voor de veiligheid is afgeschermd voor de ontvanger, gaat nooit "
    "mee (DS-13).",
}


@dataclass(frozen=True)
class Grond:
    code: str
    label: str
    betekenis: str


GRONDEN: dict[str, Grond] = {
    g.code: g
    for g in (
        Grond(
            G1,
            "G1 Toestemming",
            "Een geldige toestemming als grondslag of voor doorbreking van het beroepsgeheim.",
        ),
        Grond(
            G2,
            "G2 Medebehandeling",
            "De ontvanger is direct betrokken bij de hulp, of is de vervanger (afgesproken lijst).",
        ),
        Grond(
            G3,
            "G3 Informatie aan ouder",
            "Een ouder met gezag, een kind onder de 16, tenzij dat niet past bij goede zorg.",
        ),
        Grond(
            G4,
            "G4 Wettelijke bevoegdheid",
            "Een wet geeft het recht om te delen, bijvoorbeeld een melding aan Veilig Thuis of een "
            "signaal in de verwijsindex.",
        ),
        Grond(
            G5,
            "G5 Wettelijke plicht",
            "Een wet verplicht tot delen: Veilig Thuis, de Raad voor de Kinderbescherming, de "
            "gecertificeerde instelling, of (alleen als dat aan staat) de toezichthouder Participatiewet.",
        ),
        Grond(
            G6,
            "G6 Conflict van plichten",
            "Zwijgen zou ernstige schade geven; er is geen andere weg en toestemming kan niet (SH-12).",
        ),
        Grond(
            G7,
            "G7 Vitaal belang",
            "De cliënt is mogelijk in een zeer ernstige situatie en heeft dringend hulp nodig die het team "
            "niet kan geven; toestemming kan niet en delen is de enige weg.",
        ),
        Grond(
            G8,
            "G8 Verenigbaar doel",
            "Het doel past bij het doel waarvoor de gegevens zijn verzameld; er geldt geen beroepsgeheim "
            "of andere beperking (SH-05).",
        ),
    )
}
