"""`zorgvuldig worker` (API §3.2): runs queued tasks, records a heartbeat, stops cleanly on SIGTERM."""

from __future__ import annotations

import datetime as dt
import os
import signal

import pytest
from django.core.management.base import CommandError
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from zorgvuldig.core.clock import now
from zorgvuldig.taken.models import Component, Hartslag, Planning
from zorgvuldig.taken.tests import voorbeeldtaken
from zorgvuldig.taken.tests.helpers import draai, draai_json

pytestmark = pytest.mark.django_db


def status(result) -> str:
    return DBTaskResult.objects.get(id=result.id).status


def test_worker_once_runs_an_enqueued_task_and_records_a_heartbeat():
    result = voorbeeldtaken.schrijf.enqueue("gedaan")
    assert status(result) == TaskResultStatus.READY
    assert not Hartslag.objects.exists()

    code, uit = draai_json("worker", "--once")

    assert (code, uit) == (0, {"taken": 1, "mislukt": 0})
    rij = DBTaskResult.objects.get(id=result.id)
    assert rij.status == TaskResultStatus.SUCCESSFUL and rij.return_value == "gedaan"
    assert Planning.objects.filter(naam="gedaan").exists()  # the task's own effect
    slag = Hartslag.objects.get(component=Component.WORKER)
    assert slag.taken == 1 and slag.mislukt == 0 and slag.proces.endswith(f":{os.getpid()}")
    assert rij.worker_ids == [slag.proces]


def test_worker_once_with_nothing_due_exits_at_once_and_still_beats():
    assert draai_json("worker", "--once") == (0, {"taken": 0, "mislukt": 0})
    assert Hartslag.objects.filter(component=Component.WORKER).count() == 1


def test_a_failed_task_is_recorded_without_its_message_and_once_exits_1(capsys):
    """Exception messages can hold personal data: only the type and location are kept, in the task
    table and in the log."""
    result = voorbeeldtaken.faal.enqueue()
    ok = voorbeeldtaken.schrijf.enqueue("daarna")

    code, uit = draai_json("worker", "--once")

    assert (code, uit) == (1, {"taken": 2, "mislukt": 1})
    rij = DBTaskResult.objects.get(id=result.id)
    assert rij.status == TaskResultStatus.FAILED
    assert rij.exception_class_path == "builtins.ValueError"
    assert rij.traceback.startswith("ValueError at voorbeeldtaken.py:")
    assert "999993653" not in rij.traceback and "@" not in rij.traceback
    log = capsys.readouterr().err
    assert '"event": "task_failed"' in log and '"error_type": "ValueError"' in log
    assert "999993653" not in log and "example.org" not in log
    assert status(ok) == TaskResultStatus.SUCCESSFUL  # one failure does not stop the others
    assert Hartslag.objects.get(component=Component.WORKER).mislukt == 1


def test_worker_only_takes_the_queues_it_is_given(settings):
    settings.TASKS = {
        **settings.TASKS,
        "default": {**settings.TASKS["default"], "QUEUES": ["default", "laag"]},
    }
    laag = voorbeeldtaken.schrijf.using(queue_name="laag").enqueue("laag")
    gewoon = voorbeeldtaken.schrijf.enqueue("gewoon")

    assert draai_json("worker", "--once", "--queue", "default") == (0, {"taken": 1, "mislukt": 0})
    assert status(gewoon) == TaskResultStatus.SUCCESSFUL and status(laag) == TaskResultStatus.READY

    assert draai_json("worker", "--once") == (0, {"taken": 1, "mislukt": 0})  # default: every queue
    assert status(laag) == TaskResultStatus.SUCCESSFUL


def test_unknown_queue_is_a_usage_error():
    with pytest.raises(CommandError) as exc:
        draai("worker", "--once", "--queue", "bestaat-niet")
    assert exc.value.returncode == 2


def test_a_task_planned_for_later_waits():
    later = voorbeeldtaken.schrijf.using(run_after=now() + dt.timedelta(hours=1)).enqueue("later")
    assert draai_json("worker", "--once") == (0, {"taken": 0, "mislukt": 0})
    assert status(later) == TaskResultStatus.READY


def test_sigterm_finishes_the_running_task_then_stops_with_0():
    """The long-running worker (no --once): SIGTERM arrives during a task; that task completes, the
    next one is left for the next worker, the exit is clean and the signal handler is restored."""
    voor = signal.getsignal(signal.SIGTERM)
    eerste = voorbeeldtaken.stuur_sigterm_en_schrijf.enqueue("afgemaakt")  # priority 10: runs first
    tweede = voorbeeldtaken.schrijf.enqueue("niet-meer")

    code, uit = draai_json("worker")

    assert (code, uit) == (0, {"taken": 1, "mislukt": 0})
    assert status(eerste) == TaskResultStatus.SUCCESSFUL
    assert Planning.objects.filter(naam="afgemaakt").exists()
    assert status(tweede) == TaskResultStatus.READY
    assert signal.getsignal(signal.SIGTERM) is voor


def test_worker_refuses_another_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with pytest.raises(CommandError) as exc:
        draai("worker", "--once")
    assert exc.value.returncode == 2
