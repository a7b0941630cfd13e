"""Access-pattern monitoring pages for the FG (RP-06): the switch with what it still needs (an approved
DPIA, the works council's consent, which the FG records here), the alerts (open first) and one alert with
the review form.

Only the FG of the controller (`register:beheren`) opens these pages; anyone else gets the same 404 page as
for a missing one. Alerts are personal data of employees: the leidinggevende does not see them. Every page
that shows them writes an audit entry (AU-01); every write goes through `toegangsbewaking.services`, whose
Dutch refusals are shown at the form with the entered values kept.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.toegangsbewaking import policies, selectors, services
from zorgvuldig.toegangsbewaking.models import Adresindex, Bewaking
from zorgvuldig.ui import forms_toegangsbewaking as f
from zorgvuldig.ui.toegang import geweigerd, pagina
from zorgvuldig.ui.views_dossier import _fouten

SCOPE = "register:beheren"
ACTIVITEIT = policies.ACTIVITEIT
PER_PAGINA = 25
VERWIJZINGEN = 20  # audit entry references shown on an alert page


def _vertrouwelijk(view):
    return functools.wraps(view)(never_cache(view))


def _niet_zichtbaar(request, actor):
    return geweigerd(request, actor, activiteit=ACTIVITEIT)


def _status(code: str) -> dict:
    tekst, soort = f.STATUSSEN.get(code, (code, "data"))
    return {"code": code, "tekst": tekst, "soort": soort}


def _alleen_post(pagina_naam: str):
    """An action URL opened with GET goes back to its page instead of a bare 405."""

    def decorator(view):
        @require_http_methods(["GET", "POST"])
        @functools.wraps(view)
        def inner(request, *args, **kwargs):
            if request.method == "GET":
                return HttpResponseRedirect(reverse(pagina_naam, args=list(kwargs.values())))
            return view(request, *args, **kwargs)

        return _vertrouwelijk(inner)

    return decorator


# --- the switch (RP-06) -----------------------------------------------------------------------------------


def _bewaking_pagina(request, actor, formulieren: dict | None = None, status: int = 200, fout=None):
    formulieren = dict(formulieren or {})
    vv_id = actor.verwerkingsverantwoordelijke_id
    rij = selectors.bewaking(vv_id) or Bewaking(verwerkingsverantwoordelijke_id=vv_id)
    dpia, instemming = selectors.voorwaarden(vv_id)
    formulieren.setdefault("instemming", f.InstemmingFormulier(auto_id="instemming_%s"))
    formulieren.setdefault(
        "activeren",
        f.ActiverenFormulier(
            auto_id="activeren_%s",
            initial={
                "max_personen": rij.max_personen_per_dag,
                "werktijd_van": rij.werktijd_van,
                "werktijd_tot": rij.werktijd_tot,
            },
        ),
    )
    with transaction.atomic():
        open_ = selectors.signaleringen(actor).filter(status=policies.OPEN).count()
        audit.record(
            actor=actor,
            actie="toegangsbewaking.ingezien",
            activiteit=services.INRICHTING,  # the set-up only: no one's data (FG review F8)
            velden=["actief", "drempels", "voorwaarden"],
        )
    return render(
        request,
        "ui/toegangsbewaking/bewaking.html",
        {
            "bewaking": rij,
            "dpia": dpia,
            "instemming": instemming,
            "ontbreekt": policies.ontbrekend(dpia is not None, instemming is not None),
            "open": open_,
            "adresindexen": Adresindex.objects.filter(verwerkingsverantwoordelijke_id=vv_id).count(),
            "formulieren": formulieren,
            "fout": [fout.detail] if fout else None,
        },
        status=status,
    )


@_vertrouwelijk
@require_GET
@pagina(SCOPE)
def bewaking(request, actor):
    return _bewaking_pagina(request, actor)


def _terug_naar_bewaking(request, melding: str) -> HttpResponseRedirect:
    messages.success(request, melding)
    return HttpResponseRedirect(reverse("ui:toegangsbewaking"))


@_alleen_post("ui:toegangsbewaking")
@pagina(SCOPE)
def instemming(request, actor):
    form = f.InstemmingFormulier(request.POST, auto_id="instemming_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.leg_instemming_vast(
                actor=actor,
                datum=d["datum"],
                kenmerk=d["kenmerk"] or "",
                omschrijving=d.get("omschrijving") or "",
            )
        except DomainError as exc:
            _fouten(form, exc)
        else:
            return _terug_naar_bewaking(request, "De instemming van de ondernemingsraad is vastgelegd.")
    return _bewaking_pagina(request, actor, {"instemming": form}, 400)


@_alleen_post("ui:toegangsbewaking")
@pagina(SCOPE)
def activeren(request, actor):
    form = f.ActiverenFormulier(request.POST, auto_id="activeren_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.activeer(
                actor=actor,
                max_personen=d.get("max_personen"),
                werktijd_van=d.get("werktijd_van"),
                werktijd_tot=d.get("werktijd_tot"),
            )
        except DomainError as exc:
            _fouten(form, exc)
            status = 409 if exc.status == 409 else 400
            return _bewaking_pagina(request, actor, {"activeren": form}, status)
        return _terug_naar_bewaking(request, "De bewaking van toegangspatronen staat aan (RP-06).")
    return _bewaking_pagina(request, actor, {"activeren": form}, 400)


@_alleen_post("ui:toegangsbewaking")
@pagina(SCOPE)
def deactiveren(request, actor):
    try:
        services.deactiveer(actor=actor)
    except DomainError as exc:
        return _bewaking_pagina(request, actor, status=exc.status, fout=exc)
    return _terug_naar_bewaking(request, "De bewaking van toegangspatronen staat uit.")


# --- alerts -----------------------------------------------------------------------------------------------


def _rij(s) -> dict:
    return {
        "uuid": s.uuid,
        "soort": f.SOORTEN.get(s.soort, s.soort),
        "medewerker": s.gebruiker.naam,
        "organisatie": s.organisatie.naam,
        "dag": s.dag,
        "aantal": f.AANTALLEN.get(s.soort, "{n}").format(n=s.aantal, d=s.drempel),
        "status": _status(s.status),
        "uitkomst": f.UITKOMSTEN.get(s.uitkomst, s.uitkomst),
    }


@_vertrouwelijk
@require_GET
@pagina(SCOPE)
def signaleringen(request, actor):
    qs = selectors.signaleringen(actor).select_related("gebruiker", "organisatie")
    with transaction.atomic():
        blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
        rijen = [_rij(s) for s in blad.object_list]
        audit.record(
            actor=actor,
            actie="toegangssignalering.lijst_ingezien",
            activiteit=ACTIVITEIT,
            velden=["soort", "gebruiker", "dag", "aantal", "status", "uitkomst"],
            koppeling={"aantal": len(rijen)},
        )
    return render(request, "ui/toegangsbewaking/signaleringen.html", {"rijen": rijen, "blad": blad})


def _signalering_pagina(request, actor, uuid, form=None, status: int = 200):
    try:
        with transaction.atomic():
            s = selectors.signalering_of_404(actor, uuid)
            audit.record(
                actor=actor,
                actie="toegangssignalering.ingezien",
                activiteit=ACTIVITEIT,
                object=s,
                velden=[
                    "soort",
                    "gebruiker",
                    "dag",
                    "aantal",
                    "auditregels",
                    "status",
                    "uitkomst",
                    "toelichting",
                ],
            )
    except NotFound:
        return _niet_zichtbaar(request, actor)
    eigen = policies.eigen_signalering(s.gebruiker_id, actor.gebruiker.pk)
    if form is None and policies.mag_beoordelen(s.status) and not eigen:
        form = f.BeoordelingFormulier(auto_id="beoordeling_%s")
    return render(
        request,
        "ui/toegangsbewaking/signalering.html",
        {
            "s": s,
            "rij": _rij(s),
            "toelichting": crypto.ontsleutel(s, "toelichting", als_json=False),
            "verwijzingen": s.auditregels[:VERWIJZINGEN],
            "meer": max(len(s.auditregels) - VERWIJZINGEN, 0),
            "eigen": eigen,
            "incident": s.uitkomst == policies.INCIDENT,
            "form": form,
        },
        status=status,
    )


@_vertrouwelijk
@require_GET
@pagina(SCOPE)
def signalering(request, uuid, actor):
    return _signalering_pagina(request, actor, uuid)


@_alleen_post("ui:toegangssignalering")
@pagina(SCOPE)
def beoordelen(request, uuid, actor):
    try:
        selectors.signalering_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    form = f.BeoordelingFormulier(request.POST, auto_id="beoordeling_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.beoordeel(
                actor=actor, uuid=uuid, uitkomst=d["uitkomst"], toelichting=d.get("toelichting") or ""
            )
        except NotFound:
            return _niet_zichtbaar(request, actor)
        except DomainError as exc:
            _fouten(form, exc)
            return _signalering_pagina(request, actor, uuid, form, exc.status)
        messages.success(request, "De signalering is beoordeeld.")
        return HttpResponseRedirect(reverse("ui:toegangssignalering", args=[uuid]))
    return _signalering_pagina(request, actor, uuid, form, 400)


URLS: list[URLPattern] = [
    path("toegangsbewaking", bewaking, name="toegangsbewaking"),
    path("toegangsbewaking/instemming", instemming, name="toegangsbewaking_instemming"),
    path("toegangsbewaking/activeren", activeren, name="toegangsbewaking_activeren"),
    path("toegangsbewaking/deactiveren", deactiveren, name="toegangsbewaking_deactiveren"),
    path("toegangsbewaking/signaleringen", signaleringen, name="toegangssignaleringen"),
    path("toegangsbewaking/signaleringen/<uuid:uuid>", signalering, name="toegangssignalering"),
    path(
        "toegangsbewaking/signaleringen/<uuid:uuid>/beoordelen",
        beoordelen,
        name="toegangssignalering_beoordelen",
    ),
]
