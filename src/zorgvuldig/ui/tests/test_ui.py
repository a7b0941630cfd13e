"""The web UI shell: two-factor log-in, lock-out, session expiry, the undertaking (AC-07), navigation
by role (AC-06, AC-14), person search by POST, break-glass with re-authentication (AC-11), and the
beheerder's pages, every change audited."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.bezorging import bezorg
from zorgvuldig.conftest import BSN_SAM, als_systeem
from zorgvuldig.organisaties.models import Gebruiker
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db
WACHTWOORD = "correct-horse-battery-staple"

NAVIGATIE = {
    "medewerker": [
        "Overzicht",
        "Personen",
        "Dossiers",
        "Casusoverleg",
        "Verzoeken",
        "Verwijsindex",
        "Mijn profiel",
    ],
    "leidinggevende": [
        "Overzicht",
        "Personen",
        "Dossiers",
        "Casusoverleg",
        "Verzoeken",
        "Verwijsindex",
        "Toegangen",
        "Logboek",
        "Rapportage",
        "Monitoringexports",
        "Verstrekkingenregister",
        "Registers",
        "Datalekken",
        "Convenanten",
        "Bewaren",
        "Mijn profiel",
    ],
    "beheerder": [
        "Overzicht",
        "Convenanten",
        "Bewaren",
        "Gebruikers",
        "Teams",
        "API-sleutels",
        "Typen casusoverleg",
        "Mijn profiel",
    ],
    "fg": [
        "Overzicht",
        "Verzoeken",
        "Toegangen",
        "Logboek",
        "Rapportage",
        "Monitoringexports",
        "Verstrekkingenregister",
        "Registers",
        "Datalekken",
        "Convenanten",
        "Toegangsbewaking",
        "Bewaren",
        "Beheer verwijsindex",
        "Typen casusoverleg",
        "Mijn profiel",
    ],
    "auditor": ["Overzicht", "Dossiers", "Logboek", "Mijn profiel"],
    "vi_beheerder": ["Overzicht", "Verzoeken", "Beheer verwijsindex", "Mijn profiel"],
}


def code(gebruiker) -> str:
    device = TOTPDevice.objects.get(user=gebruiker, confirmed=True)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def nav(html: str) -> list[str]:
    blok = re.search(r'<nav class="zv-nav" aria-label="Hoofdmenu">(.*?)</nav>', html, re.S)
    return re.findall(r'class="utrecht-link zv-nav-link"[^>]*>([^<]+)</a>', blok.group(1)) if blok else []


def inloggen(client, gebruiker, wachtwoord=WACHTWOORD):
    return client.post("/inloggen", {"email": gebruiker.email, "wachtwoord": wachtwoord})


@pytest.mark.parametrize("rol", sorted(NAVIGATIE))
def test_ac_14_each_role_sees_exactly_its_navigation(regio, ui, rol):
    gebruiker = {"medewerker": regio.medewerker, "vi_beheerder": regio.vi_beheerder}.get(rol) or getattr(
        regio, rol
    )
    r = ui(gebruiker).get("/overzicht")
    assert r.status_code == 200
    assert nav(r.content.decode()) == NAVIGATIE[rol]


@pytest.mark.parametrize(
    ("rol", "pad"),
    [
        ("medewerker", "/beheer/gebruikers"),
        ("medewerker", "/logboek"),
        ("beheerder", "/personen"),
        ("beheerder", "/logboek"),
        ("auditor", "/personen"),
        ("fg", "/beheer/api-sleutels"),
    ],
)
def test_ac_06_a_page_outside_the_role_looks_like_a_missing_one(regio, ui, rol, pad):
    r = ui(getattr(regio, rol)).get(pad)
    missing = ui(getattr(regio, rol)).get("/bestaat-niet", HTTP_ACCEPT="text/html")
    assert r.status_code == missing.status_code == 404
    assert b"Pagina niet gevonden" in r.content


def test_ac_13_log_in_needs_password_and_totp_code(regio):
    TOTPDevice.objects.create(user=regio.medewerker, name="app", confirmed=True)
    client = Client()
    r = inloggen(client, regio.medewerker, "fout-wachtwoord")
    assert r.status_code == 400 and "klopt niet" in r.content.decode()
    r = inloggen(client, regio.medewerker)
    assert r.status_code == 302 and r["Location"].startswith("/inloggen/code")
    # the password alone opens nothing: no page, no API
    assert client.get("/overzicht").status_code == 302
    assert client.get("/api/v1/gebruikersprofiel").status_code == 401
    r = client.post("/inloggen/code", {"code": "000000"})
    assert r.status_code == 400
    r = client.post("/inloggen/code", {"code": code(regio.medewerker)})  # at once: refused, and told why
    assert r.status_code == 400 and "even wachten" in r.content.decode()
    # django-otp slows guessing down: after a wrong code the next try must wait (here: 5 s later)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)):
        r = client.post("/inloggen/code", {"code": code(regio.medewerker), "volgende": "/personen"})
        assert r.status_code == 302 and r["Location"] == "/personen"
        assert client.get("/overzicht").status_code == 200
        assert client.get("/api/v1/gebruikersprofiel").status_code == 200


def test_ac_13_a_code_used_once_is_refused_again_and_the_user_is_told_why(regio):
    """django-otp accepts each code once (replay protection). Logging in again within the same 30 seconds
    with the code just used is refused — as "already used", not as a wrong code (demo review L1)."""
    TOTPDevice.objects.create(user=regio.medewerker, name="app", confirmed=True)
    moment = dt.datetime.now(dt.UTC).replace(second=1, microsecond=0)
    with time_machine.travel(moment, tick=False):
        eerste = Client()
        inloggen(eerste, regio.medewerker)
        gebruikt = code(regio.medewerker)
        assert eerste.post("/inloggen/code", {"code": gebruikt}).status_code == 302
        tweede = Client()
        inloggen(tweede, regio.medewerker)
        r = tweede.post("/inloggen/code", {"code": gebruikt})
        assert r.status_code == 400 and "al gebruikt" in r.content.decode()
        assert tweede.get("/overzicht").status_code == 302  # still not signed in
    with time_machine.travel(moment + dt.timedelta(seconds=40), tick=False):
        r = tweede.post("/inloggen/code", {"code": code(regio.medewerker)})  # the next code
        assert r.status_code == 302


def test_after_log_in_only_a_local_page_follows(regio):
    TOTPDevice.objects.create(user=regio.medewerker, name="app", confirmed=True)
    client = Client()
    inloggen(client, regio.medewerker)
    r = client.post("/inloggen/code", {"code": code(regio.medewerker), "volgende": "//evil.example.org/x"})
    assert r["Location"] == "/"


def test_ac_13_an_account_is_locked_after_repeated_failures(regio, settings):
    TOTPDevice.objects.create(user=regio.medewerker, name="app", confirmed=True)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        inloggen(client, regio.medewerker, "fout-wachtwoord")
    r = inloggen(Client(), regio.medewerker)  # even the right password, from another browser
    assert r.status_code == 429
    assert "tijdelijk geblokkeerd" in r.content.decode()
    assert regio.medewerker.email not in r.content.decode()
    # another account is not affected
    TOTPDevice.objects.create(user=regio.collega, name="app", confirmed=True)
    assert inloggen(Client(), regio.collega).status_code == 302


def test_ac_13_a_session_ends_after_inactivity(regio, ui, settings):
    client = ui(regio.medewerker)
    assert client.get("/overzicht").status_code == 200
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=settings.UI_SESSIE_INACTIEF_SECONDEN + 60)
    with time_machine.travel(later):
        r = client.get("/overzicht")
        assert r.status_code == 302 and "/inloggen?verlopen=1" in r["Location"]
        assert client.get("/overzicht").status_code == 302  # logged out, not just redirected once


def test_ac_07_no_page_before_the_undertaking_and_accepting_it_is_audited(regio, ui):
    regio.collega.geheimhoudingsverklaring_op = None
    regio.collega.save()
    client = ui(regio.collega)
    for pad in ("/overzicht", "/personen"):
        r = client.get(pad)
        assert r.status_code == 302 and r["Location"] == "/geheimhouding"
    assert client.post("/geheimhouding", {}).status_code == 400
    r = client.post("/geheimhouding", {"akkoord": "on"})
    assert r.status_code == 302
    als_systeem()
    regio.collega.refresh_from_db()
    assert regio.collega.geheimhoudingsverklaring_op is not None
    entries = AuditRegel.objects.filter(
        actor_gebruiker=str(regio.collega.uuid), object_uuid=str(regio.collega.uuid)
    )
    assert any("geheimhoudingsverklaring_op" in e.velden for e in entries)
    assert client.get("/overzicht").status_code == 200


@pytest.mark.parametrize(
    ("rol", "pad"),
    [
        ("medewerker", "/personen"),
        ("fg", "/logboek"),  # break-glass (/noodtoegang) asks first; it uses the form of /personen
        ("leraar", "/verwijsindex/signaal-afgeven"),
        ("vi_beheerder", "/verwijsindex/beheer"),
    ],
)
def test_a_bsn_field_is_kept_out_of_the_browsers_form_history(regio, ui, rol, pad):
    """A shared workstation's browser must not offer the next user a BSN typed before (AVG art. 32)."""
    r = ui(getattr(regio, rol)).get(pad)
    assert r.status_code == 200, pad
    [veld] = re.findall(r'<input[^>]*name="bsn"[^>]*>', r.content.decode())
    assert 'autocomplete="off"' in veld


