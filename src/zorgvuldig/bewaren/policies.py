"""Pure retention rules (SPEC §10, RT-01 … RT-13). No database, no request, no clock.

Every record type has exactly one rule (RT-10); a record's due date follows from its start event
(*brondatum*) and the rule's term. Whether a record is due or held is derived at read time (RT-12): the
sweep only carries out what these functions already say.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

# --- Terms (SPEC §0.2) -------------------------------------------------------------------------------
DOSSIER_JAREN = 15  # retention.dossier_years (RT-01)
ZORGSIGNAAL_MAANDEN = 6  # retention.unconfirmed_signal_months (RT-05)
TOESTEMMING_JAREN = 5  # retention.consent_years
ADMINISTRATIE_JAREN = 5  # retention.admin_years
AUDIT_JAREN = 7  # retention.audit_years
# retention.sector_terms: organisation type → years after the last change of the file. A dossier kept under
# a sector law follows its statute instead of RT-01 (BW 7:454(3) for Wgbo care: 20 years after the last
# change); the other statutes (Jeugdwet 7.3.8, Wmo 2015 5.3.4) only as the operator configures them.
SECTORTERMIJNEN = {"wgbo_zorg": 20}

VERNIETIGEN, ANONIMISEREN, OVERBRENGEN = "vernietigen", "anonimiseren", "overbrengen"
ACTIES = (VERNIETIGEN, ANONIMISEREN, OVERBRENGEN)


@dataclass(frozen=True)
class Regel:
    omschrijving: str
    brondatum: str  # the start event (ZGW *brondatum*)
    termijn: str  # ISO 8601 duration or the §0.2 key
    afleiding: str
    bron: str
    actie: str = VERNIETIGEN
    # RT-13: a date derived from an event needs a destruction list; a date the SPEC fixes does not
    vernietigingslijst: bool = False
    # a record type with records of its own (a row in Bewaartermijn); the others go with their parent
    eenheid: bool = False


REGELS: dict[str, Regel] = {
    "dossier": Regel(
        "retention.dossier_years (15): vernietigen op 1 januari van eindjaar + 15 (RT-01); onder een "
        "sectorwet retention.sector_terms (Wgbo: 20 jaar na de laatste wijziging)",
        "einde ondersteuning (einddatum); sectorwet: laatste wijziging van het dossier",
        "P15Y",
        "1 januari van het jaar na eindjaar + 14 (RT-01); sectorwet: laatste wijziging + termijn",
        "seed 001 art 9(2); BW 7:454(3)",
        vernietigingslijst=True,
        eenheid=True,
    ),
    "zorgsignaal": Regel(
        "retention.unconfirmed_signal_months (6) na ontvangst zonder melding (RT-05)",
        "ontvangst",
        "P6M",
        "ontvangstdatum + termijn; met een melding gaat het mee met het dossier",
        "seed 000 §3.1.2",
        eenheid=True,
    ),
    "toestemming": Regel(
        "retention.consent_years (5) na verval of intrekking, niet vóór verstrekkingen erop",
        "verval of intrekking",
        "P5Y",
        "vroegste van vervaldatum en intrekking + termijn; niet zolang een verstrekking erop steunt",
        "[law: GDPR art 7(1)]",
        vernietigingslijst=True,
        eenheid=True,
    ),
    "administratie": Regel(
        "retention.admin_years (5) na beëindiging",
        "afsluiting",
        "P5Y",
        "afsluitdatum + termijn",
        "[design]",
        vernietigingslijst=True,
        eenheid=True,
    ),
    "casusoverleg": Regel(
        "Termijn van het overlegtype na sluiten (RT-08); overdracht via het deelbesluit",
        "sluiting van het gezamenlijk dossier",
        "bewaartermijn van het overlegtype (maanden)",
        "sluitdatum + termijn van het overlegtype",
        "seed 003 'Doelen fasen'",
        vernietigingslijst=True,
        eenheid=True,
    ),
    "persoon": Regel(
        "Tot het laatste dossier of signaal over de persoon is vernietigd (SPEC §10)",
        "vernietiging van het laatste record over de persoon",
        "P0D",
        "direct, met de pseudoniemkoppeling (AU-07)",
        "[design]",
    ),
    "signaal": Regel(
        "Tot de verwijderdatum of intrekking (VI-16); dan alleen het archiefrecord (RT-04)",
        "signaaldatum",
        "vi.signal_term_months",
        "verwijderdatum (VI-16)",
        "seed 004 §4.2",
    ),
    "vi_archief": Regel(
        "vi.archive_months (24) na het einde van het signaal (VI-21, RT-04)",
        "einde van signaal of match",
        "vi.archive_months",
        "einddatum + termijn",
        "seed 004 §4.4",
    ),
    "verstrekking": Regel(
        "Met het dossier of de casus; niet zolang verstrekte gegevens bestaan (SPEC §10)",
        "vernietiging van het dossier of de casus",
        "P0D",
        "met het bovenliggende record",
        "seed 001 art 18(2)",
    ),
    "toegang": Regel(
        "Met het object waarop de toegang betrekking heeft",
        "vernietiging van het object",
        "P0D",
        "met het object",
        "[design]",
    ),
    "register": Regel(
        "retention.admin_years (5) na vervanging of beëindiging",
        "vervanging of beëindiging",
        "P5Y",
        "einddatum + termijn",
        "[design]",
    ),
    "configuratie": Regel(
        "Zolang de configuratie geldt; daarna retention.admin_years",
        "beëindiging",
        "P5Y",
        "einddatum + termijn",
        "[design]",
    ),
    "sleutel": Regel(
        "Zolang er gegevens onder de sleutel staan",
        "laatste gegevens onder de sleutel vernietigd",
        "P0D",
        "met de gegevens",
        "[design]",
    ),
    "audit": Regel(
        "retention.audit_years (7), als ketenbegin tot een ondertekend controlepunt (AU-03)",
        "tijdstip van de regel",
        "P7Y",
        "ketenbegin tot een ondertekend controlepunt",
        "[design]",
    ),
    "pseudoniem": Regel(
        "Tot de gegevens van de betrokkene zijn vernietigd (AU-07)",
        "vernietiging van de gegevens van de betrokkene",
        "P0D",
        "met de persoon",
        "[design]",
    ),
    "idempotentie": Regel("24 uur (API §1.6)", "verzoek", "PT24H", "tijdstip + 24 uur", "API §1.6"),
    "bericht": Regel(
        "Tekst gewist na bezorging; adres en onderwerp als administratie (retention.admin_years)",
        "bezorging",
        "P5Y",
        "tekst bij bezorging; de rest na termijn",
        "[design]",
    ),
}


# --- Dates (RT-01, RT-05, RT-08, consent, admin) -----------------------------------------------------


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """Calendar months; a day the target month lacks becomes its last day (31 Aug + 6 → 28/29 Feb)."""
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar += datum.year
    return datum.replace(
        year=jaar, month=maand + 1, day=min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
    )


def plus_jaren(datum: dt.date, jaren: int) -> dt.date:
    return plus_maanden(datum, 12 * jaren)


def dossier_vervaldatum(einddatum: dt.date, jaren: int = DOSSIER_JAREN) -> dt.date:
    """RT-01: due on 1 January of (end year + 15): ended 10 March 2024 → 1 January 2039."""
    return dt.date(einddatum.year + jaren, 1, 1)


def sectortermijnen(waarden: list[str]) -> dict[str, int]:
    """Parse `retention.sector_terms` ("type:years" items). A term under RT-01's 15 years is a
    configuration error: a sector statute never keeps a file shorter than the team dossier."""
    uit: dict[str, int] = {}
    for waarde in waarden:
        soort, _, jaren = waarde.partition(":")
        soort = soort.strip()
        if not soort:
            raise ValueError(f"retention.sector_terms: {waarde!r}: geef organisatietype:jaren")
        if not jaren.strip().isdigit() or not DOSSIER_JAREN <= int(jaren) <= 115:
            raise ValueError(
                f"retention.sector_terms: {waarde!r}: geef een aantal jaren van 15 tot en met 115"
            )
        if soort in uit:
            raise ValueError(f"retention.sector_terms: {soort!r} staat er twee keer in")
        uit[soort] = int(jaren)
    return uit


def sector_brondatum(einddatum: dt.date, laatste_wijziging: dt.date | None) -> dt.date:
    """A sector-law file's clock starts at its last change (BW 7:454(3)), and never before support ended."""
    return max(einddatum, laatste_wijziging) if laatste_wijziging else einddatum


