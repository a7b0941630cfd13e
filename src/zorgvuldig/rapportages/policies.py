"""RP-02/RP-03: the period of an anonymised management report and its small-cell suppression.

Pure rules: counts in, cells out; dates in, a period out; no database, no settings, no clock (the caller
passes `vandaag`). The caller aggregates first
(RP-02: only counts ever reach this module, never persons) and passes `reports.min_cell` as `min_cel`.

The table is the full cross table the caller passes. A combination that is absent from `tabel` is not
a cell: it is neither published nor suppressed, and it takes no part in any line. So a caller that
drops zero combinations shrinks the lines that protect small counts; pass every combination, with 0
where nobody was counted.

A *line* (the spec's "row or column, any dimension") is the set of cells that agree on every
dimension except one. Lines of a single cell are skipped: along a dimension with one value the
"line" is the cell itself, and its total (which would equal the cell) is never published (rule 3).

Limits: this is the spec's line rule, not a full linear-programming audit. Published totals leak
nothing (they sum published cells only), but an attacker who learns the true totals of several
lines elsewhere can sometimes chain them; the tests show such a case and why rule (3) matters.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Cel:
    """One cell of a published report: its dimension values and, unless suppressed, its count."""

    dimensies: tuple[str, ...]
    aantal: int | None
    onderdrukt: bool

    def __post_init__(self) -> None:
        # A suppressed cell must not carry its count along to a template or an export by accident,
        # and a published cell without a count would silently drop out of the totals.
        if self.onderdrukt != (self.aantal is None):
            raise ValueError("RP-03: een onderdrukte cel heeft geen aantal, een gepubliceerde cel wel")


# Generic over the key type because Mapping is invariant in its keys: a caller's dict[tuple[str, str], int]
# is not a Mapping[tuple[str, ...], int] to a type checker, but it is a Mapping[K, int].
def onderdruk[K: tuple[str, ...]](tabel: Mapping[K, int], *, min_cel: int = 5) -> list[Cel]:
    """RP-03 rules (1) and (2): primary, then secondary suppression; cells sorted by dimension tuple.

    Deterministic: the result depends only on the contents of `tabel`, not on its insertion order.
    """
    if min_cel < 1:
        raise ValueError("RP-03: min_cel moet minstens 1 zijn")
    sleutels = _gevalideerde_sleutels(tabel)
    # (1) Primary: 1 .. min_cel-1 identifies too few people; 0 says "nobody" and is published.
    onderdrukt = {k for k in sleutels if 1 <= tabel[k] < min_cel}
    _secundair(tabel, _lijnen(sleutels), onderdrukt)
    return [Cel(k, None, True) if k in onderdrukt else Cel(k, tabel[k], False) for k in sleutels]


def totaal(cellen: Iterable[Cel]) -> int:
    """RP-03 rule (3): the sum of published cells only, so no total gives a suppressed cell away."""
    return sum(c.aantal for c in cellen if c.aantal is not None)


def subtotalen(cellen: Iterable[Cel], dimensie: int) -> dict[str, int]:
    """RP-03 rule (3): per value of dimension `dimensie`, the sum of its published cells only.

    Every value that occurs gets an entry, 0 when all its cells are suppressed: leaving it out would
    only tell the reader the same thing less plainly. Keys are in sorted order.
    """
    if dimensie < 0:
        raise ValueError("RP-03: dimensie moet 0 of groter zijn")
    sommen: dict[str, int] = {}
    for cel in cellen:
        if dimensie >= len(cel.dimensies):
            raise ValueError(f"RP-03: de tabel heeft geen dimensie {dimensie}")
        waarde = cel.dimensies[dimensie]
        sommen[waarde] = sommen.get(waarde, 0) + (cel.aantal or 0)
    return dict(sorted(sommen.items()))


def _gevalideerde_sleutels[K: tuple[str, ...]](tabel: Mapping[K, int]) -> list[K]:
    """Sorted keys, after checking that the table is a well-formed cross table of counts."""
    sleutels = list(tabel)
    if not sleutels:
        return []
    n = len(sleutels[0]) if isinstance(sleutels[0], tuple) else 0
    for k in sleutels:
        # A ragged key would fall into the wrong lines (or none) and silently weaken the protection.
        if not isinstance(k, tuple) or n == 0 or len(k) != n:
            raise ValueError(f"RP-03: alle sleutels moeten tuples van dezelfde lengte (≥ 1) zijn: {k!r}")
        aantal = tabel[k]
        # RP-02: only counts come in; a bool is an int to Python but never a count of people.
        if not isinstance(aantal, int) or isinstance(aantal, bool):
            raise TypeError(f"RP-02: een cel bevat alleen een aantal, geen {type(aantal).__name__}")
        if aantal < 0:
            raise ValueError(f"RP-03: een aantal kan niet negatief zijn: {k!r} = {aantal}")
    return sorted(sleutels)


def _lijnen[K: tuple[str, ...]](sleutels: list[K]) -> list[list[K]]:
    """All lines of two or more cells, each in sorted order; ordered by dimension, then by first cell."""
    if not sleutels:
        return []
    lijnen: list[list[K]] = []
    for d in range(len(sleutels[0])):
        groepen: dict[tuple[str, ...], list[K]] = {}
        for k in sleutels:  # sleutels is sorted, so every line comes out sorted too
            groepen.setdefault(k[:d] + k[d + 1 :], []).append(k)
        # Insertion order: lines come in the order of their first cell, so no further sort is needed.
        lijnen.extend(lijn for lijn in groepen.values() if len(lijn) > 1)
    return lijnen


def _secundair[K: tuple[str, ...]](tabel: Mapping[K, int], lijnen: list[list[K]], onderdrukt: set[K]) -> None:
    """(2) Secondary: until no line holds exactly one suppressed cell, suppress one more in such a line.

    A line with one suppressed cell gives it away to anyone who learns the line's true total
    elsewhere (a coarser report, an earlier run): cell = total - published cells. With two or
    more suppressed cells that one equation no longer pins a single cell.

    Non-zero first: given a line's true total, the suppressed cells share what the published ones
    leave over; a complement worth w spreads the small count over a range about w wide, whereas a
    zero complement adds nothing to an attacker who simply guesses "the complement is a zero".
    When only zeros remain, a zero is suppressed all the same: otherwise the line's published zeros
    say that its whole count sits in the one suppressed cell, and any outside knowledge of the line
    (its total, or merely "this team saw someone this year") pins the count to that month or band.

    Each round suppresses one more cell, so the loop ends; a later line can leave an earlier one
    with a single suppressed cell, hence the repeat until a full pass changes nothing.
    """
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for lijn in lijnen:
            if sum(k in onderdrukt for k in lijn) != 1:
                continue
            open_ = [k for k in lijn if k not in onderdrukt]  # never empty: the line has ≥ 2 cells
            niet_nul = [k for k in open_ if tabel[k] > 0]
            # min() keeps the first of equal values, and lines are sorted: ties go to the first in order.
            keuze = min(niet_nul, key=lambda k: tabel[k]) if niet_nul else open_[0]
            onderdrukt.add(keuze)
            gewijzigd = True


# --- The period: whole calendar months that are over (RP-03) --------------------------------------------

STANDAARD_MAANDEN = 12  # without `vanaf`: the last twelve whole months
MAX_MAANDEN = 60  # five years per report: the cross table stays a table, not a data dump


@dataclass(frozen=True)
class Periode:
    """RP-03: the whole calendar months a report counts, from the 1st of `vanaf`'s month to the last
    day of `tot`'s. `ingekort`: the reader asked up to the running month (or later), so the period ends
    at the end of the previous month instead — the report says so."""

    vanaf: dt.date
    tot: dt.date
    ingekort: bool = False


NA_EINDE = "De begindatum ligt na de einddatum."
NIET_VOORBIJ = (
    "Een rapportage telt alleen maanden die voorbij zijn; de lopende maand telt nog niet mee. "
    "Kies een eerdere maand."
)


class PeriodeFout(ValueError):
    """A period that cannot be reported; `veld` is the parameter to blame (`vanaf` or `tot`)."""

    def __init__(self, veld: str, reden: str) -> None:
        super().__init__(reden)
        self.veld = veld
        self.reden = reden


def laatste_hele_maand(vandaag: dt.date) -> dt.date:
    """The last day of the last calendar month that is over on `vandaag`: the end of the previous month."""
    return vandaag.replace(day=1) - dt.timedelta(days=1)


def maanden_terug(datum: dt.date, n: int) -> dt.date:
    """The 1st of the month `n` calendar months before `datum`'s month (`n` = 0: its own month)."""
    index = datum.year * 12 + datum.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def periode(
    vanaf: dt.date | None, tot: dt.date | None, *, vandaag: dt.date, max_maanden: int = MAX_MAANDEN
) -> Periode:
    """RP-03: the period a report counts, in whole calendar months that are over on `vandaag`.

    Whole months: with any day allowed, two periods a few days apart would give a suppressed count
    away by difference. Months that are over: the running month still grows, so two reports a day
    apart would differ by the single cases of that day, and a grouping (a team) would say where they
    were. A period asked up to the running month or later therefore ends at the end of the previous
    month (`ingekort`); one that starts in the running month or later has nothing to count yet.
    Without `tot` the period ends with the last whole month, without `vanaf` it starts
    `STANDAARD_MAANDEN` months before its end. Raises `PeriodeFout` for a period that cannot be made.
    """
    if max_maanden < 1:
        raise ValueError("RP-03: een rapport beslaat minstens één maand")
    grens = laatste_hele_maand(vandaag)
    gevraagd_tot = einde_maand(tot) if tot is not None else None
    eind = grens if gevraagd_tot is None else min(gevraagd_tot, grens)
    begin = vanaf.replace(day=1) if vanaf is not None else maanden_terug(eind, STANDAARD_MAANDEN - 1)
    if gevraagd_tot is not None and not maanden(begin, gevraagd_tot):
        raise PeriodeFout("vanaf", NA_EINDE)
    aantal = len(maanden(begin, eind))
    if aantal == 0:
        raise PeriodeFout("vanaf", NIET_VOORBIJ)
    if aantal > max_maanden:
        raise PeriodeFout("vanaf", f"Een rapport beslaat ten hoogste {max_maanden} maanden.")
    return Periode(begin, eind, ingekort=gevraagd_tot is not None and gevraagd_tot > grens)


