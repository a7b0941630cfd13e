"""The verwijsindex report page (VI-18, RP-02, RP-03): table, chart, CSV; suppressed cells never shown."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.conftest import maak_gebruiker
from zorgvuldig.rapportages.tests.hulp import rapportdag
from zorgvuldig.verwijsindex.tests.hulp import VI

pytestmark = pytest.mark.django_db
BSNS = ["999993653", "999990019", "999990020", "999990032", "999990044", "999990056"]


@pytest.fixture
def vi(regio):
    return VI(regio)


def test_vi_18_report_page_shows_counts_chart_and_csv_without_small_cells(vi, regio, ui, monkeypatch):
    """VI-18/RP-03: read once this month is over (RP-03: only months that are over)."""
    rapportdag(monkeypatch)
    for i, bsn in enumerate(BSNS):
        g = maak_gebruiker(
            regio.wijkteam, f"r{i}@krimpen.example.org", ["medewerker"], mandaten=["vi_signaleren"]
        )
        vi.signaleer(g, bsn=bsn)
    client = ui(regio.leidinggevende)
    r = client.get("/rapportage/verwijsindex")
    assert r.status_code == 200
    html = r.content.decode()
    assert "<svg" in html and "zv-staaf--signalen" in html
    assert ">6<" in html and "Signalen: 6" in html  # six active signals this month, table and chart
    for bsn in BSNS:
        assert bsn not in html
    # a match of the school with one of them: a count of 1, suppressed — and, as the only other cell of
    # that month, the 6 too, or 1 would follow from the month's total (RP-03 secondary suppression)
    vi.signaleer(regio.leraar)
    html = client.get("/rapportage/verwijsindex").content.decode()
    assert ">6<" not in html and "&lt;5" in html
    r = client.get("/rapportage/verwijsindex", {"groepering": "soort,maand", "formaat": "csv"})
    assert r["Content-Type"].startswith("text/csv")
    regels = r.content.decode().splitlines()
    assert regels[0] == "soort;maand;aantal;onderdrukt"
    maand = [x for x in regels if dt.date.today().strftime("%Y-%m") in x]
    assert sorted(maand) == sorted(
        [f"matches;{dt.date.today():%Y-%m};;ja", f"signalen;{dt.date.today():%Y-%m};;ja"]
    )


def test_rp_02_report_page_only_for_leidinggevende_and_fg(vi, regio, ui):
    assert ui(regio.medewerker).get("/rapportage/verwijsindex").status_code == 404
    assert ui(regio.fg).get("/rapportage/verwijsindex").status_code == 200
    r = ui(regio.fg).get("/rapportage/verwijsindex", {"vanaf": "2026-13-01"})
    assert r.status_code == 400


def test_rp_03_vi_pagina_altijd_per_maand_in_hele_maanden(vi, regio, ui):
    """RP-03 on the VI page: grouped by organisation only, the month is still a column (table and CSV);
    a period given in days is its whole months, and the page says so in plain Dutch."""
    client = ui(regio.fg)
    query = {"groepering": "organisatie", "vanaf": "2025-03-17", "tot": "2025-04-02"}
    html = client.get("/rapportage/verwijsindex", query).content.decode()
    assert "Periode: 1 maart 2025 tot en met 30 april 2025 (hele maanden)." in html
    assert "per hele kalendermaand" in html and 'type="month"' in html
    assert ">Maand</th>" in html and ">2025-03</td>" in html and ">2025-04</td>" in html
    regels = client.get("/rapportage/verwijsindex", {**query, "formaat": "csv"}).content.decode().splitlines()
    assert regels[0] == "organisatie;maand;aantal;onderdrukt"
    assert sorted(r.split(";")[1] for r in regels[1:-1]) == ["2025-03", "2025-04"]