def test_person_search_is_by_post_audited_and_finds_only_visible_persons(regio, ui):
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={
            "geslachtsnaam": "Jansen",
            "voornamen": "Sam",
            "bsn": BSN_SAM,
            "geboortedatum": dt.date(2011, 9, 20),
        },
    )
    client = ui(regio.medewerker)
    assert client.get("/personen").status_code == 200
    before = AuditRegel.objects.count()
    r = client.post("/personen", {"bsn": BSN_SAM})
    assert r.status_code == 200 and "Sam" in r.content.decode()
    assert AuditRegel.objects.filter(id__gt=0).count() > before
    r = client.post("/personen", {"bsn": "123"})
    assert r.status_code == 400 and "geen geldig BSN" in r.content.decode()
    page = client.get(f"/personen/{sam.uuid}")
    assert page.status_code == 200 and BSN_SAM in page.content.decode()
    entry = AuditRegel.objects.filter(object_uuid=str(sam.uuid), actie="persoon.ingezien").latest("id")
    assert entry.toegang and entry.kanaal == "ui"
    # the teacher of another organisation finds nothing and the page answers like a missing one
    other = ui(regio.leraar)
    assert "Geen personen gevonden" in other.post("/personen", {"bsn": BSN_SAM}).content.decode()
    voor = AuditRegel.objects.filter(status="geweigerd").count()
    assert other.get(f"/personen/{sam.uuid}").status_code == 404
    weigering = AuditRegel.objects.filter(status="geweigerd").order_by("id")[voor:]
    assert [(w.actor_gebruiker, w.code, w.object_uuid) for w in weigering] == [
        # AU-04, AU-02: the entry names the record for the log's readers; the page revealed nothing
        (str(regio.leraar.uuid), "E_NOT_FOUND", str(sam.uuid))
    ]
    # htmx asks for the result fragment only
    frag = client.post("/personen", {"bsn": BSN_SAM}, HTTP_HX_REQUEST="true")
    assert "<html" not in frag.content.decode() and "Sam" in frag.content.decode()


