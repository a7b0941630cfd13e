"""The technical beheerder's pages: users, roles, teams, grants and their revocation, API credentials.
Configuration only, never content (AC-06); every change is audited by the service."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.organisaties import policies as org_policies
from zorgvuldig.organisaties import services
from zorgvuldig.organisaties.models import Mandaat, Rol
from zorgvuldig.organisaties.selectors import geactiveerd_annotatie, gebruikers_voor, teams_voor, tokens_voor
from zorgvuldig.toegang import services as toegang_services
from zorgvuldig.toegang.models import Toegang
from zorgvuldig.toegang.selectors import grant_verwijzingen
from zorgvuldig.ui.forms import (
    GebruikerFormulier,
    GebruikerWijzigFormulier,
    IntrekFormulier,
    MandaatBeeindigFormulier,
    MandaatFormulier,
    TeamFormulier,
    TokenFormulier,
)
from zorgvuldig.ui.forms_dossier import SECTIES
from zorgvuldig.ui.toegang import niet_gevonden, pagina


def rol_namen(rollen) -> list[str]:
    return [Rol(r).label for r in sorted(rollen or []) if r in Rol.values]


def _fouten_naar_formulier(form, exc: DomainError, veldnamen: dict[str, str] | None = None) -> None:
    """A service refusal onto the form: per field where the API name maps to one, else on top."""
    for p in exc.invalid_params:
        veld = (veldnamen or {}).get(p.name, p.name)
        form.add_error(veld if veld in form.fields else None, p.reason)
    if not exc.invalid_params:
        form.add_error(None, exc.detail)


@pagina("gebruiker:beheren")
def gebruikers(request, actor):
    rijen = list(
        gebruikers_voor(actor.gebruiker)
        .prefetch_related("teams")
        .annotate(geactiveerd=geactiveerd_annotatie())
    )
    for g in rijen:
        g.rol_namen = rol_namen(g.rollen)
    return render(request, "ui/beheer/gebruikers.html", {"gebruikers": rijen})


@require_http_methods(["GET", "POST"])
@pagina("gebruiker:beheren")
def gebruiker_nieuw(request, actor):
    form = GebruikerFormulier(
        request.POST or None,
        initial={"organisatie": actor.organisatie},
        verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            g = services.maak_gebruiker(
                actor=actor,
                email=d["email"],
                naam=d["naam"],
                organisatie=d["organisatie"],
                functie=d["functie"],
                rollen=d["rollen"],
                teams=list(d["teams"]),
                werkgever=d["werkgever"],
            )
        except DomainError as exc:
            _fouten_naar_formulier(form, exc)
        else:
            messages.success(request, f"{g.naam} is aangemaakt. De activatielink is per e-mail verstuurd.")
            return HttpResponseRedirect(reverse("ui:gebruiker", args=[g.uuid]))
    status = 400 if request.method == "POST" else 200
    return render(request, "ui/beheer/gebruiker_nieuw.html", {"form": form}, status=status)


def _wijzigformulier(g, data=None) -> GebruikerWijzigFormulier:
    initial = {
        "functie": g.functie,
        "werkgever": g.werkgever,
        "rollen": g.rollen,
        "teams": list(g.teams.all()),
        "actief": g.is_active,
    }
    return GebruikerWijzigFormulier(data, initial=initial, organisatie=g.organisatie)


def _beheerde_gebruiker(actor, uuid):
    return (
        gebruikers_voor(actor.gebruiker)
        .annotate(geactiveerd=geactiveerd_annotatie())
        .filter(uuid=uuid)
        .first()
    )


@require_http_methods(["GET", "POST"])
@pagina("gebruiker:beheren")
def gebruiker(request, uuid, actor):
    g = _beheerde_gebruiker(actor, uuid)
    if g is None:
        return niet_gevonden(request)
    form = _wijzigformulier(g, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.wijzig_gebruiker(
                actor=actor,
                gebruiker=g,
                rollen=d["rollen"],
                teams=list(d["teams"]),
                actief=d["actief"],
                functie=d["functie"],
                werkgever=d["werkgever"],
            )
        except DomainError as exc:
            _fouten_naar_formulier(form, exc)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen.")
            return HttpResponseRedirect(reverse("ui:gebruiker", args=[g.uuid]))
    return _gebruiker_pagina(request, actor, g, form=form)


def _gebruiker_pagina(request, actor, g, *, form=None, mandaatformulier=None, beeindigd=None):
    """The user page; a refused form (`form`, `mandaatformulier`, or `beeindigd` = (mandate, form))
    comes back bound with its errors, status 400."""
    form = form or _wijzigformulier(g)
    vandaag = today()
    zichzelf = g.pk == actor.gebruiker.pk  # AC-06: another beheerder changes his mandates
    mandaten = []
    for m in g.mandaten.order_by("vanaf", "soort"):
        status = org_policies.mandaat_status(m.vanaf, m.tot, vandaag)
        beeindig = None
        if beeindigd and beeindigd[0].pk == m.pk:
            beeindig = beeindigd[1]  # the refused one, with its errors
        elif not zichzelf and status != "beëindigd":
            beeindig = MandaatBeeindigFormulier(initial={"tot": vandaag}, auto_id=f"beeindig-{m.uuid}-%s")
        mandaten.append({"m": m, "status": status, "formulier": beeindig})
    if mandaatformulier is None and not zichzelf:
        mandaatformulier = MandaatFormulier(initial={"vanaf": vandaag}, auto_id="mandaat-%s")
    # Grants are listed without what they open: the beheerder sees kind, a kenmerk and validity, never
    # the person (AC-06); the kenmerk tells apart grants that are otherwise alike (demo review L10).
    toegangen = (
        list(
            Toegang.objects.filter(ontvanger_gebruiker=g, ontvanger_gebruiker__organisatie=actor.organisatie)
            .select_related("verleend_door")
            .order_by("-id")[:100]
        )
        if g.organisatie_id == actor.organisatie.pk
        else []
    )
    verwijzingen = grant_verwijzingen(toegangen)
    for t in toegangen:
        t.verwijzing = verwijzingen[t.pk]
        t.sectie_namen = [SECTIES.get(s, s) for s in t.secties or []]
    fout = request.method == "POST"
    return render(
        request,
        "ui/beheer/gebruiker.html",
        {
            "g": g,
            "form": form,
            "zichzelf": zichzelf,
            "mandaten": mandaten,
            "mandaatformulier": mandaatformulier,
            "toegangen": toegangen,
            "vandaag": vandaag,
            "intrekformulier": IntrekFormulier(),
        },
        status=400 if fout else 200,
    )


def _mandaten(g) -> list[dict]:
    """The recorded mandates as `wijzig_gebruiker(mandaten=…)` takes them: the page adds or ends one and
    hands the whole list to the service, as the API's merge patch does (ADR 0006 item 24)."""
    return [
        {"soort": m.soort, "vanaf": m.vanaf, "tot": m.tot, "besluit": m.besluit}
        for m in g.mandaten.order_by("vanaf", "soort")
    ]


