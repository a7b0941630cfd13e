"""Dossier pages (SPEC §5, API §2.4): Mijn dossiers, one dossier with its sections as sub-pages, the
leidinggevende's assignments, and outreach signals (zorgsignalen).

Thin, like the API views: every read goes through `dossiers.selectors` (need-to-know by grant, audited
with the grant used, AU-09) and every write through `dossiers.services`, which decide, audit and refuse
with a Dutch message that is shown at the form, the entered values kept. A dossier the user may not see
answers with the same 404 page as a missing one (DESIGN §5.2); a section the user may not read is not
offered, and opening it anyway shows the selector's Dutch refusal. Every dossier page shows the current
frame (DS-14). No BSN is shown or put in a URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods

from zorgvuldig.audit import services as audit
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.dossiers import policies, selectors, services
from zorgvuldig.dossiers.models import Dossier
from zorgvuldig.organisaties.models import Gebruiker
from zorgvuldig.organisaties.selectors import gebruikers_voor
from zorgvuldig.personen import selectors as personen
from zorgvuldig.ui import forms_dossier as f
from zorgvuldig.ui.toegang import geweigerd, niet_gevonden, pagina
from zorgvuldig.ui.views_vi import _post_anders_terug

LEZEN, BEWERKEN, AUTORISEREN = "dossier:inzien", "dossier:bewerken", "dossier:autoriseren"
ACTIVITEIT = selectors.ACTIVITEIT
PER_PAGINA = 25
MAX_PERSONEN = 200

# The dossier's sub-pages, in order on screen: (name, label, URL name).
TABBLADEN = (
    ("overzicht", "Overzicht", "ui:dossier"),
    ("notities", "Notities", "ui:dossier_notities"),
    ("zrm", "ZRM", "ui:dossier_zrm"),
    ("plan", "Plan", "ui:dossier_plan"),
    ("verwijzing", "Verwijzing", "ui:dossier_verwijzing"),
    ("kader", "Kader", "ui:dossier_kader"),
    ("veiligheid", "Veiligheid", "ui:dossier_veiligheid"),
    ("delen", "Delen", "ui:dossier_delen"),  # views_delen: sharing decisions and consents (SPEC §6, §7)
    ("afsluiten", "Afsluiten", "ui:dossier_afsluiten"),
    ("teambespreking", "Teambespreking", "ui:dossier_teambespreking"),
    ("samenvatting", "Samenvatting", "ui:dossier_samenvatting"),
    ("toewijzingen", "Toewijzingen", "ui:dossier_toewijzingen"),
)
URL = {naam: url for naam, _label, url in TABBLADEN}


def naam(p) -> str:
    return p.volledige_naam


def _leidinggevende(actor) -> bool:
    """AC-05: assigning, approving a deviation and confirming a closure are the leidinggevende's."""
    return actor.heeft(AUTORISEREN) and "leidinggevende" in actor.rollen


@dataclass
class Kop:
    """A visible dossier with the user's grants on it: what every dossier page starts from."""

    dossier: Dossier
    grants: list
    secties: frozenset[str]
    personen: list

    def mag(self, sectie: str, recht: str) -> bool:
        return policies.sectie_grant(selectors.feiten(self.grants), sectie, recht) is not None

    @property
    def open(self) -> bool:
        return self.dossier.status != policies.GESLOTEN

    @property
    def namen(self) -> dict[str, str]:
        return {str(p.uuid): naam(p) for p in self.personen}

    @property
    def leden(self) -> list[tuple[str, str]]:
        return [(str(p.uuid), naam(p)) for p in self.personen]


def _kop(actor, uuid) -> Kop:
    """Raises NotFound when the dossier is missing or not visible, DomainError for an expired statutory
    grant (AC-09)."""
    dossier, grants = selectors.dossier_of_404(actor, uuid)
    return Kop(dossier, grants, selectors.leesbare_secties(grants), selectors.personen(dossier))


def _kop_of_niets(actor, uuid) -> Kop | None:
    try:
        return _kop(actor, uuid)
    except DomainError:
        return None


def _tab_zichtbaar(tab: str, actor, kop: Kop | None) -> bool:
    if tab == "toewijzingen":
        return _leidinggevende(actor)
    if kop is None:
        return False
    s = kop.secties
    return {
        "overzicht": True,
        "notities": bool(s & set(policies.NOTITIE_SECTIES)),
        "zrm": "zrm" in s,
        "plan": "plan" in s,
        "verwijzing": "verwijzing" in s,
        "kader": "identificatie" in s,
        "veiligheid": "veiligheid" in s,
        "delen": "delen" in s,
        "afsluiten": "afsluiting" in s,
        "teambespreking": kop.open and kop.mag("voortgang", "aanvullen"),
        "samenvatting": kop.mag(policies.SAMENVATTING, "lezen"),
    }[tab]


def _basis(actor, dossier: Dossier, kop: Kop | None, actief: str) -> dict:
    """The header of every dossier page: reference, status, the frame (DS-14) and the sub-pages."""
    return {
        "d": dossier,
        # own names: pages under the dossier (a consent, a sharing decision) have a status of their own
        "dossier_status": f.STATUS.get(dossier.status, dossier.status),
        "dossier_soort": f.SOORTEN.get(dossier.soort, dossier.soort),
        "kader": f.KADERS.get(dossier.kader, dossier.kader),
        "kader_uitleg": f.KADER_UITLEG.get(dossier.kader, ""),
        "tabs": [
            {"label": label, "url": reverse(url, args=[dossier.uuid]), "actief": tab == actief}
            for tab, label, url in TABBLADEN
            if _tab_zichtbaar(tab, actor, kop)
        ],
        "actief": actief,
        "gesloten": dossier.status == policies.GESLOTEN,
    }


def _niet_zichtbaar(request, actor):
    """Missing or not visible: one page, one audit entry naming the record if it exists (AU-04)."""
    return geweigerd(request, actor, activiteit=ACTIVITEIT)


def _geweigerd(request, actor, exc: DomainError, kop: Kop | None = None, actief: str = "overzicht"):
    """A refused read on a visible dossier (AC-05, AC-10) or an expired statutory grant (AC-09): the
    selector's Dutch reason, audited like the API does (AU-04)."""
    if not getattr(exc, "gelogd", False):
        audit.weigering(
            actor=actor,
            actie="toegang.geweigerd",
            activiteit=ACTIVITEIT,
            fout=exc,
            object=getattr(exc, "audit_object", None),
        )
    context = _basis(actor, kop.dossier, kop, actief) if kop else {}
    return render(request, "ui/dossier/geweigerd.html", {**context, "melding": exc.detail}, status=exc.status)


def _fouten(form, exc: DomainError) -> None:
    """The service's message on top, its reasons at the fields they concern (API names → form fields)."""
    vertaal = getattr(form, "veld_van", None) or (lambda n: form.VELDNAMEN.get(n, n))
    boven = [exc.detail]
    for p in exc.invalid_params:
        veld = vertaal(p.name)
        if veld in form.fields:
            form.add_error(veld, p.reason)
        elif p.reason not in boven:
            boven.append(p.reason)
    for tekst in boven:
        form.add_error(None, tekst)


