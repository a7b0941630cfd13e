"""The privacy officer's review of the verwerkingsregister (RG-01, RG-02, GP-02): (a) retention in words, not
configuration keys, on the page and in the API; (b) basis (c) or (e) is not approved without its statutory
provision (AVG art. 6(3)); (c) the current approved register as CSV and JSON for the Autoriteit
Persoonsgegevens (AVG art. 30(4)), for the FG, audited."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.bewaren.policies import REGELS
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.errors import DomainError
from zorgvuldig.registers import services
from zorgvuldig.registers.models import Dpia, Registerversie
from zorgvuldig.registers.tests.voorbeelden import (
    STAPPEN,
    VOLLEDIG,
    activiteit,
    fg_school,
    goedgekeurde_versie,
)
from zorgvuldig.verwijsindex.models import Instellingen

pytestmark = pytest.mark.django_db

T = "http://testserver/api/v1"
SLEUTELS = "; ".join(REGELS[c].omschrijving for c in ("dossier", "zorgsignaal", "toestemming"))
REGISTER = "/api/v1/verwerkingsregister"


def _concept(regio, code="sociaal-domein-ondersteuning", **data):
    return services.maak_versie(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit(code).uuid, data={**VOLLEDIG, **data}
    )


def _keur_goed(regio, versie, code="sociaal-domein-ondersteuning"):
    return services.keur_versie_goed(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit(code).uuid, versie_uuid=versie.uuid
    )


# --- (a) retention in words ----------------------------------------------------------------------------


def test_rg_01_a_new_version_proposes_retention_in_words_with_the_regions_terms(regio):
    """RG-01 (finding a): the proposal names no configuration key and uses the region's vi.archive_months."""
    Instellingen.huidig()
    Instellingen.objects.update(archive_months=36)
    v = services.maak_versie(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit("verwijsindex").uuid, data={}
    )
    assert "retention." not in v.bewaartermijn and "vi." not in v.bewaartermijn
    assert "36 maanden na het einde van het signaal" in v.bewaartermijn
    d = services.maak_versie(actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, data={})
    assert d.bewaartermijn.startswith("Dossier: 15 jaar") and "voor Zorg (Wgbo) 20 jaar" in d.bewaartermijn


def test_rg_01_a_stored_text_with_keys_reads_in_words_on_the_page_and_in_the_api(regio, api, ui):
    """RG-01 (finding a): a version approved with the old keyed text is shown in words (API and page); the
    stored approved text itself is not changed, and a new version starts from the words."""
    v = _keur_goed(regio, _concept(regio, bewaartermijn=SLEUTELS))
    a = activiteit()
    item = api(regio.leidinggevende).get(f"/api/v1/verwerkingsactiviteiten/{a.uuid}").json()
    assert item["bewaartermijn"].startswith("Dossier: 15 jaar na het einde van de ondersteuning")
    assert "retention." not in item["bewaartermijn"]
    versie = api(regio.fg).get(f"/api/v1/verwerkingsactiviteiten/{a.uuid}/versies/{v.uuid}").json()
    assert versie["bewaartermijn"] == item["bewaartermijn"]
    pagina = ui(regio.fg).get(reverse("ui:register_activiteit", args=[a.uuid])).content.decode()
    assert "retention." not in pagina and "Dossier: 15 jaar na het einde van de ondersteuning" in pagina
    v.refresh_from_db()
    assert v.bewaartermijn == SLEUTELS  # the approved record stays as approved (RG-01)
    nieuw = services.maak_versie(actor=regio.actor(regio.fg), activiteit_uuid=a.uuid, data={"wijziging": "x"})
    assert nieuw.bewaartermijn == item["bewaartermijn"]


# --- (b) the statutory provision of basis (c) and (e) ----------------------------------------------------


@pytest.mark.parametrize(
    ("code", "grondslag"), [("verantwoording-toezicht", "c"), ("sociaal-domein-ondersteuning", "e")]
)
def test_rg_01_basis_c_or_e_is_not_approved_without_its_provision(regio, code, grondslag):
    """RG-01, GP-02 (finding b): AVG art. 6(3): 400 E_INVALID_INPUT naming `grondslagToelichting`, the
    concept stays a concept, the refusal is audited; with the provision it is approved."""
    v = _concept(regio, code, grondslag=grondslag, grondslag_toelichting="  ")
    with pytest.raises(DomainError) as exc:
        _keur_goed(regio, v, code)
    assert exc.value.code == "E_INVALID_INPUT"
    assert [(p.name, p.code) for p in exc.value.invalid_params] == [("grondslagToelichting", "required")]
    assert "wettelijke bepaling" in exc.value.detail and "AVG art. 6 lid 3" in exc.value.detail
    v.refresh_from_db()
    assert v.status == "concept" and v.goedgekeurd_op is None
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="registerversie.goedgekeurd", status="geweigerd", code="E_INVALID_INPUT"
    ).exists()
    services.wijzig_versie(
        actor=regio.actor(regio.fg),
        activiteit_uuid=activiteit(code).uuid,
        versie_uuid=v.uuid,
        data={"grondslag_toelichting": "Archiefwet 1995 art. 3; AVG art. 30"},
    )
    assert _keur_goed(regio, v, code).status == "goedgekeurd"


