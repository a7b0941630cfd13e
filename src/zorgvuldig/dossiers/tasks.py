"""Periodic jobs of the dossier module: they only clean up (RT-12)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from zorgvuldig.taken.periodiek import periodiek


@periodiek("dossiers.zorgsignalen_opruimen", elke=dt.timedelta(hours=6))
@task
def zorgsignalen_opruimen() -> dict:
    """RT-05: outreach signals that led to no melding are deleted after their term."""
    from zorgvuldig.dossiers import services

    return services.ruim_zorgsignalen_op()
