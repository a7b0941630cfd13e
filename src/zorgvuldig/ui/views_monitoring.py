"""Monitoring export pages (RP-04, RP-05).

* "Monitoringexports": the definitions the user may see (the controller's leidinggevende and FG; the
  recipient's staff the approved ones sent to them) and, for the recipient, the exports ready to fetch.
* A new definition: fields as check boxes from the closed catalogue, purpose, recipient and the three
  proportionality texts (RP-05). It starts as a concept.
* One definition: its fields and texts; the FG approves it with a recorded judgement; the controller's staff
  make an export or withdraw the definition; the recipient downloads an export once (a POST, so no
  prefetch or link preview ever fetches it).

Thin like the other pages: reads through `monitoring.selectors`, writes through `monitoring.services`,
which decide, audit and refuse; a page the user may not see answers like a missing one.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zorgvuldig.audit import services as audit
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.monitoring import policies, selectors, services
from zorgvuldig.organisaties.models import Organisatie
from zorgvuldig.ui import forms_monitoring as f
from zorgvuldig.ui.toegang import geweigerd, pagina
from zorgvuldig.ui.views_dossier import _fouten

LEZEN = selectors.LEZEN
GOEDKEUREN = "export:goedkeuren"
ACTIVITEIT = services.ACTIVITEIT


def _vertrouwelijk(view):
    return functools.wraps(view)(never_cache(view))


def _niet_zichtbaar(request, actor):
    return geweigerd(request, actor, activiteit=ACTIVITEIT)


def _organisaties() -> list[tuple[str, str]]:
    return [(str(o.uuid), o.naam) for o in Organisatie.objects.order_by("naam")]


def _definitie_form(data=None):
    return f.DefinitieFormulier(data, organisaties=_organisaties(), auto_id="def_%s")


def _rij(d) -> dict:
    return {
        "uuid": d.uuid,
        "naam": d.naam,
        "ontvanger": d.ontvanger.naam,
        "doel": f.DOELEN.get(d.doel.code, d.doel.code),
        "status": f.STATUSSEN.get(d.status, d.status),
        "aangemaakt": d.aangemaakt,
    }


@_vertrouwelijk
@require_GET
@pagina(LEZEN)
def overzicht(request, actor):
    """The definitions the user may see, and the exports waiting for the user's organisation."""
    with transaction.atomic():
        definities = [_rij(d) for d in selectors.definities(actor).order_by("-aangemaakt", "-id")[:200]]
        klaar = [
            {
                "uuid": e.uuid,
                "definitie_uuid": e.definitie.uuid,
                "naam": e.definitie.naam,
                "aangemaakt": e.aangemaakt,
                "aantal": e.aantal_rijen,
            }
            for e in selectors.voor_ontvanger(actor)
            .filter(
                opgehaald_op__isnull=True, verlopen_op__isnull=True, definitie__status=policies.GOEDGEKEURD
            )
            .order_by("-aangemaakt", "-id")[:100]
        ]
        audit.record(
            actor=actor,
            actie="exportdefinitie.ingezien",
            activiteit=ACTIVITEIT,
            velden=services.DEFINITIE_VELDEN,
            koppeling={"aantal": len(definities)},
        )
    return render(
        request,
        "ui/monitoring/overzicht.html",
        {"definities": definities, "klaar": klaar, "mag_opstellen": bool(actor.rollen & selectors.STAF)},
    )


@_vertrouwelijk
@require_http_methods(["GET", "POST"])
@pagina(LEZEN)
def nieuw(request, actor):
    """RP-05: a concept definition; nothing is exported before the FG approves it."""
    if not actor.rollen & selectors.STAF:
        return geweigerd(request, actor, "E_AC_NOT_AUTHORISED", activiteit=ACTIVITEIT)
    if request.method == "GET":
        return render(request, "ui/monitoring/nieuw.html", {"form": _definitie_form()})
    form = _definitie_form(request.POST)
    if form.is_valid():
        c = form.cleaned_data
        try:
            definitie = services.maak_definitie(
                actor=actor,
                naam=c["naam"],
                ontvanger=Organisatie.objects.filter(uuid=c["ontvanger"]).first(),
                doel=c["doel"],
                velden=list(c["velden"]),
                noodzaak=c["noodzaak"],
                afweging=c["afweging"],
                minder_ingrijpend=c["minder_ingrijpend"],
            )
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "De exportdefinitie is opgesteld. De FG beoordeelt haar nu.")
            return HttpResponseRedirect(reverse("ui:exportdefinitie", args=[definitie.uuid]))
    return render(request, "ui/monitoring/nieuw.html", {"form": form}, status=400)


