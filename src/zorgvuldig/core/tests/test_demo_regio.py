"""The demo region: the bundled `demo: true` file through import-config, and `zorgvuldig demo` (API §3.2)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from zorgvuldig.convenanten.models import Convenant
from zorgvuldig.core import demo, tenancy
from zorgvuldig.core.management.commands import demo as demo_commando
from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Rol, Verwerkingsverantwoordelijke
from zorgvuldig.organisaties.yaml_regels import lees
from zorgvuldig.personen.models import Persoon

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[4] / "README.md"


def _commando(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("demo", "--no-server", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def zonder_geschiedenis(monkeypatch):
    """The demo without its six months of history (core/demo_geschiedenis.py), for tests about the region,
    log-ins and tokens: the history adds seconds to every build and nothing to what they check."""
    from zorgvuldig.core import demo_geschiedenis

    monkeypatch.setattr(demo_geschiedenis, "bouw_geschiedenis", lambda: None)


@pytest.fixture
def demomodus(settings, monkeypatch):
    """Demo mode without touching the test database's schema (no migrate) or starting a server."""
    settings.DEMO = True
    geroepen = []
    monkeypatch.setattr(demo_commando, "call_command", lambda *a, **k: geroepen.append(a[0]))
    return geroepen


def test_the_demo_region_has_every_role_partner_users_profiles_a_convenant_and_a_token(zonder_geschiedenis):
    uit = demo.bouw_demo()
    assert all(vv.demo for vv in Verwerkingsverantwoordelijke.objects.all())
    gebruikers = {g["email"]: g for g in uit["gebruikers"]}
    assert {r for g in uit["gebruikers"] for r in g["rollen"]} == set(Rol.values)
    assert {g["organisatie"] for g in uit["gebruikers"]} == set(
        Organisatie.objects.values_list("code", flat=True)
    )
    assert set(Organisatie.objects.values_list("type", flat=True)) >= {
        "gemeentelijk_team",
        "school",
        "jeugdhulp",
        "wgbo_zorg",
        "politie_om",
        "veilig_thuis",
    }
    medewerkers = [
        g for g in Gebruiker.objects.filter(organisatie__code="wijkteam-krimpen") if "medewerker" in g.rollen
    ]
    assert {g.mandaten.filter(soort="vi_signaleren").exists() for g in medewerkers} == {True, False}
    assert not Organisatie.objects.get(code="politie-ijsselland").profiel.heeft_meldrecht  # VI-05
    assert Organisatie.objects.filter(profiel__isnull=True).count() == 0
    vi = Convenant.objects.get(code="vi-krimpen-2026")
    assert vi.status == "actief" and vi.toetredingen.count() == 5
    assert Convenant.objects.get(code="zvh-krimpen-2026").status == "concept"
    assert Persoon.objects.count() == 3  # Sam, his mother, Kees (E1, E8)

    for g in Gebruiker.objects.all():
        assert g.email.endswith(".example.org")
        assert g.check_password(demo.WACHTWOORD)
        assert g.geheimhoudingsverklaring_op is not None
        apparaat = TOTPDevice.objects.get(user=g, confirmed=True)
        assert gebruikers[g.email]["totp"] and gebruikers[g.email]["wachtwoord"] == demo.WACHTWOORD
        assert apparaat.verify_token(totp(apparaat.bin_key))  # the printed secret is the device's

    (token,) = uit["tokens"]
    # the start screen offers a token only the users it may act for (AC-08): the school's mandated teacher
    school = [g for g in uit["gebruikers"] if g["organisatie"] == "osg-het-baken"]
    assert [g["email"] for g in school if g["viMandaat"]] == ["jan@hetbaken.example.org"]
    assert (token["naam"], token["organisatie"]) == ("leerlingvolgsysteem", "osg-het-baken")
    jan = Gebruiker.objects.get(email="jan@hetbaken.example.org")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token['waarde']}", HTTP_NAMENS_GEBRUIKER=str(jan.uuid))
    assert client.get("/api/v1/gebruikersprofiel").json()["scopes"] == [
        "match:behandelen",
        "signaal:registreren",
    ]