def _lees(actor, kop: Kop, sectie: str, velden: list[str]):
    """The section's read right (AC-05, AC-10) and the audit entry naming the grant (AU-01, AU-09)."""
    grant = selectors.sectie_toegang(actor, kop.dossier, kop.grants, sectie, "lezen")
    selectors.log_items(actor, kop.dossier, grant, "dossier.items_ingezien", velden)
    return grant


def _datum(waarde) -> Any:
    if isinstance(waarde, str) and waarde:
        try:
            return dt.date.fromisoformat(waarde[:10])
        except ValueError:
            return None
    return waarde


def _collegas(actor, organisatie_id: int):
    """Active professionals of the dossier's organisation (AC-02); the services check again."""
    qs = gebruikers_voor(actor.gebruiker).filter(organisatie_id=organisatie_id, is_active=True)
    return qs.filter(pk__in=[g.pk for g in qs if {"medewerker", "leidinggevende"} & set(g.rollen or [])])


def _leidinggevenden(actor, organisatie_id: int):
    qs = gebruikers_voor(actor.gebruiker).filter(organisatie_id=organisatie_id, is_active=True)
    return qs.filter(pk__in=[g.pk for g in qs if "leidinggevende" in (g.rollen or [])])


def _zichtbare_personen(actor) -> list:
    """Persons the user may see (grants), for a choice list; showing them is audited per person (AU-01)."""
    lijst = list(
        personen.personen_zichtbaar_voor(actor).order_by("geslachtsnaam", "voornamen", "id")[:MAX_PERSONEN]
    )
    if lijst:
        personen.audit_lijst(actor, lijst)
    return lijst


# --- Mijn dossiers ---------------------------------------------------------------------------------


def _lijstrij(d: Dossier, leden: dict | None = None) -> dict:
    """One row; the clients' names (household members counted) only where `selectors.lijst` found the
    identification section readable — the same grants that show them on the dossier page (L5)."""
    eigen = (leden or {}).get(d.pk)
    clienten = [naam(lid.persoon) for lid in eigen or [] if lid.rol == "client"]
    return {
        "d": d,
        "namen": ", ".join(clienten) if eigen is not None else None,
        "gezinsleden": sum(1 for lid in eigen or [] if lid.rol != "client"),
        "status": f.STATUS.get(d.status, d.status),
        "kader": f.KADERS.get(d.kader, d.kader),
        "soort": f.SOORTEN.get(d.soort, d.soort),
    }


def _dossiers_voor_beheer(actor):
    return selectors.dossiers_voor_beheer(actor).select_related("team").order_by("-geopend_op", "-id")


@require_GET
@pagina(LEZEN)
def dossiers(request, actor):
    """The user's dossiers (a grant: case team, substitute, statutory, break-glass, meeting): reference,
    team, status and frame (DS-14), and the client's name where the identification section is readable
    (L5); each listed row audited (AU-01)."""
    qs = selectors.dossiers_zichtbaar_voor(actor).select_related("team").order_by("-geopend_op", "-id")
    blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    eigen = list(blad.object_list)
    leden = selectors.lijst(actor, eigen, met_leden=True)
    beheer = None
    if _leidinggevende(actor):
        beheer = list(_dossiers_voor_beheer(actor)[:100])
        beheer_leden = selectors.lijst(actor, beheer, met_leden=True)
    return render(
        request,
        "ui/dossier/lijst.html",
        {
            "rijen": [_lijstrij(d, leden) for d in eigen],
            "blad": blad,
            "beheer": [_lijstrij(d, beheer_leden) for d in beheer] if beheer is not None else None,
            "mag_bewerken": actor.heeft(BEWERKEN) and bool(actor.rollen & {"medewerker", "leidinggevende"}),
        },
    )


