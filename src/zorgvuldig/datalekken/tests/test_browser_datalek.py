"""RG-03 in a real browser (Chromium via Playwright), with axe-core checking WCAG 2.1 AA on the pages
visited: the FG records a breach discovered 30 hours ago, sees the clock past the 24-hour alert, gets the
affected persons from the audit log and the disclosure register, assesses the risk, decides to notify and
sees the clock stop, records that the data subjects were informed (GDPR art 34) and closes; the
leidinggevende reads the register."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from zorgvuldig.core.clock import AMSTERDAM, now
from zorgvuldig.datalekken.tests.hulp import Geschiedenis
from zorgvuldig.ui.tests import test_browser
from zorgvuldig.ui.tests.test_browser import geen_axe_fouten, inloggen, met_app

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = test_browser.browser  # the module-scoped Chromium fixture
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]


def _lokaal(moment: dt.datetime) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")


def aangemeld(browser, live_server, gebruiker):
    page = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    inloggen(page, gebruiker)
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    return page


def test_rg_03_fg_records_a_breach_finds_the_affected_persons_and_decides_to_notify(
    regio, browser, live_server
):
    Geschiedenis(regio)  # Fatima's reads and provisions, through the real services
    met_app(regio.fg, regio.leidinggevende)
    fg = aangemeld(browser, live_server, regio.fg)
    fg.goto("/datalekken")
    expect(fg.get_by_role("heading", name="Datalekken", level=1)).to_be_visible()
    expect(fg.get_by_text("Er zijn geen datalekken vastgelegd.")).to_be_visible()
    geen_axe_fouten(fg)

    # --- record -------------------------------------------------------------------------------------------
    fg.get_by_role("link", name="Nieuw datalek vastleggen").click()
    expect(fg.get_by_role("heading", name="Nieuw datalek vastleggen", level=1)).to_be_visible()
    geen_axe_fouten(fg)
    fg.get_by_label("Wanneer is het lek ontdekt?").fill(_lokaal(now() - dt.timedelta(hours=30)))
    fg.get_by_label("Wat is er gebeurd?").fill("De laptop van een medewerker is gestolen.")
    fg.get_by_label("Welke gegevens zijn gelekt?").fill("Namen, adressen en dossiernotities")
    fg.get_by_role("button", name="Datalek vastleggen").click()
    expect(fg.get_by_role("heading", name="Datalek", level=1)).to_be_visible()
    expect(fg.get_by_role("status").get_by_text("Het datalek is vastgelegd.")).to_be_visible()
    klok = fg.get_by_role("region", name="Termijn van 72 uur")
    expect(klok.get_by_text("Meer dan 24 uur na ontdekking")).to_be_visible()
    expect(klok.get_by_text("Nog 42 uur").or_(klok.get_by_text("Nog 41 uur"))).to_be_visible()
    geen_axe_fouten(fg)

    # --- fed by the system: the affected persons ------------------------------------------------------------
    fg.get_by_label("Account").select_option(label=f"{regio.medewerker.naam} ({regio.medewerker.email})")
    fg.get_by_label("Periode vanaf").fill(_lokaal(now() - dt.timedelta(days=1)))
    fg.get_by_label("Periode tot").fill(_lokaal(now() + dt.timedelta(hours=1)))
    fg.get_by_role("button", name="Afbakening vastleggen").click()
    expect(fg.get_by_role("status").get_by_text("De afbakening is vastgelegd.")).to_be_visible()
    fg.get_by_role("button", name="Zoek getroffen personen").click()
    resultaat = fg.get_by_role("region", name="Resultaat: 2 personen")
    expect(resultaat).to_be_visible()
    expect(resultaat.get_by_role("cell", name="Lisa Visser")).to_be_visible()
    expect(resultaat.get_by_role("cell", name="Daan Visser")).to_be_visible()
    expect(resultaat.get_by_role("cell", name="OSG Het Baken")).to_be_visible()
    assert "Lisa" not in fg.url
    geen_axe_fouten(fg)

    # --- assess and decide ----------------------------------------------------------------------------------
    fg.get_by_label("Hoog risico voor de betrokkenen").check()
    fg.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(fg.get_by_role("status").get_by_text("Het datalek is beoordeeld.")).to_be_visible()
    fg.get_by_role("group", name="Meldt u het lek bij de Autoriteit Persoonsgegevens?").get_by_label(
        "Ja"
    ).check()
    fg.get_by_role("group", name="Informeert u de betrokkenen?").get_by_label("Nee").check()
    fg.get_by_role("button", name="Besluit vastleggen").click()
    expect(fg.get_by_role("alert").get_by_text("hoog risico", exact=False).first).to_be_visible()
    geen_axe_fouten(fg)
    fg.get_by_role("group", name="Informeert u de betrokkenen?").get_by_label("Ja").check()
    fg.get_by_label("Kenmerk van de melding bij de AP").fill("AP-2026-0042")
    fg.get_by_role("button", name="Besluit vastleggen").click()
    expect(fg.get_by_role("status").get_by_text("De klok is gestopt.")).to_be_visible()
    expect(
        fg.get_by_role("region", name="Termijn van 72 uur").get_by_text("Op tijd besloten.")
    ).to_be_visible()

    # --- GDPR art 34: record that the data subjects were informed, then close ---------------------------
    expect(fg.get_by_role("button", name="Datalek afsluiten")).to_have_count(0)
    informeren = fg.get_by_role("form", name="Betrokkenen informeren")
    informeren.get_by_label("Wanneer hebt u de betrokkenen geïnformeerd?").fill(
        now().astimezone(AMSTERDAM).date().isoformat()
    )
    informeren.get_by_role("group", name="Hoe hebt u hen geïnformeerd?").get_by_label("Brief").check()
    informeren.get_by_label("Hoeveel personen hebt u geïnformeerd?").fill("2")
    geen_axe_fouten(fg)
    informeren.get_by_role("button", name="Informeren vastleggen").click()
    expect(fg.get_by_role("status").get_by_text("de betrokkenen zijn geïnformeerd")).to_be_visible()
    expect(fg.get_by_text("Aantal geïnformeerde personen")).to_be_visible()
    geen_axe_fouten(fg)
    fg.get_by_role("button", name="Datalek afsluiten").click()
    expect(fg.get_by_role("status").get_by_text("Het datalek is afgesloten.")).to_be_visible()
    fg.get_by_role("link", name="Datalekken").first.click()
    expect(fg.get_by_role("cell", name="Afgesloten")).to_be_visible()
    geen_axe_fouten(fg)

    # --- the leidinggevende reads ---------------------------------------------------------------------------
    lg = aangemeld(browser, live_server, regio.leidinggevende)
    lg.goto("/datalekken")
    lg.locator("#inhoud").get_by_role("link", name="Datalek").first.click()
    expect(lg.get_by_text("U kunt dit datalek alleen bekijken.")).to_be_visible()
    expect(lg.get_by_role("button", name="Zoek getroffen personen")).to_have_count(0)
    geen_axe_fouten(lg)