def test_building_the_demo_twice_changes_nothing_and_keeps_the_totp_secrets():
    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.verwijsindex.models import ArchiefSignaal, Signaal

    def tel() -> tuple[int, ...]:
        # everything there is: on PostgreSQL a count outside the system context would see only what the
        # organisation of the demo's last service call may see, and the two builds end with different ones
        with tenancy.systeem():
            return tuple(m.objects.count() for m in (Persoon, Dossier, Signaal, ArchiefSignaal))

    eerst = demo.bouw_demo()
    aantallen = tel()
    tweede = demo.bouw_demo()
    assert tweede["gebruikers"] == eerst["gebruikers"]
    assert tweede["tokens"][0]["waarde"] is None  # printed once (stored hashed)
    assert Gebruiker.objects.count() == len(eerst["gebruikers"])
    assert tel() == aantallen and aantallen[0] > 3  # the history too is made once


def test_the_demo_starts_again_on_later_days_with_the_token_it_issued_first(zonder_geschiedenis):
    eerst = demo.bouw_demo()
    for dagen in (1, 400):  # the next day, and after the token expired
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=dagen)):
            later = demo.bouw_demo()
        assert later["tokens"][0]["geldigTot"] == eerst["tokens"][0]["geldigTot"]
        assert later["tokens"][0]["waarde"] is None


def test_the_readme_log_ins_exist_in_the_demo_file():
    emails = {g["email"] for g in lees(demo.demo_tekst()).data["gebruikers"]}
    genoemd = set(re.findall(r"[\w.-]+@[\w.-]+\.example\.org", README.read_text(encoding="utf-8")))
    genoemd.discard("maintainers@zorgvuldig.example.org")  # the (placeholder) address for security reports
    assert genoemd and genoemd <= emails
    assert {
        "fatima@krimpen.example.org",
        "marieke@krimpen.example.org",
        "beheer@krimpen.example.org",
        "fg@krimpen.example.org",
        "vi@krimpen.example.org",
        "audit@krimpen.example.org",
        "jan@hetbaken.example.org",
        "zorg@jeugdhulp.example.org",
    } <= emails


def test_the_demo_command_prints_url_log_ins_with_totp_secrets_and_the_token(demomodus, zonder_geschiedenis):
    code, out, _ = _commando("--json")
    assert code == 0 and demomodus == ["migrate"]
    uit = json.loads(out)
    assert set(uit) == {"database", "url", "gebruikers", "tokens"}
    assert uit["url"] == "http://127.0.0.1:8000/"
    fatima = next(g for g in uit["gebruikers"] if g["email"] == "fatima@krimpen.example.org")
    assert fatima["wachtwoord"] == "demo-wachtwoord-2026" and re.fullmatch(r"[A-Z2-7]{32}", fatima["totp"])
    assert re.fullmatch(r"[0-9a-f]{40}", uit["tokens"][0]["waarde"])

    code, out, _ = _commando("--port", "8123")
    assert code == 0
    assert "http://127.0.0.1:8123/" in out
    assert f"TOTP-geheim {fatima['totp']}" in out and "demo-wachtwoord-2026" in out
    assert "leerlingvolgsysteem" in out and "al getoond" in out


def test_the_demo_command_refuses_real_data_with_exit_4(demomodus, regio):
    code, out, err = _commando()
    assert code == 4 and out == ""
    assert "echte gegevens" in err
    assert not Gebruiker.objects.filter(email="fatima@krimpen.example.org").exists()


def test_the_demo_command_refuses_outside_demo_mode(settings):
    settings.DEMO = False
    code, _, err = _commando()
    assert code == 4 and "ZORGVULDIG_MODE=demo" in err


def test_the_demo_has_signals_and_matches_so_the_journey_shows_at_once():
    """Issue: a new user sees the verwijsindex journey at once — Fatima already shares a match, and her
    signal on Sam (E1) will match Jan's; the demo's match notices went to the outbox. The history's signals
    (each its own youth) make no match and no notice."""
    from zorgvuldig.berichten.models import Bericht
    from zorgvuldig.core import crypto
    from zorgvuldig.core.context import Actor
    from zorgvuldig.verwijsindex import selectors
    from zorgvuldig.verwijsindex.models import Match, Notificatie, Signaal

    demo.bouw_demo()
    fatima = Actor.voor(Gebruiker.objects.get(email="fatima@krimpen.example.org"))
    assert len(selectors.matches_zichtbaar_voor(fatima)) == 1
    jan = Actor.voor(Gebruiker.objects.get(email="jan@hetbaken.example.org"))
    sam = crypto.blind_index_candidates("999993653")
    assert selectors.signalen_zichtbaar_voor(jan).filter(bsn_index__in=sam).count() == 1
    with tenancy.systeem():  # what there is, not what the last actor may see (PostgreSQL)
        assert Match.objects.count() == 2 and Match.objects.filter(status="contact_gelegd").count() == 1
        assert Bericht.objects.filter(sleutel__startswith="vi-match:").count() == 4
        assert Notificatie.objects.count() == 4
        signalen = Signaal.objects.count()
    demo.bouw_demo()
    with tenancy.systeem():
        assert Signaal.objects.count() == signalen  # idempotent


