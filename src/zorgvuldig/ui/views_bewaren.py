"""Pages of retention and destruction (SPEC §10, "Bewaren"): the retention rows with their state, one row
with its rule, decision and holds (extension RT-02, holds RT-07), the destruction lists judged per item and
approved by the leidinggevende and the FG (RT-13), and the tombstones with the sweeps (RT-03, RT-09).

Thin, like the other pages: every read goes through `bewaren.selectors` (the own organisation; the FG the
whole controller) and every write through `bewaren.services`, which decide, audit and refuse with a Dutch
message that is shown at the form, the entered values kept; a refused step changes nothing. These pages
show what a record is (its type, rule and dates), never its content (SPEC §10 "Visible"): the free text
of a decision or a hold only to those who may extend or hold, so the technical beheerder sees none. Every
page that shows rows writes one audit entry in the same transaction (AU-01). A row or list the user may
not see answers with the same 404 page as a missing one.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zorgvuldig.audit import services as audit
from zorgvuldig.bewaren import policies, selectors, services
from zorgvuldig.core import crypto
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.organisaties.models import Gebruiker, Organisatie
from zorgvuldig.ui import forms_bewaren as f
from zorgvuldig.ui.toegang import geweigerd, pagina
from zorgvuldig.ui.views_dossier import _fouten
from zorgvuldig.ui.views_vi import _post_anders_terug

INZIEN = "bewaartermijn:inzien"
VERLENGEN = "bewaartermijn:verlengen"
BLOKKEREN = "bewaartermijn:blokkeren"
GOEDKEUREN = "vernietigingslijst:goedkeuren"
TEKST = f"{VERLENGEN}|{BLOKKEREN}"  # who reads the free text of a decision or a hold
ACTIVITEIT = services.ACTIVITEIT
PER_PAGINA = 25
RONDES = 10
# Where a user who may open the record itself finds it (the page there checks access again and audits).
RECORD_PAGINA = {"dossiers.dossier": ("ui:dossier", "dossier:inzien")}


def _kenmerken(actor, termijnen) -> dict[str, str]:
    """The records' kenmerken for those who judge a destruction list (the leidinggevende, the FG; RT-13);
    the technical beheerder sees what a record is and when it goes, not which one it is (AC-06)."""
    return selectors.kenmerken(termijnen) if actor.heeft(GOEDKEUREN) else {}


def _verwijzing(t, kenmerken: dict[str, str]) -> str:
    """How the team knows the record: its kenmerk while it exists (RT-13), else the start of its number."""
    kenmerk = kenmerken.get(str(t.object_uuid))
    return f"kenmerk {kenmerk}" if kenmerk else f"nummer {str(t.object_uuid)[:8]}"


def _vertrouwelijk(view):
    """Decisions and holds carry free text: never kept by a browser or proxy."""
    return functools.wraps(view)(never_cache(view))


def _niet_zichtbaar(request, actor):
    """Missing or not visible: one page, one audit entry naming the record if it exists (AU-04)."""
    return geweigerd(request, actor, activiteit=ACTIVITEIT)


def _mag_tekst(actor) -> bool:
    return actor.heeft(TEKST)


def _datum(waarde) -> dt.date | None:
    if isinstance(waarde, dt.date):
        return waarde
    try:
        return dt.date.fromisoformat(waarde[:10]) if isinstance(waarde, str) and waarde else None
    except ValueError:
        return None


def _namen(uuids) -> dict[str, str]:
    """Staff names by uuid (decisions and approvals store the uuid)."""
    sleutels = {u for u in uuids if u}
    if not sleutels:
        return {}
    return {str(g.uuid): g.naam for g in Gebruiker.objects.filter(uuid__in=sleutels)}


def _status(code: str) -> dict:
    tekst, soort = f.STATUSSEN.get(code, (code, "data"))
    return {"code": code, "tekst": tekst, "soort": soort}


def _regels_in_woorden() -> dict[str, str]:
    """The retention rules in words with this installation's terms (read once per page)."""
    from zorgvuldig.registers.services import bewaarregels_in_woorden

    return bewaarregels_in_woorden()


def _rij(t, vandaag: dt.date, woorden: dict[str, str]) -> dict:
    """One retention row in words: what kind of record, which rule, the dates and the state."""
    return {
        "uuid": t.uuid,
        "soort": f.soort_label(t.objecttype),
        "regel": woorden.get(t.regel, t.regel),
        "brondatum": t.brondatum,
        "vervaldatum": t.vervaldatum,
        "status": _status(selectors.status_van(t, vandaag)),
        "geblokkeerd": bool(getattr(t, "geblokkeerd", False)),
        "uitgevoerd_op": t.uitgevoerd_op,
    }


