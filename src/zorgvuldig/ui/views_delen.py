"""Sharing pages (SPEC §6, §7; API §2.5, §2.6): the dossier's "Delen" tab, the "mag ik delen?" wizard with
the live result of each of its eight steps, the decision page with consultation, decision, execution and
informing, the leidinggevende's approval of a postponement; the consent record, giving, refusing, one-click
revocation with its consequences, setting aside; what was shared about a person; the FG's disclosure
register.

Thin, like the dossier pages: reads go through the selectors of `verstrekkingen`, `toestemmingen` and
`dossiers` (need-to-know, audited with the grant used), writes through their services, which decide and
refuse with a Dutch message shown at the form, the entered values kept. The wizard's result per step is
the pure policy's (`verstrekkingen.policies.toets`, SH-21) over the stored answers, exactly as the service
stores it. A decision or consent the user may not see answers with the same 404 page as a missing one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from zorgvuldig.audit import services as audit
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import CODES, DomainError, NotFound
from zorgvuldig.dossiers import policies as dossierpolicies
from zorgvuldig.dossiers import selectors as dossiers
from zorgvuldig.organisaties.models import Organisatie
from zorgvuldig.personen import selectors as personen
from zorgvuldig.registers.catalogus import doel_naam
from zorgvuldig.registers.models import Verwerkingsactiviteit
from zorgvuldig.toestemmingen import policies as cs
from zorgvuldig.toestemmingen import selectors as toestemmingen
from zorgvuldig.toestemmingen import services as toestemming_services
from zorgvuldig.ui import forms_delen as f
from zorgvuldig.ui.forms_dossier import NOTITIE_BRONNEN, NOTITIE_SOORTEN
from zorgvuldig.ui.toegang import geweigerd, niet_gevonden, pagina
from zorgvuldig.ui.views_dossier import (
    Kop,
    _basis,
    _collegas,
    _fouten,
    _geweigerd,
    _kop,
    _lees,
    _leidinggevenden,
    _niet_zichtbaar,
    naam,
)
from zorgvuldig.ui.views_vi import _post_anders_terug
from zorgvuldig.verstrekkingen import deelbesluiten as deel
from zorgvuldig.verstrekkingen import policies as p
from zorgvuldig.verstrekkingen import selectors as verstrekkingen
from zorgvuldig.verstrekkingen.models import Deelbesluit

LEZEN = "dossier:inzien"
NEMEN, GOEDKEUREN = "deelbesluit:nemen", "deelbesluit:goedkeuren"
TOESTEMMING = "toestemming:registreren"
INZIEN, REGISTER = "verstrekking:inzien", "register:lezen"
ACTIVITEIT = deel.ACTIVITEIT
PER_PAGINA = 25
LEEG_RIJEN = 2  # empty item rows offered below the filled ones

# The wizard's eight steps (SPEC §7 "The wizard"): title, the rule applied, the refusal code.
STAPPEN: dict[int, tuple[str, str]] = {
    1: ("Doel", "Een vast doel uit het register van verwerkingen (GP-02, SH-06)."),
    2: ("Grondslag", "Uw grondslag a–f en die van de ontvanger; een overheid nooit f (GP-03, SH-06)."),
    3: ("Noodzaak", "Onderbouwd, niet meer dan nodig, eerst bij de cliënt (GP-04, SH-07, SH-18)."),
    4: ("Bijzondere gegevens", "Per bijzonder gegeven een categorie en een uitzondering die past (SH-08)."),
    5: ("Beroepsgeheim en grond", "Beroepsgeheim ja of nee, en één grond G1 tot en met G8 (SH-03, SH-04)."),
    6: ("De cliënt informeren", "Vooraf, achteraf of uitgesteld met een grond (GP-05, SH-14, SH-15)."),
    7: ("Juistheid", "Per gegeven: feit, mening of visie van de cliënt, en de bron (DS-07)."),
    8: ("Rechten van de cliënt", "Eigen verklaringen gaan mee; niets wat is afgeschermd (DS-09, DS-13)."),
}
STAP_CODES = {
    1: "E_NO_PURPOSE",
    2: "E_SH_NO_BASIS",
    3: "E_SH_NOT_NECESSARY",
    4: "E_SH_SPECIAL_BASIS",
    5: "E_SH_NO_GROUND",
    6: "E_SH_INFORM_GROUND",
    7: "E_DS_NOTE_TYPE",
    8: "E_SH_RIGHTS",
}
NIET_ZICHTBAAR = "Naam niet zichtbaar voor u"
INTREKKING = "zv_intrekking"  # session: the consequences of a revocation, shown once on the next page


def _leidinggevende(actor) -> bool:
    """SH-14: the leidinggevende approves a postponement."""
    return actor.heeft(GOEDKEUREN) and "leidinggevende" in actor.rollen


def _publiek(organisatie) -> bool:
    return bool(organisatie.bestuursorgaan) or organisatie.type in toestemming_services.PUBLIEKE_TYPES


def _kop_of_fout(request, actor, dossier_uuid) -> Kop | object:
    """The dossier header, or the response for a missing/invisible dossier or an expired grant."""
    try:
        return _kop(actor, dossier_uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _geweigerd(request, actor, exc)


def _render(request, actor, kop: Kop, template: str, context: dict, status: int = 200):
    return render(request, template, {**_basis(actor, kop.dossier, kop, "delen"), **context}, status=status)


def _toestemmingsdoelen(actor) -> list[tuple[str, str]]:
    """GP-02, CS-02: the processing activities a consent may name (RG-01: the user's controller's and the
    regional ones, not the verwijsindex); the service refuses any other."""
    return [
        (code, naam)
        for code, (naam, _) in toestemmingen.doelen(actor.verwerkingsverantwoordelijke_id).items()
    ]


def _deeldoelen(actor) -> list[tuple[str, str]]:
    """GP-02: the wizard offers only the activities whose purpose allows sharing client data; the service
    refuses any other."""
    return verstrekkingen.deeldoelen(actor.verwerkingsverantwoordelijke_id)


def _activiteit_namen() -> dict[str, str]:
    return dict(Verwerkingsactiviteit.objects.values_list("code", "naam"))


def _organisaties(actor):
    return Organisatie.objects.exclude(pk=actor.organisatie.pk).order_by("naam")


def _datum(waarde) -> dt.date | None:
    if isinstance(waarde, dt.date):
        return waarde
    try:
        return dt.date.fromisoformat(waarde) if isinstance(waarde, str) and waarde else None
    except ValueError:
        return None


def _melding(exc: DomainError) -> str:
    return f"{exc.detail} ({exc.code})"


# --- The dossier's "Delen" tab --------------------------------------------------------------------


def _deelbesluit_rij(rij: Deelbesluit) -> dict:
    return {
        "uuid": rij.uuid,
        "status": f.STATUS.get(rij.status, rij.status),
        "richting": f.RICHTING_KORT.get(rij.richting, rij.richting),
        "ontvanger": _ontvanger_naam(rij),
        "grond": f.GRONDEN.get(rij.grond, "Nog niet gekozen"),
        "besluit": f.BESLUITEN.get(rij.besluit, "Nog geen besluit"),
        "aangemaakt": rij.aangemaakt,
    }


def _ontvanger_naam(rij) -> str:
    ontvanger = rij.ontvanger or {}
    delen = [rij.ontvanger_organisatie.naam] if rij.ontvanger_organisatie_id else []
    delen += [ontvanger[k] for k in ("naam", "functie") if ontvanger.get(k)]
    return ", ".join(delen) or "Onbekend"


def _ontvangers(rij) -> list[str]:
    """A consent's recipients by name: a registered organisation, or the name recorded."""
    uuids = [o["organisatie"] for o in rij.ontvangers or [] if o.get("organisatie")]
    namen = {str(u): n for u, n in Organisatie.objects.filter(uuid__in=uuids).values_list("uuid", "naam")}
    return [namen.get(o.get("organisatie", ""), "") or o.get("naam", "") for o in rij.ontvangers or []]


