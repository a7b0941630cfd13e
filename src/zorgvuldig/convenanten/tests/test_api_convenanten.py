"""/api/v1/convenanten (API §2.11): RG-04 items and transitions, RG-05 arrangement, accessions and VI-25."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.convenanten import policies, selectors
from zorgvuldig.convenanten.models import Convenant, Toetreding
from zorgvuldig.core.clock import today

pytestmark = pytest.mark.django_db

T = "http://testserver/api/v1"
VOL = {sleutel: f"Afspraak over {sleutel}." for sleutel in policies.ONDERDEEL_SLEUTELS}


def _regeling(regio, **over) -> dict:
    r = {
        "modules": ["verwijsindex"],
        "informerenBetrokkenen": "De signalerende organisatie informeert de jongere.",
        "contactpunt": "Het wijkteam; iedere organisatie antwoordt voor de eigen registraties.",
        "melderDatalekken": f"{T}/verwerkingsverantwoordelijken/{regio.gemeente.uuid}",
        "beveiliging": "De gemeente als beheerder van het platform.",
        "klachten": "Via de klachtenregeling van de eigen organisatie.",
        "incidenten": "Melden bij de regiocoördinator binnen een werkdag.",
        "aansprakelijkheid": "Ieder voor de eigen registraties.",
    }
    r.update(over)
    return r


def _maak(client, **over):
    body = {"naam": "Convenant VI Voorbeeldstad", "inhoud": VOL, **over}
    return client.post("/api/v1/convenanten", body, format="json")


def test_rg_04_beheerder_creates_a_concept_and_fg_reads_it(regio, api):
    r = _maak(api(regio.beheerder), code="vi-voorbeeld")
    assert r.status_code == 201, r.json()
    c = r.json()
    assert c["status"] == "concept" and c["code"] == "vi-voorbeeld"
    assert c["inhoud"] == VOL and c["ontbrekendeOnderdelen"] == []
    assert c["url"] == f"{T}/convenanten/{c['uuid']}"
    assert c["gezamenlijkeVerantwoordelijkheid"]["ontbreekt"] == list(policies.REGELING_SLEUTELS)
    # the FG and the leidinggevende (register:lezen) read it; a convenant is regional
    for gebruiker in (regio.fg, regio.leidinggevende, regio.school_lg):
        lees = api(gebruiker).get(f"/api/v1/convenanten/{c['uuid']}")
        assert lees.status_code == 200 and lees.json()["naam"] == "Convenant VI Voorbeeldstad"
    als_systeem()
    assert AuditRegel.objects.filter(object_uuid=c["uuid"], actie="convenant.aangemaakt").count() == 1


def test_rg_04_code_is_derived_from_the_name_when_absent(regio, api):
    client = api(regio.fg)
    assert _maak(client).json()["code"] == "convenant-vi-voorbeeldstad"
    assert _maak(client).json()["code"] == "convenant-vi-voorbeeldstad-2"
    dubbel = _maak(client, code="convenant-vi-voorbeeldstad")
    assert dubbel.status_code == 400 and dubbel.json()["invalidParams"][0]["name"] == "code"


@pytest.mark.parametrize("sleutel", policies.ONDERDEEL_SLEUTELS)
def test_rg_04_activation_is_refused_with_each_empty_item(regio, api, sleutel):
    client = api(regio.beheerder)
    c = _maak(client, inhoud={**VOL, sleutel: "  "}).json()
    r = client.post(f"/api/v1/convenanten/{c['uuid']}/_activeren", {}, format="json")
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "E_RG_CONVENANT_INCOMPLETE"
    assert sleutel in body["detail"]
    assert [p["name"] for p in body["invalidParams"]] == [f"inhoud.{sleutel}"]
    assert client.get(f"/api/v1/convenanten/{c['uuid']}").json()["status"] == "concept"
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="convenant.geactiveerd", status="geweigerd", code="E_RG_CONVENANT_INCOMPLETE"
    ).exists()


def test_rg_04_transitions_concept_actief_beeindigd_and_patch_only_while_concept(regio, api):
    client = api(regio.fg)
    c = _maak(client, inhoud={**VOL, "escalatie": ""}).json()
    item = f"/api/v1/convenanten/{c['uuid']}"
    # PATCH while concept fills the missing item; status sent along is ignored (changes by operation only)
    r = client.patch(
        item, {"inhoud": {"escalatie": "Binnen een werkdag."}, "status": "actief"}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "concept"
    assert r.json()["inhoud"]["escalatie"] == "Binnen een werkdag."
    assert r.json()["inhoud"]["beveiliging"] == VOL["beveiliging"]  # merge patch keeps the rest
    # ending a concept is no transition
    assert client.post(f"{item}/_beeindigen", {}, format="json").json()["code"] == "E_STATE_CONFLICT"
    r = client.post(f"{item}/_activeren", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "actief"
    # active: the items are fixed; the RG-05 arrangement may still be completed
    r = client.patch(item, {"naam": "Andere naam"}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    r = client.patch(item, {"gezamenlijkeVerantwoordelijkheid": _regeling(regio)}, format="json")
    assert r.status_code == 200 and r.json()["gezamenlijkeVerantwoordelijkheid"]["ontbreekt"] == []
    r = client.post(f"{item}/_beeindigen", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "beeindigd"
    assert client.post(f"{item}/_activeren", {}, format="json").status_code == 409
    r = client.patch(item, {"gezamenlijkeVerantwoordelijkheid": {"klachten": "x"}}, format="json")
    assert r.status_code == 409
    als_systeem()
    acties = list(
        AuditRegel.objects.filter(object_uuid=c["uuid"], status="uitgevoerd")
        .order_by("id")
        .values_list("actie", flat=True)
    )
    assert acties == [
        "convenant.aangemaakt",
        "convenant.gewijzigd",
        "convenant.geactiveerd",
        "convenant.gewijzigd",
        "convenant.beeindigd",
    ]


def test_rg_05_arrangement_items_round_trip_and_name_the_breach_notifier(regio, api):
    client = api(regio.beheerder)
    c = _maak(
        client, gezamenlijkeVerantwoordelijkheid=_regeling(regio, modules=["verwijsindex", "casusoverleg"])
    )
    assert c.status_code == 201, c.json()
    gv = c.json()["gezamenlijkeVerantwoordelijkheid"]
    assert gv["melderDatalekken"] == f"{T}/verwerkingsverantwoordelijken/{regio.gemeente.uuid}"
    assert gv["modules"] == ["verwijsindex", "casusoverleg"] and gv["ontbreekt"] == []
    assert gv["contactpunt"].startswith("Het wijkteam")
    # clearing the notifier makes the item missing again
    r = client.patch(
        f"/api/v1/convenanten/{c.json()['uuid']}",
        {"gezamenlijkeVerantwoordelijkheid": {"melderDatalekken": None, "klachten": ""}},
        format="json",
    )
    assert r.json()["gezamenlijkeVerantwoordelijkheid"]["ontbreekt"] == ["melderDatalekken", "klachten"]


def test_rg_05_melder_datalekken_per_controller_and_module(regio, api):
    client = api(regio.fg)
    c = _maak(client, gezamenlijkeVerantwoordelijkheid=_regeling(regio)).json()
    convenant = Convenant.objects.get(uuid=c["uuid"])
    Toetreding.objects.create(convenant=convenant, organisatie=regio.school, datum=dt.date(2026, 1, 1))
    # a concept arranges nothing yet
    assert selectors.melder_datalekken(regio.school_vv.pk, "verwijsindex") is None
    client.post(f"/api/v1/convenanten/{c['uuid']}/_activeren", {}, format="json")
    assert selectors.melder_datalekken(regio.school_vv.pk, "verwijsindex") == regio.gemeente
    assert selectors.melder_datalekken(regio.school_vv.pk, "casusoverleg") is None  # not covered
    # the wijkteam's controller has no accession to this convenant
    assert selectors.melder_datalekken(regio.gemeente.pk, "verwijsindex") is None
    # before the accession started, and after it ended: no arrangement applies
    assert selectors.melder_datalekken(regio.school_vv.pk, "verwijsindex", op=dt.date(2025, 12, 31)) is None
    Toetreding.objects.filter(convenant=convenant).update(tot=dt.date(2026, 3, 1))
    assert (
        selectors.melder_datalekken(regio.school_vv.pk, "verwijsindex", op=dt.date(2026, 3, 1))
        == regio.gemeente
    )
    assert selectors.melder_datalekken(regio.school_vv.pk, "verwijsindex", op=dt.date(2026, 3, 2)) is None


def test_rg_04_malformed_input_is_400(regio, api):
    client = api(regio.fg)
    assert _maak(client, onbekend=1).json()["invalidParams"][0]["code"] == "unknown"
    assert _maak(client, inhoud={"escalatie": "x", "k": "y"}).status_code == 400
    assert _maak(client, inhoud={"escalatie": "x" * 20001}).status_code == 400
    assert client.post("/api/v1/convenanten", {"inhoud": VOL}, format="json").status_code == 400  # no name
    assert client.post("/api/v1/convenanten", [1, 2], format="json").status_code == 400
    assert _maak(client, code="Geen Slug!").status_code == 400
    r = _maak(client, gezamenlijkeVerantwoordelijkheid={"modules": ["jeugdzorg"]})
    assert r.status_code == 400
    r = _maak(client, gezamenlijkeVerantwoordelijkheid={"melderDatalekken": "https://elders.example.org/x"})
    assert r.status_code == 400
    onbekend = f"{T}/verwerkingsverantwoordelijken/00000000-0000-4000-8000-000000000000"
    r = _maak(client, gezamenlijkeVerantwoordelijkheid={"melderDatalekken": onbekend})
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"].endswith("melderDatalekken")
    c = _maak(client).json()
    assert client.patch(f"/api/v1/convenanten/{c['uuid']}", {}, format="json").status_code == 400
    assert (
        client.post(f"/api/v1/convenanten/{c['uuid']}/_activeren", {"x": 1}, format="json").status_code == 400
    )
    assert client.get("/api/v1/convenanten?status=kapot").status_code == 400
    assert client.get("/api/v1/convenanten?stat=actief").status_code == 400
    als_systeem()
    assert Convenant.objects.count() == 1


def test_rg_04_roles_beheerder_and_fg_write_leidinggevende_reads_medewerker_not(regio, api):
    c = _maak(api(regio.fg)).json()
    item = f"/api/v1/convenanten/{c['uuid']}"
    lg = api(regio.leidinggevende)
    assert lg.get("/api/v1/convenanten").status_code == 200
    assert _maak(lg).status_code == 403
    assert lg.patch(item, {"naam": "x"}, format="json").status_code == 404  # item path without the scope
    assert lg.post(f"{item}/_activeren", {}, format="json").status_code == 404
    mw = api(regio.medewerker)
    assert mw.get("/api/v1/convenanten").status_code == 403
    assert mw.get(item).status_code == 404
    # the beheerder reads what it maintains, without register:lezen
    beheer = api(regio.beheerder)
    assert beheer.get("/api/v1/convenanten").json()["count"] == 1
    assert beheer.patch(item, {"naam": "Nieuwe naam"}, format="json").status_code == 200
    assert api(regio.fg).get("/api/v1/convenanten/00000000-0000-4000-8000-000000000000").status_code == 404


# --- accessions (RG-04, VI-25) ---------------------------------------------------------------------------


def test_rg_04_accessions_are_recorded_with_date_and_end(regio, api):
    client = api(regio.beheerder)
    c = _maak(client).json()
    pad = f"/api/v1/convenanten/{c['uuid']}/toetredingen"
    r = client.post(
        pad, {"organisatie": f"{T}/organisaties/{regio.school.uuid}", "datum": "2026-02-01"}, format="json"
    )
    assert r.status_code == 201, r.json()
    t = r.json()
    assert t["organisatie"] == f"{T}/organisaties/{regio.school.uuid}"
    assert t["datum"] == "2026-02-01" and t["einddatum"] is None and t["lopend"] is True
    assert t["url"] == f"{T}{pad.removeprefix('/api/v1')}/{t['uuid']}"
    lijst = client.get(pad).json()
    assert lijst["count"] == 1
    assert client.get(f"/api/v1/convenanten/{c['uuid']}").json()["deelnemers"] == [t["organisatie"]]
    # the same accession twice: a conflict; an end before the start: invalid
    assert (
        client.post(pad, {"organisatie": t["organisatie"], "datum": "2026-02-01"}, format="json").status_code
        == 409
    )
    r = client.post(
        pad,
        {
            "organisatie": f"{T}/organisaties/{regio.wijkteam.uuid}",
            "datum": "2026-02-01",
            "einddatum": "2026-01-01",
        },
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "einddatum"
    assert (
        client.post(
            pad, {"organisatie": "/api/v1/personen/x", "datum": "2026-02-01"}, format="json"
        ).status_code
        == 400
    )
    onbekend = f"{T}/organisaties/00000000-0000-4000-8000-000000000000"
    assert (
        client.post(pad, {"organisatie": onbekend, "datum": "2026-02-01"}, format="json").status_code == 400
    )
    assert client.post(pad, {"organisatie": t["organisatie"]}, format="json").status_code == 400
    # an accession of another convenant is not found under this one
    ander = _maak(client).json()
    assert client.get(f"/api/v1/convenanten/{ander['uuid']}/toetredingen/{t['uuid']}").status_code == 404
    assert client.get(f"{pad}/{t['uuid']}").status_code == 200


def test_rg_04_no_accession_to_an_ended_convenant(regio, api):
    client = api(regio.fg)
    c = _maak(client).json()
    client.post(f"/api/v1/convenanten/{c['uuid']}/_activeren", {}, format="json")
    client.post(f"/api/v1/convenanten/{c['uuid']}/_beeindigen", {}, format="json")
    r = client.post(
        f"/api/v1/convenanten/{c['uuid']}/toetredingen",
        {"organisatie": f"{T}/organisaties/{regio.school.uuid}", "datum": "2026-02-01"},
        format="json",
    )
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"


def test_vi_25_an_accession_end_starts_the_exit_in_the_verwijsindex(regio, api):
    """RG-04/VI-25: recording the end date through the API is what the verwijsindex derives the exit from:
    at once the organisation is no signatory, its users cannot extend, the exit list names it."""
    from zorgvuldig.core.errors import DomainError
    from zorgvuldig.verwijsindex import selectors as vi
    from zorgvuldig.verwijsindex import services as vi_services
    from zorgvuldig.verwijsindex.tests.hulp import VI

    scenario = VI(regio)
    signaal = scenario.signaleer(regio.leraar)
    vandaag = today()
    assert vi.is_ondertekenaar(regio.school.pk, vandaag)  # cached from here on
    t = scenario.toetreding_school
    pad = f"/api/v1/convenanten/{scenario.convenant.uuid}/toetredingen/{t.uuid}"
    gisteren = vandaag - dt.timedelta(days=1)
    r = api(regio.beheerder).patch(pad, {"einddatum": gisteren.isoformat()}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["einddatum"] == gisteren.isoformat() and r.json()["lopend"] is False
    assert not vi.is_ondertekenaar(regio.school.pk, vandaag)
    assert vi.uittreding_tot(regio.school.pk, vandaag) == gisteren
    uit = next(u for u in vi.uittredingen(vandaag) if u["uuid"] == str(t.uuid))
    assert uit["einddatum"] == gisteren.isoformat()
    assert uit["signalen"] == [{"uuid": str(signaal.uuid), "status": "open"}]
    with pytest.raises(DomainError) as exc:
        vi_services.verleng_signaal(actor=regio.actor(regio.leraar), uuid=signaal.uuid)
    assert exc.value.code == "E_AC_NOT_SIGNATORY"
    # an end that has passed is a fact: it no longer moves
    r = api(regio.fg).patch(pad, {"einddatum": vandaag.isoformat()}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    als_systeem()
    regels = AuditRegel.objects.filter(object_uuid=str(t.uuid), actie="toetreding.beeindigd")
    assert sorted(regels.values_list("status", "code")) == [
        ("geweigerd", "E_STATE_CONFLICT"),
        ("uitgevoerd", ""),
    ]


def test_vi_25_a_future_end_date_may_still_move_and_must_follow_the_start(regio, api):
    from zorgvuldig.verwijsindex.tests.hulp import VI

    scenario = VI(regio)
    pad = f"/api/v1/convenanten/{scenario.convenant.uuid}/toetredingen/{scenario.toetreding_wijkteam.uuid}"
    client = api(regio.fg)
    later = today() + dt.timedelta(days=30)
    assert client.patch(pad, {"einddatum": later.isoformat()}, format="json").status_code == 200
    assert (
        client.patch(
            pad, {"einddatum": (later + dt.timedelta(days=1)).isoformat()}, format="json"
        ).status_code
        == 200
    )
    assert client.patch(pad, {"einddatum": "2025-12-31"}, format="json").status_code == 400  # before datum
    assert client.patch(pad, {"einddatum": None}, format="json").status_code == 400
    assert client.patch(pad, {"einddatum": "morgen"}, format="json").status_code == 400
    assert (
        client.patch(pad, {"organisatie": "x", "einddatum": later.isoformat()}, format="json").status_code
        == 200
    )
    assert client.patch(pad, {"datum2": "2026-01-01"}, format="json").status_code == 400
    assert (
        api(regio.leidinggevende).patch(pad, {"einddatum": later.isoformat()}, format="json").status_code
        == 404
    )