def _meldingen(fout: DomainError | None) -> list[str]:
    """A refusal on top of the page: the service's message and its reasons, each once."""
    if fout is None:
        return []
    return [fout.detail, *[p.reason for p in fout.invalid_params if p.reason != fout.detail]]


def _vraag(request) -> str:
    """The filter of a list page, kept when paging."""
    return urlencode([(k, v) for k, v in request.GET.items() if k != "pagina" and v])


# --- The overview (retention rows) ---------------------------------------------------------------------


@_vertrouwelijk
@require_GET
@pagina(INZIEN)
def termijnen(request, actor):
    """The retention rows of the organisation (the FG: the controller), soonest due first, filtered by state
    (derived at read time, RT-12), rule and due date; one audit entry for the page (AU-01)."""
    form = f.FilterFormulier(request.GET or None, auto_id="filter_%s")
    vandaag = today()
    qs = selectors.termijnen(actor)
    d = form.cleaned_data if form.is_valid() else {}
    if d.get("status"):
        qs = selectors.filter_status(qs, d["status"], vandaag)
    if d.get("regel"):
        qs = qs.filter(regel=d["regel"])
    if d.get("vervalt_voor"):
        qs = qs.filter(vervaldatum__lt=d["vervalt_voor"])
    fg = "fg" in actor.rollen  # the FG sees the whole controller: which organisation holds the record
    qs = selectors.met_status(qs.select_related("organisatie"), vandaag).order_by(
        F("vervaldatum").asc(nulls_last=True), "id"
    )
    with transaction.atomic():
        blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
        woorden = _regels_in_woorden()
        rijen = [{**_rij(t, vandaag, woorden), "organisatie": t.organisatie.naam} for t in blad.object_list]
        audit.record(
            actor=actor,
            actie="bewaartermijn.ingezien",
            activiteit=ACTIVITEIT,
            velden=["objecttype", "regel", "brondatum", "vervaldatum", "status", "blokkade"],
            koppeling={"aantal": len(rijen)},
        )
    return render(
        request,
        "ui/bewaren/termijnen.html",
        {"form": form, "rijen": rijen, "blad": blad, "vraag": _vraag(request), "tab": "termijnen", "fg": fg},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- One retention row -----------------------------------------------------------------------------------


def _terug(uuid) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("ui:bewaartermijn", args=[uuid]))


def _besluit(t, mag_tekst: bool, namen: dict[str, str]) -> dict | None:
    """The decision that moved the date (RT-02, RI-10, RT-13) and, on a list not yet approved, the
    proposal to keep the record longer (RT-13: it takes effect with both approvals)."""
    b = t.besluit or {}
    if not b:
        return None
    uit: dict[str, Any] = {"reden": crypto.ontsleutel(t, "reden", als_json=False) if mag_tekst else None}
    if b.get("soort"):
        uit.update(
            {
                "soort": f.BESLUITEN.get(b["soort"], b["soort"]),
                "datum": _datum(b.get("datum")),
                "door": namen.get(b.get("door", ""), ""),
            }
        )
    if b.get("nieuweDatum"):
        uit["voorstel"] = _datum(b["nieuweDatum"])
        uit["voorstel_reden"] = selectors.voorstel_reden(t) if mag_tekst else None
    return uit


def _blokkades(t, mag_tekst: bool, vandaag: dt.date) -> list[dict]:
    uit = []
    for b in t.blokkades.select_related("door", "opgeheven_door").order_by("-aangemaakt", "-id"):
        opgeheven = b.opgeheven_op is not None
        actief = policies.blokkade_actief(b.einddatum, opgeheven, vandaag)
        uit.append(
            {
                "uuid": b.uuid,
                "reden": f.BLOKKADEREDENEN.get(b.reden, b.reden),
                "einddatum": b.einddatum,
                "door": b.door.naam if b.door_id else "",
                "geplaatst": b.aangemaakt,
                "opgeheven_op": b.opgeheven_op,
                "opgeheven_door": b.opgeheven_door.naam if b.opgeheven_door_id else "",
                "actief": actief,
                "stand": "Geldt" if actief else ("Opgeheven" if opgeheven else "Afgelopen"),
                "toelichting": crypto.ontsleutel(b, "toelichting", als_json=False) if mag_tekst else None,
            }
        )
    return uit


