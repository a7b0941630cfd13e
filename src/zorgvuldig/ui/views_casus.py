"""Case-table pages (SPEC §8, API §2.7): Mijn casusoverleggen, a new registration, and one page per case
with the acts of the directors and of the participants.

Thin, like the API views: every read goes through `casusoverleg.selectors` (what the viewer's place at the
table allows, CT-06, CT-12, audited) and every write through `casusoverleg.services`, which decide, audit
and refuse with a Dutch message that is shown at the form, the entered values kept; a refused act changes
nothing. Which forms a page offers follows from the same pure rules (`casusoverleg.policies`); acting
anyway gets the service's refusal. A case the user may not see answers with the same 404 page as a
missing one (DESIGN §5.2).

CT-11: the conference is confidential. No page offers an export, download or print of contributions; the
case pages are never stored by a browser or proxy (`Cache-Control: no-store`), and the print stylesheet
(`ui/casus.css`) leaves the contributions out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zorgvuldig.casusoverleg import policies, selectors, services
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.organisaties.models import Gebruiker, Organisatie
from zorgvuldig.toestemmingen import selectors as toestemmingen
from zorgvuldig.ui import forms_casus as f
from zorgvuldig.ui.forms_delen import BESLUITEN, STATUS
from zorgvuldig.ui.forms_dossier import persoon_label
from zorgvuldig.ui.toegang import geweigerd, niet_gevonden, pagina
from zorgvuldig.ui.views_delen import _ontvanger_naam
from zorgvuldig.ui.views_dossier import _collegas, _fouten, _zichtbare_personen, naam
from zorgvuldig.ui.views_vi import _post_anders_terug
from zorgvuldig.verstrekkingen import selectors as verstrekkingen

DEELNEMEN, REGISSEREN = "casusoverleg:deelnemen", "casusoverleg:regisseren"
PER_PAGINA = 25
MAX_KEUZES = 200
GESTOPT = (policies.AFGEWEZEN, policies.GESLOTEN)


def _vertrouwelijk(view):
    """CT-11: a case page is never kept by a browser or proxy (no back-button copy, no cache on disk)."""
    return functools.wraps(view)(never_cache(view))


def _niet_zichtbaar(request, actor):
    """Missing or not visible: one page, one audit entry naming the record if it exists (AU-04)."""
    return geweigerd(request, actor, activiteit=selectors.ACTIVITEIT)


def _kijker(actor, uuid) -> selectors.Kijker:
    k = selectors.kijker(actor, uuid)
    if k.zicht is None:
        raise NotFound()
    return k


def _terug(uuid, anker: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("ui:casus", args=[uuid]) + (f"#{anker}" if anker else ""))


# --- Mijn casusoverleggen ------------------------------------------------------------------------------


@_vertrouwelijk
@require_GET
@pagina(DEELNEMEN)
def casussen(request, actor):
    """The cases the user holds a place at (a grant): reference, table, phase and state — never who it is
    about; each listed row is audited (AU-01). A registrant who does not direct the case loses it once it is
    accepted (its part is done)."""
    qs = selectors.casussen_zichtbaar_voor(actor).select_related("overlegtype").order_by("-aangemaakt", "-id")
    blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = list(blad.object_list)
    selectors.lijst(actor, rijen)  # audited in its own transaction, naming each case's person (AU-01)
    return render(
        request,
        "ui/casus/lijst.html",
        {
            "rijen": [
                {
                    **selectors.lijst_weergave(c),
                    "status_label": f.STATUS.get(c.status, c.status),
                    "fase_label": f.FASEN.get(policies.FASE_VAN[c.status], ""),
                }
                for c in rijen
            ],
            "blad": blad,
            "mag_aanmelden": bool(actor.rollen & {"medewerker", "leidinggevende"}),
        },
    )


@_vertrouwelijk
@require_http_methods(["GET", "POST"])
@pagina(DEELNEMEN)
def casus_nieuw(request, actor):
    """CT-02: a case at an active table of the own organisation, about a person the user may see."""
    form = f.AanmeldingFormulier(
        request.POST or None,
        typen=selectors.typen_zichtbaar_voor(actor).filter(status="actief").order_by("naam", "id"),
        personen=_zichtbare_personen(actor),
        collegas=_collegas(actor, actor.organisatie.pk).exclude(pk=actor.gebruiker.pk),
        persoon_label=persoon_label,
        auto_id="aanmelding_%s",
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            casus = services.registreer(
                actor=actor,
                overlegtype_uuid=d.get("overlegtype") or None,
                persoon_uuid=d.get("persoon") or None,
                vraag=d.get("vraag") or "",
                procesregisseur_uuid=d.get("procesregisseur") or None,
                casusregisseur_uuid=d.get("casusregisseur") or None,
            )
        except NotFound:
            form.add_error("persoon", "Kies een persoon uit de lijst.")
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, f"Casusoverleg {casus.kenmerk} is aangemeld.")
            return HttpResponseRedirect(reverse("ui:casus", args=[casus.uuid]))
    return render(
        request, "ui/casus/nieuw.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


# --- The case page -------------------------------------------------------------------------------------


def _deelnemer_label(d: dict) -> str:
    wie = f", {d['gebruiker']}" if d.get("gebruiker") else ""
    return f"{d['organisatie']}{wie} ({f.ROLLEN_KORT.get(d['rol'], d['rol'])})"


def _deelnemers(actor, uuid) -> list[dict]:
    """The participants as this viewer may see them: an audited read (AU-01)."""
    k, rijen = selectors.lees_onderdeel(actor, uuid, "deelnemers")
    return [selectors.deelnemer_weergave(d, k) for d in rijen]


def _keuzes(deelnemers: list[dict]) -> list[tuple[str, str]]:
    return [(d["uuid"], _deelnemer_label(d)) for d in deelnemers]


def _partners(k: selectors.Kijker) -> list[Organisatie]:
    """The organisations of the table type's partners (CT-04)."""
    uuids = [p.organisatie for p in selectors.partners(k.casus.overlegtype)]
    return list(Organisatie.objects.filter(uuid__in=uuids).order_by("naam", "id"))