_doel = toestemmingen.doel_in_woorden  # a consent's purpose in words, or the text an older record kept


def _toestemming_rij(rij, activiteiten: dict[str, str]) -> dict:
    return {
        "uuid": rij.uuid,
        "soort": f.TOESTEMMING_SOORT_KORT.get(rij.soort, rij.soort),
        "status": f.TOESTEMMING_STATUS.get(toestemmingen.status(rij), rij.status),
        "verlopen": toestemmingen.status(rij) == cs.VERLOPEN,
        "ontvangers": _ontvangers(rij),
        "doel": _doel(rij, activiteiten),
        "betrokkene": naam(rij.betrokkene),
        "datum": rij.datum,
        "geldig_tot": rij.geldig_tot,
    }


@require_GET
@pagina(LEZEN)
def delen(request, uuid, actor):
    """The dossier's sharing decisions and consents (SH-10, CS-03: filed in the dossier), each listed row
    audited with the grant that allows it (AU-01, AU-09)."""
    kop = _kop_of_fout(request, actor, uuid)
    if not isinstance(kop, Kop):
        return kop
    try:
        dossiers.sectie_toegang(actor, kop.dossier, kop.grants, "delen", "lezen")
    except DomainError as exc:
        return _geweigerd(request, actor, exc, kop, "delen")
    besluiten = []
    if actor.heeft(NEMEN):
        qs = (
            verstrekkingen.deelbesluiten_zichtbaar_voor(actor)
            .filter(dossier=kop.dossier)
            .select_related("dossier", "ontvanger_organisatie")
            .order_by("-aangemaakt", "-id")
        )
        besluiten = [_deelbesluit_rij(r) for r in verstrekkingen.lees_lijst(actor, list(qs))]
    lijst = []
    if actor.heeft(TOESTEMMING):
        qs = (
            toestemmingen.toestemmingen_zichtbaar_voor(actor)
            .filter(dossier=kop.dossier)
            .select_related("betrokkene", "dossier")
            .order_by("-datum", "-id")
        )
        activiteiten = _activiteit_namen()
        lijst = [_toestemming_rij(r, activiteiten) for r in toestemmingen.lijst(actor, list(qs))]
    aanmaken = kop.open and kop.mag("delen", "aanmaken")
    return _render(
        request,
        actor,
        kop,
        "ui/delen/lijst.html",
        {
            "deelbesluiten": besluiten,
            "toestemmingen": lijst,
            "mag_delen": aanmaken
            and actor.heeft(NEMEN)
            and bool(actor.rollen & {"medewerker", "leidinggevende"}),
            "mag_toestemming": aanmaken and actor.heeft(TOESTEMMING),
            "leden": kop.leden if actor.heeft(INZIEN) else [],
            "toont_deelbesluiten": actor.heeft(NEMEN),
            "toont_toestemmingen": actor.heeft(TOESTEMMING),
        },
    )


# --- The wizard -----------------------------------------------------------------------------------


def _notitie_keuzes(actor, kop: Kop) -> list[tuple[str, str, str]]:
    """Notes the user may read, as items to share (DS-07): (uuid, label, short description)."""
    secties = frozenset(kop.secties & set(dossierpolicies.NOTITIE_SECTIES))
    if not secties:
        return []
    rijen = [dossiers.notitie_weergave(n) for n in dossiers.notities(kop.dossier, secties)]
    if rijen:
        _lees(actor, kop, sorted(secties)[0], [f"notitie.{s}" for s in sorted(secties)])
    uit = []
    for n in rijen:
        soort = NOTITIE_SOORTEN.get(n["soort"], n["soort"]).split(" (")[0]
        datum = date_format(n["aangemaakt"], "j F Y")
        tekst = n["tekst"] if len(n["tekst"]) <= 60 else n["tekst"][:57] + "…"
        uit.append((str(n["uuid"]), f"{datum} – {soort}: {tekst}", f"{soort} van {datum}"))
    return uit


def _toestemming_keuzes(actor, kop: Kop) -> list[tuple[str, str]]:
    """G1: the consents of this dossier the user may read (audited, AU-01)."""
    try:
        qs = (
            toestemmingen.toestemmingen_zichtbaar_voor(actor)
            .filter(dossier=kop.dossier)
            .select_related("betrokkene", "dossier")
            .order_by("-datum", "-id")
        )
        rijen = toestemmingen.lijst(actor, list(qs))
    except DomainError:
        return []
    activiteiten = _activiteit_namen()
    return [
        (
            str(t.uuid),
            f"{f.TOESTEMMING_SOORT_KORT.get(t.soort, t.soort)} van {naam(t.betrokkene)} – "
            f"{_doel(t, activiteiten)} – "
            f"{f.TOESTEMMING_STATUS.get(toestemmingen.status(t), t.status)} "
            f"({date_format(t.datum, 'j F Y')})",
        )
        for t in rijen
    ]


def _wizard_form(actor, kop: Kop, data=None, initial=None, rijen: int = 3, grond_alleen: bool = False):
    org = actor.organisatie
    return f.DeelbesluitFormulier(
        data,
        initial=initial,
        organisaties=_organisaties(actor),
        activiteiten=_deeldoelen(actor),
        notities=[] if grond_alleen else _notitie_keuzes(actor, kop),
        toestemmingen=_toestemming_keuzes(actor, kop)
        if not grond_alleen or (initial or {}).get("grond") == p.G1
        else [],
        rijen=rijen,
        verrijker=org.type in p.VERRIJKERS,
        veilig_thuis=org.type == p.VEILIG_THUIS,
        auto_id="deel_%s",
    )


def _aantal_rijen(request, opgeslagen: int) -> int:
    if request.method == "POST":
        try:
            return int(request.POST.get("rijen") or 1)
        except ValueError:
            return 1
    return max(opgeslagen + LEEG_RIJEN, 3)


def _uitkomst(actor, rij: Deelbesluit, a: dict) -> dict:
    """The policy's live result per step with its Dutch reasons (SH-21), and what the chosen ground and
    the procedure (SH-03, SH-09, SH-17) add before a decision can be taken. Step 5 is "beroepsgeheim en
    grond" here: it is in order only when the chosen ground's own questions are too, so "8 van de 8"
    means the draft is complete (`policies.open_punten`)."""
    vraag = deel.deelvraag(rij, a, actor, today())
    grond = [f for f in p.grond_fouten(vraag, today()) if f.code != "E_SH_CONSULT_REQUIRED"]
    stappen = []
    for s in p.toets(vraag):
        titel, regel = STAPPEN[s.stap]
        fouten = [*s.fouten, *grond] if s.stap == 5 else list(s.fouten)
        code = p.hoofdcode(fouten)
        stappen.append(
            {
                "nummer": s.stap,
                "titel": titel,
                "regel": regel,
                "ok": not fouten,
                "code": code,
                "code_titel": CODES[code].title if code in CODES else "",
                "redenen": list(dict.fromkeys(fout.reden for fout in fouten)),
            }
        )
    aantal_ok = sum(1 for s in stappen if s["ok"])
    return {
        "vraag": vraag,
        "stappen": stappen,
        "aantal_ok": aantal_ok,
        "volledig": aantal_ok == len(stappen),
        "grond_fouten": [{"code": fout.code, "reden": fout.reden} for fout in grond],
        "consultatie_vereist": p.consultatie_vereist(vraag),
        "consultatie_ontbreekt": any(
            fout.code == "E_SH_CONSULT_REQUIRED" for fout in p.grond_fouten(vraag, today())
        ),
        "alleen_leidinggevende": p.consultatie_rollen(vraag) == {p.LEIDINGGEVENDE},
    }


