"""Pages of "Mijn gegevens" (B1 Dutch) and the DigiD log-in.

A page opens only with a portal identity in the session (portaal/sessie.py) and never for a signed-in
staff user: the two kinds of session never mix. Pages are thin: the portal's selectors choose what is the
client's own and audit the read; its services call the owning module's services with a portal actor.
No page, URL or log line holds a BSN.
"""

from __future__ import annotations

import functools
import secrets

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.portaal import policies, selectors, services, sessie
from zorgvuldig.rechten import weergave

ARTEFACT = "zv_portaal_artefact"


def _pagina(request, template: str, context: dict, status: int = 200):
    """A page for the signed-in client (header with log-out and menu)."""
    return render(request, template, {"ingelogd": True, **context}, status=status)


def _niet_gevonden(request):
    return render(request, "portaal/fout.html", {"titel": "Pagina niet gevonden"}, status=404)


def portaal_pagina(view):
    """Only a client signed in with DigiD; a staff session gets "not found" (never the portal)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return _niet_gevonden(request)
        had_sessie = sessie.SLEUTEL in request.session
        identiteit = sessie.huidige(request)
        if identiteit is None:
            doel = reverse("portaal:start") + ("?verlopen=1" if had_sessie else "")
            return HttpResponseRedirect(doel)
        return view(request, selectors.wereld(identiteit), *args, **kwargs)

    return never_cache(wrapper)


@require_GET
@never_cache
def start(request):
    if request.user.is_authenticated:
        return _niet_gevonden(request)
    if sessie.huidige(request, bijwerken=False) is not None:
        return HttpResponseRedirect(reverse("portaal:overzicht"))
    from django.conf import settings

    return render(request, "portaal/start.html", {"digid": settings.PORTAAL_DIGID_MOCK})


@require_GET
@portaal_pagina
def overzicht(request, w):
    return _pagina(request, "portaal/overzicht.html", {"w": w, **selectors.overzicht(w)})


class VerzoekFormulier(forms.Form):
    soort = forms.ChoiceField(
        label="Wat wilt u vragen?",
        choices=[(k, titel) for k, (titel, _uitleg) in policies.SOORTEN.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Kies wat u wilt vragen."},
    )
    persoon = forms.ChoiceField(
        label="Voor wie en bij welke organisatie?",
        widget=forms.RadioSelect,
        error_messages={"required": "Kies voor wie u het vraagt."},
    )
    toelichting = forms.CharField(
        label="Uitleg",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Wat wilt u precies? Bijvoorbeeld: welke gegevens kloppen niet, en wat moet het zijn?",
    )

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].choices = [(k["waarde"], k["label"]) for k in keuzes]
        if len(keuzes) == 1:
            self.fields["persoon"].initial = keuzes[0]["waarde"]
            self.fields["persoon"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if data.get("soort") not in (None, "inzage") and not (data.get("toelichting") or "").strip():
            self.add_error("toelichting", "Schrijf kort op wat u wilt. Dan kunnen wij u goed helpen.")
        return data


@require_http_methods(["GET", "POST"])
@portaal_pagina
def verzoek_nieuw(request, w):
    keuzes = selectors.keuzes(w)
    if not keuzes:
        return _pagina(request, "portaal/geen_organisatie.html", {})
    if request.method == "POST":
        form = VerzoekFormulier(request.POST, keuzes=keuzes)
        if form.is_valid():
            try:
                v = services.dien_in(
                    w,
                    persoon=form.cleaned_data["persoon"],
                    soort=form.cleaned_data["soort"],
                    toelichting=form.cleaned_data["toelichting"],
                )
            except NotFound:
                form.add_error("persoon", "Kies voor wie u het vraagt.")
            except DomainError as exc:
                form.add_error(None, exc.detail)
            else:
                messages.success(
                    request,
                    "Wij hebben uw verzoek ontvangen. U krijgt binnen 4 weken antwoord. "
                    "Hieronder ziet u hoe het ermee staat.",
                )
                return HttpResponseRedirect(reverse("portaal:verzoek", args=[v.uuid]))
        status = 400
    else:
        soort = request.GET.get("soort")
        form = VerzoekFormulier(initial={"soort": soort} if soort in policies.SOORTEN else {}, keuzes=keuzes)
        status = 200
        selectors.log_keuzes(w)
    gekozen = form["soort"].value()
    opties = [
        {"code": code, "titel": titel, "uitleg": uitleg, "gekozen": code == gekozen}
        for code, (titel, uitleg) in policies.SOORTEN.items()
    ]
    return _pagina(
        request, "portaal/nieuw.html", {"form": form, "soort_opties": opties, "keuzes": keuzes}, status
    )


@require_GET
@portaal_pagina
def verzoek(request, w, uuid):
    try:
        _v, rij = selectors.verzoek(w, uuid)
        antwoord = _antwoord(selectors.antwoord(w, uuid)[1]) if rij["antwoord"] else None
    except NotFound:
        return _niet_gevonden(request)
    return _pagina(request, "portaal/verzoek.html", {"v": rij, "a": antwoord})


@require_GET
@portaal_pagina
def antwoord_pdf(request, w, uuid):
    from zorgvuldig.rechten.pdf import antwoord as pdf_antwoord

    try:
        v, overzicht_ = selectors.antwoord(w, uuid)
    except NotFound:
        return _niet_gevonden(request)
    return pdf_antwoord(v, overzicht_)


@require_POST
@portaal_pagina
def intrekken(request, w, uuid):
    """CS-07: one step — the button on the overview revokes; the consequences follow in plain words."""
    try:
        _rij, gevolgen, _beeindigd = services.trek_in(w, uuid)
    except NotFound:
        return _niet_gevonden(request)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "Uw toestemming is ingetrokken. " + gevolgen.replace("\n\n", " "))
    return HttpResponseRedirect(reverse("portaal:overzicht") + "#toestemmingen-kop")


@require_http_methods(["GET", "POST"])
@never_cache
def uitloggen(request):
    if request.method == "POST" and not request.user.is_authenticated:
        sessie.vergeet(request)
        return HttpResponseRedirect(reverse("portaal:start") + "?uitgelogd=1")
    if request.user.is_authenticated:
        return _niet_gevonden(request)
    return _pagina(request, "portaal/uitloggen.html", {"ingelogd": False})


# --- DigiD (mock) ---------------------------------------------------------------------------------------


def mock_bsn_view():
    """The library's mock IdP BSN page, except that it hands the ACS an artifact instead of the BSN: no
    BSN in a URL or the server's request log, even in the demo. Like SAML's artifact binding, the ACS
    resolves the artifact — here from the session, as blind indexes only."""
    from digid_eherkenning.mock.idp.forms import BsnLoginTextInputForm
    from digid_eherkenning.mock.idp.views.digid import DigiDMockIDPBSNLoginView
    from furl import furl

    class MockIdpBsn(DigiDMockIDPBSNLoginView):
        def get_form_class(self):
            return BsnLoginTextInputForm  # never the library's table of mock users (BSNs in clear)

        def get_success_url(self):
            artefact = secrets.token_urlsafe(24)
            self.request.session[ARTEFACT] = {
                "artefact": artefact,
                "indexen": list(sessie.indexen_van(str(self.bsn))),
            }
            url = furl(self.acs_url)
            url.args.update({"next": self.next_url, "artefact": artefact})
            return str(url)

    return MockIdpBsn


class DigidMockAcs(View):
    """`digid:acs` for the mock: resolve the artifact, start the portal session, go to the overview.
    Refused for a signed-in staff user; a failure goes back to the start page with the DigiD message."""

    def get(self, request):
        from django.conf import settings

        if not settings.PORTAAL_DIGID_MOCK or request.user.is_authenticated:
            raise Http404
        data = request.session.pop(ARTEFACT, None) or {}
        artefact = request.GET.get("artefact", "")
        if not data or not artefact or not secrets.compare_digest(str(data.get("artefact", "")), artefact):
            messages.error(
                request,
                "Inloggen met DigiD is niet gelukt. Probeer het nog een keer. Lukt het nog steeds niet? "
                "Log dan in bij Mijn DigiD om te zien of uw DigiD goed werkt.",
            )
            return HttpResponseRedirect(reverse("portaal:start"))
        services.meld_aan(request, tuple(data["indexen"]), "mock")
        return HttpResponseRedirect(reverse("portaal:overzicht"))


# --- the answer for display -------------------------------------------------------------------------------


def _antwoord(overzicht: dict) -> dict:
    return weergave.antwoord(overzicht, weergave.ITEMSOORTEN)
