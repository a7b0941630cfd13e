"""The VI-beheerder's and FG's page (VI-21, VI-25): technical status without subject data; the archive
look-up for one youth and one request, audited."""

from __future__ import annotations

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM
from zorgvuldig.verwijsindex import services
from zorgvuldig.verwijsindex.tests.hulp import VI

pytestmark = pytest.mark.django_db


@pytest.fixture
def vi(regio):
    return VI(regio)


def test_vi_beheerder_page_shows_status_and_delivery_without_subject_data(vi, regio, ui):
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    r = ui(regio.vi_beheerder).get("/verwijsindex/beheer")
    assert r.status_code == 200
    html = r.content.decode()
    assert "OSG Het Baken" in html and "Wijkteam Krimpen" in html and "wacht (0 pogingen)" in html
    for verboden in (BSN_SAM, "Jan de Vries", "Fatima El Amrani"):
        assert verboden not in html


def test_vi_21_archive_look_up_in_the_ui_names_the_request(vi, regio, ui):
    s = vi.signaleer(regio.medewerker)
    services.trek_signaal_in(actor=regio.actor(regio.medewerker), uuid=s.uuid)
    client = ui(regio.fg)
    r = client.post("/verwijsindex/beheer", {"bsn": BSN_SAM, "verzoek": "Inzageverzoek 2026-014"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Fatima El Amrani" in html and "ingetrokken" in html
    assert "Actieve signalen per organisatie" not in html  # the FG gets the archive, not the technical view
    assert AuditRegel.objects.filter(
        actie="archief.doorzocht", koppeling__verzoek="Inzageverzoek 2026-014"
    ).exists()
    r = client.post("/verwijsindex/beheer", {"bsn": "123456789", "verzoek": "x"})
    assert r.status_code == 400 and "elfproef" in r.content.decode()


def test_vi_beheer_page_not_for_professionals(vi, regio, ui):
    assert ui(regio.medewerker).get("/verwijsindex/beheer").status_code == 404
    assert ui(regio.leidinggevende).get("/verwijsindex/beheer").status_code == 404
