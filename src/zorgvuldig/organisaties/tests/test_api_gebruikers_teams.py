"""Writes on /gebruikers and /teams (API §2.1): `gebruiker:beheren`, own organisation (the technical
beheerder: his controller's), the web UI's services underneath (activation mail through the outbox,
separation of duties, audit), JSON merge patch, unknown fields refused."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.bezorging import bezorg
from zorgvuldig.conftest import BSN_SAM, als_systeem, partner_token
from zorgvuldig.core.clock import today
from zorgvuldig.organisaties.models import Gebruiker, Mandaat, Team
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db
H = "http://testserver/api/v1"


def _org(org) -> str:
    return f"{H}/organisaties/{org.uuid}"


def _team(team) -> str:
    return f"{H}/teams/{team.uuid}"


def _gebruiker(g) -> str:
    return f"{H}/gebruikers/{g.uuid}"


def _nieuw(regio, **extra) -> dict:
    return {
        "naam": "Noor Nieuw",
        "email": "noor@krimpen.example.org",
        "organisatie": _org(regio.wijkteam),
        "functie": "Jeugdcoach",
        "rollen": ["medewerker"],
        "teams": [_team(regio.team)],
    } | extra


def _audit(obj):
    als_systeem()
    return AuditRegel.objects.filter(object_uuid=str(obj.uuid), actie="configuratie.gewijzigd").order_by("id")


def _params(r) -> set[tuple[str, str]]:
    return {(p["name"], p["code"]) for p in r.json()["invalidParams"]}


# --- /teams ----------------------------------------------------------------------------------------------


def test_beheerder_creates_and_renames_a_team_each_write_audited(regio, api):
    beheer = api(regio.beheerder)
    r = beheer.post(
        "/api/v1/teams",
        {"code": "wijkteam-west", "naam": "Wijkteam West", "organisatie": _org(regio.wijkteam)},
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    team = Team.objects.get(code="wijkteam-west")
    assert body["url"] == _team(team) and body["uuid"] == str(team.uuid)
    assert (body["code"], body["naam"], body["organisatie"], body["leden"]) == (
        "wijkteam-west",
        "Wijkteam West",
        _org(regio.wijkteam),
        [],
    )
    assert [e.velden for e in _audit(team)] == [["code", "naam", "organisatie"]]

    # merge patch: the name changes; code and organisation are create-only and sent back ignored
    r = beheer.patch(
        body["url"],
        json.dumps(body | {"naam": "Wijkteam West-Krimpen", "code": "iets-anders"}),
        content_type="application/merge-patch+json",
    )
    assert r.status_code == 200, r.content
    assert (r.json()["naam"], r.json()["code"]) == ("Wijkteam West-Krimpen", "wijkteam-west")
    assert [e.velden for e in _audit(team)][-1] == ["naam"]
    assert beheer.patch(body["url"], {}, format="json").status_code == 200  # nothing to change
    assert _audit(team).count() == 2


def test_team_code_is_unique_and_unknown_or_blank_fields_are_refused(regio, api):
    beheer = api(regio.beheerder)
    dubbel = beheer.post(
        "/api/v1/teams",
        {"code": regio.team.code, "naam": "Nog een", "organisatie": _org(regio.wijkteam)},
        format="json",
    )
    assert dubbel.status_code == 400 and ("code", "unique") in _params(dubbel)
    onbekend = beheer.post(
        "/api/v1/teams",
        {"code": "x", "naam": "X", "organisatie": _org(regio.wijkteam), "leider": "iemand"},
        format="json",
    )
    assert onbekend.status_code == 400 and ("leider", "unknown") in _params(onbekend)
    assert beheer.patch(_team(regio.team), {"kleur": "blauw"}, format="json").status_code == 400
    leeg = beheer.patch(_team(regio.team), {"naam": ""}, format="json")
    assert leeg.status_code == 400
    regio.team.refresh_from_db()
    assert regio.team.naam == "Wijkteam Oost" and not Team.objects.filter(code="x").exists()


def test_staff_read_their_own_organisations_teams_with_members(regio, api):
    r = api(regio.medewerker).get("/api/v1/teams")
    assert r.status_code == 200
    assert [t["code"] for t in r.json()["results"]] == ["wijkteam-oost"]
    leden = set(r.json()["results"][0]["leden"])
    assert leden == {_gebruiker(g) for g in (regio.medewerker, regio.collega, regio.leidinggevende)}
    # a dossier shows its team as {code, naam}: the same two fields are here
    assert api(regio.medewerker).get(_team(regio.team)).json()["naam"] == "Wijkteam Oost"


def test_another_controllers_team_and_user_are_404_and_not_listed(regio, api):
    """Own organisation only: the school (another controller) neither lists nor opens the municipal
    team's records, and may not change them; the same the other way round."""
    school = api(regio.school_lg)
    assert school.get("/api/v1/teams").json()["count"] == 0
    assert school.get(_team(regio.team)).status_code == 404
    assert school.get(_gebruiker(regio.medewerker)).status_code == 404
    assert regio.medewerker.email not in school.get("/api/v1/gebruikers").content.decode()
    assert api(regio.medewerker).get(_gebruiker(regio.leraar)).status_code == 404
    for pad in (_team(regio.team), _gebruiker(regio.medewerker)):
        r = school.patch(pad, {"naam": "Overgenomen"}, format="json")
        assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
    regio.team.refresh_from_db()
    regio.medewerker.refresh_from_db()
    assert regio.team.naam == "Wijkteam Oost" and regio.medewerker.naam == "Fatima El Amrani"