def _overnemers(k: selectors.Kijker) -> list[Organisatie]:
    """Who may take over at the end (CT-15): a partner of the table, or the host itself."""
    uuids = [p.organisatie for p in selectors.partners(k.casus.overlegtype)]
    return list(
        Organisatie.objects.filter(Q(uuid__in=uuids) | Q(pk=k.casus.organisatie_id)).order_by("naam", "id")
    )


def _uitnodigen_form(k: selectors.Kijker, data=None):
    """Offered: the partners not yet at the table and their professionals."""
    partners = _partners(k)
    al = set(k.casus.deelnemers.values_list("deelnemende_organisatie_id", flat=True))
    gebruikers = [
        g
        for g in Gebruiker.objects.filter(organisatie__in=partners, is_active=True)
        .select_related("organisatie")
        .order_by("organisatie__naam", "naam", "id")[:MAX_KEUZES]
        if {"medewerker", "leidinggevende"} & set(g.rollen or [])
    ]
    return f.UitnodigenFormulier(
        data,
        organisaties=[p for p in partners if p.pk not in al],
        bekend=[p.uuid for p in partners],
        gebruikers=[g for g in gebruikers if g.organisatie_id not in al],
        bekende_gebruikers=[g.uuid for g in gebruikers],
        auto_id="uitnodigen_%s",
    )


def _accepteren_form(k: selectors.Kijker, data=None):
    return f.AccepterenFormulier(data, criteria=list(k.casus.overlegtype.criteria), auto_id="accepteren_%s")


def _persoon_form(actor, data=None):
    return f.PersoonFormulier(
        data, personen=_zichtbare_personen(actor), persoon_label=persoon_label, auto_id="persoon_%s"
    )


def _betrokkenheid_form(deelnemers: list[dict], data=None, huidig: dict | None = None):
    initial = None
    if data is None and huidig is not None:
        cb = huidig.get("clientBetrokkenheid") or {}
        initial = {
            "wijze": cb.get("wijze", ""),
            "reden_niet": cb.get("redenNiet", ""),
            "informeert_client": huidig.get("informeertClient") or "",
            "deelbaar_met_client": huidig.get("deelbaarMetClient") or "",
        }
    return f.BetrokkenheidFormulier(
        data, initial=initial, deelnemers=_keuzes(deelnemers), auto_id="betrokkenheid_%s"
    )


def _eigen_toestemmingen(actor) -> list[tuple[str, str]]:
    """Given consents of the contributor's own registry it may read (CT-08), each listing audited."""
    rijen = list(
        toestemmingen.toestemmingen_zichtbaar_voor(actor)
        .filter(organisatie_id=actor.organisatie.pk, status="gegeven")
        .select_related("betrokkene")
        .order_by("-datum", "-id")[:MAX_KEUZES]
    )
    namen = toestemmingen.activiteit_namen()
    return [
        (
            str(t.uuid),
            f"{naam(t.betrokkene)}: {toestemmingen.doel_in_woorden(t, namen)} "
            f"({date_format(t.datum, 'j F Y')})",
        )
        for t in toestemmingen.lijst(actor, rijen)
    ]


def _eigen_deelbesluiten(actor, statussen) -> list[tuple[str, str]]:
    """Sharing decisions of the own registry the user may read, each listing audited."""
    rijen = list(
        verstrekkingen.deelbesluiten_zichtbaar_voor(actor)
        .filter(organisatie_id=actor.organisatie.pk, status__in=statussen)
        .select_related("ontvanger_organisatie", "dossier")
        .order_by("-aangemaakt", "-id")[:MAX_KEUZES]
    )
    return [
        (
            str(d.uuid),
            f"Aan {_ontvanger_naam(d)}: {BESLUITEN.get(d.besluit, d.besluit)}, "
            f"{STATUS.get(d.status, d.status).lower()} ({date_format(d.aangemaakt, 'j F Y')})",
        )
        for d in verstrekkingen.lees_lijst(actor, rijen)
    ]


