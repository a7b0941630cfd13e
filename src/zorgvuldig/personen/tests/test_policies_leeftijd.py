"""PE-05 and SPEC §0 Time: age in completed years, the 29 February rule, the age bands A–D."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.personen.policies import (
    LeeftijdOnbekend,
    Leeftijdscategorie,
    leeftijd,
    leeftijdscategorie,
    verjaardag,
)

ONDER_12 = Leeftijdscategorie.ONDER_12
JONG_12_15 = Leeftijdscategorie.JONG_12_15
JONG_16_17 = Leeftijdscategorie.JONG_16_17
VOLWASSEN = Leeftijdscategorie.VOLWASSEN
BANDEN = [ONDER_12, JONG_12_15, JONG_16_17, VOLWASSEN]

datums = st.dates(min_value=date(1900, 1, 1), max_value=date(2150, 12, 31))
schrikkel_geboortes = st.sampled_from([date(y, 2, 29) for y in range(1904, 2100, 4)])


def band_voor(jaren: int) -> Leeftijdscategorie:
    """Test oracle for PE-05: A under 12; B 12–15; C 16–17; D 18+."""
    return BANDEN[(jaren >= 12) + (jaren >= 16) + (jaren >= 18)]


# --- verjaardag: §0 Time ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jaar", "verwacht"),
    [
        (2009, date(2009, 3, 1)),  # non-leap
        (2012, date(2012, 2, 29)),  # leap
        (2000, date(2000, 2, 29)),  # leap: divisible by 400
        (2100, date(2100, 3, 1)),  # not leap: divisible by 100
    ],
)
def test_pe_05_verjaardag_29_februari_valt_in_gewoon_jaar_op_1_maart(jaar, verwacht):
    """PE-05 / §0 Time: a 29 February birthday counts on 1 March in non-leap years."""
    assert verjaardag(date(2008, 2, 29), jaar) == verwacht


@pytest.mark.parametrize(
    "geboren", [date(2008, 2, 28), date(2008, 3, 1), date(2007, 12, 31), date(2010, 1, 1)]
)
def test_pe_05_verjaardag_van_gewone_datum_is_dezelfde_dag(geboren):
    """PE-05: only 29 February moves; 28 February and 1 March stay where they are, also in leap years."""
    for jaar in (2009, 2012, 2100):
        assert verjaardag(geboren, jaar) == geboren.replace(year=jaar)


@given(geboren=datums, jaar=st.integers(min_value=1900, max_value=2200))
def test_pe_05_verjaardag_ligt_in_het_gevraagde_jaar_op_de_geboortedag_of_1_maart(geboren, jaar):
    """PE-05 / §0 Time: the birthday is in `jaar`, on the birth day, or on 1 March for 29 February."""
    dag = verjaardag(geboren, jaar)
    assert dag.year == jaar
    if (geboren.month, geboren.day) == (2, 29) and (dag.month, dag.day) != (2, 29):
        assert (dag.month, dag.day) == (3, 1)
        with pytest.raises(ValueError):
            date(jaar, 2, 29)  # it moved only because that year has no 29 February
    else:
        assert (dag.month, dag.day) == (geboren.month, geboren.day)


# --- leeftijd: completed years ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("geboren", "op", "jaren"),
    [
        (date(2010, 6, 15), date(2010, 6, 15), 0),
        (date(2010, 6, 15), date(2022, 6, 14), 11),
        (date(2010, 6, 15), date(2022, 6, 15), 12),
        (date(2006, 12, 31), date(2024, 12, 30), 17),
        (date(2006, 12, 31), date(2024, 12, 31), 18),
        (date(2007, 1, 1), date(2024, 12, 31), 17),
        (date(2007, 1, 1), date(2025, 1, 1), 18),
        (date(2008, 2, 29), date(2009, 2, 28), 0),  # non-leap: not yet
        (date(2008, 2, 29), date(2009, 3, 1), 1),  # non-leap: on 1 March
        (date(2008, 2, 29), date(2012, 2, 28), 3),  # leap: not yet on the 28th
        (date(2008, 2, 29), date(2012, 2, 29), 4),  # leap: on the 29th
        (date(2008, 3, 1), date(2009, 2, 28), 0),
        (date(2008, 2, 28), date(2009, 2, 28), 1),
    ],
)
def test_pe_05_leeftijd_in_voltooide_jaren(geboren, op, jaren):
    """PE-05 / §0 Time: age in completed years with the 29 February rule."""
    assert leeftijd(geboren, op) == jaren


def test_pe_05_leeftijd_voor_de_geboortedatum_is_een_fout():
    """PE-05: a date before birth has no age; it is refused instead of giving a negative number."""
    with pytest.raises(ValueError, match="PE-05"):
        leeftijd(date(2010, 6, 15), date(2010, 6, 14))


@given(geboren=datums, jaren=st.integers(min_value=1, max_value=100))
def test_pe_05_leeftijd_stijgt_precies_op_de_verjaardag(geboren, jaren):
    """PE-05: on the n-th birthday the age is n, the day before n − 1 (also for 29 February)."""
    dag = verjaardag(geboren, geboren.year + jaren)
    assert leeftijd(geboren, dag) == jaren
    assert leeftijd(geboren, dag - timedelta(days=1)) == jaren - 1


@given(geboren=datums, op=datums)
def test_pe_05_leeftijd_stijgt_per_dag_hoogstens_een_jaar(geboren, op):
    """PE-05: from one day to the next the age stays or grows by exactly one; it starts at 0."""
    if op < geboren:
        with pytest.raises(ValueError):
            leeftijd(geboren, op)
        return
    assert leeftijd(geboren, geboren) == 0
    assert leeftijd(geboren, op + timedelta(days=1)) - leeftijd(geboren, op) in (0, 1)


@given(geboren=datums, a=datums, b=datums)
def test_pe_05_leeftijd_is_monotoon_in_de_datum(geboren, a, b):
    """PE-05: a later date never gives a lower age."""
    eerder, later = sorted((a, b))
    if eerder >= geboren:
        assert leeftijd(geboren, eerder) <= leeftijd(geboren, later)


# --- leeftijdscategorie: PE-05 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("geboren", "op", "band"),
    [
        # ordinary birthday 15 June 2010: 12th, 16th and 18th birthday
        (date(2010, 6, 15), date(2022, 6, 14), ONDER_12),
        (date(2010, 6, 15), date(2022, 6, 15), JONG_12_15),
        (date(2010, 6, 15), date(2026, 6, 14), JONG_12_15),
        (date(2010, 6, 15), date(2026, 6, 15), JONG_16_17),
        (date(2010, 6, 15), date(2028, 6, 14), JONG_16_17),
        (date(2010, 6, 15), date(2028, 6, 15), VOLWASSEN),
        # born 29 February 2008: 12th (2020) and 16th (2024) fall in leap years, 18th (2026) does not
        (date(2008, 2, 29), date(2020, 2, 28), ONDER_12),
        (date(2008, 2, 29), date(2020, 2, 29), JONG_12_15),
        (date(2008, 2, 29), date(2024, 2, 28), JONG_12_15),
        (date(2008, 2, 29), date(2024, 2, 29), JONG_16_17),
        (date(2008, 2, 29), date(2026, 2, 28), JONG_16_17),
        (date(2008, 2, 29), date(2026, 3, 1), VOLWASSEN),
        # born 29 February 2004: 12th (2016) leap, 16th (2020) leap, 18th (2022) non-leap
        (date(2004, 2, 29), date(2016, 2, 28), ONDER_12),
        (date(2004, 2, 29), date(2016, 2, 29), JONG_12_15),
        (date(2004, 2, 29), date(2020, 2, 28), JONG_12_15),
        (date(2004, 2, 29), date(2020, 2, 29), JONG_16_17),
        (date(2004, 2, 29), date(2022, 2, 28), JONG_16_17),
        (date(2004, 2, 29), date(2022, 3, 1), VOLWASSEN),
        # born 29 February 2012: 12th (2024) leap, 16th (2028) leap, 18th (2030) non-leap
        (date(2012, 2, 29), date(2024, 2, 28), ONDER_12),
        (date(2012, 2, 29), date(2024, 2, 29), JONG_12_15),
        (date(2012, 2, 29), date(2028, 2, 29), JONG_16_17),
        (date(2012, 2, 29), date(2030, 2, 28), JONG_16_17),
        (date(2012, 2, 29), date(2030, 3, 1), VOLWASSEN),
        # born 29 February 2000: 12th (2012) leap, 16th (2016) leap, 18th (2018) non-leap
        (date(2000, 2, 29), date(2016, 2, 28), JONG_12_15),
        (date(2000, 2, 29), date(2018, 2, 28), JONG_16_17),
        (date(2000, 2, 29), date(2018, 3, 1), VOLWASSEN),
    ],
)
def test_pe_05_leeftijdscategorie_op_de_grens(geboren, op, band):
    """PE-05: the day before and on the 12th, 16th and 18th birthday, incl. 29 February births."""
    assert leeftijdscategorie(geboren, op) is band


def test_pe_05_leeftijdscategorie_waarden_volgen_de_api():
    """PE-05 / API §2.2: the band values are the API's `leeftijdscategorie` strings."""
    assert [b.value for b in BANDEN] == ["onder_12", "12_15", "16_17", "18_plus"]