@require_http_methods(["GET", "POST"])
@pagina(BEWERKEN)
def dossier_nieuw(request, actor):
    """A new case file for the own team (AC-02), starting REGISTERED and voluntary (SPEC §5)."""
    teams = actor.gebruiker.teams.filter(organisatie_id=actor.organisatie.pk).order_by("naam")
    initial: dict = {"soort": "individueel"}
    if teams.count() == 1:
        initial["team"] = teams.first()
    form = f.NieuwDossierFormulier(
        request.POST or None, initial=initial, teams=teams, personen=_zichtbare_personen(actor)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            dossier = services.registreer_dossier(
                actor=actor, soort=d.get("soort") or "", team=d.get("team"), leden=form.leden()
            )
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(
                request,
                f"Dossier {dossier.kenmerk} is aangemaakt. Vertel de cliënt eerst wat er met de gegevens "
                "gebeurt (DS-02).",
            )
            return HttpResponseRedirect(reverse("ui:dossier", args=[dossier.uuid]))
    return render(
        request, "ui/dossier/nieuw.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


# --- the generic action: parse, call the service, show the refusal at the form ---------------------


def _verwerk(
    request,
    actor,
    uuid,
    tab: str,
    sleutel: str,
    maak: Callable[[Kop, Any], Any],
    uitvoeren: Callable[[Kop, Any], Any],
    melding: str,
):
    """POST on a dossier sub-page: the form, the service, then back to the page with a message; a refusal
    re-shows the page with the entered values and the Dutch reasons (status 400), and changes nothing."""
    try:
        kop = _kop(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _geweigerd(request, actor, exc)
    form = maak(kop, request.POST)
    if form.is_valid():
        try:
            uitvoeren(kop, form)
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, melding)
            return HttpResponseRedirect(reverse(URL[tab], args=[uuid]))
    return PAGINAS[tab](request, actor, kop, {sleutel: form}, 400)


def _toon(tab: str):
    """GET of a dossier sub-page."""

    @require_GET
    @pagina(LEZEN)
    def view(request, uuid, actor):
        try:
            kop = _kop(actor, uuid)
        except NotFound:
            return _niet_zichtbaar(request, actor)
        except DomainError as exc:
            return _geweigerd(request, actor, exc)
        return PAGINAS[tab](request, actor, kop, None, 200)

    view.__name__ = f"dossier_{tab}"
    return view


def _pagina(tab: str):
    """A sub-page renderer: a refused section read shows the Dutch reason instead (AC-05, AC-10)."""

    def decorator(bouw):
        def render_(request, actor, kop: Kop, formulieren: dict | None, status: int):
            try:
                context = bouw(request, actor, kop, formulieren or {})
            except NotFound:
                return niet_gevonden(request)
            except DomainError as exc:
                return _geweigerd(request, actor, exc, kop, tab)
            return render(
                request,
                f"ui/dossier/{tab}.html",
                {**_basis(actor, kop.dossier, kop, tab), **context},
                status=status,
            )

        return render_

    return decorator


# --- Overzicht: members, informing (DS-02), agreement (DS-03), start ------------------------------


def _verwezen(dossier) -> bool:
    return selectors.verwijzingen(dossier).exists()


def _informeren_form(kop: Kop, data=None, initial=None):
    return f.InformerenFormulier(
        data, initial=initial, verwezen=_verwezen(kop.dossier), auto_id="informeren_%s"
    )


def _instemming_form(kop: Kop, data=None):
    initial: dict = {"datum": today()}
    if len(kop.leden) == 1:
        initial["persoon"] = kop.leden[0][0]
    return f.InstemmingFormulier(data, initial=initial, leden=kop.leden, auto_id="instemming_%s")


@_pagina("overzicht")
def _overzicht(request, actor, kop: Kop, formulieren: dict) -> dict:
    dossier, data = selectors.lees_dossier(actor, kop.dossier.uuid)  # audited (AU-01)
    namen = kop.namen
    identificatie = "identificatie" in kop.secties
    informering = data["informering"] or {}
    compleet, afwijking = data["informeringCompleet"], data["afwijkingGoedgekeurd"]
    mag_aanvullen = kop.open and kop.mag("identificatie", "aanvullen")
    vandaag = today()
    if mag_aanvullen and "informeren" not in formulieren:
        formulieren["informeren"] = _informeren_form(
            kop,
            initial={
                "mondeling_op": _datum(informering.get("mondelingOp")) or vandaag,
                "schriftelijk_op": _datum(informering.get("schriftelijkOp")) or vandaag,
                "onderwerpen": informering.get("onderwerpen", []),
            },
        )
    if mag_aanvullen and (compleet or afwijking) and "instemming" not in formulieren:
        formulieren["instemming"] = _instemming_form(kop)
    if (
        _leidinggevende(actor)
        and dossier.status == policies.GEREGISTREERD
        and not compleet
        and not afwijking
        and "afwijking" not in formulieren
    ):
        formulieren["afwijking"] = f.AfwijkingFormulier(auto_id="afwijking_%s")
    onderwerpen = policies.INFORMATIE_ONDERWERPEN
    return {
        "identificatie": identificatie,
        "leden": [
            {
                "uuid": lid["persoon"],
                "naam": namen.get(str(lid["persoon"]), ""),
                "rol": f.LID_ROLLEN[lid["rol"]],
            }
            for lid in data["leden"] or []  # None without the identification section (AC-05)
        ],
        "casusregie": dossier.casusregie.naam if dossier.casusregie else "",
        "informering": {
            "mondeling": _datum(informering.get("mondelingOp")),
            "schriftelijk": _datum(informering.get("schriftelijkOp")),
            "onderwerpen": [onderwerpen.get(o, o) for o in informering.get("onderwerpen", [])],
        }
        if informering
        else None,
        "compleet": compleet,
        "afwijking": afwijking,
        "instemmingen": [
            {"naam": namen.get(str(i["persoon"]), ""), "gegeven": i["gegeven"], "datum": i["datum"]}
            for i in data["instemming"] or []
        ],
        "mag_starten": dossier.status == policies.GEREGISTREERD and kop.mag("plan", "aanvullen"),
        "formulieren": formulieren,
    }


@_post_anders_terug("ui:dossier")
@pagina(BEWERKEN)
def dossier_informeren(request, uuid, actor):
    def uitvoeren(kop, form):
        d = form.cleaned_data
        services.informeer(
            actor=actor,
            uuid=uuid,
            mondeling_op=d.get("mondeling_op"),
            schriftelijk_op=d.get("schriftelijk_op"),
            onderwerpen=list(d.get("onderwerpen") or []),
        )

    return _verwerk(
        request,
        actor,
        uuid,
        "overzicht",
        "informeren",
        lambda kop, data: _informeren_form(kop, data),
        uitvoeren,
        "Vastgelegd dat de cliënt is geïnformeerd (DS-02).",
    )


@_post_anders_terug("ui:dossier")
@pagina(BEWERKEN)
def dossier_instemming(request, uuid, actor):
    def uitvoeren(kop, form):
        d = form.cleaned_data
        services.registreer_instemming(
            actor=actor,
            uuid=uuid,
            persoon_uuid=d.get("persoon") or None,
            gegeven=f.ja_nee(d.get("gegeven")),
            datum=d.get("datum"),
        )

    return _verwerk(
        request,
        actor,
        uuid,
        "overzicht",
        "instemming",
        lambda kop, data: _instemming_form(kop, data),
        uitvoeren,
        "De instemming is vastgelegd (DS-03).",
    )


@_post_anders_terug("ui:dossier")
@pagina(BEWERKEN)
def dossier_starten(request, uuid, actor):
    """REGISTERED → vraagverheldering, once DS-02 is done or a deviation approved (the service decides)."""
    try:
        services.start(actor=actor, uuid=uuid)
    except NotFound:
        return niet_gevonden(request)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "Het dossier is gestart: de vraagverheldering begint.")
    return HttpResponseRedirect(reverse("ui:dossier", args=[uuid]))


# --- Notities (DS-07, DS-09, DS-10, DS-13, PE-11) ---------------------------------------------------


def _notitie_label(n: dict) -> str:
    tekst = n["tekst"] if len(n["tekst"]) <= 60 else n["tekst"][:57] + "…"
    return (
        f"{date_format(n['aangemaakt'], 'j F Y')} – {f.NOTITIE_SOORTEN.get(n['soort'], n['soort'])}: {tekst}"
    )


def _lees_notities(actor, kop: Kop) -> list[dict]:
    """Notes in the sections the user may read, each with the client's statements (DS-09); audited with
    the grant of the first readable note section, as the API does."""
    secties = kop.secties & set(policies.NOTITIE_SECTIES)
    if not secties:
        selectors.sectie_toegang(actor, kop.dossier, kop.grants, "notities", "lezen")  # the Dutch refusal
    rijen = [selectors.notitie_weergave(n) for n in selectors.notities(kop.dossier, frozenset(secties))]
    _lees(actor, kop, sorted(secties)[0], [f"notitie.{s}" for s in sorted(secties)])
    return rijen


def _toestemmingen(actor, kop: Kop) -> list[tuple[str, str]]:
    """Explicit consents recorded in this dossier that the user may read (DS-10), audited (AU-01)."""
    from zorgvuldig.toestemmingen import selectors as toestemmingen

    rijen = list(
        toestemmingen.toestemmingen_zichtbaar_voor(actor).filter(dossier=kop.dossier, uitdrukkelijk=True)
    )
    namen = toestemmingen.activiteit_namen()
    return [
        (str(t.uuid), f"{toestemmingen.doel_in_woorden(t, namen)} ({date_format(t.datum, 'j F Y')})")
        for t in toestemmingen.lijst(actor, rijen)
    ]


def _notitie_form(actor, kop: Kop, rijen: list[dict], data=None):
    secties = [s for s in policies.NOTITIE_SECTIES if kop.mag(s, "aanmaken")]
    bijzonder = bool(set(secties) & policies.BIJZONDERE_SECTIES)
    return f.NotitieFormulier(
        data,
        secties=secties,
        leden=kop.leden,
        notities=[(str(n["uuid"]), _notitie_label(n)) for n in rijen],
        toestemmingen=_toestemmingen(actor, kop) if bijzonder else [],
        gezin=kop.dossier.soort == "gezin",
        partner=_partnerwerkgever(actor),
        auto_id="notitie_%s",
    )


def _partnerwerkgever(actor) -> tuple[str, str] | None:
    """AC-12: the partner organisation employing the user (not the one it acts for): (uuid, naam)."""
    g = actor.gebruiker
    if g is None or g.partnerwerkgever_id is None:
        return None
    return str(g.werkgever.uuid), g.werkgever.naam


def _per_notitie(soort: str, kop: Kop, n: dict, data=None):
    auto_id = f"{soort}-{n['uuid']}-%s"
    if soort == "verklaring":
        return f.VerklaringFormulier(data, leden=kop.leden, auto_id=auto_id)
    if soort == "verbergen":
        return f.VerbergenFormulier(data, leden=kop.leden, auto_id=auto_id)
    betreft = [(str(u), kop.namen.get(str(u), "")) for u in n["betreft"]]
    return f.MarkerenFormulier(data, leden=betreft, auto_id=auto_id)


@_pagina("notities")
def _notities(request, actor, kop: Kop, formulieren: dict) -> dict:
    rijen = _lees_notities(actor, kop)
    namen = kop.namen
    per_uuid = {str(n["uuid"]): n for n in rijen}
    verklaren = kop.open and kop.mag("eigen_verklaringen", "aanmaken")
    notities = []
    for n in rijen:
        sleutel = str(n["uuid"])
        toegestaan = {
            "verklaring": kop.open and n["soort"] == "mening" and verklaren,
            "verbergen": kop.open and kop.mag(n["sectie"], "aanvullen"),
            "markeren": kop.open and kop.mag(n["sectie"], "aanvullen"),
        }
        acties = {}
        for soort, mag in toegestaan.items():
            gebonden = formulieren.get(f"{soort}:{sleutel}")  # a refused attempt: its form with the reasons
            if gebonden is not None or mag:
                acties[soort] = gebonden or _per_notitie(soort, kop, n)
        gecorrigeerd = per_uuid.get(str(n["corrigeert"])) if n["corrigeert"] else None
        notities.append(
            {
                **n,
                "soort_label": f.NOTITIE_SOORTEN.get(n["soort"], n["soort"]),
                "sectie_label": f.SECTIES.get(n["sectie"], n["sectie"]),
                "bron_label": f.NOTITIE_BRONNEN.get(n["bron"]["soort"], n["bron"]["soort"]).split(" (")[0],
                "betreft_namen": [namen.get(str(u), "") for u in n["betreft"]],
                "verborgen": [{**v, "naam": namen.get(str(v["persoon"]), "")} for v in n["verborgenVoor"]],
                "verklaringen": [
                    {**v, "naam": namen.get(str(v["persoon"]), "")} for v in n["clientverklaringen"]
                ],
                "corrigeert_label": _notitie_label(gecorrigeerd) if gecorrigeerd else "",
                "acties": acties,
                "open": {k for k in acties if f"{k}:{sleutel}" in formulieren},
            }
        )
    nieuw = formulieren.get("notitie")
    if nieuw is None and kop.open and any(kop.mag(s, "aanmaken") for s in policies.NOTITIE_SECTIES):
        nieuw = _notitie_form(actor, kop, rijen)
    return {"notities": notities, "form": nieuw}


@_post_anders_terug("ui:dossier_notities")
@pagina(BEWERKEN)
def notitie_nieuw(request, uuid, actor):
    """DS-07: typed, sourced, verified yes/no; an untyped note is refused and nothing is stored."""

    def maak(kop, data):
        secties = kop.secties & set(policies.NOTITIE_SECTIES)
        rijen = (
            [selectors.notitie_weergave(n) for n in selectors.notities(kop.dossier, frozenset(secties))]
            if secties
            else []
        )
        return _notitie_form(actor, kop, rijen, data)

    return _verwerk(
        request,
        actor,
        uuid,
        "notities",
        "notitie",
        maak,
        lambda kop, form: services.registreer_notitie(actor=actor, uuid=uuid, data=form.data_voor_service()),
        "De notitie is vastgelegd.",
    )


def _notitie_actie(request, actor, uuid, notitie_uuid, soort: str, uitvoeren, melding: str):
    def maak(kop, data):
        return _per_notitie(
            soort, kop, {"uuid": notitie_uuid, "betreft": _betreft(actor, kop, notitie_uuid)}, data
        )

    return _verwerk(request, actor, uuid, "notities", f"{soort}:{notitie_uuid}", maak, uitvoeren, melding)


def _betreft(actor, kop: Kop, notitie_uuid) -> list:
    """Whom a readable note concerns (for the PE-11 choice); an unreadable note concerns no one here."""
    secties = frozenset(kop.secties & set(policies.NOTITIE_SECTIES))
    notitie = selectors.notities(kop.dossier, secties).filter(uuid=notitie_uuid).first() if secties else None
    return [p.uuid for p in notitie.betreft.all()] if notitie else []


@_post_anders_terug("ui:dossier_notities")
@pagina(BEWERKEN)
def notitie_verklaring(request, uuid, notitie_uuid, actor):
    """DS-09: the client's own statement on an opinion, stored unaltered."""

    def uitvoeren(kop, form):
        d = form.cleaned_data
        services.registreer_verklaring(
            actor=actor,
            uuid=uuid,
            notitie_uuid=notitie_uuid,
            persoon_uuid=d.get("persoon") or None,
            tekst=d.get("tekst") or "",
        )

    return _notitie_actie(
        request,
        actor,
        uuid,
        notitie_uuid,
        "verklaring",
        uitvoeren,
        "De eigen verklaring is vastgelegd (DS-09).",
    )


@_post_anders_terug("ui:dossier_notities")
@pagina(BEWERKEN)
def notitie_verbergen(request, uuid, notitie_uuid, actor):
    """DS-13: hidden for safety from a named member, with reason and review date."""

    def uitvoeren(kop, form):
        d = form.cleaned_data
        services.verberg(
            actor=actor,
            uuid=uuid,
            notitie_uuid=notitie_uuid,
            persoon_uuid=d.get("persoon") or None,
            reden=d.get("reden") or "",
            reviewdatum=d.get("reviewdatum"),
        )

    return _notitie_actie(
        request,
        actor,
        uuid,
        notitie_uuid,
        "verbergen",
        uitvoeren,
        "De notitie is verborgen voor dit gezinslid.",
    )


@_post_anders_terug("ui:dossier_notities")
@pagina(BEWERKEN)
def notitie_markeren(request, uuid, notitie_uuid, actor):
    """PE-11: not for representatives, with the reason."""

    def uitvoeren(kop, form):
        d = form.cleaned_data
        services.markeer_niet_voor_vertegenwoordigers(
            actor=actor,
            uuid=uuid,
            notitie_uuid=notitie_uuid,
            persoon_uuid=d.get("persoon") or None,
            reden=d.get("reden") or "",
        )

    return _notitie_actie(
        request,
        actor,
        uuid,
        notitie_uuid,
        "markeren",
        uitvoeren,
        "De notitie is gemarkeerd als 'niet voor vertegenwoordigers' (PE-11).",
    )


# --- ZRM (DS-05) ----------------------------------------------------------------------------------


def _zrm_form(kop: Kop, data=None):
    domeinen = [d for d in policies.ZRM_DOMEINEN if kop.mag(policies.zrm_sectie(d), "aanmaken")]
    return f.ZrmFormulier(data, leden=kop.leden, domeinen=domeinen, auto_id="zrm_%s")


@_pagina("zrm")
def _zrm(request, actor, kop: Kop, formulieren: dict) -> dict:
    scores = [selectors.zrm_weergave(s) for s in selectors.zrm(kop.dossier, kop.secties)]
    _lees(actor, kop, "zrm", ["zrm"])
    namen = kop.namen
    domeinen = []
    verborgen = False
    for domein, label in f.ZRM_DOMEINEN.items():
        if policies.zrm_sectie(domein) not in kop.secties:
            verborgen = True  # AC-10: a special-category domain without its permission is simply absent
            continue
        historie = [
            {
                **s,
                "naam": namen.get(str(s["persoon"]), ""),
                "niveau_label": f.ZRM_NIVEAUS.get(s["niveau"], ""),
            }
            for s in scores
            if s["domein"] == domein
        ]
        huidig: dict[str, dict] = {}
        for s in historie:
            huidig[s["naam"]] = s
        domeinen.append(
            {"code": domein, "label": label, "historie": historie[::-1], "huidig": list(huidig.values())}
        )
    form = formulieren.get("zrm")
    if (
        form is None
        and kop.open
        and any(kop.mag(policies.zrm_sectie(d), "aanmaken") for d in policies.ZRM_DOMEINEN)
    ):
        form = _zrm_form(kop)
    return {"domeinen": domeinen, "verborgen": verborgen, "form": form, "meer_leden": len(kop.leden) > 1}


@_post_anders_terug("ui:dossier_zrm")
@pagina(BEWERKEN)
def zrm_nieuw(request, uuid, actor):
    def uitvoeren(kop, form):
        d = form.cleaned_data
        services.registreer_zrm(
            actor=actor,
            uuid=uuid,
            persoon_uuid=d.get("persoon") or None,
            domein=d.get("domein") or "",
            niveau=form.niveau_getal(),
            onderbouwing=d.get("onderbouwing") or "",
            besproken_met_client=f.ja_nee(d.get("besproken_met_client")),
        )

    return _verwerk(
        request,
        actor,
        uuid,
        "zrm",
        "zrm",
        lambda kop, data: _zrm_form(kop, data),
        uitvoeren,
        "De ZRM-score is vastgelegd.",
    )


# --- Plan (DS-06, DS-12) --------------------------------------------------------------------------


def _plan_form(actor, kop: Kop, data=None):
    secties = frozenset(kop.secties & set(policies.NOTITIE_SECTIES))
    keuzes = []
    if secties:
        rijen = [selectors.notitie_weergave(n) for n in selectors.notities(kop.dossier, secties)]
        if rijen:
            _lees(actor, kop, sorted(secties)[0], [f"notitie.{s}" for s in sorted(secties)])
        keuzes = [(str(n["uuid"]), _notitie_label(n)) for n in rijen]
    return f.PlanFormulier(data, notities=keuzes, gezin=kop.dossier.soort == "gezin", auto_id="plan_%s")


@_pagina("plan")
def _plan(request, actor, kop: Kop, formulieren: dict) -> dict:
    plannen = [selectors.plan_weergave(p) for p in selectors.plannen(kop.dossier)]
    _lees(actor, kop, "plan", ["plan"])
    status = kop.dossier.status
    aanvullen = kop.open and kop.mag("plan", "aanvullen")
    laatste = plannen[0] if plannen else None
    vaststellen = formulieren.get("vaststellen")
    if (
        vaststellen is None
        and aanvullen
        and laatste
        and laatste["vastgesteldOp"] is None
        and policies.na_plan_vaststellen(status) is not None
    ):
        vaststellen = f.VaststellenFormulier(
            initial={"met_client_afgesproken_op": today()}, auto_id="vaststellen_%s"
        )
    form = formulieren.get("plan")
    if form is None and kop.open and kop.mag("plan", "aanmaken"):
        form = _plan_form(actor, kop)
    return {
        "plannen": [
            {
                **p,
                "vastgesteld": _datum(p["vastgesteldOp"]),
                "afgesproken": _datum(p["metClientAfgesprokenOp"]),
                "aantal_notities": len(p["notities"]),
            }
            for p in plannen
        ],
        "laatste": laatste,
        "vaststellen": vaststellen,
        "monitoren": aanvullen and policies.MONITORING in policies.TRANSITIES.get(status, frozenset()),
        "herzien": aanvullen and policies.PLAN_HERZIEN in policies.TRANSITIES.get(status, frozenset()),
        "form": form,
    }


@_post_anders_terug("ui:dossier_plan")
@pagina(BEWERKEN)
def plan_nieuw(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "plan",
        "plan",
        lambda kop, data: _plan_form(actor, kop, data),
        lambda kop, form: services.registreer_plan(actor=actor, uuid=uuid, data=form.data_voor_service()),
        "Het plan is opgeslagen. Stel het vast zodra u het met de cliënt heeft afgesproken (DS-06).",
    )


@_post_anders_terug("ui:dossier_plan")
@pagina(BEWERKEN)
def plan_vaststellen(request, uuid, plan_uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "plan",
        "vaststellen",
        lambda kop, data: f.VaststellenFormulier(data, auto_id="vaststellen_%s"),
        lambda kop, form: services.stel_plan_vast(
            actor=actor,
            uuid=uuid,
            plan_uuid=plan_uuid,
            met_client_afgesproken_op=form.cleaned_data.get("met_client_afgesproken_op"),
        ),
        "Het plan is vastgesteld (DS-06).",
    )


def _status_actie(service, melding: str):
    @_post_anders_terug("ui:dossier_plan")
    @pagina(BEWERKEN)
    def view(request, uuid, actor):
        try:
            service(actor=actor, uuid=uuid)
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            messages.error(request, exc.detail)
        else:
            messages.success(request, melding)
        return HttpResponseRedirect(reverse("ui:dossier_plan", args=[uuid]))

    return view


plan_monitoren = _status_actie(
    services.monitor, "Het dossier staat op monitoring: volg het plan en zijn doelen."
)
plan_herzien = _status_actie(
    services.herzie, "Het plan wordt herzien. Maak een nieuwe versie en stel die vast."
)


# --- Verwijzing (DS-04) ---------------------------------------------------------------------------


@_pagina("verwijzing")
def _verwijzing(request, actor, kop: Kop, formulieren: dict) -> dict:
    rijen = [selectors.verwijzing_weergave(v) for v in selectors.verwijzingen(kop.dossier)]
    _lees(actor, kop, "verwijzing", ["verwijzing"])
    form = formulieren.get("verwijzing")
    if form is None and kop.open and kop.mag("verwijzing", "aanmaken"):
        form = f.VerwijzingFormulier(auto_id="verwijzing_%s")
    return {
        "verwijzingen": [
            {
                **v,
                "contact_door_label": f.CONTACT_DOOR.get(v["contactDoor"], ""),
                "akkoord": {True: "Ja", False: "Nee"}.get(v["clientAkkoord"], "Nog niet bekend"),
            }
            for v in rijen
        ],
        "form": form,
    }


@_post_anders_terug("ui:dossier_verwijzing")
@pagina(BEWERKEN)
def verwijzing_nieuw(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "verwijzing",
        "verwijzing",
        lambda kop, data: f.VerwijzingFormulier(data, auto_id="verwijzing_%s"),
        lambda kop, form: services.registreer_verwijzing(
            actor=actor, uuid=uuid, data=form.data_voor_service()
        ),
        "De verwijzing is vastgelegd (DS-04).",
    )


# --- Kader (DS-14) --------------------------------------------------------------------------------


def _kader_form(actor, kop: Kop, data=None):
    return f.KaderFormulier(
        data,
        initial={"datum": today()},
        besluitvormers=_collegas(actor, kop.dossier.organisatie_id),
        auto_id="kader_%s",
    )


@_pagina("kader")
def _kader(request, actor, kop: Kop, formulieren: dict) -> dict:
    rijen = [selectors.kaderwijziging_weergave(k) for k in selectors.kaderwijzigingen(kop.dossier)]
    _lees(actor, kop, "identificatie", ["kader"])
    form = formulieren.get("kader")
    if form is None and kop.open and kop.mag("identificatie", "aanvullen"):
        form = _kader_form(actor, kop)
    return {
        "historie": [
            {
                **k,
                "kader_label": f.KADERS.get(k["kader"], k["kader"]),
                "van_label": f.KADERS.get(k["van"], k["van"]),
                "uitspraak_label": f.UITSPRAKEN.get(k["uitspraak"]["soort"], "") if k["uitspraak"] else "",
            }
            for k in rijen
        ][::-1],
        "form": form,
    }


@_post_anders_terug("ui:dossier_kader")
@pagina(BEWERKEN)
def kader_wijzigen(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "kader",
        "kader",
        lambda kop, data: _kader_form(actor, kop, data),
        lambda kop, form: services.wijzig_kader(actor=actor, uuid=uuid, data=form.data_voor_service()),
        "Het kader is gewijzigd (DS-14).",
    )


# --- Veiligheid (DS-08) ---------------------------------------------------------------------------


def _veiligheid_form(actor, kop: Kop, data=None):
    return f.VeiligheidFormulier(
        data,
        initial={"geconsulteerd_op": today()},
        leidinggevenden=_leidinggevenden(actor, kop.dossier.organisatie_id),
        auto_id="veiligheid_%s",
    )


@_pagina("veiligheid")
def _veiligheid(request, actor, kop: Kop, formulieren: dict) -> dict:
    rijen = [selectors.veiligheid_weergave(v) for v in selectors.veiligheidsbeoordelingen(kop.dossier)]
    _lees(actor, kop, "veiligheid", ["veiligheid"])
    form = formulieren.get("veiligheid")
    if form is None and kop.open and kop.mag("veiligheid", "aanmaken"):
        form = _veiligheid_form(actor, kop)
    return {
        "beoordelingen": [{**v, "stap": f.MELDCODE.get(v["meldcodestap"], "")} for v in rijen][::-1],
        "form": form,
    }


@_post_anders_terug("ui:dossier_veiligheid")
@pagina(BEWERKEN)
def veiligheid_nieuw(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "veiligheid",
        "veiligheid",
        lambda kop, data: _veiligheid_form(actor, kop, data),
        lambda kop, form: services.registreer_veiligheidsbeoordeling(
            actor=actor, uuid=uuid, data=form.data_voor_service()
        ),
        "De veiligheidsbeoordeling is vastgelegd (DS-08).",
    )


# --- Afsluiten (DS-15, DS-16, DS-17) --------------------------------------------------------------


@_pagina("afsluiten")
def _afsluiten(request, actor, kop: Kop, formulieren: dict) -> dict:
    _lees(actor, kop, "afsluiting", ["afsluiting", "status"])
    d = kop.dossier
    afsluiting = selectors.weergave(d, kop.secties)["afsluiting"]
    form = formulieren.get("afsluiten")
    if form is None and kop.open and kop.mag("afsluiting", "aanmaken"):
        form = f.AfsluitenFormulier(initial={"einddatum": today()}, auto_id="afsluiten_%s")
    return {
        "afsluiting": {**afsluiting, "reden_label": f.AFSLUITREDENEN.get(afsluiting["reden"], "")}
        if afsluiting
        else None,
        "bevestigen": _leidinggevende(actor) and d.status == policies.GESLOTEN and d.bevestigd_op is None,
        "dwang": d.kader == policies.DWANG,
        "form": form,
    }


@_post_anders_terug("ui:dossier_afsluiten")
@pagina(BEWERKEN)
def afsluiten(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "afsluiten",
        "afsluiten",
        lambda kop, data: f.AfsluitenFormulier(data, auto_id="afsluiten_%s"),
        lambda kop, form: services.sluit_af(actor=actor, uuid=uuid, data=form.data_voor_service()),
        "Het dossier is gesloten. De leidinggevende bevestigt de sluiting; de bewaartermijn loopt (DS-16).",
    )


# --- Teambespreking and samenvatting (AC-04) ------------------------------------------------------


def _teamleden(kop: Kop):
    return Gebruiker.objects.filter(teams=kop.dossier.team, is_active=True).order_by("naam", "id")


@_pagina("teambespreking")
def _teambespreking(request, actor, kop: Kop, formulieren: dict) -> dict:
    selectors.sectie_toegang(actor, kop.dossier, kop.grants, "voortgang", "aanvullen")  # the Dutch refusal
    form = formulieren.get("teambespreking")
    if form is None and kop.open:
        form = f.TeambesprekingFormulier(teamleden=_teamleden(kop), auto_id="teambespreking_%s")
    return {"form": form, "vandaag": today()}


@_post_anders_terug("ui:dossier_teambespreking")
@pagina(BEWERKEN)
def teambespreking(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "teambespreking",
        "teambespreking",
        lambda kop, data: f.TeambesprekingFormulier(
            data, teamleden=_teamleden(kop), auto_id="teambespreking_%s"
        ),
        lambda kop, form: services.bespreek_in_team(
            actor=actor, uuid=uuid, datum=today(), aanwezigen=list(form.cleaned_data.get("aanwezigen") or [])
        ),
        "Vastgelegd: de aanwezigen kunnen vandaag de samenvatting lezen (AC-04).",
    )


@_pagina("samenvatting")
def _samenvatting(request, actor, kop: Kop, formulieren: dict) -> dict:
    _dossier, data = selectors.samenvatting(actor, kop.dossier.uuid)  # audited with the meeting's grant
    leeftijd = {
        "onder_12": "jonger dan 12",
        "12_15": "12 tot 16 jaar",
        "16_17": "16 of 17 jaar",
        "18_plus": "18+",
    }
    return {
        "samenvatting": {
            **data,
            "clienten": [
                {
                    **c,
                    "leeftijd": leeftijd.get(
                        getattr(c["leeftijdscategorie"], "value", c["leeftijdscategorie"]) or "", ""
                    ),
                }
                for c in data["clienten"]
            ],
            "zrm": [(f.ZRM_DOMEINEN.get(d, d), f.ZRM_NIVEAUS.get(n, n)) for d, n in data["zrm"].items()],
        }
    }


# --- Toewijzingen, deviation and confirmation: the leidinggevende without a content grant (AC-05) -----


def _toewijzingen_pagina(
    request, actor, dossier: Dossier, formulieren: dict | None = None, status: int = 200
):
    kop = _kop_of_niets(actor, dossier.uuid)
    formulieren = dict(formulieren or {})
    rijen = selectors.lees_toewijzingen(actor, dossier)  # audited (AU-01)
    open_ = dossier.status != policies.GESLOTEN
    if open_ and "toewijzing" not in formulieren:
        formulieren["toewijzing"] = f.ToewijzingFormulier(
            collegas=_collegas(actor, dossier.organisatie_id), auto_id="toewijzing_%s"
        )
    if (
        dossier.status == policies.GEREGISTREERD
        and dossier.afwijking_goedgekeurd_door_id is None
        and not selectors.informering_compleet(dossier)
        and "afwijking" not in formulieren
    ):
        formulieren["afwijking"] = f.AfwijkingFormulier(auto_id="afwijking_%s")
    return render(
        request,
        "ui/dossier/toewijzingen.html",
        {
            **_basis(actor, dossier, kop, "toewijzingen"),
            "toewijzingen": [
                {
                    "t": t,
                    "rol": f.ROLLEN.get(t.rol, t.rol),
                    "vanaf": t.toegang.geldig_vanaf,
                    "tot": t.toegang.geldig_tot,
                }
                for t in rijen
            ],
            "formulieren": formulieren,
            "bevestigen": dossier.status == policies.GESLOTEN and dossier.bevestigd_op is None,
            "open": open_,
        },
        status=status,
    )


def _beheer(view):
    """The leidinggevende of the dossier's organisation (AC-05); anyone else: not found."""

    @pagina(AUTORISEREN)
    def inner(request, uuid, *args, actor, **kwargs):
        if "leidinggevende" not in actor.rollen:
            return _niet_zichtbaar(request, actor)
        try:
            dossier = selectors.dossier_voor_beheer(actor, uuid)
        except NotFound:
            return _niet_zichtbaar(request, actor)
        return view(request, dossier, *args, actor=actor, **kwargs)

    return inner


@require_GET
@_beheer
def toewijzingen(request, dossier, actor):
    return _toewijzingen_pagina(request, actor, dossier)


@_post_anders_terug("ui:dossier_toewijzingen")
@_beheer
def toewijzing_nieuw(request, dossier, actor):
    form = f.ToewijzingFormulier(
        request.POST, collegas=_collegas(actor, dossier.organisatie_id), auto_id="toewijzing_%s"
    )
    if form.is_valid():
        d = form.cleaned_data
        try:
            t = services.wijs_toe(
                actor=actor,
                uuid=dossier.uuid,
                gebruiker=d["gebruiker"],
                rol=d.get("rol") or "",
                tot=d.get("tot"),
            )
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, f"{t.gebruiker.naam} is toegewezen als {f.ROLLEN[t.rol].lower()}.")
            return HttpResponseRedirect(reverse("ui:dossier_toewijzingen", args=[dossier.uuid]))
    return _toewijzingen_pagina(request, actor, dossier, {"toewijzing": form}, status=400)


