"""The management reports over HTTP (RP-01, RP-02, RP-03; API §2.12): every report type over data made
through the real services, who sees what, purpose and audit, no drill-down, and SQL-only counting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.rapportages import selectors

pytestmark = pytest.mark.django_db

RAPPORTEN = ["verwijsindex", "dossiers", "deelbesluiten", "verzoeken", "casusoverleggen", "datalekken"]


def cellen(r) -> dict[tuple[str, ...], dict]:
    body = r.json()
    return {tuple(c["dimensies"][d] for d in body["dimensies"]): c for c in body["cellen"]}


def maand() -> str:
    return today().strftime("%Y-%m")


def maand_van(tijdstip: dt.datetime) -> str:
    """The report month of a date-time: its calendar month in Europe/Amsterdam (SPEC §0 Time)."""
    from zorgvuldig.core.clock import AMSTERDAM

    return tijdstip.astimezone(AMSTERDAM).strftime("%Y-%m")


def maanden(r) -> list[str]:
    """The months of the answer's own (whole-month) period: the `maand` axis of the report."""
    periode = r.json()["periode"]
    return selectors.policies.maanden(
        dt.date.fromisoformat(periode["vanaf"]), dt.date.fromisoformat(periode["tot"])
    )


def lijnen_met_een_onderdrukte_cel(tabel: dict[tuple[str, ...], dict]) -> list[list[tuple[str, ...]]]:
    """RP-03 (2): the lines (cells equal on all dimensions but one) that hold exactly one suppressed
    cell; such a line would give that cell away to anyone who knows the line's true total."""
    sleutels = list(tabel)
    fout = []
    for d in range(len(sleutels[0])):
        groepen: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for k in sleutels:
            groepen.setdefault(k[:d] + k[d + 1 :], []).append(k)
        fout += [
            lijn
            for lijn in groepen.values()
            if len(lijn) > 1 and sum(tabel[k]["onderdrukt"] for k in lijn) == 1
        ]
    return fout


# --- one report per type, over data made through the services ---------------------------------------------


