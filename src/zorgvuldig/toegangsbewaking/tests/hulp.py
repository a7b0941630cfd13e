"""Shared test set-up of RP-06: an approved DPIA, the works council's consent, monitoring on."""

from __future__ import annotations

import datetime as dt

import time_machine

from zorgvuldig.organisaties.models import Gebruiker
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.registers.models import Dpia, Verwerkingsactiviteit
from zorgvuldig.toegangsbewaking import services

# Tuesday 10 March 2026, a working day; CET (UTC+1)
DAG = dt.date(2026, 3, 10)
AAN = dt.datetime(2026, 3, 9, 8, 0, tzinfo=dt.UTC)  # monitoring switched on the day before
VOLGENDE_DAG = dt.date(2026, 3, 11)


def op(dag: dt.date, uur: int, minuut: int = 0):
    """A moment on `dag` in Europe/Amsterdam (CET in March), frozen."""
    return time_machine.travel(
        dt.datetime(dag.year, dag.month, dag.day, uur - 1, minuut, tzinfo=dt.UTC), tick=False
    )


def dpia(vv, status: str = Dpia.Status.GOEDGEKEURD) -> Dpia:
    return Dpia.objects.create(
        verwerkingsverantwoordelijke=vv,
        verwerkingsactiviteit=Verwerkingsactiviteit.objects.get(code="toegangsbewaking"),
        status=status,
    )


def instemming(regio, fg: Gebruiker | None = None):
    return services.leg_instemming_vast(
        actor=regio.actor(fg or regio.fg),
        datum=dt.date(2026, 2, 1),
        kenmerk="OR-2026-007",
        omschrijving="Instemming met de bewaking van toegangspatronen",
    )


def aanzetten(regio, **drempels):
    """Approved DPIA + consent + activation at AAN (as the FG of the gemeente)."""
    with time_machine.travel(AAN, tick=False):
        dpia(regio.gemeente)
        instemming(regio)
        return services.activeer(actor=regio.actor(regio.fg), **drempels)


def persoon(regio, gebruiker, geslachtsnaam: str = "Jansen", **extra):
    return registreer_persoon(
        actor=regio.actor(gebruiker),
        data={"geslachtsnaam": geslachtsnaam, "bsn_ontbreekt_reden": "Fictieve testpersoon", **extra},
    )


def als_systeem() -> None:
    """Read as the system (row-level security), robust against a connection setting cached by a previous
    test whose rollback already undid it."""
    from zorgvuldig.core import tenancy
    from zorgvuldig.core.context import Actor

    tenancy.activeer(None)
    tenancy.activeer(Actor.systeem())
