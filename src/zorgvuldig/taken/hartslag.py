"""Heartbeats: writing one, and reading the state of each component for `/health` and `/metrics`."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
from dataclasses import dataclass

import structlog
from django.conf import settings
from django.db import close_old_connections, connection, connections
from django.db.models import Max

from zorgvuldig.core.clock import now
from zorgvuldig.taken.models import Component, Hartslag

log = structlog.get_logger(__name__)


def proces_id(naam: str | None = None) -> str:
    """`host:pid`, also used as the django-tasks-db worker id (at most 64 characters there). A short-lived
    process started by cron passes a fixed `naam` instead, so it keeps one row rather than one per run."""
    achter = f":{naam or os.getpid()}"
    return socket.gethostname()[: 64 - len(achter)] + achter


def slag(
    component: str, proces: str, gestart_op: dt.datetime, taken: int | None = None, mislukt: int | None = None
) -> None:
    """Record a sign of life; counters only when given (the background beat does not know them)."""
    moment = now()
    tellers = {k: v for k, v in (("taken", taken), ("mislukt", mislukt)) if v is not None}
    Hartslag.objects.update_or_create(
        component=component,
        proces=proces,
        defaults={"laatste_slag": moment, "gestart_op": gestart_op, **tellers},
    )


class Achtergrondslag(threading.Thread):
    """Beats while the main thread runs a long task, so a long retention sweep does not look like a
    dead worker. Its own database connection, closed when it stops. The first beat comes after one
    interval: the main thread beats at start and between tasks itself."""

    def __init__(self, component: str, proces: str, gestart_op: dt.datetime, elke: float):
        super().__init__(name=f"hartslag-{component}", daemon=True)
        self.args_ = (component, proces, gestart_op)
        self.elke = elke
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            while not self.stop.wait(self.elke):
                try:
                    slag(*self.args_)
                except Exception:
                    log.warning("heartbeat_failed", exc_info=True)
        finally:
            connections.close_all()  # this thread's connections only


def verse_verbinding() -> None:
    """Before each round of a long-running loop: drop a connection the database closed (restart, idle
    timeout), as Django does per request. Never inside a transaction, which that would break."""
    if not connection.in_atomic_block:
        close_old_connections()


# --- reading -------------------------------------------------------------------------------------


class Status:
    OK = "ok"
    TE_LAAT = "te_laat"
    NOOIT = "nooit"
    EXTERN = "extern"  # another task backend runs its own workers: no heartbeat to expect


@dataclass(frozen=True)
class Toestand:
    status: str
    leeftijd: int | None  # seconds since the newest beat of any process of this component

    def as_dict(self) -> dict:
        return {"status": self.status, "leeftijdSeconden": self.leeftijd}


def database_backend() -> bool:
    from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def toestand(moment: dt.datetime | None = None) -> dict[str, Toestand]:
    """Per component: ok, te_laat (older than ZORGVULDIG_HEARTBEAT_MAX_AGE_SECONDS) or nooit."""
    moment = moment or now()
    laatste = dict(
        Hartslag.objects.values("component")
        .annotate(laatst=Max("laatste_slag"))
        .values_list("component", "laatst")
    )
    grens = settings.HEARTBEAT_MAX_AGE_SECONDS
    uit: dict[str, Toestand] = {}
    for component in Component.values:
        tijd = laatste.get(component)
        if tijd is None:
            extern = component == Component.WORKER and not database_backend()
            uit[component] = Toestand(Status.EXTERN if extern else Status.NOOIT, None)
            continue
        leeftijd = max(0, int((moment - tijd).total_seconds()))
        uit[component] = Toestand(Status.OK if leeftijd <= grens else Status.TE_LAAT, leeftijd)
    return uit