def _wizard_pagina(request, actor, kop: Kop, form, rij: Deelbesluit | None, status: int = 200):
    uitkomst = _uitkomst(actor, rij, deel.antwoorden(rij)) if rij is not None else None
    stappen = []
    for nummer, (titel, regel) in STAPPEN.items():
        stappen.append(
            {
                "nummer": nummer,
                "titel": titel,
                "regel": regel,
                "code": STAP_CODES[nummer],
                "uitleg": p.UITLEG[nummer],
                "uitkomst": uitkomst["stappen"][nummer - 1] if uitkomst else None,
                "velden": form.sectie(str(nummer)) if str(nummer) in f.SECTIE_VELDEN else [],
                "rijen": form.rij_secties(nummer) if nummer in f.RIJ_VELDEN else [],
            }
        )
    grond = form.gekozen_grond
    return _render(
        request,
        actor,
        kop,
        "ui/delen/wizard.html",
        {
            "form": form,
            "rij": rij,
            "stappen": stappen,
            "uitkomst": uitkomst,
            "grond": grond,
            "grond_info": p.GRONDEN.get(grond or ""),
            "grond_velden": form.grond_velden(grond),
            "actie": reverse("ui:deelbesluit_wizard", args=[rij.uuid])
            if rij
            else reverse("ui:deelbesluit_nieuw", args=[kop.dossier.uuid]),
        },
        status=status,
    )


def _toestemming_voor(actor, form) -> object | None:
    """G1's consent, read through the registry's own visibility; an unknown one is the form's error."""
    d = form.cleaned_data
    if d.get("grond") != p.G1 or not d.get("toestemming"):
        return None
    try:
        return toestemmingen.toestemming_of_404(actor, d["toestemming"])[0]
    except DomainError:
        form.add_error("toestemming", "Deze toestemming kunt u niet gebruiken.")
        return None


@require_http_methods(["GET", "POST"])
@pagina(NEMEN)
def deelbesluit_nieuw(request, uuid, actor):
    """The wizard's first save makes the DRAFT (SH-01); nothing is stored until the recipient is named."""
    kop = _kop_of_fout(request, actor, uuid)
    if not isinstance(kop, Kop):
        return kop
    try:
        dossiers.sectie_toegang(actor, kop.dossier, kop.grants, "delen", "lezen")
    except DomainError as exc:
        return _geweigerd(request, actor, exc, kop, "delen")
    form = _wizard_form(
        actor,
        kop,
        request.POST or None,
        initial={"richting": p.VERSTREKKEN},
        rijen=_aantal_rijen(request, 0),
    )
    if request.method == "POST" and form.is_valid():
        toestemming = _toestemming_voor(actor, form)
        if not form.errors:
            data, antwoorden = form.data_voor_service(toestemming)
            try:
                rij = deel.maak(actor=actor, dossier_uuid=uuid, data=data, antwoorden_=antwoorden)
            except NotFound:
                return niet_gevonden(request)
            except DomainError as exc:
                _fouten(form, exc)
            else:
                messages.success(
                    request, "Het concept is opgeslagen. Per stap ziet u hieronder of het klopt (SH-21)."
                )
                return HttpResponseRedirect(reverse("ui:deelbesluit_wizard", args=[rij.uuid]))
    return _wizard_pagina(request, actor, kop, form, None, 400 if request.method == "POST" else 200)


def _lees_deelbesluit(request, actor, uuid):
    """(decision, header) or the response: not visible → 404 page; no "delen" read right → the reason."""
    try:
        rij = verstrekkingen.lees_deelbesluit(actor, uuid)
    except NotFound:
        return None, _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return None, _geweigerd(request, actor, exc)
    kop = _kop_of_fout(request, actor, rij.dossier.uuid)
    if not isinstance(kop, Kop):
        return None, kop
    return rij, kop


@require_http_methods(["GET", "POST"])
@pagina(NEMEN)
def deelbesluit_wizard(request, uuid, actor):
    """The DRAFT's answers; every save re-evaluates the eight steps (SH-21). After consultation or the
    decision the answers are fixed: the page then leads to the decision page."""
    rij, kop = _lees_deelbesluit(request, actor, uuid)
    if rij is None:
        return kop
    if rij.status != p.CONCEPT:
        if request.method == "POST":
            messages.error(request, "Alleen een concept-deelbesluit is te wijzigen (SPEC §7).")
        return HttpResponseRedirect(reverse("ui:deelbesluit", args=[uuid]))
    a = deel.antwoorden(rij)
    form = _wizard_form(
        actor,
        kop,
        request.POST or None,
        initial=f.DeelbesluitFormulier.initial_uit(rij, a),
        rijen=_aantal_rijen(request, len(a.get("gegevens") or [])),
    )
    if request.method == "POST" and form.is_valid():
        toestemming = _toestemming_voor(actor, form)
        if not form.errors:
            data, antwoorden = form.data_voor_service(toestemming)
            try:
                deel.wijzig(actor=actor, uuid=uuid, data=data, antwoorden_=antwoorden)
            except NotFound:
                return niet_gevonden(request)
            except DomainError as exc:
                _fouten(form, exc)
            else:
                messages.success(request, "Opgeslagen. Per stap ziet u hieronder of het klopt (SH-21).")
                return HttpResponseRedirect(reverse("ui:deelbesluit_wizard", args=[uuid]))
    return _wizard_pagina(request, actor, kop, form, rij, 400 if request.method == "POST" else 200)


@require_GET
@pagina(NEMEN)
def grondvragen(request, uuid, actor):
    """htmx: the chosen ground's own questions (step 5). Only the chosen ground travels in the URL."""
    kop = _kop_of_fout(request, actor, uuid)
    if not isinstance(kop, Kop):
        return kop
    grond = request.GET.get("grond") or ""
    if grond not in p.GRONDEN:
        grond = ""
    form = _wizard_form(actor, kop, initial={"grond": grond}, rijen=1, grond_alleen=True)
    return render(
        request,
        "ui/delen/_grondvragen.html",
        {"grond": grond, "grond_info": p.GRONDEN.get(grond), "grond_velden": form.grond_velden(grond)},
    )


# --- The decision page ----------------------------------------------------------------------------


def _waarde(veld) -> str:
    """A stored answer as the form shows it: a choice's label, yes/no, a date; "" when not answered."""
    waarde = veld.value()
    field = veld.field
    if isinstance(field, f.forms.BooleanField):
        return "Ja" if waarde else ""
    if waarde in (None, "", []):
        return ""
    if isinstance(waarde, Organisatie):
        return waarde.naam
    if isinstance(waarde, dt.date):
        return date_format(waarde, "j F Y")
    if hasattr(field, "choices"):
        labels = {str(k): v for k, v in field.choices}
        return str(labels.get(str(waarde), waarde))
    if isinstance(field, f.forms.DateField):
        datum = _datum(waarde)
        return date_format(datum, "j F Y") if datum else str(waarde)
    return str(waarde)


def _antwoorden(form, namen) -> list[tuple[str, str]]:
    return [(form[n].label, w) for n in namen if n in form.fields and (w := _waarde(form[n]))]