@_post_anders_terug("ui:dossier_toewijzingen")
@_beheer
def toewijzing_beeindigen(request, dossier, toewijzing_uuid, actor):
    """AC-04: ending an assignment ends the grants on the dossier and its persons."""
    try:
        t = services.beeindig_toewijzing(actor=actor, uuid=dossier.uuid, toewijzing_uuid=toewijzing_uuid)
    except NotFound:
        return niet_gevonden(request)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, f"De toewijzing van {t.gebruiker.naam} is beëindigd.")
    return HttpResponseRedirect(reverse("ui:dossier_toewijzingen", args=[dossier.uuid]))


def _terug(request, actor, dossier, standaard: str) -> str:
    """Back to the dossier page the form was on, if the user may read it; else the assignments page."""
    tab = request.POST.get("terug")
    if tab in (standaard,) and selectors.dossiers_zichtbaar_voor(actor).filter(pk=dossier.pk).exists():
        return tab
    return "toewijzingen"


@_post_anders_terug("ui:dossier_toewijzingen")
@_beheer
def afwijking(request, dossier, actor):
    """DS-02: the leidinggevende approves a reason to start without the full checklist."""
    terug = _terug(request, actor, dossier, "overzicht")
    form = f.AfwijkingFormulier(request.POST, auto_id="afwijking_%s")
    if form.is_valid():
        try:
            services.keur_afwijking_goed(
                actor=actor, uuid=dossier.uuid, reden=form.cleaned_data.get("reden") or ""
            )
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(
                request, "De afwijking is goedgekeurd. Het casusteam kan het dossier starten (DS-02)."
            )
            return HttpResponseRedirect(reverse(URL[terug], args=[dossier.uuid]))
    if terug == "overzicht":
        kop = _kop(actor, dossier.uuid)
        return PAGINAS["overzicht"](request, actor, kop, {"afwijking": form}, 400)
    return _toewijzingen_pagina(request, actor, dossier, {"afwijking": form}, status=400)


