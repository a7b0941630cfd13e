"""POST /verwerkingsverantwoordelijken (API §2.1, AC-15): the beheerder records a new controller with its
FG; the record is organisational, audited in the same transaction (AU-02), and gives its maker nothing of
the new controller. Bad input and a taken code are 400 and change nothing; other roles are 403. The admin
adds a controller through the same service."""

from __future__ import annotations

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import aanmelden, als_systeem, partner_token
from zorgvuldig.core.context import Actor
from zorgvuldig.core.errors import DomainError
from zorgvuldig.organisaties import services
from zorgvuldig.organisaties.models import Organisatie, Verwerkingsverantwoordelijke

pytestmark = pytest.mark.django_db

T = "http://testserver/api/v1"
PAD = "/api/v1/verwerkingsverantwoordelijken"
NIEUW = {
    "code": "gemeente-capelle",
    "naam": "College van B en W Capelle aan den IJssel",
    "fg": {"naam": "Sanne de Wit", "email": "FG@capelle.example.org", "telefoon": "010-0000000"},
}


def _aantal() -> int:
    return Verwerkingsverantwoordelijke.objects.count()


def _gewijzigd(**filters):
    als_systeem()
    return AuditRegel.objects.filter(actie="configuratie.gewijzigd", **filters)


def test_ac_15_beheerder_records_a_new_controller_with_its_fg_audited(regio, api):
    """AC-15: a new controller with its FG, 201 with its representation; one audit entry in the same
    transaction, in the log of the beheerder's own controller, whose FG supervises him (AU-02)."""
    client = api(regio.beheerder)
    r = client.post(PAD, NIEUW, format="json")
    assert r.status_code == 201, r.json()
    body = r.json()
    vv = Verwerkingsverantwoordelijke.objects.get(code="gemeente-capelle")
    assert body["url"] == f"{T}/verwerkingsverantwoordelijken/{vv.uuid}"
    assert body["code"] == "gemeente-capelle" and body["naam"] == NIEUW["naam"]
    assert body["fg"] == {
        "naam": "Sanne de Wit",
        "email": "fg@capelle.example.org",
        "telefoon": "010-0000000",
    }
    assert body["sleutelversie"] is None  # the data key is made on first use (ADR 0005)
    assert vv.demo is False
    regel = _gewijzigd(object_uuid=str(vv.uuid)).get()
    assert regel.status == "uitgevoerd" and regel.actor_gebruiker == str(regio.beheerder.uuid)
    assert set(regel.velden) == {"code", "naam", "fg_naam", "fg_email", "fg_telefoon"}
    assert (
        regel.verwerkingsverantwoordelijke == str(regio.gemeente.uuid)
        and regel.verwerkingsactiviteit == "beheer-platform"
    )
    assert client.get(f"{PAD}/{vv.uuid}").json() == body
    assert body in client.get(PAD).json()["results"]


def test_ac_15_the_new_controller_is_not_the_makers_to_manage(regio, api):
    """AC-15, AC-06: recording a controller gives the beheerder none of its settings: he cannot change it
    nor give it organisations (so no accounts, no content); that is import-config's, run by the operator."""
    client = api(regio.beheerder)
    vv = client.post(PAD, NIEUW, format="json").json()
    r = client.patch(vv["url"].removeprefix("http://testserver"), {"naam": "Overgenomen"}, format="json")
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
    r = client.post(
        "/api/v1/organisaties",
        {"naam": "Wijkteam Capelle", "type": "gemeentelijk_team", "verwerkingsverantwoordelijke": vv["url"]},
        format="json",
    )
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    assert not Organisatie.objects.filter(verwerkingsverantwoordelijke__uuid=vv["uuid"]).exists()
    assert Verwerkingsverantwoordelijke.objects.get(uuid=vv["uuid"]).naam == NIEUW["naam"]


