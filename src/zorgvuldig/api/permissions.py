"""Every API action declares its scope (DESIGN §5.3). Check order (API §1.4): authenticate →
undertaking → visibility (404, in the selectors) → scope (403) → rules."""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from zorgvuldig.core import tenancy
from zorgvuldig.core.context import Actor
from zorgvuldig.toegang.policies import weigering_zonder_scope

SCOPE_WEIGERING = "Uw rol geeft geen recht op '{scope}'."


class Geweigerd(exceptions.PermissionDenied):
    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.zv_code = code


def actor_van(request) -> Actor:
    actor = getattr(request, "_zv_actor", None)
    if actor is None:
        user = request.user
        kanaal = "api" if getattr(request, "auth", None) is not None else "ui"
        actor = Actor.voor(user, kanaal=kanaal)
        request._zv_actor = actor
        tenancy.activeer(actor)  # row-level security context for this request (ADR 0002)
    return actor


def scope_van(view, method: str) -> str | None:
    """The scope a view declares for an HTTP method (every view must declare its scopes)."""
    scopes = getattr(view, "scopes", None)
    if scopes is None:
        raise RuntimeError(f"{type(view).__name__} declares no scopes")
    if isinstance(scopes, str):
        return scopes
    return scopes.get(method.lower(), scopes.get("*"))


class ScopePermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        if user is None or not getattr(user, "is_authenticated", False):
            raise exceptions.NotAuthenticated()
        if not hasattr(view, request.method.lower()):
            return True  # the view answers 405 itself
        scope = scope_van(view, request.method)
        if scope == "publiek":
            return True
        actor = actor_van(request)
        if not getattr(view, "zonder_verklaring", False) and user.geheimhoudingsverklaring_op is None:
            raise Geweigerd("E_AC_NO_UNDERTAKING", "Aanvaard eerst de geheimhoudingsverklaring (AC-07).")
        if scope is None or not actor.heeft(scope):
            code = weigering_zonder_scope(actor.rollen, scope or "", "uuid" in (view.kwargs or {}))
            if code == "E_NOT_FOUND":
                raise exceptions.NotFound()
            raise Geweigerd(code, SCOPE_WEIGERING.format(scope=scope))
        return True
