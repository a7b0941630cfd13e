"""Settings come from one documented helper; production refuses unsafe set-ups."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zorgvuldig.conf.config import REGISTRY, render_markdown

ROOT = Path(__file__).resolve().parents[4]


# What production mode requires besides SECRET_KEY and DATABASE_URL: where links in e-mails point and who
# sends them.
PRODUCTIE_ADRESSEN = {
    "ZORGVULDIG_BASE_URL": "https://zorgvuldig.gemeente.example",
    "DEFAULT_FROM_EMAIL": "zorgvuldig@gemeente.example",
}


def _settings_in_subprocess(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='zorgvuldig.conf.settings'; django.setup()"
    )
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("ZORGVULDIG_", "DATABASE_URL", "SECRET"))
    }
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, check=False
    )


def test_production_refuses_sqlite():
    r = _settings_in_subprocess(
        {"ZORGVULDIG_MODE": "production", "SECRET_KEY": "x" * 50, "DATABASE_URL": "sqlite:///tmp/x.sqlite3"}
    )
    assert r.returncode != 0 and "refuses SQLite" in r.stderr


def test_production_requires_secret_key_and_database():
    assert "SECRET_KEY is required" in _settings_in_subprocess({"ZORGVULDIG_MODE": "production"}).stderr
    r = _settings_in_subprocess({"ZORGVULDIG_MODE": "production", "SECRET_KEY": "x" * 50})
    assert "DATABASE_URL is required" in r.stderr


def test_docs_config_is_generated_from_the_settings():
    """docs/config.md documents every setting (CI regenerates and diffs it)."""
    assert {"DATABASE_URL", "SECRET_KEY", "ZORGVULDIG_KEK_FILE", "EMAIL_BACKEND"} <= set(REGISTRY)
    assert (ROOT / "docs" / "config.md").read_text() == render_markdown()


def test_ac_13_production_transport_and_cookies_are_secure():
    """AC-13: encrypted transport (HSTS, HTTPS redirect) and secure, HTTP-only session cookies."""
    code = (
        "import django, os, json; os.environ['DJANGO_SETTINGS_MODULE']='zorgvuldig.conf.settings';"
        " django.setup(); from django.conf import settings as s;"
        " print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.DEBUG]))"
    )
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("ZORGVULDIG_", "DATABASE_URL", "SECRET"))
    }
    env = {
        **clean,
        "ZORGVULDIG_MODE": "production",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://app@127.0.0.1:5432/none",
        **PRODUCTIE_ADRESSEN,
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[true, true, true, 31536000, true, false]"


def _productie(**extra) -> dict:
    return {
        "ZORGVULDIG_MODE": "production",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://app@127.0.0.1:1/x",
    } | extra


def test_production_requires_the_https_address_users_reach_for_links_in_e_mails():
    """Activation e-mails pointed at http://127.0.0.1:8000 when ZORGVULDIG_BASE_URL was forgotten."""
    zonder = _settings_in_subprocess(_productie(DEFAULT_FROM_EMAIL="zv@gemeente.example"))
    assert (
        zonder.returncode != 0
        and "ZORGVULDIG_BASE_URL is required (https://host) in production" in zonder.stderr
    )
    for fout in ("http://zorgvuldig.gemeente.example", "https://localhost:8000"):
        r = _settings_in_subprocess(_productie(**{**PRODUCTIE_ADRESSEN, "ZORGVULDIG_BASE_URL": fout}))
        assert r.returncode != 0 and "ZORGVULDIG_BASE_URL must" in r.stderr and fout in r.stderr


def test_production_requires_a_sender_address_of_its_own():
    r = _settings_in_subprocess(_productie(ZORGVULDIG_BASE_URL="https://zorgvuldig.gemeente.example"))
    assert r.returncode != 0 and "DEFAULT_FROM_EMAIL is required in production mode" in r.stderr


def test_basisadres_is_scheme_and_host_over_https():
    from zorgvuldig.conf.config import basisadres_fout

    assert basisadres_fout("https://zorgvuldig.gemeente.example") is None
    assert basisadres_fout("https://zorgvuldig.gemeente.example:8443/") is None
    assert basisadres_fout("") == "is required (https://host)"
    assert "https://host" in basisadres_fout("zorgvuldig.gemeente.example")
    assert "without a path" in basisadres_fout("https://gemeente.example/zorgvuldig")
    assert "must name the host" in basisadres_fout("https://127.0.0.1")


def test_production_does_not_answer_to_the_test_client_host():
    code = (
        "import django, os, json; os.environ['DJANGO_SETTINGS_MODULE']='zorgvuldig.conf.settings';"
        " django.setup(); from django.conf import settings as s; print(json.dumps(s.ALLOWED_HOSTS))"
    )
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("ZORGVULDIG_", "DATABASE_URL", "SECRET"))
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **_productie(**PRODUCTIE_ADRESSEN)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == '["localhost", "127.0.0.1"]'


def test_an_empty_mode_is_the_default_production():
    r = _settings_in_subprocess({"ZORGVULDIG_MODE": ""})
    assert "SECRET_KEY is required in production mode" in r.stderr


def _console(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("ZORGVULDIG_", "DATABASE_URL", "SECRET"))
    }
    return subprocess.run(
        [sys.executable, "-m", "zorgvuldig", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "regel"),
    [
        ({"ZORGVULDIG_MODE": "production"}, "SECRET_KEY is required in production mode"),
        ({"ZORGVULDIG_MODE": "prod"}, "ZORGVULDIG_MODE must be production, demo or test, not 'prod'"),
        ({"ZORGVULDIG_MODE": "test", "DEBUG": "misschien"}, "DEBUG: expected a boolean, got 'misschien'"),
    ],
)
@pytest.mark.parametrize("commando", ["check", "migrate", "worker"])
def test_a_configuration_error_is_one_line_not_a_traceback(env, regel, commando):
    r = _console(env, commando)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [f"zorgvuldig: configuration error: {regel}"]


def test_createsuperuser_says_what_to_do_instead_in_one_line(tmp_path):
    r = _console({"ZORGVULDIG_MODE": "test", "ZORGVULDIG_VAR_DIR": str(tmp_path)}, "createsuperuser")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "no superusers" in r.stderr and "import-config" in r.stderr


@pytest.mark.django_db
def test_createsuperuser_through_django_ends_in_one_line_too():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="zorgvuldig has no superusers: use import-config"):
        call_command(
            "createsuperuser",
            "--noinput",
            email="beheer@gemeente.example",
            naam="Beheer",
            stdout=io.StringIO(),
        )


def test_the_database_urls_tls_options_survive_the_prepared_statement_settings():
    """Operator review: `?sslmode=verify-full` in DATABASE_URL was dropped when the prepared-statement
    options were set, so the connection to PostgreSQL silently ran without the TLS check asked for."""
    code = (
        "import django, os, json; os.environ['DJANGO_SETTINGS_MODULE']='zorgvuldig.conf.settings';"
        " django.setup(); from django.conf import settings as s;"
        " print(json.dumps(s.DATABASES['default']['OPTIONS'], sort_keys=True))"
    )
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("ZORGVULDIG_", "DATABASE_URL", "SECRET"))
    }
    url = "postgres://app@db.gemeente.example:5432/zorgvuldig?sslmode=verify-full"
    env = {**clean, "ZORGVULDIG_MODE": "test", "DATABASE_URL": url}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    opties = json.loads(out.stdout)
    assert opties["sslmode"] == "verify-full"
    assert opties["server_side_binding"] is True