def _bijdrage_form(actor, k: selectors.Kijker, data=None):
    return f.BijdrageFormulier(
        data,
        toestemmingen=_eigen_toestemmingen(actor),
        deelbesluiten=_eigen_deelbesluiten(actor, services.DOORSTANE_STATUSSEN),
        veiligheidszaak=k.casus.overlegtype.soort in policies.VEILIGHEIDSTAFELS,
        auto_id="bijdrage_%s",
    )


def _toedeling_form(
    k: selectors.Kijker, deelnemers: list[dict], data=None, bijdragen: list[dict] | None = None
):
    if bijdragen is None:
        bijdragen = [selectors.bijdrage_weergave(b, k) for b in selectors.zichtbare_bijdragen(k)]
    return f.ToedelingFormulier(
        data,
        deelnemers=[(d["uuid"], _deelnemer_label(d)) for d in deelnemers if d["rol"] == policies.EIGEN_TAAK],
        bekend=[d["uuid"] for d in deelnemers],
        bijdragen=[
            (b["uuid"], f.bijdrage_label(b))
            for b in bijdragen
            if b["status"] != policies.INGETROKKEN and not b["gearchiveerd"]
        ],
        auto_id="toedeling_%s",
    )


def _veiligheidsplan_form(data=None, huidig: dict | None = None):
    return f.VeiligheidsplanFormulier(
        data,
        afspraken=list(((huidig or {}).get("veiligheidsplan") or {}).get("afspraken") or []),
        auto_id="veiligheidsplan_%s",
    )


def _bijeenkomst_form(deelnemers: list[dict], data=None):
    return f.BijeenkomstFormulier(
        data, initial={"datum": today()}, deelnemers=_keuzes(deelnemers), auto_id="bijeenkomst_%s"
    )


def _actiepunt_form(deelnemers: list[dict], bijeenkomsten: list[dict], data=None):
    return f.ActiepuntFormulier(
        data,
        deelnemers=_keuzes([d for d in deelnemers if d["gebruiker"]]),
        bijeenkomsten=[
            (b["uuid"], f"Bijeenkomst van {date_format(b['datum'], 'j F Y')}") for b in bijeenkomsten
        ],
        auto_id="actiepunt_%s",
    )


def _bijeenkomsten(actor, uuid) -> list[dict]:
    """The meetings as this viewer may see them: an audited read (AU-01)."""
    return [
        selectors.bijeenkomst_weergave(b) for b in selectors.lees_onderdeel(actor, uuid, "bijeenkomsten")[1]
    ]


def _overdraagbaar(b: dict) -> bool:
    """CT-15: a contribution that can still be handed over (not withdrawn, not archived)."""
    return b["status"] != policies.INGETROKKEN and not b["gearchiveerd"]


def _afsluiten_form(k: selectors.Kijker, data=None, bijdragen: list[dict] | None = None):
    """The contributions offered for transfer are those whose contributor linked its executed decision."""
    if bijdragen is None:
        bijdragen = [selectors.bijdrage_weergave(b, k) for b in selectors.zichtbare_bijdragen(k)]
    return f.AfsluitenFormulier(
        data,
        organisaties=_overnemers(k),
        bijdragen=[
            (b["uuid"], f.bijdrage_label(b))
            for b in bijdragen
            if _overdraagbaar(b) and b["overdracht"]["gekoppeld"]
        ],
        auto_id="afsluiten_%s",
    )


def _overdragen_form(deelbesluiten: list[tuple[str, str]], b_uuid: str, data=None, huidig: str | None = None):
    return f.OverdragenFormulier(
        data,
        initial={"deelbesluit": huidig} if huidig else None,
        deelbesluiten=deelbesluiten,
        auto_id=f"overdragen-{b_uuid}-%s",
    )


def _overdragen_url(uuid, b_uuid) -> str:
    return reverse("ui:casus_bijdrage_overdragen", args=[uuid, b_uuid])


def _beperken_form(deelnemers: list[dict], b_uuid: str, data=None):
    return f.BeperkenFormulier(data, deelnemers=_keuzes(deelnemers), auto_id=f"beperken-{b_uuid}-%s")


def _open_voor_toedeling(status: str) -> bool:
    """CT-12: allocating is open while the conference runs (the same rule the service applies)."""
    return not policies.toedeling_fouten(
        ontvanger_rol=policies.EIGEN_TAAK, bijdragen_status=(), status=status, aantal=1
    )


def _pagina(request, actor, uuid, formulieren: dict | None = None, status: int = 200, fout=None):
    """The case as this viewer may see it (CT-06, CT-12), with the forms for what it may do now; the reads
    and their audit entries (AU-01, AU-09) in one transaction."""
    try:
        with transaction.atomic():
            ctx = _context(actor, uuid, dict(formulieren or {}), fout)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    return render(request, "ui/casus/casus.html", ctx, status=status)


