"""The one-time activation link (API §3.1) stays out of the logs: a failed attempt (400) is logged by
Django with its path, and a token in that path would let anyone who reads the log take over the account
while the link is still valid."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.organisaties.activatie import activatie_pad, controleer_activatie

pytestmark = pytest.mark.django_db

STERK = "Lange-zin-van-Noor-2026"


@pytest.fixture
def noor(regio):
    from zorgvuldig.organisaties.services import maak_gebruiker

    return maak_gebruiker(
        actor=regio.actor(regio.beheerder),
        email="noor@krimpen.example.org",
        naam="Noor",
        organisatie=regio.wijkteam,
        rollen=["medewerker"],
    )


def _code(gebruiker, verkeerd: bool = False) -> str:
    device = TOTPDevice.objects.get(user=gebruiker, confirmed=False)
    goed = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return f"{(goed + 1) % 10**6 if verkeerd else goed:06d}"


def test_a_failed_activation_attempt_writes_no_token_to_any_log_record(noor, caplog):
    pad = activatie_pad(noor)
    token = pad.rsplit("/", 1)[1]
    client = Client()
    with caplog.at_level(logging.DEBUG):
        assert client.get(pad).status_code == 200
        zwak = client.post("/activeren", {"wachtwoord": "kort", "herhaal": "kort", "code": _code(noor)})
        verkeerd = client.post(
            "/activeren", {"wachtwoord": STERK, "herhaal": STERK, "code": _code(noor, True)}
        )
    assert zwak.status_code == 400 and verkeerd.status_code == 400
    berichten = [r.getMessage() for r in caplog.records]
    assert sum("Bad Request: /activeren" in b for b in berichten) == 2  # Django logs the failures …
    assert not any(token in b for b in berichten)  # … without the token
    assert controleer_activatie(noor, token)  # the link was still valid: that is what made it dangerous
    # (the whole flow, through to the password: test_ui.py test_beheerder_creates_a_user_who_activates…)


def test_the_link_page_sends_no_referrer_with_the_token(noor):
    """A proxy's access log that records the Referer of the page's style sheets and form post gets the
    site only, not the address with the token."""
    r = Client().get(activatie_pad(noor))
    assert r.status_code == 200 and r["Referrer-Policy"] == "strict-origin"
    assert 'action="/activeren"' in r.content.decode()


def test_the_token_less_address_serves_only_the_session_that_opened_the_link(noor):
    Client().get(activatie_pad(noor))
    vreemd = Client()
    assert vreemd.get("/activeren").status_code == 404
    r = vreemd.post("/activeren", {"wachtwoord": STERK, "herhaal": STERK, "code": _code(noor)})
    assert r.status_code == 404
    noor.refresh_from_db()
    assert not noor.has_usable_password()


def test_the_link_address_takes_no_post(noor):
    """The form posts to /activeren; a POST to the link itself would put its token in the request log."""
    r = Client().post(activatie_pad(noor), {"wachtwoord": STERK, "herhaal": STERK, "code": "123456"})
    assert r.status_code == 405
    noor.refresh_from_db()
    assert not noor.has_usable_password()
