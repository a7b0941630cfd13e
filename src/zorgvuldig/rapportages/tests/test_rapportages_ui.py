"""The report pages (RP-01, RP-02, RP-03): one page per report with tabs, table, SVG chart, CSV and PDF;
suppressed cells are "<5" on screen and carry no count in any export."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import re
import zlib

import pytest
from django.utils import formats

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.rapportages.policies import einde_maand
from zorgvuldig.rapportages.tests.hulp import rapportdag

pytestmark = pytest.mark.django_db

RAPPORTEN = ["verwijsindex", "dossiers", "deelbesluiten", "verzoeken", "casusoverleggen", "datalekken"]


def pdf_tekst(inhoud: bytes) -> str:
    """The text shown in a ReportLab PDF: its content streams decoded (ASCII85, Flate), the strings of
    its text operators joined."""
    assert inhoud.startswith(b"%PDF")
    tekst = []
    for kop, data in re.findall(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", inhoud, re.S):
        if b"ASCII85Decode" in kop:
            data = base64.a85decode(data.strip().removesuffix(b"~>"), adobe=False)
        if b"FlateDecode" in kop:
            data = zlib.decompress(data)
        tekst += [s.decode("latin-1") for s in re.findall(rb"\((.*?)(?<!\\)\)\s*Tj", data)]
    return "\n".join(tekst)


def dossiers(regio, n: int) -> None:
    from zorgvuldig.dossiers.tests.hulp import dossier

    for _ in range(n):
        dossier(regio)


@pytest.mark.parametrize("naam", RAPPORTEN)
def test_rp_02_elk_rapport_heeft_een_pagina_met_tabs_tabel_en_grafiek(regio, ui, naam):
    """RP-02: a page per report, reached by tabs; the leidinggevende sees a table and an SVG chart."""
    dossiers(regio, 6)
    r = ui(regio.leidinggevende).get(f"/rapportage/{naam}")
    assert r.status_code == 200
    html = r.content.decode()
    assert "<table" in html and "<svg" in html
    for ander in RAPPORTEN:
        if ander != naam:
            assert f'href="/rapportage/{ander}"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html  # CSP: nothing inline
    als_systeem()
    assert (
        AuditRegel.objects.filter(actie="rapportage.ingezien", verwerkingsactiviteit="rapportage").count()
        == 1
    )


def test_rp_02_vi_pagina_houdt_haar_naam(regio, ui):
    """The menu's `ui:rapportage_verwijsindex` still opens the VI report, now with the other tabs."""
    from django.urls import reverse

    r = ui(regio.fg).get(reverse("ui:rapportage_verwijsindex"))
    assert r.status_code == 200 and "Rapportage verwijsindex" in r.content.decode()


