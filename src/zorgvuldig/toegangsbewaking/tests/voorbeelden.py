"""Examples for the generic API tests (access matrix, audit per operation): access-pattern monitoring
(RP-06). Item resources: `ondernemingsraadinstemmingen` and `toegangssignaleringen`; visible to the FG of
the gemeente only (not to wijkteam staff or the leidinggevende), the second of each pair belongs to the
school's controller."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.core import tenancy
from zorgvuldig.core.context import Actor
from zorgvuldig.toegangsbewaking.models import Instemming, Signalering


def objecten(regio) -> dict:
    from zorgvuldig.conftest import maak_gebruiker

    fg_school = maak_gebruiker(regio.school, "fg-vb@hetbaken.example.org", ["fg"], naam="Bram Smit")
    eigen_instemming = Instemming.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        datum=dt.date(2026, 2, 1),
        kenmerk="OR-1",
        vastgelegd_door=regio.fg,
    )
    ander_instemming = Instemming.objects.create(
        verwerkingsverantwoordelijke=regio.school_vv,
        datum=dt.date(2026, 2, 1),
        kenmerk="OR-2",
        vastgelegd_door=fg_school,
    )
    # Alerts are readable and writable by the FG and the system only (row-level security). Reset first: the
    # connection's cached setting may be a previous test's, which its rollback already undid.
    tenancy.activeer(None)
    tenancy.activeer(Actor.systeem())
    eigen = Signalering.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        soort="buiten_werktijd",
        gebruiker=regio.collega,
        dag=dt.date(2026, 3, 10),
        aantal=1,
    )
    ander = Signalering.objects.create(
        verwerkingsverantwoordelijke=regio.school_vv,
        organisatie=regio.school,
        soort="noodtoegang",
        gebruiker=regio.leraar,
        dag=dt.date(2026, 3, 10),
        aantal=1,
    )
    return {
        "ondernemingsraadinstemmingen": (eigen_instemming.uuid, ander_instemming.uuid),
        "toegangssignaleringen": (eigen.uuid, ander.uuid),
    }


def _signalering(regio, dag: dt.date) -> Signalering:
    tenancy.activeer(None)
    tenancy.activeer(Actor.systeem())  # alerts: the FG and the system only (row-level security)
    return Signalering.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        soort="buiten_werktijd",
        gebruiker=regio.collega,
        dag=dag,
        aantal=1,
    )


def bewaking_voorbeelden(regio) -> dict:
    """(route, method) → (user, path, body) of a successful request, for every RP-06 operation: all the
    gemeente FG's. Monitoring is switched on (approved DPIA, consent), so `_activeren` changes the
    thresholds and `_deactiveren` switches it off."""
    from zorgvuldig.toegangsbewaking import services
    from zorgvuldig.toegangsbewaking.tests import hulp

    fg = regio.fg
    hulp.dpia(regio.gemeente)
    instemming = hulp.instemming(regio)
    services.activeer(actor=regio.actor(fg))
    gezien = _signalering(regio, dt.date(2026, 3, 10))
    te_beoordelen = _signalering(regio, dt.date(2026, 3, 11))
    s = "/api/v1/toegangssignaleringen"
    o = "/api/v1/ondernemingsraadinstemmingen"
    return {
        ("api/v1/toegangsbewaking", "get"): (fg, "/api/v1/toegangsbewaking", None),
        ("api/v1/toegangsbewaking/_activeren", "post"): (
            fg,
            "/api/v1/toegangsbewaking/_activeren",
            {"maxPersonenPerDag": 40, "werktijdVan": "07:30", "werktijdTot": "19:00"},
        ),
        ("api/v1/toegangsbewaking/_deactiveren", "post"): (fg, "/api/v1/toegangsbewaking/_deactiveren", {}),
        ("api/v1/ondernemingsraadinstemmingen", "get"): (fg, o, None),
        ("api/v1/ondernemingsraadinstemmingen", "post"): (
            fg,
            o,
            {"datum": "2026-02-15", "kenmerk": "OR-2026-011", "omschrijving": "Nieuwe drempels"},
        ),
        ("api/v1/ondernemingsraadinstemmingen/<uuid:uuid>", "get"): (fg, f"{o}/{instemming.uuid}", None),
        ("api/v1/toegangssignaleringen", "get"): (fg, s, None),
        ("api/v1/toegangssignaleringen/<uuid:uuid>", "get"): (fg, f"{s}/{gezien.uuid}", None),
        ("api/v1/toegangssignaleringen/<uuid:uuid>/_beoordelen", "post"): (
            fg,
            f"{s}/{te_beoordelen.uuid}/_beoordelen",
            {"uitkomst": "navraag_gedaan", "toelichting": "Avonddienst volgens rooster."},
        ),
    }
