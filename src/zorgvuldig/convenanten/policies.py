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