def test_ac_11_break_glass_needs_fresh_reauthentication_and_creates_a_review_task(regio, ui):
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM, "geboortedatum": dt.date(2011, 9, 20)},
    )
    client = ui(regio.collega)  # same organisation, no grant on Sam
    assert client.get(f"/personen/{sam.uuid}").status_code == 404
    r = client.get("/noodtoegang")
    assert r.status_code == 302 and r["Location"].startswith("/bevestigen")
    assert client.post("/bevestigen", {"wachtwoord": "fout", "code": code(regio.collega)}).status_code == 400
    # a code works once (replay protection): the next step of 30 s brings a new one
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=31)):
        r = client.post(
            "/bevestigen", {"wachtwoord": WACHTWOORD, "code": code(regio.collega), "volgende": "/noodtoegang"}
        )
        assert r.status_code == 302 and r["Location"] == "/noodtoegang"
        r = client.post("/noodtoegang", {"bsn": BSN_SAM, "dreiging_voor": ["client"], "reden": "kort"})
        assert r.status_code == 400
        r = client.post(
            "/noodtoegang",
            {
                "bsn": BSN_SAM,
                "dreiging_voor": ["client"],
                "reden": "Moeder meldt telefonisch dat Sam vanavond met geweld is bedreigd door "
                "een huisgenoot.",
            },
        )
        assert r.status_code == 302 and r["Location"] == f"/personen/{sam.uuid}"
        page = client.get(f"/personen/{sam.uuid}")
        assert page.status_code == 200 and "met noodtoegang" in page.content.decode()
        bezorg()  # the leidinggevende hears of it by e-mail, without client data
        melding = [m for m in mail.outbox if m.to == [regio.leidinggevende.email]]
        assert len(melding) == 1 and "Pieter de Vos" in melding[0].body
        assert "Sam" not in melding[0].body + melding[0].subject and BSN_SAM not in melding[0].body
        lg = ui(regio.leidinggevende)
        taak = lg.get("/overzicht").content.decode()
        assert "Noodtoegang beoordelen" in taak and "Pieter de Vos" in taak
        assert "Noodtoegang beoordelen" not in client.get("/overzicht").content.decode()  # not one's own
        als_systeem()
        grant = Toegang.objects.get(bron="noodtoegang", ontvanger_gebruiker=regio.collega)
        pad = f"/noodtoegang/{grant.uuid}/beoordelen"
        review = lg.get(pad).content.decode()
        assert "Sam" in review and "Jansen" in review  # whose record was opened
        assert "Persoonsgegevens ingezien van" in review and "Geopend dossier" not in review  # (c): a person
        assert "Dreiging voor" in review and "Cliënt" in review and ">client<" not in review
        geweigerd = lg.post(pad, {"oordeel": "nee"})  # "not justified" needs a reason
        assert geweigerd.status_code == 400
        pagina = geweigerd.content.decode()  # the choice made stays, the reason is at its field
        assert 'value="nee" id="oordeel-nee" checked' in pagina
        assert 'aria-invalid="true" aria-describedby="toelichting-fout"' in pagina
        pagina = lg.post(pad, {"toelichting": "Eerst overleggen"}).content.decode()
        assert "Eerst overleggen</textarea>" in pagina and 'aria-describedby="oordeel-fout"' in pagina
        assert lg.post(pad, {"oordeel": "nee", "toelichting": "Geen acute dreiging"}).status_code == 302
        sleutel = AuditRegel.objects.filter(actie="toegang.noodtoegang_niet_terecht").get()
        assert sleutel.betrokkene  # in Sam's own trail, the outcome in the action itself
        # judged unjustified, the access ends at once, not at midnight
        assert client.get(f"/personen/{sam.uuid}").status_code == 404
        inbox = client.get("/overzicht").content.decode()  # Pieter hears the outcome, once
        assert "beoordeeld als niet terecht; uw noodtoegang is toen direct beëindigd" in inbox
        assert "Geen acute dreiging" in inbox and "is ingetrokken" not in inbox
        review = lg.get(pad).content.decode()
        assert "niet terecht" in review and "De noodtoegang is beëindigd op" in review
        assert "De noodtoegang is direct beëindigd." in review  # the confirmation says what happened
        # the list of grants filters by source and review, and shows who judged it and how
        lijst = lg.get("/toegangen?bron=noodtoegang&beoordeling=niet_terecht").content.decode()
        assert "Niet terecht, door" in lijst and "Geen acute dreiging" in lijst and "Pieter de Vos" in lijst
        assert "Pieter de Vos" not in lg.get("/toegangen?beoordeling=open").content.decode()


