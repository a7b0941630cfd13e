"""Pages of data-subject rights requests (SPEC §9, API §2.8): the list of requests, a new request, one page
per request with the next steps that fit its state, and the inzage answer (preview, delivered, PDF).

Thin, like the API views: every read goes through `rechten.selectors` (who may see a request: its handler,
the organisation's leidinggevenden, the controller's FG; audited) and every write through
`rechten.services`, which decide, audit and refuse with a Dutch message that is shown at the form, the
entered values kept; a refused step changes nothing. A request the user may not see answers with the same
404 page as a missing one (DESIGN §5.2). No BSN is ever shown or put in a URL: a BSN is typed into a
POSTed form only.
"""

from __future__ import annotations

import functools
import uuid as uuid_
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

from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.dossiers import selectors as dossiers
from zorgvuldig.organisaties.models import Mandaat
from zorgvuldig.personen import selectors as personen
from zorgvuldig.personen.models import RELATIE_SOORTEN
from zorgvuldig.rechten import policies, selectors, services, weergave
from zorgvuldig.toegang.selectors import grant_voor_object
from zorgvuldig.toestemmingen import selectors as toestemmingen
from zorgvuldig.ui import forms_verzoeken as f
from zorgvuldig.ui.forms_dossier import persoon_label
from zorgvuldig.ui.toegang import geweigerd, pagina
from zorgvuldig.ui.views_delen import _activiteit_namen
from zorgvuldig.ui.views_dossier import _fouten, _zichtbare_personen, naam
from zorgvuldig.ui.views_vi import _post_anders_terug

REGISTREREN, BESLUITEN = "verzoek:registreren", "verzoek:besluiten"
PER_PAGINA = 25
RELATIES = dict(RELATIE_SOORTEN)
MELDEN = (*policies.CORRECTIES, "vernietiging")  # RI-11: earlier recipients are told after these


def _vertrouwelijk(view):
    """A request and its answer name a person and their data: never kept by a browser or proxy."""
    return functools.wraps(view)(never_cache(view))


def _niet_zichtbaar(request, actor):
    """Missing or not visible: one page, one audit entry naming the record if it exists (AU-04)."""
    return geweigerd(request, actor, activiteit=selectors.ACTIVITEIT)


def _terug(uuid, anker: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("ui:verzoek", args=[uuid]) + (f"#{anker}" if anker else ""))


_datum = weergave.datum


def _stand(stand: str) -> dict:
    tekst, soort = f.TERMIJNSTAND.get(stand, (stand, "neutral"))
    return {"code": stand, "tekst": tekst, "soort": soort}


def _indiener(v, inhoud: dict) -> str:
    if v.hoedanigheid == "zelf":
        return "De betrokkene zelf"
    if v.indiener is not None:
        return naam(v.indiener)
    return inhoud.get("indienerNaam") or "Onbekend"


# --- The list ------------------------------------------------------------------------------------------


