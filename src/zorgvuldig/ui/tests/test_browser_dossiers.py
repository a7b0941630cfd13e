"""The dossier in a real browser (Chromium via Playwright), with axe-core checking WCAG 2.1 AA on every page
visited: a wijkteam worker opens a dossier for Lisa, is refused the start until the client is informed
(DS-02), records the informing checklist, the instemming (DS-03) and starts; then records notes of each
type — a fact from a third party, an opinion with its basis, the client's view (DS-07), is refused an
untyped note, adds Lisa's own statement to the opinion (DS-09) and sees every note listed with its markings,
the frame shown throughout (DS-14)."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect, sync_playwright

from zorgvuldig.conftest import als_systeem
from zorgvuldig.dossiers import policies, services
from zorgvuldig.dossiers.models import Clientverklaring, Dossier, Notitie
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.ui.tests.test_browser import CHROMIUM, geen_axe_fouten, inloggen, met_app

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]

MENING = "Lisa lijkt zich terug te trekken uit contact met leeftijdgenoten."
EIGEN_WOORDEN = "Ik trek me niet terug, ik ben gewoon moe van school."


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
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    pg = context.new_page()
    yield pg
    context.close()


def onderdeel(page, naam: str) -> None:
    """Open a sub-page of the dossier through its own navigation, check the frame is shown (DS-14)."""
    page.get_by_role("navigation", name="Onderdelen van dit dossier").get_by_role("link", name=naam).click()
    expect(page.get_by_role("heading", name=naam, level=2, exact=True)).to_be_visible()
    expect(page.get_by_text("Kader: Vrijwillig.")).to_be_visible()
    geen_axe_fouten(page)


def notitie_invullen(page, *, soort: str, tekst: str, bron: str, geverifieerd: str, **extra) -> None:
    form = page.locator("form", has=page.get_by_role("button", name="Notitie vastleggen"))
    form.get_by_label("Onderdeel van het dossier").select_option(label="Voortgang")
    if soort:
        form.get_by_role("group", name="Soort notitie").get_by_label(soort, exact=True).check()
    form.get_by_label("Notitie", exact=True).fill(tekst)
    if extra.get("basis"):
        form.get_by_label("Waarop baseert u uw oordeel?").fill(extra["basis"])
    form.get_by_role("group", name="Bron").get_by_label(bron).check()
    if extra.get("omschrijving"):
        form.get_by_label("Naam van de persoon of het document").fill(extra["omschrijving"])
    form.get_by_role("group", name="Heeft u het nagegaan (geverifieerd)?").get_by_label(geverifieerd).check()


def notitie_op_pagina(page, tekst: str):
    return page.locator("article").filter(has_text=tekst)


def test_a_worker_opens_a_dossier_informs_starts_and_records_typed_notes(regio, page):
    lisa = hulp.client(regio)
    met_app(regio.medewerker)
    inloggen(page, regio.medewerker)
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()

    # Mijn dossiers → Nieuw dossier (AC-02: own team, a person the worker may see)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dossiers").click()
    expect(page.get_by_role("heading", name="Mijn dossiers", level=1)).to_be_visible()
    expect(page.get_by_text("U heeft geen dossiers.")).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_role("link", name="Nieuw dossier").click()
    expect(page.get_by_role("heading", name="Nieuw dossier")).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_role("button", name="Dossier aanmaken").click()  # nobody chosen: the service's reason
    expect(
        page.get_by_text("Een individueel dossier heeft één cliënt; een gezinsdossier minstens één.").first
    ).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_label("Cliënt", exact=True).select_option(label="Lisa Visser (geboren 4 mei 2011)")
    page.get_by_role("button", name="Dossier aanmaken").click()
    expect(page.get_by_text(re.compile(r"Dossier D\d{4}-\w+ is aangemaakt"))).to_be_visible()
    als_systeem()
    dossier = Dossier.objects.get()
    expect(page.get_by_role("heading", name=f"Dossier {dossier.kenmerk}", level=1)).to_be_visible()
    expect(page.get_by_text("Kader: Vrijwillig.")).to_be_visible()  # DS-14
    expect(page.get_by_text("De informering is nog niet compleet.")).to_be_visible()
    geen_axe_fouten(page)

    # DS-02: no start before the client was told, orally and in writing, about every topic
    page.get_by_role("button", name="Dossier starten").click()
    expect(
        page.get_by_text(re.compile("blijft 'geregistreerd' tot de cliënt mondeling en schriftelijk"))
    ).to_be_visible()
    geen_axe_fouten(page)
    checklist = page.get_by_role("group", name="Wat heeft u de cliënt verteld?")
    for code, onderwerp in policies.INFORMATIE_ONDERWERPEN.items():
        if code != "verwijzer":
            checklist.get_by_label(f"({code}) {onderwerp}").check()
    expect(checklist.get_by_label("Wie verwees en wat daarbij is doorgegeven")).to_have_count(
        0
    )  # not referred
    page.get_by_role("button", name="Informering vastleggen").click()
    expect(page.get_by_text("Vastgelegd dat de cliënt is geïnformeerd (DS-02).")).to_be_visible()
    expect(page.get_by_text("De informering is compleet.")).to_be_visible()
    geen_axe_fouten(page)

    # DS-03: instemming, explained as not being consent
    expect(page.get_by_text(re.compile("Instemming is geen toestemming"))).to_be_visible()
    page.get_by_role("group", name="Stemt deze persoon in met de hulp van het team?").get_by_label(
        "Ja"
    ).check()
    page.get_by_role("button", name="Instemming vastleggen").click()
    expect(page.get_by_text("Lisa Visser: stemt in", exact=False)).to_be_visible()
    page.get_by_role("button", name="Dossier starten").click()
    expect(page.get_by_text("Het dossier is gestart: de vraagverheldering begint.")).to_be_visible()
    expect(page.get_by_text("Vraagverheldering", exact=True)).to_be_visible()
    geen_axe_fouten(page)

    # DS-07: notes — an untyped one is refused and nothing is stored, the typed text stays
    onderdeel(page, "Notities")
    expect(page.get_by_text("Er zijn nog geen notities.")).to_be_visible()
    notitie_invullen(
        page, soort="", tekst="Moeder belde: Lisa slaapt slecht.", bron="De cliënt", geverifieerd="Nee"
    )
    page.get_by_role("button", name="Notitie vastleggen").click()
    expect(page.get_by_text("Kies feit, mening of visie van de cliënt (DS-07).").first).to_be_visible()
    expect(page.get_by_label("Notitie", exact=True)).to_have_value("Moeder belde: Lisa slaapt slecht.")
    geen_axe_fouten(page)
    als_systeem()
    assert Notitie.objects.count() == 0

    notitie_invullen(
        page,
        soort="Feit",
        tekst="Mentor meldt drie dagen verzuim deze week.",
        bron="Iemand anders",
        omschrijving="Mentor Jan de Vries",
        geverifieerd="Nee",
    )
    page.get_by_role("button", name="Notitie vastleggen").click()
    expect(page.get_by_text("De notitie is vastgelegd.")).to_be_visible()
    notitie_invullen(
        page,
        soort="Mening (professioneel oordeel)",
        tekst=MENING,
        basis="Gesprekken van 3 en 10 maart en het huisbezoek.",
        bron="Eigen waarneming",
        geverifieerd="Nee",
    )
    page.get_by_role("button", name="Notitie vastleggen").click()
    expect(notitie_op_pagina(page, MENING)).to_be_visible()
    notitie_invullen(
        page,
        soort="Visie van de cliënt",
        tekst="Lisa vindt school saai.",
        bron="De cliënt",
        geverifieerd="Nee",
    )
    page.get_by_role("button", name="Notitie vastleggen").click()
    expect(notitie_op_pagina(page, "Lisa vindt school saai.")).to_be_visible()
    geen_axe_fouten(page)

    # DS-09: Lisa's own statement on the opinion, shown right under it
    mening = notitie_op_pagina(page, MENING)
    mening.get_by_text("Eigen verklaring van de cliënt toevoegen").click()
    mening.get_by_label("Van wie is de verklaring?").select_option(label="Lisa Visser")
    mening.get_by_label("Wat zegt de cliënt zelf over dit oordeel?").fill(EIGEN_WOORDEN)
    geen_axe_fouten(page)
    mening.get_by_role("button", name="Verklaring vastleggen").click()
    expect(page.get_by_text("De eigen verklaring is vastgelegd (DS-09).")).to_be_visible()

    # every note listed with its type, source, verified and markings
    feit = notitie_op_pagina(page, "Mentor meldt drie dagen verzuim")
    expect(feit.get_by_role("heading", name=re.compile("^Feit – "))).to_be_visible()
    expect(feit.get_by_text("Niet eigen waarneming", exact=True)).to_be_visible()
    expect(feit.get_by_text("Bron: Iemand anders (Mentor Jan de Vries)")).to_be_visible()
    expect(feit.get_by_text("Niet geverifieerd", exact=True)).to_be_visible()
    mening = notitie_op_pagina(page, MENING)
    expect(
        mening.get_by_role("heading", name=re.compile(r"^Mening \(professioneel oordeel\) – "))
    ).to_be_visible()
    expect(mening.get_by_text("Gesprekken van 3 en 10 maart en het huisbezoek.")).to_be_visible()
    expect(mening.get_by_text("Niet eigen waarneming", exact=True)).to_have_count(0)
    expect(mening.get_by_text("Eigen verklaring van Lisa Visser")).to_be_visible()
    expect(mening.get_by_text(EIGEN_WOORDEN)).to_be_visible()
    visie = notitie_op_pagina(page, "Lisa vindt school saai.")
    expect(visie.get_by_role("heading", name=re.compile("^Visie van de cliënt – "))).to_be_visible()
    expect(visie.get_by_text("Bron: De cliënt")).to_be_visible()
    geen_axe_fouten(page)

    als_systeem()
    assert sorted(Notitie.objects.values_list("soort", flat=True)) == ["client_visie", "feit", "mening"]
    assert Clientverklaring.objects.get().notitie.soort == "mening"
    assert lisa.uuid in [lid.persoon.uuid for lid in dossier.leden.all()]

    # the list shows the dossier with its status and frame
    page.get_by_role("link", name="Mijn dossiers").click()
    rij = page.get_by_role("row").filter(has_text=dossier.kenmerk)
    expect(rij.get_by_role("cell", name="Vraagverheldering")).to_be_visible()
    expect(rij.get_by_role("cell", name="Vrijwillig")).to_be_visible()
    geen_axe_fouten(page)


def test_every_dossier_page_and_the_outreach_pages_pass_axe(regio, page, browser, live_server):
    """WCAG 2.1 AA on the sub-pages not visited above, with content in them: ZRM with history, the plan, a
    referral, the frame history, safety, closure, the team meeting, the summary; the leidinggevende's
    assignments page; the outreach signals. The frame is on every dossier page (DS-14)."""
    casus = hulp.Casus(regio)
    d = casus.dossier
    for niveau in (2, 3):
        services.registreer_zrm(
            actor=regio.actor(regio.medewerker),
            uuid=d.uuid,
            persoon_uuid=None,
            domein="dagbesteding",
            niveau=niveau,
            onderbouwing="Verzuimt op school.",
            besproken_met_client=True,
        )
    met_app(regio.medewerker, regio.leidinggevende)
    inloggen(page, regio.medewerker)
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    page.goto(f"/dossiers/{d.uuid}")
    expect(page.get_by_role("heading", name=f"Dossier {d.kenmerk}")).to_be_visible()
    geen_axe_fouten(page)
    for naam, kop in (
        ("ZRM", "ZRM: zelfredzaamheid"),
        ("Plan", "Plan"),
        ("Verwijzing", "Verwijzing"),
        ("Kader", "Kader"),
        ("Veiligheid", "Veiligheid"),
        ("Afsluiten", "Afsluiten"),
        ("Teambespreking", "Bespreken in het teamoverleg"),
        ("Samenvatting", "Samenvatting"),
    ):
        page.get_by_role("navigation", name="Onderdelen van dit dossier").get_by_role(
            "link", name=naam
        ).click()
        expect(page.get_by_role("heading", name=kop, level=2, exact=True)).to_be_visible()
        expect(page.get_by_text("Kader: Vrijwillig.")).to_be_visible()
        geen_axe_fouten(page)
    # a refused form keeps its reasons accessible too (DS-14: coercion needs the court decision)
    page.get_by_role("navigation", name="Onderdelen van dit dossier").get_by_role(
        "link", name="Kader"
    ).click()
    page.get_by_label("Dwang").check()
    page.get_by_label("Reden", exact=True).fill("OTS uitgesproken")
    page.get_by_label("Wettelijke grondslag").fill("BW 1:255")
    page.get_by_role("button", name="Kader wijzigen").click()
    expect(
        page.get_by_text("Dwang vraagt de rechterlijke uitspraak: soort en kenmerk (SPEC §5 Kader).").first
    ).to_be_visible()
    geen_axe_fouten(page)
    page.goto("/zorgsignalen")
    expect(page.get_by_role("heading", name="Zorgsignalen", level=1)).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_role("link", name=re.compile("^Zorgsignaal van ")).click()
    expect(page.get_by_role("heading", name=re.compile("^Zorgsignaal van "), level=1)).to_be_visible()
    geen_axe_fouten(page)
    page.goto("/zorgsignalen/nieuw")
    geen_axe_fouten(page)

    lg = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    inloggen(lg, regio.leidinggevende)
    expect(lg.get_by_role("heading", name="Overzicht")).to_be_visible()
    lg.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dossiers").click()
    expect(lg.get_by_role("heading", name="Dossiers van uw team: toewijzen")).to_be_visible()
    geen_axe_fouten(lg)
    lg.get_by_role("link", name=d.kenmerk).click()
    expect(lg.get_by_role("heading", name="Toewijzingen", level=2)).to_be_visible()
    expect(lg.get_by_text("Kader: Vrijwillig.")).to_be_visible()
    geen_axe_fouten(lg)
    lg.get_by_label("Medewerker", exact=True).select_option(label="Pieter de Vos, Jeugdcoach")
    lg.get_by_label("Vervanger").check()
    lg.get_by_role("button", name="Toewijzen").click()
    expect(lg.get_by_text("Pieter de Vos is toegewezen als vervanger.")).to_be_visible()
    expect(lg.get_by_role("button", name="Beëindigen: Pieter de Vos")).to_be_visible()
    geen_axe_fouten(lg)
    lg.context.close()
