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

from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.portaal import policies, selectors, services, sessie
from zorgvuldig.rechten import weergave

ARTEFACT = "zv_portaal_artefact"


def _pagina(request, template: str, context: dict, status: int = 200):
    """A page for the signed-in client (header with log-out and menu)."""
    return render(request, template, {"ingelogd": True, **context}, status=status)


# Error pages under /mijn, in the portal's style and words, each leading back to /mijn (not to the staff
# log-in). "Not found" is one page for a missing page, a missing record and someone else's record.
FOUTEN: dict[str, tuple[int, str, str]] = {
    "niet_gevonden": (404, "Pagina niet gevonden", "Deze pagina bestaat niet of is niet voor u."),
    "methode": (
        405,
        "Deze pagina kunt u zo niet openen",
        "U kwam hier misschien via een oude link of een bladwijzer. Er is niets veranderd.",
    ),
    "csrf": (
        403,
        "Formulier verlopen",
        "Het formulier was verlopen, bijvoorbeeld omdat u een tijd niets deed of opnieuw inlogde. Er is "
        "niets verstuurd en niets veranderd. Ga terug naar Mijn gegevens en probeer het opnieuw.",
    ),
    "ongeldig": (
        400,
        "Dit kon niet worden verstuurd",
        "Wat u verstuurde was te groot of kon niet worden gelezen. Er is niets veranderd. Ga terug en maak "
        "uw tekst korter.",
    ),
    "serverfout": (
        500,
        "Er ging iets mis",
        "Er ging iets mis aan onze kant. Er is niets veranderd. Probeer het later opnieuw.",
    ),
}


def foutpagina(request, soort: str, *, toegestaan: tuple[str, ...] = ()):
    """The portal's own error page (404, 405, 403 after a failed CSRF check, 500); core.views hands every
    error under /mijn to it."""
    status, titel, tekst = FOUTEN[soort]
    ingelogd = False
    if soort != "serverfout" and hasattr(request, "session"):
        gebruiker = getattr(request, "user", None)
        ingelogd = not (gebruiker is not None and gebruiker.is_authenticated) and (
            sessie.huidige(request, bijwerken=False) is not None
        )
    response = render(
        request, "portaal/fout.html", {"titel": titel, "tekst": tekst, "ingelogd": ingelogd}, status=status
    )
    if toegestaan:
        response["Allow"] = ", ".join(toegestaan)
    return response


def _niet_gevonden(request):
    return foutpagina(request, "niet_gevonden")


