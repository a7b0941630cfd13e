"""`zorgvuldig scheduler` (API §3.2): the long-running form of `tick`; stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal

import pytest
from django_tasks_db.models import DBTaskResult

from zorgvuldig.taken import periodiek
from zorgvuldig.taken.models import Component, Hartslag
from zorgvuldig.taken.tasks import verzegel_audit
from zorgvuldig.taken.tests.helpers import draai

pytestmark = pytest.mark.django_db


def test_scheduler_queues_due_jobs_once_beats_and_stops_on_sigterm(monkeypatch):
    echte_plan_in = periodiek.plan_in
    rondes: list[list[str]] = []

    def plan_in_dan_stop():
        """The real round; after the second one, systemd stops the service."""
        uit = echte_plan_in()
        rondes.append(uit)
        if len(rondes) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        return uit

    monkeypatch.setattr(periodiek, "plan_in", plan_in_dan_stop)
    voor = signal.getsignal(signal.SIGTERM)

    assert draai("scheduler", "--interval", "0.1")[0] == 0

    assert len(rondes) == 2
    assert "audit.verzegelen" in rondes[0] and rondes[1] == []
    assert DBTaskResult.objects.filter(task_path=verzegel_audit.module_path).count() == 1
    slag = Hartslag.objects.get(component=Component.SCHEDULER)
    assert slag.taken == len(rondes[0])
    assert signal.getsignal(signal.SIGTERM) is voor
