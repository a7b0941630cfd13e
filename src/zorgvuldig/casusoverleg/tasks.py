"""Periodic job of the case-table module: monitoring reminders for open actions."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from zorgvuldig.taken.periodiek import periodiek


@periodiek("casusoverleg.actiepunten_herinneren", elke=dt.timedelta(hours=24))
@task
def actiepunten_herinneren() -> dict:
    """Remind the owners of actions due within three days (at most once a day each)."""
    from zorgvuldig.casusoverleg import services

    return {"herinnerd": services.herinner_actiepunten()}
