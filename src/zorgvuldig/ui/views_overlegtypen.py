"""The beheerder's and FG's pages for table types (SPEC §8, CT-01, CT-16): the organisation's types, a new
type from one of the six templates, the type page with its edit form and activation (beheerder) and the
approval of basis and grounds (FG). Configuration only, no personal data; the services decide and audit,
a refusal shows their Dutch reason and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from zorgvuldig.casusoverleg import policies, selectors, services
from zorgvuldig.convenanten.models import Convenant
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.organisaties.models import Organisatie
from zorgvuldig.registers.catalogus import GRONDSLAGEN
from zorgvuldig.ui.forms_casus import GRONDEN, SOORTEN
from zorgvuldig.ui.forms_overlegtypen import (
    PARTNERROLLEN,
    STATUS,
    TOESTEMMINGSMODI,
    OverlegtypeFormulier,
    SjabloonFormulier,
    beginwaarden,
)
from zorgvuldig.ui.toegang import geweigerd, niet_gevonden, pagina
from zorgvuldig.ui.views_dossier import _fouten

BEHEER = "overlegtype:beheren"
GOEDKEUREN = "register:beheren"  # the FG (CT-16), as the API's approval
BEHEER_OF_FG = f"{BEHEER}|{GOEDKEUREN}"


def _organisaties():
    return Organisatie.objects.order_by("naam")


def _formulier(data, *, initial=None, met_convenant=True) -> OverlegtypeFormulier:
    return OverlegtypeFormulier(
        data,
        initial=initial,
        organisaties=_organisaties(),
        convenanten=Convenant.objects.order_by("naam") if met_convenant else (),
        met_convenant=met_convenant,
    )


def _terug(t) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("ui:overlegtype", args=[t.uuid]))


@pagina(BEHEER_OF_FG)
def overlegtypen(request, actor):
    rijen = [
        {
            "t": t,
            "soort": SOORTEN.get(t.soort, t.soort),
            "status": STATUS.get(t.status, t.status),
            "goedgekeurd": t.basis_goedgekeurd_op is not None,
        }
        for t in selectors.typen_zichtbaar_voor(actor).order_by("naam", "id")
    ]
    return render(request, "ui/beheer/overlegtypen.html", {"typen": rijen, "beheerder": actor.heeft(BEHEER)})


@require_http_methods(["GET", "POST"])
@pagina(BEHEER)
def overlegtype_nieuw(request, actor):
    """Step 1 (GET without a template): choose one of the six templates. Step 2: the form pre-filled."""
    if request.method == "GET":
        keuze = SjabloonFormulier(request.GET if "sjabloon" in request.GET else None)
        if not keuze.is_valid():
            return render(
                request,
                "ui/beheer/overlegtype_sjabloon.html",
                {"form": keuze},
                status=400 if keuze.is_bound else 200,
            )
        soort = keuze.cleaned_data["sjabloon"]
        form = _formulier(None, initial=beginwaarden(policies.SJABLONEN[soort], soort))
        return render(request, "ui/beheer/overlegtype_nieuw.html", {"form": form, "soort": soort})
    form = _formulier(request.POST)
    if form.is_valid():
        try:
            t = services.maak_type(actor=actor, data=form.data_voor_service())
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(
                request, f"'{t.naam}' is opgeslagen als concept. De FG keurt nu de grondslag en gronden goed."
            )
            return _terug(t)
    return render(
        request,
        "ui/beheer/overlegtype_nieuw.html",
        {"form": form, "soort": request.POST.get("soort", "")},
        status=400,
    )


def _weergave(t) -> dict:
    """The type for the page: labels in Dutch, partner organisations by name, and whether each acceded to
    the convenant today (CT-01)."""
    partners = selectors.partners(t)
    namen = {str(o.uuid): o for o in Organisatie.objects.filter(uuid__in=[p.organisatie for p in partners])}
    toegetreden = selectors.toegetreden_organisaties(t, today())
    return {
        "soort": SOORTEN.get(t.soort, t.soort),
        "status": STATUS.get(t.status, t.status),
        "grondslag": GRONDSLAGEN.get(t.grondslag, t.grondslag),
        "toestemmingsmodus": TOESTEMMINGSMODI.get(t.toestemmingsmodus, t.toestemmingsmodus),
        "partners": [
            {
                "organisatie": namen[p.organisatie].naam
                if p.organisatie in namen
                else "Onbekende organisatie",
                "taak": p.taak,
                "rol": PARTNERROLLEN.get(p.rol, p.rol),
                "grond": GRONDEN.get(p.grond, p.grond),
                "toegetreden": p.organisatie in namen and namen[p.organisatie].pk in toegetreden,
            }
            for p in partners
        ],
    }


def _pagina(request, actor, t, *, form=None, fout: DomainError | None = None, status: int = 200):
    beheerder = actor.heeft(BEHEER)
    if beheerder and form is None:
        bron = {**selectors.type_weergave(t), "bewaartermijn_maanden": t.bewaartermijn_maanden}
        form = _formulier(None, initial=beginwaarden(bron, t.soort), met_convenant=False)
    return render(
        request,
        "ui/beheer/overlegtype.html",
        {
            "t": t,
            "w": _weergave(t),
            "form": form if beheerder else None,
            "beheerder": beheerder,
            "fg": "fg" in actor.rollen and actor.heeft(GOEDKEUREN),
            "fout": fout,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@pagina(BEHEER_OF_FG)
def overlegtype(request, uuid, actor):
    try:
        t = selectors.type_of_404(actor, uuid)
    except NotFound:
        return niet_gevonden(request)
    if request.method == "GET":
        return _pagina(request, actor, t)
    if not actor.heeft(BEHEER):
        return geweigerd(request, actor, "E_AC_NOT_AUTHORISED")
    form = _formulier(request.POST, met_convenant=False)
    if form.is_valid():
        was_goedgekeurd = t.basis_goedgekeurd_op is not None
        try:
            t = services.wijzig_type(actor=actor, uuid=t.uuid, data=form.data_voor_service())
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            melding = "De wijzigingen zijn opgeslagen."
            if was_goedgekeurd and t.basis_goedgekeurd_op is None:
                melding += (
                    " Grondslag, gronden of toestemming zijn gewijzigd: het type staat weer op concept tot de"
                    " FG opnieuw goedkeurt (CT-16)."
                )
            messages.success(request, melding)
            return _terug(t)
    return _pagina(request, actor, t, form=form, status=400)


def _knop(request, actor, uuid, uitvoeren, melding: str):
    """A one-button act: done, or the page again with the service's Dutch refusal on top (400)."""
    try:
        t = selectors.type_of_404(actor, uuid)
    except NotFound:
        return niet_gevonden(request)
    try:
        uitvoeren(t)
    except NotFound:
        return niet_gevonden(request)
    except DomainError as exc:
        return _pagina(request, actor, selectors.type_of_404(actor, uuid), fout=exc, status=400)
    messages.success(request, melding)
    return _terug(t)


@require_POST
@pagina(BEHEER)
def overlegtype_activeren(request, uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        lambda t: services.activeer_type(actor=actor, uuid=t.uuid),
        "Het type is actief. Medewerkers kunnen nu casussen aanmelden.",
    )


@require_POST
@pagina(GOEDKEUREN)
def overlegtype_goedkeuren(request, uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        lambda t: services.keur_basis_goed(actor=actor, uuid=t.uuid),
        "U heeft de grondslag en de gronden goedgekeurd. De beheerder kan het type nu activeren.",
    )
