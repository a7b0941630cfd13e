"""Pages of convenants and agreements (SPEC §12: RG-04, RG-05, RG-06) for the FG and the beheerder.

Convenants: the list, a new one, and the convenant page with its nine items (a)–(i), the joint-controller
arrangement, the accessions, and — for the beheerder and the FG — editing while it is a concept (the
arrangement also while it is active), activating (refused with the empty items named), ending, and
recording an accession or its end (VI-25). Agreements: the own controller's processor agreements and
written mandates with their validity (derived from the dates, RT-12) and a warning when one ends within
60 days; the FG records and changes processor agreements, mandates are kept with the user.

Thin like the other pages: reads through `convenanten.selectors`, writes through `convenanten.services`,
which decide, audit and refuse with a Dutch reason shown at the form; a refusal changes nothing.
Configuration and organisational data only, no client content.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zorgvuldig.convenanten import policies, selectors, services
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.organisaties.models import Organisatie, Verwerkingsverantwoordelijke
from zorgvuldig.ui import forms_overeenkomsten as f
from zorgvuldig.ui.toegang import geweigerd, niet_gevonden, pagina
from zorgvuldig.ui.views_dossier import _fouten

LEZEN = "register:lezen"
CONVENANT_LEZEN = "register:lezen|convenant:beheren"
CONVENANT_BEHEREN = "convenant:beheren"
REGISTER_BEHEREN = "register:beheren"


def _status(code: str, tabel: dict) -> dict:
    tekst, soort = tabel.get(code, (code, "data"))
    return {"code": code, "tekst": tekst, "soort": soort}


# --- convenants (RG-04, RG-05) ---------------------------------------------------------------------------


def _controllers():
    return Verwerkingsverantwoordelijke.objects.order_by("naam")


def _terug(uuid) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("ui:convenant", args=[uuid]))


@require_GET
@pagina(CONVENANT_LEZEN)
def convenanten(request, actor):
    rijen = [
        {
            "c": c,
            "status": _status(c.status, f.STATUSSEN),
            "deelnemers": len(selectors.deelnemers(c)),
            "ontbreekt": len(policies.ontbrekende_onderdelen(c.inhoud())),
        }
        for c in selectors.convenanten()
    ]
    return render(
        request,
        "ui/overeenkomsten/convenanten.html",
        {"rijen": rijen, "beheer": actor.heeft(CONVENANT_BEHEREN)},
    )


@require_http_methods(["GET", "POST"])
@pagina(CONVENANT_BEHEREN)
def convenant_nieuw(request, actor):
    form = f.ConvenantFormulier(request.POST or None, controllers=_controllers(), nieuw=True)
    if request.method == "POST" and form.is_valid():
        try:
            c = services.maak_convenant(actor=actor, data=form.data_voor_service())
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(
                request,
                f"'{c.naam}' is opgeslagen als concept. Vul alle onderdelen (a) tot en met (i) in en maak "
                "het convenant daarna actief.",
            )
            return _terug(c.uuid)
    return render(
        request,
        "ui/overeenkomsten/convenant_nieuw.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def _leeg_gemaakt(fout: DomainError | None) -> list[str]:
    """The empty items of a refused activation, as Dutch labels (RG-04)."""
    if fout is None or fout.code != "E_RG_CONVENANT_INCOMPLETE":
        return []
    sleutels = [p.name.removeprefix("inhoud.") for p in fout.invalid_params]
    return [f.ONDERDEEL_LABELS.get(s, s) for s in sleutels]


def _convenant_pagina(
    request, actor, c, *, form=None, toetreding_form=None, einde_forms=None, fout=None, status=200
):
    beheer = actor.heeft(CONVENANT_BEHEREN)
    vandaag = today()
    bewerkbaar = beheer and policies.wijziging_toegestaan(c.status, alleen_regeling=True)
    alleen_regeling = c.status != policies.CONCEPT
    if bewerkbaar and form is None:
        form = f.ConvenantFormulier(
            None, initial=f.beginwaarden(c), controllers=_controllers(), alleen_regeling=alleen_regeling
        )
    regeling = c.regeling()
    melder = regeling["melderDatalekken"]
    leeg = policies.ontbrekende_onderdelen(c.inhoud())
    regeling_leeg = policies.regeling_ontbrekend(regeling)
    toetredingen = []
    for t in selectors.toetredingen(c):
        afgelopen = policies.toetreding_wijziging_fout(huidig_tot=t.tot, vandaag=vandaag) is not None
        toetredingen.append(
            {
                "t": t,
                "lopend": selectors.lopend(t, vandaag),
                "kan_beeindigen": beheer and not afgelopen,
                "form": (einde_forms or {}).get(str(t.uuid))
                or f.EinddatumFormulier(initial={"einddatum": t.tot}, auto_id=f"einde_{t.uuid}_%s"),
            }
        )
    if beheer and c.status != policies.BEEINDIGD and toetreding_form is None:
        toetreding_form = f.ToetredingFormulier(organisaties=Organisatie.objects.order_by("naam"))
    return render(
        request,
        "ui/overeenkomsten/convenant.html",
        {
            "c": c,
            "status": _status(c.status, f.STATUSSEN),
            "onderdelen": [(f.ONDERDEEL_LABELS[k], v, k in leeg) for k, v in c.inhoud().items()],
            "leeg": [f.ONDERDEEL_LABELS[k] for k in leeg],
            "regeling": [
                (
                    f.REGELING_LABELS["modules"],
                    ", ".join(policies.MODULES.get(m, m) for m in regeling["modules"]),
                ),
                *[(f.REGELING_LABELS[k], regeling[k]) for k in f.ConvenantFormulier.REGELING_TEKST[:2]],
                (f.REGELING_LABELS["melderDatalekken"], melder.naam if melder else ""),
                *[(f.REGELING_LABELS[k], regeling[k]) for k in f.ConvenantFormulier.REGELING_TEKST[2:]],
            ],
            "regeling_leeg": [f.REGELING_LABELS[k] for k in regeling_leeg],
            "toetredingen": toetredingen,
            "beheer": beheer,
            "form": form if bewerkbaar else None,
            "alleen_regeling": alleen_regeling,
            "toetreding_form": toetreding_form,
            "fout": fout,
            "fout_leeg": _leeg_gemaakt(fout),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@pagina(CONVENANT_LEZEN)
def convenant(request, uuid, actor):
    try:
        c = selectors.convenant_of_404(uuid)
    except NotFound:
        return niet_gevonden(request)
    if request.method == "GET":
        return _convenant_pagina(request, actor, c)
    if not actor.heeft(CONVENANT_BEHEREN):
        return geweigerd(request, actor, "E_AC_NOT_AUTHORISED", activiteit=services.ACTIVITEIT)
    form = f.ConvenantFormulier(
        request.POST, controllers=_controllers(), alleen_regeling=c.status != policies.CONCEPT
    )
    if form.is_valid():
        try:
            services.wijzig_convenant(actor=actor, uuid=c.uuid, data=form.data_voor_service())
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen.")
            return _terug(c.uuid)
    return _convenant_pagina(request, actor, selectors.convenant_of_404(uuid), form=form, status=400)


def _knop(request, actor, uuid, service, melding: str):
    try:
        c = selectors.convenant_of_404(uuid)
    except NotFound:
        return niet_gevonden(request)
    try:
        service(actor=actor, convenant=c)
    except DomainError as exc:
        return _convenant_pagina(request, actor, selectors.convenant_of_404(uuid), fout=exc, status=400)
    messages.success(request, melding)
    return _terug(c.uuid)


@require_POST
@pagina(CONVENANT_BEHEREN)
def convenant_activeren(request, uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        services.activeer,
        "Het convenant is actief. Organisaties die zijn toegetreden, kunnen nu meedoen (AC-01).",
    )


@require_POST
@pagina(CONVENANT_BEHEREN)
def convenant_beeindigen(request, uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        services.beeindig,
        "Het convenant is beëindigd. Organisaties kunnen op grond van dit convenant niet meer meedoen.",
    )


@require_POST
@pagina(CONVENANT_BEHEREN)
def convenant_toetreding(request, uuid, actor):
    try:
        c = selectors.convenant_of_404(uuid)
    except NotFound:
        return niet_gevonden(request)
    form = f.ToetredingFormulier(request.POST, organisaties=Organisatie.objects.order_by("naam"))
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.voeg_toetreding_toe(
                actor=actor,
                convenant_uuid=c.uuid,
                organisatie_uuid=d["organisatie"],
                datum=d["datum"],
                einddatum=d.get("einddatum"),
            )
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "De toetreding is vastgelegd.")
            return _terug(c.uuid)
    return _convenant_pagina(request, actor, c, toetreding_form=form, status=400)


@require_POST
@pagina(CONVENANT_BEHEREN)
def toetreding_beeindigen(request, uuid, toetreding_uuid, actor):
    try:
        c = selectors.convenant_of_404(uuid)
        t = selectors.toetreding_of_404(c, toetreding_uuid)
    except NotFound:
        return niet_gevonden(request)
    form = f.EinddatumFormulier(request.POST, auto_id=f"einde_{t.uuid}_%s")
    fout = None
    if form.is_valid():
        try:
            services.beeindig_toetreding(
                actor=actor, convenant_uuid=c.uuid, uuid=t.uuid, einddatum=form.cleaned_data["einddatum"]
            )
        except DomainError as exc:
            _fouten(form, exc)
            # an ended accession shows no form any more: its refusal goes on top of the page
            fout = exc if exc.code != "E_INVALID_INPUT" else None
        else:
            messages.success(
                request,
                f"De einddatum van {t.organisatie.naam} is vastgelegd. De beheerder van de verwijsindex ziet "
                "welke signalen moeten worden overgedragen (VI-25).",
            )
            return _terug(c.uuid)
    return _convenant_pagina(request, actor, c, einde_forms={str(t.uuid): form}, fout=fout, status=400)


# --- agreements (RG-06) ----------------------------------------------------------------------------------


def _overeenkomst_rij(o: selectors.Overeenkomst) -> dict:
    return {
        "o": o,
        "soort": f.SOORTEN.get(o.soort, o.soort),
        "geldigheid": _status(o.geldigheid, f.GELDIGHEDEN),
    }


@require_GET
@pagina(LEZEN)
def overeenkomsten(request, actor):
    filter_form = f.OvereenkomstFilter(request.GET or None, auto_id="filter_%s")
    d = filter_form.cleaned_data if filter_form.is_valid() else {}
    rijen = selectors.overeenkomsten(
        actor, soort=d.get("soort") or None, geldigheid=d.get("geldigheid") or None
    )
    return render(
        request,
        "ui/overeenkomsten/overeenkomsten.html",
        {
            "filter": filter_form,
            "rijen": [_overeenkomst_rij(o) for o in rijen],
            "binnenkort": sum(1 for o in rijen if o.verloopt_binnenkort),
            "dagen": policies.WAARSCHUWING_DAGEN,
            "beheer": actor.heeft(REGISTER_BEHEREN),
        },
        status=400 if filter_form.is_bound and filter_form.errors else 200,
    )


def _overeenkomst_data(form) -> dict:
    d = form.cleaned_data
    return {
        "partij": d["partij"],
        "reikwijdte": d["reikwijdte"],
        "geldig_vanaf": d["geldig_vanaf"],
        "geldig_tot": d.get("geldig_tot"),
    }


@require_http_methods(["GET", "POST"])
@pagina(REGISTER_BEHEREN)
def overeenkomst_nieuw(request, actor):
    form = f.OvereenkomstFormulier(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            o = services.maak_overeenkomst(actor=actor, **_overeenkomst_data(form))
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "De verwerkersovereenkomst is vastgelegd.")
            return HttpResponseRedirect(reverse("ui:overeenkomst", args=[o.uuid]))
    return render(
        request,
        "ui/overeenkomsten/overeenkomst_nieuw.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@pagina(LEZEN)
def overeenkomst(request, uuid, actor):
    try:
        o = selectors.overeenkomst_of_404(actor, uuid)
    except NotFound:
        return niet_gevonden(request)
    beheer = actor.heeft(REGISTER_BEHEREN) and o.bewerkbaar
    form = None
    status = 200
    if request.method == "POST":
        if not beheer:
            return geweigerd(request, actor, "E_AC_NOT_AUTHORISED", activiteit=services.ACTIVITEIT_REGISTER)
        form = f.OvereenkomstFormulier(request.POST)
        if form.is_valid():
            try:
                services.wijzig_overeenkomst(actor=actor, uuid=o.uuid, data=_overeenkomst_data(form))
            except NotFound:
                return niet_gevonden(request)
            except DomainError as exc:
                _fouten(form, exc)
            else:
                messages.success(request, "De wijzigingen zijn opgeslagen.")
                return HttpResponseRedirect(reverse("ui:overeenkomst", args=[o.uuid]))
        status = 400
    elif beheer:
        form = f.OvereenkomstFormulier(
            initial={
                "partij": o.partij,
                "reikwijdte": o.reikwijdte,
                "geldig_vanaf": o.geldig_vanaf,
                "geldig_tot": o.geldig_tot,
            }
        )
    return render(
        request,
        "ui/overeenkomsten/overeenkomst.html",
        {**_overeenkomst_rij(o), "form": form, "dagen": policies.WAARSCHUWING_DAGEN},
        status=status,
    )


C = "registers/convenanten/<uuid:uuid>"
# ui/urls.py includes these (app_name "ui").
URLS: list[URLPattern] = [
    path("registers/convenanten", convenanten, name="convenanten"),
    path("registers/convenanten/nieuw", convenant_nieuw, name="convenant_nieuw"),
    path(C, convenant, name="convenant"),
    path(f"{C}/activeren", convenant_activeren, name="convenant_activeren"),
    path(f"{C}/beeindigen", convenant_beeindigen, name="convenant_beeindigen"),
    path(f"{C}/toetredingen", convenant_toetreding, name="convenant_toetreding"),
    path(f"{C}/toetredingen/<uuid:toetreding_uuid>", toetreding_beeindigen, name="toetreding_beeindigen"),
    path("registers/overeenkomsten", overeenkomsten, name="overeenkomsten"),
    path("registers/overeenkomsten/nieuw", overeenkomst_nieuw, name="overeenkomst_nieuw"),
    path("registers/overeenkomsten/<uuid:uuid>", overeenkomst, name="overeenkomst"),
]
