"""Reads of the retention engine: what is due, held, listed and destroyed — never the records' content.

The beheerder and the leidinggevende see their own organisation, the FG the whole controller (SPEC §10
"Visible"). States are derived from the dates in SQL at read time (RT-12), exactly as `policies.status`.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from zorgvuldig.bewaren import policies
from zorgvuldig.bewaren.models import Bewaarregel, Bewaartermijn, Blokkade, Opschoonronde, Vernietigingslijst
from zorgvuldig.core import crypto
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import NotFound


def _zichtbaar(actor) -> Q:
    q = Q(organisatie_id=actor.organisatie.pk)
    if "fg" in actor.rollen:
        q |= Q(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    return q


def actieve_blokkade(vandaag: dt.date):
    return Exists(
        Blokkade.objects.filter(termijn=OuterRef("pk"), opgeheven_op__isnull=True, einddatum__gt=vandaag)
    )


def met_status(qs: QuerySet, vandaag: dt.date | None = None) -> QuerySet:
    return qs.annotate(geblokkeerd=actieve_blokkade(vandaag or today()))


def filter_status(qs: QuerySet, status: str, vandaag: dt.date) -> QuerySet:
    """RT-07/RT-12 in SQL, the same as `policies.status`."""
    if status in policies.UITKOMSTEN:
        return qs.filter(uitkomst=status)
    open_ = qs.filter(uitkomst="")
    if status == policies.ACTIEF:
        return open_.filter(Q(vervaldatum__isnull=True) | Q(vervaldatum__gt=vandaag))
    vervallen = met_status(open_.filter(vervaldatum__lte=vandaag), vandaag)
    return vervallen.filter(geblokkeerd=status == policies.GEBLOKKEERD)


def vervallen(objecttype: str, vandaag: dt.date | None = None) -> Exists:
    """True for a record (outer `pk`) past its due date and not held (RT-12): it no longer acts, sweep or
    no sweep — until a decision gives it a new date (RT-02) or the sweep removes it. An EXISTS, so a
    list of a million due rows never becomes a NOT IN list."""
    vandaag = vandaag or today()
    due = Bewaartermijn.objects.filter(
        objecttype=objecttype, object_id=OuterRef("pk"), uitkomst="", vervaldatum__lte=vandaag
    )
    return Exists(due.exclude(actieve_blokkade(vandaag)))


def status_van(termijn: Bewaartermijn, vandaag: dt.date | None = None) -> str:
    vandaag = vandaag or today()
    geblokkeerd = getattr(termijn, "geblokkeerd", None)
    if geblokkeerd is None:
        geblokkeerd = any(
            policies.blokkade_actief(b.einddatum, b.opgeheven_op is not None, vandaag)
            for b in termijn.blokkades.all()
        )
    return policies.status(termijn.vervaldatum, termijn.uitkomst, geblokkeerd, vandaag)


def termijnen(actor) -> QuerySet[Bewaartermijn]:
    return Bewaartermijn.objects.filter(_zichtbaar(actor))


def termijn_of_404(actor, uuid) -> Bewaartermijn:
    rij = termijnen(actor).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def bewijzen(actor) -> QuerySet[Bewaartermijn]:
    """Tombstones (RT-03): what was destroyed, anonymised or transferred, when and under which rule."""
    return termijnen(actor).exclude(uitkomst="")


def lijsten(actor) -> QuerySet[Vernietigingslijst]:
    return Vernietigingslijst.objects.filter(_zichtbaar(actor))


def lijst_of_404(actor, uuid) -> Vernietigingslijst:
    rij = lijsten(actor).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def regels(actor) -> list[Bewaarregel]:
    """One rule per record type (RT-10) with the controller's archive setting (RT-11)."""
    from zorgvuldig.bewaren.services import regels_voor

    return regels_voor(actor.verwerkingsverantwoordelijke_id)


def rondes() -> QuerySet[Opschoonronde]:
    return Opschoonronde.objects.all()


def voorstel_reden(termijn: Bewaartermijn) -> str:
    """The reason of a list's "keep" proposal (RT-13), before both approvals make it the decision."""
    tekst = termijn.besluit.get("voorstelReden")
    if not tekst:
        return ""
    return crypto.decrypt(
        termijn.verwerkingsverantwoordelijke_id, termijn._meta.db_table, "voorstel", termijn.uuid, tekst
    )


def blokkade_of_404(termijn: Bewaartermijn, uuid) -> Blokkade:
    rij = termijn.blokkades.filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij
