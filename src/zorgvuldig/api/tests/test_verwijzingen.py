"""API §1.1: references are URLs both ways, times are UTC; AC-09 log access through the API."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel

pytestmark = pytest.mark.django_db


def _persoon(api, user, **extra):
    r = api(user).post(
        "/api/v1/personen", {"geslachtsnaam": "Jansen", "bsnOntbreektReden": "t", **extra}, format="json"
    )
    assert r.status_code == 201, r.content
    return r.json()


def test_times_are_utc_with_z_and_references_are_resolvable_urls(regio, api):
    p = _persoon(api, regio.medewerker)
    assert p["aangemaakt"].endswith("Z")
    dt.datetime.fromisoformat(p["aangemaakt"])
    client = api(regio.medewerker)
    org = client.get(p["organisatie"])
    assert org.status_code == 200 and org.json()["naam"] == "Wijkteam Krimpen"
    vv = client.get(org.json()["verwerkingsverantwoordelijke"])
    assert vv.status_code == 200 and vv.json()["url"] == p["verwerkingsverantwoordelijke"]
    assert client.get("/api/v1/organisaties").json()["count"] == 2


def test_foreign_or_malformed_urls_are_400(regio, api):
    p = _persoon(api, regio.medewerker)
    m = _persoon(api, regio.medewerker, geboortedatum="1980-01-01")
    client = api(regio.medewerker)
    for url in (
        m["url"].replace("testserver", "evil.example.org"),
        "/api/v1/personen/niet-een-uuid",
        m["url"] + "/extra",
        "https://testserver/api/v1/organisaties/" + m["uuid"],
    ):
        r = client.post(f"{p['url']}/relaties", {"persoon": url, "soort": "ouder"}, format="json")
        assert r.status_code == 400, url
        assert r.json()["invalidParams"][0]["name"] == "persoon"


def test_pe_07_person_shows_the_incapacity_finding(regio, api):
    p = _persoon(api, regio.medewerker, geboortedatum="1950-01-01")
    assert p["wilsonbekwaam"] is False
    from zorgvuldig.personen.selectors import persoon_of_404
    from zorgvuldig.toegang.services import verleen

    persoon, _ = persoon_of_404(regio.actor(regio.medewerker), p["uuid"])
    verleen(
        actor=regio.actor(regio.leidinggevende),
        object=persoon,
        bron="sectie",
        ontvanger_gebruiker=regio.leidinggevende,
        reden="Beoordeling",
        rechten={"lezen", "aanvullen"},
    )
    r = api(regio.leidinggevende).post(
        f"{p['url']}/beoordelingen",
        {
            "soort": "wilsonbekwaamheid",
            "uitkomst": True,
            "datum": "2026-01-05",
            "redenen": "Kan de informatie niet vasthouden of afwegen",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    assert api(regio.medewerker).get(p["url"]).json()["wilsonbekwaam"] is True


def test_ac_09_fg_gives_the_auditor_time_limited_read_access_to_the_log(regio, api):
    """AC-09 via the API: the FG grants statutory access on the organisation; the auditor then reads."""
    org_url = f"http://testserver/api/v1/organisaties/{regio.wijkteam.uuid}"
    body = {
        "bron": "wettelijk",
        "gebruiker": str(regio.auditor.uuid),
        "object": org_url,
        "reden": "Jaarlijkse controle",
        "geldigTot": str(dt.date.today() + dt.timedelta(days=30)),
        "wettelijk": {"instantie": "Accountant", "bepaling": "Gemeentewet art. 213", "doel": "Controle"},
    }
    assert api(regio.auditor).get("/api/v1/auditregels").status_code == 403
    assert (
        api(regio.leidinggevende).post("/api/v1/toegangen/_verlenen", body, format="json").status_code == 400
    )
    r = api(regio.fg).post("/api/v1/toegangen/_verlenen", body, format="json")
    assert r.status_code == 201, r.content
    assert api(regio.auditor).get("/api/v1/auditregels").status_code == 200
    too_long = {**body, "geldigTot": str(dt.date.today() + dt.timedelta(days=120))}
    assert api(regio.fg).post("/api/v1/toegangen/_verlenen", too_long, format="json").status_code == 400
    other = {**body, "object": f"http://testserver/api/v1/organisaties/{regio.school.uuid}"}
    assert api(regio.fg).post("/api/v1/toegangen/_verlenen", other, format="json").status_code == 404
    assert AuditRegel.objects.filter(actie="toegang.verleend", status="uitgevoerd").count() == 1


def test_au_05_fg_searches_the_log_by_bsn_and_reads_a_persons_audit_trail(regio, api):
    """AU-05: the FG finds a person's entries by BSN (body only) or through /personen/{uuid}/audittrail."""
    from zorgvuldig.conftest import BSN_SAM

    p = _persoon(api, regio.medewerker, bsn=BSN_SAM)
    api(regio.medewerker).get(p["url"])
    fg = api(regio.fg)
    r = fg.post("/api/v1/auditregels/_zoek", {"bsn": BSN_SAM}, format="json")
    assert r.status_code == 200
    acties = {x["actie"] for x in r.json()["results"]}
    assert {"persoon.geregistreerd", "persoon.ingezien"} <= acties
    trail = fg.get(f"{p['url']}/audittrail")
    assert trail.status_code == 200 and trail.json()["count"] >= 2
    assert (
        fg.post("/api/v1/auditregels/_zoek", {"bsn": BSN_SAM, "persoon": p["url"]}, format="json").status_code
        == 400
    )
    assert api(regio.medewerker).get(f"{p['url']}/audittrail").status_code == 404
    assert BSN_SAM not in r.content.decode()
