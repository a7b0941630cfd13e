"""Periodic job of monitoring exports (RP-04): unfetched exports do not wait forever."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from zorgvuldig.taken.periodiek import periodiek


@periodiek("monitoring.opruimen", elke=dt.timedelta(hours=1))
@task
def opruimen() -> dict:
    """Wipe the content of exports not fetched within ZORGVULDIG_MONITORING_EXPORT_DAYS."""
    from zorgvuldig.monitoring import services

    return {"verlopen": services.ruim_op()}
