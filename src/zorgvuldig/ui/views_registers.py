"""Registers pages (RG-01, RG-02, GP-02): the verwerkingsregister with the check's findings on top, one
processing activity with its versions, the DPIAs with their four steps, and the purposes.

The FG writes (`register:beheren`), the leidinggevende reads (`register:lezen`); everything is the own
controller's (AC-15), another controller's DPIA or version answers like a missing page. Reads go through
`registers.selectors`, writes through `registers.services`, which decide, audit and refuse with a Dutch
message shown at the form (the entered values kept, nothing changed). Register rows hold no personal data
of data subjects, so reading them is not logged; every change is.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.registers import policies, selectors, services
from zorgvuldig.registers.catalogus import GRONDSLAGEN
from zorgvuldig.ui import forms_registers as f
from zorgvuldig.ui.toegang import geweigerd, niet_gevonden, pagina
from zorgvuldig.ui.views_dossier import _fouten
from zorgvuldig.ui.views_vi import _post_anders_terug

LEZEN = "register:lezen"
BEHEREN = "register:beheren"
ACTIVITEIT = services.ACTIVITEIT


def _niet_zichtbaar(request, actor):
    return geweigerd(request, actor, activiteit=ACTIVITEIT)


def _status(code: str | None) -> dict | None:
    if not code:
        return None
    tekst, soort = f.DPIA_STATUSSEN.get(code, (code, "data"))
    return {"code": code, "tekst": tekst, "soort": soort}


def _doelkeuzes(actor) -> list[tuple[str, str]]:
    return [(d.code, d.omschrijving) for d in selectors.doelen(actor).filter(actief=True)]


def _omschrijvingen(actor) -> dict[str, str]:
    return {d.code: d.omschrijving for d in selectors.doelen(actor)}


def _items(versie, doelen: dict[str, str]) -> list[tuple[str, str]]:
    """RG-01's items of a version in words, in the order of the register."""
    return [
        ("Doelen", "; ".join(doelen.get(c, c) for c in versie.doelen or []) or "Nog niet ingevuld"),
        ("Over wie", versie.categorieen_betrokkenen or "Nog niet ingevuld"),
        ("Welke gegevens", versie.categorieen_gegevens or "Nog niet ingevuld"),
        ("Bijzondere persoonsgegevens", "Ja" if versie.bijzondere_categorieen else "Nee"),
        ("Ontvangers", versie.ontvangers or "Nog niet ingevuld"),
        ("Bewaartermijn", policies.leesbare_bewaartermijn(versie.bewaartermijn) or "Nog niet ingevuld"),
        ("Grondslag", GRONDSLAGEN.get(versie.grondslag, "Nog niet ingevuld")),
        (
            "Wettelijke bepaling",
            versie.grondslag_toelichting
            or (
                "Nog niet ingevuld"
                if versie.grondslag in policies.WETTELIJKE_GRONDSLAGEN
                else "Niet nodig bij deze grondslag"
            ),
        ),
        ("Beveiliging", versie.beveiliging or "Nog niet ingevuld"),
        ("Samen verantwoordelijk met", versie.gezamenlijke_verantwoordelijken or "Niemand: alleen wij"),
    ]


# --- the register with the check (RG-01) ----------------------------------------------------------------


@require_GET
@pagina(LEZEN)
def register(request, actor):
    """The verwerkingsregister of the controller: what needs attention first, then every activity."""
    vv = actor.organisatie.verwerkingsverantwoordelijke
    bevindingen = [
        {**b.als_dict(), "soort_tekst": f.BEVINDINGEN.get(b.soort, b.soort)}
        for b in selectors.controle(vv, today())
    ]
    rijen = [
        {
            "uuid": a.uuid,
            "naam": a.naam,
            "code": a.code,
            "versie": a.huidige_versie_nummer,
            "concept": a.heeft_concept,
            "dpia": _status(a.dpia_status),
            "dpia_uuid": a.dpia_uuid,
        }
        for a in selectors.activiteiten(actor)
    ]
    return render(
        request,
        "ui/registers/register.html",
        {
            "bevindingen": bevindingen,
            "rijen": rijen,
            "tab": "register",
            "vv": vv,
            "exporteren": actor.heeft(BEHEREN),
        },
    )