def test_a_medewerker_gets_403_on_collections_and_404_on_items(regio, api):
    """API §1.4: without `gebruiker:beheren`, a collection answers 403 and an item path 404 (nothing
    is visible to manage); the refusal changes nothing and is audited (AU-04)."""
    mw = api(regio.medewerker)
    for pad, body in (
        ("/api/v1/gebruikers", _nieuw(regio)),
        ("/api/v1/teams", {"code": "eigen", "naam": "Eigen", "organisatie": _org(regio.wijkteam)}),
    ):
        r = mw.post(pad, body, format="json")
        assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    for pad in (_gebruiker(regio.collega), _gebruiker(regio.medewerker), _team(regio.team)):
        assert mw.patch(pad, {"naam": "X"}, format="json").status_code == 404
    # a medewerker's own account is no exception: no roles, no mandates of his own choosing
    assert (
        mw.patch(_gebruiker(regio.medewerker), {"rollen": ["leidinggevende"]}, format="json").status_code
        == 404
    )
    als_systeem()
    assert not Gebruiker.objects.filter(email="noor@krimpen.example.org").exists()
    assert not Team.objects.filter(code="eigen").exists()
    regio.medewerker.refresh_from_db()
    assert regio.medewerker.rollen == ["medewerker"]
    assert AuditRegel.objects.filter(
        actie="toegang.geweigerd", actor_gebruiker=str(regio.medewerker.uuid), code="E_AC_NOT_AUTHORISED"
    ).exists()


def test_a_partner_system_lists_users_in_short_form_and_writes_nothing(regio, api):
    _, sleutel = partner_token(regio, organisatie=regio.school)
    partner = APIClient()
    partner.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    rij = partner.get("/api/v1/gebruikers").json()["results"][0]
    assert "telefoon" not in rij and "mandaten" not in rij and "registratie" not in rij
    partner.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}", HTTP_NAMENS_GEBRUIKER=str(regio.leraar.uuid))
    r = partner.post(
        "/api/v1/teams", {"code": "lvs", "naam": "LVS", "organisatie": _org(regio.school)}, format="json"
    )
    assert r.status_code == 403 and not Team.objects.filter(code="lvs").exists()


# --- /gebruikers -------------------------------------------------------------------------------------------


