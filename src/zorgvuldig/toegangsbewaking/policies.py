"""Pure rules of access-pattern monitoring (RP-06). No database, no clock: callers pass what they know.

* Activation (RP-06): only with an approved DPIA (RG-02) and the works council's recorded consent
  (WOR art 27(1)(l)); otherwise `E_RP_MONITORING_NOT_APPROVED`.
* The patterns the daily job looks for, the day window and working hours (SPEC §0 Time: Europe/Amsterdam,
  working days without weekends and public holidays).
* The FG's review of an alert: `open` → `beoordeeld`, outcome from a closed list, an explanation required
  for `incident`; never the FG's own alert.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo

from zorgvuldig.core import kalender

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CODE_NIET_GOEDGEKEURD = "E_RP_MONITORING_NOT_APPROVED"
ACTIVITEIT = "toegangsbewaking"  # processing activity (registers/catalogus.py) and DPIA subject

MAX_PERSONEN_STANDAARD = 50
MAX_PERSONEN_GRENS = 10_000
MAX_VERWIJZINGEN = 100  # audit entry uuids kept per alert
INHAALDAGEN = 7  # the job also looks at days it missed (worker down), never before the activation
NOODTOEGANG_ACTIE = "toegang.noodtoegang"
# A list shows every person in it (one audit entry each) without the user looking them up: lists do not
# count towards "many persons" — they do count for working hours and for the same surname.
LIJST_ACTIE_EINDE = ".lijst_ingezien"
MIN_TOELICHTING = 10
MAX_TOELICHTING = 2000
MAX_KENMERK = 100
MAX_OMSCHRIJVING = 500

# kind → what `aantal` counts. `zelfde_adres` compares keyed indexes of addresses only (`adres_sleutel`).
SOORTEN = {
    "veel_personen": "Veel verschillende personen op één dag",
    "zelfde_achternaam": "Persoon met dezelfde achternaam als de medewerker",
    "zelfde_adres": "Persoon op hetzelfde adres als de medewerker",
    "noodtoegang": "Noodtoegang gebruikt",
    "buiten_werktijd": "Gegevens van personen verwerkt buiten werktijd",
}

OPEN = "open"
BEOORDEELD = "beoordeeld"
STATUSSEN = (OPEN, BEOORDEELD)
TRANSITIES = {OPEN: {BEOORDEELD}, BEOORDEELD: set()}

GEEN_BIJZONDERHEDEN = "geen_bijzonderheden"
NAVRAAG_GEDAAN = "navraag_gedaan"
INCIDENT = "incident"
UITKOMSTEN = {
    GEEN_BIJZONDERHEDEN: "Geen bijzonderheden: de toegang past bij het werk",
    NAVRAAG_GEDAAN: "Navraag gedaan: verklaard en afgesloten",
    INCIDENT: "Incident: onrechtmatige toegang (beoordeel of het een datalek is, RG-03)",
}


# --- activation (RP-06) -----------------------------------------------------------------------------------


def ontbrekend(dpia_goedgekeurd: bool, instemming: bool) -> list[str]:
    """What activation still lacks, in words, in the order the FG arranges them."""
    mist = []
    if not dpia_goedgekeurd:
        mist.append("een goedgekeurde DPIA voor de bewaking van toegangspatronen (RG-02)")
    if not instemming:
        mist.append("de vastgelegde instemming van de ondernemingsraad (WOR art. 27 lid 1 sub l)")
    return mist


def activering_fout(dpia_goedgekeurd: bool, instemming: bool) -> str | None:
    """RP-06: monitoring stays off until both exist; the message names what is missing."""
    mist = ontbrekend(dpia_goedgekeurd, instemming)
    if not mist:
        return None
    return "De bewaking van toegangspatronen blijft uit zolang " + " en ".join(mist) + " ontbreekt (RP-06)."


def drempel_fouten(max_personen: int, van: dt.time, tot: dt.time) -> list[tuple[str, str]]:
    """Thresholds: at least one person; working hours start before they end."""
    fouten = []
    if not 1 <= max_personen <= MAX_PERSONEN_GRENS:
        fouten.append(("maxPersonenPerDag", f"Kies een aantal van 1 tot en met {MAX_PERSONEN_GRENS}."))
    if van >= tot:
        fouten.append(("werktijd", "Het begin van de werktijd moet vóór het einde liggen."))
    return fouten


def instemming_fouten(datum: dt.date | None, kenmerk: str, vandaag: dt.date) -> list[tuple[str, str]]:
    fouten = []
    if datum is None:
        fouten.append(("datum", "Vul de datum van de instemming in."))
    elif datum > vandaag:
        fouten.append(("datum", "De datum van de instemming kan niet in de toekomst liggen."))
    if not kenmerk.strip():
        fouten.append(("kenmerk", "Vul het kenmerk van het besluit van de ondernemingsraad in."))
    elif len(kenmerk) > MAX_KENMERK:
        fouten.append(("kenmerk", f"Het kenmerk is ten hoogste {MAX_KENMERK} tekens."))
    return fouten


# --- time windows ------------------------------------------------------------------------------------------


def dagvenster(dag: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The day in Europe/Amsterdam as [start, end) instants (23 or 25 hours on a DST change)."""
    start = dt.datetime.combine(dag, dt.time(0), tzinfo=AMSTERDAM)
    eind = dt.datetime.combine(dag + dt.timedelta(days=1), dt.time(0), tzinfo=AMSTERDAM)
    return start, eind


