"""The OIDC file (ZORGVULDIG_OIDC_FILE) is checked at start-up: each error names the organisation and the
key, never a value (the file holds client secrets), and production mode takes https endpoints only."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured

from zorgvuldig.ui.oidc_config import Aanbieder, laad

GEHEIM = "s3cr3t-dat-nergens-mag-staan"
WT = "organisation 'wijkteam-krimpen'"


def entra(**anders) -> dict:
    tenant = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000"
    waarden = {
        "name": "Gemeente Krimpen",
        "authorization_endpoint": f"{tenant}/oauth2/v2.0/authorize",
        "token_endpoint": f"{tenant}/oauth2/v2.0/token",
        "userinfo_endpoint": "https://graph.microsoft.com/oidc/userinfo",
        "jwks_uri": f"{tenant}/discovery/v2.0/keys",
        "client_id": "11111111-2222-3333-4444-555555555555",
        "client_secret": GEHEIM,
    }
    waarden.update(anders)
    return {k: v for k, v in waarden.items() if v is not None}


def schrijf(tmp_path, data, naam="oidc.yaml") -> str:
    pad = tmp_path / naam
    pad.write_text(data if isinstance(data, str) else yaml.safe_dump(data))
    return str(pad)


def fout(tmp_path, data, *, productie=False) -> str:
    with pytest.raises(ImproperlyConfigured) as exc:
        laad(schrijf(tmp_path, data), productie=productie)
    melding = str(exc.value)
    assert GEHEIM not in melding
    return melding


def test_no_file_means_no_single_sign_on():
    assert laad("", productie=True) == {}


def test_yaml_and_json_files_with_defaults(tmp_path):
    (a,) = laad(schrijf(tmp_path, {"wijkteam-krimpen": entra()}), productie=True).values()
    assert a == Aanbieder(
        organisatie="wijkteam-krimpen",
        naam="Gemeente Krimpen",
        authorization_endpoint=entra()["authorization_endpoint"],
        token_endpoint=entra()["token_endpoint"],
        userinfo_endpoint=entra()["userinfo_endpoint"],
        jwks_uri=entra()["jwks_uri"],
        client_id=entra()["client_id"],
        client_secret=GEHEIM,
    )
    assert (a.sign_algo, a.scopes, a.issuer) == ("RS256", "openid email", "")
    assert GEHEIM not in repr(a)
    anders = entra(sign_algo="ES256", scopes=["openid", "email", "profile"], issuer="https://x")
    pad = schrijf(tmp_path, json.dumps({"osg-het-baken": anders}), "oidc.json")
    (b,) = laad(pad, productie=True).values()
    assert (b.organisatie, b.sign_algo, b.issuer) == ("osg-het-baken", "ES256", "https://x")
    assert b.scopes == "openid email profile"


@pytest.mark.parametrize("sleutel", ["name", "token_endpoint", "jwks_uri", "client_id", "client_secret"])
def test_a_missing_key_names_the_organisation_and_the_key(tmp_path, sleutel):
    melding = fout(tmp_path, {"gemeente-a": entra(), "wijkteam-krimpen": entra(**{sleutel: None})})
    assert f"{WT}, key '{sleutel}': missing" in melding
    assert "gemeente-a" not in melding
    assert "ZORGVULDIG_OIDC_FILE" in melding


def test_http_endpoints_only_outside_production(tmp_path):
    intern = entra(jwks_uri="http://idp.intern/keys", token_endpoint="http://idp.intern/t")
    data = {"wijkteam-krimpen": intern}
    melding = fout(tmp_path, data, productie=True)
    assert f"{WT}, key 'jwks_uri': must use https in production mode" in melding
    assert f"{WT}, key 'token_endpoint': must use https in production mode" in melding
    assert "authorization_endpoint" not in melding
    (a,) = laad(schrijf(tmp_path, data), productie=False).values()
    assert a.jwks_uri == "http://idp.intern/keys"
    assert "key 'issuer': must use https" in fout(tmp_path, {"x": entra(issuer="http://idp")}, productie=True)


@pytest.mark.parametrize(
    ("anders", "verwacht"),
    [
        ({"client_secret": ""}, "key 'client_secret': must be a non-empty text"),
        ({"client_id": 12345}, "key 'client_id': must be a non-empty text"),
        ({"clientsecret": "x"}, "key 'clientsecret': unknown key"),
        ({"token_endpoint": "idp.example.org/t"}, "key 'token_endpoint': must be an absolute https:// URL"),
        ({"token_endpoint": "https://u:p@idp.example.org/t"}, "key 'token_endpoint': must not contain a"),
        ({"jwks_uri": "https://idp.example.org:99999/k"}, "key 'jwks_uri': not a valid URL"),
        ({"sign_algo": "HS256"}, "key 'sign_algo': must be one of RS256"),
        ({"sign_algo": "none"}, "key 'sign_algo': must be one of"),
        ({"scopes": "openid profile"}, "key 'scopes': must include openid and email"),
        ({"scopes": {"openid": True}}, "key 'scopes': must be a text or a list"),
        ({"issuer": ""}, "key 'issuer': must be a non-empty text"),
    ],
)
def test_wrong_values_are_named(tmp_path, anders, verwacht):
    assert f"{WT}, {verwacht}" in fout(tmp_path, {"wijkteam-krimpen": entra(**anders)})


def test_every_error_at_once(tmp_path):
    melding = fout(tmp_path, {"a": entra(client_id=None), "b": entra(sign_algo="HS256")}, productie=True)
    assert "organisation 'a', key 'client_id'" in melding and "organisation 'b', key 'sign_algo'" in melding


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        ("", "expected a mapping of organisation code"),
        ("- a\n- b\n", "expected a mapping of organisation code"),
        ({"Gemeente Krimpen!": entra()}, "organisation 'Gemeente Krimpen!': not an organisation code"),
        ({"wijkteam-krimpen": "https://idp"}, "organisation 'wijkteam-krimpen': expected a mapping"),
        (f"wijkteam-krimpen:\n  client_secret: {GEHEIM}\n  name: [open\n", "not valid YAML or JSON (line"),
    ],
)
def test_a_malformed_file(tmp_path, inhoud, verwacht):
    assert verwacht in fout(tmp_path, inhoud)


def test_a_missing_file(tmp_path):
    with pytest.raises(ImproperlyConfigured, match=r"ZORGVULDIG_OIDC_FILE: cannot read .*weg\.yaml"):
        laad(str(tmp_path / "weg.yaml"), productie=False)


def test_the_server_does_not_start_with_a_wrong_file(tmp_path):
    """The settings load the file: `zorgvuldig check` (and any server) stops with the error."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zorgvuldig.conf.settings",
        "ZORGVULDIG_MODE": "test",
        "ZORGVULDIG_VAR_DIR": str(tmp_path / "var"),
        "ZORGVULDIG_OIDC_FILE": schrijf(tmp_path, {"wijkteam-krimpen": entra(client_secret=None)}),
    }
    r = subprocess.run(
        [sys.executable, "-m", "zorgvuldig", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 2
    assert r.stderr.startswith(
        "zorgvuldig: configuration error: ZORGVULDIG_OIDC_FILE"
    )  # one line, no traceback
    assert "organisation 'wijkteam-krimpen', key 'client_secret': missing" in r.stderr
    env["ZORGVULDIG_OIDC_FILE"] = schrijf(tmp_path, {"wijkteam-krimpen": entra()})
    r = subprocess.run(
        [sys.executable, "-m", "zorgvuldig", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