def _weergave(actor, rij: Deelbesluit, a: dict, uitkomst: dict, kop: Kop) -> dict:
    """Everything recorded on the decision, in the wizard's own words."""
    form = _wizard_form(
        actor,
        kop,
        initial=f.DeelbesluitFormulier.initial_uit(rij, a),
        rijen=max(len(a.get("gegevens") or []), 1),
        grond_alleen=True,
    )
    vraag = uitkomst["vraag"]
    gegevens = []
    for i, g in enumerate(a.get("gegevens") or []):
        gezien = vraag.gegevens[i] if i < len(vraag.gegevens) else None
        gegevens.append(
            {
                "omschrijving": g.get("omschrijving", ""),
                "notitie": bool(g.get("item")),
                "bijzonder": gezien.is_bijzonder if gezien else bool(g.get("bijzonder")),
                "categorie": f.BIJZONDERE_CATEGORIEEN.get(g.get("categorie", ""), g.get("categorie", "")),
                "uitzondering": f.UITZONDERINGEN.get(g.get("uitzondering", ""), ""),
                "soort": NOTITIE_SOORTEN.get((gezien.soort if gezien else None) or "", "Niet aangegeven"),
                "bron": NOTITIE_BRONNEN.get((gezien.bron if gezien else None) or "", "Niet aangegeven"),
                "eigen_verklaring": bool(gezien and gezien.heeft_eigen_verklaring),
            }
        )
    consultatie = a.get("consultatie") or {}
    informeren = (a.get("stappen") or {}).get("informeren") or {}
    vandaag = today()
    return {
        "status": f.STATUS.get(rij.status, rij.status),
        "richting": f.RICHTING_KORT.get(rij.richting, rij.richting),
        "ontvanger": _ontvanger_naam(rij),
        "ontvanger_type": f.ONTVANGER_TYPES.get(rij.ontvanger_type, rij.ontvanger_type),
        "taak": (rij.ontvanger or {}).get("taak", ""),
        "klasse": f.KLASSEN.get(rij.klasse, "Nog niet gekozen"),
        "grond": p.GRONDEN.get(rij.grond),
        "toestemming": rij.toestemming,
        "secties": [
            (
                "Ontvanger en verzoek",
                _antwoorden(form, f.SECTIE_VELDEN["ontvanger"] + f.SECTIE_VELDEN["verrijking"]),
            ),
            *[
                (f"Stap {n}: {STAPPEN[n][0]}", _antwoorden(form, f.SECTIE_VELDEN[str(n)]))
                for n in (1, 2, 3, 5, 6, 8)
            ],
            (
                f"Vragen bij {p.GRONDEN[rij.grond].label}"
                if rij.grond in p.GRONDEN
                else "Vragen bij de grond",
                _antwoorden(form, f.GROND_VELDEN.get(rij.grond, ())),
            ),
        ],
        "gegevens": gegevens,
        "consultatie": {
            "door": rij.consultatie_door.naam if rij.consultatie_door else consultatie.get("adviseur", ""),
            "rol": consultatie.get("rol", ""),
            "op": rij.consultatie_op,
            "advies": consultatie.get("advies", ""),
            # SH-11: the adviser's own confirmation or correction, once given
            "reactie": consultatie.get("reactie"),
        }
        if rij.consultatie_op
        else None,
        "consultatie_uiterlijk": rij.consultatie_uiterlijk,
        "consultatie_te_laat": rij.consultatie_uiterlijk is not None
        and rij.consultatie_op is None
        and vandaag > rij.consultatie_uiterlijk,
        "besluit": {
            "besluit": f.BESLUITEN.get(rij.besluit, rij.besluit),
            "redenen": a.get("besluitRedenen", ""),
            "op": rij.besloten_op,
            "door": rij.besloten_door.naam if rij.besloten_door else "",
            "spoed": rij.spoed,
        }
        if rij.besluit
        else None,
        "uitgevoerd": {"op": rij.uitgevoerd_op, "vorm": f.UITVOERING_VORMEN.get(rij.uitvoering_vorm, "")}
        if rij.uitgevoerd_op
        else None,
        "informeren": {
            "moment": f.MOMENTEN.get(
                rij.informeren_moment or informeren.get("moment") or "", "Nog niet gekozen"
            ),
            "grond": f.UITSTEL_GRONDEN.get(rij.informeren_grond or "", ""),
            "op": rij.geinformeerd_op,
            "wijze": a.get("informeringWijze", ""),
            "reviewdatum": rij.reviewdatum,
            "review_verschuldigd": rij.reviewdatum is not None
            and rij.status == p.INFORMEREN_UITGESTELD
            and p.review_verschuldigd(rij.reviewdatum, vandaag),
            "uitstel": [
                {
                    **u,
                    "grond": f.UITSTEL_GRONDEN.get(u.get("grond", ""), u.get("grond", "")),
                    "reviewdatum": _datum(u.get("reviewdatum")),
                }
                for u in a.get("uitstel") or []
            ],
        },
        "beeindigd_op": rij.beeindigd_op,
        "vervallen": a.get("vervallen"),
        "wacht_op_uitstel": rij.status == p.UITGEVOERD and rij.informeren_moment == p.UITGESTELD,
    }


def _consultatie_form(actor, rij, data=None):
    """SH-09: where the rule requires the leidinggevende, only leidinggevenden are offered (the service
    refuses anyone else); otherwise any colleague or leidinggevende."""
    nu = timezone.localtime(now())
    vraag = deel.deelvraag(rij, deel.antwoorden(rij), actor, today())
    alleen_leiding = p.consultatie_rollen(vraag) == {p.LEIDINGGEVENDE}
    adviseurs = (_leidinggevenden if alleen_leiding else _collegas)(actor, rij.organisatie_id)
    return f.ConsultatieFormulier(
        data,
        initial={"datum": nu.date(), "tijd": nu.time().replace(second=0, microsecond=0)},
        adviseurs=adviseurs.exclude(pk=actor.gebruiker.pk),
        alleen_leidinggevende=alleen_leiding,
        auto_id="consultatie_%s",
    )


def _consultatie_mogelijk(rij: Deelbesluit, uitkomst: dict) -> bool:
    """SPEC §7 States, SH-09: a draft is consulted once complete (consultation fixes the answers); a
    consulted draft whose consultation does not meet SH-09 (not the leidinggevende) can be consulted again;
    the urgent path consults after the decision."""
    if rij.status == p.CONCEPT:
        return uitkomst["volledig"]
    if rij.status == p.CONSULTATIE:
        return uitkomst["consultatie_ontbreekt"]
    return rij.status == p.BESLOTEN and rij.spoed and rij.consultatie_op is None


def _formulieren(actor, rij: Deelbesluit, gegeven: dict, uitkomst: dict) -> dict:
    """The actions that fit the decision's state (SPEC §7 States); a refused one keeps its form."""
    uit = dict(gegeven)
    status = rij.status
    delen_besloten = rij.besluit in (p.DELEN, p.GEDEELTELIJK)
    if _consultatie_mogelijk(rij, uitkomst):
        uit.setdefault("consultatie", _consultatie_form(actor, rij))
    if status in (p.CONCEPT, p.CONSULTATIE):
        uit.setdefault("besluit", f.BesluitFormulier(auto_id="besluit_%s"))
        uit.setdefault("vervallen", f.VervallenFormulier(auto_id="vervallen_%s"))
    if status == p.BESLOTEN and delen_besloten and not rij.verschoningsrecht:
        uit.setdefault("uitvoeren", f.UitvoerenFormulier(initial={"datum": today()}, auto_id="uitvoeren_%s"))
    if (status == p.BESLOTEN and delen_besloten and rij.geinformeerd_op is None) or status in (
        p.UITGEVOERD,
        p.INFORMEREN_UITGESTELD,
    ):
        uit.setdefault(
            "informeren", f.ClientInformerenFormulier(initial={"datum": today()}, auto_id="informeren_%s")
        )
    return uit


