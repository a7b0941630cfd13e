"""Single sign-on in real Chromium, with axe-core on the pages. The provider runs on 127.0.0.1 and the
application on localhost: two sites, as in production, so the browser withholds the SameSite=Strict session
cookie when the provider sends it back, and the flow only works if the callback handles that."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import expect

from zorgvuldig.ui import oidc_config
from zorgvuldig.ui.oidc import FOUT_OIDC
from zorgvuldig.ui.tests.oidc_idp import TestIdP
from zorgvuldig.ui.tests.test_browser import browser, code, geen_axe_fouten, met_app, page  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]


@pytest.fixture
def idp(regio, live_server, settings, tmp_path):
    provider = TestIdP().start()
    provider.toestemming = True  # a "Toestaan" click on the provider's page: a cross-site navigation back
    assert "localhost" in live_server.url and "127.0.0.1" in provider.url
    code_ = regio.wijkteam.code
    bestand = tmp_path / "oidc.yaml"
    bestand.write_text(yaml.safe_dump({code_: provider.instellingen("Gemeente Krimpen")}))
    settings.OIDC_PROVIDERS = oidc_config.laad(str(bestand), productie=False)
    provider.redirect_uris.add(f"{live_server.url}/oidc/{code_}/callback")
    yield provider
    provider.stop()


def test_single_sign_on_then_the_code(regio, page, idp):  # noqa: F811
    met_app(regio.medewerker)
    idp.email = regio.medewerker.email
    page.goto("/inloggen")
    expect(page.get_by_role("heading", name="Inloggen via uw organisatie")).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_role("link", name="Inloggen via Gemeente Krimpen").click()
    page.get_by_role("button", name="Toestaan").click()
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
    page.get_by_label("Code uit uw authenticator-app").fill(code(regio.medewerker))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    assert len(idp.tokenverzoeken) == 1


def test_a_refusal_is_shown_on_the_log_in_page(regio, page, idp):  # noqa: F811
    idp.email = regio.leraar.email  # another organisation's user
    page.goto("/inloggen")
    page.get_by_role("link", name="Inloggen via Gemeente Krimpen").click()
    page.get_by_role("button", name="Toestaan").click()
    expect(page.get_by_text(FOUT_OIDC)).to_be_visible()
    expect(page.get_by_role("heading", name="Inloggen", exact=True)).to_be_visible()
    geen_axe_fouten(page)
