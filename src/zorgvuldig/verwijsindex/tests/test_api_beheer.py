"""The VI-beheerder's technical views, exits (VI-25) and the archive look-up (VI-21) over HTTP."""

from __future__ import annotations

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM
from zorgvuldig.verwijsindex import services
from zorgvuldig.verwijsindex.tests.hulp import Scenario

pytestmark = pytest.mark.django_db
VERZOEK = "http://testserver/api/v1/verzoeken/8f9e1c2a-1111-4222-8333-444455556666"


def test_vi_beheerder_sees_technical_status_without_subject_or_signaler(vi, regio, api):
    """SPEC §2: the VI-beheerder sees technical status of signals and matches, not content."""
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    client = api(regio.vi_beheerder)
    signalen = client.get("/api/v1/signalen").json()
    assert signalen["count"] == 2
    for s in signalen["results"]:
        assert set(s) == {
            "uuid",
            "organisatie",
            "status",
            "signaleringstijdstip",
            "verwijderdatum",
            "inMatch",
        }
    matches = client.get("/api/v1/matches").json()["results"]
    assert len(matches) == 1 and len(matches[0]["notificaties"]) == 2
    assert not matches[0]["notificaties"][0]["bezorgd"]
    tekst = str(signalen) + str(matches)
    for verboden in (BSN_SAM, "Jan de Vries", "Fatima"):
        assert verboden not in tekst
    # and no item access to a signal
    assert client.get(f"/api/v1/signalen/{signalen['results'][0]['uuid']}").status_code == 404


def test_vi_25_exit_list_for_the_vi_beheerder(regio, api):
    scenario = Scenario(regio)
    r = api(regio.vi_beheerder).get("/api/v1/uittredingen")
    [uittreding] = r.json()["results"]
    assert uittreding["organisatie"] == "Jeugdhulp Rijnmond"
    statussen = {s["uuid"]: s["status"] for s in uittreding["signalen"]}
    assert statussen[str(scenario.aangeboden.uuid)] == "aangeboden"
    assert "open" in statussen.values()
    services.aanvaard_signaal(actor=regio.actor(regio.medewerker), uuid=scenario.aangeboden.uuid)
    r = api(regio.vi_beheerder).get(f"/api/v1/uittredingen/{uittreding['uuid']}")
    assert {s["uuid"]: s["status"] for s in r.json()["signalen"]}[
        str(scenario.aangeboden.uuid)
    ] == "overgedragen"
    assert api(regio.medewerker).get("/api/v1/uittredingen").status_code == 403


def test_vi_21_archive_only_for_fg_and_vi_beheerder_one_youth_for_a_request(vi, regio, api):
    """VI-21: the archive answers inzage/verzet: by BSN and a request, no list; FG sees own controller's."""
    s1 = vi.signaleer(regio.leraar)
    s2 = vi.signaleer(regio.medewerker)
    services.trek_signaal_in(actor=regio.actor(regio.leraar), uuid=s1.uuid)
    services.trek_signaal_in(actor=regio.actor(regio.medewerker), uuid=s2.uuid)
    from zorgvuldig.conftest import als_systeem

    als_systeem()
    services.archiveer()
    r = api(regio.vi_beheerder).post(
        "/api/v1/archiefsignalen/_zoek", {"bsn": BSN_SAM, "verzoek": VERZOEK}, format="json"
    )
    assert r.status_code == 200, r.content
    rijen = r.json()["results"]
    assert {x["organisatie"] for x in rijen} == {"OSG Het Baken", "Wijkteam Krimpen"}
    assert all(x["einde"] == "ingetrokken" and len(x["matches"][0]["notificaties"]) == 2 for x in rijen)
    # the FG of the municipality: only the wijkteam's record
    r = api(regio.fg).post(
        "/api/v1/archiefsignalen/_zoek", {"bsn": BSN_SAM, "verzoek": VERZOEK}, format="json"
    )
    assert [x["organisatie"] for x in r.json()["results"]] == ["Wijkteam Krimpen"]
    assert (
        api(regio.fg)
        .post("/api/v1/archiefsignalen/_zoek", {"bsn": BSN_ANDER, "verzoek": VERZOEK}, format="json")
        .json()["count"]
        == 0
    )
    # without a request, or by anyone else: refused
    assert (
        api(regio.fg).post("/api/v1/archiefsignalen/_zoek", {"bsn": BSN_SAM}, format="json").status_code
        == 400
    )
    assert (
        api(regio.medewerker)
        .post("/api/v1/archiefsignalen/_zoek", {"bsn": BSN_SAM, "verzoek": VERZOEK}, format="json")
        .status_code
        == 403
    )
    regel = AuditRegel.objects.filter(actie="archief.doorzocht").first()
    assert regel.koppeling["verzoek"] and BSN_SAM not in str(regel.chain_fields())


def test_rt_12_archive_answer_does_not_wait_for_the_sweep(vi, regio, api):
    s = vi.signaleer(regio.medewerker)
    services.trek_signaal_in(actor=regio.actor(regio.medewerker), uuid=s.uuid)
    r = api(regio.vi_beheerder).post(
        "/api/v1/archiefsignalen/_zoek", {"bsn": BSN_SAM, "verzoek": VERZOEK}, format="json"
    )
    assert [x["einde"] for x in r.json()["results"]] == ["ingetrokken"]