def _deelbesluit_pagina(request, actor, uuid, formulieren: dict | None = None, status: int = 200):
    rij, kop = _lees_deelbesluit(request, actor, uuid)
    if rij is None:
        return kop
    a = deel.antwoorden(rij)
    uitkomst = _uitkomst(actor, rij, a)
    return _render(
        request,
        actor,
        kop,
        "ui/delen/deelbesluit.html",
        {
            "rij": rij,
            "w": _weergave(actor, rij, a, uitkomst, kop),
            "uitkomst": uitkomst,
            "formulieren": _formulieren(actor, rij, formulieren or {}, uitkomst),
            "concept": rij.status == p.CONCEPT,
            "mag_goedkeuren": _leidinggevende(actor)
            and rij.status in (p.UITGEVOERD, p.INFORMEREN_UITGESTELD)
            and rij.informeren_moment == p.UITGESTELD,
        },
        status=status,
    )


@require_GET
@pagina(NEMEN)
def deelbesluit(request, uuid, actor):
    return _deelbesluit_pagina(request, actor, uuid)


def _actie(request, actor, uuid, sleutel: str, form, uitvoeren: Callable[[dict], object], melding: str):
    """POST on the decision page: the form, the service, back with a message; a refusal re-shows the page
    with the entered values and the Dutch reasons (its code, so it can be looked up) and changes nothing."""
    if form.is_valid():
        try:
            uitvoeren(form.cleaned_data)
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
            form.add_error(None, f"Code: {exc.code} – {exc.title}.")
        else:
            messages.success(request, melding)
            return HttpResponseRedirect(reverse("ui:deelbesluit", args=[uuid]))
    return _deelbesluit_pagina(request, actor, uuid, {sleutel: form}, 400)


def _deelbesluit_organisatie(actor, uuid):
    try:
        return verstrekkingen.deelbesluit_of_404(actor, uuid)[0]
    except DomainError:
        return None


@_post_anders_terug("ui:deelbesluit")
@pagina(NEMEN)
def consulteren(request, uuid, actor):
    """SH-09/SH-11: who, when, advice; a DRAFT moves to CONSULT and its answers are fixed."""
    rij = _deelbesluit_organisatie(actor, uuid)
    if rij is None:
        return _niet_zichtbaar(request, actor)
    form = _consultatie_form(actor, rij, request.POST)

    def uitvoeren(d):
        tijdstip = None
        if d.get("datum"):
            tijdstip = timezone.make_aware(dt.datetime.combine(d["datum"], d.get("tijd") or dt.time(0)))
        deel.consulteer(
            actor=actor,
            uuid=uuid,
            adviseur=d.get("adviseur"),
            tijdstip=tijdstip,
            advies=d.get("advies") or "",
        )

    return _actie(
        request,
        actor,
        uuid,
        "consultatie",
        form,
        uitvoeren,
        "De consultatie is vastgelegd (SH-11). Wie u raadpleegde, krijgt een bericht om het advies te "
        "bevestigen of te corrigeren.",
    )


@_post_anders_terug("ui:deelbesluit")
@pagina(NEMEN)
def besluiten(request, uuid, actor):
    """SH-10: the decision with reasons, only when every step and the ground hold; the service names the
    first rule that does not (for instance E_SH_CONSULT_REQUIRED) and nothing changes."""
    form = f.BesluitFormulier(request.POST, auto_id="besluit_%s")
    return _actie(
        request,
        actor,
        uuid,
        "besluit",
        form,
        lambda d: deel.besluit(
            actor=actor,
            uuid=uuid,
            besluit_=d.get("besluit") or "",
            redenen=d.get("redenen") or "",
            spoed=bool(d.get("spoed")),
        ),
        "Het besluit is vastgelegd in het dossier (SH-10).",
    )


@_post_anders_terug("ui:deelbesluit")
@pagina(NEMEN)
def vervallen(request, uuid, actor):
    """SPEC §7 States: a draft that will not be decided is discarded with a reason (audited)."""
    form = f.VervallenFormulier(request.POST, auto_id="vervallen_%s")
    return _actie(
        request,
        actor,
        uuid,
        "vervallen",
        form,
        lambda d: deel.verklaar_vervallen(actor=actor, uuid=uuid, reden=d.get("reden") or ""),
        "Het concept is vervallen verklaard. Er is niets gedeeld.",
    )


@_post_anders_terug("ui:deelbesluit")
@pagina(NEMEN)
def uitvoeren(request, uuid, actor):
    """SH-16: executing writes the disclosure register, one entry per person the items concern."""
    form = f.UitvoerenFormulier(request.POST, auto_id="uitvoeren_%s")
    return _actie(
        request,
        actor,
        uuid,
        "uitvoeren",
        form,
        lambda d: deel.voer_uit(actor=actor, uuid=uuid, datum=d.get("datum"), vorm=d.get("vorm") or ""),
        "De verstrekking is vastgelegd en staat in het verstrekkingenregister (SH-16).",
    )


@_post_anders_terug("ui:deelbesluit")
@pagina(NEMEN)
def informeren(request, uuid, actor):
    """SH-14/SH-15: the client was told, before execution or after it."""
    form = f.ClientInformerenFormulier(request.POST, auto_id="informeren_%s")
    return _actie(
        request,
        actor,
        uuid,
        "informeren",
        form,
        lambda d: deel.informeer_client(
            actor=actor, uuid=uuid, datum=d.get("datum"), wijze=d.get("wijze") or ""
        ),
        "Vastgelegd dat de cliënt is geïnformeerd (SH-14).",
    )


# --- Postponing informing: the leidinggevende (SH-14) -----------------------------------------------


def _wacht_op_goedkeuring(actor) -> list[Deelbesluit]:
    return verstrekkingen.wacht_op_goedkeuring(actor)


def _log_goedkeuring(actor, rijen: list[Deelbesluit], actie: str) -> None:
    """Reading a decision to approve its postponement is a processing too (AU-01), without content grant."""
    with transaction.atomic():
        for rij in rijen:
            audit.record(
                actor=actor,
                actie=actie,
                activiteit=ACTIVITEIT,
                object=rij,
                betrokkenen=dossiers.personen(rij.dossier),
                velden=["ontvanger", "grond", "status", "clientInformering"],
            )


