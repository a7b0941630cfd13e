"""SPEC §0 Time: working days exclude weekends and Dutch public holidays."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.core import kalender

dagen = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))

# Easter Sundays from published tables.
PASEN = {
    2024: dt.date(2024, 3, 31),
    2025: dt.date(2025, 4, 20),
    2026: dt.date(2026, 4, 5),
    2027: dt.date(2027, 3, 28),
    2038: dt.date(2038, 4, 25),
    2008: dt.date(2008, 3, 23),
}


def test_easter_matches_the_tables():
    for jaar, zondag in PASEN.items():
        assert kalender.pasen(jaar) == zondag


def test_holidays_of_2026():
    f = kalender.feestdagen(2026)
    for dag in [
        "2026-01-01",
        "2026-04-03",
        "2026-04-05",
        "2026-04-06",
        "2026-04-27",
        "2026-05-05",
        "2026-05-14",
        "2026-05-24",
        "2026-05-25",
        "2026-12-25",
        "2026-12-26",
    ]:
        assert dt.date.fromisoformat(dag) in f
    assert len(f) == 11


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday():
    assert dt.date(2025, 4, 26) in kalender.feestdagen(2025)  # 27 April 2025 is a Sunday
    assert dt.date(2025, 4, 27) not in kalender.feestdagen(2025)


def test_liberation_day_every_fifth_year_when_configured():
    assert dt.date(2026, 5, 5) not in kalender.feestdagen(2026, bevrijdingsdag_jaarlijks=False)
    assert dt.date(2025, 5, 5) in kalender.feestdagen(2025, bevrijdingsdag_jaarlijks=False)


def test_two_working_days_over_easter():
    """AC-11's review within 2 working days, from Maundy Thursday 2026: Good Friday and Easter Monday skip."""
    assert kalender.plus_werkdagen(dt.date(2026, 4, 2), 2) == dt.date(2026, 4, 8)
    assert kalender.plus_werkdagen(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 28)


@given(dagen, st.integers(min_value=0, max_value=40))
def test_result_is_a_working_day_and_counts_exactly_n(dag, n):
    uit = kalender.plus_werkdagen(dag, n)
    if n:
        assert kalender.is_werkdag(uit)
    tussen = [dag + dt.timedelta(days=i) for i in range(1, (uit - dag).days + 1)]
    assert sum(kalender.is_werkdag(d) for d in tussen) == n


@given(dagen)
def test_weekends_are_never_working_days(dag):
    if dag.weekday() >= 5:
        assert not kalender.is_werkdag(dag)


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_is_a_sunday_between_22_march_and_25_april(jaar):
    zondag = kalender.pasen(jaar)
    assert zondag.weekday() == 6
    assert dt.date(jaar, 3, 22) <= zondag <= dt.date(jaar, 4, 25)


def test_whit_monday_and_ascension_follow_easter():
    f = kalender.feestdagen(2027)  # Easter 28 March 2027
    assert {dt.date(2027, 5, 6), dt.date(2027, 5, 16), dt.date(2027, 5, 17), dt.date(2027, 3, 26)} <= f
    assert kalender.is_werkdag(dt.date(2027, 5, 18))
    assert not kalender.is_werkdag(dt.date(2027, 5, 17))
