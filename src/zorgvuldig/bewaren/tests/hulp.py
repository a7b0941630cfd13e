"""Test helpers for retention: a closed dossier and travelling to the day it is due."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from zorgvuldig.dossiers import services as dossiers
from zorgvuldig.dossiers.tests import hulp


def op(datum: dt.date) -> dt.datetime:
    """Noon on a date, Europe/Amsterdam, for time_machine."""
    return dt.datetime.combine(datum, dt.time(12), tzinfo=ZoneInfo("Europe/Amsterdam"))


def gesloten_dossier(regio, persoon=None, einddatum: dt.date | None = None, gebruiker=None):
    """A dossier opened, started, with one note and closed on `einddatum` (RT-01 starts the clock)."""
    gebruiker = gebruiker or regio.medewerker
    einddatum = einddatum or dt.date.today()
    with time_machine.travel(op(einddatum), tick=False):
        d = hulp.dossier(regio, gebruiker, persoon=persoon)
        hulp.gestart(regio, d, gebruiker)
        hulp.notitie(regio, d, gebruiker)
        return dossiers.sluit_af(
            actor=regio.actor(gebruiker),
            uuid=d.uuid,
            data={
                "einddatum": einddatum,
                "client_oordeel": "Tevreden over de hulp.",
                "resultaten": "Terug op school.",
                "reden": "afgerond",
            },
        )


def verzoek(regio, persoon, **velden):
    """A request of the municipal team about `persoon`, handled by the leidinggevende; `velden` gives
    its kind, state and whatever else the test needs."""
    from zorgvuldig.rechten.models import Verzoek

    return Verzoek.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        persoon=persoon,
        behandelaar=regio.leidinggevende,
        **{"hoedanigheid": "zelf", "ontvangen_op": dt.date.today(), **velden},
    )


def toegewezen_verzoek(regio, persoon):
    """A granted destruction request (RI-10) of everything about the person."""
    from zorgvuldig.conftest import als_systeem

    als_systeem()
    return verzoek(regio, persoon, soort="vernietiging", status="toegewezen")


def goedgekeurde_lijst(regio, peildatum, items=()):
    """A destruction list made, optionally judged, and approved by the leidinggevende and the FG (RT-13)."""
    from zorgvuldig.bewaren import services

    lijst = services.maak_lijst(actor=regio.actor(regio.leidinggevende), peildatum=peildatum)
    if items:
        services.beoordeel(actor=regio.actor(regio.leidinggevende), uuid=lijst.uuid, items=list(items))
    services.keur_goed(actor=regio.actor(regio.leidinggevende), uuid=lijst.uuid)
    services.keur_goed(actor=regio.actor(regio.fg), uuid=lijst.uuid)
    return lijst


def open_verzoek_op_toestemming(regio, persoon, toestemming):
    """An inzage request still open that relies on `toestemming` (PROTECT: the consent stays in use)."""
    return verzoek(
        regio,
        persoon,
        soort="inzage",
        status="ontvangen",
        hoedanigheid="derde_met_toestemming",
        toestemming=toestemming,
        ontvangen_op=dt.date(2026, 6, 1),
    )


def ingetrokken_toestemmingen(regio, persoon, aantal: int) -> list:
    """`aantal` secrecy releases withdrawn in 2026 (RT: due five years after), about `persoon`."""
    from zorgvuldig.toestemmingen.models import Toestemming

    return [
        Toestemming.objects.create(
            verwerkingsverantwoordelijke=regio.gemeente,
            organisatie=regio.wijkteam,
            betrokkene=persoon,
            soort="geheimhouding",
            status="ingetrokken",
            doel=f"afstemming {i}",
            vorm="schriftelijk",
            datum=dt.date(2026, 1, 5),
            geldig_tot=dt.date(2026, 6, 30),
            vastgelegd_door=regio.medewerker,
        )
        for i in range(aantal)
    ]


def zorgsignaal(regio, persoon=None, ontvangen: dt.date = dt.date(2026, 3, 2)):
    """An outreach signal received (and registered) on `ontvangen`, about `persoon` if given (RT-05)."""
    with time_machine.travel(op(ontvangen), tick=False):
        return dossiers.registreer_zorgsignaal(
            actor=regio.actor(regio.medewerker),
            team=regio.team,
            data={
                "ontvangen_op": ontvangen,
                "kanaal": "telefoon",
                "melder": {"naam": "Buurvrouw", "contact": "06-00000000"},
                "persoon": str(persoon.uuid) if persoon else None,
                "zorg": "Kinderen lijken 's avonds alleen thuis.",
            },
        )
