"""Periodic job of the data-breach register: the 72-hour clock's alerts to the FG (RG-03)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from zorgvuldig.taken.periodiek import periodiek


@periodiek("datalekken.klok", elke=dt.timedelta(minutes=15))
@task
def klok() -> dict:
    """E-mail the FG(s) once per mark (24 h, 48 h, 72 h after discovery) while a breach is undecided."""
    from zorgvuldig.datalekken import services

    return {"gewaarschuwd": services.waarschuw()}
