"""Periodic job of the retention engine: the sweep (RT-03, RT-09). It only cleans up (RT-12)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from zorgvuldig.taken.periodiek import periodiek


@periodiek("bewaren.opschonen", elke=dt.timedelta(hours=6))
@task
def opschonen() -> dict:
    """Destroy, anonymise or transfer what is due and allowed to go; write the tombstones."""
    from zorgvuldig.bewaren import services

    ronde = services.opschonen()
    return {"ronde": str(ronde.uuid) if ronde else None, "telling": ronde.telling if ronde else {}}
