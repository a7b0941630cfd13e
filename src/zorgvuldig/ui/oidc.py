"""Single sign-on per organisation (OIDC authorization code flow with PKCE and nonce, mozilla-django-oidc).

Each organisation may have its own identity provider (`ui/oidc_config.py`, ZORGVULDIG_OIDC_FILE). The
library reads its settings globally; here `get_settings` answers per request with the settings of the
organisation in the URL, which the start view also stores in the session next to state and nonce. The
callback only accepts a state started for that same organisation.

OIDC replaces the password step only: after it the user is signed in with one factor and goes to
/inloggen/code, exactly as after the password. Users are never created: an EXISTING, ACTIVE user of THAT
organisation with the (case-insensitive) e-mail address is signed in, anyone else gets one and the same
refusal, so the answer never tells whether an address exists. Logs name the organisation, never a person.

The provider sends the browser back to /oidc/<code>/callback. The session cookie is SameSite=Strict, so a
browser does not send it on that cross-site navigation; the callback therefore answers with a page that
moves on, same-site, to /oidc/<code>/voltooien, which gets the cookie and does the work.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import requests
import structlog
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from zorgvuldig.ui.oidc_config import Aanbieder
from zorgvuldig.ui.policies import veilige_vervolgpagina
from zorgvuldig.ui.toegang import niet_gevonden

log = structlog.get_logger("zorgvuldig.ui")
FOUT_OIDC = (
    "Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw. Lukt het niet, neem dan contact op "
    "met uw beheerder."
)
STATES = "oidc_states"  # the library's session key: state → {nonce, code_verifier, added_on}
AANBIEDER_ATTR = "zv_oidc_aanbieder"  # set on the request by the callback; the backend acts only then
# Whatever a provider may answer that is not a valid log-in: refuse, never a server error.
ONGELDIG_ANTWOORD = (
    requests.RequestException,
    SuspiciousOperation,
    jwt.PyJWTError,
    ValueError,
    KeyError,
    AttributeError,
    TypeError,
)


def aanbieders() -> dict[str, Aanbieder]:
    return getattr(settings, "OIDC_PROVIDERS", {})


def context(request) -> dict:
    """Template context: the log-in page shows one button per organisation (code and name only)."""
    return {"oidc_aanbieders": [{"code": a.organisatie, "naam": a.naam} for a in aanbieders().values()]}


def callback_url(request, organisatie: str) -> str:
    """The redirect_uri to register at the organisation's provider."""
    return request.build_absolute_uri(reverse("ui:oidc_callback", kwargs={"organisatie": organisatie}))


class PerOrganisatie:
    """mozilla-django-oidc's settings, answered for one organisation instead of from global settings."""

    aanbieder: Aanbieder

    def get_settings(self, attr: str, *args: Any) -> Any:
        a = self.aanbieder
        waarden = {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": a.authorization_endpoint,
            "OIDC_OP_TOKEN_ENDPOINT": a.token_endpoint,
            "OIDC_OP_USER_ENDPOINT": a.userinfo_endpoint,
            "OIDC_OP_JWKS_ENDPOINT": a.jwks_uri,
            "OIDC_RP_CLIENT_ID": a.client_id,
            "OIDC_RP_CLIENT_SECRET": a.client_secret,
            "OIDC_RP_SIGN_ALGO": a.sign_algo,
            "OIDC_RP_IDP_SIGN_KEY": None,  # keys come from the provider's JWKS
            "OIDC_RP_SCOPES": a.scopes,
            "OIDC_USE_PKCE": True,
            "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
            "OIDC_USE_NONCE": True,
            "OIDC_CREATE_USER": False,
            "OIDC_ALLOW_UNSECURED_JWT": False,
            "OIDC_STORE_ACCESS_TOKEN": False,
            "OIDC_STORE_ID_TOKEN": False,
            "OIDC_VERIFY_SSL": True,
            "OIDC_TIMEOUT": 10,  # the library's default is none: a hanging provider would hang a worker
            "OIDC_TOKEN_USE_BASIC_AUTH": False,
            "OIDC_REDIRECT_FIELD_NAME": "volgende",
            # The library reverses this name without arguments to build redirect_uri; ours has the
            # organisation in it and replaces that value (get_extra_params, get_token).
            "OIDC_AUTHENTICATION_CALLBACK_URL": "ui:inloggen",
        }
        if attr in waarden:
            return waarden[attr]
        return import_from_settings(attr, *args)


class StartView(PerOrganisatie, OIDCAuthenticationRequestView):
    """/oidc/<code>/start: to the organisation's provider, with state, nonce and PKCE challenge."""

    def __init__(self, **kwargs: Any) -> None:
        # The library reads global settings here; ours depend on the organisation in the URL (get()).
        View.__init__(self, **kwargs)

    def get(self, request, organisatie: str):
        aanbieder = aanbieders().get(organisatie)
        if aanbieder is None:
            return niet_gevonden(request)
        self.aanbieder = aanbieder
        self.OIDC_OP_AUTH_ENDPOINT = aanbieder.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = aanbieder.client_id
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session[STATES][state].update(
            organisatie=organisatie, volgende=veilige_vervolgpagina(request.GET.get("volgende"))
        )
        request.session.modified = True
        log.info("oidc.start", organisatie=organisatie)
        return response

    def get_extra_params(self, request) -> dict:
        # Applied after the library's own parameters, so this redirect_uri wins.
        return {"redirect_uri": callback_url(request, self.aanbieder.organisatie)}


@require_GET
def callback(request, organisatie: str):
    """/oidc/<code>/callback, the redirect_uri: on to /voltooien, now same-site (see module docstring)."""
    if organisatie not in aanbieders():
        return niet_gevonden(request)
    params = {k: request.GET[k] for k in ("code", "state", "error") if k in request.GET}
    verder = reverse("ui:oidc_voltooien", kwargs={"organisatie": organisatie}) + "?" + urlencode(params)
    return render(request, "ui/oidc_doorgaan.html", {"verder": verder})


