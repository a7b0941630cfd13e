"""Start-up checks of a production set-up (core/startcontrole.py): the key files and the database role.

Row-level security and the audit log's INSERT-only rights bind only a role that is not a superuser, has
no BYPASSRLS and does not own the tables (ADR 0002, AC-15, AU-03); without the KEK and the blind-index key
no BSN can be registered (DESIGN §4 Keys). Both were silently accepted before: /health said ok.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error, Warning
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection

from zorgvuldig.core import crypto, database, startcontrole

GOEDE_KEK = base64.b64encode(b"k" * 32).decode() + "\n"
GOEDE_BLINDE_INDEX = json.dumps({"1": base64.b64encode(b"b" * 32).decode()})


@pytest.fixture
def productie(settings, tmp_path):
    """Production mode with good key files (mode 0600) in tmp_path; tests spoil one of them."""
    settings.PRODUCTION = True
    kek, blind = tmp_path / "kek.key", tmp_path / "blind-index.json"
    for pad, inhoud in ((kek, GOEDE_KEK), (blind, GOEDE_BLINDE_INDEX)):
        pad.write_text(inhoud)
        pad.chmod(0o600)
    settings.KEK_FILE, settings.BLIND_INDEX_KEY_FILE = str(kek), str(blind)
    crypto.clear_caches()
    yield settings
    crypto.clear_caches()


# --- the decisions (pure) ---------------------------------------------------------------------------


def test_ac_15_only_a_role_bound_by_row_level_security_may_serve():
    assert database.rol_bezwaren("zorgvuldig_app", superuser=False, bypassrls=False, eigen_tabellen=[]) == []
    superuser = database.rol_bezwaren("postgres", superuser=True, bypassrls=False, eigen_tabellen=["a"])
    assert superuser == ["database role 'postgres' is a superuser"]  # owning everything goes without saying
    bypass = database.rol_bezwaren("app", superuser=False, bypassrls=True, eigen_tabellen=[])
    assert bypass == ["database role 'app' has BYPASSRLS"]
    tabellen = ["audit_auditregel", "personen_persoon", "toegang_toegang", "verstrekkingen_verstrekking"]
    eigenaar = database.rol_bezwaren(
        "zorgvuldig_owner", superuser=False, bypassrls=False, eigen_tabellen=tabellen
    )
    assert len(eigenaar) == 1 and "owns" in eigenaar[0] and "4 protected tables" in eigenaar[0]
    assert "audit_auditregel, personen_persoon, toegang_toegang, …" in eigenaar[0]


def test_a_key_file_must_not_be_readable_by_others():
    assert startcontrole.modus_bezwaar(0o600, productie=True) is None
    assert startcontrole.modus_bezwaar(0o400, productie=True) is None
    groep = startcontrole.modus_bezwaar(0o640, productie=True)
    assert groep is not None and not groep.fout and groep.id == "zorgvuldig.W022"
    wereld = startcontrole.modus_bezwaar(0o644, productie=True)
    assert wereld is not None and wereld.fout and wereld.id == "zorgvuldig.E021"
    assert startcontrole.modus_bezwaar(0o602, productie=True).fout  # world-writable: worse still
    assert not startcontrole.modus_bezwaar(0o644, productie=False).fout  # demo and test: a warning


def test_au_03_migrate_without_the_runtime_role_warns_and_names_the_variable():
    assert database.runtime_rol_waarschuwing("zorgvuldig_app", ["zorgvuldig_app"]) is None
    tekst = database.runtime_rol_waarschuwing("", ["zorgvuldig_app"])
    assert "ZORGVULDIG_DB_RUNTIME_ROLE" in tekst and "zorgvuldig_app" in tekst and "500" in tekst
    assert "ZORGVULDIG_DB_RUNTIME_ROLE" in database.runtime_rol_waarschuwing("", [])


# --- key files --------------------------------------------------------------------------------------


def test_good_key_files_pass(productie):
    assert startcontrole.sleutelbevindingen() == []


@pytest.mark.parametrize(
    ("bederf", "verwacht"),
    [
        ("weg", "key file {pad} is missing"),
        ("leeg", "ZORGVULDIG_KEK_FILE is not set"),
        ("onzin", "does not hold a base64 key"),
        ("kort", "must be 32 bytes"),
        ("map", "is not a file"),
    ],
)
def test_a_missing_or_malformed_kek_is_an_error_in_production(productie, bederf, verwacht):
    pad = productie.KEK_FILE
    os.unlink(pad)
    if bederf == "leeg":
        productie.KEK_FILE = ""
    elif bederf == "onzin":
        Path(pad).write_text("geen sleutel!")
    elif bederf == "kort":
        Path(pad).write_text(base64.b64encode(b"k" * 16).decode())
    elif bederf == "map":
        os.mkdir(pad)
    if bederf in ("onzin", "kort"):
        os.chmod(pad, 0o600)
    [fout] = startcontrole.sleutelbevindingen()
    assert fout.fout and fout.id == "zorgvuldig.E020"
    assert verwacht.format(pad=pad) in fout.tekst


def test_an_unreadable_blind_index_file_is_an_error(productie):
    Path(productie.BLIND_INDEX_KEY_FILE).write_text('{"1": "te kort"}')  # keeps its mode 0600
    [fout] = startcontrole.sleutelbevindingen()
    assert fout.fout and "ZORGVULDIG_BLIND_INDEX_KEY_FILE" in fout.tekst


def test_a_world_readable_key_file_is_an_error_in_production_and_a_group_readable_one_a_warning(productie):
    os.chmod(productie.KEK_FILE, 0o644)
    os.chmod(productie.BLIND_INDEX_KEY_FILE, 0o640)
    kek, blind = startcontrole.sleutelbevindingen()
    assert kek.fout and "world-readable (mode 0644)" in kek.tekst and "chmod 0600" in kek.tekst
    assert not blind.fout and "readable by its group" in blind.tekst


def test_outside_production_a_missing_key_file_is_made_on_first_use(settings, tmp_path):
    settings.KEK_FILE = str(tmp_path / "nog-niet.key")
    settings.BLIND_INDEX_KEY_FILE = str(tmp_path / "nog-niet.json")
    assert startcontrole.sleutelbevindingen() == []


@pytest.mark.django_db  # on PostgreSQL the check also asks the database for the role (E030)
def test_zorgvuldig_check_reports_a_missing_kek(productie):
    os.unlink(productie.KEK_FILE)
    with pytest.raises(
        SystemCheckError, match=r"zorgvuldig.E020.*ZORGVULDIG_KEK_FILE: key file .* is missing"
    ):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.django_db
def test_a_missing_kek_is_named_as_such_not_as_a_wrong_key(regio, productie):
    """The real error (key file missing) reached the operator as "data key does not unwrap with this KEK"."""
    from zorgvuldig.conftest import BSN_SAM
    from zorgvuldig.personen import selectors
    from zorgvuldig.personen.services import registreer_persoon

    persoon = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM}
    )
    crypto.clear_caches()
    os.unlink(productie.KEK_FILE)  # the key file is gone (or the variable points at nothing)
    with pytest.raises(ImproperlyConfigured, match=r"key file .*kek\.key is missing"):
        selectors.bsn(persoon)


@pytest.mark.django_db
def test_a_wrong_kek_still_reads_as_a_wrong_key(regio, productie):
    from zorgvuldig.conftest import BSN_SAM
    from zorgvuldig.personen import selectors
    from zorgvuldig.personen.services import registreer_persoon

    persoon = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM}
    )
    crypto.clear_caches()
    Path(productie.KEK_FILE).write_text(base64.b64encode(b"x" * 32).decode())
    with pytest.raises(crypto.CryptoError, match="does not unwrap"):
        selectors.bsn(persoon)


# --- the database role ------------------------------------------------------------------------------

SUPERUSER = ["database role 'postgres' is a superuser"]


@pytest.mark.django_db
def test_ac_15_zorgvuldig_check_refuses_a_superuser_but_migrate_runs(productie, monkeypatch):
    monkeypatch.setattr(database, "runtime_rol_bezwaren", lambda using="default": SUPERUSER)
    [fout] = startcontrole.check_databaserol()
    assert isinstance(fout, Error) and fout.id == "zorgvuldig.E030" and fout.msg == SUPERUSER[0]
    assert "ZORGVULDIG_DB_RUNTIME_ROLE" in fout.hint
    with pytest.raises(SystemCheckError, match="is a superuser"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
    with startcontrole.als_eigenaar():
        assert startcontrole.check_databaserol() == []
    # migrate runs its system checks and passes: the owner is the role that must run it
    call_command("migrate", "--plan", skip_checks=False, stdout=io.StringIO(), stderr=io.StringIO())
    assert startcontrole.check_databaserol() != []  # and the exemption ends with it


def test_a_database_that_cannot_be_asked_does_not_block_the_start(productie, monkeypatch):
    from django.db import OperationalError

    def onbereikbaar(using="default"):
        raise OperationalError("connection refused")

    monkeypatch.setattr(database, "runtime_rol_bezwaren", onbereikbaar)
    [melding] = startcontrole.check_databaserol()
    assert isinstance(melding, Warning) and "connection refused" in melding.msg


def test_gunicorn_refuses_to_start_with_an_error_and_says_why_in_one_line(productie, monkeypatch, capsys):
    monkeypatch.setattr(database, "runtime_rol_bezwaren", lambda using="default": [])
    startcontrole.weiger_bij_fouten()  # all well: nothing
    monkeypatch.setattr(database, "runtime_rol_bezwaren", lambda using="default": SUPERUSER)
    with pytest.raises(
        ImproperlyConfigured, match=r"zorgvuldig\.E030: database role 'postgres' is a superuser"
    ):
        startcontrole.weiger_bij_fouten()
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["zorgvuldig: refusing to start: zorgvuldig.E030: database role 'postgres' is a superuser"]


def test_the_wsgi_application_runs_the_start_up_checks(tmp_path):
    """gunicorn loads conf/wsgi.py and runs no system checks itself."""
    kek = tmp_path / "kek.key"
    kek.write_text("geen sleutel")
    kek.chmod(0o600)
    env = {
        **{
            k: v for k, v in os.environ.items() if not k.startswith(("ZORGVULDIG_", "DATABASE_URL", "SECRET"))
        },
        "ZORGVULDIG_MODE": "test",
        "ZORGVULDIG_VAR_DIR": str(tmp_path),
        "ZORGVULDIG_KEK_FILE": str(kek),
    }
    r = subprocess.run(
        [sys.executable, "-c", "import zorgvuldig.conf.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0
    assert f"zorgvuldig: refusing to start: zorgvuldig.E020: ZORGVULDIG_KEK_FILE: key file {kek}" in r.stderr


@pytest.mark.django_db
def test_migrate_ends_with_the_warning_on_stderr(monkeypatch):
    monkeypatch.setattr(database, "migrate_waarschuwing", lambda using="default": "WARNING: test")
    fout = io.StringIO()
    call_command("migrate", "--plan", stdout=io.StringIO(), stderr=fout)
    assert "WARNING: test" in fout.getvalue()


# --- /health ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_health_reports_a_missing_key_file_as_an_error(client, productie):
    data = client.get("/health").json()
    assert data["sleutelbestanden"] == "ok"
    os.unlink(productie.KEK_FILE)
    r = client.get("/health")
    assert r.status_code == 200  # the load balancer keeps the process; the alert is on `status`
    assert r.json()["sleutelbestanden"] == "fout" and r.json()["status"] == "fout"
    assert productie.KEK_FILE not in r.content.decode()  # no detail on an unauthenticated page


@pytest.mark.django_db
def test_ac_15_health_reports_a_role_that_row_level_security_does_not_bind(client, productie, monkeypatch):
    monkeypatch.setattr(database, "runtime_rol_bezwaren", lambda using="default": [])
    assert client.get("/health").json()["databaseRol"] == "ok"
    monkeypatch.setattr(database, "runtime_rol_bezwaren", lambda using="default": SUPERUSER)
    r = client.get("/health")
    assert r.json()["databaseRol"] == "onveilig" and r.json()["status"] == "fout"
    assert "postgres" not in r.content.decode() and "superuser" not in r.content.decode()


# --- on PostgreSQL ----------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db
def test_ac_15_the_runtime_role_passes_and_the_owner_does_not(settings):
    """The conftest runs each test as ZORGVULDIG_DB_RUNTIME_ROLE (SET ROLE); RESET ROLE is the owner that
    created the test database (or a superuser): both must be refused."""
    assert settings.DB_RUNTIME_ROLE, "the PostgreSQL pass runs with ZORGVULDIG_DB_RUNTIME_ROLE"
    assert database.runtime_rol_bezwaren() is None  # test mode: not checked
    settings.PRODUCTION = True
    assert database.runtime_rol_bezwaren() == []
    with connection.cursor() as cur:
        cur.execute("RESET ROLE")
    tekst = " ".join(database.runtime_rol_bezwaren())
    assert "is a superuser" in tekst or ("owns" in tekst and "audit_auditregel" in tekst)


@pytest.mark.postgres
@pytest.mark.django_db
def test_au_03_migrate_in_production_without_the_runtime_role_names_the_variable_and_the_role(settings):
    rol = settings.DB_RUNTIME_ROLE
    with connection.cursor() as cur:
        cur.execute("RESET ROLE")  # migrate runs as the owner
    assert database.migrate_waarschuwing() is None  # test mode
    settings.PRODUCTION = True
    assert database.migrate_waarschuwing() is None  # the variable is set
    settings.DB_RUNTIME_ROLE = ""
    tekst = database.migrate_waarschuwing()
    assert tekst is not None and "ZORGVULDIG_DB_RUNTIME_ROLE" in tekst
    assert rol in tekst  # it holds the grants of the migrate that made the test database
