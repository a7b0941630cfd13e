"""Session expiry after inactivity (on top of the absolute lifetime SESSION_COOKIE_AGE)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import auth
from django.http import HttpResponseRedirect

from zorgvuldig.core.clock import now
from zorgvuldig.ui.policies import sessie_verlopen

LAATST_ACTIEF = "zv_laatst_actief"


class SessieVerloopMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            moment = now()
            vorig = request.session.get(LAATST_ACTIEF)
            if sessie_verlopen(
                laatst_actief=dt.datetime.fromisoformat(vorig) if vorig else None,
                nu=moment,
                inactief_max=dt.timedelta(seconds=settings.UI_SESSIE_INACTIEF_SECONDEN),
            ):
                auth.logout(request)
                if not request.path.startswith("/api/"):
                    return HttpResponseRedirect("/inloggen?verlopen=1")
            else:
                request.session[LAATST_ACTIEF] = moment.isoformat()
        return self.get_response(request)
