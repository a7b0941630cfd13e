"""The periodic jobs that exist today: sealing the audit log, and cleaning up after tasks and requests.

Other modules register theirs in their own `tasks.py` (see `periodiek`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from zorgvuldig.core.clock import now
from zorgvuldig.taken.models import Component, Hartslag
from zorgvuldig.taken.periodiek import periodiek

HARTSLAG_BEWAAR = dt.timedelta(days=1)


@periodiek("audit.verzegelen", elke=dt.timedelta(minutes=1))
@task
def verzegel_audit() -> dict:
    """Seal the entries the database trigger queued (AU-03). Concurrent runs are safe (sequencer lock)."""
    from zorgvuldig.audit.services import verzegel_alles

    return {"verzegeld": verzegel_alles()}


@periodiek("taken.opruimen", elke=dt.timedelta(hours=1))
@task
def opruimen() -> dict:
    """Delete what has served its purpose: finished task results, expired Idempotency-Key records
    (24 h, API §1.6) and old heartbeats; mark tasks of a vanished worker as failed."""
    from zorgvuldig.api.idempotentie import BEWAAR
    from zorgvuldig.core.models import IdempotentVerzoek

    moment = now()
    resultaten, _ = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=moment - dt.timedelta(days=settings.TAKEN_RESULTATEN_DAGEN))
        .delete()
    )
    idempotent, _ = IdempotentVerzoek.objects.filter(aangemaakt__lt=moment - BEWAAR).delete()
    # The newest beat per component stays, so /health says "te_laat" rather than "nooit".
    nieuwste = [
        hid
        for c in Component.values
        if (
            hid := Hartslag.objects.filter(component=c)
            .order_by("-laatste_slag")
            .values_list("id", flat=True)
            .first()
        )
    ]
    hartslagen, _ = (
        Hartslag.objects.filter(laatste_slag__lt=moment - HARTSLAG_BEWAAR).exclude(id__in=nieuwste).delete()
    )
    return {
        "taakresultaten": resultaten,
        "idempotentieSleutels": idempotent,
        "hartslagen": hartslagen,
        "verweesd": markeer_verweesd(moment),
    }


def markeer_verweesd(moment: dt.datetime) -> int:
    """A task stays RUNNING forever when its worker was killed (power loss, OOM, SIGKILL). If that
    worker has not beaten for longer than the health threshold, or has since restarted under the same
    `host:pid` (containers), record the task as failed; periodic jobs simply run again at their next slot."""
    grens = moment - dt.timedelta(seconds=settings.HEARTBEAT_MAX_AGE_SECONDS)
    levend = dict(
        Hartslag.objects.filter(component=Component.WORKER, laatste_slag__gte=grens).values_list(
            "proces", "gestart_op"
        )
    )
    verweesd = [
        t.id
        for t in DBTaskResult.objects.running()
        .filter(started_at__lt=grens)
        .only("id", "worker_ids", "started_at")
        if not t.worker_ids or t.worker_ids[-1] not in levend or t.started_at < levend[t.worker_ids[-1]]
    ]
    return DBTaskResult.objects.filter(id__in=verweesd, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=moment,
        exception_class_path="zorgvuldig.taken.worker.WorkerVerdwenen",
        traceback="WorkerVerdwenen: de worker die deze taak uitvoerde gaf geen hartslag meer",
    )
