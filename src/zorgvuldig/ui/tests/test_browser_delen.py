"""Sharing in a real browser (Chromium via Playwright), with axe-core checking WCAG 2.1 AA on every page
visited.

E5 end to end: a wijkteam worker opens Lisa's dossier, records notes of each type — a fact, an opinion with
its basis, the client's view (DS-07) — and runs the "mag ik delen?" wizard for Veilig Thuis, which asks
for its investigation: G5 (statutory duty), class C, the fact note, informing postponed for safety; every
step shows its explanation and, after saving, its result (SH-21); the ground's questions appear when G5 is
chosen (htmx). Deciding before consulting is refused with E_SH_CONSULT_REQUIRED (SH-09); she records the
leidinggevende's advice (SH-11), decides with reasons (SH-10) and executes (SH-16). The leidinggevende finds
the share awaiting approval in the register and approves postponing with a review date (SH-14). The worker
sees the provision in "wat is er over Lisa gedeeld"; the FG finds it in the register by recipient and
period, without the items.

A second journey: a written, explicit consent recorded by form (CS-01 … CS-05), revoked with one click,
its consequences shown in plain Dutch (CS-07).
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect, sync_playwright

from zorgvuldig.conftest import als_systeem
from zorgvuldig.dossiers.tests import hulp as dossierhulp
from zorgvuldig.toestemmingen.models import Toestemming
from zorgvuldig.ui.tests.test_browser import CHROMIUM, geen_axe_fouten, inloggen, met_app
from zorgvuldig.ui.tests.test_browser_dossiers import notitie_invullen, notitie_op_pagina
from zorgvuldig.verstrekkingen import policies as p
from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking
from zorgvuldig.verstrekkingen.tests import hulp

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]

FEIT = "Bij het huisbezoek had moeder een blauwe plek op haar arm."
MENING = "Moeder lijkt bang voor de reactie van vader."
VISIE = "Lisa zegt dat het thuis rustig is."
DOEL = "Verstrekken en opvragen van gegevens ('mag ik delen?')"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    pg = context.new_page()
    yield pg
    context.close()


def nieuwe_pagina(browser, live_server):
    return browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()


def menu(page, naam: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=naam).click()


def tab(page, naam: str) -> None:
    page.get_by_role("navigation", name="Onderdelen van dit dossier").get_by_role("link", name=naam).click()


def kies(form, groep: str, optie: str) -> None:
    form.get_by_role("group", name=groep, exact=True).get_by_label(optie, exact=True).check()


def test_e5_a_worker_shares_with_veilig_thuis_under_g5_and_sees_it_in_the_register(
    regio, page, browser, live_server
):
    lisa = dossierhulp.client(regio)
    dossier = dossierhulp.dossier(regio, persoon=lisa)
    dossierhulp.gestart(regio, dossier)
    vt = hulp.veilig_thuis(regio)
    met_app(regio.medewerker, regio.leidinggevende, regio.fg)

    # the worker opens the dossier and records a note of each type (DS-07)
    inloggen(page, regio.medewerker)
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    menu(page, "Dossiers")
    page.get_by_role("link", name=dossier.kenmerk).click()
    expect(page.get_by_role("heading", name=f"Dossier {dossier.kenmerk}", level=1)).to_be_visible()
    tab(page, "Notities")
    notitie_invullen(page, soort="Feit", tekst=FEIT, bron="Eigen waarneming", geverifieerd="Ja")
    page.get_by_role("button", name="Notitie vastleggen").click()
    expect(notitie_op_pagina(page, FEIT)).to_be_visible()
    notitie_invullen(
        page,
        soort="Mening (professioneel oordeel)",
        tekst=MENING,
        basis="Gesprek met moeder op 3 maart.",
        bron="Eigen waarneming",
        geverifieerd="Nee",
    )
    page.get_by_role("button", name="Notitie vastleggen").click()
    expect(notitie_op_pagina(page, MENING)).to_be_visible()
    notitie_invullen(page, soort="Visie van de cliënt", tekst=VISIE, bron="De cliënt", geverifieerd="Nee")
    page.get_by_role("button", name="Notitie vastleggen").click()
    expect(notitie_op_pagina(page, VISIE)).to_be_visible()
    geen_axe_fouten(page)

    # the "Delen" tab, then the wizard: every step explains itself and names its rule (SH-21)
    tab(page, "Delen")
    expect(page.get_by_role("heading", name="Delen", level=2)).to_be_visible()
    expect(page.get_by_text("Er zijn nog geen deelbesluiten.")).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_role("link", name="Nieuw deelbesluit").click()
    expect(page.get_by_role("heading", name=re.compile("Nieuw deelbesluit: mag ik delen?"))).to_be_visible()
    for nummer, uitleg in p.UITLEG.items():
        expect(page.get_by_text(uitleg)).to_be_visible()
        expect(page.get_by_role("group", name=re.compile(f"^Stap {nummer}: "))).to_be_visible()
    geen_axe_fouten(page)

    form = page.locator("form", has=page.get_by_role("button", name="Opslaan en controleren"))
    ontvanger = form.get_by_role("group", name="Ontvanger en verzoek")
    ontvanger.get_by_label("Organisatie van de ontvanger").select_option(label="Veilig Thuis Zuid-Holland")
    ontvanger.get_by_label("Naam van de ontvanger").fill("Team onderzoek")
    ontvanger.get_by_label("Het verzoek: doel en context").fill(
        "Onderzoek naar een melding van huiselijk geweld in het gezin."
    )
    kies(ontvanger, "Voor wiens taak deelt u?", "C – alleen voor de taak van de ontvanger")
    stap1 = form.get_by_role("group", name="Stap 1: Doel")
    stap1.get_by_label("Doel (verwerkingsactiviteit)").select_option(label=DOEL)
    stap2 = form.get_by_role("group", name="Stap 2: Grondslag")
    kies(stap2, "Uw grondslag", "c – wettelijke verplichting")
    kies(stap2, "Grondslag van de ontvanger", "c – wettelijke verplichting")
    stap3 = form.get_by_role("group", name="Stap 3: Noodzaak")
    gegeven = stap3.get_by_role("group", name="Gegeven 1", exact=True)
    notitie = gegeven.get_by_label("Notitie uit het dossier")
    notitie.select_option(
        notitie.locator("option", has_text="Feit: Bij het huisbezoek").get_attribute("value")
    )
    gegeven.get_by_label("Omschrijving").fill("Waarneming huisbezoek")
    stap3.get_by_label("Waarom is delen nodig?").fill(
        "Veilig Thuis heeft de waarneming nodig voor het onderzoek."
    )
    kies(stap3, "Kunt u de gegevens bij de cliënt zelf vragen, of kan de cliënt ze zelf geven?", "Nee")
    kies(stap3, "Zijn anonieme gegevens genoeg?", "Nee")
    kies(stap3, "Is alleen het feit dát u betrokken bent genoeg (een dat-gegeven)?", "Nee")
    stap5 = form.get_by_role("group", name="Stap 5: Beroepsgeheim en grond")
    kies(stap5, "Heeft u een beroepsgeheim voor deze gegevens?", "Ja")
    expect(stap5.get_by_role("group", name="Vragen bij G5 Wettelijke plicht")).to_have_count(0)
    stap5.get_by_role("group", name="Op welke grond deelt u?").get_by_label(
        re.compile("^G5 Wettelijke plicht")
    ).check()
    vragen = stap5.get_by_role("group", name="Vragen bij G5 Wettelijke plicht")
    expect(vragen).to_be_visible()  # htmx: the ground's own questions appear
    kies(vragen, "Tegenover wie geldt de wettelijke plicht?", "Veilig Thuis (melding of onderzoek)")
    vragen.get_by_label("Wettelijke bepaling").fill("Wmo 2015 art. 5.2.6")
    geen_axe_fouten(page)
    stap6 = form.get_by_role("group", name="Stap 6: De cliënt informeren")
    kies(stap6, "Wanneer hoort de cliënt ervan?", "Uitgesteld (alleen met goedkeuring van de leidinggevende)")
    kies(
        stap6,
        "Grond voor uitstel",
        "Veiligheid: er zijn concrete aanwijzingen dat informeren iemand in gevaar brengt",
    )
    stap8 = form.get_by_role("group", name="Stap 8: Rechten van de cliënt")
    stap8.get_by_label(re.compile("Ik bevestig: heeft de cliënt gereageerd")).check()
    stap8.get_by_label(re.compile("Ik bevestig: geen enkel gegeven")).check()
    page.get_by_role("button", name="Opslaan en controleren").click()

    # the live result per step after saving (SH-21)
    expect(page.get_by_text("Het concept is opgeslagen.", exact=False)).to_be_visible()
    expect(page.get_by_text("8 van de 8 stappen zijn in orde.")).to_be_visible()
    expect(page.get_by_text("Uitkomst stap 3: in orde")).to_be_visible()
    expect(page.get_by_text(re.compile("Raadpleeg nu de leidinggevende"))).to_be_visible()
    geen_axe_fouten(page)
    als_systeem()
    besluit = Deelbesluit.objects.get()
    assert besluit.status == p.CONCEPT and besluit.grond == p.G5 and besluit.ontvanger_organisatie == vt

    # SH-09: deciding before consulting is refused with its code, and nothing changes
    page.get_by_role("link", name="Naar het besluit").click()
    expect(
        page.get_by_role("heading", name=re.compile("^Deelbesluit: Veilig Thuis Zuid-Holland"))
    ).to_be_visible()
    geen_axe_fouten(page)
    besluitform = page.locator("form", has=page.get_by_role("button", name="Besluit vastleggen"))
    besluitform.get_by_label("Delen", exact=True).check()
    besluitform.get_by_label("Redenen van het besluit").fill("Nodig voor het onderzoek van Veilig Thuis.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(
        page.get_by_text(
            "Raadpleeg eerst de leidinggevende en leg vast wie, wanneer en welk advies (SH-09, SH-11)."
        )
    ).to_be_visible()
    expect(
        page.get_by_text("Code: E_SH_CONSULT_REQUIRED – Eerst de leidinggevende raadplegen.")
    ).to_be_visible()
    geen_axe_fouten(page)
    als_systeem()
    assert Deelbesluit.objects.get().status == p.CONCEPT

    # SH-11: the consultation — who, when, advice; then the decision with reasons (SH-10) and execution
    consultatie = page.locator("form", has=page.get_by_role("button", name="Consultatie vastleggen"))
    consultatie.get_by_label("Wie heeft u geraadpleegd?").select_option(label="Marieke Bakker, Jeugdcoach")
    consultatie.get_by_label("Advies").fill("Delen, alleen wat het onderzoek nodig heeft.")
    page.get_by_role("button", name="Consultatie vastleggen").click()
    expect(page.get_by_text("De consultatie is vastgelegd (SH-11).")).to_be_visible()
    expect(page.get_by_text(re.compile("^Geraadpleegd: Marieke Bakker"))).to_be_visible()
    besluitform = page.locator("form", has=page.get_by_role("button", name="Besluit vastleggen"))
    besluitform.get_by_label("Delen", exact=True).check()
    besluitform.get_by_label("Redenen van het besluit").fill("Nodig voor het onderzoek van Veilig Thuis.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd in het dossier (SH-10).")).to_be_visible()
    geen_axe_fouten(page)
    uitvoeren = page.locator("form", has=page.get_by_role("button", name="Verstrekking vastleggen"))
    uitvoeren.get_by_label("Digitaal").check()
    page.get_by_role("button", name="Verstrekking vastleggen").click()
    expect(page.get_by_text(re.compile("staat in het verstrekkingenregister \\(SH-16\\)"))).to_be_visible()
    expect(page.get_by_text(re.compile("de leidinggevende moet dat nog goedkeuren"))).to_be_visible()
    geen_axe_fouten(page)
    als_systeem()
    assert Deelbesluit.objects.get().status == p.UITGEVOERD

    # SH-14: the leidinggevende approves postponing informing, with a review date within 30 days
    lg = nieuwe_pagina(browser, live_server)
    inloggen(lg, regio.leidinggevende)
    expect(lg.get_by_role("heading", name="Overzicht")).to_be_visible()
    menu(lg, "Verstrekkingenregister")
    expect(lg.get_by_role("heading", name="Verstrekkingenregister", level=1)).to_be_visible()
    geen_axe_fouten(lg)
    lg.get_by_role("link", name=f"Uitstel beoordelen: {dossier.kenmerk}").click()
    expect(lg.get_by_role("heading", name="Uitstel van informeren goedkeuren", level=1)).to_be_visible()
    geen_axe_fouten(lg)
    uitstel = lg.locator("form", has=lg.get_by_role("button", name="Uitstel goedkeuren"))
    expect(uitstel.get_by_label(re.compile("^Veiligheid"))).to_be_checked()  # as the worker asked
    uitstel.get_by_label("Concrete aanwijzingen", exact=True).fill(
        "De melding gaat over geweld van vader; informeren brengt moeder in gevaar."
    )
    review = dt.date.today() + dt.timedelta(days=30)
    expect(uitstel.get_by_label("Opnieuw bekijken op")).to_have_value(review.isoformat())
    lg.get_by_role("button", name="Uitstel goedkeuren").click()
    expect(lg.get_by_text(re.compile("^Het uitstel is goedgekeurd."))).to_be_visible()
    expect(lg.get_by_text("Informeren uitgesteld", exact=True)).to_be_visible()
    geen_axe_fouten(lg)
    lg.context.close()
    als_systeem()
    besluit = Deelbesluit.objects.get()
    assert besluit.status == p.INFORMEREN_UITGESTELD and besluit.reviewdatum == review

    # the worker sees the postponement on the decision and the provision in "wat is gedeeld" (SH-16)
    page.reload()
    expect(page.get_by_text("Informeren uitgesteld", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("^Uitstel goedgekeurd door Marieke Bakker"))).to_be_visible()
    geen_axe_fouten(page)
    tab(page, "Delen")
    rij = page.get_by_role("row").filter(has_text="Veilig Thuis Zuid-Holland")
    expect(rij.get_by_role("cell", name="Informeren uitgesteld")).to_be_visible()
    expect(rij.get_by_role("cell", name="G5 Wettelijke plicht")).to_be_visible()
    page.get_by_role("link", name="Wat is er over Lisa Visser gedeeld?").click()
    expect(page.get_by_role("heading", name="Wat is er over Lisa Visser gedeeld?", level=1)).to_be_visible()
    regel = page.get_by_role("row").filter(has_text="Veilig Thuis Zuid-Holland (Team onderzoek)")
    expect(regel.get_by_role("cell", name="Waarneming huisbezoek")).to_be_visible()
    expect(regel.get_by_role("cell", name="G5 Wettelijke plicht")).to_be_visible()
    geen_axe_fouten(page)
    regel.get_by_role("link", name="Deelbesluit bekijken").click()
    expect(page.get_by_role("heading", name=re.compile("^Deelbesluit: Veilig Thuis"))).to_be_visible()
    als_systeem()
    assert Verstrekking.objects.get().persoon == lisa

    # the FG searches the register by recipient and period: metadata only, no items
    fg = nieuwe_pagina(browser, live_server)
    inloggen(fg, regio.fg)
    expect(fg.get_by_role("heading", name="Overzicht")).to_be_visible()
    menu(fg, "Verstrekkingenregister")
    fg.get_by_label("Ontvangende organisatie").select_option(label="Veilig Thuis Zuid-Holland")
    fg.get_by_label("Van", exact=True).fill(dt.date.today().isoformat())
    fg.get_by_role("button", name="Zoeken").click()
    expect(fg.get_by_role("heading", name="Verstrekkingen (1)")).to_be_visible()
    regel = fg.get_by_role("row").filter(has_text="Veilig Thuis Zuid-Holland")
    expect(regel.get_by_role("cell", name="G5 Wettelijke plicht")).to_be_visible()
    expect(fg.get_by_text("Waarneming huisbezoek")).to_have_count(0)
    expect(fg.get_by_role("columnheader", name="Gegevens")).to_have_count(0)
    geen_axe_fouten(fg)
    fg.context.close()


def test_cs_07_a_consent_recorded_by_form_is_revoked_with_one_click(regio, page):
    """CS-01 … CS-05: a written, explicit secrecy release by Lisa (14) and her mother naming Veilig Thuis;
    CS-07: revoking is one click and the consequences are shown in plain Dutch."""
    casus = hulp.casus_met_moeder(regio)
    hulp.veilig_thuis(regio)
    met_app(regio.medewerker)
    inloggen(page, regio.medewerker)
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    page.goto(f"/dossiers/{casus.dossier.uuid}/delen")
    page.get_by_role("link", name="Toestemming vastleggen").click()
    expect(page.get_by_role("heading", name="Toestemming vastleggen voor Lisa Visser")).to_be_visible()
    expect(page.get_by_text(re.compile("Let op: u kiest toestemming als grondslag"))).to_be_visible()  # CS-10
    geen_axe_fouten(page)
    form = page.locator("form", has=page.get_by_role("button", name="Toestemming vastleggen"))
    form.get_by_label(re.compile(r"^\(2\) Doorbreken van het beroepsgeheim")).check()
    form.get_by_role("group", name="Wat is de stand?").get_by_label("Gegeven", exact=True).check()
    gevers = form.get_by_role("group", name="Wie geeft of weigert de toestemming?")
    gevers.get_by_label("Lisa Visser zelf").check()
    gevers.get_by_label("Sanne Visser, ouder met gezag van Lisa Visser").check()
    vandaag = dt.date.today().isoformat()
    form.get_by_label("Jongere gehoord op").fill(vandaag)
    form.get_by_label("Mening van de jongere").fill("Vindt het goed.")
    form.get_by_label("Doel (verwerkingsactiviteit)").select_option(label=DOEL)
    form.get_by_role("group", name="Ontvangers uit de lijst").get_by_label(
        "Veilig Thuis Zuid-Holland"
    ).check()
    form.get_by_label("Welke soorten gegevens?").fill("schoolgegevens")
    form.get_by_label("Welke gegevens precies?").fill("Verzuimgegevens van dit schooljaar")
    form.get_by_label("Waarom is delen nodig voor de hulp?").fill(
        "Zodat Veilig Thuis de situatie kan beoordelen."
    )
    form.get_by_label(re.compile(r"^Schriftelijk \(op papier")).check()
    form.get_by_label("De toestemming is uitdrukkelijk gegeven").check()
    onderwerpen = form.get_by_role("group", name="Waarover heeft u de cliënt vooraf geïnformeerd?")
    for label in ("Het doel", "Wie de gegevens krijgt", "Welke gegevens het zijn"):
        onderwerpen.get_by_label(re.compile(f"^{label}")).check()
    form.get_by_label(re.compile("^Ik bevestig: delen is in het belang")).check()
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Toestemming van Lisa Visser")).to_be_visible()
    geen_axe_fouten(page)

    page.get_by_role("button", name="Intrekken").click()  # one click (CS-07)
    expect(page.get_by_text("De toestemming is ingetrokken. Dat geldt vanaf nu (CS-07).")).to_be_visible()
    expect(page.get_by_role("heading", name="Wat betekent het intrekken?")).to_be_visible()
    expect(
        page.get_by_text("Wat wij eerder met uw toestemming deden, blijft wel toegestaan.", exact=False)
    ).to_be_visible()
    geen_axe_fouten(page)
    als_systeem()
    assert Toestemming.objects.get().status == "ingetrokken"