# --- Pure helpers for the SQL counting (RP-02: the database counts, Python never sees a person) -------


def maanden(vanaf: dt.date, tot: dt.date) -> list[str]:
    """The calendar months `YYYY-MM` from `vanaf`'s month to `tot`'s, both included: one report axis.

    Every month is on the axis, also one nobody was counted in (the full cross table, see above).
    """
    uit, jaar, maand = [], vanaf.year, vanaf.month
    while (jaar, maand) <= (tot.year, tot.month):
        uit.append(f"{jaar:04d}-{maand:02d}")
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return uit


def geboren_uiterlijk(op: dt.date, jaren: int) -> dt.date:
    """The latest date of birth of someone who is `jaren` or older on `op` (PE-05 age, SPEC §0 Time).

    Lets the database put an age band on a row with one date comparison: leeftijd >= jaren iff
    geboortedatum <= geboren_uiterlijk(op, jaren). A 29 February birthday counts on 1 March in a
    non-leap year, exactly as `personen.policies.leeftijd`, which this is checked against.
    """
    from zorgvuldig.personen.policies import leeftijd

    if jaren < 1:
        raise ValueError("PE-05: een leeftijdsgrens is minstens 1 jaar")
    jaar = op.year - jaren
    kandidaat = op.replace(year=jaar, day=28) if (op.month, op.day) == (2, 29) else op.replace(year=jaar)
    # At most a day or two away from the truth (29 February); step until it is the last such date.
    while leeftijd(kandidaat + dt.timedelta(days=1), op) >= jaren:
        kandidaat += dt.timedelta(days=1)
    while leeftijd(kandidaat, op) < jaren:
        kandidaat -= dt.timedelta(days=1)
    return kandidaat


def einde_maand(datum: dt.date) -> dt.date:
    """The last day of the date's calendar month."""
    return datum.replace(day=calendar.monthrange(datum.year, datum.month)[1])