def test_rp_02_dossiers_per_status_en_kader_per_maand_en_team(regio, api, volgende_maand):
    """RP-02: dossiers counted by state and frame (VOLUNTARY/DRANG/DWANG), per team and month; another
    controller's dossier does not count; the full cross table with zeros."""
    from zorgvuldig.dossiers.tests.hulp import dossier

    for _ in range(5):
        dossier(regio)
    r = api(regio.leidinggevende).get(
        "/api/v1/rapportages/dossiers", {"groepering": "status,kader,team,maand"}
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["rapport"] == "dossiers" and body["dimensies"] == ["status", "kader", "team", "maand"]
    tabel = cellen(r)
    assert tabel[("geregistreerd", "vrijwillig", "Wijkteam Oost", maand())]["aantal"] == 5
    assert tabel[("geregistreerd", "dwang", "Wijkteam Oost", maand())] == {
        "dimensies": {"status": "geregistreerd", "kader": "dwang", "team": "Wijkteam Oost", "maand": maand()},
        "aantal": 0,
        "onderdrukt": False,
    }
    # 6 states x 3 frames x 1 team x 12 months: every combination, zeros included
    assert len(tabel) == 6 * 3 * len(maanden(r)) == 6 * 3 * 12
    assert body["totaal"] == 5


def test_rp_03_dossiers_klein_aantal_onderdrukt_ook_het_verschil(regio, api, volgende_maand):
    """RP-03: 2 dossiers is a small cell; in its frame line and in its month line another cell goes too
    (zeros only: a zero goes along, secondary suppression), so no line holds a single suppressed cell."""
    from zorgvuldig.dossiers.tests.hulp import dossier

    for _ in range(2):
        dossier(regio)
    r = api(regio.fg).get("/api/v1/rapportages/dossiers", {"groepering": "kader"})
    assert r.json()["dimensies"] == ["kader", "maand"]  # RP-03: the month is always a dimension
    tabel = cellen(r)
    assert tabel[("vrijwillig", maand())] == {
        "dimensies": {"kader": "vrijwillig", "maand": maand()},
        "aantal": None,
        "onderdrukt": True,
    }
    onderdrukt = {k for k, c in tabel.items() if c["onderdrukt"]}
    # a second cell in the month's line (another frame) and one in the frame's line (another month)
    assert any(k[1] == maand() and k[0] != "vrijwillig" for k in onderdrukt)
    assert any(k[0] == "vrijwillig" and k[1] != maand() for k in onderdrukt)
    assert lijnen_met_een_onderdrukte_cel(tabel) == []
    assert all(c["aantal"] == 0 for k, c in tabel.items() if k not in onderdrukt)
    assert r.json()["totaal"] == 0


def _deelbesluit(regio, dossier, gebruiker):
    from zorgvuldig.verstrekkingen import deelbesluiten as db

    return db.maak(
        actor=regio.actor(gebruiker),
        dossier_uuid=dossier.uuid,
        data={"richting": "verstrekken", "ontvanger": {"naam": "Huisarts"}, "ontvanger_type": "wgbo_zorg"},
        antwoorden_={},
    )


def test_rp_02_deelbesluiten_per_grond_en_uitkomst(regio, api, volgende_maand):
    """RP-02: sharing decisions by ground (G1–G8, none yet) and outcome (open while undecided)."""
    from zorgvuldig.dossiers.tests.hulp import dossier

    d = dossier(regio)
    for _ in range(6):
        _deelbesluit(regio, d, regio.medewerker)
    r = api(regio.leidinggevende).get("/api/v1/rapportages/deelbesluiten")
    assert r.status_code == 200, r.content
    assert r.json()["dimensies"] == ["grond", "uitkomst", "maand"]  # RP-03: month always included
    tabel = cellen(r)
    assert tabel[("geen", "open", maand())]["aantal"] == 6
    assert set(tabel) == {
        (g, u, m)
        for g in [*selectors_gronden(), "geen"]
        for u in ["delen", "gedeeltelijk", "weigeren", "open"]
        for m in maanden(r)
    }
    r = api(regio.leidinggevende).get(
        "/api/v1/rapportages/deelbesluiten", {"groepering": "richting,organisatie"}
    )
    assert r.json()["dimensies"] == ["richting", "organisatie", "maand"]
    assert cellen(r)[("verstrekken", "Wijkteam Krimpen", maand())]["aantal"] == 6


def test_rp_02_maand_en_periode_in_europe_amsterdam(regio, api, volgende_maand):
    """SPEC §0 Time: months and period bounds are Amsterdam's. Five decisions half an hour after local
    midnight on the 1st (still the previous day in UTC) count in this month; five half an hour before
    count in the previous month; a period from the 1st includes the first five only."""
    from zorgvuldig.core.clock import AMSTERDAM
    from zorgvuldig.dossiers.tests.hulp import dossier
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    d = dossier(regio)
    rijen = [_deelbesluit(regio, d, regio.medewerker) for _ in range(10)]
    eerste = today().replace(day=1)
    middernacht = dt.datetime.combine(eerste, dt.time.min, tzinfo=AMSTERDAM)
    als_systeem()
    Deelbesluit.objects.filter(pk__in=[r.pk for r in rijen[:5]]).update(
        aangemaakt=middernacht + dt.timedelta(minutes=30)
    )
    Deelbesluit.objects.filter(pk__in=[r.pk for r in rijen[5:]]).update(
        aangemaakt=middernacht - dt.timedelta(minutes=30)
    )
    vorige = (eerste - dt.timedelta(days=1)).strftime("%Y-%m")
    r = api(regio.fg).get("/api/v1/rapportages/deelbesluiten", {"groepering": "maand"})
    tabel = cellen(r)
    assert tabel[(maand(),)]["aantal"] == 5 and tabel[(vorige,)]["aantal"] == 5
    r = api(regio.fg).get(
        "/api/v1/rapportages/deelbesluiten", {"groepering": "maand", "periodeVanaf": eerste.isoformat()}
    )
    assert set(cellen(r)) == {(maand(),)} and r.json()["totaal"] == 5


def selectors_gronden() -> list[str]:
    from zorgvuldig.verstrekkingen.policies import ALLE_GRONDEN

    return list(ALLE_GRONDEN)


def test_rp_02_verzoeken_per_soort_en_beslistermijn(regio, api, volgende_maand):
    """RP-02, RI-05: rights requests by type and whether the 4-week decision term was met: decided in
    time, decided late, open past the term, open within it — on the report's day (the 1st of next
    month: RP-03 counts only months that are over)."""
    from zorgvuldig.rechten import services
    from zorgvuldig.rechten.tests.voorbeelden import verzoek

    marieke = regio.actor(regio.leidinggevende)
    mandaat = str(regio.leidinggevende.mandaten.get(soort="verzoeken_besluiten").uuid)
    besluit = {"uitkomst": "toegewezen", "redenen": "Alles.", "mandaat": mandaat}

    def besloten(v):
        services.verifieer(
            actor=regio.actor(regio.medewerker), uuid=v.uuid, identiteit=True, hoedanigheid=True
        )
        services.beoordeel(actor=marieke, uuid=v.uuid)
        services.besluit(actor=marieke, uuid=v.uuid, data=besluit)

    op_tijd = [verzoek(regio) for _ in range(5)]
    for v in op_tijd:
        besloten(v)
    te_laat = [verzoek(regio) for _ in range(5)]
    als_systeem()
    from zorgvuldig.rechten.models import Verzoek

    # received 40 days ago (the term ended 12 days ago): decided today is late, undecided is overdue
    Verzoek.objects.filter(pk__in=[v.pk for v in te_laat]).update(
        ontvangen_op=today() - dt.timedelta(days=40)
    )
    for v in te_laat[:3]:
        besloten(v)
    lopend = [verzoek(regio) for _ in range(6)]
    # extended by a month (RI-15): still within the term on the report's day, whatever today's date
    Verzoek.objects.filter(pk__in=[v.pk for v in lopend]).update(verlenging_maanden=1)
    r = api(regio.leidinggevende).get(
        "/api/v1/rapportages/verzoeken",
        {"groepering": "soort,termijn", "periodeVanaf": (today() - dt.timedelta(days=60)).isoformat()},
    )
    assert r.status_code == 200, r.content
    assert r.json()["dimensies"] == ["soort", "termijn", "maand"]
    tabel = cellen(r)
    # per month of receipt: 5 in time and 6 running received today, the late ones 40 days ago
    eerder = (today() - dt.timedelta(days=40)).strftime("%Y-%m")
    assert tabel[("inzage", "gehaald", maand())]["aantal"] == 5
    assert tabel[("inzage", "lopend", maand())]["aantal"] == len(lopend)
    # 3 decided late + 2 still open after the term = 5 not met
    assert tabel[("inzage", "niet_gehaald", eerder)]["aantal"] == 5
    assert tabel[("klacht", "gehaald", maand())]["aantal"] == 0
    assert r.json()["totaal"] == 16


@pytest.mark.parametrize(
    "ontvangen",
    ["2025-01-03", "2024-01-03", "2025-12-31", "2024-02-01", "2025-08-03", "2024-07-31", "2026-03-03"],
)
@pytest.mark.parametrize("maanden", [0, 1, 2])
def test_ri_05_beslistermijn_in_sql_is_die_van_de_regels(regio, ontvangen, maanden):
    """RI-05/RI-15 in SQL equals `rechten.policies.besluittermijn`: 28 days, then calendar months capped
    at month end (3 January + 28 days = 31 January; + 1 month = end of February, leap year or not)."""
    from django.db.models import IntegerField, Value

    from zorgvuldig.organisaties.models import Organisatie
    from zorgvuldig.rechten.policies import besluittermijn

    datum = dt.date.fromisoformat(ontvangen)
    uitkomst = (
        Organisatie.objects.filter(pk=regio.wijkteam.pk)
        .annotate(t=selectors.Besluittermijn(Value(datum), Value(maanden, output_field=IntegerField())))
        .values_list("t", flat=True)
        .get()
    )
    assert uitkomst == besluittermijn(datum, maanden)


def test_rp_02_casusoverleggen_per_soort_tafel_en_status(regio, api, volgende_maand):
    """RP-02: cases at a table by the table's type and the case's state."""
    from zorgvuldig.casusoverleg.tests.hulp import Tafel

    tafel = Tafel(regio)
    for _ in range(5):
        tafel.aanmelding()
    r = api(regio.fg).get("/api/v1/rapportages/casusoverleggen")
    assert r.status_code == 200, r.content
    tabel = cellen(r)
    assert r.json()["dimensies"] == ["type", "status", "maand"]
    assert tabel[("lokaal_pga", "aangemeld", maand())]["aantal"] == 5
    assert tabel[("veiligheidshuis", "gesloten", maand())]["aantal"] == 0
    r = api(regio.school_lg).get("/api/v1/rapportages/casusoverleggen")
    assert r.json()["totaal"] == 0  # the school hosts none of them


def test_rp_02_rg_03_datalekken_per_status_en_risico(regio, api, volgende_maand):
    """RP-02/RG-03: breaches by state and risk (unassessed until assessed), per month of discovery."""
    from zorgvuldig.datalekken import services
    from zorgvuldig.datalekken.tests.hulp import datalek

    lekken = [datalek(regio) for _ in range(12)]
    for lek in lekken[:6]:
        services.beoordeel(actor=regio.actor(regio.fg), uuid=lek.uuid, risico="geen")
    r = api(regio.fg).get("/api/v1/rapportages/datalekken")
    assert r.status_code == 200, r.content
    tabel = cellen(r)
    assert r.json()["dimensies"] == ["status", "risico", "maand"]
    ontdekt = maand_van(lekken[0].ontdekt_op)  # an hour ago: the month of discovery in Amsterdam
    assert tabel[("ontdekt", "onbeoordeeld", ontdekt)]["aantal"] == 6
    assert tabel[("beoordeeld", "geen", ontdekt)]["aantal"] == 6
    assert tabel[("gemeld", "hoog_risico", ontdekt)]["aantal"] == 0
    assert r.json()["totaal"] == 12
    r = api(regio.leidinggevende).get("/api/v1/rapportages/datalekken", {"groepering": "status,maand"})
    assert cellen(r)[("ontdekt", ontdekt)]["aantal"] == 6  # the leidinggevende reads the own organisation's
    assert api(regio.school_lg).get("/api/v1/rapportages/datalekken").json()["totaal"] == 0


# --- RP-03: whole calendar months, and the month always a dimension -------------------------------------


def _eigen_dimensies(naam: str) -> tuple[str, ...]:
    return selectors.VI_DIMENSIES if naam == "verwijsindex" else selectors.SOORTEN[naam].dimensies


@pytest.mark.parametrize("naam", RAPPORTEN)
def test_rp_03_periode_in_hele_maanden_en_maand_altijd_een_dimensie(regio, api, naam, monkeypatch):
    """RP-03: a period is whole calendar months (from the 1st of `periodeVanaf`'s month to the last day
    of `periodeTot`'s, the answer says so) and `maand` is always a dimension, in the report's own order,
    whatever `groepering` asks: two periods a few days apart give the very same report, and a longer
    period only adds months, each its own (suppressed or not) cell. By default the last twelve months
    that are over."""
    from zorgvuldig.dossiers.tests.hulp import dossier

    for _ in range(3):
        dossier(regio)
    pad = f"/api/v1/rapportages/{naam}"
    fg = api(regio.fg)
    eigen = [d for d in _eigen_dimensies(naam) if d != "maand"]

    r = fg.get(pad, {"groepering": eigen[0], "periodeVanaf": "2025-03-17", "periodeTot": "2025-05-02"})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["periode"] == {"vanaf": "2025-03-01", "tot": "2025-05-31", "ingekort": False}
    assert body["dimensies"] == [eigen[0], "maand"]
    assert {c["dimensies"]["maand"] for c in body["cellen"]} == {"2025-03", "2025-04", "2025-05"}
    # the same months asked with other days: the same report, so nothing to subtract
    zelfde = fg.get(pad, {"groepering": eigen[0], "periodeVanaf": "2025-03-01", "periodeTot": "2025-05-31"})
    assert zelfde.json() == body

    # the month's last day, also in a leap year; one day asked is its whole month
    r = fg.get(pad, {"groepering": "maand", "periodeVanaf": "2024-02-29", "periodeTot": "2024-02-29"})
    assert r.json()["periode"] == {"vanaf": "2024-02-01", "tot": "2024-02-29", "ingekort": False}
    assert r.json()["dimensies"] == ["maand"]

    # asked in another order and without the month: the report's own order, the month included
    r = fg.get(pad, {"groepering": ",".join(reversed(eigen[:2]))})
    assert r.json()["dimensies"] == [d for d in _eigen_dimensies(naam) if d in (*eigen[:2], "maand")]
    assert r.json()["dimensies"][-1] == "maand"
    assert {c["dimensies"]["maand"] for c in r.json()["cellen"]} == set(maanden(r))
    # the default period: the twelve months before the running one, whole
    vorige = today().replace(day=1) - dt.timedelta(days=1)
    assert r.json()["periode"] == {
        "vanaf": selectors.policies.maanden_terug(vorige, 11).isoformat(),
        "tot": vorige.isoformat(),
        "ingekort": False,
    }
    assert len(maanden(r)) == 12 and maand() not in maanden(r)

    # this month's dossiers, once it is over: a few days more or less never changes a cell (RP-03)
    if naam == "dossiers":
        from zorgvuldig.rapportages.tests.hulp import rapportdag

        rapportdag(monkeypatch)
        kort = fg.get(pad, {"groepering": "kader", "periodeVanaf": today().isoformat()})
        lang = fg.get(
            pad,
            {
                "groepering": "kader",
                "periodeVanaf": (today().replace(day=1) - dt.timedelta(days=40)).isoformat(),
            },
        )
        assert kort.json()["periode"]["vanaf"] == today().replace(day=1).isoformat()
        k, lg = cellen(kort), cellen(lang)
        assert set(k) < set(lg) and all(k[x] == lg[x] for x in k)
        assert k[("vrijwillig", maand())]["onderdrukt"] is True  # 3 stays suppressed in both


# --- RP-03: the running month never counts (review F10) --------------------------------------------------


def test_rp_03_lopende_maand_telt_niet_mee_dus_verschilt_een_rapport_een_dag_later_niet(
    regio, api, monkeypatch
):
    """RP-03 (review F10): a report counts only months that are over. Six dossiers of last month count;
    one opened today does not, so a report today, one after that dossier and one made later this month
    are the very same — grouped per team, no single case can be located by subtracting them. Asked up to
    this month (or later), the period ends with last month and `periode.ingekort` says so; a period that
    starts this month has nothing to count yet (400)."""
    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.dossiers.tests.hulp import dossier
    from zorgvuldig.rapportages.tests.hulp import rapportdag

    eerste = today().replace(day=1)
    vorige_dag = eerste - dt.timedelta(days=1)  # the last day of last month
    vorige = f"{vorige_dag:%Y-%m}"
    oude = [dossier(regio) for _ in range(6)]
    als_systeem()
    Dossier.objects.filter(pk__in=[d.pk for d in oude]).update(geopend_op=vorige_dag.replace(day=12))
    fg = api(regio.fg)
    query = {"groepering": "kader,team"}

    voor = fg.get("/api/v1/rapportages/dossiers", query)
    assert voor.status_code == 200, voor.content
    body = voor.json()
    assert body["periode"] == {
        "vanaf": selectors.policies.maanden_terug(vorige_dag, 11).isoformat(),
        "tot": vorige_dag.isoformat(),
        "ingekort": False,
    }
    tabel = cellen(voor)
    assert tabel[("vrijwillig", "Wijkteam Oost", vorige)]["aantal"] == 6
    assert maand() not in {k[-1] for k in tabel} and body["totaal"] == 6

    dossier(regio)  # opened today: the running month
    na = fg.get("/api/v1/rapportages/dossiers", query)
    assert na.json() == body
    rapportdag(monkeypatch, selectors.policies.einde_maand(today()))  # the last day of this month
    assert fg.get("/api/v1/rapportages/dossiers", query).json() == body  # the last day of this month too

    # asked up to today (or a later month): the same months, and the answer says it was shortened
    monkeypatch.undo()
    for tot in (today(), selectors.policies.einde_maand(today()) + dt.timedelta(days=40)):
        r = fg.get("/api/v1/rapportages/dossiers", {**query, "periodeTot": tot.isoformat()})
        assert r.status_code == 200, r.content
        assert r.json()["periode"] == {**body["periode"], "ingekort": True}
        assert r.json()["cellen"] == body["cellen"] and r.json()["totaal"] == 6
    r = fg.get("/api/v1/rapportages/dossiers", {**query, "periodeTot": vorige_dag.isoformat()})
    assert r.json()["periode"]["ingekort"] is False

    # starting this month: no month that is over, so nothing to count
    r = fg.get("/api/v1/rapportages/dossiers", {**query, "periodeVanaf": today().isoformat()})
    assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT"
    assert r.json()["invalidParams"][0]["name"] == "periodeVanaf"
    assert "lopende maand" in r.json()["invalidParams"][0]["reason"]

    # once this month is over, the seventh counts, in this month's own cell: 1, suppressed — and so a
    # second cell of its line (secondary suppression), or the two reports would give it away
    rapportdag(monkeypatch)
    later = cellen(fg.get("/api/v1/rapportages/dossiers", query))
    assert later[("vrijwillig", "Wijkteam Oost", maand())]["onderdrukt"] is True
    assert lijnen_met_een_onderdrukte_cel(later) == []


# --- verwijsindex: "active" in SQL equals the rule per row ----------------------------------------------


def test_vi_17_rp_02_actief_in_sql_gelijk_aan_is_actief_per_signaal(regio):
    """VI-16, VI-17, VI-25, RP-02: the SQL condition picks exactly the signals `is_actief` picks — withdrawn,
    expired and signals of an organisation that left (not handed over) drop out — and a match counts only
    while it is live (VI-11)."""
    from zorgvuldig.verwijsindex import selectors as vi
    from zorgvuldig.verwijsindex import services
    from zorgvuldig.verwijsindex.models import Signaal
    from zorgvuldig.verwijsindex.tests.hulp import VI

    hulp = VI(regio)
    actief = hulp.signaleer(regio.medewerker, bsn="999993653")
    match_partner = hulp.signaleer(regio.leraar, bsn="999993653")
    weg = hulp.signaleer(regio.medewerker, bsn="999990019")
    services.trek_signaal_in(actor=regio.actor(regio.medewerker), uuid=weg.uuid)
    verlopen = hulp.signaleer(regio.medewerker, bsn="999990020")
    school = hulp.signaleer(regio.leraar, bsn="999990032")
    als_systeem()
    Signaal.objects.filter(pk=verlopen.pk).update(verwijderdatum=today())
    vandaag = today()

    def vergelijk():
        vi.vergeet_cache()  # accession look-ups are cached for seconds (ADR 0009); the test changes them
        alle = list(Signaal.objects.all())
        sql = set(Signaal.objects.filter(selectors.vi_actief(vandaag)).values_list("pk", flat=True))
        assert sql == {s.pk for s in alle if vi.is_actief(s, vandaag)}
        live = set(selectors.vi_live_matches(vandaag).values_list("match_id", flat=True))
        assert live == {s.match_id for s in alle if s.match_id and vi.heeft_live_match(s, vandaag)}
        return sql, live

    sql, live = vergelijk()
    assert sql == {actief.pk, match_partner.pk, school.pk}
    assert len(live) == 1
    # The school's accession ended long ago, beyond vi.exit_days: its signals are no longer active,
    # and the match it was half of no longer exists.
    hulp.toetreding_school.tot = vandaag - dt.timedelta(days=200)
    hulp.toetreding_school.save()
    sql, live = vergelijk()
    assert sql == {actief.pk} and live == set()


# --- RP-02: counting happens in the database ------------------------------------------------------------


@pytest.mark.parametrize("naam", RAPPORTEN)
def test_rp_02_rapport_telt_in_sql_evenveel_queries_bij_meer_rijen(regio, naam):
    """RP-02 at scale: the report's queries do not grow with its rows (one GROUP BY, no row loop)."""
    from zorgvuldig.core.context import Actor
    from zorgvuldig.dossiers.tests.hulp import dossier
    from zorgvuldig.verwijsindex.tests.hulp import VI

    hulp = VI(regio)
    actor = Actor.voor(regio.fg)

    def queries() -> list[str]:
        from zorgvuldig.registers import services as registers
        from zorgvuldig.verwijsindex import selectors as vi

        # both runs do the same look-ups (VI-25 per organisation, the activity), uncached
        vi.vergeet_cache()
        registers.vergeet_cache()
        with CaptureQueriesContext(connection) as ctx:
            selectors.lees(actor, naam, vanaf=None, tot=None, groepering=[])
        # tenancy switches (set_config) depend on the connection's previous state, not on the rows
        return [q["sql"] for q in ctx.captured_queries if "set_config" not in q["sql"]]

    queries()  # first use creates the VI settings row
    leeg = queries()
    for bsn in ("999993653", "999990019", "999990020"):
        hulp.signaleer(regio.medewerker, bsn=bsn)
    d = dossier(regio)
    dossier(regio)
    _deelbesluit(regio, d, regio.medewerker)
    vol = queries()
    # groupings down to one dimension: still one aggregate, never a row per record — no query selects a
    # record's columns (every counted table has an encrypted content column, `…_versleuteld`)
    een = ["soort"] if naam == "verwijsindex" else [selectors.SOORTEN[naam].dimensies[0]]
    with CaptureQueriesContext(connection) as ctx:
        kaal = selectors.lees(actor, naam, vanaf=None, tot=None, groepering=een)
    # RP-03 keeps the month along: one dimension's values times the period's months, at most 12 a month
    assert kaal.dimensies == (een[0], "maand")
    per_maand: dict[str, int] = {}
    for c in kaal.cellen:
        per_maand[c.dimensies[1]] = per_maand.get(c.dimensies[1], 0) + 1
    assert list(per_maand) == selectors.policies.maanden(*kaal.periode)
    assert len(set(per_maand.values())) == 1 and max(per_maand.values()) <= 12
    for q in [*vol, *(c["sql"] for c in ctx.captured_queries)]:
        assert "_versleuteld" not in q or q.lstrip().upper().startswith("INSERT"), q
    assert len(vol) == len(leeg), "\n".join(q[:150] for q in [*vol, "-----", *leeg])
    assert any("GROUP BY" in q.upper() for q in vol)


# --- who sees what (RP-02, AC-14, AC-15) ---------------------------------------------------------------


@pytest.mark.parametrize("naam", RAPPORTEN)
def test_rp_02_alleen_leidinggevende_en_fg_en_elk_de_eigen_organisaties(regio, api, naam):
    """RP-02 visibility: leidinggevende (own organisation) and FG (own controller's organisations); the
    medewerker has no `rapportage:lezen` (403); another controller's leidinggevende sees only theirs."""
    from zorgvuldig.organisaties.models import Organisatie

    Organisatie.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente, code="wmo-loket", naam="Wmo-loket Krimpen", type="overig"
    )
    pad = f"/api/v1/rapportages/{naam}"
    r = api(regio.medewerker).get(pad)
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"

    def organisaties(gebruiker):
        r = api(gebruiker).get(pad, {"groepering": "organisatie"})
        assert r.status_code == 200, r.content
        return {c["dimensies"]["organisatie"] for c in r.json()["cellen"]}

    assert organisaties(regio.leidinggevende) == {"Wijkteam Krimpen"}
    assert organisaties(regio.fg) == {"Wijkteam Krimpen", "Wmo-loket Krimpen"}
    assert organisaties(regio.school_lg) == {"OSG Het Baken"}


