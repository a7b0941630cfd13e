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
