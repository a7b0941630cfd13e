"""/api/v1/overeenkomsten (API §2.11, RG-06): processor agreements and written mandates per controller."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.convenanten.models import Verwerkersovereenkomst
from zorgvuldig.convenanten.tests.voorbeelden import verwerkersovereenkomst
from zorgvuldig.core.clock import today
from zorgvuldig.organisaties.models import Mandaat

pytestmark = pytest.mark.django_db

T = "http://testserver/api/v1"
LIJST = "/api/v1/overeenkomsten"


def _body(**over) -> dict:
    b = {
        "soort": "verwerkersovereenkomst",
        "partij": "Hosting Voorbeeld BV",
        "reikwijdte": "Hosting en technisch beheer van het platform.",
        "geldigVanaf": "2026-01-01",
        "geldigTot": None,
    }
    b.update(over)
    return b


def test_rg_06_fg_records_a_processor_agreement_with_scope_and_validity(regio, api):
    r = api(regio.fg).post(LIJST, _body(geldigTot="2028-12-31"), format="json")
    assert r.status_code == 201, r.json()
    o = r.json()
    assert o["soort"] == "verwerkersovereenkomst" and o["partij"] == "Hosting Voorbeeld BV"
    assert o["reikwijdte"].startswith("Hosting") and o["geldigVanaf"] == "2026-01-01"
    assert o["geldigTot"] == "2028-12-31" and o["geldigheid"] == "geldig"
    assert o["verlooptBinnenkort"] is False and o["waarschuwing"] is None
    assert o["verwerkingsverantwoordelijke"] == f"{T}/verwerkingsverantwoordelijken/{regio.gemeente.uuid}"
    assert o["url"] == f"{T}/overeenkomsten/{o['uuid']}"
    als_systeem()
    assert Verwerkersovereenkomst.objects.get(uuid=o["uuid"]).verwerkingsverantwoordelijke == regio.gemeente
    assert AuditRegel.objects.filter(object_uuid=o["uuid"], actie="overeenkomst.aangemaakt").count() == 1


def test_rg_06_validity_is_derived_from_the_dates_at_read_time(regio, api):
    vandaag = today()
    d = dt.timedelta
    toekomstig = verwerkersovereenkomst(regio.gemeente, "Later BV", vanaf=vandaag + d(days=1))
    verlopen = verwerkersovereenkomst(
        regio.gemeente, "Oud BV", vanaf=vandaag - d(days=400), tot=vandaag - d(days=1)
    )
    laatste_dag = verwerkersovereenkomst(
        regio.gemeente, "Vandaag BV", vanaf=vandaag - d(days=10), tot=vandaag
    )
    binnen = verwerkersovereenkomst(
        regio.gemeente, "Binnen BV", vanaf=vandaag - d(days=10), tot=vandaag + d(days=60)
    )
    buiten = verwerkersovereenkomst(
        regio.gemeente, "Buiten BV", vanaf=vandaag - d(days=10), tot=vandaag + d(days=61)
    )
    client = api(regio.leidinggevende)
    lees = {
        o: client.get(f"{LIJST}/{o.uuid}").json() for o in (toekomstig, verlopen, laatste_dag, binnen, buiten)
    }
    assert lees[toekomstig]["geldigheid"] == "toekomstig"
    assert lees[verlopen]["geldigheid"] == "verlopen" and lees[verlopen]["verlooptBinnenkort"] is False
    assert lees[laatste_dag]["geldigheid"] == "geldig" and lees[laatste_dag]["verlooptBinnenkort"] is True
    assert lees[binnen]["verlooptBinnenkort"] is True and "60 dagen" in lees[binnen]["waarschuwing"]
    assert lees[buiten]["verlooptBinnenkort"] is False and lees[buiten]["waarschuwing"] is None
    # filters on the derived state; soonest ending first, open-ended last
    assert [o["partij"] for o in client.get(f"{LIJST}?geldigheid=verlopen").json()["results"]] == ["Oud BV"]
    alle = client.get(f"{LIJST}?soort=verwerkersovereenkomst").json()["results"]
    assert [o["partij"] for o in alle] == ["Oud BV", "Vandaag BV", "Binnen BV", "Buiten BV", "Later BV"]


def test_rg_06_written_mandates_are_shown_read_only_with_scope_and_validity(regio, api):
    als_systeem()
    m = Mandaat.objects.get(gebruiker=regio.leidinggevende, soort="verzoeken_besluiten")
    Mandaat.objects.filter(pk=m.pk).update(
        tot=today() + dt.timedelta(days=10), besluit="Mandaatbesluit 2026-4"
    )
    client = api(regio.fg)
    mandaten = client.get(f"{LIJST}?soort=mandaat").json()["results"]
    # the wijkteam's two mandates (medewerker and leidinggevende); not the school's (another controller)
    assert sorted(o["partij"] for o in mandaten) == ["Fatima El Amrani", "Marieke Bakker"]
    o = client.get(f"{LIJST}/{m.uuid}").json()
    assert o["soort"] == "mandaat" and o["reikwijdte"] == "Besluiten op verzoeken van betrokkenen"
    assert o["geldigVanaf"] == "2026-01-01" and o["besluit"] == "Mandaatbesluit 2026-4"
    assert o["gebruiker"] == f"{T}/gebruikers/{regio.leidinggevende.uuid}"
    assert o["geldigheid"] == "geldig" and o["verlooptBinnenkort"] is True
    r = client.patch(f"{LIJST}/{m.uuid}", {"geldigTot": "2030-01-01"}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["code"] == "not_allowed"
    r = client.post(LIJST, _body(soort="mandaat"), format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "soort"
    school = Mandaat.objects.get(gebruiker=regio.leraar)
    assert client.get(f"{LIJST}/{school.uuid}").status_code == 404


def test_rg_06_another_controllers_agreement_is_not_found(regio, api):
    ander = verwerkersovereenkomst(regio.school_vv, "Leerlingvolgsysteem BV")
    eigen = verwerkersovereenkomst(regio.gemeente)
    fg = api(regio.fg)
    for method, body in (("get", None), ("patch", {"partij": "Overgenomen BV"})):
        r = getattr(fg, method)(f"{LIJST}/{ander.uuid}", body, format="json")
        assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
    assert [o["uuid"] for o in fg.get(LIJST).json()["results"] if o["soort"] == "verwerkersovereenkomst"] == [
        str(eigen.uuid)
    ]
    # the school's leidinggevende sees only the school's
    school = api(regio.school_lg).get(f"{LIJST}?soort=verwerkersovereenkomst").json()["results"]
    assert [o["uuid"] for o in school] == [str(ander.uuid)]
    als_systeem()
    assert Verwerkersovereenkomst.objects.get(pk=ander.pk).partij == "Leerlingvolgsysteem BV"


def test_rg_06_roles_fg_writes_leidinggevende_reads_medewerker_and_beheerder_not(regio, api):
    eigen = verwerkersovereenkomst(regio.gemeente)
    item = f"{LIJST}/{eigen.uuid}"
    lg = api(regio.leidinggevende)
    assert lg.get(LIJST).status_code == 200 and lg.get(item).status_code == 200
    assert lg.post(LIJST, _body(), format="json").status_code == 403
    assert lg.patch(item, {"partij": "x"}, format="json").status_code == 404
    for gebruiker in (regio.medewerker, regio.beheerder):
        client = api(gebruiker)
        assert client.get(LIJST).status_code == 403
        assert client.get(item).status_code == 404
        assert client.post(LIJST, _body(), format="json").status_code == 403
    r = api(regio.fg).patch(item, {"geldigTot": "2029-06-30", "verlooptBinnenkort": True}, format="json")
    assert r.status_code == 200 and r.json()["geldigTot"] == "2029-06-30"
    als_systeem()
    assert list(
        AuditRegel.objects.filter(object_uuid=str(eigen.uuid), status="uitgevoerd").values_list(
            "actie", "velden"
        )
    ) == [("overeenkomst.gewijzigd", ["geldig_tot"])]


def test_rg_06_malformed_input_is_400_and_changes_nothing(regio, api):
    fg = api(regio.fg)
    for body in (
        _body(geldigTot="2025-12-31"),  # ends before it starts
        _body(partij=""),
        _body(partij="x" * 201),
        _body(reikwijdte="   "),
        _body(geldigVanaf="1-1-2026"),
        _body(soort="contract"),
        _body(extra="x"),
        {k: v for k, v in _body().items() if k != "geldigVanaf"},
    ):
        r = fg.post(LIJST, body, format="json")
        assert r.status_code == 400, (body, r.json())
    r = fg.post(LIJST, _body(geldigTot="2025-12-31"), format="json")
    assert r.json()["invalidParams"][0]["name"] == "geldigTot"
    eigen = verwerkersovereenkomst(regio.gemeente)
    assert fg.patch(f"{LIJST}/{eigen.uuid}", {}, format="json").status_code == 400
    assert fg.patch(f"{LIJST}/{eigen.uuid}", {"geldigTot": "2020-01-01"}, format="json").status_code == 400
    assert fg.get(f"{LIJST}?geldigheid=bijna").status_code == 400
    assert fg.get(f"{LIJST}?partij=x").status_code == 400
    als_systeem()
    assert list(Verwerkersovereenkomst.objects.values_list("geldig_tot", flat=True)) == [None]