def test_ac_11_break_glass_keeps_what_was_typed_when_the_confirmation_ran_out(regio, ui):
    """Five minutes after password and code, the break-glass form asks for them again on the same page,
    with the reasons still filled in; only then is the grant made (AC-11)."""
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM, "geboortedatum": dt.date(2011, 9, 20)},
    )
    client = ui(regio.collega)
    begin = dt.datetime.now(dt.UTC)
    r = client.post("/bevestigen", {"wachtwoord": WACHTWOORD, "code": code(regio.collega)})
    assert r.status_code == 302
    reden = "Moeder meldt telefonisch dat Sam vanavond met geweld is bedreigd door een huisgenoot."
    invoer = {"bsn": BSN_SAM, "dreiging_voor": ["client"], "reden": reden}
    with time_machine.travel(begin + dt.timedelta(minutes=6)):
        r = client.post("/noodtoegang", invoer)
        pagina = r.content.decode()
        assert r.status_code == 400 and "Uw bevestiging is verlopen" in pagina
        assert f"{reden}</textarea>" in pagina and f'value="{BSN_SAM}"' in pagina
        assert 'name="bevestig-wachtwoord"' in pagina and "Controleer de gemarkeerde velden" not in pagina
        fout = client.post(
            "/noodtoegang", {**invoer, "bevestig-wachtwoord": "fout", "bevestig-code": "123456"}
        )
        assert fout.status_code == 400 and "Het wachtwoord of de code klopt niet." in fout.content.decode()
        assert f"{reden}</textarea>" in fout.content.decode()
        als_systeem()
        assert not Toegang.objects.filter(bron="noodtoegang").exists()
    with time_machine.travel(begin + dt.timedelta(minutes=6, seconds=31)):  # a fresh code
        r = client.post(
            "/noodtoegang",
            {**invoer, "bevestig-wachtwoord": WACHTWOORD, "bevestig-code": code(regio.collega)},
        )
        assert r.status_code == 302 and r["Location"] == f"/personen/{sam.uuid}"
        als_systeem()
        assert Toegang.objects.filter(bron="noodtoegang", ontvanger_gebruiker=regio.collega).count() == 1


