"""The pure helpers the SQL counting uses (RP-02, RP-03, PE-05, SPEC §0 Time): the report's period
(whole months that are over), the month axis and the latest date of birth for an age, so the database
can band ages with one date comparison.

Pure tests: run with `pytest --noconftest -p no:django`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgvuldig.personen.policies import leeftijd
from zorgvuldig.rapportages.policies import (
    MAX_MAANDEN,
    Periode,
    PeriodeFout,
    einde_maand,
    geboren_uiterlijk,
    laatste_hele_maand,
    maanden,
    maanden_terug,
    periode,
)

D = dt.date


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


# --- RP-03: the period is whole calendar months that are over ------------------------------------------


def test_rp_03_periode_standaard_de_twaalf_hele_maanden_voor_de_lopende():
    """RP-03 (review F10): on 28 November 2026 the default report is November 2025 up to and including
    October 2026 — twelve whole months, the running November not among them."""
    assert periode(None, None, vandaag=D(2026, 11, 28)) == Periode(D(2025, 11, 1), D(2026, 10, 31), False)
    # across a year end, and on the first and last day of a month
    assert periode(None, None, vandaag=D(2026, 1, 15)) == Periode(D(2025, 1, 1), D(2025, 12, 31), False)
    assert periode(None, None, vandaag=D(2026, 12, 1)) == Periode(D(2025, 12, 1), D(2026, 11, 30), False)
    assert periode(None, None, vandaag=D(2026, 12, 31)) == Periode(D(2025, 12, 1), D(2026, 11, 30), False)
    assert len(maanden(*_grenzen(periode(None, None, vandaag=D(2024, 3, 1))))) == 12


def _grenzen(p: Periode) -> tuple[dt.date, dt.date]:
    return p.vanaf, p.tot


@pytest.mark.parametrize(
    "tot",
    [D(2026, 11, 1), D(2026, 11, 28), D(2026, 11, 30), D(2026, 12, 1), D(2027, 5, 31), D(2099, 1, 1)],
)
def test_rp_03_periode_tot_in_de_lopende_maand_of_later_eindigt_met_de_vorige_maand(tot):
    """RP-03 (review F10): a period asked up to the running month (or later) ends at the end of the
    previous month, and says so (`ingekort`)."""
    assert periode(D(2025, 11, 1), tot, vandaag=D(2026, 11, 28)) == Periode(
        D(2025, 11, 1), D(2026, 10, 31), ingekort=True
    )
    # without `vanaf`: still the twelve months before
    assert periode(None, tot, vandaag=D(2026, 11, 28)) == Periode(D(2025, 11, 1), D(2026, 10, 31), True)


@pytest.mark.parametrize("tot", [D(2026, 10, 1), D(2026, 10, 31), D(2026, 10, 15)])
def test_rp_03_periode_tot_in_een_voorbije_maand_is_niet_ingekort(tot):
    """RP-03: a month that is over counts whole, up to its last day; nothing to say about it."""
    assert periode(D(2026, 3, 17), tot, vandaag=D(2026, 11, 28)) == Periode(
        D(2026, 3, 1), D(2026, 10, 31), ingekort=False
    )
    # the day after a month ended, that month is over
    assert periode(D(2026, 10, 1), tot, vandaag=D(2026, 11, 1)) == Periode(D(2026, 10, 1), D(2026, 10, 31))


@pytest.mark.parametrize("vanaf", [D(2026, 11, 1), D(2026, 11, 28), D(2026, 12, 1), D(2030, 1, 1)])
def test_rp_03_periode_die_in_de_lopende_maand_begint_heeft_niets_te_tellen(vanaf):
    """RP-03: starting in the running month (or later) there is no month that is over: refused, with a
    reason that says why, on `vanaf`."""
    with pytest.raises(PeriodeFout) as fout:
        periode(vanaf, None, vandaag=D(2026, 11, 28))
    assert fout.value.veld == "vanaf" and str(fout.value) == fout.value.reden == (
        "Een rapportage telt alleen maanden die voorbij zijn; de lopende maand telt nog niet mee. "
        "Kies een eerdere maand."
    )
    with pytest.raises(PeriodeFout, match="lopende maand"):
        periode(vanaf, D(2031, 1, 1), vandaag=D(2026, 11, 28))


def test_rp_03_periode_begin_na_eind_en_te_lang_worden_geweigerd():
    with pytest.raises(PeriodeFout) as fout:
        periode(D(2026, 2, 1), D(2026, 1, 31), vandaag=D(2026, 11, 28))
    assert (fout.value.veld, fout.value.reden) == ("vanaf", "De begindatum ligt na de einddatum.")
    # also when both lie in the running month or later: the order is wrong first of all
    with pytest.raises(PeriodeFout, match=r"^De begindatum ligt na de einddatum\.$"):
        periode(D(2027, 2, 1), D(2026, 12, 31), vandaag=D(2026, 11, 28))
    # the same month, other days: one month, not "after"
    assert periode(D(2026, 1, 31), D(2026, 1, 1), vandaag=D(2026, 11, 28)) == Periode(
        D(2026, 1, 1), D(2026, 1, 31)
    )
    # at most MAX_MAANDEN months, counted on the period as shortened
    assert MAX_MAANDEN == 60
    assert periode(D(2021, 11, 1), D(2026, 11, 28), vandaag=D(2026, 11, 28)).vanaf == D(2021, 11, 1)
    with pytest.raises(PeriodeFout) as fout:
        periode(D(2021, 10, 31), D(2026, 10, 31), vandaag=D(2026, 11, 28))
    assert (fout.value.veld, fout.value.reden) == ("vanaf", "Een rapport beslaat ten hoogste 60 maanden.")
    assert len(maanden(D(2021, 11, 1), D(2026, 10, 31))) == 60
    with pytest.raises(PeriodeFout, match="3 maanden"):
        periode(D(2026, 1, 1), D(2026, 4, 30), vandaag=D(2026, 11, 28), max_maanden=3)
    assert periode(D(2026, 2, 1), D(2026, 4, 30), vandaag=D(2026, 11, 28), max_maanden=3).vanaf == D(
        2026, 2, 1
    )
    # one month at most: just that month
    assert periode(D(2026, 4, 9), D(2026, 4, 9), vandaag=D(2026, 11, 28), max_maanden=1) == Periode(
        D(2026, 4, 1), D(2026, 4, 30)
    )
    with pytest.raises(ValueError, match=r"^RP-03: een rapport beslaat minstens één maand$"):
        periode(None, None, vandaag=D(2026, 11, 28), max_maanden=0)


def test_rp_03_laatste_hele_maand_en_maanden_terug():
    assert laatste_hele_maand(D(2026, 11, 28)) == D(2026, 10, 31)
    assert laatste_hele_maand(D(2026, 3, 1)) == D(2026, 2, 28)
    assert laatste_hele_maand(D(2024, 3, 31)) == D(2024, 2, 29)
    assert laatste_hele_maand(D(2026, 1, 1)) == D(2025, 12, 31)
    assert maanden_terug(D(2026, 10, 31), 0) == D(2026, 10, 1)
    assert maanden_terug(D(2026, 10, 31), 11) == D(2025, 11, 1)
    assert maanden_terug(D(2026, 1, 15), 1) == D(2025, 12, 1)
    assert maanden_terug(D(2026, 12, 15), 12) == D(2025, 12, 1)
    assert maanden_terug(D(2026, 3, 1), 27) == D(2023, 12, 1)


@settings(max_examples=400, deadline=None)
@given(
    vandaag=st.dates(D(2000, 1, 1), D(2090, 12, 31)),
    vanaf=st.none() | st.dates(D(1995, 1, 1), D(2095, 12, 31)),
    tot=st.none() | st.dates(D(1995, 1, 1), D(2095, 12, 31)),
    dag=st.integers(1, 28),
)
def test_rp_03_periode_bevat_nooit_de_lopende_maand_en_hangt_alleen_van_maanden_af(vandaag, vanaf, tot, dag):
    """RP-03 on any dates: a period is whole months, never the running one or later, at most
    MAX_MAANDEN long; `ingekort` exactly when `tot` lies in the running month or later; and the answer
    depends only on the months of the three dates — any other day of the same months (a report taken a
    day or a few days apart) gives the very same period, so it never gives a day away."""

    def uitkomst(v, t, op):
        try:
            return periode(v, t, vandaag=op)
        except PeriodeFout as fout:
            return fout.reden

    p = uitkomst(vanaf, tot, vandaag)
    ander = uitkomst(vanaf and vanaf.replace(day=dag), tot and tot.replace(day=dag), vandaag.replace(day=dag))
    assert p == ander
    if isinstance(p, Periode):
        assert p.vanaf.day == 1 and p.tot == einde_maand(p.tot) and p.vanaf <= p.tot
        assert p.tot < vandaag.replace(day=1)  # never the running month
        assert 1 <= len(maanden(p.vanaf, p.tot)) <= MAX_MAANDEN
        assert p.ingekort == (tot is not None and (tot.year, tot.month) >= (vandaag.year, vandaag.month))
        if not p.ingekort and tot is not None:
            assert p.tot == einde_maand(tot)
        if vanaf is not None:
            assert p.vanaf == vanaf.replace(day=1)