def test_rp_02_andere_verwerkingsverantwoordelijke_telt_niet_mee(regio, api):
    """RP-02/AC-15: the school's dossiers never show in the wijkteam's report, nor the reverse."""
    from zorgvuldig.dossiers.tests.hulp import Casus

    Casus(regio)  # one dossier of the wijkteam, one of the school's care team
    wijk = api(regio.fg).get("/api/v1/rapportages/dossiers", {"groepering": "organisatie"})
    school = api(regio.school_lg).get("/api/v1/rapportages/dossiers", {"groepering": "organisatie"})
    assert set(cellen(wijk)) == {("Wijkteam Krimpen", m) for m in maanden(wijk)}
    assert set(cellen(school)) == {("OSG Het Baken", m) for m in maanden(school)}


# --- RP-02: no drill-down, no search --------------------------------------------------------------------


@pytest.mark.parametrize("naam", RAPPORTEN)
@pytest.mark.parametrize(
    "query",
    [
        {"bsn": "999993653"},
        {"persoon": "x"},
        {"medewerker": "x"},
        {"dossier": "x"},
        {"page": "2"},
        {"groepering": "persoon"},
        {"groepering": "behandelaar"},
        {"periodeVanaf": "2026-13-01"},
        {"periodeVanaf": "2026-02-01", "periodeTot": "2026-01-01"},
        {"periodeVanaf": "2010-01-01", "periodeTot": "2026-01-01"},
    ],
)
def test_rp_02_geen_drill_down_en_onbekende_parameters_400(regio, api, naam, query):
    """RP-02: person-level filters, unknown parameters and dimensions are 400, never a narrower table;
    a bad period is 400 too."""
    r = api(regio.leidinggevende).get(f"/api/v1/rapportages/{naam}", query)
    assert r.status_code == 400, (query, r.content)
    assert r.json()["code"] == "E_INVALID_INPUT"
    assert not AuditRegel.objects.filter(actie="rapportage.ingezien").exists()


