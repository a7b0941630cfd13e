"""The worker loop: claim a due task from the django-tasks-db queue, run it as the system, record it.

Own loop rather than django-tasks-db's `db_worker`, for four reasons: a heartbeat, the system context
(tenancy, trace id) around each task, failures stored without their message or traceback (they can hold
personal data; `core/logging.py`), and signal handlers that are put back when the loop ends. Claiming
uses the backend's own queryset (`ready().get_locked()` + `claim`), so it stays compatible with it.
"""

from __future__ import annotations

import signal
import time
import traceback
from dataclasses import dataclass

import structlog
from django.db import DatabaseError, OperationalError, connection
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished, task_started
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import now
from zorgvuldig.core.context import Actor, new_span_id, new_trace_id, reset_trace, set_trace
from zorgvuldig.taken import hartslag
from zorgvuldig.taken.models import Component

log = structlog.get_logger(__name__)
STOPSIGNALEN = (signal.SIGTERM, signal.SIGINT)


class WorkerVerdwenen(Exception):
    """Recorded for a task whose worker stopped beating while running it (`tasks.markeer_verweesd`)."""


def veilige_fout(exc: BaseException) -> str:
    """`ErrorType at file:line` of the innermost frame: what an operator needs, no personal data."""
    frames = traceback.extract_tb(exc.__traceback__)
    waar = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}{waar}"


@dataclass
class Resultaat:
    taken: int = 0
    mislukt: int = 0

    def as_dict(self) -> dict:
        return {"taken": self.taken, "mislukt": self.mislukt}


class Worker:
    """`eenmalig`: run what is due, then return. Otherwise poll every `interval` seconds until SIGTERM
    or SIGINT; a task that is running then is finished first (a second signal stops at once)."""

    def __init__(
        self,
        *,
        backend: str,
        wachtrijen: list[str],
        eenmalig: bool = False,
        interval: float = 1.0,
        hartslag_elke: float = 30.0,
    ):
        self.backend = backend
        self.wachtrijen = wachtrijen
        self.eenmalig = eenmalig
        self.interval = interval
        self.hartslag_elke = hartslag_elke
        self.proces = hartslag.proces_id()
        self.resultaat = Resultaat()
        self.stoppen = False
        self._bezig = False

    # --- signals ---------------------------------------------------------------------------------

    def _stop(self, _signum, _frame) -> None:
        if self.stoppen and self._bezig:
            raise KeyboardInterrupt  # second signal: abandon the running task (it is marked failed)
        self.stoppen = True  # no logging here: a handler that writes can collide with the interrupted write

    # --- loop ------------------------------------------------------------------------------------

    def run(self) -> Resultaat:
        gestart = now()
        vorige = {s: signal.signal(s, self._stop) for s in STOPSIGNALEN}
        achtergrond = hartslag.Achtergrondslag(Component.WORKER, self.proces, gestart, self.hartslag_elke)
        try:
            self._slag(gestart)
            achtergrond.start()
            log.info("worker_started", queues=self.wachtrijen, once=self.eenmalig)
            laatste_slag = time.monotonic()
            while not self.stoppen:
                hartslag.verse_verbinding()
                try:
                    taak = self._claim()
                except DatabaseError:
                    if self.eenmalig:
                        raise
                    # The database restarts or fails over: keep the service up, try again shortly.
                    log.error("worker_round_failed", exc_info=True)
                    connection.close()
                    self._wacht(max(self.interval, 5.0))
                    continue
                if taak is not None:
                    self._voer_uit(taak)
                if time.monotonic() - laatste_slag >= self.hartslag_elke:
                    self._slag(gestart)
                    laatste_slag = time.monotonic()
                if taak is None:
                    if self.eenmalig:
                        break
                    self._wacht(self.interval)
            self._slag(gestart)
        finally:
            achtergrond.stop.set()
            if achtergrond.is_alive():
                achtergrond.join()
            for s, handler in vorige.items():
                signal.signal(s, handler)
        log.info("worker_stopped", **self.resultaat.as_dict())
        return self.resultaat

    def _wacht(self, seconden: float) -> None:
        """Sleep in short steps so a stop signal is noticed promptly."""
        einde = time.monotonic() + seconden
        while not self.stoppen and (rest := einde - time.monotonic()) > 0:
            time.sleep(min(rest, 0.2))

    def _slag(self, gestart) -> None:
        hartslag.slag(Component.WORKER, self.proces, gestart, self.resultaat.taken, self.resultaat.mislukt)

    def _claim(self) -> DBTaskResult | None:
        qs = DBTaskResult.objects.ready().filter(backend_name=self.backend, queue_name__in=self.wachtrijen)
        try:
            with exclusive_transaction(qs.db):
                taak = qs.get_locked()  # SELECT … FOR UPDATE SKIP LOCKED: workers never share a task
                if taak is not None:
                    taak.claim(self.proces)
                return taak
        except OperationalError as exc:
            if is_locked_database_exception(exc):  # SQLite busy: try again next round
                return None
            raise

    def _voer_uit(self, db_taak: DBTaskResult) -> None:
        self._bezig = True
        token = set_trace(new_trace_id(), new_span_id())
        try:
            tenancy.activeer(Actor.systeem())
            task = db_taak.task
            result = db_taak.task_result
            backend_type = type(task.get_backend())
            task_started.send(sender=backend_type, task_result=result)
            uitkomst = task.call(*result.args, **result.kwargs)
            db_taak.set_successful(uitkomst)
            task_finished.send(sender=backend_type, task_result=db_taak.task_result)
        except BaseException as exc:
            self.resultaat.mislukt += 1
            self._mislukt(db_taak, exc)
            if not isinstance(exc, Exception):
                raise  # KeyboardInterrupt, SystemExit: recorded, then stop
        finally:
            self.resultaat.taken += 1
            self._bezig = False
            reset_trace(token)
            try:
                tenancy.wis()  # the next task starts without this one's context
            except DatabaseError:
                connection.close()  # a broken connection: the next round opens a fresh one

    def _mislukt(self, db_taak: DBTaskResult, exc: BaseException) -> None:
        log.error(
            "task_failed",
            task=db_taak.task_path,
            task_id=str(db_taak.id),
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        db_taak.status = TaskResultStatus.FAILED
        db_taak.finished_at = now()
        db_taak.return_value = None
        db_taak.exception_class_path = f"{type(exc).__module__}.{type(exc).__qualname__}"
        db_taak.traceback = veilige_fout(exc)
        try:
            db_taak.save(
                update_fields=["status", "finished_at", "return_value", "exception_class_path", "traceback"]
            )
        except Exception:
            log.error("task_result_not_saved", task_id=str(db_taak.id), exc_info=True)