def _context(actor, uuid, formulieren: dict, fout) -> dict[str, Any]:
    k, c = selectors.lees(actor, uuid)  # audited
    _k, rijen = selectors.lees_bijdragen(actor, uuid)  # audited
    casus = k.casus
    soort = casus.overlegtype.soort
    st = casus.status
    rollen = k.rollen
    regisseur = k.is_regisseur
    informant = k.zicht == policies.ALLEEN_VRAAG
    eigen_org = actor.organisatie.pk

    # participants, allocations, meetings and actions: each an audited read (AU-01); an informant sees
    # only its own row and its own actions (CT-06)
    deelnemers = [] if informant else _deelnemers(actor, uuid)
    labels = {d["uuid"]: _deelnemer_label(d) for d in deelnemers}

    # contributions with the acts on each (CT-03, CT-10, CT-15)
    weergaven = [selectors.bijdrage_weergave(b, k) for b in rijen]
    afgerond = policies.allocatie_afgerond(st)
    overdragen_open = st == policies.AFSCHALING
    eigen_besluiten: list[tuple[str, str]] = (
        _eigen_deelbesluiten(actor, services.UITGEVOERDE_STATUSSEN)  # audited listing
        if overdragen_open and any(w["eigen"] and _overdraagbaar(w) for w in weergaven)
        else []
    )
    besluit_labels = dict(eigen_besluiten)
    bijdragen = []
    for b, w in zip(rijen, weergaven, strict=True):
        sleutel = w["uuid"]
        eigen_open = w["eigen"] and _overdraagbaar(w) and not afgerond
        beperken = formulieren.get(f"beperken:{sleutel}")
        if beperken is None and eigen_open and not informant:
            beperken = _beperken_form(deelnemers, sleutel)
        kan_overdragen = overdragen_open and w["eigen"] and _overdraagbaar(w)
        overdragen = formulieren.get(f"overdragen:{sleutel}")
        if overdragen is None and kan_overdragen and eigen_besluiten:
            overdragen = _overdragen_form(eigen_besluiten, sleutel, huidig=w["overdracht"]["deelbesluit"])
        # CT-03: an item of an earlier phase or purpose; before the allocation only the procesregisseur and
        # its contributor see it, until the procesregisseur re-confirms it for this phase
        onbevestigd = not w["inHuidigeFase"] and _overdraagbaar(w) and st != policies.GESLOTEN
        proces = policies.PROCES in rollen
        bijdragen.append(
            {
                **w,
                "soort_label": f.BIJDRAGESOORTEN.get(w["soort"], w["soort"]),
                "bron_label": f.BRONNEN.get(w["bron"], w["bron"]),
                "grond_label": f.GRONDEN.get(w["grond"]["soort"], w["grond"]["soort"]),
                "status_label": f.BIJDRAGESTATUS.get(w["status"], w["status"]),
                "fase_label": f.FASEN.get(w["fase"], w["fase"]),
                "beperkt_tot": [labels.get(u, "") for u in b.beperkt_tot or []] if w["eigen"] else [],
                "intrekken": eigen_open,
                "beperken": beperken,
                "beperken_open": f"beperken:{sleutel}" in formulieren,
                "verborgen_voor_anderen": onbevestigd and not afgerond and (proces or w["eigen"]),
                "bevestigen": onbevestigd and proces and not afgerond,  # after allocation it changes nothing
                "overdragen": overdragen,
                "geen_besluit": kan_overdragen and overdragen is None and not w["overdracht"]["gekoppeld"],
                "overdragen_open": f"overdragen:{sleutel}" in formulieren,
                "overdragen_url": _overdragen_url(casus.uuid, sleutel) if overdragen is not None else "",
                "overdracht_label": besluit_labels.get(w["overdracht"]["deelbesluit"] or "", ""),
            }
        )
    per_uuid = {b["uuid"]: b for b in bijdragen}

    toedelingen = []
    for t in selectors.lees_onderdeel(actor, uuid, "toedelingen")[1]:
        w = selectors.toedeling_weergave(t)
        alles = regisseur or t.deelnemer.deelnemende_organisatie_id == eigen_org
        # a contributor that is not the recipient sees only its own items in it
        items = [i for i in t.items.all() if alles or i.bijdrage.organisatie_id == eigen_org]
        toedelingen.append(
            {
                **w,
                "items": [
                    {
                        "label": f.bijdrage_label(per_uuid[str(i.bijdrage.uuid)])
                        if str(i.bijdrage.uuid) in per_uuid
                        else "Een bijdrage die u niet ziet",
                        "goedgekeurd": i.goedgekeurd_op is not None,
                        "eigen": i.bijdrage.organisatie_id == eigen_org,
                    }
                    for i in items
                ],
                "goedkeuren": t.verstrekt_op is None
                and any(i.bijdrage.organisatie_id == eigen_org and i.goedgekeurd_op is None for i in items),
            }
        )

    bijeenkomst_rijen = [] if informant else _bijeenkomsten(actor, uuid)
    bijeenkomsten = [
        {**b, "aanwezig_labels": [labels.get(u, "") for u in b["aanwezig"]]} for b in bijeenkomst_rijen
    ]
    actiepunten = []
    for a in selectors.lees_onderdeel(actor, uuid, "actiepunten")[1]:
        w = selectors.actiepunt_weergave(a)
        actiepunten.append(
            {
                **w,
                "gereed_melden": w["gereedOp"] is None
                and st != policies.GESLOTEN
                and (regisseur or a.eigenaar_gebruiker_id == actor.gebruiker.pk),
            }
        )

    def zet(sleutel: str, maak: Callable[[], Any]) -> None:
        if sleutel not in formulieren:
            formulieren[sleutel] = maak()

    # the forms for what this viewer may do now (the services decide; these only choose what to offer)
    weging = c.get("weging")
    vroeg = soort == policies.VROEGSIGNALERING
    if st == policies.AANGEMELD:
        if vroeg and not weging and (regisseur or k.is_aanmelder):
            zet("wegen", lambda: f.WegenFormulier(auto_id="wegen_%s"))
        if regisseur and vroeg and weging and weging.get("agenderen") and c.get("persoon") is None:
            zet("persoon", lambda: _persoon_form(actor))
        if policies.overgang_fout(st, policies.GEACCEPTEERD, rollen) is None and (not vroeg or weging):
            zet("accepteren", lambda: _accepteren_form(k))
            zet("afwijzen", lambda: f.AfwijzenFormulier(auto_id="afwijzen_%s"))
    if regisseur and st not in GESTOPT:
        zet("uitnodigen", lambda: _uitnodigen_form(k))
        zet("betrokkenheid", lambda: _betrokkenheid_form(deelnemers, huidig=c))
        zet("bijeenkomst", lambda: _bijeenkomst_form(deelnemers))
        zet("actiepunt", lambda: _actiepunt_form(deelnemers, bijeenkomst_rijen))
    mijn = k.deelnemer
    if mijn is not None and st == policies.TRIAGE:
        zet("triage", lambda: f.TriageFormulier(auto_id="triage_%s"))
    rol = mijn.rol if mijn else None
    if policies.mag_bijdragen(rol, regisseur, st) is None:
        zet("bijdrage", lambda: _bijdrage_form(actor, k))
    if regisseur and _open_voor_toedeling(st):
        zet("toedeling", lambda: _toedeling_form(k, deelnemers, bijdragen=bijdragen))
    if policies.overgang_fout(st, policies.PLAN_VASTGESTELD, rollen) is None:
        zet("plan", lambda: f.PlanFormulier(auto_id="plan_%s"))
    veiligheidstafel = soort in policies.VEILIGHEIDSTAFELS
    if (
        veiligheidstafel
        and st not in (policies.AANGEMELD, *GESTOPT)
        and (regisseur or rol == policies.EIGEN_TAAK)
    ):
        zet("veiligheidsplan", lambda: _veiligheidsplan_form(huidig=c))
    if policies.overgang_fout(st, policies.GESLOTEN, rollen) is None:
        zet("afsluiten", lambda: _afsluiten_form(k, bijdragen=bijdragen))

    mijn_rij = selectors.deelnemer_weergave(mijn, k) if mijn is not None else None
    persoon = c.get("persoon") or {}
    ctx: dict[str, Any] = {
        "c": c,
        "uuid": casus.uuid,
        "soort_label": f.SOORTEN.get(soort, soort),
        "status_label": f.STATUS.get(st, st),
        "fase_label": f.FASEN.get(c["fase"], c["fase"]),
        "persoon": persoon,
        "informant": informant,
        "adviseur": k.zicht == policies.PSEUDONIEM,
        "mijn_rol": f.ROLLEN_KORT.get(c.get("mijnRol") or "", ""),
        "regisseur_labels": [f.REGISSEURS[r] for r in sorted(rollen)],
        "regisseur": regisseur,
        "veiligheidstafel": veiligheidstafel,
        "criteria": [(crit, "Ja" if ok else "Nee") for crit, ok in (c.get("criteriaToets") or {}).items()],
        "informeert_label": labels.get(c.get("informeertClient") or "", ""),
        "deelnemers": [{**d, "label": _deelnemer_label(d)} for d in deelnemers],
        "mijn_rij": mijn_rij,
        "toon_triage": mijn_rij is not None and (st == policies.TRIAGE or mijn_rij["bekend"] is not None),
        "bijdragen": bijdragen,
        "toedelingen": toedelingen,
        "bijeenkomsten": bijeenkomsten,
        "actiepunten": actiepunten,
        "fase_knoppen": [  # only the plain transitions of services.ga_naar
            (naar, knop)
            for naar, knop in f.FASE_KNOPPEN.items()
            if naar in services.EENVOUDIGE_OVERGANGEN and policies.overgang_fout(st, naar, rollen) is None
        ],
        "formulieren": formulieren,
        "fout": [fout.detail, *[p.reason for p in fout.invalid_params if p.reason != fout.detail]]
        if fout
        else None,
        "gesloten": st == policies.GESLOTEN,
        "toon_intake": bool(
            c.get("criteriaToets")
            or c.get("advies")
            or weging
            or c.get("clientGeinformeerd") is not None
            or {"wegen", "persoon", "accepteren"} & set(formulieren)
        ),
    }
    return ctx


