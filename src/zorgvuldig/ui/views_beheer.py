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
from zorgvuldig.organisaties.models import Rol
from zorgvuldig.organisaties.selectors import geactiveerd_annotatie, gebruikers_voor, teams_voor, tokens_voor
from zorgvuldig.toegang import services as toegang_services
from zorgvuldig.toegang.models import Toegang
from zorgvuldig.ui.forms import (
    GebruikerFormulier,
    GebruikerWijzigFormulier,
    IntrekFormulier,
    TeamFormulier,
    TokenFormulier,
)
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


@require_http_methods(["GET", "POST"])
@pagina("gebruiker:beheren")
def gebruiker(request, uuid, actor):
    g = (
        gebruikers_voor(actor.gebruiker)
        .annotate(geactiveerd=geactiveerd_annotatie())
        .filter(uuid=uuid)
        .first()
    )
    if g is None:
        return niet_gevonden(request)
    initial = {
        "functie": g.functie,
        "werkgever": g.werkgever,
        "rollen": g.rollen,
        "teams": list(g.teams.all()),
        "actief": g.is_active,
    }
    form = GebruikerWijzigFormulier(request.POST or None, initial=initial, organisatie=g.organisatie)
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
    # Grants are listed without what they open: the beheerder sees kind and validity, never the person.
    toegangen = (
        Toegang.objects.filter(ontvanger_gebruiker=g, ontvanger_gebruiker__organisatie=actor.organisatie)
        .select_related("verleend_door")
        .order_by("-id")[:100]
        if g.organisatie_id == actor.organisatie.pk
        else []
    )
    return render(
        request,
        "ui/beheer/gebruiker.html",
        {
            "g": g,
            "form": form,
            "toegangen": toegangen,
            "vandaag": today(),
            "intrekformulier": IntrekFormulier(),
        },
        status=400 if request.method == "POST" else 200,
    )


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
