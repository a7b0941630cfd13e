"""RP-03 small-cell suppression (primary, secondary, published-only totals) and RP-02 aggregates only.

Pure tests: run with `pytest --noconftest -p no:django`. The oracles below (lines, expected cells)
are written independently of the module's private helpers, so a bug there cannot hide itself.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgvuldig.rapportages.policies import Cel, onderdruk, subtotalen, totaal

Tabel = dict[tuple[str, ...], int]


def onderdrukte(cellen: list[Cel]) -> set[tuple[str, ...]]:
    return {c.dimensies for c in cellen if c.onderdrukt}


def lijnen(sleutels: list[tuple[str, ...]]) -> list[list[tuple[str, ...]]]:
    """Oracle: every set of cells that agree on all dimensions but one, of two or more cells."""
    uit: list[list[tuple[str, ...]]] = []
    for d in range(len(sleutels[0])):
        groepen: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for k in sleutels:
            groepen.setdefault(k[:d] + k[d + 1 :], []).append(k)
        uit.extend(g for g in groepen.values() if len(g) > 1)
    return uit


def tabel_2d(rijen: list[str], kolommen: list[str], waarden: list[list[int]]) -> Tabel:
    return {(r, k): waarden[i][j] for i, r in enumerate(rijen) for j, k in enumerate(kolommen)}


# --- (1) Primary suppression -----------------------------------------------------------------


@pytest.mark.parametrize(("aantal", "onderdrukt"), [(0, False), (1, True), (2, True), (4, True), (5, False)])
def test_rp_03_primair_1_tot_4_onderdrukt_0_en_5_gepubliceerd(aantal, onderdrukt):
    """RP-03 (1): with the default min_cell 5, counts 1..4 are suppressed; 0 and 5 are published."""
    [cel] = onderdruk({("wijkteam-krimpen",): aantal})
    assert cel.onderdrukt is onderdrukt
    assert cel.aantal == (None if onderdrukt else aantal)


@pytest.mark.parametrize(
    ("min_cel", "onderdrukt", "gepubliceerd"),
    [(3, [1, 2], [0, 3, 4]), (10, [1, 9], [0, 10]), (1, [], [0, 1, 2])],
)
def test_rp_03_min_cel_is_instelbaar(min_cel, onderdrukt, gepubliceerd):
    """RP-03 (1): the threshold is `reports.min_cell`, passed in; min_cel 1 suppresses nothing."""
    for aantal in onderdrukt:
        assert onderdruk({("a",): aantal}, min_cel=min_cel)[0].onderdrukt
    for aantal in gepubliceerd:
        assert onderdruk({("a",): aantal}, min_cel=min_cel) == [Cel(("a",), aantal, False)]


# --- (2) Secondary suppression -------------------------------------------------------------


def test_rp_03_secundair_uitgewerkt_voorbeeld_2d():
    """RP-03 (2) worked example, rows = team, columns = month, min_cel 5.

                   2026-01  2026-02  2026-03
        krimpen       3        8       12
        ridderkerk    7        6       15

    Primary: krimpen/01 (3). Lines are visited dimension by dimension: first the month columns,
    then the team rows. Column 01 has one suppressed cell, so its smallest other cell goes:
    ridderkerk/01 (7). Row krimpen: smallest unsuppressed is 02 (8). Row ridderkerk: 02 (6).
    Now every row and column holds 0 or 2 suppressed cells: the 2x2 rectangle 01-02 is suppressed.
    """
    tabel = tabel_2d(["krimpen", "ridderkerk"], ["2026-01", "2026-02", "2026-03"], [[3, 8, 12], [7, 6, 15]])
    assert onderdruk(tabel) == [
        Cel(("krimpen", "2026-01"), None, True),
        Cel(("krimpen", "2026-02"), None, True),
        Cel(("krimpen", "2026-03"), 12, False),
        Cel(("ridderkerk", "2026-01"), None, True),
        Cel(("ridderkerk", "2026-02"), None, True),
        Cel(("ridderkerk", "2026-03"), 15, False),
    ]


def test_rp_03_secundair_herhaalt_tot_geen_lijn_nog_een_enkele_onderdrukte_cel_heeft():
    """RP-03 (2) "while": a later row can leave an earlier column with one suppressed cell.

             x   y   z
        a    2   9   7      first pass: column x takes b/x (6); row a takes a/z (7), row b b/y (8)
        b    6   8  10      second pass: column y (only b/y) takes a/y (9, tie with c/y: first),
        c    9   9   9      column z takes c/z (9); row c (only c/z) takes c/x (9, tie: first)

    A single pass would leave column y and column z with one suppressed cell each.
    """
    tabel = tabel_2d(["a", "b", "c"], ["x", "y", "z"], [[2, 9, 7], [6, 8, 10], [9, 9, 9]])
    cellen = onderdruk(tabel)
    assert {c.dimensies for c in cellen if not c.onderdrukt} == {("b", "z"), ("c", "y")}


def test_rp_03_secundair_lijnen_in_vaste_volgorde_eerst_dimensie_0():
    """RP-03 (2) is greedy, so the order of visiting lines matters; it is fixed: lines along dimension 0
    (here the columns) first, then dimension 1, each in the order of its first cell.

             x  y  z
        a    3  6  9      columns first: x takes b/x (5); row a takes a/y (6), row b b/z (7);
        b    5  8  7      then column y takes b/y (8) and column z a/z (9): everything goes.

    Rows first would have stopped at columns x and y (a/y, then b/x and b/y) and published column z.
    """
    tabel = tabel_2d(["a", "b"], ["x", "y", "z"], [[3, 6, 9], [5, 8, 7]])
    assert onderdrukte(onderdruk(tabel)) == set(tabel)


def test_rp_03_secundair_kleinste_niet_nul_cel_eerst():
    """RP-03 (2): the smallest unsuppressed cell goes, but a non-zero one before any zero."""
    cellen = onderdruk({("a",): 0, ("b",): 3, ("c",): 9, ("d",): 6, ("e",): 20})
    assert onderdrukte(cellen) == {("b",), ("d",)}
    assert Cel(("a",), 0, False) in cellen


def test_rp_03_secundair_gelijke_waarden_eerste_in_volgorde():
    """RP-03 (2) ties: the first in sorted order goes, whatever order the caller built the table in."""
    tabel = {("d",): 7, ("c",): 7, ("b",): 2, ("a",): 12}
    assert onderdrukte(onderdruk(tabel)) == {("b",), ("c",)}


def test_rp_03_secundair_alleen_nullen_over_dan_wordt_de_eerste_nul_onderdrukt():
    """RP-03 (2): when only zeros remain, the first zero is suppressed too.

    Why: with team/age 0-11 per month [0, 0, 3, 0] and only the 3 suppressed, the published zeros
    say all of that line sits in March; anyone who knows the team saw a young child that year (or
    learns the line's total from another report) knows March's count. A suppressed zero beside it
    leaves two cells that could each hold the count.
    """
    cellen = onderdruk({("2026-01",): 0, ("2026-02",): 0, ("2026-03",): 3, ("2026-04",): 0})
    assert onderdrukte(cellen) == {("2026-01",), ("2026-03",)}
    assert Cel(("2026-02",), 0, False) in cellen
    assert Cel(("2026-04",), 0, False) in cellen


def test_rp_03_secundair_nullen_in_2d():
    """RP-03 (2): zeros complete the lines in two dimensions; here the whole table goes.

    Column x [3, 0] takes b/x (0); column y has nothing suppressed yet; row a (only a/x) then takes
    a/y (0) and row b (only b/x) takes b/y (0). Published-only totals are 0: nothing is left to sum.
    """
    cellen = onderdruk(tabel_2d(["a", "b"], ["x", "y"], [[3, 0], [0, 0]]))
    assert all(c.onderdrukt for c in cellen)
    assert totaal(cellen) == 0


def test_rp_03_geen_onderdrukking_zonder_kleine_aantallen():
    """RP-03: secondary suppression only follows a primary one; a table without 1..4 is published whole."""
    tabel = tabel_2d(["a", "b"], ["x", "y"], [[0, 5], [12, 0]])
    assert not onderdrukte(onderdruk(tabel))


def test_rp_03_twee_primaire_cellen_in_een_lijn_vragen_geen_secundaire():
    """RP-03 (2) applies to lines with exactly one suppressed cell, not two."""
    assert onderdrukte(onderdruk({("a",): 1, ("b",): 4, ("c",): 6})) == {("a",), ("b",)}


def test_rp_03_3d_kubus_met_een_primaire_cel_wordt_geheel_onderdrukt():
    """RP-03 (2), 3 dimensions of 2 values: every line has 2 cells, so one suppressed cell spreads along
    every dimension until the whole cube is suppressed."""
    sleutels = list(itertools.product(["krimpen", "ridderkerk"], ["2026-01", "2026-02"], ["0-17", "18+"]))
    tabel = dict.fromkeys(sleutels, 40) | {("krimpen", "2026-01", "0-17"): 2}
    assert onderdrukte(onderdruk(tabel)) == set(sleutels)


def test_rp_03_3d_uitgewerkt_voorbeeld():
    """RP-03 (2) in 3 dimensions: team x month x age band (3 bands), min_cel 5.

    Primary: krimpen/01/0-11 (2). Team lines: ridderkerk/01/0-11 (9). Month lines: krimpen/02/0-11 (7)
    and ridderkerk/02/0-11 (11). Age lines [small*, 12-17, 18+]: each takes its 12-17 cell (smaller).
    Result: bands 0-11 and 12-17 suppressed everywhere, 18+ published.
    """
    waarden = iter([2, 20, 30, 7, 40, 50, 9, 60, 70, 11, 80, 90])
    tabel = {
        k: next(waarden)
        for k in itertools.product(
            ["krimpen", "ridderkerk"], ["2026-01", "2026-02"], ["0-11", "12-17", "18+"]
        )
    }
    cellen = onderdruk(tabel)
    assert onderdrukte(cellen) == {k for k in tabel if k[2] != "18+"}
    assert subtotalen(cellen, 2) == {"0-11": 0, "12-17": 0, "18+": 240}
    assert subtotalen(cellen, 0) == {"krimpen": 80, "ridderkerk": 160}


def test_rp_03_dimensie_met_een_waarde_telt_als_lijn_van_een_cel_die_wordt_overgeslagen():
    """RP-03: along a dimension with one value the "line" is the cell itself; its total would equal
    the cell and is never published, so it needs no partner. The other dimension still protects it."""
    cellen = onderdruk(
        {("krimpen", "2026-01"): 3, ("ridderkerk", "2026-01"): 9, ("zwijndrecht", "2026-01"): 14}
    )
    assert onderdrukte(cellen) == {("krimpen", "2026-01"), ("ridderkerk", "2026-01")}
    assert onderdrukte(onderdruk({("krimpen",): 3})) == {("krimpen",)}


def test_rp_03_ontbrekende_combinaties_zijn_geen_cellen():
    """RP-03: only the combinations passed in are cells, so callers pass the full table with its zeros.

    Without February the January 3 is a table of one cell: no line, no partner. With February's 0
    passed in, that zero is suppressed beside it (rule 2, only zeros left).
    """
    assert onderdruk({("2026-01",): 3}) == [Cel(("2026-01",), None, True)]
    assert onderdruk({("2026-01",): 3, ("2026-02",): 0}) == [
        Cel(("2026-01",), None, True),
        Cel(("2026-02",), None, True),
    ]
    # Absent combinations do not appear in the output either: nothing is invented.
    cellen = onderdruk({("a", "x"): 6, ("b", "y"): 9})
    assert [c.dimensies for c in cellen] == [("a", "x"), ("b", "y")]


def test_rp_03_deterministisch_en_gesorteerd():
    """RP-03: output sorted by dimension tuple, independent of the order the caller built the table in."""
    tabel = tabel_2d(["b", "a", "c"], ["y", "x"], [[3, 8], [7, 0], [2, 9]])
    omgekeerd = dict(reversed(list(tabel.items())))
    cellen = onderdruk(tabel)
    assert [c.dimensies for c in cellen] == sorted(tabel)
    assert cellen == onderdruk(omgekeerd) == onderdruk(tabel)


# --- (3) Totals ------------------------------------------------------------------------------


def test_rp_03_totalen_en_subtotalen_tellen_alleen_gepubliceerde_cellen():
    """RP-03 (3): on the worked example the totals leave the suppressed 01-02 rectangle out entirely."""
    tabel = tabel_2d(["krimpen", "ridderkerk"], ["2026-01", "2026-02", "2026-03"], [[3, 8, 12], [7, 6, 15]])
    cellen = onderdruk(tabel)
    assert totaal(cellen) == 27
    assert subtotalen(cellen, 0) == {"krimpen": 12, "ridderkerk": 15}
    assert subtotalen(cellen, 1) == {"2026-01": 0, "2026-02": 0, "2026-03": 27}
    # Keys come out sorted, whatever order the cells come in (a dict compares equal in any order).
    assert list(subtotalen(reversed(cellen), 1)) == ["2026-01", "2026-02", "2026-03"]


def test_rp_03_ware_totalen_zouden_lekken_daarom_tellen_totalen_alleen_gepubliceerde_cellen():
    """RP-03 (3) is load-bearing: the line rule guards one line at a time, not chains of lines.

    In [[3, 0], [0, 0]] everything is suppressed. Were the true totals published (row a 3, row b 0,
    column x 3, column y 0), column y = 0 would give a/y = 0 and then row a gives a/x = 3: the only
    non-negative table with those margins is the true one. Published-only totals are all 0.
    """
    rijen, kolommen = ["a", "b"], ["x", "y"]
    tabel = tabel_2d(rijen, kolommen, [[3, 0], [0, 0]])
    ware_rij = {r: sum(v for k, v in tabel.items() if k[0] == r) for r in rijen}
    ware_kolom = {c: sum(v for k, v in tabel.items() if k[1] == c) for c in kolommen}
    oplossingen = [
        t
        for vs in itertools.product(range(4), repeat=4)
        if (t := dict(zip(sorted(tabel), vs, strict=True)))
        and all(sum(v for k, v in t.items() if k[0] == r) == ware_rij[r] for r in rijen)
        and all(sum(v for k, v in t.items() if k[1] == c) == ware_kolom[c] for c in kolommen)
    ]
    assert oplossingen == [tabel]  # the attack works against true margins ...
    cellen = onderdruk(tabel)
    assert subtotalen(cellen, 0) == {"a": 0, "b": 0}  # ... and the report never gives them
    assert subtotalen(cellen, 1) == {"x": 0, "y": 0}
    assert totaal(cellen) == 0


def test_rp_03_subtotalen_ongeldige_dimensie():
    """RP-03 (3): asking for a dimension the table does not have is a programming error."""
    cellen = onderdruk({("a", "x"): 6})
    with pytest.raises(ValueError):
        subtotalen(cellen, 2)
    with pytest.raises(ValueError):
        subtotalen(cellen, -1)
    assert subtotalen(cellen, 1) == {"x": 6}
    assert subtotalen([], 0) == {}


# --- Input and the Cel invariant -------------------------------------------------------------


@pytest.mark.parametrize(
    "tabel",
    [
        {("a",): -1},
        {("a", "x"): 1, ("b",): 2},  # ragged
        {("a",): 1, ("b", "x"): 2},  # ragged, the short key first
        {(): 3},  # no dimensions
        {"a": 3},  # not a tuple
        {("a",): 1, "b": 2},  # not a tuple, though of the right length
    ],
)
def test_rp_03_ongeldige_tabel_geeft_valueerror(tabel):
    """RP-03: negative counts and ragged keys are refused rather than silently mis-suppressed."""
    with pytest.raises(ValueError):
        onderdruk(tabel)


@pytest.mark.parametrize("min_cel", [0, -5])
def test_rp_03_min_cel_onder_1_geeft_valueerror(min_cel):
    """RP-03: a threshold below 1 makes no sense (min_cel 1 means: nothing suppressed)."""
    with pytest.raises(ValueError):
        onderdruk({("a",): 3}, min_cel=min_cel)


def test_rp_03_lege_tabel():
    """RP-03: an empty table gives an empty report with total 0."""
    assert onderdruk({}) == []
    assert totaal([]) == 0


@pytest.mark.parametrize("waarde", [True, "3", 2.0, ["bsn-1", "bsn-2"]])
def test_rp_02_alleen_aantallen_gaan_erin(waarde):
    """RP-02: aggregates only: a cell holds a count, never a list of persons, a flag or a float."""
    with pytest.raises(TypeError):
        onderdruk({("a",): waarde})


def test_rp_02_een_cel_draagt_alleen_dimensies_en_een_aantal():
    """RP-02: the output has no place for a person: dimension labels, a count and the suppression flag."""
    assert [f.name for f in dataclasses.fields(Cel)] == ["dimensies", "aantal", "onderdrukt"]


@pytest.mark.parametrize(("aantal", "onderdrukt"), [(None, False), (3, True), (0, True)])
def test_rp_03_onderdrukte_cel_zonder_aantal_gepubliceerde_met(aantal, onderdrukt):
    """RP-03: a suppressed cell cannot carry its count on, and a published cell must have one."""
    with pytest.raises(ValueError):
        Cel(("a",), aantal, onderdrukt)


# --- Properties on random 1-, 2- and 3-dimensional tables ---------------------------------


@st.composite
def tabellen(draw: st.DrawFn) -> Tabel:
    """A full cross table of 1-3 dimensions with 1-6 / 1-4 / 1-3 labels each, in random label order."""
    n = draw(st.integers(1, 3))
    labels = st.text(alphabet="abcxyz-0", min_size=1, max_size=3)
    assen = [
        draw(st.lists(labels, min_size=1, max_size={1: 6, 2: 4, 3: 3}[n], unique=True)) for _ in range(n)
    ]
    sleutels = list(itertools.product(*assen))
    # Many zeros and small counts, so that primary and secondary suppression both get exercised.
    aantal = st.one_of(st.just(0), st.integers(1, 6), st.integers(0, 40))
    waarden = draw(st.lists(aantal, min_size=len(sleutels), max_size=len(sleutels)))
    return dict(zip(sleutels, waarden, strict=True))


def verborgen_per_lijn(tabel: Mapping[tuple[str, ...], int], cellen: list[Cel]) -> list[list[int]]:
    """Per line of two or more cells: the true values of its suppressed cells, in line order."""
    weg = onderdrukte(cellen)
    return [[tabel[k] for k in lijn if k in weg] for lijn in lijnen(sorted(tabel))]


@settings(max_examples=200, deadline=None)
@given(tabel=tabellen(), min_cel=st.integers(1, 7))
def test_rp_03_eigenschappen_op_willekeurige_tabellen(tabel, min_cel):
    """RP-03 on random 1-3-D tables: (a) every count 1..min_cel-1 is suppressed; (b) no line of two or
    more cells holds exactly one suppressed cell; (c) each line with suppressed cells holds ≥ 2;
    published cells carry their true count; totals and subtotals sum published cells only."""
    cellen = onderdruk(tabel, min_cel=min_cel)
    assert [c.dimensies for c in cellen] == sorted(tabel)
    for cel in cellen:
        assert cel.onderdrukt or cel.aantal == tabel[cel.dimensies]
        if 1 <= tabel[cel.dimensies] < min_cel:
            assert cel.onderdrukt  # (a)
    # (b) and (c) are one check: a line hides 0 or ≥ 2 cells. Why ≥ 2 suffices: rule (3) makes every
    # published total a sum of published cells, so it is a function of what is already published and
    # adds no equation in which a suppressed value occurs; the report alone gives an attacker nothing
    # to solve. What ≥ 2 adds is safety when a line's *true* total leaks from elsewhere: next test.
    for verborgen in verborgen_per_lijn(tabel, cellen):
        assert len(verborgen) != 1
    weg = onderdrukte(cellen)
    assert totaal(cellen) == sum(v for k, v in tabel.items() if k not in weg)
    for d in range(len(next(iter(tabel)))):
        verwacht: dict[str, int] = {}
        for k, v in tabel.items():
            verwacht[k[d]] = verwacht.get(k[d], 0) + (0 if k in weg else v)
        assert subtotalen(cellen, d) == verwacht
    assert onderdruk(dict(reversed(list(tabel.items()))), min_cel=min_cel) == cellen  # deterministic


@settings(max_examples=200, deadline=None)
@given(tabel=tabellen(), min_cel=st.integers(1, 7))
def test_rp_03_aanval_met_ware_lijntotalen_bepaalt_uit_een_lijn_geen_cel(tabel, min_cel):
    """RP-03, stronger attacker: they also know each line's TRUE total T from somewhere else.

    With the line's published cells summing to P, the line gives one equation x1 + ... + xk = R = T - P
    over its k suppressed cells (non-negative integers). With k ≥ 2 and R > 0 every xi has a second
    solution: move one unit into or out of it from another cell. With R = 0 all xi are 0: the
    attacker learns only zeros, never a count 1..min_cel-1 (that would make R ≥ 1). Chaining several
    lines is beyond the line rule: see
    test_rp_03_ware_totalen_zouden_lekken_daarom_tellen_totalen_alleen_gepubliceerde_cellen.
    """
    for verborgen in verborgen_per_lijn(tabel, onderdruk(tabel, min_cel=min_cel)):
        if not verborgen:
            continue
        rest = sum(verborgen)  # R: the true line total minus the published cells the attacker sees
        if rest == 0:
            continue  # every hidden cell is 0: only zeros are learned (a count ≥ 1 would make R ≥ 1)
        for i, x in enumerate(verborgen):
            # Another non-negative solution of the same equation that differs in cell i.
            j = next((j for j in range(len(verborgen)) if j != i and (x > 0 or verborgen[j] > 0)), None)
            assert j is not None, "a single hidden cell in this line is pinned by its true total"
            ander = list(verborgen)
            if x > 0:
                ander[i], ander[j] = x - 1, ander[j] + 1
            else:
                ander[i], ander[j] = 1, ander[j] - 1
            assert min(ander) >= 0 and sum(ander) == rest and ander[i] != x


@settings(max_examples=200, deadline=None)
@given(tabel=tabellen(), min_cel=st.integers(3, 7))
def test_rp_03_primaire_cel_niet_af_te_leiden_ook_niet_met_kennis_van_alle_andere_cellen(tabel, min_cel):
    """RP-03 "no suppressed value can be derived", for the sensitive (primary) cells, min_cel ≥ 3
    (SPEC's floor for `reports.min_cell`): even an attacker who knows the algorithm and the true value
    of every other cell sees the very same report, totals and subtotals whichever value 1..min_cel-1
    the cell holds. Fails if secondary choices or totals ever depended on a suppressed count."""

    def rapport(t: Tabel) -> tuple[list[Cel], int, list[dict[str, int]]]:
        cellen = onderdruk(t, min_cel=min_cel)
        return cellen, totaal(cellen), [subtotalen(cellen, d) for d in range(len(next(iter(t))))]

    echt = rapport(tabel)
    for sleutel, waarde in tabel.items():
        if 1 <= waarde < min_cel:
            for ander in {1, min_cel - 1} - {waarde}:
                assert rapport({**tabel, sleutel: ander}) == echt


@settings(max_examples=200, deadline=None)
@given(waarden=st.lists(st.one_of(st.just(0), st.integers(1, 6), st.integers(0, 40)), min_size=2, max_size=8))
def test_rp_03_een_dimensie_is_een_lijn(waarden):
    """RP-03 (2) oracle for 1-D tables (a single line): one primary cell takes the smallest non-zero
    unsuppressed cell along (ties: first), or the first zero if only zeros remain; two or more
    primary cells take nothing along."""
    tabel = {(f"{i:02d}",): v for i, v in enumerate(waarden)}
    primair = {k for k, v in tabel.items() if 1 <= v < 5}
    verwacht = set(primair)
    if len(primair) == 1:
        open_ = [k for k in sorted(tabel) if k not in primair]
        niet_nul = [k for k in open_ if tabel[k] > 0]
        verwacht.add(min(niet_nul, key=tabel.__getitem__) if niet_nul else open_[0])
    assert onderdrukte(onderdruk(tabel)) == verwacht