def test_beheerder_creates_a_user_who_activates_with_password_and_totp(regio, ui):
    beheer = ui(regio.beheerder)
    # the activation mail goes through the outbox; the worker delivers it (bezorg() here)
    r = beheer.post(
        "/beheer/gebruikers/nieuw",
        {
            "naam": "Noor Nieuw",
            "email": "noor@krimpen.example.org",
            "organisatie": regio.wijkteam.pk,
            "functie": "Jeugdcoach",
            "rollen": ["medewerker"],
            "teams": [regio.team.pk],
        },
    )
    assert r.status_code == 302
    noor = Gebruiker.objects.get(email="noor@krimpen.example.org")
    assert not noor.has_usable_password()
    assert mail.outbox == []  # nothing is sent inside the request
    bezorg()
    assert AuditRegel.objects.filter(object_uuid=str(noor.uuid), actie="configuratie.gewijzigd").exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["noor@krimpen.example.org"]
    pad = re.search(r"https?://[^/\s]+(/activeren/\S+)", mail.outbox[0].body).group(1)
    assert pad not in r.content.decode()  # the beheerder never sees the link
    beheer.post(f"/beheer/gebruikers/{noor.uuid}/activatielink")  # the first link got lost: a new one
    bezorg()
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["noor@krimpen.example.org"]
    pad = re.search(r"https?://[^/\s]+(/activeren/\S+)", mail.outbox[1].body).group(1)
    client = Client()
    page = client.get(pad)
    assert page.status_code == 200 and 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=noor, confirmed=False)
    token = f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    # the form posts to the token-less address: the token stays in the session, out of every later URL
    assert 'action="/activeren"' in page.content.decode()
    r = client.post("/activeren", {"wachtwoord": "kort", "herhaal": "kort", "code": token})
    assert r.status_code == 400  # password policy
    sterk = "Lange-zin-van-Noor-2026"
    r = client.post("/activeren", {"wachtwoord": sterk, "herhaal": sterk, "code": token})
    assert r.status_code == 200 and "geactiveerd" in r.content.decode()
    assert client.get(pad).status_code == 404  # one-time
    assert client.get("/activeren").status_code == 404
    again = beheer.post(f"/beheer/gebruikers/{noor.uuid}/activatielink")
    bezorg()
    assert again.status_code == 302 and len(mail.outbox) == 2  # already active: no new link
    login = Client()
    assert inloggen(login, noor, sterk).status_code == 302
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=31)):  # a code works once
        assert login.post("/inloggen/code", {"code": code(noor)}).status_code == 302


def test_beheerder_revokes_a_grant_without_seeing_the_person(regio, ui):
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Jansen", "voornamen": "Sam", "bsn": BSN_SAM},
    )
    als_systeem()
    grant = Toegang.objects.get(ontvanger_gebruiker=regio.medewerker, object_id=sam.pk)
    beheer = ui(regio.beheerder)
    page = beheer.get(f"/beheer/gebruikers/{regio.medewerker.uuid}").content.decode()
    assert "Intrekken" in page and "Jansen" not in page and BSN_SAM not in page
    r = beheer.post(f"/beheer/toegangen/{grant.uuid}/intrekken", {"reden": "Andere functie"})
    assert r.status_code == 302
    als_systeem()
    grant.refresh_from_db()
    assert grant.ingetrokken_op is not None and grant.ingetrokken_reden == "Andere functie"
    assert AuditRegel.objects.filter(object_uuid=str(grant.uuid), actie="toegang.ingetrokken").exists()
    assert ui(regio.medewerker).get(f"/personen/{sam.uuid}").status_code == 404
    assert "is ingetrokken: Andere functie" in ui(regio.medewerker).get("/overzicht").content.decode()


def test_beheerder_changes_roles_and_deactivates_audited(regio, ui):
    beheer = ui(regio.beheerder)
    r = beheer.post(
        f"/beheer/gebruikers/{regio.collega.uuid}",
        {"functie": "Teamcoach", "rollen": ["medewerker", "leidinggevende"], "teams": [regio.team.pk]},
    )
    assert r.status_code == 302
    regio.collega.refresh_from_db()
    assert regio.collega.rollen == ["leidinggevende", "medewerker"] and not regio.collega.is_active
    entry = AuditRegel.objects.filter(object_uuid=str(regio.collega.uuid)).latest("id")
    assert set(entry.velden) == {"functie", "is_active", "rollen"}
    bad = beheer.post(f"/beheer/gebruikers/{regio.collega.uuid}", {"rollen": ["superuser"]})
    assert bad.status_code == 400


def test_pages_carry_a_strict_csp_and_templates_have_no_inline_script_or_style(regio, ui):
    from pathlib import Path

    r = ui(regio.medewerker).get("/overzicht")
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    templates = Path(__file__).resolve().parents[1] / "templates"
    for f in templates.rglob("*.html"):
        text = f.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), f
        assert " style=" not in text and "<style" not in text, f
        assert "hx-on" not in text, f