def test_rg_01_consent_needs_no_statutory_provision(regio):
    """RG-01: (a) consent rests on the person's consent, not on a statute."""
    v = _concept(regio, grondslag="a", grondslag_toelichting="")
    assert _keur_goed(regio, v).status == "goedgekeurd"


def test_rg_01_api_refuses_approval_without_provision_as_problem_json(regio, api):
    """RG-01 (finding b) over the API: 400 problem+json listing every missing item at once."""
    client = api(regio.fg)
    a = f"/api/v1/verwerkingsactiviteiten/{activiteit().uuid}"
    v = client.post(f"{a}/versies", {"categorieenBetrokkenen": "Inwoners"}, format="json").json()
    r = client.post(f"{a}/versies/{v['uuid']}/_goedkeuren", {}, format="json")
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "E_INVALID_INPUT"
    assert [p["name"] for p in body["invalidParams"]] == ["categorieenGegevens", "grondslagToelichting"]
    assert "categorieën persoonsgegevens" in body["detail"] and "AVG art. 6 lid 3" in body["detail"]
    assert Registerversie.objects.get(uuid=v["uuid"]).status == "concept"


def test_rg_01_page_says_why_approval_waits_for_the_provision(regio, ui):
    """RG-01 (finding b) on the page: a Dutch message, nothing approved."""
    v = _concept(regio, grondslag_toelichting="")
    client = ui(regio.fg)
    a = activiteit()
    r = client.post(reverse("ui:register_versie_goedkeuren", args=[a.uuid, v.uuid]))
    assert r.status_code == 400
    assert "noemt u de wettelijke bepaling" in r.content.decode()
    v.refresh_from_db()
    assert v.status == "concept"
    pagina = client.get(reverse("ui:register_activiteit", args=[a.uuid])).content.decode()
    assert "Wettelijke bepaling" in pagina and "Verplicht bij grondslag (c) of (e)" in pagina


# --- (c) the register for the Autoriteit Persoonsgegevens ------------------------------------------------


def _register(regio):
    """An approved entry with its approved DPIA, one approved and replaced by a concept, one concept only."""
    goedgekeurde_versie(regio)
    actor = regio.actor(regio.fg)
    dpia = services.maak_dpia(actor=actor, activiteit_uuid=activiteit().uuid, stappen=dict(STAPPEN))
    services.adviseer_dpia(actor=actor, uuid=dpia.uuid, advies="Positief.")
    services.keur_dpia_goed(actor=actor, uuid=dpia.uuid, besluit_door="College van B en W")
    goedgekeurde_versie(regio, "casusoverleg")
    _concept(regio, "casusoverleg", ontvangers="Nog niet goedgekeurd")
    _concept(regio, "verwijsindex")


def _exports():
    als_systeem()
    return AuditRegel.objects.filter(actie="verwerkingsregister.geexporteerd")


def test_rg_01_api_exports_the_current_approved_register_as_json_audited(regio, api):
    """AVG art. 30(4), RG-01 (finding c): the approved versions only, in words, with the controller and its
    FG and the state of the linked DPIA (RG-02); one audit entry naming the controller."""
    _register(regio)
    r = api(regio.fg).get(REGISTER)
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["verwerkingsverantwoordelijke"] == {
        "naam": "College van B en W Krimpen",
        "fg": {"naam": "Anne Jansen", "email": "fg@krimpen.example.org", "telefoon": ""},
    }
    assert body["aantal"] == 2 and body["opgesteldOp"].endswith("Z")
    rijen = {v["code"]: v for v in body["verwerkingen"]}
    assert set(rijen) == {"sociaal-domein-ondersteuning", "casusoverleg"}  # not the concept-only one
    steun = rijen["sociaal-domein-ondersteuning"]
    assert steun["grondslag"] == "Publieke taak / openbaar gezag (AVG art. 6(1)(e))"
    assert steun["wettelijkeBepaling"] == VOLLEDIG["grondslag_toelichting"]
    assert steun["doelen"] == ["Proactieve, integrale ondersteuning op alle ZRM-domeinen (DS doel a)"]
    assert steun["dpia"] == "Goedgekeurd" and steun["bijzonderePersoonsgegevens"] is True
    assert steun["bewaartermijn"].startswith("Dossier: 15 jaar") and steun["versie"] == 1
    assert rijen["casusoverleg"]["ontvangers"] != "Nog niet goedgekeurd"  # the approved one, not the concept
    assert rijen["casusoverleg"]["dpia"] == "Geen"
    regel = _exports().get()
    assert regel.status == "uitgevoerd" and regel.object_uuid == str(regio.gemeente.uuid)
    assert (
        regel.actor_gebruiker == str(regio.fg.uuid)
        and regel.verwerkingsactiviteit == "verantwoording-toezicht"
    )