def test_ac_15_code_is_derived_from_the_name_and_a_taken_code_is_400(regio, api):
    """API §1.5: a taken code breaks a rule of the request (400 `unique`, as for organisations); nothing is
    created and the refusal is audited (AU-04)."""
    client = api(regio.beheerder)
    zonder_code = {k: v for k, v in NIEUW.items() if k != "code"}
    r = client.post(PAD, zonder_code, format="json")
    assert r.status_code == 201 and r.json()["code"] == "college-van-b-en-w-capelle-aan-den-ijssel"
    r = client.post(PAD, zonder_code, format="json")  # the same name again: a free code
    assert r.status_code == 201 and r.json()["code"] == "college-van-b-en-w-capelle-aan-den-ijssel-2"
    voor = _aantal()
    r = client.post(PAD, {**NIEUW, "code": "gemeente-krimpen"}, format="json")
    assert r.status_code == 400, r.json()
    body = r.json()
    assert body["code"] == "E_INVALID_INPUT" and r["Content-Type"] == "application/problem+json"
    assert body["invalidParams"] == [
        {
            "name": "code",
            "code": "unique",
            "reason": "Er is al een verwerkingsverantwoordelijke met deze code.",
        }
    ]
    assert _aantal() == voor
    assert Verwerkingsverantwoordelijke.objects.get(code="gemeente-krimpen").naam == regio.gemeente.naam
    assert _gewijzigd(status="geweigerd", code="E_INVALID_INPUT").count() == 1


