"""Who may open a UI page: signed in with both factors (TOTP), the undertaking accepted (AC-07), the page's
scope held (AC-14). A page the user may not open looks exactly like a missing one."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from zorgvuldig.api.permissions import actor_van  # the same actor and tenancy as the API's


def niet_gevonden(request):
    return render(request, "ui/fout.html", {"titel": "Pagina niet gevonden"}, status=404)


def geweigerd(request, actor, code: str = "E_NOT_FOUND", activiteit: str = "verantwoording-toezicht"):
    """A refused attempt by a signed-in user is logged like a success (AU-04) — naming the existing record
    the page's path points at and its subjects, for the log's readers (AU-02, `audit.onderwerpen`) — and
    answers like a missing page."""
    from zorgvuldig.audit import services as audit
    from zorgvuldig.core.errors import DomainError

    audit.weigering(
        actor=actor, actie="toegang.geweigerd", activiteit=activiteit, fout=DomainError(code, "geweigerd")
    )
    return niet_gevonden(request)


def volledig_aangemeld(request) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_verified())


def pagina(scope: str | None = None, *, zonder_verklaring: bool = False):
    """Decorator for every staff page."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not volledig_aangemeld(request):
                doel = reverse("ui:inloggen") + "?" + urlencode({"volgende": request.get_full_path()})
                return HttpResponseRedirect(doel)
            if not zonder_verklaring and request.user.geheimhoudingsverklaring_op is None:
                return HttpResponseRedirect(reverse("ui:geheimhouding"))
            actor = actor_van(request)
            if scope is not None and not actor.heeft(scope):
                return geweigerd(request, actor, "E_AC_NOT_AUTHORISED")
            return view(request, *args, actor=actor, **kwargs)

        return wrapper

    return decorator


def context(request) -> dict:
    """Template context for every page: navigation by role, theme."""
    from zorgvuldig.ui.policies import navigatie

    ctx = {"thema_css": settings.UI_THEMA_CSS, "thema_naam": settings.UI_THEMA_NAAM}
    if getattr(request, "user", None) is not None and volledig_aangemeld(request):
        ctx["navigatie"] = navigatie(actor_van(request).scopes)
    return ctx
