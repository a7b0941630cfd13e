""" "Mijn gegevens" in a real browser (Chromium via Playwright), with axe-core checking WCAG 2.1 AA on every
portal page: Ingrid logs in through the DigiD mock, sees her consent and nothing of anyone else, asks for
inzage for her son Sam (14) as his parent with authority (RI-01), sees the request and its deadline in her
overview, revokes her consent in one click (CS-07) and logs out. The mock IdP's own pages belong to the
library and are not checked."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem
from zorgvuldig.portaal.tests.test_mijn_gegevens import Gezin
from zorgvuldig.rechten.models import Verzoek
from zorgvuldig.toestemmingen.models import Toestemming
from zorgvuldig.ui.tests import test_browser
from zorgvuldig.ui.tests.test_browser import geen_axe_fouten

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = test_browser.browser  # the module-scoped Chromium fixture
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]


def test_ri_01_cs_07_a_mother_asks_inzage_for_her_son_and_revokes_her_consent(
    regio, api, browser, live_server
):
    gezin = Gezin(regio, api)
    page = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()

    page.goto("/mijn")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_role("link", name=re.compile("DigiD")).first.click()
    # the library's mock IdP: choose the BSN log-in, type the BSN
    page.locator("a[href*='inloggen_bsn']").first.click()
    page.locator("input[name='auth_bsn']").fill(BSN_ANDER)
    page.locator("form").locator("[type=submit]").first.click()

    expect(page.get_by_role("heading", name="Mijn gegevens", level=1)).to_be_visible()
    geen_axe_fouten(page)
    inhoud = page.content()
    assert "Veilig Thuis Zuid-Holland" in inhoud  # her consent, with its recipient
    assert "Lisa" not in inhoud  # another client's request never shows
    assert BSN_ANDER not in inhoud and BSN_SAM not in inhoud and BSN_ANDER not in page.url

    # --- A form with errors: a summary that takes the focus and links to each field ----------------------
    page.get_by_role("link", name="Iets anders vragen").click()
    page.get_by_role("button", name="Verstuur").click()
    samenvatting = page.locator("#foutoverzicht")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.get_by_role("heading", name="Verbeter dit eerst")).to_be_visible()
    geen_axe_fouten(page)
    samenvatting.get_by_role("link", name="Kies wat u wilt vragen.").click()
    assert page.evaluate("location.hash") == "#soort_inzage"

    # --- Inzage for Sam, as his mother; a double click sends it once ------------------------------------
    page.goto("/mijn/overzicht")
    page.get_by_role("link", name="Inzage vragen").click()
    expect(page.get_by_role("heading", name="Iets vragen over uw gegevens", level=1)).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_label(re.compile("Sam.*Wijkteam")).check()  # not the choice about the verwijsindex
    page.get_by_role("button", name="Verstuur").dblclick()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_role("status")).to_be_focused()
    geen_axe_fouten(page)
    als_systeem()
    verzoek = Verzoek.objects.get(persoon=gezin.sam, soort="inzage")  # one, not two
    assert verzoek.hoedanigheid != "zelf" and verzoek.status == "ontvangen"

    page.goto("/mijn/overzicht")
    rij = page.get_by_role("row").filter(has_text="Sam")
    expect(rij).to_be_visible()
    expect(rij).to_contain_text("Wijkteam")

    # --- Revoking takes one click, as giving did (CS-07) ------------------------------------------------
    knop = page.get_by_role("button", name="Toestemming intrekken")
    assert "Veilig Thuis Zuid-Holland" in knop.evaluate(
        "k => document.getElementById(k.getAttribute('aria-describedby')).textContent"
    )
    knop.click()
    melding = page.locator("#toestemming-melding")
    expect(melding).to_be_focused()  # where the page lands, read out by a screen reader
    expect(melding).to_be_in_viewport()
    expect(melding).to_contain_text("Uw toestemming is ingetrokken")
    expect(melding).to_contain_text("Veilig Thuis Zuid-Holland")
    geen_axe_fouten(page)
    als_systeem()
    assert Toestemming.objects.get(uuid=gezin.toestemming["uuid"]).status == "ingetrokken"

    page.get_by_role("button", name="Uitloggen").click()
    geen_axe_fouten(page)
    page.goto("/mijn/overzicht")  # logged out: back to the start, nothing of hers
    expect(page.get_by_role("link", name="Inloggen met DigiD")).to_be_visible()
    assert "Veilig Thuis" not in page.content() and "Sam" not in page.content()
