"""Delivery jobs: right after an event commits (`bezorg_direct`) and every minute as the fallback."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from zorgvuldig.taken.periodiek import periodiek


@periodiek("berichten.bezorgen", elke=dt.timedelta(minutes=1))
@task
def bezorgen() -> dict:
    from zorgvuldig.berichten.bezorging import bezorg

    return bezorg()


@task
def bezorg_direct(bericht_id: int) -> dict:
    """Queued by `plaats_email` after commit, so a user does not wait for the next periodic run."""
    from zorgvuldig.berichten.bezorging import bezorg

    return bezorg(ids=[bericht_id])