@_vertrouwelijk
@require_GET
@pagina(REGISTREREN)
def verzoeken(request, actor):
    """The requests the user may see (handler, leidinggevende, FG), newest first; each listed request's
    subject is audited (AU-01). Filter by status; the BSN never appears here."""
    form = f.FilterFormulier(request.GET or None, auto_id="filter_%s")
    qs = selectors.verzoeken_zichtbaar_voor(actor).select_related("organisatie", "behandelaar")
    if form.is_valid() and form.cleaned_data.get("status"):
        qs = qs.filter(status=form.cleaned_data["status"])
    blad = Paginator(qs.order_by("-ontvangen_op", "-id"), PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = selectors.log_lijst(actor, list(blad.object_list))  # audited, persons filled in
    lijst = []
    for v in rijen:
        t = selectors.termijnen(v)
        lijst.append(
            {
                "uuid": v.uuid,
                "soort": f.SOORTEN_KORT.get(v.soort, v.soort),
                "betrokkene": naam(v.persoon),
                "ontvangen_op": v.ontvangen_op,
                "status": f.STATUS.get(v.status, v.status),
                "besluittermijn": t["besluittermijn"],
                "stand": _stand(t["besluittermijnStand"]),
            }
        )
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    return render(
        request,
        "ui/verzoeken/lijst.html",
        {
            "form": form,
            "rijen": lijst,
            "blad": blad,
            "status": status,
            "mag_registreren": policies.mag_registreren(actor.rollen),
            "fg": "fg" in actor.rollen,
        },
    )


# --- A new request -------------------------------------------------------------------------------------


def _als_uuid(waarde: str | None) -> str:
    """A typed or linked person reference: a uuid, or nothing (a bad one is then the form's error)."""
    try:
        return str(uuid_.UUID(waarde or ""))
    except ValueError:
        return ""


def _personen_keuzes(actor, gekozen: str | None) -> list[tuple[str, str]]:
    """The persons the user may see (audited as a list, AU-01); a person opened from elsewhere
    (`?persoon=`) is added when the list is cut short."""
    lijst = _zichtbare_personen(actor)
    if gekozen and gekozen not in {str(p.uuid) for p in lijst}:
        try:
            extra = personen.persoon_of_404(actor, gekozen)[0]
        except (NotFound, DomainError):
            extra = None
        if extra is not None:
            personen.audit_lijst(actor, [extra])
            lijst.append(extra)
    return [(str(p.uuid), persoon_label(p)) for p in lijst]


def _keuzes_voor(actor, gekozen: str | None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """For the chosen subject: its relations as possible requesters and its given consents the user may
    read (for a third party's request, RI-01). A related person the user may not see is offered without
    a name; showing the others is audited (AU-01)."""
    if not gekozen:
        return [], []
    try:
        persoon = personen.persoon_of_404(actor, gekozen)[0]
    except (NotFound, DomainError):
        return [], []
    relaties = list(personen.relaties_van(persoon))
    zichtbaar = {
        p.pk: p for p in personen.personen_zichtbaar_voor(actor).filter(pk__in=[r.ander_id for r in relaties])
    }
    personen.audit_lijst(actor, [persoon, *zichtbaar.values()])
    soorten: dict[str, list[str]] = {}
    namen: dict[str, str] = {}
    for r in relaties:
        sleutel = str(r.ander.uuid)
        soorten.setdefault(sleutel, []).append(RELATIES.get(r.soort, r.soort))
        namen[sleutel] = (
            naam(zichtbaar[r.ander_id]) if r.ander_id in zichtbaar else "naam niet zichtbaar voor u"
        )
    indieners = [(u, f"{namen[u]} ({', '.join(s).lower()})") for u, s in soorten.items()]
    rijen = list(
        toestemmingen.toestemmingen_zichtbaar_voor(actor)
        .filter(betrokkene=persoon)
        .select_related("betrokkene", "dossier")
        .order_by("-datum", "-id")[:50]
    )
    activiteiten = _activiteit_namen()
    gegeven = [
        (
            str(t.uuid),
            f"{toestemmingen.doel_in_woorden(t, activiteiten)}, gegeven op {date_format(t.datum, 'j F Y')}",
        )
        for t in toestemmingen.lijst(actor, rijen)
        if toestemmingen.status(t) == "gegeven"
    ]
    return indieners, gegeven


def _nieuw_form(actor, gekozen, data=None, initial=None, met_personen: bool = True):
    indieners, gegeven = _keuzes_voor(actor, gekozen)
    return f.NieuwVerzoekFormulier(
        data,
        initial=initial,
        personen=_personen_keuzes(actor, gekozen) if met_personen else [],
        indieners=indieners,
        toestemmingen=gegeven,
        auto_id="verzoek_%s",
    )


@_vertrouwelijk
@require_http_methods(["GET", "POST"])
@pagina(REGISTREREN)
def verzoek_nieuw(request, actor):
    """Record a request as received (SPEC §9 "Data"); the terms run from the day of receipt. The subject is
    chosen from the persons the user may see (or opened from a person page, `?persoon=<uuid>`), or found
    by a BSN typed into the form; the requester among the subject's relations, or by name."""
    if not policies.mag_registreren(actor.rollen):
        return geweigerd(request, actor, "E_AC_NOT_AUTHORISED", "rechten-betrokkenen")  # the FG oversees
    if request.method == "GET" or request.POST.get("actie") == "bijwerken":
        # GET, or "show the relations" without script: the form again for the chosen subject, unchecked.
        bron = request.POST if request.method == "POST" else request.GET
        gekozen = _als_uuid(bron.get("betrokkene") or bron.get("persoon"))
        initial: dict[str, Any] = {"ontvangen_op": today(), "schriftelijk": True, "betrokkene": gekozen}
        if request.method == "POST":
            initial.update({k: v for k, v in request.POST.items() if k not in ("bsn", "csrfmiddlewaretoken")})
            initial["schriftelijk"] = "schriftelijk" in request.POST
            initial["verwijsindex"] = "verwijsindex" in request.POST
        form = _nieuw_form(actor, gekozen, initial=initial)
        return render(request, "ui/verzoeken/nieuw.html", {"form": form})
    form = _nieuw_form(actor, _als_uuid(request.POST.get("betrokkene")), request.POST)
    if form.is_valid():
        bsn = (form.cleaned_data.get("bsn") or "").strip()
        try:
            if bsn:
                from zorgvuldig.personen.services import normaliseer_bsn

                bsn = normaliseer_bsn(bsn)
            verzoek = services.registreer(actor=actor, data=form.data_voor_service(bsn))
        except NotFound:
            if bsn:
                form.add_error("bsn", "Er is bij de gemeente geen persoon met dit BSN bekend.")
            else:
                form.add_error(None, "Kies de betrokkene en de indiener uit de lijst.")
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(
                request,
                "Het verzoek is geregistreerd. Controleer nu de identiteit en hoedanigheid van de indiener.",
            )
            return _terug(verzoek.uuid)
    return render(request, "ui/verzoeken/nieuw.html", {"form": form}, status=400)


@_vertrouwelijk
@require_GET
@pagina(REGISTREREN)
def indieners(request, actor):
    """htmx: the requester and consent choices for the chosen subject. Only the person's uuid travels in
    the URL."""
    gekozen = _als_uuid(request.GET.get("betrokkene"))
    form = _nieuw_form(actor, gekozen, initial={"betrokkene": gekozen}, met_personen=False)
    return render(request, "ui/verzoeken/_indiener.html", {"form": form})


# --- One request ---------------------------------------------------------------------------------------


def _mag_wijzigen(actor, v) -> bool:
    """The handler (grant with the right to change), the organisation's leidinggevende and, for VI data,
    the VI-beheerder move a request on; the FG oversees it (the same rule as `services._bij`)."""
    if "leidinggevende" in actor.rollen and v.organisatie_id == actor.organisatie.pk:
        return True
    if "vi_beheerder" in actor.rollen and v.verwijsindex:
        return True
    return grant_voor_object(actor, v, "wijzigen") is not None


def _mandaten(actor) -> list[tuple[str, str]]:
    """RI-13: the user's own written mandates to decide requests, valid today."""
    vandaag = today()
    rijen = actor.gebruiker.mandaten.filter(
        soort=Mandaat.Soort.VERZOEKEN_BESLUITEN, vanaf__lte=vandaag
    ).filter(Q(tot__isnull=True) | Q(tot__gte=vandaag))
    return [
        (
            str(m.uuid),
            f"{m.besluit or 'Mandaat besluiten op verzoeken'}, geldig vanaf {date_format(m.vanaf, 'j F Y')}",
        )
        for m in rijen.order_by("vanaf", "id")
    ]


def _dossier_links(actor, kenmerken) -> dict[str, str]:
    """Where the user may look at an item left out: the notes of a dossier the user may already open."""
    zichtbaar = dossiers.dossiers_zichtbaar_voor(actor).filter(kenmerk__in=set(kenmerken))
    return {d.kenmerk: reverse("ui:dossier_notities", args=[d.uuid]) for d in zichtbaar}


def _uitgesloten(rijen: list[dict]) -> list[dict]:
    """An item the answer leaves out, in words: kind, dossier, a short number, and why."""
    return [
        {
            "uuid": u["item"],
            "label": f"{f.UITGESLOTEN_SOORTEN.get(u['soort'], u['soort'])} uit dossier {u['dossier']} "
            f"van {u['datum']} (nummer {u['item'][:8]})",
            "dossier": u["dossier"],
            "reden": VERTROUWELIJK
            if u["reden"] == "niet_voor_vertegenwoordigers"
            else f.UITGESLOTEN_REDENEN.get(u["reden"], u["reden"]),
        }
        for u in rijen
    ]


IN_HET_ANTWOORD = "Staat in het antwoord."
# PE-11 items: left out of a representative's answer, and that is a refusal the decision records (RI-02)
VERTROUWELIJK = f.UITGESLOTEN_REDENEN["niet_voor_vertegenwoordigers"] + (
    " Het besluit houdt dit achter, met de grond (RI-02)."
)
UITSTEL_BESLUIT = (
    "Nog niet uitgevoerd, maar het informeren is uitgesteld om iemands veiligheid (SH-14). Het antwoord "
    "noemt wie dit besluit voorbereidde en nam. Houd het achter op grond (e) zolang het uitstel loopt, of "
    "licht toe waarom niet."
)
UITSTEL_LOOPT = (
    "Staat in het antwoord, maar het informeren over deze verstrekking is uitgesteld om iemands "
    "veiligheid (SH-14). Houd haar achter op grond (e) zolang het uitstel loopt, of licht toe waarom niet."
)


def _besluit_items(actor, v) -> list[tuple[str, str, str]]:
    """What a decision may withhold: for inzage the items the preview leaves out (an audited compile,
    `selectors.overzicht`); for other kinds the items the request concerns."""
    if v.status == policies.ONTVANGEN:
        return []  # refused on entitlement alone (RI-01): nothing to withhold
    if v.soort == "inzage":
        _v, overzicht, uitgesloten = selectors.overzicht(actor, v.uuid)
        getoond = [
            (
                i["uuid"],
                f"{f.UITGESLOTEN_SOORTEN.get(i['soort'], i['soort'])} uit dossier {d['kenmerk']} van "
                f"{i['datum']} (nummer {i['uuid'][:8]})",
                IN_HET_ANTWOORD,
            )
            for d in overzicht["gegevens"]["dossiers"]
            for i in d["items"]
        ]
        return (
            [(u["uuid"], u["label"], u["reden"]) for u in _uitgesloten(uitgesloten or [])]
            + getoond
            + _overige_items(v, overzicht)
        )
    return [(str(i), f"Item {str(i)[:8]}", "Genoemd in het verzoek.") for i in v.items]


def _dag(iso: str) -> str:
    dag = weergave.datum(iso)
    return date_format(dag, "j F Y") if dag else "onbekende datum"


def _overige_items(v, overzicht: dict) -> list[tuple[str, str, str]]:
    """The answer's provisions, consents and signals, which a decision may withhold too (RI-07), and the
    sharing decisions not yet executed whose informing is postponed; a provision or decision under
    postponement is flagged: the answer would tell the client about it (SH-14)."""
    gegevens = overzicht["gegevens"]
    loopt = selectors.uitstel_loopt(v, overzicht)
    uitgesteld = {u["item"] for u in loopt}
    return (
        [
            (
                o["uuid"],
                f"Verstrekking aan {o['ontvanger']} op {_dag(o['datum'])} ({o['doel']})",
                UITSTEL_LOOPT if o["uuid"] in uitgesteld else IN_HET_ANTWOORD,
            )
            for o in overzicht["ontvangers"]
        ]
        + [(u["item"], _uitstel_label(u), UITSTEL_BESLUIT) for u in loopt if u["soort"] == "deelbesluit"]
        + [
            (t["uuid"], f"Toestemming van {_dag(t['datum'])} ({t['doel']})", IN_HET_ANTWOORD)
            for t in gegevens["toestemmingen"]
        ]
        + [
            (s["uuid"], f"Signaal in de verwijsindex van {s['organisatie']}", IN_HET_ANTWOORD)
            for s in gegevens["signalen"]
        ]
    )


def _uitstel_label(u: dict) -> str:
    if u["soort"] == "deelbesluit":
        return f"Besluit over delen met {u['ontvanger']} van {_dag(u['datum'])} (dossier {u['dossier']})"
    return f"Verstrekking aan {u['ontvanger']} op {_dag(u['datum'])}"


def _uitgesteld(v, overzicht: dict) -> list[tuple[str, str]]:
    """SH-14: what the answer would reveal of a postponement of informing, as the decision form names and
    explains it: the preview warns before anyone decides (the decision form flags the same rows)."""
    return [
        (_uitstel_label(u), UITSTEL_BESLUIT if u["soort"] == "deelbesluit" else UITSTEL_LOOPT)
        for u in selectors.uitstel_loopt(v, overzicht)
    ]


def _besluit_form(actor, v, data=None):
    items = _besluit_items(actor, v)
    initial: dict = {"verzonden_op": today()}
    for i, (_uuid, _label, reden) in enumerate(items):
        if reden == VERTROUWELIJK:
            # RI-02 (SPEC E3): withheld in the child's interest unless the decider says otherwise
            initial[f"achter_{i}"], initial[f"grond_{i}"] = True, "belang_kind"
    return f.BesluitFormulier(
        data,
        initial=initial,
        soort=v.soort,
        items=items,
        mandaten=_mandaten(actor),
        vertegenwoordiger=v.indiener_id is not None,
        auto_id="besluit_%s",
    )


def _ontvangers(v) -> list[tuple[str, str]]:
    """RI-11: the earlier recipients in the disclosure register, controller-wide (the list `voer_uit`
    checks the rows against)."""
    rijen = selectors.eerdere_ontvangers(v).items()
    uit = []
    for sleutel, r in rijen:
        wie = r.ontvanger_organisatie.naam if r.ontvanger_organisatie_id else (r.ontvanger_naam or "Onbekend")
        waar = "in zorgvuldig" if r.ontvanger_organisatie_id else "buiten zorgvuldig"
        uit.append((sleutel, f"{wie} ({waar}), verstrekt op {date_format(r.datum, 'j F Y')}"))
    return uit


def _uitvoeren_form(v, data=None):
    melden = v.status != policies.AFGEWEZEN and v.soort in MELDEN
    return f.UitvoerenFormulier(
        data,
        initial={"vorm": "schriftelijk"},
        ontvangers=_ontvangers(v) if melden else [],
        auto_id="uitvoeren_%s",
    )


def _formulieren(actor, v, gegeven: dict) -> dict:
    """The next steps that fit the request's state and the user's place (SPEC §9 States); a refused step
    keeps its bound form."""
    uit = dict(gegeven)
    st = v.status
    wijzigen = _mag_wijzigen(actor, v)
    besluiten = wijzigen and actor.heeft(BESLUITEN)
    if st == policies.ONTVANGEN and wijzigen:
        uit.setdefault("verifieren", f.VerifierenFormulier(auto_id="verifieren_%s", verzoek=v))
    if st == policies.GEVERIFIEERD and besluiten:
        uit.setdefault("beoordelen", True)
    if st == policies.IN_BEHANDELING and besluiten and not v.verlenging_maanden:
        uit.setdefault("verlengen", f.VerlengenFormulier(auto_id="verlengen_%s"))
    # From receipt only a refusal on entitlement (RI-01); otherwise once in review (policies.mag_besluiten).
    besluitbaar = (policies.ONTVANGEN, policies.IN_BEHANDELING, policies.VERLENGD)
    if besluiten and st in besluitbaar and "besluit" not in uit:
        uit["besluit"] = _besluit_form(actor, v)
    if st in policies.UITKOMSTEN and besluiten:
        uit.setdefault("uitvoeren", _uitvoeren_form(v))
    if st == policies.UITGEVOERD and besluiten:
        uit.setdefault("afsluiten", True)
    open_ = (*policies.OPEN, *policies.UITKOMSTEN)
    if "fg" in actor.rollen and st in open_ and not v.naam_vermelding:
        uit.setdefault("namen", f.NaamVermeldingFormulier(auto_id="namen_%s"))
    return uit


def _notificaties(v) -> list[dict]:
    """RI-11: how each earlier recipient was told, or why they were skipped."""
    rijen = selectors.correctienotificaties(v)
    wijzen = {"bericht": "bericht via zorgvuldig", "handmatig": "verteld door de behandelaar"}
    uit = []
    for n in rijen:
        vs = n.verstrekking
        wie = (
            vs.ontvanger_organisatie.naam
            if vs.ontvanger_organisatie_id
            else (vs.ontvanger_naam or "Onbekend")
        )
        hoe = wijzen.get(n.wijze) or f"overgeslagen: {n.reden}"
        uit.append({"wie": wie, "hoe": hoe, "datum": n.datum})
    return uit


def _item_omschrijving(item: str, feiten: dict | None) -> str:
    """L7: a withheld or kept item in words, as the decision form named it; a bare number only for an item
    that no longer exists (destroyed since)."""
    if not feiten:
        return f"Item nummer {item[:8]}"
    dag = date_format(feiten["datum"], "j F Y") if feiten.get("datum") else ""
    soort = feiten["soort"]
    if soort == "verstrekking":
        return f"Verstrekking aan {feiten['ontvanger']} op {dag}"
    if soort == "toestemming":
        return f"Toestemming van {dag} ({_activiteit_namen().get(feiten['doel'], feiten['doel'])})"
    if soort == "signaal":
        return f"Signaal in de verwijsindex van {feiten['organisatie']}"
    naam = f.UITGESLOTEN_SOORTEN.get(soort, soort)
    return f"{naam} uit dossier {feiten['dossier']} van {dag} (nummer {item[:8]})"


def _achtergehouden(v) -> list[dict]:
    rijen = (v.besluit or {}).get("achtergehouden", [])
    feiten = selectors.achtergehouden_items(v) if rijen else {}
    return [
        {"item": _item_omschrijving(a["item"], feiten.get(a["item"])), "grond": f.grond_label(a["grond"])}
        for a in rijen
    ]


def _weergave(v, inhoud: dict) -> dict:
    """Everything recorded on the request, in plain words."""
    t = selectors.termijnen(v)
    besluit = v.besluit or {}
    mandaat = besluit.get("mandaat") or {}
    return {
        "soort": f.SOORTEN.get(v.soort, v.soort),
        "soort_kort": f.SOORTEN_KORT.get(v.soort, v.soort),
        "status": f.STATUS.get(v.status, v.status),
        "betrokkene": naam(v.persoon),
        "geboortedatum": v.persoon.geboortedatum,
        "indiener": _indiener(v, inhoud),
        "hoedanigheid": f.HOEDANIGHEDEN.get(v.hoedanigheid, v.hoedanigheid),
        "toestemming": v.toestemming is not None,
        "onderwerp": "De verwijsindex" if v.verwijsindex else "",
        "toelichting": inhoud.get("toelichting", ""),
        "termijnen": {
            "besluit": t["besluittermijn"],
            "waarschuwing_op": t["waarschuwingOp"],
            "besluit_stand": _stand(t["besluittermijnStand"]),
            "uitvoering": t["uitvoeringstermijn"],
            "uitvoering_stand": _stand(t["uitvoeringstermijnStand"]),
            "tijdig": t["besluitTijdig"],
        },
        "verlenging": {
            "maanden": v.verlenging_maanden,
            "op": v.verlengd_op,
            "redenen": inhoud.get("verlengingRedenen", ""),
        }
        if v.verlenging_maanden
        else None,
        "besluit": {
            "datum": _datum(besluit.get("datum")),
            "uitkomst": f.STATUS.get(besluit.get("uitkomst", ""), besluit.get("uitkomst", "")),
            "redenen": inhoud.get("besluitRedenen", ""),
            "gronden": [f.grond_label(g) for g in besluit.get("gronden", [])],
            "achtergehouden": _achtergehouden(v),
            "mandaat": mandaat.get("besluit") or ("Mandaat besluiten op verzoeken" if mandaat else ""),
            "door": v.besloten_door.naam if v.besloten_door else "",
            "verzonden_op": _datum(besluit.get("verzondenOp")),
            "bezwaarclausule": besluit.get("bezwaarclausule", ""),
            "bezwaar_tot": _datum(besluit.get("bezwaarTot")),
            "beperking": inhoud.get("beperkingRedenen", ""),
        }
        if besluit
        else None,
        "uitvoering": {
            "datum": _datum(v.uitvoering.get("datum")),
            "vorm": f.UITVOERVORMEN.get(v.uitvoering.get("vorm", ""), v.uitvoering.get("vorm", "")),
            "toelichting": inhoud.get("uitvoeringToelichting", ""),
            "signalen": v.uitvoering.get("signalenIngetrokken", 0),
            "notificaties": _notificaties(v) if v.soort in MELDEN else [],
        }
        if v.uitvoering
        else None,
        "naam_vermelding": inhoud.get("naamVermeldingRedenen", "") if v.naam_vermelding else None,
        "gesloten_op": v.gesloten_op,
    }


def _heeft_overzicht(actor, v) -> bool:
    """An inzage request has a preview until it is executed and, once executed, the answer as sent."""
    if v.soort != "inzage" or not actor.heeft(BESLUITEN):
        return False
    return bool(v.overzicht_versleuteld) or v.status not in (
        policies.AFGEWEZEN,
        policies.UITGEVOERD,
        policies.GESLOTEN,
    )


def _context(actor, uuid, formulieren: dict, fout) -> dict[str, Any]:
    v = selectors.lees(actor, uuid)  # audited; NotFound when not visible
    inhoud = selectors.inhoud(v)
    return {
        "v": v,
        "w": _weergave(v, inhoud),
        "formulieren": _formulieren(actor, v, formulieren),
        "overzicht": _heeft_overzicht(actor, v),
        "geleverd": bool(v.overzicht_versleuteld),
        "fout": [fout.detail, *[p.reason for p in fout.invalid_params if p.reason != fout.detail]]
        if fout
        else None,
    }


def _pagina(request, actor, uuid, formulieren: dict | None = None, status: int = 200, fout=None):
    """The request with the forms for what the user may do now; reads and audit in one transaction."""
    try:
        with transaction.atomic():
            ctx = _context(actor, uuid, dict(formulieren or {}), fout)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:  # a preview that cannot be compiled (E_PE_AGE_UNKNOWN, ...): say why
        messages.error(request, exc.detail)
        with transaction.atomic():
            ctx = _context(actor, uuid, {**(formulieren or {}), "besluit": None}, fout)
    return render(request, "ui/verzoeken/verzoek.html", ctx, status=status)


@_vertrouwelijk
@require_GET
@pagina(REGISTREREN)
def verzoek(request, uuid, actor):
    return _pagina(request, actor, uuid)


# --- The steps: a form, or a single button ---------------------------------------------------------------


def _actie(scope: str):
    """Decorators of every step: confidential, POST only (a GET goes back to the page), the scope."""

    def decorator(view):
        return _vertrouwelijk(_post_anders_terug("ui:verzoek")(pagina(scope)(view)))

    return decorator


def _zichtbaar(actor, uuid):
    """The request, before its form is built (not audited: the page that follows is)."""
    return selectors.verzoek_of_404(actor, uuid)[0]


def _verwerk(
    request,
    actor,
    uuid,
    sleutel: str,
    maak: Callable[[Any, Any], Any],
    uitvoeren: Callable[[Any], Any],
    melding: str,
):
    """POST of a form on the request page: the form, the service, back to the page with a message; a
    refusal re-shows the page with the entered values and the Dutch reasons (status 400), and changes
    nothing."""
    try:
        v = _zichtbaar(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    try:
        form = maak(v, request.POST)
    except DomainError as exc:
        return _pagina(request, actor, uuid, status=400, fout=exc)
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
    return _pagina(request, actor, uuid, {sleutel: form}, 400)


def _knop(request, actor, uuid, uitvoeren: Callable[[], Any], melding: str):
    """A one-button step: done, or the page again with the service's Dutch refusal on top."""
    try:
        uitvoeren()
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _pagina(request, actor, uuid, status=400, fout=exc)
    messages.success(request, melding)
    return _terug(uuid)


@_actie(REGISTREREN)
def verifieren(request, uuid, actor):
    """Identity and capacity checked; the service then checks the requester's entitlement (RI-01,
    RI-02, RI-04) and refuses `E_RI_NOT_ENTITLED`, the request staying as received."""
    return _verwerk(
        request,
        actor,
        uuid,
        "verifieren",
        lambda v, data: f.VerifierenFormulier(data, auto_id="verifieren_%s", verzoek=v),
        lambda form: services.verifieer(
            actor=actor,
            uuid=uuid,
            identiteit=bool(form.cleaned_data.get("identiteit")),
            hoedanigheid=bool(form.cleaned_data.get("hoedanigheid")),
        ),
        "De identiteit en de hoedanigheid zijn gecontroleerd. De indiener mag dit recht uitoefenen.",
    )


@_actie(BESLUITEN)
def beoordelen(request, uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        lambda: services.beoordeel(actor=actor, uuid=uuid),
        "Het verzoek is in behandeling genomen.",
    )


@_actie(BESLUITEN)
def verlengen(request, uuid, actor):
    """RI-15: once, by 1 or 2 months, with reasons, within the first term."""
    return _verwerk(
        request,
        actor,
        uuid,
        "verlengen",
        lambda v, data: f.VerlengenFormulier(data, auto_id="verlengen_%s"),
        lambda form: services.verleng(
            actor=actor,
            uuid=uuid,
            maanden=form.maanden_getal(),
            redenen=form.cleaned_data.get("redenen") or "",
        ),
        "De termijn is verlengd. Laat de indiener de nieuwe termijn en de redenen weten (RI-15).",
    )


@_actie(BESLUITEN)
def besluiten(request, uuid, actor):
    """A reasoned decision under the decider's own mandate (RI-13), with the bezwaar clause (RI-16)."""
    return _verwerk(
        request,
        actor,
        uuid,
        "besluit",
        lambda v, data: _besluit_form(actor, v, data),
        lambda form: services.besluit(actor=actor, uuid=uuid, data=form.data_voor_service()),
        "Het besluit is vastgelegd. Voer het nu uit.",
    )


@_actie(BESLUITEN)
def uitvoeren(request, uuid, actor):
    """Executing: the inzage answer is compiled once and kept as sent (RI-05); after a correction every
    earlier recipient is told or skipped with a reason (RI-11)."""
    return _verwerk(
        request,
        actor,
        uuid,
        "uitvoeren",
        lambda v, data: _uitvoeren_form(v, data),
        lambda form: services.voer_uit(actor=actor, uuid=uuid, data=form.data_voor_service()),
        "Het besluit is uitgevoerd.",
    )


@_actie(BESLUITEN)
def afsluiten(request, uuid, actor):
    return _knop(
        request,
        actor,
        uuid,
        lambda: services.sluit(actor=actor, uuid=uuid),
        "Het verzoek is gesloten.",
    )


@_actie(REGISTREREN)
def namen(request, uuid, actor):
    """RI-17: the FG decides that staff names appear in the answer to this request, with reasons."""
    return _verwerk(
        request,
        actor,
        uuid,
        "namen",
        lambda v, data: f.NaamVermeldingFormulier(data, auto_id="namen_%s"),
        lambda form: services.vermeld_namen(
            actor=actor, uuid=uuid, redenen=form.cleaned_data.get("redenen") or ""
        ),
        "Vastgelegd: het antwoord op dit verzoek noemt de namen van medewerkers (RI-17).",
    )


# --- The inzage answer (RI-05, RI-17) ----------------------------------------------------------------------


def _antwoord(overzicht: dict) -> dict:
    return weergave.antwoord(overzicht, f.UITGESLOTEN_SOORTEN)


def _lees_overzicht(request, actor, uuid, *, alleen_verstuurd: bool = False):
    """(request, overview, left-out items or None) or the response for a refusal."""
    try:
        return selectors.overzicht(actor, uuid, alleen_verstuurd=alleen_verstuurd), None
    except NotFound:
        return None, _niet_zichtbaar(request, actor)
    except DomainError as exc:
        messages.error(request, exc.detail)
        return None, _terug(uuid)


@_vertrouwelijk
@require_GET
@pagina(BESLUITEN)
def overzicht(request, uuid, actor):
    """Before execution the decider's preview, with what the rules leave out and why (RI-03, DS-13, PE-11);
    afterwards exactly the answer as sent, with its PDF."""
    gelezen, antwoord = _lees_overzicht(request, actor, uuid)
    if gelezen is None:
        return antwoord
    v, data, uitgesloten = gelezen
    rijen = _uitgesloten(uitgesloten or [])
    links = _dossier_links(actor, [u["dossier"] for u in rijen])
    for rij in rijen:
        rij["href"] = f"{links[rij['dossier']]}#notitie-{rij['uuid']}" if rij["dossier"] in links else ""
    besluit = v.besluit or {}
    voorbeeld = uitgesloten is not None
    return render(
        request,
        "ui/verzoeken/overzicht.html",
        {
            "v": v,
            "a": _antwoord(data),
            "voorbeeld": voorbeeld,
            "uitgesloten": rijen,
            "uitgesteld": _uitgesteld(v, data) if voorbeeld else [],
            "uitgevoerd_op": _datum(v.uitvoering.get("datum")),
            "besluit": {
                "uitkomst": f.STATUS.get(besluit.get("uitkomst", ""), ""),
                "datum": _datum(besluit.get("datum")),
                "redenen": selectors.inhoud(v).get("besluitRedenen", ""),
                "gronden": [
                    f.grond_label(g)
                    for g in [
                        *besluit.get("gronden", []),
                        *(a["grond"] for a in besluit.get("achtergehouden", [])),
                    ]
                ],
                "bezwaarclausule": besluit.get("bezwaarclausule", ""),
            }
            if besluit and uitgesloten is None
            else None,
        },
    )


@_vertrouwelijk
@require_GET
@pagina(BESLUITEN)
def overzicht_pdf(request, uuid, actor):
    """The delivered answer as a PDF, exactly as the API gives it; there is none before execution."""
    from zorgvuldig.rechten.pdf import antwoord as pdf_antwoord

    gelezen, antwoord = _lees_overzicht(request, actor, uuid, alleen_verstuurd=True)
    if gelezen is None:
        return antwoord
    v, data, _uitgesloten = gelezen
    return pdf_antwoord(v, data)
