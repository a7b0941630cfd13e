"""The retention pages in a real browser (Chromium via Playwright), with axe-core checking WCAG 2.1 AA on
every page visited: a closed dossier is past its date (RT-01); the leidinggevende opens "Bewaren", draws up
the destruction list and approves it; the FG approves it as the second person (RT-13); the sweep destroys
the dossier and both see its tombstone (RT-03, RT-09)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import time_machine
from playwright.sync_api import expect

from zorgvuldig.bewaren import policies, services
from zorgvuldig.bewaren.tests.hulp import gesloten_dossier, op
from zorgvuldig.conftest import als_systeem
from zorgvuldig.dossiers.models import Dossier
from zorgvuldig.ui.tests import test_browser
from zorgvuldig.ui.tests.test_browser import geen_axe_fouten, inloggen, met_app

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = test_browser.browser  # the module-scoped Chromium fixture
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]


def aangemeld(browser, live_server, gebruiker):
    page = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    inloggen(page, gebruiker)
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    return page


def naar_lijsten(page) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bewaren").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_role("link", name="Vernietigingslijsten").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_rt_13_leidinggevende_and_fg_approve_a_destruction_list_and_the_sweep_leaves_a_tombstone(
    regio, browser, live_server
):
    dossier = gesloten_dossier(regio)
    peil = policies.dossier_vervaldatum(dossier.einddatum) + dt.timedelta(days=1)
    met_app(regio.leidinggevende, regio.fg)
    with time_machine.travel(op(peil)):
        lg = aangemeld(browser, live_server, regio.leidinggevende)
        naar_lijsten(lg)
        geen_axe_fouten(lg)
        lg.get_by_label("Peildatum").fill(peil.isoformat())
        lg.get_by_role("button", name="Lijst opstellen").click()
        expect(lg.get_by_role("heading", name="Vernietigingslijst van", level=1)).to_be_visible()
        # RT-13: the list names the dossier by the kenmerk its team knows it by
        expect(lg.get_by_role("cell", name=f"Dossier (kenmerk {dossier.kenmerk})")).to_be_visible()
        geen_axe_fouten(lg)
        lg.get_by_role("button", name="Lijst goedkeuren").click()
        expect(lg.get_by_text("Wacht nog op de goedkeuring van de functionaris")).to_be_visible()

        fg = aangemeld(browser, live_server, regio.fg)
        naar_lijsten(fg)
        fg.get_by_role("link", name="Lijst van").first.click()
        geen_axe_fouten(fg)
        fg.get_by_role("button", name="Lijst goedkeuren").click()
        expect(fg.get_by_text("De lijst is goedgekeurd door de leidinggevende en de FG.")).to_be_visible()

        ronde = services.opschonen()
        assert ronde is not None and ronde.status == "klaar"
        als_systeem()
        assert not Dossier.objects.filter(pk=dossier.pk).exists()
        fg.goto("/bewaren/vernietigingsbewijzen")
        expect(fg.get_by_text(f"Dossier (nummer {str(dossier.uuid)[:8]})")).to_be_visible()
        geen_axe_fouten(fg)
