"""API §2.11 registers: /doelen (GP-02), /verwerkingsactiviteiten and their versions (RG-01), /dpias
(RG-02), /registercontrole; roles, another controller, malformed input."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.core.clock import today
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.registers import services
from zorgvuldig.registers.tests.voorbeelden import STAPPEN, VOLLEDIG, activiteit, fg_school, objecten

pytestmark = pytest.mark.django_db

T = "http://testserver/api/v1"


def _act_url(code="sociaal-domein-ondersteuning"):
    return f"{T}/verwerkingsactiviteiten/{activiteit(code).uuid}"


# --- roles and visibility ------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["fg", "leidinggevende"])
def test_rg_01_fg_and_leidinggevende_read_the_register(regio, api, rol):
    client = api(getattr(regio, rol))
    for pad in (
        "/api/v1/doelen",
        "/api/v1/verwerkingsactiviteiten",
        "/api/v1/dpias",
        "/api/v1/registercontrole",
    ):
        r = client.get(pad)
        assert r.status_code == 200, (pad, r.content[:200])


def test_rg_01_leidinggevende_cannot_write(regio, api):
    """RG-01, RG-02: the leidinggevende reads, the FG writes (register:beheren)."""
    client = api(regio.leidinggevende)
    # an item path without the scope answers like a missing item (API §1.4 check order)
    r = client.post(f"{_act_url()}/versies".replace(T, "/api/v1"), {}, format="json")
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
    r = client.post("/api/v1/dpias", {"verwerkingsactiviteit": _act_url()}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    r = client.post(
        "/api/v1/doelen", {"code": "x-y", "omschrijving": "x", "grondslagen": ["e"]}, format="json"
    )
    assert r.status_code == 403


@pytest.mark.parametrize("rol", ["medewerker", "beheerder"])
def test_rg_01_medewerker_and_beheerder_see_no_registers(regio, api, rol):
    """The registers are for the FG and the leidinggevende only: collections 403, items 404."""
    client = api(getattr(regio, rol))
    assert client.get("/api/v1/verwerkingsactiviteiten").status_code == 403
    assert client.get("/api/v1/dpias").status_code == 403
    assert client.get(_act_url().replace(T, "/api/v1")).status_code == 404


def test_ac_15_another_controllers_items_are_not_found(regio, api):
    """AC-15, RG-02: another controller's DPIA, purpose and activity answer 404 like a missing one."""
    eigen_en_ander = objecten(regio)
    client = api(regio.fg)
    for resource, (eigen, ander) in eigen_en_ander.items():
        assert client.get(f"/api/v1/{resource}/{eigen}").status_code == 200, resource
        r = client.get(f"/api/v1/{resource}/{ander}")
        assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND", resource
    ander_dpia = eigen_en_ander["dpias"][1]
    for op in ("_adviseren", "_goedkeuren", "_herzien"):
        r = client.post(f"/api/v1/dpias/{ander_dpia}/{op}", {}, format="json")
        assert r.status_code == 404, op
    assert client.patch(f"/api/v1/dpias/{ander_dpia}", {"proces": "x"}, format="json").status_code == 404
    ander_doel = eigen_en_ander["doelen"][1]
    assert client.delete(f"/api/v1/doelen/{ander_doel}").status_code == 404
    lijst = client.get("/api/v1/dpias").json()
    assert [d["uuid"] for d in lijst["results"]] == [str(eigen_en_ander["dpias"][0])]


# --- purposes (GP-02) ---------------------------------------------------------------------------------------


