"""The admin and import-config write controllers, organisations and profiles with the same rules as the
API (AC-15, VI-23) and are audited (AU-02)."""

from __future__ import annotations

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import aanmelden, als_systeem, maak_gebruiker
from zorgvuldig.core.context import Actor
from zorgvuldig.organisaties import services
from zorgvuldig.organisaties.importeren import importeer
from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Profiel, Verwerkingsverantwoordelijke
from zorgvuldig.organisaties.tests.test_import_config import voorbeeld
from zorgvuldig.registers.models import Dpia, Verwerkingsactiviteit

pytestmark = pytest.mark.django_db


def _formulier(org: Organisatie, **over) -> dict:
    data = {
        "naam": org.naam,
        "type": org.type,
        "sectorwetten": "[]",
        "adres_straat": org.adres_straat,
        "adres_huisnummer": org.adres_huisnummer,
        "adres_postcode": org.adres_postcode,
        "adres_plaats": org.adres_plaats,
        "profiel": org.profiel_id or "",
    }
    if org.bestuursorgaan:
        data["bestuursorgaan"] = "on"
    data.update(over)
    return data


def _gewijzigd(obj):
    als_systeem()
    return AuditRegel.objects.filter(
        object_uuid=str(obj.uuid), actie="configuratie.gewijzigd", status="uitgevoerd"
    )


def _dpia(vv) -> Dpia:
    return Dpia.objects.create(
        verwerkingsverantwoordelijke=vv,
        verwerkingsactiviteit=Verwerkingsactiviteit.objects.get(code="verwijsindex"),
        status=Dpia.Status.GOEDGEKEURD,
    )


def test_ac_15_admin_changes_an_own_organisation_through_the_service(regio, client):
    aanmelden(client, regio.beheerder)
    url = f"/admin/organisaties/organisatie/{regio.wijkteam.pk}/change/"
    r = client.post(url, _formulier(regio.wijkteam, adres_plaats="Krimpen aan den IJssel", code="anders"))
    assert r.status_code == 302, r.content.decode()[:2000]
    regio.wijkteam.refresh_from_db()
    assert (
        regio.wijkteam.adres_plaats == "Krimpen aan den IJssel" and regio.wijkteam.code == "wijkteam-krimpen"
    )
    assert set(_gewijzigd(regio.wijkteam).get().velden) == {"adres_plaats"}


