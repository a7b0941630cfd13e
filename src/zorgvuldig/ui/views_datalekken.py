"""Data-breach pages (RG-03): the register with the 72-hour clock, a new breach, and one breach with its
scope, the search for affected persons, the assessment, the decision to notify, informing the data
subjects (GDPR art 34) and closing.

Thin, like the other pages: reads go through `datalekken.selectors` (the FG: the controller's register;
the leidinggevende: the own organisation's, read only), writes through `datalekken.services`, which
decide, audit and refuse with a Dutch message shown at the form, the entered values kept. The clock is
worked out when the page is shown (RT-12). The affected persons are shown by name to the FG only, on the
page that answers the search (a POST), never in a URL; only their counts are stored.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zorgvuldig.audit import services as audit
from zorgvuldig.convenanten.policies import MODULES
from zorgvuldig.core.clock import AMSTERDAM, now
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.datalekken import policies, selectors, services
from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Verwerkingsverantwoordelijke
from zorgvuldig.ui import forms_datalekken as f
from zorgvuldig.ui.toegang import geweigerd, pagina
from zorgvuldig.ui.views_dossier import _fouten
from zorgvuldig.ui.views_vi import _post_anders_terug

LEZEN = selectors.LEZEN
BEHEREN = selectors.BEHEREN
ACTIVITEIT = services.ACTIVITEIT
MAX_RIJEN = 500  # per list of affected persons, records, recipients on the page


def _vertrouwelijk(view):
    """Breach records hold free text (and the search answers names): never kept by a browser or proxy."""
    return functools.wraps(view)(never_cache(view))


def _niet_zichtbaar(request, actor):
    return geweigerd(request, actor, activiteit=ACTIVITEIT)


def _badge(paar: tuple[str, str]) -> dict:
    return {"tekst": paar[0], "soort": paar[1]}


def _klok(d, nu) -> dict:
    k = policies.klok(d.ontdekt_op, d.status, nu, d.besloten_op, settings.BREACH_NOTIFY_HOURS)
    uren = k.resterende_uren
    if k.stand == policies.GESTOPT:
        tekst = "Op tijd besloten" if k.op_tijd else "Besloten na de termijn van 72 uur"
    elif uren >= 0:
        tekst = f"Nog {uren} uur" if uren != 1 else "Nog 1 uur"
    else:
        tekst = f"{int((-k.resterend).total_seconds() // 3600)} uur te laat"
    return {
        "stand": k.stand,
        "badge": _badge(f.KLOKSTANDEN[k.stand]),
        "tekst": tekst,
        "deadline": k.deadline.astimezone(AMSTERDAM),
        "dringend": k.stand in (policies.ALERT_24, policies.ALERT_48, policies.VERLOPEN),
    }


def _rij(d, nu) -> dict:
    return {
        "uuid": d.uuid,
        "nummer": str(d.uuid)[:8],
        "ontdekt_op": d.ontdekt_op.astimezone(AMSTERDAM),
        "status": _badge(f.STATUSSEN[d.status]),
        "risico": f.RISICOS.get(d.risico, "Nog niet beoordeeld"),
        "klok": _klok(d, nu),
        "omschrijving": selectors.inhoud(d)["omschrijving"],
    }


def _log(actor, rij=None, aantal: int | None = None) -> None:
    audit.record(
        actor=actor,
        actie="datalek.ingezien",
        activiteit=ACTIVITEIT,
        object=rij,
        velden=["omschrijving", "gegevens", "betrokkenen", "maatregelen", "besluit", "informering"],
        koppeling={"aantal": aantal} if aantal is not None else None,
    )


# --- the register ---------------------------------------------------------------------------------------


@_vertrouwelijk
@require_GET
@pagina(LEZEN)
def lijst(request, actor):
    """The register, the most recent discovery first, each with its clock (RT-12)."""
    nu = now()
    with transaction.atomic():
        rijen = [_rij(d, nu) for d in selectors.zichtbaar(actor).order_by("-ontdekt_op", "-id")[:200]]
        _log(actor, aantal=len(rijen))
    return render(
        request,
        "ui/datalekken/lijst.html",
        {"rijen": rijen, "mag_beheren": selectors.is_fg(actor), "uren": settings.BREACH_NOTIFY_HOURS},
    )


def _verantwoordelijken() -> list[tuple[str, str]]:
    return [(str(v.uuid), v.naam) for v in Verwerkingsverantwoordelijke.objects.order_by("naam")]


@_vertrouwelijk
@require_http_methods(["GET", "POST"])
@pagina(BEHEREN)
def nieuw(request, actor):
    """RG-03: the FG records a breach; the clock starts at the moment of discovery."""
    keuzes = _verantwoordelijken()
    form = f.DatalekFormulier(request.POST or None, verantwoordelijken=keuzes, auto_id="datalek_%s")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data: dict[str, Any] = {k: d.get(k) or "" for k in services.TEKSTVELDEN}
        data["ontdekt_op"] = d["ontdekt_op"]
        data["aantal_betrokkenen"] = d.get("aantal_betrokkenen")
        data["risico"] = d.get("risico") or ""
        data["module"] = d.get("module") or ""
        if d.get("melder"):
            data["melder"] = Verwerkingsverantwoordelijke.objects.filter(uuid=d["melder"]).first()
        try:
            rij = services.registreer(actor=actor, data=data)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "Het datalek is vastgelegd. De termijn van 72 uur loopt.")
            return HttpResponseRedirect(reverse("ui:datalek", args=[rij.uuid]))
    return render(request, "ui/datalekken/nieuw.html", {"form": form}, status=400 if form.is_bound else 200)


# --- one breach -----------------------------------------------------------------------------------------


def _afbakening_formulier(actor, data=None, rij=None) -> f.AfbakeningFormulier:
    accounts = [
        (str(g.uuid), f"{g.naam} ({g.email})")
        for g in Gebruiker.objects.filter(
            organisatie__verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id
        ).order_by("naam")
    ]
    organisaties = [(str(o.uuid), o.naam) for o in Organisatie.objects.order_by("naam")]
    initial = {}
    if rij is not None and rij.afbakening_vanaf:
        initial = {
            "account": str(rij.afbakening_account.uuid) if rij.afbakening_account_id else "",
            "vanaf": rij.afbakening_vanaf.astimezone(AMSTERDAM).replace(tzinfo=None),
            "tot": rij.afbakening_tot.astimezone(AMSTERDAM).replace(tzinfo=None),
            "ontvanger": str(rij.afbakening_ontvanger.uuid) if rij.afbakening_ontvanger_id else "",
        }
    return f.AfbakeningFormulier(
        data, initial=initial, accounts=accounts, organisaties=organisaties, auto_id="afbakening_%s"
    )


def _context(actor, uuid, formulieren: dict, getroffen=None) -> dict:
    d = selectors.lees_of_404(actor, uuid)
    nu = now()
    tekst = selectors.inhoud(d)
    fg = selectors.is_fg(actor)
    if fg and d.status in policies.WIJZIGBAAR:
        formulieren.setdefault("afbakening", _afbakening_formulier(actor, rij=d))
    if fg and d.status == policies.ONTDEKT:
        formulieren.setdefault(
            "beoordelen", f.BeoordelenFormulier(initial={"risico": d.risico}, auto_id="beoordelen_%s")
        )
    if fg and d.status == policies.BEOORDEELD:
        formulieren.setdefault("besluiten", f.BesluitFormulier(auto_id="besluit_%s"))
    if fg and policies.informeren_staat_fout(d.status, d.geinformeerd_op is not None) is None:
        formulieren.setdefault("informeren", f.InformerenFormulier(auto_id="informeren_%s"))
    _log(actor, d)
    return {
        "d": d,
        "module": MODULES.get(d.module, d.module),
        "rij": _rij(d, nu),
        "tekst": tekst,
        "fg": fg,
        "formulieren": formulieren,
        "mag_afsluiten": fg and policies.mag_overgaan(d.status, policies.GESLOTEN),
        # GDPR art 34: closing waits for the informing the decision promised (the service refuses too)
        "eerst_informeren": policies.sluiten_fout(d.betrokkenen_informeren, d.geinformeerd_op is not None)
        is not None,
        "mag_zoeken": fg and d.afbakening_vanaf is not None,
        "afbakening": {
            "account": d.afbakening_account.naam if d.afbakening_account is not None else "",
            "vanaf": d.afbakening_vanaf.astimezone(AMSTERDAM) if d.afbakening_vanaf else None,
            "tot": d.afbakening_tot.astimezone(AMSTERDAM) if d.afbakening_tot else None,
            "ontvanger": d.afbakening_ontvanger.naam if d.afbakening_ontvanger is not None else "",
        },
        "analyse": d.analyse or None,
        "getroffen": _getroffen(getroffen) if getroffen is not None else None,
        "besluit": {
            "melden": d.melden,
            "informeren": d.betrokkenen_informeren,
            "reden": tekst["reden"],
            "gemeld_op": d.gemeld_op.astimezone(AMSTERDAM) if d.gemeld_op else None,
        }
        if d.besloten_op
        else None,
        "informering": {
            "datum": d.geinformeerd_op,
            "wijze": f.WIJZEN.get(d.informeren_wijze, d.informeren_wijze),
            "aantal": d.aantal_geinformeerd,
            "toelichting": tekst["informeren_toelichting"],
        }
        if d.geinformeerd_op
        else None,
        "uren": settings.BREACH_NOTIFY_HOURS,
    }


def _getroffen(g: selectors.Getroffen) -> dict:
    return {
        "aantallen": g.tellingen(),
        # RG-03, GDPR art 34: who could not be named, and how the FG can still reach them
        "niet_herleidbaar": [
            {"aantal": n, "uitleg": selectors.NIET_HERLEIDBAAR[reden]}
            for reden, n in sorted(g.waarom.items())
        ],
        "personen": g.personen[:MAX_RIJEN],
        "records": [
            {
                "soort": f.RECORDSOORTEN.get(r["type"], r["type"]),
                "nummer": r["uuid"][:8],
                "aantal": r["aantal"],
            }
            for r in g.records[:MAX_RIJEN]
        ],
        "ontvangers": g.ontvangers[:MAX_RIJEN],
        "afgekapt": any(len(x) > MAX_RIJEN for x in (g.personen, g.records, g.ontvangers)),
        "max": MAX_RIJEN,
    }


def _pagina(
    request, actor, uuid, formulieren: dict | None = None, status: int = 200, getroffen=None, fout=None
):
    try:
        with transaction.atomic():
            ctx = _context(actor, uuid, dict(formulieren or {}), getroffen)
        if fout is not None:
            ctx["fout"] = [fout.detail, *[p.reason for p in fout.invalid_params if p.reason != fout.detail]]
    except NotFound:
        return _niet_zichtbaar(request, actor)
    return render(request, "ui/datalekken/datalek.html", ctx, status=status)


@_vertrouwelijk
@require_GET
@pagina(LEZEN)
def datalek(request, uuid, actor):
    return _pagina(request, actor, uuid)


def _actie(view):
    return _vertrouwelijk(_post_anders_terug("ui:datalek")(pagina(BEHEREN)(view)))


def _verwerk(request, actor, uuid, sleutel: str, form, uitvoeren, melding: str):
    try:
        selectors.lees_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    if form is None or form.is_valid():
        try:
            uitvoeren(form)
        except NotFound:
            return _niet_zichtbaar(request, actor)
        except DomainError as exc:
            if form is None:
                return _pagina(request, actor, uuid, status=409 if exc.status == 409 else 400, fout=exc)
            _fouten(form, exc)
        else:
            messages.success(request, melding)
            return HttpResponseRedirect(reverse("ui:datalek", args=[uuid]))
    return _pagina(request, actor, uuid, {sleutel: form}, 400)


@_actie
def afbakening(request, uuid, actor):
    form = _afbakening_formulier(actor, request.POST)

    def uitvoeren(form):
        d = form.cleaned_data
        services.wijzig(
            actor=actor,
            uuid=uuid,
            data={
                "afbakening": {
                    "account": Gebruiker.objects.select_related("organisatie")
                    .filter(uuid=d["account"])
                    .first()
                    if d.get("account")
                    else None,
                    "vanaf": d["vanaf"],
                    "tot": d["tot"],
                    "ontvanger": Organisatie.objects.filter(uuid=d["ontvanger"]).first()
                    if d.get("ontvanger")
                    else None,
                }
            },
        )

    return _verwerk(request, actor, uuid, "afbakening", form, uitvoeren, "De afbakening is vastgelegd.")


@_actie
def analyseren(request, uuid, actor):
    """Search the log and the disclosure register; the answer (with names) only on this page."""
    try:
        selectors.lees_of_404(actor, uuid)
        uitkomst = services.analyseer(actor=actor, uuid=uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _pagina(request, actor, uuid, status=400, fout=exc)
    return _pagina(request, actor, uuid, getroffen=uitkomst)


@_actie
def beoordelen(request, uuid, actor):
    form = f.BeoordelenFormulier(request.POST, auto_id="beoordelen_%s")
    return _verwerk(
        request,
        actor,
        uuid,
        "beoordelen",
        form,
        lambda form: services.beoordeel(
            actor=actor,
            uuid=uuid,
            risico=form.cleaned_data["risico"],
            maatregelen=form.cleaned_data.get("maatregelen") or None,
        ),
        "Het datalek is beoordeeld.",
    )


@_actie
def besluiten(request, uuid, actor):
    form = f.BesluitFormulier(request.POST, auto_id="besluit_%s")
    return _verwerk(
        request,
        actor,
        uuid,
        "besluiten",
        form,
        lambda form: services.besluit(
            actor=actor,
            uuid=uuid,
            melden=form.cleaned_data["melden"] == "ja",
            betrokkenen_informeren=form.cleaned_data["informeren"] == "ja",
            reden=form.cleaned_data.get("reden") or "",
            gemeld_op=form.cleaned_data.get("gemeld_op"),
            ap_kenmerk=form.cleaned_data.get("ap_kenmerk") or "",
        ),
        "Het besluit is vastgelegd. De klok is gestopt.",
    )


@_actie
def informeren(request, uuid, actor):
    """GDPR art 34: record that the data subjects were informed (after the decision, before closing)."""
    form = f.InformerenFormulier(request.POST, auto_id="informeren_%s")
    return _verwerk(
        request,
        actor,
        uuid,
        "informeren",
        form,
        lambda form: services.informeer(
            actor=actor,
            uuid=uuid,
            datum=form.cleaned_data["datum"],
            wijze=form.cleaned_data["wijze"],
            aantal=form.cleaned_data["aantal"],
            toelichting=form.cleaned_data.get("toelichting") or "",
        ),
        "Vastgelegd dat de betrokkenen zijn geïnformeerd.",
    )


@_actie
def afsluiten(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "afsluiten",
        None,
        lambda _: services.sluit(actor=actor, uuid=uuid),
        "Het datalek is afgesloten.",
    )


URLS: list[URLPattern] = [
    path("datalekken", lijst, name="datalekken"),
    path("datalekken/nieuw", nieuw, name="datalek_nieuw"),
    path("datalekken/<uuid:uuid>", datalek, name="datalek"),
    path("datalekken/<uuid:uuid>/afbakening", afbakening, name="datalek_afbakening"),
    path("datalekken/<uuid:uuid>/zoeken", analyseren, name="datalek_analyseren"),
    path("datalekken/<uuid:uuid>/beoordelen", beoordelen, name="datalek_beoordelen"),
    path("datalekken/<uuid:uuid>/besluiten", besluiten, name="datalek_besluiten"),
    path("datalekken/<uuid:uuid>/informeren", informeren, name="datalek_informeren"),
    path("datalekken/<uuid:uuid>/afsluiten", afsluiten, name="datalek_afsluiten"),
]