def toestemming_brondatum(geldig_tot: dt.date | None, ingetrokken_op: dt.date | None) -> dt.date | None:
    """Expiry or revocation, whichever came first; an open-ended consent that stands has none yet."""
    data = [d for d in (geldig_tot, ingetrokken_op) if d is not None]
    return min(data) if data else None


def vervaldatum(
    regel: str, brondatum: dt.date | None, *, maanden: int | None = None, sectorjaren: int | None = None
) -> dt.date | None:
    """The due date of a record of rule `regel` whose start event happened on `brondatum` (None: not yet,
    so not due). `maanden`: the term where the record's own type sets it (case table, RT-08; outreach
    signal per channel, RT-05). `sectorjaren`: a dossier under a sector statute (retention.sector_terms),
    due that many years after `brondatum` to the day instead of on RT-01's 1 January."""
    if brondatum is None:
        return None
    if regel == "dossier":
        return plus_jaren(brondatum, sectorjaren) if sectorjaren else dossier_vervaldatum(brondatum)
    if regel in ("zorgsignaal", "casusoverleg"):
        return plus_maanden(brondatum, ZORGSIGNAAL_MAANDEN if maanden is None else maanden)
    if regel == "toestemming":
        return plus_jaren(brondatum, TOESTEMMING_JAREN)
    if regel == "administratie":
        return plus_jaren(brondatum, ADMINISTRATIE_JAREN)
    raise ValueError(f"{regel} has no records of its own")