def methoden(*toegestaan: str):
    """Like Django's require_http_methods, with the portal's 405 page instead of an empty one."""

    def deco(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in toegestaan:
                return foutpagina(request, "methode", toegestaan=toegestaan)
            return view(request, *args, **kwargs)

        return wrapper

    return deco


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


@methoden("GET")
@never_cache
def start(request):
    if request.user.is_authenticated:
        return _niet_gevonden(request)
    if sessie.huidige(request, bijwerken=False) is not None:
        return HttpResponseRedirect(reverse("portaal:overzicht"))
    from django.conf import settings

    return render(request, "portaal/start.html", {"digid": settings.PORTAAL_DIGID_MOCK})


# Messages shown next to the consents, where the client lands after revoking (CS-07), not at the top.
BIJ_TOESTEMMINGEN = "toestemming"


@methoden("GET")
@portaal_pagina
def overzicht(request, w):
    meldingen = list(messages.get_messages(request))
    return _pagina(
        request,
        "portaal/overzicht.html",
        {
            "w": w,
            **selectors.overzicht(w),
            "meldingen": [m for m in meldingen if BIJ_TOESTEMMINGEN not in m.extra_tags.split()],
            "meldingen_toestemming": [m for m in meldingen if BIJ_TOESTEMMINGEN in m.extra_tags.split()],
            "kind_16_plus": policies.KIND_16_PLUS,
        },
    )


TOELICHTING_MAX = 4000


class VerzoekFormulier(forms.Form):
    """The request form. Its messages are the portal's own, in B1 Dutch, and never repeat what was sent
    (a tampered choice is not echoed)."""

    soort = forms.ChoiceField(
        label="Wat wilt u vragen?",
        choices=[(k, titel) for k, (titel, _uitleg) in policies.SOORTEN.items()],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies wat u wilt vragen.",
            "invalid_choice": "Kies wat u wilt vragen. Dat kan alleen uit de mogelijkheden op deze pagina.",
        },
    )
    persoon = forms.ChoiceField(
        label="Voor wie en bij welke organisatie?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies voor wie u het vraagt.",
            "invalid_choice": "Kies voor wie u het vraagt. Dat kan alleen uit de mogelijkheden op deze "
            "pagina.",
        },
    )
    toelichting = forms.CharField(
        label="Uitleg",
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Wat wilt u precies? Bijvoorbeeld: welke gegevens kloppen niet, en wat moet het zijn? "
        "Bij een eigen verklaring: schrijf hier wat u wilt laten toevoegen.",
        error_messages={
            "max_length": f"Uw uitleg is te lang. U kunt hier hooguit {TOELICHTING_MAX} tekens gebruiken. "
            "Maak hem korter. Wilt u meer vertellen? Dat kan later in een gesprek met ons.",
        },
    )

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].choices = [(k["waarde"], k["label"]) for k in keuzes]
        if len(keuzes) == 1:
            self.fields["persoon"].initial = keuzes[0]["waarde"]
            self.fields["persoon"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        leeg = "toelichting" not in self.errors and not (data.get("toelichting") or "").strip()
        if data.get("soort") not in (None, "inzage") and leeg:
            self.add_error("toelichting", "Schrijf kort op wat u wilt. Dan kunnen wij u goed helpen.")
        return data

    def foutoverzicht(self, soort_codes: list[str]) -> list[dict]:
        """The error summary: every message, in the order of the form, with the field it links to."""
        doelen = {
            "soort": f"soort_{soort_codes[0]}",
            "persoon": None if self["persoon"].is_hidden else self["persoon"].subwidgets[0].id_for_label,
            "toelichting": self["toelichting"].id_for_label,
        }
        uit = [{"tekst": str(e), "doel": None} for e in self.non_field_errors()]
        for veld, doel in doelen.items():
            uit += [{"tekst": str(e), "doel": doel} for e in self.errors.get(veld, [])]
        return uit


@methoden("GET", "POST")
@portaal_pagina
def verzoek_nieuw(request, w):
    from zorgvuldig.rechten.services import DubbelVerzoek

    keuzes = selectors.keuzes(w)
    if not keuzes:
        if w.onder_12:  # RI-01: no form for a child under 12 about themselves
            return _pagina(request, "portaal/onder_12.html", {"uitleg": policies.ONDER_12_UITLEG})
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
            except DubbelVerzoek as dubbel:
                messages.info(
                    request,
                    "U had dit verzoek net al verstuurd. Wij hebben het één keer ontvangen. "
                    "Hieronder ziet u hoe het ermee staat.",
                )
                return HttpResponseRedirect(reverse("portaal:verzoek", args=[dubbel.verzoek.uuid]))
            except DomainError as exc:
                form.add_error(None, exc.detail)
            else:
                messages.success(request, policies.ontvangen_melding(jeugd=w.jeugd))
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
    persoon_gekozen = form["persoon"].value()
    persoon_opties = [
        {**k, "id": f"id_persoon_{i}", "gekozen": k["waarde"] == persoon_gekozen}
        for i, k in enumerate(keuzes)
    ]
    return _pagina(
        request,
        "portaal/nieuw.html",
        {
            "form": form,
            "soort_opties": opties,
            "keuzes": keuzes,
            "persoon_opties": persoon_opties,
            "fouten": form.foutoverzicht([o["code"] for o in opties]) if form.errors else [],
            # RI-01, PE-06: a youth of 12–15 is told that the team first assesses their competence
            "bekwaamheid_uitleg": policies.BEKWAAMHEID_UITLEG
            if any(k["eerst_bekwaamheid"] for k in keuzes)
            else "",
        },
        status,
    )


@methoden("GET")
@portaal_pagina
def verzoek(request, w, uuid):
    try:
        _v, rij = selectors.verzoek(w, uuid)
        antwoord = _antwoord(selectors.antwoord(w, uuid)[1]) if rij["antwoord"] else None
    except NotFound:
        return _niet_gevonden(request)
    return _pagina(request, "portaal/verzoek.html", {"v": rij, "a": antwoord})


@methoden("GET")
@portaal_pagina
def antwoord_pdf(request, w, uuid):
    from zorgvuldig.rechten.pdf import antwoord as pdf_antwoord

    try:
        v, overzicht_ = selectors.antwoord(w, uuid)
    except NotFound:
        return _niet_gevonden(request)
    return pdf_antwoord(v, overzicht_)


@methoden("POST")
@portaal_pagina
def intrekken(request, w, uuid):
    """CS-07: one step — the button on the overview revokes; the consequences follow in plain words, in a
    message naming the consent, next to the consents, where the page lands and the focus goes."""
    toestemming = selectors.toestemming(w, uuid)
    if toestemming is None:
        return _niet_gevonden(request)
    try:
        _rij, gevolgen, _beeindigd = services.trek_in(w, uuid)
    except NotFound:
        return _niet_gevonden(request)
    except DomainError as exc:
        messages.error(request, exc.detail, extra_tags=BIJ_TOESTEMMINGEN)
    else:
        messages.success(
            request,
            policies.intrek_melding(
                kop=toestemming["kop"], gevolgen=gevolgen, organisatie=toestemming["organisatie"]
            ),
            extra_tags=BIJ_TOESTEMMINGEN,
        )
    return HttpResponseRedirect(reverse("portaal:overzicht") + "#toestemming-melding")


@methoden("GET", "POST")
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
