"""Pure rules about purposes, legal bases, the verwerkingsregister and DPIAs (GP-02, GP-03, RG-01, RG-02).

No database, no clock: the services pass today's date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping

from zorgvuldig.bewaren.policies import (
    ADMINISTRATIE_JAREN,
    AUDIT_JAREN,
    DOSSIER_JAREN,
    REGELS,
    SECTORTERMIJNEN,
    TOESTEMMING_JAREN,
    ZORGSIGNAAL_MAANDEN,
    plus_jaren,
)
from zorgvuldig.registers.catalogus import GRONDSLAGEN, PUBLIEKE_TYPES


def grondslag_fout(grondslag: str | None, organisatie_type: str, bestuursorgaan: bool) -> str | None:
    """GP-03: a closed list a–f; a public body cannot select (f). Returns a reason, or None if allowed."""
    if grondslag not in GRONDSLAGEN:
        return "Kies een grondslag uit de gesloten lijst (a–f)."
    if grondslag == "f" and (bestuursorgaan or organisatie_type in PUBLIEKE_TYPES):
        return "Een overheidsorgaan kan zich niet beroepen op gerechtvaardigd belang (GP-03)."
    return None


# --- Purposes (GP-02) -----------------------------------------------------------------------------------


def doel_verwijder_weigering(*, meegeleverd: bool, in_gebruik: bool) -> str | None:
    """GP-02: the shipped purposes stay; a purpose the FG added goes only while nothing uses it."""
    if meegeleverd:
        return "Een meegeleverd verwerkingsdoel kan niet worden verwijderd (GP-02)."
    if in_gebruik:
        return (
            "Dit verwerkingsdoel staat in het verwerkingsregister of bij een verwerkingsactiviteit (GP-02)."
        )
    return None


# --- The verwerkingsregister (RG-01) ----------------------------------------------------------------------

CONCEPT, GOEDGEKEURD = "concept", "goedgekeurd"

# RG-01's items of a register entry: (field, what it covers). All must be filled before approval; the
# joint controllers and the explanation of the basis only where they apply.
REGISTER_ONDERDELEN: tuple[tuple[str, str], ...] = (
    ("doelen", "doelen"),
    ("categorieen_betrokkenen", "categorieën betrokkenen"),
    ("categorieen_gegevens", "categorieën persoonsgegevens"),
    ("ontvangers", "ontvangers"),
    ("bewaartermijn", "bewaartermijn"),
    ("grondslag", "grondslag"),
    ("beveiliging", "beveiligingsmaatregelen"),
)


# GDPR art 6(3): processing on (c) a legal obligation or (e) a public task rests on Union or member-state law,
# so an entry on either basis names the statutory provision (RG-01, GP-03; privacy officer review).
WETTELIJKE_GRONDSLAGEN = frozenset({"c", "e"})


def wettelijke_bepaling_fout(grondslag: str | None, bepaling: str | None) -> str | None:
    """Why a version on basis (c) or (e) cannot be approved without its statutory provision (None: it can).
    The provision is in `grondslag_toelichting`; blank or whitespace is missing."""
    if grondslag in WETTELIJKE_GRONDSLAGEN and not (bepaling or "").strip():
        return (
            "Bij grondslag (c) wettelijke verplichting of (e) publieke taak noemt u de wettelijke bepaling "
            "waarop de verwerking berust, bijvoorbeeld Jeugdwet art. 2.3 en 7.1.1.1 of Wmo 2015 art. 2.3.2 "
            "(AVG art. 6 lid 3, RG-01)."
        )
    return None


def ontbrekende_onderdelen(waarden: Mapping[str, object]) -> list[str]:
    """RG-01: the items (field names, in order) that are empty."""
    uit = []
    for veld, _ in REGISTER_ONDERDELEN:
        waarde = waarden.get(veld)
        leeg = (
            not [w for w in waarde if str(w).strip()]
            if isinstance(waarde, list | tuple)
            else not str(waarde or "").strip()
        )
        if leeg:
            uit.append(veld)
    return uit


def versie_bewerkbaar(status: str) -> bool:
    """RG-01: an approved version is never edited; a change is a new version."""
    return status == CONCEPT


def huidige_versie(versies: Iterable[tuple[int, str]]) -> int | None:
    """RG-01: the current entry is the approved version with the highest number (None: none approved).
    `versies` are (number, status) pairs; a newer concept does not replace the approved one."""
    goedgekeurd = [nummer for nummer, status in versies if status == GOEDGEKEURD]
    return max(goedgekeurd) if goedgekeurd else None


# Where the retention text of a new entry comes from: the rules of `bewaren.policies.REGELS` of the record
# types the activity keeps (RT-10). An activity not listed keeps register data only.
BEWAARREGELS_PER_ACTIVITEIT: dict[str, tuple[str, ...]] = {
    "sociaal-domein-ondersteuning": ("dossier", "zorgsignaal", "toestemming"),
    "verwijsindex": ("signaal", "vi_archief"),
    "casusoverleg": ("casusoverleg",),
    "gegevensdeling": ("verstrekking", "toestemming"),
    "rechten-betrokkenen": ("administratie",),
    "toegangsbeheer": ("toegang",),
    "verantwoording-toezicht": ("audit",),
    "beheer-platform": ("configuratie",),
    "bewaren-vernietigen": ("administratie",),
    "datalekken": ("register",),
    "toegangsbewaking": ("audit",),
    "monitoringexport": ("administratie",),
    "rapportage": ("configuratie",),
}


VI_ARCHIEF_MAANDEN = 24  # SPEC §0.2 `vi.archive_months`: the default; the regional setting may differ


# retention.sector_terms as shipped, by the organisation type's name (BW 7:454(3))
SECTORTERMIJNEN_IN_WOORDEN = {"Zorg (Wgbo)": SECTORTERMIJNEN["wgbo_zorg"]}


def _sectorwetten(sectortermijnen: Mapping[str, int]) -> str:
    if not sectortermijnen:
        return ""
    termijnen = ", ".join(f"voor {soort} {jaren} jaar" for soort, jaren in sorted(sectortermijnen.items()))
    return f"; onder een sectorwet de termijn van die wet na de laatste wijziging, {termijnen}"


def bewaartermijnen_in_woorden(
    *, sectortermijnen: Mapping[str, int] | None = None, vi_archief_maanden: int = VI_ARCHIEF_MAANDEN
) -> dict[str, str]:
    """RG-01 for people (privacy officer review): per record type of the retention engine (RT-10) what it
    is and how long it is kept, in plain Dutch with the configured terms filled in, instead of the SPEC
    §0.2 keys its rules are written with. `sectortermijnen`: organisation type (its name) → years
    (retention.sector_terms; None: as shipped)."""
    sector = SECTORTERMIJNEN_IN_WOORDEN if sectortermijnen is None else sectortermijnen
    a = ADMINISTRATIE_JAREN
    return {
        "dossier": f"Dossier: {DOSSIER_JAREN} jaar na het einde van de ondersteuning, tot 1 januari van het "
        f"{DOSSIER_JAREN}e jaar na het eindjaar (RT-01)" + _sectorwetten(sector),
        "zorgsignaal": f"zorgsignaal zonder melding: {ZORGSIGNAAL_MAANDEN} maanden na ontvangst (RT-05)",
        "toestemming": f"toestemming: {TOESTEMMING_JAREN} jaar na het verlopen of intrekken, en niet zolang "
        "een verstrekking erop steunt",
        "administratie": f"administratie: {a} jaar na afsluiting",
        "casusoverleg": "casusoverleg: de bewaartermijn van het type overleg, na het sluiten (RT-08)",
        "persoon": "persoon: tot het laatste dossier of signaal over de persoon is vernietigd",
        "signaal": "signaal in de verwijsindex: tot de verwijderdatum of de intrekking (VI-16)",
        "vi_archief": f"archiefgegeven van de verwijsindex: {vi_archief_maanden} maanden na het einde "
        "van het signaal (VI-21, RT-04)",
        "verstrekking": "verstrekking: zo lang als het dossier of de casus waaruit is verstrekt",
        "toegang": "toegang: zo lang als het gegeven waarop de toegang betrekking heeft",
        "register": f"registergegevens: {a} jaar nadat ze zijn vervangen of beëindigd",
        "configuratie": f"instellingen: zo lang ze gelden, daarna {a} jaar",
        "sleutel": "sleutel: zo lang er gegevens mee zijn versleuteld",
        "audit": f"logboek: {AUDIT_JAREN} jaar (AU-03)",
        "pseudoniem": "pseudoniem in het logboek: tot de gegevens van de betrokkene zijn vernietigd (AU-07)",
        "idempotentie": "technisch verzoekgegeven: 24 uur",
        "bericht": f"bericht: de tekst tot het is bezorgd; adres en onderwerp {a} jaar",
    }


def bewaartermijn_tekst(
    activiteit: str,
    *,
    sectortermijnen: Mapping[str, int] | None = None,
    vi_archief_maanden: int = VI_ARCHIEF_MAANDEN,
) -> str:
    """The retention text a new entry proposes: for each record type the activity keeps (RT-10), what it is
    and how long it is kept, in words — never a configuration key (privacy officer review)."""
    woorden = bewaartermijnen_in_woorden(
        sectortermijnen=sectortermijnen, vi_archief_maanden=vi_archief_maanden
    )
    return _zin("; ".join(woorden[c] for c in BEWAARREGELS_PER_ACTIVITEIT.get(activiteit, ("register",))))


def _zin(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:] + ("" if tekst.endswith(".") else ".")


# The SPEC §0.2 keys an earlier proposal carried (the retention rules' own texts): key → (unit, default).
_SLEUTELS: dict[str, tuple[str, int | None]] = {
    "retention.dossier_years": ("jaar", DOSSIER_JAREN),
    "retention.unconfirmed_signal_months": ("maanden", ZORGSIGNAAL_MAANDEN),
    "retention.consent_years": ("jaar", TOESTEMMING_JAREN),
    "retention.admin_years": ("jaar", ADMINISTRATIE_JAREN),
    "retention.audit_years": ("jaar", AUDIT_JAREN),
    "vi.archive_months": ("maanden", VI_ARCHIEF_MAANDEN),
    "retention.sector_terms": ("de termijn van de sectorwet", None),
    "vi.signal_term_months": ("de looptijd van het signaal", None),
}
_SLEUTEL = re.compile(r"\b(?:retention|vi)\.[a-z_]+(?: \((\d+)\))?")


def leesbare_bewaartermijn(tekst: str) -> str:
    """A stored retention text as people read it (RG-01): a version proposed before the texts were in words
    keeps the retention rules' configuration keys (`retention.admin_years (5) na beëindiging`); shown, each
    rule's text becomes its words and any key left its term (`5 jaar na beëindiging`). The stored text, an
    approved version's too, stays as it was: only the words differ, not what was approved."""
    woorden = bewaartermijnen_in_woorden()
    oud = tekst
    for code, regel in sorted(REGELS.items(), key=lambda r: -len(r[1].omschrijving)):
        tekst = tekst.replace(regel.omschrijving, woorden[code])
    if tekst != oud:
        tekst = _zin(tekst)

    def term(m: re.Match) -> str:
        sleutel = m.group(0).split(" (")[0]
        if sleutel not in _SLEUTELS:
            return m.group(0)
        eenheid, standaard = _SLEUTELS[sleutel]
        if standaard is None:
            return eenheid
        return f"{m.group(1) or standaard} {eenheid}"

    return _SLEUTEL.sub(term, tekst)


