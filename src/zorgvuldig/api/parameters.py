"""Date and moment query parameters: a value the API cannot use is a 400 on that parameter (API §1.5),
never a 500 from a conversion further on (a time zone shift or a month's end past year 9999)."""

from __future__ import annotations

import datetime as dt
import re

from zorgvuldig.core.clock import AMSTERDAM
from zorgvuldig.core.errors import DomainError, InvalidParam

# No record of this system lies outside these years, and date arithmetic near year 1 or 9999 overflows.
EERSTE_JAAR, LAATSTE_JAAR = 1900, 2999
DATUM = re.compile(r"\d{4}-\d{2}-\d{2}")
TIJDSTIP = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:\d{2})?")


def ongeldig(naam: str, reden: str) -> DomainError:
    return DomainError(
        "E_INVALID_INPUT", "Ongeldige datum of tijdstip.", [InvalidParam(naam, "invalid", reden)]
    )


def datum(params, naam: str) -> dt.date | None:
    """`naam` as a date `JJJJ-MM-DD`, or None when absent."""
    waarde = params.get(naam)
    if waarde is None:
        return None
    try:
        gelezen = dt.date.fromisoformat(waarde) if DATUM.fullmatch(waarde) else None
    except ValueError:
        gelezen = None
    if gelezen is None or not EERSTE_JAAR <= gelezen.year <= LAATSTE_JAAR:
        raise ongeldig(naam, f"Een datum als JJJJ-MM-DD, tussen {EERSTE_JAAR} en {LAATSTE_JAAR}.")
    return gelezen


def tijdstip(params, naam: str, *, tijdzone_verplicht: bool = True) -> dt.datetime | None:
    """`naam` as an RFC 3339 moment (with its time zone, unless `tijdzone_verplicht` is off: then a date
    or a moment without zone, read in the installation's zone), or None when absent."""
    waarde = params.get(naam)
    if waarde is None:
        return None
    try:
        gelezen = dt.datetime.fromisoformat(waarde) if TIJDSTIP.fullmatch(waarde) else None
    except ValueError:  # hour 24, an offset of a day or more, 30 February
        gelezen = None
    if (
        gelezen is None
        or (tijdzone_verplicht and gelezen.tzinfo is None)
        or not EERSTE_JAAR <= gelezen.year <= LAATSTE_JAAR
    ):
        zone = "met tijdzone" if tijdzone_verplicht else "of een datum"
        raise ongeldig(naam, f"Een tijdstip als RFC 3339 ({zone}), tussen {EERSTE_JAAR} en {LAATSTE_JAAR}.")
    # a date, or a moment without zone: in Europe/Amsterdam (SPEC "Time"), so it compares with stored ones
    return gelezen if gelezen.tzinfo is not None else gelezen.replace(tzinfo=AMSTERDAM)
