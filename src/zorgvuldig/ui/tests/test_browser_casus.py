"""SPEC worked example E6 in a real browser (Chromium via Playwright), with axe-core checking WCAG 2.1 AA
on the pages visited: the wijkteam's procesregisseur registers Tom (17) for the Local PGA, checks the
criteria and accepts (CT-02), invites four parties with role and reason (CT-04, CT-06) — police and youth
care with their own task, the attendance officer as INFORMANT, an addiction expert as ADVISOR. The police
answer only the triage question (CT-05); the conference starts once client involvement is recorded
(CT-07); police contribute under Wpg art 20 (refused on consent), youth care with Tom's consent (CT-08,
CT-09). Each participant logs in and sees only what its role allows (CT-06); the allocation, approved by
its contributor, writes a disclosure (CT-12) and then decides what each one sees; contributions do not
print (CT-11); at afschaling youth care links its executed sharing decision to its contribution, the
procesregisseur closes the joint file with that contribution transferred and the rest archived, and the
participants lose the case (CT-15, RT-08)."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect, sync_playwright

from zorgvuldig.casusoverleg.models import Bijdrage, Casusoverleg, Toedeling
from zorgvuldig.casusoverleg.tests.hulp import Tafel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.ui.forms_dossier import persoon_label
from zorgvuldig.ui.tests.test_browser import CHROMIUM, geen_axe_fouten, inloggen, met_app
from zorgvuldig.ui.tests.test_ui_casus import eigen_deelbesluit
from zorgvuldig.verstrekkingen.models import Verstrekking

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]

VRAAG = "Tom heeft drie politieregistraties in twaalf maanden en is gestopt met school."
VRAAG_INFORMANT = "Staat Tom nog ingeschreven op een school?"
POLITIE = "Drie registraties: winkeldiefstal in maart, vernieling in mei, overlast in augustus."
ZORG = "Tom gebruikt dagelijks cannabis; de behandeling is gestart."


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


def aan_tafel(browser, live_server, gebruiker):
    """One participant's own browser: logged in with both factors."""
    page = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    inloggen(page, gebruiker)
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    return page


def open_casus(page, kenmerk: str) -> None:
    """Through the menu and the list, as a user would."""
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Casusoverleg").click()
    expect(page.get_by_role("heading", name="Mijn casusoverleggen", level=1)).to_be_visible()
    page.get_by_role("link", name=kenmerk).click()
    expect(page.get_by_role("heading", name=f"Casusoverleg {kenmerk}", level=1)).to_be_visible()


def melding(page, tekst: str) -> None:
    expect(page.get_by_role("status").get_by_text(tekst)).to_be_visible()


def fout(page, tekst: str) -> None:
    expect(page.get_by_role("alert").get_by_text(tekst).first).to_be_visible()


def formulier(page, knop: str):
    return page.locator("form", has=page.get_by_role("button", name=knop, exact=True))


