"""Registry of periodic jobs and the one function that queues the due ones (`scheduler`, `tick`).

A module adds a job with one line in its own `tasks.py`, which is discovered here:

    @periodiek("bewaren.opschonen", elke=dt.timedelta(days=1))
    @task
    def opschonen(): ...

Runs are aligned to whole intervals since 2000-01-01 UTC (a daily job is due at 00:00 UTC), so every
scheduler agrees on the slots. A job is queued at most once per slot; after downtime it is queued once,
not once per missed slot. Jobs only clean up or remind: deadlines and expiry are derived from dates at
read time (DESIGN §4 "Time"), so a late run never changes an outcome.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction
from django.tasks import Task, TaskResultStatus
from django.utils.module_loading import autodiscover_modules

from zorgvuldig.core.clock import now
from zorgvuldig.taken.models import Planning

BEGIN = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
NAAM = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclass(frozen=True)
class PeriodiekeTaak:
    naam: str  # `app.job`, stable: the schedule row is keyed on it
    elke: dt.timedelta
    taak: Task

    def slot(self, moment: dt.datetime) -> dt.datetime:
        """Start of the interval that contains `moment`."""
        return BEGIN + ((moment - BEGIN) // self.elke) * self.elke


_REGISTER: dict[str, PeriodiekeTaak] = {}
_ontdekt = False


def registreer(naam: str, elke: dt.timedelta, taak: Task) -> PeriodiekeTaak:
    if not NAAM.match(naam):
        raise ValueError(f"periodic job name {naam!r}: use app.job (lowercase)")
    if elke < dt.timedelta(minutes=1):
        raise ValueError(f"periodic job {naam}: interval below one minute")
    if not isinstance(taak, Task):
        raise TypeError(f"periodic job {naam}: decorate the function with @task first")
    bestaand = _REGISTER.get(naam)
    if bestaand is not None and bestaand.taak.module_path != taak.module_path:
        raise ValueError(f"periodic job {naam} registered twice")
    _REGISTER[naam] = PeriodiekeTaak(naam, elke, taak)
    return _REGISTER[naam]


def periodiek(naam: str, *, elke: dt.timedelta):
    """Decorator form of `registreer`, placed above `@task`."""

    def wrap(taak: Task) -> Task:
        registreer(naam, elke, taak)
        return taak

    return wrap


def alle() -> list[PeriodiekeTaak]:
    """Every registered job; imports each installed app's `tasks` module once (as admin does)."""
    global _ontdekt
    if not _ontdekt:
        autodiscover_modules("tasks")
        _ontdekt = True
    return sorted(_REGISTER.values(), key=lambda p: p.naam)


def _wacht_al(taak: Task) -> bool:
    """A run of this job is still waiting in the database queue: a second one would do nothing more.

    Keeps a stopped worker from coming back to a pile of identical jobs. Other backends cannot be
    asked, so there every slot is queued."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = taak.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        backend_name=backend.alias, task_path=taak.module_path, status=TaskResultStatus.READY
    ).exists()


def plan_in(moment: dt.datetime | None = None) -> list[str]:
    """Queue every job whose slot has come; returns the names queued. Safe to run concurrently."""
    moment = moment or now()
    taken = alle()
    # A new job is due at once; ignore_conflicts: another scheduler may create the row at the same time.
    Planning.objects.bulk_create(
        [Planning(naam=p.naam, volgende_op=p.slot(moment)) for p in taken], ignore_conflicts=True
    )
    ingepland = []
    for p in taken:
        volgende = p.slot(moment) + p.elke
        with transaction.atomic():
            # A shortened interval takes effect now instead of after the old, longer one.
            Planning.objects.filter(naam=p.naam, volgende_op__gt=volgende).update(volgende_op=p.slot(moment))
            # The claim: only one concurrent caller sees the row still due and moves it on. With the
            # database backend the task row commits in this same transaction, or neither does.
            geclaimd = Planning.objects.filter(naam=p.naam, volgende_op__lte=moment).update(
                volgende_op=volgende, laatst_ingepland_op=moment
            )
            if geclaimd and not _wacht_al(p.taak):
                p.taak.enqueue()
                ingepland.append(p.naam)
    return ingepland
