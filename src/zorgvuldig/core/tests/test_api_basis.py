"""API conventions (API §1): headers, no trailing slash, problem+json for every error, health."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_api_version_and_security_headers(regio, api):
    r = api(regio.medewerker).get("/api/v1/personen")
    assert r.status_code == 200
    assert r["API-Version"] == "1.0.0"
    assert r["Cache-Control"] == "no-store"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in r["Content-Security-Policy"]
    assert r["Referrer-Policy"] == "no-referrer"


def test_trailing_slash_is_404_problem(regio, api):
    r = api(regio.medewerker).get("/api/v1/personen/")
    assert r.status_code == 404
    assert r.json()["code"] == "E_NOT_FOUND"


def test_unsupported_method_is_405_problem(regio, api):
    r = api(regio.fg).delete("/api/v1/auditregels")
    assert r.status_code == 405
    assert r["Content-Type"] == "application/problem+json"


def test_ac_07_no_access_before_the_confidentiality_undertaking(regio, api):
    """AC-07: until the undertaking is accepted, everything but the profile is 403 E_AC_NO_UNDERTAKING."""
    regio.collega.geheimhoudingsverklaring_op = None
    regio.collega.save()
    client = api(regio.collega)
    r = client.get("/api/v1/personen")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NO_UNDERTAKING"
    assert client.get("/api/v1/gebruikersprofiel").status_code == 200
    for versie in ("nonsense", "2025-1", ""):  # only the version in force (settings.UI_VERKLARING_VERSIE)
        r = client.post(
            "/api/v1/gebruikersprofiel/geheimhoudingsverklaring", {"versie": versie}, format="json"
        )
        assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT"
    assert client.get("/api/v1/personen").status_code == 403
    ok = client.post(
        "/api/v1/gebruikersprofiel/geheimhoudingsverklaring", {"versie": "2026-1"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["geheimhoudingsverklaringOp"]
    assert client.get("/api/v1/personen").status_code == 200


def test_health_reports_database_and_sealing_backlog(client, db):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json()["database"] == "ok" and "auditWachtrij" in r.json()


def test_openapi_is_public(client, db):
    r = client.get("/api/v1/openapi.yaml")
    assert r.status_code == 200 and b"/api/v1/personen" in r.content
    assert r["Access-Control-Allow-Origin"] == "*"


def test_a_nul_character_in_the_query_is_a_clear_400_everywhere(regio, api, ui):
    """Bad input gets a clear error and changes nothing; PostgreSQL cannot compare NUL, so without this a
    list filter with one answered 500."""
    for pad in (
        "/api/v1/dossiers?status=%00",
        "/api/v1/deelbesluiten?status=a%00b",
        "/api/v1/verzoeken?%00=1",
    ):
        r = api(regio.medewerker).get(pad)
        assert r.status_code == 400, pad
        assert r["Content-Type"].startswith("application/problem+json")
        assert r.json()["code"] == "E_INVALID_INPUT" and r.json()["traceId"]
    r = ui(regio.medewerker).get("/dossiers?status=%00")
    assert r.status_code == 400 and "ongeldig teken" in r.content.decode()
    assert api(regio.medewerker).get("/api/v1/dossiers?status=geregistreerd").status_code == 200


@pytest.mark.parametrize(
    "pad",
    [
        "/api/v1/matches?gewijzigdVanaf={}",
        "/api/v1/signalen?verwijderdatumTot={}",
        "/api/v1/auditregels?tijdstipVanaf={}",
        "/api/v1/auditregels?tijdstipTot={}",
        "/api/v1/rapportages/verwijsindex?periodeTot={}",
        "/api/v1/rapportages/dossiers?periodeVanaf={}",
        "/api/v1/bewaartermijnen?vervaldatumTot={}",
    ],
)
def test_a_date_or_moment_the_api_cannot_use_is_a_400_on_that_parameter(regio, api, pad):
    """API §1.5: a date at the ends of the calendar, hour 24 or an offset of days is refused on the
    parameter — before, a time-zone shift or a month's end past year 9999 made these a 500."""
    rol = regio.fg if "auditregels" in pad or "bewaartermijnen" in pad else regio.leidinggevende
    if "/matches" in pad or "/signalen" in pad:
        rol = regio.medewerker  # a mandated signaler; the VI-beheerder gets the technical view
    naam = pad.split("?")[1].split("=")[0]
    for waarde in (
        "0001-01-01",
        "9999-12-31",
        "2026-03-02T24:00:00Z",
        "2026-03-02T00:00:00%2B99:00",
        "morgen",
    ):
        r = api(rol).get(pad.format(waarde))
        assert r.status_code == 400, (pad, waarde, r.content)
        assert r.json()["code"] == "E_INVALID_INPUT"
        assert [p["name"] for p in r.json()["invalidParams"]] == [naam]
    goed = (
        "2026-03-02T10:00:00Z" if naam in {"gewijzigdVanaf", "tijdstipVanaf", "tijdstipTot"} else "2026-03-02"
    )
    assert api(rol).get(pad.format(goed)).status_code == 200, pad


