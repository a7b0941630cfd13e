"""Pure rules for convenants (RG-04). No database, no clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

CONCEPT, ACTIEF, BEEINDIGD = "concept", "actief", "beeindigd"

# RG-04's nine items, in order: (letter, API key, what it covers).
ONDERDELEN: tuple[tuple[str, str, str], ...] = (
    ("a", "deelnemersEnDoelen", "deelnemende organisaties, verwerkingsverantwoordelijken en doelen"),
    ("b", "bijzondereGegevens", "verwerking van (bijzondere) persoonsgegevens"),
    ("c", "informeringBetrokkenen", "hoe betrokkenen worden geïnformeerd"),
    ("d", "verwerkingenEnProtocol", "belangrijkste verwerkingen en het privacyprotocol"),
    (
        "e",
        "toestemmingKetenpartner",
        "informeren en zo nodig toestemming vragen voor verstrekking aan een ketenpartner",
    ),
    ("f", "zonderToestemming", "gevallen van verwerking zonder toestemming"),
    ("g", "escalatie", "escalatieprocedure voor spoedeisende gevallen"),
    ("h", "rechtenBetrokkenen", "hoe betrokkenen hun rechten uitoefenen"),
    ("i", "beveiliging", "informatiebeveiliging en geheimhouding"),
)
ONDERDEEL_SLEUTELS = tuple(sleutel for _, sleutel, _ in ONDERDELEN)

# State machine as data (DESIGN §5.4): a convenant is drafted, put into force, ended; never back.
TRANSITIES: dict[str, frozenset[str]] = {
    CONCEPT: frozenset({ACTIEF}),
    ACTIEF: frozenset({BEEINDIGD}),
    BEEINDIGD: frozenset(),
}


def ontbrekende_onderdelen(inhoud: Mapping[str, str | None]) -> list[str]:
    """RG-04: the items (API keys, in (a)–(i) order) that are empty or only whitespace."""
    return [sleutel for sleutel in ONDERDEEL_SLEUTELS if not (inhoud.get(sleutel) or "").strip()]


def beschrijf_ontbrekend(ontbrekend: list[str]) -> str:
    """ "(b) bijzondereGegevens, (g) escalatie": letter and key, so the reader finds both rule and field."""
    letters = {sleutel: letter for letter, sleutel, _ in ONDERDELEN}
    return ", ".join(f"({letters[s]}) {s}" for s in ontbrekend)


def activering_weigering(inhoud: Mapping[str, str | None]) -> str | None:
    """RG-04: why the convenant may not be `actief` (None: it may)."""
    ontbrekend = ontbrekende_onderdelen(inhoud)
    if not ontbrekend:
        return None
    return (
        "Een convenant wordt pas actief als alle negen onderdelen van RG-04 zijn ingevuld; "
        f"ontbreekt: {beschrijf_ontbrekend(ontbrekend)}."
    )


def overgang_toegestaan(van: str, naar: str) -> bool:
    """Staying in a state is no transition and always allowed."""
    return van == naar or naar in TRANSITIES.get(van, frozenset())


def toetreding_fout(*, datum: dt.date, tot: dt.date | None) -> str | None:
    """An accession ends on or after the day it starts."""
    if tot is not None and tot < datum:
        return "De einddatum van de toetreding ligt vóór de toetredingsdatum."
    return None


def toetreding_wijziging_fout(*, huidig_tot: dt.date | None, vandaag: dt.date) -> str | None:
    """VI-25: an accession that has already ended is a recorded fact; its end date no longer moves."""
    if huidig_tot is not None and huidig_tot < vandaag:
        return "Deze toetreding is al beëindigd; de einddatum ligt vast (RG-04, VI-25)."
    return None


def wijziging_toegestaan(status: str, *, alleen_regeling: bool) -> bool:
    """RG-04: the nine items and the name change only while `concept`. RG-05: the joint-controller
    arrangement may also be completed or amended while the convenant is `actief` (the parties agree on it
    apart from the data-sharing terms); an ended convenant changes no more."""
    if status == CONCEPT:
        return True
    return alleen_regeling and status == ACTIEF


# --- RG-05: the joint-controller arrangement per shared module ---------------------------------------------

VERWIJSINDEX, CASUSOVERLEG = "verwijsindex", "casusoverleg"
MODULES: dict[str, str] = {VERWIJSINDEX: "Verwijsindex", CASUSOVERLEG: "Casusoverleg"}

# The arrangement's items, in order: (API key, what it covers). Each controller answers only for its own
# records (GDPR art. 26(3)); the contact point says where data subjects go.
REGELING: tuple[tuple[str, str], ...] = (
    ("modules", "voor welke gedeelde onderdelen de regeling geldt (verwijsindex, casusoverleg)"),
    ("informerenBetrokkenen", "wie de betrokkenen informeert"),
    ("contactpunt", "het contactpunt voor betrokkenen (ieder antwoordt alleen voor de eigen registraties)"),
    ("melderDatalekken", "welke verwerkingsverantwoordelijke datalekken meldt"),
    ("beveiliging", "wie de verwerking beveiligt"),
    ("klachten", "hoe klachten worden behandeld"),
    ("incidenten", "wat er gebeurt bij incidenten en calamiteiten"),
    ("aansprakelijkheid", "hoe de aansprakelijkheid is verdeeld"),
)
REGELING_SLEUTELS = tuple(sleutel for sleutel, _ in REGELING)


def regeling_ontbrekend(regeling: Mapping[str, object]) -> list[str]:
    """RG-05: the items of the arrangement (API keys, in order) that are empty."""
    uit = []
    for sleutel in REGELING_SLEUTELS:
        waarde = regeling.get(sleutel)
        leeg = not waarde if not isinstance(waarde, str) else not waarde.strip()
        if leeg:
            uit.append(sleutel)
    return uit


def onbekende_modules(modules: list[str]) -> list[str]:
    return [m for m in modules if m not in MODULES]


def melder(regelingen: list[tuple[list[str], int | None]], module: str) -> int | None:
    """RG-03/RG-05: the controller named as breach notifier in the first arrangement (in the given order)
    that covers `module` and names one; None when no arrangement does."""
    for modules, melder_id in regelingen:
        if module in modules and melder_id is not None:
            return melder_id
    return None


# --- RG-06: processor agreements and written mandates --------------------------------------------------

VERWERKERSOVEREENKOMST, MANDAAT = "verwerkersovereenkomst", "mandaat"
SOORTEN = (VERWERKERSOVEREENKOMST, MANDAAT)
GELDIG, VERLOPEN, TOEKOMSTIG = "geldig", "verlopen", "toekomstig"
GELDIGHEDEN = (GELDIG, VERLOPEN, TOEKOMSTIG)
WAARSCHUWING_DAGEN = 60


def geldigheid(*, vanaf: dt.date, tot: dt.date | None, vandaag: dt.date) -> str:
    """RG-06, derived at read time (RT-12): valid from `vanaf` through `tot` (both inclusive, as mandates)."""
    if vandaag < vanaf:
        return TOEKOMSTIG
    if tot is not None and vandaag > tot:
        return VERLOPEN
    return GELDIG


def verloopt_binnenkort(*, tot: dt.date | None, vandaag: dt.date, dagen: int = WAARSCHUWING_DAGEN) -> bool:
    """RG-06: warn while an agreement that has not expired ends within `dagen` days (today included)."""
    return tot is not None and 0 <= (tot - vandaag).days <= dagen


def geldigheid_fout(*, vanaf: dt.date, tot: dt.date | None) -> str | None:
    if tot is not None and tot < vanaf:
        return "De einddatum ligt vóór de begindatum (RG-06)."
    return None