@require_http_methods(["GET", "POST"])
@pagina()
def advies(request, uuid, actor):
    """SH-09/SH-11: the colleague or leidinggevende in whose name a consultation was recorded reads the
    advice as recorded and confirms or corrects it. Only the adviser sees this page (no content grant on
    the dossier is needed; tenancy applies); reading it is audited."""
    form = f.AdviesReactieFormulier(request.POST or None, auto_id="advies_%s")
    if request.method == "POST" and form.is_valid():
        try:
            deel.reageer_op_advies(
                actor=actor,
                uuid=uuid,
                akkoord=form.cleaned_data["akkoord"],
                toelichting=form.cleaned_data.get("toelichting") or "",
            )
        except NotFound:
            return _niet_zichtbaar(request, actor)
        except DomainError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, "Uw reactie op het advies is vastgelegd (SH-11).")
            return HttpResponseRedirect(reverse("ui:deelbesluit_advies", args=[uuid]))
    try:
        rij = verstrekkingen.lees_advies(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    c = deel.antwoorden(rij).get("consultatie") or {}
    reactie = c.get("reactie")
    return render(
        request,
        "ui/delen/advies.html",
        {
            "rij": rij,
            "ontvanger": _ontvanger_naam(rij),
            "grond": p.GRONDEN.get(rij.grond),
            "status": f.STATUS.get(rij.status, rij.status),
            "consultatie": c,
            "vastgelegd_door": c.get("vastgelegdDoor") or rij.aangemaakt_door.naam,
            "reactie": reactie,
            "reactie_op": _datum(reactie["op"][:10]) if reactie else None,
            "form": None if reactie else form,
        },
    )


@require_http_methods(["GET", "POST"])
@pagina(GOEDKEUREN)
def uitstellen(request, uuid, actor):
    """SH-14: the leidinggevende approves postponing informing the client (safety or Participatiewet),
    with a review date at most `sharing.postpone_review_days` ahead; repeated, it is the review."""
    if "leidinggevende" not in actor.rollen:
        return _niet_zichtbaar(request, actor)
    try:
        rij = verstrekkingen.deelbesluit_voor_goedkeuring(actor, uuid)
    except NotFound:
        return _niet_zichtbaar(request, actor)
    a = deel.antwoorden(rij)
    gevraagd = ((a.get("stappen") or {}).get("informeren") or {}).get("grond")
    form = f.UitstelFormulier(
        request.POST or None,
        initial={"grond": gevraagd, "reviewdatum": today() + dt.timedelta(days=p.UITSTEL_REVIEW_DAGEN)},
        auto_id="uitstel_%s",
    )
    # SH-14 (b): Participatiewet enforcement is a ground only for G5 to a toezichthouder; not offered else.
    if not (rij.grond == p.G5 and (a.get("wettelijkePlicht") or {}).get("ontvanger") == p.PARTICIPATIEWET):
        veld = form.fields["grond"]
        veld.choices = [(k, v) for k, v in veld.choices if k != p.PARTICIPATIEWET]  # type: ignore[attr-defined]
    veld_keuzes = form.fields["grond"].choices  # type: ignore[attr-defined]
    mogelijk = rij.status in (p.UITGEVOERD, p.INFORMEREN_UITGESTELD)
    afwijzen = f.UitstelAfwijzenFormulier(
        request.POST if request.POST.get("actie") == "afwijzen" else None, auto_id="afwijzen_%s"
    )

    def probeer(form, uitvoeren, melding: str):
        """Run the service; its refusal goes to the form's fields, success back to this page."""
        try:
            uitvoeren()
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
            return None
        messages.success(request, melding)
        return HttpResponseRedirect(reverse("ui:deelbesluit_uitstellen", args=[uuid]))

    antwoord = None
    if request.POST.get("actie") == "afwijzen":
        form = f.UitstelFormulier(initial=form.initial, auto_id="uitstel_%s")  # the other form stays unbound
        form.fields["grond"].choices = veld_keuzes  # type: ignore[attr-defined]
        if afwijzen.is_valid():
            antwoord = probeer(
                afwijzen,
                lambda: deel.wijs_uitstel_af(
                    actor=actor, uuid=uuid, toelichting=afwijzen.cleaned_data["toelichting"]
                ),
                "Het uitstel is niet goedgekeurd. De cliënt wordt zo snel mogelijk geïnformeerd; wie het "
                "besluit nam, heeft daarover een e-mail gekregen (SH-14).",
            )
    elif request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        antwoord = probeer(
            form,
            lambda: deel.stel_informeren_uit(
                actor=actor,
                uuid=uuid,
                grond=d.get("grond") or "",
                toelichting=d.get("toelichting") or "",
                reviewdatum=d.get("reviewdatum"),
            ),
            "Het uitstel is goedgekeurd. Op de reviewdatum bekijkt u opnieuw of de cliënt al kan worden "
            "geïnformeerd (SH-14).",
        )
    if antwoord is not None:
        return antwoord
    _log_goedkeuring(actor, [rij], "deelbesluit.ingezien")
    return render(
        request,
        "ui/delen/uitstellen.html",
        {
            "rij": rij,
            "status": f.STATUS.get(rij.status, rij.status),
            "ontvanger": _ontvanger_naam(rij),
            "grond": p.GRONDEN.get(rij.grond),
            "gevraagd": f.UITSTEL_GRONDEN.get(gevraagd or "", ""),
            "uitstel": [
                {
                    **u,
                    "grond": f.UITSTEL_GRONDEN.get(u.get("grond", ""), ""),
                    "reviewdatum": _datum(u.get("reviewdatum")),
                }
                for u in a.get("uitstel") or []
            ],
            "form": form if mogelijk else None,
            "afwijzen": afwijzen
            if afwijzen.errors or (mogelijk and rij.informeren_moment == p.UITGESTELD)
            else None,
            "afgewezen": [{**x, "datum": _datum(x.get("datum"))} for x in a.get("uitstelAfgewezen") or []],
            "review_verschuldigd": bool(rij.reviewdatum) and p.review_verschuldigd(rij.reviewdatum, today()),
            "zichtbaar": verstrekkingen.deelbesluiten_zichtbaar_voor(actor).filter(pk=rij.pk).exists(),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Consents (SPEC §6) ---------------------------------------------------------------------------


def _personen_namen(actor, uuids) -> dict[str, str]:
    """Names of the persons among `uuids` the user may see; showing them is audited per person (AU-01)."""
    zichtbaar = list(personen.personen_zichtbaar_voor(actor).filter(uuid__in=list(uuids)))
    if zichtbaar:
        personen.audit_lijst(actor, zichtbaar)
    return {str(x.uuid): naam(x) for x in zichtbaar}


def _gever_keuzes(actor, persoon) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """CS-05: the person and their registered relations, with the capacity; the other parents with
    authority (for an informed non-objection or an objection)."""
    relaties = list(personen.relaties_van(persoon))
    namen = _personen_namen(actor, [persoon.uuid, *(r.ander.uuid for r in relaties)])
    eigen = namen.get(str(persoon.uuid)) or naam(persoon)
    gevers = [(f"{persoon.uuid}|{cs.ZELF}", f"{eigen} zelf")]
    ouders = []
    for r in relaties:
        wie = namen.get(str(r.ander.uuid), NIET_ZICHTBAAR)
        hoedanigheid = f.HOEDANIGHEDEN.get(r.soort, r.soort)
        gevers.append((f"{r.ander.uuid}|{r.soort}", f"{wie}, {hoedanigheid} van {eigen}"))
        if r.soort in ("ouder_met_gezag", "voogd"):
            ouders.append((str(r.ander.uuid), f"{wie}, {hoedanigheid}"))
    return gevers, ouders


def _toestemming_form(actor, persoon, data=None, initial=None, velden=None, auto_id="toestemming_%s"):
    gevers, ouders = _gever_keuzes(actor, persoon)
    return f.ToestemmingFormulier(
        data,
        initial=initial,
        gevers=gevers,
        andere_ouders=ouders,
        activiteiten=_toestemmingsdoelen(actor),
        organisaties=_organisaties(actor),
        publiek=_publiek(actor.organisatie),
        velden=velden,
        auto_id=auto_id,
    )


def _cs10() -> str:
    """CS-10's warning, shown beforehand to a public body (the registry repeats it when it applies)."""
    waarschuwing = cs.waarschuwingen(cs.Toestemmingsinvoer(soort=cs.GRONDSLAG), organisatie_is_publiek=True)
    return f"Kiest u (1), of (4) als grondslag? {waarschuwing[0]}"


@require_http_methods(["GET", "POST"])
@pagina(TOESTEMMING)
def toestemming_nieuw(request, uuid, actor):
    """CS-01 … CS-16: record a consent (asked, given or refused) for a member of the dossier; the registry
    checks the giver against SPEC §6's table and warns a public body choosing consent as basis (CS-10)."""
    kop = _kop_of_fout(request, actor, uuid)
    if not isinstance(kop, Kop):
        return kop
    try:
        dossiers.sectie_toegang(actor, kop.dossier, kop.grants, "delen", "lezen")
    except DomainError as exc:
        return _geweigerd(request, actor, exc, kop, "delen")
    gekozen = request.POST.get("betrokkene") or request.GET.get("betrokkene")
    leden = {str(x.uuid): x for x in kop.personen}
    persoon = leden.get(gekozen or "") or (kop.personen[0] if len(kop.personen) == 1 else None)
    if persoon is None:
        return _render(request, actor, kop, "ui/delen/toestemming_kiezen.html", {"leden": kop.leden})
    vandaag = today()
    form = _toestemming_form(
        actor,
        persoon,
        request.POST or None,
        initial={"status": cs.GEVRAAGD, "datum": vandaag, "informatie_datum": vandaag},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rij, waarschuwingen = toestemming_services.registreer(
                actor=actor, betrokkene_uuid=persoon.uuid, dossier_uuid=uuid, data=form.data_voor_service()
            )
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
            form.add_error(None, f"Code: {exc.code} – {exc.title}.")
        else:
            messages.success(request, "De toestemming is vastgelegd.")
            for w in waarschuwingen:
                messages.warning(request, w)
            return HttpResponseRedirect(reverse("ui:toestemming", args=[rij.uuid]))
    return _render(
        request,
        actor,
        kop,
        "ui/delen/toestemming_nieuw.html",
        {
            "form": form,
            "persoon": persoon,
            "persoon_naam": naam(persoon),
            "cs10": _cs10() if "afhankelijkheid_reden" in form.fields else "",
        },
        status=400 if request.method == "POST" else 200,
    )


def _lees_toestemming(request, actor, uuid):
    try:
        rij = toestemmingen.lees(actor, uuid)
    except NotFound:
        return None, None, _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return None, None, _geweigerd(request, actor, exc)
    kop = None
    if rij.dossier_id:
        kop = _kop_of_fout(request, actor, rij.dossier.uuid)
        if not isinstance(kop, Kop):
            return None, None, kop
    return rij, kop, None


def _toestemming_pagina(request, actor, uuid, formulieren: dict | None = None, status: int = 200):
    rij, kop, fout = _lees_toestemming(request, actor, uuid)
    if fout is not None:
        return fout
    inhoud = toestemmingen.inhoud(rij)
    huidig = toestemmingen.status(rij)
    formulieren = dict(formulieren or {})
    gevers = rij.gevers or []
    namen = _personen_namen(actor, {rij.betrokkene.uuid, *(g["persoon"] for g in gevers)})
    if rij.andere_ouder.get("persoon"):
        namen |= _personen_namen(actor, [rij.andere_ouder["persoon"]])
    if huidig == cs.GEVRAAGD:
        formulieren.setdefault(
            "geven",
            _toestemming_form(
                actor,
                rij.betrokkene,
                initial={"datum": today()},
                velden=f.ToestemmingFormulier.GEVEN,
                auto_id="geven_%s",
            ),
        )
        formulieren.setdefault(
            "weigeren",
            _toestemming_form(
                actor,
                rij.betrokkene,
                initial={"datum": today()},
                velden=("gevers", "datum"),
                auto_id="weigeren_%s",
            ),
        )
    vertegenwoordiger = any(g.get("hoedanigheid") != cs.ZELF for g in gevers)
    if (
        "leidinggevende" in actor.rollen
        and actor.heeft("dossier:autoriseren")
        and vertegenwoordiger
        and rij.terzijdegelegd_door_id is None
    ):
        formulieren.setdefault("terzijde", f.TerzijdeFormulier(auto_id="terzijde_%s"))
    besluiten = []
    if actor.heeft(NEMEN):
        qs = (
            verstrekkingen.deelbesluiten_zichtbaar_voor(actor)
            .filter(toestemming=rij)
            .select_related("dossier", "ontvanger_organisatie")
            .order_by("-aangemaakt", "-id")
        )
        besluiten = [_deelbesluit_rij(r) for r in verstrekkingen.lees_lijst(actor, list(qs))]
    intrekking = request.session.pop(f"{INTREKKING}:{rij.uuid}", None)
    activiteiten = _activiteit_namen()
    ig = rij.informatie_gegeven or {}
    jg = rij.jongere_gehoord or {}
    ao = rij.andere_ouder or {}
    context = {
        "t": rij,
        "status": f.TOESTEMMING_STATUS.get(huidig, huidig),
        "huidig": huidig,
        "soort": f.TOESTEMMING_SOORTEN.get(rij.soort, rij.soort),
        "betrokkene": namen.get(str(rij.betrokkene.uuid)) or naam(rij.betrokkene),
        "gevers": [
            f"{namen.get(g['persoon'], NIET_ZICHTBAAR)} ({f.HOEDANIGHEDEN.get(g['hoedanigheid'], '')})"
            for g in gevers
        ],
        "jongere": {"datum": _datum(jg.get("datum")), "mening": inhoud.get("jongereMening", "")}
        if jg
        else None,
        "andere_ouder": {
            "naam": namen.get(ao.get("persoon", ""), NIET_ZICHTBAAR),
            "reactie": f.REACTIES.get(ao.get("reactie", ""), ""),
            "door": ao.get("geinformeerdDoor", ""),
            "datum": _datum(ao.get("datum")),
            "wijze": ao.get("wijze", ""),
        }
        if ao.get("persoon")
        else None,
        "uitzondering": {
            "grond": f.TOESTEMMING_UITZONDERINGEN.get(rij.uitzondering, rij.uitzondering),
            "redenen": inhoud.get("uitzonderingRedenen", ""),
        }
        if rij.uitzondering
        else None,
        "doel": _doel(rij, activiteiten),
        "ontvangers": _ontvangers(rij),
        "vorm": f.TOESTEMMING_VORMEN.get(rij.vorm, "Nog niet vastgelegd"),
        "informatie": {
            "datum": _datum(ig.get("datum")),
            "onderwerpen": [f.ONDERWERPEN.get(o, o) for o in ig.get("onderwerpen", [])],
        }
        if ig
        else None,
        "inhoud": inhoud,
        "deelbesluiten": besluiten,
        "formulieren": formulieren,
        "intrekken": huidig == cs.GEGEVEN,
        "intrekking": intrekking,
    }
    if kop is not None:
        return _render(request, actor, kop, "ui/delen/toestemming.html", context, status=status)
    return render(request, "ui/delen/toestemming.html", context, status=status)


@require_GET
@pagina(TOESTEMMING)
def toestemming(request, uuid, actor):
    return _toestemming_pagina(request, actor, uuid)


def _toestemming_actie(request, actor, uuid, sleutel: str, maak_form, uitvoeren, melding: str):
    try:
        rij = toestemmingen.toestemming_of_404(actor, uuid)[0]
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        return _geweigerd(request, actor, exc)
    form = maak_form(rij)
    if form.is_valid():
        try:
            uitvoeren(form)
        except NotFound:
            return niet_gevonden(request)
        except DomainError as exc:
            _fouten(form, exc)
            form.add_error(None, f"Code: {exc.code} – {exc.title}.")
        else:
            messages.success(request, melding)
            return HttpResponseRedirect(reverse("ui:toestemming", args=[uuid]))
    return _toestemming_pagina(request, actor, uuid, {sleutel: form}, 400)


@_post_anders_terug("ui:toestemming")
@pagina(TOESTEMMING)
def toestemming_geven(request, uuid, actor):
    """REQUESTED → GIVEN: the giver and everything a given consent needs are checked again (CS-05)."""
    return _toestemming_actie(
        request,
        actor,
        uuid,
        "geven",
        lambda rij: _toestemming_form(
            actor, rij.betrokkene, request.POST, velden=f.ToestemmingFormulier.GEVEN, auto_id="geven_%s"
        ),
        lambda form: toestemming_services.geef(actor=actor, uuid=uuid, aanvulling=form.data_voor_service()),
        "De toestemming is gegeven.",
    )


@_post_anders_terug("ui:toestemming")
@pagina(TOESTEMMING)
def toestemming_weigeren(request, uuid, actor):
    return _toestemming_actie(
        request,
        actor,
        uuid,
        "weigeren",
        lambda rij: _toestemming_form(
            actor, rij.betrokkene, request.POST, velden=("gevers", "datum"), auto_id="weigeren_%s"
        ),
        lambda form: toestemming_services.weiger(actor=actor, uuid=uuid, aanvulling=form.data_voor_service()),
        "De weigering is vastgelegd.",
    )


@_post_anders_terug("ui:toestemming")
@pagina(TOESTEMMING)
def toestemming_intrekken(request, uuid, actor):
    """CS-07: one click, no more steps than giving; then the consequences in plain Dutch and the
    decisions that ended (CS-08) are shown once on the consent page."""
    try:
        rij, gevolgen, beeindigd = toestemming_services.trek_in(actor=actor, uuid=uuid, kanaal="ui")
    except NotFound:
        return _niet_zichtbaar(request, actor)
    except DomainError as exc:
        messages.error(request, _melding(exc))
        return HttpResponseRedirect(reverse("ui:toestemming", args=[uuid]))
    request.session[f"{INTREKKING}:{rij.uuid}"] = {
        "gevolgen": [alinea for alinea in gevolgen.split("\n\n") if alinea],
        "beeindigd": [
            {"uuid": str(d.uuid), "ontvanger": _ontvanger_naam(d), "grond": f.GRONDEN.get(d.grond, "")}
            for d in beeindigd
        ],
    }
    messages.success(request, "De toestemming is ingetrokken. Dat geldt vanaf nu (CS-07).")
    return HttpResponseRedirect(reverse("ui:toestemming", args=[uuid]))


@_post_anders_terug("ui:toestemming")
@pagina("dossier:autoriseren")
def toestemming_terzijdeleggen(request, uuid, actor):
    """CS-06: the leidinggevende sets aside a representative's decision, with the weighty interests."""
    return _toestemming_actie(
        request,
        actor,
        uuid,
        "terzijde",
        lambda rij: f.TerzijdeFormulier(request.POST, auto_id="terzijde_%s"),
        lambda form: toestemming_services.leg_terzijde(
            actor=actor, uuid=uuid, redenen=form.cleaned_data.get("redenen") or ""
        ),
        "De beslissing van de vertegenwoordiger is terzijde gelegd (CS-06).",
    )


# --- What was shared about a person; the FG's register (SH-16) -----------------------------------


def _verstrekking_rij(rij, activiteiten: dict[str, str], zichtbaar: set[str], met_gegevens: bool) -> dict:
    soort, _, herkomst = rij.herkomst.partition(":")
    return {
        "datum": rij.datum,
        "ontvanger": rij.ontvanger_organisatie.naam if rij.ontvanger_organisatie_id else rij.ontvanger_naam,
        "ontvanger_naam": rij.ontvanger_naam if rij.ontvanger_organisatie_id else "",
        "gegevens": rij.gegevens if met_gegevens else None,
        "doel": activiteiten.get(rij.doel) or doel_naam(rij.doel),  # an activity's name, else a purpose
        "grond": f.GRONDEN.get(rij.grond, rij.grond),
        "bron": f.VERSTREKKING_BRONNEN.get(rij.bron, rij.bron),
        "deelbesluit": herkomst if soort == "deelbesluit" and herkomst in zichtbaar else None,
    }


def _zichtbare_deelbesluiten(actor, rijen) -> set[str]:
    uuids = [r.herkomst.partition(":")[2] for r in rijen if r.herkomst.startswith("deelbesluit:")]
    if not uuids or "fg" in actor.rollen:
        return set()
    return {
        str(u)
        for u in verstrekkingen.deelbesluiten_zichtbaar_voor(actor)
        .filter(uuid__in=uuids)
        .values_list("uuid", flat=True)
    }


@require_GET
@pagina(INZIEN)
def gedeeld(request, uuid, actor):
    """SH-16 "wat is er over deze persoon gedeeld": recipient, date, items, purpose and ground of every
    disclosure about the person, with the decision it came from; every shown entry is audited (AU-01)."""
    try:
        persoon = personen.persoon_of_404(actor, uuid)[0]
    except NotFound:
        return geweigerd(request, actor, activiteit=ACTIVITEIT)
    personen.audit_lijst(actor, [persoon])
    # SH-16: the VI match notices about the person's BSN too (they are keyed to the BSN, not the record)
    qs = verstrekkingen.verstrekkingen_over_persoon(actor, persoon).order_by("-datum", "-id")
    blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = list(blad.object_list)
    verstrekkingen.log_verstrekkingen(actor, rijen, {"persoon": str(uuid)})
    activiteiten = _activiteit_namen()
    zichtbaar = _zichtbare_deelbesluiten(actor, rijen)
    return render(
        request,
        "ui/delen/gedeeld.html",
        {
            "persoon": persoon,
            "persoon_naam": naam(persoon),
            "rijen": [_verstrekking_rij(r, activiteiten, zichtbaar, True) for r in rijen],
            "blad": blad,
        },
    )


@require_GET
@pagina(REGISTER)
def register(request, actor):
    """SH-16/API §2.6: "everything provided to organisation X in period T". The FG sees every entry of its
    controller, as metadata only (no items); each shown entry is audited (AU-01)."""
    fg = "fg" in actor.rollen
    gezocht = "zoeken" in request.GET
    form = f.RegisterZoekFormulier(
        request.GET if gezocht else None,
        organisaties=Organisatie.objects.order_by("naam"),
        auto_id="register_%s",
    )
    rijen, blad, vraag = None, None, ""
    if gezocht and form.is_valid():
        d = form.cleaned_data
        qs = verstrekkingen.filter_verstrekkingen(
            verstrekkingen.verstrekkingen_zichtbaar_voor(actor),
            ontvanger=d.get("ontvanger"),
            vanaf=d.get("vanaf"),
            tot=d.get("tot"),
        ).order_by("-datum", "-id")
        blad = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
        lijst = list(blad.object_list)
        verstrekkingen.log_verstrekkingen(
            actor, lijst, {k: v for k, v in request.GET.items() if k in ("ontvanger", "vanaf", "tot")}
        )
        activiteiten = _activiteit_namen()
        zichtbaar = _zichtbare_deelbesluiten(actor, lijst)
        rijen = [_verstrekking_rij(r, activiteiten, zichtbaar, not fg) for r in lijst]
        vraag = urlencode([(k, v) for k, v in request.GET.items() if k != "pagina"])
    goedkeuren = None
    if _leidinggevende(actor):
        wachtend = _wacht_op_goedkeuring(actor)
        _log_goedkeuring(actor, wachtend, "deelbesluit.lijst_ingezien")
        goedkeuren = [
            {
                "uuid": r.uuid,
                "kenmerk": r.dossier.kenmerk,
                "ontvanger": _ontvanger_naam(r),
                "grond": f.GRONDEN.get(r.grond, ""),
                "uitgevoerd_op": r.uitgevoerd_op,
                "reviewdatum": r.reviewdatum if r.status == p.INFORMEREN_UITGESTELD else None,
            }
            for r in wachtend
        ]
    return render(
        request,
        "ui/delen/register.html",
        {"form": form, "rijen": rijen, "blad": blad, "vraag": vraag, "fg": fg, "goedkeuren": goedkeuren},
    )
