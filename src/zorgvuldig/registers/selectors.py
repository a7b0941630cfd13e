"""Reads of the registers (RG-01, RG-02, GP-02).

Register rows are organisational data per controller (AC-15): every read filters on the actor's
controller; a row of another controller is not found. The shipped purposes and activities (no controller)
are visible to every controller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.core.errors import NotFound
from zorgvuldig.organisaties.models import Organisatie, Verwerkingsverantwoordelijke
from zorgvuldig.registers import policies
from zorgvuldig.registers.models import Doel, Dpia, Registerversie, Verwerkingsactiviteit


def dpia_goedgekeurd(verwerkingsverantwoordelijke_id: int, activiteit: str) -> bool:
    """Whether the controller has an approved DPIA for the processing activity `activiteit` (RG-02).

    Gates that need one: VI criterion (l) (VI-23) and access-pattern monitoring (RP-06)."""
    return Dpia.objects.filter(
        verwerkingsverantwoordelijke_id=verwerkingsverantwoordelijke_id,
        verwerkingsactiviteit__code=activiteit,
        status=Dpia.Status.GOEDGEKEURD,
    ).exists()


def eigen_dpia(actor, uuid):
    """The DPIA `uuid` of the actor's own controller (with its activity), or None: the FG's reference when
    she switches on what needs one (VI-22, VI-23)."""
    return (
        Dpia.objects.filter(uuid=uuid, verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
        .select_related("verwerkingsactiviteit")
        .first()
    )


def _vv(actor) -> int:
    vv = actor.verwerkingsverantwoordelijke_id
    if vv is None:
        raise NotFound()
    return vv


def _eigen_of_gedeeld(vv: int) -> Q:
    return Q(verwerkingsverantwoordelijke__isnull=True) | Q(verwerkingsverantwoordelijke_id=vv)


# --- purposes (GP-02) ----------------------------------------------------------------------------------


def doelen(actor) -> QuerySet[Doel]:
    """The shipped purposes and those the own FG added."""
    return Doel.objects.filter(_eigen_of_gedeeld(_vv(actor))).order_by("code")


def doel_of_404(actor, uuid) -> Doel:
    doel = doelen(actor).filter(uuid=uuid).first()
    if doel is None:
        raise NotFound()
    return doel


def doel_in_gebruik(doel: Doel) -> bool:
    """Named by an activity or by any version of the controller's register."""
    if doel.activiteiten.exists():
        return True
    vv = doel.verwerkingsverantwoordelijke_id
    if vv is None:
        return False  # shipped: no controller's register to look in (and never deleted, GP-02)
    codes = Registerversie.objects.filter(verwerkingsverantwoordelijke_id=vv)
    return any(doel.code in (d or []) for d in codes.values_list("doelen", flat=True))


# --- processing activities and register versions (RG-01) ------------------------------------------------


def _versies_van(vv: int) -> QuerySet[Registerversie]:
    return Registerversie.objects.filter(
        verwerkingsverantwoordelijke_id=vv, verwerkingsactiviteit=OuterRef("pk")
    )


def activiteiten(actor) -> QuerySet[Any]:
    """The activities of the controller's register, with their current approved version, open concept and
    DPIA annotated (one query)."""
    return met_register(Verwerkingsactiviteit.objects.all(), _vv(actor))


def met_register(qs: QuerySet[Verwerkingsactiviteit], vv: int) -> QuerySet[Any]:
    """Annotated: huidige_versie_id, huidige_versie_nummer, huidig_bijzonder, heeft_concept, heeft_versie,
    dpia_uuid, dpia_status, dpia_herziendatum."""
    versies = _versies_van(vv)
    huidig = versies.filter(status=Registerversie.Status.GOEDGEKEURD).order_by("-versie")
    dpia = Dpia.objects.filter(verwerkingsverantwoordelijke_id=vv, verwerkingsactiviteit=OuterRef("pk"))
    return (
        qs.filter(_eigen_of_gedeeld(vv))
        .select_related("doel")
        .annotate(
            huidige_versie_id=Subquery(huidig.values("pk")[:1]),
            huidige_versie_nummer=Subquery(huidig.values("versie")[:1]),
            huidig_bijzonder=Subquery(huidig.values("bijzondere_categorieen")[:1]),
            heeft_concept=Exists(versies.filter(status=Registerversie.Status.CONCEPT)),
            heeft_versie=Exists(versies),
            dpia_uuid=Subquery(dpia.values("uuid")[:1]),
            dpia_status=Subquery(dpia.values("status")[:1]),
            dpia_herziendatum=Subquery(dpia.values("herziendatum")[:1]),
        )
        .order_by("naam", "id")
    )


def activiteit_of_404(actor, uuid) -> Any:
    """An annotated activity (see `met_register`), or NotFound."""
    rij = activiteiten(actor).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def versies(actor, activiteit: Verwerkingsactiviteit) -> QuerySet[Registerversie]:
    return (
        Registerversie.objects.filter(
            verwerkingsverantwoordelijke_id=_vv(actor), verwerkingsactiviteit=activiteit
        )
        .select_related(
            "opgesteld_door", "goedgekeurd_door", "verwerkingsactiviteit", "verwerkingsverantwoordelijke"
        )
        .order_by("-versie")
    )