def test_rg_01_api_exports_csv_with_dutch_column_names(regio, api):
    """AVG art. 30(4) (finding c): `Accept: text/csv` gives a download with readable Dutch columns."""
    _register(regio)
    r = api(regio.fg).get(REGISTER, HTTP_ACCEPT="text/csv")
    assert r.status_code == 200 and r["Content-Type"] == "text/csv; charset=utf-8"
    assert r["Content-Disposition"].startswith('attachment; filename="verwerkingsregister-gemeente-krimpen-')
    kop, *rijen = list(csv.reader(io.StringIO(r.content.decode()), delimiter=";"))
    assert kop[:6] == [
        "Verwerkingsverantwoordelijke",
        "Functionaris gegevensbescherming",
        "Verwerking",
        "Code in het logboek",
        "Versie",
        "Goedgekeurd op",
    ]
    assert "Wettelijke bepaling" in kop and "Bewaartermijn" in kop and "Categorieën persoonsgegevens" in kop
    assert len(rijen) == 2
    rij = dict(zip(kop, rijen[0], strict=True))
    assert rij["Functionaris gegevensbescherming"] == "Anne Jansen (fg@krimpen.example.org)"
    assert "retention." not in r.content.decode()
    assert _exports().count() == 1


@pytest.mark.parametrize("rol", ["leidinggevende", "medewerker", "beheerder", "auditor", "vi_beheerder"])
def test_rg_01_only_the_fg_exports_the_register(regio, api, ui, rol):
    """API §1.4: the export is the FG's (`register:beheren`); the leidinggevende reads the register but does
    not hand it over. Nothing is exported, so nothing is logged as exported."""
    _register(regio)
    r = api(getattr(regio, rol)).get(REGISTER)
    assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"
    r = api(getattr(regio, rol)).get(REGISTER, HTTP_ACCEPT="text/csv")
    assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"
    assert ui(getattr(regio, rol)).get(reverse("ui:register_export", args=["csv"])).status_code in (403, 404)
    assert not _exports().filter(status="uitgevoerd").exists()


def test_rg_01_export_is_the_own_controllers_register_only(regio, api):
    """AC-15: another controller's FG gets its own (empty) register, nothing of the wijkteam's."""
    _register(regio)
    r = api(fg_school(regio)).get(REGISTER)
    assert r.status_code == 200
    assert r.json()["aantal"] == 0 and r.json()["verwerkingen"] == []
    assert r.json()["verwerkingsverantwoordelijke"]["naam"] == "Stichting Het Baken"
    assert not Dpia.objects.filter(verwerkingsverantwoordelijke=regio.school_vv).exists()


def test_rg_01_register_page_offers_the_export_to_the_fg_and_audits_it(regio, ui):
    """AVG art. 30(4) (finding c) on the page: the FG downloads CSV or JSON; others see no link."""
    _register(regio)
    fg = ui(regio.fg)
    pagina = fg.get(reverse("ui:registers")).content.decode()
    assert "Register voor de Autoriteit Persoonsgegevens" in pagina
    assert reverse("ui:register_export", args=["csv"]) in pagina
    r = fg.get(reverse("ui:register_export", args=["csv"]))
    assert r.status_code == 200 and r["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in r["Content-Disposition"] and r["Cache-Control"].startswith("max-age=0")
    kop = next(csv.reader(io.StringIO(r.content.decode()), delimiter=";"))
    assert kop[2] == "Verwerking"
    r = fg.get(reverse("ui:register_export", args=["json"]))
    assert r.status_code == 200 and r["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(r.content)["aantal"] == 2
    assert fg.get(reverse("ui:register_export", args=["pdf"])).status_code == 404
    assert _exports().filter(kanaal="ui").count() == 2
    lezer = ui(regio.leidinggevende).get(reverse("ui:registers")).content.decode()
    assert "Register voor de Autoriteit Persoonsgegevens" not in lezer
