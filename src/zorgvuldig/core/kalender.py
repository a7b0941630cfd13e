"""Dutch working days (SPEC §0 Time): weekends and public holidays are not working days.

Pure functions; deadlines such as "2 working days" (AC-11) or "10 working days" (VI-14) use them.
Public holidays: Nieuwjaarsdag, Goede Vrijdag, Eerste en Tweede Paasdag, Koningsdag (27 April; 26 April
when the 27th is a Sunday), Bevrijdingsdag (5 May; yearly by default, else every fifth year), Hemelvaart,
Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache


def pasen(jaar: int) -> dt.date:
    """Easter Sunday (Gregorian; anonymous algorithm of Meeus/Jones/Butcher)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(jaar, maand, dag + 1)


@lru_cache(maxsize=256)
def feestdagen(jaar: int, bevrijdingsdag_jaarlijks: bool = True) -> frozenset[dt.date]:
    p = pasen(jaar)
    koningsdag = dt.date(jaar, 4, 27)
    if koningsdag.weekday() == 6:
        koningsdag = dt.date(jaar, 4, 26)
    dagen = {
        dt.date(jaar, 1, 1),
        p - dt.timedelta(days=2),
        p,
        p + dt.timedelta(days=1),
        koningsdag,
        p + dt.timedelta(days=39),
        p + dt.timedelta(days=49),
        p + dt.timedelta(days=50),
        dt.date(jaar, 12, 25),
        dt.date(jaar, 12, 26),
    }
    if bevrijdingsdag_jaarlijks or jaar % 5 == 0:
        dagen.add(dt.date(jaar, 5, 5))
    return frozenset(dagen)


def is_werkdag(dag: dt.date, bevrijdingsdag_jaarlijks: bool = True) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year, bevrijdingsdag_jaarlijks)


def plus_werkdagen(dag: dt.date, n: int, bevrijdingsdag_jaarlijks: bool = True) -> dt.date:
    """The n-th working day after `dag` (n ≥ 0; n = 0 gives `dag` itself)."""
    if n < 0:
        raise ValueError("n must be ≥ 0")
    while n:
        dag += dt.timedelta(days=1)
        if is_werkdag(dag, bevrijdingsdag_jaarlijks):
            n -= 1
    return dag


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """Calendar months, capped at month end (SPEC §0: 31 August + 6 months = end of February)."""
    index = datum.month - 1 + maanden
    jaar, maand = datum.year + index // 12, index % 12 + 1
    return dt.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))
