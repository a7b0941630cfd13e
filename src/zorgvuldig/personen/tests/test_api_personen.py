"""Persons over the API: registration with and without BSN, visibility, BSN secrecy, bad input."""

from __future__ import annotations

import json

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM, als_systeem
from zorgvuldig.personen.models import Persoon as _Persoon


class _Alle:
    """`Persoon.objects` seen as the system, so assertions mean the same on SQLite and PostgreSQL."""

    @property
    def objects(self):
        als_systeem()
        return _Persoon.objects


Persoon = _Alle()

pytestmark = pytest.mark.django_db


def nieuw(api, gebruiker, **extra):
    body = {"geslachtsnaam": "Jansen", "voornamen": "Sam", "geboortedatum": "2012-05-01", **extra}
    return api(gebruiker).post("/api/v1/personen", body, format="json")


def test_pe_01_person_without_bsn_needs_a_reason(regio, api):
    """PE-01: a person can be registered without BSN, but only with a recorded reason."""
    refused = nieuw(api, regio.medewerker)
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["name"] == "bsnOntbreektReden"
    assert not Persoon.objects.exists()
    ok = nieuw(api, regio.medewerker, bsnOntbreektReden="Dakloos; identificatie zou hulp in de weg staan")
    assert ok.status_code == 201
    assert ok.json()["heeftBsn"] is False


def test_bsn_is_encrypted_at_rest_and_only_for_the_case_team(regio, api):
    r = nieuw(api, regio.medewerker, bsn=BSN_SAM)
    assert r.status_code == 201, r.content
    assert r.json()["bsn"] == BSN_SAM
    row = Persoon.objects.get()
    assert BSN_SAM not in row.bsn_versleuteld and BSN_SAM not in row.bsn_index
    assert r.json()["leeftijdscategorie"] in {"12_15", "onder_12"}


def test_invalid_bsn_is_refused_without_echoing_it(regio, api):
    r = nieuw(api, regio.medewerker, bsn="123456789")
    assert r.status_code == 400
    assert "123456789" not in r.content.decode()
    assert r["Content-Type"] == "application/problem+json"
    assert not Persoon.objects.exists()


def test_other_organisation_gets_404_like_a_missing_person(regio, api):
    """AC-14 / not-found = forbidden: the school cannot tell a hidden person from a missing one."""
    uuid = nieuw(api, regio.medewerker, bsn=BSN_SAM).json()["uuid"]
    hidden = api(regio.leraar).get(f"/api/v1/personen/{uuid}")
    missing = api(regio.leraar).get("/api/v1/personen/00000000-0000-4000-8000-000000000000")
    assert hidden.status_code == missing.status_code == 404
    strip = lambda b: {k: v for k, v in b.items() if k != "traceId"}  # noqa: E731
    assert strip(hidden.json()) == strip(missing.json())
    assert api(regio.leraar).get("/api/v1/personen").json()["count"] == 0


def test_colleague_without_grant_sees_nothing(regio, api):
    """AC-04: a medewerker reads only with a grant (case team or substitute)."""
    uuid = nieuw(api, regio.medewerker, bsn=BSN_SAM).json()["uuid"]
    assert api(regio.collega).get(f"/api/v1/personen/{uuid}").status_code == 404


def test_technical_beheerder_reaches_no_content(regio, api):
    """AC-06: the technical beheerder has no content scopes."""
    uuid = nieuw(api, regio.medewerker, bsn=BSN_SAM).json()["uuid"]
    for path in (f"/api/v1/personen/{uuid}", "/api/v1/personen"):
        r = api(regio.beheerder).get(path)
        assert r.status_code == 403
        assert r.json()["code"] == "E_AC_ADMIN_CONTENT"


def test_au_01_read_writes_an_audit_entry_naming_the_grant(regio, api):
    """AU-01, AU-09: the read is audited with the grant that allowed it, and never the BSN."""
    uuid = nieuw(api, regio.medewerker, bsn=BSN_SAM).json()["uuid"]
    api(regio.medewerker).get(f"/api/v1/personen/{uuid}")
    entry = AuditRegel.objects.filter(actie="persoon.ingezien").get()
    assert entry.toegang and entry.betrokkene and entry.object_uuid == uuid
    assert entry.verwerkingsactiviteit == "sociaal-domein-ondersteuning"
    assert "bsn" in entry.velden
    for row in AuditRegel.objects.all():
        assert BSN_SAM not in json.dumps(row.chain_fields())


