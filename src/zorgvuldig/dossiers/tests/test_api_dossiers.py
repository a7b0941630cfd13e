"""The dossier over HTTP (API §2.4): states, informing, notes, ZRM, plan, frame, closure (DS-*)."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.dossiers import services
from zorgvuldig.dossiers.models import Dossier, Notitie, Zrmscore
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.toegang.services import verleen

pytestmark = pytest.mark.django_db

NOTITIE = {
    "sectie": "voortgang",
    "soort": "feit",
    "bron": {"soort": "eigen_waarneming"},
    "geverifieerd": True,
    "tekst": "x",
}


def url(d, rest=""):
    return f"/api/v1/dossiers/{d.uuid}{rest}"


def persoon_url(p):
    return f"http://testserver/api/v1/personen/{p.uuid}"


def test_ds_register_dossier_as_team_member_starts_registered_voluntary(regio, api):
    lisa = hulp.client(regio)
    r = api(regio.medewerker).post(
        "/api/v1/dossiers",
        {
            "soort": "individueel",
            "team": regio.team.code,
            "leden": [{"persoon": persoon_url(lisa), "rol": "client"}],
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "geregistreerd" and body["kader"] == "vrijwillig"
    assert body["casusregie"] == f"http://testserver/api/v1/gebruikers/{regio.medewerker.uuid}"
    assert body["casusregieNaam"] == regio.medewerker.naam
    assert body["leden"] == [{"persoon": persoon_url(lisa), "rol": "client"}]
    assert body["informeringCompleet"] is False
    assert "bsn" not in str(body).lower()


def test_ac_02_only_own_team_and_visible_persons(regio, api):
    from zorgvuldig.organisaties.models import Team

    lisa = hulp.client(regio)
    ander_team = Team.objects.create(organisatie=regio.wijkteam, code="wijkteam-west", naam="West")
    r = api(regio.medewerker).post(
        "/api/v1/dossiers",
        {
            "soort": "individueel",
            "team": ander_team.code,
            "leden": [{"persoon": persoon_url(lisa), "rol": "client"}],
        },
        format="json",
    )
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    # a person the worker cannot see is "not found", whatever its existence
    vreemd = hulp.client(regio, regio.leraar, geslachtsnaam="Bos")
    r = api(regio.medewerker).post(
        "/api/v1/dossiers",
        {
            "soort": "individueel",
            "team": regio.team.code,
            "leden": [{"persoon": persoon_url(vreemd), "rol": "client"}],
        },
        format="json",
    )
    assert r.status_code == 404
    als_systeem()
    assert not Dossier.objects.exists()


def test_ds_register_refuses_malformed_and_duplicate_members(regio, api):
    lisa = hulp.client(regio)
    lid = {"persoon": persoon_url(lisa), "rol": "client"}
    client = api(regio.medewerker)
    for body, veld in [
        ({"soort": "individueel", "team": regio.team.code, "leden": [lid, lid]}, "leden"),
        ({"soort": "individueel", "team": regio.team.code, "leden": []}, "leden"),
        ({"soort": "gezin", "team": regio.team.code, "leden": [{**lid, "rol": "gezinslid"}]}, "leden"),
        ({"soort": "individueel", "team": regio.team.code, "leden": [lid], "diagnose": "x"}, "diagnose"),
        (
            {
                "soort": "individueel",
                "team": regio.team.code,
                "leden": [{"persoon": "https://elders.example.org/x", "rol": "client"}],
            },
            "leden",
        ),
    ]:
        r = client.post("/api/v1/dossiers", body, format="json")
        assert r.status_code == 400, (body, r.content)
        assert r.json()["code"] == "E_INVALID_INPUT"
        assert any(p["name"].startswith(veld) for p in r.json()["invalidParams"]), r.json()
    als_systeem()
    assert not Dossier.objects.exists()


def test_ds_01_another_purpose_is_refused_and_stores_nothing(regio, api):
    """DS-01/GP-02: dossier data serve the team's purposes only; a request declaring another is refused."""
    d = hulp.dossier(regio)
    r = api(regio.medewerker).post(
        url(d, "/notities"),
        {
            "sectie": "voortgang",
            "soort": "feit",
            "bron": {"soort": "eigen_waarneming"},
            "geverifieerd": True,
            "tekst": "x",
        },
        format="json",
        HTTP_VERWERKINGSDOEL="signalering",
    )
    assert r.status_code == 400 and r.json()["code"] == "E_NO_PURPOSE"
    assert "'ondersteuning'" in r.json()["invalidParams"][0]["reason"]  # names the purpose it expects
    als_systeem()
    assert not Notitie.objects.exists()