@pytest.mark.parametrize(
    ("body", "namen"),
    [
        ({"naam": NIEUW["naam"]}, {"fg"}),  # AC-15: a controller has an FG
        ({**NIEUW, "fg": {"naam": "", "email": ""}}, {"fg.naam", "fg.email"}),
        (
            {**NIEUW, "naam": "  ", "fg": {"naam": " ", "email": "fg@capelle.example.org"}},
            {"naam", "fg.naam"},
        ),
        ({**NIEUW, "fg": {**NIEUW["fg"], "email": "geen-adres"}}, {"fg.email"}),
        ({**NIEUW, "code": "Gemeente Capelle!"}, {"code"}),
        ({**NIEUW, "naam": "x" * 201}, {"naam"}),
        ({**NIEUW, "fg": {**NIEUW["fg"], "telefoon": "0" * 33}}, {"fg.telefoon"}),
        ({**NIEUW, "monitoring": {"accessPatterns": True}}, {"monitoring"}),  # RP-06: /toegangsbewaking
        ({**NIEUW, "fg": {**NIEUW["fg"], "functie": "FG"}}, {"fg.functie"}),
        ({**NIEUW, "naam": 3}, {"naam"}),
        ([], {"body"}),
    ],
)
def test_ac_15_bad_input_is_400_with_every_field_named_and_changes_nothing(regio, api, body, namen):
    voor = _aantal()
    r = api(regio.beheerder).post(PAD, body, format="json")
    assert r.status_code == 400, r.json()
    assert r.json()["code"] == "E_INVALID_INPUT" and r["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in r.json()["invalidParams"]} == namen, r.json()
    assert all(p["reason"] for p in r.json()["invalidParams"])
    assert _aantal() == voor
    assert not _gewijzigd(status="uitgevoerd").exists()


def test_ac_15_read_only_fields_sent_back_are_ignored(regio, api):
    """API §1.1: read-only fields (`url`, `uuid`, `sleutelversie`, …) are ignored on input."""
    r = api(regio.beheerder).post(
        PAD, {**NIEUW, "uuid": str(regio.gemeente.uuid), "sleutelversie": 7, "url": "x"}, format="json"
    )
    assert r.status_code == 201, r.json()
    assert r.json()["uuid"] != str(regio.gemeente.uuid) and r.json()["sleutelversie"] is None


@pytest.mark.parametrize("rol", ["medewerker", "leidinggevende", "vi_beheerder", "fg", "auditor"])
def test_ac_15_only_the_beheerder_records_a_controller(regio, api, rol):
    """API §1.4: `organisatie:beheren` is the beheerder's; any other role is 403 on the collection, also
    the FG (who keeps the register of an existing controller, not the list of controllers)."""
    r = api(getattr(regio, rol)).post(PAD, NIEUW, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED", r.json()
    assert not Verwerkingsverantwoordelijke.objects.filter(code=NIEUW["code"]).exists()


def test_ac_15_no_credential_or_a_partner_token_records_no_controller(regio, api):
    """API §1.4: no credential is 401; a partner token carries VI scopes only, so 403."""
    r = api().post(PAD, NIEUW, format="json")
    assert r.status_code == 401 and r.json()["code"] == "E_UNAUTHENTICATED"
    _token, sleutel = partner_token(regio, regio.wijkteam)
    client = api()
    r = client.post(
        PAD,
        NIEUW,
        format="json",
        HTTP_AUTHORIZATION=f"Token {sleutel}",
        HTTP_NAMENS_GEBRUIKER=str(regio.beheerder.uuid),
    )
    assert r.status_code == 403, r.json()
    assert not Verwerkingsverantwoordelijke.objects.filter(code=NIEUW["code"]).exists()


def test_ac_15_the_service_refuses_a_caller_without_the_scope(regio):
    """The service is the second line behind the API's scope check and the admin's page guard."""
    with pytest.raises(DomainError) as exc:
        services.maak_verwerkingsverantwoordelijke(
            actor=regio.actor(regio.fg), data={"naam": "X", "fg_naam": "Y", "fg_email": "y@x.example.org"}
        )
    assert exc.value.code == "E_AC_NOT_AUTHORISED"
    vv = services.maak_verwerkingsverantwoordelijke(
        actor=Actor.systeem(),
        data={"naam": "Stichting Jeugdhulp Rijnmond", "fg_naam": "Y", "fg_email": "y@x.example.org"},
    )
    assert vv.code == "stichting-jeugdhulp-rijnmond"


def test_api_1_6_idempotency_key_replays_the_creation(regio, api):
    """API §1.6: the same key and body replay the stored answer, nothing is created twice; another body with
    that key is 409 E_IDEMPOTENCY_CONFLICT."""
    client = api(regio.beheerder)
    eerste = client.post(PAD, NIEUW, format="json", HTTP_IDEMPOTENCY_KEY="vv-capelle-1")
    assert eerste.status_code == 201
    tweede = client.post(PAD, NIEUW, format="json", HTTP_IDEMPOTENCY_KEY="vv-capelle-1")
    assert tweede.status_code == 201 and tweede["Idempotent-Replayed"] == "true"
    assert tweede.json() == eerste.json()
    assert Verwerkingsverantwoordelijke.objects.filter(code=NIEUW["code"]).count() == 1
    r = client.post(PAD, {**NIEUW, "code": "ander"}, format="json", HTTP_IDEMPOTENCY_KEY="vv-capelle-1")
    assert r.status_code == 409 and r.json()["code"] == "E_IDEMPOTENCY_CONFLICT"
    assert not Verwerkingsverantwoordelijke.objects.filter(code="ander").exists()
    assert _gewijzigd(status="uitgevoerd", object_uuid=eerste.json()["uuid"]).count() == 1


def test_api_3_1_a_demo_installations_new_controller_is_fictional(regio, api):
    """API §3.1: fictional and real data never mix; on a demo installation the new controller is marked
    demo, so the next demo import-config is not refused."""
    Verwerkingsverantwoordelijke.objects.update(demo=True)
    r = api(regio.beheerder).post(PAD, NIEUW, format="json")
    assert r.status_code == 201
    assert Verwerkingsverantwoordelijke.objects.get(code=NIEUW["code"]).demo is True


# --- the admin ---------------------------------------------------------------------------------------------

ADMIN = "/admin/organisaties/verwerkingsverantwoordelijke/add/"


def test_ac_15_admin_adds_a_controller_through_the_service(regio, client):
    aanmelden(client, regio.beheerder)
    assert client.get(ADMIN).status_code == 200
    data = {"code": "gemeente-capelle", "naam": NIEUW["naam"], "fg_naam": "Sanne de Wit", "fg_telefoon": ""}
    r = client.post(ADMIN, {**data, "fg_email": ""})  # AC-15: not without the FG's e-mail
    assert r.status_code == 200 and "e-mailadres van de FG" in r.content.decode()
    r = client.post(ADMIN, {**data, "fg_email": "fg@capelle.example.org", "code": "het-baken"})
    assert r.status_code == 200 and "al een verwerkingsverantwoordelijke met deze code" in r.content.decode()
    assert not Verwerkingsverantwoordelijke.objects.filter(naam=NIEUW["naam"]).exists()
    r = client.post(ADMIN, {**data, "fg_email": "fg@capelle.example.org"})
    assert r.status_code == 302, r.content.decode()[:2000]
    vv = Verwerkingsverantwoordelijke.objects.get(code="gemeente-capelle")
    assert vv.fg_email == "fg@capelle.example.org"
    regel = _gewijzigd(object_uuid=str(vv.uuid), status="uitgevoerd").get()
    assert regel.kanaal == "ui" and regel.actor_gebruiker == str(regio.beheerder.uuid)
    # once made it is another controller's: read-only for him (AC-15)
    r = client.post(
        f"/admin/organisaties/verwerkingsverantwoordelijke/{vv.pk}/change/", {**data, "naam": "X"}
    )
    assert r.status_code == 403