class VoltooienView(PerOrganisatie, OIDCAuthenticationCallbackView):
    """/oidc/<code>/voltooien: check the state, let the backend exchange the code, sign in (one factor)."""

    organisatie = ""
    volgende = "/"

    def get(self, request, organisatie: str):
        aanbieder = aanbieders().get(organisatie)
        if aanbieder is None:
            return niet_gevonden(request)
        self.aanbieder = aanbieder
        self.organisatie = organisatie
        states = request.session.get(STATES)
        state = request.GET.get("state", "")
        entry = states.get(state) if isinstance(states, dict) else None
        if not isinstance(entry, dict) or entry.get("organisatie") != organisatie:
            # Unknown, used, tampered with, or started for another organisation: never exchange the code.
            if isinstance(entry, dict):
                del states[state]
                request.session.modified = True
            log.info("oidc.geweigerd", organisatie=organisatie, reden="state")
            return self.login_failure()
        self.volgende = entry.get("volgende") or "/"
        if request.GET.get("error"):  # declined or failed at the provider; the library refuses
            log.info("oidc.geweigerd", organisatie=organisatie, reden="provider")
        setattr(request, AANBIEDER_ATTR, aanbieder)
        return super().get(request)

    def login_success(self):
        auth.login(self.request, self.user)  # new session key; the first factor only
        log.info("oidc.eerste_stap", organisatie=self.organisatie)
        return HttpResponseRedirect(reverse("ui:tweede_stap") + "?" + urlencode({"volgende": self.volgende}))

    def login_failure(self):
        # One message for every refusal: it must not tell whether an e-mail address exists.
        messages.error(self.request, FOUT_OIDC)
        return HttpResponseRedirect(reverse("ui:inloggen"))


class OrganisatieBackend(PerOrganisatie, OIDCAuthenticationBackend):
    """Exchanges the code at the organisation's provider and finds the existing user; never creates one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads global settings here; ours come with the request (authenticate()).
        self.UserModel = get_user_model()

    def authenticate(self, request, *, nonce, code_verifier):
        # Keyword-only: Django skips this backend for the password form's credentials.
        aanbieder = getattr(request, AANBIEDER_ATTR, None) if request is not None else None
        if aanbieder is None:
            return None
        self.aanbieder = aanbieder
        self.OIDC_OP_TOKEN_ENDPOINT = aanbieder.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = aanbieder.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = aanbieder.jwks_uri
        self.OIDC_RP_CLIENT_ID = aanbieder.client_id
        self.OIDC_RP_CLIENT_SECRET = aanbieder.client_secret
        self.OIDC_RP_SIGN_ALGO = aanbieder.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.reden = "geen_gebruiker"  # unless a check below names another
        try:
            user = super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except ONGELDIG_ANTWOORD as exc:
            # The type only: messages of these errors can quote the provider's answer.
            log.warning("oidc.geweigerd", organisatie=aanbieder.organisatie, reden=type(exc).__name__)
            return None
        if user is None:
            log.info("oidc.geweigerd", organisatie=aanbieder.organisatie, reden=self.reden)
        return user

    def get_token(self, payload):
        payload["redirect_uri"] = callback_url(self.request, self.aanbieder.organisatie)
        return super().get_token(payload)

    def verify_token(self, token, **kwargs):
        claims = super().verify_token(token, **kwargs)  # signature (JWKS), algorithm, nonce, exp
        if "nonce" in kwargs:  # the id_token (a signed userinfo answer comes without nonce)
            self._controleer_id_token(claims)
        return claims

    def _controleer_id_token(self, claims: dict) -> None:
        # The library skips the audience; without this check an id_token the provider issued to another
        # application would do.
        aud = claims.get("aud")
        audiences = [aud] if isinstance(aud, str) else aud if isinstance(aud, list) else []
        client_id = self.aanbieder.client_id
        if client_id not in audiences or (len(audiences) > 1 and claims.get("azp") != client_id):
            raise SuspiciousOperation("id_token audience")
        if not isinstance(claims.get("exp"), int | float):
            raise SuspiciousOperation("id_token without exp")
        if self.aanbieder.issuer and claims.get("iss") != self.aanbieder.issuer:
            raise SuspiciousOperation("id_token issuer")

    def get_userinfo(self, access_token, id_token, payload):
        claims = super().get_userinfo(access_token, id_token, payload)
        # OIDC Core 5.3.2: the userinfo answer must be about the subject of the id_token.
        if not isinstance(claims, dict) or not claims.get("sub") or claims.get("sub") != payload.get("sub"):
            self.reden = "userinfo"  # the library turns this error into "no user"
            raise SuspiciousOperation("userinfo sub")
        return claims

    def verify_claims(self, claims) -> bool:
        email = claims.get("email")
        # Absent: the provider vouches for its own directory. Present, it must say "verified".
        if (
            not isinstance(email, str)
            or "@" not in email
            or claims.get("email_verified", True) not in (True, "true")
        ):
            self.reden = "email_claim"
            return False
        return True

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(
            email__iexact=claims["email"].strip(),
            organisatie__code=self.aanbieder.organisatie,
            is_active=True,
        )

    def describe_user_by_claims(self, claims) -> str:
        return "(e-mailadres niet gelogd)"  # the library logs this at DEBUG level

    def create_user(self, claims):
        raise SuspiciousOperation("users are provisioned, never created at log-in")

    def get_user(self, user_id):
        # Django's rule, not the library's: a deactivated user's session ends on the next request.
        return ModelBackend.get_user(self, user_id)