def test_a_user_of_an_sso_organisation_only_links_the_app_on_activation(regio, settings):
    """ADR 0007: OIDC replaces the password, never the TOTP code; the link enrols the app and ends."""
    from zorgvuldig.organisaties.activatie import activatie_pad
    from zorgvuldig.organisaties.services import maak_gebruiker
    from zorgvuldig.ui.oidc_config import Aanbieder

    settings.OIDC_PROVIDERS = {
        "wijkteam-krimpen": Aanbieder(
            organisatie="wijkteam-krimpen",
            naam="Gemeente Krimpen",
            authorization_endpoint="https://idp.example.org/auth",
            token_endpoint="https://idp.example.org/token",
            userinfo_endpoint="https://idp.example.org/userinfo",
            jwks_uri="https://idp.example.org/jwks",
            client_id="zorgvuldig",
            client_secret="geheim",
        )
    }
    noor = maak_gebruiker(
        actor=regio.actor(regio.beheerder),
        email="noor@krimpen.example.org",
        naam="Noor",
        organisatie=regio.wijkteam,
        rollen=["medewerker"],
    )
    pad = activatie_pad(noor)
    client = Client()
    page = client.get(pad).content.decode()
    assert 'name="code"' in page and 'name="wachtwoord"' not in page
    device = TOTPDevice.objects.get(user=noor, confirmed=False)
    token = f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    r = client.post("/activeren", {"code": token})
    assert r.status_code == 200 and "via uw organisatie" in r.content.decode()
    noor.refresh_from_db()
    assert not noor.has_usable_password()
    assert TOTPDevice.objects.filter(user=noor, confirmed=True).exists()
    assert client.get(pad).status_code == 404  # the link is used up


def test_grants_page_lists_grants_to_users_and_organisations(regio, ui):
    registreer_persoon(actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM})
    for user in (regio.leidinggevende, regio.fg):
        r = ui(user).get("/toegangen")
        assert r.status_code == 200 and "Fatima El Amrani" in r.content.decode()


def test_ac_06_beheerder_cannot_extend_his_own_rights_or_mix_roles(regio, ui):
    beheer = ui(regio.beheerder)
    eigen = beheer.post(
        f"/beheer/gebruikers/{regio.beheerder.uuid}", {"rollen": ["beheerder", "fg"], "actief": "on"}
    )
    assert eigen.status_code == 400
    uit = beheer.post(f"/beheer/gebruikers/{regio.beheerder.uuid}", {"rollen": ["beheerder"]})
    assert uit.status_code == 400
    regio.beheerder.refresh_from_db()
    assert regio.beheerder.rollen == ["beheerder"] and regio.beheerder.is_active
    gemengd = beheer.post(
        f"/beheer/gebruikers/{regio.collega.uuid}", {"rollen": ["medewerker", "auditor"], "actief": "on"}
    )
    assert gemengd.status_code == 400 and "functiescheiding" in gemengd.content.decode()
    regio.collega.refresh_from_db()
    assert regio.collega.rollen == ["medewerker"]


def test_a_person_without_bsn_is_found_by_surname_and_break_glass_needs_name_and_date(regio, ui):
    kees = registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "de Zwerver", "voornamen": "Kees", "bsn_ontbreekt_reden": "dakloos"},
    )
    r = ui(regio.medewerker).post("/personen", {"geslachtsnaam": "De Zwerver"})
    assert r.status_code == 200 and f"/personen/{kees.uuid}" in r.content.decode()
    collega = ui(regio.collega)
    sessie = collega.session
    sessie["zv_bevestigd_op"] = dt.datetime.now(dt.UTC).isoformat()  # as right after log-in
    sessie.save()
    r = collega.post(
        "/noodtoegang",
        {"geslachtsnaam": "de Zwerver", "dreiging_voor": ["client"], "reden": "x" * 60},
    )
    assert r.status_code == 400  # a surname alone is too broad for break-glass


def test_the_log_shows_who_did_it(regio, ui):
    registreer_persoon(actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM})
    r = ui(regio.fg).post("/logboek", {"bsn": BSN_SAM})
    assert r.status_code == 200 and "Fatima El Amrani" in r.content.decode()


def test_au_02_au_09_the_log_says_who_why_and_on_which_grant_and_marks_break_glass(regio, ui):
    """AU-02, AU-09 (FG review H1): "who looked at Lisa's dossier, why, on which basis and grant?" — each
    line names the person with function and organisation, the record, the activity with purpose and legal
    basis, and the grant; a read under break-glass stands out. The FG narrows the log to one colleague."""
    import uuid as uuid_

    from django.db import transaction

    from zorgvuldig.audit.services import record
    from zorgvuldig.dossiers.tests import hulp as dossierhulp

    casus = dossierhulp.Casus(regio)
    assert ui(regio.medewerker).get(f"/dossiers/{casus.dossier.uuid}").status_code == 200
    als_systeem()
    grant = Toegang.objects.filter(ontvanger_gebruiker=regio.medewerker, object_id=casus.dossier.pk).first()
    nood = Toegang.objects.get(pk=grant.pk)
    nood.pk, nood.uuid, nood.bron, nood.ontvanger_gebruiker = (
        None,
        uuid_.uuid4(),
        "noodtoegang",
        regio.collega,
    )
    nood.save()
    with transaction.atomic():
        record(
            actor=regio.actor(regio.collega),
            actie="dossier.ingezien",
            activiteit="sociaal-domein-ondersteuning",
            object=casus.dossier,
            betrokkenen=[casus.lisa],
            toegang=nood,
        )
    fg = ui(regio.fg)
    zoek = {"geslachtsnaam": "Visser", "geboortedatum": "2011-05-04"}

    def resultaten(data) -> str:
        return html.unescape(fg.post("/logboek", data).content.decode()).split("Logregels (")[1]

    pagina = resultaten(zoek)
    [regel] = [r for r in pagina.split("<tr") if "Fatima El Amrani" in r and "Dossier ingezien" in r]
    assert "Wijkteam Krimpen" in regel and "Ondersteuning door het wijkteam" in regel
    assert "Publieke taak" in regel and "Casusteam" in regel and "dossier " in regel.lower()
    assert "Noodtoegang</strong>" in pagina  # the colleague's break-glass read stands out
    alleen = resultaten({**zoek, "medewerker": str(regio.collega.uuid)})
    assert "Noodtoegang</strong>" in alleen and "Fatima El Amrani" not in alleen
    assert fg.post("/logboek", {**zoek, "medewerker": "iemand-anders"}).status_code == 400