def _termijn_context(actor, uuid, formulieren: dict, fout) -> dict[str, Any]:
    vandaag = today()
    t = selectors.termijn_of_404(actor, uuid)  # NotFound when not visible
    mag_tekst = _mag_tekst(actor)
    open_ = not t.uitkomst
    regel = policies.REGELS.get(t.regel)
    namen = _namen([(t.besluit or {}).get("door", "")])
    if open_ and actor.heeft(VERLENGEN) and "verlengen" not in formulieren:
        formulieren["verlengen"] = f.VerlengenFormulier(auto_id="verlengen_%s")
    if open_ and actor.heeft(BLOKKEREN) and "blokkeren" not in formulieren:
        formulieren["blokkeren"] = f.BlokkerenFormulier(auto_id="blokkeren_%s")
    link = RECORD_PAGINA.get(t.objecttype)
    record_url = reverse(link[0], args=[t.object_uuid]) if link and open_ and actor.heeft(link[1]) else ""
    velden = ["objecttype", "regel", "brondatum", "vervaldatum", "besluit", "blokkade", "uitkomst"]
    if mag_tekst:
        velden += ["reden", "toelichting"]
    audit.record(actor=actor, actie="bewaartermijn.ingezien", activiteit=ACTIVITEIT, object=t, velden=velden)
    lijst = t.lijst if t.lijst_id else None
    blokkades = _blokkades(t, mag_tekst, vandaag)
    rij = _rij(t, vandaag, _regels_in_woorden())
    rij["geblokkeerd"] = any(b["actief"] for b in blokkades)
    return {
        "t": t,
        "rij": rij,
        "regel": regel,
        "regel_code": t.regel,
        "nummer": _verwijzing(t, _kenmerken(actor, [t])),
        "besluit": _besluit(t, mag_tekst, namen),
        "blokkades": blokkades,
        "lijst": {"uuid": lijst.uuid, "peildatum": lijst.peildatum} if lijst else None,
        "beoordeling": f.BEOORDELINGEN_KORT.get(t.beoordeling, "") if lijst else "",
        "mag_tekst": mag_tekst,
        "mag_opheffen": open_ and actor.heeft(BLOKKEREN),
        "formulieren": formulieren,
        "record_url": record_url,
        "fout": _meldingen(fout) or None,
    }


def _termijn_pagina(request, actor, uuid, formulieren: dict | None = None, status: int = 200, fout=None):
    try:
        with transaction.atomic():
            ctx = _termijn_context(actor, uuid, dict(formulieren or {}), fout)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    return render(request, "ui/bewaren/termijn.html", ctx, status=status)


@_vertrouwelijk
@require_GET
@pagina(INZIEN)
def termijn(request, uuid, actor):
    """One retention row: its rule (brondatum, term, derivation, source), dates, state, decision and holds;
    with the forms of what the user may do now."""
    return _termijn_pagina(request, actor, uuid)


def _actie(scope: str, terug: str):
    """Decorators of every step: confidential, POST only (a GET goes back to the page), the scope."""

    def decorator(view):
        return _vertrouwelijk(_post_anders_terug(terug)(pagina(scope)(view)))

    return decorator


def _verwerk(
    request,
    actor,
    uuid,
    sleutel: str,
    form,
    uitvoeren: Callable[[Any], Any],
    melding: str,
):
    """POST of a form on the row's page: the service, back to the page with a message; a refusal re-shows
    the page with the entered values and the Dutch reasons (status 400), and changes nothing."""
    try:
        selectors.termijn_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    if form.is_valid():
        try:
            uitvoeren(form)
        except NotFound:
            return _niet_zichtbaar(request, actor)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, melding)
            return _terug(uuid)
    return _termijn_pagina(request, actor, uuid, {sleutel: form}, 400)


@_actie(VERLENGEN, "ui:bewaartermijn")
def verlengen(request, uuid, actor):
    """RT-02: a reasoned decision of the leidinggevende with a new date."""
    return _verwerk(
        request,
        actor,
        uuid,
        "verlengen",
        f.VerlengenFormulier(request.POST, auto_id="verlengen_%s"),
        lambda form: services.verleng(
            actor=actor,
            uuid=uuid,
            nieuwe_datum=form.cleaned_data["nieuwe_datum"],
            reden=form.cleaned_data.get("reden") or "",
        ),
        "De bewaartermijn is verlengd (RT-02).",
    )