@_vertrouwelijk
@require_GET
@pagina(DEELNEMEN)
def casus(request, uuid, actor):
    return _pagina(request, actor, uuid)


# --- the generic acts: a form, or a single button --------------------------------------------------------


def _verwerk(
    request,
    actor,
    uuid,
    sleutel: str,
    maak: Callable[[selectors.Kijker, Any], Any],
    uitvoeren: Callable[[selectors.Kijker, Any], Any],
    melding: str | Callable[[Any], str],
    anker: str = "",
):
    """POST of a form on the case page: the form, the service, then back to the page with a message; a
    refusal re-shows the page with the entered values and the Dutch reasons (status 400), and changes
    nothing."""
    try:
        k = _kijker(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    form = maak(k, request.POST)
    if form.is_valid():
        try:
            resultaat = uitvoeren(k, form)
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, melding(resultaat) if callable(melding) else melding)
            return _terug(uuid, anker)
    return _pagina(request, actor, uuid, {sleutel: form}, 400)


def _knop(request, actor, uuid, uitvoeren: Callable[[], Any], melding: str, anker: str = ""):
    """A one-button act: done, or the page again with the service's Dutch refusal on top."""
    try:
        uitvoeren()
    except NotFound:
        return niet_gevonden(request)
    except DomainError as exc:
        return _pagina(request, actor, uuid, status=400, fout=exc)
    messages.success(request, melding)
    return _terug(uuid, anker)