# --- The register for the Autoriteit Persoonsgegevens (GDPR art 30(4), RG-01) -----------------------------

# (key in the JSON export, column of the CSV export): GDPR art 30(1)'s items as RG-01 lists them, in words.
# The CSV repeats the controller and its FG (art 30(1)(a)) on each row, so every row stands on its own.
EXPORT_KOLOMMEN: tuple[tuple[str, str], ...] = (
    ("verwerking", "Verwerking"),
    ("code", "Code in het logboek"),
    ("versie", "Versie"),
    ("goedgekeurdOp", "Goedgekeurd op"),
    ("doelen", "Doelen"),
    ("grondslag", "Grondslag"),
    ("wettelijkeBepaling", "Wettelijke bepaling"),
    ("categorieenBetrokkenen", "Categorieën betrokkenen"),
    ("categorieenPersoonsgegevens", "Categorieën persoonsgegevens"),
    ("bijzonderePersoonsgegevens", "Bijzondere persoonsgegevens"),
    ("ontvangers", "Ontvangers"),
    ("bewaartermijn", "Bewaartermijn"),
    ("beveiligingsmaatregelen", "Beveiligingsmaatregelen"),
    ("gezamenlijkeVerwerkingsverantwoordelijken", "Gezamenlijke verwerkingsverantwoordelijken"),
    ("dpia", "DPIA"),
)
CSV_VOORAF: tuple[str, str] = ("Verwerkingsverantwoordelijke", "Functionaris gegevensbescherming")
DPIA_IN_WOORDEN = {
    "concept": "In voorbereiding",
    "geadviseerd": "Advies van de FG gegeven, besluit volgt",
    "goedgekeurd": "Goedgekeurd",
    "in_herziening": "Wordt herzien",
}


