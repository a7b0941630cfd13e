"""The OIDC file (ZORGVULDIG_OIDC_FILE): which organisation logs in through which identity provider.

Read and checked by the settings at start-up, so a wrong file stops the server with an error that names
the organisation and the key. Pure (no Django models): settings.py imports it before the apps load; the
views and the backend are in `ui/oidc.py`. Secrets stay in this file, like the key files; never in the
database. Error messages never repeat a value from the file: it holds client secrets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.core.exceptions import ImproperlyConfigured

INSTELLING = "ZORGVULDIG_OIDC_FILE"
ENDPOINTS = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
VERPLICHT = ("name", *ENDPOINTS, "client_id", "client_secret")
OPTIONEEL = ("sign_algo", "scopes", "issuer")
# Asymmetric only: the id_token's signature is checked against the provider's JWKS, never against the
# client secret (mozilla-django-oidc uses the JWKS for RS* and ES*).
ALGORITMEN = ("RS256", "RS384", "RS512", "ES256", "ES384", "ES512")
ORGANISATIECODE = re.compile(r"^[-a-zA-Z0-9_]{1,64}$")  # Organisatie.code is a SlugField(64)


@dataclass(frozen=True)
class Aanbieder:
    """One organisation's identity provider."""

    organisatie: str
    naam: str  # on the log-in button: "Inloggen via <naam>"
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    client_id: str
    client_secret: str = field(repr=False)  # never in a repr, a traceback or a debug page
    sign_algo: str = "RS256"
    scopes: str = "openid email"
    issuer: str = ""  # when set, the id_token's `iss` must equal it


def laad(pad: str, *, productie: bool) -> dict[str, Aanbieder]:
    """Organisation code → provider. An empty path: OIDC is off."""
    if not pad:
        return {}
    bestand = Path(pad)
    try:
        tekst = bestand.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reden = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise ImproperlyConfigured(f"{INSTELLING}: cannot read {pad}: {reden}") from None
    try:
        data = yaml.safe_load(tekst)  # YAML; JSON is valid YAML too
    except yaml.YAMLError as exc:
        # Only the position: the parser's own message quotes the line, which may hold a secret.
        mark = getattr(exc, "problem_mark", None)
        waar = f" (line {mark.line + 1})" if mark is not None else ""
        raise ImproperlyConfigured(f"{INSTELLING} {pad}: not valid YAML or JSON{waar}") from None
    if not isinstance(data, dict) or not data:
        raise ImproperlyConfigured(
            f"{INSTELLING} {pad}: expected a mapping of organisation code to provider settings"
        )
    fouten: list[str] = []
    aanbieders: dict[str, Aanbieder] = {}
    for code, waarden in data.items():
        aanbieder = _aanbieder(code, waarden, productie=productie, fouten=fouten)
        if aanbieder is not None:
            aanbieders[aanbieder.organisatie] = aanbieder
    if fouten:
        raise ImproperlyConfigured(f"{INSTELLING} {pad}:\n" + "\n".join(f"- {f}" for f in fouten))
    return aanbieders


def _aanbieder(code, waarden, *, productie: bool, fouten: list[str]) -> Aanbieder | None:
    if not isinstance(code, str) or not ORGANISATIECODE.match(code):
        fouten.append(f"organisation {str(code)[:64]!r}: not an organisation code (letters, digits, - and _)")
        return None
    if not isinstance(waarden, dict):
        fouten.append(f"organisation '{code}': expected a mapping of settings")
        return None
    aantal = len(fouten)

    def fout(sleutel: str, probleem: str) -> None:
        fouten.append(f"organisation '{code}', key '{sleutel}': {probleem}")

    for sleutel in waarden:
        if sleutel not in VERPLICHT + OPTIONEEL:
            fout(str(sleutel), "unknown key; allowed: " + ", ".join(VERPLICHT + OPTIONEEL))
    for sleutel in VERPLICHT:
        waarde = waarden.get(sleutel)
        if sleutel not in waarden:
            fout(sleutel, "missing")
        elif not isinstance(waarde, str) or not waarde.strip():
            fout(sleutel, "must be a non-empty text")
    for sleutel in (*ENDPOINTS, "issuer"):
        waarde = waarden.get(sleutel)
        if isinstance(waarde, str) and waarde.strip():
            probleem = _url_probleem(waarde.strip(), productie=productie)
            if probleem:
                fout(sleutel, probleem)
        elif sleutel == "issuer" and sleutel in waarden:
            fout(sleutel, "must be a non-empty text")
    algo = waarden.get("sign_algo", "RS256")
    if algo not in ALGORITMEN:
        fout("sign_algo", "must be one of " + ", ".join(ALGORITMEN))
    scopes = waarden.get("scopes", "openid email")
    if isinstance(scopes, list) and all(isinstance(s, str) for s in scopes):
        scopes = " ".join(scopes)
    if not isinstance(scopes, str):
        fout("scopes", "must be a text or a list of texts")
    elif not {"openid", "email"} <= set(scopes.split()):
        fout("scopes", "must include openid and email (users are matched by their e-mail address)")
    if len(fouten) > aantal:
        return None
    return Aanbieder(
        organisatie=code,
        naam=waarden["name"].strip(),
        **{sleutel: waarden[sleutel].strip() for sleutel in ENDPOINTS},
        client_id=waarden["client_id"].strip(),
        client_secret=waarden["client_secret"],
        sign_algo=algo,
        scopes=" ".join(scopes.split()),
        issuer=waarden.get("issuer", "").strip(),
    )


def _url_probleem(url: str, *, productie: bool) -> str | None:
    try:
        delen = urlsplit(url)
        delen.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "not a valid URL"
    if delen.scheme not in {"http", "https"} or not delen.hostname:
        return "must be an absolute https:// URL"
    if productie and delen.scheme != "https":
        # The client secret, the authorization code and the tokens travel over it.
        return "must use https in production mode"
    if delen.username or delen.password:
        return "must not contain a user name or password"
    return None