@require_POST
@pagina("gebruiker:beheren")
def mandaat_nieuw(request, uuid, actor):
    """RG-06, AC-08: record a written mandate, e.g. to signal in the verwijsindex."""
    g = _beheerde_gebruiker(actor, uuid)
    if g is None:
        return niet_gevonden(request)
    form = MandaatFormulier(request.POST, auto_id="mandaat-%s")
    if form.is_valid():
        d = form.cleaned_data
        lijst = _mandaten(g)
        nieuw = len(lijst)
        try:
            services.wijzig_gebruiker(
                actor=actor,
                gebruiker=g,
                mandaten=[*lijst, {k: d[k] for k in ("soort", "vanaf", "tot", "besluit")}],
            )
        except DomainError as exc:
            _fouten_naar_formulier(
                form,
                exc,
                {
                    f"mandaten.{nieuw}.soort": "soort",
                    f"mandaten.{nieuw}.tot": "tot",
                    f"mandaten.{nieuw}": "vanaf",  # the same kind from the same day is there already
                },
            )
        else:
            messages.success(request, f"Het mandaat '{Mandaat.Soort(d['soort']).label}' is vastgelegd.")
            return HttpResponseRedirect(reverse("ui:gebruiker", args=[g.uuid]))
    return _gebruiker_pagina(request, actor, g, mandaatformulier=form)