def test_au_05_the_fg_reaches_every_entry_a_page_at_a_time_also_for_someone_without_bsn(regio, ui):
    """AU-05 / SPEC E8: no silent cut-off — all entries, 50 per page, newest first; a person without BSN
    is found by surname and birth date; period and action narrow the search; bad input is a Dutch 400."""
    from zorgvuldig.audit.services import record

    actor = regio.actor(regio.medewerker)
    kees = registreer_persoon(
        actor=actor,
        data={
            "geslachtsnaam": "de Zwerver",
            "voornamen": "Kees",
            "bsn_ontbreekt_reden": "Dakloos, onbekend",
            "geboortedatum": dt.date(1970, 5, 1),
        },
    )
    als_systeem()
    from django.db import transaction

    with transaction.atomic():
        for _ in range(120):
            record(
                actor=actor,
                actie="persoon.ingezien",
                activiteit="sociaal-domein-ondersteuning",
                betrokkenen=[kees],
            )
    fg = ui(regio.fg)
    zoek = {"geslachtsnaam": "De Zwerver", "geboortedatum": "1970-05-01"}
    pagina = fg.post("/logboek", zoek).content.decode()
    # the registration, 120 reads, and this search itself (it is about Kees too, AU-05)
    assert "Logregels (122)" in pagina and "Regels 1 tot en met 50" in pagina
    assert 'name="pagina" value="2"' in pagina and "Persoon ingezien" in pagina
    pagina = fg.post("/logboek", {**zoek, "pagina": "3"}).content.decode()
    assert "Regels 101 tot en met 123" in pagina and 'value="4"' not in pagina
    assert "Persoon geregistreerd" in pagina  # the oldest entry is reachable too
    alleen = fg.post("/logboek", {**zoek, "actie": "persoon.geregistreerd"}).content.decode()
    assert "Logregels (1)" in alleen
    morgen = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert "Logregels (0)" in fg.post("/logboek", {**zoek, "vanaf": morgen}).content.decode()
    for fout in (
        {"geslachtsnaam": "de Zwerver"},
        {"bsn": "123"},
        {**zoek, "vanaf": morgen, "tot": "2020-01-01"},
    ):
        assert fg.post("/logboek", fout).status_code == 400, fout


def test_a_relation_names_the_other_person_only_where_the_worker_may_see_them(regio, ui):
    """The person page says who a relation is with — by name and link where the worker may see that
    person too (the read is audited), and neutrally where not (need-to-know)."""
    from zorgvuldig.personen.models import Relatie

    fatima = regio.actor(regio.medewerker)
    sam = registreer_persoon(
        actor=fatima, data={"geslachtsnaam": "Jansen", "voornamen": "Sam", "bsn": BSN_SAM}
    )
    moeder = registreer_persoon(
        actor=fatima, data={"geslachtsnaam": "Jansen", "voornamen": "Ingrid", "bsn_ontbreekt_reden": "x"}
    )
    vader = registreer_persoon(  # registered by a colleague: Fatima has no grant on him
        actor=regio.actor(regio.collega), data={"geslachtsnaam": "Verborgen", "bsn_ontbreekt_reden": "x"}
    )
    als_systeem()
    for ander, soort in ((moeder, "ouder_met_gezag"), (vader, "ouder_zonder_gezag")):
        Relatie.objects.create(
            verwerkingsverantwoordelijke=regio.gemeente,
            organisatie=regio.wijkteam,
            persoon=sam,
            ander=ander,
            soort=soort,
        )
    pagina = ui(regio.medewerker).get(f"/personen/{sam.uuid}").content.decode()
    assert f'href="/personen/{moeder.uuid}">Ingrid Jansen</a>' in pagina
    assert "Verborgen" not in pagina and str(vader.uuid) not in pagina
    assert "een persoon die u niet kunt inzien" in pagina
    als_systeem()
    gelezen = AuditRegel.objects.filter(actie="persoon.lijst_ingezien", object_uuid=str(moeder.uuid))
    assert gelezen.count() == 1 and not AuditRegel.objects.filter(object_uuid=str(vader.uuid)).exclude(
        actie="persoon.geregistreerd"
    )


