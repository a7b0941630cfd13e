"""Browser journeys in real Chromium (Debian's `chromium`, driven by Playwright), with axe-core checking
WCAG 2.1 AA on every page. The set-up command installs the browser; nothing here is mocked."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect, sync_playwright

from zorgvuldig.conftest import BSN_SAM, als_systeem
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang.models import Toegang
from zorgvuldig.ui.tests.test_ui import NAVIGATIE, WACHTWOORD

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are still
# synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("leegbaar_logboek")]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    pg = context.new_page()
    yield pg
    context.close()


def geen_axe_fouten(page) -> None:
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, (page.url, result.generate_report())


def code(gebruiker) -> str:
    device = TOTPDevice.objects.get(user=gebruiker, confirmed=True)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def met_app(*gebruikers):
    for g in gebruikers:
        TOTPDevice.objects.get_or_create(user=g, name="app", defaults={"confirmed": True})


def inloggen(page, gebruiker, wachtwoord=WACHTWOORD, controleer=False):
    page.goto("/inloggen")
    if controleer:
        geen_axe_fouten(page)
    page.get_by_label("E-mailadres").fill(gebruiker.email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
    if controleer:
        geen_axe_fouten(page)
    page.get_by_label("Code uit uw authenticator-app").fill(code(gebruiker))
    page.get_by_role("button", name="Inloggen").click()


@pytest.mark.parametrize("rol", sorted(NAVIGATIE))
def test_each_role_logs_in_with_2fa_and_sees_exactly_its_navigation(regio, page, rol):
    gebruiker = getattr(regio, rol)
    met_app(gebruiker)
    inloggen(page, gebruiker, controleer=rol == "medewerker")
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    menu = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")
    assert menu.all_inner_texts() == NAVIGATIE[rol]
    geen_axe_fouten(page)
    for item in NAVIGATIE[rol][1:]:  # every page of the role's menu
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=item).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        geen_axe_fouten(page)


def test_a_locked_out_account(regio, page, settings):
    met_app(regio.medewerker)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/inloggen")
        page.get_by_label("E-mailadres").fill(regio.medewerker.email)
        page.get_by_label("Wachtwoord").fill("verkeerd-wachtwoord")
        page.get_by_role("button", name="Volgende").click()
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(regio.medewerker.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", name="Account tijdelijk geblokkeerd")).to_be_visible()
    geen_axe_fouten(page)


def test_a_professional_finds_a_person_using_only_the_keyboard(regio, page):
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={
            "geslachtsnaam": "Jansen",
            "voornamen": "Sam",
            "bsn": BSN_SAM,
            "geboortedatum": dt.date(2011, 9, 20),
        },
    )
    met_app(regio.medewerker)
    page.goto("/inloggen")
    expect(page.get_by_label("E-mailadres")).to_be_focused()  # autofocus: type right away
    page.keyboard.type(regio.medewerker.email)
    page.keyboard.press("Tab")
    page.keyboard.type(WACHTWOORD)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Code uit uw authenticator-app")).to_be_focused()
    page.keyboard.type(code(regio.medewerker))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    page.get_by_role("link", name="Personen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Personen zoeken")).to_be_visible()
    page.keyboard.press("Tab")  # the skip link comes first and jumps over the menu
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(3):  # main, then the form: BSN is the first field
        page.keyboard.press("Tab")
        if page.get_by_label("BSN").evaluate("e => e === document.activeElement"):
            break
    expect(page.get_by_label("BSN")).to_be_focused()
    page.keyboard.type(BSN_SAM)
    page.keyboard.press("Enter")
    resultaat = page.get_by_role("link", name="Sam Jansen")
    expect(resultaat).to_be_visible()
    assert BSN_SAM not in page.url
    geen_axe_fouten(page)
    resultaat.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Sam Jansen")).to_be_visible()
    assert page.url.endswith(f"/personen/{sam.uuid}")
    geen_axe_fouten(page)


def test_the_beheerder_creates_a_user_and_revokes_a_grant(regio, page):
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM}
    )
    met_app(regio.beheerder)
    inloggen(page, regio.beheerder)
    page.get_by_role("link", name="Gebruikers").click()
    geen_axe_fouten(page)
    page.get_by_role("link", name="Nieuwe gebruiker").click()
    page.get_by_label("Naam", exact=True).fill("Noor Nieuw")
    page.get_by_label("E-mailadres").fill("noor@krimpen.example.org")
    page.get_by_label("Functie").fill("Jeugdcoach")
    page.get_by_label("Medewerker", exact=True).check()
    geen_axe_fouten(page)
    page.get_by_role("button", name="Gebruiker aanmaken").click()
    expect(page.get_by_text("Noor Nieuw is aangemaakt")).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_role("link", name="Gebruikers").click()
    noor = page.get_by_role("row").filter(has_text="noor@krimpen.example.org")
    expect(noor.get_by_role("cell", name="nog niet geactiveerd")).to_be_visible()
    page.get_by_role("link", name="Fatima El Amrani").click()
    page.get_by_label("Reden").fill("Werkt niet meer in dit team")
    page.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_text("De toegang is ingetrokken.")).to_be_visible()
    geen_axe_fouten(page)
    als_systeem()
    assert Toegang.objects.get(object_id=sam.pk, ontvanger_gebruiker=regio.medewerker).ingetrokken_op


def test_axe_on_the_remaining_pages(regio, page, live_server):
    """Pages not reached through a menu above: errors, the undertaking, break-glass, search results,
    teams and credentials, activation."""
    from zorgvuldig.organisaties.activatie import activatie_pad
    from zorgvuldig.organisaties.services import maak_gebruiker

    page.goto("/bestaat-niet")
    geen_axe_fouten(page)
    nieuw = maak_gebruiker(
        actor=regio.actor(regio.beheerder),
        email="nieuw@krimpen.example.org",
        naam="Nieuw",
        organisatie=regio.wijkteam,
        rollen=["medewerker"],
    )
    page.goto(activatie_pad(nieuw))
    expect(page.get_by_role("heading", name="Account activeren")).to_be_visible()
    geen_axe_fouten(page)
    regio.collega.geheimhoudingsverklaring_op = None
    regio.collega.save()
    met_app(regio.collega)
    inloggen(page, regio.collega)
    expect(page.get_by_role("heading", name="Geheimhoudingsverklaring")).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_role("button", name="Aanvaarden").click()  # without the tick: an error
    expect(page.get_by_text("Vink aan dat u akkoord gaat.", exact=True)).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_label("Ik ga akkoord").check()
    page.get_by_role("button", name="Aanvaarden").click()
    page.goto("/personen")
    page.get_by_label("BSN").fill("123")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("Dit is geen geldig BSN.")).to_be_visible()
    geen_axe_fouten(page)
    page.goto("/noodtoegang")  # just logged in: no second confirmation needed yet
    expect(page.get_by_role("heading", name="Noodtoegang")).to_be_visible()
    geen_axe_fouten(page)
    page.goto("/bevestigen")
    expect(page.get_by_role("heading", name="Bevestig wie u bent")).to_be_visible()
    geen_axe_fouten(page)
    page.goto("/profiel")
    geen_axe_fouten(page)
    context = page.context
    context.clear_cookies()
    met_app(regio.fg)
    inloggen(page, regio.fg)
    page.goto("/logboek")
    page.get_by_label("BSN van de betrokkene").fill(BSN_SAM)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="Logregels (0)")).to_be_visible()
    geen_axe_fouten(page)
    context.clear_cookies()
    met_app(regio.beheerder)
    inloggen(page, regio.beheerder)
    for pad in ("/beheer/teams", "/beheer/api-sleutels", f"/beheer/gebruikers/{regio.medewerker.uuid}"):
        page.goto(pad)
        geen_axe_fouten(page)
    page.goto("/beheer/api-sleutels")
    page.get_by_label("Naam van het systeem").fill("leerlingvolgsysteem")
    page.get_by_label("Organisatie").select_option(label="Wijkteam Krimpen")  # his controller's only
    page.get_by_label("Signalen afgeven").check()
    page.get_by_label("Geldig tot en met").fill((dt.date.today() + dt.timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Sleutel aanmaken").click()
    expect(page.locator("#nieuwe-sleutel")).to_have_text(__import__("re").compile(r"^[0-9a-f]{40}$"))
    geen_axe_fouten(page)
    # table types (SPEC §8, CT-16): the template choice, the pre-filled form, a refusal, a type's page
    page.goto("/beheer/overlegtypen/nieuw")
    page.get_by_label("Lokale persoonsgerichte aanpak (PGA)").check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Nieuw type casusoverleg")).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_label("Naam van het overleg").fill("Lokale PGA Krimpen")
    page.get_by_label("Organisatie van partner 1").select_option(label="Wijkteam Krimpen")
    page.get_by_label("Taak van partner 1 aan tafel").fill("Regie")
    page.get_by_label("Grond van partner 1 om in te brengen").select_option("toestemming")
    page.get_by_role("button", name="Type opslaan").click()  # no convenant chosen: a Dutch refusal
    expect(page.get_by_text("Onbekend convenant.").first).to_be_visible()
    geen_axe_fouten(page)
    from zorgvuldig.casusoverleg.tests.hulp import Tafel

    page.goto(f"/beheer/overlegtypen/{Tafel(regio).type.uuid}")
    expect(page.get_by_role("heading", name="Lokale PGA Krimpen")).to_be_visible()
    geen_axe_fouten(page)