@_post_anders_terug("ui:dossier_toewijzingen")
@_beheer
def bevestigen(request, dossier, actor):
    """SPEC §5 States: closed by the lead worker, confirmed by the leidinggevende."""
    terug = _terug(request, actor, dossier, "afsluiten")
    try:
        services.bevestig_afsluiting(actor=actor, uuid=dossier.uuid)
    except NotFound:
        return niet_gevonden(request)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "De sluiting van het dossier is bevestigd.")
    return HttpResponseRedirect(reverse(URL[terug], args=[dossier.uuid]))


PAGINAS: dict[str, Callable] = {
    "overzicht": _overzicht,
    "notities": _notities,
    "zrm": _zrm,
    "plan": _plan,
    "verwijzing": _verwijzing,
    "kader": _kader,
    "veiligheid": _veiligheid,
    "afsluiten": _afsluiten,
    "teambespreking": _teambespreking,
    "samenvatting": _samenvatting,
}

dossier = _toon("overzicht")
notities = _toon("notities")
zrm = _toon("zrm")
plan = _toon("plan")
verwijzing = _toon("verwijzing")
kader = _toon("kader")
veiligheid = _toon("veiligheid")
afsluiten_pagina = _toon("afsluiten")
teambespreking_pagina = _toon("teambespreking")
samenvatting = _toon("samenvatting")