@require_POST
@pagina("gebruiker:beheren")
def mandaat_beeindigen(request, uuid, mandaat, actor):
    """RG-06: a mandate stays in the register; ending it sets its last day (`tot`)."""
    g = _beheerde_gebruiker(actor, uuid)
    m = g.mandaten.filter(uuid=mandaat).first() if g is not None else None
    if g is None or m is None:
        return niet_gevonden(request)
    form = MandaatBeeindigFormulier(request.POST, auto_id=f"beeindig-{m.uuid}-%s")
    if form.is_valid():
        lijst = _mandaten(g)
        i = next(i for i, item in enumerate(lijst) if (item["soort"], item["vanaf"]) == (m.soort, m.vanaf))
        lijst[i]["tot"] = form.cleaned_data["tot"]
        if org_policies.mandaat_status(m.vanaf, m.tot, today()) == "beëindigd":
            form.add_error(None, "Dit mandaat is al beëindigd.")
        else:
            try:
                services.wijzig_gebruiker(actor=actor, gebruiker=g, mandaten=lijst)
            except DomainError as exc:
                _fouten_naar_formulier(form, exc, {f"mandaten.{i}.tot": "tot"})
            else:
                messages.success(request, f"Het mandaat '{m.get_soort_display()}' is beëindigd.")
                return HttpResponseRedirect(reverse("ui:gebruiker", args=[g.uuid]))
    return _gebruiker_pagina(request, actor, g, beeindigd=(m, form))


@require_POST
@pagina("gebruiker:beheren")
def activatielink(request, uuid, actor):
    g = gebruikers_voor(actor.gebruiker).filter(uuid=uuid).first()
    if g is None:
        return niet_gevonden(request)
    try:
        services.nieuwe_activatielink(actor=actor, gebruiker=g)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, f"Een nieuwe activatielink is per e-mail naar {g.naam} verstuurd.")
    return HttpResponseRedirect(reverse("ui:gebruiker", args=[g.uuid]))


@require_POST
@pagina("gebruiker:beheren")
def toegang_intrekken(request, uuid, actor):
    form = IntrekFormulier(request.POST)
    grant = Toegang.objects.filter(uuid=uuid).select_related("ontvanger_gebruiker").first()
    terug = reverse("ui:gebruikers")
    if grant is not None and grant.ontvanger_gebruiker is not None:
        terug = reverse("ui:gebruiker", args=[grant.ontvanger_gebruiker.uuid])
    if not form.is_valid():
        messages.error(request, "Geef een reden om de toegang in te trekken.")
        return HttpResponseRedirect(terug)
    try:
        toegang_services.trek_in_als_beheerder(actor=actor, uuid=uuid, reden=form.cleaned_data["reden"])
    except NotFound:
        return niet_gevonden(request)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "De toegang is ingetrokken.")
    return HttpResponseRedirect(terug)


@require_http_methods(["GET", "POST"])
@pagina("gebruiker:beheren")
def teams(request, actor):
    form = TeamFormulier(
        request.POST or None,
        initial={"organisatie": actor.organisatie},
        verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.maak_team(actor=actor, **form.cleaned_data)
        except DomainError as exc:
            _fouten_naar_formulier(form, exc)
        else:
            messages.success(request, "Het team is aangemaakt.")
            return HttpResponseRedirect(reverse("ui:teams"))
    rijen = teams_voor(actor.gebruiker).prefetch_related("leden")
    return render(
        request, "ui/beheer/teams.html", {"teams": rijen, "form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@pagina("token:beheren")
def tokens(request, actor):
    form = TokenFormulier(
        request.POST or None, verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id
    )
    nieuw = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            token, sleutel = services.maak_token(
                actor=actor,
                organisatie=d["organisatie"],
                naam=d["naam"],
                scopes=d["scopes"],
                geldig_tot=d["geldig_tot"],
            )
        except DomainError as exc:
            _fouten_naar_formulier(form, exc, {"geldigTot": "geldig_tot"})
        else:
            nieuw = {"token": token, "sleutel": sleutel}  # shown once, on this response only
            form = TokenFormulier(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    vandaag = today()
    rijen = [
        {
            "t": t,
            "status": org_policies.token_status(
                ingetrokken=t.ingetrokken_op is not None, geldig_tot=t.geldig_tot, vandaag=vandaag
            ),
        }
        for t in tokens_voor(actor.gebruiker)
    ]
    return render(
        request,
        "ui/beheer/tokens.html",
        {"form": form, "tokens": rijen, "nieuw": nieuw},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@pagina("token:beheren")
def token_intrekken(request, uuid, actor):
    """GET asks for confirmation: revoking cannot be undone and the partner system stops at once."""
    token = tokens_voor(actor.gebruiker).filter(uuid=uuid).first()
    if token is None:
        return niet_gevonden(request)
    if token.ingetrokken_op is not None:  # already revoked: nothing to confirm or do
        return HttpResponseRedirect(reverse("ui:tokens"))
    if request.method == "GET":
        return render(request, "ui/beheer/token_intrekken.html", {"t": token})
    services.trek_token_in(actor=actor, token=token)
    messages.success(request, f"API-sleutel '{token.naam}' is ingetrokken.")
    return HttpResponseRedirect(reverse("ui:tokens"))
