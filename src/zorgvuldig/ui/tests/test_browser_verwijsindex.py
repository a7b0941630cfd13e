"""The verwijsindex in a real browser (Chromium via Playwright), with axe-core checking WCAG 2.1 AA on every
page: SPEC E1 — a school mentor and a wijkteam worker signal the same youth, both get the match notice in
the inbox and by e-mail with only the permitted fields (VI-11), and the worker records contact (VI-12),
the zorgcoördinator (VI-15) and that the youth was informed (VI-14)."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from django.core import mail
from playwright.sync_api import expect, sync_playwright

from zorgvuldig.berichten.bezorging import bezorg
from zorgvuldig.conftest import BSN_SAM, als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.organisaties.models import Mandaat
from zorgvuldig.ui.tests.test_browser import CHROMIUM, geen_axe_fouten, inloggen, met_app
from zorgvuldig.verwijsindex.models import Match, Signaal
from zorgvuldig.verwijsindex.tests.hulp import VI

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]


def geboren() -> str:
    """13 or 14 today: youth and parents (VI-08)."""
    return dt.date(today().year - 14, 1, 1).isoformat()


VERMOEDEN_SCHOOL = "Sam verzuimt structureel en oogt vermoeid."
VERMOEDEN_WIJKTEAM = "Zorgen over de thuissituatie van Sam."


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def venster(browser, live_server):
    """One browser context per user (own cookies): `venster()` gives a fresh page."""
    contexten = []

    def open_():
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        contexten.append(context)
        return context.new_page()

    yield open_
    for c in contexten:
        c.close()


def naar_verwijsindex(page) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Verwijsindex").click()
    expect(page.get_by_role("heading", name="Verwijsindex", level=1)).to_be_visible()
    geen_axe_fouten(page)


def vul_signaal_in(page, vermoeden: str) -> None:
    """The parts every signal needs: BSN, birth date, criterion, suspicion, information duty, risks."""
    page.get_by_label("BSN van de jongere").fill(BSN_SAM)
    page.get_by_label("Geboortedatum van de jongere").fill(geboren())
    page.get_by_label("(e) Vaak afwezig op school").check()
    page.get_by_label("Redelijk vermoeden").fill(vermoeden)
    page.get_by_label("(a) Folder van de verwijsindex").check()
    page.get_by_label("Datum van het informeren").fill(today().isoformat())
    risico = page.get_by_role("group", name="Met wie heeft u de risico's besproken?")
    risico.get_by_label("De jongere").check()
    risico.get_by_label("De ouder(s) met gezag").check()
    page.get_by_label("Datum van het gesprek over de risico's").fill(today().isoformat())


def instemming_met_beiden(page) -> None:
    groep = page.get_by_role("group", name="Met wie heeft u over instemming gesproken?")
    groep.get_by_label("De jongere").check()
    groep.get_by_label("De ouder(s) met gezag").check()
    page.get_by_label("Datum van het gesprek over instemming").fill(today().isoformat())


def vraag(page, nummer: str):
    return page.get_by_role("group", name=re.compile(rf"^{nummer}\. "))


def test_e1_two_signals_make_a_match_that_the_worker_follows_up(regio, venster):
    """E1 / VI-05 … VI-15 end to end, axe on every page."""
    VI(regio)
    met_app(regio.leraar, regio.medewerker)

    # The school mentor signals with the family's agreement (VI-05).
    mentor = venster()
    inloggen(mentor, regio.leraar)
    expect(mentor.get_by_role("heading", name="Overzicht")).to_be_visible()
    naar_verwijsindex(mentor)
    mentor.get_by_role("link", name="Signaal afgeven").click()
    expect(mentor.get_by_role("heading", name="Signaal afgeven")).to_be_visible()
    expect(mentor.get_by_text("niet op grond van toestemming (VI-05)")).to_be_visible()
    geen_axe_fouten(mentor)
    vul_signaal_in(mentor, VERMOEDEN_SCHOOL)
    mentor.get_by_label("Instemming gegeven").check()
    instemming_met_beiden(mentor)
    mentor.get_by_role("button", name="Signaal afgeven").click()
    expect(mentor.get_by_text("Uw signaal staat in de verwijsindex.")).to_be_visible()
    expect(mentor.get_by_text("Geen", exact=True).first).to_be_visible()  # no match yet
    geen_axe_fouten(mentor)

    # The wijkteam worker: the family refuses her, so she answers the four questions (VI-06).
    worker = venster()
    inloggen(worker, regio.medewerker)
    expect(worker.get_by_role("heading", name="Overzicht")).to_be_visible()
    naar_verwijsindex(worker)
    worker.get_by_role("link", name="Signaal afgeven").click()
    vul_signaal_in(worker, VERMOEDEN_WIJKTEAM)
    expect(worker.get_by_role("group", name=re.compile("Vier vragen"))).to_have_count(0)
    worker.get_by_label("Instemming geweigerd").check()
    expect(worker.get_by_role("group", name=re.compile("Vier vragen"))).to_be_visible()  # htmx
    instemming_met_beiden(worker)
    for nummer in ("1", "2", "3"):
        vraag(worker, nummer).get_by_label("Ja", exact=True).check()
    vraag(worker, "4").get_by_label("Nee", exact=True).check()
    worker.get_by_label("Toelichting op uw afweging").fill("Sam loopt gevaar; de ouders weigeren hulp.")
    geen_axe_fouten(worker)
    worker.get_by_role("button", name="Signaal afgeven").click()
    # refused: the service's message at the question, nothing stored, everything typed still there
    expect(vraag(worker, "4").get_by_text("alle vier vragen met ja beantwoord")).to_be_visible()
    expect(worker.get_by_label("Redelijk vermoeden")).to_have_value(VERMOEDEN_WIJKTEAM)
    geen_axe_fouten(worker)
    als_systeem()
    assert Signaal.objects.filter(signaleerder=regio.medewerker).count() == 0
    vraag(worker, "4").get_by_label("Ja", exact=True).check()
    worker.get_by_role("button", name="Signaal afgeven").click()
    expect(worker.get_by_text("Uw signaal staat in de verwijsindex.")).to_be_visible()
    expect(worker.get_by_role("link", name="Match bekijken")).to_be_visible()
    geen_axe_fouten(worker)
    worker.get_by_role("link", name="Verantwoording bekijken").click()
    expect(worker.get_by_text(VERMOEDEN_WIJKTEAM)).to_be_visible()
    geen_axe_fouten(worker)

    # VI-11: both are e-mailed only the other's organisation, name and contact details, and a link to
    # their own signal — no BSN, no reason, nothing about Sam.
    als_systeem()
    match = Match.objects.get()
    eigen = Signaal.objects.get(signaleerder=regio.medewerker)
    bezorg()
    post = {m.to[0]: m for m in mail.outbox}
    assert set(post) == {regio.leraar.email, regio.medewerker.email}
    aan_mentor, aan_worker = post[regio.leraar.email], post[regio.medewerker.email]
    assert "Wijkteam Krimpen" in aan_mentor.body and "Fatima El Amrani" in aan_mentor.body
    assert regio.medewerker.email in aan_mentor.body
    assert "OSG Het Baken" in aan_worker.body and "Jan de Vries" in aan_worker.body
    for m in (aan_mentor, aan_worker):
        for verboden in (BSN_SAM, "Sam", "verzuim", "thuissituatie", geboren()[:4], "Jeugdcoach"):
            assert verboden not in m.body and verboden not in m.subject
    link = re.search(r"https?://[^/\s]+(/verwijsindex/signalen/\S+)", aan_worker.body).group(1)
    assert link == f"/verwijsindex/signalen/{eigen.uuid}"

    # The mentor finds the match in the inbox; the match page shows the worker's contact set only.
    mentor.goto("/overzicht")
    bericht = mentor.get_by_role("link", name=re.compile("uw signaal heeft een match"))
    expect(bericht).to_be_visible()
    geen_axe_fouten(mentor)
    bericht.click()
    expect(mentor.get_by_role("heading", name="Match in de verwijsindex")).to_be_visible()
    rij = mentor.get_by_role("row").filter(has_text="Wijkteam Krimpen")
    expect(rij.get_by_role("cell", name="Fatima El Amrani")).to_be_visible()
    inhoud = mentor.locator("main").inner_text()
    # the BSN appears once: as the label of the mentor's own signal (review M12), never the worker's data
    assert inhoud.count(BSN_SAM) == 1 and f"BSN {BSN_SAM}, afgegeven op" in inhoud
    for verboden in (VERMOEDEN_WIJKTEAM, "Vaak afwezig", "geweigerd"):
        assert verboden not in inhoud
    geen_axe_fouten(mentor)

    # The worker follows the e-mail link, then records contact, coordinator, youth informed.
    worker.goto("/overzicht")
    expect(worker.get_by_role("link", name=re.compile("uw signaal heeft een match"))).to_be_visible()
    worker.goto(link)
    worker.get_by_role("link", name="Match bekijken").click()
    expect(worker.get_by_role("heading", name="Match in de verwijsindex")).to_be_visible()
    expect(worker.get_by_role("heading", name=re.compile("Stap 3"))).to_be_visible()
    expect(worker.get_by_text("Dit kan nadat het contact is vastgelegd.").first).to_be_visible()  # VI-12
    geen_axe_fouten(worker)
    worker.get_by_role("button", name="Contact vastleggen").click()  # nobody chosen: refused
    expect(worker.get_by_text("Kies met welke andere deelnemer(s) contact is gelegd.")).to_be_visible()
    geen_axe_fouten(worker)
    worker.get_by_role("group", name="Met wie heeft u contact gehad?").get_by_label("Jan de Vries").check()
    worker.get_by_role("button", name="Contact vastleggen").click()
    expect(worker.get_by_text("Het contact met de andere signaleerder(s) is vastgelegd.")).to_be_visible()
    geen_axe_fouten(worker)
    worker.get_by_role("group", name="Wie wordt zorgcoördinator?").get_by_label("Uzelf").check()
    worker.get_by_role("button", name="Zorgcoördinator vastleggen").click()
    expect(worker.get_by_text("De zorgcoördinator is vastgelegd.")).to_be_visible()
    worker.get_by_role("group", name="Wie heeft de jongere geïnformeerd?").get_by_label("Uzelf").check()
    worker.get_by_label("In een gesprek").check()
    worker.get_by_role("button", name="Informeren vastleggen").click()
    expect(worker.get_by_text("Vastgelegd dat de jongere over de match is geïnformeerd.")).to_be_visible()
    expect(worker.get_by_text(re.compile("in een gesprek geïnformeerd door uzelf"))).to_be_visible()
    geen_axe_fouten(worker)
    als_systeem()
    match.refresh_from_db()
    assert match.status == "contact_gelegd" and match.informeren_wijze == "gesprek"
    assert match.zorgcoordinator_id == eigen.pk

    # The mentor sees the same agreements, with the worker named as zorgcoördinator.
    mentor.reload()
    expect(mentor.get_by_text("Zorgcoördinator: Fatima El Amrani (Wijkteam Krimpen).")).to_be_visible()
    geen_axe_fouten(mentor)


def test_the_leidinggevende_hands_over_and_the_signaler_withdraws(regio, venster):
    """VI-24 (hand-over to a mandated colleague only) and VI-16/VI-17 (withdrawal after confirmation),
    axe on the overview of the organisation's signals, the hand-over refusal and the confirmation."""
    vi = VI(regio)
    signaal = vi.signaleer(regio.medewerker)
    met_app(regio.leidinggevende, regio.collega)
    lg = venster()
    inloggen(lg, regio.leidinggevende)
    expect(lg.get_by_role("heading", name="Overzicht")).to_be_visible()
    naar_verwijsindex(lg)
    expect(lg.get_by_role("heading", name="Signalen van uw organisatie")).to_be_visible()
    lg.get_by_role("link", name=BSN_SAM).click()
    expect(lg.get_by_role("heading", name="Signaal in de verwijsindex")).to_be_visible()
    geen_axe_fouten(lg)
    # only mandated colleagues are offered (AC-08): Pieter has no mandate yet
    expect(lg.get_by_label("Aan collega").locator("option", has_text="Pieter de Vos")).to_have_count(0)
    Mandaat.objects.create(gebruiker=regio.collega, soort="vi_signaleren", vanaf=dt.date(2026, 1, 1))
    lg.goto(f"/verwijsindex/signalen/{signaal.uuid}")  # not a reload: that would post again
    lg.get_by_label("Aan collega").select_option(label="Pieter de Vos, Jeugdcoach")
    lg.get_by_label("Reden van de overdracht").fill("Fatima gaat met verlof")
    lg.get_by_role("button", name="Overdragen").click()
    expect(lg.get_by_text("Het signaal is overgedragen aan Pieter de Vos.")).to_be_visible()
    expect(lg.get_by_text(re.compile("van Fatima El Amrani naar Pieter de Vos"))).to_be_visible()
    geen_axe_fouten(lg)

    pieter = venster()
    inloggen(pieter, regio.collega)
    expect(pieter.get_by_role("heading", name="Overzicht")).to_be_visible()
    naar_verwijsindex(pieter)
    pieter.get_by_role("link", name=BSN_SAM).click()
    pieter.get_by_role("link", name="Signaal intrekken").click()
    expect(pieter.get_by_role("heading", name="Signaal intrekken")).to_be_visible()
    geen_axe_fouten(pieter)
    pieter.get_by_role("button", name="Ja, intrekken").click()
    expect(pieter.get_by_text("Het signaal is ingetrokken.")).to_be_visible()
    expect(pieter.get_by_text("Er zijn geen actieve signalen.")).to_be_visible()
    geen_axe_fouten(pieter)
    pieter.goto(f"/verwijsindex/signalen/{signaal.uuid}")
    expect(pieter.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()  # VI-17
    geen_axe_fouten(pieter)
