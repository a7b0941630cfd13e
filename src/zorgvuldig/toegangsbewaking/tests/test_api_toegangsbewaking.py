"""RP-06 over HTTP: /toegangsbewaking (+ _activeren, _deactiveren), /ondernemingsraadinstemmingen,
/toegangssignaleringen (+ _beoordelen). Only the FG of the controller; others 403 (collections) or 404
(items); another controller's records are 404."""

from __future__ import annotations

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import maak_gebruiker
from zorgvuldig.toegangsbewaking import services
from zorgvuldig.toegangsbewaking.models import Bewaking, Signalering
from zorgvuldig.toegangsbewaking.tests import voorbeelden
from zorgvuldig.toegangsbewaking.tests.hulp import (
    DAG,
    VOLGENDE_DAG,
    aanzetten,
    als_systeem,
    dpia,
    op,
    persoon,
)

pytestmark = pytest.mark.django_db
T = "/api/v1"


def test_rp_06_api_activation_refused_409_until_dpia_and_consent(regio, api):
    fg = api(regio.fg)
    r = fg.get(f"{T}/toegangsbewaking")
    assert r.status_code == 200
    body = r.json()
    assert body["actief"] is False and body["drempels"] == {
        "maxPersonenPerDag": 50,
        "werktijdVan": "07:00",
        "werktijdTot": "19:00",
    }
    assert len(body["voorwaarden"]["ontbreekt"]) == 2
    r = fg.post(f"{T}/toegangsbewaking/_activeren", {}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_RP_MONITORING_NOT_APPROVED"
    assert "RP-06" in r.json()["detail"]
    dpia(regio.gemeente)
    r = fg.post(f"{T}/toegangsbewaking/_activeren", {}, format="json")
    assert r.status_code == 409 and "ondernemingsraad" in r.json()["detail"]
    r = fg.post(
        f"{T}/ondernemingsraadinstemmingen",
        {"datum": "2026-02-01", "kenmerk": "OR-2026-007", "omschrijving": "Instemming bewaking"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["kenmerk"] == "OR-2026-007"
    r = fg.post(
        f"{T}/toegangsbewaking/_activeren",
        {"maxPersonenPerDag": 30, "werktijdVan": "08:00", "werktijdTot": "18:00"},
        format="json",
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["actief"] is True and body["drempels"]["maxPersonenPerDag"] == 30
    assert body["voorwaarden"]["ontbreekt"] == [] and body["voorwaarden"]["dpia"].startswith("http")
    assert fg.post(f"{T}/toegangsbewaking/_deactiveren", {}, format="json").json()["actief"] is False
    r = fg.post(f"{T}/toegangsbewaking/_deactiveren", {}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"


def test_rp_06_api_malformed_and_oversized_input(regio, api):
    fg = api(regio.fg)
    for body in (
        {"datum": "2026-02-01", "kenmerk": "OR-1", "onbekend": 1},
        {"datum": "geen datum", "kenmerk": "OR-1"},
        {"datum": "2026-02-01", "kenmerk": "x" * 101},
        {"datum": "2026-02-01", "kenmerk": "OR-1", "omschrijving": "x" * 501},
        {"datum": "2999-01-01", "kenmerk": "OR-1"},
        [],
    ):
        assert fg.post(f"{T}/ondernemingsraadinstemmingen", body, format="json").status_code == 400, body
    for body in (
        {"maxPersonenPerDag": 0},
        {"werktijdVan": "25:00"},
        {"x": 1},
        {"werktijdVan": "19:00", "werktijdTot": "07:00"},
    ):
        assert fg.post(f"{T}/toegangsbewaking/_activeren", body, format="json").status_code == 400, body
    assert fg.post(f"{T}/toegangsbewaking/_deactiveren", {"x": 1}, format="json").status_code == 400
    assert fg.get(f"{T}/toegangssignaleringen?status=dicht").status_code == 400
    assert fg.get(f"{T}/toegangssignaleringen?naam=Jansen").status_code == 400
    assert not Bewaking.objects.exists()


@pytest.fixture
def signalering(regio):
    aanzetten(regio)
    with op(DAG, 21):
        persoon(regio, regio.collega, "Jansen")
    services.dagelijks(VOLGENDE_DAG)
    als_systeem()
    return Signalering.objects.get()


def test_rp_06_api_alerts_list_item_and_review(regio, api, signalering):
    fg = api(regio.fg)
    r = fg.get(f"{T}/toegangssignaleringen")
    assert r.status_code == 200 and r.json()["count"] == 1
    item = r.json()["results"][0]
    assert item["soort"] == "buiten_werktijd" and item["status"] == "open" and item["dag"] == "2026-03-10"
    assert item["gebruiker"].endswith(f"/gebruikers/{regio.collega.uuid}")
    assert all("/auditregels/" in u for u in item["auditregels"]) and item["auditregels"]
    assert "Jansen" not in r.content.decode()  # references, never content
    assert fg.get(f"{T}/toegangssignaleringen?status=beoordeeld").json()["count"] == 0
    assert fg.get(f"{T}/toegangssignaleringen?soort=buiten_werktijd").json()["count"] == 1
    url = f"{T}/toegangssignaleringen/{signalering.uuid}"
    assert fg.get(url).json()["uuid"] == str(signalering.uuid)
    r = fg.post(f"{url}/_beoordelen", {"uitkomst": "incident"}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT"
    assert fg.post(f"{url}/_beoordelen", {"uitkomst": "weet_niet"}, format="json").status_code == 400
    assert fg.post(f"{url}/_beoordelen", {"uitkomst": "incident", "x": 1}, format="json").status_code == 400
    toelichting = "Geen werkrelatie; als mogelijk datalek doorgezet."
    r = fg.post(f"{url}/_beoordelen", {"uitkomst": "incident", "toelichting": toelichting}, format="json")
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["uitkomst"], r.json()["toelichting"]) == (
        "beoordeeld",
        "incident",
        toelichting,
    )
    assert r.json()["beoordeeldDoor"].endswith(f"/gebruikers/{regio.fg.uuid}")
    r = fg.post(f"{url}/_beoordelen", {"uitkomst": "geen_bijzonderheden"}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    # every read audited
    assert AuditRegel.objects.filter(actie="toegangssignalering.lijst_ingezien").count() == 3
    assert AuditRegel.objects.filter(actie="toegangssignalering.ingezien").count() == 1


def test_rp_06_api_roles_403_on_collections_404_on_items(regio, api, signalering):
    url = f"{T}/toegangssignaleringen/{signalering.uuid}"
    for wie in (
        regio.leidinggevende,
        regio.medewerker,
        regio.collega,
        regio.beheerder,
        regio.auditor,
        regio.vi_beheerder,
    ):
        client = api(wie)
        for pad in ("toegangsbewaking", "toegangssignaleringen", "ondernemingsraadinstemmingen"):
            assert client.get(f"{T}/{pad}").status_code == 403, (wie, pad)
        assert client.post(f"{T}/toegangsbewaking/_activeren", {}, format="json").status_code == 403
        assert client.get(url).status_code == 404
        assert (
            client.post(f"{url}/_beoordelen", {"uitkomst": "geen_bijzonderheden"}, format="json").status_code
            == 404
        )
    anoniem = api()
    for pad in (
        "toegangsbewaking",
        "toegangssignaleringen",
        "ondernemingsraadinstemmingen",
        url[len(T) + 1 :],
    ):
        r = anoniem.get(f"{T}/{pad}")
        assert r.status_code == 401 and r.json()["code"] == "E_UNAUTHENTICATED"
    assert anoniem.post(f"{url}/_beoordelen", {"uitkomst": "incident"}, format="json").status_code == 401
    als_systeem()
    assert Signalering.objects.get().status == "open"


def test_rp_06_api_other_controller_404(regio, api):
    paren = voorbeelden.objecten(regio)
    fg = api(regio.fg)
    for pad, (eigen, ander) in paren.items():
        assert fg.get(f"{T}/{pad}/{eigen}").status_code == 200
        assert fg.get(f"{T}/{pad}/{ander}").status_code == 404
    ander = paren["toegangssignaleringen"][1]
    r = fg.post(
        f"{T}/toegangssignaleringen/{ander}/_beoordelen", {"uitkomst": "geen_bijzonderheden"}, format="json"
    )
    assert r.status_code == 404
    assert fg.get(f"{T}/toegangssignaleringen").json()["count"] == 1
    assert fg.get(f"{T}/ondernemingsraadinstemmingen").json()["count"] == 1
    fg_school = maak_gebruiker(regio.school, "fg2@hetbaken.example.org", ["fg"], naam="Noor Bos")
    assert (
        api(fg_school).get(f"{T}/toegangssignaleringen/{paren['toegangssignaleringen'][0]}").status_code
        == 404
    )