@_actie(BLOKKEREN, "ui:bewaartermijn")
def blokkeren(request, uuid, actor):
    """RT-07: a legal hold with its ground, end date and explanation."""
    return _verwerk(
        request,
        actor,
        uuid,
        "blokkeren",
        f.BlokkerenFormulier(request.POST, auto_id="blokkeren_%s"),
        lambda form: services.blokkeer(
            actor=actor,
            uuid=uuid,
            reden=form.cleaned_data["reden"],
            einddatum=form.cleaned_data["einddatum"],
            toelichting=form.cleaned_data.get("toelichting") or "",
        ),
        "De vernietiging is geblokkeerd (RT-07).",
    )


@_vertrouwelijk
@require_http_methods(["GET", "POST"])
@pagina(BLOKKEREN)
def opheffen(request, uuid, blokkade_uuid, actor):
    """Lift a hold: the row's term counts again from now on."""
    if request.method == "GET":
        return _terug(uuid)
    try:
        services.hef_op(actor=actor, uuid=uuid, blokkade_uuid=blokkade_uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _termijn_pagina(request, actor, uuid, status=400, fout=exc)
    messages.success(request, "De blokkade is opgeheven.")
    return _terug(uuid)


# --- Destruction lists (RT-13) ----------------------------------------------------------------------------


def _organisaties(actor) -> list[tuple[str, str]]:
    """The FG lists for any organisation of the controller; a leidinggevende for the own one only."""
    if "fg" not in actor.rollen:
        return []
    rijen = Organisatie.objects.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    return [(str(o.uuid), o.naam) for o in rijen.order_by("naam")]


def _lijst_form(actor, data=None):
    if not actor.heeft(GOEDKEUREN):
        return None
    return f.LijstFormulier(
        data,
        initial={"peildatum": today(), "organisatie": str(actor.organisatie.uuid)},
        organisaties=_organisaties(actor),
        auto_id="lijst_%s",
    )


def _goedkeuringen(lijst, namen: dict[str, str]) -> list[dict]:
    return [
        {
            "rol": f.ROLLEN.get(g.get("rol", ""), g.get("rol", "")),
            "naam": namen.get(g.get("gebruiker", ""), ""),
            "datum": _datum(g.get("datum")),
        }
        for g in lijst.goedkeuringen or []
    ]


def _lijsten_pagina(request, actor, form, status: int = 200):
    qs = (
        selectors.lijsten(actor)
        .select_related("organisatie", "aangemaakt_door")
        .order_by("-peildatum", "-id")
    )
    with transaction.atomic():
        blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
        lijsten = list(blad.object_list)
        namen = _namen(g.get("gebruiker", "") for lijst in lijsten for g in lijst.goedkeuringen or [])
        rijen = [
            {
                "uuid": lijst.uuid,
                "peildatum": lijst.peildatum,
                "organisatie": lijst.organisatie.naam,
                "status": f.LIJSTSTATUSSEN.get(lijst.status, lijst.status),
                "aantal": selectors.termijnen(actor).filter(lijst=lijst).count(),
                "opgesteld_door": lijst.aangemaakt_door.naam,
                "goedkeuringen": _goedkeuringen(lijst, namen),
            }
            for lijst in lijsten
        ]
        audit.record(
            actor=actor,
            actie="vernietigingslijst.ingezien",
            activiteit=ACTIVITEIT,
            velden=["peildatum", "status", "goedkeuringen", "items"],
            koppeling={"aantal": len(rijen)},
        )
    return render(
        request,
        "ui/bewaren/lijsten.html",
        {"rijen": rijen, "blad": blad, "form": form, "tab": "lijsten"},
        status=status,
    )


@_vertrouwelijk
@require_GET
@pagina(INZIEN)
def lijsten(request, actor):
    """The destruction lists of the organisation (the FG: the controller), newest first."""
    return _lijsten_pagina(request, actor, _lijst_form(actor))


@_vertrouwelijk
@require_http_methods(["GET", "POST"])
@pagina(GOEDKEUREN)
def lijst_nieuw(request, actor):
    """RT-13: list what is due on the peildatum, not held and on no other open list; every item starts as
    'destroy'."""
    if request.method == "GET":
        return HttpResponseRedirect(reverse("ui:vernietigingslijsten"))
    form = _lijst_form(actor, request.POST)
    assert form is not None  # the page's scope
    if form.is_valid():
        organisatie = None
        if form.cleaned_data.get("organisatie"):
            organisatie = Organisatie.objects.filter(
                verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
                uuid=form.cleaned_data["organisatie"],
            ).first()
        if "organisatie" in form.fields and organisatie is None:
            form.add_error("organisatie", "Kies een organisatie van uw gemeente.")
        else:
            try:
                lijst = services.maak_lijst(
                    actor=actor, peildatum=form.cleaned_data["peildatum"], organisatie=organisatie
                )
            except DomainError as exc:
                _fouten(form, exc)
            else:
                messages.success(
                    request,
                    "De vernietigingslijst is opgesteld. Beoordeel elk record en keur de lijst daarna goed.",
                )
                return HttpResponseRedirect(reverse("ui:vernietigingslijst", args=[lijst.uuid]))
    return _lijsten_pagina(request, actor, form, status=400)


def _beoordeel_form(item, mag_tekst: bool, volgnummer: int, data=None):
    initial = {
        "beoordeling": item.beoordeling or "vernietigen",
        "nieuwe_datum": _datum((item.besluit or {}).get("nieuweDatum")),
        "reden": selectors.voorstel_reden(item) if mag_tekst else "",
    }
    return f.BeoordelingFormulier(data, initial=initial, auto_id=f"item{volgnummer}_%s")


def _lijst_context(request, actor, uuid, fout=None, bezig: tuple[str, Any] | None = None) -> dict[str, Any]:
    """The list with its items on this page. `bezig`: (termijn uuid, bound form) of a refused judgement."""
    vandaag = today()
    lijst = selectors.lijst_of_404(actor, uuid)  # NotFound when not visible
    mag_tekst = _mag_tekst(actor)
    beoordelen = lijst.status == policies.CONCEPT and not lijst.goedkeuringen and actor.heeft(GOEDKEUREN)
    qs = selectors.met_status(selectors.termijnen(actor).filter(lijst=lijst), vandaag).order_by(
        "vervaldatum", "id"
    )
    blad = Paginator(qs, PER_PAGINA).get_page(request.POST.get("pagina") or request.GET.get("pagina"))
    items = []
    geplaatst = False
    kenmerken = _kenmerken(actor, blad.object_list)
    woorden = _regels_in_woorden()
    for i, t in enumerate(blad.object_list):
        rij = _rij(t, vandaag, woorden)
        b = t.besluit or {}
        rij.update(
            {
                "nummer": _verwijzing(t, kenmerken),
                "beoordeling": f.BEOORDELINGEN_KORT.get(t.beoordeling, t.beoordeling),
                "nieuwe_datum": _datum(b.get("nieuweDatum")),
                "reden": selectors.voorstel_reden(t) if mag_tekst else None,
                "form": None,
            }
        )
        if beoordelen:
            if bezig and bezig[0] == str(t.uuid):
                rij["form"], geplaatst = bezig[1], True
            else:
                rij["form"] = _beoordeel_form(t, mag_tekst, i)
        items.append(rij)
    goedkeuringen = _goedkeuringen(lijst, _namen(g.get("gebruiker", "") for g in lijst.goedkeuringen or []))
    rollen = {g.get("rol") for g in lijst.goedkeuringen or []}
    velden = ["peildatum", "status", "goedkeuringen", "items", "beoordeling", "vervaldatum"]
    if mag_tekst:
        velden.append("reden")
    audit.record(
        actor=actor, actie="vernietigingslijst.ingezien", activiteit=ACTIVITEIT, object=lijst, velden=velden
    )
    meldingen = _meldingen(fout)
    if bezig and not geplaatst:  # the item is not (or no longer) on this page: its reasons on top
        meldingen += [e for fouten in bezig[1].errors.values() for e in fouten]
    return {
        "lijst": lijst,
        "status": f.LIJSTSTATUSSEN.get(lijst.status, lijst.status),
        "items": items,
        "blad": blad,
        "beoordelen": beoordelen,
        "goedkeuren": lijst.status == policies.CONCEPT and actor.heeft(GOEDKEUREN),
        "goedkeuringen": goedkeuringen,
        "wacht_op": [f.ROLLEN[r] for r in policies.GOEDKEURDERS if r not in rollen],
        "mag_tekst": mag_tekst,
        "fout": meldingen or None,
        "tab": "lijsten",
    }


def _lijst_pagina(request, actor, uuid, status: int = 200, fout=None, bezig=None):
    try:
        with transaction.atomic():
            ctx = _lijst_context(request, actor, uuid, fout, bezig)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    return render(request, "ui/bewaren/lijst.html", ctx, status=status)


@_vertrouwelijk
@require_GET
@pagina(INZIEN)
def lijst(request, uuid, actor):
    """One destruction list: its items (type, rule, due date, judgement), the approvals and, for the
    leidinggevende and the FG, the judgement per item and the approval."""
    return _lijst_pagina(request, actor, uuid)


def _terug_lijst(request, uuid) -> HttpResponseRedirect:
    pagina_nr = request.POST.get("pagina", "")
    vraag = f"?{urlencode({'pagina': pagina_nr})}" if pagina_nr.isdigit() else ""
    return HttpResponseRedirect(reverse("ui:vernietigingslijst", args=[uuid]) + vraag)


@_actie(GOEDKEUREN, "ui:vernietigingslijst")
def beoordelen(request, uuid, actor):
    """One item's judgement (RT-13): destroy, keep with a new date and reason (RT-02), or transfer (RT-11)."""
    termijn_uuid = request.POST.get("termijn", "")
    form = f.BeoordelingFormulier(request.POST, auto_id="fout_%s")
    if form.is_valid():
        try:
            services.beoordeel(actor=actor, uuid=uuid, items=[form.item(termijn_uuid)])
        except NotFound:
            return _niet_zichtbaar(request, actor)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "De beoordeling is opgeslagen.")
            return _terug_lijst(request, uuid)
    return _lijst_pagina(request, actor, uuid, status=400, bezig=(termijn_uuid, form))


