"""The verwijsindex report (VI-18, RP-02, RP-03) over HTTP."""

from __future__ import annotations

import pytest

from zorgvuldig.conftest import maak_gebruiker
from zorgvuldig.core.clock import today
from zorgvuldig.verwijsindex import services
from zorgvuldig.verwijsindex.tests.hulp import VI

pytestmark = pytest.mark.django_db

TEST_BSNS = ["999993653", "999990019", "999990020", "999990032", "999990044", "999990056", "999990068"]


@pytest.fixture
def vi(regio):
    return VI(regio)


def test_vi_18_counts_only_active_signals_per_organisation_and_month(vi, regio, api, volgende_maand):
    """VI-18/RP-02: active signals and matches per organisation and month; withdrawn ones do not count;
    small cells suppressed (RP-03). Read once this month is over (RP-03: only months that are over)."""
    collegas = [
        maak_gebruiker(
            regio.wijkteam, f"w{i}@krimpen.example.org", ["medewerker"], mandaten=["vi_signaleren"]
        )
        for i in range(6)
    ]
    for gebruiker, bsn in zip(collegas, TEST_BSNS, strict=False):
        vi.signaleer(gebruiker, bsn=bsn)
    weg = vi.signaleer(regio.medewerker, bsn=TEST_BSNS[6])
    services.trek_signaal_in(actor=regio.actor(regio.medewerker), uuid=weg.uuid)
    maand = today().strftime("%Y-%m")
    r = api(regio.leidinggevende).get(
        "/api/v1/rapportages/verwijsindex",
        {"groepering": "soort,maand", "periodeVanaf": today().isoformat()},
    )
    assert r.status_code == 200, r.content
    # RP-03: the period runs from the 1st of this month, not from today
    assert r.json()["periode"]["vanaf"] == today().replace(day=1).isoformat()
    cellen = {(c["dimensies"]["soort"], c["dimensies"]["maand"]): c for c in r.json()["cellen"]}
    assert cellen[("signalen", maand)] == {
        "dimensies": {"soort": "signalen", "maand": maand},
        "aantal": 6,
        "onderdrukt": False,
    }
    assert cellen[("matches", maand)]["aantal"] == 0
    assert r.json()["totaal"] == 6


def test_rp_03_small_counts_are_suppressed_and_left_out_of_the_total(vi, regio, api, volgende_maand):
    """RP-03: one signal is a small cell; asked per `soort` only, the month comes along (RP-03: always a
    dimension), and the month's only other cell (0 matches) is suppressed too, or 1 would follow from
    the month's total."""
    vi.signaleer(regio.medewerker)
    r = api(regio.leidinggevende).get("/api/v1/rapportages/verwijsindex", {"groepering": "soort"})
    assert r.json()["dimensies"] == ["soort", "maand"]
    maand = today().strftime("%Y-%m")
    cellen = {(c["dimensies"]["soort"], c["dimensies"]["maand"]): c for c in r.json()["cellen"]}
    assert cellen[("signalen", maand)] == {
        "dimensies": {"soort": "signalen", "maand": maand},
        "aantal": None,
        "onderdrukt": True,
    }
    assert cellen[("matches", maand)]["onderdrukt"] is True
    # and along the months: another month's signals cell goes too, or 1 would follow from a yearly total
    assert any(c["onderdrukt"] for (s, m), c in cellen.items() if s == "signalen" and m != maand)
    assert r.json()["totaal"] == 0
    assert "999993653" not in r.content.decode()


def test_vi_18_municipality_and_age_only_with_the_extended_field_set(vi, regio, api):
    r = api(regio.fg).get(
        "/api/v1/rapportages/verwijsindex", {"groepering": "organisatie,leeftijdscategorie"}
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["code"] == "not_allowed"
    from zorgvuldig.verwijsindex.models import Instellingen

    inst = Instellingen.huidig()
    inst.field_set = "extended_2009"
    inst.save()
    r = api(regio.fg).get(
        "/api/v1/rapportages/verwijsindex", {"groepering": "organisatie,leeftijdscategorie"}
    )
    assert r.status_code == 200


def test_rp_02_report_has_no_drill_down_or_search(vi, regio, api):
    client = api(regio.leidinggevende)
    assert client.get("/api/v1/rapportages/verwijsindex", {"bsn": "999993653"}).status_code == 400
    assert client.get("/api/v1/rapportages/verwijsindex", {"groepering": "signaleerder"}).status_code == 400
    assert client.get("/api/v1/rapportages/verwijsindex", {"periodeVanaf": "2026-13-01"}).status_code == 400
    assert api(regio.medewerker).get("/api/v1/rapportages/verwijsindex").status_code == 403


def test_rp_02_the_reader_sees_only_own_organisation_or_controller(vi, regio, api):
    vi.signaleer(regio.leraar)
    r = api(regio.leidinggevende).get("/api/v1/rapportages/verwijsindex", {"groepering": "organisatie"})
    assert {c["dimensies"]["organisatie"] for c in r.json()["cellen"]} == {"Wijkteam Krimpen"}
