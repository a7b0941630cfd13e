"""Periodic job of the rights module: warnings before a request's terms end (SPEC §9)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from zorgvuldig.taken.periodiek import periodiek


@periodiek("rechten.termijnen_bewaken", elke=dt.timedelta(hours=24))
@task
def termijnen_bewaken() -> dict:
    """E-mail the handler of every request whose decision or execution term ends within 7 days."""
    from zorgvuldig.rechten import services

    return {"gewaarschuwd": services.waarschuw_termijnen()}
