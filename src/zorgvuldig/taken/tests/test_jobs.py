"""The periodic jobs of today, run the way production runs them: tick queues, the worker runs."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from zorgvuldig.audit import services as audit
from zorgvuldig.audit.models import AuditRegel, Wachtrij, Zegel
from zorgvuldig.core.models import IdempotentVerzoek
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.taken import hartslag
from zorgvuldig.taken.models import Component, Hartslag
from zorgvuldig.taken.tasks import opruimen, verzegel_audit
from zorgvuldig.taken.tests import voorbeeldtaken
from zorgvuldig.taken.tests.helpers import draai, draai_json

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 10, 0, 30, tzinfo=dt.UTC)


def test_au_03_the_sealing_job_seals_what_the_trigger_queued(regio):
    """AU-03: entries written by acts get a chain position (volgnummer) once the job has run."""
    for naam in ("Jansen", "De Boer"):
        registreer_persoon(
            actor=regio.actor(regio.medewerker),
            data={"geslachtsnaam": naam, "bsn_ontbreekt_reden": "Nog niet bekend bij de intake"},
        )
    regels = set(AuditRegel.objects.values_list("id", flat=True))
    assert regels and set(Wachtrij.objects.values_list("regel_id", flat=True)) == regels
    assert not Zegel.objects.exists()

    draai("tick")
    assert DBTaskResult.objects.filter(task_path=verzegel_audit.module_path).count() == 1
    assert draai_json("worker", "--once")[0] == 0

    zegels = dict(Zegel.objects.filter(regel_id__in=regels).values_list("regel_id", "volgnummer"))
    assert set(zegels) == regels
    assert sorted(zegels.values()) == list(range(1, len(regels) + 1))
    # what was queued is sealed; entries of jobs that ran after it (the sweep logs every run, RT-09) wait
    assert not Wachtrij.objects.filter(regel_id__in=regels).exists()
    uitkomst = DBTaskResult.objects.get(task_path=verzegel_audit.module_path)
    assert uitkomst.status == TaskResultStatus.SUCCESSFUL
    assert uitkomst.return_value == {"verzegeld": len(regels)}
    assert audit.verifieer().ok


def idempotent(moment) -> IdempotentVerzoek:
    with time_machine.travel(moment, tick=False):
        return IdempotentVerzoek.objects.create(
            beller="b", sleutel=str(moment), verzoek_hash="0" * 64, verwerkingsverantwoordelijke_id_ref=1
        )


def test_clean_up_deletes_expired_idempotency_keys_and_old_task_results_only():
    oud = idempotent(T0 - dt.timedelta(hours=25))
    vers = idempotent(T0 - dt.timedelta(hours=23))
    with time_machine.travel(T0 - dt.timedelta(days=8), tick=False):
        oud_resultaat = voorbeeldtaken.schrijf.enqueue("oud")
        draai("worker", "--once")
        oud_wachtend = voorbeeldtaken.schrijf.using(run_after=T0 + dt.timedelta(days=1)).enqueue("wacht")
    with time_machine.travel(T0 - dt.timedelta(days=6), tick=False):
        recent = voorbeeldtaken.schrijf.enqueue("recent")
        draai("worker", "--once")

    with time_machine.travel(T0, tick=False):
        resultaat = opruimen.call()

    assert resultaat["idempotentieSleutels"] == 1 and resultaat["taakresultaten"] == 1
    assert list(IdempotentVerzoek.objects.values_list("id", flat=True)) == [vers.id]
    assert not IdempotentVerzoek.objects.filter(id=oud.id).exists()
    over = set(DBTaskResult.objects.values_list("id", flat=True))
    assert {str(i) for i in over} == {oud_wachtend.id, recent.id}
    assert oud_resultaat.id not in {str(i) for i in over}


def test_clean_up_marks_the_task_of_a_vanished_worker_failed_but_not_of_a_living_one():
    verdwenen = voorbeeldtaken.schrijf.enqueue("verdwenen")
    herstart = voorbeeldtaken.schrijf.enqueue("herstart")
    levend = voorbeeldtaken.schrijf.enqueue("levend")
    with time_machine.travel(T0, tick=False):
        DBTaskResult.objects.get(id=verdwenen.id).claim("oude-host:4242")
        DBTaskResult.objects.get(id=herstart.id).claim("container:1")
        DBTaskResult.objects.get(id=levend.id).claim("host:7")
        hartslag.slag(Component.WORKER, "oude-host:4242", T0)
    with time_machine.travel(T0 + dt.timedelta(minutes=10), tick=False):
        hartslag.slag(Component.WORKER, "host:7", T0)  # still beating while its long task runs
        # Same host:pid, but a new process started after the task: the task's worker is gone.
        hartslag.slag(Component.WORKER, "container:1", T0 + dt.timedelta(minutes=9))
        assert opruimen.call()["verweesd"] == 2

    for weg in DBTaskResult.objects.filter(id__in=[verdwenen.id, herstart.id]):
        assert weg.status == TaskResultStatus.FAILED
        assert weg.exception_class_path == "zorgvuldig.taken.worker.WorkerVerdwenen"
        assert weg.task_result.errors[0].exception_class.__name__ == "WorkerVerdwenen"
    assert DBTaskResult.objects.get(id=levend.id).status == TaskResultStatus.RUNNING


def test_clean_up_keeps_the_newest_heartbeat_per_component():
    with time_machine.travel(T0 - dt.timedelta(days=3), tick=False):
        hartslag.slag(Component.WORKER, "a:1", T0)
    with time_machine.travel(T0 - dt.timedelta(days=2), tick=False):
        hartslag.slag(Component.WORKER, "a:2", T0)
        hartslag.slag(Component.SCHEDULER, "a:3", T0)
    with time_machine.travel(T0, tick=False):
        hartslag.slag(Component.SCHEDULER, "a:4", T0)
        assert opruimen.call()["hartslagen"] == 2
    assert set(Hartslag.objects.values_list("proces", flat=True)) == {"a:2", "a:4"}