def test_the_demo_has_a_dossier_with_notes_a_consent_and_an_incoming_request():
    """Issue 6: the demo worker finds a started dossier with notes of each kind, a consent of Sam and his
    mother, and Veilig Thuis's request waiting as a draft sharing decision."""
    from zorgvuldig.core.context import Actor
    from zorgvuldig.dossiers import selectors
    from zorgvuldig.dossiers.models import Notitie
    from zorgvuldig.toestemmingen.models import Toestemming
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    demo.bouw_demo()
    fatima = Actor.voor(Gebruiker.objects.get(email="fatima@krimpen.example.org"))
    [dossier] = selectors.dossiers_zichtbaar_voor(fatima)
    assert dossier.status == "vraagverheldering"
    assert set(Notitie.objects.filter(dossier=dossier).values_list("soort", flat=True)) == {
        "feit",
        "mening",
        "client_visie",
    }
    assert Toestemming.objects.get(dossier=dossier).status == "gegeven"
    assert Deelbesluit.objects.get(dossier=dossier).status == "concept"
    demo.bouw_demo()
    assert Deelbesluit.objects.count() == 1  # idempotent


def test_rt_01_rt_13_the_demo_has_a_dossier_due_for_a_destruction_list():
    """Kees' dossier ended in 2010, so it is due (RT-01): it no longer acts (RT-12) and waits for the list
    the leidinggevende and the FG approve (RT-13)."""
    import datetime as dt

    from zorgvuldig.bewaren import policies as bp
    from zorgvuldig.bewaren import selectors as bs
    from zorgvuldig.bewaren.models import Bewaartermijn
    from zorgvuldig.dossiers.models import Dossier

    demo.bouw_demo()
    demo.bouw_demo()  # idempotent
    rij = Bewaartermijn.objects.get(objecttype="dossiers.dossier", brondatum=dt.date(2010, 6, 30))
    assert rij.vervaldatum == dt.date(2025, 1, 1)
    assert bs.status_van(rij) == bp.VERLOPEN
    # one row per dossier, the history's too, none twice
    assert Bewaartermijn.objects.filter(objecttype="dossiers.dossier").count() == Dossier.objects.count()


def test_rg_01_rg_02_rg_03_the_demo_has_an_approved_register_entry_a_dpia_and_a_running_breach(
    zonder_geschiedenis,
):
    """The FG's pages show something at once: an approved register version and DPIA for the wijkteam's
    main processing, and a breach whose clock passed its 24-hour mark, with the scope to analyse."""
    from django.conf import settings

    from zorgvuldig.core.clock import now
    from zorgvuldig.datalekken import policies as dp
    from zorgvuldig.datalekken.models import Datalek
    from zorgvuldig.registers import selectors as rs
    from zorgvuldig.registers.models import Registerversie

    demo.bouw_demo()
    demo.bouw_demo()  # idempotent
    gemeente = Verwerkingsverantwoordelijke.objects.get(code="gemeente-krimpen")
    assert rs.dpia_goedgekeurd(gemeente.pk, "sociaal-domein-ondersteuning")
    assert Registerversie.objects.filter(status="goedgekeurd").count() == 1
    lek = Datalek.objects.get()
    assert lek.afbakening_account is not None
    klok = dp.klok(lek.ontdekt_op, lek.status, now(), lek.besloten_op, settings.BREACH_NOTIFY_HOURS)
    assert klok.stand == dp.ALERT_24


