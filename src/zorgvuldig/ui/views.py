"""Staff pages: dashboard, persons, break-glass, grants, audit search, profile. Thin: the selectors and
services do the work and the auditing; these views only render."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from zorgvuldig.audit import selectors as audit_selectors
from zorgvuldig.audit.acties import ACTIES
from zorgvuldig.audit.models import Kanaal, Wachtrij
from zorgvuldig.casusoverleg import policies as casus_policies
from zorgvuldig.core.clock import AMSTERDAM, now, today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.organisaties.models import Gebruiker, Mandaat, Rol
from zorgvuldig.organisaties.selectors import met_rol
from zorgvuldig.personen import selectors as personen
from zorgvuldig.registers.catalogus import doel_naam
from zorgvuldig.toegang import policies as toegang_policies
from zorgvuldig.toegang import services as toegang_services
from zorgvuldig.toegang.models import Bron
from zorgvuldig.toegang.scopes import SCOPES
from zorgvuldig.toegang.selectors import beoordeling_van, gefilterd, toegangen_zichtbaar_voor
from zorgvuldig.toestemmingen import policies as toestemming_policies
from zorgvuldig.toestemmingen import selectors as toestemmingen_selectors
from zorgvuldig.ui import policies
from zorgvuldig.ui.forms import (
    DREIGING_LABELS,
    AuditZoekFormulier,
    BevestigFormulier,
    NoodtoegangFormulier,
    PersoonZoekFormulier,
    WettelijkeToegangFormulier,
)
from zorgvuldig.ui.forms_delen import GRONDEN as DEELGRONDEN
from zorgvuldig.ui.toegang import geweigerd, niet_gevonden, pagina
from zorgvuldig.ui.views_aanmelden import BEVESTIGD, herbevestig
from zorgvuldig.ui.views_beheer import rol_namen
from zorgvuldig.ui.views_vi import vi_berichten
from zorgvuldig.werkvoorraad import selectors as werkvoorraad
from zorgvuldig.werkvoorraad import services as werkvoorraad_services

HERBEVESTIGING = dt.timedelta(minutes=5)
AUDIT_PER_PAGINA = 50
AUDIT_ROLLEN = {**dict(Rol.choices), "client": "Cliënt of vertegenwoordiger", "systeem": "Systeem"}
LEEFTIJD = {
    "onder_12": "jonger dan 12",
    "12_15": "12 tot 16 jaar",
    "16_17": "16 of 17 jaar",
    "18_plus": "18+",
}


def start(request):
    return HttpResponseRedirect(reverse("ui:dashboard"))


@pagina()
def dashboard(request, actor):
    """Per role: what needs doing and what is due (tasks, deadlines), and the inbox."""
    vandaag = today()
    taken = werkvoorraad.taken_voor(actor, vandaag)  # API §2.1 `/taken` derives the same
    eigen = []
    if actor.heeft("persoon:inzien"):
        eigen = list(
            toegangen_zichtbaar_voor(actor)
            .filter(
                ontvanger_gebruiker=actor.gebruiker, ingetrokken_op__isnull=True, geldig_tot__isnull=False
            )
            .filter(geldig_tot__gte=vandaag, geldig_tot__lte=vandaag + dt.timedelta(days=14))
            .order_by("geldig_tot")[:10]
        )
    # the sealing backlog (AU-03) is for those who answer for the log, not for every reader of a trail
    sealing = Wachtrij.objects.count() if {"fg", "auditor"} & set(actor.rollen) else None
    berichten = sorted(
        _berichten(actor, vandaag) + vi_berichten(actor, now() - dt.timedelta(days=BERICHT_DAGEN)),
        key=lambda b: b["op"],
        reverse=True,
    )
    return render(
        request,
        "ui/dashboard.html",
        {
            "taken": taken,
            "aflopend": eigen,
            "auditwachtrij": sealing,
            "vandaag": vandaag,
            "berichten": berichten,
        },
    )


@require_http_methods(["POST"])
@pagina()
def taak_afronden(request, uuid, actor):
    """Dismiss a reminder from the overview (API §2.1 `_afronden`); a task that asks for a decision stays."""
    try:
        werkvoorraad_services.afronden(actor=actor, uuid=uuid)
    except NotFound:
        return geweigerd(request, actor, activiteit=werkvoorraad_services.BEHEER)
    except DomainError as exc:
        from zorgvuldig.audit import services as audit

        audit.weigering(
            actor=actor,
            actie="toegang.geweigerd",
            activiteit=werkvoorraad_services.BEHEER,
            fout=exc,
            object=getattr(exc, "audit_object", None),
        )
        messages.error(request, exc.detail)
    else:
        messages.success(request, "De herinnering is afgerond.")
    return HttpResponseRedirect(reverse("ui:dashboard"))


BERICHT_DAGEN = 14


def _berichten(actor, vandaag) -> list[dict]:
    """The inbox: what happened to the user's own access in the last two weeks, advice recorded in the
    user's name (SH-11) and consents revoked online, newest first. Derived from the records themselves, so
    nothing can be missed or sent twice."""
    from zorgvuldig.toegang.models import Noodtoegang, Toegang

    sinds = now() - dt.timedelta(days=BERICHT_DAGEN)
    berichten = []
    eigen = Toegang.objects.filter(ontvanger_gebruiker=actor.gebruiker).select_related(
        "verleend_door", "ingetrokken_door"
    )
    for t in eigen.filter(aangemaakt__gte=sinds).exclude(verleend_door=actor.gebruiker)[:20]:
        door = t.verleend_door.naam if t.verleend_door else "het systeem"
        tot = f", geldig tot en met {t.geldig_tot:%d-%m-%Y}" if t.geldig_tot else ""
        berichten.append(
            {"op": t.aangemaakt, "tekst": f"U kreeg toegang ({t.get_bron_display()}) van {door}{tot}."}
        )
    # the end of a break-glass judged unjustified is told with the review below, not twice (AC-11)
    ingetrokken = eigen.filter(ingetrokken_op__gte=sinds).exclude(ingetrokken_door=actor.gebruiker)
    for t in ingetrokken.exclude(ingetrokken_reden=toegang_policies.NIET_TERECHT_REDEN)[:20]:
        reden = f": {t.ingetrokken_reden}" if t.ingetrokken_reden else ""
        berichten.append(
            {"op": t.ingetrokken_op, "tekst": f"Een toegang ({t.get_bron_display()}) is ingetrokken{reden}."}
        )
    beoordeeld = Noodtoegang.objects.filter(
        toegang__ontvanger_gebruiker=actor.gebruiker, beoordeeld_op__gte=sinds
    ).select_related("toegang")
    for n in beoordeeld[:20]:
        oordeel = "terecht" if n.akkoord else "niet terecht"
        if n.toegang.ingetrokken_reden == toegang_policies.NIET_TERECHT_REDEN:
            oordeel += "; uw noodtoegang is toen direct beëindigd"
        toelichting = f" Toelichting: {n.toelichting}" if n.toelichting else ""
        berichten.append(
            {
                "op": n.beoordeeld_op,
                "tekst": f"Uw noodtoegang van {n.toegang.geldig_vanaf:%d-%m-%Y} is beoordeeld als "
                f"{oordeel}.{toelichting}",
            }
        )

    if "fg" in actor.rollen:
        # AC-05, AC-06: roles granted in the FG's controller (the notice placed with the change itself)
        from zorgvuldig.berichten.models import Bericht
        from zorgvuldig.organisaties.services import ROLLEN_BERICHT

        for b in Bericht.objects.filter(
            gebruiker=actor.gebruiker, sleutel__startswith=ROLLEN_BERICHT, aangemaakt__gte=sinds
        ).order_by("-aangemaakt")[:20]:
            berichten.append({"op": b.aangemaakt, "tekst": f"{b.onderwerp}."})
    # SH-11: advice a colleague recorded in the user's name, to confirm or correct (names no client)
    from zorgvuldig.verstrekkingen.selectors import adviezen_op_naam

    for d in adviezen_op_naam(actor, sinds).order_by("-consultatie_op")[:20]:
        berichten.append(
            {
                "op": d.consultatie_op,
                "tekst": f"{d.aangemaakt_door.naam} heeft een advies van u vastgelegd bij een deelbesluit in "
                f"dossier {d.dossier.kenmerk}. Bevestig of corrigeer het (SH-11).",
                "url": reverse("ui:deelbesluit_advies", args=[d.uuid]),
            }
        )
    if actor.heeft("toestemming:registreren"):
        for t in toestemmingen_selectors.door_client_ingetrokken(actor, sinds)[:20]:
            advies = toestemming_policies.na_intrekking(
                toestemmingen_selectors.veiligheidszorg(t), t.dossier.kader, t.soort
            )
            berichten.append(
                {
                    "op": t.ingetrokken_op,
                    "tekst": f"Via Mijn gegevens is in dossier {t.dossier.kenmerk} een toestemming "
                    f"ingetrokken. {advies or ''}".strip(),
                    "url": reverse("ui:toestemming", args=[t.uuid]),
                }
            )
    return sorted(berichten, key=lambda b: b["op"], reverse=True)


@require_http_methods(["GET", "POST"])
@pagina("persoon:inzien")
def personen_zoeken(request, actor):
    """Search by POST only: a BSN, name or birth date never appears in a URL (API §1.2)."""
    form = PersoonZoekFormulier(request.POST or None)
    resultaten = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        gevonden, _zicht = personen.zoek(
            actor,
            bsn=d.get("bsn") or None,
            geslachtsnaam=d.get("geslachtsnaam") or None,
            geboortedatum=d.get("geboortedatum"),
        )
        resultaten = [{"persoon": p, "leeftijd": personen.leeftijdscategorie(p)} for p in gevonden]
    template = "ui/_personen_resultaten.html" if request.headers.get("HX-Request") else "ui/personen.html"
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, template, {"form": form, "resultaten": resultaten}, status=status)


@pagina("persoon:inzien")
def persoon(request, uuid, actor):
    try:
        p, zicht = personen.lees_persoon(actor, uuid)
    except NotFound:
        return geweigerd(request, actor, activiteit="sociaal-domein-ondersteuning")
    return render(
        request,
        "ui/persoon.html",
        {
            "p": p,
            "bsn": personen.bsn(p) if zicht["bsn"] else None,
            "adres_zichtbaar": zicht["adres"],
            # AC-11: the professional sees where the review of his break-glass stands
            "noodtoegang": (
                beoordeling_van(zicht["toegang"]) if zicht.get("bron") == Bron.NOODTOEGANG else None
            ),
            "leeftijd": LEEFTIJD.get(personen.leeftijdscategorie(p) or ""),
            "relaties": personen.relaties_met_namen(actor, p),
        },
    )


@require_http_methods(["GET", "POST"])
@pagina("persoon:inzien")
def noodtoegang(request, actor):
    """AC-11 break-glass, only right after re-entering password and code. When that confirmation ran out
    while the form was being filled in, the form comes back with what was typed and asks for password and
    code on the spot: in an emergency nobody should have to type the reasons twice."""
    bevestigd = request.session.get(BEVESTIGD)
    verlopen = policies.herbevestiging_nodig(
        bevestigd_op=dt.datetime.fromisoformat(bevestigd) if bevestigd else None,
        nu=now(),
        geldig=HERBEVESTIGING,
    )
    if verlopen and request.method == "GET":
        return HttpResponseRedirect(reverse("ui:bevestigen") + "?volgende=" + reverse("ui:noodtoegang"))
    form = NoodtoegangFormulier(request.POST or None)
    bevestiging = BevestigFormulier(request.POST, prefix="bevestig") if verlopen else None
    fout = None
    if bevestiging is not None and "bevestig-wachtwoord" in request.POST and bevestiging.is_valid():
        fout = herbevestig(request, bevestiging)
        if fout is None:
            bevestiging = None
    if bevestiging is None and form.is_valid():
        d = form.cleaned_data
        doel = personen.persoon_voor_noodtoegang(
            actor,
            bsn=d.get("bsn"),
            geslachtsnaam=d.get("geslachtsnaam"),
            geboortedatum=d.get("geboortedatum"),
        )
        if doel is None:
            fout = (
                "Geen (of geen eenduidige) persoon van uw organisatie gevonden. Gebruik zo mogelijk het BSN."
            )
            toegang_services.noodtoegang_geweigerd(actor=actor, code="E_NOT_FOUND", bsn=d.get("bsn"))
        else:
            try:
                toegang_services.noodtoegang(
                    actor=actor, object=doel, reden=d["reden"], dreiging_voor=d["dreiging_voor"]
                )
            except DomainError as exc:
                fout = exc.detail
            else:
                return HttpResponseRedirect(reverse("ui:persoon", args=[doel.uuid]))
    elif bevestiging is None and request.method == "POST":
        # AU-04: a form refused for a missing or invalid field is a refused break-glass too
        reden = bool({"reden", "dreiging_voor"} & set(form.errors))
        toegang_services.noodtoegang_geweigerd(
            actor=actor,
            code="E_AC_BREAKGLASS_REASON" if reden else "E_INVALID_INPUT",
            bsn=form.cleaned_data.get("bsn"),
        )
    if bevestiging is not None and "bevestig-wachtwoord" not in request.POST:
        bevestiging = BevestigFormulier(prefix="bevestig")  # first ask: no "required" errors yet
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "ui/noodtoegang.html",
        {"form": form, "fout": fout, "bevestiging": bevestiging},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@pagina("toegang:verlenen")
def noodtoegang_beoordelen(request, uuid, actor):
    try:
        n, persoon = toegang_services.noodtoegang_voor_beoordeling(actor=actor, uuid=uuid)
    except NotFound:
        return niet_gevonden(request)
    fout = veld = None
    akkoord = request.POST.get("oordeel")
    toelichting = request.POST.get("toelichting", "")[:2000]
    if request.method == "POST":
        if akkoord not in {"ja", "nee"}:
            fout, veld = "Kies of de noodtoegang terecht was.", "oordeel"
        elif fout := toegang_policies.noodtoegang_oordeel_fout(akkoord == "ja", toelichting):
            veld = "toelichting"
        else:
            try:
                row = toegang_services.beoordeel_noodtoegang(
                    actor=actor, uuid=uuid, akkoord=akkoord == "ja", toelichting=toelichting
                )
            except DomainError as exc:
                fout = exc.detail
            else:
                beeindigd = row.toegang.ingetrokken_reden == toegang_policies.NIET_TERECHT_REDEN
                messages.success(
                    request,
                    "Uw beoordeling van de noodtoegang is vastgelegd."
                    + (" De noodtoegang is direct beëindigd." if beeindigd else ""),
                )
                return HttpResponseRedirect(reverse("ui:dashboard"))
    return render(
        request,
        "ui/noodtoegang_beoordelen.html",
        {
            "n": n,
            "persoon": persoon,
            # what the break-glass opened: a person page (web UI) or a dossier (API) — said truthfully
            "dossier": n.toegang.object_type == "dossiers.dossier",
            "beoordeling": beoordeling_van(n.toegang),
            "fout": fout,
            "fout_bij": veld,
            "oordeel": akkoord,  # what was entered stays on a refusal
            "toelichting": toelichting,
            "dreiging_voor": [DREIGING_LABELS.get(d, d) for d in n.dreiging_voor or []],
        },
        status=400 if fout else 200,
    )


@require_http_methods(["GET", "POST"])
@pagina("toegang:lezen")
def toegangen(request, actor):
    form = None
    if "fg" in actor.rollen:  # AC-09: statutory access to the log is the FG's to give
        form = WettelijkeToegangFormulier(request.POST or None, auditors=_auditors(actor))
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                toegang_services.verleen(
                    actor=actor,
                    object=d["gebruiker"].organisatie,
                    bron=Bron.WETTELIJK,
                    ontvanger_gebruiker=d["gebruiker"],
                    reden=d["doel"],
                    rechten=frozenset({"lezen"}),
                    vanaf=today(),
                    tot=d["geldig_tot"],
                    wettelijk={"instantie": d["instantie"], "bepaling": d["bepaling"], "doel": d["doel"]},
                )
            except DomainError as exc:
                form.add_error(None, exc.detail)
            else:
                messages.success(
                    request, f"{d['gebruiker'].naam} heeft leestoegang tot het logboek gekregen."
                )
                return HttpResponseRedirect(reverse("ui:toegangen"))
    elif request.method == "POST":
        return niet_gevonden(request)
    # filters by source and (AC-11) by where a break-glass review stands; an unknown value shows all
    bron = request.GET.get("bron") if request.GET.get("bron") in Bron.values else ""
    beoordeling = request.GET.get("beoordeling", "")
    beoordeling = beoordeling if beoordeling in toegang_policies.BEOORDELINGEN else ""
    qs = gefilterd(toegangen_zichtbaar_voor(actor), bron=bron, beoordeling=beoordeling)
    rijen = list(qs.order_by("-id")[:100])
    toegang_services.log_inzage(actor, rijen)
    for t in rijen:  # a case-table participant's role in words, also on grants made before it was so
        t.reden_getoond = casus_policies.leesbare_toegangsreden(t.reden)
        t.beoordeling = beoordeling_van(t)
    return render(
        request,
        "ui/toegangen.html",
        {
            "toegangen": rijen,
            "vandaag": today(),
            "form": form,
            "bronnen": Bron.choices,
            "bron": bron,
            "beoordelingen": list(toegang_policies.BEOORDELING_LABELS.items()),
            "beoordeling": beoordeling,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _auditors(actor):
    """Auditors of the FG's own controller (AC-15)."""
    eigen = Gebruiker.objects.filter(
        organisatie__verwerkingsverantwoordelijke=actor.verwerkingsverantwoordelijke_id
    )
    return eigen.filter(pk__in=[g.pk for g in met_rol(eigen, "auditor")])


