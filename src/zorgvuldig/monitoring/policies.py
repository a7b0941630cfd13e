"""Pure rules of monitoring exports (RP-04, RP-05, GP-06). No database, no request.

* `CATALOGUS` — the CLOSED list of fields an export definition may choose. A field is one column of the
  CSV. Names, BSN, addresses, dates of birth and free text are not in it and never can be chosen (RP-04):
  the person appears only as a pseudonym keyed per export, age only as a band, place at most as the
  place of residence (gemeente), dates at most as a month.
* A definition covers one data set (`dossiers` or `signalen`): its fields share one prefix.
* `TRANSITIES` — concept → goedgekeurd → ingetrokken; concept → ingetrokken. An approved definition never
  changes: a change is a new definition, which needs the FG's approval again (RP-05).
* `export_status` / `verloopmoment` — an export waits for its recipient (`klaar`) until fetched
  (`opgehaald`) or, unfetched for `ZORGVULDIG_MONITORING_EXPORT_DAYS`, swept (`verlopen`); both wipe it.
* `pseudoniem` — HMAC-SHA256 of the person's internal id under a key made fresh for every export and
  never stored, so two exports cannot be linked and nobody can go back from a pseudonym (RP-04).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

CONCEPT, GOEDGEKEURD, INGETROKKEN = "concept", "goedgekeurd", "ingetrokken"
STATUSSEN = (CONCEPT, GOEDGEKEURD, INGETROKKEN)
TRANSITIES: dict[str, frozenset[str]] = {
    CONCEPT: frozenset({GOEDGEKEURD, INGETROKKEN}),
    GOEDGEKEURD: frozenset({INGETROKKEN}),
    INGETROKKEN: frozenset(),
}

# RP-01: reports and exports serve quality assessment and management, policy and accountability only.
DOELEN = ("kwaliteit", "verantwoording")

DOSSIERS, SIGNALEN = "dossiers", "signalen"

# Limits of the texts and names (API §1.1: over-long input is 400).
NAAM_MAX = 200
TEKST_MAX = 4000
TEKST_MIN = 20  # a proportionality text of a few characters weighs nothing (RP-05)


@dataclass(frozen=True)
class Veld:
    gegevensset: str
    kolom: str  # the CSV column(s); `zrm` fields expand to one column per domain
    omschrijving: str
    bijzonder: bool = False  # special-category data (GDPR art 9/10): the FG weighs it separately


# The closed catalogue (RP-04, GP-04). Keys are what the API and the form use.
CATALOGUS: dict[str, Veld] = {
    "dossier.pseudoniem": Veld(
        DOSSIERS, "pseudoniem", "Pseudoniem van de cliënt, alleen geldig in deze export"
    ),
    "dossier.leeftijdscategorie": Veld(
        DOSSIERS, "leeftijdscategorie", "Leeftijdscategorie op de exportdatum (nooit de geboortedatum)"
    ),
    "dossier.woonplaats": Veld(
        DOSSIERS, "woonplaats", "Woonplaats (nooit het adres; leeg bij een geheim adres)"
    ),
    "dossier.soort": Veld(DOSSIERS, "soort", "Soort dossier (individueel of gezin)"),
    "dossier.status": Veld(DOSSIERS, "status", "Status van het dossier"),
    "dossier.kader": Veld(DOSSIERS, "kader", "Kader (vrijwillig, drang, dwang)"),
    "dossier.team": Veld(DOSSIERS, "team", "Team (code)"),
    "dossier.startmaand": Veld(DOSSIERS, "startmaand", "Maand waarin het dossier is geopend (JJJJ-MM)"),
    "dossier.eindmaand": Veld(DOSSIERS, "eindmaand", "Maand waarin het dossier is gesloten (JJJJ-MM)"),
    "dossier.afsluitreden": Veld(DOSSIERS, "afsluitreden", "Reden van afsluiten (code)"),
    "dossier.zrm": Veld(
        DOSSIERS, "zrm", "Laatste ZRM-score per domein, zonder gezondheid en justitie (een kolom per domein)"
    ),
    "dossier.zrm_bijzonder": Veld(
        DOSSIERS,
        "zrm",
        "Laatste ZRM-score voor gezondheid, verslaving en justitie (bijzondere gegevens)",
        bijzonder=True,
    ),
    "signaal.pseudoniem": Veld(
        SIGNALEN, "pseudoniem", "Pseudoniem van de jongere, alleen geldig in deze export"
    ),
    "signaal.leeftijdscategorie": Veld(
        SIGNALEN,
        "leeftijdscategorie",
        "Leeftijdscategorie (alleen bij de veldenset extended_2009, anders onbekend)",
    ),
    "signaal.organisatietype": Veld(SIGNALEN, "organisatietype", "Soort organisatie van de signaleerder"),
    "signaal.maand": Veld(SIGNALEN, "maand", "Maand van het signaal (JJJJ-MM)"),
    "signaal.match": Veld(SIGNALEN, "match", "Of het signaal in een match zit (ja/nee)"),
}

# What is asked for most often and is never allowed (RP-04): a clear reason instead of "unknown field".
VERBODEN_WOORDEN = (
    "naam",
    "bsn",
    "adres",
    "straat",
    "huisnummer",
    "postcode",
    "geboorte",
    "telefoon",
    "email",
    "e-mail",
    "tekst",
    "notitie",
    "toelichting",
    "onderbouwing",
)

ZRM_GEWOON = (
    "inkomen",
    "dagbesteding",
    "huisvesting",
    "gezinsrelaties",
    "adl",
    "sociaal_netwerk",
    "maatschappelijke_participatie",
)
ZRM_BIJZONDER = ("geestelijke_gezondheid", "lichamelijke_gezondheid", "verslaving", "justitie")


def verboden(veld: str) -> bool:
    """A field asking for a name, BSN, address, birth date, contact or free text (RP-04)."""
    laag = veld.lower()
    return veld not in CATALOGUS and any(w in laag for w in VERBODEN_WOORDEN)


def velden_fouten(velden: list[str]) -> list[tuple[str, str, str]]:
    """(param, code, reason) for every problem with a field list; empty = allowed (RP-04, GP-04)."""
    fouten: list[tuple[str, str, str]] = []
    if not velden:
        return [("velden", "required", "Kies ten minste één veld uit de catalogus.")]
    gezien: set[str] = set()
    for i, veld in enumerate(velden):
        if veld in gezien:
            fouten.append((f"velden.{i}", "invalid", "Dit veld staat er al in."))
        gezien.add(veld)
        if verboden(veld):
            fouten.append(
                (
                    f"velden.{i}",
                    "not_allowed",
                    "Namen, BSN, adressen, geboortedata en vrije tekst gaan nooit mee in een export (RP-04).",
                )
            )
        elif veld not in CATALOGUS:
            fouten.append((f"velden.{i}", "not_allowed", "Dit veld staat niet in de catalogus (RP-04)."))
    sets = {CATALOGUS[v].gegevensset for v in velden if v in CATALOGUS}
    if len(sets) > 1:
        fouten.append(("velden", "invalid", "Kies velden uit één gegevensset: dossiers of signalen."))
    return fouten


def gegevensset(velden: list[str]) -> str:
    """The data set of a valid field list."""
    return CATALOGUS[velden[0]].gegevensset


def doel_fout(doel: str) -> str | None:
    if doel not in DOELEN:
        return "Een monitoringexport dient alleen kwaliteit of beheer, beleid en verantwoording (RP-01)."
    return None


def proportionaliteit_fouten(noodzaak: str, afweging: str, minder_ingrijpend: str) -> list[tuple[str, str]]:
    """RP-05: the definition says why it is strictly necessary, how the intrusion is weighed against the
    result and why a less intrusive way (fewer fields, aggregates) does not do."""
    fouten = []
    for naam, tekst in (
        ("proportionaliteit.noodzaak", noodzaak),
        ("proportionaliteit.afweging", afweging),
        ("proportionaliteit.minderIngrijpend", minder_ingrijpend),
    ):
        if len((tekst or "").strip()) < TEKST_MIN:
            fouten.append((naam, f"Beschrijf dit in ten minste {TEKST_MIN} tekens (RP-05)."))
    return fouten


def overgang_toegestaan(van: str, naar: str) -> bool:
    return naar in TRANSITIES.get(van, frozenset())


def kolommen(velden: list[str]) -> list[str]:
    """The CSV header, in catalogue order (not the order asked): ZRM fields become one column per domain."""
    uit: list[str] = []
    for naam, veld in CATALOGUS.items():
        if naam not in velden:
            continue
        if naam == "dossier.zrm":
            uit += [f"zrm_{d}" for d in ZRM_GEWOON]
        elif naam == "dossier.zrm_bijzonder":
            uit += [f"zrm_{d}" for d in ZRM_BIJZONDER]
        else:
            uit.append(veld.kolom)
    return uit


KLAAR, OPGEHAALD, VERLOPEN = "klaar", "opgehaald", "verlopen"
EXPORT_STATUSSEN = {KLAAR: "Klaar om op te halen", OPGEHAALD: "Opgehaald", VERLOPEN: "Verlopen"}


def export_status(opgehaald_op: dt.datetime | None, verlopen_op: dt.datetime | None) -> str:
    """RP-04: fetched once, or expired unfetched; either way the platform no longer holds the content."""
    if opgehaald_op is not None:
        return OPGEHAALD
    if verlopen_op is not None:
        return VERLOPEN
    return KLAAR


def verloopmoment(aangemaakt: dt.datetime, dagen: int) -> dt.datetime:
    """The moment an unfetched export expires: `dagen` × 24 hours after it was made."""
    return aangemaakt + dt.timedelta(days=dagen)


def pseudoniem(sleutel: bytes, intern_id: str) -> str:
    """RP-04: HMAC-SHA256 of the internal id under the export's own key; 32 hex characters suffice."""
    return hmac.new(sleutel, intern_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def maand(datum: dt.date | None) -> str:
    return datum.strftime("%Y-%m") if datum else ""


def csv_veilig(waarde: str) -> str:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    return "'" + waarde if waarde[:1] in ("=", "+", "-", "@", "\t", "\r") else waarde