@pytest.mark.parametrize("band", BANDEN)
def test_pe_05_zonder_geboortedatum_geldt_de_geschatte_categorie(band):
    """PE-05: without a date of birth the recorded estimated band is used (as enum or as string)."""
    assert leeftijdscategorie(None, date(2025, 1, 1), band) is band
    assert leeftijdscategorie(None, date(2025, 1, 1), band.value) is band


@pytest.mark.parametrize("geschat", [None, ""])
def test_pe_05_zonder_geboortedatum_en_schatting_is_leeftijd_onbekend(geschat):
    """PE-05: neither date of birth nor estimate → LeeftijdOnbekend (E_PE_AGE_UNKNOWN in services)."""
    with pytest.raises(LeeftijdOnbekend, match="PE-05"):
        leeftijdscategorie(None, date(2025, 1, 1), geschat)


def test_pe_05_onbekende_schatting_is_een_programmeerfout():
    """PE-05: an estimate outside the four bands is rejected, not silently mapped."""
    with pytest.raises(ValueError):
        leeftijdscategorie(None, date(2025, 1, 1), "tiener")


@given(geboren=datums, op=datums, geschat=st.sampled_from(BANDEN))
def test_pe_05_geboortedatum_gaat_voor_schatting(geboren, op, geschat):
    """PE-05: the estimate is only a fallback: a known date of birth decides the band."""
    if op >= geboren:
        assert leeftijdscategorie(geboren, op, geschat) is leeftijdscategorie(geboren, op)


