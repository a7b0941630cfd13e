"""A small but real OpenID Connect provider for the tests, on 127.0.0.1 in a thread.

Authorization code flow as a provider does it: the authorization endpoint checks client, redirect_uri,
scope, nonce and the PKCE challenge, and approves the configured e-mail address (at once, or after a
"Toestaan" button for browser tests); the token endpoint checks the client secret, the redirect_uri, the
code (once) and the PKCE verifier, and returns an RS256 id_token signed with `cryptography`; userinfo
answers for the access token; JWKS publishes the public key. `fout` makes it misbehave on purpose, to
show the client refuses. Nothing of zorgvuldig or mozilla-django-oidc is mocked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import secrets
import threading
import time
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

# Ways to misbehave (set `idp.fout`): each must make the client refuse the log-in.
FOUTEN = {
    "nonce": "id_token with another nonce",
    "sleutel": "id_token signed with a key that is not in the JWKS",
    "aud": "id_token issued to another client",
    "verlopen": "id_token that expired",
    "iss": "id_token from another issuer",
    "sub": "userinfo about another subject than the id_token",
    "token_500": "token endpoint fails",
}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _uint(n: int) -> str:
    return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


@cache
def _rsa(naam: str) -> rsa.RSAPrivateKey:
    """One key per name per test run: generating RSA keys is slow, and every provider gets its own."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class TestIdP:
    __test__ = False  # not a pytest test class

    def __init__(self, *, client_id: str = "zorgvuldig-test", client_secret: str | None = None) -> None:
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.sleutel = _rsa(client_id)
        self.andere_sleutel = _rsa(client_id + "/niet-gepubliceerd")
        self.kid = f"{client_id}-1"
        self.redirect_uris: set[str] = set()
        # Who signs in: the e-mail claim, `email_verified` (None: claim absent) and the subject.
        self.email: str | None = None
        self.email_verified: bool | str | None = None
        self.sub = "gebruiker-1"
        self.toestemming = False  # True: show a page with a "Toestaan" button first (browser tests)
        self.weigeren = False  # True: the user declines; back with error=access_denied
        self.fout: str | None = None
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.autorisatieverzoeken: list[dict[str, str]] = []
        self.tokenverzoeken: list[dict[str, str]] = []
        self._server: ThreadingHTTPServer | None = None

    # -- life cycle ---------------------------------------------------------------------------------
    def start(self) -> TestIdP:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.idp = self  # type: ignore[attr-defined]
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def issuer(self) -> str:
        return self.url

    def instellingen(self, naam: str) -> dict[str, str]:
        """This provider as an entry of the OIDC file."""
        return {
            "name": naam,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "issuer": self.issuer,
        }

    # -- protocol -----------------------------------------------------------------------------------
    def jwks(self) -> dict:
        pub = self.sleutel.public_key().public_numbers()
        sleutel = {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid}
        return {"keys": [sleutel | {"n": _uint(pub.n), "e": _uint(pub.e)}]}

    def id_token(self, claims: dict) -> str:
        kopregel = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        invoer = f"{b64url(json.dumps(kopregel).encode())}.{b64url(json.dumps(claims).encode())}"
        sleutel = self.andere_sleutel if self.fout == "sleutel" else self.sleutel
        handtekening = sleutel.sign(invoer.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{invoer}.{b64url(handtekening)}"

    def autoriseer(self, q: dict[str, str]) -> tuple[int, dict[str, str], str]:
        """(status, headers, body) of the authorization endpoint."""
        self.autorisatieverzoeken.append(q)
        redirect_uri = q.get("redirect_uri", "")
        if q.get("client_id") != self.client_id or redirect_uri not in self.redirect_uris:
            return 400, {}, "unknown client or redirect_uri"  # never redirect to an unregistered address
        terug = {"state": q.get("state", "")}
        geldig = (
            q.get("response_type") == "code"
            and "openid" in q.get("scope", "").split()
            and q.get("nonce")
            and q.get("code_challenge_method") == "S256"
            and q.get("code_challenge")
        )
        if not geldig:
            terug["error"] = "invalid_request"
        elif self.weigeren or self.email is None:
            terug["error"] = "access_denied"
        else:
            code = secrets.token_urlsafe(24)
            self.codes[code] = {
                "redirect_uri": redirect_uri,
                "nonce": q["nonce"],
                "code_challenge": q["code_challenge"],
                "email": self.email,
                "email_verified": self.email_verified,
                "sub": self.sub,
            }
            terug["code"] = code
        return 302, {"Location": f"{redirect_uri}?{urlencode(terug)}"}, ""

    def token(self, form: dict[str, str], basic: tuple[str, str] | None) -> tuple[int, dict]:
        self.tokenverzoeken.append(form)
        client_id, secret = basic or (form.get("client_id", ""), form.get("client_secret", ""))
        if client_id != self.client_id or not hmac.compare_digest(secret, self.client_secret):
            return 401, {"error": "invalid_client"}
        if self.fout == "token_500":
            return 500, {"error": "server_error"}
        gegevens = self.codes.pop(form.get("code", ""), None)  # a code works once
        if form.get("grant_type") != "authorization_code" or gegevens is None:
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != gegevens["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        verifier = form.get("code_verifier", "")
        if b64url(hashlib.sha256(verifier.encode()).digest()) != gegevens["code_challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        nu = int(time.time())
        claims = {
            "iss": "https://elders.example.org" if self.fout == "iss" else self.issuer,
            "sub": gegevens["sub"],
            "aud": "een-andere-app" if self.fout == "aud" else self.client_id,
            "iat": nu,
            "exp": nu - 60 if self.fout == "verlopen" else nu + 300,
            "nonce": "een-andere-nonce" if self.fout == "nonce" else gegevens["nonce"],
        }
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = gegevens
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(claims),
        }

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        gegevens = self.tokens.get(authorization.removeprefix("Bearer "))
        if not authorization.startswith("Bearer ") or gegevens is None:
            return 401, {"error": "invalid_token"}
        claims: dict = {"sub": "iemand-anders" if self.fout == "sub" else gegevens["sub"]}
        claims["email"] = gegevens["email"]
        if gegevens["email_verified"] is not None:
            claims["email_verified"] = gegevens["email_verified"]
        return 200, claims


class _Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    @property
    def idp(self) -> TestIdP:
        return self.server.idp  # type: ignore[attr-defined]

    def log_message(self, format, *args):  # quiet
        pass

    def _antwoord(self, status: int, headers: dict[str, str], body: str, soort: str = "text/plain") -> None:
        data = body.encode()
        self.send_response(status)
        for naam, waarde in headers.items():
            self.send_header(naam, waarde)
        self.send_header("Content-Type", soort)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, data: dict) -> None:
        self._antwoord(status, {"Cache-Control": "no-store"}, json.dumps(data), "application/json")

    def _query(self, tekst: str) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(tekst, keep_blank_values=True).items()}

    def _form(self) -> dict[str, str]:
        lengte = int(self.headers.get("Content-Length") or 0)
        return self._query(self.rfile.read(lengte).decode())

    def do_GET(self):
        pad = urlsplit(self.path)
        if pad.path == "/authorize":
            q = self._query(pad.query)
            if self.idp.toestemming:
                velden = "".join(
                    f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                    for k, v in q.items()
                )
                pagina = (
                    '<!DOCTYPE html><html lang="nl"><head><title>Test-IdP</title></head><body><main>'
                    f'<h1>Test-IdP</h1><form method="post" action="/authorize">{velden}'
                    '<button type="submit">Toestaan</button></form></main></body></html>'
                )
                return self._antwoord(200, {}, pagina, "text/html; charset=utf-8")
            return self._antwoord(*self.idp.autoriseer(q))
        if pad.path == "/userinfo":
            return self._json(*self.idp.userinfo(self.headers.get("Authorization", "")))
        if pad.path == "/jwks":
            return self._json(200, self.idp.jwks())
        return self._antwoord(404, {}, "not found")

    def do_POST(self):
        pad = urlsplit(self.path).path
        if pad == "/authorize":  # the "Toestaan" button
            return self._antwoord(*self.idp.autoriseer(self._form()))
        if pad == "/token":
            basic = None
            kop = self.headers.get("Authorization", "")
            if kop.startswith("Basic "):
                gebruiker, _, wachtwoord = base64.b64decode(kop[6:]).decode().partition(":")
                basic = (gebruiker, wachtwoord)
            return self._json(*self.idp.token(self._form(), basic))
        return self._antwoord(404, {}, "not found")
