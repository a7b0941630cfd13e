"""HEAD answers like GET without a body, OPTIONS names the methods (RFC 9110, API §1.4); a `_zoek` with a BSN
that fails the 11-proef is 400 `E_INVALID_INPUT` on `bsn` without repeating it (API §1.5, PE-01)."""

from __future__ import annotations

import pytest

from zorgvuldig.conftest import BSN_SAM
from zorgvuldig.dossiers.tests import hulp

pytestmark = pytest.mark.django_db

ONGELDIG_BSN = "123456789"  # 9 digits, fails the 11-proef


def test_head_answers_like_get_without_a_body(regio, api):
    hulp.client(regio)
    c = api(regio.medewerker)
    for pad in ("/api/v1/personen", "/api/v1/dossiers"):
        get, head = c.get(pad), c.head(pad)
        assert get.status_code == head.status_code == 200, head.content
        assert head.content == b""
    # no scope: HEAD is refused exactly as GET, never "recht op 'None'"
    get, head = api(regio.beheerder).get("/api/v1/personen"), api(regio.beheerder).head("/api/v1/personen")
    assert get.status_code == head.status_code
    assert head.content == b""


def test_au_04_head_on_an_invisible_record_is_a_refused_404_like_get(regio, api):
    d = hulp.dossier(regio)
    c = api(regio.collega)
    assert c.get(f"/api/v1/dossiers/{d.uuid}").status_code == 404
    assert c.head(f"/api/v1/dossiers/{d.uuid}").status_code == 404


def test_options_names_the_allowed_methods_and_never_scope_none(regio, api):
    c = api(regio.medewerker)
    r = c.options("/api/v1/personen")
    assert r.status_code == 200 and r.content == b""
    allow = {m.strip() for m in r["Allow"].split(",")}
    assert {"GET", "POST", "OPTIONS"} <= allow and "DELETE" not in allow
    r = api(regio.beheerder).options("/api/v1/dossiers")
    assert r.status_code == 200 and "None" not in r.content.decode()
    assert api().options("/api/v1/personen").status_code == 401  # still signed in only


@pytest.mark.parametrize(
    "pad,body",
    [
        ("/api/v1/personen/_zoek", {"bsn": ONGELDIG_BSN}),
        ("/api/v1/dossiers/_zoek", {"bsn": ONGELDIG_BSN}),
        ("/api/v1/verzoeken/_zoek", {"bsn": ONGELDIG_BSN}),
        ("/api/v1/auditregels/_zoek", {"bsn": ONGELDIG_BSN}),
    ],
)
def test_pe_01_zoek_with_a_bsn_failing_the_11_proef_is_400_on_bsn_without_echo(regio, api, pad, body):
    gebruiker = (
        regio.fg if "auditregels" in pad else regio.leidinggevende if "verzoeken" in pad else regio.medewerker
    )
    r = api(gebruiker).post(pad, body, format="json")
    assert r.status_code == 400, r.content
    fout = r.json()
    assert fout["code"] == "E_INVALID_INPUT"
    assert [p["name"] for p in fout["invalidParams"]] == ["bsn"]
    assert ONGELDIG_BSN not in r.content.decode()


def test_pe_01_zoek_with_a_valid_bsn_still_finds(regio, api):
    sam = hulp.client(regio, bsn=BSN_SAM, bsn_ontbreekt_reden="")
    r = api(regio.medewerker).post("/api/v1/personen/_zoek", {"bsn": BSN_SAM}, format="json")
    assert r.status_code == 200
    assert [p["uuid"] for p in r.json()["results"]] == [str(sam.uuid)]