def _actie(scope: str):
    """Decorators of every act: confidential, POST only (a GET goes back to the page), the scope."""

    def decorator(view):
        return _vertrouwelijk(_post_anders_terug("ui:casus")(pagina(scope)(view)))

    return decorator


# --- Intake (CT-02, CT-07) --------------------------------------------------------------------------------


@_actie(REGISSEREN)
def accepteren(request, uuid, actor):
    def uitvoeren(k, form):
        d = form.cleaned_data
        return services.accepteer(
            actor=actor,
            uuid=uuid,
            criteria_toets=form.criteria_toets(),
            client_geinformeerd=f.ja_nee(d.get("client_geinformeerd")) is True,
            uitzondering_reden=d.get("uitzondering_reden") or "",
        )

    return _verwerk(
        request,
        actor,
        uuid,
        "accepteren",
        _accepteren_form,
        uitvoeren,
        "De aanmelding is geaccepteerd (CT-02).",
    )


@_actie(REGISSEREN)
def afwijzen(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "afwijzen",
        lambda k, data: f.AfwijzenFormulier(data, auto_id="afwijzen_%s"),
        lambda k, form: services.wijs_af(
            actor=actor, uuid=uuid, advies=form.cleaned_data.get("advies") or ""
        ),
        "De aanmelding is afgewezen. Het advies is vastgelegd voor de aanmelder (CT-02).",
    )


@_actie(DEELNEMEN)
def wegen(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "wegen",
        lambda k, data: f.WegenFormulier(data, auto_id="wegen_%s"),
        lambda k, form: services.weeg(
            actor=actor,
            uuid=uuid,
            agenderen=f.ja_nee(form.cleaned_data.get("agenderen")),
            advies=form.cleaned_data.get("advies") or "",
        ),
        "De weging is vastgelegd (CT-02).",
    )


@_actie(REGISSEREN)
def persoon(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "persoon",
        lambda k, data: _persoon_form(actor, data),
        lambda k, form: services.wijzig(
            actor=actor, uuid=uuid, data={"persoon": form.cleaned_data.get("persoon") or None}
        ),
        "De persoon is vastgelegd.",
    )


@_actie(REGISSEREN)
def fase(request, uuid, actor):
    """The plain transitions (triage, agenderen, starten, monitoren, herzien, afschalen); accepting,
    adopting the plan and closing have their own forms."""
    naar = request.POST.get("naar", "")
    if naar not in f.FASE_KNOPPEN or naar not in services.EENVOUDIGE_OVERGANGEN:
        try:
            _kijker(actor, uuid)
        except NotFound:
            return _niet_zichtbaar(request, actor)
        return _pagina(
            request, actor, uuid, status=400, fout=DomainError("E_INVALID_INPUT", "Kies een van de stappen.")
        )
    return _knop(
        request,
        actor,
        uuid,
        lambda: services.ga_naar(actor=actor, uuid=uuid, naar=naar),
        f"Het overleg staat nu op: {f.STATUS[naar].lower()}.",
        "regie",
    )


