"""The Django admin, for the fully signed-in technical beheerder only (AC-06, AC-13)."""

from __future__ import annotations

from functools import update_wrapper
from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class BeheerSite(OTPAdminSite):
    """Only a beheerder who gave password and code gets in. Anyone else who is signed in gets the same
    "not found" as every page their role may not use (the admin's "signed in, but not allowed" page would
    tell that it exists and whom it is for); someone not yet signed in goes to the application's own
    log-in with its code step, in Dutch, instead of the admin's form."""

    def _buiten(self, request):
        if request.user.is_authenticated and request.user.is_verified():
            raise Http404
        volgende = urlencode({"volgende": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('ui:inloggen')}?{volgende}")

    def login(self, request, extra_context=None):
        if self.has_permission(request):
            return super().login(request, extra_context)  # signed in already: on to the index
        return self._buiten(request)

    def admin_view(self, view, cacheable=False):
        beschermd = super().admin_view(view, cacheable)

        def binnen(request, *args, **kwargs):
            uitloggen = request.path == reverse("admin:logout", current_app=self.name)
            if not uitloggen and not self.has_permission(request):
                return self._buiten(request)
            return beschermd(request, *args, **kwargs)

        return update_wrapper(binnen, beschermd)
