"""The pure helpers the SQL counting uses (RP-02, RP-03, PE-05, SPEC §0 Time): the month axis and the
latest date of birth for an age, so the database can band ages with one date comparison.

Pure tests: run with `pytest --noconftest -p no:django`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgvuldig.personen.policies import leeftijd
from zorgvuldig.rapportages.policies import einde_maand, geboren_uiterlijk, maanden


def test_rp_03_maanden_is_de_volledige_maandas():
    """RP-03: every month of the period is on the axis, both ends included, also across a year end."""
    assert maanden(dt.date(2025, 11, 30), dt.date(2026, 2, 1)) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert maanden(dt.date(2026, 3, 31), dt.date(2026, 3, 1)) == ["2026-03"]  # the days do not matter
    assert maanden(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == [f"2026-{m:02d}" for m in range(1, 13)]
    assert maanden(dt.date(2026, 4, 1), dt.date(2026, 3, 31)) == []


@pytest.mark.parametrize(
    ("datum", "einde"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        (dt.date(2026, 2, 14), dt.date(2026, 2, 28)),
        (dt.date(2024, 2, 1), dt.date(2024, 2, 29)),  # leap year
        (dt.date(2026, 4, 30), dt.date(2026, 4, 30)),
        (dt.date(2026, 12, 31), dt.date(2026, 12, 31)),
    ],
)
def test_rp_03_een_periode_eindigt_op_de_laatste_dag_van_de_maand(datum, einde):
    """RP-03: reports count whole calendar months; the end of a period is its month's last day."""
    assert einde_maand(datum) == einde


@pytest.mark.parametrize(
    ("op", "jaren", "verwacht"),
    [
        (dt.date(2026, 5, 10), 12, dt.date(2014, 5, 10)),
        (dt.date(2026, 5, 10), 1, dt.date(2025, 5, 10)),
        # born 29 Feb 2008: 18 on 1 March 2026 (SPEC §0), so on 28 February the limit is the 28th
        (dt.date(2026, 2, 28), 18, dt.date(2008, 2, 28)),
        (dt.date(2026, 3, 1), 18, dt.date(2008, 3, 1)),
        # on a 29 February, someone born 29 Feb (leap year) turns 16 that day
        (dt.date(2024, 2, 29), 16, dt.date(2008, 2, 29)),
        (dt.date(2024, 2, 29), 18, dt.date(2006, 2, 28)),
        (dt.date(2024, 3, 1), 18, dt.date(2006, 3, 1)),
    ],
)
def test_pe_05_geboren_uiterlijk(op, jaren, verwacht):
    """PE-05: age ≥ jaren iff born on or before the limit (29 February counts on 1 March)."""
    assert geboren_uiterlijk(op, jaren) == verwacht
    assert leeftijd(verwacht, op) >= jaren
    assert leeftijd(verwacht + dt.timedelta(days=1), op) < jaren


@pytest.mark.parametrize("jaren", [0, -1])
def test_pe_05_geboren_uiterlijk_vraagt_een_positieve_leeftijd(jaren):
    with pytest.raises(ValueError):
        geboren_uiterlijk(dt.date(2026, 1, 1), jaren)


@settings(max_examples=300, deadline=None)
@given(op=st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)), jaren=st.integers(1, 30))
def test_pe_05_geboren_uiterlijk_is_de_laatste_geboortedatum_met_die_leeftijd(op, jaren):
    """PE-05 against `leeftijd` itself, on any date (leap years included)."""
    grens = geboren_uiterlijk(op, jaren)
    assert leeftijd(grens, op) >= jaren
    assert leeftijd(grens + dt.timedelta(days=1), op) < jaren
