"""Verwijsindex pages (SPEC §4, API §2.3): own signals and matches, the signal form with its justification,
the signal and match pages with their actions, and the verwijsindex part of the dashboard.

Thin, like the API: every read goes through `verwijsindex.selectors` (need-to-know, VI-01, VI-17) and
every write through `verwijsindex.services`, which decide, audit and refuse with a Dutch message. There is
no search and no browse (VI-01). A signal or match the user may not see answers with the same 404 page as
a missing one (DESIGN §5.2)."""

from __future__ import annotations

import datetime as dt
import functools

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.views.decorators.http import require_GET, require_http_methods

from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.organisaties.selectors import gebruikers_voor
from zorgvuldig.ui.forms_vi import (
    BETROKKENEN,
    INFO_METHODEN,
    UITKOMSTEN,
    VELDNAMEN,
    VIER_VRAGEN,
    AfstemmenFormulier,
    InformerenFormulier,
    OverdrachtFormulier,
    SignaalFormulier,
    ZorgcoordinatorFormulier,
)
from zorgvuldig.ui.toegang import geweigerd, niet_gevonden, pagina
from zorgvuldig.ui.views_beheer import _fouten_naar_formulier
from zorgvuldig.verwijsindex import policies, selectors, services

SIGNAAL_SCOPE = "signaal:registreren|signaal:beheren"
PER_PAGINA = 20

STATUS = {
    policies.CONCEPT: "Concept: nog niet in de verwijsindex",
    policies.ACTIEF: "Actief",
    policies.INGETROKKEN: "Ingetrokken",
    policies.VERLOPEN: "Verlopen",
}
WIJZE = {"gesprek": "in een gesprek", "telefonisch": "telefonisch", "schriftelijk": "schriftelijk"}
NIEUWE_MATCH = (
    "Verwijsindex: uw signaal heeft een match. Neem eerst contact op met de andere signaleerder(s)."
)
NOTITIE = {
    "nieuw": NIEUWE_MATCH,
    "signaal": NIEUWE_MATCH,
    "overdracht": "Verwijsindex: een signaal in uw match is overgedragen; de contactgegevens zijn gewijzigd.",
    "zorgcoordinator": "Verwijsindex: u bent aangewezen als zorgcoördinator in een match (VI-15).",
    "zc_vervangen": "Verwijsindex: in uw match is een andere zorgcoördinator aangewezen (VI-15).",
}


def _post_anders_terug(pagina_naam: str):
    """An action URL opened with GET (reload after an error, a typed or bookmarked link) goes back to
    its page, which checks visibility itself, instead of showing a bare 405."""

    def decorator(view):
        @require_http_methods(["GET", "POST"])
        @functools.wraps(view)
        def inner(request, uuid, *args, **kwargs):
            if request.method == "GET":
                return HttpResponseRedirect(reverse(pagina_naam, args=[uuid]))
            return view(request, uuid, *args, **kwargs)

        return inner

    return decorator


def _niet_zichtbaar(request, actor):
    """Missing or not visible: one page, one audit entry naming the record if it exists (AU-04)."""
    return geweigerd(request, actor, activiteit=services.ACTIVITEIT)