# --- States (RT-07, RT-12) ------------------------------------------------------------------------------
ACTIEF, VERLOPEN, GEBLOKKEERD = "actief", "verlopen", "geblokkeerd"
VERNIETIGD, GEANONIMISEERD, OVERGEBRACHT = "vernietigd", "geanonimiseerd", "overgebracht"
UITKOMSTEN = (VERNIETIGD, GEANONIMISEERD, OVERGEBRACHT)
STATUSSEN = (ACTIEF, VERLOPEN, GEBLOKKEERD, *UITKOMSTEN)
UITKOMST_VAN_ACTIE = {VERNIETIGEN: VERNIETIGD, ANONIMISEREN: GEANONIMISEERD, OVERBRENGEN: OVERGEBRACHT}


def blokkade_actief(einddatum: dt.date, opgeheven: bool, vandaag: dt.date) -> bool:
    """RT-07/RT-12: a hold suspends destruction until its end date (that day it no longer holds)."""
    return not opgeheven and vandaag < einddatum


def status(vervaldatum: dt.date | None, uitkomst: str, geblokkeerd: bool, vandaag: dt.date) -> str:
    """ACTIVE → DUE → (HELD) → DESTROYED / ANONYMISED / TRANSFERRED, from the dates at read time."""
    if uitkomst:
        return uitkomst
    if vervaldatum is None or vandaag < vervaldatum:
        return ACTIEF
    return GEBLOKKEERD if geblokkeerd else VERLOPEN


# --- Extension (RT-02) and holds (RT-07) -----------------------------------------------------------------
BLOKKADEREDENEN = ("wettelijke_plicht", "verantwoording_financier", "lopend_verzoek", "klacht", "bezwaar")
MIN_REDEN = 10  # a reason is a sentence, not a tick


def _leeg(tekst: str | None) -> bool:
    return len((tekst or "").strip()) < MIN_REDEN


def verlenging_fouten(
    nieuwe_datum: dt.date | None, huidige: dt.date | None, reden: str, uitkomst: str, vandaag: dt.date
) -> list[tuple[str, str]]:
    """RT-02: longer only by a reasoned decision with a new date later than the current due date."""
    fouten = []
    if uitkomst:
        fouten.append(("status", "Het record is al vernietigd, geanonimiseerd of overgebracht."))
    if nieuwe_datum is None:
        fouten.append(("nieuweDatum", "Vul de nieuwe datum in."))
    elif huidige is None:
        fouten.append(
            ("nieuweDatum", "Er loopt nog geen bewaartermijn: het startmoment is nog niet bereikt.")
        )
    elif nieuwe_datum <= max(huidige, vandaag):
        fouten.append(("nieuweDatum", "De nieuwe datum ligt na de huidige vervaldatum en na vandaag."))
    if _leeg(reden):
        fouten.append(("reden", "Motiveer waarom zorgvuldige hulpverlening langer bewaren vraagt (RT-02)."))
    return fouten