@given(geboren=datums, op=datums)
def test_pe_05_precies_een_band_volgens_de_leeftijd(geboren, op):
    """PE-05: every age falls in exactly one band: A <12, B 12–15, C 16–17, D 18+."""
    if op >= geboren:
        band = leeftijdscategorie(geboren, op)
        assert band is band_voor(leeftijd(geboren, op))
        assert sum(b is band for b in BANDEN) == 1


@given(geboren=datums, a=datums, b=datums)
def test_pe_05_band_is_monotoon_in_de_datum(geboren, a, b):
    """PE-05: the band never goes back as the date of the act moves later."""
    eerder, later = sorted((a, b))
    if eerder >= geboren:
        assert BANDEN.index(leeftijdscategorie(geboren, eerder)) <= BANDEN.index(
            leeftijdscategorie(geboren, later)
        )


@given(geboren=schrikkel_geboortes, grens=st.sampled_from([12, 16, 18]))
def test_pe_05_29_februari_wisselt_band_op_de_verjaardag(geboren, grens):
    """PE-05 / §0 Time: a 29 February child changes band on 29 Feb (leap) or 1 March (other years)."""
    dag = verjaardag(geboren, geboren.year + grens)
    assert (dag.month, dag.day) in ((2, 29), (3, 1))
    assert leeftijdscategorie(geboren, dag) is band_voor(grens)
    assert leeftijdscategorie(geboren, dag - timedelta(days=1)) is band_voor(grens - 1)
