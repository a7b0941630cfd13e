"""Households (PE-09), relations and representatives (PE-04, PE-08), PE-11 marks, PE-06/PE-07 assessments."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM
from zorgvuldig.core.errors import DomainError
from zorgvuldig.personen import selectors, services

pytestmark = pytest.mark.django_db


def _persoon(api, user, naam, **extra):
    body = {"geslachtsnaam": naam, "bsnOntbreektReden": "test", **extra}
    r = api(user).post("/api/v1/personen", body, format="json")
    assert r.status_code == 201, r.content
    return r.json()


def test_pe_09_household_with_visible_members_only(regio, api):
    """PE-09: a household lists persons who live(d) together; only persons you may see can be added."""
    sam = _persoon(api, regio.medewerker, "Jansen", geboortedatum="2012-01-01")
    moeder = _persoon(api, regio.medewerker, "Jansen", geboortedatum="1980-01-01")
    vreemd = _persoon(api, regio.leraar, "Anders")
    client = api(regio.medewerker)
    r = client.post(
        "/api/v1/huishoudens",
        {
            "naam": "Gezin Jansen",
            "leden": [{"persoon": sam["url"], "vanaf": "2012-01-01"}, {"persoon": moeder["url"]}],
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    assert {lid["persoon"] for lid in r.json()["leden"]} == {sam["url"], moeder["url"]}
    refused = client.post("/api/v1/huishoudens", {"leden": [{"persoon": vreemd["url"]}]}, format="json")
    assert refused.status_code == 404
    assert api(regio.leraar).get(r.json()["url"]).status_code == 404
    patched = client.patch(r.json()["url"], {"leden": [{"persoon": sam["url"]}]}, format="json")
    assert patched.status_code == 200 and len(patched.json()["leden"]) == 1
    assert client.get("/api/v1/huishoudens").json()["count"] == 1


def test_pe_04_parent_with_authority_is_the_representative_of_a_minor(regio, api):
    """PE-04: `vertegenwoordigers` lists the parent with gezag; a parent without gezag is not one."""
    sam = _persoon(api, regio.medewerker, "Jansen", geboortedatum="2012-01-01", bsn=BSN_SAM)
    moeder = _persoon(api, regio.medewerker, "Jansen", geboortedatum="1980-01-01")
    vader = _persoon(api, regio.medewerker, "Visser", geboortedatum="1979-01-01")
    client = api(regio.medewerker)
    for ouder, soort in ((moeder, "ouder_met_gezag"), (vader, "ouder")):
        r = client.post(f"{sam['url']}/relaties", {"persoon": ouder["url"], "soort": soort}, format="json")
        assert r.status_code == 201, r.content
    detail = client.get(sam["url"]).json()
    assert detail["vertegenwoordigers"] == [moeder["url"]]
    relaties = client.get(f"{sam['url']}/relaties").json()["results"]
    assert len(relaties) == 2
    weg = next(r for r in relaties if r["soort"] == "ouder_met_gezag")
    assert client.delete(weg["url"]).status_code == 204
    assert client.get(sam["url"]).json()["vertegenwoordigers"] == []
    assert AuditRegel.objects.filter(actie="relatie.beeindigd").count() == 2  # one per subject


def test_cs_16_curator_needs_the_court_order(regio, api):
    """CS-16: a curator or mentor relation records the court order (kenmerk) and its scope."""
    adult = _persoon(api, regio.medewerker, "Bakker", geboortedatum="1970-01-01")
    curator = _persoon(api, regio.medewerker, "Smit", geboortedatum="1960-01-01")
    client = api(regio.medewerker)
    r = client.post(
        f"{adult['url']}/relaties", {"persoon": curator["url"], "soort": "curator"}, format="json"
    )
    assert r.status_code == 400 and r.json()["code"] == "E_PE_RELATION_INVALID"
    ok = client.post(
        f"{adult['url']}/relaties",
        {
            "persoon": curator["url"],
            "soort": "curator",
            "beschikking": {
                "kenmerk": "C/10/123456",
                "datum": "2024-05-01",
                "reikwijdte": ["vermogen", "zorg"],
            },
        },
        format="json",
    )
    assert ok.status_code == 201
    assert ok.json()["beschikking"]["reikwijdte"] == ["vermogen", "zorg"]


def test_relation_with_oneself_is_refused(regio, api):
    sam = _persoon(api, regio.medewerker, "Jansen")
    r = api(regio.medewerker).post(
        f"{sam['url']}/relaties", {"persoon": sam["url"], "soort": "ouder"}, format="json"
    )
    assert r.status_code == 400


def test_pe_07_only_the_leidinggevende_finds_incapacity(regio, api):
    """PE-07: wilsonbekwaamheid of a 16+ person is determined by the leidinggevende, with reasons."""
    persoon = _persoon(api, regio.medewerker, "Bakker", geboortedatum="1950-01-01")
    body = {
        "soort": "wilsonbekwaamheid",
        "uitkomst": True,
        "datum": "2026-01-05",
        "redenen": "Kan de informatie niet vasthouden of afwegen",
    }
    r = api(regio.medewerker).post(f"{persoon['url']}/beoordelingen", body, format="json")
    assert r.status_code == 403
    assert AuditRegel.objects.filter(actie="beoordeling.geregistreerd", status="geweigerd").exists()


def test_pe_06_competence_only_for_12_to_15(regio, api):
    """PE-06: a competence assessment applies to a 12–15-year-old; reasons are required."""
    kind = _persoon(
        api,
        regio.medewerker,
        "Jansen",
        geboortedatum=str(dt.date.today().replace(year=dt.date.today().year - 10)),
    )
    body = {"soort": "bekwaamheid_12_15", "uitkomst": True, "datum": str(dt.date.today()), "redenen": "x"}
    r = api(regio.medewerker).post(f"{kind['url']}/beoordelingen", body, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    body["redenen"] = ""
    r = api(regio.medewerker).post(f"{kind['url']}/beoordelingen", body, format="json")
    assert r.status_code == 400


def test_pe_05_age_dependent_act_without_birth_date_is_refused(regio, api):
    """PE-05: without a date of birth (or estimate), age-dependent acts are refused E_PE_AGE_UNKNOWN."""
    persoon = _persoon(api, regio.medewerker, "Onbekend")
    body = {"soort": "bekwaamheid_12_15", "uitkomst": True, "datum": "2026-01-05", "redenen": "Gesprek"}
    r = api(regio.medewerker).post(f"{persoon['url']}/beoordelingen", body, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_PE_AGE_UNKNOWN"
    # an estimate with reasons makes the act possible
    patch = api(regio.medewerker).patch(
        persoon["url"],
        {"geschatteLeeftijdscategorie": "12_15", "schattingReden": "Schoolgegevens"},
        format="json",
    )
    assert patch.status_code == 200 and patch.json()["leeftijdscategorie"] == "12_15"
    assert (
        api(regio.medewerker).post(f"{persoon['url']}/beoordelingen", body, format="json").status_code == 201
    )


def test_pe_05_estimate_needs_a_reason(regio, api):
    r = api(regio.medewerker).post(
        "/api/v1/personen",
        {"geslachtsnaam": "X", "bsnOntbreektReden": "t", "geschatteLeeftijdscategorie": "16_17"},
        format="json",
    )
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "schattingReden"


def test_pe_11_item_marked_not_for_representatives(regio):
    """PE-11: a professional marks an item 'not for representatives' with a reason; the mark is audited."""
    actor = regio.actor(regio.medewerker)
    lisa = services.registreer_persoon(
        actor=actor, data={"geslachtsnaam": "Lisa", "bsn_ontbreekt_reden": "t"}
    )
    item = "00000000-0000-4000-8000-000000000001"
    with pytest.raises(DomainError):
        services.markeer_niet_voor_vertegenwoordigers(
            actor=actor, persoon_uuid=lisa.uuid, object_type="notitie", object_uuid=item, reden=" "
        )
    assert not selectors.niet_voor_vertegenwoordigers("notitie", item)
    services.markeer_niet_voor_vertegenwoordigers(
        actor=actor,
        persoon_uuid=lisa.uuid,
        object_type="notitie",
        object_uuid=item,
        reden="Lisa wil dit niet met moeder delen",
    )
    assert selectors.niet_voor_vertegenwoordigers("notitie", item)
    assert AuditRegel.objects.filter(actie="markering.geregistreerd", status="uitgevoerd").count() == 1


def test_pe_03_secret_address_only_with_an_individual_grant(regio, api):
    """PE-03: a secret address is shown only to users the leidinggevende authorised; each view is logged."""
    sam = _persoon(
        api,
        regio.medewerker,
        "Jansen",
        geheimAdres=True,
        adres={"straat": "Schuilstraat", "huisnummer": "1", "woonplaats": "Krimpen"},
    )
    client = api(regio.medewerker)
    hidden = client.get(sam["url"]).json()
    assert hidden["adres"] is None and hidden["adresAfgeschermd"] is True
    listed = client.get("/api/v1/personen").json()["results"][0]
    assert listed["adres"] is None
    r = api(regio.leidinggevende).post(
        "/api/v1/toegangen/_verlenen",
        {
            "bron": "geheim_adres",
            "gebruiker": str(regio.medewerker.uuid),
            "object": sam["url"],
            "reden": "Huisbezoek gepland",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    shown = client.get(sam["url"]).json()
    assert shown["adres"]["straat"] == "Schuilstraat" and shown["adresAfgeschermd"] is False
    assert AuditRegel.objects.filter(actie="persoon.geheim_adres_ingezien").count() == 1
