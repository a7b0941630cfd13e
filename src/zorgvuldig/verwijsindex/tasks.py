"""Periodic jobs of the verwijsindex: they only clean up and remind (RT-12)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from zorgvuldig.taken.periodiek import periodiek


@periodiek("verwijsindex.archiveren", elke=dt.timedelta(hours=1))
@task
def archiveren() -> dict:
    """VI-21/RT-04: ended signals to the minimal archive; archive records past their term destroyed."""
    from zorgvuldig.verwijsindex import services

    return {**services.archiveer(), **services.purgeer()}


@periodiek("verwijsindex.herinneren", elke=dt.timedelta(hours=6))
@task
def herinneren() -> dict:
    """VI-20 (removal date in 14 days) and VI-14 (youth not informed after 10 working days)."""
    from zorgvuldig.verwijsindex import services

    return services.herinner()
