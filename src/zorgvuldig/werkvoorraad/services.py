"""Writes of the work queue: dismissing a reminder (API §2.1 `POST /taken/{uuid}/_afronden`)."""

from __future__ import annotations

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.werkvoorraad import policies, selectors
from zorgvuldig.werkvoorraad.models import Afronding

# The processing the reminder belongs to (GP-02): the VI signal's, else platform management.
ACTIVITEIT = {"vi_signaal_verloopt": "verwijsindex", "vi_jongere_informeren": "verwijsindex"}
BEHEER = "beheer-platform"


def activiteit(soort: str) -> str:
    return ACTIVITEIT.get(soort, BEHEER)


def afronden(*, actor, uuid) -> selectors.Taak:
    """Dismiss one's own reminder; a task that asks for a decision is refused (409) with what to do.
    Dismissing twice is no error: the task stays dismissed since the first time."""
    with transaction.atomic():
        taak = selectors.taak_van(actor, uuid)
        if taak is None:
            raise NotFound()
        weigering = policies.afronden_weigering(taak.soort)
        if weigering:
            fout = DomainError("E_STATE_CONFLICT", weigering)
            fout.audit_object = taak.bron  # type: ignore[attr-defined]
            raise fout
        if taak.afgerond_op is None:
            rij = Afronding.objects.create(gebruiker=actor.gebruiker, taak=taak.uuid, soort=taak.soort)
            taak.afgerond_op = rij.afgerond_op
            audit.record(
                actor=actor,
                actie="taak.afgerond",
                activiteit=activiteit(taak.soort),
                object=taak.bron,
                koppeling={"taak": str(taak.uuid), "soort": taak.soort, "regel": taak.regel},
            )
    return taak