def test_ac_05_beheerder_creates_a_user_who_gets_an_activation_mail_and_holds_no_grants(regio, api):
    r = api(regio.beheerder).post(
        "/api/v1/gebruikers",
        _nieuw(
            regio,
            telefoon="+31612340000",
            registratie={"register": "skj", "nummer": "110012345"},
            mandaten=[{"soort": "vi_signaleren", "vanaf": "2026-03-01", "besluit": "Mandaatbesluit 2026-3"}],
        ),
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    noor = Gebruiker.objects.get(email="noor@krimpen.example.org")
    assert body["url"] == _gebruiker(noor) and body["actief"] is True
    assert body["teams"] == [_team(regio.team)] and body["organisatie"] == _org(regio.wijkteam)
    assert body["registratie"] == {"register": "skj", "nummer": "110012345"} and body["geheimhoudingsplicht"]
    assert body["mandaten"] == [
        {"soort": "vi_signaleren", "vanaf": "2026-03-01", "tot": None, "besluit": "Mandaatbesluit 2026-3"}
    ]
    assert body["geheimhoudingsverklaringOp"] is None  # accepted at first log-in (AC-07)
    assert not noor.has_usable_password()
    # the link goes out through the outbox, after commit; never in the answer
    assert mail.outbox == []
    bezorg()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["noor@krimpen.example.org"]
    pad = re.search(r"https?://[^/\s]+(/activeren/\S+)", mail.outbox[0].body).group(1)
    assert pad not in r.content.decode() and "activeren" not in r.content.decode()
    als_systeem()
    assert not Toegang.objects.filter(ontvanger_gebruiker=noor).exists()  # AC-05: no grants
    assert set(_audit(noor).get().velden) >= {"email", "rollen", "teams", "registratie", "mandaten"}
    assert _audit(Mandaat.objects.get(gebruiker=noor)).exists()


def test_ac_15_beheerder_creates_users_and_teams_for_every_organisation_of_his_controller_only(regio, api):
    """API §2.1 "*beheerder*: all", bounded by the controller (AC-15): he keeps the accounts of every
    organisation of his own controller; another controller's organisation is closed to him — an account he
    could make there (for a mailbox of his own, with a content role) would open its dossiers to him."""
    from zorgvuldig.organisaties.models import Gebruiker, Organisatie

    loket = Organisatie.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        code="wmo-loket",
        naam="Wmo-loket",
        type="gemeentelijk_team",
    )
    beheer = api(regio.beheerder)
    r = beheer.post(
        "/api/v1/teams", {"code": "loket", "naam": "Loket", "organisatie": _org(loket)}, format="json"
    )
    assert r.status_code == 201
    loketteam = Team.objects.get(code="loket")
    vreemd = beheer.post(
        "/api/v1/gebruikers",
        _nieuw(regio, email="balie@krimpen.example.org", organisatie=_org(loket)),
        format="json",
    )
    assert vreemd.status_code == 400 and ("teams", "invalid") in _params(
        vreemd
    )  # a team of its own organisation
    r = beheer.post(
        "/api/v1/gebruikers",
        _nieuw(regio, email="balie@krimpen.example.org", organisatie=_org(loket), teams=[_team(loketteam)]),
        format="json",
    )
    assert r.status_code == 201 and r.json()["organisatie"] == _org(loket)
    # the school belongs to another controller: no team, no account, and its users stay out of reach
    r = beheer.post(
        "/api/v1/teams",
        {"code": "zorgteam", "naam": "Zorgteam", "organisatie": _org(regio.school)},
        format="json",
    )
    assert r.status_code == 403 and not Team.objects.filter(code="zorgteam").exists()
    r = beheer.post(
        "/api/v1/gebruikers",
        _nieuw(
            regio,
            email="ik-ook@example.org",
            organisatie=_org(regio.school),
            rollen=["leidinggevende"],
            teams=[],
        ),
        format="json",
    )
    assert r.status_code == 403 and not Gebruiker.objects.filter(email="ik-ook@example.org").exists()
    assert beheer.patch(_gebruiker(regio.leraar), {"actief": False}, format="json").status_code == 404
    assert _gebruiker(regio.leraar) not in {
        g["url"] for g in beheer.get("/api/v1/gebruikers?pageSize=100").json()["results"]
    }
    regio.leraar.refresh_from_db()
    assert regio.leraar.is_active


@pytest.mark.parametrize("email", ["f.elamrani@krimpen.example.org", "F.ElAmrani@Krimpen.example.org"])
def test_email_is_unique_whatever_its_case(regio, api, email):
    beheer = api(regio.beheerder)
    r = beheer.post("/api/v1/gebruikers", _nieuw(regio, email=email), format="json")
    assert r.status_code == 400 and ("email", "unique") in _params(r)
    r = beheer.patch(_gebruiker(regio.collega), {"email": email}, format="json")
    assert r.status_code == 400 and ("email", "unique") in _params(r)
    regio.collega.refresh_from_db()
    assert regio.collega.email == "p.devos@krimpen.example.org"
    bezorg()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "rollen",
    [["superuser"], [], ["medewerker", "auditor"], ["beheerder", "leidinggevende"], "medewerker"],
)
def test_a_bad_role_or_a_mix_against_separation_of_duties_is_400(regio, api, rollen):
    beheer = api(regio.beheerder)
    r = beheer.post("/api/v1/gebruikers", _nieuw(regio, rollen=rollen), format="json")
    assert r.status_code == 400 and any(p["name"].startswith("rollen") for p in r.json()["invalidParams"])
    r = beheer.patch(_gebruiker(regio.collega), {"rollen": rollen}, format="json")
    assert r.status_code == 400
    regio.collega.refresh_from_db()
    assert regio.collega.rollen == ["medewerker"]
    assert not Gebruiker.objects.filter(email="noor@krimpen.example.org").exists()


