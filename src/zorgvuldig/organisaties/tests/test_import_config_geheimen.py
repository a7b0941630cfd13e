"""import-config's secrets (API §3.1): tokens and activation links printed once, demo passwords and TOTP
only in demo files, and fictional and real data never mixed (exit 4)."""

from __future__ import annotations

import base64
import datetime as dt
import textwrap
from urllib.parse import urlparse

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.organisaties.activatie import activatie_pad, controleer_activatie
from zorgvuldig.organisaties.importeren import importeer
from zorgvuldig.organisaties.models import ApiToken, Gebruiker, Verwerkingsverantwoordelijke
from zorgvuldig.organisaties.tests.test_api_tokens import _partner
from zorgvuldig.organisaties.tests.test_import_config import draai, voorbeeld

pytestmark = pytest.mark.django_db

DEMO = textwrap.dedent(
    """\
    versie: 1
    demo: true
    verwerkingsverantwoordelijken: [{code: demo-gemeente, naam: Gemeente (demo),
      fg: {naam: Fenna Gans, email: fg@gemeente.example.org}}]
    organisaties:
      - {code: demo-team, naam: Demoteam, verwerkingsverantwoordelijke: demo-gemeente, type: overig}
    gebruikers:
      - {email: demo@demo.example.org, naam: Demo, organisatie: demo-team, rollen: [medewerker],
         wachtwoord: demo-wachtwoord-2026, totp: true}
      - {email: zonder@demo.example.org, naam: Zonder TOTP, organisatie: demo-team, rollen: [fg],
         wachtwoord: demo-wachtwoord-2026, totp: false}
    """
)


def _token_geheim(resultaat) -> str:
    (geheim,) = [s for s in resultaat.geheimen if s["soort"] == "api-token"]
    return geheim["waarde"]


@pytest.mark.urls("zorgvuldig.organisaties.tests.partner_urls")
def test_ac_08_the_token_secret_is_printed_once_and_works_for_a_mandated_professional():
    resultaat = importeer(voorbeeld())
    (geheim,) = [s for s in resultaat.geheimen if s["soort"] == "api-token"]
    assert geheim["naam"] == "leerlingvolgsysteem" and geheim["organisatie"] == "osg-het-baken"
    sleutel = geheim["waarde"]
    token = ApiToken.objects.get(naam="leerlingvolgsysteem")
    assert geheim["geldigTot"] == token.geldig_tot.isoformat()
    assert sleutel not in str(list(ApiToken.objects.values_list()))  # stored hashed
    assert token.aangemaakt_door is None  # issued by the system
    assert AuditRegel.objects.filter(object_uuid=str(token.uuid), kanaal="systeem").exists()

    jan = Gebruiker.objects.get(email="j.devries@hetbaken.example.org")  # signed the undertaking on paper
    r = _partner(sleutel, jan.uuid).post("/api/v1/_proef/signaal", {}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["namens"] == {"organisatie": str(jan.organisatie.uuid), "apiToken": str(token.uuid)}
    fatima = Gebruiker.objects.get(email="f.elamrani@krimpen.example.org")  # the wijkteam's, not the school's
    assert _partner(sleutel, fatima.uuid).get("/api/v1/gebruikersprofiel").status_code == 403

    again = importeer(voorbeeld())
    assert again.geheimen == [] and again.aangemaakt == 0
    assert ApiToken.objects.count() == 1
    assert _partner(sleutel, jan.uuid).post("/api/v1/_proef/signaal", {}, format="json").status_code == 200


def test_ingetrokken_revokes_and_a_re_run_without_it_rotates_the_token():
    sleutel = _token_geheim(importeer(voorbeeld()))
    assert _partner(sleutel).get("/api/v1/gebruikers").status_code == 200
    intrekken = voorbeeld().replace(
        "{naam: leerlingvolgsysteem,", "{naam: leerlingvolgsysteem, ingetrokken: true,"
    )
    resultaat = importeer(intrekken)
    assert resultaat.code == 0 and resultaat.geheimen == []
    assert "bijgewerkt api-token osg-het-baken/leerlingvolgsysteem (ingetrokken)" in resultaat.regels
    assert _partner(sleutel).get("/api/v1/gebruikers").status_code == 401
    assert "ongewijzigd api-token osg-het-baken/leerlingvolgsysteem" in importeer(intrekken).regels

    nieuw = _token_geheim(importeer(voorbeeld()))  # rotate: revoked, then re-run (API §3.1)
    assert nieuw != sleutel
    assert _partner(nieuw).get("/api/v1/gebruikers").status_code == 200
    assert _partner(sleutel).get("/api/v1/gebruikers").status_code == 401
    assert ApiToken.objects.filter(naam="leerlingvolgsysteem").count() == 2
    assert importeer(voorbeeld()).geheimen == []


def test_new_users_get_a_72_hour_activation_link_that_ends_when_the_password_is_set(settings):
    settings.BASE_URL = "https://zv.gemeente.example/"
    resultaat = importeer(voorbeeld())
    links = {s["email"]: s for s in resultaat.geheimen if s["soort"] == "activatielink"}
    # every new user, the OIDC one too (to link the app); Jan signed on paper but still needs a password
    assert set(links) == {
        "beheer@krimpen.example.org",
        "f.elamrani@krimpen.example.org",
        "m.bakker@krimpen.example.org",
        "j.devries@hetbaken.example.org",
        "fg@krimpen.example.org",
        "vi@krimpen.example.org",
        "audit@krimpen.example.org",
    }
    fatima = Gebruiker.objects.get(email="f.elamrani@krimpen.example.org")
    link = urlparse(links[fatima.email]["waarde"])
    assert (link.scheme, link.netloc) == ("https", "zv.gemeente.example")
    _, soort, uuid, token = link.path.split("/")
    assert (soort, uuid) == ("activeren", str(fatima.uuid))
    geldig_tot = dt.datetime.fromisoformat(links[fatima.email]["geldigTot"])
    assert abs(geldig_tot - dt.datetime.now(dt.UTC) - dt.timedelta(hours=72)) < dt.timedelta(minutes=1)

    assert controleer_activatie(fatima, token)
    assert not controleer_activatie(fatima, token[:-1] + ("0" if token[-1] != "0" else "1"))
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=71, minutes=59)):
        assert controleer_activatie(fatima, token)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=72, minutes=1)):
        assert not controleer_activatie(fatima, token)
    fatima.set_password("een-heel-lang-wachtwoord")
    fatima.save()
    assert not controleer_activatie(fatima, token)  # used once

    marieke = Gebruiker.objects.get(email="m.bakker@krimpen.example.org")
    token = activatie_pad(marieke).rsplit("/", 1)[1]
    marieke.is_active = False
    assert not controleer_activatie(marieke, token)  # deactivated: no activation either
    assert not controleer_activatie(Gebruiker.objects.get(email="beheer@krimpen.example.org"), token)
    beheer = Gebruiker.objects.get(email="beheer@krimpen.example.org")
    token = activatie_pad(beheer).rsplit("/", 1)[1]
    assert controleer_activatie(beheer, token)
    TOTPDevice.objects.create(user=beheer, name="app", confirmed=True)
    assert not controleer_activatie(beheer, token)  # app linked: the OIDC user's link is used up