def export_rij(
    *,
    naam: str,
    code: str,
    versie: int,
    goedgekeurd_op: dt.date | None,
    doelen: list[str],
    grondslag: str,
    bepaling: str,
    betrokkenen: str,
    gegevens: str,
    bijzonder: bool,
    ontvangers: str,
    bewaartermijn: str,
    beveiliging: str,
    gezamenlijk: str,
    dpia_status: str | None,
) -> dict:
    """One processing activity's current approved entry in words (GDPR art 30(1)): the basis as its name,
    the retention without configuration keys, the DPIA's state; `doelen` are the purposes' descriptions."""
    return {
        "verwerking": naam,
        "code": code,
        "versie": versie,
        "goedgekeurdOp": goedgekeurd_op.isoformat() if goedgekeurd_op else None,
        "doelen": list(doelen),
        "grondslag": GRONDSLAGEN.get(grondslag, grondslag),
        "wettelijkeBepaling": bepaling,
        "categorieenBetrokkenen": betrokkenen,
        "categorieenPersoonsgegevens": gegevens,
        "bijzonderePersoonsgegevens": bijzonder,
        "ontvangers": ontvangers,
        "bewaartermijn": leesbare_bewaartermijn(bewaartermijn),
        "beveiligingsmaatregelen": beveiliging,
        "gezamenlijkeVerwerkingsverantwoordelijken": gezamenlijk,
        "dpia": DPIA_IN_WOORDEN.get(dpia_status or "", "Geen"),
    }


