"""Reads of access-pattern monitoring (RP-06). Only the FG of the controller sees any of it.

Alerts are personal data of employees: `signaleringen` gives the FG (scope `register:beheren`, role `fg`)
the alerts of the own controller and everyone else nothing — the leidinggevende neither; row-level
security says the same on PostgreSQL (migration 0002).
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from zorgvuldig.core import tenancy
from zorgvuldig.core.errors import NotFound
from zorgvuldig.registers.models import Dpia
from zorgvuldig.registers.selectors import dpia_goedgekeurd
from zorgvuldig.toegangsbewaking import policies
from zorgvuldig.toegangsbewaking.models import Bewaking, Instemming, Signalering

SCOPE = "register:beheren"


def is_fg(actor) -> bool:
    return not actor.is_systeem and "fg" in actor.rollen and actor.heeft(SCOPE)


def bewaking(verwerkingsverantwoordelijke_id: int) -> Bewaking | None:
    return (
        Bewaking.objects.select_related("geactiveerd_door", "instemming", "dpia")
        .filter(verwerkingsverantwoordelijke_id=verwerkingsverantwoordelijke_id)
        .first()
    )


def instemmingen(actor) -> QuerySet[Instemming]:
    if not is_fg(actor):
        return Instemming.objects.none()
    return Instemming.objects.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)


def instemming_of_404(actor, uuid) -> Instemming:
    rij = instemmingen(actor).select_related("vastgelegd_door").filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def laatste_instemming(verwerkingsverantwoordelijke_id: int) -> Instemming | None:
    return (
        Instemming.objects.filter(verwerkingsverantwoordelijke_id=verwerkingsverantwoordelijke_id)
        .order_by("-datum", "-id")
        .first()
    )


def goedgekeurde_dpia(verwerkingsverantwoordelijke_id: int) -> Dpia | None:
    """The approved DPIA for `toegangsbewaking` (RG-02), through the registers' own check."""
    if not dpia_goedgekeurd(verwerkingsverantwoordelijke_id, policies.ACTIVITEIT):
        return None
    return (
        Dpia.objects.filter(
            verwerkingsverantwoordelijke_id=verwerkingsverantwoordelijke_id,
            verwerkingsactiviteit__code=policies.ACTIVITEIT,
            status=Dpia.Status.GOEDGEKEURD,
        )
        .order_by("-id")
        .first()
    )


def voorwaarden(verwerkingsverantwoordelijke_id: int) -> tuple[Dpia | None, Instemming | None]:
    """RP-06: the approved DPIA and the works council's consent, each None while missing."""
    return goedgekeurde_dpia(verwerkingsverantwoordelijke_id), laatste_instemming(
        verwerkingsverantwoordelijke_id
    )


def signaleringen(actor) -> QuerySet[Signalering]:
    """The controller's alerts for its FG, open first, newest day first; nothing for anyone else."""
    if not is_fg(actor):
        return Signalering.objects.none()
    tenancy.activeer(actor)
    return (
        Signalering.objects.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
        .annotate(
            _open=Case(
                When(status=policies.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("_open", "-dag", "-id")
    )


def signalering_of_404(actor, uuid) -> Signalering:
    rij = (
        signaleringen(actor)
        .select_related("gebruiker", "beoordeeld_door", "organisatie", "verwerkingsverantwoordelijke")
        .filter(uuid=uuid)
        .first()
    )
    if rij is None:
        raise NotFound()
    return rij