def _datum(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None


def _moment(waarde: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(waarde) if waarde else None


def _datum_tijd(moment: dt.datetime) -> str:
    return date_format(localtime(moment), "j F Y, H:i") + " uur"


def _uuid_uit_url(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _eigen_signalen(w: dict) -> list[str]:
    """The uuids of the actor's own signals in a match representation (VI-11: only these carry one)."""
    return [_uuid_uit_url(d["signaal"]) for d in w["deelnemers"] if d["eigen"]]


def _kenmerk(w: dict, kenmerken: dict) -> dict | None:
    """M12: the match labelled by the own signal's BSN (as "Mijn signalen"), never by another's."""
    eigen = [kenmerken[u] for u in _eigen_signalen(w) if u in kenmerken]
    if not eigen:
        return None
    return {
        "bsn": ", ".join(dict.fromkeys(k["bsn"] for k in eigen)),
        "tijdstip": min(k["tijdstip"] for k in eigen),
    }


# --- overview (VI-01) ------------------------------------------------------------------------------


@require_GET
@pagina(SIGNAAL_SCOPE)
def overzicht(request, actor):
    """Own signals (the leidinggevende: the organisation's) and own matches. Nothing else: no search box,
    no list of other organisations' signals (VI-01)."""
    qs = (
        selectors.signalen_zichtbaar_voor(actor)
        .select_related("signaleerder", "organisatie")
        .order_by("-aangemaakt", "-pk")
    )
    blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    signalen = list(blad.object_list)
    selectors.log_inzage(actor, signalen)
    rijen = []
    for s in signalen:
        w = selectors.signaal_weergave(s, request.build_absolute_uri)
        rijen.append(
            {
                "w": w,
                "uuid": s.uuid,
                "status": STATUS.get(w["status"], w["status"]),
                "tijdstip": _moment(w["signaleringstijdstip"]),
                "verwijderdatum": _datum(w["verwijderdatum"]),
                "eigen": s.signaleerder_id == actor.gebruiker.pk,
            }
        )
    matches = selectors.matches_zichtbaar_voor(actor)
    selectors.log_match_inzage(actor, matches)
    weergaven = [(m, selectors.match_weergave(m, actor, request.build_absolute_uri)) for m in matches]
    kenmerken = selectors.eigen_kenmerken(actor, [u for _m, w in weergaven for u in _eigen_signalen(w)])
    match_rijen = []
    for m, w in weergaven:
        match_rijen.append(
            {
                "uuid": m.uuid,
                "eigen": _kenmerk(w, kenmerken),
                "status": policies.match_fase(
                    w["status"],
                    zorgcoordinator=bool(w["zorgcoordinator"]),
                    geinformeerd=bool(w["jongereGeinformeerd"]),
                ),
                "anderen": [d for d in w["deelnemers"] if not d["eigen"]],
                "aangemaakt": _moment(w["aangemaakt"]),
                "uiterlijk": _datum(w["informerenUiterlijk"]),
                "geinformeerd": w["jongereGeinformeerd"] is not None,
            }
        )
    return render(
        request,
        "ui/vi/overzicht.html",
        {
            "signalen": rijen,
            "blad": blad,
            "matches": match_rijen,
            "leidinggevende": actor.heeft("signaal:beheren"),
            "mag_signaleren": actor.heeft("signaal:registreren"),
            "vandaag": today(),
        },
    )


# --- giving a signal (VI-02 … VI-09) ---------------------------------------------------------------


def _signaalformulier(actor, data=None, **kwargs) -> SignaalFormulier:
    profiel = actor.organisatie.profiel
    return SignaalFormulier(
        data,
        regels=services.profiel_regels(actor.organisatie),
        extra=list(profiel.extra_criteria or []) if profiel is not None else [],
        **kwargs,
    )


def _formuliercontext(actor, form: SignaalFormulier, **extra) -> dict:
    profiel = actor.organisatie.profiel
    vandaag = today()
    waarschuwing = None
    if not selectors.is_ondertekenaar(actor.organisatie.pk, vandaag):
        waarschuwing = (
            "Uw organisatie is nu niet toegetreden tot een actief convenant voor de verwijsindex. "
            "Signaleren kan daardoor niet (AC-01)."
        )
    elif not form.regels.meldrecht:
        waarschuwing = "Het profiel van uw organisatie kent geen meldrecht; signaleren kan niet (VI-05)."
    return {
        "form": form,
        "regels": form.regels,
        "meldrecht": profiel.meldrecht_bepaling if profiel is not None else "",
        "termijn": profiel.vi_term_months if profiel is not None else policies.TERMIJN_MAANDEN,
        "waarschuwing": waarschuwing,
        **extra,
    }


def _fouten_op_formulier(form: SignaalFormulier, exc: DomainError) -> None:
    """The service's Dutch reasons next to the fields they concern (API names → form fields). The four
    questions (VI-06) carry one reason: it goes to each question not answered yes."""
    rest = []
    for p in exc.invalid_params:
        doel = VELDNAMEN.get(p.name, p.name)
        if isinstance(doel, tuple):
            open_vragen: list[str | None] = [v for v in doel if v in form.fields and form.data.get(v) != "ja"]
            for veld in open_vragen or [None]:
                form.add_error(veld, p.reason)
        else:
            rest.append(p)
    if rest or not exc.invalid_params:
        _fouten_naar_formulier(
            form,
            DomainError(exc.code, exc.detail, rest),
            {k: v for k, v in VELDNAMEN.items() if isinstance(v, str)},
        )


def _fouten_met_melding(form, exc: DomainError) -> None:
    """Small forms: the service's message on top, its reasons at the fields."""
    if exc.invalid_params:
        form.add_error(None, exc.detail)
    _fouten_naar_formulier(form, exc)


@require_http_methods(["GET", "POST"])
@pagina("signaal:registreren")
def signaal_afgeven(request, actor):
    form = _signaalformulier(actor, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signaal = services.geef_signaal_af(
                actor=actor,
                velden={"bsn": form.cleaned_data.get("bsn") or ""},
                verantwoording=form.verantwoording(),
            )
        except DomainError as exc:
            _fouten_op_formulier(form, exc)
        else:
            messages.success(request, "Uw signaal staat in de verwijsindex.")
            return HttpResponseRedirect(reverse("ui:vi_signaal", args=[signaal.uuid]))
    return render(
        request,
        "ui/vi/signaal_afgeven.html",
        _formuliercontext(actor, form),
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@pagina("signaal:registreren")
def vier_vragen(request, actor):
    """htmx: the four questions (VI-06) appear when agreement was refused or impossible to seek. Only the
    chosen outcome travels in the URL, never anything typed."""
    form = _signaalformulier(actor, initial={"instemming_uitkomst": request.GET.get("instemming_uitkomst")})
    return render(request, "ui/vi/_vier_vragen.html", {"form": form})


@require_http_methods(["GET", "POST"])
@pagina("signaal:registreren")
def concept_afmaken(request, uuid, actor):
    """A draft (for instance made by a partner system through the API) is finished here rather than
    replaced by a new one; a refusal leaves the draft as it was."""
    try:
        signaal = selectors.signaal_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    if signaal.signaleerder_id != actor.gebruiker.pk:  # only the signaler activates (as the service)
        return _niet_zichtbaar(request, actor)
    if signaal.status != policies.CONCEPT:
        return HttpResponseRedirect(reverse("ui:vi_signaal", args=[signaal.uuid]))
    form = _signaalformulier(actor, request.POST or None, met_bsn=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.activeer_signaal(actor=actor, uuid=uuid, verantwoording=form.verantwoording())
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten_op_formulier(form, exc)
        else:
            messages.success(request, "Uw signaal staat in de verwijsindex.")
            return HttpResponseRedirect(reverse("ui:vi_signaal", args=[signaal.uuid]))
    return render(
        request,
        "ui/vi/signaal_afgeven.html",
        _formuliercontext(actor, form, concept=signaal),
        status=400 if request.method == "POST" else 200,
    )


# --- one signal (VI-16, VI-17, VI-24) --------------------------------------------------------------


def _overdrachtformulier(actor, signaal, data=None) -> OverdrachtFormulier:
    """The organisation's mandated professionals only: a signal goes to a colleague who may hold it
    (VI-24, AC-08); the service checks again."""
    vandaag = today()
    kandidaten = (
        gebruikers_voor(actor.gebruiker)
        .filter(organisatie=actor.organisatie, is_active=True)
        .exclude(pk=signaal.signaleerder_id)
        .prefetch_related("mandaten")
    )
    professionals = [g.pk for g in kandidaten if {"medewerker", "leidinggevende"} & set(g.rollen or [])]
    gemandateerd = {
        g.pk for g in kandidaten.filter(pk__in=professionals) if selectors.is_gemandateerd(g, vandaag)
    }
    return OverdrachtFormulier(
        data, collegas=kandidaten.filter(pk__in=gemandateerd), gemandateerd=gemandateerd
    )


def _signaal_pagina(request, actor, signaal, overdracht=None, status=200):
    selectors.log_inzage(actor, [signaal])
    w = selectors.signaal_weergave(signaal, request.build_absolute_uri)
    vandaag = today()
    eigen = signaal.signaleerder_id == actor.gebruiker.pk
    leiding = actor.heeft("signaal:beheren") and signaal.organisatie_id == actor.organisatie.pk
    actief = w["status"] == policies.ACTIEF
    verwijderdatum = _datum(w["verwijderdatum"])
    verlengbaar = bool(
        actief
        and verwijderdatum
        and verwijderdatum - dt.timedelta(days=policies.VERLENGVENSTER_DAGEN) <= vandaag < verwijderdatum
    )
    match_uuid = None
    if signaal.match_id and eigen:
        match_uuid = next(
            (m.uuid for m in selectors.matches_zichtbaar_voor(actor) if m.pk == signaal.match_id), None
        )
    if leiding and actief and overdracht is None:
        overdracht = _overdrachtformulier(actor, signaal)
    return render(
        request,
        "ui/vi/signaal.html",
        {
            "w": w,
            "uuid": signaal.uuid,
            "status": STATUS.get(w["status"], w["status"]),
            "concept": w["status"] == policies.CONCEPT,
            "eigen": eigen,
            "tijdstip": _moment(w["signaleringstijdstip"]),
            "verwijderdatum": verwijderdatum,
            "verlengbaar": verlengbaar,
            "venster_vanaf": verwijderdatum - dt.timedelta(days=policies.VERLENGVENSTER_DAGEN)
            if verwijderdatum
            else None,
            "match_uuid": match_uuid,
            "heeft_match": w["match"] is not None,
            "verantwoording_zichtbaar": (eigen or leiding) and w["status"] != policies.CONCEPT,
            "overdracht": overdracht if (leiding and actief) else None,
            "overdrachten": [{**o, "datum": _datum(o["datum"])} for o in w["overdrachten"]],
        },
        status=status,
    )


@require_GET
@pagina(SIGNAAL_SCOPE)
def signaal(request, uuid, actor):
    """The link in the match e-mail (VI-11). Ended signals are invisible to everyone (VI-17)."""
    try:
        s = selectors.signaal_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    return _signaal_pagina(request, actor, s)


@require_GET
@pagina(SIGNAAL_SCOPE)
def verantwoording(request, uuid, actor):
    """The justification: the signaler and the own leidinggevende only; it is not in the index."""
    try:
        v = selectors.verantwoording_voor(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    profiel = actor.organisatie.profiel
    extra = {e.get("code"): e.get("omschrijving") for e in (profiel.extra_criteria if profiel else []) or []}
    instemming = v.get("instemming") or {}
    vragen = v.get("vierVragen") or {}
    info = v.get("informatieplicht") or {}
    risico = v.get("risicobespreking") or {}
    betrokken = {k: w[:1].lower() + w[1:] for k, w in BETROKKENEN}  # inside a sentence: "met de jongere"
    return render(
        request,
        "ui/vi/verantwoording.html",
        {
            "uuid": uuid,
            "geboortedatum": _datum(v.get("geboortedatum")),
            "criteria": [f"({c}) {policies.CRITERIA.get(c, '')}" for c in v.get("criteria") or []],
            "extra": [extra.get(c) or c for c in v.get("extraCriteria") or []],
            "vermoeden": v.get("vermoeden", ""),
            "instemming": {
                "uitkomst": dict(UITKOMSTEN).get(instemming.get("uitkomst"), ""),
                "met": [betrokken.get(m, m) for m in instemming.get("met") or []],
                "datum": _datum(instemming.get("datum")),
                "reden": instemming.get("redenOnmogelijk", ""),
            }
            if instemming
            else None,
            "vragen": [
                {
                    "vraag": label,
                    "antwoord": {True: "Ja", False: "Nee"}.get(vragen.get(api), "Niet beantwoord"),
                }
                for api, label, _uitleg in VIER_VRAGEN.values()
            ]
            if vragen
            else None,
            "toelichting": vragen.get("toelichting", ""),
            "info": {
                "methode": INFO_METHODEN.get(info.get("methode"), ""),
                "datum": _datum(info.get("datum")),
            },
            "risico": {
                "met": [betrokken.get(m, m) for m in risico.get("met") or []],
                "datum": _datum(risico.get("datum")),
                "reden_niet": risico.get("redenNiet", ""),
            },
        },
    )


@_post_anders_terug("ui:vi_signaal")
@pagina(SIGNAAL_SCOPE)
def verlengen(request, uuid, actor):
    """VI-16: the service decides whether the extension is allowed now (last 30 days, age limit)."""
    try:
        s = services.verleng_signaal(actor=actor, uuid=uuid)
    except NotFound:
        return niet_gevonden(request)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        nieuw = date_format(s.verwijderdatum, "j F Y") if s.verwijderdatum else ""
        messages.success(request, f"Het signaal is verlengd. De nieuwe verwijderdatum is {nieuw}.")
    return HttpResponseRedirect(reverse("ui:vi_signaal", args=[uuid]))


@require_http_methods(["GET", "POST"])
@pagina(SIGNAAL_SCOPE)
def intrekken(request, uuid, actor):
    """Withdrawal any time (VI-16), after a confirmation step: from then on the signal is gone for
    everyone, the signaler too (VI-17)."""
    if request.method == "POST":
        try:
            services.trek_signaal_in(actor=actor, uuid=uuid)
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            messages.error(request, exc.detail)
            return HttpResponseRedirect(reverse("ui:vi_signaal", args=[uuid]))
        messages.success(request, "Het signaal is ingetrokken. Het staat niet meer in de verwijsindex.")
        return HttpResponseRedirect(reverse("ui:vi_overzicht"))
    try:
        s = selectors.signaal_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    selectors.log_inzage(actor, [s])
    w = selectors.signaal_weergave(s, request.build_absolute_uri)
    return render(
        request,
        "ui/vi/intrekken.html",
        {
            "w": w,
            "uuid": s.uuid,
            "concept": w["status"] == policies.CONCEPT,
            "heeft_match": w["match"] is not None,
        },
    )


@_post_anders_terug("ui:vi_signaal")
@pagina("signaal:beheren")
def overdragen(request, uuid, actor):
    """VI-24: the leidinggevende hands an active signal to a mandated colleague; the service refuses
    anyone else. Dates stay the same; match partners get a new notice."""
    try:
        s = selectors.signaal_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    form = _overdrachtformulier(actor, s, request.POST)
    if form.is_valid():
        naar = form.cleaned_data["naar"]
        try:
            services.draag_over(actor=actor, uuid=uuid, naar=naar, reden=form.cleaned_data["reden"])
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten_met_melding(form, exc)
        else:
            messages.success(request, f"Het signaal is overgedragen aan {naar.naam}.")
            return HttpResponseRedirect(reverse("ui:vi_signaal", args=[uuid]))
    return _signaal_pagina(request, actor, s, overdracht=form, status=400)


# --- one match (VI-11 … VI-15) ---------------------------------------------------------------------


def _deelnemers(actor, w: dict) -> list[dict]:
    """The match's participants as the forms offer them: the own entry named as the user, every other
    exactly its VI-11 contact set."""
    uit = []
    for d in w["deelnemers"]:
        if d["eigen"]:
            label = f"uzelf ({actor.gebruiker.naam}, {actor.organisatie.naam})"
            uit.append({**d, "label": label, "signaal_uuid": _uuid_uit_url(d["signaal"])})
        else:
            uit.append({**d, "label": f"{d['naam']} ({d['organisatie']})"})
    return uit


FORMULIEREN = {
    "afstemmen": AfstemmenFormulier,
    "zorgcoordinator": ZorgcoordinatorFormulier,
    "informeren": InformerenFormulier,
}


def _match_pagina(request, actor, match, formulieren: dict | None = None, status=200):
    selectors.log_match_inzage(actor, [match])
    w = selectors.match_weergave(match, actor, request.build_absolute_uri)
    kenmerk = _kenmerk(w, selectors.eigen_kenmerken(actor, _eigen_signalen(w)))
    deelnemers = _deelnemers(actor, w)
    labels = {d["uuid"]: d["label"] for d in deelnemers}
    formulieren = dict(formulieren or {})
    contact = w["status"] == policies.CONTACT_GELEGD
    tonen = {
        "afstemmen": not contact,
        "zorgcoordinator": contact,
        "informeren": contact and w["jongereGeinformeerd"] is None,
    }
    for soort, getoond in tonen.items():
        if getoond and soort not in formulieren:
            initial = {"datum": today()} if soort != "zorgcoordinator" else {}
            formulieren[soort] = FORMULIEREN[soort](
                initial=initial, deelnemers=deelnemers, auto_id=f"{soort}_%s"
            )
    afstemming = w["afstemming"]
    coordinator = w["zorgcoordinator"]
    geinformeerd = w["jongereGeinformeerd"]
    uiterlijk = _datum(w["informerenUiterlijk"])
    return render(
        request,
        "ui/vi/match.html",
        {
            "w": w,
            "uuid": match.uuid,
            "status": policies.match_fase(
                w["status"],
                zorgcoordinator=bool(w["zorgcoordinator"]),
                geinformeerd=bool(w["jongereGeinformeerd"]),
            ),
            "eigen": next((d for d in deelnemers if d["eigen"]), None),
            "kenmerk": kenmerk,
            "anderen": [d for d in deelnemers if not d["eigen"]],
            "aangemaakt": _moment(w["aangemaakt"]),
            "uiterlijk": uiterlijk,
            "te_laat": bool(uiterlijk and uiterlijk < today() and geinformeerd is None),
            "afstemming": {
                "datum": _datum(afstemming["datum"]),
                "door": labels.get(afstemming["door"] or "", "een andere signaleerder"),
                "met": [
                    labels.get(u, "een signaleerder die niet meer in de match zit") for u in afstemming["met"]
                ],
            }
            if afstemming
            else None,
            "coordinator": labels.get(coordinator["deelnemer"]) if coordinator else None,
            "geinformeerd": {
                "datum": _datum(geinformeerd["datum"]),
                "door": labels.get(
                    geinformeerd["door"] or "", "een signaleerder die niet meer in de match zit"
                ),
                "wijze": WIJZE.get(geinformeerd["wijze"], geinformeerd["wijze"]),
            }
            if geinformeerd
            else None,
            "formulieren": formulieren,
        },
        status=status,
    )


@require_GET
@pagina(selectors.MATCH_SCOPE)
def match(request, uuid, actor):
    """VI-11: the other participants' organisation, name, e-mail and phone; nothing about the youth."""
    try:
        m = selectors.match_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    return _match_pagina(request, actor, m)


def _match_actie(request, actor, uuid, soort: str):
    try:
        m = selectors.match_of_404(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    deelnemers = _deelnemers(actor, selectors.match_weergave(m, actor, request.build_absolute_uri))
    form = FORMULIEREN[soort](request.POST, deelnemers=deelnemers, auto_id=f"{soort}_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            if soort == "afstemmen":
                services.stem_af(actor=actor, uuid=uuid, datum=d["datum"], met=d["met"])
                tekst = "Het contact met de andere signaleerder(s) is vastgelegd."
            elif soort == "zorgcoordinator":
                services.wijs_zorgcoordinator_aan(actor=actor, uuid=uuid, deelnemer=d["deelnemer"])
                tekst = "De zorgcoördinator is vastgelegd."
            else:
                services.informeer_jongere(
                    actor=actor, uuid=uuid, datum=d["datum"], door=d["door"], wijze=d["wijze"]
                )
                tekst = "Vastgelegd dat de jongere over de match is geïnformeerd."
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten_met_melding(form, exc)
        else:
            messages.success(request, tekst)
            return HttpResponseRedirect(reverse("ui:vi_match", args=[uuid]))
    return _match_pagina(request, actor, m, {soort: form}, status=400)


@_post_anders_terug("ui:vi_match")
@pagina(selectors.MATCH_SCOPE)
def afstemmen(request, uuid, actor):
    return _match_actie(request, actor, uuid, "afstemmen")


@_post_anders_terug("ui:vi_match")
@pagina(selectors.MATCH_SCOPE)
def zorgcoordinator(request, uuid, actor):
    return _match_actie(request, actor, uuid, "zorgcoordinator")


@_post_anders_terug("ui:vi_match")
@pagina(selectors.MATCH_SCOPE)
def informeren(request, uuid, actor):
    return _match_actie(request, actor, uuid, "informeren")


# --- dashboard: inbox (VI-11; the tasks are werkvoorraad.selectors) -----------------------------------


def vi_berichten(actor, sinds: dt.datetime) -> list[dict]:
    """Match notices to this user (VI-11), newest first, linking to the match while it exists."""
    rijen = selectors.notificaties_voor(actor, sinds=sinds)
    if not rijen:
        return []
    zichtbaar = {m.pk: m.uuid for m in selectors.matches_zichtbaar_voor(actor)}
    datums = selectors.eigen_signaaldatums(actor, [n.signaal_id for n in rijen if n.match_id in zichtbaar])
    berichten = []
    for n in rijen:
        tekst = NOTITIE.get(n.aanleiding, NOTITIE["signaal"])
        url = reverse("ui:vi_match", args=[zichtbaar[n.match_id]]) if n.match_id in zichtbaar else ""
        if not url:
            tekst += " U kunt deze match niet (meer) openen."
        elif n.signaal_id in datums:
            # M12: which of the user's matches — by the own signal's date, not by the youth (VI-11)
            tekst += f" Het gaat om uw signaal van {_datum_tijd(datums[n.signaal_id])}."
        berichten.append({"op": n.aangemaakt, "tekst": tekst, "url": url})
    return berichten