def versie_of_404(actor, activiteit: Verwerkingsactiviteit, uuid) -> Registerversie:
    rij = versies(actor, activiteit).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def huidige_versie(actor, activiteit: Verwerkingsactiviteit) -> Registerversie | None:
    """RG-01: the approved version with the highest number."""
    return versies(actor, activiteit).filter(status=Registerversie.Status.GOEDGEKEURD).first()


def goedgekeurd_register(actor) -> list[tuple[Any, Registerversie]]:
    """RG-01, GDPR art 30: the controller's register as it applies: every activity with its current approved
    version (activities without one are not in it yet; the check lists them), in the register's order."""
    rijen = [a for a in activiteiten(actor) if a.huidige_versie_id]
    versies = {v.pk: v for v in Registerversie.objects.filter(pk__in=[a.huidige_versie_id for a in rijen])}
    return [(a, versies[a.huidige_versie_id]) for a in rijen]


# --- DPIA (RG-02) ------------------------------------------------------------------------------------------


def dpias(actor) -> QuerySet[Dpia]:
    return (
        Dpia.objects.filter(verwerkingsverantwoordelijke_id=_vv(actor))
        .select_related(
            "verwerkingsactiviteit", "verwerkingsverantwoordelijke", "geadviseerd_door", "vastgelegd_door"
        )
        .order_by("verwerkingsactiviteit__naam", "id")
    )


def dpia_of_404(actor, uuid) -> Dpia:
    rij = dpias(actor).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def dpia_van(actor, activiteit: Verwerkingsactiviteit) -> Dpia | None:
    return dpias(actor).filter(verwerkingsactiviteit=activiteit).first()


# --- The compliance check (RG-01, RG-02) ---------------------------------------------------------------

ZONDER_REGISTER = "zonder_register"
ONBEKENDE_ACTIVITEIT = "onbekende_activiteit"
DPIA_ONTBREEKT = "dpia_ontbreekt"
HERZIENING_VERLOPEN = "herziening_verlopen"


@dataclass(frozen=True)
class Bevinding:
    soort: str
    activiteit: str  # code
    naam: str
    toelichting: str
    activiteit_uuid: str | None = None
    dpia_uuid: str | None = None

    def als_dict(self) -> dict:
        return asdict(self)


def activiteiten_in_gebruik(verwerkingsverantwoordelijke: Verwerkingsverantwoordelijke) -> set[str]:
    """The distinct processing-activity ids of the controller's audit entries (RG-01), in one query."""
    return set(
        AuditRegel.objects.filter(verwerkingsverantwoordelijke=str(verwerkingsverantwoordelijke.uuid))
        .order_by()
        .values_list("verwerkingsactiviteit", flat=True)
        .distinct()
    )


def controle(verwerkingsverantwoordelijke: Verwerkingsverantwoordelijke, vandaag: dt.date) -> list[Bevinding]:
    """What the FG must put right (RG-01, RG-02): activities in use without a current approved register
    version, or whose id maps to no entry at all; activities that need a DPIA without an approved one;
    approved DPIAs past their review date."""
    vv = verwerkingsverantwoordelijke.pk
    gebruikt = activiteiten_in_gebruik(verwerkingsverantwoordelijke)
    criterium_l = Organisatie.objects.filter(
        verwerkingsverantwoordelijke_id=vv, profiel__vi_criterion_l=True
    ).exists()
    rijen = list(
        met_register(Verwerkingsactiviteit.objects.all(), vv).filter(
            Q(code__in=gebruikt) | Q(heeft_versie=True) | Q(dpia_uuid__isnull=False)
        )
    )
    bevindingen = [
        Bevinding(
            ONBEKENDE_ACTIVITEIT,
            code,
            code,
            "Het logboek noemt een verwerkingsactiviteit die niet in het verwerkingsregister staat (RG-01).",
        )
        for code in sorted(gebruikt - {r.code for r in rijen})
    ]
    for r in rijen:
        uuid = str(r.uuid)
        if r.code in gebruikt and r.huidige_versie_id is None:
            bevindingen.append(
                Bevinding(
                    ZONDER_REGISTER,
                    r.code,
                    r.naam,
                    "In gebruik, maar er is geen goedgekeurde versie in het verwerkingsregister (RG-01).",
                    uuid,
                )
            )
        bijzonder = r.huidig_bijzonder if r.huidig_bijzonder is not None else r.bijzondere_categorieen
        nodig = policies.dpia_nodig(code=r.code, bijzondere_categorieen=bijzonder, criterium_l=criterium_l)
        dpia = str(r.dpia_uuid) if r.dpia_uuid else None
        if nodig and r.dpia_status not in {policies.DPIA_GOEDGEKEURD}:
            bevindingen.append(
                Bevinding(
                    DPIA_ONTBREEKT,
                    r.code,
                    r.naam,
                    "Deze verwerking vraagt een goedgekeurde DPIA (RG-02)"
                    + (
                        f"; de DPIA heeft status {r.dpia_status}."
                        if r.dpia_status
                        else "; er is nog geen DPIA."
                    ),
                    uuid,
                    dpia,
                )
            )
        if policies.herziening_verlopen(r.dpia_status or "", r.dpia_herziendatum, vandaag):
            bevindingen.append(
                Bevinding(
                    HERZIENING_VERLOPEN,
                    r.code,
                    r.naam,
                    f"De DPIA had op {r.dpia_herziendatum:%d-%m-%Y} herzien moeten worden (RG-02).",
                    uuid,
                    dpia,
                )
            )
    return bevindingen