def test_rp_02_rp_03_vi_18_the_demo_reports_show_figures_for_the_last_whole_month_and_suppress_some(settings):
    """RP-02, RP-03, VI-18 (issue: a new user sees the whole journey at once): a report counts only whole
    past months, so the demo has six months of history. The leidinggevende's VI report, as the page shows
    it, publishes the last whole month's signals (≥ minCell) and suppresses small cells; so does the general
    report (dossiers) for that month alone. The school's leidinggevende sees her own figures. Loading the
    history sent nothing: the scheduler's first sweep and reminders find nothing to do (VI-17, VI-20)."""
    from zorgvuldig.berichten.models import Bericht
    from zorgvuldig.core.clock import today
    from zorgvuldig.core.context import Actor
    from zorgvuldig.rapportages import selectors
    from zorgvuldig.rapportages.policies import laatste_hele_maand
    from zorgvuldig.verwijsindex import services as vi
    from zorgvuldig.verwijsindex.models import ArchiefSignaal

    demo.bouw_demo()
    laatst = laatste_hele_maand(today())
    minimum = settings.REPORTS_MIN_CELL

    def gepubliceerd(rapport, **dimensies) -> list[int]:
        return [
            c.aantal
            for c in rapport.cellen
            if c.aantal is not None
            and c.aantal >= minimum
            and all(c.dimensies[rapport.dimensies.index(d)] == w for d, w in dimensies.items())
        ]

    for email in ("marieke@krimpen.example.org", "directie@hetbaken.example.org"):
        lezer = Actor.voor(Gebruiker.objects.get(email=email))
        maand = selectors.lees(lezer, "verwijsindex", vanaf=laatst, tot=laatst, groepering=[])
        assert gepubliceerd(maand, soort="signalen"), email
        # Under `statutory` one organisation's month has two cells (signals, matches): one suppressed cell
        # would take the other along (RP-03), so suppression shows on the page's twelve months.
        pagina = selectors.lees(lezer, "verwijsindex", vanaf=None, tot=None, groepering=["soort", "maand"])
        assert gepubliceerd(pagina, soort="signalen", maand=f"{laatst:%Y-%m}"), email
        assert any(c.onderdrukt for c in pagina.cellen), email

    marieke = Actor.voor(Gebruiker.objects.get(email="marieke@krimpen.example.org"))
    dossiers = selectors.lees(marieke, "dossiers", vanaf=laatst, tot=laatst, groepering=[])
    assert dossiers.periode == (laatst.replace(day=1), laatst)
    assert gepubliceerd(dossiers) and any(c.onderdrukt for c in dossiers.cellen)

    # withdrawn and expired history signals are in the archive already (VI-17, VI-21) ...
    assert set(ArchiefSignaal.objects.values_list("einde", flat=True)) == {"ingetrokken", "verlopen"}
    berichten = Bericht.objects.count()
    assert vi.archiveer() == {"gearchiveerd": 0}
    # ... and no history signal is within 14 days of its removal date (no reminder e-mails, VI-20)
    assert vi.herinner() == {"herinneringen": 0} and Bericht.objects.count() == berichten


@pytest.mark.slow
def test_demo_reset_starts_from_an_empty_database_that_is_then_complete(tmp_path):
    """The README's `--reset`: before, the start-up checks' open connection went on writing to the removed
    file and the old WAL stayed beside the new one, leaving a database without tables (exit code 0)."""
    import os
    import sqlite3
    import subprocess
    import sys

    db = tmp_path / "demo.sqlite3"
    env = {
        **os.environ,
        "ZORGVULDIG_MODE": "demo",
        "ZORGVULDIG_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{db}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def demo_start(*args: str) -> dict:
        klaar = subprocess.run(
            [sys.executable, "-m", "zorgvuldig", "demo", "--no-server", "--json", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return json.loads(klaar.stdout.strip().splitlines()[-1])

    def tel(tabel: str) -> int:
        with sqlite3.connect(db) as conn:
            return conn.execute(f"SELECT count(*) FROM {tabel}").fetchone()[0]

    eerst = demo_start()
    with sqlite3.connect(db) as conn:  # someone changed the demo data while trying it
        conn.execute("UPDATE personen_persoon SET geslachtsnaam = 'Gewijzigd'")
    personen = tel("personen_persoon")
    tweede = demo_start("--reset")
    assert tel("personen_persoon") == personen and tel("audit_auditregel") > 0
    with sqlite3.connect(db) as conn:
        assert not conn.execute("SELECT 1 FROM personen_persoon WHERE geslachtsnaam = 'Gewijzigd'").fetchall()
    # a fresh database: new TOTP secrets, a new token shown again
    assert {g["totp"] for g in tweede["gebruikers"]}.isdisjoint({g["totp"] for g in eerst["gebruikers"]})
