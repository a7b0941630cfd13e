"""Professional's review 2026-11-28: advice recorded in someone's name reaches that person (SH-09, SH-11),
and the FG's log names a sharing decision's processing purpose and ground, not SH-03's class (AU-02)."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError
from zorgvuldig.dossiers.tests import hulp as dh
from zorgvuldig.ui.tests.test_ui_delen import g5_via_service
from zorgvuldig.verstrekkingen import deelbesluiten
from zorgvuldig.verstrekkingen.models import Deelbesluit
from zorgvuldig.werkvoorraad.selectors import taken_voor

pytestmark = pytest.mark.django_db

ADVIES = "Delen, alleen de waarneming van het huisbezoek."


@pytest.fixture
def casus(regio):
    return dh.Casus(regio)


def _geconsulteerd(regio, casus):
    besluit = g5_via_service(regio, casus)
    deelbesluiten.consulteer(
        actor=regio.actor(regio.medewerker),
        uuid=besluit.uuid,
        adviseur=regio.leidinggevende,
        tijdstip=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5),
        advies=ADVIES,
    )
    return besluit


def _tekst(r) -> str:
    return html.unescape(r.content.decode())


def test_sh_11_the_consulted_leidinggevende_gets_a_task_and_a_message_without_client_data(casus, regio):
    """SH-09, SH-11: Fatima records Marieke's advice herself; Marieke hears of it — a task in her overview
    (derived, no client data: the colleague's name and the page) and an e-mail through the outbox that
    names the colleague, the dossier's reference and the link, never the advice or the client."""
    besluit = _geconsulteerd(regio, casus)
    [taak] = [t for t in taken_voor(regio.actor(regio.leidinggevende)) if t.soort == "advies_bevestigen"]
    assert taak.url == f"/deelbesluiten/{besluit.uuid}/advies" and taak.wie == "Fatima El Amrani"
    assert not taak.afrondbaar and taak.regel == "SH-11"
    assert "Lisa" not in taak.titel
    # the one who recorded it has no such task
    assert not [t for t in taken_voor(regio.actor(regio.medewerker)) if t.soort == "advies_bevestigen"]
    als_systeem()
    bericht = Bericht.objects.get(aan=regio.leidinggevende.email)
    assert bericht.onderwerp == "Advies op uw naam vastgelegd" and bericht.gebruiker == regio.leidinggevende
    assert "Fatima El Amrani" in bericht.tekst and casus.dossier.kenmerk in bericht.tekst
    assert f"/deelbesluiten/{besluit.uuid}/advies" in bericht.tekst
    for verboden in ("Lisa", "Visser", "waarneming", "Veilig Thuis"):
        assert verboden not in bericht.tekst + bericht.onderwerp


def test_sh_11_the_advisers_overview_shows_the_message_and_the_task(casus, regio, ui):
    """SH-11: Marieke's overview shows, in "Berichten", that Fatima recorded advice in her name (dossier
    reference, link to her page, no client data) and the task under "Taken en termijnen"."""
    besluit = _geconsulteerd(regio, casus)
    pagina = _tekst(ui(regio.leidinggevende).get("/overzicht"))
    berichten = pagina.split("Berichten")[-1]
    assert "Fatima El Amrani heeft een advies van u vastgelegd bij een deelbesluit in dossier " in berichten
    assert casus.dossier.kenmerk in berichten and f"/deelbesluiten/{besluit.uuid}/advies" in berichten
    assert "Advies op uw naam vastgelegd: bevestigen of corrigeren" in pagina
    assert "Lisa" not in berichten and ADVIES not in pagina
    # not in the overview of whoever recorded it
    assert "advies van u vastgelegd" not in _tekst(ui(regio.medewerker).get("/overzicht"))


def test_sh_11_the_adviser_reads_and_corrects_the_advice_audited(casus, regio, ui):
    """SH-11: on her page Marieke reads the advice as recorded (audited) and corrects it; a correction
    without her own words is refused and changes nothing. The correction is kept beside the recorded
    advice, audited, shown on the decision, and its maker is e-mailed (no advice text); her task is gone
    and a second reaction is refused. Nobody else opens her page."""
    besluit = _geconsulteerd(regio, casus)
    pad = f"/deelbesluiten/{besluit.uuid}/advies"
    assert ui(regio.collega).get(pad).status_code == 404  # not the adviser: the not-found page
    marieke = ui(regio.leidinggevende)
    r = marieke.get(pad)
    assert r.status_code == 200
    assert ADVIES in _tekst(r) and "Fatima El Amrani" in _tekst(r)
    als_systeem()
    gelezen = AuditRegel.objects.filter(
        actie="deelbesluit.ingezien", actor_gebruiker=str(regio.leidinggevende.uuid)
    ).latest("id")
    assert gelezen.velden == ["consultatie"] and gelezen.object_uuid == str(besluit.uuid)

    r = marieke.post(pad, {"akkoord": "nee", "toelichting": ""})
    assert r.status_code == 200 and "Schrijf op wat uw advies wel was" in _tekst(r)
    als_systeem()  # the request cleared its context (PostgreSQL row security)
    assert deelbesluiten.advies_reactie(Deelbesluit.objects.get(pk=besluit.pk)) is None

    r = marieke.post(pad, {"akkoord": "nee", "toelichting": "Eerst Veilig Thuis bellen, dan pas delen."})
    assert r.status_code == 302
    als_systeem()
    rij = Deelbesluit.objects.get(pk=besluit.pk)
    reactie = deelbesluiten.advies_reactie(rij)
    assert reactie["akkoord"] is False and "Eerst Veilig Thuis bellen" in reactie["toelichting"]
    assert deelbesluiten.antwoorden(rij)["consultatie"]["advies"] == ADVIES  # the record stays
    regel = AuditRegel.objects.get(actie="deelbesluit.advies_gecorrigeerd")
    assert regel.actor_gebruiker == str(regio.leidinggevende.uuid) and regel.velden == ["consultatie"]
    mail = Bericht.objects.get(
        aan=regio.medewerker.email, onderwerp="Advies bij een deelbesluit gecorrigeerd"
    )
    assert "Eerst Veilig Thuis" not in mail.tekst and "Lisa" not in mail.tekst
    assert not [t for t in taken_voor(regio.actor(regio.leidinggevende)) if t.soort == "advies_bevestigen"]
    assert "Eerst Veilig Thuis bellen" in _tekst(ui(regio.medewerker).get(f"/deelbesluiten/{besluit.uuid}"))
    # once only
    assert "akkoord" not in _tekst(marieke.get(pad)).split("Uw reactie")[1]
    with pytest.raises(DomainError):
        deelbesluiten.reageer_op_advies(
            actor=regio.actor(regio.leidinggevende), uuid=besluit.uuid, akkoord=True
        )


def test_sh_11_confirming_the_advice_ends_the_task(casus, regio, ui):
    """SH-11: confirming is one click; audited `deelbesluit.advies_bevestigd`, no e-mail to the maker."""
    besluit = _geconsulteerd(regio, casus)
    r = ui(regio.leidinggevende).post(f"/deelbesluiten/{besluit.uuid}/advies", {"akkoord": "ja"})
    assert r.status_code == 302
    als_systeem()
    assert AuditRegel.objects.filter(actie="deelbesluit.advies_bevestigd").count() == 1
    assert not Bericht.objects.filter(aan=regio.medewerker.email).exists()
    assert not [t for t in taken_voor(regio.actor(regio.leidinggevende)) if t.soort == "advies_bevestigen"]


def test_au_02_the_fgs_log_shows_the_decisions_purpose_ground_and_link(casus, regio, ui):
    """AU-02 (review 2026-11-28): "Besluit over delen genomen" and "Verstrekking uitgevoerd" of a G5 share
    to Veilig Thuis (SH-03 class C) show the processing purpose of step 1 — not "Voor de taak van de
    ontvanger", the class — with the ground G5 and the decision's reference."""
    besluit = _geconsulteerd(regio, casus)
    actor = regio.actor(regio.medewerker)
    deelbesluiten.besluit(actor=actor, uuid=besluit.uuid, besluit_="delen", redenen="Onderzoek VT.")
    deelbesluiten.voer_uit(actor=actor, uuid=besluit.uuid, datum=today(), vorm="digitaal")
    pagina = _tekst(
        ui(regio.fg).post("/logboek", {"geslachtsnaam": "Visser", "geboortedatum": "2011-05-04"})
    ).split("Logregels (")[1]
    for actie in ("Besluit over delen genomen", "Verstrekking uitgevoerd"):
        [regel] = [r for r in pagina.split("<tr") if f"{actie}<" in r]
        assert "Voor de taak van de ontvanger" not in regel, actie
        assert "Doel: Afstemming tussen hulpverleners en casusoverleg" in regel, actie
        assert "grond G5 Wettelijke plicht" in regel and f"Deelbesluit {str(besluit.uuid)[:8]}" in regel
