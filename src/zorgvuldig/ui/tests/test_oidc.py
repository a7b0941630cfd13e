"""Single sign-on per organisation (ui/oidc.py) against a real OpenID Connect provider (oidc_idp.py): the
Django test client plays the browser, `requests` follows the redirect to the provider, and the backend
talks to the provider over HTTP. OIDC replaces the password only: the TOTP code still follows."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
import requests
import yaml
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.ui import oidc_config
from zorgvuldig.ui.oidc import FOUT_OIDC
from zorgvuldig.ui.tests.oidc_idp import FOUTEN, TestIdP
from zorgvuldig.ui.tests.test_ui import code

pytestmark = pytest.mark.django_db
WIJKTEAM = "wijkteam-krimpen"
SCHOOL = "osg-het-baken"


@pytest.fixture
def idp():
    provider = TestIdP(client_id="zorgvuldig-krimpen").start()
    yield provider
    provider.stop()


@pytest.fixture
def idp_school():
    provider = TestIdP(client_id="zorgvuldig-baken").start()
    yield provider
    provider.stop()


@pytest.fixture
def sso(regio, idp, idp_school, settings, tmp_path):
    """The wijkteam signs in through `idp`, the school through its own `idp_school`: a real OIDC file."""
    bestand = tmp_path / "oidc.yaml"
    bestand.write_text(
        yaml.safe_dump(
            {
                WIJKTEAM: idp.instellingen("Gemeente Krimpen"),
                SCHOOL: idp_school.instellingen("OSG Het Baken") | {"scopes": ["openid", "email", "profile"]},
            }
        )
    )
    settings.OIDC_PROVIDERS = oidc_config.laad(str(bestand), productie=False)
    idp.redirect_uris.add(f"http://testserver/oidc/{WIJKTEAM}/callback")
    idp_school.redirect_uris.add(f"http://testserver/oidc/{SCHOOL}/callback")
    TOTPDevice.objects.create(user=regio.medewerker, name="app", confirmed=True)
    return idp


def naar_provider(client: Client, organisatie: str, volgende: str | None = None) -> str:
    """Start at zorgvuldig and let the provider approve: the URL it sends the browser back to."""
    start = client.get(f"/oidc/{organisatie}/start", {"volgende": volgende} if volgende else {})
    assert start.status_code == 302, start.content
    antwoord = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert antwoord.status_code == 302, antwoord.text
    return antwoord.headers["Location"]


def terug(client: Client, url: str):
    """Back from the provider: the callback page moves on (same-site) to /voltooien; follow it."""
    delen = urlsplit(url)
    assert f"{delen.scheme}://{delen.netloc}" == "http://testserver"
    tussen = client.get(delen.path, dict(parse_qsl(delen.query)))
    assert tussen.status_code == 200
    verder = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', tussen.content.decode())
    assert verder, tussen.content
    return client.get(html.unescape(verder.group(1)))


def via_provider(client: Client, organisatie: str = WIJKTEAM, volgende: str | None = None):
    return terug(client, naar_provider(client, organisatie, volgende))


def geweigerd(client: Client, r) -> str:
    """Refused: back to the log-in page with the one message, nobody signed in. Returns that page."""
    assert r.status_code == 302 and r["Location"] == "/inloggen"
    assert "_auth_user_id" not in client.session
    pagina = client.get("/inloggen").content.decode()
    assert FOUT_OIDC in pagina
    assert client.get("/overzicht").status_code == 302
    return pagina


def test_the_log_in_page_offers_each_configured_organisation(regio, sso, settings):
    pagina = Client().get("/inloggen?volgende=/personen").content.decode()
    assert "Inloggen via uw organisatie" in pagina
    assert f'href="/oidc/{WIJKTEAM}/start?volgende=/personen">Inloggen via Gemeente Krimpen</a>' in pagina
    assert f'href="/oidc/{SCHOOL}/start?volgende=/personen">Inloggen via OSG Het Baken</a>' in pagina
    assert sso.client_secret not in pagina
    settings.OIDC_PROVIDERS = {}
    assert "Inloggen via uw organisatie" not in Client().get("/inloggen").content.decode()


@pytest.mark.parametrize("email_verified", [None, True, "true"])
def test_single_sign_on_then_the_totp_code_gives_a_verified_session(regio, sso, email_verified):
    sso.email = "F.ElAmrani@Krimpen.Example.org"  # the provider's spelling; matched case-insensitively
    sso.email_verified = email_verified
    client = Client()
    r = client.get(f"/oidc/{WIJKTEAM}/start", {"volgende": "/personen"})
    # PKCE (S256), nonce and state, and this organisation's client and redirect_uri
    q = {k: v[0] for k, v in parse_qs(urlsplit(r["Location"]).query).items()}
    assert r["Location"].startswith(f"{sso.url}/authorize?")
    assert q["client_id"] == "zorgvuldig-krimpen" and q["code_challenge_method"] == "S256"
    assert q["nonce"] and q["state"] and q["code_challenge"]
    assert q["redirect_uri"] == f"http://testserver/oidc/{WIJKTEAM}/callback"
    sessie_voor = client.session.session_key

    antwoord = requests.get(r["Location"], allow_redirects=False, timeout=10)
    r = terug(client, antwoord.headers["Location"])
    assert r.status_code == 302 and r["Location"] == "/inloggen/code?volgende=%2Fpersonen"
    # the provider got the secret, the same redirect_uri and the PKCE verifier (it checked them)
    (verzoek,) = sso.tokenverzoeken
    assert verzoek["client_secret"] == sso.client_secret and verzoek["code_verifier"]
    assert verzoek["redirect_uri"] == q["redirect_uri"]
    # signed in as that user with the first factor only, in a new session (no fixation)
    assert client.session["_auth_user_id"] == str(regio.medewerker.pk)
    assert client.session.session_key != sessie_voor
    assert client.get("/overzicht").status_code == 302
    assert client.get("/api/v1/gebruikersprofiel").status_code == 401

    r = client.post("/inloggen/code", {"code": code(regio.medewerker), "volgende": "/personen"})
    assert r.status_code == 302 and r["Location"] == "/personen"
    assert client.get("/overzicht").status_code == 200
    assert client.get("/api/v1/gebruikersprofiel").json()["email"] == regio.medewerker.email


def test_without_an_authenticator_oidc_opens_nothing(regio, sso):
    sso.email = regio.collega.email  # has no TOTP device
    client = Client()
    r = via_provider(client)
    assert r.status_code == 302 and r["Location"].startswith("/inloggen/code")
    r = client.get(r["Location"])
    assert r.status_code == 403 and "Geen authenticator gekoppeld" in r.content.decode()
    assert client.get("/overzicht").status_code == 302


@pytest.mark.parametrize(
    "geval", ["andere_organisatie", "onbekend", "inactief", "niet_geverifieerd", "niet_geverifieerd_tekst"]
)
def test_refusals_look_the_same_and_never_create_a_user(regio, sso, geval):
    from zorgvuldig.organisaties.models import Gebruiker

    sso.email = {
        "andere_organisatie": regio.leraar.email,  # exists, but at the school
        "onbekend": "niemand@krimpen.example.org",
        "inactief": regio.medewerker.email,
        "niet_geverifieerd": regio.medewerker.email,
        "niet_geverifieerd_tekst": regio.medewerker.email,
    }[geval]
    if geval == "inactief":
        Gebruiker.objects.filter(pk=regio.medewerker.pk).update(is_active=False)
    sso.email_verified = {"niet_geverifieerd": False, "niet_geverifieerd_tekst": "false"}.get(geval)
    aantal = Gebruiker.objects.count()
    client = Client()
    pagina = geweigerd(client, via_provider(client))
    assert sso.email not in pagina
    assert len(sso.tokenverzoeken) == 1  # the code was exchanged; the user was what failed
    assert Gebruiker.objects.count() == aantal


def test_the_other_organisation_signs_in_through_its_own_provider(regio, sso, idp_school):
    TOTPDevice.objects.create(user=regio.leraar, name="app", confirmed=True)
    idp_school.email = regio.leraar.email
    sso.email = regio.leraar.email  # the wijkteam's provider would vouch for the teacher too: ignored
    client = Client()
    geweigerd(client, via_provider(client, WIJKTEAM))
    r = via_provider(client, SCHOOL)
    assert r.status_code == 302 and client.session["_auth_user_id"] == str(regio.leraar.pk)
    assert len(idp_school.tokenverzoeken) == 1
    assert idp_school.autorisatieverzoeken[0]["scope"] == "openid email profile"


def test_a_tampered_state_is_refused_and_the_code_never_exchanged(regio, sso):
    sso.email = regio.medewerker.email
    client = Client()
    url = naar_provider(client, WIJKTEAM)
    delen = urlsplit(url)
    params = dict(parse_qsl(delen.query))
    vervalst = {"code": params["code"], "state": params["state"][:-2] + "xx"}
    geweigerd(client, client.get(f"/oidc/{WIJKTEAM}/voltooien", vervalst))
    geweigerd(client, client.get(f"/oidc/{WIJKTEAM}/voltooien", {"code": params["code"]}))
    assert sso.tokenverzoeken == []
    # a state from another browser (no session) does not work either
    anders = Client()
    geweigerd(anders, anders.get(f"/oidc/{WIJKTEAM}/voltooien", params))
    assert sso.tokenverzoeken == []


def test_a_state_is_bound_to_its_organisation_and_works_once(regio, sso, idp_school):
    idp_school.email = regio.leraar.email
    sso.email = regio.medewerker.email
    client = Client()
    # started at the school, brought back to the wijkteam's callback: refused, nothing exchanged
    params = dict(parse_qsl(urlsplit(naar_provider(client, SCHOOL)).query))
    geweigerd(client, client.get(f"/oidc/{WIJKTEAM}/voltooien", params))
    geweigerd(client, client.get(f"/oidc/{SCHOOL}/voltooien", params))  # and spent
    assert sso.tokenverzoeken == idp_school.tokenverzoeken == []
    # a successful answer replayed after log-out
    url = naar_provider(client, WIJKTEAM)
    assert terug(client, url).status_code == 302 and "_auth_user_id" in client.session
    client.post("/uitloggen")
    geweigerd(client, terug(client, url))
    assert len(sso.tokenverzoeken) == 1


@pytest.mark.parametrize("fout", sorted(FOUTEN))
def test_a_misbehaving_provider_is_refused(regio, sso, fout):
    sso.email = regio.medewerker.email
    sso.fout = fout
    client = Client()
    geweigerd(client, via_provider(client))
    assert len(sso.tokenverzoeken) == 1


def test_a_wrong_client_secret_or_a_declined_log_in_is_refused(regio, sso, settings):
    sso.email = regio.medewerker.email
    sso.weigeren = True
    client = Client()
    geweigerd(client, via_provider(client))
    assert sso.tokenverzoeken == []
    sso.weigeren = False
    a = settings.OIDC_PROVIDERS[WIJKTEAM]
    settings.OIDC_PROVIDERS = {WIJKTEAM: oidc_config.Aanbieder(**{**a.__dict__, "client_secret": "fout"})}
    geweigerd(client, via_provider(client))


def test_an_unreachable_provider_is_refused_not_a_server_error(regio, sso):
    sso.email = regio.medewerker.email
    client = Client()
    url = naar_provider(client, WIJKTEAM)
    sso.stop()
    geweigerd(client, terug(client, url))


def test_unknown_organisations_look_like_missing_pages(regio, sso):
    client = Client()
    for pad in ("/oidc/bestaat-niet/start", "/oidc/bestaat-niet/callback", "/oidc/bestaat-niet/voltooien"):
        assert client.get(pad).status_code == 404
    assert client.post(f"/oidc/{WIJKTEAM}/start").status_code == 405


def test_a_deactivated_user_loses_the_oidc_session(regio, sso):
    sso.email = regio.medewerker.email
    client = Client()
    via_provider(client)
    client.post("/inloggen/code", {"code": code(regio.medewerker)})
    assert client.get("/overzicht").status_code == 200
    regio.medewerker.is_active = False
    regio.medewerker.save()
    assert client.get("/overzicht").status_code == 302
    # not even half signed in: the backend loads no inactive user (the library's own get_user would)
    r = client.get("/inloggen/code")
    assert r.status_code == 302 and r["Location"] == "/inloggen"


def test_the_password_log_in_still_works_beside_oidc(regio, sso, settings):
    # refused OIDC log-ins carry no user name for django-axes: they cannot lock the account
    sso.email = regio.medewerker.email
    sso.fout = "aud"
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client = Client()
        geweigerd(client, via_provider(client))
    r = Client().post(
        "/inloggen", {"email": regio.medewerker.email, "wachtwoord": "correct-horse-battery-staple"}
    )
    assert r.status_code == 302 and r["Location"].startswith("/inloggen/code")
    r = Client().post("/inloggen", {"email": regio.medewerker.email, "wachtwoord": "fout"})
    assert r.status_code == 400


def test_no_personal_data_in_the_logs(regio, sso, capsys, caplog):
    caplog.set_level("DEBUG")
    for email in (regio.medewerker.email, regio.leraar.email, "niemand@krimpen.example.org"):
        sso.email = email
        via_provider(Client())
    sso.fout = "sub"
    via_provider(Client())
    sso.weigeren = True
    via_provider(Client())
    uit = capsys.readouterr()
    logboek = uit.out + uit.err + caplog.text
    for regel in ("oidc.eerste_stap", '"geen_gebruiker"', '"userinfo"', '"provider"'):
        assert regel in logboek  # the logs do say what happened
    for geheim in (regio.medewerker.email, regio.leraar.email, "niemand@", sso.client_secret, "Fatima"):
        assert geheim.lower() not in logboek.lower()