@pytest.mark.parametrize(
    "extra",
    [
        {"wachtwoord": "geheim-van-mij"},
        {"is_superuser": True},
        {"registratie": {"register": "big", "nummer": "1", "geldig": True}},
        {"mandaten": [{"soort": "vi_signaleren", "vanaf": "2026-01-01", "reden": "x"}]},
        {"registratie": {"register": "bsn", "nummer": "1"}},
        {"actief": False},
        {"teams": ["http://elders.example.org/api/v1/teams/0f4e1b7c-7c1d-4d6e-9a55-2b0a1f3c9d10"]},
        {"teams": [f"{H}/teams/0f4e1b7c-7c1d-4d6e-9a55-2b0a1f3c9d10"]},
    ],
)
def test_unknown_or_malformed_fields_are_400_and_create_nothing(regio, api, extra):
    r = api(regio.beheerder).post("/api/v1/gebruikers", _nieuw(regio) | extra, format="json")
    assert r.status_code == 400, r.content
    assert not Gebruiker.objects.filter(email="noor@krimpen.example.org").exists()
    bezorg()
    assert mail.outbox == []


def test_patch_is_a_merge_patch_and_each_change_is_audited(regio, api):
    beheer = api(regio.beheerder)
    url = _gebruiker(regio.collega)
    r = beheer.patch(
        url,
        {
            "functie": "Teamcoach",
            "telefoon": "+31611112222",
            "registratie": {"register": "big", "nummer": "19012345601"},
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    assert (r.json()["functie"], r.json()["naam"], r.json()["rollen"]) == (
        "Teamcoach",
        "Pieter de Vos",
        ["medewerker"],
    )
    assert set(_audit(regio.collega).last().velden) == {"functie", "telefoon", "registratie"}
    # a nested object merges: only the number changes
    r = beheer.patch(url, {"registratie": {"nummer": "19012345602"}}, format="json")
    assert r.json()["registratie"] == {"register": "big", "nummer": "19012345602"}
    # null removes; a list replaces
    r = beheer.patch(url, {"registratie": None, "telefoon": None, "teams": []}, format="json")
    assert r.json()["registratie"] is None and r.json()["telefoon"] == "" and r.json()["teams"] == []
    assert r.json()["geheimhoudingsplicht"] is False
    assert set(_audit(regio.collega).last().velden) == {"registratie", "telefoon", "teams"}
    # what GET shows can be sent back unchanged: read-only fields are ignored, nothing is written
    aantal = _audit(regio.collega).count()
    huidig = beheer.get(url).json()
    r = beheer.patch(url, json.dumps(huidig), content_type="application/merge-patch+json")
    assert r.status_code == 200 and r.json() == huidig
    assert _audit(regio.collega).count() == aantal
    # deactivating is a field like the others; reactivating too
    assert beheer.patch(url, {"actief": False}, format="json").json()["actief"] is False
    regio.collega.refresh_from_db()
    assert not regio.collega.is_active and _audit(regio.collega).last().velden == ["is_active"]


def test_a_user_cannot_be_placed_in_another_organisations_team(regio, api):
    from zorgvuldig.organisaties.models import Organisatie

    loket = Organisatie.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        code="wmo-loket",
        naam="Wmo-loket",
        type="gemeentelijk_team",
    )
    ander = Team.objects.create(organisatie=loket, code="balie", naam="Balie")  # visible to the beheerder
    r = api(regio.beheerder).patch(_gebruiker(regio.collega), {"teams": [_team(ander)]}, format="json")
    assert r.status_code == 400 and ("teams", "invalid") in _params(r)
    school = Team.objects.create(organisatie=regio.school, code="mentoraat", naam="Mentoraat")  # not visible
    r = api(regio.beheerder).patch(_gebruiker(regio.collega), {"teams": [_team(school)]}, format="json")
    assert r.status_code == 400 and ("teams.0", "invalid") in _params(r)
    assert list(regio.collega.teams.all()) == [regio.team]


def test_a_mandate_is_ended_with_tot_and_never_dropped(regio, api):
    beheer = api(regio.beheerder)
    url = _gebruiker(regio.medewerker)  # holds vi_signaleren from 2026-01-01
    weg = beheer.patch(url, {"mandaten": []}, format="json")
    assert weg.status_code == 400 and ("mandaten", "not_allowed") in _params(weg)
    verkeerd = beheer.patch(
        url,
        {"mandaten": [{"soort": "vi_signaleren", "vanaf": "2026-01-01", "tot": "2025-12-31"}]},
        format="json",
    )
    assert verkeerd.status_code == 400 and ("mandaten.0.tot", "invalid") in _params(verkeerd)
    r = beheer.patch(
        url,
        {"mandaten": [{"soort": "vi_signaleren", "vanaf": "2026-01-01", "tot": "2026-06-30"}]},
        format="json",
    )
    assert r.status_code == 200
    assert r.json()["mandaten"] == [
        {"soort": "vi_signaleren", "vanaf": "2026-01-01", "tot": "2026-06-30", "besluit": ""}
    ]
    mandaat = Mandaat.objects.get(gebruiker=regio.medewerker)
    assert mandaat.tot == dt.date(2026, 6, 30) and _audit(mandaat).last().velden == ["tot"]
    assert "mandaten" in _audit(regio.medewerker).last().velden


def test_ac_08_ri_13_a_mandate_the_role_cannot_use_is_refused_either_way_round(regio, api):
    """AC-08, RI-13: the FG gets no signalling mandate; the leidinggevende, who decides on requests by
    mandate, keeps the role while the mandate runs. Each refusal names the field and changes nothing."""
    beheer = api(regio.beheerder)
    r = beheer.patch(
        _gebruiker(regio.fg), {"mandaten": [{"soort": "vi_signaleren", "vanaf": "2026-01-01"}]}, format="json"
    )
    assert r.status_code == 400 and ("mandaten.0.soort", "invalid") in _params(r)
    assert "leidinggevende of medewerker" in r.json()["invalidParams"][0]["reason"]
    assert not Mandaat.objects.filter(gebruiker=regio.fg).exists()
    r = beheer.patch(_gebruiker(regio.leidinggevende), {"rollen": ["medewerker"]}, format="json")
    assert r.status_code == 400 and ("rollen", "invalid") in _params(r)
    regio.leidinggevende.refresh_from_db()
    assert "leidinggevende" in regio.leidinggevende.rollen
    # ending the mandate (today at the latest), the role may go
    m = Mandaat.objects.get(gebruiker=regio.leidinggevende)
    eind = today().isoformat()
    mandaten = [{"soort": m.soort, "vanaf": m.vanaf.isoformat(), "tot": eind}]
    r = beheer.patch(
        _gebruiker(regio.leidinggevende), {"mandaten": mandaten, "rollen": ["medewerker"]}, format="json"
    )
    assert r.status_code == 200, r.content
    # a mandate recorded before this rule, on a role that cannot use it, can still be ended
    oud = Mandaat.objects.create(gebruiker=regio.fg, soort="vi_signaleren", vanaf=dt.date(2026, 1, 1))
    mandaten = [{"soort": oud.soort, "vanaf": "2026-01-01", "tot": today().isoformat()}]
    assert beheer.patch(_gebruiker(regio.fg), {"mandaten": mandaten}, format="json").status_code == 200


def test_ac_06_a_beheerder_does_not_change_his_own_roles_mandates_or_account(regio, api):
    beheer = api(regio.beheerder)
    eigen = _gebruiker(regio.beheerder)
    for body in (
        {"rollen": ["beheerder", "fg"]},
        {"rollen": ["leidinggevende"]},
        {"actief": False},
        {"mandaten": [{"soort": "verzoeken_besluiten", "vanaf": "2026-01-01"}]},
    ):
        r = beheer.patch(eigen, body, format="json")
        veld = next(iter(body))
        assert r.status_code == 400 and (veld, "not_allowed") in _params(r), body
    regio.beheerder.refresh_from_db()
    assert regio.beheerder.rollen == ["beheerder"] and regio.beheerder.is_active
    assert not regio.beheerder.mandaten.exists()
    als_systeem()  # AU-04: each attempt to widen his own rights is in the log as refused
    geweigerd = AuditRegel.objects.filter(
        actie="configuratie.gewijzigd", status="geweigerd", actor_gebruiker=str(regio.beheerder.uuid)
    )
    assert geweigerd.count() == 4
    # his own contact details he may keep up to date
    assert beheer.patch(eigen, {"telefoon": "+31600000000"}, format="json").status_code == 200


def test_ac_06_the_beheerder_manages_accounts_without_reaching_content(regio, api):
    """A user's and a team's representation carry no grants, persons or dossiers: the technical
    beheerder manages the account of someone holding content without seeing any of it."""
    registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Zwaluwstaart", "voornamen": "Sam", "bsn": BSN_SAM},
    )
    beheer = api(regio.beheerder)
    for pad in (_gebruiker(regio.medewerker), _team(regio.team), "/api/v1/gebruikers", "/api/v1/teams"):
        tekst = beheer.get(pad).content.decode()
        assert "Zwaluwstaart" not in tekst and BSN_SAM not in tekst and "toegang" not in tekst.lower()
    r = beheer.patch(_gebruiker(regio.medewerker), {"functie": "Ambulant jeugdcoach"}, format="json")
    assert r.status_code == 200 and "Zwaluwstaart" not in r.content.decode()
    assert beheer.get("/api/v1/personen").status_code == 403  # E_AC_ADMIN_CONTENT, unchanged