def _detail(request, actor, uuid, *, form=None, fout: DomainError | None = None, status: int = 200):
    try:
        definitie = selectors.definitie_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    verantwoordelijk = selectors.is_verantwoordelijk(actor, definitie)
    ontvanger = selectors.is_ontvanger(actor, definitie)
    with transaction.atomic():
        exporten = [
            {
                "uuid": e.uuid,
                "aangemaakt": e.aangemaakt,
                "aantal": e.aantal_rijen,
                "opgehaald_op": e.opgehaald_op,
                "verlopen_op": e.verlopen_op,
                "status": policies.export_status(e.opgehaald_op, e.verlopen_op),
            }
            for e in selectors.exporten(definitie)
        ]
        audit.record(
            actor=actor,
            actie="exportdefinitie.ingezien",
            activiteit=ACTIVITEIT,
            object=definitie,
            velden=services.DEFINITIE_VELDEN,
        )
    mag_goedkeuren = (
        definitie.status == policies.CONCEPT
        and verantwoordelijk
        and actor.heeft(GOEDKEUREN)
        and "fg" in actor.rollen
    )
    velden = [
        {
            "code": v,
            "omschrijving": policies.CATALOGUS[v].omschrijving,
            "bijzonder": policies.CATALOGUS[v].bijzonder,
        }
        for v in definitie.velden
        if v in policies.CATALOGUS
    ]
    context = {
        "d": definitie,
        "status": f.STATUSSEN.get(definitie.status, definitie.status),
        "doel": f.DOELEN.get(definitie.doel.code, definitie.doel.code),
        "velden": velden,
        "kolommen": policies.kolommen(list(definitie.velden)),
        "exporten": exporten,
        "bewaardagen": settings.MONITORING_EXPORT_DAYS,
        "goedkeur_form": (form or f.GoedkeurFormulier(auto_id="oordeel_%s")) if mag_goedkeuren else None,
        "mag_exporteren": verantwoordelijk and definitie.status == policies.GOEDGEKEURD,
        "mag_intrekken": verantwoordelijk and definitie.status != policies.INGETROKKEN,
        "is_ontvanger": ontvanger and definitie.status == policies.GOEDGEKEURD,
        "fout": [fout.detail, *[p.reason for p in fout.invalid_params]] if fout else None,
    }
    return render(request, "ui/monitoring/definitie.html", context, status=status)


@_vertrouwelijk
@require_GET
@pagina(LEZEN)
def definitie(request, uuid, actor):
    return _detail(request, actor, uuid)


@_vertrouwelijk
@require_POST
@pagina(GOEDKEUREN)
def goedkeuren(request, uuid, actor):
    """RP-05: the FG approves after weighing necessity and intrusion; the judgement is recorded."""
    form = f.GoedkeurFormulier(request.POST, auto_id="oordeel_%s")
    if form.is_valid():
        try:
            services.keur_goed(actor=actor, uuid=uuid, oordeel=form.cleaned_data["oordeel"])
        except NotFound:
            return _niet_zichtbaar(request, actor)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(
                request, "De exportdefinitie is goedgekeurd. Er kan nu een export worden gemaakt."
            )
            return HttpResponseRedirect(reverse("ui:exportdefinitie", args=[uuid]))
    return _detail(request, actor, uuid, form=form, status=400)


def _actie(request, actor, uuid, doe, gelukt: str):
    try:
        doe()
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _detail(request, actor, uuid, fout=exc, status=exc.status)
    messages.success(request, gelukt)
    return HttpResponseRedirect(reverse("ui:exportdefinitie", args=[uuid]))


@_vertrouwelijk
@require_POST
@pagina(LEZEN)
def intrekken(request, uuid, actor):
    return _actie(
        request,
        actor,
        uuid,
        lambda: services.trek_in(actor=actor, uuid=uuid),
        "De exportdefinitie is ingetrokken. Er worden geen exports meer gemaakt of geleverd.",
    )


@_vertrouwelijk
@require_POST
@pagina(LEZEN)
def exporteren(request, uuid, actor):
    """RP-04: make a pseudonymised export for the recipient."""
    return _actie(
        request,
        actor,
        uuid,
        lambda: services.maak_export(actor=actor, uuid=uuid),
        "De export is gemaakt. De ontvanger kan haar één keer ophalen.",
    )


@_vertrouwelijk
@require_POST
@pagina(LEZEN)
def downloaden(request, uuid, export_uuid, actor):
    """RP-04: the recipient fetches the CSV once; others see a missing page."""
    try:
        export, inhoud = services.haal_op(actor=actor, definitie_uuid=uuid, uuid=export_uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _detail(request, actor, uuid, fout=exc, status=exc.status)
    antwoord = HttpResponse(inhoud, content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="export-{export.uuid}.csv"'
    return antwoord


URLS: list[URLPattern] = [
    path("monitoring", overzicht, name="monitoring"),
    path("monitoring/nieuw", nieuw, name="exportdefinitie_nieuw"),
    path("monitoring/<uuid:uuid>", definitie, name="exportdefinitie"),
    path("monitoring/<uuid:uuid>/goedkeuren", goedkeuren, name="exportdefinitie_goedkeuren"),
    path("monitoring/<uuid:uuid>/intrekken", intrekken, name="exportdefinitie_intrekken"),
    path("monitoring/<uuid:uuid>/exporten", exporteren, name="export_maken"),
    path("monitoring/<uuid:uuid>/exporten/<uuid:export_uuid>", downloaden, name="export_downloaden"),
]