def _medewerkers(actor) -> list[tuple[str, str]]:
    """Staff of the FG's (or auditor's) controller, to narrow the log to one actor (AU-05)."""
    rijen = Gebruiker.objects.filter(
        organisatie__verwerkingsverantwoordelijke=actor.verwerkingsverantwoordelijke_id
    ).order_by("naam", "id")
    return [(str(g.uuid), f"{g.naam} ({g.organisatie.naam})") for g in rijen.select_related("organisatie")]


def _auditrijen(regels) -> list[dict]:
    """A page of log entries as the FG reads them (AU-02, AU-09): who (name, function, organisation — the
    entries keep only uuids), what on which record, why (activity, purpose, legal basis) and on which
    grant, break-glass marked."""
    from django.apps import apps

    from zorgvuldig.organisaties.models import Organisatie
    from zorgvuldig.registers.catalogus import GRONDSLAGEN
    from zorgvuldig.registers.models import Verwerkingsactiviteit
    from zorgvuldig.toegang.models import Toegang

    def namen(model, veld, waarden) -> dict[str, str]:
        return {str(u): n for u, n in model.objects.filter(uuid__in=waarden).values_list("uuid", veld)}

    gebruikers = namen(Gebruiker, "naam", {r.actor_gebruiker for r in regels if r.actor_gebruiker})
    organisaties = namen(Organisatie, "naam", {r.actor_organisatie for r in regels if r.actor_organisatie})
    activiteiten = dict(Verwerkingsactiviteit.objects.values_list("code", "naam"))
    grants = {
        str(u): b
        for u, b in Toegang.objects.filter(uuid__in={r.toegang for r in regels if r.toegang}).values_list(
            "uuid", "bron"
        )
    }

    def soort(object_type: str) -> str:
        try:
            return str(apps.get_model(object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return object_type

    rijen = []
    for r in regels:
        bron = grants.get(r.toegang)
        rijen.append(
            {
                "r": r,
                # no staff member: the client or a representative in Mijn gegevens (their function says
                # which, AU-02), or the system itself
                "wie": gebruikers.get(r.actor_gebruiker) or r.actor_functie or "Automatisch (systeem)",
                "functie": r.actor_functie if r.actor_gebruiker else "",
                "organisatie": organisaties.get(r.actor_organisatie, ""),
                "rol": AUDIT_ROLLEN.get(r.actor_rol, r.actor_rol),
                "kanaal": Kanaal(r.kanaal).label if r.kanaal in Kanaal.values else r.kanaal,
                "actie": ACTIES.get(r.actie, r.actie),
                "object": f"{soort(r.object_type)} {r.object_uuid[:8]}" if r.object_uuid else "",
                "activiteit": activiteiten.get(r.verwerkingsactiviteit, r.verwerkingsactiviteit),
                "doel": doel_naam(r.doel),
                "grondslag": GRONDSLAGEN.get(r.grondslag, r.grondslag),
                # a grant since removed by retention (RT-03) is named by its reference only
                "toegang": (Bron(bron).label if bron in Bron.values else bron)
                if bron
                else (f"toegang {r.toegang[:8]}" if r.toegang else ""),
                "noodtoegang": bron == Bron.NOODTOEGANG,
                # AU-02: the consent or sharing decision the act rests on, and its ground (G1–G8)
                "koppeling": "; ".join(
                    [
                        f"{naam} {str(r.koppeling[sleutel])[:8]}"
                        for sleutel, naam in (("toestemming", "Toestemming"), ("deelbesluit", "Deelbesluit"))
                        if isinstance(r.koppeling, dict) and r.koppeling.get(sleutel)
                    ]
                    + (
                        [f"grond {DEELGRONDEN.get(r.koppeling['grond'], r.koppeling['grond'])}"]
                        if isinstance(r.koppeling, dict) and r.koppeling.get("grond")
                        else []
                    )
                ),
            }
        )
    return rijen


@require_http_methods(["GET", "POST"])
@pagina("audit:lezen")
def audit(request, actor):
    """FG and auditor: every entry about one data subject, found by BSN (sent by POST; the search is
    itself audited, AU-03)."""
    form = AuditZoekFormulier(request.POST or None, medewerkers=_medewerkers(actor))
    regels = blad = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        gevonden = personen.personen_voor_audit(
            actor, bsn=d["bsn"], geslachtsnaam=d["geslachtsnaam"], geboortedatum=d["geboortedatum"]
        )
        filters: dict = {"actie": d["actie"], "actor": d["medewerker"]}
        if d["vanaf"]:
            filters["tijdstipVanaf"] = dt.datetime.combine(d["vanaf"], dt.time.min, tzinfo=AMSTERDAM)
        if d["tot"]:
            filters["tijdstipTot"] = dt.datetime.combine(
                d["tot"] + dt.timedelta(days=1), dt.time.min, AMSTERDAM
            )
        try:
            qs = audit_selectors.zoek_op_personen(actor, gevonden, filters, bsn=d["bsn"]).order_by("-id")
        except DomainError as exc:
            form.add_error(None, exc.detail)
        else:
            # every entry is reachable, a page at a time (no silent cut-off); the page is a POST field,
            # so the BSN never enters a URL
            blad = Paginator(qs, AUDIT_PER_PAGINA).get_page(request.POST.get("pagina"))  # bad: page 1
            regels = _auditrijen(list(blad))
    template = "ui/_audit_resultaten.html" if request.headers.get("HX-Request") else "ui/audit.html"
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, template, {"form": form, "regels": regels, "blad": blad}, status=status)


def _wettelijke_toegangen(actor) -> list[dict]:
    """AC-09 (FG review F13): an auditor or inspector sees the statutory access they hold — authority,
    provision, purpose and term — valid now or later."""
    from zorgvuldig.toegang.models import Toegang

    rijen = (
        Toegang.objects.filter(
            ontvanger_gebruiker=actor.gebruiker, bron=Bron.WETTELIJK, ingetrokken_op__isnull=True
        )
        .exclude(geldig_tot__lt=today())
        .order_by("geldig_vanaf", "id")
    )
    return [
        {
            "instantie": (t.wettelijk or {}).get("instantie", ""),
            "bepaling": (t.wettelijk or {}).get("bepaling", ""),
            "doel": (t.wettelijk or {}).get("doel", ""),
            "vanaf": t.geldig_vanaf,
            "tot": t.geldig_tot,
            "rechten": ", ".join(t.rechten or []),
        }
        for t in rijen
    ]


@pagina(zonder_verklaring=True)
def profiel(request, actor):
    return render(
        request,
        "ui/profiel.html",
        {
            "wettelijk": _wettelijke_toegangen(actor),
            "rollen": rol_namen(actor.rollen),
            "scopes": [SCOPES[s] for s in sorted(actor.scopes) if s in SCOPES],
            "mandaten": [Mandaat.Soort(m).label for m in sorted(actor.gebruiker.actieve_mandaten(today()))],
            "verklaring_versie": settings.UI_VERKLARING_VERSIE,
        },
    )
