"""Operational figures for `/health` and `/metrics`: counts and ages only, never personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Min

from zorgvuldig.core.clock import now
from zorgvuldig.taken.models import Planning


@dataclass(frozen=True)
class Achterstand:
    aantal: int
    oudste_seconden: int | None  # age of the oldest entry still waiting; None when nothing waits


def verzegelachterstand(moment: dt.datetime | None = None) -> Achterstand:
    """The audit sealing backlog: entries the trigger queued that no sealing run has taken yet."""
    from zorgvuldig.audit.models import AuditRegel, Wachtrij

    cijfers = Wachtrij.objects.aggregate(aantal=Count("regel_id"), eerste=Min("regel_id"))
    if not cijfers["aantal"]:
        return Achterstand(0, None)
    tijdstip = AuditRegel.objects.filter(id=cijfers["eerste"]).values_list("tijdstip", flat=True).first()
    if tijdstip is None:
        return Achterstand(cijfers["aantal"], None)
    leeftijd = int(((moment or now()) - tijdstip).total_seconds())
    return Achterstand(cijfers["aantal"], max(0, leeftijd))


def taakaantallen() -> Iterable[tuple[str, str, int]]:
    """(queue, status, number) of the task results in the database backend's table."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.order_by().values_list("queue_name", "status").annotate(n=Count("id"))


def laatst_ingepland() -> list[tuple[str, dt.datetime]]:
    rijen = Planning.objects.values_list("naam", "laatst_ingepland_op")
    return [(naam, moment) for naam, moment in rijen if moment is not None]
