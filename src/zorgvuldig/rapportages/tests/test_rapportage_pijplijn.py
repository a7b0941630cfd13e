"""RP-02/RP-03 over the whole pipeline after the database: the selectors' group counts → the full cross
table (`selectors.kruistabel`) → suppression → the report (`Rapport.als_dict`, API), its subtotals and
the UI's CSV and chart. Property-tested on random sparse counts of 1–3 dimensions, as a GROUP BY returns
them (only combinations that occur)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgvuldig.rapportages import selectors
from zorgvuldig.ui import views_rapportage

PERIODE = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


@st.composite
def tellingen(draw: st.DrawFn):
    """Axes of 1–3 dimensions and the counts a GROUP BY would return: some combinations only."""
    n = draw(st.integers(1, 3))
    labels = st.text(alphabet="abcxyz-0", min_size=1, max_size=3)
    assen = [
        sorted(draw(st.lists(labels, min_size=1, max_size={1: 6, 2: 4, 3: 3}[n], unique=True)))
        for _ in range(n)
    ]
    combinaties = list(itertools.product(*assen))
    gekozen = draw(st.lists(st.sampled_from(combinaties), unique=True, max_size=len(combinaties)))
    aantal = st.one_of(st.integers(1, 6), st.integers(1, 40))
    return assen, {k: draw(aantal) for k in gekozen}


def lijnen(sleutels):
    """Oracle: every set of cells that agree on all dimensions but one (two or more cells)."""
    uit = []
    for d in range(len(sleutels[0])):
        groepen: dict = {}
        for k in sleutels:
            groepen.setdefault(k[:d] + k[d + 1 :], []).append(k)
        uit += [g for g in groepen.values() if len(g) > 1]
    return uit


def publicaties(assen, telling, min_cel):
    """Everything a reader gets: the API body, every subtotal, the CSV, the chart's bars."""
    dims = ("status", "kader", "team")[: len(assen)]
    rapport = selectors.Rapport(
        "dossiers", PERIODE, dims, selectors.kruistabel(telling, assen, min_cel=min_cel)
    )
    return rapport, (
        rapport.als_dict(),
        [rapport.subtotalen(d) for d in dims],
        views_rapportage._csv(rapport).content,
        views_rapportage._grafiek(rapport)["staven"],
    )


@settings(max_examples=150, deadline=None)
@given(data=tellingen(), min_cel=st.integers(3, 7))
def test_rp_03_pijplijn_publiceert_geen_klein_aantal_en_niets_af_te_leiden(data, min_cel):
    """RP-03 over the pipeline: (1) no published cell is 1 … min_cel − 1; (2) every combination of the
    axes is a cell (zeros from the full cross table); (3) no line holds exactly one suppressed cell, and
    totals, subtotals, CSV and chart sum published cells only, so published total − published cells of
    a line is 0 and gives no suppressed value; (4) whatever value 1 … min_cel − 1 a suppressed small cell
    really holds, everything published is byte for byte the same: it cannot be derived."""
    assen, telling = data
    _rapport, gepubliceerd = publicaties(assen, telling, min_cel)
    body, subtotalen, csv_bytes, staven = gepubliceerd
    waar = {k: telling.get(k, 0) for k in itertools.product(*assen)}
    cellen = {tuple(c["dimensies"].values()): c for c in body["cellen"]}
    assert set(cellen) == set(waar)  # (2)
    for k, c in cellen.items():
        if c["onderdrukt"]:
            assert c["aantal"] is None
        else:
            assert c["aantal"] == waar[k] and not 1 <= c["aantal"] < min_cel  # (1)
        if 1 <= waar[k] < min_cel:
            assert c["onderdrukt"]
    gepubliceerd_aantal = {k: c["aantal"] or 0 for k, c in cellen.items()}
    for lijn in lijnen(sorted(waar)):  # (3)
        assert sum(cellen[k]["onderdrukt"] for k in lijn) != 1
    assert body["totaal"] == sum(gepubliceerd_aantal.values())
    for d, sub in enumerate(subtotalen):
        for waarde, som in sub.items():
            lijn = [k for k in waar if k[d] == waarde]
            assert som == sum(gepubliceerd_aantal[k] for k in lijn)  # published total − published cells = 0
    regels = list(csv.reader(io.StringIO(csv_bytes.decode()), delimiter=";"))
    for r in regels[1:-1]:
        k = tuple(r[: len(assen)])
        assert r[-2] == ("" if cellen[k]["onderdrukt"] else str(waar[k]))
        assert r[-1] == ("ja" if cellen[k]["onderdrukt"] else "nee")
    assert regels[-1][len(assen)] == str(body["totaal"])
    assert sum(s["waarde"] for s in staven) == body["totaal"]
    for k, v in telling.items():  # (4)
        if 1 <= v < min_cel:
            for ander in {1, min_cel - 1} - {v}:
                assert publicaties(assen, {**telling, k: ander}, min_cel)[1] == gepubliceerd


def test_rp_03_telling_buiten_de_assen_is_een_fout():
    """RP-03: a count the axes do not know would silently drop out of the report; it is refused."""
    with pytest.raises(ValueError):
        selectors.kruistabel({("onbekend",): 3}, [["a", "b"]], min_cel=5)
    cellen = selectors.kruistabel({("a",): 7}, [["a", "b"]], min_cel=5)
    assert [(c.dimensies, c.aantal) for c in cellen] == [(("a",), 7), (("b",), 0)]
