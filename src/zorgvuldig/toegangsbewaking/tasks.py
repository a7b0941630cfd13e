"""Periodic job of access-pattern monitoring (RP-06): the daily look at the previous day's audit entries."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from zorgvuldig.taken.periodiek import periodiek


@periodiek("toegangsbewaking.dagelijks", elke=dt.timedelta(hours=24))
@task
def dagelijks() -> dict:
    """For each controller with monitoring on: alerts from yesterday's (and missed days') audit entries."""
    from zorgvuldig.toegangsbewaking import services

    return services.dagelijks()
