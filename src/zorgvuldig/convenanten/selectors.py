"""Reads of convenants (RG-04), the joint-controller arrangement (RG-05) and the agreements register
(RG-06). The API and the UI use the same functions.

Convenants are regional (joint controllership, AC-15): everyone who may read registers sees all of them.
Agreements are per controller: a processor agreement of another controller, or a mandate of another
controller's user, answers like a missing one (404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from zorgvuldig.convenanten import policies
from zorgvuldig.convenanten.models import Convenant, Toetreding, Verwerkersovereenkomst
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import NotFound

# --- convenants and accessions ---------------------------------------------------------------------------


def convenanten() -> QuerySet[Convenant]:
    return Convenant.objects.select_related("gv_melder_datalekken").order_by("naam", "id")


def convenant_of_404(uuid) -> Convenant:
    convenant = convenanten().filter(uuid=uuid).first()
    if convenant is None:
        raise NotFound()
    return convenant


def toetredingen(convenant: Convenant) -> QuerySet[Toetreding]:
    return convenant.toetredingen.select_related("organisatie").order_by("datum", "id")


def toetreding_of_404(convenant: Convenant, uuid) -> Toetreding:
    toetreding = toetredingen(convenant).filter(uuid=uuid).first()
    if toetreding is None:
        raise NotFound()
    return toetreding


def lopend(toetreding: Toetreding, op: dt.date) -> bool:
    """An accession runs from its date through its end date (inclusive, as AC-01 in the verwijsindex)."""
    return toetreding.datum <= op and (toetreding.tot is None or op <= toetreding.tot)


def deelnemers(convenant: Convenant, op: dt.date | None = None) -> list[Any]:
    """The organisations whose accession runs on `op` (default today), by name."""
    op = op or today()
    gezien: dict[int, Any] = {}
    for t in toetredingen(convenant):
        if lopend(t, op):
            gezien.setdefault(t.organisatie_id, t.organisatie)
    return sorted(gezien.values(), key=lambda o: o.naam)


def melder_datalekken(verwerkingsverantwoordelijke_id: int, module: str, op: dt.date | None = None):
    """RG-03/RG-05: the controller the joint-controller arrangement names as breach notifier for `module`
    (`verwijsindex` or `casusoverleg`), seen from a controller one of whose organisations has a running
    accession to an active convenant on `op` (default today); None when no arrangement names one.
    Several convenants: the oldest accession first."""
    from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke

    op = op or today()
    lopende = (
        Toetreding.objects.filter(
            Q(tot__isnull=True) | Q(tot__gte=op),
            organisatie__verwerkingsverantwoordelijke_id=verwerkingsverantwoordelijke_id,
            convenant__status=policies.ACTIEF,
            datum__lte=op,
        )
        .order_by("datum", "id")
        .values_list("convenant__gv_modules", "convenant__gv_melder_datalekken_id")
    )
    melder_id = policies.melder([(list(modules or []), melder) for modules, melder in lopende], module)
    if melder_id is None:
        return None
    return Verwerkingsverantwoordelijke.objects.filter(pk=melder_id).first()


# --- agreements (RG-06) ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overeenkomst:
    """One row of the agreements register: a processor agreement, or a written mandate (read-only here;
    mandates are kept with the user, `organisaties.Mandaat`)."""

    uuid: str
    soort: str
    partij: str
    reikwijdte: str
    geldig_vanaf: dt.date
    geldig_tot: dt.date | None
    geldigheid: str
    verloopt_binnenkort: bool
    gebruiker_uuid: str | None = None  # mandate: the mandated user
    besluit: str = ""  # mandate: the written decision it rests on

    @property
    def bewerkbaar(self) -> bool:
        return self.soort == policies.VERWERKERSOVEREENKOMST


def _rij(soort: str, uuid, partij: str, reikwijdte: str, vanaf, tot, vandaag, **extra) -> Overeenkomst:
    return Overeenkomst(
        uuid=str(uuid),
        soort=soort,
        partij=partij,
        reikwijdte=reikwijdte,
        geldig_vanaf=vanaf,
        geldig_tot=tot,
        geldigheid=policies.geldigheid(vanaf=vanaf, tot=tot, vandaag=vandaag),
        verloopt_binnenkort=policies.verloopt_binnenkort(tot=tot, vandaag=vandaag),
        **extra,
    )


def _mandaat_rij(m, vandaag: dt.date) -> Overeenkomst:
    return _rij(
        policies.MANDAAT,
        m.uuid,
        m.gebruiker.naam,
        m.get_soort_display(),
        m.vanaf,
        m.tot,
        vandaag,
        gebruiker_uuid=str(m.gebruiker.uuid),
        besluit=m.besluit,
    )


def _verwerker_rij(o: Verwerkersovereenkomst, vandaag: dt.date) -> Overeenkomst:
    return _rij(
        policies.VERWERKERSOVEREENKOMST, o.uuid, o.partij, o.reikwijdte, o.geldig_vanaf, o.geldig_tot, vandaag
    )


def _mandaten(actor):
    from zorgvuldig.organisaties.models import Mandaat

    return Mandaat.objects.select_related("gebruiker").filter(
        gebruiker__organisatie__verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id
    )


def verwerkersovereenkomsten(actor) -> QuerySet[Verwerkersovereenkomst]:
    return Verwerkersovereenkomst.objects.filter(
        verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id
    )


def overeenkomsten(
    actor, *, soort: str | None = None, geldigheid: str | None = None, vandaag: dt.date | None = None
) -> list[Overeenkomst]:
    """RG-06: the own controller's processor agreements and written mandates, soonest ending first
    (open-ended last); `geldigheid` is derived from the dates at read time (RT-12)."""
    vandaag = vandaag or today()
    rijen: list[Overeenkomst] = []
    if soort in (None, policies.VERWERKERSOVEREENKOMST):
        rijen += [_verwerker_rij(o, vandaag) for o in verwerkersovereenkomsten(actor)]
    if soort in (None, policies.MANDAAT):
        rijen += [_mandaat_rij(m, vandaag) for m in _mandaten(actor)]
    if geldigheid:
        rijen = [r for r in rijen if r.geldigheid == geldigheid]
    return sorted(
        rijen,
        key=lambda r: (r.geldig_tot is None, r.geldig_tot or dt.date.max, r.soort, r.partij.lower(), r.uuid),
    )


def overeenkomst_of_404(actor, uuid, vandaag: dt.date | None = None) -> Overeenkomst:
    vandaag = vandaag or today()
    o = verwerkersovereenkomsten(actor).filter(uuid=uuid).first()
    if o is not None:
        return _verwerker_rij(o, vandaag)
    m = _mandaten(actor).filter(uuid=uuid).first()
    if m is not None:
        return _mandaat_rij(m, vandaag)
    raise NotFound()


def verwerkersovereenkomst_of_404(actor, uuid) -> Verwerkersovereenkomst:
    o = verwerkersovereenkomsten(actor).filter(uuid=uuid).first()
    if o is None:
        raise NotFound()
    return o