# --- Participants (CT-04 … CT-07, CT-13) --------------------------------------------------------------------


@_actie(REGISSEREN)
def uitnodigen(request, uuid, actor):
    def uitvoeren(k, form):
        d = form.cleaned_data
        return services.nodig_uit(
            actor=actor,
            uuid=uuid,
            organisatie_uuid=d.get("organisatie") or None,
            gebruiker_uuid=d.get("gebruiker") or None,
            rol=d.get("rol") or "",
            reden=d.get("reden") or "",
            vraag=d.get("vraag") or "",
        )

    return _verwerk(
        request,
        actor,
        uuid,
        "uitnodigen",
        _uitnodigen_form,
        uitvoeren,
        lambda d: f"{d.deelnemende_organisatie.naam} is uitgenodigd als {f.ROLLEN_ALS[d.rol]} (CT-04).",
        "deelnemers",
    )


@_actie(REGISSEREN)
def betrokkenheid(request, uuid, actor):
    """CT-07, CT-13: a PATCH of only what changed."""

    def uitvoeren(k, form):
        wijzigingen = form.wijzigingen(selectors.weergave(k))
        if not wijzigingen:
            return None
        return services.wijzig(actor=actor, uuid=uuid, data=wijzigingen)

    return _verwerk(
        request,
        actor,
        uuid,
        "betrokkenheid",
        lambda k, data: _betrokkenheid_form(_deelnemers(actor, uuid), data),
        uitvoeren,
        lambda r: (
            "Vastgelegd hoe de cliënt betrokken en geïnformeerd wordt (CT-07, CT-13)."
            if r is not None
            else "Er is niets gewijzigd."
        ),
        "client",
    )


@_actie(DEELNEMEN)
def triage(request, uuid, actor):
    """CT-05: only whether the party knows the person, and a contact."""

    def uitvoeren(k, form):
        return services.beantwoord_triage(
            actor=actor,
            uuid=uuid,
            deelnemer_uuid=k.deelnemer.uuid if k.deelnemer else None,
            antwoord=form.antwoord(),
        )

    return _verwerk(
        request,
        actor,
        uuid,
        "triage",
        lambda k, data: f.TriageFormulier(data, auto_id="triage_%s"),
        uitvoeren,
        "Uw antwoord op de triagevraag is vastgelegd (CT-05).",
        "triage",
    )


# --- Contributions (CT-03, CT-08 … CT-10) -------------------------------------------------------------------


@_actie(DEELNEMEN)
def bijdrage_nieuw(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "bijdrage",
        lambda k, data: _bijdrage_form(actor, k, data),
        lambda k, form: services.breng_in(actor=actor, uuid=uuid, data=form.data_voor_service()),
        "Uw bijdrage is ingebracht.",
        "bijdragen",
    )


@_actie(DEELNEMEN)
def bijdrage_intrekken(request, uuid, bijdrage_uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        lambda: services.trek_bijdrage_in(actor=actor, uuid=uuid, bijdrage_uuid=bijdrage_uuid),
        "Uw bijdrage is ingetrokken. De andere deelnemers zien haar niet meer (CT-10).",
        "bijdragen",
    )


@_actie(DEELNEMEN)
def bijdrage_beperken(request, uuid, bijdrage_uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        f"beperken:{bijdrage_uuid}",
        lambda k, data: _beperken_form(_deelnemers(actor, uuid), str(bijdrage_uuid), data),
        lambda k, form: services.trek_bijdrage_in(
            actor=actor,
            uuid=uuid,
            bijdrage_uuid=bijdrage_uuid,
            beperk_tot=list(form.cleaned_data.get("beperk_tot") or []),
        ),
        "Uw bijdrage is beperkt tot de gekozen deelnemers (CT-10).",
        "bijdragen",
    )


def _overdragen(request, uuid, bijdrage_uuid, actor):
    """CT-10, CT-15: the contributor links its own executed sharing decision to its contribution."""
    return _verwerk(
        request,
        actor,
        uuid,
        f"overdragen:{bijdrage_uuid}",
        lambda k, data: _overdragen_form(
            _eigen_deelbesluiten(actor, services.UITGEVOERDE_STATUSSEN), str(bijdrage_uuid), data
        ),
        lambda k, form: services.koppel_overdracht(
            actor=actor,
            uuid=uuid,
            bijdrage_uuid=bijdrage_uuid,
            deelbesluit_uuid=form.cleaned_data.get("deelbesluit") or None,
        ),
        "Het deelbesluit is gekoppeld. De regisseur kan uw bijdrage nu overdragen bij het sluiten (CT-15).",
        "bijdragen",
    )


@_actie(DEELNEMEN)
def bijdrage_overdragen(request, uuid, bijdrage_uuid, actor):
    return _overdragen(request, uuid, bijdrage_uuid, actor)