def test_search_by_bsn_uses_the_blind_index(regio, api):
    nieuw(api, regio.medewerker, bsn=BSN_SAM)
    r = api(regio.medewerker).post("/api/v1/personen/_zoek", {"bsn": BSN_SAM}, format="json")
    assert r.status_code == 200 and r.json()["count"] == 1
    assert (
        api(regio.leraar).post("/api/v1/personen/_zoek", {"bsn": BSN_SAM}, format="json").json()["count"] == 0
    )


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"geslachtsnaam": "A\\u0000B", "bsnOntbreektReden": "x"}',
        b'{"geslachtsnaam": "A", "bsnOntbreektReden": "x", "onbekend": 1}',
        b'{"geslachtsnaam": 12345678901234567890, "bsnOntbreektReden": "x", "geboortedatum": "morgen"}',
        b'["lijst"]',
        b'{"geslachtsnaam": "' + b"x" * 300 + b'", "bsnOntbreektReden": "x"}',
        b'{"geslachtsnaam": "A", "bsnOntbreektReden": "x", "geboortedatum": NaN}',
        # nested far deeper than any body of the API: a clear 400, not a RecursionError (500)
        b'{"geslachtsnaam": ' + b"[" * 500 + b"1" + b"]" * 500 + b', "bsnOntbreektReden": "x"}',
        b"[" * 100_000 + b"]" * 100_000,
        # a number where text is expected is refused, not turned into its digits
        b'{"geslachtsnaam": "A", "bsn": 999993653}',
        b'{"geslachtsnaam": 5, "bsnOntbreektReden": "x"}',
        # a key given twice: which value would be checked and which stored?
        b'{"geslachtsnaam": "A", "geslachtsnaam": "B", "bsnOntbreektReden": "x"}',
    ],
)
def test_bad_input_is_400_problem_json_and_stores_nothing(regio, api, body):
    r = api(regio.medewerker).post("/api/v1/personen", body, content_type="application/json")
    assert r.status_code == 400, r.content
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["code"] == "E_INVALID_INPUT"
    assert not Persoon.objects.exists()


def test_oversized_body_is_400(regio, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"geslachtsnaam": "A", "bsnOntbreektReden": "x" * 5000})
    r = api(regio.medewerker).post("/api/v1/personen", body, content_type="application/json")
    assert r.status_code == 400
    assert not Persoon.objects.exists()


def test_a_patch_body_may_carry_the_merge_patch_media_type(regio, api):
    """API §1.1: PATCH is a JSON merge patch (RFC 7396), so `application/merge-patch+json` is accepted
    there; other methods keep `application/json` only (415)."""
    url = f"/api/v1/personen/{nieuw(api, regio.medewerker, bsnOntbreektReden='onbekend').json()['uuid']}"
    client = api(regio.medewerker)
    r = client.patch(
        url, json.dumps({"voornamen": "Sam Pieter"}), content_type="application/merge-patch+json"
    )
    assert r.status_code == 200, r.content
    assert client.get(url).json()["voornamen"] == "Sam Pieter"
    body = json.dumps({"geslachtsnaam": "A", "bsnOntbreektReden": "onbekend"})
    r = client.post("/api/v1/personen", body, content_type="application/merge-patch+json")
    assert r.status_code == 415 and r["Content-Type"] == "application/problem+json"


def test_the_reasons_of_refused_fields_are_dutch(regio, api):
    """API §1.5: `invalidParams[].reason` is Dutch — also where DRF's own Dutch catalogue has no text."""

    def redenen(**body) -> dict:
        r = api(regio.medewerker).post("/api/v1/personen", {"bsnOntbreektReden": "x", **body}, format="json")
        assert r.status_code == 400
        return {p["name"]: p["reason"] for p in r.json()["invalidParams"]}

    assert redenen(geslachtsnaam=["A"]) == {"geslachtsnaam": "Verwacht tekst."}
    fout = redenen(geslachtsnaam="A", geboortedatum="morgen", geheimAdres="soms")
    assert fout == {
        "geboortedatum": "Verwacht een datum als JJJJ-MM-DD.",
        "geheimAdres": "Verwacht true of false.",
    }