@never_cache
@require_GET
@pagina(BEHEREN)
def register_export(request, actor, formaat: str):
    """GDPR art 30(4): the FG downloads the current approved register for the Autoriteit Persoonsgegevens,
    as CSV (Dutch column names) or JSON; each download is audited."""
    if formaat not in ("csv", "json"):
        return niet_gevonden(request)
    export = services.exporteer_register(actor=actor)
    if formaat == "csv":
        antwoord = HttpResponse(services.register_als_csv(export), content_type="text/csv; charset=utf-8")
    else:
        antwoord = HttpResponse(
            json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    antwoord["Content-Disposition"] = f'attachment; filename="{services.export_bestandsnaam(actor, formaat)}"'
    return antwoord


# --- one activity with its versions (RG-01) ---------------------------------------------------------------


def _activiteit_pagina(request, actor, uuid, form=None, fout=None, status: int = 200):
    try:
        a = selectors.activiteit_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    versies = list(selectors.versies(actor, a))
    huidig = next((v for v in versies if v.status == "goedgekeurd"), None)
    concept = next((v for v in versies if v.status == "concept"), None)
    doelen = _omschrijvingen(actor)
    mag = actor.heeft(BEHEREN)
    if mag and form is None:
        start = (
            {veld: getattr(concept, veld) for veld in services.VERSIE_VELDEN}
            if concept
            else services.voorstel(a, huidig)
        )
        start["bewaartermijn"] = policies.leesbare_bewaartermijn(start["bewaartermijn"])
        form = f.VersieFormulier(initial=start, doelen=_doelkeuzes(actor), auto_id="versie_%s")
    return render(
        request,
        "ui/registers/activiteit.html",
        {
            "a": a,
            "huidig": huidig,
            "huidig_items": _items(huidig, doelen) if huidig else None,
            "concept": concept,
            "concept_items": _items(concept, doelen) if concept else None,
            "versies": versies,
            "dpia": _status(a.dpia_status),
            "form": form if mag else None,
            "mag": mag,
            "fout": fout,
            "tab": "register",
        },
        status=status,
    )


@require_GET
@pagina(LEZEN)
def activiteit(request, uuid, actor):
    return _activiteit_pagina(request, actor, uuid)


@_post_anders_terug("ui:register_activiteit")
@pagina(BEHEREN)
def versie_opslaan(request, uuid, actor):
    """RG-01: save the concept (a new version when there is none open)."""
    form = f.VersieFormulier(request.POST, doelen=_doelkeuzes(actor), auto_id="versie_%s")
    if form.is_valid():
        try:
            a = selectors.activiteit_of_404(actor, uuid)
            concept = selectors.versies(actor, a).filter(status="concept").first()
            if concept:
                services.wijzig_versie(
                    actor=actor, activiteit_uuid=uuid, versie_uuid=concept.uuid, data=form.data_voor_service()
                )
            else:
                services.maak_versie(actor=actor, activiteit_uuid=uuid, data=form.data_voor_service())
        except NotFound:
            return _niet_zichtbaar(request, actor)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "De conceptversie is opgeslagen. De FG keurt haar goed.")
            return HttpResponseRedirect(reverse("ui:register_activiteit", args=[uuid]))
    return _activiteit_pagina(request, actor, uuid, form=form, status=400)


@_post_anders_terug("ui:register_activiteit")
@pagina(BEHEREN)
def versie_goedkeuren(request, uuid, versie_uuid, actor):
    """RG-01: the FG approves the concept; it becomes the current description."""
    try:
        services.keur_versie_goed(actor=actor, activiteit_uuid=uuid, versie_uuid=versie_uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _activiteit_pagina(request, actor, uuid, fout=[exc.detail], status=400)
    messages.success(request, "De versie is goedgekeurd en geldt nu.")
    return HttpResponseRedirect(reverse("ui:register_activiteit", args=[uuid]))


# --- DPIAs (RG-02) -----------------------------------------------------------------------------------------


def _zonder_dpia(actor) -> list[tuple[str, str]]:
    return [(str(a.uuid), a.naam) for a in selectors.activiteiten(actor) if not a.dpia_uuid]


def _dpias_pagina(request, actor, form=None, status: int = 200):
    if actor.heeft(BEHEREN) and form is None:
        form = f.DpiaNieuwFormulier(activiteiten=_zonder_dpia(actor), auto_id="dpia_%s")
    vandaag = today()
    rijen = [
        {
            "uuid": d.uuid,
            "activiteit": d.verwerkingsactiviteit.naam,
            "status": _status(d.status),
            "herziendatum": d.herziendatum,
            "verlopen": policies.herziening_verlopen(d.status, d.herziendatum, vandaag),
        }
        for d in selectors.dpias(actor)
    ]
    return render(
        request,
        "ui/registers/dpias.html",
        {"rijen": rijen, "form": form if actor.heeft(BEHEREN) else None, "tab": "dpias"},
        status=status,
    )


@require_GET
@pagina(LEZEN)
def dpias(request, actor):
    return _dpias_pagina(request, actor)


@pagina(BEHEREN)
def dpia_nieuw(request, actor):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("ui:dpias"))
    form = f.DpiaNieuwFormulier(request.POST, activiteiten=_zonder_dpia(actor), auto_id="dpia_%s")
    if form.is_valid():
        try:
            d = services.maak_dpia(
                actor=actor, activiteit_uuid=form.cleaned_data["verwerkingsactiviteit"], stappen={}
            )
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "De DPIA is aangemaakt. Vul de vier stappen in.")
            return HttpResponseRedirect(reverse("ui:dpia", args=[d.uuid]))
    return _dpias_pagina(request, actor, form=form, status=400)