def test_gp_02_purposes_list_and_extension(regio, api):
    client = api(regio.fg)
    lijst = client.get("/api/v1/doelen?pageSize=100").json()
    per_code = {d["code"]: d for d in lijst["results"]}
    assert per_code["ondersteuning"]["meegeleverd"] and per_code["ondersteuning"]["grondslagen"] == ["e"]
    assert per_code["ondersteuning"]["verwerkingsactiviteiten"]
    r = client.post(
        "/api/v1/doelen",
        {"code": "wijkveiligheid", "omschrijving": "Veiligheid in de wijk", "grondslagen": ["e"]},
        format="json",
    )
    assert r.status_code == 201, r.content
    nieuw = r.json()
    assert not nieuw["meegeleverd"] and nieuw["verwerkingsverantwoordelijke"].endswith(
        str(regio.gemeente.uuid)
    )
    assert AuditRegel.objects.filter(actie="doel.toegevoegd").exists()
    # shipped: 409; added and unused: 204
    r = client.delete(f"/api/v1/doelen/{per_code['kwaliteit']['uuid']}")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    assert client.delete(f"/api/v1/doelen/{nieuw['uuid']}").status_code == 204
    assert client.get(f"/api/v1/doelen/{nieuw['uuid']}").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"code": "Hoofdletters", "omschrijving": "x", "grondslagen": ["e"]},
        {"code": "goed", "omschrijving": "x", "grondslagen": ["g"]},
        {"code": "goed", "omschrijving": "x", "grondslagen": ["f"]},  # GP-03: public body
        {"code": "goed", "omschrijving": "x", "grondslagen": []},
        {"code": "goed", "omschrijving": "x" * 301, "grondslagen": ["e"]},
        {"code": "goed", "omschrijving": "x", "grondslagen": ["e"], "extra": 1},
        {"code": "ondersteuning", "omschrijving": "x", "grondslagen": ["e"]},  # exists
        ["geen", "object"],
    ],
)
def test_gp_02_malformed_purpose_is_400(regio, api, body):
    r = api(regio.fg).post("/api/v1/doelen", body, format="json")
    assert r.status_code == 400, r.content
    assert not AuditRegel.objects.filter(actie="doel.toegevoegd", status="uitgevoerd").exists()


# --- register versions (RG-01) ------------------------------------------------------------------------------


