"""/api/v1 §2.1 writes: /profielen (VI-19, VI-23), /instellingen (SPEC §0.2, AU-02), PATCH
/verwerkingsverantwoordelijken/{uuid}, POST and PATCH /organisaties (AC-15). Each write is audited; a
wrong role is refused (403 on a collection, 404 on an item); bad input is 400 and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem, maak_gebruiker
from zorgvuldig.convenanten.models import Convenant, Toetreding
from zorgvuldig.core.clock import today
from zorgvuldig.organisaties.models import Organisatie, Profiel, Verwerkingsverantwoordelijke
from zorgvuldig.registers.models import Dpia, Verwerkingsactiviteit
from zorgvuldig.verwijsindex import selectors as vi_selectors
from zorgvuldig.verwijsindex import services as vi_services
from zorgvuldig.verwijsindex.models import Instellingen

pytestmark = pytest.mark.django_db

T = "http://testserver/api/v1"
PROFIEL = {
    "naam": "Verwijsindex — onderwijs",
    "meldrecht": {"bepaling": "Jeugdwet art. 7.1.4.1"},
    "extraCriteria": [{"code": "verzuim", "omschrijving": "Herhaald verzuim zonder bericht"}],
    "toepasselijkRecht": ["Jeugdwet", "AVG"],
}


def _gewijzigd(object_uuid, status: str = "uitgevoerd"):
    als_systeem()
    return AuditRegel.objects.filter(
        object_uuid=str(object_uuid), actie="configuratie.gewijzigd", status=status
    )


def _profiel(api, regio, **over) -> dict:
    r = api(regio.beheerder).post("/api/v1/profielen", {**PROFIEL, **over}, format="json")
    assert r.status_code == 201, r.json()
    return r.json()


def _dpia(vv, activiteit: str = "verwijsindex", status: str = Dpia.Status.GOEDGEKEURD) -> Dpia:
    return Dpia.objects.create(
        verwerkingsverantwoordelijke=vv,
        verwerkingsactiviteit=Verwerkingsactiviteit.objects.get(code=activiteit),
        status=status,
    )


def _school_beheerder(regio):
    return maak_gebruiker(regio.school, "beheer@hetbaken.example.org", ["beheerder"], naam="Beheer Het Baken")


# --- /profielen -------------------------------------------------------------------------------------------


def test_vi_19_beheerder_creates_a_profile_with_the_spec_defaults_and_patches_it(regio, api):
    """VI-19, SPEC §0.2: left out = the defaults (agreement sought, (l) off, under 23, 6 + 6 months); a PATCH
    is a merge patch; both are audited (AU-02)."""
    p = _profiel(api, regio, code="vi-onderwijs")
    assert p["code"] == "vi-onderwijs" and p["url"] == f"{T}/profielen/{p['uuid']}"
    assert p["vi"] == {
        "seekAgreement": True,
        "criterionL": False,
        "maxAge": 23,
        "termMonths": 6,
        "extensionMonths": 6,
    }
    assert p["meldrecht"] == {"bepaling": "Jeugdwet art. 7.1.4.1"} and p["criterionLDpia"] is None
    assert _gewijzigd(p["uuid"]).count() == 1
    client = api(regio.beheerder)
    r = client.patch(
        f"/api/v1/profielen/{p['uuid']}",
        {"vi": {"termMonths": 3, "maxAge": 18}, "meldrecht": None, "uuid": "genegeerd"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert r.json()["vi"] == {**p["vi"], "termMonths": 3, "maxAge": 18}  # the rest kept
    assert r.json()["meldrecht"] is None  # VI-05: its organisations may no longer signal
    assert r.json()["extraCriteria"] == PROFIEL["extraCriteria"] and r.json()["uuid"] == p["uuid"]
    regel = _gewijzigd(p["uuid"]).order_by("id").last()
    assert set(regel.velden) == {"vi_term_months", "vi_max_age", "meldrecht_bepaling"}
    assert regel.actor_gebruiker == str(regio.beheerder.uuid)
    assert client.get("/api/v1/profielen").json()["count"] == 1


def test_vi_19_the_code_is_derived_from_the_name_and_unique(regio, api):
    assert _profiel(api, regio)["code"] == "verwijsindex-onderwijs"
    assert _profiel(api, regio)["code"] == "verwijsindex-onderwijs-2"
    r = api(regio.beheerder).post(
        "/api/v1/profielen", {**PROFIEL, "code": "verwijsindex-onderwijs"}, format="json"
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "code"


@pytest.mark.parametrize(
    ("body", "naam"),
    [
        ({"vi": {"maxAge": 30}}, "vi.maxAge"),  # VI-02: at most 23
        ({"vi": {"maxAge": 0}}, "vi.maxAge"),
        ({"vi": {"maxAge": "18"}}, "vi.maxAge"),  # a number as text
        ({"vi": {"termMonths": 0}}, "vi.termMonths"),
        ({"vi": {"extensionMonths": 100000}}, "vi.extensionMonths"),
        ({"vi": {"seekAgreement": "ja"}}, "vi.seekAgreement"),
        ({"vi": {"criterionL": 1}}, "vi.criterionL"),
        ({"wgbo": "true"}, "wgbo"),
        ({"vi": {"informatieplicht": False}}, "vi.informatieplicht"),  # VI-07 has no switch
        ({"vi": {"risicobespreking": False}}, "vi.risicobespreking"),  # VI-08 has no switch
        ({"monitoring": {"accessPatterns": True}}, "monitoring"),
        ({"onbekend": 1}, "onbekend"),
        ({"naam": ""}, "naam"),
        ({"naam": 5}, "naam"),
        ({"meldrecht": {}}, "meldrecht.bepaling"),
        ({"toepasselijkRecht": ["AVG", 5]}, "toepasselijkRecht.1"),
        (
            {"extraCriteria": [{"code": "x", "omschrijving": "a"}, {"code": "x", "omschrijving": "b"}]},
            "extraCriteria.1",
        ),
        ({"extraCriteria": [{"code": "x"}]}, "extraCriteria.0.omschrijving"),
        ({}, "body"),
    ],
)
def test_vi_19_invalid_profile_values_are_400_and_change_nothing(regio, api, body, naam):
    p = _profiel(api, regio)
    client = api(regio.beheerder)
    r = client.patch(f"/api/v1/profielen/{p['uuid']}", body, format="json")
    assert r.status_code == 400, r.json()
    assert r.json()["code"] == "E_INVALID_INPUT"
    assert naam in [ip["name"] for ip in r.json()["invalidParams"]], r.json()
    na = client.get(f"/api/v1/profielen/{p['uuid']}").json()
    assert na == {**p, "gewijzigd": na["gewijzigd"]} and na["gewijzigd"] == p["gewijzigd"]
    assert _gewijzigd(p["uuid"]).count() == 1  # only the creation


def test_vi_19_a_new_profile_with_bad_values_is_not_created(regio, api):
    r = api(regio.beheerder).post("/api/v1/profielen", {**PROFIEL, "vi": {"maxAge": 30}}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "vi.maxAge"
    assert not Profiel.objects.exists()


@pytest.mark.parametrize("rol", ["medewerker", "leidinggevende", "vi_beheerder", "auditor"])
def test_vi_19_profiles_are_not_for_other_roles(regio, api, rol):
    """API §1.4: a collection without the scope is 403, an item 404, like a missing one."""
    p = _profiel(api, regio)
    client = api(getattr(regio, rol))
    assert client.get("/api/v1/profielen").status_code == 403
    assert client.post("/api/v1/profielen", PROFIEL, format="json").status_code == 403
    assert client.get(f"/api/v1/profielen/{p['uuid']}").status_code == 404
    r = client.patch(f"/api/v1/profielen/{p['uuid']}", {"naam": "x"}, format="json")
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
    assert Profiel.objects.get(uuid=p["uuid"]).naam == PROFIEL["naam"]
    assert Profiel.objects.count() == 1


def test_vi_23_only_the_fg_switches_criterion_l_on_with_an_approved_dpia(regio, api):
    """VI-23: (l) ships off; the beheerder cannot switch it on, nor the FG without an approved DPIA of the
    verwijsindex (409 E_VI_CRITERION_DISABLED); with one, the FG can, audited. Off again: anyone who may."""
    p = _profiel(api, regio)
    regio.wijkteam.profiel = Profiel.objects.get(uuid=p["uuid"])
    regio.wijkteam.save()
    item = f"/api/v1/profielen/{p['uuid']}"
    aan = {"vi": {"criterionL": True}}

    def weigering(client, body):
        r = client.patch(item, body, format="json")
        assert r.status_code == 409 and r.json()["code"] == "E_VI_CRITERION_DISABLED", r.json()
        assert Profiel.objects.get(uuid=p["uuid"]).vi_criterion_l is False

    beheerder, fg = api(regio.beheerder), api(regio.fg)
    goed = _dpia(regio.gemeente)
    weigering(beheerder, {**aan, "criterionLDpia": f"{T}/dpias/{goed.uuid}"})  # not the FG
    weigering(fg, aan)  # no DPIA named
    concept = _dpia(regio.gemeente, "sociaal-domein-ondersteuning")
    weigering(fg, {**aan, "criterionLDpia": f"{T}/dpias/{concept.uuid}"})  # another processing's DPIA
    goed.status = Dpia.Status.IN_HERZIENING
    goed.save()
    weigering(fg, {**aan, "criterionLDpia": f"{T}/dpias/{goed.uuid}"})  # not approved (any more)
    assert _gewijzigd(p["uuid"], "geweigerd").filter(code="E_VI_CRITERION_DISABLED").count() == 4
    goed.status = Dpia.Status.GOEDGEKEURD
    goed.save()
    r = fg.patch(item, {**aan, "criterionLDpia": f"{T}/dpias/{goed.uuid}"}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["vi"]["criterionL"] is True and r.json()["criterionLDpia"] == f"{T}/dpias/{goed.uuid}"
    regel = _gewijzigd(p["uuid"]).order_by("id").last()
    assert regel.actor_gebruiker == str(regio.fg.uuid) and "vi_criterion_l" in regel.velden
    # the verwijsindex now accepts (l) from the wijkteam's signalers
    regio.wijkteam.refresh_from_db()
    assert vi_services.profiel_regels(regio.wijkteam).criterion_l is True
    # the beheerder may send the stored (l) back along with other changes; switching off forgets the DPIA
    assert beheerder.patch(item, {**aan, "naam": "Onderwijs"}, format="json").status_code == 200
    r = beheerder.patch(item, {"vi": {"criterionL": False}}, format="json")
    assert (
        r.status_code == 200 and r.json()["vi"]["criterionL"] is False and r.json()["criterionLDpia"] is None
    )


def test_vi_23_the_fg_changes_nothing_else_of_a_profile(regio, api):
    p = _profiel(api, regio)
    fg = api(regio.fg)
    assert fg.get(f"/api/v1/profielen/{p['uuid']}").status_code == 200  # reads to decide on (l)
    r = fg.patch(f"/api/v1/profielen/{p['uuid']}", {"naam": "Anders", "vi": {"maxAge": 18}}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    assert {ip["name"] for ip in r.json()["invalidParams"]} == {"naam", "vi.maxAge"}
    assert fg.post("/api/v1/profielen", PROFIEL, format="json").status_code == 403
    assert Profiel.objects.get(uuid=p["uuid"]).naam == PROFIEL["naam"]
    # a GET-modify-PATCH round trip with the other values unchanged is fine
    r = fg.patch(
        f"/api/v1/profielen/{p['uuid']}",
        {"naam": PROFIEL["naam"], "vi": {"criterionL": False}},
        format="json",
    )
    assert r.status_code == 200


def test_vi_23_a_dpia_of_another_controller_is_unknown(regio, api):
    p = _profiel(api, regio)
    ander = _dpia(regio.school_vv)
    r = api(regio.fg).patch(
        f"/api/v1/profielen/{p['uuid']}",
        {"vi": {"criterionL": True}, "criterionLDpia": f"{T}/dpias/{ander.uuid}"},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "criterionLDpia"
    assert Profiel.objects.get(uuid=p["uuid"]).vi_criterion_l is False


def test_vi_23_criterion_l_serves_only_the_controller_whose_dpia_allowed_it(regio, api):
    """AC-15 with VI-23: the gemeente's DPIA does not cover the school, a partner of another controller.
    A profile the school uses cannot get (l) from the gemeente's FG, and a profile with (l) cannot be
    given to the school."""
    gedeeld = _profiel(api, regio)
    regio.school.profiel = Profiel.objects.get(uuid=gedeeld["uuid"])
    regio.school.save()
    goed = _dpia(regio.gemeente)
    aan = {"vi": {"criterionL": True}, "criterionLDpia": f"{T}/dpias/{goed.uuid}"}
    # a profile the school uses too changes through import-config only (AC-15), (l) or not
    r = api(regio.fg).patch(f"/api/v1/profielen/{gedeeld['uuid']}", aan, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    assert Profiel.objects.get(uuid=gedeeld["uuid"]).vi_criterion_l is False
    eigen = _profiel(api, regio, naam="Wijkteam met (l)")
    assert api(regio.fg).patch(f"/api/v1/profielen/{eigen['uuid']}", aan, format="json").status_code == 200
    regio.wijkteam.profiel = Profiel.objects.get(uuid=eigen["uuid"])
    regio.wijkteam.save()
    school = api(_school_beheerder(regio))
    # the school's beheerder cannot switch (l) off, or signalling off, for the gemeente's organisation
    for wijziging in ({"vi": {"criterionL": False}}, {"meldrecht": None, "vi": {"maxAge": 12}}):
        r = school.patch(f"/api/v1/profielen/{eigen['uuid']}", wijziging, format="json")
        assert r.status_code == 403, wijziging
    assert Profiel.objects.get(uuid=eigen["uuid"]).vi_criterion_l is True
    r = school.patch(f"/api/v1/organisaties/{regio.school.uuid}", {"profiel": eigen["url"]}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_VI_CRITERION_DISABLED"
    regio.school.refresh_from_db()
    assert regio.school.profiel.uuid != eigen["uuid"]
    # the gemeente's own organisation may use it
    r = api(regio.beheerder).patch(
        f"/api/v1/organisaties/{regio.wijkteam.uuid}", {"profiel": eigen["url"]}, format="json"
    )
    assert r.status_code == 200 and r.json()["profiel"] == eigen["url"]


# --- /instellingen ----------------------------------------------------------------------------------------


def test_au_02_beheerder_reads_and_changes_the_regional_settings(regio, api):
    client = api(regio.beheerder)
    r = client.get("/api/v1/instellingen")
    assert r.status_code == 200
    assert r.json()["vi"] == {
        "fieldSet": "statutory",
        "matchScope": "organisation",
        "familyMatching": False,
        "huishoudverwerking": "",
        "archiveMonths": 24,
        "exitDays": 30,
    }
    r = client.patch("/api/v1/instellingen", {"vi": {"archiveMonths": 60, "exitDays": 14}}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["vi"]["archiveMonths"] == 60 and r.json()["vi"]["fieldSet"] == "statutory"
    assert vi_selectors.instellingen().archive_months == 60  # the verwijsindex acts on it at once
    als_systeem()
    regel = (
        AuditRegel.objects.filter(actie="configuratie.gewijzigd", status="uitgevoerd").order_by("id").last()
    )
    assert set(regel.velden) == {"vi.archive_months", "vi.exit_days"}
    assert regel.actor_gebruiker == str(regio.beheerder.uuid)
    # AU-02: the entry holds the old and new values, not only the names
    assert regel.koppeling == {
        "wijzigingen": {
            "vi.archive_months": {"oud": 24, "nieuw": 60},
            "vi.exit_days": {"oud": 30, "nieuw": 14},
        }
    }


@pytest.mark.parametrize(
    ("body", "naam"),
    [
        ({"vi": {"archiveMonths": 0}}, "vi.archiveMonths"),
        ({"vi": {"archiveMonths": 1000}}, "vi.archiveMonths"),
        ({"vi": {"archiveMonths": "60"}}, "vi.archiveMonths"),
        ({"vi": {"exitDays": -1}}, "vi.exitDays"),
        ({"vi": {"exitDays": 30.5}}, "vi.exitDays"),
        ({"vi": {"fieldSet": "alles"}}, "vi.fieldSet"),
        ({"vi": {"familyMatching": "aan"}}, "vi.familyMatching"),
        ({"vi": {"maxAge": 18}}, "vi.maxAge"),  # per profile, not regional
        ({"vi": {"onbekend": 1}}, "vi.onbekend"),
        ({"reports": {"minCell": 3}}, "reports"),  # fixed by the installation
        ({"monitoring": {"accessPatterns": True}}, "monitoring"),  # at /toegangsbewaking (RP-06)
        ({"vi": "statutory"}, "vi.non_field_errors"),
        ({}, "body"),
    ],
)
def test_au_02_invalid_settings_are_400_and_change_nothing(regio, api, body, naam):
    voor = api(regio.beheerder).get("/api/v1/instellingen").json()
    r = api(regio.beheerder).patch("/api/v1/instellingen", body, format="json")
    assert r.status_code == 400, r.json()
    namen = [ip["name"] for ip in r.json()["invalidParams"]]
    assert naam in namen or (naam.endswith("non_field_errors") and namen), r.json()
    assert api(regio.beheerder).get("/api/v1/instellingen").json() == voor
    als_systeem()
    assert not AuditRegel.objects.filter(actie="configuratie.gewijzigd", status="uitgevoerd").exists()


def test_vi_22_family_matching_without_its_basis_is_409_and_audited(regio, api):
    r = api(regio.beheerder).patch("/api/v1/instellingen", {"vi": {"familyMatching": True}}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_VI_FAMILY_MATCH_BASIS"
    assert Instellingen.huidig().family_matching is False
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="configuratie.gewijzigd", status="geweigerd", code="E_VI_FAMILY_MATCH_BASIS"
    ).exists()


@pytest.mark.parametrize("rol", ["medewerker", "leidinggevende", "vi_beheerder", "fg", "auditor"])
def test_au_02_the_settings_are_the_beheerders(regio, api, rol):
    """Only the beheerder changes them; a signaler (the mandated medewerker) and the leidinggevende read
    them (VI-09: the field set says what a signal may hold), and the FG (GP-04: she decides on widening
    them); the other roles do not. The FG changes nothing else."""
    client = api(getattr(regio, rol))
    leest = rol in {"medewerker", "leidinggevende", "fg"}
    assert client.get("/api/v1/instellingen").status_code == (200 if leest else 403)
    r = client.patch("/api/v1/instellingen", {"vi": {"archiveMonths": 60}}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    assert Instellingen.huidig().archive_months == 24


WIJD = {"fieldSet": "extended_2009"}


def _verruimd_audit(status="uitgevoerd"):
    als_systeem()
    return (
        AuditRegel.objects.filter(actie="configuratie.gewijzigd", status=status, verwerkingsactiviteit=ACT)
        .order_by("id")
        .last()
    )


ACT = "beheer-platform"


@pytest.mark.parametrize(
    "vi", [WIJD, {"familyMatching": True, "huishoudverwerking": "RG-01 huishoudens BRP"}]
)
def test_gp_04_vi_22_the_beheerder_alone_does_not_widen_the_verwijsindex(regio, api, vi):
    """GP-04, GP-06, RG-02, VI-09, VI-22 (like VI-23): storing name, address and birth date
    (`extended_2009`) or matching households is not the technical beheerder's decision: 409
    E_VI_CRITERION_DISABLED, nothing changes, the refusal is audited."""
    voor = api(regio.beheerder).get("/api/v1/instellingen").json()
    r = api(regio.beheerder).patch("/api/v1/instellingen", {"vi": vi}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_VI_CRITERION_DISABLED", r.json()
    assert api(regio.beheerder).get("/api/v1/instellingen").json() == voor
    assert _verruimd_audit("geweigerd").code == "E_VI_CRITERION_DISABLED"
    # not with a DPIA either: the DPIA is the FG's to invoke
    dpia = _dpia(regio.gemeente)
    r = api(regio.beheerder).patch(
        "/api/v1/instellingen", {"vi": vi, "verruimingDpia": f"{T}/dpias/{dpia.uuid}"}, format="json"
    )
    assert r.status_code == 409 and r.json()["code"] == "E_VI_CRITERION_DISABLED"
    assert Instellingen.huidig().field_set == "statutory" and not Instellingen.huidig().family_matching


def test_gp_04_vi_22_the_fg_widens_with_an_approved_dpia_and_the_beheerder_narrows_back(regio, api):
    """GP-04, RG-02, VI-22: the FG widens the field set and switches family matching on, each with the
    approved DPIA of the verwijsindex; the audit entry says from what to what (AU-02). Narrowing back is
    the beheerder's too (GP-06) and forgets the DPIA."""
    fg = api(regio.fg)
    dpia = _dpia(regio.gemeente)
    url = f"{T}/dpias/{dpia.uuid}"
    r = fg.patch("/api/v1/instellingen", {"vi": {"fieldSet": "extended_2009"}}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_VI_CRITERION_DISABLED"  # no DPIA named
    r = fg.patch("/api/v1/instellingen", {"vi": WIJD, "verruimingDpia": url}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["vi"]["fieldSet"] == "extended_2009" and r.json()["verruimingDpia"] == url
    regel = _verruimd_audit()
    assert regel.actor_gebruiker == str(regio.fg.uuid)
    assert regel.koppeling["wijzigingen"]["vi.field_set"] == {"oud": "statutory", "nieuw": "extended_2009"}
    assert regel.koppeling["wijzigingen"]["vi.verruiming_dpia"] == {"oud": None, "nieuw": str(dpia.uuid)}
    # a further widening needs the DPIA again
    r = fg.patch("/api/v1/instellingen", {"vi": {"familyMatching": True}}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_VI_CRITERION_DISABLED"
    r = fg.patch(
        "/api/v1/instellingen", {"vi": {"familyMatching": True}, "verruimingDpia": url}, format="json"
    )
    assert r.status_code == 200 and r.json()["vi"]["familyMatching"] is True
    # the FG changes nothing else
    r = fg.patch("/api/v1/instellingen", {"vi": {"exitDays": 10}}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    # the beheerder may not drop the DPIA while widened, but narrows back
    beheer = api(regio.beheerder)
    r = beheer.patch("/api/v1/instellingen", {"verruimingDpia": None}, format="json")
    assert r.status_code == 400
    r = beheer.patch("/api/v1/instellingen", {"vi": {"familyMatching": False}}, format="json")
    assert r.status_code == 200 and r.json()["verruimingDpia"] == url  # still extended_2009
    r = beheer.patch("/api/v1/instellingen", {"vi": {"fieldSet": "statutory"}}, format="json")
    assert r.status_code == 200 and r.json()["verruimingDpia"] is None
    assert _verruimd_audit().koppeling["wijzigingen"]["vi.field_set"] == {
        "oud": "extended_2009",
        "nieuw": "statutory",
    }


@pytest.mark.parametrize("soort", ["concept", "ander_doel", "andere_vv"])
def test_gp_04_rg_02_only_an_approved_verwijsindex_dpia_of_the_fgs_controller_counts(regio, api, soort):
    """RG-02 (as VI-23): a draft DPIA, one of another processing or of another controller does not."""
    if soort == "concept":
        dpia = _dpia(regio.gemeente, status=Dpia.Status.CONCEPT)
    elif soort == "ander_doel":
        andere = Verwerkingsactiviteit.objects.exclude(code="verwijsindex").first()
        dpia = _dpia(regio.gemeente, activiteit=andere.code)
    else:
        dpia = _dpia(regio.school_vv)
    r = api(regio.fg).patch(
        "/api/v1/instellingen", {"vi": WIJD, "verruimingDpia": f"{T}/dpias/{dpia.uuid}"}, format="json"
    )
    assert r.status_code in (400, 409), r.json()
    if soort == "andere_vv":
        assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "verruimingDpia"
    else:
        assert r.json()["code"] == "E_VI_CRITERION_DISABLED"
    assert Instellingen.huidig().field_set == "statutory"


# --- /verwerkingsverantwoordelijken ---------------------------------------------------------------------


def test_ac_15_beheerder_changes_its_own_controller_audited(regio, api):
    client = api(regio.beheerder)
    item = f"/api/v1/verwerkingsverantwoordelijken/{regio.gemeente.uuid}"
    r = client.patch(
        item,
        {"naam": "College van B en W Krimpen a/d IJssel", "fg": {"telefoon": "0180-000000"}},
        format="json",
    )
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["naam"] == "College van B en W Krimpen a/d IJssel"
    assert body["fg"] == {"naam": "Anne Jansen", "email": "fg@krimpen.example.org", "telefoon": "0180-000000"}
    assert "sleutelversie" in body and "monitoring" not in body
    regel = _gewijzigd(regio.gemeente.uuid).get()
    assert set(regel.velden) == {"naam", "fg_telefoon"}
    # the RP-06 switch is not here (ADR 0006 item 22); bad input is 400
    for fout in (
        {"monitoring": {"accessPatterns": True}},
        {"fg": {"email": "geen-adres"}},
        {"naam": ""},
        {"naam": 3},
    ):
        r = client.patch(item, fout, format="json")
        assert r.status_code == 400, (fout, r.json())
    assert Verwerkingsverantwoordelijke.objects.get(pk=regio.gemeente.pk).naam == body["naam"]
    assert _gewijzigd(regio.gemeente.uuid).count() == 1


@pytest.mark.parametrize("fg", [{"naam": ""}, {"email": "  "}, {"naam": None, "email": None}])
def test_ac_15_a_patch_does_not_leave_a_controller_without_its_fg(regio, api, fg):
    """AC-15: a controller is not recorded without an FG, so a PATCH may not empty the FG's name or e-mail
    either: 400 on `fg.naam`/`fg.email` (`required`), nothing changed, the refusal logged."""
    item = f"/api/v1/verwerkingsverantwoordelijken/{regio.gemeente.uuid}"
    r = api(regio.beheerder).patch(item, {"fg": fg, "naam": "Andere naam"}, format="json")
    assert r.status_code == 400, r.json()
    namen = {p["name"] for p in r.json()["invalidParams"] if p["code"] == "required"}
    assert namen == {f"fg.{k}" for k in fg}
    vv = Verwerkingsverantwoordelijke.objects.get(pk=regio.gemeente.pk)
    assert (vv.naam, vv.fg_naam, vv.fg_email) == (
        regio.gemeente.naam,
        "Anne Jansen",
        "fg@krimpen.example.org",
    )
    assert _gewijzigd(regio.gemeente.uuid).count() == 0


def test_ac_15_another_controller_answers_like_a_missing_one(regio, api):
    client = api(regio.beheerder)
    r = client.patch(
        f"/api/v1/verwerkingsverantwoordelijken/{regio.school_vv.uuid}", {"naam": "X"}, format="json"
    )
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
    assert Verwerkingsverantwoordelijke.objects.get(pk=regio.school_vv.pk).naam == "Stichting Het Baken"
    # reading stays open to any staff member
    assert client.get(f"/api/v1/verwerkingsverantwoordelijken/{regio.school_vv.uuid}").status_code == 200
    # without the scope: 404 on the item
    medewerker = api(regio.medewerker)
    r = medewerker.patch(
        f"/api/v1/verwerkingsverantwoordelijken/{regio.gemeente.uuid}", {"naam": "X"}, format="json"
    )
    assert r.status_code == 404
    als_systeem()
    assert AuditRegel.objects.filter(status="geweigerd", code="E_NOT_FOUND").count() == 2


# --- /organisaties ----------------------------------------------------------------------------------------


def test_ac_15_beheerder_creates_an_organisation_of_its_own_controller(regio, api):
    """Options left out take the narrowest value (GP-06): no profile (so no signalling, VI-05), G5 to the
    Participatiewet off (SH-20); the controller is the caller's own; audited."""
    r = api(regio.beheerder).post(
        "/api/v1/organisaties",
        {"naam": "Wijkteam Krimpen Noord", "type": "gemeentelijk_team", "adres": {"plaats": "Krimpen"}},
        format="json",
    )
    assert r.status_code == 201, r.json()
    org = r.json()
    assert org["code"] == "wijkteam-krimpen-noord"
    assert org["verwerkingsverantwoordelijke"] == f"{T}/verwerkingsverantwoordelijken/{regio.gemeente.uuid}"
    assert org["profiel"] is None and org["sharing"] == {"g5Participatiewet": False}
    assert org["bestuursorgaan"] is False and org["ondertekenaar"] is False and org["viToetreding"] is None
    assert org["adres"] == {"straat": "", "huisnummer": "", "postcode": "", "plaats": "Krimpen"}
    regel = _gewijzigd(org["uuid"]).get()
    assert {"code", "verwerkingsverantwoordelijke", "naam", "type"} <= set(regel.velden)


@pytest.mark.parametrize(
    ("body", "status", "naam"),
    [
        ({"type": "school"}, 400, "naam"),
        ({"naam": "X"}, 400, "type"),
        ({"naam": "X", "type": "kerk"}, 400, "type"),
        ({"naam": "X", "type": "school", "bestuursorgaan": "ja"}, 400, "bestuursorgaan"),
        ({"naam": "X", "type": "school", "sectorwetten": "Jeugdwet"}, 400, "sectorwetten"),
        ({"naam": "X", "type": "school", "adres": {"postcode": "2921 AA X"}}, 400, "adres.postcode"),
        ({"naam": "X", "type": "school", "adres": {"land": "NL"}}, 400, "adres.land"),
        (
            {"naam": "X", "type": "school", "profiel": f"{T}/profielen/00000000-0000-4000-8000-000000000000"},
            400,
            "profiel",
        ),
        (
            {"naam": "X", "type": "school", "profiel": "https://elders.example.org/api/v1/profielen/x"},
            400,
            "profiel",
        ),
        ({"naam": "X", "type": "school", "monitoring": {}}, 400, "monitoring"),
        (
            {"naam": "X", "type": "school", "verwerkingsverantwoordelijke": "SCHOOL"},
            403,
            "verwerkingsverantwoordelijke",
        ),
    ],
)
def test_ac_15_invalid_new_organisations_are_refused(regio, api, body, status, naam):
    if (
        body.get("verwerkingsverantwoordelijke") == "SCHOOL"
    ):  # another controller's: not the caller's to add to
        body = {
            **body,
            "verwerkingsverantwoordelijke": f"{T}/verwerkingsverantwoordelijken/{regio.school_vv.uuid}",
        }
    r = api(regio.beheerder).post("/api/v1/organisaties", body, format="json")
    assert r.status_code == status, r.json()
    assert naam in [ip["name"] for ip in r.json()["invalidParams"]], r.json()
    assert Organisatie.objects.count() == 2


def test_ac_15_beheerder_patches_its_own_organisation_audited(regio, api):
    p = _profiel(api, regio)
    client = api(regio.beheerder)
    item = f"/api/v1/organisaties/{regio.wijkteam.uuid}"
    r = client.patch(
        item,
        {
            "adres": {"plaats": "Krimpen aan den IJssel"},
            "sharing": {"g5Participatiewet": True},
            "profiel": p["url"],
            "sectorwetten": ["Jeugdwet", "Wmo 2015"],
            "code": "genegeerd",  # read-only: ignored (API §1.1)
            "verwerkingsverantwoordelijke": f"{T}/verwerkingsverantwoordelijken/{regio.school_vv.uuid}",
        },
        format="json",
    )
    assert r.status_code == 200, r.json()
    org = r.json()
    assert org["code"] == "wijkteam-krimpen" and org["naam"] == "Wijkteam Krimpen"
    assert org["verwerkingsverantwoordelijke"].endswith(str(regio.gemeente.uuid))
    assert org["adres"]["plaats"] == "Krimpen aan den IJssel" and org["sharing"]["g5Participatiewet"] is True
    assert org["profiel"] == p["url"] and org["sectorwetten"] == ["Jeugdwet", "Wmo 2015"]
    regel = _gewijzigd(regio.wijkteam.uuid).get()
    assert set(regel.velden) == {"adres_plaats", "g5_participatiewet", "profiel", "sectorwetten"}
    # back to no profile
    assert client.patch(item, {"profiel": None}, format="json").json()["profiel"] is None


def test_ac_15_another_controllers_organisation_answers_404_and_stays(regio, api):
    client = api(regio.beheerder)
    item = f"/api/v1/organisaties/{regio.school.uuid}"
    r = client.patch(item, {"naam": "Overgenomen"}, format="json")
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
    assert client.get(item).status_code == 200  # reading stays open to any staff member
    regio.school.refresh_from_db()
    assert regio.school.naam == "OSG Het Baken"
    # the school's own beheerder may
    r = api(_school_beheerder(regio)).patch(item, {"naam": "OSG Het Baken Krimpen"}, format="json")
    assert r.status_code == 200 and r.json()["naam"] == "OSG Het Baken Krimpen"


@pytest.mark.parametrize("rol", ["medewerker", "leidinggevende", "vi_beheerder", "fg", "auditor"])
def test_ac_15_organisations_are_written_by_the_beheerder_only(regio, api, rol):
    client = api(getattr(regio, rol))
    r = client.post("/api/v1/organisaties", {"naam": "X", "type": "school"}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    r = client.patch(f"/api/v1/organisaties/{regio.wijkteam.uuid}", {"naam": "X"}, format="json")
    assert r.status_code == 404
    assert Organisatie.objects.get(pk=regio.wijkteam.pk).naam == "Wijkteam Krimpen"
    assert Organisatie.objects.count() == 2


def test_ac_01_organisation_shows_its_accession_derived_today(regio, api):
    """AC-01, RT-12: `ondertekenaar`, `convenanten` and `viToetreding` follow from the accessions today."""
    c = Convenant.objects.create(code="vi", naam="Convenant VI", status="actief")
    vanaf = today() - dt.timedelta(days=30)
    Toetreding.objects.create(convenant=c, organisatie=regio.school, datum=vanaf)
    org = api(regio.medewerker).get(f"/api/v1/organisaties/{regio.school.uuid}").json()
    assert org["ondertekenaar"] is True and org["convenanten"] == [f"{T}/convenanten/{c.uuid}"]
    assert org["viToetreding"] == {"vanaf": vanaf.isoformat(), "tot": None}
    Toetreding.objects.filter(convenant=c).update(tot=today() - dt.timedelta(days=1))
    org = api(regio.medewerker).get(f"/api/v1/organisaties/{regio.school.uuid}").json()
    assert org["ondertekenaar"] is False and org["convenanten"] == []
    assert org["viToetreding"]["tot"] == (today() - dt.timedelta(days=1)).isoformat()
