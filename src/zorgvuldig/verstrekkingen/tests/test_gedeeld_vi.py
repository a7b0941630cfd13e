"""SH-16, RI-05, RI-11 (professional's review 2026-11-28): the VI match notices are disclosures keyed to
the youth's BSN, not to a person record. The person's "wat is er gedeeld" (UI and API), the inzage
answer and the correction notices name them too — the viewer's own organisation's only."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM, als_systeem, maak_gebruiker
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.rechten.models import Verzoek
from zorgvuldig.verstrekkingen.models import Verstrekking
from zorgvuldig.verwijsindex.tests.hulp import VI

pytestmark = pytest.mark.django_db


def _sam(regio):
    return hulp.client(
        regio,
        voornamen="Sam",
        geslachtsnaam="Jansen",
        geboortedatum=dt.date(2011, 9, 20),
        bsn=BSN_SAM,
        bsn_ontbreekt_reden="",
    )


def _match(regio):
    """Fatima (wijkteam) and Jan (school, another controller) signal Sam: one match, two notices."""
    vi = VI(regio)
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    als_systeem()
    eigen = Verstrekking.objects.get(bron="vi_match", organisatie=regio.wijkteam)
    ander = Verstrekking.objects.get(bron="vi_match", organisatie=regio.school)
    return eigen, ander


def _tbody(r) -> str:
    return re.search(r"<tbody.*?</tbody>", html.unescape(r.content.decode()), re.S).group(0)


def test_sh_16_the_persons_page_lists_the_own_match_notices_about_the_bsn(regio, ui):
    """SH-16: "Wat is er over Sam Jansen gedeeld?" names the match notice the own organisation gave
    (recipient Jan de Vries at OSG Het Baken, G4, purpose signalling) — found by the person's BSN — and
    not the notice the school gave (another organisation's disclosure). Reading it is audited under the
    index subject."""
    sam = _sam(regio)
    eigen, ander = _match(regio)
    r = ui(regio.medewerker).get(f"/personen/{sam.uuid}/gedeeld")
    assert r.status_code == 200
    regel = _tbody(r)
    assert "OSG Het Baken (Jan de Vries)" in regel
    assert "G4 Wettelijke bevoegdheid" in regel and "Matchbericht verwijsindex" in regel
    assert "Signaleren van zorgen over jeugdigen in de verwijsindex" in regel
    assert "Wijkteam Krimpen (Fatima El Amrani)" not in regel  # the school's notice to us
    als_systeem()
    gelezen = AuditRegel.objects.filter(actie="verstrekking.ingezien", object_uuid=str(eigen.uuid))
    assert gelezen.count() == 1
    assert not AuditRegel.objects.filter(actie="verstrekking.ingezien", object_uuid=str(ander.uuid)).exists()


def test_sh_16_a_person_without_that_bsn_and_another_organisations_worker_see_no_notice(regio, ui):
    """SH-16, VI-17: the notices follow the BSN — a person record without it shows none — and only the
    disclosing organisation's staff see them: a worker of another organisation of the same controller
    does not learn that the wijkteam signalled."""
    from zorgvuldig.organisaties.models import Organisatie

    sam = _sam(regio)
    lisa = hulp.client(regio)
    _match(regio)
    assert "Er is (nog) niets over deze persoon gedeeld." in html.unescape(
        ui(regio.medewerker).get(f"/personen/{lisa.uuid}/gedeeld").content.decode()
    )
    # the selector itself: another organisation of the same controller sees the person but not the notice
    from zorgvuldig.verstrekkingen.selectors import verstrekkingen_over_persoon

    leerplicht = Organisatie.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        code="leerplicht",
        naam="Leerplicht Krimpen",
        type="overig",
    )
    ambtenaar = maak_gebruiker(leerplicht, "lp@krimpen.example.org", ["medewerker"], naam="Leer Plicht")
    assert not verstrekkingen_over_persoon(regio.actor(ambtenaar), sam).filter(bron="vi_match").exists()
    assert (
        verstrekkingen_over_persoon(regio.actor(regio.medewerker), sam).filter(bron="vi_match").count() == 1
    )


def test_sh_16_the_api_per_person_lists_the_notice_and_its_url_resolves(regio, api):
    """SH-16, API §2.6: `GET /verstrekkingen?persoon=` is the same list as the page, and each entry's
    `url` resolves (API §1.1); the organisation that did not give a notice gets 404 on it."""
    sam = _sam(regio)
    eigen, ander = _match(regio)
    client = api(regio.medewerker)
    r = client.get(f"/api/v1/verstrekkingen?persoon=http://testserver/api/v1/personen/{sam.uuid}")
    assert r.status_code == 200, r.content
    rijen = r.json()["results"]
    assert [x["uuid"] for x in rijen] == [str(eigen.uuid)]
    assert rijen[0]["bron"] == "vi_match" and rijen[0]["grond"] == "g4_wettelijke_bevoegdheid"
    assert client.get(rijen[0]["url"]).status_code == 200
    assert client.get(f"/api/v1/verstrekkingen/{ander.uuid}").status_code == 404
    # without the person filter the case team's list stays the person records' entries
    assert str(eigen.uuid) not in {x["uuid"] for x in client.get("/api/v1/verstrekkingen").json()["results"]}


def _verzoek(regio, sam, soort="inzage") -> Verzoek:
    return Verzoek.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        soort=soort,
        status="toegewezen",
        persoon=sam,
        indiener=sam,
        hoedanigheid="zelf",
        ontvangen_op=dt.date.today(),
        behandelaar=regio.medewerker,
    )


def test_ri_05_ri_11_the_inzage_and_the_correction_notices_name_the_match_notice_recipient(regio):
    """RI-05: the inzage answer lists the recipient of the controller's match notice about Sam's BSN
    (with its purpose); RI-11: the earlier recipients of a correction are that same complete list, so the
    school's leidinggevende is told through the outbox — without any of Sam's data. The school's notice to
    the wijkteam is the school's controller's disclosure, not in this answer."""
    from zorgvuldig.berichten.models import Bericht
    from zorgvuldig.rechten import selectors, services

    sam = _sam(regio)
    eigen, _ander = _match(regio)
    verzoek = _verzoek(regio, sam)
    ontvangers = selectors.stel_samen(verzoek).overzicht["ontvangers"]
    assert [(o["uuid"], o["ontvanger"], o["grond"]) for o in ontvangers] == [
        (str(eigen.uuid), "OSG Het Baken", "g4_wettelijke_bevoegdheid")
    ]
    correctie = _verzoek(regio, sam, soort="correctie")
    assert set(selectors.eerdere_ontvangers(correctie)) == {str(eigen.uuid)}
    from django.db import transaction

    with transaction.atomic():
        assert services._meld_ontvangers(correctie, [], dt.date.today()) == []
    bericht = Bericht.objects.get(
        aan="directie@hetbaken.example.org", onderwerp="Verstrekte gegevens gewijzigd"
    )
    assert str(eigen.uuid) in bericht.tekst
    for persoonlijk in ("Sam", "Jansen", BSN_SAM):
        assert persoonlijk not in bericht.tekst