# --- AC-05, AC-06, AU-02: roles given are recorded and told to the FG ---------------------------------


def _fg_berichten(regio):
    from zorgvuldig.berichten.models import Bericht

    als_systeem()
    return list(Bericht.objects.filter(gebruiker=regio.fg, sleutel__startswith="rollen:").order_by("id"))


def test_ac_05_ac_06_au_02_a_new_leidinggevende_is_audited_with_its_roles_and_told_to_the_fg(regio, api):
    r = api(regio.beheerder).post(
        "/api/v1/gebruikers", _nieuw(regio, rollen=["leidinggevende"]), format="json"
    )
    assert r.status_code == 201, r.content
    noor = Gebruiker.objects.get(email="noor@krimpen.example.org")
    assert _audit(noor).get().koppeling == {"rollen": {"oud": [], "nieuw": ["leidinggevende"]}}
    (bericht,) = _fg_berichten(regio)
    assert bericht.aan == "fg@krimpen.example.org"
    assert "Noor Nieuw" in bericht.onderwerp and "noor@krimpen.example.org" in bericht.onderwerp
    assert "Leidinggevende" in bericht.onderwerp or "leidinggevende" in bericht.onderwerp
    # a plain medewerker account opens nothing until granted (AC-05): no notice
    r = api(regio.beheerder).post(
        "/api/v1/gebruikers", _nieuw(regio, email="kees@krimpen.example.org", naam="Kees"), format="json"
    )
    assert r.status_code == 201 and len(_fg_berichten(regio)) == 1