def blokkade_fouten(reden: str, einddatum: dt.date | None, toelichting: str, uitkomst: str, vandaag: dt.date):
    """RT-07: a hold names its ground, an end date in the future and why."""
    fouten = []
    if uitkomst:
        fouten.append(("status", "Het record is al vernietigd, geanonimiseerd of overgebracht."))
    if reden not in BLOKKADEREDENEN:
        fouten.append(("reden", "Kies een van de wettelijke redenen (RT-07)."))
    if einddatum is None or einddatum <= vandaag:
        fouten.append(("einddatum", "De einddatum van een blokkade ligt in de toekomst."))
    if _leeg(toelichting):
        fouten.append(("toelichting", "Licht de blokkade toe."))
    return fouten


# --- Destruction lists (RT-13) --------------------------------------------------------------------------
CONCEPT, GOEDGEKEURD, UITGEVOERD = "concept", "goedgekeurd", "uitgevoerd"
BEOORDELINGEN = ("vernietigen", "bewaren", "overbrengen")
GOEDKEURDERS = ("leidinggevende", "fg")


def beoordeling_fouten(beoordeling: str, nieuwe_datum: dt.date | None, reden: str, peildatum: dt.date):
    """Each item: destroy, keep with a new date and reason (RT-02), or transfer to the archive (RT-11)."""
    if beoordeling not in BEOORDELINGEN:
        return [("beoordeling", "Kies vernietigen, bewaren of overbrengen.")]
    if beoordeling != "bewaren":
        return [("nieuweDatum", "Alleen bij bewaren hoort een nieuwe datum.")] if nieuwe_datum else []
    fouten = []
    if nieuwe_datum is None or nieuwe_datum <= peildatum:
        fouten.append(("nieuweDatum", "Bewaren vraagt een nieuwe datum na de peildatum (RT-02)."))
    if _leeg(reden):
        fouten.append(("reden", "Motiveer waarom langer bewaren nodig is (RT-02)."))
    return fouten


def goedkeuring_fout(rol: str, gebruiker: str, eerdere: list[tuple[str, str]], lijst_status: str) -> str:
    """RT-13: the leidinggevende and the FG each approve once, as two different people."""
    if lijst_status != CONCEPT:
        return "Deze lijst is al goedgekeurd of uitgevoerd."
    if rol not in GOEDKEURDERS:
        return "Alleen de leidinggevende en de FG keuren een vernietigingslijst goed."
    if any(r == rol for r, _ in eerdere):
        return "Deze rol heeft de lijst al goedgekeurd."
    if any(g == gebruiker for _, g in eerdere):
        return "Een tweede goedkeuring komt van een ander (vier ogen)."
    return ""


def volledig_goedgekeurd(goedkeuringen: list[tuple[str, str]]) -> bool:
    return {r for r, _ in goedkeuringen} >= set(GOEDKEURDERS)


# --- The sweep (RT-03, RT-09, RT-11, RT-13) -----------------------------------------------------------------


def opruimbezwaar(
    status_nu: str,
    lijst_nodig: bool,
    beoordeling: str | None,
    lijst_goedgekeurd: bool,
) -> str:
    """Why the sweep may not destroy this record now ('' = it may). A stopped sweep never lets a due item
    act (RT-12); this only decides whether deleting it is allowed yet."""
    if status_nu != VERLOPEN:
        return status_nu  # active, held or already done
    if lijst_nodig and not (lijst_goedgekeurd and beoordeling in ("vernietigen", "overbrengen")):
        return "geen_goedgekeurde_lijst"
    return ""  # what still relies on the record (PROTECT) stops its deletion in the sweep itself


def wijze(actie: str, archiefcategorie: str, beoordeling: str | None) -> str:
    """RT-11: a record type configured permanent, or an item the list sends to the archive, is transferred."""
    if archiefcategorie or beoordeling == "overbrengen":
        return OVERGEBRACHT
    return UITKOMST_VAN_ACTIE[actie]