def test_a_refused_token_with_an_unsupported_accept_is_not_a_500(regio, api, client):
    """A partner whose token was revoked, asking for XML: 406 (the format is refused before the token is
    looked at), never a 500 from authenticating inside the error handler."""
    for accept in ("application/xml", "application/pdf"):
        r = client.get("/api/v1/signalen", HTTP_AUTHORIZATION="Token " + "0" * 40, HTTP_ACCEPT=accept)
        assert r.status_code == 406, r.content
    r = client.get("/api/v1/signalen", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert r.status_code == 401


def test_a_page_or_page_size_that_is_no_positive_number_is_a_400_not_a_404(regio, api):
    """API §1.2/§1.5: 404 means a missing or hidden record; a bad `page` or `pageSize` is a 400 on that
    parameter, and a bad size no longer silently falls back to 20."""
    client = api(regio.fg)
    for query, naam in (
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("page=last", "page"),
        ("page=99", "page"),  # past the last page
        ("pageSize=0", "pageSize"),
        ("pageSize=-5", "pageSize"),
        ("pageSize=1e400", "pageSize"),
    ):
        r = client.get(f"/api/v1/doelen?{query}")
        assert r.status_code == 400, (query, r.content)
        assert [p["name"] for p in r.json()["invalidParams"]] == [naam], query
    r = client.get("/api/v1/doelen?page=1&pageSize=100000")
    assert r.status_code == 200 and len(r.json()["results"]) == min(100, r.json()["count"])
    assert client.get("/api/v1/doelen?pageSize=1&page=2").status_code == 200


def test_a_bsn_in_the_query_string_is_refused_everywhere_and_never_echoed(regio, api):
    """API §1.2: no BSN in a URL. A list that ignored the parameter answered with every visible person,
    the first of whom a naive integrator would take for the one searched; now it is a clear 400."""
    from zorgvuldig.conftest import BSN_SAM

    client = api(regio.medewerker)
    for pad in ("/api/v1/personen", "/api/v1/dossiers", "/api/v1/toestemmingen", "/api/v1/signalen"):
        for naam in ("bsn", "BSN"):
            r = client.get(f"{pad}?{naam}={BSN_SAM}")
            assert r.status_code == 400, (pad, r.content)
            assert r.json()["code"] == "E_INVALID_INPUT" and BSN_SAM not in r.content.decode()
    assert client.get("/api/v1/personen").status_code == 200


def test_a_session_post_without_its_csrf_token_is_refused_in_dutch(regio):
    """A browser session must send its CSRF token; the refusal explains it in Dutch (API §1.5)."""
    from django.test import Client

    from zorgvuldig.conftest import aanmelden

    client = Client(enforce_csrf_checks=True)
    aanmelden(client, regio.medewerker)
    r = client.post("/api/v1/personen", {"geslachtsnaam": "A"}, content_type="application/json")
    assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"
    assert r.json()["detail"].startswith("De CSRF-controle faalde") and "Failed" not in r.content.decode()
