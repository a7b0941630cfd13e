"""Periodic jobs: `tick` queues each due job once per interval; the registry; `scheduler`'s building block."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connections
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from zorgvuldig.taken import periodiek
from zorgvuldig.taken.models import Component, Hartslag, Planning
from zorgvuldig.taken.tasks import opruimen, verzegel_audit
from zorgvuldig.taken.tests import voorbeeldtaken
from zorgvuldig.taken.tests.helpers import draai, draai_json

T0 = dt.datetime(2026, 3, 2, 10, 0, 30, tzinfo=dt.UTC)


def keer_gepland(taak) -> int:
    return DBTaskResult.objects.filter(task_path=taak.module_path).count()


@pytest.fixture
def eigen_register(monkeypatch):
    """An empty registry for this test, so the jobs other modules add later do not change its counts."""
    monkeypatch.setattr(periodiek, "_REGISTER", {})
    monkeypatch.setattr(periodiek, "_ontdekt", True)
    return periodiek


def test_the_jobs_of_today_are_registered():
    jobs = {p.naam: p for p in periodiek.alle()}
    assert jobs["audit.verzegelen"].taak is verzegel_audit
    assert jobs["audit.verzegelen"].elke == dt.timedelta(minutes=1)
    assert jobs["taken.opruimen"].taak is opruimen
    assert jobs["taken.opruimen"].elke == dt.timedelta(hours=1)


@pytest.mark.django_db
def test_tick_queues_due_jobs_exactly_once_per_interval():
    with time_machine.travel(T0, tick=False):
        code, uit = draai_json("tick")
        assert code == 0 and uit["ingepland"] >= 2
        assert keer_gepland(verzegel_audit) == 1 and keer_gepland(opruimen) == 1
        # The scheduler's heartbeat comes from the tick (cron + tick replaces a running scheduler).
        assert Hartslag.objects.filter(component=Component.SCHEDULER).exists()

    with time_machine.travel(T0 + dt.timedelta(seconds=20), tick=False):  # same minute
        assert draai_json("tick") == (0, {"ingepland": 0})
        assert draai_json("worker", "--once")[0] == 0

    with time_machine.travel(T0 + dt.timedelta(seconds=35), tick=False):  # next minute: sealing only
        code, out = draai("tick")
        assert "audit.verzegelen" in out and "taken.opruimen" not in out
        assert keer_gepland(verzegel_audit) == 2 and keer_gepland(opruimen) == 1
        assert draai_json("tick") == (0, {"ingepland": 0})
        draai("worker", "--once")

    with time_machine.travel(dt.datetime(2026, 3, 2, 11, 0, 1, tzinfo=dt.UTC), tick=False):  # next hour
        draai("tick")
        assert keer_gepland(verzegel_audit) == 3 and keer_gepland(opruimen) == 2
        planning = Planning.objects.get(naam="taken.opruimen")
        assert planning.volgende_op == dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
    # Every cron tick beats as the scheduler, in one row per host rather than one per run.
    assert Hartslag.objects.filter(component=Component.SCHEDULER).count() == 1


@pytest.mark.django_db
def test_a_job_still_waiting_is_not_queued_again_so_a_stopped_worker_finds_no_pile():
    with time_machine.travel(T0, tick=False):
        draai("tick")
    for minuten in range(1, 4):
        with time_machine.travel(T0 + dt.timedelta(minutes=minuten), tick=False):
            draai("tick")
    assert keer_gepland(verzegel_audit) == 1
    with time_machine.travel(T0 + dt.timedelta(minutes=4), tick=False):
        draai("worker", "--once")
        draai("tick")  # this slot was already claimed (and skipped): the next run comes next minute
    with time_machine.travel(T0 + dt.timedelta(minutes=5), tick=False):
        draai("tick")
    assert keer_gepland(verzegel_audit) == 2


@pytest.mark.django_db
def test_registering_a_job_is_one_line_and_it_runs_at_its_interval(eigen_register):
    periodiek.periodiek("test.tellen", elke=dt.timedelta(days=1))(voorbeeldtaken.tel)
    with time_machine.travel(dt.datetime(2026, 3, 2, 23, 59, tzinfo=dt.UTC), tick=False):
        assert periodiek.plan_in() == ["test.tellen"]
        assert draai_json("worker", "--once") == (0, {"taken": 1, "mislukt": 0})
        assert periodiek.plan_in() == []
    with time_machine.travel(dt.datetime(2026, 3, 3, 0, 0, 1, tzinfo=dt.UTC), tick=False):
        assert periodiek.plan_in() == ["test.tellen"]  # a daily job: due again at 00:00 UTC
        assert periodiek.plan_in() == []
    assert keer_gepland(voorbeeldtaken.tel) == 2


@pytest.mark.django_db
def test_a_shortened_interval_takes_effect_at_once(eigen_register):
    periodiek.registreer("test.verzegelen", dt.timedelta(days=1), verzegel_audit)
    with time_machine.travel(T0, tick=False):
        assert periodiek.plan_in() == ["test.verzegelen"]
        draai("worker", "--once")
    eigen_register._REGISTER.clear()
    periodiek.registreer("test.verzegelen", dt.timedelta(minutes=5), verzegel_audit)
    with time_machine.travel(T0 + dt.timedelta(minutes=5), tick=False):
        assert periodiek.plan_in() == ["test.verzegelen"]


def test_registry_refuses_what_would_break_the_schedule(eigen_register):
    with pytest.raises(ValueError):
        periodiek.registreer("Geen Naam", dt.timedelta(hours=1), verzegel_audit)
    with pytest.raises(ValueError):
        periodiek.registreer("test.te_vaak", dt.timedelta(seconds=10), verzegel_audit)
    with pytest.raises(TypeError):
        periodiek.registreer("test.geen_taak", dt.timedelta(hours=1), lambda: None)  # type: ignore[arg-type]
    periodiek.registreer("test.eens", dt.timedelta(hours=1), verzegel_audit)
    with pytest.raises(ValueError):
        periodiek.registreer("test.eens", dt.timedelta(hours=1), opruimen)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_ticks_queue_a_job_once(eigen_register):
    """Two schedulers (or a scheduler and a cron tick) at the same moment: the conditional UPDATE on the
    schedule row lets exactly one of them queue the job."""
    periodiek.registreer("test.verzegelen", dt.timedelta(hours=1), verzegel_audit)
    start = threading.Barrier(4)
    uitkomsten: list[list[str]] = []
    fouten: list[BaseException] = []

    def tick():
        try:
            start.wait()
            uitkomsten.append(periodiek.plan_in(T0))
        except BaseException as exc:
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tick) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    assert sorted(map(len, uitkomsten)) == [0, 0, 0, 1]
    assert (
        DBTaskResult.objects.filter(
            task_path=verzegel_audit.module_path, status=TaskResultStatus.READY
        ).count()
        == 1
    )
