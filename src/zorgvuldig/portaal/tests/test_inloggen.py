"""Log-in to "Mijn gegevens" with the DigiD mock, and the wall between client and staff sessions."""

from __future__ import annotations

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, aanmelden, als_systeem
from zorgvuldig.portaal.sessie import SLEUTEL
from zorgvuldig.portaal.tests.hulp import BSN_LOS, inloggen, sam_en_moeder

pytestmark = pytest.mark.django_db


def test_digid_mock_log_in_end_to_end_shows_the_overview_without_a_bsn(regio, client):
    """RI-05: the client logs in with DigiD (mock IdP) and lands on "Mijn gegevens"; no BSN in any URL
    or page, only blind indexes in the session, no Django user."""
    sam_en_moeder(regio)
    r, bezocht = inloggen(client, BSN_ANDER)
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Mijn gegevens" in tekst and "Ingrid Jansen" in tekst
    assert "Sam Jansen" in tekst  # her son under 16: she may act for him (RI-02)
    for url in bezocht:
        assert BSN_ANDER not in url, url
    assert BSN_ANDER not in tekst
    sessie = client.session[SLEUTEL]
    assert BSN_ANDER not in str(sessie) and all(":" in i for i in sessie["indexen"])
    assert "_auth_user_id" not in client.session  # never a staff user (AUTH_USER_MODEL)
    als_systeem()
    regel = AuditRegel.objects.filter(actie="portaal.ingelogd").get()
    assert regel.kanaal == "portaal" and regel.actor_rol == "client" and regel.actor_gebruiker == ""
    assert regel.verwerkingsverantwoordelijke == str(regio.gemeente.uuid)


def test_log_in_without_records_shows_an_empty_overview(regio, client):
    r, _ = inloggen(client, BSN_LOS)
    assert r.status_code == 200
    assert "geen gegevens bij uw burgerservicenummer" in r.content.decode()
    assert client.get("/mijn/verzoeken/nieuw").status_code == 200  # explains whom to contact


def test_a_forged_artifact_does_not_log_in(regio, client):
    r = client.get("/mijn/digid/acs/?artefact=verzonnen")
    assert r.status_code == 302 and r["Location"] == "/mijn"
    assert SLEUTEL not in client.session
    assert client.get("/mijn/overzicht").status_code == 302


def test_a_client_session_never_reaches_staff_pages_or_the_api(regio, client):
    """AC-14 / DESIGN §5.2: a portal session is no staff session."""
    sam_en_moeder(regio)
    inloggen(client, BSN_SAM)
    for pad in ("/overzicht", "/personen", "/verzoeken", "/dossiers", "/logboek", "/admin/"):
        r = client.get(pad)
        assert r.status_code in (302, 404), pad
        if r.status_code == 302:
            assert "inloggen" in r["Location"] or "login" in r["Location"], pad
    for pad in ("/api/v1/personen", "/api/v1/verzoeken", "/api/v1/toestemmingen"):
        assert client.get(pad).status_code in (401, 403), pad


def test_a_staff_session_cannot_use_the_portal(regio, client):
    aanmelden(client, regio.medewerker)
    assert client.get("/mijn").status_code == 404
    assert client.get("/mijn/overzicht").status_code == 404
    assert client.get("/mijn/digid/acs/?artefact=x").status_code == 404


def test_a_staff_log_in_ends_the_portal_identity(regio, client):
    sam_en_moeder(regio)
    inloggen(client, BSN_SAM)
    assert SLEUTEL in client.session
    aanmelden(client, regio.medewerker)
    assert SLEUTEL not in client.session


def test_log_out_ends_the_session(regio, client):
    sam_en_moeder(regio)
    inloggen(client, BSN_SAM)
    r = client.post("/mijn/uitloggen")
    assert r.status_code == 302 and r["Location"] == "/mijn?uitgelogd=1"
    assert SLEUTEL not in client.session
    assert client.get("/mijn/overzicht").status_code == 302


def test_an_idle_session_expires(regio, client, settings):
    import time_machine

    sam_en_moeder(regio)
    inloggen(client, BSN_SAM)
    import datetime as dt

    with time_machine.travel(
        dt.datetime.now(dt.UTC) + dt.timedelta(seconds=settings.PORTAAL_INACTIEF_SECONDEN + 5)
    ):
        r = client.get("/mijn/overzicht")
    assert r.status_code == 302 and r["Location"] == "/mijn?verlopen=1"