def test_e6_local_pga_for_tom_in_the_browser(regio, browser, live_server):
    t = Tafel(regio)
    met_app(regio.medewerker, t.agent, t.jeugdwerker, t.leerplichtambtenaar, t.expert)

    # --- Intake (CT-02): the procesregisseur registers and accepts ---------------------------------------
    fatima = aan_tafel(browser, live_server, regio.medewerker)
    fatima.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Casusoverleg").click()
    expect(fatima.get_by_text("U neemt nog niet deel aan een casusoverleg.")).to_be_visible()
    geen_axe_fouten(fatima)
    fatima.get_by_role("link", name="Nieuwe aanmelding").click()
    expect(fatima.get_by_role("heading", name="Nieuwe aanmelding", level=1)).to_be_visible()
    geen_axe_fouten(fatima)
    fatima.get_by_label("Soort overleg").select_option(label="Lokale PGA Krimpen")
    fatima.get_by_label("Over wie gaat het?").select_option(label=persoon_label(t.tom))
    fatima.get_by_label("Vraag aan het overleg").fill(VRAAG)
    fatima.get_by_role("button", name="Aanmelden").click()
    melding(fatima, "is aangemeld.")
    als_systeem()
    casus = Casusoverleg.objects.get()
    expect(fatima.get_by_role("heading", name=f"Casusoverleg {casus.kenmerk}", level=1)).to_be_visible()
    expect(fatima.get_by_text("Dit overleg is vertrouwelijk (CT-11).")).to_be_visible()
    geen_axe_fouten(fatima)

    intake = formulier(fatima, "Accepteren")
    intake.get_by_role("button", name="Accepteren").click()  # nothing answered: the service's reason
    fout(fatima, "Beantwoord elk criterium van het type met ja of nee (CT-02).")
    geen_axe_fouten(fatima)
    for criterium in t.type.criteria:
        intake.get_by_role("group", name=criterium).get_by_label("Ja").check()
    intake.get_by_role("group", name="Heeft u de betrokkene verteld over de aanmelding?").get_by_label(
        "Ja"
    ).check()
    intake.get_by_role("button", name="Accepteren").click()
    melding(fatima, "De aanmelding is geaccepteerd (CT-02).")

    # --- Triage (CT-04, CT-05, CT-06): four parties, each with role and reason -----------------------------
    fatima.get_by_role("button", name="Naar triage").click()
    melding(fatima, "Het overleg staat nu op: triage.")
    for org, wie, rol, vraag in (
        (t.politie, t.agent, "Eigen taak", ""),
        (t.jeugdzorg, t.jeugdwerker, "Eigen taak", ""),
        (t.leerplicht, t.leerplichtambtenaar, "Informant", VRAAG_INFORMANT),
        (t.verslaving, t.expert, "Adviseur", ""),
    ):
        fatima.get_by_text("Een partij uitnodigen").click()
        uitnodiging = formulier(fatima, "Uitnodigen")
        uitnodiging.get_by_label("Organisatie").select_option(label=org.naam)
        uitnodiging.get_by_label("Medewerker").select_option(label=f"{wie.naam} ({org.naam})")
        uitnodiging.get_by_role("group", name="Rol aan tafel (CT-06)").get_by_label(
            re.compile(f"^{rol}:")
        ).check()
        uitnodiging.get_by_label("Waarom is deze partij nodig?").fill(
            f"{org.naam} is nodig voor de aanpak van Tom."
        )
        if vraag:
            uitnodiging.get_by_label("Vraag aan de informant").fill(vraag)
        uitnodiging.get_by_role("button", name="Uitnodigen").click()
        melding(fatima, f"{org.naam} is uitgenodigd als")
    deelnemers = fatima.get_by_role("table").filter(has_text="Waarom nodig")
    expect(deelnemers.get_by_role("row")).to_have_count(5)
    geen_axe_fouten(fatima)

    agent = aan_tafel(browser, live_server, t.agent)
    open_casus(agent, casus.kenmerk)
    expect(agent.get_by_text("Tom Kramer", exact=False).first).to_be_visible()  # OWN_TASK sees the case
    triage = formulier(agent, "Antwoord geven")
    expect(triage.locator("input:not([type=hidden]), textarea, select")).to_have_count(
        5
    )  # 2 radios + contact
    triage.get_by_role("group", name=re.compile("^Kent uw organisatie deze persoon")).get_by_label(
        "Ja"
    ).check()
    triage.get_by_role("button", name="Antwoord geven").click()
    fout(agent, "Noem de contactpersoon als u betrokken bent.")
    formulier(agent, "Antwoord geven").get_by_label("Naam van de contactpersoon").fill("Wijkagent Smit")
    formulier(agent, "Antwoord geven").get_by_label("Telefoonnummer van de contactpersoon").fill("0612345678")
    agent.get_by_role("button", name="Antwoord geven").click()
    melding(agent, "Uw antwoord op de triagevraag is vastgelegd (CT-05).")
    geen_axe_fouten(agent)

    # --- Conference: not before client involvement is recorded (CT-07, CT-13) ----------------------------
    fatima.reload()
    expect(fatima.get_by_role("row").filter(has_text="Politie Krimpen")).to_contain_text("Kent de persoon")
    fatima.get_by_role("button", name="Agenderen").click()
    melding(fatima, "Het overleg staat nu op: geagendeerd.")
    fatima.get_by_role("button", name="Overleg starten").click()
    fout(fatima, "Leg vast hoe de cliënt betrokken wordt, of waarom niet (CT-07).")
    fatima.get_by_text("Vastleggen hoe de cliënt betrokken en geïnformeerd wordt").click()
    client = formulier(fatima, "Opslaan")
    client.get_by_label("Hoe wordt de cliënt betrokken?").fill(
        "Tom komt bij het tweede deel van het overleg."
    )
    client.get_by_label("Wie informeert de cliënt?").select_option(
        label=f"Jeugdzorg Krimpen, {t.jeugdwerker.naam} (eigen taak)"
    )
    client.get_by_label("Wat mag met de cliënt gedeeld worden?").fill("Het plan en de afspraken.")
    client.get_by_role("button", name="Opslaan").click()
    melding(fatima, "Vastgelegd hoe de cliënt betrokken en geïnformeerd wordt (CT-07, CT-13).")
    fatima.get_by_role("button", name="Overleg starten").click()
    melding(fatima, "Het overleg staat nu op: in overleg.")

    # --- Contributions (CT-08, CT-09): police under Wpg art 20, youth care with Tom's consent ---------------
    agent.reload()
    inbreng = formulier(agent, "Bijdrage inbrengen")
    inbreng.get_by_label("Uw bijdrage").fill(POLITIE)
    inbreng.get_by_role("group", name="Soort bijdrage").get_by_label("Feit", exact=True).check()
    inbreng.get_by_role("group", name="Bron").get_by_label(
        "Een registratie (bijvoorbeeld een politiesysteem)"
    ).check()
    inbreng.get_by_role("group", name=re.compile("^Gaat het om bijzondere")).get_by_label("Nee").check()
    inbreng.get_by_label("Op welke grond brengt u dit in?").select_option(label="Toestemming van de cliënt")
    inbreng.get_by_role("button", name="Bijdrage inbrengen").click()
    fout(agent, "Politie en OM brengen in op hun eigen wettelijke grond, nooit op toestemming (CT-08).")
    inbreng = formulier(agent, "Bijdrage inbrengen")
    expect(inbreng.get_by_label("Uw bijdrage")).to_have_value(POLITIE)  # nothing lost, nothing stored
    geen_axe_fouten(agent)
    inbreng.get_by_label("Op welke grond brengt u dit in?").select_option(
        label="Wet politiegegevens, artikel 20 (politie)"
    )
    inbreng.get_by_role("button", name="Bijdrage inbrengen").click()
    melding(agent, "Uw bijdrage is ingebracht.")

    t.toestemming_tom()  # Tom's written consent in youth care's own registry
    coach = aan_tafel(browser, live_server, t.jeugdwerker)
    open_casus(coach, casus.kenmerk)
    expect(coach.get_by_text(POLITIE)).to_be_visible()  # during the conference: the confirmed items
    inbreng = formulier(coach, "Bijdrage inbrengen")
    inbreng.get_by_label("Uw bijdrage").fill(ZORG)
    inbreng.get_by_role("group", name="Soort bijdrage").get_by_label("Feit", exact=True).check()
    inbreng.get_by_role("group", name="Bron").get_by_label("Eigen waarneming").check()
    inbreng.get_by_role("group", name=re.compile("^Gaat het om bijzondere")).get_by_label("Ja").check()
    # what the consent must cover (CS-02, CT-08): Tom's consent names health data
    inbreng.get_by_label("Welke soorten gegevens brengt u in?").fill("gezondheid")
    inbreng.get_by_label("Op welke grond brengt u dit in?").select_option(label="Toestemming van de cliënt")
    inbreng.get_by_label("Welke toestemming?").select_option(index=1)
    inbreng.get_by_label("Waarom heeft uw eigen taak dit nodig?").fill(
        "Zodat het plan aansluit op de behandeling."
    )
    inbreng.get_by_role("button", name="Bijdrage inbrengen").click()
    melding(coach, "Uw bijdrage is ingebracht.")
    eigen = coach.locator("article").filter(has_text=ZORG)
    expect(eigen.get_by_text("Grond: Toestemming van de cliënt")).to_be_visible()
    expect(
        eigen.get_by_text("De toestemming uit uw register is vastgelegd bij deze bijdrage.")
    ).to_be_visible()
    geen_axe_fouten(coach)

    # --- What each role sees (CT-06) ---------------------------------------------------------------------
    leerplicht = aan_tafel(browser, live_server, t.leerplichtambtenaar)
    open_casus(leerplicht, casus.kenmerk)
    expect(leerplicht.get_by_text("Tom Kramer", exact=False).first).to_be_visible()
    expect(leerplicht.get_by_text(VRAAG_INFORMANT)).to_be_visible()
    for niet in (VRAAG, POLITIE, ZORG, "Politie Krimpen", "Verslavingszorg Zuid"):
        expect(leerplicht.get_by_text(niet)).to_have_count(0)
    expect(leerplicht.get_by_role("heading", name="Deelnemers")).to_have_count(0)
    geen_axe_fouten(leerplicht)

    expert = aan_tafel(browser, live_server, t.expert)
    open_casus(expert, casus.kenmerk)
    expect(expert.get_by_text(casus.pseudoniem, exact=False).first).to_be_visible()
    expect(expert.get_by_text("Kramer", exact=False)).to_have_count(0)
    expect(expert.get_by_text(POLITIE)).to_be_visible()
    expect(expert.get_by_text(ZORG)).to_be_visible()
    geen_axe_fouten(expert)

    # --- Allocation (CT-12): police item to youth care, approved by the police ------------------------------
    fatima.goto(f"/casusoverleggen/{casus.uuid}")
    fatima.get_by_text("Bijdragen toedelen aan een deelnemer").click()
    toedeling = formulier(fatima, "Toedelen")
    toedeling.get_by_label("Welke deelnemer krijgt de gegevens?").select_option(
        label=f"Jeugdzorg Krimpen, {t.jeugdwerker.naam} (eigen taak)"
    )
    toedeling.get_by_label(re.compile("^Feit van Politie Krimpen: ")).check()
    toedeling.get_by_role("button", name="Toedelen").click()
    melding(fatima, "De inbrengers keuren haar nu goed (CT-10).")
    plan = "Begeleiding naar school en werk; wekelijks contact met Tom."
    formulier(fatima, "Plan vaststellen").get_by_label("Plan", exact=True).fill(plan)
    fatima.get_by_role("button", name="Plan vaststellen").click()
    fout(fatima, "1 bijdrage(n) wachten op goedkeuring van de inbrenger (CT-12).")
    geen_axe_fouten(fatima)

    agent.reload()
    toegedeeld = agent.locator("article").filter(has_text="Toedeling aan Jeugdzorg Krimpen")
    expect(toegedeeld.get_by_text("wacht op goedkeuring van de inbrenger (uw bijdrage)")).to_be_visible()
    toegedeeld.get_by_role("button", name="Hergebruik goedkeuren").click()
    melding(agent, "U heeft het hergebruik van uw bijdragen goedgekeurd (CT-10, CT-12).")
    als_systeem()
    toedeling_rij = Toedeling.objects.get()
    assert toedeling_rij.verstrekt_op == dt.date.today()
    assert Verstrekking.objects.filter(herkomst=f"toedeling:{toedeling_rij.uuid}").count() == 1  # SH-16

    formulier(fatima, "Plan vaststellen").get_by_label("Plan", exact=True).fill(plan)
    fatima.get_by_role("button", name="Plan vaststellen").click()
    melding(fatima, "Het plan is vastgesteld.")
    fatima.get_by_text("Een actiepunt toevoegen").click()
    actie = formulier(fatima, "Actiepunt toevoegen")
    actie.get_by_label("Wat moet er gebeuren?").fill("Tom en zijn ouders vertellen wat er is afgesproken.")
    actie.get_by_label("Wie doet het?").select_option(
        label=f"Jeugdzorg Krimpen, {t.jeugdwerker.naam} (eigen taak)"
    )
    actie.get_by_label("Uiterlijk op").fill((dt.date.today() + dt.timedelta(days=7)).isoformat())
    actie.get_by_role("button", name="Actiepunt toevoegen").click()
    melding(fatima, "Het actiepunt is vastgelegd.")
    geen_axe_fouten(fatima)

    # afterwards each participant sees only what was allocated to it, and its own
    coach.reload()
    expect(coach.get_by_text(POLITIE)).to_be_visible()
    expect(coach.get_by_text(ZORG)).to_be_visible()
    coach.get_by_role("button", name=re.compile("^Gereed melden: Tom en zijn ouders")).click()
    melding(coach, "Het actiepunt is gereed gemeld.")
    # CT-11: nothing to export or download, and the contributions stay off paper
    expect(
        coach.get_by_role("link", name=re.compile("export|download|afdruk|print|csv|pdf", re.I))
    ).to_have_count(0)
    expect(coach.get_by_role("button", name=re.compile("export|download|afdruk|print", re.I))).to_have_count(
        0
    )
    coach.emulate_media(media="print")
    expect(coach.get_by_text(POLITIE)).to_be_hidden()
    expect(coach.get_by_text(ZORG)).to_be_hidden()
    expect(coach.get_by_text("De bijdragen worden niet afgedrukt")).to_be_visible()
    coach.emulate_media(media="screen")
    expect(coach.get_by_text(POLITIE)).to_be_visible()

    expert.reload()
    expect(expert.get_by_text("Er zijn geen bijdragen die u kunt zien.")).to_be_visible()
    expect(expert.get_by_text(POLITIE)).to_have_count(0)
    agent.reload()
    expect(agent.get_by_text(ZORG)).to_have_count(0)

    # --- Afschaling (CT-15): youth care hands its item to the wijkteam; the joint file is closed ---------
    eigen_deelbesluit(t, regio.wijkteam)  # youth care's executed sharing decision towards the wijkteam
    fatima.goto(f"/casusoverleggen/{casus.uuid}")
    fatima.get_by_role("button", name="Naar monitoring").click()
    melding(fatima, "Het overleg staat nu op: monitoring.")
    fatima.get_by_role("button", name="Afschalen").click()
    melding(fatima, "Het overleg staat nu op: afschaling.")

    coach.reload()
    eigen = coach.locator("article").filter(has_text=ZORG)
    eigen.locator("summary", has_text="Overdragen met deelbesluit").click()
    koppelen = formulier(coach, "Deelbesluit koppelen")
    koppelen.get_by_role("button", name="Deelbesluit koppelen").click()  # nothing chosen: the reason
    fout(coach, "Kies een uitgevoerd deelbesluit van uw organisatie (CT-15).")
    geen_axe_fouten(coach)
    koppelen = formulier(coach, "Deelbesluit koppelen")
    koppelen.get_by_label("Overdragen met deelbesluit").select_option(index=1)
    koppelen.get_by_role("button", name="Deelbesluit koppelen").click()
    melding(coach, "Het deelbesluit is gekoppeld.")
    expect(
        coach.locator("article").filter(has_text=ZORG).get_by_text("Over te dragen met uw deelbesluit")
    ).to_be_visible()
    geen_axe_fouten(coach)

    fatima.reload()
    fatima.get_by_text("Het overleg sluiten").click()
    sluiten = formulier(fatima, "Overleg sluiten")
    sluiten.get_by_label("Welke partij neemt over?").select_option(label="Wijkteam Krimpen")
    overdracht = sluiten.get_by_role("group", name="Welke bijdragen gaan naar de partij die overneemt?")
    expect(overdracht.get_by_role("checkbox")).to_have_count(1)  # only the item with a linked decision
    overdracht.get_by_label(re.compile("^Feit van Jeugdzorg Krimpen: ")).check()
    geen_axe_fouten(fatima)
    sluiten.get_by_role("button", name="Overleg sluiten").click()
    melding(fatima, "Het overleg is gesloten.")
    expect(fatima.get_by_text("Wijkteam Krimpen neemt over.", exact=False)).to_be_visible()
    geen_axe_fouten(fatima)
    agent.reload()
    expect(agent.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    als_systeem()
    assert Casusoverleg.objects.get().status == "gesloten"
    overgedragen = {b.organisatie_id: b.gearchiveerd for b in Bijdrage.objects.all()}
    assert overgedragen == {t.jeugdzorg.pk: False, t.politie.pk: True}  # transferred; the rest archived
    for page in (fatima, agent, coach, leerplicht, expert):
        page.context.close()
