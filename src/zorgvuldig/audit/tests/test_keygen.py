"""`zorgvuldig audit keygen` on the signing machine (AU-08): no settings, no database, never a silently
replaced signing key."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from zorgvuldig.audit import services

SRC = Path(__file__).resolve().parents[3]


def _keygen(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "keygen", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_au_08_keygen_runs_on_a_machine_without_settings_or_database(tmp_path):
    """The signing machine has no SECRET_KEY, no DATABASE_URL and no key files: production mode would
    refuse to start Django there, so `audit keygen` must not need it."""
    schoon = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ZORGVULDIG_", "DATABASE_URL", "SECRET", "DJANGO_"))
    }
    env = {**schoon, "ZORGVULDIG_MODE": "production", "PYTHONPATH": str(SRC)}
    priv, pub = tmp_path / "signer.pem", tmp_path / "uit" / "audit-public-keys.json"
    opdracht = ["audit", "keygen", "--private", str(priv), "--public-keys", str(pub)]
    r = subprocess.run(
        [sys.executable, "-m", "zorgvuldig", *opdracht],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "ImproperlyConfigured" not in r.stderr and "Traceback" not in r.stderr
    assert stat.S_IMODE(priv.stat().st_mode) == 0o600
    key = services.laad_privesleutel(priv)
    kid = services.sleutel_id(key.public_key())
    assert list(json.loads(pub.read_text())) == [kid]  # the id `audit verify` looks the key up by
    assert kid in r.stdout


def test_au_08_keygen_refuses_to_overwrite_a_signing_key_without_force(tmp_path):
    """A second keygen on the same path must not destroy the key whose public half is on the server."""
    priv, pub = tmp_path / "signer.pem", tmp_path / "audit-public-keys.json"
    assert _keygen("--private", str(priv), "--public-keys", str(pub))[0] == 0
    eerste, sleutels = priv.read_bytes(), pub.read_text()

    code, _, err = _keygen("--private", str(priv), "--public-keys", str(pub))
    assert code == 1 and "bestaat al" in err and "--force" in err
    assert priv.read_bytes() == eerste and pub.read_text() == sleutels  # nothing changed

    priv.chmod(0o644)  # even a carelessly opened-up old file: the new key is 0600
    code, _, err = _keygen("--private", str(priv), "--public-keys", str(pub), "--force")
    assert code == 0, err
    assert priv.read_bytes() != eerste and stat.S_IMODE(priv.stat().st_mode) == 0o600
    nieuw = services.sleutel_id(services.laad_privesleutel(priv).public_key())
    # the old public key stays, so checkpoints it signed stay verifiable
    assert set(json.loads(pub.read_text())) == {*json.loads(sleutels), nieuw}


@pytest.mark.parametrize("inhoud", ["{niet: json", "[1, 2]"])
def test_au_08_keygen_writes_nothing_when_the_public_keys_file_is_unusable(tmp_path, inhoud):
    priv, pub = tmp_path / "signer.pem", tmp_path / "audit-public-keys.json"
    pub.write_text(inhoud)
    code, _, err = _keygen("--private", str(priv), "--public-keys", str(pub))
    assert code == 1 and str(pub) in err
    assert not priv.exists() and pub.read_text() == inhoud