def test_rg_01_versions_over_the_api(regio, api):
    """RG-01: POST makes a concept; the activity shows the approved version only; approval makes it
    current; an approved version is not patched (409)."""
    client = api(regio.fg)
    a = _act_url().replace(T, "/api/v1")
    before = client.get(a).json()
    assert (
        before["huidigeVersie"] is None and before["categorieenGegevens"] is None and before["dpia"] is None
    )
    assert before["catalogus"]["grondslag"] == "e" and before["gratisDirectAanMinderjarige"] is False

    doel_url = next(
        d["url"] for d in client.get("/api/v1/doelen?pageSize=100").json()["results"] if d["code"] == "plan"
    )
    r = client.post(
        f"{a}/versies",
        {
            "categorieenBetrokkenen": VOLLEDIG["categorieen_betrokkenen"],
            "categorieenGegevens": VOLLEDIG["categorieen_gegevens"],
            "doelen": [doel_url],
            "grondslagToelichting": VOLLEDIG["grondslag_toelichting"],
            "wijziging": "Eerste versie",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    v = r.json()
    assert v["status"] == "concept" and v["versie"] == 1 and not v["huidig"] and v["doelen"] == [doel_url]
    assert client.get(a).json()["huidigeVersie"] is None and client.get(a).json()["conceptversie"]
    assert client.post(f"{a}/versies", {}, format="json").status_code == 409  # one concept at a time

    r = client.patch(v["url"].replace(T, "/api/v1"), {"ontvangers": "Casusteam"}, format="json")
    assert r.status_code == 200 and r.json()["ontvangers"] == "Casusteam"
    r = client.post(f"{v['url'].replace(T, '/api/v1')}/_goedkeuren", {}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "goedgekeurd" and r.json()["huidig"]
    assert r.json()["goedgekeurdDoor"].endswith(str(regio.fg.uuid))

    na = client.get(a).json()
    assert na["huidigeVersie"] == v["url"] and na["versie"] == 1 and na["ontvangers"] == "Casusteam"
    assert na["bijzondereCategorieen"] is True and "15" in na["bewaartermijn"]
    r = client.patch(v["url"].replace(T, "/api/v1"), {"ontvangers": "Iedereen"}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    assert client.post(f"{v['url'].replace(T, '/api/v1')}/_goedkeuren", {}, format="json").status_code == 409

    r = client.post(f"{a}/versies", {"ontvangers": "Casusteam en school"}, format="json")
    assert r.json()["versie"] == 2
    lijst = client.get(f"{a}/versies").json()
    assert [(x["versie"], x["status"], x["huidig"]) for x in lijst["results"]] == [
        (2, "concept", False),
        (1, "goedgekeurd", True),
    ]
    assert client.get(a).json()["ontvangers"] == "Casusteam"  # still version 1


def test_rg_01_incomplete_version_is_not_approved(regio, api):
    client = api(regio.fg)
    a = _act_url().replace(T, "/api/v1")
    v = client.post(f"{a}/versies", {}, format="json").json()
    r = client.post(f"{v['url'].replace(T, '/api/v1')}/_goedkeuren", {}, format="json")
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalidParams"]} == {
        "categorieenBetrokkenen",
        "categorieenGegevens",
        "grondslagToelichting",  # (e) from the catalogue, without its provision (AVG art. 6(3))
    }


@pytest.mark.parametrize(
    "body",
    [
        {"onbekend": "x"},
        {"grondslag": "z"},
        {"grondslag": "f"},  # GP-03
        {"doelen": ["http://elders.example.org/api/v1/doelen/4b3f4b1e-0000-4000-8000-000000000000"]},
        {"doelen": [f"{T}/doelen/4b3f4b1e-0000-4000-8000-000000000000"]},
        {"doelen": "ondersteuning"},
        {"categorieenGegevens": "x" * 20001},
        {"bijzondereCategorieen": "misschien"},
    ],
)
def test_rg_01_malformed_version_is_400(regio, api, body):
    r = api(regio.fg).post(f"{_act_url().replace(T, '/api/v1')}/versies", body, format="json")
    assert r.status_code == 400, r.content


def test_rg_01_version_of_another_activity_is_not_found(regio, api):
    client = api(regio.fg)
    v = services.maak_versie(actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, data={})
    ander = activiteit("casusoverleg").uuid
    assert client.get(f"/api/v1/verwerkingsactiviteiten/{ander}/versies/{v.uuid}").status_code == 404
    school = api(fg_school(regio))
    assert (
        school.get(f"/api/v1/verwerkingsactiviteiten/{activiteit().uuid}/versies/{v.uuid}").status_code == 404
    )
    assert school.get(f"/api/v1/verwerkingsactiviteiten/{activiteit().uuid}/versies").json()["count"] == 0


# --- DPIA (RG-02) -------------------------------------------------------------------------------------------


def test_rg_02_dpia_over_the_api(regio, api):
    client = api(regio.fg)
    r = client.post(
        "/api/v1/dpias", {"verwerkingsactiviteit": _act_url(), "proces": STAPPEN["proces"]}, format="json"
    )
    assert r.status_code == 201, r.content
    d = r.json()
    pad = d["url"].replace(T, "/api/v1")
    assert d["status"] == "concept" and d["verwerkingsactiviteit"] == _act_url()
    assert (
        client.post("/api/v1/dpias", {"verwerkingsactiviteit": _act_url()}, format="json").status_code == 409
    )

    r = client.post(f"{pad}/_adviseren", {"advies": "Akkoord."}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT"
    assert {p["name"] for p in r.json()["invalidParams"]} == {"rechtmatigheid", "risicos", "maatregelen"}
    assert client.patch(pad, STAPPEN, format="json").status_code == 200
    assert client.post(f"{pad}/_goedkeuren", {"besluitDoor": "College"}, format="json").status_code == 409
    assert client.post(f"{pad}/_herzien", {}, format="json").status_code == 409
    r = client.post(f"{pad}/_adviseren", {"advies": "Akkoord."}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "geadviseerd" and r.json()["fgAdvies"] == "Akkoord."
    assert client.patch(pad, {"proces": "anders"}, format="json").status_code == 409

    r = client.post(f"{pad}/_goedkeuren", {"besluitDoor": "College van B en W"}, format="json")
    assert r.status_code == 200, r.content
    g = r.json()
    assert g["status"] == "goedgekeurd" and g["besluitdatum"] == today().isoformat()
    assert (
        g["herziendatum"] == dt.date(today().year + 3, today().month, today().day).isoformat()
        or g["herziendatum"]
    )
    assert g["vastgelegdDoor"].endswith(str(regio.fg.uuid)) and g["herzieningVerlopen"] is False
    assert client.get(_act_url().replace(T, "/api/v1")).json()["dpia"] == d["url"]

    r = client.post(f"{pad}/_herzien", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "in_herziening"
    assert client.get("/api/v1/dpias?status=in_herziening").json()["count"] == 1
    assert client.get("/api/v1/dpias?status=goedgekeurd").json()["count"] == 0


@pytest.mark.parametrize(
    ("op", "body"),
    [
        ("_goedkeuren", {"besluitDoor": "College", "besluitdatum": "morgen"}),
        ("_goedkeuren", {"besluitDoor": "x" * 201}),
        ("_goedkeuren", {}),
        ("_herzien", {"reden": "x"}),
        ("_adviseren", {"advies": "x", "extra": True}),
    ],
)
def test_rg_02_malformed_operation_is_400(regio, api, op, body):
    d = services.maak_dpia(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, stappen=dict(STAPPEN)
    )
    services.adviseer_dpia(actor=regio.actor(regio.fg), uuid=d.uuid, advies="Akkoord.")
    r = api(regio.fg).post(f"/api/v1/dpias/{d.uuid}/{op}", body, format="json")
    assert r.status_code == 400, r.content


def test_rg_02_decision_in_the_future_is_400(regio, api):
    d = services.maak_dpia(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, stappen=dict(STAPPEN)
    )
    services.adviseer_dpia(actor=regio.actor(regio.fg), uuid=d.uuid, advies="Akkoord.")
    morgen = (today() + dt.timedelta(days=1)).isoformat()
    r = api(regio.fg).post(
        f"/api/v1/dpias/{d.uuid}/_goedkeuren", {"besluitDoor": "C", "besluitdatum": morgen}, format="json"
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "besluitdatum"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"verwerkingsactiviteit": "sociaal-domein-ondersteuning"},
        {"verwerkingsactiviteit": f"{T}/verwerkingsactiviteiten/4b3f4b1e-0000-4000-8000-000000000000"},
        {"verwerkingsactiviteit": f"{T}/dossiers/4b3f4b1e-0000-4000-8000-000000000000"},
        {"verwerkingsactiviteit": "x", "stap5": "x"},
        {"verwerkingsactiviteit": "x", "proces": "x" * 20001},
    ],
)
def test_rg_02_malformed_dpia_is_400(regio, api, body):
    if "proces" in body:
        body["verwerkingsactiviteit"] = _act_url()
    r = api(regio.fg).post("/api/v1/dpias", body, format="json")
    assert r.status_code == 400, r.content


def test_rg_02_dpia_of_another_controllers_activity_is_400(regio, api):
    ander = objecten(regio)["verwerkingsactiviteiten"][1]
    r = api(regio.fg).post(
        "/api/v1/dpias", {"verwerkingsactiviteit": f"{T}/verwerkingsactiviteiten/{ander}"}, format="json"
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "verwerkingsactiviteit"


def test_dpias_unknown_filter_is_400(regio, api):
    client = api(regio.leidinggevende)
    assert client.get("/api/v1/dpias?status=klaar").status_code == 400
    assert client.get("/api/v1/dpias?bsn=1").status_code == 400


# --- the check (RG-01) --------------------------------------------------------------------------------------


def test_rg_01_check_over_the_api(regio, api):
    registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "V", "bsn_ontbreekt_reden": "t"}
    )
    r = api(regio.leidinggevende).get("/api/v1/registercontrole")
    assert r.status_code == 200
    soorten = {(b["soort"], b["code"]) for b in r.json()["bevindingen"]}
    assert ("zonder_register", "sociaal-domein-ondersteuning") in soorten
    assert api(fg_school(regio)).get("/api/v1/registercontrole").json()["aantal"] == 0