@_actie(GOEDKEUREN, "ui:vernietigingslijst")
def goedkeuren(request, uuid, actor):
    """RT-13: the leidinggevende and the FG each approve once, as two different people."""
    try:
        lijst = services.keur_goed(actor=actor, uuid=uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _lijst_pagina(request, actor, uuid, status=400, fout=exc)
    if lijst.status == policies.GOEDGEKEURD:
        messages.success(
            request,
            "De lijst is goedgekeurd door de leidinggevende en de FG. "
            "De volgende opschoonronde voert haar uit.",
        )
    else:
        messages.success(
            request, "Uw goedkeuring is vastgelegd. De lijst wacht nog op de tweede goedkeuring."
        )
    return _terug_lijst(request, uuid)


# --- Tombstones and sweeps (RT-03, RT-09) -------------------------------------------------------------------


def _grond(t) -> str:
    b = t.besluit or {}
    if b.get("soort") == "verzoek":
        return "Op verzoek van de betrokkene (RI-10)"
    if t.lijst_id:
        return "Goedgekeurde vernietigingslijst (RT-13)"
    if t.regel == "persoon":
        return "Geen gegevens meer over de persoon"
    return "Termijn verstreken"


@_vertrouwelijk
@require_GET
@pagina(INZIEN)
def bewijzen(request, actor):
    """Tombstones (RT-03): what was destroyed, anonymised or transferred, when and under which rule — no
    personal data; and the recent sweeps with the counts of the user's own controller (RT-09)."""
    vandaag = today()
    qs = selectors.bewijzen(actor).order_by("-uitgevoerd_op", "-id")
    vv = str(actor.organisatie.verwerkingsverantwoordelijke.uuid)
    with transaction.atomic():
        blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
        rijen = []
        woorden = _regels_in_woorden()
        for t in blad.object_list:
            rij = _rij(t, vandaag, woorden)
            rij.update({"grond": _grond(t), "nummer": _verwijzing(t, {})})  # destroyed: no kenmerk left
            rijen.append(rij)
        rondes = [
            {
                "gestart": r.gestart,
                "beeindigd": r.beeindigd,
                "peildatum": r.peildatum,
                "droog": r.droog,
                "status": f.RONDESTATUSSEN.get(r.status, r.status),
                "telling": sorted((f.telling_label(k), n) for k, n in (r.telling or {}).get(vv, {}).items()),
            }
            for r in selectors.rondes().order_by("-gestart", "-id")[:RONDES]
        ]
        audit.record(
            actor=actor,
            actie="bewaartermijn.ingezien",
            activiteit=ACTIVITEIT,
            velden=["objecttype", "regel", "uitkomst", "uitgevoerd_op", "opschoonronde"],
            koppeling={"aantal": len(rijen)},
        )
    return render(
        request,
        "ui/bewaren/bewijzen.html",
        {"rijen": rijen, "blad": blad, "rondes": rondes, "tab": "bewijzen"},
    )
