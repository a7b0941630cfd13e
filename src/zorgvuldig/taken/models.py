"""Heartbeats of the worker and scheduler processes, and the schedule of the periodic jobs."""

from __future__ import annotations

from django.db import models


class Component(models.TextChoices):
    WORKER = "worker", "Worker"
    SCHEDULER = "scheduler", "Scheduler"


class Hartslag(models.Model):
    """The last sign of life of one worker or scheduler process (`tick` counts as the scheduler).

    One row per process, so several workers can run side by side; `/health` looks at the newest.
    `proces` is host name and process id: technical, never about a person.
    """

    component = models.CharField(max_length=16, choices=Component.choices)
    proces = models.CharField(max_length=64)
    gestart_op = models.DateTimeField()
    laatste_slag = models.DateTimeField(db_index=True)
    taken = models.PositiveIntegerField(default=0)  # tasks run (worker) or jobs queued (scheduler)
    mislukt = models.PositiveIntegerField(default=0)

    DATACATEGORIEEN = {
        "id": "technisch",
        "component": "technisch",
        "proces": "technisch",
        "gestart_op": "technisch",
        "laatste_slag": "technisch",
        "taken": "technisch",
        "mislukt": "technisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name = "hartslag"
        verbose_name_plural = "hartslagen"
        constraints = [models.UniqueConstraint(fields=["component", "proces"], name="uniek_hartslag_proces")]


class Planning(models.Model):
    """When a periodic job is next due. A conditional UPDATE of this row claims a run, so concurrent
    schedulers and cron ticks queue each job once per interval."""

    naam = models.CharField(max_length=100, unique=True)
    volgende_op = models.DateTimeField()
    laatst_ingepland_op = models.DateTimeField(null=True)

    DATACATEGORIEEN = {
        "id": "technisch",
        "naam": "technisch",
        "volgende_op": "technisch",
        "laatst_ingepland_op": "technisch",
    }
    BEWAARREGEL = "configuratie"

    class Meta:
        verbose_name = "planning"
        verbose_name_plural = "planningen"