def test_ac_15_admin_shows_another_controllers_organisation_read_only(regio, client):
    aanmelden(client, regio.beheerder)
    url = f"/admin/organisaties/organisatie/{regio.school.pk}/change/"
    assert client.get(url).status_code == 200  # configuration is readable
    assert client.post(url, _formulier(regio.school, naam="Overgenomen")).status_code == 403
    regio.school.refresh_from_db()
    assert regio.school.naam == "OSG Het Baken" and not _gewijzigd(regio.school).exists()
    # no deleting; another controller's record stays read-only
    assert (
        client.post(
            f"/admin/organisaties/organisatie/{regio.wijkteam.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    vv_url = f"/admin/organisaties/verwerkingsverantwoordelijke/{regio.school_vv.pk}/change/"
    assert (
        client.post(vv_url, {"naam": "X", "fg_naam": "", "fg_email": "", "fg_telefoon": ""}).status_code
        == 403
    )


def test_ac_15_admin_adds_an_organisation_of_the_own_controller_only(regio, client):
    aanmelden(client, regio.beheerder)
    leeg = Organisatie(naam="Wijkteam Noord", type="gemeentelijk_team")
    data = _formulier(leeg, code="wijkteam-noord", verwerkingsverantwoordelijke=regio.school_vv.pk)
    r = client.post("/admin/organisaties/organisatie/add/", data)
    assert r.status_code == 200 and not Organisatie.objects.filter(code="wijkteam-noord").exists()
    data["verwerkingsverantwoordelijke"] = regio.gemeente.pk
    assert client.post("/admin/organisaties/organisatie/add/", data).status_code == 302
    nieuw = Organisatie.objects.get(code="wijkteam-noord")
    assert nieuw.verwerkingsverantwoordelijke_id == regio.gemeente.pk
    assert "verwerkingsverantwoordelijke" in _gewijzigd(nieuw).get().velden


def test_ac_15_admin_changes_the_own_controllers_fg_contact_audited(regio, client):
    aanmelden(client, regio.beheerder)
    url = f"/admin/organisaties/verwerkingsverantwoordelijke/{regio.gemeente.pk}/change/"
    data = {"naam": regio.gemeente.naam, "fg_naam": "Anne Jansen", "fg_email": "fg@krimpen.example.org"}
    assert client.post(url, {**data, "fg_telefoon": "0180-000000"}).status_code == 302
    assert Verwerkingsverantwoordelijke.objects.get(pk=regio.gemeente.pk).fg_telefoon == "0180-000000"
    assert set(_gewijzigd(regio.gemeente).get().velden) == {"fg_telefoon"}


def test_ac_15_admin_does_not_leave_a_controller_without_its_fg(regio, client):
    """AC-15: the admin's change form refuses to empty the FG's e-mail, with the reason at the field."""
    aanmelden(client, regio.beheerder)
    url = f"/admin/organisaties/verwerkingsverantwoordelijke/{regio.gemeente.pk}/change/"
    data = {"naam": regio.gemeente.naam, "fg_naam": "Anne Jansen", "fg_email": ""}
    r = client.post(url, data)
    assert r.status_code == 200
    assert "Geef het e-mailadres van de FG" in r.content.decode()
    assert Verwerkingsverantwoordelijke.objects.get(pk=regio.gemeente.pk).fg_email == "fg@krimpen.example.org"
    assert not _gewijzigd(regio.gemeente).exists()


def test_vi_23_admin_refuses_a_criterion_l_profile_of_another_controller(regio, client):
    profiel = Profiel.objects.create(code="met-l", naam="Met (l)", meldrecht_bepaling="Jeugdwet")
    services.wijzig_profiel(
        actor=regio.actor(regio.fg),
        uuid=profiel.uuid,
        data={"vi_criterion_l": True, "vi_criterion_l_dpia": _dpia(regio.gemeente).uuid},
    )
    beheerder = maak_gebruiker(regio.school, "beheer@hetbaken.example.org", ["beheerder"], naam="Beheer")
    aanmelden(client, beheerder)
    url = f"/admin/organisaties/organisatie/{regio.school.pk}/change/"
    r = client.post(url, _formulier(regio.school, profiel=profiel.pk))
    assert r.status_code == 200 and "VI-23" in r.content.decode()
    regio.school.refresh_from_db()
    assert regio.school.profiel_id is None


# --- import-config ----------------------------------------------------------------------------------------

SCHOOL_STANDAARD = "type: school,\n     profiel: vi-standaard}"
SCHOOL_ZONDER = "type: school,\n     profiel: geen-meldrecht}"


def test_vi_23_import_config_keeps_an_fg_enabled_criterion_l_and_guards_its_controller():
    """A file may repeat `criterionL: true` for a profile the FG switched on (nothing changes), may not give
    that profile to another controller's organisation, and switching it off forgets the DPIA."""
    assert SCHOOL_STANDAARD in voorbeeld()
    eigen = voorbeeld().replace(SCHOOL_STANDAARD, SCHOOL_ZONDER)
    assert importeer(eigen).code == 0
    fg = Gebruiker.objects.get(email="fg@krimpen.example.org")
    gemeente = Verwerkingsverantwoordelijke.objects.get(code="gemeente-krimpen")
    dpia = _dpia(gemeente)
    profiel = Profiel.objects.get(code="vi-standaard")
    services.wijzig_profiel(
        actor=Actor.voor(fg),
        uuid=profiel.uuid,
        data={"vi_criterion_l": True, "vi_criterion_l_dpia": dpia.uuid},
    )
    met_l = eigen.replace("criterionL: false", "criterionL: true")
    resultaat = importeer(met_l)
    assert resultaat.code == 0, resultaat.as_dict()["errors"]
    profiel.refresh_from_db()
    assert profiel.vi_criterion_l is True and profiel.vi_criterion_l_dpia == dpia.uuid
    gedeeld = importeer(met_l.replace(SCHOOL_ZONDER, SCHOOL_STANDAARD))
    assert gedeeld.code == 1
    (fout,) = gedeeld.as_dict()["errors"]
    assert (fout["path"], fout["code"]) == ("organisaties[1].profiel", "E_VI_CRITERION_DISABLED")
    assert Organisatie.objects.get(code="osg-het-baken").profiel.code == "geen-meldrecht"
    # switched off by the file: the DPIA no longer applies, and the school may use it again
    assert importeer(voorbeeld()).code == 0
    profiel.refresh_from_db()
    assert profiel.vi_criterion_l is False and profiel.vi_criterion_l_dpia is None
    assert Organisatie.objects.get(code="osg-het-baken").profiel.code == "vi-standaard"