def _dpia_pagina(request, actor, uuid, formulieren: dict | None = None, fout=None, status: int = 200):
    try:
        d = selectors.dpia_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    formulieren = dict(formulieren or {})
    mag = actor.heeft(BEHEREN)
    if mag and policies.dpia_bewerkbaar(d.status):
        formulieren.setdefault(
            "stappen",
            f.DpiaStappenFormulier(
                initial={veld: getattr(d, veld) for veld in services.DPIA_STAP_VELDEN}, auto_id="stappen_%s"
            ),
        )
    if mag and policies.dpia_overgang_toegestaan(d.status, policies.GEADVISEERD):
        formulieren.setdefault("advies", f.AdviesFormulier(auto_id="advies_%s"))
    if mag and policies.dpia_overgang_toegestaan(d.status, policies.DPIA_GOEDGEKEURD):
        formulieren.setdefault("besluit", f.BesluitFormulier(auto_id="besluit_%s"))
    stappen = [(omschrijving, getattr(d, veld)) for veld, omschrijving in policies.DPIA_STAPPEN]
    return render(
        request,
        "ui/registers/dpia.html",
        {
            "d": d,
            "status": _status(d.status),
            "stappen": stappen,
            "verlopen": policies.herziening_verlopen(d.status, d.herziendatum, today()),
            "formulieren": formulieren,
            "mag_herzien": mag and policies.dpia_overgang_toegestaan(d.status, policies.IN_HERZIENING),
            "fout": fout,
            "tab": "dpias",
        },
        status=status,
    )


@require_GET
@pagina(LEZEN)
def dpia(request, uuid, actor):
    return _dpia_pagina(request, actor, uuid)


def _dpia_actie(request, actor, uuid, sleutel: str, form, uitvoeren, melding: str):
    try:
        selectors.dpia_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    if form is None or form.is_valid():
        try:
            uitvoeren(form)
        except NotFound:
            return _niet_zichtbaar(request, actor)
        except DomainError as exc:
            if form is None:
                return _dpia_pagina(request, actor, uuid, fout=[exc.detail], status=400)
            _fouten(form, exc)
        else:
            messages.success(request, melding)
            return HttpResponseRedirect(reverse("ui:dpia", args=[uuid]))
    return _dpia_pagina(request, actor, uuid, {sleutel: form}, status=400)


@_post_anders_terug("ui:dpia")
@pagina(BEHEREN)
def dpia_stappen(request, uuid, actor):
    return _dpia_actie(
        request,
        actor,
        uuid,
        "stappen",
        f.DpiaStappenFormulier(request.POST, auto_id="stappen_%s"),
        lambda form: services.wijzig_dpia(actor=actor, uuid=uuid, stappen=dict(form.cleaned_data)),
        "De stappen zijn opgeslagen.",
    )


@_post_anders_terug("ui:dpia")
@pagina(BEHEREN)
def dpia_adviseren(request, uuid, actor):
    return _dpia_actie(
        request,
        actor,
        uuid,
        "advies",
        f.AdviesFormulier(request.POST, auto_id="advies_%s"),
        lambda form: services.adviseer_dpia(actor=actor, uuid=uuid, advies=form.cleaned_data["advies"]),
        "Uw advies is vastgelegd.",
    )