def fg_in_woorden(naam: str, email: str, telefoon: str) -> str:
    """The FG's name and contact details (GDPR art 30(1)(a)) as one cell."""
    contact = ", ".join(w for w in (email, telefoon) if w)
    return f"{naam} ({contact})" if naam and contact else naam or contact


def _cel(waarde) -> str:
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list | tuple):
        return "; ".join(str(w) for w in waarde)
    return "" if waarde is None else str(waarde)


def export_csv(*, verwerkingsverantwoordelijke: str, fg: str, rijen: Iterable[Mapping]) -> str:
    """The register as CSV for the AP (GDPR art 30(4)): Dutch column names, `;` as separator like the other
    downloads, one row per processing activity with the controller and its FG in front."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([*CSV_VOORAF, *(kolom for _, kolom in EXPORT_KOLOMMEN)])
    for rij in rijen:
        schrijver.writerow(
            [verwerkingsverantwoordelijke, fg, *(_cel(rij.get(sleutel)) for sleutel, _ in EXPORT_KOLOMMEN)]
        )
    return uit.getvalue()


# --- DPIA (RG-02) -------------------------------------------------------------------------------------------

DPIA_CONCEPT, GEADVISEERD, DPIA_GOEDGEKEURD, IN_HERZIENING = (
    "concept",
    "geadviseerd",
    "goedgekeurd",
    "in_herziening",
)

# State machine as data (DESIGN §5.4): the FG advises on a complete DPIA, the controller decides, and a
# periodic (or earlier) review reopens it; after a review the FG advises again.
DPIA_TRANSITIES: dict[str, frozenset[str]] = {
    DPIA_CONCEPT: frozenset({GEADVISEERD}),
    GEADVISEERD: frozenset({DPIA_GOEDGEKEURD}),
    DPIA_GOEDGEKEURD: frozenset({IN_HERZIENING}),
    IN_HERZIENING: frozenset({GEADVISEERD}),
}
# The four steps are written in these states only; advised or approved text stays as it was decided.
DPIA_BEWERKBAAR = frozenset({DPIA_CONCEPT, IN_HERZIENING})

# RG-02's four steps: (field, what it covers).
DPIA_STAPPEN: tuple[tuple[str, str], ...] = (
    ("proces", "1. het proces en de momenten van delen"),
    ("rechtmatigheid", "2. de rechtmatigheid"),
    ("risicos", "3. de risico's voor betrokkenen"),
    ("maatregelen", "4. de maatregelen"),
)
HERZIEN_NA_JAREN = 3  # a DPIA is reviewed periodically; the decision may set another date [design]

# Activities whose use needs an approved DPIA whatever their data: staff monitoring (RP-06).
DPIA_VERPLICHT = frozenset({"toegangsbewaking"})
# Criterion (l) of the verwijsindex needs an approved DPIA of this activity (VI-23).
CRITERIUM_L_ACTIVITEIT = "verwijsindex"


def dpia_overgang_toegestaan(van: str, naar: str) -> bool:
    return naar in DPIA_TRANSITIES.get(van, frozenset())


def dpia_bewerkbaar(status: str) -> bool:
    return status in DPIA_BEWERKBAAR


def ontbrekende_stappen(waarden: Mapping[str, str | None]) -> list[str]:
    """RG-02: the steps (field names, in order) that are empty or only whitespace."""
    return [veld for veld, _ in DPIA_STAPPEN if not (waarden.get(veld) or "").strip()]


def standaard_herziendatum(besluitdatum: dt.date) -> dt.date:
    """The periodic review: three years after the decision (29 February → 28 February)."""
    return plus_jaren(besluitdatum, HERZIEN_NA_JAREN)


def besluit_fouten(
    besluitdatum: dt.date, herziendatum: dt.date, vandaag: dt.date, geadviseerd: dt.date | None = None
) -> dict[str, str]:
    """Why a DPIA decision's dates are wrong, per field (empty: fine). The controller decides after the
    FG's advice (GDPR art 35(2)), so not before the day of the advice."""
    fouten = {}
    if besluitdatum > vandaag:
        fouten["besluitdatum"] = "De datum van het besluit ligt niet in de toekomst."
    elif geadviseerd is not None and besluitdatum < geadviseerd:
        fouten["besluitdatum"] = "Het besluit volgt op het advies van de FG; het ligt niet vóór dat advies."
    if herziendatum <= besluitdatum:
        fouten["herziendatum"] = "De herziendatum ligt na de datum van het besluit."
    return fouten


def dpia_nodig(*, code: str, bijzondere_categorieen: bool, criterium_l: bool) -> bool:
    """RG-02 with GDPR art 35: special categories on a large scale, staff monitoring (RP-06) and criterion
    (l) of the verwijsindex (VI-23) need a DPIA."""
    return (
        bijzondere_categorieen or code in DPIA_VERPLICHT or (criterium_l and code == CRITERIUM_L_ACTIVITEIT)
    )


def herziening_verlopen(status: str, herziendatum: dt.date | None, vandaag: dt.date) -> bool:
    """An approved DPIA whose review date has passed (on the date itself it is still in time)."""
    return status == DPIA_GOEDGEKEURD and herziendatum is not None and herziendatum < vandaag


# What a new entry proposes for its security measures: the platform's own measures (DESIGN §4); the FG
# adds the organisation's.
BEVEILIGING_PLATFORM = (
    "Toegang alleen na wachtwoord en tweede factor; toegang tot inhoud alleen via een vastgelegde toegang "
    "(need-to-know); versleuteling van gevoelige gegevens per verwerkingsverantwoordelijke; een logboek "
    "met hashketen en ondertekende controlepunten; bewaartermijnen worden automatisch uitgevoerd."
)