def test_ds_02_stays_registered_until_informed_then_starts(regio, api):
    d = hulp.dossier(regio)
    client = api(regio.medewerker)
    r = client.post(url(d, "/_starten"), {}, format="json")
    assert r.status_code == 409 and "DS-02" in r.json()["detail"]
    r = client.post(
        url(d, "/_informeren"),
        {
            "mondelingOp": today().isoformat(),
            "schriftelijkOp": today().isoformat(),
            "onderwerpen": ["a", "b"],
        },
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "onderwerpen"
    r = client.post(
        url(d, "/_informeren"),
        {"mondelingOp": today().isoformat(), "onderwerpen": hulp.ALLE_ONDERWERPEN},
        format="json",
    )
    assert r.status_code == 400  # orally AND in writing
    r = client.post(
        url(d, "/_informeren"),
        {
            "mondelingOp": today().isoformat(),
            "schriftelijkOp": today().isoformat(),
            "onderwerpen": hulp.ALLE_ONDERWERPEN,
        },
        format="json",
    )
    assert r.status_code == 200 and r.json()["informeringCompleet"] is True
    r = client.post(url(d, "/_starten"), {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "vraagverheldering"
    assert r.json()["clientContact"] is True


def test_ds_02_referred_client_must_also_hear_who_referred(regio, api):
    d = hulp.dossier(regio)
    services.registreer_verwijzing(
        actor=regio.actor(regio.medewerker),
        uuid=d.uuid,
        data={
            "verwijzer": {"naam": "Huisarts"},
            "reden": "Zorgen",
            "besproken_met_client": True,
            "client_akkoord": True,
        },
    )
    client = api(regio.medewerker)
    body = {
        "mondelingOp": today().isoformat(),
        "schriftelijkOp": today().isoformat(),
        "onderwerpen": hulp.ALLE_ONDERWERPEN,
    }
    r = client.post(url(d, "/_informeren"), body, format="json")
    assert r.status_code == 400 and "verwijzer" in r.json()["detail"]
    assert client.post(url(d, "/_starten"), {}, format="json").status_code == 409
    body["onderwerpen"] = [*hulp.ALLE_ONDERWERPEN, "verwijzer"]
    assert client.post(url(d, "/_informeren"), body, format="json").status_code == 200
    assert client.post(url(d, "/_starten"), {}, format="json").status_code == 200


def test_ds_02_leidinggevende_approves_a_deviation(regio, api):
    d = hulp.dossier(regio)
    r = api(regio.medewerker).post(url(d, "/_starten"), {"afwijkingReden": "Crisis"}, format="json")
    assert r.status_code == 403  # only the leidinggevende approves
    r = api(regio.leidinggevende).post(
        url(d, "/_starten"), {"afwijkingReden": "Crisisopvang, informeren volgt."}, format="json"
    )
    assert r.status_code == 204
    r = api(regio.medewerker).post(url(d, "/_starten"), {}, format="json")
    assert r.status_code == 200 and r.json()["afwijkingGoedgekeurd"] is True


def test_ds_03_instemming_after_informing_is_not_consent(regio, api):
    d = hulp.dossier(regio)
    lisa = d.leden.get().persoon
    body = {"persoon": persoon_url(lisa), "gegeven": True, "datum": today().isoformat()}
    r = api(regio.medewerker).post(url(d, "/instemmingen"), body, format="json")
    assert r.status_code == 409  # inform first (DS-02)
    hulp.geinformeerd(regio, d)
    r = api(regio.medewerker).post(url(d, "/instemmingen"), body, format="json")
    assert r.status_code == 200
    assert r.json()["instemming"] == [
        {"persoon": persoon_url(lisa), "gegeven": True, "datum": today().isoformat()}
    ]
    als_systeem()
    entry = AuditRegel.objects.filter(actie="dossier.instemming", status="uitgevoerd").get()
    assert entry.grondslag == "e"  # public task stays the basis (GP-03)
    from zorgvuldig.toestemmingen.models import Toestemming

    assert not Toestemming.objects.exists()  # instemming is not a consent record (CS-01)


def test_ds_04_refused_referral_acts_only_on_recorded_safety_indications(regio, api):
    d = hulp.dossier(regio)
    client = api(regio.medewerker)
    r = client.post(
        url(d, "/verwijzingen"),
        {"verwijzer": {"naam": "Huisarts De Linde"}, "reden": "Dreigementen", "besprokenMetClient": False},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "contactDoor"
    r = client.post(
        url(d, "/verwijzingen"),
        {
            "verwijzer": {"naam": "Huisarts De Linde"},
            "reden": "Dreigementen",
            "besprokenMetClient": False,
            "clientAkkoord": False,
            "contactDoor": "team",
        },
        format="json",
    )
    assert r.status_code == 201
    services.informeer(
        actor=regio.actor(regio.medewerker),
        uuid=d.uuid,
        mondeling_op=dt.date.today(),
        schriftelijk_op=dt.date.today(),
        onderwerpen=[*hulp.ALLE_ONDERWERPEN, "verwijzer"],
    )
    r = client.post(url(d, "/_starten"), {}, format="json")
    assert r.status_code == 409 and "DS-04" in r.json()["detail"]
    client.post(
        url(d, "/verwijzingen"),
        {
            "verwijzer": {"naam": "Huisarts De Linde"},
            "reden": "Dreigementen",
            "besprokenMetClient": False,
            "clientAkkoord": False,
            "contactDoor": "team",
            "veiligheidsindicaties": "Verwijzer hoorde concrete bedreigingen tegen de partner.",
        },
        format="json",
    )
    assert client.post(url(d, "/_starten"), {}, format="json").status_code == 200
    rijen = client.get(url(d, "/verwijzingen")).json()["results"]
    assert rijen[-1]["verwijzer"] == {"naam": "Huisarts De Linde"}


def test_ds_07_note_needs_type_source_and_verified(regio, api):
    d = hulp.dossier(regio)
    client = api(regio.medewerker)
    r = client.post(url(d, "/notities"), {"sectie": "voortgang", "tekst": "Iets gehoord."}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_DS_NOTE_TYPE"
    assert {p["name"] for p in r.json()["invalidParams"]} == {"soort", "bron.soort", "geverifieerd"}
    r = client.post(
        url(d, "/notities"),
        {
            "sectie": "voortgang",
            "soort": "feit",
            "bron": {"soort": "derde", "omschrijving": "Buurvrouw"},
            "geverifieerd": False,
            "tekst": "Ruzie gehoord.",
        },
        format="json",
    )
    assert r.status_code == 201
    assert r.json()["nietEigenWaarneming"] is True and r.json()["bron"]["omschrijving"] == "Buurvrouw"
    als_systeem()
    assert Notitie.objects.count() == 1
    n = Notitie.objects.get()
    assert "Ruzie" not in n.inhoud_versleuteld  # encrypted at rest


def test_ds_07_notes_are_append_only_corrections_refer_to_the_original(regio, api):
    d = hulp.dossier(regio)
    eerste = hulp.notitie(regio, d, tekst="Lisa was afwezig.")
    client = api(regio.medewerker)
    assert client.delete(url(d, "/notities")).status_code == 405
    r = client.post(
        url(d, "/notities"),
        {
            "sectie": "voortgang",
            "soort": "feit",
            "bron": {"soort": "eigen_waarneming"},
            "geverifieerd": True,
            "tekst": "Lisa was wel aanwezig.",
            "corrigeert": str(eerste.uuid),
        },
        format="json",
    )
    assert r.status_code == 201 and r.json()["corrigeert"] == str(eerste.uuid)
    teksten = [n["tekst"] for n in client.get(url(d, "/notities")).json()["results"]]
    assert teksten == ["Lisa was afwezig.", "Lisa was wel aanwezig."]


def test_ds_09_own_statement_travels_with_the_opinion_unaltered(regio, api):
    casus = hulp.Casus(regio)
    client = api(regio.medewerker)
    tekst = "  Ik trek me NIET terug; ik ben moe van school.  "
    r = client.post(
        url(casus.dossier, "/clientverklaringen"),
        {"notitie": str(casus.mening.uuid), "persoon": persoon_url(casus.lisa), "tekst": tekst},
        format="json",
    )
    assert r.status_code == 201, r.content
    notities = {n["uuid"]: n for n in client.get(url(casus.dossier, "/notities")).json()["results"]}
    verklaringen = notities[str(casus.mening.uuid)]["clientverklaringen"]
    assert [v["tekst"] for v in verklaringen] == [tekst]  # stored exactly as given
    r = client.post(
        url(casus.dossier, "/clientverklaringen"),
        {"notitie": str(casus.feit.uuid), "persoon": persoon_url(casus.lisa), "tekst": "Klopt niet"},
        format="json",
    )
    assert r.status_code == 400  # a statement answers an opinion


def _bijzondere_grant(regio, d, gebruiker, secties=("gezondheid",), rechten=("lezen", "aanmaken")):
    return verleen(
        actor=regio.actor(regio.leidinggevende),
        object=d,
        bron="bijzondere_categorie",
        ontvanger_gebruiker=gebruiker,
        reden="Medische situatie relevant voor de hulp",
        rechten=frozenset(rechten),
        secties=list(secties),
    )


def test_ac_10_special_category_section_needs_separate_permission(regio, api):
    d = hulp.dossier(regio)
    client = api(regio.medewerker)
    body = {
        "sectie": "gezondheid",
        "soort": "feit",
        "bron": {"soort": "client"},
        "geverifieerd": False,
        "tekst": "Gebruikt medicatie voor ADHD.",
        "bijzondereGrondslag": {"soort": "wettelijke_taak", "wettelijkeBepaling": "Jeugdwet art. 7.4.0"},
    }
    r = client.post(url(d, "/notities"), body, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    grant = _bijzondere_grant(regio, d, regio.medewerker)
    r = client.post(url(d, "/notities"), body, format="json")
    assert r.status_code == 201, r.content
    # the colleague on the case team without the permission does not see the health note
    services.wijs_toe(
        actor=regio.actor(regio.leidinggevende), uuid=d.uuid, gebruiker=regio.collega, rol="casusteam"
    )
    zichtbaar = api(regio.collega).get(url(d, "/notities")).json()["results"]
    assert all(n["sectie"] != "gezondheid" for n in zichtbaar)
    assert [n["sectie"] for n in client.get(url(d, "/notities")).json()["results"]] == ["gezondheid"]
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="dossier.item_geregistreerd", toegang=str(grant.uuid)
    ).exists()  # AU-09


def test_ds_10_special_category_entry_needs_a_basis(regio, api):
    d = hulp.dossier(regio)
    _bijzondere_grant(regio, d, regio.medewerker, secties=("justitie",))
    body = {
        "sectie": "justitie",
        "soort": "feit",
        "bron": {"soort": "document", "omschrijving": "Vonnis"},
        "geverifieerd": True,
        "tekst": "Taakstraf.",
    }
    r = api(regio.medewerker).post(url(d, "/notities"), body, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_DS_SPECIAL_BASIS"
    onbekend = "http://testserver/api/v1/toestemmingen/8f9e1c2a-1111-4222-8333-444455556666"
    r = api(regio.medewerker).post(
        url(d, "/notities"),
        {**body, "bijzondereGrondslag": {"soort": "uitdrukkelijke_toestemming", "toestemming": onbekend}},
        format="json",
    )
    assert r.status_code == 400 and r.json()["code"] == "E_DS_SPECIAL_BASIS"
    als_systeem()
    assert not Notitie.objects.exists()


def test_ds_05_zrm_history_kept_and_special_domains_protected(regio, api):
    d = hulp.dossier(regio)
    lisa = d.leden.get().persoon
    client = api(regio.medewerker)
    for niveau, tekst in [(2, "Verzuimt drie dagen per week."), (3, "Verzuimt nog één dag per week.")]:
        r = client.post(
            url(d, "/zrm-scores"),
            {
                "persoon": persoon_url(lisa),
                "domein": "dagbesteding",
                "niveau": niveau,
                "onderbouwing": tekst,
                "besprokenMetClient": True,
            },
            format="json",
        )
        assert r.status_code == 201
    r = client.post(
        url(d, "/zrm-scores"),
        {
            "persoon": persoon_url(lisa),
            "domein": "dagbesteding",
            "niveau": 7,
            "onderbouwing": "",
            "besprokenMetClient": True,
        },
        format="json",
    )
    assert r.status_code == 400 and {p["name"] for p in r.json()["invalidParams"]} == {
        "niveau",
        "onderbouwing",
    }
    scores = client.get(url(d, "/zrm-scores")).json()["results"]
    assert [s["niveau"] for s in scores] == [2, 3]  # history kept
    r = client.post(
        url(d, "/zrm-scores"),
        {
            "persoon": persoon_url(lisa),
            "domein": "verslaving",
            "niveau": 2,
            "onderbouwing": "Blowt dagelijks.",
            "besprokenMetClient": False,
        },
        format="json",
    )
    assert r.status_code == 403  # special category (AC-10)
    als_systeem()
    assert Zrmscore.objects.count() == 2


def test_ds_06_plan_agreed_then_monitoring_and_revision(regio, api):
    d = hulp.dossier(regio)
    hulp.gestart(regio, d)
    client = api(regio.medewerker)
    r = client.post(
        url(d, "/plannen"),
        {
            "doelen": ["Weer naar school"],
            "acties": [{"omschrijving": "Gesprek met mentor", "uitvoerder": "Fatima"}],
        },
        format="json",
    )
    assert r.status_code == 201 and r.json()["versie"] == 1
    plan = r.json()["uuid"]
    r = client.post(
        url(d, f"/plannen/{plan}/_vaststellen"),
        {"metClientAfgesprokenOp": (dt.date.today() + dt.timedelta(days=1)).isoformat()},
        format="json",
    )
    assert r.status_code == 400  # not agreed yet (DS-06)
    r = client.post(
        url(d, f"/plannen/{plan}/_vaststellen"),
        {"metClientAfgesprokenOp": today().isoformat()},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "plan_vastgesteld"
    assert client.post(url(d, "/_herzien"), {}, format="json").status_code == 409
    assert client.post(url(d, "/_monitoren"), {}, format="json").json()["status"] == "monitoring"
    assert client.post(url(d, "/_herzien"), {}, format="json").json()["status"] == "plan_herzien"
    r = client.post(url(d, "/plannen"), {"doelen": ["Weer naar school", "Sport"]}, format="json")
    assert r.json()["versie"] == 2
    r = client.post(
        url(d, f"/plannen/{plan}/_vaststellen"),
        {"metClientAfgesprokenOp": today().isoformat()},
        format="json",
    )
    assert r.status_code == 409  # the old version
    nieuwste = client.get(url(d, "/plannen")).json()["results"][0]["uuid"]
    r = client.post(
        url(d, f"/plannen/{nieuwste}/_vaststellen"),
        {"metClientAfgesprokenOp": today().isoformat()},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "monitoring"


def test_ds_12_joint_plan_refuses_item_not_shareable_with_all(regio, api):
    d = hulp.dossier(regio)
    prive = hulp.notitie(regio, d, tekst="Alleen voor Lisa.")
    gedeeld = hulp.notitie(regio, d, tekst="Voor het hele gezin.", deelbaar_met_alle_leden=True)
    client = api(regio.medewerker)
    r = client.post(
        url(d, "/plannen"),
        {"doelen": ["Rust thuis"], "gezamenlijk": True, "notities": [str(prive.uuid)]},
        format="json",
    )
    assert r.status_code == 400 and r.json()["code"] == "E_DS_HIDDEN_IN_JOINT_PLAN"
    r = client.post(
        url(d, "/plannen"),
        {"doelen": ["Rust thuis"], "gezamenlijk": True, "notities": [str(gedeeld.uuid)]},
        format="json",
    )
    assert r.status_code == 201 and r.json()["notities"] == [str(gedeeld.uuid)]


def test_ds_14_frame_change_recorded_and_shown_in_every_view(regio, api):
    d = hulp.dossier(regio)
    client = api(regio.medewerker)
    r = client.post(
        url(d, "/kaderwijzigingen"),
        {
            "kader": "dwang",
            "datum": today().isoformat(),
            "reden": "OTS uitgesproken",
            "grondslag": "BW 1:255",
            "clientGeinformeerd": True,
        },
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "uitspraak"
    r = client.post(
        url(d, "/kaderwijzigingen"),
        {
            "kader": "drang",
            "datum": today().isoformat(),
            "reden": "Afspraken",
            "grondslag": "Jeugdwet art. 2.3",
            "clientGeinformeerd": False,
        },
        format="json",
    )
    assert r.status_code == 400
    r = client.post(
        url(d, "/kaderwijzigingen"),
        {
            "kader": "dwang",
            "datum": today().isoformat(),
            "reden": "OTS uitgesproken",
            "grondslag": "BW 1:255",
            "clientGeinformeerd": True,
            "uitspraak": {"soort": "kinderbeschermingsmaatregel", "kenmerk": "C/10/654321"},
        },
        format="json",
    )
    assert r.status_code == 200 and r.json()["kader"] == "dwang"
    assert r.json()["kaderhistorie"] == [
        {"kader": "dwang", "van": "vrijwillig", "datum": today().isoformat(), "grondslag": "BW 1:255"}
    ]
    assert client.get("/api/v1/dossiers").json()["results"][0]["kader"] == "dwang"
    assert client.get(url(d)).json()["kader"] == "dwang"
    historie = client.get(url(d, "/kaderwijzigingen")).json()["results"]
    assert historie[0]["uitspraak"] == {"soort": "kinderbeschermingsmaatregel", "kenmerk": "C/10/654321"}
    assert historie[0]["besluitvormer"] == regio.medewerker.naam


def test_ds_15_ds_16_closing_needs_opinion_results_and_starts_retention(regio, api):
    d = hulp.dossier(regio)
    client = api(regio.medewerker)
    body = {"einddatum": today().isoformat(), "resultaten": "Terug op school", "reden": "afgerond"}
    r = client.post(url(d, "/_afsluiten"), body, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "clientOordeel"
    r = client.post(
        url(d, "/_afsluiten"),
        {**body, "reden": "niet_meewerken", "clientOordeelGeweigerd": True},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "laatsteRedmiddel"  # DS-17
    r = client.post(url(d, "/_afsluiten"), {**body, "clientOordeel": "Fijn geholpen"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "gesloten"
    assert r.json()["bewaartermijn"] == {
        "vernietigenOp": dt.date(dt.date.today().year + 15, 1, 1).isoformat()
    }
    assert r.json()["afsluiting"]["clientOordeel"] == "Fijn geholpen"
    # closed: nothing more is recorded
    r = client.post(
        url(d, "/notities"),
        {
            "sectie": "voortgang",
            "soort": "feit",
            "bron": {"soort": "eigen_waarneming"},
            "geverifieerd": True,
            "tekst": "x",
        },
        format="json",
    )
    assert r.status_code == 409
    # the leidinggevende confirms; not the one who closed it
    assert api(regio.leidinggevende).post(url(d, "/_bevestigen"), {}, format="json").status_code == 204
    assert api(regio.leidinggevende).post(url(d, "/_bevestigen"), {}, format="json").status_code == 409


def test_ds_15_client_cannot_stop_court_ordered_help(regio, api):
    d = hulp.dossier(regio)
    services.wijzig_kader(
        actor=regio.actor(regio.medewerker),
        uuid=d.uuid,
        data={
            "kader": "dwang",
            "datum": dt.date.today(),
            "reden": "OTS",
            "grondslag": "BW 1:255",
            "client_geinformeerd": True,
            "uitspraak": {"soort": "kinderbeschermingsmaatregel", "kenmerk": "C/10/1"},
        },
    )
    r = api(regio.medewerker).post(
        url(d, "/_afsluiten"),
        {
            "einddatum": today().isoformat(),
            "clientOordeel": "Wil stoppen",
            "resultaten": "-",
            "reden": "client_stopt",
        },
        format="json",
    )
    assert r.status_code == 409 and "DS-15" in r.json()["detail"]


# --- Access (AC-04, AC-05, AC-07, AC-09, AC-11) ----------------------------------------------------


def test_ac_04_colleague_not_on_case_team_sees_nothing_then_substitute_reads_until_ended(regio, api):
    d = hulp.dossier(regio)
    hulp.notitie(regio, d)
    collega = api(regio.collega)
    assert collega.get(url(d)).status_code == 404
    assert collega.get("/api/v1/dossiers").json()["results"] == []
    r = api(regio.leidinggevende).post(
        url(d, "/toewijzingen"),
        {"gebruiker": f"http://testserver/api/v1/gebruikers/{regio.collega.uuid}", "rol": "vervanger"},
        format="json",
    )
    assert r.status_code == 201
    toewijzing = r.json()["uuid"]
    assert collega.get(url(d)).status_code == 200
    assert len(collega.get(url(d, "/notities")).json()["results"]) == 1
    # the client's person record too (SPEC §3 Visibility)
    als_systeem()
    lisa = d.leden.get().persoon
    assert collega.get(f"/api/v1/personen/{lisa.uuid}").status_code == 200
    # a substitute adds but does not create new items
    r = collega.post(
        url(d, "/notities"),
        {
            "sectie": "voortgang",
            "soort": "feit",
            "bron": {"soort": "eigen_waarneming"},
            "geverifieerd": True,
            "tekst": "x",
        },
        format="json",
    )
    assert r.status_code == 403
    # the worker has no assignment scope: like every item path without scope, "not found"
    assert api(regio.medewerker).delete(url(d, f"/toewijzingen/{toewijzing}")).status_code == 404
    assert api(regio.leidinggevende).delete(url(d, f"/toewijzingen/{toewijzing}")).status_code == 204
    assert collega.get(url(d)).status_code == 404
    assert collega.get(f"/api/v1/personen/{lisa.uuid}").status_code == 404


def test_ac_04_assignment_only_professionals_of_own_organisation(regio, api):
    d = hulp.dossier(regio)
    lg = api(regio.leidinggevende)
    for gebruiker in (regio.leraar, regio.beheerder):
        r = lg.post(
            url(d, "/toewijzingen"),
            {"gebruiker": f"http://testserver/api/v1/gebruikers/{gebruiker.uuid}", "rol": "casusteam"},
            format="json",
        )
        assert r.status_code == 400, gebruiker
    r = lg.post(
        url(d, "/toewijzingen"),
        {"gebruiker": f"http://testserver/api/v1/gebruikers/{regio.medewerker.uuid}", "rol": "casusteam"},
        format="json",
    )
    assert r.status_code == 409  # already on the case team
    namen = [t["naam"] for t in lg.get(url(d, "/toewijzingen")).json()["results"]]
    assert namen == [regio.medewerker.naam]


def test_ac_05_section_grant_by_leidinggevende_opens_that_section_only(regio, api):
    d = hulp.dossier(regio)
    hulp.notitie(regio, d)
    r = api(regio.leidinggevende).post(
        "/api/v1/toegangen/_verlenen",
        {
            "bron": "sectie",
            "gebruiker": str(regio.collega.uuid),
            "object": f"http://testserver{url(d)}",
            "secties": ["plan"],
            "rechten": ["lezen"],
            "reden": "Meedenken over het plan",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    collega = api(regio.collega)
    assert collega.get(url(d)).json()["secties"] == ["plan"]
    assert collega.get(url(d, "/plannen")).status_code == 200
    assert collega.get(url(d, "/notities")).status_code == 403
    r = api(regio.leidinggevende).post(
        "/api/v1/toegangen/_verlenen",
        {
            "bron": "sectie",
            "gebruiker": str(regio.collega.uuid),
            "object": f"http://testserver{url(d)}",
            "secties": ["geheim"],
            "reden": "x",
        },
        format="json",
    )
    assert r.status_code == 400


def test_ac_09_statutory_grant_reads_within_scope_and_expires(regio, api):
    d = hulp.dossier(regio)
    hulp.notitie(regio, d)
    auditor = api(regio.auditor)
    assert auditor.get(url(d)).status_code == 404  # nothing without a grant
    r = api(regio.fg).post(
        "/api/v1/toegangen/_verlenen",
        {
            "bron": "wettelijk",
            "gebruiker": str(regio.auditor.uuid),
            "object": f"http://testserver{url(d)}",
            "secties": ["voortgang"],
            "reden": "Onderzoek van de inspectie naar deze casus",
            "geldigTot": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            "wettelijk": {"instantie": "IGJ", "bepaling": "Jeugdwet art. 9.2", "doel": "Toezicht"},
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    assert auditor.get(url(d)).json()["secties"] == ["voortgang"]
    assert len(auditor.get(url(d, "/notities")).json()["results"]) == 1
    assert auditor.get(url(d, "/plannen")).status_code == 403  # outside the grant's scope
    assert (
        auditor.post(url(d, "/notities"), NOTITIE, format="json").status_code == 404
    )  # no write scope at all
    from zorgvuldig.toegang.models import Toegang

    als_systeem()
    Toegang.objects.filter(uuid=r.json()["uuid"]).update(
        geldig_vanaf=dt.date.today() - dt.timedelta(days=40),
        geldig_tot=dt.date.today() - dt.timedelta(days=1),
    )
    r = auditor.get(url(d))
    assert r.status_code == 403 and r.json()["code"] == "E_AC_GRANT_EXPIRED"
    # someone who never had a grant still gets "not found"
    assert api(regio.collega).get(url(d)).status_code == 404


def test_ac_11_break_glass_before_contact_with_concrete_reason_and_review(regio, api, mailoutbox):
    d = hulp.dossier(regio)
    collega = api(regio.collega)
    r = collega.post(url(d, "/noodtoegangen"), {"reden": "Zorgen", "dreigingVoor": ["gezin"]}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_AC_BREAKGLASS_REASON"
    assert collega.get(url(d)).status_code == 404
    r = collega.post(
        url(d, "/noodtoegangen"),
        {
            "reden": "Verwijzer meldt concrete bedreigingen tegen de partner en de kinderen.",
            "dreigingVoor": ["gezin"],
        },
        format="json",
    )
    assert r.status_code == 201 and r.json()["geldigTot"] == today().isoformat()
    assert collega.get(url(d)).status_code == 200
    assert collega.post(url(d, "/notities"), NOTITIE, format="json").status_code == 403  # read-only
    als_systeem()
    from zorgvuldig.berichten.models import Bericht

    assert Bericht.objects.filter(
        onderwerp="Noodtoegang te beoordelen", aan=regio.leidinggevende.email
    ).exists()
    # after contact with the client break-glass is no longer the way in
    hulp.gestart(regio, d)
    r = api(regio.leidinggevende).post(
        url(d, "/noodtoegangen"),
        {"reden": "Verwijzer meldt concrete bedreigingen tegen de partner.", "dreigingVoor": ["gezin"]},
        format="json",
    )
    assert r.status_code == 403 and r.json()["code"] == "E_AC_BREAKGLASS_REASON"


def test_ac_07_no_access_before_the_undertaking(regio, api):
    from zorgvuldig.conftest import maak_gebruiker

    nieuw = maak_gebruiker(
        regio.wijkteam, "nieuw@krimpen.example.org", ["medewerker"], team=regio.team, verklaring=False
    )
    r = api(nieuw).get("/api/v1/dossiers")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NO_UNDERTAKING"


def test_dossier_search_by_bsn_finds_only_visible_dossiers_and_no_bsn_in_audit(regio, api):
    from zorgvuldig.conftest import BSN_SAM

    sam = hulp.client(regio, bsn=BSN_SAM, bsn_ontbreekt_reden="")
    d = hulp.dossier(regio, persoon=sam)
    r = api(regio.medewerker).post("/api/v1/dossiers/_zoek", {"bsn": BSN_SAM}, format="json")
    assert [x["uuid"] for x in r.json()["results"]] == [str(d.uuid)]
    assert (
        api(regio.collega).post("/api/v1/dossiers/_zoek", {"bsn": BSN_SAM}, format="json").json()["results"]
        == []
    )
    assert (
        api(regio.medewerker).post("/api/v1/dossiers/_zoek", {"bsn": "123456789"}, format="json").status_code
        == 400
    )
    als_systeem()
    assert not any(BSN_SAM in str(e.chain_fields()) for e in AuditRegel.objects.all())


def test_refused_attempts_are_audited_and_change_nothing(regio, api):
    """AU-04: a refusal is logged; the dossier is unchanged."""
    d = hulp.dossier(regio)
    api(regio.medewerker).post(url(d, "/_starten"), {}, format="json")
    als_systeem()
    assert Dossier.objects.get(pk=d.pk).status == "geregistreerd"
    assert AuditRegel.objects.filter(
        actie="dossier.status_gewijzigd", status="geweigerd", code="E_STATE_CONFLICT"
    ).exists()


def test_oversized_text_is_refused(regio, api):
    d = hulp.dossier(regio)
    r = api(regio.medewerker).post(
        url(d, "/notities"),
        {
            "sectie": "voortgang",
            "soort": "feit",
            "bron": {"soort": "eigen_waarneming"},
            "geverifieerd": True,
            "tekst": "x" * 20001,
        },
        format="json",
    )
    assert r.status_code == 400
    als_systeem()
    assert not Notitie.objects.exists()


def _gezinsdossier(regio):
    moeder = hulp.client(regio, voornamen="Sanne", geboortedatum=dt.date(1985, 2, 1))
    vader = hulp.client(regio, voornamen="Erik", geboortedatum=dt.date(1983, 7, 9))
    lisa = hulp.client(regio)
    d = services.registreer_dossier(
        actor=regio.actor(regio.medewerker),
        soort="gezin",
        team=regio.team,
        leden=[(str(lisa.uuid), "client"), (str(moeder.uuid), "gezinslid"), (str(vader.uuid), "gezinslid")],
    )
    return d, lisa, moeder, vader


def test_ds_13_hide_for_safety_from_a_named_member_and_not_in_joint_plan(regio, api):
    d, lisa, moeder, vader = _gezinsdossier(regio)
    n = hulp.notitie(
        regio,
        d,
        tekst="Moeder vertelt over geweld.",
        deelbaar_met_alle_leden=True,
        betreft=[str(lisa.uuid), str(moeder.uuid)],
    )
    client = api(regio.medewerker)
    morgen = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    r = client.post(
        url(d, f"/notities/{n.uuid}/_verbergen"),
        {"persoon": persoon_url(vader), "reden": "Vermoedelijke pleger", "reviewdatum": today().isoformat()},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "reviewdatum"
    buiten = hulp.client(regio, voornamen="Buur")
    r = client.post(
        url(d, f"/notities/{n.uuid}/_verbergen"),
        {"persoon": persoon_url(buiten), "reden": "x", "reviewdatum": morgen},
        format="json",
    )
    assert r.status_code == 400  # only a member of the dossier
    r = client.post(
        url(d, f"/notities/{n.uuid}/_verbergen"),
        {"persoon": persoon_url(vader), "reden": "Vermoedelijke pleger", "reviewdatum": morgen},
        format="json",
    )
    assert r.status_code == 201
    notitie = client.get(url(d, "/notities")).json()["results"][0]
    assert notitie["verborgenVoor"][0]["persoon"] == persoon_url(vader)
    assert notitie["verborgenVoor"][0]["reviewVerschuldigd"] is False
    # DS-12: hidden from a member, so not in the joint plan, however shareable it was marked
    r = client.post(
        url(d, "/plannen"),
        {"doelen": ["Veilig thuis"], "gezamenlijk": True, "notities": [str(n.uuid)]},
        format="json",
    )
    assert r.status_code == 400 and r.json()["code"] == "E_DS_HIDDEN_IN_JOINT_PLAN"


def test_pe_11_mark_note_not_for_representatives(regio, api):
    d, lisa, moeder, _ = _gezinsdossier(regio)
    n = hulp.notitie(
        regio,
        d,
        soort="client_visie",
        bron={"soort": "client"},
        tekst="Lisa heeft een vriend; ouders mogen het niet weten.",
    )
    client = api(regio.medewerker)
    r = client.post(
        url(d, f"/notities/{n.uuid}/_markeren"), {"persoon": persoon_url(moeder), "reden": "x"}, format="json"
    )
    assert r.status_code == 400  # the note is about Lisa, not her mother
    r = client.post(
        url(d, f"/notities/{n.uuid}/_markeren"), {"persoon": persoon_url(lisa), "reden": ""}, format="json"
    )
    assert r.status_code == 400
    r = client.post(
        url(d, f"/notities/{n.uuid}/_markeren"),
        {"persoon": persoon_url(lisa), "reden": "In het belang van Lisa"},
        format="json",
    )
    assert r.status_code == 204
    assert client.get(url(d, "/notities")).json()["results"][0]["nietVoorVertegenwoordigers"] is True


def test_ds_08_safety_assessment_with_meldcode_step_consulting_the_leidinggevende(regio, api):
    d = hulp.dossier(regio)
    client = api(regio.medewerker)
    body = {
        "risicotaxatie": "Signalen van kindermishandeling: blauwe plekken, angstig.",
        "meldcodestap": 2,
        "geconsulteerd": {
            "gebruiker": f"http://testserver/api/v1/gebruikers/{regio.collega.uuid}",
            "datum": today().isoformat(),
        },
    }
    r = client.post(url(d, "/veiligheidsbeoordelingen"), body, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "geconsulteerd"
    body["geconsulteerd"]["gebruiker"] = f"http://testserver/api/v1/gebruikers/{regio.leidinggevende.uuid}"
    r = client.post(url(d, "/veiligheidsbeoordelingen"), {**body, "meldcodestap": 6}, format="json")
    assert r.status_code == 400
    r = client.post(url(d, "/veiligheidsbeoordelingen"), body, format="json")
    assert r.status_code == 201
    rij = client.get(url(d, "/veiligheidsbeoordelingen")).json()["results"][0]
    assert rij["meldcodestap"] == 2 and rij["geconsulteerd"]["naam"] == regio.leidinggevende.naam


def test_ac_04_team_meeting_gives_summary_for_that_day_only(regio, api):
    import time_machine

    d = hulp.dossier(regio)
    hulp.notitie(regio, d)
    services.registreer_plan(
        actor=regio.actor(regio.medewerker), uuid=d.uuid, data={"doelen": ["Weer naar school"]}
    )
    r = api(regio.medewerker).post(
        url(d, "/teambesprekingen"),
        {
            "datum": today().isoformat(),
            "aanwezigen": [f"http://testserver/api/v1/gebruikers/{regio.collega.uuid}"],
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    collega = api(regio.collega)
    r = collega.get(url(d, "/samenvatting"))
    assert r.status_code == 200 and r.json()["doelen"] == ["Weer naar school"]
    assert r.json()["clienten"][0]["naam"] == "Lisa Visser"
    assert collega.get(url(d, "/notities")).status_code == 403  # the summary only
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="dossier.samenvatting_ingezien", actor_gebruiker=str(regio.collega.uuid)
    ).exists()
    with time_machine.travel(dt.datetime.now() + dt.timedelta(days=1)):
        assert api(regio.collega).get(url(d, "/samenvatting")).status_code == 404
    # only members of the dossier's team attend
    r = api(regio.medewerker).post(
        url(d, "/teambesprekingen"),
        {
            "datum": today().isoformat(),
            "aanwezigen": [f"http://testserver/api/v1/gebruikers/{regio.leraar.uuid}"],
        },
        format="json",
    )
    assert r.status_code == 400


def test_ac_04_meeting_participant_does_not_get_members_or_informing_from_the_dossier(regio, api):
    d = hulp.dossier(regio)
    services.bespreek_in_team(
        actor=regio.actor(regio.medewerker), uuid=d.uuid, datum=dt.date.today(), aanwezigen=[regio.collega]
    )
    body = api(regio.collega).get(url(d)).json()
    assert body["kader"] == "vrijwillig"  # DS-14: the frame always
    assert body["leden"] is None and body["informering"] is None and body["kaderhistorie"] is None
    assert body["secties"] == []


def test_ac_02_leidinggevende_of_another_team_cannot_assign(regio, api):
    from zorgvuldig.conftest import maak_gebruiker
    from zorgvuldig.organisaties.models import Team

    west = Team.objects.create(organisatie=regio.wijkteam, code="wijkteam-west", naam="West")
    ander_lg = maak_gebruiker(regio.wijkteam, "lg.west@krimpen.example.org", ["leidinggevende"], team=west)
    d = hulp.dossier(regio)
    r = api(ander_lg).post(
        url(d, "/toewijzingen"),
        {"gebruiker": f"http://testserver/api/v1/gebruikers/{ander_lg.uuid}", "rol": "casusteam"},
        format="json",
    )
    assert r.status_code == 404
    assert api(ander_lg).get(url(d)).status_code == 404


def test_ac_03_other_organisations_get_content_only_through_a_decision_or_statutory_grant(regio, api):
    """AC-03: a partner professional — even one who shares a VI match on the client — sees nothing of the
    team's dossier; content leaves only through an executed sharing decision (in the disclosure register),
    or an inspector reads within a statutory grant."""
    casus = hulp.Casus(regio)
    leraar = api(regio.leraar)
    assert leraar.get(url(casus.dossier)).status_code == 404
    assert leraar.get(url(casus.dossier, "/notities")).status_code == 404
    assert leraar.get("/api/v1/dossiers").json()["results"] == [
        x for x in leraar.get("/api/v1/dossiers").json()["results"] if x["uuid"] == str(casus.ander.uuid)
    ]
    assert leraar.get(f"/api/v1/personen/{casus.lisa.uuid}").status_code == 404
    assert leraar.get("/api/v1/verstrekkingen").json()["results"] == []


def test_ac_11_e4_search_offers_break_glass_on_own_team_dossiers_before_contact(regio, api):
    """E4: a colleague checks records first — the search shows the team's dossier only as something to
    ask break-glass for (no content), and only before contact with the client."""
    from zorgvuldig.conftest import BSN_SAM

    vader = hulp.client(
        regio, voornamen="Erik", bsn=BSN_SAM, bsn_ontbreekt_reden="", geboortedatum=dt.date(1980, 1, 1)
    )
    d = hulp.dossier(regio, persoon=vader)
    r = api(regio.collega).post("/api/v1/dossiers/_zoek", {"bsn": BSN_SAM}, format="json").json()
    assert r["results"] == []
    assert [x["kenmerk"] for x in r["noodtoegangMogelijk"]] == [d.kenmerk]
    assert set(r["noodtoegangMogelijk"][0]) == {"url", "kenmerk", "team", "noodtoegang"}
    als_systeem()
    assert (
        AuditRegel.objects.filter(actie="dossier.gezocht", actor_gebruiker=str(regio.collega.uuid)).count()
        == 1
    )
    assert (
        api(regio.leraar)
        .post("/api/v1/dossiers/_zoek", {"bsn": BSN_SAM}, format="json")
        .json()["noodtoegangMogelijk"]
        == []
    )
    hulp.gestart(regio, d)  # contact made: no longer the way in
    r = api(regio.collega).post("/api/v1/dossiers/_zoek", {"bsn": BSN_SAM}, format="json").json()
    assert r["noodtoegangMogelijk"] == []


def test_e4_referral_without_agreement_break_glass_then_informed_who_referred(regio, api):
    """E4 / DS-04, AC-11, DS-02, DS-08: a GP refers a father without discussing it and he refuses contact;
    the GP reported threats against the partner, so the team acts on recorded safety indications; a
    colleague checks records first through break-glass; at first contact he learns who referred him and
    what was passed on; the Meldcode steps are recorded."""
    from zorgvuldig.conftest import BSN_SAM

    vader = hulp.client(
        regio, voornamen="Erik", bsn=BSN_SAM, bsn_ontbreekt_reden="", geboortedatum=dt.date(1980, 1, 1)
    )
    d = hulp.dossier(regio, persoon=vader)
    worker, collega = api(regio.medewerker), api(regio.collega)
    r = worker.post(
        url(d, "/verwijzingen"),
        {
            "verwijzer": {"naam": "Huisartsenpraktijk De Linde", "contact": "010-0000000"},
            "reden": "Zorgen over spanningen thuis",
            "besprokenMetClient": False,
            "clientAkkoord": False,
            "contactDoor": "team",
            "veiligheidsindicaties": "De huisarts hoorde de vader dreigen zijn partner iets aan te doen.",
        },
        format="json",
    )
    assert r.status_code == 201
    # a colleague checks records before any contact: break-glass with concrete indications
    zoek = collega.post("/api/v1/dossiers/_zoek", {"bsn": BSN_SAM}, format="json").json()
    [kandidaat] = zoek["noodtoegangMogelijk"]
    r = collega.post(
        kandidaat["noodtoegang"],
        {
            "reden": "Dreiging tegen de partner gemeld door de huisarts; eerst nagaan wat bekend is.",
            "dreigingVoor": ["gezin"],
        },
        format="json",
    )
    assert r.status_code == 201
    assert (
        collega.get(url(d, "/verwijzingen"))
        .json()["results"][0]["veiligheidsindicaties"]
        .startswith("De huisarts")
    )
    # first contact: he is told who referred him and what was passed on (DS-02 incl. the referral topic)
    r = worker.post(
        url(d, "/_informeren"),
        {
            "mondelingOp": today().isoformat(),
            "schriftelijkOp": today().isoformat(),
            "onderwerpen": [*hulp.ALLE_ONDERWERPEN, "verwijzer"],
        },
        format="json",
    )
    assert r.status_code == 200 and "verwijzer" in r.json()["informering"]["onderwerpen"]
    r = worker.post(url(d, "/_starten"), {}, format="json")
    assert r.status_code == 200  # without his agreement, on the recorded safety indications (DS-04)
    r = worker.post(
        url(d, "/veiligheidsbeoordelingen"),
        {
            "risicotaxatie": "Dreiging van huiselijk geweld tegen de partner.",
            "meldcodestap": 2,
            "geconsulteerd": {
                "gebruiker": f"http://testserver/api/v1/gebruikers/{regio.leidinggevende.uuid}",
                "datum": today().isoformat(),
            },
        },
        format="json",
    )
    assert r.status_code == 201


def test_rt_12_substitute_person_access_ends_with_the_assignment(regio, api):
    import time_machine

    d = hulp.dossier(regio)
    tot = dt.date.today() + dt.timedelta(days=7)
    services.wijs_toe(
        actor=regio.actor(regio.leidinggevende),
        uuid=d.uuid,
        gebruiker=regio.collega,
        rol="vervanger",
        tot=tot,
    )
    als_systeem()
    lisa = d.leden.get().persoon
    assert api(regio.collega).get(f"/api/v1/personen/{lisa.uuid}").status_code == 200
    with time_machine.travel(dt.datetime.combine(tot + dt.timedelta(days=1), dt.time(12))):
        assert api(regio.collega).get(url(d)).status_code == 404
        assert api(regio.collega).get(f"/api/v1/personen/{lisa.uuid}").status_code == 404


def test_au_04_a_refused_break_glass_on_a_dossier_is_logged_once(regio, api):
    d = hulp.dossier(regio)
    r = api(regio.collega).post(
        url(d, "/noodtoegangen"), {"reden": "Zorgen", "dreigingVoor": ["gezin"]}, format="json"
    )
    assert r.status_code == 400
    als_systeem()
    assert AuditRegel.objects.filter(status="geweigerd", code="E_AC_BREAKGLASS_REASON").count() == 1


def gebruiker_url(g):
    return f"http://testserver/api/v1/gebruikers/{g.uuid}"


def test_ds_11_patch_adds_a_family_member_whom_the_whole_case_team_can_then_read(regio, api):
    """PATCH /dossiers/{uuid}: `leden` replaces the list (merge patch); a new member is readable by the
    case team as the first members are; read-only fields sent back are ignored; audited."""
    moeder = hulp.client(regio, geslachtsnaam="Visser", voornamen="Anna", geboortedatum=dt.date(1985, 2, 1))
    lisa = hulp.client(regio)
    d = hulp.dossier(regio, persoon=lisa, soort="gezin")
    services.wijs_toe(
        actor=regio.actor(regio.leidinggevende), uuid=d.uuid, gebruiker=regio.collega, rol="casusteam"
    )
    assert api(regio.collega).get(f"/api/v1/personen/{moeder.uuid}").status_code == 404
    gelezen = api(regio.medewerker).get(url(d)).json()
    leden = [
        {"persoon": persoon_url(lisa), "rol": "client"},
        {"persoon": persoon_url(moeder), "rol": "gezinslid"},
    ]
    r = api(regio.medewerker).patch(url(d), {**gelezen, "leden": leden}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["leden"] == leden and r.json()["status"] == gelezen["status"]
    assert api(regio.collega).get(f"/api/v1/personen/{moeder.uuid}").status_code == 200
    als_systeem()
    entries = AuditRegel.objects.filter(actie="dossier.gewijzigd")
    assert len({e.betrokkene for e in entries}) == 2  # one per member, the new one included (AU-01)
    assert all(e.velden == ["leden"] and e.object_uuid == str(d.uuid) for e in entries)


def test_ds_11_patch_refuses_bad_member_lists_and_changes_nothing(regio, api):
    lisa = hulp.client(regio)
    d = hulp.dossier(regio, persoon=lisa, soort="gezin")
    client = api(regio.medewerker)
    vreemd = hulp.client(regio, regio.leraar, geslachtsnaam="Bos")
    voor = client.get(url(d)).json()["leden"]
    for leden, code in (
        ([{"persoon": persoon_url(lisa), "rol": "gezinslid"}], 400),  # no client left
        ([{"persoon": persoon_url(lisa), "rol": "client"}] * 2, 400),  # twice
        ([{"persoon": persoon_url(lisa), "rol": "opa"}], 400),
        (
            [
                {"persoon": persoon_url(lisa), "rol": "client"},
                {"persoon": persoon_url(vreemd), "rol": "gezinslid"},
            ],
            404,
        ),
        ([], 400),
        (None, 400),
    ):
        r = client.patch(url(d), {"leden": leden}, format="json")
        assert r.status_code == code, (leden, r.content)
    assert client.patch(url(d), {"status": "gesloten", "onbekend": 1}, format="json").status_code == 400
    assert client.get(url(d)).json()["leden"] == voor
    als_systeem()
    assert not AuditRegel.objects.filter(actie="dossier.gewijzigd", status="uitgevoerd").exists()


def test_ds_11_a_member_named_in_the_dossier_cannot_leave_and_leaving_needs_the_change_right(regio, api):
    """Dropping a member alters stored identification data: the case team needs a 'wijzigen' section grant
    from the leidinggevende (AC-05); a member the dossier's records speak of stays (no orphaned data)."""
    lisa = hulp.client(regio)
    broer = hulp.client(regio, voornamen="Tim", geboortedatum=dt.date(2013, 1, 9))
    d = services.registreer_dossier(
        actor=regio.actor(regio.medewerker),
        soort="gezin",
        team=regio.team,
        leden=[(str(lisa.uuid), "client"), (str(broer.uuid), "gezinslid")],
    )
    client = api(regio.medewerker)
    alleen_lisa = {"leden": [{"persoon": persoon_url(lisa), "rol": "client"}]}
    r = client.patch(url(d), alleen_lisa, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    verleen(
        actor=regio.actor(regio.leidinggevende),
        object=d,
        bron="sectie",
        ontvanger_gebruiker=regio.medewerker,
        reden="Samenstelling gezin bijwerken",
        rechten=frozenset({"lezen", "wijzigen"}),
        secties=["identificatie"],
    )
    notitie = hulp.notitie(regio, d)
    notitie.betreft.add(broer)
    r = client.patch(url(d), alleen_lisa, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    notitie.betreft.remove(broer)
    r = client.patch(url(d), alleen_lisa, format="json")
    assert r.status_code == 200 and r.json()["leden"] == alleen_lisa["leden"]
    als_systeem()
    from zorgvuldig.toegang.models import Toegang

    assert not Toegang.objects.filter(
        herkomst=f"dossier:{d.uuid}", object_type="personen.persoon", object_id=broer.pk, ingetrokken_op=None
    ).exists()  # the case team's reading of Tim through this dossier ended with his membership
    from zorgvuldig.audit.services import pseudoniem, subject_key

    tim = pseudoniem(subject_key(broer))
    assert AuditRegel.objects.filter(actie="dossier.gewijzigd", betrokkene=tim).exists()  # in Tim's trail


def test_ac_04_casusregie_is_handed_over_by_its_holder_to_someone_on_the_case_team(regio, api):
    d = hulp.dossier(regio)
    assert api(regio.medewerker).get(url(d)).json()["casusregie"] == gebruiker_url(regio.medewerker)
    r = api(regio.medewerker).patch(url(d), {"casusregie": gebruiker_url(regio.collega)}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "casusregie"  # not on the team
    toewijzing = services.wijs_toe(
        actor=regio.actor(regio.leidinggevende), uuid=d.uuid, gebruiker=regio.collega, rol="casusteam"
    )
    # a colleague on the team cannot take it while the holder is still there
    r = api(regio.collega).patch(url(d), {"casusregie": gebruiker_url(regio.collega)}, format="json")
    assert r.status_code == 403
    r = api(regio.medewerker).patch(url(d), {"casusregie": gebruiker_url(regio.collega)}, format="json")
    assert r.status_code == 200 and r.json()["casusregie"] == gebruiker_url(regio.collega)
    assert r.json()["casusregieNaam"] == regio.collega.naam
    # once the holder's assignment has ended, a case-team member may take casusregie up
    services.beeindig_toewijzing(
        actor=regio.actor(regio.leidinggevende), uuid=d.uuid, toewijzing_uuid=toewijzing.uuid
    )
    als_systeem()
    eerste = Dossier.objects.get(pk=d.pk)
    assert eerste.casusregie_id == regio.collega.pk
    r = api(regio.medewerker).patch(url(d), {"casusregie": gebruiker_url(regio.medewerker)}, format="json")
    assert r.status_code == 200 and r.json()["casusregie"] == gebruiker_url(regio.medewerker)
    for fout in ("http://elders.example.org/api/v1/gebruikers/x", None, 7):
        assert api(regio.medewerker).patch(url(d), {"casusregie": fout}, format="json").status_code == 400


def test_patch_of_a_dossier_the_caller_cannot_see_answers_like_a_missing_one(regio, api):
    d = hulp.dossier(regio)
    body = {"casusregie": gebruiker_url(regio.leraar)}
    vreemd = api(regio.leraar).patch(url(d), body, format="json")
    leeg = api(regio.leraar).patch(
        "/api/v1/dossiers/0b9d1a52-52c5-4d55-8a43-7a4a0f5c1e11", body, format="json"
    )
    assert vreemd.status_code == leeg.status_code == 404
    assert vreemd.json()["detail"] == leeg.json()["detail"]


def test_patch_members_incomplete_or_unchanged_is_400_or_no_act(regio, api):
    """A member without `persoon` or `rol` is 400 (was 500); the same list sent back records nothing."""
    lisa = hulp.client(regio)
    d = hulp.dossier(regio, persoon=lisa, soort="gezin")
    client = api(regio.medewerker)
    for lid in ({}, {"rol": "client"}, {"persoon": persoon_url(lisa)}):
        assert client.patch(url(d), {"leden": [lid]}, format="json").status_code == 400, lid
    r = client.patch(url(d), {"leden": [{"persoon": persoon_url(lisa), "rol": "client"}]}, format="json")
    assert r.status_code == 200
    als_systeem()
    assert not AuditRegel.objects.filter(actie="dossier.gewijzigd").exists()


def test_casusregie_refusal_reads_the_same_for_a_stranger_a_missing_user_and_a_deactivated_colleague(
    regio, api
):
    d = hulp.dossier(regio)
    services.wijs_toe(
        actor=regio.actor(regio.leidinggevende), uuid=d.uuid, gebruiker=regio.collega, rol="casusteam"
    )
    regio.collega.is_active = False
    regio.collega.save(update_fields=["is_active"])
    client = api(regio.medewerker)
    antwoorden = [
        client.patch(url(d), {"casusregie": gebruiker_url(g)}, format="json").json()["invalidParams"]
        for g in (regio.leraar, regio.collega)
    ]
    onbekend = client.patch(
        url(d),
        {"casusregie": "http://testserver/api/v1/gebruikers/0b9d1a52-52c5-4d55-8a43-7a4a0f5c1e11"},
        format="json",
    ).json()["invalidParams"]
    assert antwoorden[0] == antwoorden[1] == onbekend
    als_systeem()
    assert Dossier.objects.get(pk=d.pk).casusregie_id == regio.medewerker.pk