def test_static_files_are_served_without_collectstatic_outside_production(client):
    for pad in (
        "/static/ui/zorgvuldig.css",
        "/static/ui/vendor/utrecht-components.css",
        "/static/ui/vendor/htmx.min.js",
    ):
        assert client.get(pad).status_code == 200, pad


def test_ac_09_the_fg_gives_the_auditor_time_limited_access_to_the_log(regio, ui):
    registreer_persoon(actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM})
    auditor = ui(regio.auditor)
    assert "Geen geldige wettelijke toegang" in auditor.post("/logboek", {"bsn": BSN_SAM}).content.decode()
    fg = ui(regio.fg)
    gegevens = {
        "gebruiker": regio.auditor.pk,
        "instantie": "Accountant (fictief)",
        "bepaling": "art. 213a Gemeentewet",
        "doel": "Jaarcontrole",
    }
    te_lang = fg.post(
        "/toegangen", {**gegevens, "geldig_tot": (dt.date.today() + dt.timedelta(91)).isoformat()}
    )
    assert te_lang.status_code == 400 and "90 dagen" in te_lang.content.decode()
    r = fg.post("/toegangen", {**gegevens, "geldig_tot": (dt.date.today() + dt.timedelta(30)).isoformat()})
    assert r.status_code == 302
    assert "Fatima El Amrani" in auditor.post("/logboek", {"bsn": BSN_SAM}).content.decode()
    # the leidinggevende may read grants but gives no statutory access
    assert ui(regio.leidinggevende).post("/toegangen", gegevens).status_code == 404


def test_revoking_an_api_key_asks_first_and_then_stops_the_partner_at_once(regio, ui):
    """A revocation cannot be undone and cuts the partner system off: the list links to a confirmation
    page; only its POST revokes (as withdrawing a signal does)."""
    from zorgvuldig.organisaties import services as org

    token, _geheim = org.maak_token(
        actor=regio.actor(regio.beheerder),
        organisatie=regio.wijkteam,
        naam="leerlingvolgsysteem",
        scopes=["signaal:registreren"],
        geldig_tot=dt.date.today() + dt.timedelta(days=30),
    )
    beheer = ui(regio.beheerder)
    pad = f"/beheer/api-sleutels/{token.uuid}/intrekken"
    assert f'href="{pad}"' in beheer.get("/beheer/api-sleutels").content.decode()
    bevestig = beheer.get(pad)
    assert bevestig.status_code == 200 and "Weet u zeker" in bevestig.content.decode()
    token.refresh_from_db()
    assert token.ingetrokken_op is None  # asking changed nothing
    r = beheer.post(pad)
    assert r.status_code == 302 and r["Location"] == "/beheer/api-sleutels"
    token.refresh_from_db()
    assert token.ingetrokken_op is not None
    assert beheer.get(pad)["Location"] == "/beheer/api-sleutels"  # already revoked: nothing to confirm
    assert ui(regio.medewerker).get(pad).status_code == 404


def test_ac_15_the_beheerder_pages_offer_only_his_own_controllers_organisations(regio, ui):
    """The school belongs to another controller: not offered for a new user or team, and a forged choice
    is refused with a Dutch message, nothing created."""
    from zorgvuldig.organisaties.models import Team

    beheer = ui(regio.beheerder)
    for pad in ("/beheer/gebruikers/nieuw", "/beheer/teams"):
        keuze = re.search(r'<select name="organisatie".*?</select>', beheer.get(pad).content.decode(), re.S)
        assert keuze and "Wijkteam Krimpen" in keuze.group(0) and "OSG Het Baken" not in keuze.group(0)
    r = beheer.post("/beheer/teams", {"code": "zorgteam", "naam": "Zorgteam", "organisatie": regio.school.pk})
    assert r.status_code == 400 and "Selecteer een geldige keuze" in r.content.decode()
    assert not Team.objects.filter(code="zorgteam").exists()


def test_au_03_the_sealing_backlog_shows_for_the_fg_and_auditor_not_for_a_team_leader(regio, ui):
    """The log's sealing queue is operational news for those who answer for the log (AU-03); a
    leidinggevende reads team trails but has nothing to do with it (demo review L3)."""
    assert "verzegelde keten" in ui(regio.fg).get("/overzicht").content.decode()
    assert "verzegelde keten" in ui(regio.auditor).get("/overzicht").content.decode()
    assert "verzegelde keten" not in ui(regio.leidinggevende).get("/overzicht").content.decode()