def werktijd(
    dag: dt.date, van: dt.time, tot: dt.time, bevrijdingsdag_jaarlijks: bool = True
) -> tuple[dt.datetime, dt.datetime] | None:
    """Working hours of the day as [start, end) instants; None on a weekend or public holiday."""
    if not kalender.is_werkdag(dag, bevrijdingsdag_jaarlijks):
        return None
    return (
        dt.datetime.combine(dag, van, tzinfo=AMSTERDAM),
        dt.datetime.combine(dag, tot, tzinfo=AMSTERDAM),
    )


def te_scannen_dagen(vandaag: dt.date, geactiveerd_op: dt.datetime) -> list[dt.date]:
    """The days the daily job looks at: up to INHAALDAGEN days before today, none before activation."""
    eerste = max(vandaag - dt.timedelta(days=INHAALDAGEN), geactiveerd_op.astimezone(AMSTERDAM).date())
    return [eerste + dt.timedelta(days=i) for i in range((vandaag - eerste).days)]


# --- patterns ----------------------------------------------------------------------------------------------


def veel_personen(aantal: int, drempel: int) -> bool:
    """More distinct persons than the threshold in one day (the threshold itself is still normal)."""
    return aantal > drempel


def _woorden(tekst: str) -> list[str]:
    """Lower case, accents and hyphens ignored: 'Bakker-De Vries' → ['bakker', 'de', 'vries']."""
    kaal = "".join(c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c)).casefold()
    return kaal.replace("-", " ").split()


def zelfde_achternaam(naam_medewerker: str, geslachtsnaam: str) -> bool:
    """Whether a staff member's name (one field: first name(s) and surname) ends in the person's surname.

    The prefix (`de`, `van der`) may stand in the staff member's name or not: 'Jan de Vries' matches a
    person 'de' + 'Vries' and one 'Vries'; 'Marieke Bakker-Jansen' matches 'Jansen', not 'Bakker'. A name
    of one word has no separate surname: no match."""
    medewerker = _woorden(naam_medewerker)
    achternaam = _woorden(geslachtsnaam)
    if len(medewerker) < 2 or not achternaam or len(achternaam) >= len(medewerker):
        return False
    return medewerker[-len(achternaam) :] == achternaam


_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
_HUISNUMMER = re.compile(r"0*([1-9][0-9]{0,4})(?![0-9])[\s-]*([A-Z0-9]*)")
MAX_TOEVOEGING = 6


def _alfanumeriek(tekst: str) -> str:
    """Upper case ASCII letters and digits only: accents, spaces, hyphens and slashes dropped."""
    kaal = "".join(c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c))
    return "".join(c for c in kaal.upper() if c.isascii() and c.isalnum())


def adres_sleutel(postcode: str, huisnummer: str, toevoeging: str = "") -> str | None:
    """RP-06 `zelfde_adres`: a Dutch address reduced to `1234AB|12|A`, the input of its keyed index.

    Postcode without spaces in upper case; the house number without leading zeros (1–99999); the addition
    in upper-case letters and digits only, so '12', 'a' and '12-A' and '12A', '' give the same key. A
    letter written in the house number field counts as the addition when the addition is empty. None when
    the address is incomplete or no Dutch postcode address (no key: no comparison, never a false match)."""
    pc = "".join((postcode or "").split()).upper()
    if not _POSTCODE.fullmatch(pc):
        return None
    nummer = _HUISNUMMER.fullmatch((huisnummer or "").strip().upper())
    if nummer is None:
        return None
    extra = _alfanumeriek(toevoeging or "")
    if nummer.group(2):
        if extra and extra != nummer.group(2):
            return None  # two different additions: no reliable address
        extra = nummer.group(2)
    if len(extra) > MAX_TOEVOEGING:
        return None
    return f"{pc}|{nummer.group(1)}|{extra}"


# --- review ------------------------------------------------------------------------------------------------


def beoordeling_fouten(uitkomst: str, toelichting: str) -> list[tuple[str, str]]:
    """The outcome from the closed list; an incident needs an explanation of what happened."""
    fouten = []
    if uitkomst not in UITKOMSTEN:
        fouten.append(("uitkomst", "Kies een van de uitkomsten."))
    if len(toelichting) > MAX_TOELICHTING:
        fouten.append(("toelichting", f"De toelichting is ten hoogste {MAX_TOELICHTING} tekens."))
    elif uitkomst == INCIDENT and len(toelichting.strip()) < MIN_TOELICHTING:
        fouten.append(
            (
                "toelichting",
                f"Bij een incident is een toelichting van ten minste {MIN_TOELICHTING} tekens verplicht.",
            )
        )
    return fouten


def mag_beoordelen(status: str) -> bool:
    return BEOORDEELD in TRANSITIES.get(status, set())


def eigen_signalering(gebruiker_id: int, beoordelaar_id: int) -> bool:
    """The FG does not review an alert about the FG's own access (no judge in one's own case)."""
    return gebruiker_id == beoordelaar_id