def test_rp_02_geen_rapport_van_onbekende_soort(regio, api):
    assert api(regio.fg).get("/api/v1/rapportages/personen").status_code == 404


# --- RP-01: purpose and audit ---------------------------------------------------------------------------


@pytest.mark.parametrize("naam", RAPPORTEN)
def test_rp_01_lezen_is_gelogd_als_rapportage_met_doel_verantwoording(regio, api, naam):
    """RP-01, AU-02: reading a report is audited for the activity `rapportage` and its purpose
    (management, policy and accountability); the entry names no person."""
    r = api(regio.fg).get(f"/api/v1/rapportages/{naam}", HTTP_VERWERKINGSDOEL="verantwoording")
    assert r.status_code == 200, r.content
    als_systeem()
    regel = AuditRegel.objects.get(actie="rapportage.ingezien")
    assert regel.verwerkingsactiviteit == "rapportage" and regel.doel == "verantwoording"
    assert regel.status == "uitgevoerd" and regel.betrokkene == "" and regel.object_uuid == ""
    assert f"rapport:{naam}" in regel.velden
    assert regel.actor_gebruiker == str(regio.fg.uuid)


@pytest.mark.parametrize("naam", RAPPORTEN)
@pytest.mark.parametrize("doel", ["ondersteuning", "signalering", "rechten", "onbekend", ""])
def test_rp_01_een_ander_doel_dan_verantwoording_is_400_e_no_purpose(regio, api, naam, doel):
    """RP-01/GP-02: a report serves management, policy and accountability only; asked for another
    purpose it is refused (400 E_NO_PURPOSE), the refusal audited, nothing read."""
    r = api(regio.fg).get(f"/api/v1/rapportages/{naam}", HTTP_VERWERKINGSDOEL=doel)
    assert r.status_code == 400 and r.json()["code"] == "E_NO_PURPOSE"
    als_systeem()
    assert not AuditRegel.objects.filter(actie="rapportage.ingezien").exists()
    assert AuditRegel.objects.filter(code="E_NO_PURPOSE", status="geweigerd").exists()


def test_au_02_voorbeelden_van_de_rapportroutes_schrijven_volledige_regels(regio, api):
    """AU-02 for `voorbeelden.rapport_voorbeelden` (wired into api/tests/test_audit_per_operatie.py):
    each example succeeds and writes one complete entry of the acting FG, no person named."""
    from zorgvuldig.rapportages.tests.voorbeelden import rapport_voorbeelden

    for (route, methode), (gebruiker, pad, _body) in rapport_voorbeelden(regio).items():
        als_systeem()
        voor = AuditRegel.objects.count()
        r = api(gebruiker).get(pad)
        assert methode == "get" and route == pad.lstrip("/") and r.status_code == 200, (route, r.content)
        als_systeem()
        nieuw = list(AuditRegel.objects.order_by("id")[voor:])
        assert len(nieuw) == 1
        e = nieuw[0]
        assert e.status == "uitgevoerd" and len(e.trace_id) == 32 and len(e.span_id) == 16
        assert e.verwerkingsactiviteit == "rapportage" and e.doel == "verantwoording" and e.grondslag == "e"
        assert e.actor_gebruiker == str(gebruiker.uuid) and e.kanaal == "ui" and e.betrokkene == ""
