"""Pure rules about purposes, legal bases, the verwerkingsregister and DPIAs (GP-02, GP-03, RG-01, RG-02).

No database, no clock: the services pass today's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from zorgvuldig.bewaren.policies import REGELS, plus_jaren
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


def bewaartermijn_tekst(activiteit: str) -> str:
    """The retention text of an entry, taken from the retention rules (RT-10)."""
    return "; ".join(
        REGELS[c].omschrijving for c in BEWAARREGELS_PER_ACTIVITEIT.get(activiteit, ("register",))
    )


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