@_actie(REGISSEREN)
def bijdrage_bevestigen(request, uuid, bijdrage_uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        lambda: services.bevestig_bijdrage(actor=actor, uuid=uuid, bijdrage_uuid=bijdrage_uuid),
        "De bijdrage is bevestigd voor deze fase (CT-03).",
        "bijdragen",
    )


# --- Allocation and the plan (CT-12, CT-13) -----------------------------------------------------------------


@_actie(REGISSEREN)
def toedeling_nieuw(request, uuid, actor):
    def uitvoeren(k, form):
        d = form.cleaned_data
        return services.deel_toe(
            actor=actor,
            uuid=uuid,
            deelnemer_uuid=d.get("deelnemer") or None,
            bijdragen=list(d.get("bijdragen") or []),
        )

    return _verwerk(
        request,
        actor,
        uuid,
        "toedeling",
        lambda k, data: _toedeling_form(k, _deelnemers(actor, uuid), data),
        uitvoeren,
        lambda t: (
            "De toedeling is vastgelegd."
            + (
                " De gegevens zijn verstrekt (CT-12)."
                if t.verstrekt_op
                else " De inbrengers keuren haar nu goed (CT-10)."
            )
        ),
        "toedeling",
    )


@_actie(DEELNEMEN)
def toedeling_goedkeuren(request, uuid, toedeling_uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        lambda: services.keur_toedeling_goed(actor=actor, uuid=uuid, toedeling_uuid=toedeling_uuid),
        "U heeft het hergebruik van uw bijdragen goedgekeurd (CT-10, CT-12).",
        "toedeling",
    )


@_actie(REGISSEREN)
def plan(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "plan",
        lambda k, data: f.PlanFormulier(data, auto_id="plan_%s"),
        lambda k, form: services.stel_vast(actor=actor, uuid=uuid, plan=form.cleaned_data.get("plan") or ""),
        "Het plan is vastgesteld. Elke deelnemer ziet nu alleen wat aan hem is toegedeeld (CT-12).",
        "toedeling",
    )


@_actie(DEELNEMEN)
def veiligheidsplan(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "veiligheidsplan",
        lambda k, data: _veiligheidsplan_form(data),
        lambda k, form: services.stel_veiligheidsplan_bij(actor=actor, uuid=uuid, afspraken=form.afspraken()),
        "Het veiligheidsplan is bijgesteld (CT-14).",
        "veiligheidsplan",
    )


# --- Meetings and actions -----------------------------------------------------------------------------------


@_actie(REGISSEREN)
def bijeenkomst_nieuw(request, uuid, actor):
    def uitvoeren(k, form):
        d = form.cleaned_data
        return services.leg_bijeenkomst_vast(
            actor=actor,
            uuid=uuid,
            datum=d["datum"],
            agenda=form.regels("agenda"),
            aanwezig=list(d.get("aanwezig") or []),
            besluiten=form.regels("besluiten"),
        )

    return _verwerk(
        request,
        actor,
        uuid,
        "bijeenkomst",
        lambda k, data: _bijeenkomst_form(_deelnemers(actor, uuid), data),
        uitvoeren,
        "De bijeenkomst is vastgelegd.",
        "bijeenkomsten",
    )


@_actie(REGISSEREN)
def actiepunt_nieuw(request, uuid, actor):
    def uitvoeren(k, form):
        d = form.cleaned_data
        return services.maak_actiepunt(
            actor=actor,
            uuid=uuid,
            omschrijving=d.get("omschrijving") or "",
            deadline=d["deadline"],
            deelnemer_uuid=d.get("deelnemer") or None,
            bijeenkomst_uuid=d.get("bijeenkomst") or None,
        )

    return _verwerk(
        request,
        actor,
        uuid,
        "actiepunt",
        lambda k, data: _actiepunt_form(_deelnemers(actor, uuid), _bijeenkomsten(actor, uuid), data),
        uitvoeren,
        "Het actiepunt is vastgelegd.",
        "bijeenkomsten",
    )


@_actie(DEELNEMEN)
def actiepunt_gereed(request, uuid, actiepunt_uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        lambda: services.rond_actiepunt_af(actor=actor, uuid=uuid, actiepunt_uuid=actiepunt_uuid),
        "Het actiepunt is gereed gemeld.",
        "bijeenkomsten",
    )


# --- Closing (CT-15, RT-08) ---------------------------------------------------------------------------------


@_actie(REGISSEREN)
def afsluiten(request, uuid, actor):
    return _verwerk(
        request,
        actor,
        uuid,
        "afsluiten",
        lambda k, data: _afsluiten_form(k, data),
        lambda k, form: services.sluit_af(
            actor=actor,
            uuid=uuid,
            overnemende_partij_uuid=form.cleaned_data.get("overnemende_partij") or None,
            overdracht=form.overdrachten(),
        ),
        "Het overleg is gesloten. De deelnemers kunnen het niet meer openen; het dossier wordt bewaard tot "
        "de bewaartermijn verloopt (CT-15).",
        "afsluiten",
    )
