"""Every API action declares its scope (DESIGN §5.3). Check order (API §1.4): authenticate →
undertaking → visibility (404, in the selectors) → scope (403) → rules."""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from zorgvuldig.api.authentication import PartnerSysteem
from zorgvuldig.core import tenancy
from zorgvuldig.core.context import Actor
from zorgvuldig.organisaties.models import ApiToken
from zorgvuldig.organisaties.policies import partner_weigering
from zorgvuldig.toegang.policies import weigering_zonder_scope

SCOPE_WEIGERING = "Uw rol geeft geen recht op '{scope}'."


class Geweigerd(exceptions.PermissionDenied):
    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.zv_code = code


def actor_van(request) -> Actor:
    actor = getattr(request, "_zv_actor", None)
    if actor is None:
        user, token = request.user, getattr(request, "auth", None)
        if isinstance(token, ApiToken):
            # A partner call: the named professional acts, with the token's scopes at most (AC-08).
            namens = {"organisatie": str(token.organisatie.uuid), "apiToken": str(token.uuid)}
            actor = Actor.voor(user, kanaal="api", namens=namens, token_scopes=token.scopes)
        else:
            actor = Actor.voor(user, kanaal="ui")
        request._zv_actor = actor
        tenancy.activeer(actor)  # row-level security context for this request (ADR 0002)
    return actor


def scope_van(view, method: str) -> str | None:
    """The scope a view declares for an HTTP method (every view must declare its scopes). HEAD is a GET
    without the body (RFC 9110): the same scope, the same answer."""
    scopes = getattr(view, "scopes", None)
    if scopes is None:
        raise RuntimeError(f"{type(view).__name__} declares no scopes")
    if isinstance(scopes, str):
        return scopes
    method = "get" if method.lower() == "head" else method.lower()
    return scopes.get(method, scopes.get("*"))


class ScopePermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        if user is None or not getattr(user, "is_authenticated", False):
            raise exceptions.NotAuthenticated()
        if not hasattr(view, request.method.lower()) or request.method == "OPTIONS":
            return True  # the view answers 405 itself; OPTIONS names the methods only (BasisView.options)
        if isinstance(user, PartnerSysteem):
            # Without Namens-Gebruiker a token may only list its organisation's users (API §1.4).
            if request.method == "GET" and getattr(view, "partner_zonder_namens", False):
                return True
            raise Geweigerd("E_AC_NOT_MANDATED", "Noem in Namens-Gebruiker de handelende medewerker (AC-08).")
        scope = scope_van(view, request.method)
        if scope == "publiek":
            return True
        actor = actor_van(request)
        if not getattr(view, "zonder_verklaring", False) and user.geheimhoudingsverklaring_op is None:
            raise Geweigerd("E_AC_NO_UNDERTAKING", "Aanvaard eerst de geheimhoudingsverklaring (AC-07).")
        if scope and isinstance(request.auth, ApiToken):
            code = partner_weigering(
                token_scopes=frozenset(request.auth.scopes),
                gebruiker_scopes=Actor.voor(user).scopes,
                scope=scope,
            )
            if code:
                raise Geweigerd(code, "De genoemde medewerker is hiervoor niet gemandateerd (AC-08).")
        if scope is None or not actor.heeft(scope):
            code = weigering_zonder_scope(
                actor.rollen, scope or "", "uuid" in (view.kwargs or {}), isinstance(request.auth, ApiToken)
            )
            if code == "E_NOT_FOUND":
                raise exceptions.NotFound()
            raise Geweigerd(code, SCOPE_WEIGERING.format(scope=scope))
        return True