def test_rp_03_dossiers_pagina_csv_en_pdf_zonder_onderdrukte_waarden(regio, ui, volgende_maand):
    """RP-03: 6 dossiers opened this month, 3 of them started: two cells of 3, both "<5"; neither the page,
    the CSV nor the PDF holds the suppressed count, and the totals count published cells only. Asked
    per status and frame, the month comes along (RP-03: always a dimension). Read once this month is over
    (RP-03). The page and the PDF say the values in Dutch, the CSV keeps the codes (F18)."""
    from zorgvuldig.dossiers.tests.hulp import dossier, gestart

    open_ = [dossier(regio) for _ in range(6)]
    for d in open_[:3]:
        gestart(regio, d)  # 3 in `vraagverheldering`: a small cell
    maand = today().strftime("%Y-%m")
    client = ui(regio.leidinggevende)
    query = {"groepering": "status,kader"}
    html = client.get("/rapportage/dossiers", query).content.decode()
    assert "&lt;5" in html
    rijen = re.findall(
        r"<tr class=\"utrecht-table__row\">\s*<td[^>]*>([\w ]+)</td><td[^>]*>(\w+)</td><td[^>]*>([\d-]+)</td>"
        r"\s*<td[^>]*>([^<]*)</td>",
        html,
    )
    getoond = {(s, k, m): v for s, k, m, v in rijen}
    assert getoond[("Vraagverheldering", "Vrijwillig", maand)] == "&lt;5"
    assert getoond[("Geregistreerd", "Vrijwillig", maand)] == "&lt;5"  # 3: small too
    assert "3" not in getoond.values()
    assert "Vraagverheldering: 3" not in html and "Geregistreerd: 3" not in html  # the chart: published only

    csv_ = client.get("/rapportage/dossiers", {**query, "formaat": "csv"})
    assert csv_.status_code == 200 and csv_["Content-Type"].startswith("text/csv")
    regels = list(csv.reader(io.StringIO(csv_.content.decode()), delimiter=";"))
    assert regels[0] == ["status", "kader", "maand", "aantal", "onderdrukt"]
    per = {(r[0], r[1], r[2]): (r[3], r[4]) for r in regels[1:-1]}
    assert per[("vraagverheldering", "vrijwillig", maand)] == ("", "ja")
    assert per[("geregistreerd", "vrijwillig", maand)] == ("", "ja")
    assert "3" not in {a for a, _o in per.values()}
    assert regels[-1][0] == "totaal" and regels[-1][3] == "0"

    pdf = client.get("/rapportage/dossiers", {**query, "formaat": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith('attachment; filename="rapportage-dossiers-')
    tekst = pdf_tekst(pdf.content)
    assert "Rapportage dossiers" in tekst and "<5" in tekst
    assert re.search(r"^3$", tekst, re.M) is None  # the suppressed count appears nowhere
    assert "Vraagverheldering" in tekst and "vraagverheldering" not in tekst  # labels, not codes

    # once large enough the counts are published in all three
    for d in open_[3:]:
        gestart(regio, d)
    for _ in range(2):
        gestart(regio, dossier(regio))
    html = client.get("/rapportage/dossiers", query).content.decode()
    assert ">8<" in html
    regels = client.get("/rapportage/dossiers", {**query, "formaat": "csv"}).content.decode().splitlines()
    assert f"vraagverheldering;vrijwillig;{maand};8;nee" in regels
    assert "8" in pdf_tekst(client.get("/rapportage/dossiers", {**query, "formaat": "pdf"}).content).split(
        "\n"
    )
    als_systeem()
    assert AuditRegel.objects.filter(actie="rapportage.geexporteerd").count() == 4


def test_rp_02_pagina_alleen_voor_leidinggevende_en_fg(regio, ui):
    """RP-02/AC-14: the medewerker gets "not found" (the page does not exist for them); an unknown report
    or format is not found either; a bad period is 400."""
    for naam in RAPPORTEN:
        assert ui(regio.medewerker).get(f"/rapportage/{naam}").status_code == 404
        assert ui(regio.fg).get(f"/rapportage/{naam}").status_code == 200
    assert ui(regio.fg).get("/rapportage/personen").status_code == 404
    assert ui(regio.fg).get("/rapportage/dossiers", {"formaat": "xlsx"}).status_code == 404
    assert ui(regio.fg).get("/rapportage/dossiers", {"vanaf": "2026-13-01"}).status_code == 400
    r = ui(regio.fg).get("/rapportage/dossiers", {"vanaf": "2010-01-01", "tot": today().isoformat()})
    assert r.status_code == 400 and "60 maanden" in r.content.decode()
    assert ui(regio.fg).get("/rapportage/dossiers", {"groepering": "persoon"}).status_code == 400


def test_rp_02_andere_verwerkingsverantwoordelijke_ziet_eigen_cijfers(regio, ui):
    """RP-02/AC-15: the school's leidinggevende sees the school's figures, never the wijkteam's."""
    dossiers(regio, 6)
    html = ui(regio.school_lg).get("/rapportage/dossiers", {"groepering": "organisatie"}).content.decode()
    assert "OSG Het Baken" in html and "Wijkteam Krimpen" not in html


def test_rp_03_pagina_telt_hele_maanden_en_toont_altijd_de_maand(regio, ui, monkeypatch):
    """RP-03 in the UI: the form asks for months (not days) and says that reports count per whole
    calendar month; a period given in days is shown, counted and exported as its whole months, and the
    month is a column whatever grouping is chosen. Days a few apart give the same table and CSV."""
    dossiers(regio, 6)
    client = ui(regio.leidinggevende)
    r = client.get(
        "/rapportage/dossiers", {"vanaf": "2025-03-17", "tot": "2025-05-02", "groepering": "status"}
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert 'type="month"' in html and 'type="date"' not in html
    assert "per hele kalendermaand" in html
    assert "Periode: 1 maart 2025 tot en met 31 mei 2025 (hele maanden)." in html
    koppen = re.findall(r'<th class="utrecht-table__header-cell" scope="col">([^<]*)</th>', html)
    assert koppen[:2] == ["Status", "Maand"]  # the month as a column, though only `status` was chosen
    assert {"2025-03", "2025-04", "2025-05"} <= set(re.findall(r">(2025-\d\d)</td>", html))
    assert not re.findall(r">(2025-0[26])</td>", html)

    def csv_van(query) -> str:
        antwoord = client.get("/rapportage/dossiers", {**query, "formaat": "csv"})
        assert antwoord.status_code == 200
        return antwoord.content.decode()

    dagen = csv_van({"vanaf": "2025-03-17", "tot": "2025-05-02", "groepering": "status"})
    maanden = csv_van({"vanaf": "2025-03", "tot": "2025-05", "groepering": "status"})
    assert dagen == maanden and dagen.splitlines()[0] == "status;maand;aantal;onderdrukt"
    pdf = client.get("/rapportage/dossiers", {"vanaf": "2025-03", "tot": "2025-05", "formaat": "pdf"})
    assert "2025-03-01 tot en met 2025-05-31" in pdf_tekst(pdf.content)

    # the default period: whole months up to the end of the previous month; this month's 6 not yet
    html = client.get("/rapportage/dossiers", {"groepering": "kader"}).content.decode()
    einde = formats.date_format(today().replace(day=1) - dt.timedelta(days=1), "j F Y")
    assert f"tot en met {einde} (hele maanden)." in html and "lopende maand" in html
    assert f">{today():%Y-%m}</td>" not in html
    # once this month is over, its 6 dossiers count
    rapportdag(monkeypatch)
    html = client.get("/rapportage/dossiers", {"groepering": "kader"}).content.decode()
    einde = formats.date_format(einde_maand(today()), "j F Y")
    assert f"tot en met {einde} (hele maanden)" in html
    assert re.search(rf"<td[^>]*>Vrijwillig</td><td[^>]*>{today():%Y-%m}</td>\s*<td[^>]*>6</td>", html)
    assert client.get("/rapportage/dossiers", {"vanaf": "2025-13"}).status_code == 400


def test_rp_03_pagina_csv_en_pdf_zonder_de_lopende_maand_en_zeggen_dat(regio, ui):
    """RP-03 (review F10) in the UI: asked up to this month, the page counts up to the end of last month
    and says why; the CSV (file name and rows) and the PDF hold the same months, this month in none."""
    dossiers(regio, 6)  # opened today: the running month
    client = ui(regio.leidinggevende)
    deze = f"{today():%Y-%m}"
    vorige_dag = today().replace(day=1) - dt.timedelta(days=1)
    query = {"vanaf": f"{vorige_dag:%Y-%m}", "tot": deze, "groepering": "kader"}
    html = client.get("/rapportage/dossiers", query).content.decode()
    einde = formats.date_format(vorige_dag, "j F Y")
    assert f"tot en met {einde} (hele maanden). <strong>U vroeg ook om de lopende maand" in html
    assert "De lopende maand telt nog niet mee" in html  # the form's help text and the page text
    assert f">{deze}</td>" not in html and f">{vorige_dag:%Y-%m}</td>" in html

    csv_ = client.get("/rapportage/dossiers", {**query, "formaat": "csv"})
    naam = f"rapportage-dossiers-{vorige_dag:%Y-%m}-{vorige_dag:%Y-%m}.csv"
    assert csv_["Content-Disposition"] == f'attachment; filename="{naam}"'
    regels = list(csv.reader(io.StringIO(csv_.content.decode()), delimiter=";"))
    assert {r[1] for r in regels[1:-1]} == {f"{vorige_dag:%Y-%m}"}
    tekst = pdf_tekst(client.get("/rapportage/dossiers", {**query, "formaat": "pdf"}).content)
    assert f"tot en met {vorige_dag.isoformat()}" in tekst and f"\n{deze}\n" not in tekst
    assert "lopende maand" in tekst

    # a month that is over: no note
    html = client.get("/rapportage/dossiers", {**query, "tot": f"{vorige_dag:%Y-%m}"}).content.decode()
    assert "U vroeg ook om de lopende maand" not in html
    # only this month: nothing to count, and the page says why
    r = client.get("/rapportage/dossiers", {"vanaf": deze})
    assert r.status_code == 400 and "lopende maand telt nog niet mee" in r.content.decode()


# F18: every closed dimension of every report, as the page shows it (table, chart, subtotals)
GESLOTEN_DIMENSIES = [
    ("verwijsindex", "soort"),
    ("verwijsindex", "leeftijdscategorie"),
    ("dossiers", "status"),
    ("dossiers", "kader"),
    ("deelbesluiten", "grond"),
    ("deelbesluiten", "uitkomst"),
    ("deelbesluiten", "richting"),
    ("verzoeken", "soort"),
    ("verzoeken", "termijn"),
    ("casusoverleggen", "type"),
    ("casusoverleggen", "status"),
    ("datalekken", "status"),
    ("datalekken", "risico"),
]


@pytest.mark.parametrize(("naam", "dimensie"), GESLOTEN_DIMENSIES)
def test_rp_02_pagina_toont_nederlandse_namen_en_csv_houdt_de_codes(regio, ui, naam, dimensie):
    """RP-02 (review F18): the page names every value in Dutch — table, chart (legend and bar titles)
    and subtotals — never a code such as `g1_toestemming` or `plan_herzien`; the CSV, like the API,
    keeps the codes for further processing."""
    from zorgvuldig.ui.views_rapportage import WAARDEN

    if dimensie == "leeftijdscategorie":
        from zorgvuldig.verwijsindex.models import Instellingen

        inst = Instellingen.huidig()
        inst.field_set = "extended_2009"
        inst.save()
    client = ui(regio.fg)
    query = {"groepering": dimensie}
    html = client.get(f"/rapportage/{naam}", query).content.decode()
    codes = set(WAARDEN[naam][dimensie])
    cellen = re.findall(r'<td class="utrecht-table__cell">([^<]*)</td>', html)
    legenda = re.findall(r'aria-hidden="true"><rect[^>]*/></svg> ([^<]*)</li>', html)
    titels = re.findall(r"<title>[^<,]*, ([^<:]*): \d+</title>", html)
    getoond = {*cellen, *legenda, *titels}
    assert codes - {"onbekend"} and not getoond & codes, getoond & codes
    labels = set(WAARDEN[naam][dimensie].values())
    assert labels <= set(cellen) and labels == set(legenda) and labels == set(titels)
    assert not [w for w in getoond if re.fullmatch(r"[a-z0-9_]+", w)]  # no code-like word at all

    regels = list(
        csv.reader(
            io.StringIO(client.get(f"/rapportage/{naam}", {**query, "formaat": "csv"}).content.decode()),
            delimiter=";",
        )
    )
    i = regels[0].index(dimensie)  # the report's own order: the VI puts the month before the age
    assert {r[i] for r in regels[1:-1]} == codes
