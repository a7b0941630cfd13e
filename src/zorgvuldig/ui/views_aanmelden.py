"""Log-in with password and TOTP (django-otp), lock-out (django-axes), activation, re-authentication,
the confidentiality undertaking (AC-07) and log-out."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.core.clock import now
from zorgvuldig.organisaties import services as org_services
from zorgvuldig.organisaties.activatie import controleer_activatie
from zorgvuldig.organisaties.models import Gebruiker
from zorgvuldig.organisaties.selectors import is_geactiveerd
from zorgvuldig.ui import policies
from zorgvuldig.ui.forms import (
    ActiveerFormulier,
    BevestigFormulier,
    CodeFormulier,
    InlogFormulier,
    VerklaringFormulier,
)
from zorgvuldig.ui.toegang import pagina

BEVESTIGD = "zv_bevestigd_op"  # when password and code were last entered (AC-11 re-authentication)
FOUT_INLOG = "Het e-mailadres of wachtwoord klopt niet."


def _volgende(request) -> str:
    return policies.veilige_vervolgpagina(request.GET.get("volgende") or request.POST.get("volgende"))


@require_http_methods(["GET", "POST"])
def inloggen(request):
    form = InlogFormulier(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = auth.authenticate(
            request, email=form.cleaned_data["email"].lower(), password=form.cleaned_data["wachtwoord"]
        )
        if user is not None:
            auth.login(request, user)  # first factor only: every page still asks for the code
            return HttpResponseRedirect(
                reverse("ui:tweede_stap") + "?" + urlencode({"volgende": _volgende(request)})
            )
        if not getattr(request, "axes_locked_out", False):
            form.add_error(None, FOUT_INLOG)
    status = 400 if request.method == "POST" else 200
    return render(request, "ui/inloggen.html", {"form": form, "volgende": _volgende(request)}, status=status)


def geblokkeerd(request, response=None, credentials=None):
    """django-axes: too many failed attempts. The same page whether or not the account exists."""
    return render(request, "ui/geblokkeerd.html", status=429)


def _vertraagd(user) -> bool:
    """django-otp slows guessing down: after a wrong code the next one is refused for a while."""
    return any(not d.verify_is_allowed()[0] for d in TOTPDevice.objects.filter(user=user, confirmed=True))


def _al_gebruikt(user, code: str) -> bool:
    """django-otp refuses a code a second time (replay protection, e.g. logging in again within the same
    30 seconds): that code was right, so say so instead of calling it wrong."""
    from django_otp.oath import hotp

    if not code.isdigit():
        return False
    return any(
        d.last_t >= 0 and hotp(d.bin_key, d.last_t, digits=d.digits) == int(code)
        for d in TOTPDevice.objects.filter(user=user, confirmed=True)
    )


def _code_fout(user, code: str = "") -> str:
    if _al_gebruikt(user, code):
        return "Deze code is al gebruikt. Wacht tot uw app een nieuwe code toont en voer die in."
    if _vertraagd(user):
        return "Na een verkeerde code moet u even wachten. Probeer het over een halve minuut opnieuw."
    return "Deze code klopt niet of is verlopen."


@require_http_methods(["GET", "POST"])
def tweede_stap(request):
    user = request.user
    if not user.is_authenticated:
        return HttpResponseRedirect(reverse("ui:inloggen"))
    if not is_geactiveerd(user):
        return render(request, "ui/geen_tweede_factor.html", status=403)
    form = CodeFormulier(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"].strip())
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            request.session[BEVESTIGD] = now().isoformat()
            return HttpResponseRedirect(_volgende(request))
        form.add_error("code", _code_fout(user, form.cleaned_data["code"].strip()))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "ui/tweede_stap.html", {"form": form, "volgende": _volgende(request)}, status=status
    )


ACTIVATIE = "zv_activatie"  # the link's user and token, kept in the session so no later URL carries it


@require_http_methods(["GET"])
def activeren_link(request, uuid, token):
    """The one-time link (72 h) from import-config or the beheerder. Its token goes into the session and
    the form posts to the token-less /activeren, so a wrong code or a weak password (400, which Django's
    request log writes with its path) never puts a live token in the log. The page is shown here rather
    than after a redirect: the link is opened from a mail program, another site, and the browser would
    withhold the SameSite=Strict session cookie on a redirect at the end of that navigation."""
    gebruiker = Gebruiker.objects.filter(uuid=uuid, is_active=True).first()
    if gebruiker is None or not controleer_activatie(gebruiker, token):
        return render(request, "ui/activeren_ongeldig.html", status=404)
    request.session[ACTIVATIE] = {"uuid": str(gebruiker.uuid), "token": token}
    response = _activeren(request, gebruiker)
    # The page's own requests (style sheets, the form post) name the site only, not this address: a
    # proxy's access log that records the referrer gets no token either.
    response["Referrer-Policy"] = "strict-origin"
    return response


@require_http_methods(["GET", "POST"])
def activeren(request):
    """Choose a password and link the app, for the link opened in this session."""
    link = request.session.get(ACTIVATIE) or {}
    gebruiker = Gebruiker.objects.filter(uuid=link.get("uuid"), is_active=True).first()
    if gebruiker is None or not controleer_activatie(gebruiker, link.get("token", "")):
        request.session.pop(ACTIVATIE, None)
        return render(request, "ui/activeren_ongeldig.html", status=404)
    return _activeren(request, gebruiker)


def _activeren(request, gebruiker):
    device = TOTPDevice.objects.filter(user=gebruiker, confirmed=False, name="activatie").first()
    if device is None:
        device = TOTPDevice.objects.create(user=gebruiker, confirmed=False, name="activatie")
    # Users of an organisation with single sign-on choose no password: the link only links the app.
    sso = gebruiker.organisatie.code in settings.OIDC_PROVIDERS
    form = (CodeFormulier if sso else ActiveerFormulier)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if not sso:
                validate_password(form.cleaned_data["wachtwoord"], gebruiker)
        except ValidationError as exc:
            form.add_error("wachtwoord", exc)
        else:
            if device.verify_token(form.cleaned_data["code"].strip()):
                with transaction.atomic():
                    device.confirmed = True  # ends the link (see organisaties.activatie)
                    device.save()
                    if not sso:
                        gebruiker.set_password(form.cleaned_data["wachtwoord"])
                        gebruiker.save()
                    org_services.geactiveerd(gebruiker)
                request.session.pop(ACTIVATIE, None)
                return render(request, "ui/geactiveerd.html", {"sso": sso})
            form.add_error("code", "Deze code klopt niet. Controleer de tijd op uw telefoon.")
    secret = base64.b32encode(device.bin_key).decode()
    uri = device.config_url
    qr = segno.make(uri, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "ui/activeren.html",
        {
            "form": form,
            "gebruiker": gebruiker,
            "geheim": secret,
            "qr": qr,
            "sso": sso,
            "actie": reverse("ui:activeren"),
        },
        status=status,
    )


def herbevestig(request, form: BevestigFormulier) -> str | None:
    """Check a valid `BevestigFormulier` (password and code); on success note the moment in the session
    (AC-11) and return None, else the Dutch message to show."""
    # through authenticate(), so wrong passwords count towards the lock-out here too
    ok_wachtwoord = (
        auth.authenticate(request, email=request.user.email, password=form.cleaned_data["wachtwoord"])
        is not None
    )
    device = match_token(request.user, form.cleaned_data["code"].strip())
    if ok_wachtwoord and device is not None:
        request.session[BEVESTIGD] = now().isoformat()
        return None
    fout = "Het wachtwoord of de code klopt niet."
    if _vertraagd(request.user):
        fout += " " + _code_fout(request.user)
    return fout


@require_http_methods(["GET", "POST"])
@pagina()
def bevestigen(request, actor):
    """Re-authentication (password and code) before break-glass (AC-11)."""
    form = BevestigFormulier(request.POST or None)
    wachtwoord_fout = None
    if request.method == "POST" and form.is_valid():
        wachtwoord_fout = herbevestig(request, form)
        if wachtwoord_fout is None:
            return HttpResponseRedirect(_volgende(request))
    return render(
        request,
        "ui/bevestigen.html",
        {"form": form, "fout": wachtwoord_fout, "volgende": _volgende(request)},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@pagina(zonder_verklaring=True)
def geheimhouding(request, actor):
    """AC-07: no access to personal data before the undertaking is accepted."""
    from django.conf import settings

    form = VerklaringFormulier(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org_services.aanvaard_verklaring(actor=actor, versie=settings.UI_VERKLARING_VERSIE)
        return HttpResponseRedirect(reverse("ui:dashboard"))
    return render(
        request,
        "ui/geheimhouding.html",
        {"form": form, "al_aanvaard": request.user.geheimhoudingsverklaring_op},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def uitloggen(request):
    auth.logout(request)
    return HttpResponseRedirect(reverse("ui:inloggen") + "?uitgelogd=1")