def test_ac_05_ac_06_au_02_a_role_change_records_before_and_after_and_tells_the_fg(regio, api):
    beheer = api(regio.beheerder)
    r = beheer.patch(_gebruiker(regio.collega), {"rollen": ["medewerker", "vi_beheerder"]}, format="json")
    assert r.status_code == 200, r.content
    assert _audit(regio.collega).last().koppeling == {
        "rollen": {"oud": ["medewerker"], "nieuw": ["medewerker", "vi_beheerder"]}
    }
    (bericht,) = _fg_berichten(regio)
    assert "Pieter de Vos" in bericht.onderwerp and "VI" in bericht.onderwerp
    # taking the role away again is audited, but no notice
    r = beheer.patch(_gebruiker(regio.collega), {"rollen": ["medewerker"]}, format="json")
    assert r.status_code == 200
    assert _audit(regio.collega).last().koppeling["rollen"] == {
        "oud": ["medewerker", "vi_beheerder"],
        "nieuw": ["medewerker"],
    }
    assert len(_fg_berichten(regio)) == 1
    # another change without roles records no roles
    r = beheer.patch(_gebruiker(regio.collega), {"functie": "Gezinscoach (AC-06 test)"}, format="json")
    assert r.status_code == 200
    assert _audit(regio.collega).last().velden == ["functie"]
    assert _audit(regio.collega).last().koppeling == {}


def test_ac_06_another_controllers_fg_is_not_told(regio, api):
    """AC-15: the FG of the user's own controller hears of it, not the school's."""
    from zorgvuldig.berichten.models import Bericht
    from zorgvuldig.conftest import maak_gebruiker

    school_fg = maak_gebruiker(regio.school, "fg@hetbaken.example.org", ["fg"], naam="FG Het Baken")
    r = api(regio.beheerder).post("/api/v1/gebruikers", _nieuw(regio, rollen=["auditor"]), format="json")
    assert r.status_code == 201
    als_systeem()
    assert not Bericht.objects.filter(gebruiker=school_fg).exists()
    assert len(_fg_berichten(regio)) == 1
