"""Tasks for the tests only: module-level, so the worker can import them by path."""

from __future__ import annotations

import os
import signal

from django.tasks import task

from zorgvuldig.taken.models import Planning


@task
def schrijf(naam: str) -> str:
    """A visible effect in the database, so a test sees that the task really ran."""
    Planning.objects.create(naam=naam, volgende_op="2026-01-01T00:00:00Z")
    return naam


@task
def tel() -> int:
    return Planning.objects.count()


@task
def faal() -> None:
    raise ValueError("BSN 999993653 van j.jansen@example.org klopt niet")


@task(priority=10)
def stuur_sigterm_en_schrijf(naam: str) -> str:
    """Asks its own worker to stop while it runs (as systemd does on `systemctl stop`), then finishes."""
    os.kill(os.getpid(), signal.SIGTERM)
    Planning.objects.create(naam=naam, volgende_op="2026-01-01T00:00:00Z")
    return naam
