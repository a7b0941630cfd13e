"""Settings come from one documented helper; production refuses unsafe set-ups."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from zorgvuldig.conf.config import REGISTRY, render_markdown

ROOT = Path(__file__).resolve().parents[4]


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
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[true, true, true, 31536000, true, false]"