def test_ac_07_a_paper_undertaking_is_recorded_with_its_date():
    importeer(voorbeeld())
    tekst = voorbeeld().replace("rollen: [fg]}", "rollen: [fg], geheimhoudingsverklaringOp: 2026-03-15}")
    resultaat = importeer(tekst)
    assert "bijgewerkt gebruiker fg@krimpen.example.org (geheimhoudingsverklaringOp)" in resultaat.regels
    fg = Gebruiker.objects.get(email="fg@krimpen.example.org")
    assert (fg.geheimhoudingsverklaring_op, fg.geheimhoudingsverklaring_versie) == (
        dt.date(2026, 3, 15),
        "papier",
    )
    assert importeer(tekst).bijgewerkt == 0


def test_a_demo_file_sets_the_password_and_a_totp_device_whose_secret_is_printed_once():
    resultaat = importeer(DEMO)
    assert resultaat.code == 0, resultaat.as_dict()
    assert Verwerkingsverantwoordelijke.objects.get().demo  # the mark that recognises demo data
    demo = Gebruiker.objects.get(email="demo@demo.example.org")
    assert demo.check_password("demo-wachtwoord-2026")
    (geheim,) = resultaat.geheimen  # no activation links: demo users have a password
    assert (geheim["soort"], geheim["email"]) == ("totp", "demo@demo.example.org")
    apparaat = TOTPDevice.objects.get(user=demo)
    assert apparaat.name == "demo" and apparaat.confirmed
    # the printed secret is the device's key: an authenticator app fed with it produces valid codes
    sleutel = base64.b32decode(geheim["waarde"])
    assert apparaat.verify_token(totp(sleutel, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits))
    assert not TOTPDevice.objects.filter(user__email="zonder@demo.example.org").exists()
    again = importeer(DEMO)
    assert again.code == 0 and again.geheimen == [] and again.aangemaakt == 0
    assert TOTPDevice.objects.count() == 1


def test_wachtwoord_and_totp_false_only_in_a_demo_file(tmp_path):
    echt = DEMO.replace("demo: true", "demo: false")
    code, out = draai(tmp_path, echt)
    assert code == 1
    assert "gebruikers[0].wachtwoord" in out and "gebruikers[1].wachtwoord" in out
    assert "gebruikers[1].totp" in out and "[not_allowed]" in out
    assert not Gebruiker.objects.exists()
    # `totp: true` is what a real file means anyway: TOTP is enrolled at activation
    assert (
        importeer(
            echt.replace("wachtwoord: demo-wachtwoord-2026, totp: false", "totp: true").replace(
                "wachtwoord: demo-wachtwoord-2026, ", ""
            )
        ).code
        == 0
    )
    assert not TOTPDevice.objects.exists()


def test_a_demo_file_on_a_database_with_real_data_exits_4(tmp_path, regio):
    voor = Verwerkingsverantwoordelijke.objects.count()
    code, out = draai(tmp_path, DEMO, "--json")
    assert code == 4
    assert '"path": "demo"' in out and "echte gegevens" in out
    assert Verwerkingsverantwoordelijke.objects.count() == voor
    assert not Gebruiker.objects.filter(email="demo@demo.example.org").exists()


def test_a_real_file_on_a_demo_database_exits_4(tmp_path):
    assert importeer(DEMO).code == 0
    code, out = draai(tmp_path, voorbeeld())
    assert code == 4 and "demogegevens" in out
    assert not Gebruiker.objects.filter(email="f.elamrani@krimpen.example.org").exists()
    # a file without `demo` is a real one
    assert importeer(voorbeeld().replace("demo: false\n", "")).code == 4


def test_a_demo_file_is_refused_in_production_mode(settings):
    settings.PRODUCTION = True
    resultaat = importeer(DEMO)
    assert resultaat.code == 4 and "productiemodus" in resultaat.fouten[0].reden
    assert not Verwerkingsverantwoordelijke.objects.exists()