# --- Zorgsignalen (outreach signals, SPEC §5 States, RT-05) ----------------------------------------


def _zorgsignaal_rij(rij) -> dict:
    w = selectors.zorgsignaal_weergave(rij)
    return {
        **w,
        "status_label": f.ZORGSIGNAAL_STATUS.get(w["status"], w["status"]),
        "ernst_label": f.ERNST.get(w["ernst"] or "", ""),
        "persoon_naam": naam(rij.persoon) if rij.persoon_id else "",
    }


@require_GET
@pagina(BEWERKEN)
def zorgsignalen(request, actor):
    """The user's outreach signals that still act (RT-05, RT-12); every shown row is a read (AU-01)."""
    qs = selectors.zorgsignalen_zichtbaar_voor(actor).order_by("-ontvangen_op", "-id")
    blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = [_zorgsignaal_rij(selectors.lees_zorgsignaal(actor, r.uuid)) for r in blad.object_list]
    return render(request, "ui/dossier/zorgsignalen.html", {"rijen": rijen, "blad": blad})


@require_http_methods(["GET", "POST"])
@pagina(BEWERKEN)
def zorgsignaal_nieuw(request, actor):
    teams = actor.gebruiker.teams.filter(organisatie_id=actor.organisatie.pk).order_by("naam")
    initial: dict = {"ontvangen_op": today()}
    if teams.count() == 1:
        initial["team"] = teams.first()
    form = f.ZorgsignaalFormulier(
        request.POST or None, initial=initial, teams=teams, personen=_zichtbare_personen(actor)
    )
    if request.method == "POST" and form.is_valid():
        try:
            rij = services.registreer_zorgsignaal(
                actor=actor, team=form.cleaned_data.get("team"), data=form.data_voor_service()
            )
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "Het zorgsignaal is vastgelegd.")
            return HttpResponseRedirect(reverse("ui:zorgsignaal", args=[rij.uuid]))
    return render(
        request,
        "ui/dossier/zorgsignaal_nieuw.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _zorgsignaal_pagina(request, actor, uuid, formulieren: dict | None = None, status: int = 200):
    try:
        rij = selectors.lees_zorgsignaal(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _geweigerd(request, actor, exc)
    formulieren = dict(formulieren or {})
    open_ = rij.status in ("ontvangen", "beoordeeld")
    if rij.status == "ontvangen" and "ernst" not in formulieren:
        formulieren["ernst"] = f.ErnstFormulier(auto_id="ernst_%s")
    if open_ and not rij.persoon_id and "koppelen" not in formulieren:
        formulieren["koppelen"] = f.KoppelFormulier(
            personen=_zichtbare_personen(actor), auto_id="koppelen_%s"
        )
    return render(
        request,
        "ui/dossier/zorgsignaal.html",
        {
            "z": _zorgsignaal_rij(rij),
            "uuid": rij.uuid,
            "formulieren": formulieren,
            "afwijzen": open_,
            "omzetten": rij.status == "beoordeeld",
            "dossier_uuid": rij.dossier.uuid if rij.dossier_id else None,
        },
        status=status,
    )


@require_GET
@pagina(BEWERKEN)
def zorgsignaal(request, uuid, actor):
    return _zorgsignaal_pagina(request, actor, uuid)


def _zorgsignaal_actie(request, actor, uuid, sleutel: str, form, uitvoeren, melding: str):
    if form.is_valid():
        try:
            uitvoeren(form.cleaned_data)
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, melding)
            return HttpResponseRedirect(reverse("ui:zorgsignaal", args=[uuid]))
    return _zorgsignaal_pagina(request, actor, uuid, {sleutel: form}, status=400)


@_post_anders_terug("ui:zorgsignaal")
@pagina(BEWERKEN)
def zorgsignaal_beoordelen(request, uuid, actor):
    return _zorgsignaal_actie(
        request,
        actor,
        uuid,
        "ernst",
        f.ErnstFormulier(request.POST, auto_id="ernst_%s"),
        lambda d: services.beoordeel_zorgsignaal(actor=actor, uuid=uuid, ernst=d.get("ernst") or ""),
        "Het zorgsignaal is beoordeeld.",
    )


@_post_anders_terug("ui:zorgsignaal")
@pagina(BEWERKEN)
def zorgsignaal_koppelen(request, uuid, actor):
    form = f.KoppelFormulier(request.POST, personen=_zichtbare_personen(actor), auto_id="koppelen_%s")
    return _zorgsignaal_actie(
        request,
        actor,
        uuid,
        "koppelen",
        form,
        lambda d: services.koppel_persoon_aan_zorgsignaal(actor=actor, uuid=uuid, persoon_uuid=d["persoon"]),
        "De persoon is aan het zorgsignaal gekoppeld.",
    )


@_post_anders_terug("ui:zorgsignaal")
@pagina(BEWERKEN)
def zorgsignaal_afwijzen(request, uuid, actor):
    """DISCARDED: kept only until its deletion date (RT-05)."""
    try:
        services.wijs_zorgsignaal_af(actor=actor, uuid=uuid)
    except NotFound:
        return niet_gevonden(request)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(
            request, "Het zorgsignaal is afgewezen. Het wordt na de bewaartermijn verwijderd (RT-05)."
        )
    return HttpResponseRedirect(reverse("ui:zorgsignaal", args=[uuid]))


@_post_anders_terug("ui:zorgsignaal")
@pagina(BEWERKEN)
def zorgsignaal_omzetten(request, uuid, actor):
    """MELDING: a dossier opens for the signal's person; the user goes straight to it."""
    try:
        nieuw = services.zet_zorgsignaal_om(actor=actor, uuid=uuid)
    except NotFound:
        return niet_gevonden(request)
    except DomainError as exc:
        messages.error(request, exc.detail)
        return HttpResponseRedirect(reverse("ui:zorgsignaal", args=[uuid]))
    messages.success(
        request,
        f"Dossier {nieuw.kenmerk} is geopend. Vertel de cliënt eerst wat er met de gegevens gebeurt (DS-02).",
    )
    return HttpResponseRedirect(reverse("ui:dossier", args=[nieuw.uuid]))