@_post_anders_terug("ui:dpia")
@pagina(BEHEREN)
def dpia_goedkeuren(request, uuid, actor):
    return _dpia_actie(
        request,
        actor,
        uuid,
        "besluit",
        f.BesluitFormulier(request.POST, auto_id="besluit_%s"),
        lambda form: services.keur_dpia_goed(
            actor=actor,
            uuid=uuid,
            besluit_door=form.cleaned_data["besluit_door"],
            besluitdatum=form.cleaned_data.get("besluitdatum"),
            herziendatum=form.cleaned_data.get("herziendatum"),
        ),
        "Het besluit is vastgelegd. De DPIA is goedgekeurd.",
    )


@_post_anders_terug("ui:dpia")
@pagina(BEHEREN)
def dpia_herzien(request, uuid, actor):
    return _dpia_actie(
        request,
        actor,
        uuid,
        "",
        None,
        lambda _form: services.herzie_dpia(actor=actor, uuid=uuid),
        "De herziening is gestart. Pas de stappen aan en vraag opnieuw advies.",
    )


# --- purposes (GP-02) --------------------------------------------------------------------------------------


def _doelen_pagina(request, actor, form=None, fout=None, status: int = 200):
    mag = actor.heeft(BEHEREN)
    if mag and form is None:
        form = f.DoelFormulier(auto_id="doel_%s")
    rijen = [
        {
            "uuid": d.uuid,
            "code": d.code,
            "omschrijving": d.omschrijving,
            "meegeleverd": d.verwerkingsverantwoordelijke_id is None,
            "grondslagen": ", ".join(
                GRONDSLAGEN[g]
                for g in sorted(set(d.grondslagen) | {a.grondslag for a in d.activiteiten.all()})
            ),
        }
        for d in selectors.doelen(actor).prefetch_related("activiteiten")
    ]
    return render(
        request,
        "ui/registers/doelen.html",
        {"rijen": rijen, "form": form if mag else None, "mag": mag, "fout": fout, "tab": "doelen"},
        status=status,
    )


@require_GET
@pagina(LEZEN)
def doelen(request, actor):
    return _doelen_pagina(request, actor)


@pagina(BEHEREN)
def doel_nieuw(request, actor):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("ui:register_doelen"))
    form = f.DoelFormulier(request.POST, auto_id="doel_%s")
    if form.is_valid():
        try:
            services.voeg_doel_toe(
                actor=actor,
                code=form.cleaned_data["code"],
                omschrijving=form.cleaned_data["omschrijving"],
                grondslagen=form.cleaned_data["grondslagen"],
            )
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "Het doel is toegevoegd.")
            return HttpResponseRedirect(reverse("ui:register_doelen"))
    return _doelen_pagina(request, actor, form=form, status=400)


@pagina(BEHEREN)
def doel_verwijderen(request, uuid, actor):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("ui:register_doelen"))
    try:
        services.verwijder_doel(actor=actor, uuid=uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _doelen_pagina(request, actor, fout=[exc.detail], status=400)
    messages.success(request, "Het doel is verwijderd.")
    return HttpResponseRedirect(reverse("ui:register_doelen"))


URLS: list[URLPattern] = [
    path("registers", register, name="registers"),
    path("registers/verwerkingsregister.<str:formaat>", register_export, name="register_export"),
    path("registers/activiteiten/<uuid:uuid>", activiteit, name="register_activiteit"),
    path("registers/activiteiten/<uuid:uuid>/versie", versie_opslaan, name="register_versie_opslaan"),
    path(
        "registers/activiteiten/<uuid:uuid>/versies/<uuid:versie_uuid>/goedkeuren",
        versie_goedkeuren,
        name="register_versie_goedkeuren",
    ),
    path("registers/dpias", dpias, name="dpias"),
    path("registers/dpias/nieuw", dpia_nieuw, name="dpia_nieuw"),
    path("registers/dpias/<uuid:uuid>", dpia, name="dpia"),
    path("registers/dpias/<uuid:uuid>/stappen", dpia_stappen, name="dpia_stappen"),
    path("registers/dpias/<uuid:uuid>/adviseren", dpia_adviseren, name="dpia_adviseren"),
    path("registers/dpias/<uuid:uuid>/goedkeuren", dpia_goedkeuren, name="dpia_goedkeuren"),
    path("registers/dpias/<uuid:uuid>/herzien", dpia_herzien, name="dpia_herzien"),
    path("registers/doelen", doelen, name="register_doelen"),
    path("registers/doelen/nieuw", doel_nieuw, name="register_doel_nieuw"),
    path("registers/doelen/<uuid:uuid>/verwijderen", doel_verwijderen, name="register_doel_verwijderen"),
]
