"""Reads of monitoring exports (RP-04, RP-05; SPEC §13 "Visible").

* A definition is visible to the *leidinggevende* and the FG of its controller (`rapportage:lezen`), and,
  once approved, to those users of the recipient organisation (read only).
* An export (its metadata and its CSV) is visible only to users of the recipient organisation; the
  controller's staff see how many exports were made, when and whether they were fetched — never content.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from zorgvuldig.core import tenancy
from zorgvuldig.core.errors import NotFound
from zorgvuldig.monitoring import policies
from zorgvuldig.monitoring.models import Export, Exportdefinitie

LEZEN = "rapportage:lezen"
STAF = frozenset({"fg", "leidinggevende"})


def is_verantwoordelijk(actor, definitie: Exportdefinitie) -> bool:
    """The controller's FG or leidinggevende: they propose, make and withdraw exports."""
    return (
        actor.heeft(LEZEN)
        and bool(actor.rollen & STAF)
        and definitie.verwerkingsverantwoordelijke_id == actor.verwerkingsverantwoordelijke_id
    )


def is_ontvanger(actor, definitie: Exportdefinitie) -> bool:
    return (
        actor.heeft(LEZEN)
        and actor.organisatie is not None
        and definitie.ontvanger_id == actor.organisatie.pk
    )


def definities(actor) -> QuerySet[Exportdefinitie]:
    if not actor.heeft(LEZEN) or actor.organisatie is None:
        return Exportdefinitie.objects.none()
    q = Q(ontvanger_id=actor.organisatie.pk) & ~Q(status=policies.CONCEPT)
    if actor.rollen & STAF:
        q |= Q(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    return Exportdefinitie.objects.filter(q).select_related(
        "ontvanger", "doel", "verwerkingsverantwoordelijke"
    )


def definitie_of_404(actor, uuid) -> Exportdefinitie:
    rij = definities(actor).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def exporten(definitie: Exportdefinitie) -> list[Export]:
    """Metadata of a definition's exports (who, when, rows, fetched), for whoever sees the definition.

    The rows belong to the recipient (row security); the controller's staff read the metadata in the
    system context, without the content column."""
    with tenancy.systeem():
        return list(
            Export.objects.filter(definitie=definitie)
            .defer("inhoud_versleuteld")
            .select_related("aangemaakt_door")
            .order_by("-aangemaakt", "-id")
        )


def export_of_404(actor, definitie_uuid, uuid) -> Export:
    """An export is visible only to the recipient organisation's staff (RP-04, SPEC §13); others 404."""
    definitie = definitie_of_404(actor, definitie_uuid)
    if not is_ontvanger(actor, definitie):
        raise NotFound()
    rij = (
        Export.objects.filter(definitie=definitie, uuid=uuid, organisatie_id=actor.organisatie.pk)
        .select_related("definitie")
        .first()
    )
    if rij is None:
        raise NotFound()
    return rij


def voor_ontvanger(actor) -> QuerySet[Export]:
    """Exports waiting for or fetched by the actor's organisation (the recipient's download page)."""
    if not actor.heeft(LEZEN) or actor.organisatie is None:
        return Export.objects.none()
    return (
        Export.objects.filter(organisatie_id=actor.organisatie.pk)
        .defer("inhoud_versleuteld")
        .select_related("definitie")
    )
