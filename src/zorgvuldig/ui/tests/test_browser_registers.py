"""The FG's compliance pages in a real browser (Chromium via Playwright), with axe-core checking WCAG 2.1 AA
on each: the verwerkingsregister with its findings (RG-01), DPIAs (RG-02), purposes (GP-02), the breach
register (RG-03), convenants and agreements (RG-04 … RG-06), access-pattern monitoring (RP-06), every report
(RP-02) and monitoring exports (RP-05) — reached through the menu and the registers' own tabs."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from zorgvuldig.datalekken.tests.hulp import datalek
from zorgvuldig.ui.tests import test_browser
from zorgvuldig.ui.tests.test_browser import geen_axe_fouten, inloggen, met_app

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = test_browser.browser  # the module-scoped Chromium fixture
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]


def test_rg_01_rp_02_the_fgs_register_and_report_pages_are_accessible(regio, browser, live_server):
    datalek(regio)
    met_app(regio.fg)
    page = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    inloggen(page, regio.fg)
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    menu = page.get_by_role("navigation", name="Hoofdmenu")

    menu.get_by_role("link", name="Registers").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    geen_axe_fouten(page)
    onderdelen = page.get_by_role("navigation", name="Onderdelen van de registers")
    for tab in ("DPIA's", "Doelen", "Convenanten", "Verwerkersovereenkomsten en mandaten"):
        onderdelen.get_by_role("link", name=tab).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        geen_axe_fouten(page)
        page.goto("/registers")
        onderdelen = page.get_by_role("navigation", name="Onderdelen van de registers")

    for item in ("Datalekken", "Toegangsbewaking", "Monitoringexports"):
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=item).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        geen_axe_fouten(page)

    rapporten = ("verwijsindex", "dossiers", "deelbesluiten", "verzoeken", "casusoverleggen", "datalekken")
    for rapport in rapporten:
        page.goto(f"/rapportage/{rapport}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        geen_axe_fouten(page)
